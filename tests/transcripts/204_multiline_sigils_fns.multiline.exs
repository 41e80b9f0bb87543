Registry.start_link(keys: :unique, name: Rooms)
DSupervisor.start_link([])
rooms = ~w(lobby
elixir
random)
for {name, i} <- Enum.with_index(rooms, 1),
uniq: true do
DSupervisor.start_server(i, {:via, Registry, {Rooms, name}})
end
status = fn
[{pid, _}] when is_pid(pid) ->
case Process.alive?(pid) do
true -> :up
false -> :down
end
[] ->
:missing
end
Enum.map(rooms ++ ["none"], &status.(Registry.lookup(Rooms, &1)))
describe = fn name ->
cond do
String.starts_with?(name, "l") -> ~s(starts with "l")
String.length(name) > 5 -> ~s[long: #{name}]
true -> 'other'
end
end
Enum.map(rooms, describe)
import Enum, only: [
map: 2,
filter: 2
]
rooms
|> filter(&String.contains?(&1, "i"))
|> map(&String.to_atom/1)
text = ~S"""
no #{interpolation}
here
"""
~c"""
a #{1 + 1}
"""
~w(unfinished
#iex:break
try do
raise ArgumentError, "bad room"
rescue
e in ArgumentError ->
reraise e, __STACKTRACE__
end
try do
Map.fetch!(%{}, "lobby")
catch
:error, reason -> reason
end
