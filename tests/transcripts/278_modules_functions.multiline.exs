defmodule M do
  @x 10
  def f(a), do: a + @x
  def f(a, b), do: a + b
  defp g(a), do: a * 2
  def h(a) when a > 0, do: g(a)
  def count(0, acc), do: acc
  def count(n, acc), do: count(n - 1, acc + 1)
  def deep(0), do: 0
  def deep(n), do: 1 + deep(n - 1)
  def mod, do: __MODULE__
  def d(a, b \\ 5), do: a + b
end
M.f(1)
M.f(1, 2)
M.h(3)
M.g(1)
M.f(1, 2, 3)
M.h(-1)
M.count(10_000_000, 0)
M.deep(1_000_000)
M.mod
M.d(1)
M.d(1, 1)
M.__info__(:functions)
defmodule Outer do
  defmodule Inner do
    def hi, do: :hi
  end
  def call, do: Inner.hi
  def name, do: Inner
end
Outer.call
Outer.name
defmodule B, do: def(f, do: 1)
B.f
