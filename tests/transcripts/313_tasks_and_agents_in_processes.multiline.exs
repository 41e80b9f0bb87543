t = Task.async(fn -> 1 + 1 end)
Task.await(t)
tasks = for i <- 1..20_000, do: Task.async(fn -> i * 2 end)
Enum.sum(Enum.map(tasks, &Task.await/1))
parent = self()
spawn(fn -> t = Task.async(fn -> Process.sleep(10); :inner end); send(parent, {:got, Task.await(t)}) end)
receive do {:got, x} -> x after 2000 -> :none end
spawn(fn -> t = Task.async(fn -> Process.sleep(500) end); send(parent, {:got, Task.yield(t, 10)}) end)
receive do {:got, x} -> x after 2000 -> :none end
spawn(fn -> t = Task.async(fn -> Process.sleep(500) end); send(parent, {:got, Task.await(t, 10)}) end)
receive do {:got, x} -> x after 2000 -> :none end
{:ok, agent} = Agent.start_link(fn -> 0 end)
for _ <- 1..100, do: spawn(fn -> Agent.update(agent, &(&1 + 1)) end)
Process.sleep(100)
Agent.get(agent, & &1)
spawn(fn -> send(parent, {:got, Agent.get(agent, fn s -> s * 10 end)}) end)
receive do {:got, x} -> x after 2000 -> :none end
defmodule Fan do
  use GenServer
  def init(n), do: {:ok, n}
  def handle_call(:fan, _from, n) do
    tasks = Enum.map(1..n, fn i -> Task.async(fn -> i * i end) end)
    {:reply, Enum.map(tasks, &Task.await/1), n}
  end
end
{:ok, fan} = GenServer.start_link(Fan, 5)
GenServer.call(fan, :fan)
Process.info(fan, :messages)
spawn(fn -> t = Task.async(fn -> raise "oops" end); Task.await(t) end)
Process.sleep(100)
length(Process.list())
