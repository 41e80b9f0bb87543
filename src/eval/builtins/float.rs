//! `Float`: rounding on the exact decimal value of a float, as Elixir does, so
//! `Float.round(2.675, 2)` is `2.67` (2.675 is really 2.67499999...).

use super::stdlib::clause_error;
use super::Answer;
use crate::error::{Error, Result};
use crate::term::Term;

#[derive(Clone, Copy, PartialEq)]
enum Mode {
    Round,
    Ceil,
    Floor,
}

pub fn call(function: &str, args: Vec<Term>) -> Answer {
    let mode = match function {
        "round" => Some(Mode::Round),
        "ceil" => Some(Mode::Ceil),
        "floor" => Some(Mode::Floor),
        _ => None,
    };
    Some(match (function, args.as_slice(), mode) {
        (_, [x], Some(mode)) => rounded(function, mode, x, &Term::Int(0)),
        (_, [x, p], Some(mode)) => rounded(function, mode, x, p),
        ("to_string", [Term::Float(_)], _) => Ok(Term::string(&crate::eval::literal::float_short(
            crate::eval::ops::as_f64(&args[0]),
        ))),
        ("to_string", [x], _) => Err(clause_error(
            "Float",
            "to_string",
            vec![x.clone()],
            &["def to_string(float) when -is_float(float)-"],
        )),
        ("to_charlist", [Term::Float(_)], _) => Ok(super::stdlib::to_charlist(
            &crate::inspect::inspect_plain(&args[0]),
        )),
        ("parse", [Term::Binary(b)], _) => Ok(parse(&String::from_utf8_lossy(b))),
        ("parse", [_], _) => Err(Error::function_clause("Float", "parse", 1)),
        // Float.pow/2 is `:math.pow/2`: its badarith past f64's range, and no exponent
        // truncated to i32.
        ("pow", [Term::Float(_), Term::Int(_) | Term::Float(_)], _) => {
            return super::math::call("pow", args.to_vec());
        }
        _ => return None,
    })
}

fn rounded(function: &str, mode: Mode, x: &Term, precision: &Term) -> Result<Term> {
    let Term::Float(f) = x else {
        let name = if function == "round" {
            "float"
        } else {
            "number"
        };
        let first = format!(
            "def {function}({name}, {}) when -is_float({name})-",
            if function == "round" { "-0-" } else { "0" }
        );
        let second = format!("def {function}({name}, precision) when -is_float({name})- and is_integer(precision) and precision >= 0 and precision <= 15");
        let third = format!("def {function}({name}, precision) when -is_float({name})-");
        return Err(clause_error(
            "Float",
            function,
            vec![x.clone(), precision.clone()],
            &[&first, &second, &third],
        ));
    };
    match precision {
        Term::Int(p) if (0..=15).contains(p) => Ok(Term::Float(decimal(*f, *p as usize, mode))),
        Term::Int(p) => Err(Error::argument(format!(
            "precision {p} is out of valid range of 0..15"
        ))),
        _ => Err(Error::function_clause("Float", function, 2)),
    }
}

/// Rounds `f` to `precision` decimals looking at its exact decimal expansion.
fn decimal(f: f64, precision: usize, mode: Mode) -> f64 {
    if !f.is_finite() {
        return f;
    }
    let negative = f < 0.0;
    // 1100 places is more than any f64 has, so this is the exact value.
    let exact = format!("{:.1100}", f.abs());
    let (int, frac) = exact.split_once('.').unwrap_or((&exact, ""));
    let (kept, dropped) = frac.split_at(precision.min(frac.len()));
    let any_dropped = dropped.bytes().any(|b| b != b'0');
    let up = match mode {
        Mode::Round => dropped.as_bytes().first().is_some_and(|d| *d >= b'5'),
        Mode::Ceil => !negative && any_dropped,
        Mode::Floor => negative && any_dropped,
    };
    let mut digits: Vec<u8> = format!("{int}{kept}").into_bytes();
    if up {
        let mut i = digits.len();
        loop {
            if i == 0 {
                digits.insert(0, b'1');
                break;
            }
            i -= 1;
            if digits[i] == b'9' {
                digits[i] = b'0';
            } else {
                digits[i] += 1;
                break;
            }
        }
    }
    let split = digits.len() - kept.len();
    let text = format!(
        "{}.{}0",
        std::str::from_utf8(&digits[..split]).unwrap_or("0"),
        std::str::from_utf8(&digits[split..]).unwrap_or("")
    );
    let magnitude: f64 = text.parse().unwrap_or(0.0);
    if magnitude == 0.0 {
        0.0
    } else if negative {
        -magnitude
    } else {
        magnitude
    }
}

/// `Float.parse/1`: a sign, digits, an optional fraction and exponent, then the rest.
fn parse(s: &str) -> Term {
    let bytes = s.as_bytes();
    let digits_from = |i: usize| bytes[i..].iter().take_while(|b| b.is_ascii_digit()).count();
    let mut end = usize::from(s.starts_with(['+', '-']));
    let int = digits_from(end);
    if int == 0 {
        return Term::atom("error");
    }
    end += int;
    if bytes.get(end) == Some(&b'.') && digits_from(end + 1) > 0 {
        end += 1 + digits_from(end + 1);
    }
    if matches!(bytes.get(end), Some(b'e' | b'E')) {
        let sign = usize::from(matches!(bytes.get(end + 1), Some(b'+' | b'-')));
        let exp = digits_from(end + 1 + sign);
        if exp > 0 {
            end += 1 + sign + exp;
        }
    }
    let number = s[..end].parse::<f64>().ok().filter(|f| f.is_finite());
    match number {
        Some(f) => Term::tuple(vec![Term::Float(f), Term::string(&s[end..])]),
        None => Term::atom("error"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rounding_looks_at_the_exact_decimal_value() {
        // 2.675 is stored as 2.67499999..., 0.125 exactly: iex gives 2.67 and 0.13.
        assert_eq!(decimal(2.675, 2, Mode::Round), 2.67);
        assert_eq!(decimal(0.125, 2, Mode::Round), 0.13);
        assert_eq!(decimal(-2.5, 0, Mode::Round), -3.0);
        assert_eq!(decimal(3.001, 2, Mode::Ceil), 3.01);
        assert_eq!(decimal(-3.01, 1, Mode::Floor), -3.1);
        assert_eq!(decimal(9.99, 1, Mode::Round), 10.0);
    }

    #[test]
    fn parse_takes_the_longest_float_prefix() {
        let parsed = parse("1e3x");
        assert_eq!(
            parsed,
            Term::tuple(vec![Term::Float(1000.0), Term::string("x")])
        );
        assert_eq!(parse(".5"), Term::atom("error"));
    }
}
