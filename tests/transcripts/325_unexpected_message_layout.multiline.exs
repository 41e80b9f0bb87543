defmodule W do
  use GenServer
  def init(s), do: {:ok, s}
  def handle_call(:boom, _from, s), do: {:reply, 1 + s, s}
end
{:ok, w} = GenServer.start(W, Enum.to_list(1..40))
send(w, {:a_long_message_tuple, Enum.to_list(1..30), "with a string inside of it"}); Process.sleep(50)
GenServer.call(w, :boom)
