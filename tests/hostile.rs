//! No line of input panics or hangs the shell: thousands of generated hostile lines
//! (unbalanced brackets, unfinished strings, a 1 MB line, invalid UTF-8, control
//! characters, deep nesting) go through the binary in replay mode, and afterwards it
//! still answers `1 + 1` with `2` and exits 0, within a deadline.
//!
//! The lines come from a fixed seed, so a failure replays exactly. Every few lines an
//! `#iex:break` abandons whatever expression is left open, as a user would, so one
//! unclosed `"` does not turn the rest of the run into a single growing string.

mod common;

use std::time::Duration;

/// Debug build, two shared cores: the whole run takes a few seconds.
const DEADLINE: Duration = Duration::from_secs(60);
const GENERATED: usize = 4000;

/// Pieces that the parser, the lexer and the command reader each treat specially.
const PIECES: &[&[u8]] = &[
    b"(",
    b")",
    b"[",
    b"]",
    b"{",
    b"}",
    b"<<",
    b">>",
    b"%{",
    b"do",
    b"end",
    b"fn",
    b"->",
    b"\"",
    b"'",
    b"\"\"\"",
    b"#{",
    b":",
    b"::",
    b"|>",
    b"&",
    b"&1",
    b"@",
    b"~s(",
    b"\\",
    b"1",
    b"0x",
    b"1.0e",
    b"9223372036854775807",
    b"-",
    b"+",
    b"*",
    b"/",
    b"=",
    b"==",
    b"x",
    b"_",
    b"Registry",
    b"GenServer.call",
    b"Server.state",
    b"start",
    b"state",
    b"lookup",
    b"crash",
    b"help",
    b"explain",
    b".",
    b",",
    b" ",
    b"\t",
    b"\x00",
    b"\x07",
    b"\x1b[A",
    b"\x7f",
    b"\xff",
    b"\xc3",
    b"\xe2\x82",
    "é".as_bytes(),
    "🙂".as_bytes(),
    b"when",
    b"case",
    b"cond",
    b"if",
    b"with",
    b"try",
    b"rescue",
    b";",
    b"#",
    b"?",
    b"%",
    b"^",
    b"..",
    b"nil",
    b"true",
    b"\r",
    b"\"cool_name\"",
    b":via",
    b"pid(0, 1, 0)",
];

/// xorshift64*: deterministic, and no dependency for a test's dice.
struct Dice(u64);

impl Dice {
    fn below(&mut self, n: usize) -> usize {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        (self.0.wrapping_mul(0x2545_f491_4f6c_dd1d) >> 33) as usize % n
    }
}

/// Lines no generator would find by chance.
fn special_lines() -> Vec<Vec<u8>> {
    let repeat = |s: &str, n: usize| s.repeat(n).into_bytes();
    vec![
        repeat("x", 1 << 20),
        [b"\"".as_slice(), &repeat("a", 1 << 20)].concat(),
        repeat("(", 100_000),
        repeat("[", 100_000),
        repeat("{", 100_000),
        repeat("fn ", 10_000),
        repeat("do ", 10_000),
        repeat(")", 10_000),
        repeat("end ", 10_000),
        [repeat("-", 100_000), b"1".to_vec()].concat(),
        [repeat("not ", 50_000), b"true".to_vec()].concat(),
        [repeat("!", 100_000), b"x".to_vec()].concat(),
        [repeat("x = ", 100_000), b"1".to_vec()].concat(),
        [repeat("[] ++ ", 100_000), b"[]".to_vec()].concat(),
        [repeat("&", 10_000), b"1".to_vec()].concat(),
        [repeat("@", 10_000), b"x".to_vec()].concat(),
        repeat("\"#{", 1_000),
        repeat("9", 1_000),
        [b":".to_vec(), repeat("a", 300)].concat(),
        [b"start 1 \"".to_vec(), repeat("k", 100_000), b"\"".to_vec()].concat(),
        b"9223372036854775807 + 1".to_vec(),
        b"-9223372036854775808 - 1".to_vec(),
        b"div(1, 0)".to_vec(),
        (0u8..32).filter(|b| *b != b'\n').collect(),
        (128u8..=255).collect(),
        b"\xed\xa0\x80 \xf4\x90\x80\x80 \xc0\xaf".to_vec(),
    ]
}

