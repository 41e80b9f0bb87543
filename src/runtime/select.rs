//! `Registry.select/2` for the match specs the Registry docs show:
//! `[{{:"$1", :"$2", :"$3"}, guards, [body]}]` with `:_` wildcards, `:"$N"` variables,
//! literals, comparison/boolean guards, and bodies built from variables, `{{...}}`
//! tuples, lists and literals.

use std::cmp::Ordering;
use std::collections::HashMap;

use crate::error::Error;
use crate::term::{Pid, Term};

type Bindings = HashMap<String, Term>;

fn bad_spec(spec: &Term) -> Error {
    Error::argument(format!(
        "invalid match specification: {}",
        super::text::term(spec)
    ))
}

/// Runs `spec` over `(key, pid, value)` entries.
pub(crate) fn select(spec: &Term, entries: &[(Term, Pid, Term)]) -> Result<Term, Error> {
    let clauses = spec.as_list().ok_or_else(|| bad_spec(spec))?;
    let mut out = Vec::new();
    for (key, pid, value) in entries {
        let entry = Term::tuple(vec![key.clone(), Term::Pid(*pid), value.clone()]);
        for clause in clauses {
            let Some([pattern, guards, body]) = clause.as_tuple() else {
                return Err(bad_spec(spec));
            };
            let mut b = Bindings::new();
            if !matches(pattern, &entry, &mut b) {
                continue;
            }
            let guards = guards.as_list().ok_or_else(|| bad_spec(spec))?;
            if !guards
                .iter()
                .all(|g| eval(g, &b, &entry).is_some_and(|t| t.is_atom("true")))
            {
                continue;
            }
            let body = body.as_list().ok_or_else(|| bad_spec(spec))?;
            let result = body
                .last()
                .and_then(|e| eval(e, &b, &entry))
                .ok_or_else(|| bad_spec(spec))?;
            out.push(result);
            break;
        }
    }
    Ok(Term::list(out))
}

/// `Registry.match/4`'s test of one value: `pattern` with `:_` and `:"$N"`, then the
/// guards over the variables it bound.
pub(crate) fn match_value(pattern: &Term, guards: &Term, value: &Term) -> Result<bool, Error> {
    let mut b = Bindings::new();
    if !matches(pattern, value, &mut b) {
        return Ok(false);
    }
    let guards = guards
        .as_list()
        .ok_or_else(|| Error::argument(format!("invalid guards: {}", super::text::term(guards))))?;
    Ok(guards
        .iter()
        .all(|g| eval(g, &b, value).is_some_and(|t| t.is_atom("true"))))
}

fn var_name(t: &Term) -> Option<&str> {
    let name = t.as_atom()?.name();
    let rest = name.strip_prefix('$')?;
    (!rest.is_empty() && rest.chars().all(|c| c.is_ascii_digit())).then_some(name)
}

fn matches(pattern: &Term, value: &Term, b: &mut Bindings) -> bool {
    if pattern.is_atom("_") {
        return true;
    }
    if let Some(v) = var_name(pattern) {
        return match b.get(v) {
            Some(bound) => bound == value,
            None => {
                b.insert(v.to_string(), value.clone());
                true
            }
        };
    }
    match (pattern, value) {
        (Term::Tuple(p), Term::Tuple(v)) if p.len() == v.len() => {
            p.iter().zip(v.iter()).all(|(p, v)| matches(p, v, b))
        }
        (Term::List(p), Term::List(v)) if p.len() == v.len() => {
            p.iter().zip(v.iter()).all(|(p, v)| matches(p, v, b))
        }
        // A map pattern matches a map holding at least its keys, as in ETS.
        (Term::Map(p), Term::Map(v)) => p
            .iter()
            .all(|(k, pv)| v.get(k).is_some_and(|vv| matches(pv, vv, b))),
        _ => pattern == value,
    }
}

