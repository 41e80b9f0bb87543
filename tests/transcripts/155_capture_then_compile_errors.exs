# undefined names inside captures and then/tap are compile errors before the line runs, with iex's macro lines
Enum.map([1], &(&1 + nope))
f = &{&1, nope}
IO.puts("first") && Enum.map([1], &(&1 + nope))
Enum.map([1], &if(&1, do: nope))
g = &(&1 |> is_nil() |> then(fn _ -> nope end))
Enum.map([1], &match?(^nope, &1))
nope |> is_nil()
nope |> then(&(&1))
then(nope, &(&1))
1 |> then(fn _ -> nope end)
then(1, fn _ -> nope end)
then(1, nope)
tap(nope, &(&1))
