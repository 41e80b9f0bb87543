1 + 1
v()
v(1)
v(-1)
:third
v(2)
v(3)
v(-2)
v(100)
x = v(1) * 10
x
flush()
send(self(), :one); flush()
h = 5
h + 1
i = 2
i * 3
c = 3
c
