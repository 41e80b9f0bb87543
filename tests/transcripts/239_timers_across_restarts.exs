{:ok, _} = DSupervisor.start_link([])
{:ok, p} = DSupervisor.start_server(1, :ticker)
by_pid = Process.send_after(p, :by_pid, 200)
by_name = Process.send_after(:ticker, :by_name, 200)
bound = :erlang.start_timer(200, p, :bound)
named_bound = :erlang.start_timer(200, :ticker, :named)
Process.exit(p, :kill); Process.sleep(20)
p2 = Process.whereis(:ticker); p2 != p
{Process.read_timer(by_pid) > 0, Process.read_timer(by_name) > 0}
{Process.read_timer(bound), Process.read_timer(named_bound) > 0}
Process.sleep(250)
{Process.read_timer(by_pid), Process.read_timer(by_name), Process.read_timer(named_bound)}
Server.state(:ticker)
t = :erlang.start_timer(10_000, p2, :later)
DynamicSupervisor.terminate_child(DSupervisor, p2)
Process.read_timer(t)
Process.cancel_timer(t)
Process.whereis(:ticker)
me = :erlang.start_timer(50, self(), :mine); Process.sleep(80)
flush()
Process.read_timer(me)
