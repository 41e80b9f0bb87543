down = fn d, n -> if n == 0, do: raise("bottom"), else: 1 + d.(d, n - 1) end
down.(down, 10)
down.(down, 10_000)
down.(down, 100_000)
try do down.(down, 100_000) rescue e -> {:rescued, e.message} end
bad = fn b, n -> if n == 0, do: :a + 1, else: [n | b.(b, n - 1)] end
bad.(bad, 10_000)
match = fn m, n -> if n == 0, do: ({:ok, _} = :error), else: m.(m, n - 1) + 1 end
match.(match, 10_000)
thrower = fn t, n -> if n == 0, do: throw({:found, :deep}), else: t.(t, n - 1) end
catch_it = fn -> try do thrower.(thrower, 100_000) catch {:found, where} -> where end end; catch_it.()
exiter = fn e, n -> if n == 0, do: exit(:deep_exit), else: e.(e, n - 1) + 0 end
exiter.(exiter, 10_000)
clause = fn c, n -> case n do 0 -> c.(c, :bottom); n when is_integer(n) -> c.(c, n - 1) end end
clause.(clause, 10_000)
keyerr = fn ke, n, m -> if n == 0, do: Map.fetch!(m, :missing), else: ke.(ke, n - 1, m) end
keyerr.(keyerr, 10_000, %{a: 1})
after_fn = fn af, n -> if n == 0, do: raise(ArgumentError, "deep arg"), else: af.(af, n - 1) end
try do after_fn.(after_fn, 50_000) rescue e in ArgumentError -> e.message after IO.puts("cleanup") end
{pid, ref} = spawn_monitor(fn -> down.(down, 100_000) end); Process.sleep(200)
receive do {:DOWN, ^ref, :process, ^pid, {e, _}} -> e after 1000 -> :timeout end
