f = fn :ok -> 1 end
spawn(fn -> f.(:bad) end); Process.sleep(100)
spawn(fn -> raise "boom" end); Process.sleep(100)
spawn(fn -> 1 + :a end); Process.sleep(100)
spawn(fn -> String.upcase(1) end); Process.sleep(100)
spawn(fn -> Enum.map(1, & &1) end); Process.sleep(100)
g = fn :ok, x -> x end
spawn(fn -> g.(:no, 2) end); Process.sleep(100)
h = fn :ok -> 1 end
spawn(fn -> Enum.map([:x], h) end); Process.sleep(100)
spawn(fn -> [:y] |> Enum.each(fn :ok -> 1 end) end); Process.sleep(100)
