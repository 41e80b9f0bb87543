//! `String`: UTF-8 binaries seen as graphemes, as Elixir sees them.

use super::enum_more::slice_range;
use super::stdlib::{bif_error, clause_error, existing_atom, frame, make_atom, text, to_charlist};
use super::Answer;
use super::{string_errors, string_parse};
use crate::error::{Error, Result};
use crate::eval::ops::range_bounds;
use crate::eval::Evaluator;
use crate::term::Term;
use unicode_segmentation::UnicodeSegmentation;

/// What `String.f(not_a_binary, ...)` raises: the function iex names (defaults filled
/// in, sometimes a helper module) and the clauses of Elixir's source as iex prints them,
/// with `-...-` around the parts that did not match.
fn not_binary(function: &str, args: &[Term]) -> Error {
    let mut args = args.to_vec();
    let mut module = "String";
    let f = function;
    let guard = "when -is_binary(string)-";
    let is = |i: usize, check: fn(&Term) -> bool, text: &str| match args.get(i) {
        Some(t) if check(t) => text.to_string(),
        _ => format!("-{text}-"),
    };
    let binary = |t: &Term| matches!(t, Term::Binary(_));
    let list = |t: &Term| matches!(t, Term::List(_));
    let clauses: Vec<String> = match (f, args.len()) {
        ("upcase" | "downcase", 1) => {
            args.push(Term::atom("default"));
            vec![
                format!("def {f}(-\"\"-, _mode)"),
                format!("def {f}(string, :default) {guard}"),
                format!("def {f}(string, -:ascii-) {guard}"),
                format!("def {f}(string, mode) {guard} and -mode === :greek- or -mode === :turkic-"),
            ]
        }
        ("capitalize", 1) => {
            args.push(Term::atom("default"));
            vec![
                "def capitalize(-<<char, rest::binary>>-, -:ascii-)".into(),
                format!("def capitalize(string, mode) {guard}"),
            ]
        }
        ("split", 2) => {
            args.push(Term::empty_list());
            let opts = "when -is_binary(string)- and is_list(options)";
            vec![
                format!("def split(string, -%Regex{{}} = pattern-, options) {opts}"),
                format!("def split(string, -\"\"-, options) {opts}"),
                format!("def split(string, -[]-, options) {opts}"),
                format!("def split(string, pattern, options) {opts}"),
            ]
        }
        ("replace", 3) => {
            args.push(Term::empty_list());
            vec!["def replace(subject, pattern, replacement, options) when -is_binary(subject)- and is_binary(replacement) or -is_function(replacement, 1)- and is_list(options)".into()]
        }
        ("contains?", 2) => vec![
            format!("def contains?(string, contents) {guard} and {}", is(1, list, "is_list(contents)")),
            format!("def contains?(string, contents) {guard}"),
        ],
        ("starts_with?", 2) => vec![
            format!("def starts_with?(string, prefix) {guard} and {}", is(1, binary, "is_binary(prefix)")),
            format!("def starts_with?(string, prefix) {guard} and {}", is(1, list, "is_list(prefix)")),
            format!("def starts_with?(string, prefix) {guard}"),
        ],
        ("ends_with?", 2) => vec![
            format!("def ends_with?(string, suffix) {guard} and {}", is(1, binary, "is_binary(suffix)")),
            format!("def ends_with?(string, suffix) {guard} and {}", is(1, list, "is_list(suffix)")),
        ],
        ("at", 2) => vec![
            "def at(string, position) when -is_binary(string)- and is_integer(position) and position >= 0".into(),
            "def at(string, position) when -is_binary(string)- and is_integer(position) and -position < 0-".into(),
        ],
        ("slice", 3) => vec![
            "def slice(_, _, -0-)".into(),
            "def slice(string, start, length) when -is_binary(string)- and is_integer(start) and is_integer(length) and start >= 0 and length >= 0".into(),
            "def slice(string, start, length) when -is_binary(string)- and is_integer(start) and is_integer(length) and -start < 0- and length >= 0".into(),
        ],
        ("pad_leading" | "pad_trailing", 2) => {
            args.push(Term::list(vec![Term::string(" ")]));
            vec![
                format!("def {f}(string, count, padding) when -is_binary(padding)-"),
                format!("def {f}(string, count, [_ | _] = padding) when -is_binary(string)- and is_integer(count) and count >= 0"),
            ]
        }
        ("replace_prefix" | "replace_suffix", 3) => vec![format!(
            "def {f}(string, match, replacement) {guard} and {} and {}",
            is(1, binary, "is_binary(match)"),
            is(2, binary, "is_binary(replacement)")
        )],
        ("split_at", 2) => vec![
            "def split_at(string, position) when -is_binary(string)- and is_integer(position) and position >= 0".into(),
            "def split_at(string, position) when -is_binary(string)- and is_integer(position) and -position < 0-".into(),
        ],
        ("slice", 2) => vec![
            format!("def slice(string, first..last//step = range) {guard}"),
            format!("def slice(string, %{{__struct__: Range, first: first, last: last}} = range) {guard}"),
        ],
        ("last", 1) => vec!["def last(-\"\"-)".into(), format!("def last(string) {guard}")],
        ("trim_leading" | "trim_trailing", 1) => {
            module = "String.Break";
            vec![format!("def {f}(string) {guard}")]
        }
        ("length" | "trim" | "reverse" | "graphemes" | "codepoints" | "first" | "to_charlist", 1) => {
            vec![format!("def {f}(string) {guard}")]
        }
        _ => Vec::new(),
    };
    let clauses: Vec<&str> = clauses.iter().map(String::as_str).collect();
    clause_error(module, function, args, &clauses)
}

