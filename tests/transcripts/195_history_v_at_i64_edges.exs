# Found by fuzzing with i64's edge integers: `v(n)` computed `n - start` in i64, which
# overflowed for the most negative n (a panic in a debug build).
1
2
v(-9223372036854775807 - 1)
v(9223372036854775807)
v(-9223372036854775807)
v(-1)
v(1)
v(0)
