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
f = fn {:ok, _} -> 1 end
then(:bad, f)
g = fn x -> f.(x) end
g.(:bad)
Enum.map([:bad], g)
Enum.map([:bad], &f.(&1))
apply(f, [:bad])
:bad |> then(fn x -> f.(x) end)
Enum.map([:bad], fn {:ok, _} -> 1 end)
Enum.map([{:a, 1}], fn {k, v}, x -> 1 end)
results = Enum.map(1..6, &DSupervisor.start_server(&1, :"long_server_name_number_#{&1}"))
[{:ok, a}, {:ok, b}] = results
case results do [] -> :none end
with [{:ok, _} | _] <- Enum.reverse(results), [] <- results do :ok else [] -> :empty end
with {:ok, pid} <- DSupervisor.start_server(1, :long_server_name_number_1) do pid else {:error, {:already_started, pid}} when is_pid(pid) -> :exists end
with {:ok, pid} <- DSupervisor.start_server(1, :long_server_name_number_1), do: pid
cond do results == [] -> :empty end
Enum.map(results, fn {:ok, pid} when is_pid(pid) -> :ok; {:error, _} -> :error end)
Enum.map(results ++ [:bad], fn {:ok, _} -> :ok end)
{:ok, pid} = hd(results); ^pid = self()
DynamicSupervisor.which_children(DSupervisor) |> Enum.map(fn {:undefined, pid, :worker, [Server]} -> pid end) |> length()
