me = self()
pid = spawn(fn -> send(me, {:hello, self()}) end); is_pid(pid)
receive do {:hello, from} -> from == pid end
spawn(fn -> send(me, 1 + 2) end); receive do n -> n end
echo = spawn(fn -> receive do {from, msg} -> send(from, {:echo, msg}) end end)
send(echo, {self(), "hi"})
receive do {:echo, m} -> m end
Process.alive?(echo)
receive do x -> x after 100 -> :nothing end
receive do x -> x after 0 -> :empty end
spawn(fn -> Process.sleep(50); send(me, :late) end); receive do :late -> :got_it after 1000 -> :too_slow end
spawn(fn -> Process.sleep(500); send(me, :later) end); receive do :later -> :got_it after 50 -> :too_slow end
receive do :later -> :arrived after 1000 -> :never end
send(self(), :a); send(self(), :b); send(self(), :c)
receive do :b -> :took_b end
receive do m -> m end
receive do m -> m end
receive do m -> m after 10 -> :none end
adder = fn -> receive do {a, b, from} -> send(from, a + b) end end
p = spawn(adder); send(p, {20, 22, me}); receive do s -> s after 1000 -> :timeout end
for i <- 1..5, do: spawn(fn -> send(me, {:sq, i * i}) end)
Enum.map(1..5, fn _ -> receive do {:sq, v} -> v end end) |> Enum.sort()
receive do {:sq, _} -> :extra after 20 -> :no_more end
