"server_" <> id = "server_42"
id
"server_" <> id = "client_1"
for n <- 1..5, rem(n, 2) == 1, into: %{}, do: {"s#{n}", n}
for {name, pid} <- [{"a", 1}, {"b", 2}], pid > 1, do: name
for x <- [1, 2], y <- [:a, :b], do: {x, y}
for x <- 1..3, into: "", do: "#{x}"
f = fn {:ok, v} -> v; {:error, r} -> raise "failed: #{inspect(r)}" end
f.({:ok, 1})
f.({:error, :noproc})
f.(:other)
f.(1, 2)
g = fn x when is_integer(x) and x > 0 -> :pos; _ -> :other end
g.(5)
g.(-1)
key = "alpha"
%{^key => v} = %{"alpha" => 1}
%{^key => v} = %{"beta" => 1}
unless Registry.lookup(Registry, "x") == [], do: :found, else: :nothing
if nil, do: 1
m = %{name: "a", count: 1}
%{m | count: m.count + 1}
%{m | missing: 1}
m.missing
m[:missing]
put_in(m, [:count], 5)
get_in(%{a: %{b: 1}}, [:a, :b])
Map.update!(m, :count, &(&1 + 1))
Map.update(m, :other, 0, &(&1 + 1))
m = %{name: "a", count: 1, inner: %{x: 1}}
get_in(m, [:inner, :x])
get_in(m, [:nope, :x])
put_in(m, [:inner, :x], 2)
put_in(m, [:nope, :x], 2)
update_in(m, [:count], &(&1 + 1))
update_in(m, [:inner, :y], fn v -> v end)
get_in([a: [b: 1]], [:a, :b])
put_in([a: [b: 1]], [:a, :b], 3)
put_in(%{}, [:a], 1)
get_in(%{"alpha" => %{pid: 1}}, ["alpha", :pid])
get_in(m, [])
put_in(m, [], 1)
get_in(1, [:a])
