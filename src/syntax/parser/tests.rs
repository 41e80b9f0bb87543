//! Shapes of parsed constructs (compared as S-expressions, ignoring spans), precedence,
//! error positions pinned against iex 1.14, and incompleteness.

use super::{parse, parse_input, Parsed};
use crate::syntax::error::SyntaxErrorKind;
use crate::syntax::sexp;

fn shape(src: &str) -> String {
    match parse(src) {
        Ok(block) => sexp::block(&block),
        Err(e) => panic!("{src:?} failed: {e:?}"),
    }
}

#[track_caller]
fn check(src: &str, expected: &str) {
    assert_eq!(shape(src), expected, "for {src:?}");
}

#[test]
fn debug_dump() {
    for src in std::env::var("PARSE")
        .unwrap_or_default()
        .split("|||")
        .filter(|s| !s.is_empty())
    {
        println!("{src:?} => {:?}", parse(src).map(|b| sexp::block(&b)));
    }
}

#[test]
fn literals() {
    check("1_000", "1000");
    check("0x1F", "31");
    check("-1", "-1");
    check("- 2.5", "-2.5");
    check("1.5", "1.5");
    check("1.0e3", "1000.0");
    check(":a", ":a");
    check(":\"with space\"", ":with space");
    check(":Foo", ":Foo");
    check(":a?", ":a?");
    check(":b!", ":b!");
    check(":+", ":+");
    check("true", ":true");
    check("nil", ":nil");
    check("Registry", "Registry");
    check("Foo.Bar", "Foo.Bar");
    check(
        r#""a\n\t\"\\\#{x}\e\u{41}""#,
        "\"a\\n\\t\\\"\\\\#{x}\\u{1b}A\"",
    );
    check(r#""x = #{x + 1}!""#, "(str \"x = \" #{(+ x 1)} \"!\")");
    check("'ab'", "[97 98]");
    check("_", "_");
    check("_name", "_name");
    check("^pin", "^pin");
}

#[test]
fn collections() {
    check("{1, :a}", "{1 :a}");
    check("{}", "{}");
    check("[1, 2 | t]", "[1 2 | t]");
    check(
        "[keys: :unique, name: Registry]",
        "[{:keys :unique} {:name Registry}]",
    );
    check("[\"quoted key\": 1]", "[{:quoted key 1}]");
    check("[1, a: 2]", "[1 {:a 2}]");
    check("%{a: 1}", "%{:a => 1}");
    check("%{\"k\" => v}", "%{\"k\" => v}");
    check("%{m | a: 2}", "%{m | :a => 2}");
    check("%{}", "%{}");
    check("[\n  1,\n  2\n]", "[1 2]");
    check("m[:a]", "(Access.get m :a)");
}

#[test]
fn calls() {
    check("self()", "(self)");
    check("length(l)", "(length l)");
    check("elem(t, 0)", "(elem t 0)");
    check("pid(0, 1, 0)", "(pid 0 1 0)");
    check("pid(\"0.1.0\")", "(pid \"0.1.0\")");
    check("div(a, b)", "(div a b)");
    check("Mod.fun(1)", "(Mod.fun 1)");
    check(
        ":erlang.system_info(:atom_limit)",
        "(:erlang.system_info :atom_limit)",
    );
    check("mod.fun()", "(mod.fun)");
    check("Mod.fun", "(Mod.fun)");
    check("f.(x)", "(f. x)");
    check("f.(1).(2)", "((f. 1). 2)");
    check("IO.puts \"hi\"", "(IO.puts \"hi\")");
    check(
        "IO.inspect x, label: \"x\"",
        "(IO.inspect x [{:label \"x\"}])",
    );
    check("is_atom :a", "(is_atom :a)");
    check("f -1", "(f -1)");
    check("f - 1", "(- f 1)");
    check(
        "Registry.start_link(keys: :unique, name: Registry)",
        "(Registry.start_link [{:keys :unique} {:name Registry}])",
    );
    check("foo(1, a: 2)", "(foo 1 [{:a 2}])");
    check(
        "Server.state(:server) |> IO.inspect()",
        "(IO.inspect (Server.state :server))",
    );
}

#[test]
fn operators_and_precedence() {
    check("1 + 2 * 3", "(+ 1 (* 2 3))");
    check("(1 + 2) * 3", "(* (+ 1 2) 3)");
    check("1 - 2 - 3", "(- (- 1 2) 3)");
    check("a = b = 1", "(= a (= b 1))");
    check("x |> f() |> g(1)", "(g (f x) 1)");
    check("a |> IO.inspect", "(IO.inspect a)");
    check("a |> IO.inspect()", "(IO.inspect a)");
    check("not a and b", "(and (not a) b)");
    check("a in [1] or b", "(or (in a [1]) b)");
    check("a not in [1]", "(not in a [1])");
    check("!a == b", "(== (! a) b)");
    check("a && b || c", "(|| (&& a b) c)");
    check("a ++ b ++ c", "(++ a (++ b c))");
    check("a -- b", "(-- a b)");
    check("\"a\" <> b", "(<> \"a\" b)");
    check("1 == 1.0 and 1 !== 1.0", "(and (== 1 1.0) (!== 1 1.0))");
    check("a === b", "(=== a b)");
    check("a < b", "(< a b)");
    check("a >= b", "(>= a b)");
    check("1..n", "(.. 1 n)");
    check("1..n//2", "(.. 1 n 2)");
    check("x = 1 + 2", "(= x (+ 1 2))");
    check("{:ok, z} = {:ok, 5}", "(= {:ok z} {:ok 5})");
    check(
        ":erlang.system_info(:atom_count) - before >= 1000",
        "(>= (- (:erlang.system_info :atom_count) before) 1000)",
    );
    check("1 +\n 2", "(+ 1 2)");
    check("x\n|> f()", "(f x)");
    check("-x.y", "(- (x.y))");
}

#[test]
fn sequences_and_comments() {
    check("a; b", "(block a b)");
    check("a\nb\n", "(block a b)");
    check("x = 1 # comment\nx", "(block (= x 1) x)");
    check("", "(block )");
}

#[test]
fn functions_and_captures() {
    check("fn a, b -> a + b end", "(fn [a b -> (+ a b)])");
    check("fn -> :ok end", "(fn [ -> :ok])");
    check(
        "fn x when x > 0 -> :pos; _ -> :other end",
        "(fn [x when (> x 0) -> :pos] [_ -> :other])",
    );
    check(
        "fn x ->\n  y = x\n  y\nend",
        "(fn [x -> (block (= y x) y)])",
    );
    check("fn x -> end", "(fn [x -> nil])");
    check("&Mod.fun/2", "(&/ Mod.fun 2)");
    check("&length/1", "(&/ length 1)");
    check("&(&1 + 1)", "(& (+ &1 1))");
}

#[test]
fn special_forms() {
    check("if c, do: a, else: b", "(if c a b)");
    check("if c do\n a\nelse\n b\nend", "(if c a b)");
    check("if x > 1 do :big end", "(if (> x 1) :big)");
    check("unless c, do: a", "(unless c a)");
    check(
        "case x do\n  {:ok, v} -> v\n  n when n > 1 -> n\n  _ -> 0\nend",
        "(case x [{:ok v} -> v] [n when (> n 1) -> n] [_ -> 0])",
    );
    check(
        "case x do {:ok, v} -> v; _ -> 0 end",
        "(case x [{:ok v} -> v] [_ -> 0])",
    );
    check(
        "cond do\n  x > 1 -> :a\n  true -> :b\nend",
        "(cond [(> x 1) -> :a] [:true -> :b])",
    );
    check(
        "receive do\n  x -> x\nafter 100 -> :timeout\nend",
        "(receive [x -> x] (after 100 :timeout))",
    );
    check(
        "receive do after 0 -> :none end",
        "(receive  (after 0 :none))",
    );
    check("for x <- [1, 2], do: x * 2", "(for (<- x [1 2]) (* x 2))");
    check(
        "for x <- l, x > 1, into: %{}, do: {x, x}",
        "(for (<- x l) (> x 1) into %{} {x x})",
    );
    check("for x <- l do\n  x\nend", "(for (<- x l) x)");
    check(
        "for i <- 1..3, do: String.to_atom(\"c_#{i}\")",
        "(for (<- i (.. 1 3)) (String.to_atom (str \"c_\" #{i})))",
    );
}
