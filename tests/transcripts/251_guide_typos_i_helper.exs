# The guide's own lines typed with typos, then iex's i/1 and v/0,1 helpers
DSupervisor.start_link([])
Registry.start_link(keys: :unique, name: Registry)
DSupervisor.start_server(42 {:via, Registry, {Registry, "cool_name"}})
DSupervisor.start_server(42, {:via, Registry, {Registry, "cool_name"}})
Registy.lookup(Registry, "cool_name")
registry.lookup(Registry, "cool_name")
Registry.lookup(Registry "cool_name")
[{pid, _value}] = Registry.lookup(Registry, "nope")
[{pid, _value}] = Registry.lookup(Registry, "cool_name")
|> IO.inspect()
Server.state({:via, Registry, {Registry, "cool_name"}}) |> IO.inspect() |> IO.inspect()
Server.state({:via, Registry, {Registry, "cool_name"}}) |> IO.inspect(label: "state") |> IO.inspect(label: "again")
i pid
v()
v(2)
DynamicSupervisor.terminate_child(DSupervisor, pid)
DynamicSuperviser.terminate_child(DSupervisor, pid)
DynamicSupervisor.terminate_child(DSupervisor pid)
DynamicSupervisor.terminate_child(DSupervisor, pid)
Registry.lookup(Registry, "cool_name")
Server.state(:server) |> IO.inspect
Server.state(:server) |> IO.inspect()
DSupervisor.start_server(321, :test)
Server.state(:test) |> IO.inspect()
Server.state(:test) |> IO.inspect() |> IO.inspect()
Server.state(:test) |> IO.inspect |> IO.inspect
name = {:via, Registry, {Registry, "cool_name"}}
name = {:via, Registry, {Registy, "cool_name"}}
DSupervisor.start_server(42, name)
i self()
{:ok, pid} = Agent.start_link(fn -> 1 end, name: :ag)
i(:ok)
i 42
i "hi"
i [1, 2]
i {:ok, 1}
i %{a: 1}
i()
dead = spawn(fn -> :ok end); Process.sleep(10); i dead
i 1.5
i 'ab'
i [a: 1]
i true
i nil
i :"with space"
i []
i ""
i pid
i make_ref()
