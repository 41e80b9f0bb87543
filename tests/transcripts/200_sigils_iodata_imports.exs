# Sigils, iodata/chardata, import/require and catch around hand-raised exceptions, in a guide session
Registry.start_link(keys: :unique, name: Rooms)
DSupervisor.start_link([])
rooms = ~w(lobby elixir random)
atoms = ~w(lobby elixir random)a
~w(a b)c
~w(x y)s
~w(x y)q
~w()
for {name, i} <- Enum.with_index(rooms), do: DSupervisor.start_server(i, {:via, Registry, {Rooms, name}})
Enum.map(rooms, &Registry.lookup(Rooms, &1)) |> Enum.map(&length/1)
~s(room "#{hd(rooms)}")
~S(no #{interpolation} here\n)
~s(a\)b)
~c(lobby)
~C(a#{1})
'room_#{1 + 1}'
~w(#{hd(rooms)}_x b)a
~x(a)
~s(a)z
1 ~w(a)
IO.iodata_to_binary(["room", ?_, "1"])
IO.iodata_to_binary([?r, ["oo", [?m]] | "!"])
IO.iodata_to_binary([1, 2, 3])
IO.iodata_to_binary([300])
IO.iodata_to_binary(:lobby)
IO.iodata_length(["ab", ?c, ["de"]])
IO.chardata_to_string([?é, "lan"])
IO.chardata_to_string(:lobby)
IO.chardata_to_string([:lobby])
List.to_string([0x110000])
List.to_string(["a" | "b"])
to_charlist(:lobby)
to_charlist("héllo")
to_charlist(42)
to_charlist([1, "b"])
to_charlist({:ok, 1})
Kernel.to_charlist(nil)
alias DSupervisor, as: D
import Enum, only: [map: 2, count: 1]
map(rooms, &String.upcase/1)
count(rooms)
&map/2
sort(rooms)
import String, only: [upcase: 1]
upcase("lobby")
import Enum
max([3, 1, 2])
max(1, 2)
import Enum, only: [nope: 1]
import Enum, foo: 1
import Nope
require Logger
require Nope
try do raise ArithmeticError catch :error, r -> r end
try do :a + 1 catch :error, r -> r end
try do raise MatchError, term: 3 catch :error, r -> r end
try do {:ok, x} = :error; x catch :error, r -> r end
try do raise KeyError, key: :a, term: %{} catch :error, r -> r end
try do Map.fetch!(%{}, :a) catch :error, r -> r end
try do raise "boom" catch kind, r -> {kind, r} end
try do 1 / 0 rescue e -> reraise e, __STACKTRACE__ end
try do raise ArgumentError rescue e -> {e, __STACKTRACE__ |> is_list()} end
__STACKTRACE__
&Kernel.+/2
&+/2
&Kernel.!=/2
&length/1
&Kernel.elem/2
&Kernel.to_string/1
&Map.keys/1
&Integer.to_string/1
&String.to_integer/1
&Process.alive?/1
Enum.map(["1", "2"], &String.to_integer/1)
~w(a b) = ["a", "b"]
case "lobby" do ~s(lobby) -> :matched end
case [:a, :b] do ~w(a b)a -> :atoms end
f = fn ~c(x) -> :x; _ -> :other end
f.('x')
~w(a b)a == [:a, :b]
[~w(a b)]
%{~s(k) => 1}
~s(a) <> "b"
"a" <> ~s(b) = "ab"
