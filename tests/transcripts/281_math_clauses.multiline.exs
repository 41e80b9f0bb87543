defmodule Math do
  def sum(a, b) do
    a + b
  end

  def zero?(0), do: true
  def zero?(x) when is_integer(x), do: false
end
Math.sum(1, 2)
Math.zero?(0)
Math.zero?(1)
Math.zero?([1, 2, 3])
Math.zero?(0.0)
defmodule Concat do
  def join(a, b \\ nil, sep \\ " ")
  def join(a, b, _sep) when is_nil(b) do
    a
  end
  def join(a, b, sep) do
    a <> sep <> b
  end
end
Concat.join("Hello", "world")
Concat.join("Hello", "world", "_")
Concat.join("Hello")
fun = &Math.zero?/1
fun.(0)
