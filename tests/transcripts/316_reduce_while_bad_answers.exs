Enum.reduce_while([1, 2], 0, fn x, acc -> acc + x end)
Enum.reduce_while(%{a: 1}, 0, fn x, acc -> acc end)
Enum.reduce_while(1..3, 0, fn x, acc -> :bad end)
Enum.reduce_while(1..10, 0, fn x, acc -> if x < 3, do: {:cont, acc + x}, else: acc end)
Enum.reduce_while(3..1, 0, fn x, acc -> {:ok, acc} end)
Enum.reduce_while([1], 0, fn x, acc -> acc end)
Enum.reduce_while(1..1, 0, fn x, acc -> acc end)
f = fn x, acc -> acc end
Enum.reduce_while(1..3, 0, f)
