defmodule Counter do
  use GenServer
  def init(n), do: {:ok, n}
  def handle_call(:get, _from, n), do: {:reply, n, n}
  def handle_call(:stop, _from, n), do: {:stop, :normal, :bye, n}
  def handle_cast(:inc, n), do: {:noreply, n + 1, 20}
  def handle_cast(:halt, n), do: {:stop, :normal, n}
  def handle_info(:timeout, n) do
    IO.puts("timeout at #{n}")
    {:noreply, n}
  end
  def terminate(reason, n) do
    IO.puts("terminating #{inspect(reason)} with #{n}")
  end
end
{:ok, pid} = GenServer.start(Counter, 0)
GenServer.cast(pid, :inc)
Process.sleep(50)
GenServer.call(pid, :get)
GenServer.call(pid, :stop)
Process.alive?(pid)
{:ok, pid2} = GenServer.start(Counter, 5)
GenServer.cast(pid2, :halt)
Process.sleep(50)
Process.alive?(pid2)
{:ok, pid3} = GenServer.start(Counter, 7)
GenServer.stop(pid3)
GenServer.call(pid3, :get)
