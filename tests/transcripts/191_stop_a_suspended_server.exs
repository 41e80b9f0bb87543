# Found by mutation fuzzing: GenServer.stop on a suspended server hung the shell. On the
# BEAM a suspended process still answers system messages (stop is :sys.terminate), out of
# turn, while the calls and casts queued before it wait and die with it.
Server.start_link({1, :s1})
:sys.suspend(:s1)
GenServer.cast(:s1, :queued)
GenServer.call(:s1, :state, 100)
GenServer.stop(:s1)
Process.whereis(:s1)
Server.start_link({2, :s2})
:sys.suspend(:s2)
:sys.resume(:s2)
Server.state(:s2)
:sys.suspend(:s2)
GenServer.stop(:s2, :normal, 1000)
DSupervisor.start_link([])
Registry.start_link(keys: :unique, name: Registry)
name = {:via, Registry, {Registry, "cool_name"}}
DSupervisor.start_server(2, name)
:sys.suspend(name)
GenServer.stop(name, :boom)
Process.sleep(100)
DynamicSupervisor.count_children(DSupervisor)
DSupervisor.start_server(3, :s3)
:sys.suspend(:s3)
DynamicSupervisor.terminate_child(DSupervisor, Process.whereis(:s3))
Process.whereis(:s3)
1 + 1
