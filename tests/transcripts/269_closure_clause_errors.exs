f = fn :ok -> 1 end
f.(:error)
g = fn {:ok, v} -> v; {:error, _} -> nil end
g.({:other, 1})
g.(:ok)
h = fn x when is_integer(x) and x > 0 -> x end
h.(-1)
h.("s")
k = fn a, b when a > b -> a end
k.(1, 2)
f.()
f.(1, 2)
add = fn a, b -> a + b end
add.(1)
add.(1, 2, 3)
zero = fn -> 0 end
zero.(1)
Enum.map([1, 2], fn a, b -> a + b end)
Enum.map([:ok, :bad], f)
Enum.reduce([1, 2], fn x -> x end)
apply(add, [1])
not_fun = 5
not_fun.(1)
nil.(1)
try do f.(:nope) rescue e -> e.__struct__ end
try do add.(1) rescue e in BadArityError -> Exception.message(e) end
try do f.(:nope) rescue e in FunctionClauseError -> {e.arity, e.function} end
