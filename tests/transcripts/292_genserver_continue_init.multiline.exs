defmodule Loader do
  use GenServer
  def init(arg), do: {:ok, [], {:continue, arg}}
  def handle_continue(:load, state) do
    IO.puts("loading")
    {:noreply, [:loaded | state]}
  end
  def handle_call(:get, _from, state), do: {:reply, state, state}
end
{:ok, pid} = GenServer.start_link(Loader, :load)
GenServer.call(pid, :get)
defmodule Refuser do
  use GenServer
  def init(:stop), do: {:stop, :no_way}
  def init(:ignore), do: :ignore
  def init(:bad), do: :what
  def init(x), do: {:ok, x}
end
GenServer.start(Refuser, :stop)
GenServer.start(Refuser, :ignore)
GenServer.start(Refuser, 1)
GenServer.start(Refuser, :bad)
Process.sleep(50)
GenServer.start_link(Refuser, :stop)
Process.sleep(50)
GenServer.start_link(Refuser, :ignore)
GenServer.start_link(Refuser, 2)
