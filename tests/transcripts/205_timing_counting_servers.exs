# Timing and counting work over servers: System clocks and units, :timer.tc, Enum.count_until/map_every, String.printable?, Function.identity in pipelines
Registry.start_link(keys: :unique, name: Rooms)
DSupervisor.start_link([])
started = Enum.map(1..8, &DSupervisor.start_server(&1, {:via, Registry, {Rooms, "room_#{&1}"}}))
t0 = System.monotonic_time(:millisecond); is_integer(t0)
Enum.each(1..8, &Server.state({:via, Registry, {Rooms, "room_#{&1}"}}))
elapsed = System.monotonic_time(:millisecond) - t0; elapsed < 5000
is_integer(elapsed) and elapsed >= 0
System.system_time(:second) > 1_600_000_000
System.os_time(:millisecond) |> is_integer()
System.convert_time_unit(1500, :millisecond, :second)
System.convert_time_unit(2, :second, :microsecond)
System.version()
System.otp_release()
System.monotonic_time(:fortnight)
{micros, states} = :timer.tc(fn -> Enum.map(1..8, &Server.state({:via, Registry, {Rooms, "room_#{&1}"}})) end); states
states
is_integer(micros)
Enum.count_until(started, 3)
Enum.count_until(started, &match?({:ok, _}, &1), 100)
Enum.count_until(Registry.select(Rooms, [{{:"$1", :_, :_}, [], [:"$1"]}]), 5)
Enum.map_every(1..8, 3, &"room_#{&1}")
Enum.map_every(started, 2, fn {:ok, pid} -> Server.state(pid) end) |> Enum.take(3) |> Enum.map(&is_integer/1)
Enum.map_every([1, 2, 3], 0, &(&1 * 100))
String.printable?("room_1")
String.printable?("room\u0000")
String.printable?("été")
String.printable?("abc\x01", 2)
started |> Enum.map(&elem(&1, 1)) |> Enum.map(&Function.identity/1) |> Enum.all?(&is_pid/1)
Enum.group_by(1..8, &rem(&1, 3), &"room_#{&1}")
Enum.frequencies_by(started, &elem(&1, 0))
System.convert_time_unit(1, :hour, :second)
