[1,
,2]
list = [
1,
2,
3
]
list
%{
a: 1,
b: 
}
Enum.map(list, fn x ->
x * 2
end)
Enum.map(list, fn x ->
x +* 2
end)
if length(list) > 2 do
:long
else
:short
end
"""
heredoc line
"""
s = "a
b"
s
defmodule M do
#iex:break
list |> Enum.sum()
1 +
#iex:break
:after_break
