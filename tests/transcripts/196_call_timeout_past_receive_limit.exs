# Found by fuzzing with i64's edge integers: GenServer.call with a timeout past 2^32-1 ms
# waited as if it were valid; :gen.do_call/4's receive refuses it once the server is found.
Server.start_link({1, :s})
GenServer.call(:s, :state, 9223372036854775807)
GenServer.call(:s, :state, 4294967296)
GenServer.call(:s, :state, 4294967295)
GenServer.call(:nope, :state, 9223372036854775807)
1 + 1
