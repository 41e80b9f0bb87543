# Generates tests/inspect/cases.txt: values encoded in a small prefix format that the Rust
# test decodes into Terms, each followed by what real Elixir 1.14 printed for it.
#
#   elixir tests/inspect/gen.exs > tests/inspect/cases.txt
#
# Case header: `@@ MODE ENCODING`, then the expected text up to the next header.
#   MODE: `pretty:W:L` (inspect(v, pretty: true, width: W, limit: L)), `plain` (inspect/1),
#   `color` (what iex prints with colours on: IEx's syntax colours, wrapped in eval_result).
# Encoding (space-separated tokens, prefix order):
#   I<int> F<16 hex digits of the IEEE double> A<hex name> B<hex bytes> P<n> (#PID<0.n.0>)
#   R<n> (#Reference<0.0.0.n>) U<arity> (an erl_eval fun) T<n> <items> L<n> <items>
#   J<n> <items> <tail> (improper list) M<n> <key> <value>...

defmodule Enc do
  def e(x) when is_integer(x), do: "I#{x}"
  def e(x) when is_float(x), do: "F" <> Base.encode16(<<x::float-64>>)
  def e(x) when is_atom(x), do: "A" <> Base.encode16(Atom.to_string(x))
  def e(x) when is_binary(x), do: "B" <> Base.encode16(x)

  def e(x) when is_pid(x) do
    [_, n, _] = x |> :erlang.pid_to_list() |> to_string() |> String.trim("<") |> String.trim(">") |> String.split(".")
    "P" <> n
  end

  def e(x) when is_reference(x) do
    "R" <> (x |> :erlang.ref_to_list() |> to_string() |> String.trim_trailing(">") |> String.split(".") |> List.last())
  end

  def e(x) when is_function(x), do: "U#{:erlang.fun_info(x)[:arity]}"
  def e(x) when is_tuple(x), do: Enum.join(["T#{tuple_size(x)}" | Enum.map(Tuple.to_list(x), &e/1)], " ")
  def e(x) when is_map(x), do: Enum.join(["M#{map_size(x)}" | Enum.flat_map(:maps.to_list(x), fn {k, v} -> [e(k), e(v)] end)], " ")

  def e(x) when is_list(x) do
    case improper(x, []) do
      {items, nil} -> Enum.join(["L#{length(items)}" | Enum.map(items, &e/1)], " ")
      {items, tail} -> Enum.join(["J#{length(items)}" | Enum.map(items, &e/1)] ++ [e(tail)], " ")
    end
  end

  defp improper([h | t], acc), do: improper(t, [h | acc])
  defp improper([], acc), do: {Enum.reverse(acc), nil}
  defp improper(tail, acc), do: {Enum.reverse(acc), tail}
end

