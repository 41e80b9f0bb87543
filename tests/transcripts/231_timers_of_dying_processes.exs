pid = spawn(fn -> receive do _ -> :ok end end)
r1 = Process.send_after(pid, :hello, 500)
r2 = :erlang.start_timer(500, pid, :hello)
r3 = :erlang.send_after(500, pid, :hello)
Process.read_timer(r1) > 400
Process.read_timer(r2) > 400
Process.exit(pid, :kill); Process.sleep(20)
Process.read_timer(r1) > 400
Process.read_timer(r2)
Process.read_timer(r3) > 400
Process.cancel_timer(r2)
Process.cancel_timer(r1) > 400
{:ok, s} = Server.start_link({1, :ticker})
t = :erlang.start_timer(300, :ticker, :tick)
Process.read_timer(t) > 200
GenServer.stop(:ticker); Process.sleep(20)
Process.read_timer(t) > 200
t2 = :erlang.start_timer(50, :nobody, :tick)
Process.sleep(80); Process.read_timer(t2)
dead = spawn(fn -> :ok end); Process.sleep(10)
t3 = :erlang.start_timer(300, dead, :x)
Process.read_timer(t3)
t4 = Process.send_after(dead, :x, 300)
Process.read_timer(t4) > 200
