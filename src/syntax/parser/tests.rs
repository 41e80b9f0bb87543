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
    check(":nonode@nohost", ":nonode@nohost");
    check(
        r#":"s_#{n}""#,
        "(:erlang.binary_to_atom (str \"s_\" #{n}) :utf8)",
    );
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
fn struct_literals() {
    check(
        "{%RuntimeError{message: \"a\"}, 1}",
        "{%RuntimeError{:message => \"a\"} 1}",
    );
    check(
        "%RuntimeError{e | message: m}",
        "%RuntimeError{e | :message => m}",
    );
    check("% Enum.EmptyError {}", "%Enum.EmptyError{}");
    check("%_{} = e", "(= %_{} e)");
    check("raise %ArgumentError{}", "(raise %ArgumentError{})");
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

/// `(kind, line, column, message, snippet)` as recorded from iex 1.14
/// (`Code.string_to_quoted!/2` and `/work/shared/oracle`).
#[track_caller]
fn check_error(
    src: &str,
    kind: SyntaxErrorKind,
    line: u32,
    column: u32,
    message: &str,
    snippet: bool,
) {
    let err = parse(src).expect_err(src);
    assert_eq!(
        (
            err.kind,
            err.line,
            err.column,
            err.message.as_str(),
            err.snippet
        ),
        (kind, line, column, message, snippet),
        "for {src:?}"
    );
}

#[test]
fn syntax_errors_match_iex() {
    use SyntaxErrorKind::SyntaxError as S;
    check_error("(1 + 2))", S, 1, 8, "unexpected token: )", true);
    check_error("1 + )", S, 1, 5, "unexpected token: )", true);
    check_error("x = 1; )", S, 1, 8, "unexpected token: )", true);
    check_error(
        "[1, 2)",
        S,
        1,
        6,
        "unexpected token: ). The \"[\" at line 1 is missing terminator \"]\"",
        false,
    );
    check_error(
        "(end",
        S,
        1,
        2,
        "unexpected reserved word: end. The \"(\" at line 1 is missing terminator \")\"",
        false,
    );
    check_error("foo(1 2)", S, 1, 7, "syntax error before: \"2\"", true);
    check_error("3 4", S, 1, 3, "syntax error before: \"4\"", true);
    check_error("end", S, 1, 1, "unexpected reserved word: end", false);
    check_error(
        "fn -> 1 end end",
        S,
        1,
        13,
        "unexpected reserved word: end",
        false,
    );
    check_error("1 +* 2", S, 1, 4, "syntax error before: '*'", true);
    check_error("1 = = 2", S, 1, 5, "syntax error before: '='", true);
    check_error(",", S, 1, 1, "syntax error before: ','", true);
    check_error("foo(,)", S, 1, 5, "syntax error before: ','", true);
    check_error("[1,,2]", S, 1, 4, "syntax error before: ','", true);
    check_error(":ok :ok", S, 1, 5, "syntax error before: ok", true);
    check_error("1 x", S, 1, 3, "syntax error before: x", true);
    check_error("1 Foo", S, 1, 3, "syntax error before: 'Foo'", true);
    check_error("1 :\"a b\"", S, 1, 3, "syntax error before: 'a b'", true);
    check_error("1 ->", S, 1, 3, "syntax error before: '->'", true);
    check_error("1 => 2", S, 1, 3, "syntax error before: '=>'", true);
    check_error(
        "\"abc\" \"def\"",
        S,
        1,
        7,
        "syntax error before: \"def\"",
        false,
    );
    check_error(
        "IO.puts \"a\" \"b\"",
        S,
        1,
        13,
        "syntax error before: \"b\"",
        false,
    );
    check_error(
        "if true, do: 1 else: 2",
        S,
        1,
        16,
        "syntax error before: 'else:'",
        true,
    );
    check_error("\"a #{)} b\"", S, 1, 6, "unexpected token: )", true);
    check_error(
        ":",
        S,
        1,
        1,
        "unexpected token: \":\" (column 1, code point U+003A)",
        true,
    );
    check_error(
        "$",
        S,
        1,
        1,
        "unexpected token: \"$\" (column 1, code point U+0024)",
        true,
    );
    check_error(
        "a:1",
        S,
        1,
        1,
        "keyword argument must be followed by space after: a:",
        true,
    );
    check_error(
        "[a:1]",
        S,
        1,
        2,
        "keyword argument must be followed by space after: a:",
        true,
    );
    check_error(
        "fn 1 end",
        S,
        1,
        1,
        "expected anonymous functions to be defined with -> inside: 'fn'",
        true,
    );
    let true_msg =
        "syntax error before: true. \"true\" is a reserved word in Elixir and therefore \
                    its usage is limited. For instance, it can't be used as a variable or be \
                    defined nor invoked as a regular function";
    check_error("1 true", S, 1, 3, true_msg, false);
    check_error("1 %{}", S, 1, 3, "syntax error before: '%{}'", true);
    check_error("1 {2}", S, 1, 3, "syntax error before: '{'", true);
    check_error("1 do end", S, 1, 3, "syntax error before: do", true);
}

#[test]
fn keyword_list_misplaced_matches_iex() {
    let err = parse("foo(a: 1, 2)").unwrap_err();
    assert_eq!((err.line, err.column), (1, 9));
    assert!(err.message.starts_with("unexpected expression after keyword list. Keyword lists must always come as the last argument."));
    assert!(err.message.ends_with("Syntax error after: ','"));
    let err = parse("[a: 1, 2]").unwrap_err();
    assert_eq!((err.line, err.column), (1, 6));
    assert!(err
        .message
        .contains("must always come last in lists and maps"));
    let err = parse("%{a: 1, 2 => 3}").unwrap_err();
    assert_eq!((err.line, err.column), (1, 7));
}

#[test]
fn token_missing_errors_match_iex() {
    use SyntaxErrorKind::TokenMissingError as T;
    check_error(
        "do",
        T,
        1,
        3,
        "missing terminator: end (for \"do\" starting at line 1)",
        true,
    );
    check_error(
        "[1,",
        T,
        1,
        4,
        "missing terminator: ] (for \"[\" starting at line 1)",
        true,
    );
    check_error(
        "1 +",
        T,
        1,
        3,
        "syntax error: expression is incomplete",
        true,
    );
    check_error(
        "x = ",
        T,
        1,
        3,
        "syntax error: expression is incomplete",
        true,
    );
    check_error("&", T, 1, 1, "syntax error: expression is incomplete", true);
    check_error(
        "\"abc",
        T,
        1,
        5,
        "missing terminator: \" (for string starting at line 1)",
        true,
    );
    check_error(
        "'abc",
        T,
        1,
        5,
        "missing terminator: ' (for string starting at line 1)",
        true,
    );
    check_error(
        ":\"abc",
        T,
        1,
        6,
        "missing terminator: \" (for atom starting at line 1)",
        true,
    );
    check_error(
        "fn x ->",
        T,
        1,
        8,
        "missing terminator: end (for \"fn\" starting at line 1)",
        true,
    );
    check_error(
        "case x do",
        T,
        1,
        10,
        "missing terminator: end (for \"do\" starting at line 1)",
        true,
    );
    check_error(
        "%{a: 1",
        T,
        1,
        7,
        "missing terminator: } (for \"{\" starting at line 1)",
        true,
    );
    check_error(
        "foo(",
        T,
        1,
        5,
        "missing terminator: ) (for \"(\" starting at line 1)",
        true,
    );
    check_error(
        "\"a #{1",
        T,
        1,
        4,
        "missing interpolation terminator: \"}\" (for string starting at line 1)",
        true,
    );
    check_error(
        "\"a #{\"b",
        T,
        1,
        8,
        "missing terminator: \" (for string starting at line 1)",
        true,
    );
    check_error(
        "x.",
        T,
        1,
        2,
        "syntax error: expression is incomplete",
        true,
    );
    check_error(
        "1 and",
        T,
        1,
        3,
        "syntax error: expression is incomplete",
        true,
    );
}

#[test]
fn incompleteness() {
    for src in [
        "[1,",
        "fn x ->",
        "\"abc",
        "1 +",
        "case x do",
        "do",
        "1..",
        "f.(1",
        "&",
        "x = ",
        "a |>",
        "%{",
        "'abc",
        ":\"abc",
        "foo(1,",
        "if x do",
        "1 when",
        "not",
        "Foo.",
        "case x do\n  1 -> :one\n",
        "fn x ->\n  x\n",
    ] {
        assert_eq!(parse_input(src), Parsed::Incomplete, "for {src:?}");
    }
    for src in ["1 + )", "end", "[1, 2)", "1 2"] {
        assert!(
            matches!(parse_input(src), Parsed::Invalid(_)),
            "for {src:?}"
        );
    }
    assert!(matches!(parse_input("1 +\n2"), Parsed::Complete(_)));
}

#[test]
fn errors_on_later_lines_count_lines() {
    let err = parse("x = 1\ny = )").unwrap_err();
    assert_eq!((err.line, err.column), (2, 5));
}

#[test]
fn render_shows_snippet_like_iex() {
    let err = parse("1 + )").unwrap_err();
    assert_eq!(
        err.render("1 + )", 1),
        "** (SyntaxError) iex:1:5: unexpected token: )\n    |\n  1 | 1 + )\n    |     ^"
    );
    let err = parse("end").unwrap_err();
    assert_eq!(
        err.render("end", 3),
        "** (SyntaxError) iex:3:1: unexpected reserved word: end"
    );
}

/// Every example line of `grammar/GRAMMAR.md` parses in its dialect.
#[test]
fn grammar_examples_parse() {
    let grammar = include_str!("../../../grammar/GRAMMAR.md");
    let mut dialect = None;
    let mut seen = 0;
    for line in grammar.lines() {
        if let Some(tag) = line.strip_prefix("```") {
            dialect = match (dialect, tag) {
                (None, "elixir") => Some("elixir"),
                (None, "command") => Some("command"),
                (None, _) => Some("other"),
                (Some(_), _) => None,
            };
            continue;
        }
        match dialect {
            Some("elixir") => {
                assert!(
                    parse(line).is_ok(),
                    "grammar example {line:?}: {:?}",
                    parse(line)
                );
                seen += 1;
            }
            Some("command") => {
                let parsed = crate::syntax::command::parse_command(line);
                assert!(
                    matches!(parsed, Some(Ok(_))),
                    "grammar example {line:?}: {parsed:?}"
                );
                seen += 1;
            }
            _ => {}
        }
    }
    assert!(seen > 50, "only {seen} examples found");
}

/// Hostile input: never a panic, no stack overflow, and roughly linear time.
#[test]
fn hostile_input_is_survived() {
    use crate::syntax::command::parse_command;
    let started = std::time::Instant::now();
    let megabyte_parens = "(".repeat(1 << 20);
    assert!(matches!(parse_input(&megabyte_parens), Parsed::Invalid(_)));
    let deep = format!("{}1{}", "[".repeat(2000), "]".repeat(2000));
    let err = parse(&deep).unwrap_err();
    assert!(err.message.starts_with("nesting too deep"), "{err:?}");
    let unary = format!("{}1", "- ".repeat(5000));
    assert!(parse(&unary)
        .unwrap_err()
        .message
        .starts_with("nesting too deep"));
    let interp = format!("{}{}", "\"#{".repeat(2000), "}\"".repeat(2000));
    assert!(matches!(parse_input(&interp), Parsed::Invalid(_)));
    let pieces = [
        "(", ")", "[", "]", "{", "}", "%{", "\"", "'", "#{", "fn", "do", "end", "->", ",", ";",
        "\n", "|>", "=", ":", "::", "&", "&1", "^", "x", "Foo", "1", "1.5", "\u{0}", "\u{7}", "é",
        "a:", "when", "not in", " ", "\\", "..", "//", "$", "@", ".", "|",
    ];
    // A small linear congruential generator: the same lines on every run.
    let mut seed: u64 = 0x2545_F491_4F6C_DD1D;
    for _ in 0..4000 {
        let mut line = String::new();
        seed = seed
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        let len = (seed >> 33) % 24;
        for _ in 0..len {
            seed = seed
                .wrapping_mul(6364136223846793005)
                .wrapping_add(1442695040888963407);
            line.push_str(pieces[(seed >> 33) as usize % pieces.len()]);
        }
        let _ = parse_input(&line);
        let _ = parse_command(&line);
        let _ = parse_command(&format!("start {line}"));
        let _ = parse_command(&format!("crash \"x\" {line}"));
    }
    assert!(
        started.elapsed() < std::time::Duration::from_secs(20),
        "too slow: {:?}",
        started.elapsed()
    );
}

/// Nesting just under the cap parses on a test thread's 2 MB stack, for every kind of
/// bracket the recursion goes through.
#[test]
fn deep_nesting_under_the_cap_parses() {
    let n = crate::syntax::lexer::MAX_DEPTH - 1;
    for (open, close) in [
        ("[", "]"),
        ("{", "}"),
        ("%{a: ", "}"),
        ("(", ")"),
        ("f(", ")"),
        ("fn -> ", " end"),
        ("\"#{", "}\""),
        ("if x do ", " end"),
        ("case x do _ -> ", " end"),
    ] {
        let src = format!("{}1{}", open.repeat(n), close.repeat(n));
        let result = parse(&src);
        assert!(
            result.is_ok()
                || result
                    .as_ref()
                    .unwrap_err()
                    .message
                    .starts_with("nesting too deep"),
            "{open}: {:?}",
            result.map(|_| ())
        );
    }
}

#[test]
fn trailing_commas_follow_iex() {
    let tree = |src: &str| sexp::block(&parse(src).unwrap());
    assert_eq!(tree("[1, 2,]"), tree("[1, 2]"));
    assert_eq!(tree("f(x, k: 1,)"), tree("f(x, k: 1)"));
    let err = parse("f(1,)").unwrap_err();
    assert_eq!((err.line, err.column), (1, 5));
    // A keyword call ending in "," at the end of the input waits for more.
    assert_eq!(
        parse_input("if true, do: :yes, else: :no,"),
        Parsed::Incomplete
    );
}

#[test]
fn a_line_starting_with_an_operator_continues_from_the_last_result() {
    let tree = |src: &str| match super::parse_line(src, false) {
        Parsed::Complete(block) => sexp::block(&block),
        other => panic!("{src}: {other:?}"),
    };
    assert_eq!(tree("|> f()"), tree("v(-1) |> f()"));
    assert_eq!(tree("* 2"), tree("v(-1) * 2"));
    // `+ 1` is a sign, not a shorthand.
    assert_eq!(tree("+ 1"), sexp::block(&parse("+ 1").unwrap()));
    let Parsed::Invalid(err) = super::parse_line("|> f()", true) else {
        panic!("a pipe right after a match must be refused");
    };
    assert!(err.message.starts_with("pipe shorthand is not allowed"));
}

#[test]
fn an_operator_names_a_function_after_a_dot() {
    check("Kernel.+(1, 2)", "(Kernel.+ 1 2)");
    check("Kernel.!(x)", "(Kernel.! x)");
    check("&Kernel.>=/2", "(&/ Kernel.>= 2)");
    // iex parses `Kernel.=(1)` too (then finds no such function).
    check("Kernel.=(1)", "(Kernel.= 1)");
}

#[test]
fn a_keyword_key_after_a_newline_is_named_bare() {
    use SyntaxErrorKind::SyntaxError as S;
    check_error("[1\nb: 2]", S, 2, 1, "syntax error before: b", true);
    check_error("[1 b: 2]", S, 1, 4, "syntax error before: 'b:'", true);
}

#[test]
fn a_module_attribute_is_a_call_of_at() {
    check("@impl true", "(@ (impl :true))");
    check("@a + 1", "(+ (@ a) 1)");
    check("@x", "(@ x)");
    check("x = @impl true", "(= x (@ (impl :true)))");
}

#[test]
fn a_multi_alias_is_a_call_of_braces() {
    check("alias Room.{A, B}", "(alias (Room.{} A B))");
}

#[test]
fn piping_into_case_or_if_makes_the_value_its_subject() {
    let piped = shape("{:ok, 1} |> case do {:ok, x} -> x end");
    assert_eq!(piped, shape("case {:ok, 1} do {:ok, x} -> x end"));
    assert_eq!(
        shape("3 |> if(do: 1, else: 2)"),
        shape("if 3, do: 1, else: 2")
    );
    assert_eq!(shape("x |> unless do 1 end"), shape("unless x do 1 end"));
}

#[test]
fn sigils_without_interpolation_are_literals() {
    check("~w(a  b)", "[\"a\" \"b\"]");
    check("~w(a b)a", "[:a :b]");
    check("~w(a b)c", "[[97] [98]]");
    // Uppercase bodies are raw, but `\` before the closing delimiter stands for it.
    check("~S(a\\)b#{x})", "\"a)b#{x}\"");
    check("~c|abc|", "[97 98 99]");
    check("~S\"\"\"\na#{x}\n\"\"\"", "\"a#{x}\\n\"");
}

#[test]
fn other_sigils_are_calls_of_sigil_functions_with_their_modifiers() {
    check("~s[x #{y}]", "(sigil_s (str \"x \" #{y}) [])");
    check("~w(a)x", "(sigil_w \"a\" [120])");
    check("~r/a+/", "(sigil_r \"a+\" [])");
}

#[test]
fn an_interpolated_charlist_is_made_at_run_time() {
    check("'a#{x}'", "(:Elixir.String.to_charlist (str \"a\" #{x}))");
    check("'ab'", "[97 98]");
}

#[test]
fn an_operator_captured_by_name() {
    check("&+/2", "(&/ + 2)");
    check("&!=/2", "(&/ != 2)");
}
