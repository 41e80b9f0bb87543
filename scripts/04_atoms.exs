# otpsh-args: --atom-limit 18500
# Atoms are never garbage-collected. Naming things with atoms made at run time fills
# the table, and when it is full the whole node dies. Replay with a small table:
#   otpsh --atom-limit 18500 scripts/04_atoms.exs
:erlang.system_info(:atom_limit)
before = :erlang.system_info(:atom_count); :ok
for i <- 1..500, do: String.to_atom("player_#{i}"); :ok
:erlang.system_info(:atom_count) - before >= 500
Registry.start_link(keys: :unique, name: Registry)
for i <- 1..5000, do: Registry.register(Registry, "player_#{i}", nil); :ok
:erlang.system_info(:atom_count) - before < 510
for i <- 1..5000, do: String.to_atom("player_#{i}"); :ok
:erlang.system_info(:atom_count)
