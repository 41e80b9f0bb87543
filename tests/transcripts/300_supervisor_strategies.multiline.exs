defmodule W do
  use GenServer
  def start_link(arg), do: GenServer.start_link(__MODULE__, arg, name: arg)
  def init(arg), do: {:ok, arg}
  def handle_call(:ping, _, s), do: {:reply, {:pong, s}, s}
end
children = [%{id: :a, start: {W, :start_link, [:a]}}, %{id: :b, start: {W, :start_link, [:b]}}, Supervisor.child_spec({W, :c}, id: :c)]
{:ok, sup} = Supervisor.start_link(children, strategy: :one_for_one)
Supervisor.which_children(sup)
Supervisor.count_children(sup)
GenServer.call(:b, :ping)
a = Process.whereis(:a)
Process.exit(a, :kill); Process.sleep(50)
Process.whereis(:a) == a
Supervisor.terminate_child(sup, :b)
Supervisor.which_children(sup)
Supervisor.restart_child(sup, :b)
Supervisor.delete_child(sup, :b)
Supervisor.terminate_child(sup, :b)
Supervisor.delete_child(sup, :b)
Supervisor.delete_child(sup, :zz)
Supervisor.restart_child(sup, :zz)
Supervisor.start_child(sup, %{id: :d, start: {W, :start_link, [:d]}})
Supervisor.start_child(sup, %{id: :d, start: {W, :start_link, [:d]}})
Supervisor.which_children(sup)
Supervisor.stop(sup)
{:ok, sup} = Supervisor.start_link([%{id: :a, start: {W, :start_link, [:a]}}, %{id: :b, start: {W, :start_link, [:b]}}], strategy: :one_for_all)
a = Process.whereis(:a); b = Process.whereis(:b); :ok
Process.exit(a, :kill); Process.sleep(50)
{Process.whereis(:a) == a, Process.whereis(:b) == b}
Supervisor.stop(sup)
{:ok, sup} = Supervisor.start_link([%{id: :a, start: {W, :start_link, [:a]}}, %{id: :b, start: {W, :start_link, [:b]}}, %{id: :c, start: {W, :start_link, [:c]}}], strategy: :rest_for_one)
a = Process.whereis(:a); b = Process.whereis(:b); c = Process.whereis(:c); :ok
Process.exit(b, :kill); Process.sleep(50)
{Process.whereis(:a) == a, Process.whereis(:b) == b, Process.whereis(:c) == c}
Supervisor.stop(sup)
Supervisor.start_link([Nope], strategy: :one_for_one)
Supervisor.start_link([%{id: :a, start: {W, :start_link, [:a]}}, %{id: :a, start: {W, :start_link, [:b]}}], strategy: :one_for_one)
Supervisor.start_link([{W, :x}], [])
defmodule MySup do
  use Supervisor
  def start_link(arg), do: Supervisor.start_link(__MODULE__, arg, name: __MODULE__)
  @impl true
  def init(_arg) do
    children = [{W, :x}, {W, :y}]
    Supervisor.init(children, strategy: :one_for_one)
  end
end
MySup.start_link(:ok)
Supervisor.which_children(MySup)
Supervisor.count_children(MySup)
Process.whereis(:y) |> Process.exit(:kill); Process.sleep(50)
GenServer.call(:y, :ping)
