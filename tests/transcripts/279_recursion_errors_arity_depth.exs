f = fn f, n -> if n == 0, do: 0, else: 1 + f.(n - 1) end
f.(f, 3)
g = fn n -> if n == 0, do: 0, else: 1 + g.(n - 1) end
loop = fn loop, n, acc -> if n == 0, do: acc, else: loop.(loop, n - 1) end
loop.(loop, 5, 0)
h = fn h, 0 -> :done; h, n when n > 0 -> h.(h, n - 1) end
h.(h, 100_000)
h.(h, -1)
h.(h, :x)
step = fn s, [x | rest] -> [x * 2 | s.(s, rest)] end
step.(step, [1, 2, 3])
safe = fn s, list -> case list do [] -> []; [x | rest] -> [x * 2 | s.(s, rest)] end end
safe.(safe, [1, 2, 3])
safe.(safe, [1, :two, 3])
count = fn c, n -> if n == 0, do: 0, else: 1 + c.(c, n - 1) end
count.(count, "10")
count.(count, 10.0)
count.(count, 100_000) + count.(count, 100_000)
