x = 1
y
x
Foo.bar()
Foo.bar(1, 2)
Registry.nope()
String.nope(1)
nope()
nope(1, 2)
:lists.nope()
:nomod.f()
Server.nope()
Server.state()
DSupervisor.nope(1)
undefined_var + 1
z = 2
z + w
IO.puts(q)
v = 3
v
self().foo
1.foo
