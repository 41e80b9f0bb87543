# h/1 on the functions the guide uses, and its answers for the guide's own modules, a misspelt module, a missing function
h Registry.lookup
h Registry.lookup/2
h(Registry.lookup)
h Registry.start_link
h DynamicSupervisor.terminate_child
h DynamicSupervisor.start_child
h GenServer.call
h DSupervisor.start_server
h Server.state
h Registry.nope
h Registy.lookup
h Process.alive?
h Process.exit
h Registry.lookup/3
