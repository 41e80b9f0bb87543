# Anonymous functions with several clauses and guards over lookups, captures, nested case/cond, and the errors of common mistakes with them
Registry.start_link(keys: :unique, name: Rooms)
DSupervisor.start_link([])
DSupervisor.start_server(1, {:via, Registry, {Rooms, "room_1"}})
describe = fn [{pid, _}] when is_pid(pid) -> {:alive, Process.alive?(pid)}; [] -> :missing; other -> {:odd, other} end
describe.(Registry.lookup(Rooms, "room_1"))
describe.(Registry.lookup(Rooms, "room_2"))
describe.(:x)
classify = fn n when is_integer(n) and n > 0 -> :positive; 0 -> :zero; n when is_integer(n) -> :negative end
Enum.map([3, 0, -2], classify)
classify.(1.5)
Enum.map([1, :a], classify)
classify.(1, 2)
Enum.map([1, 2], fn a, b -> a + b end)
double = &(&1 * 2)
double.(21)
Enum.map(1..3, double)
add = &(&1 + &2)
add.(1, 2)
Enum.reduce(1..4, add)
Enum.map([1, 2], add)
(&(&1 * &3)).(1, 2, 3)
&(&2 + 1)
& &1
Enum.map(5, &(&1 * 2))
Enum.map(%{a: 1}, fn {k, v} -> {v, k} end)
Enum.count(:lobby)
Enum.sum([1, :a])
Enum.map("room_1", &String.upcase/1)
for x <- 5, do: x
Map.get([a: 1], :a)
Map.fetch!(%{a: 1}, :b)
%{a: 1}.b
Map.put(:not_a_map, :a, 1)
map = %{"room_1" => 1}
map.room_1
map["room_1"]
%{map | "room_2" => 2}
Keyword.get(%{a: 1}, :a)
String.to_existing_atom("definitely_not_an_atom_yet_42")
String.to_existing_atom("room_1")
String.to_atom("room_1") == :room_1
String.to_existing_atom(:room_1)
pick = fn value -> case value do {:ok, pid} when is_pid(pid) -> cond do Process.alive?(pid) -> :up; true -> :down end; {:error, {:already_started, pid}} -> case Process.alive?(pid) do true -> :already_up; false -> :gone end; {:error, reason} -> {:failed, reason} end end
pick.(DSupervisor.start_server(2, {:via, Registry, {Rooms, "room_2"}}))
pick.(DSupervisor.start_server(2, {:via, Registry, {Rooms, "room_2"}}))
pick.(DSupervisor.start_server(2, {:via, Registry, {Rooms, :bad}}))
pick.(:nope)
cond do Registry.lookup(Rooms, "room_9") != [] -> :found; Registry.count(Rooms) > 1 -> :others end
cond do Registry.lookup(Rooms, "room_9") != [] -> :found end
case Registry.lookup(Rooms, "room_1") do [{_, nil}] -> :no_value end
fn x -> x end.(1)
f = fn -> :no_args end
f.()
f.(1)
String.upcase("a", :b, :c)
Enum.map([1, 2])
apply(fn a -> a end, [1, 2])
apply(Enum, :map, [[1], double])
apply(String, :upcase, "a")
Function.info(double, :arity)
is_function(add, 2)
