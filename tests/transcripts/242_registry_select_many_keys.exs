# 300 keys: the ETS table grows past its first 256 slots; Registry.select/2 walks the grown table.
{:ok, _} = Registry.start_link(keys: :unique, name: :many)
for i <- 1..300, do: Registry.register(:many, "key#{i}", i) ; :ok
Registry.count(:many)
Registry.select(:many, [{{:"$1", :_, :_}, [], [:"$1"]}]) |> Enum.join(",")
for i <- 1..40, do: Registry.unregister(:many, "key#{i * 7}"); :ok
Registry.select(:many, [{{:"$1", :_, :_}, [], [:"$1"]}]) |> Enum.join(",")
for i <- 301..320, do: Registry.register(:many, "key#{i}", i); :ok
Registry.select(:many, [{{:"$1", :_, :_}, [], [:"$1"]}]) |> Enum.join(",")
