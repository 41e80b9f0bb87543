defmodule Stack do
  use GenServer
  def start_link(state), do: GenServer.start_link(__MODULE__, state)
  def init(state), do: {:ok, state}
  def handle_call(:pop, _from, [h | t]), do: {:reply, h, t}
  def handle_cast({:push, x}, s), do: {:noreply, [x | s]}
end
{:ok, sup} = Supervisor.start_link([], strategy: :one_for_one)
{:ok, s1} = Supervisor.start_child(sup, {Stack, [:a]})
GenServer.call(s1, :pop)
Supervisor.start_child(sup, {Stack, [:b]})
{:ok, s2} = Supervisor.start_child(sup, Supervisor.child_spec({Stack, []}, id: :s2))
Supervisor.count_children(sup)
Supervisor.which_children(sup)
Supervisor.terminate_child(sup, Stack)
Supervisor.which_children(sup)
Supervisor.delete_child(sup, :s2)
Supervisor.terminate_child(sup, :s2)
{:ok, s3} = Supervisor.restart_child(sup, Stack)
GenServer.call(s3, :pop)
Supervisor.restart_child(sup, Stack)
Supervisor.delete_child(sup, :s2)
Supervisor.delete_child(sup, :nope)
Supervisor.terminate_child(sup, :nope)
Supervisor.count_children(sup)
Supervisor.child_spec({Stack, []}, id: :s2, restart: :temporary)
