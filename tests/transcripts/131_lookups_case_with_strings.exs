{:ok, _} = Registry.start_link(keys: :unique, name: MyRegistry)
{:ok, _} = DynamicSupervisor.start_link(strategy: :one_for_one, name: MySup)
names = ["alpha", "beta", "gamma"]
for n <- names, do: DynamicSupervisor.start_child(MySup, {Server, {0, {:via, Registry, {MyRegistry, n}}}}) |> elem(0)
pids = Enum.reduce(names, %{}, fn n, acc -> [{pid, _}] = Registry.lookup(MyRegistry, n); Map.put(acc, n, pid) end)
map_size(pids)
Map.keys(pids)
Enum.map(pids, fn {n, p} -> {n, is_pid(p)} end)
case Registry.lookup(MyRegistry, "alpha") do [{pid, _}] when is_pid(pid) -> :found; [] -> :missing end
case Registry.lookup(MyRegistry, "zeta") do [{pid, _}] when is_pid(pid) -> :found; [] -> :missing end
cond do Registry.lookup(MyRegistry, "beta") == [] -> :none; true -> :some end
with [{pid, _}] <- Registry.lookup(MyRegistry, "gamma"), true <- Process.alive?(pid), do: :alive
with [{pid, _}] <- Registry.lookup(MyRegistry, "zeta"), true <- Process.alive?(pid), do: :alive
with [{_pid, _}] <- Registry.lookup(MyRegistry, "zeta") do :ok else [] -> {:error, :not_found} end
Registry.count(MyRegistry)
Registry.select(MyRegistry, [{{:"$1", :_, :_}, [], [:"$1"]}]) |> Enum.sort()
Keyword.keys([alpha: 1, beta: 2])
Keyword.get([name: "x"], :name)
Keyword.fetch!([name: "x"], :other)
Map.fetch!(pids, "zeta")
Map.get(pids, "zeta", :none)
"room_" <> Integer.to_string(42)
name = "user" <> "_" <> "#{7}"
"#{name}: #{length(names)} names, avg #{10 / 4}"
"#{3.0}"
"#{1/3}"
"#{100000000000000000.0}"
"#{1.0e-5}"
"#{-0.0}"
Float.round(2.5678, 2)
:erlang.float_to_binary(3.14159, decimals: 2)
Integer.to_string(255, 16)
String.pad_leading("7", 3, "0")
Enum.join(names, ", ")
Enum.map_join(names, "|", &String.upcase/1)
{:via, Registry, {MyRegistry, "alpha"}} |> GenServer.whereis() |> is_pid()
Enum.into([{"a", 1}], %{})
Map.new(names, fn n -> {String.to_atom(n), String.length(n)} end)
Enum.zip(names, 1..3) |> Enum.into(%{})
