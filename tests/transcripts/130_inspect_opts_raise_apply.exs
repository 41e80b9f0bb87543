raise "a", "b"
try do raise ArgumentError, message: "x" catch :error, r -> r end
try do raise KeyError, key: :a catch :error, r -> r end
try do raise RuntimeError catch :error, r -> r end
raise ArgumentError, "bad"
raise :oops
raise 1
try do raise :oops rescue e -> e end
inspect(%{a: 1}, pretty: true)
inspect(Enum.to_list(1..100), limit: 5)
inspect([1, [2, [3]]], width: 5)
inspect("abc", limit: 2)
inspect({:a, :b, :c, :d}, limit: 2)
inspect(%{a: 1, b: 2, c: 3}, limit: 1)
inspect(1.0e10)
"n#{1.5}"
"n#{1.0e20}"
"n#{0.1 + 0.2}"
"#{:atom} #{nil} #{true}"
"#{[1, 2]}"
"#{'abc'}"
"#{{1, 2}}"
inspect(Enum.to_list(1..30), pretty: true, width: 20)
inspect(%{name: "alpha", pid: :c.pid(0, 250, 0), via: {:via, Registry, {MyRegistry, "alpha"}}}, pretty: true, width: 30)
inspect([1, 2, 3], limit: :infinity)
inspect([1, 2, 3], limit: 0)
inspect("abcdef", printable_limit: 3)
inspect('abcdef', printable_limit: 3)
inspect([1, 2], foo: 1)
inspect([1, 2], width: 0, pretty: true)
inspect(Enum.to_list(1..30), width: 20)
inspect([[1, 2, 3], [4, 5, 6]], limit: 2)
inspect([a: 1, b: 2, c: 3], limit: 2)
inspect(1..10, limit: 2)
inspect(:a, limit: "x")
IO.inspect([1, 2, 3], limit: 2)
IO.inspect({1, 2, 3}, label: "t", limit: 1)
raise "a", "b"
raise "oops", message: "b"
raise 1, "b"
raise :oops, "b"
x = "a"
raise x, "b"
raise [1], "b"
raise {:a}, "b"
reraise "a", []
raise RuntimeError, "ok"
x = "a"
x.foo(1)
apply(x, :foo, [1])
:erlang.apply(x, :foo, [1])
