:erlang.system_info(:atom_count)
a = :erlang.system_info(:atom_count); [:ok, :erlang, nil, true]; :erlang.system_info(:atom_count) - a >= 0
b = :erlang.system_info(:atom_count); [:a_new_one, :another_new_one]; :erlang.system_info(:atom_count) - b
c = :erlang.system_info(:atom_count); String.to_atom("erlang"); String.to_atom("ok"); :erlang.system_info(:atom_count) - c
d = :erlang.system_info(:atom_count); String.to_atom("fresh_one"); :erlang.system_info(:atom_count) - d
String.to_existing_atom("system_info")
String.to_existing_atom("start_child")
String.to_existing_atom("whereis_name")
String.to_existing_atom("never_heard_of_it_zz")
