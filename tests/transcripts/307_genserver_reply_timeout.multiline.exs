defmodule Later do
  use GenServer
  def init(s), do: {:ok, s}
  def handle_call(:later, from, s) do
    Process.send_after(self(), {:answer, from}, 20)
    {:noreply, s}
  end
  def handle_call(:slow, _from, s) do
    Process.sleep(500)
    {:reply, :done, s}
  end
  def handle_call(:now, from, s) do
    GenServer.reply(from, :early)
    {:noreply, s + 1}
  end
  def handle_call(:count, _from, s), do: {:reply, s, s}
  def handle_info({:answer, from}, s) do
    GenServer.reply(from, {:late, s})
    {:noreply, s}
  end
end
{:ok, pid} = GenServer.start_link(Later, 0)
GenServer.call(pid, :later)
GenServer.call(pid, :now)
GenServer.call(pid, :count)
GenServer.call(pid, :slow, 100)
Process.sleep(600)
flush()
GenServer.call(pid, :count)
Process.alive?(pid)
