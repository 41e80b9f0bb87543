//! `Tuple` and `Atom`: thin wrappers over BIFs, so their errors are the BIFs'.

use super::stdlib::{bif_error, to_charlist};
use super::Answer;
use crate::term::Term;

pub fn call(function: &str, args: Vec<Term>) -> Answer {
    let not_tuple = |bif: &str| Err(bif_error(1, "not a tuple", "erlang", bif, &args));
    Some(match (function, args.as_slice()) {
        ("to_list", [Term::Tuple(t)]) => Ok(Term::list(t.to_vec())),
        ("to_list", [_]) => not_tuple("tuple_to_list"),
        ("append", [Term::Tuple(t), x]) => {
            let mut items = t.to_vec();
            items.push(x.clone());
            Ok(Term::tuple(items))
        }
        ("append", [_, _]) => not_tuple("append_element"),
        ("insert_at", [Term::Tuple(t), Term::Int(i), x]) if *i >= 0 && (*i as usize) <= t.len() => {
            let mut items = t.to_vec();
            items.insert(*i as usize, x.clone());
            Ok(Term::tuple(items))
        }
        ("insert_at", [t, i, x]) => {
            let Some(index) = i.as_int().unwrap_or(0).checked_add(1) else {
                return Some(Err(crate::eval::ops::overflow()));
            };
            let shown = [Term::Int(index), t.clone(), x.clone()];
            Err(element_error(t, "insert_element", &shown))
        }
        ("delete_at", [Term::Tuple(t), Term::Int(i)]) if *i >= 0 && (*i as usize) < t.len() => {
            let mut items = t.to_vec();
            items.remove(*i as usize);
            Ok(Term::tuple(items))
        }
        ("delete_at", [t, i]) => {
            let Some(index) = i.as_int().unwrap_or(0).checked_add(1) else {
                return Some(Err(crate::eval::ops::overflow()));
            };
            let shown = [Term::Int(index), t.clone()];
            Err(element_error(t, "delete_element", &shown))
        }
        ("duplicate", [x, Term::Int(n)]) if *n >= 0 && *n <= 10_000_000 => {
            Ok(Term::tuple(vec![x.clone(); *n as usize]))
        }
        ("sum" | "product", [Term::Tuple(t)]) => {
            let op = if function == "sum" {
                crate::syntax::ast::BinaryOp::Add
            } else {
                crate::syntax::ast::BinaryOp::Mul
            };
            let start = Term::Int(if function == "sum" { 0 } else { 1 });
            t.iter()
                .try_fold(start, |acc, x| crate::eval::ops::binary(op, acc, x.clone()))
        }
        _ => return None,
    })
}

/// `Atom`
pub fn atom(function: &str, args: Vec<Term>) -> Answer {
    Some(match (function, args.as_slice()) {
        ("to_string", [Term::Atom(a)]) => Ok(Term::string(a.name())),
        ("to_string", [_]) => Err(bif_error(
            1,
            "not an atom",
            "erlang",
            "atom_to_binary",
            &args,
        )),
        ("to_charlist", [Term::Atom(a)]) => Ok(to_charlist(a.name())),
        ("to_charlist", [_]) => Err(bif_error(1, "not an atom", "erlang", "atom_to_list", &args)),
        _ => return None,
    })
}

/// `:erlang.insert_element/3` or `delete_element/2` refusing its arguments: the index
/// (1st) when the tuple is one, else the tuple (2nd).
fn element_error(t: &Term, bif: &str, shown: &[Term]) -> crate::error::Error {
    match t {
        Term::Tuple(_) => bif_error(1, "out of range", "erlang", bif, shown),
        _ => bif_error(2, "not a tuple", "erlang", bif, shown),
    }
}
