{:ok, _} = Registry.start_link(keys: :unique, name: MyRegistry)
{:ok, _} = DynamicSupervisor.start_link(strategy: :one_for_one, name: MySup)
names = Enum.map(1..6, &"server_number_#{&1}")
vias = Enum.map(names, &{:via, Registry, {MyRegistry, &1}})
Enum.map(vias, &DynamicSupervisor.start_child(MySup, {Server, {0, &1}})) |> Enum.map(&elem(&1, 0))
Enum.map(names, &{&1, Registry.lookup(MyRegistry, &1)}) |> length()
Map.new(names, &{&1, {:via, Registry, {MyRegistry, &1}}})
Enum.zip(names, vias)
%{servers: vias, count: length(vias), registry: MyRegistry, supervisor: MySup}
{:ok, %{names: names}}
[names, names]
Enum.chunk_every(names, 2)
Enum.with_index(names)
Keyword.new(Enum.with_index(names), fn {n, i} -> {String.to_atom(n), i} end)
List.duplicate({:error, {:already_started, :some_long_process_name_here}}, 3)
%{"a very long key name number one" => [1, 2, 3], "another long key name" => %{nested: [:a, :b, :c]}}
{[1, 2, 3], %{a: {1, 2, [3, 4, %{b: "c"}]}}, 'charlist', "string", :atom, 1.5, nil, true, -1}
Enum.to_list(1..60)
Enum.map(1..30, &{&1, &1 * &1})
String.duplicate("ab", 50)
[String.duplicate("x", 90)]
%{String.duplicate("k", 85) => 1}
