//! `Keyword`: lists of `{atom, value}` pairs, where the first pair of a key wins.

use super::stdlib::{clause_error, key_error};
use super::Answer;
use crate::error::{Error, Result};
use crate::eval::Evaluator;
use crate::term::Term;

const EXPORTS: &[(&str, usize)] = &[
    ("get", 2),
    ("get", 3),
    ("put", 3),
    ("keys", 1),
    ("values", 1),
    ("fetch", 2),
    ("fetch!", 2),
    ("has_key?", 2),
    ("delete", 2),
    ("merge", 2),
    ("new", 0),
    ("new", 1),
    ("new", 2),
    ("take", 2),
    ("drop", 2),
    ("get_values", 2),
    ("update!", 3),
    ("update", 4),
    ("put_new", 3),
    ("keyword?", 1),
    ("to_list", 1),
    ("pop", 2),
    ("pop", 3),
];

/// The clause iex shows for each function (all of them guard on a list and an atom key).
fn clause_text(function: &str, args: &[Term]) -> String {
    let list_ok = args.first().is_some_and(|t| t.as_list().is_some());
    let key_ok = args.get(1).is_some_and(|t| matches!(t, Term::Atom(_)));
    let mark = |ok: bool, text: &str| {
        if ok {
            text.to_string()
        } else {
            format!("-{text}-")
        }
    };
    let list_guard = mark(list_ok, "is_list(keywords)");
    match function {
        "keys" | "values" | "to_list" => format!("def {function}(keywords) when {list_guard}"),
        "get" => format!(
            "def get(keywords, key, default) when {list_guard} and {}",
            mark(key_ok, "is_atom(key)")
        ),
        "put" => format!(
            "def put(keywords, key, value) when {list_guard} and {}",
            mark(key_ok, "is_atom(key)")
        ),
        _ => format!(
            "def {function}(keywords, key) when {list_guard} and {}",
            mark(key_ok, "is_atom(key)")
        ),
    }
}

pub fn call(ev: &mut Evaluator, function: &str, args: Vec<Term>) -> Answer {
    if !EXPORTS.contains(&(function, args.len())) {
        return None;
    }
    let mut shown = args.clone();
    if function == "get" && shown.len() == 2 {
        shown.push(Term::nil());
    }
    let pairs = match args.first().and_then(Term::as_list) {
        Some(items) => items.to_vec(),
        // `Keyword.new(1..3, fun)` takes any enumerable.
        None if function == "new" && args.len() == 2 => {
            match crate::eval::enumerable::to_vec(&args[0]) {
                Ok(items) => items,
                Err(e) => return Some(Err(e)),
            }
        }
        None if function == "new" || function == "keyword?" => Vec::new(),
        None => {
            return Some(Err(clause_error(
                "Keyword",
                function,
                shown.clone(),
                &[&clause_text(function, &shown)],
            )))
        }
    };
    let key_needed = !matches!(
        function,
        "keys" | "values" | "to_list" | "new" | "keyword?" | "merge" | "take" | "drop"
    );
    if key_needed && !matches!(args.get(1), Some(Term::Atom(_))) {
        return Some(Err(clause_error(
            "Keyword",
            function,
            shown.clone(),
            &[&clause_text(function, &shown)],
        )));
    }
    Some(run(ev, function, &args, pairs))
}

fn key_of(pair: &Term) -> Option<&Term> {
    pair.as_tuple().filter(|t| t.len() == 2).map(|t| &t[0])
}

fn value_of(pair: &Term) -> Term {
    pair.as_tuple().map_or_else(Term::nil, |t| t[1].clone())
}

fn find(pairs: &[Term], key: &Term) -> Option<Term> {
    pairs.iter().find(|p| key_of(p) == Some(key)).map(value_of)
}

fn without(pairs: &[Term], key: &Term) -> Vec<Term> {
    pairs
        .iter()
        .filter(|p| key_of(p) != Some(key))
        .cloned()
        .collect()
}

/// `Keyword.new/1,2`: a later entry replaces an earlier one with the same key.
fn last_of_each_key(pairs: Vec<Term>) -> Vec<Term> {
    let mut out: Vec<Term> = Vec::new();
    for p in pairs {
        if let Some(k) = key_of(&p).cloned() {
            out = without(&out, &k);
            out.push(p);
        }
    }
    out
}

