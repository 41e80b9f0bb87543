//! `String`, continued: the functions that look for patterns (split, trim, replace,
//! contains?...) and the ones that read numbers out of text.

use super::stdlib::bif_error;
use crate::error::{Error, Result};
use crate::eval::Evaluator;
use crate::term::Term;
use unicode_segmentation::UnicodeSegmentation;

/// `None` when `function` is not one of these (the caller tries its own).
pub fn call(_ev: &mut Evaluator, function: &str, s: &str, rest: &[Term]) -> Option<Result<Term>> {
    let subject = Term::string(s);
    Some(match (function, rest) {
        ("split", []) => Ok(strings(s.split_whitespace())),
        ("split", [p]) => split(s, p, &Term::empty_list(), function),
        ("split", [p, opts]) => split(s, p, opts, function),
        ("trim", []) => Ok(Term::string(s.trim())),
        ("trim_leading", []) => Ok(Term::string(s.trim_start())),
        ("trim_trailing", []) => Ok(Term::string(s.trim_end())),
        ("trim" | "trim_leading" | "trim_trailing", [Term::Binary(t)]) => {
            let t = String::from_utf8_lossy(t).into_owned();
            let mut out = s;
            if !t.is_empty() {
                if function != "trim_trailing" {
                    while let Some(rest) = out.strip_prefix(t.as_str()) {
                        out = rest;
                    }
                }
                if function != "trim_leading" {
                    while let Some(rest) = out.strip_suffix(t.as_str()) {
                        out = rest;
                    }
                }
            }
            Ok(Term::string(out))
        }
        ("contains?", [p]) => {
            patterns(p, function).map(|ps| Term::bool(ps.iter().any(|p| s.contains(p.as_str()))))
        }
        // A list is walked in order; a bad element after a match is never seen (the
        // ones before a match were refused by `string_errors`).
        ("starts_with?", [Term::List(ps)]) => Ok(Term::bool(
            ps.iter()
                .any(|p| matches!(p, Term::Binary(b) if s.as_bytes().starts_with(b))),
        )),
        ("ends_with?", [Term::List(ps)]) => Ok(Term::bool(
            ps.iter()
                .any(|p| matches!(p, Term::Binary(b) if s.as_bytes().ends_with(b))),
        )),
        ("starts_with?", [p]) => {
            patterns(p, function).map(|ps| Term::bool(ps.iter().any(|p| s.starts_with(p.as_str()))))
        }
        ("ends_with?", [p]) => {
            patterns(p, function).map(|ps| Term::bool(ps.iter().any(|p| s.ends_with(p.as_str()))))
        }
        ("replace", [p, Term::Binary(r)]) => replace(s, p, &String::from_utf8_lossy(r), true),
        ("replace", [p, Term::Binary(r), opts]) => {
            let global = !opts
                .keyword_get("global")
                .is_some_and(|g| g.is_atom("false"));
            replace(s, p, &String::from_utf8_lossy(r), global)
        }
        ("replace_prefix", [Term::Binary(p), Term::Binary(r)]) => {
            let (p, r) = (String::from_utf8_lossy(p), String::from_utf8_lossy(r));
            Ok(Term::string(&match s.strip_prefix(&*p) {
                Some(tail) => format!("{r}{tail}"),
                None => s.to_string(),
            }))
        }
        ("replace_leading" | "replace_trailing", [Term::Binary(p), Term::Binary(r)])
            if !p.is_empty() =>
        {
            let (p, r) = (String::from_utf8_lossy(p), String::from_utf8_lossy(r));
            Ok(Term::string(&replace_repeated(
                s,
                &p,
                &r,
                function == "replace_leading",
            )))
        }
        ("replace_suffix", [Term::Binary(p), Term::Binary(r)]) => {
            let (p, r) = (String::from_utf8_lossy(p), String::from_utf8_lossy(r));
            Ok(Term::string(&match s.strip_suffix(&*p) {
                Some(head) => format!("{head}{r}"),
                None => s.to_string(),
            }))
        }
        ("to_integer", []) => parse_int_exact(s, 10).map(Term::Int).ok_or_else(|| {
            bif_error(
                1,
                "not a textual representation of an integer",
                "erlang",
                "binary_to_integer",
                &[subject],
            )
        }),
        ("to_integer", [Term::Int(base)]) if (2..=36).contains(base) => {
            parse_int_exact(s, *base as u32)
                .map(Term::Int)
                .ok_or_else(|| {
                    bif_error(
                        1,
                        "not a textual representation of an integer",
                        "erlang",
                        "binary_to_integer",
                        &[subject, Term::Int(*base)],
                    )
                })
        }
        ("to_float", []) => erlang_float(s).map(Term::Float).ok_or_else(|| {
            bif_error(
                1,
                "not a textual representation of a float",
                "erlang",
                "binary_to_float",
                &[subject],
            )
        }),
        _ => return None,
    })
}

