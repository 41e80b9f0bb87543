# match?/2: a pattern, optionally with a guard, matched against a value; nothing leaks
match?({:ok, _}, {:ok, 1})
match?({:ok, x} when x > 0, {:ok, 1})
match?([_ | _], [])
match?({:ok, x} when x > 0, {:ok, -1})
x
y = 5
match?(^y, 5)
match?(^y, 6)
match?(^z, 1)
match?({:ok, ^z}, {:ok, 1})
match?(%{name: _}, %{name: "a", age: 3})
Enum.filter([{:ok, 1}, {:error, 2}, {:ok, 3}], &match?({:ok, _}, &1))
f = fn x -> match?({:ok, n} when is_integer(n), x) end
f.({:ok, 2})
f.({:ok, "2"})
Enum.count([1, :a, 2], fn v -> match?(n when is_integer(n), v) end)
Enum.find([a: 1, b: 2], &match?({:b, _}, &1))
Enum.reject([{:ok, 1}, :error], &match?({:ok, _}, &1))
match?(z, 1)
match?(x, nope)
match?(x when x > nope, 1)
match?({:ok, x} when x > 0, nope)
if match?(^z, 1), do: 1
if match?(x, nope), do: 1
Enum.filter([1], &match?({:ok, ^z}, &1))
Enum.filter([1], &match?(^z, &1))
fn v -> match?(^z, v) end
match?(x, 1); x
match?(x = 1, 1)
match?([h | t], [1, 2])
a = %{a: 1}
match?(^a, %{a: 1, b: 2})
match?("abc" <> _, "abcdef")
match?(1.0, 1)
match?(x when is_binary(x) or is_atom(x), :a)
match?({x, x}, {1, 1})
match?({x, x}, {1, 2})
match?(_x, 1)
match?(q, w = 3)
w
binding()
Kernel.match?({:ok, _}, {:ok, 1})
{:ok, pid} = Server.start_link({1, :match_probe})
{:ok, _} = DSupervisor.start_link([])
match?({:ok, pid} when is_pid(pid), DSupervisor.start_server(1, :m1))
if match?({:ok, _}, Registry.start_link(keys: :unique, name: Reg)), do: :started
match?({:error, {:already_started, ^pid}}, Server.start_link({2, :match_probe}))
match?
match?(1, 2, 3)
