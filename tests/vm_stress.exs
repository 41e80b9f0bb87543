# The plan of tests/vm_stress.rs, typed into the shell line by line. Bind n (workers, a
# multiple of 5) and m (messages each worker sends) first; to compare with real iex:
#   (echo "n = 2000; m = 5"; cat tests/vm_stress.exs) | iex
# Worker i sends {:msg, i * m + k} to worker target(i, k), k in 0..m-1, receives the
# messages the plan sends it, reports them, then meets its fate (i mod 5): it returns,
# raises, is killed by the coordinator, or is one of a linked pair that exit together.
# The coordinator traps exits, links to and monitors every worker, and counts reports,
# :EXITs and :DOWNs by reason.
fate = fn i -> elem({:normal, :raise, :killed, :pair_first, :pair_second}, rem(i, 5)) end; target = fn i, k -> rem(i * 7919 + k * 31, n) end; :ok
kind = fn :normal -> :normal; :killed -> :killed; :pair_down -> :pair_down; {%RuntimeError{message: "boom"}, _} -> :raised; other -> {:other, other} end; :ok
recv = fn
  _recv, 0, got, sum -> {got, sum}
  recv, left, got, sum -> receive do {:msg, x} -> recv.(recv, left - 1, got + 1, sum + x) after 5000 -> {got, sum} end
end; :ok
worker = fn coord, i, expect ->
  receive do
    {:go, targets, partner} ->
      if fate.(i) == :pair_first, do: Process.link(partner)
      targets |> Enum.with_index() |> Enum.each(fn {to, k} -> send(to, {:msg, i * m + k}) end)
      {got, sum} = recv.(recv, expect, 0, 0)
      send(coord, {:got, i, got, sum})
      case fate.(i) do
        :normal -> :ok
        :raise -> raise "boom"
        :killed -> receive do :never -> :ok end
        :pair_first -> receive do :ready -> exit(:pair_down) end
        :pair_second -> send(partner, :ready); receive do :never -> :ok end
      end
  end
end; start = fn coord, i, expect -> spawn_monitor(fn -> worker.(coord, i, expect) end) end; :ok
collect = fn
  _collect, _pids, 0, acc -> acc
  collect, pids, left, acc ->
    receive do
      {:got, i, got, sum} ->
        if fate.(i) == :killed, do: Process.exit(elem(pids, i), :kill)
        collect.(collect, pids, left - 1, %{acc | got: acc.got + got, sum: acc.sum + sum})
      {:EXIT, _pid, reason} ->
        collect.(collect, pids, left - 1, %{acc | exits: Map.update(acc.exits, kind.(reason), 1, &(&1 + 1))})
      {:DOWN, _ref, :process, _pid, reason} ->
        collect.(collect, pids, left - 1, %{acc | downs: Map.update(acc.downs, kind.(reason), 1, &(&1 + 1))})
    after
      10_000 -> Map.put(acc, :missing, left)
    end
end; :ok
coordinator = fn shell ->
  Process.flag(:trap_exit, true)
  coord = self()
  expects = Enum.frequencies(for i <- 0..(n - 1), k <- 0..(m - 1), do: target.(i, k))
  started = for i <- 0..(n - 1), do: start.(coord, i, Map.get(expects, i, 0))
  Enum.each(started, fn {pid, _ref} -> Process.link(pid) end)
  pids = List.to_tuple(Enum.map(started, fn {pid, _ref} -> pid end))
  partner = fn i -> case fate.(i) do :pair_first -> elem(pids, i + 1); :pair_second -> elem(pids, i - 1); _ -> nil end end
  for i <- 0..(n - 1), do: send(elem(pids, i), {:go, for(k <- 0..(m - 1), do: elem(pids, target.(i, k))), partner.(i)})
  send(shell, {:totals, collect.(collect, pids, 3 * n, %{got: 0, sum: 0, missing: 0, exits: %{}, downs: %{}})})
end; :ok
before = length(Process.list()); shell = self(); {_, coord_ref} = spawn_monitor(fn -> coordinator.(shell) end); :started
totals = receive do {:totals, totals} -> totals after 30_000 -> %{got: 0, sum: 0, missing: :all, exits: %{}, downs: %{}} end; {:delivered, totals.got, totals.sum, totals.missing}
{:exits, totals.exits}
{:downs, totals.downs}
receive do {:DOWN, ^coord_ref, :process, _, reason} -> {:coordinator, reason} after 5000 -> {:coordinator, :alive} end
{:process_count, before, length(Process.list())}
