# Kernel macros around match?: binding/0, then/tap, destructure, if/unless as calls, clause errors
_x = 1
binding()
fn a -> binding() end.(2)
{:ok, pid} = Server.start_link({1, :probe1})
if Process.alive?(pid), do: :alive, else: :dead
unless is_nil(pid), do: "has pid"
cond do is_pid(pid) -> :pid; true -> :other end
Kernel.is_pid(pid)
Process.alive?(pid) |> if(do: :yes, else: :no)
Process.alive?(pid) |> unless(do: :no)
false |> if(do: :yes)
pid |> is_pid()
5 |> then(fn n -> n * 2 end)
5 |> then(&(&1 + 1))
then(5, 3)
then(1, fn a, b -> a + b end)
5 |> tap(fn n -> IO.puts(n) end)
tap(:x, fn v -> IO.inspect(v, label: "tapped") end)
[1, 2] |> tap(&IO.inspect/1) |> Enum.map(&(&1 * 10))
[1, 2, 3] |> Enum.map(&(&1 * 2)) |> IO.inspect(label: "doubled") |> Enum.sum()
Kernel.then(1, &(&1 * 3))
Kernel.tap(1, &(&1))
destructure([a, b], [1, 2, 3])
{a, b}
destructure([c, d, e], [1])
destructure([p, q], nil)
destructure([r], :foo)
destructure([1, s], [2, 3])
destructure(x, [1])
with {:ok, n} <- {:ok, 3}, true <- n > 5 do n else false -> :too_small end
with {:ok, n} when n > 5 <- {:ok, 3} do n else {:ok, m} -> {:nope, m} end
with {:ok, v} <- :error do v else :nope -> 1 end
try do :ok else :other -> 1 end
t = {:a, :b, :c}
put_elem(t, 1, :x)
put_elem(t, 3, :x)
put_elem(t, :one, :x)
put_elem(t, 1.0, :x)
elem(t, :one)
elem(t, 0.0)
put_elem([], 0, :x)
binding() |> Keyword.keys()
