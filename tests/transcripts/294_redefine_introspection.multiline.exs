defmodule M1 do
  def a, do: 1
  def b(x), do: x
  defp c, do: 3
  def d, do: c()
end
M1.__info__(:functions)
M1.__info__(:module)
function_exported?(M1, :b, 1)
function_exported?(M1, :c, 0)
function_exported?(M1, :b, 2)
defmodule M1 do
  def a, do: :new
end
M1.a
M1.b(1)
M1.__info__(:functions)
Code.ensure_loaded?(M1)
defmodule M2 do
end
M2.__info__(:functions)
defmodule M3 do
  IO.puts("compiling M3")
  def x, do: 1
  :last_value
end
