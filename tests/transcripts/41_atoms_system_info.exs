:erlang.system_info(:atom_limit)
:erlang.system_info(:atom_count) > 1000
:erlang.system_info(:atom_count) < :erlang.system_info(:atom_limit)
:erlang.system_info(:process_limit)
:erlang.system_info(:process_count) < :erlang.system_info(:process_limit)
before = :erlang.system_info(:atom_count); :ok
:a_brand_new_atom_typed_here
:erlang.system_info(:atom_count) > before
before = :erlang.system_info(:atom_count); :ok
for i <- 1..10, do: String.to_atom("dyn_#{i}")
:erlang.system_info(:atom_count) - before >= 10
mid = :erlang.system_info(:atom_count); :ok
for i <- 1..10, do: String.to_atom("dyn_#{i}")
:erlang.system_info(:atom_count) == mid
String.to_atom("with space")
String.to_atom("Elixir.Foo")
String.to_atom("")
String.to_atom(:already)
String.to_existing_atom("dyn_3")
String.to_existing_atom("dyn_999999")
String.to_existing_atom(:nope)
:erlang.binary_to_atom(String.duplicate("a", 256))
String.to_atom(String.duplicate("a", 255)) |> Atom.to_string() |> String.length()
List.to_atom('from_charlist')
List.to_existing_atom('zz_not_existing_zz')
Atom.to_string(:hello)
:erlang.memory(:atom) > 0
:erlang.system_info(:process_count) == length(Process.list())
