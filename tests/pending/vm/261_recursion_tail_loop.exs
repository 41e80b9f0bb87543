loop = fn loop, n, acc -> if n == 0, do: acc, else: loop.(loop, n - 1, acc + n) end
loop.(loop, 10, 0)
loop.(loop, 1_000_000, 0)
countdown = fn c, n -> if n == 0, do: :done, else: c.(c, n - 1) end
countdown.(countdown, 1_000_000)
rev = fn r, list, acc -> case list do [] -> acc; [h | t] -> r.(r, t, [h | acc]) end end
rev.(rev, [1, 2, 3], [])
big = rev.(rev, Enum.to_list(1..1_000_000), []); {hd(big), length(big)}
evens = fn e, n, acc -> cond do n == 0 -> acc; rem(n, 2) == 0 -> e.(e, n - 1, acc + 1); true -> e.(e, n - 1, acc) end end
evens.(evens, 1_000_000, 0)
collatz = fn c, n, steps -> cond do n == 1 -> steps; rem(n, 2) == 0 -> c.(c, div(n, 2), steps + 1); true -> c.(c, 3 * n + 1, steps + 1) end end
collatz.(collatz, 27, 0)
Enum.map(1..10, fn n -> collatz.(collatz, n, 0) end)
Enum.max(Enum.map(1..10_000, fn n -> collatz.(collatz, n, 0) end))
fact = fn f, n, acc -> if n <= 1, do: acc, else: f.(f, n - 1, acc * n) end
fact.(fact, 20, 1)
fact.(fact, 30, 1)
fact.(fact, 1000, 1) |> Integer.to_string() |> String.length()
gcd = fn g, a, b -> if b == 0, do: a, else: g.(g, b, rem(a, b)) end
gcd.(gcd, 1071, 462)
