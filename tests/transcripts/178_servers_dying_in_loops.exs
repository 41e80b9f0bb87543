# Enum over servers that die: terminate_child in a loop, kills and restarts, calls to dead via names, try/rescue/catch around them
Registry.start_link(keys: :unique, name: Rooms)
DSupervisor.start_link([])
via = &{:via, Registry, {Rooms, &1}}
pids = Enum.map(1..3, fn i -> {:ok, pid} = DSupervisor.start_server(i, via.("r#{i}")); pid end)
Enum.map(pids, &Process.alive?/1)
Enum.map(pids, &DynamicSupervisor.terminate_child(DSupervisor, &1))
Enum.map(pids, &DynamicSupervisor.terminate_child(DSupervisor, &1))
Enum.map(pids, &Process.alive?/1)
Enum.map(1..3, &Registry.lookup(Rooms, "r#{&1}"))
Server.state(via.("r1"))
try do Server.state(via.("r1")) catch :exit, reason -> {:caught, reason} end
try do Server.state(via.("r1")) rescue e -> {:rescued, e} catch kind, _ -> {:caught, kind} end
catch_exit = fn f -> try do f.() catch :exit, r -> elem(r, 0) end end
catch_exit.(fn -> Server.state(via.("r2")) end)
Enum.map(1..3, fn i -> catch_exit.(fn -> Server.state(via.("r#{i}")) end) end)
{:ok, a} = DSupervisor.start_server(:a, :a)
Process.exit(a, :kill); Process.sleep(50)
Process.alive?(a)
b = Process.whereis(:a)
a == b
Server.state(:a)
Enum.each([:a], &GenServer.stop/1)
Process.whereis(:a)
GenServer.stop(:a)
GenServer.stop(via.("r1"))
GenServer.call(via.("nope"), :state, 100)
GenServer.call(:nope, :state)
GenServer.cast(:nope, :hi)
GenServer.cast(via.("nope"), :hi)
send(:nope, :hi)
send(via.("nope"), :hi)
Registry.dispatch(Rooms, "nope", fn entries -> IO.inspect(entries) end)
DynamicSupervisor.count_children(DSupervisor)
