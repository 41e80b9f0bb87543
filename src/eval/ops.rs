//! Operators on values: arithmetic, comparison, boolean, `<>`, `++`, `--`, ranges. Each
//! failure is the exception iex raises for the same operands.

use crate::error::{exception, Error, Result};
use crate::inspect::inspect_plain;
use crate::syntax::ast::{BinaryOp, UnaryOp};
use crate::term::Term;
use std::sync::Arc;

pub fn unary(op: UnaryOp, value: Term) -> Result<Term> {
    match (op, &value) {
        (UnaryOp::Neg, Term::Int(i)) => i.checked_neg().map(Term::Int).ok_or_else(overflow),
        (UnaryOp::Neg, Term::Float(f)) => Ok(Term::Float(-f)),
        (UnaryOp::Plus, Term::Int(_) | Term::Float(_)) => Ok(value),
        (UnaryOp::Neg | UnaryOp::Plus, _) => {
            let sign = if op == UnaryOp::Neg { "-" } else { "+" };
            Err(arithmetic(
                &format!("{sign}({})", inspect_plain(&value)),
                sign,
                &[&value],
            ))
        }
        (UnaryOp::Not, Term::Atom(a)) if a.name() == "true" => Ok(Term::bool(false)),
        (UnaryOp::Not, Term::Atom(a)) if a.name() == "false" => Ok(Term::bool(true)),
        (UnaryOp::Not, _) => Err(Error::Raise(exception(
            "ArgumentError",
            vec![("message", Term::string("argument error"))],
        ))),
        (UnaryOp::Bang, _) => Ok(Term::bool(!value.is_truthy())),
    }
}

/// `and`/`or` look at their left side first: `None` means "evaluate the right side and
/// return it"; `Some` is the answer (or iex's `BadBooleanError`).
pub fn strict_bool(op: BinaryOp, left: &Term) -> Option<Result<Term>> {
    let name = if op == BinaryOp::And { "and" } else { "or" };
    match (op, left) {
        (BinaryOp::And, t) if t.is_atom("false") => Some(Ok(Term::bool(false))),
        (BinaryOp::And, t) if t.is_atom("true") => None,
        (BinaryOp::Or, t) if t.is_atom("true") => Some(Ok(Term::bool(true))),
        (BinaryOp::Or, t) if t.is_atom("false") => None,
        _ => Some(Err(Error::Raise(exception(
            "BadBooleanError",
            vec![("term", left.clone()), ("operator", Term::atom(name))],
        )))),
    }
}

pub fn binary(op: BinaryOp, left: Term, right: Term) -> Result<Term> {
    use BinaryOp::*;
    match op {
        Add | Sub | Mul | Div => arith(op, &left, &right),
        Eq => Ok(Term::bool(left.loose_eq(&right))),
        NotEq => Ok(Term::bool(!left.loose_eq(&right))),
        StrictEq => Ok(Term::bool(left == right)),
        StrictNotEq => Ok(Term::bool(left != right)),
        Lt => Ok(Term::bool(left.compare(&right).is_lt())),
        Gt => Ok(Term::bool(left.compare(&right).is_gt())),
        Le => Ok(Term::bool(left.compare(&right).is_le())),
        Ge => Ok(Term::bool(left.compare(&right).is_ge())),
        Concat => match (&left, &right) {
            (Term::Binary(a), Term::Binary(b)) => {
                let mut joined = a.to_vec();
                joined.extend_from_slice(b);
                Ok(Term::Binary(Arc::from(joined)))
            }
            _ => Err(Error::argument(format!(
                "expected binary argument in <> operator but got: {}",
                inspect_plain(if matches!(left, Term::Binary(_)) {
                    &right
                } else {
                    &left
                })
            ))),
        },
        ListConcat => match &left {
            Term::List(a) => {
                // `a ++ b` copies `a` in front of `b`, in `b`'s buffer when there is room.
                if let Term::List(b) = &right {
                    return Ok(Term::List(b.prepend(a.to_vec())));
                }
                let mut items = a.to_vec();
                match right {
                    Term::ImproperList(b, end) => {
                        items.extend(b.iter().cloned());
                        Ok(Term::ImproperList(Arc::from(items), end))
                    }
                    other if items.is_empty() => Ok(other),
                    other => Ok(Term::ImproperList(Arc::from(items), Arc::new(other))),
                }
            }
            _ => Err(list_op_error("++", &left, &right)),
        },
        ListSubtract => match (&left, &right) {
            (Term::List(a), Term::List(b)) => {
                let mut items = a.to_vec();
                for x in b.iter() {
                    if let Some(i) = items.iter().position(|y| y == x) {
                        items.remove(i);
                    }
                }
                Ok(Term::list(items))
            }
            _ => Err(list_op_error("--", &left, &right)),
        },
        And | Or | AndAlso | OrElse | In | NotIn => Err(Error::raise_message(
            "RuntimeError",
            "otpsh: operator evaluated out of place",
        )),
    }
}