/// The largest string a call builds from a count the user gives.
const MAX_BUILT_BYTES: i64 = 100_000_000;

pub fn call(ev: &mut Evaluator, function: &str, args: Vec<Term>) -> Answer {
    let s = match args.first() {
        Some(Term::Binary(_)) => text(&args[0]).unwrap_or_default(),
        // `to_atom`/`to_integer` hand their argument to a BIF, which words the error.
        Some(_) if !exists(function, args.len()) => return None,
        Some(other) => return Some(Err(wrong_subject(function, other, &args))),
        None => return None,
    };
    let rest = &args[1..];
    if let Some(error) = string_errors::check(function, &args[0], rest) {
        return Some(Err(error));
    }
    if let Some(answer) = string_parse::call(ev, function, &s, rest) {
        return Some(answer);
    }
    Some(match (function, rest) {
        ("length", []) => Ok(Term::Int(s.graphemes(true).count() as i64)),
        ("upcase", []) | ("upcase", [_]) => Ok(Term::string(&s.to_uppercase())),
        ("downcase", []) | ("downcase", [_]) => Ok(Term::string(&s.to_lowercase())),
        ("capitalize", []) | ("capitalize", [_]) => Ok(Term::string(&capitalize(&s))),
        ("reverse", []) => Ok(Term::string(&s.graphemes(true).rev().collect::<String>())),
        ("graphemes", []) => Ok(Term::list(s.graphemes(true).map(Term::string).collect())),
        ("codepoints", []) => Ok(Term::list(
            s.chars()
                .map(|c| Term::string(c.encode_utf8(&mut [0; 4])))
                .collect(),
        )),
        ("to_charlist", []) => Ok(to_charlist(&s)),
        ("jaro_distance", [Term::Binary(b)]) => Ok(Term::Float(super::jaro::distance(
            &s,
            &String::from_utf8_lossy(b),
        ))),
        ("valid?", []) => Ok(Term::bool(std::str::from_utf8(&binary(&args[0])).is_ok())),
        ("printable?", []) => Ok(Term::bool(crate::inspect::is_printable_string(
            &binary(&args[0]),
            usize::MAX,
        ))),
        ("printable?", [Term::Int(n)]) if *n >= 0 => Ok(Term::bool(
            crate::inspect::is_printable_string(&binary(&args[0]), *n as usize),
        )),
        ("equivalent?", [Term::Binary(b)]) => Ok(Term::bool(s.as_bytes() == &b[..])),
        ("first", []) => Ok(s
            .graphemes(true)
            .next()
            .map_or_else(Term::nil, Term::string)),
        ("last", []) => Ok(s
            .graphemes(true)
            .next_back()
            .map_or_else(Term::nil, Term::string)),
        ("at", [Term::Int(i)]) => Ok(at(&s, *i)),
        ("slice", [range]) => match range_bounds(range) {
            Some((first, last, step)) => {
                let g: Vec<&str> = s.graphemes(true).collect();
                Ok(Term::string(&slice_range(g, first, last, step).concat()))
            }
            None => Err(Error::function_clause("String", "slice", 2)),
        },
        ("slice", [Term::Int(start), Term::Int(len)]) if *len >= 0 => {
            Ok(Term::string(&slice(&s, *start, *len)))
        }
        ("split_at", [Term::Int(i)]) => {
            let g: Vec<&str> = s.graphemes(true).collect();
            let at = if *i < 0 {
                (g.len() as i64 + i).max(0)
            } else {
                (*i).min(g.len() as i64)
            } as usize;
            Ok(Term::tuple(vec![
                Term::string(&g[..at].concat()),
                Term::string(&g[at..].concat()),
            ]))
        }
        ("duplicate", [Term::Int(n)])
            if *n >= 0 && (*n as usize).saturating_mul(s.len()) < MAX_BUILT_BYTES as usize =>
        {
            Ok(Term::string(&s.repeat(*n as usize)))
        }
        ("duplicate", [Term::Int(n)]) if *n < 0 => {
            Err(bif_error(2, "out of range", "binary", "copy", &args))
        }
        ("pad_leading", [Term::Int(n)]) => pad(&s, *n, " ", true),
        ("pad_trailing", [Term::Int(n)]) => pad(&s, *n, " ", false),
        ("pad_leading", [Term::Int(n), Term::Binary(p)]) if !p.is_empty() => {
            pad(&s, *n, &String::from_utf8_lossy(p), true)
        }
        ("pad_trailing", [Term::Int(n), Term::Binary(p)]) if !p.is_empty() => {
            pad(&s, *n, &String::from_utf8_lossy(p), false)
        }
        ("pad_leading" | "pad_trailing", [n, _]) => {
            let first = format!("def {function}(string, count, padding) when -is_binary(padding)-");
            let second = format!("def {function}(string, count, -[_ | _] = padding-) when is_binary(string) and is_integer(count) and count >= 0");
            // A string padding became its (empty) list of graphemes before failing.
            let padding = match &args[2] {
                Term::Binary(_) => Term::empty_list(),
                other => other.clone(),
            };
            let shown = vec![args[0].clone(), n.clone(), padding];
            Err(clause_error("String", function, shown, &[&first, &second]))
        }
        ("to_atom", []) => make_atom(ev, &s, || {
            frame(
                "erlang",
                "binary_to_atom",
                &[args[0].clone(), Term::atom("utf8")],
            )
        }),
        ("to_existing_atom", []) => existing_atom(ev, &s, || {
            frame(
                "erlang",
                "binary_to_existing_atom",
                &[args[0].clone(), Term::atom("utf8")],
            )
        }),
        _ if exists(function, args.len()) => {
            Err(Error::function_clause("String", function, args.len()))
        }
        _ => return None,
    })
}

