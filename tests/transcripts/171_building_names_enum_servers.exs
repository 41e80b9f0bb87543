# Building names for servers: "room_#{i}", String.to_atom, :"room_#{i}", via tuples, Enum over started servers
Registry.start_link(keys: :unique, name: MyRegistry)
DSupervisor.start_link([])
i = 1
name = "room_#{i}"
:"room_#{i}"
String.to_atom("room_#{i}")
:"room #{i}"
:"Elixir.Room#{i}"
:"#{i}"
:"" 
String.to_atom("")
via = fn n -> {:via, Registry, {MyRegistry, n}} end
via.(name)
results = Enum.map(1..3, fn i -> DSupervisor.start_server(i * 10, via.("room_#{i}")) end)
Enum.all?(results, &match?({:ok, _}, &1))
pids = for {:ok, pid} <- results, do: pid
length(pids)
Enum.map(1..3, &Server.state(via.("room_#{&1}")))
Enum.each(1..3, fn i -> IO.puts("room_#{i}: #{Server.state(via.("room_#{i}"))}") end)
Enum.reduce(1..3, 0, fn i, acc -> acc + Server.state(via.("room_#{i}")) end)
Enum.into(1..3, %{}, fn i -> {"room_#{i}", Server.state(via.("room_#{i}"))} end)
Map.new(1..3, &{:"room_#{&1}", &1})
for i <- 1..6, rem(i, 2) == 0, do: {i, "room_#{i}"}
for i <- 1..3, into: %{}, do: {String.to_atom("room_#{i}"), i}
DSupervisor.start_server(99, via.("room_1"))
{:error, {:already_started, pid}} = DSupervisor.start_server(99, via.("room_1"))
is_pid(pid)
{:ok, pid} = DSupervisor.start_server(99, via.("room_1"))
Enum.each(1..5, &DSupervisor.start_server(&1, :"atom_room_#{&1}"))
Server.state(:atom_room_4)
Enum.map(1..5, &DSupervisor.start_server(&1, :"atom_room_#{&1}")) |> Enum.map(&elem(&1, 0))
Enum.each(1..3, &DSupervisor.start_server(&1, "string_room_#{&1}"))
Enum.map(1..2, &DSupervisor.start_server(&1, "string_room_#{&1}"))
names = Enum.map(1..3, &"r#{&1}")
Enum.zip(names, 1..3)
Keyword.new(1..3, &{:"k#{&1}", &1})
[room_1: 1, room_2: 2][:room_2]
Registry.keys(MyRegistry, hd(pids))
Registry.lookup(MyRegistry, "room_2") |> Enum.map(fn {pid, _} -> is_pid(pid) end)
Registry.lookup(MyRegistry, :room_2)
DynamicSupervisor.count_children(DSupervisor)
