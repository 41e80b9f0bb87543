MapSet.new([3, 1, 2, 1])
MapSet.new()
%ArgumentError{message: "x"}
%RuntimeError{}
e = RuntimeError.exception("boom")
e.message
Exception.message(e)
make_ref() |> is_reference()
pid(0, 250, 0)
:c.pid(0, 1, 0)
is_pid(pid("0.1.0"))
node()
Date.new!(2024, 1, 15)
~D[2024-01-15]
~r/ab+c/
"abbc" =~ ~r/ab+c/
~w(one two three)
~w(one two three)a
%{__struct__: Foo, a: 1}
1..5 |> Enum.map(&(&1 * &1))
{:ok, 1} |> elem(1)
nil
true and false
false or :x
nil || :default
:a && :b
!nil
not true
1 in [1, 2]
is_nil(nil)
[1, 2, 3] -- [2]
Tuple.append({1}, 2)
String.split("a,b,c", ",")
Enum.join(["a", "b"], "-")
Integer.to_string(7) <> "!"