/// Whether `String` has `function/arity` (so a wrong argument is a clause error, not an
/// undefined function).
fn exists(function: &str, arity: usize) -> bool {
    const EXPORTS: &[(&str, &[usize])] = &[
        ("length", &[1]),
        ("upcase", &[1, 2]),
        ("downcase", &[1, 2]),
        ("capitalize", &[1, 2]),
        ("reverse", &[1]),
        ("graphemes", &[1]),
        ("codepoints", &[1]),
        ("to_charlist", &[1]),
        ("valid?", &[1]),
        ("printable?", &[1, 2]),
        ("equivalent?", &[2]),
        ("first", &[1]),
        ("last", &[1]),
        ("at", &[2]),
        ("slice", &[2, 3]),
        ("split_at", &[2]),
        ("duplicate", &[2]),
        ("pad_leading", &[2, 3]),
        ("pad_trailing", &[2, 3]),
        ("to_atom", &[1]),
        ("to_existing_atom", &[1]),
        ("split", &[1, 2, 3]),
        ("trim", &[1, 2]),
        ("trim_leading", &[1, 2]),
        ("trim_trailing", &[1, 2]),
        ("contains?", &[2]),
        ("starts_with?", &[2]),
        ("ends_with?", &[2]),
        ("replace", &[3, 4]),
        ("replace_prefix", &[3]),
        ("replace_suffix", &[3]),
        ("replace_leading", &[3]),
        ("replace_trailing", &[3]),
        ("to_integer", &[1, 2]),
        ("to_float", &[1]),
        ("jaro_distance", &[2]),
    ];
    EXPORTS
        .iter()
        .any(|(f, arities)| *f == function && arities.contains(&arity))
}

