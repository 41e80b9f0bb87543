defmodule Server do
  use GenServer
  def start_link({init_arg, name}) do
    GenServer.start_link(__MODULE__, init_arg, name: registry_name(name))
  end
  @impl true
  def init(arg) do
    {:ok, arg}
  end
  def state(name) do
    GenServer.call(registry_name(name), :state)
  end
  @impl true
  def handle_call(:state, _from, state) do
    {:reply, state, state}
  end
  defp registry_name(name), do: {:via, Registry, {:registry, name}}
end
Registry.start_link(keys: :unique, name: :registry)
DSupervisor.start_link([])
{:ok, pid} = DSupervisor.start_server(42, "cool_name")
Server.state("cool_name")
Registry.lookup(:registry, "cool_name")
DynamicSupervisor.terminate_child(DSupervisor, pid)
Registry.lookup(:registry, "cool_name")
{:ok, pid} = DynamicSupervisor.start_child(DSupervisor, {Server, {1, "b"}})
Process.exit(pid, :kill)
Process.sleep(50)
Registry.lookup(:registry, "b")
