defmodule Greet do
  @moduledoc """
  Greets people.
  """
  @doc "Says hello to `name`."
  def hello(name), do: "Hello, #{name}!"
  @doc false
  def hidden, do: :secret
  def bye(name, punct \\ "."), do: "Bye, #{name}#{punct}"
  defp helper, do: :ok
end
Greet.hello("Ann")
h Greet
h Greet.hello
h Greet.bye
h Greet.hello/1
h Greet.nope
exports(Greet)
Greet.module_info(:exports)
Greet.__info__(:functions)
Code.fetch_docs(Greet)
h Enum.count/1
