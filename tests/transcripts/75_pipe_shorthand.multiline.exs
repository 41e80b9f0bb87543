|> IO.inspect()
[1, 2]
|> Enum.map(&(&1 * 2))
|> Enum.sum()
* 2
++ [1]
== 1
x = 5
|> IO.inspect()
"a"
<> "b"
and true
+ 1
- 1
[1] ++ 2
1 ++ [2]
[1 | 2] ++ [3]
[1] -- 2
1 -- [1]
