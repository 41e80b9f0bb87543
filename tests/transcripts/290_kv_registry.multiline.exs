defmodule KV.Registry do
  use GenServer
  def start_link(opts), do: GenServer.start_link(__MODULE__, :ok, opts)
  def lookup(server, name), do: GenServer.call(server, {:lookup, name})
  def create(server, name), do: GenServer.cast(server, {:create, name})
  @impl true
  def init(:ok), do: {:ok, %{}}
  @impl true
  def handle_call({:lookup, name}, _from, names) do
    {:reply, Map.fetch(names, name), names}
  end
  @impl true
  def handle_cast({:create, name}, names) do
    if Map.has_key?(names, name) do
      {:noreply, names}
    else
      {:ok, bucket} = Agent.start_link(fn -> %{} end)
      {:noreply, Map.put(names, name, bucket)}
    end
  end
  @impl true
  def handle_info(msg, state) do
    IO.puts("Unexpected message: #{inspect(msg)}")
    {:noreply, state}
  end
end
{:ok, registry} = KV.Registry.start_link([])
KV.Registry.lookup(registry, "shopping")
KV.Registry.create(registry, "shopping")
{:ok, bucket} = KV.Registry.lookup(registry, "shopping")
Agent.update(bucket, &Map.put(&1, "milk", 1))
Agent.get(bucket, & &1)
send(registry, :hello)
Process.sleep(50)
KV.Registry.lookup(registry, "other")
