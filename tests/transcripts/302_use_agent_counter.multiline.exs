defmodule Counter do
  use Agent
  def start_link(initial_value) do
    Agent.start_link(fn -> initial_value end, name: __MODULE__)
  end
  def value do
    Agent.get(__MODULE__, & &1)
  end
  def increment do
    Agent.update(__MODULE__, &(&1 + 1))
  end
end
Counter.child_spec(0)
{:ok, pid} = Counter.start_link(10)
Counter.increment()
Counter.value()
Counter.start_link(0)
Agent.stop(Counter)
Counter.value()
{:ok, sup} = Supervisor.start_link([Counter], strategy: :one_for_one)
Counter.value()
Counter.increment()
Process.sleep(50)
Counter.value()
Supervisor.which_children(sup)
Supervisor.stop(sup)
{:ok, sup} = Supervisor.start_link([{Counter, 0}], strategy: :one_for_one)
Counter.increment()
Process.exit(Process.whereis(Counter), :kill)
Process.sleep(50)
Counter.value()
Supervisor.start_link([{Counter, 5}], strategy: :one_for_one)
