defmodule User do
  defstruct name: "John", age: 27
end
%User{}
%User{name: "Jane"}
john = %User{}
john.name
jane = %{john | name: "Jane"}
%{jane | oops: :field}
%User{name: name} = john
name
is_map(john)
john.__struct__
Map.keys(john)
%User{} = %{}
%User{oops: :field}
defmodule Product do
  defstruct [:name, price: 0]
end
%Product{}
%Product{name: "pen", price: 2}
Map.from_struct(%Product{name: "x"})
