me = self(); fwd = fn fwd, next -> receive do {:token, lap} -> send(next, {:token, lap}); fwd.(fwd, next) end end; first = Enum.reduce(1..10_000, me, fn _, next -> spawn(fn -> fwd.(fwd, next) end) end); is_pid(first)
Enum.reduce(1..100, 0, fn lap, done -> send(first, {:token, lap}); receive do {:token, ^lap} -> done + 1 after 10_000 -> done end end)
