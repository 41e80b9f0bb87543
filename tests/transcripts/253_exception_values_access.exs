# An exception value in a learner's hands: fields, Access, put_in/update_in, with/for/fn patterns
e = %RuntimeError{message: "boom"}
inspect(e)
IO.inspect(e, label: "e")
e.__struct__
%RuntimeError{}.__struct__
e[:message]
put_in(e.message, "x")
update_in(e.message, &String.upcase/1)
Map.merge(%RuntimeError{}, %{message: "a"})
Map.keys(e)
Exception.format(:error, e)
Exception.message(e)
e.foo
%{e | message: 1}.message
with %RuntimeError{message: m} <- e, do: m
for %RuntimeError{message: m} <- [e, :x, %ArgumentError{}], do: m
Enum.map([e], fn %RuntimeError{message: m} -> m end)
Registry.lookup(%RuntimeError{}, "x")
r = 1..3
r[:first]
Access.get(1..3, :first)
Access.fetch(%RuntimeError{}, :message)
Access.get(%RuntimeError{}, :message)
get_in(%RuntimeError{}, [:message])
