# Printing pids and tuples: inspect/2 in strings, IO.puts of an interpolated pid (an error), IO.inspect with labels
DSupervisor.start_link([])
{:ok, pid} = DSupervisor.start_server(1, :a)
"pid is #{inspect(pid)}"
"pid is #{pid}"
IO.puts("started #{pid}")
IO.puts(pid)
IO.puts("started " <> inspect(pid))
IO.puts("result: #{inspect({:ok, pid})}")
"result: #{{:ok, pid}}"
"list: #{[1, 2]}"
"list: #{[:a]}"
"map: #{%{a: 1}}"
"atom: #{:ok} #{nil} #{true}"
"float: #{1.5} #{1.0e10}"
Kernel.inspect(self()) =~ "#PID<"
inspect(pid, pretty: true)
inspect({:ok, pid}, label: "x")
IO.inspect(pid, label: "pid")
IO.inspect({:ok, pid}, label: "started")
IO.inspect([a: 1], label: :kw)
IO.puts(:ok)
IO.puts(42)
IO.puts([1, 2])
IO.puts({:ok, 1})
IO.puts(nil)
IO.puts(["a", "b"])
IO.write("no newline")
to_string(pid)
to_string(:room)
to_string([104, 105])
Atom.to_string(:room_1) <> "!"
"#{:room_1}" == Atom.to_string(:room_1)
inspect("room", binaries: :as_strings)
inspect(:"room 1")
inspect(Server)
inspect(:"Elixir.Server")
inspect(pid) |> String.length() > 5
"#{inspect(self())}" == inspect(self())
IO.inspect(1.0e10)
to_string(1.0e10)
1.0e10
"#{1.0e10}"
IO.puts([:a])
IO.puts([1, :a])
IO.puts(["a", :b])
IO.write([:a])
to_string([1, :a])
Float.to_string(1000.0)
"#{-1.2e-4} #{-0.5} #{1.0e100} #{5.0e-324}"
IO.puts(1.0e3)
