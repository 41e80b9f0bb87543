# rescue heads: struct patterns and tuples are not patterns there (invalid clause, unbound names), the valid forms, else/after, reraise
try do raise "x" rescue %RuntimeError{message: m} -> m end
try do raise "x" rescue e in RuntimeError -> e end
try do raise "x" rescue e -> e else v -> v end
try do :ok rescue _ -> :err else v -> {:else, v} after IO.puts("after") end
try do raise ArgumentError rescue RuntimeError -> :rt; ArgumentError -> :arg end
try do raise ArgumentError, "bad" rescue e in ArgumentError -> Exception.message(e) end
try do raise %RuntimeError{} rescue e -> e.message end
try do Map.fetch!(%{}, :a) rescue e in KeyError -> {e.key, e.term} end
try do exit(:boom) catch :exit, r -> r end
try do throw(:t) catch t -> t end
%RuntimeError{} = %{__struct__: RuntimeError, message: "m"}
match?(%{__struct__: RuntimeError}, %RuntimeError{})
try do raise "x" rescue e in RuntimeError -> %RuntimeError{e | message: "y"} end
reraise %RuntimeError{message: "again"}, []
try do raise "x" rescue e -> reraise e, __STACKTRACE__ end
try do raise "x" rescue e -> raise %{e | message: "rewrapped"} end
try do raise "x" rescue %RuntimeError{} -> 1 end
try do raise "x" rescue %RuntimeError{message: "x"} -> 1 end
try do raise "x" rescue {:a, b} -> b end
try do raise "x" rescue [e] -> e end
try do raise "x" rescue e in [RuntimeError] -> e end
try do raise "x" rescue _ -> :any end
try do raise "x" rescue _e -> :any end
