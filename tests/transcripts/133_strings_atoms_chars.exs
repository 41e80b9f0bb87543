{:ok, pid} = Server.start_link({1, :srv})
state = GenServer.call(:srv, :state)
"state is #{state}"
"pid is #{inspect(pid)}" |> String.starts_with?("pid is #PID<")
"#{pid}"
to_string(:srv)
to_string(1.5)
to_string([1, 2])
to_string(%{})
Atom.to_string(:srv) <> "_2"
String.to_atom("srv_" <> "3")
:"srv_#{4}"
:"my server"
[:"my server", :ok, :"Elixir.Foo", :foo?, :"foo-bar", :+, :"1a"]
%{:"a b" => 1, "c" => 2, 3 => 4}
[{:"a b", 1}]
[a: 1, "b": 2]
%{"a": 1}
{:a, 'b', "c", ?d, 0x1F, 0b101, 1_000_000, 1.0e3}
[?a, ?b]
'hello' ++ ' world'
[104, 105]
[0, 1]
[7, 8, 9, 10, 13]
'\n'
"tab\there"
"q\"uote"
"uni ü é"
"\e[1m"
?\n
?\s
[?h, ?i]
?é
Enum.map('abc', &(&1 - ?a))
case ?x do c when c in ?a..?z -> :lower; _ -> :other end
String.to_charlist("hi") == [?h, ?i]
