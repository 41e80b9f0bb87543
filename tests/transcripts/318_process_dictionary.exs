Process.put(:locale, "en")
Process.get(:locale)
Process.put(:locale, "pt")
Process.get(:missing)
Process.get(:missing, :default)
Process.get_keys("pt")
Process.delete(:locale)
Process.delete(:locale)
Process.get(:locale)
:erlang.put(:c, 1)
:erlang.get(:c)
:erlang.get(:nope)
:erlang.erase(:c)
:erlang.erase(:c)
me = self()
spawn(fn -> Process.put(:k, :v); send(me, {Process.get(:k), Process.get(), Process.get_keys()}) end)
receive do v -> v end
spawn(fn -> send(me, {Process.get(:locale), Process.get()}) end)
receive do v -> v end
spawn(fn -> Process.put(:n, 0); Enum.each(1..10, fn i -> Process.put(:n, Process.get(:n) + i) end); send(me, Process.delete(:n)) end)
receive do v -> v end
spawn(fn -> :erlang.put(:a, 1); send(me, {:erlang.erase(), :erlang.get()}) end)
receive do v -> v end
