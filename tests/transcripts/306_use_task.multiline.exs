defmodule Greeter do
  use Task
  def start_link(name) do
    Task.start_link(__MODULE__, :run, [name])
  end
  def run(name) do
    Process.sleep(10)
    IO.puts("hello #{name}")
  end
end
Greeter.child_spec("bob")
{:ok, pid} = Greeter.start_link("ann")
Process.sleep(20)
Process.alive?(pid)
defmodule Math do
  def slow_double(x) do
    Task.async(fn -> Process.sleep(10); x * 2 end)
  end
  def parallel(list) do
    list |> Enum.map(&slow_double/1) |> Enum.map(&Task.await/1)
  end
end
Math.parallel([1, 2, 3])
task = Math.slow_double(21)
Task.await(task)
Task.yield(Task.async(fn -> Process.sleep(500) end), 50)
{:ok, sup} = Supervisor.start_link([{Greeter, "cat"}], strategy: :one_for_one)
Process.sleep(20)
Supervisor.which_children(sup)
Task.await(Task.async(fn -> Process.sleep(200) end), 50)
