Server.start_link({1, :a}
DSupervisor.start_link([])
Server.start_link({1, :a}))
DSupervisor.start_server(1, :b),
DynamicSupervisor.which_children(DSupervisor)
[name: :a, value: 1,]
[name => :a]
[name: => :a]
%{name: :a, "x": 1}
%{:name => :a, value: 1}
%{value: 1, :name => :a}
Registry.lookup(Registry, "x)
")
Registry.start_link(keys: :unique, name: Registry)
{:ok, pid} =
DSupervisor.start_server(2, {:via, Registry, {Registry, "room"}})
[{^pid, _}] = Registry.lookup(Registry,
"room")
case Registry.lookup(Registry, "room") do
[{pid, _}] -> {:found, pid}
[] -> :missing
end
with [{pid, _}] <- Registry.lookup(Registry, "nope") do
pid
else
[] -> :not_found
end
fn ->
end
Enum.map([1, 2], fn x -> x * 2)
Enum.map([1, 2], fn x -> x * 2 end
)
if true do
:yes
else
:no
end
if true, do: :yes, else: :no,
:x
for n <- [1, 2, 3],
n > 1,
do: n * 10
IO.inspect(:a, label: "a"
|> IO.inspect(label: "b"))
:atom
|> IO.inspect()
v()
