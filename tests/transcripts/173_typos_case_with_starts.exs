# Typos a learner makes around the guide: undefined variables and modules, wrong arity, => in keyword lists, missing do
Registry.start_link(keys: :unique, name: MyRegistry)
DSupervisor.start_link([])
Registry.lookup(MyRegistry, cool_name)
Registry.lookup(Registry, "x")
Registry.lookup(MyRegistry)
Registry.lookup(MyRegistery, "x")
DSupervisor.start_server(1)
DSupervisor.start_server(1, :a, :b)
DSupervisor.start_sever(1, :a)
DSuperviser.start_server(1, :a)
Server.state()
Server.stat(:a)
Server.state(:nope)
server.state(:a)
dsupervisor.start_server(1, :a)
Dsupervisor.start_server(1, :a)
GenServer.call(:a)
GenServer.call(:a, :state)
[name => :a]
[name: => :a]
%{name: => :a}
%{"a" => 1, b: 2}
%{b: 2, "a" => 1}
[a: 1, "b": 2]
[{:a, 1}, b: 2]
[b: 2, {:a, 1}]
if true, do: 1 else: 2
if true, do: 1, else: 2
if true do 1 else 2
case {:ok, 1} do {:ok, x} -> x end
case DSupervisor.start_server(5, :five) do {:ok, pid} -> is_pid(pid); {:error, reason} -> reason end
case DSupervisor.start_server(5, :five) do {:ok, pid} -> is_pid(pid); {:error, {:already_started, _}} -> :already end
case DSupervisor.start_server(5, :five) do {:ok, pid} -> pid end
with {:ok, pid} <- DSupervisor.start_server(6, :six), do: Server.state(pid)
with {:ok, pid} <- DSupervisor.start_server(6, :six), do: Server.state(pid)
with {:ok, pid} <- DSupervisor.start_server(6, :six) do Server.state(pid) else {:error, {:already_started, pid}} -> {:again, Server.state(pid)} end
with [{pid, _}] <- Registry.lookup(MyRegistry, "none"), do: pid
with [{pid, _}] <- Registry.lookup(MyRegistry, "none") do pid else [] -> :not_found end
fn x -> x end.(1, 2)
(fn x -> x end).(1)
f = fn x -> x end
f(1)
f.(1)
f.()
Enum.map([1, 2], fn x, y -> x end)
Enum.map [1, 2], fn x -> x * 2 end
Enum.reduce([1, 2], fn x -> x end)
Enum.each(1..5, &DSupervisor.start_server(&1))
Enum.each(1..5, &DSupervisor.start_server/1)
Enum.each(1..5, &DSupervisor.start_server/2)
String.upcase(:atom)
String.to_atom(:atom)
Atom.to_string("str")
use GenServer
use DynamicSupervisor
use Supervisor
use Agent
use Task
use Registry
use Foo
use :foo
use GenServer, restart: :temporary
@moduledoc "x"
@x
@impl GenServer
@behaviour GenServer
x = @impl true
[@impl]
@impl(true)
@123
@"x"
use Server
use DSupervisor
use Enum
use 1
use "x"
use GenServer, 1
use Kernel
use(GenServer)
IO.puts("first"); @x
IO.puts("first"); use GenServer
IO.puts("first"); def x, do: 1
