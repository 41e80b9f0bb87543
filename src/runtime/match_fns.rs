//! The functions an ETS match spec may call in its guards and bodies (ERTS's
//! "Match Specifications in Erlang": `GuardFunction`/`BoolFunction`), with the arities
//! `ets:match_spec_compile` accepts on OTP 25 and their results. A call that fails
//! (a bad argument, a division by zero) returns `None`: the guard is false, or the
//! body gives `:EXIT`, as in ETS.

use std::cmp::Ordering;

use crate::term::{Pid, Term};

/// Whether `{name, arg1, ...}` with `n` arguments is a call ETS compiles.
/// `and`/`or`/`andalso`/`orelse` take any number of operands.
pub(crate) fn known(name: &str, n: usize) -> bool {
    match name {
        "and" | "or" | "andalso" | "orelse" => n >= 1,
        "self" | "node" => n == 0,
        "is_atom" | "is_float" | "is_integer" | "is_list" | "is_number" | "is_pid" | "is_port"
        | "is_reference" | "is_tuple" | "is_map" | "is_binary" | "is_function" | "not" | "abs"
        | "hd" | "tl" | "length" | "map_size" | "float" | "round" | "size" | "bit_size"
        | "byte_size" | "trunc" | "bnot" => n == 1,
        "+" | "-" => n == 1 || n == 2,
        "is_map_key" | "map_get" | "element" | "*" | "/" | "div" | "rem" | "band" | "bor"
        | "bxor" | "bsl" | "bsr" | ">" | ">=" | "<" | "=<" | "=:=" | "==" | "=/=" | "/="
        | "xor" => n == 2,
        "binary_part" | "is_record" => n == 3,
        _ => false,
    }
}

/// Applies the (strict) function `name` to evaluated arguments. `caller` is the
/// process running the select, which `{:self}` returns.
pub(crate) fn apply(name: &str, args: &[Term], caller: Option<Pid>) -> Option<Term> {
    match (name, args) {
        ("and" | "or", _) => logic(name, args),
        ("self", []) => caller.map(Term::Pid),
        ("node", []) => Some(Term::atom("nonode@nohost")),
        (_, [x]) => unary(name, x),
        (_, [x, y]) => binary(name, x, y),
        ("binary_part", [b, start, len]) => binary_part(b, start, len),
        ("is_record", [t, tag, size]) => {
            let size = usize::try_from(size.as_int()?).ok()?;
            tag.as_atom()?;
            Some(Term::bool(
                t.as_tuple()
                    .is_some_and(|t| t.len() == size && t.first() == Some(tag)),
            ))
        }
        _ => None,
    }
}

/// `and`/`or` over operands that must all be booleans.
fn logic(name: &str, args: &[Term]) -> Option<Term> {
    let bools: Vec<bool> = args.iter().map(boolean).collect::<Option<_>>()?;
    match name {
        "and" => Some(Term::bool(bools.iter().all(|b| *b))),
        "or" => Some(Term::bool(bools.iter().any(|b| *b))),
        _ => None,
    }
}

pub(crate) fn boolean(t: &Term) -> Option<bool> {
    match t.as_atom()?.name() {
        "true" => Some(true),
        "false" => Some(false),
        _ => None,
    }
}

fn unary(name: &str, x: &Term) -> Option<Term> {
    let is = |b: bool| Some(Term::bool(b));
    match name {
        "is_atom" => is(x.as_atom().is_some()),
        "is_float" => is(matches!(x, Term::Float(_))),
        "is_integer" => is(matches!(x, Term::Int(_))),
        "is_list" => is(matches!(x, Term::List(_) | Term::ImproperList(..))),
        "is_number" => is(matches!(x, Term::Int(_) | Term::Float(_))),
        "is_pid" => is(matches!(x, Term::Pid(_))),
        "is_port" => is(false),
        "is_reference" => is(matches!(x, Term::Ref(_))),
        "is_tuple" => is(matches!(x, Term::Tuple(_))),
        "is_map" => is(matches!(x, Term::Map(_))),
        "is_binary" => is(matches!(x, Term::Binary(_))),
        "is_function" => is(matches!(x, Term::Fun(_))),
        "not" => Some(Term::bool(!boolean(x)?)),
        "abs" => match x {
            Term::Int(i) => i.checked_abs().map(Term::Int),
            Term::Float(f) => Some(Term::Float(f.abs())),
            _ => None,
        },
        "hd" => match x {
            Term::List(items) => items.first().cloned(),
            Term::ImproperList(items, _) => items.first().cloned(),
            _ => None,
        },
        "tl" => tail(x),
        "length" => Some(Term::Int(x.as_list()?.len() as i64)),
        "map_size" => match x {
            Term::Map(m) => Some(Term::Int(m.len() as i64)),
            _ => None,
        },
        "float" => Some(Term::Float(number(x)?)),
        "round" | "trunc" => match x {
            Term::Int(i) => Some(Term::Int(*i)),
            Term::Float(f) if name == "round" => Some(Term::Int(f.round() as i64)),
            Term::Float(f) => Some(Term::Int(f.trunc() as i64)),
            _ => None,
        },
        "size" => match x {
            Term::Tuple(t) => Some(Term::Int(t.len() as i64)),
            Term::Binary(b) => Some(Term::Int(b.len() as i64)),
            _ => None,
        },
        "byte_size" | "bit_size" => match x {
            Term::Binary(b) if name == "byte_size" => Some(Term::Int(b.len() as i64)),
            Term::Binary(b) => Some(Term::Int(b.len() as i64 * 8)),
            _ => None,
        },
        "bnot" => Some(Term::Int(!x.as_int()?)),
        "-" => match x {
            Term::Int(i) => i.checked_neg().map(Term::Int),
            Term::Float(f) => Some(Term::Float(-f)),
            _ => None,
        },
        "+" => number(x).map(|_| x.clone()),
        _ => None,
    }
}

