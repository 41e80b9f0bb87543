{:ok, sup} = DSupervisor.start_link([])
{:ok, pid} = DSupervisor.start_server(1, :one)
{:ok, pid} = DSupervisor.start_server(2, :one)
{:error, reason} = DSupervisor.start_server(2, :one)
reason
{:already_started, ^pid} = reason
{:already_started, ^sup} = reason
[a, b] = [1]
[{p, _}] = Registry.lookup(Registry, "nope")
Registry.start_link(keys: :unique, name: Registry)
[{p, _}] = Registry.lookup(Registry, "nope")
[] = Registry.lookup(Registry, "nope")
%{active: n} = DynamicSupervisor.count_children(DSupervisor)
n
%{missing: m} = DynamicSupervisor.count_children(DSupervisor)
{:ok, _} = Server.start_link({1, :one})
Server.state(:one) + 1
Server.state(:two)
"state is #{Server.state(:one)}"
"pid #{pid}"
"tuple #{inspect {:ok, pid}}"
"atom #{:one} and #{nil} and #{true}"
"list #{[1, 2]}"
"list #{inspect [1, 2], charlists: :as_lists}"
IO.puts("pid: #{inspect(pid)}")
IO.puts(pid)
IO.puts(:one)
IO.puts([1, 2])
IO.inspect({:ok, pid}, label: :tuple)
IO.inspect([1, 2, 3], label: "nums", limit: 2)
IO.inspect(%{name: :one, pid: pid})
[1, 2, 3] |> Enum.map(&(&1 * 2)) |> IO.inspect(label: "doubled") |> Enum.sum()
Process.alive?(pid) && :yes
pid |> Process.alive?() |> IO.inspect(label: "alive?")
is_atom(:one) and is_pid(pid)
1 and true
nil || :default
x = if Process.alive?(pid), do: :alive, else: :dead
unless x == :alive, do: :weird
cond do Server.state(:one) > 0 -> :positive; true -> :other end
