defmodule Recursion do
  def print_multiple_times(msg, n) when n > 0 do
    IO.puts(msg)
    print_multiple_times(msg, n - 1)
  end
  def print_multiple_times(_msg, 0), do: :ok
end
Recursion.print_multiple_times("Hello!", 3)
Recursion.print_multiple_times("Hello!", -1)
defmodule Math do
  def sum_list([head | tail], accumulator), do: sum_list(tail, head + accumulator)
  def sum_list([], accumulator), do: accumulator
  def double_each([head | tail]), do: [head * 2 | double_each(tail)]
  def double_each([]), do: []
end
Math.sum_list([1, 2, 3], 0)
Math.double_each([1, 2, 3])
Math.double_each(Enum.to_list(1..60))
defmodule Loop do
  def count(0, acc), do: acc
  def count(n, acc), do: count(n - 1, acc + 1)
end
Loop.count(1_000_000, 0)
Math.sum_list(Enum.to_list(1..10_000), 0)
