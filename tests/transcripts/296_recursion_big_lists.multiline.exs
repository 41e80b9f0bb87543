defmodule Math do
  def sum_list([head | tail], accumulator) do
    sum_list(tail, head + accumulator)
  end

  def sum_list([], accumulator) do
    accumulator
  end
end
list = Enum.to_list(1..100_000)
length(list)
Math.sum_list(list, 0)
defmodule Walk do
  def len([], n), do: n
  def len([_ | rest], n), do: len(rest, n + 1)
end
Walk.len(list, 0)
Enum.sum(list)
