e = RuntimeError.exception("boom")
e.message
Exception.message(e)
make_ref() |> is_reference()
pid(0, 250, 0)
:c.pid(0, 1, 0)
is_pid(pid("0.1.0"))
node()
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
