defmodule Worker do
  use GenServer, restart: :transient
  def start_link(arg), do: GenServer.start_link(__MODULE__, arg, name: __MODULE__)
  def init(arg), do: {:ok, arg}
  def handle_call(:get, _from, s), do: {:reply, s, s}
  def handle_call(:stop, _from, s), do: {:stop, :normal, :stopping, s}
  def handle_cast(:crash, _s), do: raise("boom")
end
Worker.child_spec(:x)
Worker.child_spec(restart: :permanent)
{:ok, sup} = Supervisor.start_link([{Worker, 1}], strategy: :one_for_one)
GenServer.call(Worker, :get)
first = Process.whereis(Worker)
GenServer.cast(Worker, :crash)
Process.sleep(50)
second = Process.whereis(Worker)
first == second
GenServer.call(Worker, :get)
GenServer.call(Worker, :stop)
Process.sleep(50)
Process.whereis(Worker)
Supervisor.which_children(sup)
Supervisor.count_children(sup)
