# Chat rooms come and go: each is a server named by a string in the Registry.
# Strings are not atoms, so the atom table does not grow however many rooms open;
# rooms named by atoms grow it by one atom each, for good.
DSupervisor.start_link([])
Registry.start_link(keys: :unique, name: Registry)
for i <- 1..10, do: DSupervisor.start_server(i, {:via, Registry, {Registry, "warm_up_#{i}"}}); :ok
atoms = :erlang.system_info(:atom_count); :ok
for i <- 1..200, do: DSupervisor.start_server(i, {:via, Registry, {Registry, "room_#{i}"}}); :ok
Registry.count(Registry)
:erlang.system_info(:atom_count) == atoms
Server.state({:via, Registry, {Registry, "room_150"}})
DSupervisor.start_server(0, {:via, Registry, {Registry, "room_7"}})
for i <- 1..100, do: DynamicSupervisor.terminate_child(DSupervisor, GenServer.whereis({:via, Registry, {Registry, "room_#{i}"}})); :ok
Registry.count(Registry)
Registry.lookup(Registry, "room_7")
DynamicSupervisor.count_children(DSupervisor)
for i <- 1..50, do: DSupervisor.start_server(i, String.to_atom("atom_room_#{i}")); :ok
:erlang.system_info(:atom_count) - atoms >= 50
for i <- 1..50, do: DynamicSupervisor.terminate_child(DSupervisor, Process.whereis(String.to_atom("atom_room_#{i}"))); :ok
:erlang.system_info(:atom_count) - atoms >= 50
