add = fn a, b -> a + b end
add.(1, 2)
add.(1)
double = &(&1 * 2)
double.(21)
up = &String.upcase/1
up.("hi")
&String.upcase/1
&Server.state/1
f = fn :a -> 1; :b -> 2; _ -> :other end
f.(:a)
f.(:zzz)
g = fn {:ok, v} -> v end
g.({:ok, 3})
g.({:error, 3})
h = fn x when is_integer(x) -> :int; x when is_binary(x) -> :str end
h.(1)
h.("s")
h.(1.0)
is_function(add)
is_function(add, 2)
[1, 2, 3] |> Enum.map(&(&1 + 1)) |> Enum.sum()
"hello" |> String.upcase() |> String.reverse()
1 |> add.(2)
Enum.map([1, 2], &Integer.to_string/1)
apply(add, [3, 4])
apply(String, :upcase, ["x"])
compose = fn f, g -> fn x -> g.(f.(x)) end end
compose.(double, &(&1 + 1)).(5)
fn -> :nothing end.()
(fn x -> x end).(:same)
