# Names taken apart and put back: String.split/to_integer/to_existing_atom, Module.concat, aliases that do not exist, alias/import in the shell
"room_12" |> String.split("_")
"room_12" |> String.split("_") |> List.last() |> String.to_integer()
"room_x" |> String.split("_") |> List.last() |> String.to_integer()
Integer.parse("12abc")
Integer.parse("abc")
String.replace_prefix("room_12", "room_", "")
String.starts_with?("room_12", "room_")
String.to_existing_atom("room_never_seen_before_xyz")
String.to_existing_atom("ok")
Module.concat(Room, Lobby)
Module.concat([Room, "Lobby"])
Module.concat("Room", :lobby)
Room.Lobby.state(1)
Room.state(1)
:room.state(1)
room.state(1)
Server.State.get(1)
String.to_atom("Elixir.Room")
String.to_atom("Elixir.Room") == Room
:"Elixir.Room" |> inspect()
Atom.to_string(Room)
to_string(Room)
"#{Server}"
Server |> to_string() |> String.split(".")
__MODULE__
is_atom(Server)
is_atom(:"room 1")
:"room?"
:room?
:room!
:"123"
:"with-dash"
:"Elixir"
:Elixir
Elixir.Server
Elixir.Server == Server
[Server, DSupervisor] |> Enum.map(&Atom.to_string/1)
?a
[?r, ?o, ?o, ?m]
'room' ++ '_1'
'room' == "room"
String.to_charlist("room")
List.to_string('room')
String.length("rööm")
byte_size("rööm")
String.upcase("rööm")
String.reverse("room_1")
String.pad_leading("7", 3, "0")
"room_" <> String.pad_leading("7", 3, "0") |> String.to_atom()
Module.concat(Room, 1)
Module.concat([1])
Module.concat([Elixir, nil, "Elixir.Room", Elixir.Lobby])
Module.concat(:erlang, :lists)
Module.nope()
Module.concat(Room, "lobby.x")
Module.concat("a", 1.0)
Module.concat([Room, 1, :x])
alias Server, as: S
S.state(:nope)
alias DSupervisor
alias Room.Lobby
Lobby
Lobby.Sub
alias Room.{A, B}
B
alias :lists, as: L
L.reverse([1, 2])
alias S, as: T
T
alias Foo, as: :bar
alias Foo, as: bar
alias 1
alias Server, warn: false
Room.{A, B}
alias Room.{A, B}, as: C
alias Server.{}
alias Room.{A.B, C}
C
f = fn -> alias Server, as: Inner; Inner end
f.()
Inner
