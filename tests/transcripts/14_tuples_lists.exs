{}
{1}
{1, :two, "three"}
{:ok, {:nested, [1, 2]}}
elem({:a, :b, :c}, 1)
put_elem({:a, :b}, 0, :z)
tuple_size({1, 2, 3})
[]
[1, 2, 3]
[h | t] = [1, 2, 3]
h
t
[a, b | rest] = [1, 2, 3, 4]
rest
[x | []] = [9]
[1 | [2 | [3 | []]]]
[1 | 2]
[:a, "b", 3.0, {4}]
[a: 1, b: 2]
[{:a, 1}, {:b, 2}]
[{:a, 1}, {"b", 2}]
[a: 1, a: 2]
Keyword.get([a: 1, b: 2], :b)
kw = [name: "x", size: 3]
kw[:name]
kw[:missing]
[{:ok, 1}, {:error, :e}]
[ok: 1, error: :e]
[{:"with space", 1}]
[{1, 2}, {3, 4}]
length([1, 2, 3])
hd([1, 2])
tl([1, 2])
List.first([])
Enum.reverse([1, 2, 3])
