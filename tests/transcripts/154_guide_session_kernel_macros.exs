# a guide session typed with Kernel macros: case/with/cond/unless over lookups, then/tap in pipes, match? on results
Registry.start_link(keys: :unique, name: Registry)
DSupervisor.start_link([])
name = {:via, Registry, {Registry, "cool_name"}}
{:ok, pid} = DSupervisor.start_server(42, name)
pid |> IO.inspect(label: "server")
case Registry.lookup(Registry, "cool_name") do [{p, _}] when is_pid(p) -> {:found, p == pid}; [] -> :none end
with [{p, _}] <- Registry.lookup(Registry, "cool_name"), true <- Process.alive?(p) do :running else [] -> :gone; false -> :dead end
with [{p, _}] <- Registry.lookup(Registry, "nope"), do: p
cond do Registry.lookup(Registry, "x") == [] -> :empty; true -> :has end
unless Process.alive?(pid) do :dead else :alive end
if is_nil(GenServer.whereis(name)), do: :missing, else: :present
GenServer.whereis(name) |> is_pid() |> if(do: "yes")
Registry.lookup(Registry, "cool_name") |> then(fn [{p, _}] -> p end) |> Process.alive?()
Registry.keys(Registry, pid) |> tap(&IO.inspect(&1, label: "keys")) |> length()
state = :sys.get_state(pid)
is_integer(state) and state > 40
is_integer(state) && state
not is_nil(state)
!is_nil(state)
x = if state > 40, do: :big, else: :small
x
y = case state do n when n > 100 -> :huge; n when rem(n, 2) == 0 -> :even; _ -> :odd end
Enum.map([1, 2, 3], fn n -> if rem(n, 2) == 0, do: :even, else: :odd end)
for n <- [1, 2, 3], match?(x when x > 1, n), do: n
Enum.filter([pid, :a, self()], &is_pid/1) |> length()
Kernel.elem({:a, :b}, 0)
Kernel.put_elem({:a, :b}, 0, :z)
tuple = {:ok, pid}
elem(tuple, 1) == pid
is_function(&is_pid/1)
is_function(fn -> 1 end, 0)
is_atom(nil)
is_boolean(nil)
get_in(%{rooms: %{"a" => [1]}}, [:rooms, "a"])
Kernel.get_in(%{a: 1}, [:a])
to_string(:atom) <> "!"
inspect(pid) =~ "PID"
DynamicSupervisor.terminate_child(DSupervisor, pid)
if Process.alive?(pid), do: :alive, else: :dead
match?([], Registry.lookup(Registry, "cool_name"))
binding() |> Keyword.keys()
