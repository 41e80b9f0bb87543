//! Erlang's `:math`: floating-point functions; a result outside the reals is
//! iex's `ArithmeticError` with the call under it.

use super::stdlib::{bif_error, frame};
use super::Answer;
use crate::error::Error;
use crate::term::Term;

fn number(t: &Term) -> Option<f64> {
    match t {
        Term::Int(i) => Some(*i as f64),
        Term::Float(f) => Some(*f),
        _ => None,
    }
}

pub fn call(function: &str, args: Vec<Term>) -> Answer {
    let unary: Option<fn(f64) -> f64> = match function {
        "sqrt" => Some(f64::sqrt),
        "floor" => Some(f64::floor),
        "ceil" => Some(f64::ceil),
        "log" => Some(f64::ln),
        "log2" => Some(f64::log2),
        "log10" => Some(f64::log10),
        "exp" => Some(f64::exp),
        "sin" => Some(f64::sin),
        "cos" => Some(f64::cos),
        "tan" => Some(f64::tan),
        "asin" => Some(f64::asin),
        "acos" => Some(f64::acos),
        "atan" => Some(f64::atan),
        "sinh" => Some(f64::sinh),
        "cosh" => Some(f64::cosh),
        "tanh" => Some(f64::tanh),
        _ => None,
    };
    let binary: Option<fn(f64, f64) -> f64> = match function {
        "pow" => Some(f64::powf),
        "atan2" => Some(f64::atan2),
        "fmod" => Some(|a: f64, b: f64| a % b),
        _ => None,
    };
    let result = match (args.as_slice(), unary, binary) {
        ([], _, _) if function == "pi" => return Some(Ok(Term::Float(std::f64::consts::PI))),
        ([], _, _) if function == "e" => return Some(Ok(Term::Float(std::f64::consts::E))),
        ([x], Some(f), _) => number(x).map(f).ok_or(1),
        ([x, y], _, Some(f)) => match (number(x), number(y)) {
            (Some(a), Some(b)) => Ok(f(a, b)),
            (None, _) => Err(1),
            (_, None) => Err(2),
        },
        _ => return None,
    };
    Some(match result {
        Ok(v) if v.is_finite() => Ok(Term::Float(v)),
        Ok(_) => Err(Error::raise_message(
            "ArithmeticError",
            "bad argument in arithmetic expression",
        )
        .at(frame("math", function, &args))),
        Err(n) => Err(bif_error(n, "not a number", "math", function, &args)),
    })
}
