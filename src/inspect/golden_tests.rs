//! Replays `tests/inspect/cases.txt`: values real Elixir 1.14 inspected (see
//! `tests/inspect/gen.exs` for the format), rebuilt here as Terms and printed by us.

use super::{inspect, inspect_plain, Options};
use crate::term::{Fun, Pid, Ref, Term};
use std::sync::Arc;

struct Case {
    mode: String,
    encoding: String,
    expected: Vec<String>,
}

fn cases() -> Vec<Case> {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/inspect/cases.txt");
    let data = std::fs::read_to_string(path).expect("tests/inspect/cases.txt");
    let mut cases: Vec<Case> = Vec::new();
    for line in data.lines() {
        if let Some(header) = line.strip_prefix("@@ ") {
            let (mode, encoding) = header.split_once(' ').expect("mode and encoding");
            cases.push(Case {
                mode: mode.to_string(),
                encoding: encoding.to_string(),
                expected: Vec::new(),
            });
        } else {
            let case = cases.last_mut().expect("text before the first case");
            case.expected.push(line.to_string());
        }
    }
    cases
}

fn hex(s: &str) -> Vec<u8> {
    (0..s.len())
        .step_by(2)
        .map(|i| u8::from_str_radix(&s[i..i + 2], 16).expect("hex"))
        .collect()
}

fn decode<'a>(tokens: &mut impl Iterator<Item = &'a str>) -> Term {
    let token = tokens.next().expect("truncated encoding");
    let (tag, rest) = token.split_at(1);
    let mut many = |n: &str| -> Vec<Term> {
        let n: usize = n.parse().expect("count");
        (0..n).map(|_| decode(tokens)).collect()
    };
    match tag {
        "I" => Term::Int(rest.parse().expect("int")),
        "F" => Term::Float(f64::from_bits(
            u64::from_str_radix(rest, 16).expect("float"),
        )),
        "A" => Term::atom(&String::from_utf8(hex(rest)).expect("utf-8 atom")),
        "B" => Term::Binary(Arc::from(hex(rest))),
        "P" => Term::Pid(Pid(rest.parse().expect("pid"))),
        "R" => Term::Ref(Ref(rest.parse().expect("ref"))),
        "U" => Term::Fun(Arc::new(Fun {
            id: 0,
            arity: rest.parse().expect("arity"),
            body: Arc::new(()),
            capture: None,
            defined_in: None,
        })),
        "T" => Term::tuple(many(rest)),
        "L" => Term::list(many(rest)),
        "J" => {
            let items = many(rest);
            let tail = decode(tokens);
            Term::ImproperList(Arc::from(items), Arc::new(tail))
        }
        "M" => {
            let flat = many(&(rest.parse::<usize>().expect("size") * 2).to_string());
            let mut it = flat.into_iter();
            let mut entries = Vec::new();
            while let (Some(k), Some(v)) = (it.next(), it.next()) {
                entries.push((k, v));
            }
            Term::map(entries)
        }
        other => panic!("unknown tag {other}"),
    }
}

fn render(mode: &str, term: &Term) -> String {
    match mode.split(':').collect::<Vec<_>>().as_slice() {
        ["plain"] => inspect_plain(term),
        ["color"] => inspect(
            term,
            &Options {
                color: true,
                ..Options::default()
            },
        ),
        ["pretty", w, l] => inspect(
            term,
            &Options {
                width: w.parse().expect("width"),
                limit: l.parse().expect("limit"),
                pretty: true,
                ..Options::default()
            },
        ),
        _ => panic!("unknown mode {mode}"),
    }
}

#[test]
fn every_case_prints_as_elixir_does() {
    let cases = cases();
    assert!(cases.len() > 1000, "only {} cases", cases.len());
    let mut failures = Vec::new();
    for case in &cases {
        let term = decode(&mut case.encoding.split(' '));
        let got = render(&case.mode, &term);
        let expected = case.expected.join("\n");
        if got != expected {
            failures.push(format!(
                "{} {}\n--- expected\n{}\n--- got\n{}",
                case.mode,
                &case.encoding[..case.encoding.len().min(200)],
                expected,
                got
            ));
        }
    }
    let shown: Vec<&String> = failures.iter().take(usize::MAX).collect();
    assert!(
        failures.is_empty(),
        "{} of {} cases differ; first ones:\n{}",
        failures.len(),
        cases.len(),
        shown
            .iter()
            .map(|s| s.as_str())
            .collect::<Vec<_>>()
            .join("\n\n")
    );
}
