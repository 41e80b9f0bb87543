a = 1
b = a + 1
before = self()
{:ok, pid} = Server.start_link({:s, :linked})
Process.info(self(), :links)
Process.exit(pid, :kill)
a
b + 1
before
self() == before
Process.whereis(:linked)
c = 10
c
{:ok, p2} = Server.start_link({:s2, nil})
Process.exit(p2, :boom)
c
spawn(fn -> raise "oops" end); Process.sleep(100)
d = 5
p4 = spawn_link(fn -> exit(:normal) end); Process.sleep(50)
d
p5 = spawn_link(fn -> exit({:shutdown, :x}) end); Process.sleep(50)
d
spawn(fn -> throw(:ball) end); Process.sleep(100)
spawn(fn -> exit(:bye) end); Process.sleep(100)
spawn(fn -> 1 / 0 end); Process.sleep(100)
x = 1
y
