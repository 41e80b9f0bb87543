spin = fn spin, n -> spin.(spin, n + 1) end; busy = for _ <- 1..4, do: spawn(fn -> spin.(spin, 0) end); length(busy)
Process.sleep(300)
{t, v} = :timer.tc(fn -> Enum.sum(1..1000) end); {v, Enum.all?(busy, &Process.alive?/1), t}
{t2, _} = :timer.tc(fn -> Process.sleep(10) end); t2 < 200_000