fn strings<'a>(parts: impl Iterator<Item = &'a str>) -> Term {
    Term::list(parts.map(Term::string).collect())
}

/// A pattern argument: one string or a list of strings.
fn patterns(p: &Term, function: &str) -> Result<Vec<String>> {
    let one = |t: &Term| match t {
        Term::Binary(b) => Ok(String::from_utf8_lossy(b).into_owned()),
        _ => Err(Error::function_clause("String", function, 2)),
    };
    match p {
        Term::List(items) => items.iter().map(one).collect(),
        other => Ok(vec![one(other)?]),
    }
}

/// The first match of any pattern at or after `from`: (start, length).
fn find_first(s: &str, from: usize, pats: &[String]) -> Option<(usize, usize)> {
    pats.iter()
        .filter(|p| !p.is_empty())
        .filter_map(|p| s[from..].find(p.as_str()).map(|i| (from + i, p.len())))
        .min_by(|a, b| a.0.cmp(&b.0).then(b.1.cmp(&a.1)))
}

fn split(s: &str, p: &Term, opts: &Term, function: &str) -> Result<Term> {
    let trim = opts.keyword_get("trim").is_some_and(Term::is_truthy);
    let pats = match patterns(p, function) {
        Ok(pats) => pats,
        // An empty subject splits to itself before the pattern is looked at.
        Err(_) if s.is_empty() && trim => return Ok(Term::empty_list()),
        Err(_) if s.is_empty() => return Ok(Term::list(vec![Term::string("")])),
        Err(e) => return Err(e),
    };
    let parts = match opts.keyword_get("parts") {
        Some(Term::Int(n)) if *n > 0 => *n as usize,
        _ => usize::MAX,
    };
    let mut out: Vec<String> = Vec::new();
    if pats.iter().all(String::is_empty) {
        // Splitting on "" cuts between graphemes, with an empty string at each end.
        out.push(String::new());
        out.extend(s.graphemes(true).map(str::to_string));
        out.push(String::new());
    } else {
        let mut start = 0;
        while out.len() + 1 < parts {
            match find_first(s, start, &pats) {
                Some((at, len)) => {
                    out.push(s[start..at].to_string());
                    start = at + len;
                }
                None => break,
            }
        }
        out.push(s[start..].to_string());
    }
    if trim {
        out.retain(|x| !x.is_empty());
    }
    Ok(Term::list(out.iter().map(|x| Term::string(x)).collect()))
}

fn replace(s: &str, p: &Term, with: &str, global: bool) -> Result<Term> {
    let pats = patterns(p, "replace")?;
    if pats.iter().all(String::is_empty) {
        let out = if global {
            s.replace("", with)
        } else {
            format!("{with}{s}")
        };
        return Ok(Term::string(&out));
    }
    let mut out = String::new();
    let mut start = 0;
    while let Some((at, len)) = find_first(s, start, &pats) {
        out.push_str(&s[start..at]);
        out.push_str(with);
        start = at + len;
        if !global {
            break;
        }
    }
    out.push_str(&s[start..]);
    Ok(Term::string(&out))
}

/// `replace_leading`/`replace_trailing`: every copy of `p` at that end of `s`, each
/// replaced by `r`.
fn replace_repeated(s: &str, p: &str, r: &str, leading: bool) -> String {
    let mut rest = s;
    let mut count = 0;
    loop {
        let next = if leading {
            rest.strip_prefix(p)
        } else {
            rest.strip_suffix(p)
        };
        match next {
            Some(shorter) => {
                rest = shorter;
                count += 1;
            }
            None => break,
        }
    }
    let replaced = r.repeat(count);
    if leading {
        format!("{replaced}{rest}")
    } else {
        format!("{rest}{replaced}")
    }
}

/// `binary_to_integer`: an optional sign and digits of the base, nothing else.
pub fn parse_int_exact(s: &str, base: u32) -> Option<i64> {
    let digits = s.strip_prefix(['+', '-']).unwrap_or(s);
    if digits.is_empty() || !digits.chars().all(|c| c.is_digit(base)) {
        return None;
    }
    i64::from_str_radix(s.strip_prefix('+').unwrap_or(s), base).ok()
}

/// `binary_to_float`: `digits.digits` with an optional exponent; no bare integers.
pub fn erlang_float(s: &str) -> Option<f64> {
    let body = s.strip_prefix(['+', '-']).unwrap_or(s);
    let (mantissa, exponent) = match body.find(['e', 'E']) {
        Some(i) => (&body[..i], Some(&body[i + 1..])),
        None => (body, None),
    };
    let (int, frac) = mantissa.split_once('.')?;
    let digits = |t: &str| !t.is_empty() && t.chars().all(|c| c.is_ascii_digit());
    let exp_ok = exponent.is_none_or(|e| digits(e.strip_prefix(['+', '-']).unwrap_or(e)));
    if !(digits(int) && digits(frac) && exp_ok) {
        return None;
    }
    s.parse::<f64>().ok().filter(|f| f.is_finite())
}
