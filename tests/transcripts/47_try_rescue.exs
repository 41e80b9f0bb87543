try do raise "boom" rescue e -> e end
try do raise "boom" rescue e -> Exception.message(e) end
try do raise ArgumentError, "bad" rescue e in ArgumentError -> {:caught, e.message} end
try do 1 / 0 rescue e -> e end
try do :ok after IO.puts("after ran") end
try do throw(:x) catch :throw, v -> {:thrown, v} end
try do exit(:bye) catch :exit, r -> {:exited, r} end
catch_me = fn f -> try do f.() catch kind, reason -> {kind, reason} end end
catch_me.(fn -> GenServer.call(:nobody, :x) end)
catch_me.(fn -> throw(:t) end)
catch_me.(fn -> raise "r" end)
catch_me.(fn -> hd([]) end)
try do String.to_existing_atom("zz_none_zz") rescue e -> e end
try do Map.fetch!(%{}, :k) rescue e -> e end
try do %{} = :not_map rescue e -> e end
try do Registry.lookup(:none, 1) rescue e -> e end
try do Foo.bar() rescue e -> e end
raise "multi\nline\nmessage"
reraise "again", []