fn pair(k: &Term, v: Term) -> Term {
    Term::tuple(vec![k.clone(), v])
}

fn run(ev: &mut Evaluator, function: &str, args: &[Term], pairs: Vec<Term>) -> Result<Term> {
    let list = Term::list;
    Ok(match (function, args.get(1..).unwrap_or(&[])) {
        ("get", [k]) => find(&pairs, k).unwrap_or_else(Term::nil),
        ("get", [k, d]) => find(&pairs, k).unwrap_or_else(|| d.clone()),
        ("fetch", [k]) => find(&pairs, k).map_or_else(|| Term::atom("error"), Term::ok_tuple),
        ("fetch!", [k]) => find(&pairs, k).ok_or_else(|| key_error(k, &args[0]))?,
        ("has_key?", [k]) => Term::bool(find(&pairs, k).is_some()),
        ("keys", []) => list(pairs.iter().filter_map(key_of).cloned().collect()),
        ("values", []) => list(pairs.iter().map(value_of).collect()),
        ("to_list", []) => args[0].clone(),
        ("keyword?", []) => Term::bool(
            args[0]
                .as_list()
                .is_some_and(|l| l.iter().all(|p| matches!(key_of(p), Some(Term::Atom(_))))),
        ),
        ("new", []) if args.is_empty() => Term::empty_list(),
        ("new", []) => list(last_of_each_key(pairs)),
        ("new", [f]) => {
            let pairs = pairs
                .into_iter()
                .map(|p| ev.apply_fun(f, vec![p]))
                .collect::<Result<Vec<_>>>()?;
            list(last_of_each_key(pairs))
        }
        ("put", [k, v]) => {
            let mut out = vec![pair(k, v.clone())];
            out.extend(without(&pairs, k));
            list(out)
        }
        ("put_new", [k, v]) => match find(&pairs, k) {
            Some(_) => args[0].clone(),
            None => {
                let mut out = vec![pair(k, v.clone())];
                out.extend(pairs);
                list(out)
            }
        },
        ("delete", [k]) => list(without(&pairs, k)),
        ("pop", [k]) | ("pop", [k, _]) => {
            let default = args.get(2).cloned().unwrap_or_else(Term::nil);
            Term::tuple(vec![
                find(&pairs, k).unwrap_or(default),
                list(without(&pairs, k)),
            ])
        }
        ("merge", [other]) => {
            let other = other.as_list().map(<[Term]>::to_vec).unwrap_or_default();
            let mut out: Vec<Term> = pairs
                .into_iter()
                .filter(|p| !other.iter().any(|o| key_of(o) == key_of(p)))
                .collect();
            out.extend(other);
            list(out)
        }
        ("take", [keys]) | ("drop", [keys]) => {
            let keys = keys.as_list().map(<[Term]>::to_vec).unwrap_or_default();
            let keep = function == "take";
            list(
                pairs
                    .into_iter()
                    .filter(|p| key_of(p).is_some_and(|k| keys.contains(k)) == keep)
                    .collect(),
            )
        }
        ("get_values", [k]) => list(
            pairs
                .iter()
                .filter(|p| key_of(p) == Some(k))
                .map(value_of)
                .collect(),
        ),
        ("update!", [k, f]) => match find(&pairs, k) {
            Some(old) => replace_first(&pairs, k, ev.apply_fun(f, vec![old])?),
            None => return Err(key_error(k, &args[0])),
        },
        ("update", [k, default, f]) => match find(&pairs, k) {
            Some(old) => replace_first(&pairs, k, ev.apply_fun(f, vec![old])?),
            None => {
                let mut out = pairs;
                out.push(pair(k, default.clone()));
                list(out)
            }
        },
        _ => return Err(Error::function_clause("Keyword", function, args.len())),
    })
}

/// The value of the first pair of `key` replaced, later pairs of it removed.
fn replace_first(pairs: &[Term], key: &Term, value: Term) -> Term {
    let mut out = Vec::new();
    let mut done = false;
    for p in pairs {
        if key_of(p) == Some(key) {
            if !done {
                out.push(pair(key, value.clone()));
                done = true;
            }
        } else {
            out.push(p.clone());
        }
    }
    Term::list(out)
}
