# What a learner types around a session of many servers: with/try/receive/cond forms, literals and sigils, map update syntax, an fn with a default argument (refused), more of Enum (flat_map_reduce, shuffle, take_random), big collections of names grouped and split past the 50-item limit
Registry.start_link(keys: :unique, name: Rooms)
{:ok, sup} = DSupervisor.start_link([])
pids = for i <- 1..60, do: elem(DSupervisor.start_server(i, {:via, Registry, {Rooms, "room_#{i}"}}), 1)
DynamicSupervisor.count_children(sup)
Process.list() |> length() |> is_integer()
Registry.select(Rooms, [{{:"$1", :_, :_}, [], [:"$1"]}]) |> Enum.sort()
Enum.map(pids, &:sys.get_state/1)
Enum.frequencies(Enum.map(pids, &rem(:sys.get_state(&1), 3)))
Enum.group_by(1..60, &rem(&1, 4), &"room_#{&1}")
Enum.chunk_every(pids, 7) |> Enum.take(3)
Enum.with_index(Enum.take(pids, 12))
Enum.split(pids, 52)
Enum.into(Enum.with_index(Enum.take(pids, 20)), %{})
Keyword.new(1..20, &{:"room_#{&1}", &1})
with {:ok, pid} <- {:ok, self()}, true <- is_pid(pid), do: :alive
with {:ok, x} <- {:error, :nope} do x else {:error, r} -> r end
with {:ok, x} <- {:error, :nope} do x else :other -> 1 end
try do throw(:x) catch :x -> :caught after IO.puts("after") end
try do exit(:boom) catch :exit, r -> r end
try do :ok rescue _ -> :err else :ok -> :fine end
try do :ok rescue _ -> :err else :no -> :fine end
receive do x -> x after 0 -> :empty end
x = 5; cond do x > 3 -> :big; true -> :small end
cond do false -> 1 end
if nil, do: 1
unless false, do: :yes, else: :no
?a
0b1010 + 0o17 + 0xff
1_000.5e-3
"\u{1F600}"
"tab\there"
~w(room_1 room_2)a
~w(a b)c
[a: 1] ++ [b: 2]
%{a: 1} |> Map.put(:b, 2) |> Map.update!(:a, &(&1 + 1))
m = %{a: 1}; %{m | b: 2}
%{m | a: 2}
Kernel.put_in(%{a: %{b: 1}}, [:a, :b], 2)
fn x, y \\ 1 -> x + y end
case {1, 2} do {a, b} when a > b -> :gt; {a, b} when a < b -> :lt end
Enum.reduce_while(1..10, 0, fn i, acc -> if acc > 10, do: {:halt, acc}, else: {:cont, acc + i} end)
Enum.flat_map_reduce([1, 2, 3], 0, fn x, acc -> {[x, x], acc + x} end)
Enum.scan(1..5, &+/2)
Enum.dedup([1, 1, 2, 2, 1])
Enum.zip_with([1, 2], [3, 4], &+/2)
Enum.unzip([{:a, 1}, {:b, 2}])
Map.filter(%{a: 1, b: 2}, fn {_, v} -> v > 1 end)
Map.reject(%{a: 1, b: 2}, fn {_, v} -> v > 1 end)
Enum.sort_by(["bb", "a", "ccc"], &String.length/1, :desc)
Enum.min_by([{:a, 3}, {:b, 1}], &elem(&1, 1))
Enum.take_random([1], 1)
Enum.sum(1..100)
Enum.product([])
Integer.digits(1234)
Integer.to_string(255, 16)
String.pad_leading("7", 3, "0")
:lists.seq(1, 5)
:lists.reverse([1, 2, 3])
Tuple.append({1}, 2)
List.wrap(nil)
List.first([])
List.last([1, 2])
List.zip([[1, 2], [3, 4]])
Enum.take_random(1..5, 9) |> Enum.sort()
Enum.shuffle([1,2,3]) |> length()
Enum.flat_map_reduce(1..5, 0, fn x, acc -> if acc > 3, do: {:halt, acc}, else: {[x], acc + x} end)
Enum.flat_map_reduce([1], 0, fn x, acc -> :bad end)
