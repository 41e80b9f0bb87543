is_pid(self())
Process.alive?(self())
send(self(), :hi)
send(self(), {:msg, 1, "two"})
flush()
flush()
Process.sleep(10)
Process.info(self(), :message_queue_len)
send(self(), :a); send(self(), :b); :sent
Process.info(self(), :message_queue_len)
receive do m -> m end
receive do m -> m end
receive do m -> m after 50 -> :timeout end
receive do :x -> :x after 0 -> :nothing end
{:ok, s} = GenServer.start(Server, 1)
Process.register(s, :my_server)
Process.whereis(:my_server) == s
Process.register(s, :my_server)
Process.register(self(), :my_server)
Process.register(s, :second_name)
Process.registered() |> Enum.member?(:my_server)
length(Process.registered()) > 0
Process.unregister(:my_server)
Process.unregister(:my_server)
Process.whereis(:my_server)
Process.register(s, nil)
Process.register(s, "str")
Process.list() |> is_list()
count = length(Process.list()); :ok
spawn(fn -> :ok end) |> is_pid()
length(Process.list()) >= count
p = spawn(fn -> Process.sleep(:infinity) end)
Process.alive?(p)
Process.exit(p, :kill)
Process.alive?(p)
spawn(fn -> send(self(), :x) end) |> Process.alive?()
Process.exit(self(), :normal)
Process.alive?(self())
Process.exit(self(), :shutdown)
count
