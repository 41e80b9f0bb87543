{pid, ref} = spawn_monitor(fn -> :ok end); is_reference(ref)
receive do {:DOWN, ^ref, :process, ^pid, reason} -> reason after 1000 -> :timeout end
{pid, ref} = spawn_monitor(fn -> exit(:boom) end)
receive do {:DOWN, ^ref, :process, ^pid, reason} -> reason after 1000 -> :timeout end
{pid, ref} = spawn_monitor(fn -> raise "oops" end); Process.sleep(100)
receive do {:DOWN, ^ref, :process, ^pid, {%RuntimeError{message: m}, _}} -> m after 1000 -> :timeout end
{pid, ref} = spawn_monitor(fn -> 1 / 0 end); Process.sleep(100)
receive do {:DOWN, ^ref, :process, ^pid, {reason, _}} -> reason after 1000 -> :timeout end
{pid, ref} = spawn_monitor(fn -> Process.sleep(:infinity) end); Process.alive?(pid)
Process.exit(pid, :kill); receive do {:DOWN, ^ref, :process, ^pid, reason} -> reason after 1000 -> :timeout end
{pid, ref} = spawn_monitor(fn -> receive do :go -> exit({:shutdown, :asked}) end end)
send(pid, :go); receive do {:DOWN, ^ref, _, _, reason} -> reason after 1000 -> :timeout end
{pid, ref} = spawn_monitor(fn -> Process.sleep(:infinity) end); Process.demonitor(ref)
Process.exit(pid, :kill); receive do {:DOWN, ^ref, _, _, _} -> :down after 100 -> :no_down end
dead = spawn(fn -> :ok end); Process.sleep(50); ref = Process.monitor(dead)
receive do {:DOWN, ^ref, :process, ^dead, reason} -> reason after 1000 -> :timeout end
monitors = for i <- 1..100, do: spawn_monitor(fn -> exit({:n, i}) end); length(monitors)
Enum.map(monitors, fn {p, r} -> receive do {:DOWN, ^r, :process, ^p, {:n, i}} -> i after 1000 -> 0 end end) |> Enum.sum()
