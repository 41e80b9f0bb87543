defmodule A do
  def add(x), do: x + 1
  def add2(x) do
    y = x + 1
    y * 2
  end
  def m(l), do: Enum.map(l, fn x -> x + 1 end)
end
A.add(:x)
A.add2(:x)
A.m([:x])
f = fn x -> x + 1 end
f.(:x)
Enum.map([:x], fn x -> x + 1 end)
