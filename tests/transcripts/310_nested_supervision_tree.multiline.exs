defmodule KV.Registry do
  use GenServer
  def start_link(opts), do: GenServer.start_link(__MODULE__, :ok, opts)
  def init(:ok), do: {:ok, %{}}
  def handle_call({:lookup, name}, _from, names), do: {:reply, Map.fetch(names, name), names}
end
defmodule KV.Supervisor do
  use Supervisor
  def start_link(opts), do: Supervisor.start_link(__MODULE__, :ok, opts)
  @impl true
  def init(:ok) do
    children = [
      {DynamicSupervisor, name: KV.BucketSupervisor, strategy: :one_for_one},
      {KV.Registry, name: KV.Registry}
    ]
    Supervisor.init(children, strategy: :one_for_all)
  end
end
{:ok, sup} = KV.Supervisor.start_link([])
Supervisor.which_children(sup)
Supervisor.count_children(sup)
GenServer.call(KV.Registry, {:lookup, "shopping"})
{:ok, agent} = DynamicSupervisor.start_child(KV.BucketSupervisor, {Agent, fn -> %{} end})
DynamicSupervisor.count_children(KV.BucketSupervisor)
Process.exit(Process.whereis(KV.Registry), :kill); Process.sleep(50)
Process.alive?(agent)
DynamicSupervisor.count_children(KV.BucketSupervisor)
KV.Supervisor.child_spec([])
