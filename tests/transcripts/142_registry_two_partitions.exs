# Two partitions: duplicate keys restart only the killed partition (one_for_one), and
# only the entries it held go; unique keys restart both (one_for_all), every entry goes.
{:ok, dup} = Registry.start_link(keys: :duplicate, name: Dup, partitions: 2)
pids = for i <- 1..8, do: spawn(fn -> Registry.register(Dup, "k", i); Process.sleep(:infinity) end)
Process.sleep(50)
Registry.count(Dup)
[{_, p1, _, _}, {_, p0, _, _}] = Supervisor.which_children(dup)
linked_to = fn part -> Enum.filter(pids, fn pid -> part in elem(Process.info(pid, :links), 1) end) end
{in0, in1} = {linked_to.(p0), linked_to.(p1)}; :ok
length(in0) + length(in1)
Process.exit(p0, :kill); Process.sleep(100)
Enum.all?(in0, &(not Process.alive?(&1)))
Enum.all?(in1, &Process.alive?/1)
[{Dup.PIDPartition1, q1, _, _}, {Dup.PIDPartition0, q0, _, _}] = Supervisor.which_children(dup)
{q0 == p0, q1 == p1}
Registry.count(Dup) == length(in1)
Registry.lookup(Dup, "k") |> Enum.map(&elem(&1, 0)) |> Enum.sort() == Enum.sort(in1)
Enum.map(in1, &Registry.keys(Dup, &1)) |> Enum.uniq()
Enum.map(in0, &Registry.keys(Dup, &1)) |> Enum.uniq()
Supervisor.count_children(dup)
{:ok, uniq} = Registry.start_link(keys: :unique, name: Uniq, partitions: 2)
upids = for i <- 1..6, do: spawn(fn -> Registry.register(Uniq, i, nil); Process.sleep(:infinity) end)
Process.sleep(50)
Registry.count(Uniq)
[{_, u1, _, _}, {_, u0, _, _}] = Supervisor.which_children(uniq)
Process.exit(u1, :kill); Process.sleep(100)
Enum.map(upids, &Process.alive?/1)
[Process.alive?(u0), Process.alive?(u1), Process.alive?(uniq)]
[{Uniq.PIDPartition1, v1, _, _}, {Uniq.PIDPartition0, v0, _, _}] = Supervisor.which_children(uniq)
{v0 == u0, v1 == u1, v0 < v1}
Registry.count(Uniq)
Registry.lookup(Uniq, 1)
Registry.register(Uniq, :shell, 1) |> elem(0)
Registry.count(Uniq)
