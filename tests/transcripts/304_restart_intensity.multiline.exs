defmodule Pinger do
  use GenServer
  def start_link(_), do: GenServer.start_link(__MODULE__, :ok, name: __MODULE__)
  def init(:ok), do: {:ok, 0}
  def handle_call(:ping, _from, n), do: {:reply, {:pong, n}, n + 1}
end
{:ok, sup} = Supervisor.start_link([Pinger], strategy: :one_for_one, max_restarts: 1, max_seconds: 5, name: PingSup)
GenServer.call(Pinger, :ping)
Process.exit(Process.whereis(Pinger), :kill)
Process.sleep(50)
GenServer.call(Pinger, :ping)
Process.exit(Process.whereis(Pinger), :kill)
Process.sleep(50)
Process.alive?(sup)
Process.whereis(PingSup)
Process.whereis(Pinger)
self()
Process.flag(:trap_exit, true)
{:ok, sup2} = Supervisor.start_link([Pinger], strategy: :one_for_one, max_restarts: 0)
Process.exit(Process.whereis(Pinger), :kill)
Process.sleep(50)
Process.alive?(sup2)
flush()