/// `tl/1`: what follows a non-empty list's head (an improper list's end, too).
pub(crate) fn tail(x: &Term) -> Option<Term> {
    match x {
        Term::List(items) if !items.is_empty() => Some(Term::List(items.tail())),
        Term::ImproperList(items, rest) if items.len() == 1 => Some((**rest).clone()),
        Term::ImproperList(items, rest) => {
            Some(Term::ImproperList(items[1..].to_vec().into(), rest.clone()))
        }
        _ => None,
    }
}

fn number(x: &Term) -> Option<f64> {
    match x {
        Term::Int(i) => Some(*i as f64),
        Term::Float(f) => Some(*f),
        _ => None,
    }
}

fn binary(name: &str, x: &Term, y: &Term) -> Option<Term> {
    let cmp = |f: fn(Ordering) -> bool| Some(Term::bool(f(x.compare(y))));
    match name {
        "==" => cmp(|o| o == Ordering::Equal),
        "/=" => cmp(|o| o != Ordering::Equal),
        "<" => cmp(|o| o == Ordering::Less),
        ">" => cmp(|o| o == Ordering::Greater),
        "=<" => cmp(|o| o != Ordering::Greater),
        ">=" => cmp(|o| o != Ordering::Less),
        "=:=" => Some(Term::bool(x == y)),
        "=/=" => Some(Term::bool(x != y)),
        "xor" => Some(Term::bool(boolean(x)? != boolean(y)?)),
        "is_map_key" | "map_get" => match y {
            Term::Map(m) if name == "is_map_key" => Some(Term::bool(m.contains_key(x))),
            Term::Map(m) => m.get(x).cloned(),
            _ => None,
        },
        "element" => {
            let i = usize::try_from(x.as_int()?).ok()?;
            y.as_tuple()?.get(i.checked_sub(1)?).cloned()
        }
        "+" | "-" | "*" | "/" => arithmetic(name, x, y),
        _ => integer_op(name, x.as_int()?, y.as_int()?).map(Term::Int),
    }
}

fn arithmetic(name: &str, x: &Term, y: &Term) -> Option<Term> {
    if let (Term::Int(a), Term::Int(b), false) = (x, y, name == "/") {
        return match name {
            "+" => a.checked_add(*b),
            "-" => a.checked_sub(*b),
            _ => a.checked_mul(*b),
        }
        .map(Term::Int);
    }
    let (a, b) = (number(x)?, number(y)?);
    let result = match name {
        "+" => a + b,
        "-" => a - b,
        "*" => a * b,
        _ if b == 0.0 => return None,
        _ => a / b,
    };
    result.is_finite().then_some(Term::Float(result))
}

fn integer_op(name: &str, a: i64, b: i64) -> Option<i64> {
    match name {
        "div" => a.checked_div(b),
        "rem" => a.checked_rem(b),
        "band" => Some(a & b),
        "bor" => Some(a | b),
        "bxor" => Some(a ^ b),
        "bsl" | "bsr" => {
            let (shift, left) = if (name == "bsl") == (b >= 0) {
                (b.unsigned_abs(), true)
            } else {
                (b.unsigned_abs(), false)
            };
            let shift = u32::try_from(shift).ok().filter(|s| *s < 63)?;
            if left {
                a.checked_mul(1i64.checked_shl(shift)?)
            } else {
                Some(a >> shift)
            }
        }
        _ => None,
    }
}

/// `binary_part(bin, start, length)`; a negative length counts back from `start`.
fn binary_part(b: &Term, start: &Term, len: &Term) -> Option<Term> {
    let Term::Binary(bytes) = b else { return None };
    let (start, len) = (start.as_int()?, len.as_int()?);
    let (from, to) = if len >= 0 {
        (start, start.checked_add(len)?)
    } else {
        (start.checked_add(len)?, start)
    };
    if from < 0 || to as usize > bytes.len() {
        return None;
    }
    Some(Term::Binary(bytes[from as usize..to as usize].into()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn arities_follow_ets() {
        assert!(known("is_integer", 1));
        assert!(!known("is_integer", 2));
        assert!(!known("tuple_size", 1));
        assert!(!known("max", 2));
        assert!(known("andalso", 3));
        assert!(known("-", 1) && known("-", 2) && !known("-", 3));
    }

    #[test]
    fn results_and_failures() {
        let i = Term::Int;
        assert_eq!(apply("/", &[i(6), i(3)], None), Some(Term::Float(2.0)));
        assert_eq!(apply("/", &[i(1), i(0)], None), None);
        assert_eq!(apply("div", &[i(-7), i(2)], None), Some(i(-3)));
        assert_eq!(apply("rem", &[i(-7), i(2)], None), Some(i(-1)));
        assert_eq!(apply("bsl", &[i(1), i(3)], None), Some(i(8)));
        assert_eq!(apply("bsr", &[i(16), i(3)], None), Some(i(2)));
        assert_eq!(apply("round", &[Term::Float(-2.5)], None), Some(i(-3)));
        assert_eq!(apply("and", &[Term::bool(true), i(3)], None), None);
        assert_eq!(
            apply("==", &[i(3), Term::Float(3.0)], None),
            Some(Term::bool(true))
        );
        assert_eq!(
            apply("=:=", &[i(3), Term::Float(3.0)], None),
            Some(Term::bool(false))
        );
        let hello = Term::string("hello");
        assert_eq!(
            apply("binary_part", &[hello.clone(), i(1), i(10)], None),
            None
        );
        assert_eq!(
            apply("binary_part", &[hello, i(1), i(2)], None),
            Some(Term::string("el"))
        );
    }
}
