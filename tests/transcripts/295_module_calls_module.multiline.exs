defmodule Shape.Circle do
  def area(r) when is_number(r) and r >= 0, do: 3 * r * r
end
defmodule Shape.Square do
  def area(s), do: s * s
end
defmodule Shape do
  alias Shape.{Circle, Square}
  def area({:circle, r}), do: Circle.area(r)
  def area({:square, s}), do: Square.area(s)
  def total(shapes), do: shapes |> Enum.map(&area/1) |> Enum.sum()
end
Shape.area({:circle, 2})
Shape.area({:square, 3})
Shape.total([{:circle, 1}, {:square, 2}])
Shape.area({:triangle, 1})
Shape.area({:circle, -1})
Enum.map([1, 2], &Shape.Square.area/1)
Shape.Circle.area("x")
