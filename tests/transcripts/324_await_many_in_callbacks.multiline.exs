defmodule Fan2 do
  use GenServer
  def init(n), do: {:ok, n}
  def handle_call(:all, _from, n) do
    tasks = Enum.map(1..n, fn i -> Task.async(fn -> Process.sleep(10 * i); i * i end) end)
    {:reply, Task.await_many(tasks), n}
  end
  def handle_call(:some, _from, n) do
    tasks = Enum.map(1..n, fn i -> Task.async(fn -> Process.sleep(100 * i); i end) end)
    {:reply, Enum.map(Task.yield_many(tasks, 150), fn {_t, r} -> r end), n}
  end
end
{:ok, f} = GenServer.start_link(Fan2, 3)
GenServer.call(f, :all)
r = GenServer.call(f, :some); Process.sleep(600); r
me = self()
spawn(fn -> ts = for i <- 1..5, do: Task.async(fn -> i end); send(me, Task.await_many(ts, 1000)) end)
receive do v -> v after 2000 -> :none end
spawn(fn -> ts = [Task.async(fn -> Process.sleep(500) end)]; send(me, catch_exit_value = (try do Task.await_many(ts, 50) catch :exit, r -> {:exit, r} end)) end)
receive do {:exit, {reason, _}} -> reason after 2000 -> :none end
Process.sleep(600)
Process.info(f, :messages)
