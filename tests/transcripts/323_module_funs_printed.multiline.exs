defmodule Cc do
  def f, do: &(&1 * 2)
  def g, do: fn x -> x end
  def h, do: &area/1
  def area(x), do: x * x
  def k(n), do: fn -> n end
end
Cc.f()
Cc.g()
Cc.h()
Cc.k(1)
Cc.h().(3)
