defmodule MyServer do
  @moduledoc "My server code."
  @initial_state %{host: "127.0.0.1", port: 3456}
  def initial_state, do: @initial_state
  @doc "Returns the port."
  def port, do: @initial_state.port
end
MyServer.initial_state()
MyServer.port()
defmodule MyApp.Status do
  @service URI.parse("https://example.com")
  def status(email) do
    {@service.host, email}
  end
end
MyApp.Status.status("a@b.c")
defmodule Attr do
  @x 1
  def first, do: @x
  @x 2
  def second, do: @x
  @list [1, 2, 3]
  def total, do: Enum.sum(@list)
  @x
end
Attr.first
Attr.second
Attr.total
