# Found by mutation fuzzing: the BEAM has no infinity. A float literal past f64's range
# is a syntax error, and arithmetic that would overflow is badarith (otpsh printed `inf`
# and panicked formatting it with IO.puts).
1.0e400
IO.puts(1.0 * 1.0e30000000000000000000000)
1.0e308 * 10
-1.0e308 - 1.0e308
1.0e308 + 1.0e308
IO.puts(1.0e300 * 1.0e300)
Float.pow(10.0, 400)
Float.pow(10.0, 400.0)
10.0 ** 400
Float.pow(2.0, 4294967296)
Float.pow(2.0, -2)
2 ** -1
1.0e300 / 1.0e-300
:math.exp(1000)
1 + 1
