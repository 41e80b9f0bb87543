defmodule Back do
  use GenServer
  def init(x), do: {:ok, x}
  def handle_call(:get, _from, s), do: {:reply, s, s}
  def handle_call(:slow, _from, s), do: (Process.sleep(300); {:reply, :late, s})
end
defmodule Front do
  use GenServer
  def init(back), do: {:ok, back}
  def handle_call(:ask, _from, back), do: {:reply, {:front, GenServer.call(back, :get)}, back}
  def handle_call(:ask_slow, _from, back), do: {:reply, GenServer.call(back, :slow, 50), back}
  def handle_call(:ask_dead, _from, back), do: {:reply, GenServer.call(:nobody, :get), back}
end
{:ok, b} = GenServer.start(Back, 41)
{:ok, f} = GenServer.start(Front, b)
GenServer.call(f, :ask)
GenServer.call(f, :ask_slow)
Process.sleep(400)
Process.alive?(f)
{:ok, f2} = GenServer.start(Front, b)
GenServer.call(f2, :ask_dead)
me = self(); spawn(fn -> send(me, {:got, GenServer.call(b, :get)}) end); receive do m -> m after 1000 -> :none end
