[1,,2]
1 +* 2
)
x = 10
[1,,2]
  1 +* 2
x + 1
%{a: }
"abc" "def"
1 2
foo(1
)
:ok
[1, 2
#iex:break
x
(1 + 2
)
"unterminated
more"
fn x -> x
end
fn x -> end
case 1 do
1 -> :one
end
{1, 2
#iex:break
'single
#iex:break
:"unclosed
#iex:break
x * 2
1 + 
2
%{a: 1
}
def foo, do: 1
x =
5
x
