:hello
:"hello world"
:"with-dash"
:ok?
:"9lives"
:Elixir
Elixir.Foo
Foo
:nil
:true
:"foo@bar"
:+
:"é"
is_atom(Server)
"hello"
"tab\there"
"new\nline"
"quote \" inside"
"back\\slash"
"bell\a"
"\u00e9t\u00e9"
name = "world"
"hello #{name}"
"sum: #{1 + 2}"
"atom: #{:ok}"
"list: #{inspect([1, 2])}"
"foo" <> "bar"
"a" <> name <> "!"
String.upcase("abc")
String.length("héllo")
byte_size("héllo")
'charlist'
[104, 105]
[1, 2, 3] ++ [4]
'abc' ++ [0]
IO.puts("multi\nline")
IO.puts("tab\tx")
