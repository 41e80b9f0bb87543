//! `Integer`: conversions to and from text in any base 2..36, digits and arithmetic
//! helpers.

use super::stdlib::{bif_error, clause_error, to_charlist};
use super::Answer;
use crate::error::Error;
use crate::term::Term;

pub fn call(function: &str, args: Vec<Term>) -> Answer {
    Some(match (function, args.as_slice()) {
        ("to_string", [Term::Int(i)]) => Ok(Term::string(&i.to_string())),
        ("to_string", [_]) => Err(bif_error(
            1,
            "not an integer",
            "erlang",
            "integer_to_binary",
            &args,
        )),
        ("to_string", [Term::Int(i), Term::Int(b)]) if (2..=36).contains(b) => {
            Ok(Term::string(&radix(*i, *b as u32)))
        }
        ("to_string", [Term::Int(_), _]) => Err(bif_error(
            2,
            "not an integer in the range 2 through 36",
            "erlang",
            "integer_to_binary",
            &args,
        )),
        ("to_string", [_, _]) => Err(bif_error(
            1,
            "not an integer",
            "erlang",
            "integer_to_binary",
            &args,
        )),
        ("to_charlist", [Term::Int(i)]) => Ok(to_charlist(&i.to_string())),
        ("parse", [s]) => parse(s, &Term::Int(10)),
        ("parse", [s, base]) => parse(s, base),
        ("digits", [n]) => digits(n, &Term::Int(10)),
        ("digits", [n, base]) => digits(n, base),
        ("undigits", [Term::List(ds)]) | ("undigits", [Term::List(ds), Term::Int(_)]) => {
            let base = args.get(1).and_then(Term::as_int).unwrap_or(10);
            ds.iter()
                .try_fold(0i64, |acc, d| {
                    d.as_int()
                        .and_then(|d| acc.checked_mul(base)?.checked_add(d))
                })
                .map(Term::Int)
                .ok_or_else(|| Error::function_clause("Integer", "undigits", 2))
        }
        ("is_even", [Term::Int(i)]) => Ok(Term::bool(i % 2 == 0)),
        ("is_odd", [Term::Int(i)]) => Ok(Term::bool(i % 2 != 0)),
        ("pow", [Term::Int(b), Term::Int(e)]) if *e >= 0 => b
            .checked_pow(u32::try_from(*e).unwrap_or(u32::MAX))
            .map(Term::Int)
            .ok_or_else(|| {
                Error::raise_message(
                    "RuntimeError",
                    "otpsh: integer too large (integers are 64-bit)",
                )
            }),
        ("mod", [Term::Int(a), Term::Int(b)]) if *b != 0 => {
            // The result takes the divisor's sign.
            // Wrapping: `i64::MIN % -1` is 0, and only the machine's `%` overflows on it.
            let r = a.wrapping_rem(*b);
            Ok(Term::Int(if r != 0 && (r < 0) != (*b < 0) {
                r + b
            } else {
                r
            }))
        }
        ("floor_div", [Term::Int(a), Term::Int(b)]) if *b != 0 => {
            // `i64::MIN / -1` is 2^63: past i64.
            let Some(q) = a.checked_div(*b) else {
                return Some(Err(crate::eval::ops::overflow()));
            };
            Ok(Term::Int(
                if a.wrapping_rem(*b) != 0 && (*a < 0) != (*b < 0) {
                    q - 1
                } else {
                    q
                },
            ))
        }
        // In u64: `gcd(i64::MIN, 0)` is 2^63, past i64 (the BEAM answers a bignum).
        ("gcd", [Term::Int(a), Term::Int(b)]) => {
            i64::try_from(gcd(a.unsigned_abs(), b.unsigned_abs()))
                .map(Term::Int)
                .map_err(|_| crate::eval::ops::overflow())
        }
        ("pow", [Term::Int(_), Term::Int(_)]) => Err(Error::raise_message(
            "ArithmeticError",
            "bad argument in arithmetic expression",
        )),
        ("pow", [b, e]) => Err(super::stdlib::clause_error(
            "Integer",
            "pow",
            args.clone(),
            &[&format!(
                "def pow(base, exponent) when {} and {}",
                mark(matches!(b, Term::Int(_)), "is_integer(base)"),
                mark(matches!(e, Term::Int(_)), "is_integer(exponent)")
            )],
        )),
        ("is_even" | "is_odd" | "pow" | "mod" | "floor_div" | "gcd" | "to_charlist", _) => {
            Err(Error::function_clause("Integer", function, args.len()))
        }
        _ => return None,
    })
}