/// The error for a first argument that is not a binary: the BIF's for functions that
/// are thin wrappers over one, a clause error otherwise.
fn wrong_subject(function: &str, subject: &Term, args: &[Term]) -> Error {
    let utf8 = || vec![subject.clone(), Term::atom("utf8")];
    match function {
        "to_atom" => bif_error(1, "not a binary", "erlang", "binary_to_atom", &utf8()),
        "to_existing_atom" => bif_error(
            1,
            "not a binary",
            "erlang",
            "binary_to_existing_atom",
            &utf8(),
        ),
        "to_integer" if args.len() == 1 => {
            bif_error(1, "not a binary", "erlang", "binary_to_integer", args)
        }
        "to_float" => bif_error(1, "not a binary", "erlang", "binary_to_float", args),
        "duplicate" => bif_error(1, "not a binary", "binary", "copy", args),
        "split" if args.len() == 1 => string_errors::split_whitespace_error(subject),
        _ => not_binary(function, args),
    }
}

fn binary(t: &Term) -> Vec<u8> {
    match t {
        Term::Binary(b) => b.to_vec(),
        _ => Vec::new(),
    }
}

fn capitalize(s: &str) -> String {
    let mut g = s.graphemes(true);
    match g.next() {
        Some(first) => format!("{}{}", first.to_uppercase(), g.as_str().to_lowercase()),
        None => String::new(),
    }
}

fn at(s: &str, i: i64) -> Term {
    let g: Vec<&str> = s.graphemes(true).collect();
    let index = if i < 0 { g.len() as i64 + i } else { i };
    if index >= 0 && (index as usize) < g.len() {
        Term::string(g[index as usize])
    } else {
        Term::nil()
    }
}

fn slice(s: &str, start: i64, len: i64) -> String {
    let g: Vec<&str> = s.graphemes(true).collect();
    let start = if start < 0 {
        g.len() as i64 + start
    } else {
        start
    };
    if start < 0 || start as usize >= g.len() {
        return String::new();
    }
    g.iter()
        .skip(start as usize)
        .take(len as usize)
        .copied()
        .collect()
}

/// `pad_leading`/`pad_trailing`: the padding repeats and is cut to fit.
fn pad(s: &str, count: i64, padding: &str, leading: bool) -> Result<Term> {
    let have = s.graphemes(true).count() as i64;
    if count <= have {
        return Ok(Term::string(s));
    }
    // The BEAM tries to allocate any count and the node dies of it; this shell stops
    // short of building a string it cannot hold, as `String.duplicate/2` does.
    if (count - have).saturating_mul(padding.len().max(1) as i64) >= MAX_BUILT_BYTES {
        return Err(Error::raise_message(
            "SystemLimitError",
            "otpsh: padding to that length would need more than 100 MB",
        ));
    }
    let fill: String = padding
        .graphemes(true)
        .cycle()
        .take((count - have) as usize)
        .collect();
    Ok(Term::string(&if leading {
        fill + s
    } else {
        format!("{s}{fill}")
    }))
}
