# Error messages and exits whose terms are long: match, case and key errors on many lookups, exits carrying long reasons, raise with long messages
Registry.start_link(keys: :unique, name: Rooms)
DSupervisor.start_link([])
pids = for i <- 1..20, do: elem(DSupervisor.start_server(i, {:via, Registry, {Rooms, "room_#{i}"}}), 1)
names = Map.new(1..20, fn i -> {"room_#{i}", Enum.at(pids, i - 1)} end)
[{pid, _}] = Enum.flat_map(1..3, &Registry.lookup(Rooms, "room_#{&1}"))
{:ok, pid} = Enum.take(pids, 15)
case Enum.take(pids, 15) do [] -> :none end
Map.fetch!(names, "room_99")
names.room_1
Keyword.fetch!(Enum.map(1..15, &{:"room_#{&1}", &1}), :room_16)
Enum.at(pids, 0) |> GenServer.call(:unknown_request)
exit({:rooms_down, Enum.take(pids, 15)})
throw(Enum.take(pids, 15))
raise "lost rooms: #{inspect(Enum.take(pids, 15))}"
Enum.fetch!(pids, 40)
elem(List.to_tuple(pids), 25)
hd(Map.values(names)) + 1
String.to_atom(Enum.take(pids, 15))
Enum.zip(pids, :x)
Map.get(pids, "room_1")
