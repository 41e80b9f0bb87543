raise KeyError, key: :a
raise KeyError, key: :a, term: %{b: 1}
raise KeyError, "custom"
raise KeyError
raise MatchError, term: 1
raise MatchError
raise ArithmeticError
raise RuntimeError
raise RuntimeError, message: "m"
raise ArgumentError, message: 1
raise ArgumentError, foo: 1
raise :oops
raise {:a, 1}
raise 42
raise Enum.EmptyError
raise Foo
raise Foo, "x"
raise String
raise CaseClauseError, term: 5
raise BadMapError, term: 5
raise ErlangError, original: :x
raise UndefinedFunctionError
raise UndefinedFunctionError, module: Foo, function: :bar, arity: 0
raise MatchError, "x"
ArgumentError.exception(:x)
KeyError.exception(key: :k)
KeyError.exception("m")
MatchError.exception(term: 1)
RuntimeError.exception([])
ArgumentError.exception([message: "a", foo: 1])
e = RuntimeError.exception("z")
raise e
raise %{}
Exception.message(e)
Exception.message(KeyError.exception(key: :k))
try do raise KeyError, key: :z rescue e -> e end
try do raise KeyError, key: :z rescue e -> Exception.message(e) end
try do Map.fetch!(%{a: 1}, :b) rescue e -> e end
try do raise ArgumentError rescue e in ArgumentError -> e.message end
:erlang.error(:oops)
:erlang.error({:bad, 1})
:erlang.error("str")
:erlang.error(:badarg)
:erlang.error({:badmatch, 3})
:erlang.error(:badarith)
:erlang.error(:oops, [1])
:erlang.error({:badkey, :a})
:erlang.error({:badkey, :a, %{b: 1}})
:erlang.error({:badarg, :x})
:erlang.error({:case_clause, 1})
:erlang.throw(:x)
try do :erlang.error(:oops) catch :error, r -> r end
try do :erlang.error(:oops) rescue e -> e end
try do :erlang.error(:badarg) rescue e -> e end
try do 1 = 2 catch :error, r -> r end
try do %{}.a catch :error, r -> r end
try do raise "x" catch kind, r -> {kind, r} end
exit(:shutdown)
exit({:shutdown, :x})
exit({:noproc, {GenServer, :call, [:x, 1, 5000]}})
