defmodule Foo do
  defmodule Bar do
    def hello, do: "hello from #{inspect(__MODULE__)}"
  end

  def call, do: Bar.hello()
  def me, do: __MODULE__
end
Foo.call
Foo.Bar.hello
Foo.me
Bar.hello
defmodule Stats do
  alias Foo.Bar, as: B
  def run, do: B.hello()
  def name, do: B
end
Stats.run
Stats.name
defmodule Greeter do
  def hi(name), do: "Hi " <> Formatter.upcase(name)
end
defmodule Formatter do
  def upcase(s), do: String.upcase(s)
end
Greeter.hi("jose")
defmodule Foo.Baz, do: def(x, do: :x)
Foo.Baz.x
