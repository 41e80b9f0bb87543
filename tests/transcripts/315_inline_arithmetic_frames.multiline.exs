defmodule B do
  def a(x, y), do: x + y
  def b(x), do: x + 1
  def c(x), do: 1 + x
  def d(x, y) do
    z = x * y
    z + 1
  end
  def e(x), do: x * 2
  def f(x, y), do: x / y
  def g(x), do: -x
  def h(x, y), do: div(x, y)
  def i(x, y), do: rem(x, y)
end
B.a(:x, 1)
B.a("a", 1)
B.b(:x)
B.b("a")
B.c(:x)
B.d(:x, 2)
B.e(:x)
B.f(1, 0)
B.f(:x, 1)
B.g(:x)
B.h(1, 0)
B.i(1, 0)
