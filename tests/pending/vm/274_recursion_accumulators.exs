words = fn w, list, acc -> case list do [] -> acc; [h | t] -> w.(w, t, Map.update(acc, h, 1, &(&1 + 1))) end end
words.(words, String.split("the cat and the hat and the bat"), %{})
memo_fib = fn f, n, memo -> case memo do %{^n => v} -> {v, memo}; _ -> {a, m1} = f.(f, n - 1, memo); {b, m2} = f.(f, n - 2, m1); {a + b, Map.put(m2, n, a + b)} end end
{v, _} = memo_fib.(memo_fib, 90, %{0 => 0, 1 => 1}); v
{v, m} = memo_fib.(memo_fib, 1000, %{0 => 0, 1 => 1}); {map_size(m), rem(v, 1_000_000)}
is_even = fn ev, od, n -> if n == 0, do: true, else: od.(ev, od, n - 1) end
is_odd = fn ev, od, n -> if n == 0, do: false, else: ev.(ev, od, n - 1) end
is_even.(is_even, is_odd, 10)
is_even.(is_even, is_odd, 100_001)
zip = fn z, a, b -> case {a, b} do {[x | xs], [y | ys]} -> [{x, y} | z.(z, xs, ys)]; _ -> [] end end
zip.(zip, [1, 2, 3], [:a, :b])
qsort = fn q, list -> case list do [] -> []; [p | rest] -> q.(q, Enum.filter(rest, &(&1 < p))) ++ [p] ++ q.(q, Enum.filter(rest, &(&1 >= p))) end end
qsort.(qsort, [3, 1, 4, 1, 5, 9, 2, 6, 5, 3, 5])
qsort.(qsort, Enum.map(1..10_000, &rem(&1 * 7919, 10_007))) |> Enum.take(5)
walk = fn w, t -> case t do %{} = m -> m |> Map.values() |> Enum.map(&w.(w, &1)) |> Enum.sum(); n when is_integer(n) -> n; l when is_list(l) -> Enum.reduce(l, 0, &(w.(w, &1) + &2)) end end
walk.(walk, %{a: 1, b: %{c: 2, d: [3, %{e: 4}]}, f: [5, [6]]})
nest = fn n, k -> if k == 0, do: 1, else: %{k => n.(n, k - 1)} end
walk.(walk, nest.(nest, 10_000))
digits = fn d, n, acc -> if n < 10, do: [n | acc], else: d.(d, div(n, 10), [rem(n, 10) | acc]) end
digits.(digits, 1234567890, [])
digits.(digits, Integer.pow(2, 200), []) |> Enum.sum()
