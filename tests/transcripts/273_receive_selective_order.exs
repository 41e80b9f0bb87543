send(self(), {:b, 2}); send(self(), {:a, 1}); send(self(), {:c, 3}); :sent
receive do {:a, v} -> v end
receive do {:c, v} -> v end
receive do {:b, v} -> v end
ref = make_ref(); send(self(), {:other, 0}); send(self(), {ref, :mine}); receive do {^ref, v} -> v end
receive do {^ref, v} -> v after 0 -> :gone end
flush()
for i <- 1..5, do: send(self(), i); :ok
receive do n when n > 3 -> n end
receive do n when rem(n, 2) == 0 -> n end
flush()
send(self(), :x); receive do :y -> :y after 10 -> :no_y end
receive do :x -> :x after 10 -> :no_x end
msgs = fn m, acc -> receive do x -> m.(m, [x | acc]) after 0 -> Enum.reverse(acc) end end
Enum.each(1..10, &send(self(), &1)); msgs.(msgs, [])
Enum.each(1..10_000, &send(self(), &1)); msgs.(msgs, []) |> length()
Process.info(self(), :message_queue_len)
send(self(), :one); Process.info(self(), :message_queue_len)
flush()
receive do after 10 -> :only_after end
