# The guide, line by line: a GenServer named by an atom, a DynamicSupervisor,
# then names through a Registry, which go away by themselves.
initial_value = 123
server_name = :server
Server.start_link({initial_value, server_name})
Server.start_link({123, "server"})
DSupervisor.start_link([])
DSupervisor.start_server(321, :test)
Server.state(:server) |> IO.inspect()
Registry.start_link(keys: :unique, name: Registry)
name = {:via, Registry, {Registry, "cool_name"}}
DSupervisor.start_server(42, name)
Server.state(name)
[{pid, _value}] = Registry.lookup(Registry, "cool_name")
DynamicSupervisor.terminate_child(DSupervisor, pid)
Registry.lookup(Registry, "cool_name")
Registry.start_link(keys: :unique, name: :registry)
name = {:via, Registry, {:registry, "another_name"}}
DSupervisor.start_server(42, name)
Server.state(name)
