//! `List` and the Erlang `:lists` functions a learner calls directly.

use super::stdlib::{bif_error, charlist, clause_error, existing_atom, frame, make_atom};
use super::string_parse::parse_int_exact;
use super::Answer;
use crate::error::{exception, Error, Result};
use crate::eval::enumerable::to_vec;
use crate::eval::literal::to_string;
use crate::eval::Evaluator;
use crate::term::Term;

pub fn call(ev: &mut Evaluator, function: &str, args: Vec<Term>) -> Answer {
    Some(match (function, args.as_slice()) {
        ("first", [l]) | ("first", [l, _]) => {
            let default = args.get(1).cloned().unwrap_or_else(Term::nil);
            match l {
                Term::List(items) => Ok(items.first().cloned().unwrap_or(default)),
                _ => Err(clause_error(
                    "List",
                    "first",
                    vec![l.clone(), default],
                    &[
                        "def first(-[]-, default)",
                        "def first(-[head | _]-, _default)",
                    ],
                )),
            }
        }
        ("last", [l]) | ("last", [l, _]) => {
            let default = args.get(1).cloned().unwrap_or_else(Term::nil);
            match l {
                Term::List(items) => Ok(items.last().cloned().unwrap_or(default)),
                _ => Err(Error::Raise(exception(
                    "CaseClauseError",
                    vec![("term", Term::tuple(vec![l.clone(), default]))],
                ))),
            }
        }
        ("duplicate", [x, Term::Int(n)]) if *n >= 0 && *n <= 10_000_000 => {
            Ok(Term::list(vec![x.clone(); *n as usize]))
        }
        ("duplicate", [x, n]) => Err(clause_error(
            ":lists",
            "duplicate",
            vec![n.clone(), x.clone()],
            &[],
        )),
        ("flatten", [Term::List(_)]) => Ok(Term::list(flatten(&args[0]))),
        ("flatten", [l @ Term::List(_), tail @ Term::List(_)]) => {
            let mut out = flatten(l);
            out.extend(flatten(tail));
            Ok(Term::list(out))
        }
        ("flatten", [x]) => Err(clause_error(":lists", "flatten", vec![x.clone()], &[])),
        ("wrap", [Term::List(_)]) => Ok(args[0].clone()),
        ("wrap", [t]) if t.is_nil() => Ok(Term::empty_list()),
        ("wrap", [t]) => Ok(Term::list(vec![t.clone()])),
        ("to_tuple", [Term::List(l)]) => Ok(Term::tuple(l.to_vec())),
        ("to_tuple", [x]) => Err(bif_error(
            1,
            "not a list",
            "erlang",
            "list_to_tuple",
            std::slice::from_ref(x),
        )),
        ("to_atom", [l]) => match charlist(l) {
            Some(name) => make_atom(ev, &name, || frame("erlang", "list_to_atom", &args)),
            None => Err(bif_error(1, "not a list", "erlang", "list_to_atom", &args)),
        },
        ("to_existing_atom", [l]) => match charlist(l) {
            Some(name) => existing_atom(ev, &name, || {
                frame("erlang", "list_to_existing_atom", &args)
            }),
            None => Err(bif_error(
                1,
                "not a list",
                "erlang",
                "list_to_existing_atom",
                &args,
            )),
        },
        ("to_string", [Term::List(_) | Term::ImproperList(..)]) => {
            to_string(&args[0]).map(|s| Term::string(&s))
        }
        ("to_integer", [l]) => charlist(l)
            .and_then(|s| parse_int_exact(&s, 10))
            .map(Term::Int)
            .ok_or_else(|| {
                bif_error(
                    1,
                    "not a textual representation of an integer",
                    "erlang",
                    "list_to_integer",
                    &args,
                )
            }),
        ("insert_at", [list, index, _])
            if !matches!((list, index), (Term::List(_), Term::Int(_))) =>
        {
            let head = format!(
                "def insert_at(list, index, value) when {} and {}",
                if matches!(list, Term::List(_)) {
                    "is_list(list)"
                } else {
                    "-is_list(list)-"
                },
                if matches!(index, Term::Int(_)) {
                    "is_integer(index)"
                } else {
                    "-is_integer(index)-"
                },
            );
            Err(clause_error("List", function, args.to_vec(), &[&head]))
        }
        (_, [Term::List(l), rest @ ..]) => return with_list(ev, function, l.to_vec(), rest),
        ("delete", [_, _]) => Err(clause_error(
            "List",
            function,
            args.to_vec(),
            &[
                "def delete(-[element | list]-, element)",
                "def delete(-[other | list]-, element)",
                "def delete(-[]-, _element)",
            ],
        )),
        // `delete_at/2` is `pop_at/3`'s helper, which iex names.
        ("delete_at", [_, index]) => {
            let zero = if index == &Term::Int(0) { "0" } else { "-0-" };
            let args = vec![
                args[0].clone(),
                index.clone(),
                Term::nil(),
                Term::empty_list(),
            ];
            Err(clause_error(
                "List",
                "do_pop_at",
                args,
                &[
                    "defp do_pop_at(-[]-, _index, default, acc)",
                    &format!("defp do_pop_at(-[head | tail]-, {zero}, _default, acc)"),
                    "defp do_pop_at(-[head | tail]-, index, default, acc)",
                ],
            ))
        }
        ("keyfind", [list, key, Term::Int(position)]) => Err(super::stdlib::bif_error(
            3,
            "not a list",
            "lists",
            "keyfind",
            &[key.clone(), Term::Int(position + 1), list.clone()],
        )),
        (_, [_, ..]) if exists(function, args.len()) => {
            Err(clause_error("List", function, args.to_vec(), &[]))
        }
        _ => return None,
    })
}

