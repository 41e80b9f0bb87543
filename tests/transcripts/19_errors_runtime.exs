{:ok, x} = {:error, :nope}
[a, b] = [1]
%{k: v} = %{other: 1}
"abc" = "abd"
1 / 0
1 + :a
"a" + 1
div(1, 0)
rem(5, 0)
:math.sqrt(-1)
elem({1, 2}, 5)
elem([1, 2], 0)
hd([])
tl([])
String.to_integer("12x")
List.first(:not_a_list)
Enum.at(:nope, 0)
case 5 do 1 -> :one end
cond do false -> :x end
x = 1
x.(2)
:not_fun.()
Integer.parse(12)
Map.fetch!(%{a: 1}, :b)
Keyword.fetch!([a: 1], :b)
raise "custom failure"
raise ArgumentError, "bad thing"
raise ArgumentError
throw(:ball)
exit(:bye)
exit({:shutdown, 1})
String.upcase(:atom)
Atom.to_string("str")
:erlang.binary_to_atom(123)
List.to_tuple(:x)
Tuple.to_list([1])
