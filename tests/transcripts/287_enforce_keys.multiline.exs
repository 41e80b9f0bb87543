defmodule Car do
  @enforce_keys [:make]
  defstruct [:model, :make]
end
%Car{}
%Car{make: "Ford"}
car = %Car{make: "VW", model: "Golf"}
car.model
car.year
struct(Car, make: "Fiat")
struct!(Car, model: "X")
defmodule Point do
  defstruct x: 0, y: 0
  def new(x, y), do: %__MODULE__{x: x, y: y}
  def add(%Point{x: x1, y: y1}, %Point{x: x2, y: y2}), do: new(x1 + x2, y1 + y2)
end
p = Point.new(1, 2)
Point.add(p, Point.new(10, 20))
Point.add(p, %{x: 1, y: 1})
