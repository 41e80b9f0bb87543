spawn(Enum, :sum, [[1, 2, 3]]) |> is_pid()
p = spawn(Process, :sleep, [100]); Process.alive?(p)
defmodule Echo do
  def loop(parent) do
    receive do
      {:echo, msg} -> send(parent, {:echoed, msg}); loop(parent)
      :stop -> :ok
    end
  end
end
pid = spawn(Echo, :loop, [self()])
send(pid, {:echo, :hi}); receive do m -> m end
send(pid, :stop); Process.sleep(10); Process.alive?(pid)
{pid2, ref} = spawn_monitor(Echo, :nope, [1]); Process.sleep(100)
receive do {:DOWN, ^ref, _, _, reason} -> reason end
spawn(1, :f, [])
spawn(Enum, 1, [])
spawn(Enum, :sum, :x)