fn hostile_input() -> Vec<u8> {
    let mut dice = Dice(0x9e37_79b9_7f4a_7c15);
    let mut lines = special_lines();
    for _ in 0..GENERATED {
        let len = 1 + dice.below(24);
        let line: Vec<u8> = (0..len)
            .flat_map(|_| PIECES[dice.below(PIECES.len())].iter().copied())
            .collect();
        lines.push(line);
    }
    let mut input = Vec::new();
    for (i, line) in lines.iter().enumerate() {
        input.extend_from_slice(line);
        input.push(b'\n');
        if i % 8 == 7 {
            input.extend_from_slice(b"#iex:break\n");
        }
    }
    input.extend_from_slice(b"#iex:break\n1 + 1\n");
    input
}

/// Replays `input` through the binary; `None` if it is still running at the deadline.
fn replay(input: Vec<u8>) -> Option<common::Run> {
    common::replay(input, DEADLINE)
}

fn tail(text: &str) -> &str {
    let mut at = text.len().saturating_sub(600);
    while !text.is_char_boundary(at) {
        at += 1;
    }
    &text[at..]
}

#[test]
fn hostile_lines_neither_panic_nor_hang_the_shell() {
    let input = hostile_input();
    let run = replay(input).unwrap_or_else(|| panic!("otpsh still running after {DEADLINE:?}"));
    assert!(
        !run.stderr.contains("panicked") && !run.stderr.contains("overflow"),
        "stderr: {}",
        tail(&run.stderr)
    );
    assert_eq!(run.code, Some(0), "stderr: {}", tail(&run.stderr));
    assert!(
        run.stdout.ends_with("> 1 + 1\n2\n"),
        "the last answer: {}",
        tail(&run.stdout)
    );
    // Every line was read and echoed after its prompt: none ended the replay early.
    let prompts = run
        .stdout
        .lines()
        .filter(|l| l.starts_with("iex(") || l.starts_with("...("))
        .count();
    assert!(prompts > GENERATED, "only {prompts} prompts");
    eprintln!("hostile replay took {:?}", run.took);
}

/// Found by the test above: a long chain of one operator is evaluated recursively and
/// overflowed the main thread's stack, aborting the shell. The shell now runs on a thread
/// with a large stack and the evaluator stops at a depth limit well inside it.
#[test]
fn a_long_sum_is_evaluated_without_overflowing_the_stack() {
    let mut input = b"1 + ".repeat(5_000);
    input.extend_from_slice(b"1\n1 + 1\n");
    let run = replay(input).expect("no hang");
    assert_eq!(run.code, Some(0), "stderr: {}", tail(&run.stderr));
    assert!(run.stdout.contains("\n5001\n"), "{}", tail(&run.stdout));
    assert!(
        run.stdout.ends_with("> 1 + 1\n2\n"),
        "{}",
        tail(&run.stdout)
    );
}

