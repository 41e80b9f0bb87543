{:ok, pid} = DSupervisor.start_server(0, "alpha")
state = %{name: "alpha", pid: pid, ref: make_ref(), fun: fn x -> x end, opts: [timeout: 5000, restart: :transient, children: [{:worker, pid}, {:worker, self()}]]}
IO.inspect(state, label: "state")
IO.inspect([a: 1, b: [c: 2, d: {3, 4}]], label: "kw")
IO.inspect(Enum.to_list(1..60), label: "numbers")
IO.inspect({pid, self(), make_ref()}, label: "ids")
[{:server, pid, %{count: 0, history: Enum.to_list(1..30), names: ["alpha", "beta", "gamma", "delta", "epsilon"]}}]
%{a: {1, [b: {2, %{c: [d: {3, "a very long string that pushes the width over the eighty column limit"}]}}]}}
IO.inspect(%{list: Enum.to_list(1..100)}, label: "big", limit: 5)
IO.inspect("text", label: :atom_label)
IO.inspect(:ok, label: "")
v()
1 / 0
v()
v(-2)
IO.inspect(self(), label: "me")
