defmodule KV.Bucket do
  use Agent
  def start_link(_opts), do: Agent.start_link(fn -> %{} end)
  def get(bucket, key), do: Agent.get(bucket, &Map.get(&1, key))
  def put(bucket, key, value), do: Agent.update(bucket, &Map.put(&1, key, value))
end
defmodule KV.Registry do
  use GenServer
  def start_link(opts) do
    server = Keyword.fetch!(opts, :name)
    GenServer.start_link(__MODULE__, :ok, name: server)
  end
  def lookup(server, name), do: GenServer.call(server, {:lookup, name})
  def create(server, name), do: GenServer.cast(server, {:create, name})
  @impl true
  def init(:ok), do: {:ok, {%{}, %{}}}
  @impl true
  def handle_call({:lookup, name}, _from, {names, _} = state) do
    {:reply, Map.fetch(names, name), state}
  end
  @impl true
  def handle_cast({:create, name}, {names, refs}) do
    if Map.has_key?(names, name) do
      {:noreply, {names, refs}}
    else
      {:ok, bucket} = KV.Bucket.start_link([])
      ref = Process.monitor(bucket)
      {:noreply, {Map.put(names, name, bucket), Map.put(refs, ref, name)}}
    end
  end
  @impl true
  def handle_info({:DOWN, ref, :process, _pid, _reason}, {names, refs}) do
    {name, refs} = Map.pop(refs, ref)
    {:noreply, {Map.delete(names, name), refs}}
  end
end
defmodule KV.Supervisor do
  use Supervisor
  def start_link(opts) do
    Supervisor.start_link(__MODULE__, :ok, opts)
  end
  @impl true
  def init(:ok) do
    children = [
      {KV.Registry, name: KV.Registry}
    ]
    Supervisor.init(children, strategy: :one_for_one)
  end
end
{:ok, sup} = KV.Supervisor.start_link([])
KV.Registry.create(KV.Registry, "shopping")
{:ok, bucket} = KV.Registry.lookup(KV.Registry, "shopping")
KV.Bucket.put(bucket, "milk", 1)
KV.Bucket.get(bucket, "milk")
old = Process.whereis(KV.Registry)
Process.exit(old, :kill)
Process.sleep(50)
new = Process.whereis(KV.Registry)
new == old
Process.alive?(bucket)
KV.Registry.lookup(KV.Registry, "shopping")
Supervisor.which_children(KV.Supervisor)
Supervisor.which_children(sup)
Supervisor.count_children(sup)
KV.Registry.child_spec(name: KV.Registry)
