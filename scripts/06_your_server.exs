# Write the Server yourself: the guide's last step keeps the Registry inside it, so
# callers name a server by any string (no atom is made for it), and a killed server
# comes back under the same name.
Registry.start_link(keys: :unique, name: :registry)
DSupervisor.start_link([])
defmodule Server do use GenServer; def start_link({init_arg, name}), do: GenServer.start_link(__MODULE__, init_arg, name: registry_name(name)); @impl true; def init(arg), do: {:ok, arg}; def state(name), do: GenServer.call(registry_name(name), :state); @impl true; def handle_call(:state, _from, state), do: {:reply, state, state}; defp registry_name(name), do: {:via, Registry, {:registry, name}} end
for i <- 1..1000, do: DSupervisor.start_server(i, "room_#{i}"); :ok
Server.state("room_42")
[{pid, nil}] = Registry.lookup(:registry, "room_42")
Process.exit(pid, :kill)
Process.sleep(50)
[{new_pid, nil}] = Registry.lookup(:registry, "room_42")
new_pid == pid
Server.state("room_42")
DynamicSupervisor.terminate_child(DSupervisor, new_pid)
Registry.lookup(:registry, "room_42")
Server.state("room_42")
Server.registry_name("room_1")
DynamicSupervisor.count_children(DSupervisor)
