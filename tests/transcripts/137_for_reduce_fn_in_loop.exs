for n <- 1..5, reduce: 0 do acc -> acc + n end
names = ["alpha", "beta", "gamma"]
for n <- names, reduce: %{} do acc -> Map.put(acc, n, String.length(n)) end
for n <- names, String.length(n) > 4, reduce: [] do acc -> [n | acc] end
for x <- 1..3, y <- 1..2, reduce: 0 do acc -> acc + x * y end
for n <- 1..4, reduce: {0, 0} do {evens, odds} when rem(n, 2) == 0 -> {evens + 1, odds}; {evens, odds} -> {evens, odds + 1} end
for n <- [], reduce: :empty do acc -> acc end
for x <- [1, 2], y <- (IO.puts("gen #{x}"); [x]), reduce: 0 do acc -> IO.puts("step #{y}"); acc + y end
for x <- ["a", "b"], do: (fn y -> Map.get(%{}, String.length(y)) end).(x)
for x <- [:a, :b], do: (fn y -> {Map, y, :c} end).(x)
