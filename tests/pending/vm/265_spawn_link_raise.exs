x = 1
spawn_link(fn -> raise "boom" end); Process.sleep(100)
x
spawn_link(fn -> exit(:normal) end); Process.sleep(100)
z = 3
spawn_link(fn -> exit(:bye) end); Process.sleep(100)
z
Process.flag(:trap_exit, true)
p = spawn_link(fn -> raise ArgumentError, "bad thing" end); Process.sleep(100)
receive do {:EXIT, ^p, {%ArgumentError{message: m}, _}} -> m after 100 -> :none end
p2 = spawn_link(fn -> exit(:custom) end); Process.sleep(100)
receive do {:EXIT, ^p2, reason} -> reason after 100 -> :none end
p3 = spawn_link(fn -> :done end); Process.sleep(100)
receive do {:EXIT, ^p3, reason} -> reason after 100 -> :none end