/// A guard as iex's blame shows it: `-guard-` when it failed.
fn mark(passed: bool, guard: &str) -> String {
    if passed {
        guard.to_string()
    } else {
        format!("-{guard}-")
    }
}

fn gcd(a: u64, b: u64) -> u64 {
    if b == 0 {
        a
    } else {
        gcd(b, a % b)
    }
}

/// An integer in base 2..36, upper-case digits, as `integer_to_binary/2` writes it.
fn radix(i: i64, base: u32) -> String {
    let mut n = i.unsigned_abs();
    let mut out = Vec::new();
    loop {
        out.push(
            std::char::from_digit((n % base as u64) as u32, base)
                .unwrap_or('?')
                .to_ascii_uppercase(),
        );
        n /= base as u64;
        if n == 0 {
            break;
        }
    }
    if i < 0 {
        out.push('-');
    }
    out.iter().rev().collect()
}

/// `Integer.parse/2`: a sign and the longest run of digits, then the rest.
fn parse(s: &Term, base: &Term) -> crate::error::Result<Term> {
    let base = match base {
        Term::Int(b) if (2..=36).contains(b) => *b as u32,
        Term::Int(b) => return Err(Error::argument(format!("invalid base {b}"))),
        _ => return Err(Error::function_clause("Integer", "parse", 2)),
    };
    let Term::Binary(bytes) = s else {
        return Err(clause_error("Integer", "parse", vec![s.clone(), Term::Int(base as i64)], &[
            "def parse(_binary, base) when -not (is_integer(base) and (base >= 2 and base <= 36))-",
            "def parse(binary, base) when -is_binary(binary)-",
        ]));
    };
    let text = String::from_utf8_lossy(bytes);
    let sign_len = usize::from(text.starts_with(['+', '-']));
    let digits = text[sign_len..]
        .chars()
        .take_while(|c| c.is_digit(base))
        .count();
    if digits == 0 {
        return Ok(Term::atom("error"));
    }
    let end = sign_len + digits;
    let number = i64::from_str_radix(text[..end].trim_start_matches('+'), base).map_err(|_| {
        Error::raise_message(
            "RuntimeError",
            "otpsh: integer too large (integers are 64-bit)",
        )
    })?;
    Ok(Term::tuple(vec![
        Term::Int(number),
        Term::string(&text[end..]),
    ]))
}

fn digits(n: &Term, base: &Term) -> crate::error::Result<Term> {
    match (n, base) {
        (Term::Int(n), Term::Int(b)) if *b >= 2 => {
            let mut out = Vec::new();
            let mut rest = *n;
            loop {
                out.push(Term::Int(rest % b));
                rest /= b;
                if rest == 0 {
                    break;
                }
            }
            out.reverse();
            Ok(Term::list(out))
        }
        _ => {
            let int_ok = if matches!(n, Term::Int(_)) {
                "is_integer(integer)"
            } else {
                "-is_integer(integer)-"
            };
            let clause = format!(
                "def digits(integer, base) when {int_ok} and is_integer(base) and base >= 2"
            );
            Err(clause_error(
                "Integer",
                "digits",
                vec![n.clone(), base.clone()],
                &[&clause],
            ))
        }
    }
}
