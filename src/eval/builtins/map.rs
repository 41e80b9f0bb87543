//! `Map` and the bits of Erlang's `:maps` that iex names in its errors.

use super::enum_more::collect;
use super::stdlib::{bad_map, frame, key_error};
use super::Answer;
use crate::error::{Error, Result};
use crate::eval::enumerable::to_vec;
use crate::eval::Evaluator;
use crate::term::Term;
use std::collections::BTreeMap;
use std::sync::Arc;

type Entries = BTreeMap<Term, Term>;

const EXPORTS: &[(&str, usize)] = &[
    ("new", 0),
    ("new", 1),
    ("new", 2),
    ("get", 2),
    ("get", 3),
    ("put", 3),
    ("fetch", 2),
    ("fetch!", 2),
    ("has_key?", 2),
    ("keys", 1),
    ("values", 1),
    ("delete", 2),
    ("merge", 2),
    ("merge", 3),
    ("update", 4),
    ("update!", 3),
    ("to_list", 1),
    ("take", 2),
    ("drop", 2),
    ("filter", 2),
    ("reject", 2),
    ("put_new", 3),
    ("put_new_lazy", 3),
    ("get_lazy", 3),
    ("pop", 2),
    ("pop", 3),
    ("replace", 3),
    ("replace!", 3),
    ("split", 2),
    ("equal?", 2),
    ("from_struct", 1),
    ("from_keys", 2),
];

pub fn call(ev: &mut Evaluator, function: &str, args: Vec<Term>) -> Answer {
    if !EXPORTS.contains(&(function, args.len())) {
        return None;
    }
    Some(match (function, args.as_slice()) {
        ("new", []) => Ok(Term::map(vec![])),
        ("new", [source]) => to_vec(source).and_then(|items| collect(items, &Term::map(vec![]))),
        ("new", [source, f]) => to_vec(source).and_then(|items| {
            let mapped = items
                .into_iter()
                .map(|x| ev.apply_fun(f, vec![x]))
                .collect::<Result<Vec<_>>>()?;
            collect(mapped, &Term::map(vec![]))
        }),
        ("from_struct", [Term::Map(m)]) if m.contains_key(&Term::atom("__struct__")) => {
            let mut m = (**m).clone();
            m.remove(&Term::atom("__struct__"));
            Ok(Term::Map(Arc::new(m)))
        }
        ("from_struct", _) => Err(Error::function_clause("Map", "from_struct", 1)),
        ("from_keys", [Term::List(keys), value]) => Ok(Term::map(
            keys.iter().map(|k| (k.clone(), value.clone())).collect(),
        )),
        ("from_keys", [keys, value]) => Err(super::stdlib::bif_error(
            1,
            "not a list",
            "maps",
            "from_keys",
            &[keys.clone(), value.clone()],
        )),
        (_, [Term::Map(m), rest @ ..]) => with_map(ev, function, &args[0], m, rest),
        (_, [not_map, rest @ ..]) => Err(not_a_map(function, not_map, rest)),
        _ => Err(Error::function_clause("Map", function, args.len())),
    })
}

/// The `BadMapError` and the frame iex shows for it, which names the Erlang function
/// Elixir's `Map` delegates to.
fn not_a_map(function: &str, term: &Term, rest: &[Term]) -> Error {
    let key = rest.first().cloned().unwrap_or_else(Term::nil);
    let shown = match function {
        "get" => format!(
            "(elixir 1.14.0) lib/map.ex:534: Map.get({}, {}, {})",
            inspect(term),
            inspect(&key),
            inspect(rest.get(1).unwrap_or(&Term::nil()))
        ),
        "put" => frame(
            "maps",
            "put",
            &[Term::atom("k"), Term::atom("v"), term.clone()],
        ),
        "keys" | "values" | "to_list" => frame("maps", function, std::slice::from_ref(term)),
        "merge" => frame("maps", "merge", &[term.clone(), key]),
        "fetch" => frame("maps", "find", &[key, term.clone()]),
        "fetch!" => frame("maps", "get", &[key, term.clone()]),
        "has_key?" => frame("maps", "is_key", &[key, term.clone()]),
        "delete" => frame("maps", "remove", &[key, term.clone()]),
        _ => return bad_map(term),
    };
    // A frame with a file is a stack-trace line iex's output comparison drops.
    if shown.starts_with("(elixir") {
        return bad_map(term);
    }
    bad_map(term).at(shown)
}

fn inspect(t: &Term) -> String {
    crate::inspect::inspect_plain(t)
}

