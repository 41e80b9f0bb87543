[1, 2,]
{1, 2,}
IO.inspect(1,)
%{a: 1,}
%{1 => 2,}
[a: 1,]
IO.inspect(:x, label: "l",)
[1, a: 1,]
[1 | [2],]
[,]
{,}
IO.puts("hi"); y
IO.puts("hi"); [^nope] = [1]
f = fn -> undefined_var end
case 1 do ^q -> 1; _ -> 2 end
[{^pid, _}] = []
{:ok, pid} = {:error, 1}
pid
IO.inspect({IO.puts("x"), pid})
for n <- [1, 2], do: n * m
case {:ok, 1} do {:ok, ^value} -> 1; _ -> 2 end
value = 1
case {:ok, 1} do {:ok, ^value} -> 1; _ -> 2 end
