Registry.start_link(keys: :unique, name: MyRegistry)
DSupervisor.start_link([])
for i <- 1..3 do
DSupervisor.start_server(i, {:via, Registry, {MyRegistry, "room_#{i}"}})
end
Enum.map(1..3, fn i ->
Server.state({:via, Registry, {MyRegistry, "room_#{i}"}})
end)
case DSupervisor.start_server(1, {:via, Registry, {MyRegistry, "room_1"}}) do
{:ok, pid} -> {:started, pid}
{:error, {:already_started, pid}} -> {:exists, pid}
end
case Registry.lookup(MyRegistry, "room_9")
[] -> :none
end
if Registry.lookup(MyRegistry, "room_2") == [] do
:missing
else
:present
end
with [{pid, _}] <- Registry.lookup(MyRegistry, "room_2"),
state <- Server.state(pid) do
{pid == pid, state}
end
name = "room_
4"
names = [
"a",
"b"
]
map = %{
a: 1,
b: 2,
}
rooms = Enum.map(1..3, &"room_#{&1}")
|> Enum.map(&String.upcase/1)
rooms
Enum.map(names, fn n ->
String.upcase(n)
Enum.map(names, fn n -> String.upcase(n) end))
{:ok, pid = DSupervisor.start_server(7, :seven)
{:ok, pid} = DSupervisor.start_server(7, :seven)
[1, 2
#iex:break
"unterminated
#iex:break
fn x ->
x + 1
end.(2)
for i <- 1..2,
j <- [:a, :b],
do: {i, j}
%{a: 1
b: 2}
[a: 1
b: 2]
Enum.reduce(1..3, 0, fn i, acc ->
acc + i
end)
[a: 1 b: 2]
%{a: 1 b: 2}
foo(a: 1 b: 2)
[1 b: 2]
[1
b: 2]
[:a
"b": 2]
f(1
b: 2)
initial_value = 123
server_name = :server
Server.start_link({initial_value, server_name})
{:ok, #PID<0.160.0>}
#iex:break
Server.start_link({123, "server"})
DSupervisor.start_link([])
DSupervisor.start_server(321, :test)
Server.state(:server) |> IO.inspect()
Registry.start_link(keys: :unique, name: Registry)
name = {:via, Registry, {Registry, "cool_name"}}
DSupervisor.start_server(42, name)
[{pid, _value}] = Registry.lookup(Registry, "cool_name")
DynamicSupervisor.terminate_child(DSupervisor, pid)
defp registry_name(name), do: {:via, Registry, {:registry, name}}
def start_link({init_arg, name}) do
GenServer.start_link(__MODULE__, init_arg, name: registry_name(name))
end
@impl true
use GenServer
def state(name) do, :state)
def state(name), do: GenServer.call(name, :state)
def init(arg) do
{:ok, arg}
end
Registry.start_link(keys: :unique, name: :registry)
name = {:via, Registry, {:registry, "another_name"}}
DSupervisor.start_server(42, name)
Registry.lookup(:registry, "another_name") |> length()
Registry.start_link(keys: :unique, name: Reg)
DSupervisor.start_link([])
1..3
|> Enum.map(&DSupervisor.start_server(&1, {:via, Registry, {Reg, "r#{&1}"}}))
|> Enum.map(&elem(&1, 0))
Registry.lookup(Reg, "r1")
|> case do
[{pid, _}] -> is_pid(pid)
[] -> false
end
with {:ok, pid} <- DSupervisor.start_server(9, {:via, Registry, {Reg, "r9"}}),
[{^pid, _}] <- Registry.lookup(Reg, "r9") do
:registered
else
{:error, reason} -> {:error, reason}
other -> {:unexpected, other}
end
names = ["a", "b", "c"]
rooms = for n <- ["a", "b"],
into: %{} do
{n, String.upcase(n)}
end
rooms
fn
{:ok, pid} -> pid
{:error, _} -> nil
end.({:error, 1})
case Registry.lookup(Reg, "r2") do
[{pid, _}] when is_pid(pid) ->
Server.state(pid)
_ ->
:none
end
Enum.reduce(1..3, %{}, fn i, acc ->
Map.put(acc, "r#{i}", Server.state({:via, Registry, {Reg, "r#{i}"}}))
end)
cond do
Registry.count(Reg) > 3 -> :many
true -> :few
end
Registry.count(Reg)
|> if do
:some
else
:none
end
{:ok, 1} |> case do {:ok, x} -> x end
:x |> case do :y -> 1 end
3 |> if(do: :yes, else: :no)
nil |> unless(do: :empty)
