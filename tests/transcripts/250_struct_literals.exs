# Struct literals around rescue: build, update, match, and the compile-time errors
{%RuntimeError{message: "a"}, 1}
%RuntimeError{}
%ArgumentError{message: "x"}
e = %RuntimeError{message: "boom"}
%{e | message: "y"}
%RuntimeError{message: m} = e
m
[%RuntimeError{}, %ArgumentError{}]
try do raise "oops" rescue e -> {%{e | message: "changed"}, e.message} end
try do raise "oops" rescue e in RuntimeError -> %RuntimeError{message: msg} = e; msg end
%RuntimeError{e | message: "z"}
%KeyError{key: :a, term: %{}}
raise %RuntimeError{message: "direct"}
raise %{e | message: "updated"}
is_exception(%RuntimeError{})
%RuntimeError{foo: 1}
%Nope{}
match?(%RuntimeError{}, e)
case e do %RuntimeError{message: "boom" <> rest} -> rest; _ -> :no end
%ArgumentError{} |> Map.from_struct()
%RuntimeError{foo: m} = e
%RuntimeError{e | foo: 1}
%RuntimeError{%ArgumentError{} | message: "x"}
%ArgumentError{e | message: "x"}
%{e | foo: 1}
%name{} = e
name
%_{message: msg} = e
msg
%ArgumentError{} = e
%Range{}
%RuntimeError{message: "a", message: "b"}
%RuntimeError{"message" => 1}
%RuntimeError{:message => "k"}
%RuntimeError{message: "a"} == %RuntimeError{message: "a"}
%RuntimeError{message: ^msg} = e
%RuntimeError {}
% RuntimeError{}
%RuntimeError{1 | message: "a"}
try do raise ArgumentError rescue e in [ArgumentError, RuntimeError] -> %{e | message: "new " <> e.message} end
raise %ArgumentError{}
raise %KeyError{key: :a}
raise %Nope{}
raise(%RuntimeError{foo: 1})
raise foo
raise ArgumentError, foo
%Elixir.RuntimeError{}
%:erlang{}
%Registry{}
%Server{} = 1
x = 5; %Nope{} = x
x
%Task{}
%Range{first: 1, last: 2, step: 1}
%Range{first: 1, last: 2}
%Range{} = 1..2
%Enum.EmptyError{}
%RuntimeError{message: "a"}.message
fn %RuntimeError{message: m} -> m end.(%RuntimeError{})
%ArgumentError{message: 1, foo: 2, bar: 3}
%DynamicSupervisor{}
IO.puts("s"); %Nope{}
IO.puts("t"); %RuntimeError{foo: 1}
IO.puts("u"); %RuntimeError{message: m} = %RuntimeError{}; %Range{}
IO.puts("v"); undefined_thing
IO.puts("w"); fn -> %Nope{} end
struct(RuntimeError, message: "x")
struct(RuntimeError)
struct!(ArgumentError, message: "y")
struct(RuntimeError, foo: 1)
struct!(RuntimeError, foo: 1)
struct(%RuntimeError{}, message: "z")
is_struct(%RuntimeError{})
is_struct(%RuntimeError{}, RuntimeError)
Exception.message(%RuntimeError{})
Exception.message(%KeyError{key: :a, term: %{b: 1}})
raise RuntimeError, message: "kw"
e = RuntimeError.exception("made")
RuntimeError.exception(message: "kw")
%{e | message: "x"} |> Exception.message()
try do raise %ArgumentError{message: "a"} rescue e in ArgumentError -> %{e | message: "wrapped: " <> e.message} end
struct(Nope, a: 1)
