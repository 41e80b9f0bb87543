{:ok, free} = GenServer.start(Server, 1, name: :free)
GenServer.call(:free, :unknown)
Process.alive?(free)
Process.whereis(:free)
{:ok, pid} = GenServer.start(Server, %{list: [1, 2, 3]})
GenServer.call(pid, {:bad, "request"}, 1000)
me = self()
{:ok, linked} = Server.start_link({2, :linked})
GenServer.call(:linked, :unknown)
self() == me
me2 = self()
Process.whereis(:linked)
{:ok, quiet} = Server.start_link({3, nil})
GenServer.cast(quiet, :boom); Process.sleep(100)
self() == me2
me
Process.alive?(me)
Server.start_link({4, :after})
Server.state(:after)
