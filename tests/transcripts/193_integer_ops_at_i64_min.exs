# Found by fuzzing calls with i64's edge integers: these overflowed i64 (a panic in a
# debug build). Where the BEAM's answer fits in i64, otpsh must give it.
m = -9223372036854775807 - 1
rem(m, -1)
Integer.mod(m, -1)
Integer.mod(m, 3)
Integer.floor_div(m, 3)
Integer.gcd(m, 6)
Integer.gcd(-9223372036854775807, 0)
Enum.with_index([:a, :b], 9223372036854775806)
Enum.with_index([:a], -9223372036854775807)
1 + 1
