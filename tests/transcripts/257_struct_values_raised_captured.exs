# Exception structs raised, thrown and exited directly, and struct literals inside captures, guards, comprehensions and keyword lists
raise %RuntimeError{message: 1}
raise %{a: 1}
raise %KeyError{}
raise %MatchError{term: 1}
raise %ArgumentError{message: :atom}
raise %Range{first: 1, last: 2, step: 1}
e = %UndefinedFunctionError{module: Foo, function: :bar, arity: 0}
raise e
Exception.message(%CaseClauseError{term: 5})
%FunctionClauseError{}
%ArithmeticError{}
%SystemLimitError{}
%Protocol.UndefinedError{}
%ErlangError{original: :x}
raise %ErlangError{original: :x}
throw %RuntimeError{}
exit(%RuntimeError{})
IO.inspect(%RuntimeError{}, label: "x")
errs = [%RuntimeError{message: "a"}, %ArgumentError{message: "b"}, :ok]
Enum.filter(errs, &match?(%RuntimeError{}, &1))
Enum.map(errs, fn %{message: m} -> m; other -> other end)
f = &%RuntimeError{message: &1}
f.("made")
Enum.map(["x", "y"], &%ArgumentError{message: &1})
%RuntimeError{message: "a"} |> raise()
%RuntimeError{} |> Map.put(:message, "b")
get_in(%{a: %{b: %RuntimeError{}}}, [:a, :b]).message
%{%RuntimeError{} => 1}
case errs do [%RuntimeError{message: m} | _] when is_binary(m) -> m end
fn e when is_struct(e, RuntimeError) -> e.message end.(hd(errs))
Enum.group_by(errs, fn %{__struct__: s} -> s; _ -> nil end)
for %ArgumentError{} = e <- errs, do: e
Keyword.new(a: %RuntimeError{})
[e: %RuntimeError{}]
{:error, %KeyError{key: :k, term: [a: 1]}}