fn with_map(
    ev: &mut Evaluator,
    function: &str,
    whole: &Term,
    m: &Arc<Entries>,
    rest: &[Term],
) -> Result<Term> {
    let changed = |f: &dyn Fn(&mut Entries)| {
        let mut n = (**m).clone();
        f(&mut n);
        Term::Map(Arc::new(n))
    };
    Ok(match (function, rest) {
        ("get", [k]) => m.get(k).cloned().unwrap_or_else(Term::nil),
        ("get", [k, d]) => m.get(k).cloned().unwrap_or_else(|| d.clone()),
        ("get_lazy", [k, f]) => match m.get(k) {
            Some(v) => v.clone(),
            None => ev.apply_fun(f, vec![])?,
        },
        ("fetch", [k]) => m
            .get(k)
            .cloned()
            .map_or_else(|| Term::atom("error"), Term::ok_tuple),
        ("fetch!", [k]) => m.get(k).cloned().ok_or_else(|| {
            key_error(k, whole).at(frame("maps", "get", &[k.clone(), whole.clone()]))
        })?,
        ("has_key?", [k]) => Term::bool(m.contains_key(k)),
        ("keys", []) => Term::list(m.keys().cloned().collect()),
        ("values", []) => Term::list(m.values().cloned().collect()),
        ("to_list", []) => Term::list(to_vec(whole)?),
        ("equal?", [other]) => Term::bool(whole == other),
        ("put", [k, v]) => changed(&|n| {
            n.insert(k.clone(), v.clone());
        }),
        ("put_new", [k, v]) => changed(&|n| {
            n.entry(k.clone()).or_insert_with(|| v.clone());
        }),
        ("put_new_lazy", [k, f]) if !m.contains_key(k) => {
            let v = ev.apply_fun(f, vec![])?;
            changed(&|n| {
                n.insert(k.clone(), v.clone());
            })
        }
        ("put_new_lazy", [_, _]) => whole.clone(),
        ("delete", [k]) => changed(&|n| {
            n.remove(k);
        }),
        ("merge", [Term::Map(other)]) => {
            changed(&|n| n.extend(other.iter().map(|(k, v)| (k.clone(), v.clone()))))
        }
        ("merge", [other]) => {
            return Err(bad_map(other).at(frame("maps", "merge", &[whole.clone(), other.clone()])))
        }
        ("merge", [Term::Map(other), f]) => {
            let mut n = (**m).clone();
            for (k, v) in other.iter() {
                let v = match n.get(k) {
                    Some(old) => ev.apply_fun(f, vec![k.clone(), old.clone(), v.clone()])?,
                    None => v.clone(),
                };
                n.insert(k.clone(), v);
            }
            Term::Map(Arc::new(n))
        }
        ("update", [k, default, f]) => {
            let v = match m.get(k) {
                Some(old) => ev.apply_fun(f, vec![old.clone()])?,
                None => default.clone(),
            };
            changed(&|n| {
                n.insert(k.clone(), v.clone());
            })
        }
        ("update!", [k, f]) => match m.get(k) {
            Some(old) => {
                let v = ev.apply_fun(f, vec![old.clone()])?;
                changed(&|n| {
                    n.insert(k.clone(), v.clone());
                })
            }
            None => {
                return Err(key_error(k, whole).at(frame(
                    "erlang",
                    "map_get",
                    &[k.clone(), whole.clone()],
                )))
            }
        },
        ("replace", [k, v]) => changed(&|n| {
            if let Some(slot) = n.get_mut(k) {
                *slot = v.clone();
            }
        }),
        ("replace!", [k, v]) if m.contains_key(k) => changed(&|n| {
            n.insert(k.clone(), v.clone());
        }),
        ("replace!", [k, v]) => {
            let call = [k.clone(), v.clone(), whole.clone()];
            return Err(key_error(k, whole).at(super::stdlib::frame("maps", "update", &call)));
        }
        ("pop", [k]) | ("pop", [k, _]) => {
            let default = rest.get(1).cloned().unwrap_or_else(Term::nil);
            let value = m.get(k).cloned().unwrap_or(default);
            Term::tuple(vec![
                value,
                changed(&|n| {
                    n.remove(k);
                }),
            ])
        }
        ("take", [keys]) => {
            let keys = to_vec(keys)?;
            Term::Map(Arc::new(
                m.iter()
                    .filter(|(k, _)| keys.contains(k))
                    .map(|(k, v)| (k.clone(), v.clone()))
                    .collect(),
            ))
        }
        ("drop", [keys]) => {
            let keys = to_vec(keys)?;
            changed(&|n| keys.iter().for_each(|k| drop(n.remove(k))))
        }
        ("split", [keys]) => {
            let keys = to_vec(keys)?;
            let (a, b): (Vec<_>, Vec<_>) = m
                .iter()
                .map(|(k, v)| (k.clone(), v.clone()))
                .partition(|(k, _)| keys.contains(k));
            Term::tuple(vec![Term::map(a), Term::map(b)])
        }
        ("filter", [f]) | ("reject", [f]) => {
            let keep = function == "filter";
            let mut out = Vec::new();
            for (k, v) in m.iter() {
                let pair = Term::tuple(vec![k.clone(), v.clone()]);
                if ev.apply_fun(f, vec![pair])?.is_truthy() == keep {
                    out.push((k.clone(), v.clone()));
                }
            }
            Term::map(out)
        }
        _ => return Err(Error::function_clause("Map", function, rest.len() + 1)),
    })
}

/// `:maps`: the few functions a learner meets through iex's error frames.
pub fn maps(function: &str, args: Vec<Term>) -> Answer {
    Some(match (function, args.as_slice()) {
        ("get", [k, Term::Map(m)]) => m
            .get(k)
            .cloned()
            .ok_or_else(|| key_error(k, &args[1]).at(frame("maps", "get", &args))),
        ("get", [k, Term::Map(m), d]) => Ok(m.get(k).cloned().unwrap_or_else(|| d.clone())),
        ("put", [k, v, Term::Map(m)]) => {
            let mut n = (**m).clone();
            n.insert(k.clone(), v.clone());
            Ok(Term::Map(Arc::new(n)))
        }
        ("keys", [Term::Map(m)]) => Ok(Term::list(m.keys().cloned().collect())),
        ("values", [Term::Map(m)]) => Ok(Term::list(m.values().cloned().collect())),
        ("from_list", [list]) => to_vec(list).and_then(|items| collect(items, &Term::map(vec![]))),
        ("get" | "put" | "keys" | "values", _) => {
            let last = args.last().cloned().unwrap_or_else(Term::nil);
            Err(bad_map(&last).at(frame("maps", function, &args)))
        }
        _ => return None,
    })
}
