DSupervisor.start_link([])
Registry.start_link(keys: :unique, name: Registry)
name = {:via, Registry, {Registry, "cool_name"}
}
DSupervisor.start_server(42, name
)
Registry.lookup(Registry, "cool_name"
#iex:break
[{pid, _value}] = Registry.lookup(Registry, "cool_name")
Server.state(name) |>
IO.inspect()
Server.state(name)
|> IO.inspect()
case Registry.lookup(Registry, "cool_name") do
[{pid, _}] -> pid
[] -> :none
#iex:break
case Registry.lookup(Registry, "cool_name") do
[{pid, _}] -> DynamicSupervisor.terminate_child(DSupervisor, pid)
end
Registry.lookup(Registry, "cool_name")
fn x, y \\ 1 ->
x + y
end
IO.puts("first"); f = fn x, y \\ 1 -> x + y end
f
x = 1; fn a \\ 2 -> a end
x
name = {:via, Registry, {Registry, "other"}]
"unterminated
"
