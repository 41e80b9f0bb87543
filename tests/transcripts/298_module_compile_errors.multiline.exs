defmodule Broken do
  def f(x), do: g(x)
end
Broken.f(1)
defmodule Broken2 do
  def f(x), do: x + y
end
defmodule Dup do
  def f(x), do: x
  def f(x), do: x * 2
end
Dup.f(3)
defmodule Guarded do
  def pos(x) when x > 0, do: :pos
  def pos(x) when x < 0, do: :neg
  def pos(0), do: :zero
end
Guarded.pos(5)
Guarded.pos(-5)
Guarded.pos(0)
Guarded.pos(:a)
defmodule lower do
end
defmodule Private do
  defp secret, do: 42
end
Private.secret()
