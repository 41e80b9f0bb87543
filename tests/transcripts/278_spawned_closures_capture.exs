me = self()
x = 10; spawn(fn -> send(me, x * 2) end); receive do v -> v end
spawn(fn -> send(me, self() == me) end); receive do v -> v end
make_adder = fn n -> fn m -> n + m end end
add5 = make_adder.(5); spawn(fn -> send(me, add5.(1)) end); receive do v -> v end
spawn(fn -> send(self(), :own); receive do :own -> send(me, :got_own) end end); receive do v -> v after 1000 -> :timeout end
counter = fn c, n -> receive do {:add, k} -> c.(c, n + k); {:get, from} -> send(from, n) end end
pid = spawn(fn -> counter.(counter, 100) end); send(pid, {:add, 5}); send(pid, {:add, 7}); send(pid, {:get, me}); receive do n -> n after 1000 -> :timeout end
spawn(Enum, :sum, [[1, 2, 3]]) |> is_pid()
p = spawn(Process, :sleep, [100]); Process.alive?(p)
pid_a = spawn(fn -> receive do {:to_b, b} -> send(b, {:from_a, self()}) end end)
pid_b = spawn(fn -> receive do {:from_a, a} -> send(me, {:b_heard, a}) end end)
send(pid_a, {:to_b, pid_b}); receive do {:b_heard, a} -> a == pid_a after 1000 -> :timeout end
list = Enum.to_list(1..5); spawn(fn -> send(me, Enum.map(list, &(&1 * 3))) end); receive do v -> v end
big = Enum.to_list(1..100_000); spawn(fn -> send(me, length(big)) end); receive do v -> v end
m = %{name: "room"}; spawn(fn -> send(me, %{m | name: "hall"}) end); receive do v -> {v, m} end
spawn(fn -> Process.put(:k, :v); send(me, Process.get(:k)) end); receive do v -> {v, Process.get(:k)} end
