[1, 2] ++ 3
[] ++ 3
[] ++ []
[1] ++ [2] ++ [3]
l = [1, 2, 3]; {[0 | l], [9 | l], l}
[a, b | t] = [1]
[a, b | t] = [1, 2, 3, 4]; {a, b, t}
[h | t] = [1]; {h, t}
hd([])
tl([1])
tl([1 | 2])
[1, 2 | [3, 4]]
[1 | [2 | [3 | []]]]
Enum.reverse(Enum.to_list(1..5))
x = Enum.to_list(1..3); y = [0 | x]; z = [0 | x]; {y == z, x}
List.first([]) 
length([0 | Enum.to_list(1..10)])
:lists.reverse([1, 2, 3], [4])
Enum.zip([1, 2], [3, 4])
for x <- [1, 2, 3], do: [x | [x]]
