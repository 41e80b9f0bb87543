defmodule KV.Bucket do
  use GenServer
  def start_link(init), do: GenServer.start_link(__MODULE__, init)
  def init(map), do: {:ok, map}
  def handle_call({:get, key}, _from, map), do: {:reply, Map.fetch!(map, key), map}
  def handle_call({:div, key, by}, _from, map), do: {:reply, div(map[key], by), map}
  def handle_cast({:put, key, value}, map), do: {:noreply, Map.put(map, key, value)}
  def terminate(reason, _map) do
    IO.puts("bucket down: #{inspect(reason)}")
  end
end
{:ok, b} = GenServer.start(KV.Bucket, %{"milk" => 3})
GenServer.cast(b, {:put, "eggs", 12})
GenServer.call(b, {:get, "eggs"})
GenServer.call(b, {:div, "milk", 0})
Process.sleep(50)
Process.alive?(b)
{:ok, b2} = GenServer.start(KV.Bucket, %{})
GenServer.stop(b2, :shutdown)
{:ok, b3} = GenServer.start(KV.Bucket, %{})
GenServer.stop(b3, :boom)
Process.sleep(50)
{:ok, b4} = KV.Bucket.start_link(%{})
GenServer.call(b4, {:get, "x"})
Process.sleep(50)
