defmodule Math do
  def sum(a, b) do
    do_sum(a, b)
  end

  defp do_sum(a, b) do
    a + b
  end
end
Math.sum(1, 2)
Math.do_sum(1, 2)
Math.sum(1)
Math.sum(1, 2, 3)
Math.nope()
Nope.f(1)
Math.sum("a", 1)
defmodule M1 do
  def kind(x) when is_list(x), do: :list
  def kind(x) when is_atom(x), do: :atom
  def kind(x) when is_binary(x) and byte_size(x) > 0, do: :string
end
M1.kind([1])
M1.kind(:a)
M1.kind("x")
M1.kind("")
M1.kind(1, 2)
