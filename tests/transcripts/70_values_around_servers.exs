{:ok, sup} = DSupervisor.start_link([])
names = for n <- 1..30, do: "room_#{n}"
Registry.start_link(keys: :unique, name: Registry)
results = for name <- Enum.take(names, 5), do: DSupervisor.start_server(0, {:via, Registry, {Registry, name}})
Enum.map(results, fn {:ok, pid} -> is_pid(pid) end)
{:ok, pid} = hd(results)
"pid is #{inspect pid}"
"pid is #{inspect(pid, label: "x")}"
IO.inspect(pid, label: "the pid")
results |> Enum.count() |> IO.inspect(label: "count")
[{p, nil}] = Registry.lookup(Registry, "room_1")
p == pid
{:ok, other} = DSupervisor.start_server(1, {:via, Registry, {Registry, "room_1"}})
{:error, {:already_started, same}} = DSupervisor.start_server(1, {:via, Registry, {Registry, "room_1"}})
same == pid
DynamicSupervisor.which_children(DSupervisor) |> length()
DynamicSupervisor.which_children(DSupervisor) |> Enum.map(fn {_, pid, _, _} -> Server.state(pid) end)
DynamicSupervisor.count_children(DSupervisor)
Map.new(Enum.take(names, 3), fn n -> {n, Registry.lookup(Registry, n)} end)
Enum.map(names, &String.to_atom/1)
names
Enum.with_index(names)
case DSupervisor.start_server(5, :atom_name) do {:ok, pid} -> {:started, pid}; {:error, reason} -> reason end
case DSupervisor.start_server(5, :atom_name) do {:ok, pid} -> {:started, pid}; {:error, reason} -> reason end
with {:ok, a} <- DSupervisor.start_server(1, :a1), {:ok, b} <- DSupervisor.start_server(2, :a1) do {a, b} end
with {:ok, a} <- DSupervisor.start_server(1, :a2), {:ok, b} <- DSupervisor.start_server(2, :a3) do Server.state(a) + Server.state(b) end
starter = fn name -> DSupervisor.start_server(0, name) end
starter.(:s1)
starter.("bad")
for name <- names, String.ends_with?(name, "0"), do: String.upcase(name)
for name <- names, n = String.length(name), n > 6, do: {name, n}
v()
v(-2)
v(1)
x = 5
x + y
%{a: 1, b: 2} |> Map.put(:c, pid)
[ok: pid, error: :nope]
{:ok, pid, :extra}
