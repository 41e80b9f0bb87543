DSupervisor.start_link([])
Registry.start_link(keys: :unique, name: Registry)
via = {:via, Registry, {Registry, "room"}}
{:ok, first} = DSupervisor.start_server(5, via)
GenServer.call(via, :crash_me)
Process.sleep(50)
[{second, nil}] = Registry.lookup(Registry, "room")
second == first
Server.state(via)
GenServer.cast(via, :boom); Process.sleep(50)
[{third, nil}] = Registry.lookup(Registry, "room")
third == second
send(third, :unexpected); Process.sleep(50)
Registry.lookup(Registry, "room") == [{third, nil}]
DynamicSupervisor.count_children(DSupervisor)
