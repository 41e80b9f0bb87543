t0 = System.monotonic_time(:millisecond); t0 < 0
:erlang.monotonic_time() < 0
System.monotonic_time(:second) < -576_000_000
System.monotonic_time(:millisecond) - t0 < 5_000
:erlang.monotonic_time(:millisecond) >= t0
r = Process.send_after(self(), :abs_hi, System.monotonic_time(:millisecond) + 100, abs: true)
Process.read_timer(r) > 50 and Process.read_timer(r) <= 100
Process.sleep(150); flush()
r2 = Process.send_after(self(), :past, System.monotonic_time(:millisecond) - 100, abs: true)
Process.sleep(10); flush()
Process.read_timer(r2)
Process.send_after(self(), :zero, 0, abs: true) |> is_reference()
Process.sleep(10); flush()
Process.send_after(self(), :m, -5, abs: false)
Process.send_after(self(), :m, 1.5, abs: true)
r3 = :erlang.start_timer(System.monotonic_time(:millisecond) + 10_000, self(), :st, abs: true)
Process.read_timer(r3) > 9_000
Process.cancel_timer(r3) > 9_000
r4 = :erlang.send_after(System.monotonic_time(:millisecond) + 30, self(), :sa, [{:abs, true}])
Process.sleep(60); flush()
:erlang.start_timer(10, self(), :x, abs: false) |> is_reference()
Process.sleep(30); flush()
Process.send_after(self(), :m, 10, abs: true) |> is_reference()
Process.sleep(10); flush()
System.convert_time_unit(System.monotonic_time(), :native, :second) < 0
System.monotonic_time(:millisecond) > System.system_time(:millisecond)
System.time_offset(:second) > 0
Process.send_after(self(), :m, -576460752001, abs: true)
:erlang.start_timer(-576460752001, self(), :m, abs: true)
Process.send_after(self(), :m, 1_000_000_000_000_000)
Process.send_after(self(), :m, 1_000_000_000_000_000, abs: true)
Process.send_after(self(), :m, -1, abs: true) |> Process.cancel_timer() > 0
System.monotonic_time(:nanosecond) < System.monotonic_time(:nanosecond)
System.monotonic_time(:fortnight)
