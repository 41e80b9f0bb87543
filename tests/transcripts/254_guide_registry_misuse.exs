# The guide's registry lines mistyped or misused: no parens, charlists, unbalanced brackets, wrong match shapes, terminate_child by name
DSupervisor.start_link([])
Registry.start_link(keys: :unique, name: Registry)
name = {:via, Registry, {Registry, "cool_name"}}
DSupervisor.start_server 42, name
Registry.lookup Registry, "cool_name"
Registry.lookup(Registry, 'cool_name')
Registry.lookup(Registry, cool_name)
DSupervisor.start_server(42, {:via, Registry, {Registry, "cool_name"}}))
DSupervisor.start_server(42, {:via, Registry, {Registry, "cool_name"})
[{pid, _value}] == Registry.lookup(Registry, "cool_name")
{pid, _value} = Registry.lookup(Registry, "cool_name")
[pid] = Registry.lookup(Registry, "cool_name")
pid
DynamicSupervisor.terminate_child(DSupervisor, "cool_name")
DynamicSupervisor.terminate_child(DSupervisor, name)
DynamicSupervisor.terminate_child(DSupervisor, elem(pid, 0)); Process.sleep(10)
Registry.lookup(Registry, "cool_name") |> hd() |> elem(0) |> then(&DynamicSupervisor.terminate_child(DSupervisor, &1))
Registry.lookup(Registry, "cool_name")
Server.state(name)
[{pid, _value}] = Registry.lookup(Registry, "cool_name")
DSupervisor.start_server(42, name) |> IO.inspect() |> elem(1) |> Process.alive?()
Registry.start_link(keys: :unique, name: :registry)
name = {:via, Registry, {:registry, "another_name"}}
DSupervisor.start_server(42, name)
Registry.lookup(:registry, "another_name")
Registry.lookup(Registry, "another_name")
Registry.lookup("registry", "another_name")
Registry.start_link(keys: :unique, name: "registry")
Registry.start_link(keys: :unique)
Registry.start_link(name: :reg2)
