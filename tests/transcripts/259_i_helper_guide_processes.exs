# i/1 on the guide's processes: a via-named server, the named supervisor, the registry, the shell with a message queued
{:ok, sup} = DSupervisor.start_link([])
{:ok, reg} = Registry.start_link(keys: :unique, name: Registry)
{:ok, pid} = DSupervisor.start_server(42, {:via, Registry, {Registry, "cool_name"}})
i pid
i sup
i Process.whereis(DSupervisor)
i self()
send(self(), :hello); i self()
flush()
i {:via, Registry, {Registry, "cool_name"}}
i Registry.lookup(Registry, "cool_name")
i %{pid: pid}
i -1
i 1.0e10
i :ok; :done