fn exists(function: &str, arity: usize) -> bool {
    matches!(
        (function, arity),
        (
            "delete" | "delete_at" | "keydelete" | "pop_at" | "starts_with?",
            2
        ) | (
            "insert_at" | "replace_at" | "update_at" | "foldl" | "foldr" | "keyfind",
            3
        ) | ("keystore" | "keyreplace", 4)
            | ("zip", 1)
    )
}

fn flatten(t: &Term) -> Vec<Term> {
    let mut out = Vec::new();
    fn walk(t: &Term, out: &mut Vec<Term>) {
        match t {
            Term::List(l) => l.iter().for_each(|x| walk(x, out)),
            other => out.push(other.clone()),
        }
    }
    walk(t, &mut out);
    out
}

/// A position in a list of `len` elements; negative counts from the end.
fn index(i: i64, len: usize) -> i64 {
    if i < 0 {
        len as i64 + i
    } else {
        i
    }
}

fn with_list(ev: &mut Evaluator, function: &str, mut l: Vec<Term>, rest: &[Term]) -> Answer {
    let len = l.len();
    Some(Ok(match (function, rest) {
        ("delete", [x]) => {
            if let Some(i) = l.iter().position(|y| y == x) {
                l.remove(i);
            }
            Term::list(l)
        }
        ("delete_at", [Term::Int(i)]) => {
            let i = index(*i, len);
            if i >= 0 && (i as usize) < len {
                l.remove(i as usize);
            }
            Term::list(l)
        }
        ("pop_at", [Term::Int(i)]) => {
            let i = index(*i, len);
            let v = if i >= 0 && (i as usize) < len {
                l.remove(i as usize)
            } else {
                Term::nil()
            };
            Term::tuple(vec![v, Term::list(l)])
        }
        ("insert_at", [Term::Int(i), v]) => {
            // -1 appends: a negative index counts from one past the end.
            let at = if *i < 0 {
                (len as i64 + i + 1).max(0)
            } else {
                (*i).min(len as i64)
            };
            l.insert(at as usize, v.clone());
            Term::list(l)
        }
        ("replace_at" | "update_at", [Term::Int(i), v]) => {
            let i = index(*i, len);
            if i >= 0 && (i as usize) < len {
                l[i as usize] = if function == "replace_at" {
                    v.clone()
                } else {
                    match ev.apply_fun(v, vec![l[i as usize].clone()]) {
                        Ok(x) => x,
                        Err(e) => return Some(Err(e)),
                    }
                };
            }
            Term::list(l)
        }
        ("foldl" | "foldr", [acc, f]) => {
            if function == "foldr" {
                l.reverse();
            }
            let folded = l
                .into_iter()
                .try_fold(acc.clone(), |acc, x| ev.apply_fun(f, vec![x, acc]));
            return Some(folded);
        }
        ("zip", []) => {
            let lists: Result<Vec<Vec<Term>>> = l.iter().map(to_vec).collect();
            return Some(lists.map(|lists| {
                let n = lists.iter().map(Vec::len).min().unwrap_or(0);
                Term::list(
                    (0..n)
                        .map(|i| Term::tuple(lists.iter().map(|x| x[i].clone()).collect()))
                        .collect(),
                )
            }));
        }
        ("starts_with?", [Term::List(prefix)]) => Term::bool(l.starts_with(prefix)),
        ("keyfind", [key, Term::Int(pos)]) => {
            keyfind(&l, key, *pos).map_or_else(Term::nil, |i| l[i].clone())
        }
        ("keydelete", [key, Term::Int(pos)]) => {
            if let Some(i) = keyfind(&l, key, *pos) {
                l.remove(i);
            }
            Term::list(l)
        }
        ("keystore" | "keyreplace", [key, Term::Int(pos), new]) => {
            match keyfind(&l, key, *pos) {
                Some(i) => l[i] = new.clone(),
                None if function == "keystore" => l.push(new.clone()),
                None => {}
            }
            Term::list(l)
        }
        _ if exists(function, rest.len() + 1) => {
            return Some(Err(Error::function_clause(
                "List",
                function,
                rest.len() + 1,
            )))
        }
        _ => return None,
    }))
}

