fib = fn fib, n -> if n < 2, do: n, else: fib.(fib, n - 1) + fib.(fib, n - 2) end
fib.(fib, 10)
fib.(fib, 20)
Enum.map(0..15, &fib.(fib, &1))
fact = fn f, n -> case n do 0 -> 1; n when n > 0 -> n * f.(f, n - 1) end end
fact.(fact, 5)
fact.(fact, 25)
fact.(fact, -1)
sign_sum = fn s, list -> case list do [] -> 0; [h | t] when h < 0 -> s.(s, t) - h; [h | t] -> h + s.(s, t) end end
sign_sum.(sign_sum, [1, -2, 3, -4])
pow = fn p, b, e -> cond do e == 0 -> 1; rem(e, 2) == 0 -> (fn x -> x * x end).(p.(p, b, div(e, 2))); true -> b * p.(p, b, e - 1) end end
pow.(pow, 2, 10)
pow.(pow, 2, 100)
pow.(pow, 3, 0)
flatten = fn fl, x -> if is_list(x), do: Enum.flat_map(x, &fl.(fl, &1)), else: [x] end
flatten.(flatten, [1, [2, [3, [4, []]], 5], [[6]]])
ack = fn a, m, n -> cond do m == 0 -> n + 1; n == 0 -> a.(a, m - 1, 1); true -> a.(a, m - 1, a.(a, m, n - 1)) end end
ack.(ack, 2, 3)
ack.(ack, 3, 3)
hanoi = fn h, n, from, to, via -> if n == 0, do: 0, else: h.(h, n - 1, from, via, to) + 1 + h.(h, n - 1, via, to, from) end
hanoi.(hanoi, 10, :a, :c, :b)
hanoi.(hanoi, 16, :a, :c, :b)
tree = fn t, n -> if n == 0, do: nil, else: {t.(t, n - 1), n, t.(t, n - 1)} end
tree.(tree, 2)
size = fn s, node -> case node do nil -> 0; {l, _, r} -> s.(s, l) + 1 + s.(s, r) end end
size.(size, tree.(tree, 15))
