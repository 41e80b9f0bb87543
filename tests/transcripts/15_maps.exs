%{}
%{a: 1, b: 2}
%{"a" => 1, "b" => 2}
%{:a => 1, "b" => 2}
%{1 => :one, :two => 2}
%{b: 1, a: 2}
%{"z" => 1, :a => 2, 3 => 4}
m = %{name: "ann", age: 30}
m.name
m[:age]
m[:nope]
m.nope
%{m | age: 31}
%{m | height: 170}
Map.put(m, :height, 170)
Map.get(m, :name)
Map.keys(m)
Map.values(m)
%{name: n} = m
n
%{nested: %{inner: [1, 2, %{deep: true}]}}
nested = %{user: %{address: %{city: "Paris"}}}
nested.user.address.city
Map.merge(%{a: 1}, %{b: 2})
map_size(%{a: 1, b: 2})
%{"with space": 1}
%{:"quoted-key" => 1}
%{nil => 1, true => 2}
%{{1, 2} => :tuple_key}
%{[1] => :list_key}
Map.new([{:a, 1}, {:b, 2}])
