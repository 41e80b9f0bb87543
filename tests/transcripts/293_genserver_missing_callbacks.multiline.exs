defmodule Stack do
  use GenServer

  @impl true
  def init(stack), do: {:ok, stack}

  @impl true
  def handle_call(:pop, _from, [head | tail]) do
    {:reply, head, tail}
  end
end
{:ok, pid} = GenServer.start(Stack, [:hello, :world])
GenServer.call(pid, :pop)
send(pid, :unexpected); Process.sleep(50)
Process.alive?(pid)
GenServer.cast(pid, {:push, 1}); Process.sleep(50)
Process.alive?(pid)
{:ok, pid} = GenServer.start(Stack, [])
GenServer.call(pid, :pop)
Process.sleep(50)
