# Keys of other shapes: atoms, integers, tuples; their ETS order in Registry.select/2.
{:ok, _} = Registry.start_link(keys: :unique, name: :shapes)
for k <- [:foo, :bar, :baz, :room, :lobby, :a, :b], do: Registry.register(:shapes, k, :atom) |> elem(0)
Registry.select(:shapes, [{{:"$1", :_, :_}, [], [:"$1"]}])
for k <- [0, 1, 2, 3, 10, 42, -1, -7, 1000, 123456], do: Registry.register(:shapes, k, :int) |> elem(0)
Registry.select(:shapes, [{{:"$1", :_, :int}, [], [:"$1"]}])
for k <- [{"room", 1}, {"room", 2}, {"user", "bob"}, {1, 2}, {}, {"a"}], do: Registry.register(:shapes, k, :tuple) |> elem(0)
Registry.select(:shapes, [{{:"$1", :_, :tuple}, [], [:"$1"]}])
Registry.select(:shapes, [{{:"$1", :_, :_}, [], [:"$1"]}]) |> length()
