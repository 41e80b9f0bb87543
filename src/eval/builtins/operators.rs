//! Operators called as functions: `Kernel.+(1, 2)`, `&Kernel.>=/2`, `Enum.reduce(l, 0,
//! &Kernel.+/2)`. Each behaves as the operator written between its operands.

use crate::error::Error;
use crate::eval::ops;
use crate::term::Term;

/// `Kernel.+(1, 2)`, `&Kernel.-/1`: an operator called as a function behaves as the
/// operator (the macros `&&`, `||`, `and`, `or` have already evaluated both sides).
pub fn operator(name: &str, args: &[Term]) -> Option<Result<Term, Error>> {
    use crate::syntax::ast::{BinaryOp::*, UnaryOp};
    let op = match (name, args) {
        ("-", [v]) => return Some(ops::unary(UnaryOp::Neg, v.clone())),
        ("+", [v]) => return Some(ops::unary(UnaryOp::Plus, v.clone())),
        ("!", [v]) => return Some(ops::unary(UnaryOp::Bang, v.clone())),
        ("not", [v]) => return Some(ops::unary(UnaryOp::Not, v.clone())),
        ("&&", [a, b]) => return Some(Ok(if a.is_truthy() { b } else { a }.clone())),
        ("||", [a, b]) => return Some(Ok(if a.is_truthy() { a } else { b }.clone())),
        (_, [_, _]) => match name {
            "+" => Add,
            "-" => Sub,
            "*" => Mul,
            "/" => Div,
            "==" => Eq,
            "!=" => NotEq,
            "===" => StrictEq,
            "!==" => StrictNotEq,
            "<" => Lt,
            ">" => Gt,
            "<=" => Le,
            ">=" => Ge,
            "<>" => Concat,
            "++" => ListConcat,
            "--" => ListSubtract,
            "and" => And,
            "or" => Or,
            _ => return None,
        },
        _ => return None,
    };
    let [a, b] = args else { return None };
    if matches!(op, And | Or) {
        if let Some(answer) = ops::strict_bool(op, a) {
            return Some(answer);
        }
        return Some(Ok(b.clone()));
    }
    Some(ops::binary(op, a.clone(), b.clone()))
}
