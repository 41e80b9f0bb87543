me = self()
relay = fn relay, next -> receive do {:token, 0} -> send(me, :finished); {:token, n} -> send(next, {:token, n - 1}); relay.(relay, next) end end
last = spawn(fn -> relay.(relay, me) end); is_pid(last)
ring = Enum.reduce(1..999, last, fn _, next -> spawn(fn -> relay.(relay, next) end) end); is_pid(ring)
send(ring, {:token, 500}); receive do :finished -> :finished; {:token, n} -> {:reached_shell, n} after 5000 -> :timeout end
circle = fn circle, count -> receive do {:set_next, nxt} -> circle.(circle, {nxt, count}); {:tok, 0} -> send(me, {:done, count}); {:tok, k} -> {nxt, c} = count; send(nxt, {:tok, k - 1}); circle.(circle, {nxt, c + 1}) end end
procs = for _ <- 1..100, do: spawn(fn -> circle.(circle, 0) end); length(procs)
procs |> Enum.zip(tl(procs) ++ [hd(procs)]) |> Enum.each(fn {p, n} -> send(p, {:set_next, n}) end)
send(hd(procs), {:tok, 1000}); receive do {:done, {_, c}} -> c after 5000 -> :timeout end
Enum.count(procs, &Process.alive?/1)
