defmodule MySup do
  use DynamicSupervisor
  def start_link(arg), do: DynamicSupervisor.start_link(__MODULE__, arg, name: __MODULE__)
  @impl true
  def init(_arg), do: DynamicSupervisor.init(strategy: :one_for_one, max_children: 2)
end
MySup.start_link(:x)
DynamicSupervisor.count_children(MySup)
defmodule User do
  defstruct name: "john", age: 27
end
%User{}
u = %User{name: "jane"}
u.name
%{u | age: 3}
%User{name: n} = u
n
defmodule MyError do
  defexception message: "default message"
end
raise MyError
raise MyError, message: "custom"
try do
  raise MyError
rescue
  e in MyError -> e.message
end
