# Found by fuzzing: `receive ... after` with a timeout past 2^32-1 ms waited it out (a
# hang); the BEAM refuses it, and anything that is not 0..2^32-1 or :infinity, at once.
receive do x -> x after 9223372036854775807 -> 1 end
receive do x -> x after 4294967296 -> 1 end
receive do x -> x after -1 -> 1 end
receive do x -> x after 1.5 -> 1 end
receive do x -> x after :never -> 1 end
receive do x -> x after 4294967295 - 4294967295 -> :zero end
1 + 1
