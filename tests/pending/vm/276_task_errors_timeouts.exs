Task.async(fn -> Process.sleep(1000) end) |> Task.await(100)
t = Task.async(fn -> Process.sleep(50); :done end); Task.yield(t, 10)
Task.yield(t, 1000)
t2 = Task.async(fn -> Process.sleep(5000) end); Task.shutdown(t2)
Task.async(fn -> raise "task failed" end) |> Task.await()
y = 1
Process.flag(:trap_exit, true)
t3 = Task.async(fn -> exit(:task_exit) end); Task.yield(t3, 500)
receive do {:EXIT, _, reason} -> reason after 500 -> :no_exit end
Task.async_stream(1..5, fn i -> Process.sleep(i * 10); i end, max_concurrency: 2) |> Enum.to_list()
Task.async_stream([1, 2], fn i -> Process.sleep(i * 300) end, timeout: 400, on_timeout: :kill_task) |> Enum.to_list()
Task.await_many([Task.async(fn -> 1 end), Task.async(fn -> 2 end)])
{:ok, pid} = Task.start(fn -> receive do :go -> :ok end end); Process.alive?(pid)
send(pid, :go); Process.sleep(10); Process.alive?(pid)