defmodule Gen do
  # A fixed-seed random term, so the file is reproducible.
  @atoms [:ok, :error, :a, :b, :name, :value, :state, :worker, :undefined, :chat_room, nil, true, false,
          :"with space", :Foo, :"Elixir.Registry", :"Elixir.DSupervisor", :"9a", :+, :foo@bar, :x?, :"é"]
  @strings ["", "a", "hello", "hello world", "a\nb", "tab\there", "quote\"d", "olá", "#{"{"}x",
            "a longer string that takes a fair amount of room on a line", <<0, 255>>, "\e[0m"]

  def term(0), do: leaf()

  def term(depth) do
    case :rand.uniform(10) do
      n when n <= 4 -> leaf()
      5 -> List.to_tuple(for _ <- 1..:rand.uniform(5), do: term(depth - 1))
      6 -> for _ <- 0..:rand.uniform(6), do: term(depth - 1)
      7 -> for _ <- 1..:rand.uniform(5), do: {Enum.random(@atoms -- [nil, true, false]), term(depth - 1)}
      8 -> Map.new(1..:rand.uniform(6), fn _ -> {Enum.random(@atoms), term(depth - 1)} end)
      9 -> Map.new(1..:rand.uniform(5), fn _ -> {leaf(), term(depth - 1)} end)
      10 -> for _ <- 1..(10 + :rand.uniform(40)), do: leaf()
    end
  end

  def leaf do
    case :rand.uniform(11) do
      1 -> :rand.uniform(100_000) - 50
      2 -> Enum.random(@atoms)
      3 -> Enum.random(@strings)
      4 -> :erlang.list_to_pid('<0.#{100 + :rand.uniform(100)}.0>')
      5 -> Enum.random([1.5, 0.1, -2.0, 1.0e20, 3.14159])
      6 -> {:ok, :erlang.list_to_pid('<0.#{100 + :rand.uniform(100)}.0>')}
      7 -> Enum.random([[], {}, %{}, 'abc'])
      8 -> String.duplicate("x", :rand.uniform(30))
      9 -> Enum.random([1..:rand.uniform(20), 5..1//-1, %ArgumentError{message: "bad"}, %KeyError{key: :k, term: %{}}])
      10 -> Enum.random([:erlang.list_to_ref('#Ref<0.0.0.#{:rand.uniform(999)}>'), -:rand.uniform(10), 2.0e-9, 12.0])
      11 -> Enum.random(['hello', [1, 2, 300], [?a | :b], <<1, 2, 3>>, String.to_atom("atom_#{:rand.uniform(99)}")])
    end
  end
end

pid = fn n -> :erlang.list_to_pid('<0.#{n}.0>') end
ref = fn n -> :erlang.list_to_ref('#Ref<0.0.0.#{n}>') end

atoms = [:ok, :"with space", :"9a", true, false, nil, :"Elixir.Registry", :"Elixir.foo", :+, :-, :foo@bar,
         :a?, :b!, :"::", :..., :.., :%{}, :%, :{}, :<<>>, :->, :., :"", :"a-b", :é, :Elixir, :"Elixir.Elixir.Foo",
         :"Elixir.Foo.bar", :"Elixir.Foo.Bar", :@, :"foo?x", :_, :__struct__, :A, :"A.B", :"a\nb", :"\"",
         :<>, :|>, :=~, :===, :!, :^, :&, :"\\\\", :|, :=, :when, :in, :not, :and, :or, :~~~, :"~>", :"<<~",
         :^^^, :++, :--, :*, :/, :"**", :"&&", :"||", :"#{"{"}", :"1", :"Ünïcode", :日本, :"a b c", :"a.b"]

floats = [0.0, -0.0, 1.0, 0.1, 0.2, 0.3, 1.0e20, 1.0e21, 1.0e22, 1.5e-7, 100000.0, 1234567.0, 1.0e-5, 0.0001,
          123456789012345678901234.0, 3.141592653589793, -2.5, 1.0e100, 1.0e-100, 5.0e-324, 1.7976931348623157e308,
          2.2250738585072014e-308, 1.0e15, 1.0e16, 1.0e17, 123.456, 0.001, 9007199254740993.0, 1.0e7, 12345.0e10,
          0.5, 2.0e-3, 33.33, 1.0e9, 4.0e9, 6.02e23]

strings = ["", "abc", "a\nb", "\"", "\e", "#{"{"}", "#{"{"}a}", "#", "\\", <<0>>, <<255>>, "olá", "é", <<1, 2, 3>>,
           "\a\b\d\f\r\t\v", "\u00a0", "\uFEFF", "a\u2028b", <<0xC3>>, "日本語", "emoji 🎉", "a'b", "\x7f", "\x1f",
           String.duplicate("abcdefghij", 500), String.duplicate("é", 3000), "a" <> <<128>>,
           String.duplicate("z", 100), :binary.copy(<<1>>, 60), :binary.copy(<<200>>, 20), "\u0085", "\u200B"]

charlists = ['abc', [7, 8], [1, 2, 3], [?a | ?b], 'hello world', 'a\nb', [?a, 256], 'é', [0], [127], [31, 32],
             :lists.duplicate(5000, ?a), '"', '\'', 'a#{"{"}b', [9, 10, 11, 12, 13, 27], [8]]

wide = [
  Enum.to_list(1..100),
  Enum.to_list(1..50),
  Enum.to_list(1..51),
  Enum.to_list(1..49),
  for(i <- 1..1000, do: String.to_atom("chat_#{i}")),
  for(i <- 1..30, do: String.to_atom("room_#{i}")),
  [{:undefined, pid.(122), :worker, [Server]}, {:undefined, pid.(124), :worker, [Server]}],
  [{:undefined, pid.(122), :worker, [Server]}],
  %{active: 2, specs: 2, supervisors: 0, workers: 2},
  Map.new(1..30, &{&1, &1}),
  Map.new(1..32, &{:"key_#{&1}", &1}),
  {:error, {:already_started, pid.(116)}},
  {:noproc, {GenServer, :call, [:beta, :state, 5000]}},
  {:ok, pid.(125)},
  List.to_tuple(Enum.to_list(1..60)),
  List.to_tuple(for i <- 1..20, do: "string #{i}"),
  for(i <- 1..20, do: "string #{i}"),
  for(i <- 1..20, do: {i, "v#{i}"}),
  for(i <- 1..20, do: [i]),
  for(i <- 1..20, do: %{i: i}),
  [a: 1, b: 2],
  ["with space": 1, b: "two"],
  [{:a, 1}, {"b", 2}],
  [{Registry, 1}],
  [{:a, 1} | :tail],
  [1 | 2],
  [1, 2 | 3],
  [[1 | 2]],
  [{:a, 1}, {:b, 2, 3}],
  for(i <- 1..15, do: {:"key#{i}", String.duplicate("v", i)}),
  for(i <- 1..60, do: {:"k#{i}", i}),
  %{a: 1},
  %{"k" => 1},
  %{1 => :a, :b => 2},
  %{"k" => 1, b: 2},
  %{{1, 2} => [3], [4] => %{5 => 6}},
  %{a: %{b: %{c: %{d: Enum.to_list(1..40)}}}},
  %{Registry => 1},
  %{nil => 1, true => 2},
  %{"with space": 1},
  %{:"9a" => 1, :b => 2},
  1..10,
  1..10//2,
  10..1//-1,
  5..1//-1,
  1..0//1,
  -5..-1,
  %ArgumentError{message: "x"},
  %RuntimeError{message: "boom"},
  %KeyError{key: :a, term: %{}, message: nil},
  %FunctionClauseError{module: Server, function: :handle_call, arity: 3, kind: nil, args: nil, clauses: nil},
  %{__struct__: NotAStructModule, a: 1},
  [%ArgumentError{message: "x"}, 1..3],
  {%RuntimeError{message: String.duplicate("long message ", 10)}, []},
  {{:nocatch, :oops}, []},
  {[], {}, %{}, "", ''},
  [pid.(1), pid.(2000), ref.(5), ref.(12345)],
  {ref.(1), pid.(0)},
  {String.duplicate("a", 78)},
  {String.duplicate("a", 77)},
  [String.duplicate("a", 77)],
  [String.duplicate("a", 78)],
  [String.duplicate("a", 80), String.duplicate("b", 80)],
  [[[[[[[[[[Enum.to_list(1..30)]]]]]]]]]],
  [a: [b: [c: [d: Enum.to_list(1..30)]]]],
  {:a, {:b, {:c, {:d, Enum.to_list(1..30)}}}},
  %{list: Enum.to_list(1..30), map: %{x: 1, y: 2}, tuple: {1, 2, 3}, string: String.duplicate("s", 40)},
  ["olá olá olá olá olá olá olá olá olá olá olá olá olá olá olá olá olá olá olá olá", 1],
  [:a, :b, {:c, :d}],
  [1, [2, 3], 4],
  [1.5, 2.5, 3.5],
  [nil, true, false],
  {1.0e20, -0.0},
  [:"a\u0085", :"\u00a0x", :"tab\t", :"a\x{10FFFF}", :"\u200B", :"é?", :"Ab!", :"a@b?"],
  [{:"Elixir.Foo", 1}, {:a, 2}],
  %{%{a: 1} => 1, [1] => 2, {1} => 3, "s" => 4, 1.0 => 5, 1 => 6, :a => 7, 2 => 8, 0.5 => 9},
  %{{1, 2.0} => 1, {1, 2} => 2, [1.0] => 3, [2] => 4},
  Enum.reduce(1..60, :core, fn _, acc -> [acc] end),
  Enum.reduce(1..60, :core, fn _, acc -> {acc} end),
  {[a: 1, b: [c: 2]], [d: %{e: "f"}]},
  [%{__struct__: Range, first: 1, last: 3, step: 1}, %{__struct__: Range, first: 1, last: 3}],
  %{__struct__: ArgumentError, message: "no __exception__ key"},
  [1 | [2 | [3 | :t]]],
  [<<1, 2>> | "tail"],
  [:a | "tail"],
  :lists.seq(1, 5) ++ 'abc'
]

random =
  (fn ->
     :rand.seed(:exsss, {1, 2, 3})
     for _ <- 1..400, do: Gen.term(4)
   end).()

random2 =
  (fn ->
     :rand.seed(:exsss, {7, 8, 9})
     for _ <- 1..200, do: Gen.term(5)
   end).()

emit = fn mode, v, out ->
  IO.write("@@ #{mode} #{Enc.e(v)}\n#{out}\n")
end

pretty = fn v, w, l -> emit.("pretty:#{w}:#{l}", v, inspect(v, pretty: true, width: w, limit: l)) end

Application.put_env(:iex, :colors, enabled: true)
color_opts = Keyword.merge(IEx.Config.inspect_opts(), pretty: true, width: 80)

color = fn v ->
  text = inspect(v, color_opts)
  emit.("color", v, IO.ANSI.format([:yellow | text], true) |> IO.iodata_to_binary())
end

scalars = Enum.to_list(-3..3) ++ [2 ** 62, -(2 ** 63), 2 ** 63 - 1] ++ atoms ++ floats ++ strings ++ charlists

for v <- scalars ++ wide ++ random ++ random2, do: pretty.(v, 80, 50)
for v <- Enum.take(random2, 50), w <- [30, 60, 100], do: pretty.(v, w, 50)
for v <- Enum.take(random2, 50), do: emit.("plain", v, inspect(v))
for v <- scalars ++ wide ++ Enum.take(random, 100), do: emit.("plain", v, inspect(v))
for v <- wide ++ Enum.take(random, 60), w <- [0, 20, 40], do: pretty.(v, w, 50)
for v <- wide ++ Enum.take(random, 30), l <- [1, 3, 10], do: pretty.(v, 80, l)
funs = for src <- ["fn -> 1 end", "fn x -> x end", "fn x, y -> {x, y} end", "[fn x -> x end, fn a, b, c -> a end]"], do: elem(Code.eval_string(src), 0)
for v <- funs, do: pretty.(v, 80, 50)
for v <- Enum.take(atoms, 10) ++ Enum.take(strings, 10) ++ Enum.take(wide, 30) ++ Enum.take(random, 20) ++ [1, 1.5, -3], do: color.(v)
