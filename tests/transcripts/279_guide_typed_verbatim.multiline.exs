defmodule Server do
  use GenServer

  def start_link({init_arg, name}) do
    GenServer.start_link(__MODULE__, init_arg, name: name)
  end

  @impl true
  def init(arg) do
    {:ok, arg}
  end

  def state(name) do
    GenServer.call(name, :state)
  end

  @impl true
  def handle_call(:state, _from, state) do
    {:reply, state, state}
  end
end
initial_value = 123
server_name = :server
Server.start_link({initial_value, server_name})
Server.start_link({123, "server"})
defmodule DSupervisor do
  use DynamicSupervisor

  def start_link(init_arg) do
    DynamicSupervisor.start_link(__MODULE__, init_arg, name: __MODULE__)
  end

  @impl true
  def init(_init_arg) do
    DynamicSupervisor.init(strategy: :one_for_one)
  end

  def start_server(initial_value, name) do
    DynamicSupervisor.start_child(__MODULE__, {Server, {initial_value, name}})
  end
end
DSupervisor.start_link([])
DSupervisor.start_server(321, :test)
Server.state(:server) |> IO.inspect()
Registry.start_link(keys: :unique, name: Registry)
name = {:via, Registry, {Registry, "cool_name"}}
DSupervisor.start_server(42, name)
[{pid, _value}] = Registry.lookup(Registry, "cool_name")
DynamicSupervisor.terminate_child(DSupervisor, pid)
Registry.lookup(Registry, "cool_name")
Registry.start_link(keys: :unique, name: :registry)
name = {:via, Registry, {:registry, "another_name"}}
DSupervisor.start_server(42, name)
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
DSupervisor.start_server(7, "third_name")
Server.state("third_name")
[{pid, nil}] = Registry.lookup(:registry, "third_name")
Process.exit(pid, :kill)
Process.sleep(100)
Registry.lookup(:registry, "third_name")
Server.state("nobody")
