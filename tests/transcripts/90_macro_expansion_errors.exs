true || nope
true and nope
if nope, do: 1
unless nope, do: 1
!nope
nope |> IO.inspect()
1 in nope
"#{nope}"
if true do 1 && nope end
fn x -> ^x end
:nonode@nohost
:a@b
node()
nope
nope + 1
false or nope
nope && true
x = 1
x || nope
if true, do: nope
if false, do: 1, else: nope
if true do nope && 1 end
unless true, do: nope
nope || 1
false || nope
!!nope
[nope || 1]
{1, nope || 1}
fn -> nope || 1 end
x = nope || 1
IO.inspect(nope || 1)
nope |> IO.inspect() |> IO.inspect()
1 |> IO.inspect(label: nope)
1 in [nope]
nope in [1]
is_nil(nope)
"a#{nope}b"
IO.puts("x #{nope}")
nope and true
nope or true
not nope
to_string(nope)
nope != nil
if nope != nil, do: 1
"a" <> nope
nope <> "a"
1..nope
[nope] ++ [1]
if {nope}, do: 1
if {1, 2, nope}, do: 1
if %{a: nope}, do: 1
if [1, nope], do: 1
if elem(nope, 0), do: 1
if length(nope), do: 1
if nope + 1, do: 1
if nope.a, do: 1
if nope[:a], do: 1
1 not in nope
nope |> elem(0)
nope.(1) || 1
Map.get(nope, :a) || 1
if x = nope, do: x
if 1 > nope, do: 1
if "#{nope}", do: 1
1..2//nope
