defmodule MyError do
  defexception message: "default message"
end
raise MyError
raise MyError, message: "custom message"
try do
  raise MyError
rescue
  e in MyError -> e
end
defmodule BadThing do
  defexception [:value]
  @impl true
  def message(e), do: "bad value: #{inspect(e.value)}"
end
raise BadThing, value: 42
try do
  raise BadThing, value: :x
rescue
  e -> Exception.message(e)
end
%MyError{}
Exception.exception?(%MyError{})
try do
  raise "oops"
rescue
  e in RuntimeError -> {:rescued, e.message}
after
  IO.puts("after")
end
