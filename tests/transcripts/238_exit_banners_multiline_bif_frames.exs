Task.async(fn -> raise "line1\nline2" end); Process.sleep(50)
Process.flag(:trap_exit, true)
pid = spawn_link(fn -> raise ArgumentError, "l1\nl2" end); Process.sleep(50)
receive do {:EXIT, _, r} -> exit(r) end
spawn_link(fn -> :erlang.element(5, {1}) end); Process.sleep(50)
receive do {:EXIT, _, r} -> r end
spawn_link(fn -> 1 / 0 end); Process.sleep(50)
receive do {:EXIT, _, r} -> r end
Task.async(fn -> String.to_integer("x1") end) |> Task.yield(100)
flush()
t = Task.async(fn -> Map.fetch!(%{}, :k) end); Process.sleep(50)
Process.flag(:trap_exit, false)
Task.async(fn -> raise KeyError, key: :room, term: %{} end); Process.sleep(50)
:after
