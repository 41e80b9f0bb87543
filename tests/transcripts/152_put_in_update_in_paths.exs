# put_in/2 and update_in/2 on paths: map fields (m.a.b), Access (m[:a]), mixed, and their errors
m = %{a: %{b: 1}, list: [x: 1]}
put_in(m.a.b, 2)
put_in(m[:a][:b], 3)
put_in(m.a[:c], 4)
put_in(m[:list][:x], 5)
update_in(m.a.b, &(&1 + 1))
update_in(m[:a].b, fn b -> b * 10 end)
put_in(m.z.b, 2)
put_in(m.a.b.c, 2)
put_in(m[:z][:b], 2)
update_in(m.a.z, &(&1 + 1))
put_in(m, 1)
put_in(m.a, :new)
update_in(m[:a], &Map.put(&1, :d, 0))
m
s = %{name: "room", users: []}
update_in(s.users, &["ann" | &1])
put_in(s.name, "lobby") |> Map.get(:name)
put_in(m[:a].z, 1)
put_in(m.a[:b].c, 1)
put_in(m.list.x, 1)
put_in(m.a.b, 2).a
