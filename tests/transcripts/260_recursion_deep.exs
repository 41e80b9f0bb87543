count = fn f, n -> if n == 0, do: 0, else: 1 + f.(f, n - 1) end
count.(count, 10)
count.(count, 10_000)
count.(count, 100_000)
sum = fn s, n -> if n == 0, do: 0, else: n + s.(s, n - 1) end
sum.(sum, 10_000)
sum.(sum, 100_000)
build = fn b, n -> if n == 0, do: [], else: [n | b.(b, n - 1)] end
l = build.(build, 100_000); length(l)
Enum.take(l, 5)
hd(l) + List.last(l)
len = fn len, list -> case list do [] -> 0; [_ | t] -> 1 + len.(len, t) end end
len.(len, l)
len.(len, Enum.to_list(1..10_000))
mapper = fn m, list, g -> case list do [] -> []; [h | t] -> [g.(h) | m.(m, t, g)] end end
mapper.(mapper, [1, 2, 3], &(&1 * 10))
mapper.(mapper, l, &(&1 * 2)) |> Enum.sum()
depth = fn d, n -> if n == 0, do: {:leaf}, else: {:node, d.(d, n - 1)} end
t = depth.(depth, 10_000); elem(t, 0)
depth.(depth, 3)
