if true, do: :yes, else: :no
if nil, do: :yes, else: :no
if false, do: :yes
if 0, do: :truthy
unless false, do: :ran
x = 5
if x > 3 do :big else :small end
case {1, 2} do {1, y} -> y; _ -> :other end
case :nope do :a -> 1; other -> {:got, other} end
case 7 do n when n > 5 -> :large; _ -> :small end
cond do 1 + 1 == 3 -> :wrong; 2 * 2 == 4 -> :right end
cond do false -> :x; true -> :default end
for x <- 1..10, rem(x, 2) == 0, do: x * x
for x <- [1, 2], y <- [:a, :b], do: {x, y}
for {k, v} <- %{a: 1, b: 2}, do: {v, k}
for x <- 1..5, into: %{}, do: {x, x * 10}
for x <- 1..3, into: "", do: "#{x}-"
Enum.map([1, 2, 3], fn x -> x * 2 end)
Enum.each([1, 2], fn x -> IO.puts(x) end)
Enum.count([1, 2, 3])
Enum.count(1..10, fn x -> x > 3 end)
Enum.filter(1..10, &(rem(&1, 3) == 0))
Enum.reduce(1..10, 0, fn x, acc -> x + acc end)
Enum.sum(1..100)
Enum.sort([3, 1, 2], :desc)
Enum.find([1, 2, 3], fn x -> x > 5 end)
Enum.with_index([:a, :b])
Enum.into([a: 1], %{})
with {:ok, a} <- {:ok, 1}, {:ok, b} <- {:ok, 2}, do: a + b
with {:ok, a} <- {:error, :bad}, do: a
with {:ok, a} <- {:error, :bad} do a else {:error, r} -> {:handled, r} end
