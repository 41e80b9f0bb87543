me = self()
p = spawn(fn -> receive do {:ask, from} -> send(from, :answer) end end); send(p, {:ask, me}); receive do :answer -> :answered after 1000 -> :timeout end
send(p, {:ask, me}); receive do :answer -> :answered after 200 -> :no_answer end
Process.alive?(p)
send(p, :anything)
crash = spawn(fn -> receive do {:div, a, b, from} -> send(from, div(a, b)) end end); send(crash, {:div, 1, 0, me}); Process.sleep(100)
receive do r -> r after 200 -> :no_reply end
Process.alive?(crash)
{pid, ref} = spawn_monitor(fn -> receive do {:div, a, b, from} -> send(from, div(a, b)) end end); send(pid, {:div, 1, 0, me}); Process.sleep(100)
receive do {:DOWN, ^ref, :process, ^pid, {reason, _}} -> {:died, reason}; r -> r after 500 -> :no_reply end
parent = spawn(fn -> spawn_link(fn -> exit(:child_failed) end); Process.sleep(:infinity) end); Process.sleep(100)
Process.alive?(parent)
parent2 = spawn(fn -> Process.flag(:trap_exit, true); c = spawn_link(fn -> exit(:child_failed) end); receive do {:EXIT, ^c, r} -> send(me, {:child_exit, r}) end end)
receive do {:child_exit, r} -> r after 1000 -> :timeout end
Process.alive?(parent2)
loop = spawn(fn -> f = fn f -> receive do :tick -> f.(f) end end; f.(f) end); Process.exit(loop, :normal); Process.sleep(10); Process.alive?(loop)
Process.exit(loop, :stop); Process.sleep(10); Process.alive?(loop)
Process.exit(loop, :kill)
