me = self()
pong = spawn(fn -> loop = fn loop -> receive do {:ping, from} -> send(from, :pong); loop.(loop); :stop -> :ok end end; loop.(loop) end)
send(pong, {:ping, me}); receive do :pong -> :pong after 1000 -> :timeout end
Enum.reduce(1..10_000, 0, fn _, n -> send(pong, {:ping, me}); receive do :pong -> n + 1 after 5000 -> n end end)
Process.alive?(pong)
send(pong, :stop); Process.sleep(50); Process.alive?(pong)
counter = spawn(fn -> loop = fn loop, n -> receive do :inc -> loop.(loop, n + 1); {:get, from} -> send(from, {:count, n}); loop.(loop, n) end end; loop.(loop, 0) end)
for _ <- 1..10_000, do: send(counter, :inc); :sent
send(counter, {:get, me}); receive do {:count, n} -> n after 5000 -> :timeout end
store = spawn(fn -> loop = fn loop, m -> receive do {:put, k, v} -> loop.(loop, Map.put(m, k, v)); {:get, k, from} -> send(from, {:val, Map.get(m, k)}); loop.(loop, m) end end; loop.(loop, %{}) end)
Enum.each(1..10_000, fn i -> send(store, {:put, i, i * i}) end)
send(store, {:get, 100, me}); receive do {:val, v} -> v after 5000 -> :timeout end
send(store, {:get, :missing, me}); receive do {:val, v} -> v after 5000 -> :timeout end
acc = spawn(fn -> loop = fn loop, list -> receive do {:add, x} -> loop.(loop, [x | list]); {:all, from} -> send(from, Enum.reverse(list)) end end; loop.(loop, []) end)
Enum.each(1..10, &send(acc, {:add, &1})); send(acc, {:all, me}); receive do l -> l after 1000 -> :timeout end
Process.alive?(acc)