/// One-line reproducers that a mutation fuzzer (valid lines from the transcripts with
/// literals, arguments and names swapped) found breaking the shell, each with a piece of
/// the answer it prints now. Where iex answers, the line is also in a recorded transcript
/// (`tests/transcripts/19*`); these are the ones iex itself cannot answer (it runs out of
/// memory or time), and the survival of the shell after each.
const FUZZED: &[(&str, &str)] = &[
    // Preallocated a Vec of 2^63 partitions: capacity overflow panic, the node gone.
    (
        "Registry.start_link(keys: :unique, name: :r, partitions: 9223372036854775807)",
        "** (SystemLimitError) a system limit has been reached",
    ),
    // Built a string of 2^63 graphemes: no end, then out of memory (iex's node dies).
    (
        "String.pad_leading(\"a\", 9223372036854775807)",
        "** (SystemLimitError) otpsh: padding to that length would need more than 100 MB",
    ),
    // `index + 1` for the BIF overflowed i64 (iex passes a bignum on): debug panic.
    (
        "elem({1}, 9223372036854775807)",
        "** (ArithmeticError) otpsh: integer overflow",
    ),
    (
        "Tuple.insert_at({}, 9223372036854775807, :x)",
        "** (ArithmeticError) otpsh: integer overflow",
    ),
    (
        "Tuple.delete_at({}, 9223372036854775807)",
        "** (ArithmeticError) otpsh: integer overflow",
    ),
    // `last - first` overflowed i64 before the size check. Survival only: iex builds
    // the list until memory runs out, and what otpsh says instead is not settled.
    (":lists.seq(-2, 9223372036854775807) |> length()", ""),
    // Past i64 only at i64::MIN: negating, dividing by -1 (iex answers 2^63).
    (
        "abs(-9223372036854775807 - 1)",
        "** (ArithmeticError) otpsh: integer overflow",
    ),
    (
        "div(-9223372036854775807 - 1, -1)",
        "** (ArithmeticError) otpsh: integer overflow",
    ),
    (
        "Integer.floor_div(-9223372036854775807 - 1, -1)",
        "** (ArithmeticError) otpsh: integer overflow",
    ),
    (
        "Integer.gcd(-9223372036854775807 - 1, 0)",
        "** (ArithmeticError) otpsh: integer overflow",
    ),
    (
        ":erlang.abs(-9223372036854775807 - 1)",
        "** (ArithmeticError) otpsh: integer overflow",
    ),
    // `round(1.0e300)` saturated into 9223372036854775807, a wrong answer.
    (
        "round(1.0e300)",
        "** (ArithmeticError) otpsh: integer overflow",
    ),
];

#[test]
fn fuzzed_lines_answer_and_leave_the_shell_working() {
    let mut input = Vec::new();
    for (line, _) in FUZZED {
        input.extend_from_slice(line.as_bytes());
        input.extend_from_slice(b"\nfuzz_ok = 1 + 1\n");
    }
    input.extend_from_slice(b"fuzz_ok\n");
    let run = replay(input).expect("no hang");
    assert!(!run.stderr.contains("panicked"), "{}", tail(&run.stderr));
    assert_eq!(run.code, Some(0), "stderr: {}", tail(&run.stderr));
    for (line, answer) in FUZZED {
        let after = run
            .stdout
            .split_once(&format!("> {line}\n"))
            .unwrap_or_else(|| panic!("{line} never read: {}", tail(&run.stdout)))
            .1;
        assert!(after.starts_with(answer), "{line}\n{}", tail(after));
    }
    assert!(
        run.stdout.ends_with("> fuzz_ok\n2\n"),
        "{}",
        tail(&run.stdout)
    );
}

/// Found by hand: `for _ <- 1..40000, do: spawn(fn -> receive do _ -> :ok end end)`
/// aborted the shell near 16,400 spawns when each spawned function had an OS thread
/// (the threads' memory mappings ran out), and later stopped at a budget of 10,000
/// threads. Spawned functions are now VM processes that hold no thread while they
/// wait: all 40,000 live, each answers, and the shell goes on.
#[test]
fn forty_thousand_spawned_receives_live_and_answer() {
    let input =
        b"pids = for _ <- 1..40000, do: spawn(fn -> receive do _ -> :ok end end); length(pids)\n\
        length(Process.list()) > 40000\n\
        Enum.each(pids, &send(&1, :go)); Process.sleep(500)\n\
        Enum.count(pids, &Process.alive?/1)\n\
        1 + 1\n"
            .to_vec();
    let run = replay(input).unwrap_or_else(|| panic!("otpsh still running after {DEADLINE:?}"));
    assert!(!run.stderr.contains("panicked"), "{}", tail(&run.stderr));
    for answer in [
        "length(pids)\n40000\n",
        "> length(Process.list()) > 40000\ntrue\n",
        "> Enum.count(pids, &Process.alive?/1)\n0\n",
        "> 1 + 1\n2\n",
    ] {
        assert!(
            run.stdout.contains(answer),
            "{answer}: {}",
            tail(&run.stdout)
        );
    }
}
