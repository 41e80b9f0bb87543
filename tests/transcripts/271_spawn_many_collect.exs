me = self()
for i <- 1..1000, do: spawn(fn -> send(me, {:result, i * 2}) end); :spawned
Enum.reduce(1..1000, 0, fn _, acc -> receive do {:result, v} -> acc + v after 5000 -> acc end end)
pids = for i <- 1..10_000, do: spawn(fn -> receive do :go -> send(me, {:done, i}) end end); length(pids)
Enum.each(pids, &send(&1, :go))
Enum.reduce(1..10_000, 0, fn _, n -> receive do {:done, _} -> n + 1 after 5000 -> n end end)
receive do {:done, _} -> :extra after 50 -> :all_collected end
work = fn n -> Enum.sum(1..n) end
jobs = Enum.map([10, 100, 1000], fn n -> pid = spawn(fn -> send(me, {self(), work.(n)}) end); pid end)
Enum.map(jobs, fn pid -> receive do {^pid, r} -> r after 1000 -> :timeout end end)
parallel_map = fn list, f -> list |> Enum.map(fn x -> spawn(fn -> send(me, {self(), f.(x)}) end) end) |> Enum.map(fn pid -> receive do {^pid, r} -> r end end) end
parallel_map.([1, 2, 3, 4], &(&1 * &1))
parallel_map.(Enum.to_list(1..1000), &(&1 + 1)) |> Enum.sum()
parallel_map.(["a", "b"], &String.upcase/1)