fn eval(expr: &Term, b: &Bindings, entry: &Term) -> Option<Term> {
    if expr.is_atom("$_") {
        return Some(entry.clone());
    }
    if expr.is_atom("$$") {
        let mut vars: Vec<(&String, &Term)> = b.iter().collect();
        vars.sort_by_key(|(k, _)| k[1..].parse::<u32>().unwrap_or(0));
        return Some(Term::list(
            vars.into_iter().map(|(_, v)| v.clone()).collect(),
        ));
    }
    if let Some(v) = var_name(expr) {
        return b.get(v).cloned();
    }
    match expr {
        Term::Tuple(t) if t.len() == 1 => match t[0].as_tuple() {
            // `{{a, b}}` builds the tuple `{a, b}`.
            Some(inner) => Some(Term::tuple(
                inner
                    .iter()
                    .map(|e| eval(e, b, entry))
                    .collect::<Option<_>>()?,
            )),
            None => Some(t[0].clone()),
        },
        Term::Tuple(t) if !t.is_empty() && t[0].as_atom().is_some() => guard(t, b, entry),
        Term::List(items) => Some(Term::list(
            items
                .iter()
                .map(|e| eval(e, b, entry))
                .collect::<Option<_>>()?,
        )),
        other => Some(other.clone()),
    }
}

fn guard(t: &[Term], b: &Bindings, entry: &Term) -> Option<Term> {
    let op = t[0].as_atom()?.name();
    if op == "const" && t.len() == 2 {
        return Some(t[1].clone());
    }
    let args: Vec<Term> = t[1..]
        .iter()
        .map(|e| eval(e, b, entry))
        .collect::<Option<_>>()?;
    let cmp = |f: fn(Ordering) -> bool| match args.as_slice() {
        [x, y] => Some(Term::bool(f(x.compare(y)))),
        _ => None,
    };
    match op {
        "==" => cmp(|o| o == Ordering::Equal),
        "/=" => cmp(|o| o != Ordering::Equal),
        "=:=" => Some(Term::bool(args.first()? == args.get(1)?)),
        "=/=" => Some(Term::bool(args.first()? != args.get(1)?)),
        "<" => cmp(|o| o == Ordering::Less),
        ">" => cmp(|o| o == Ordering::Greater),
        "=<" => cmp(|o| o != Ordering::Greater),
        ">=" => cmp(|o| o != Ordering::Less),
        "andalso" | "and" => Some(Term::bool(args.iter().all(|a| a.is_atom("true")))),
        "orelse" | "or" => Some(Term::bool(args.iter().any(|a| a.is_atom("true")))),
        "not" => Some(Term::bool(args.first()?.is_atom("false"))),
        "is_atom" => Some(Term::bool(args.first()?.as_atom().is_some())),
        "is_integer" => Some(Term::bool(args.first()?.as_int().is_some())),
        "is_binary" => Some(Term::bool(matches!(args.first()?, Term::Binary(_)))),
        "is_pid" => Some(Term::bool(args.first()?.as_pid().is_some())),
        _ => Some(Term::tuple(args)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn a(s: &str) -> Term {
        Term::atom(s)
    }

    #[test]
    fn selects_all_entries_as_tuples() {
        let spec = Term::list(vec![Term::tuple(vec![
            Term::tuple(vec![a("$1"), a("$2"), a("$3")]),
            Term::empty_list(),
            Term::list(vec![Term::tuple(vec![Term::tuple(vec![a("$1"), a("$3")])])]),
        ])]);
        let entries = vec![(Term::string("k"), Pid(1), Term::Int(5))];
        let out = select(&spec, &entries).unwrap();
        assert_eq!(
            out,
            Term::list(vec![Term::tuple(vec![Term::string("k"), Term::Int(5)])])
        );
    }

    #[test]
    fn guards_filter() {
        let spec = Term::list(vec![Term::tuple(vec![
            Term::tuple(vec![a("$1"), a("_"), a("$3")]),
            Term::list(vec![Term::tuple(vec![a(">"), a("$3"), Term::Int(1)])]),
            Term::list(vec![a("$1")]),
        ])]);
        let entries = vec![
            (Term::string("low"), Pid(1), Term::Int(1)),
            (Term::string("high"), Pid(2), Term::Int(2)),
        ];
        assert_eq!(
            select(&spec, &entries).unwrap(),
            Term::list(vec![Term::string("high")])
        );
    }
}