/// The BIF's bare `argument error`, with the call iex shows under it.
fn list_op_error(op: &str, left: &Term, right: &Term) -> Error {
    Error::argument("argument error").at(format!(
        ":erlang.{op}({}, {})",
        inspect_plain(left),
        inspect_plain(right)
    ))
}

fn arith(op: BinaryOp, left: &Term, right: &Term) -> Result<Term> {
    let bad = || {
        arithmetic(
            &format!(
                "{} {} {}",
                inspect_plain(left),
                op.symbol(),
                inspect_plain(right)
            ),
            op.symbol(),
            &[left, right],
        )
    };
    match (left, right) {
        (Term::Int(a), Term::Int(b)) => {
            let r = match op {
                BinaryOp::Add => a.checked_add(*b),
                BinaryOp::Sub => a.checked_sub(*b),
                BinaryOp::Mul => a.checked_mul(*b),
                _ if *b == 0 => return Err(bad()),
                _ => return Ok(Term::Float(*a as f64 / *b as f64)),
            };
            r.map(Term::Int).ok_or_else(overflow)
        }
        (Term::Int(_) | Term::Float(_), Term::Int(_) | Term::Float(_)) => {
            let (a, b) = (as_f64(left), as_f64(right));
            let r = match op {
                BinaryOp::Add => a + b,
                BinaryOp::Sub => a - b,
                BinaryOp::Mul => a * b,
                _ if b == 0.0 => return Err(bad()),
                _ => a / b,
            };
            // The BEAM has no infinity: a float result past f64's range is badarith.
            if r.is_finite() {
                Ok(Term::Float(r))
            } else {
                Err(bad())
            }
        }
        _ => Err(bad()),
    }
}

pub fn as_f64(t: &Term) -> f64 {
    match t {
        Term::Int(i) => *i as f64,
        Term::Float(f) => *f,
        _ => f64::NAN,
    }
}

/// `** (ArithmeticError) bad argument in arithmetic expression: EXPR`, with the BIF that
/// failed as the frame iex prints under it (`:erlang.+(1, :a)`).
pub fn arithmetic(expression: &str, function: &str, args: &[&Term]) -> Error {
    let shown: Vec<String> = args.iter().map(|a| inspect_plain(a)).collect();
    Error::raise_message("ArithmeticError", "bad argument in arithmetic expression").located(
        crate::error::Frame {
            line: format!(":erlang.{function}({})", shown.join(", ")),
            blame: Some(format!(": {expression}")),
            bif: Some(Box::new((
                function.to_string(),
                args.iter().map(|a| (*a).clone()).collect(),
            ))),
        },
    )
}

/// Where the BEAM would go on into a bignum.
pub fn overflow() -> Error {
    Error::raise_message(
        "ArithmeticError",
        "otpsh: integer overflow (this shell's integers are 64-bit; the BEAM's are unbounded)",
    )
}

/// `first..last//step` as Elixir's `%Range{}` struct, made at run time (`Range.new/2,3`).
pub fn range(first: Term, last: Term, step: Option<Term>) -> Result<Term> {
    let ints = matches!((&first, &last), (Term::Int(_), Term::Int(_)));
    let Some(step) = step else {
        if !ints {
            return Err(Error::argument(format!(
                "ranges (first..last) expect both sides to be integers, got: {}..{}",
                inspect_plain(&first),
                inspect_plain(&last)
            )));
        }
        let step = match (&first, &last) {
            (Term::Int(a), Term::Int(b)) if a > b => -1,
            _ => 1,
        };
        return Ok(make_range(first, last, Term::Int(step)));
    };
    match step {
        Term::Int(s) if ints && s != 0 => Ok(make_range(first, last, step)),
        _ => Err(Error::argument(format!(
            "ranges (first..last//step) expect both sides to be integers and the step to be a non-zero integer, got: {}..{}//{}",
            inspect_plain(&first),
            inspect_plain(&last),
            inspect_plain(&step)
        ))),
    }
}

pub fn make_range(first: Term, last: Term, step: Term) -> Term {
    Term::map(vec![
        (Term::atom("__struct__"), Term::module("Range")),
        (Term::atom("first"), first),
        (Term::atom("last"), last),
        (Term::atom("step"), step),
    ])
}

/// The integers of a `%Range{}`, if the term is one.
pub fn range_bounds(t: &Term) -> Option<(i64, i64, i64)> {
    let Term::Map(m) = t else { return None };
    if m.get(&Term::atom("__struct__")) != Some(&Term::module("Range")) {
        return None;
    }
    let get = |k: &str| m.get(&Term::atom(k)).and_then(Term::as_int);
    Some((get("first")?, get("last")?, get("step")?))
}
