%RuntimeError{
message: "over lines"
}
e = %ArgumentError{message: "first",
}
%ArgumentError{e |
message: "second"}
try do
raise "boom"
rescue
%RuntimeError{message: m} -> m
end
try do
raise "boom"
rescue
e in RuntimeError ->
%{e | message: "wrapped " <> e.message}
end
%RuntimeError
{}
%RuntimeError
#iex:break
%Nope{
a: 1}
if true do
undefined_x
end
fn x ->
x + nope
end
[1,
2,
zz]
case 1 do
1 ->
%RuntimeError{foo: 1}
end
x = 1
x +
y
