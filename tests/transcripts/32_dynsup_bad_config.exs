DynamicSupervisor.start_link(strategy: :one_for_all); Process.sleep(100)
DynamicSupervisor.start_link(strategy: :one_for_one, max_restarts: -1); Process.sleep(100)
DynamicSupervisor.start_link(strategy: :one_for_one, max_children: :lots); Process.sleep(100)
DynamicSupervisor.start_link(strategy: :one_for_one, max_seconds: 0); Process.sleep(100)
DynamicSupervisor.start_link(strategy: :one_for_one, extra_arguments: :x); Process.sleep(100)
DynamicSupervisor.init(strategy: :one_for_all)
DynamicSupervisor.init(strategy: :one_for_one)
DynamicSupervisor.init([])
:done
