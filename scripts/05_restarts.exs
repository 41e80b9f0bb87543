# A crash, a restart under the same name, and the restart limit:
# more than 3 restarts in 5 seconds and the supervisor gives up, taking the shell with it.
{:ok, sup} = DSupervisor.start_link([])
Registry.start_link(keys: :unique, name: Registry)
{:ok, first} = DSupervisor.start_server(7, {:via, Registry, {Registry, "lobby"}})
Process.exit(first, :kill)
[{second, nil}] = Registry.lookup(Registry, "lobby")
second == first
Server.state({:via, Registry, {Registry, "lobby"}})
GenServer.call({:via, Registry, {Registry, "lobby"}}, :boom)
Server.state({:via, Registry, {Registry, "lobby"}})
Process.exit(GenServer.whereis({:via, Registry, {Registry, "lobby"}}), :kill)
Process.exit(GenServer.whereis({:via, Registry, {Registry, "lobby"}}), :kill)
Process.exit(GenServer.whereis({:via, Registry, {Registry, "lobby"}}), :kill)
Process.whereis(DSupervisor)
Registry.lookup(Registry, "lobby")
