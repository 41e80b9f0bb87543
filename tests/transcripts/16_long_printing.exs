Enum.to_list(1..100)
Enum.to_list(1..50)
Enum.to_list(1..51)
1..10
1..10//2
Enum.to_list(1..10//3)
10..1
Enum.to_list(10..1)
for i <- 1..60, do: "string_#{i}"
for i <- 1..30, do: {i, :item}
for i <- 1..8, do: {:user, i, "name_#{i}", %{active: true}}
%{alpha: "aaaaaaaaaaaaaaaaaaaa", beta: "bbbbbbbbbbbbbbbbbbbb", gamma: "cccccccccccccccccccc"}
%{config: %{database: %{host: "localhost", port: 5432, user: "postgres", password: "secret"}, pool: 10}}
{:a_long_tuple, "with some strings", [1, 2, 3, 4, 5], %{and: :a_map}, :and_more_atoms_here}
[[1, 2, 3], [4, 5, 6], [7, 8, 9], [10, 11, 12], [13, 14, 15], [16, 17, 18], [19, 20, 21]]
Map.new(1..32, fn i -> {i, i * i} end)
Map.new(1..20, fn i -> {"key_#{i}", i} end)
String.duplicate("x", 100)
String.duplicate("ab", 5000) |> String.length()
List.duplicate(:atom, 55)
Enum.map(1..12, fn i -> [id: i, name: "n#{i}"] end)
{Enum.to_list(1..60)}
[Enum.to_list(1..60)]
%{list: Enum.to_list(1..60)}
Enum.to_list(1..100) |> IO.inspect(label: "nums")
IO.inspect(Enum.to_list(1..100), limit: :infinity)
Enum.chunk_every(1..10, 3)
Enum.zip([:a, :b, :c], [1, 2, 3])