/// The index of the first tuple whose element at `pos` (0-based) equals `key`.
fn keyfind(l: &[Term], key: &Term, pos: i64) -> Option<usize> {
    l.iter().position(|t| {
        t.as_tuple()
            .and_then(|t| t.get(pos as usize))
            .is_some_and(|k| k == key)
    })
}

/// `:lists`
pub fn lists(ev: &mut Evaluator, function: &str, args: Vec<Term>) -> Answer {
    let list = |t: &Term| t.as_list().map(<[Term]>::to_vec);
    Some(match (function, args.as_slice()) {
        ("reverse", [l]) => list(l)
            .map(|mut v| {
                v.reverse();
                Term::list(v)
            })
            .ok_or_else(|| Error::function_clause("lists", "reverse", 1)),
        // `:lists.reverse(list, tail)`: the list reversed in front of `tail`.
        ("reverse", [l, tail]) => match l.as_list() {
            Some(items) => Ok(crate::eval::cons_onto(
                items.iter().rev().cloned().collect(),
                tail.clone(),
            )),
            None => Err(Error::function_clause("lists", "reverse", 2)),
        },
        ("sort", [l]) | ("usort", [l]) => list(l)
            .map(|mut v| {
                v.sort();
                if function == "usort" {
                    v.dedup();
                }
                Term::list(v)
            })
            .ok_or_else(|| Error::function_clause("lists", function, 1)),
        ("seq", [Term::Int(a), Term::Int(b)])
            if b.checked_sub(*a).is_some_and(|d| d < 10_000_000) =>
        {
            Ok(Term::list((*a..=*b).map(Term::Int).collect()))
        }
        ("sum", [l]) => return super::enum_::call(ev, "sum", vec![l.clone()]),
        ("max", [l]) | ("min", [l]) => return super::enum_::call(ev, function, vec![l.clone()]),
        ("member", [x, Term::List(l)]) => Ok(Term::bool(l.contains(x))),
        ("nth", [Term::Int(n), Term::List(l)]) if *n >= 1 && (*n as usize) <= l.len() => {
            Ok(l[*n as usize - 1].clone())
        }
        ("keyfind", [key, Term::Int(pos), Term::List(l)]) if *pos >= 1 => {
            Ok(keyfind(l, key, pos - 1).map_or_else(|| Term::bool(false), |i| l[i].clone()))
        }
        ("append", [Term::List(a), Term::List(b)]) => {
            Ok(Term::list(a.iter().chain(b.iter()).cloned().collect()))
        }
        ("flatten", [Term::List(_)]) => Ok(Term::list(flatten(&args[0]))),
        ("duplicate", [Term::Int(n), x]) if *n >= 0 && *n <= 10_000_000 => {
            Ok(Term::list(vec![x.clone(); *n as usize]))
        }
        _ => return None,
    })
}
