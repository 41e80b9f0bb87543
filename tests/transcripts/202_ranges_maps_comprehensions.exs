# Stepped ranges, Map.new/update/merge of names to pids, comprehensions with into: and uniq:, then/tap, IO.inspect labels in lookup pipelines
Registry.start_link(keys: :unique, name: Rooms)
DSupervisor.start_link([])
1..10//2
Enum.to_list(1..10//2)
Enum.to_list(10..1//-3)
Enum.to_list(1..10//-1)
1..10//0
Enum.sum(1..100//10)
Range.new(1, 9, 4)
for i <- 1..9//4, do: DSupervisor.start_server(i, {:via, Registry, {Rooms, "room_#{i}"}})
pids = Map.new(Registry.select(Rooms, [{{:"$1", :"$2", :_}, [], [{{:"$1", :"$2"}}]}]))
Map.keys(pids)
Map.new(["room_1", "room_5"], &{&1, Server.state({:via, Registry, {Rooms, &1}})})
Map.new([a: 1, b: 2], fn {k, v} -> {v, k} end)
counts = Map.new(Map.keys(pids), &{&1, 0})
Map.update(counts, "room_1", 1, &(&1 + 1))
Map.update(counts, "room_2", 1, &(&1 + 1))
Map.update!(counts, "room_2", &(&1 + 1))
Map.merge(counts, %{"room_1" => 10, "room_2" => 20})
Map.merge(counts, %{"room_1" => 10}, fn _k, a, b -> a + b end)
Map.merge(counts, [a: 1])
Map.take(counts, ["room_1", "nope"])
Map.drop(counts, ["room_1"])
Map.filter(counts, fn {k, _} -> String.ends_with?(k, "9") end)
Map.reject(counts, fn {k, _} -> String.ends_with?(k, "9") end)
Map.to_list(counts) |> Enum.sort()
Map.from_keys(~w(a b), 0)
for name <- Map.keys(pids), into: %{}, do: {name, Server.state({:via, Registry, {Rooms, name}})}
for x <- [1, 2, 2, 3, 1], uniq: true, do: x * 10
for name <- ["room_1", "room_1", "room_5"], uniq: true, do: Server.state({:via, Registry, {Rooms, name}})
for {name, pid} <- pids, is_pid(pid), into: %{}, do: {String.to_atom(name), Process.alive?(pid)}
for x <- 1..3, y <- ~w(a b), into: [], do: {x, y}
for x <- 1..6//2, into: "", do: "#{x},"
for x <- 1..4, rem(x, 2) == 0, reduce: 0 do acc -> acc + x end
for x <- [1, :a, 2], is_integer(x), do: x
for {:ok, pid} <- [{:ok, 1}, :error, {:ok, 2}], do: pid
for x <- 1..3, into: %{}, do: x
"room_1" |> then(&Registry.lookup(Rooms, &1)) |> then(fn [{pid, _}] -> is_pid(pid) end)
"room_5" |> tap(&IO.puts("looking up #{&1}")) |> then(&Server.state({:via, Registry, {Rooms, &1}}))
Map.keys(pids) |> IO.inspect(label: "names") |> Enum.map(&Registry.lookup(Rooms, &1)) |> IO.inspect(label: "lookups", limit: 1) |> length()
[1, 2, 3] |> IO.inspect(label: :atom_label) |> Enum.sum()
1..3 |> then(&Enum.map(&1, fn x -> x * 2 end))
tap(1, 2)
then(1, fn -> :no_arg end)
for x <- 1..3, into: %{a: 0}, do: {x, x}
for x <- [1, 2, 1], uniq: true, into: %{}, do: {x, x}
for x <- ["a", "b", "a"], uniq: true, into: "", do: x
Range.new(1, 3)
Range.new(3, 1)
Range.new(1, 9, 0)
Range.new(:a, 3)
Range.size(1..10//3)
Range.size(10..1)
a = :a
1..a
1..10//a
1..:a
1..2//:x
1.0..2
Map.from_keys([], 1)
Map.from_keys(:a, 1)
