//! The parts of Elixir's and Erlang's standard library a learner reaches for while
//! following the guide: `IO`, `Enum`, `String`, `Map`, `List`, `Tuple`, `Integer`,
//! `Atom`, `Keyword` and `:erlang`.

use super::{no_clause, Answer};
use crate::error::{Error, Result};
use crate::eval::enumerable::to_vec;
use crate::eval::literal::to_string;
use crate::eval::Evaluator;
use crate::inspect::{inspect, inspect_plain, Options};
use crate::term::Term;
use std::sync::Arc;

pub fn call(ev: &mut Evaluator, module: &str, function: &str, args: Vec<Term>) -> Answer {
    match module {
        "Elixir.IO" => io(ev, function, args),
        "Elixir.Enum" => enum_(ev, function, args),
        "Elixir.String" => string(ev, function, args),
        "Elixir.Map" => map(function, args),
        "Elixir.List" => list(function, args),
        "Elixir.Tuple" => match (function, args.as_slice()) {
            ("to_list", [Term::Tuple(t)]) => Some(Ok(Term::list(t.to_vec()))),
            _ => None,
        },
        "Elixir.Integer" => match (function, args.as_slice()) {
            ("to_string", [Term::Int(i)]) => Some(Ok(Term::string(&i.to_string()))),
            ("parse", [Term::Binary(b)]) => Some(Ok(parse_int(&String::from_utf8_lossy(b)))),
            _ => None,
        },
        "Elixir.Atom" => match (function, args.as_slice()) {
            ("to_string", [Term::Atom(a)]) => Some(Ok(Term::string(a.name()))),
            _ => None,
        },
        "Elixir.Keyword" => match (function, args.as_slice()) {
            ("get", [kw, Term::Atom(k)]) => Some(Ok(kw
                .keyword_get(k.name())
                .cloned()
                .unwrap_or_else(Term::nil))),
            ("get", [kw, Term::Atom(k), default]) => Some(Ok(kw
                .keyword_get(k.name())
                .cloned()
                .unwrap_or_else(|| default.clone()))),
            _ => None,
        },
        "erlang" => erlang(ev, function, args),
        _ => None,
    }
}

fn io(ev: &mut Evaluator, function: &str, args: Vec<Term>) -> Answer {
    Some(match (function, args.as_slice()) {
        ("puts", [v]) | ("write", [v]) => to_string(v).map(|text| {
            ev.out.write(&text);
            if function == "puts" {
                ev.out.write("\n");
            }
            Term::ok()
        }),
        ("inspect", [v]) => Ok(io_inspect(ev, v, &Term::empty_list())),
        ("inspect", [v, opts]) => Ok(io_inspect(ev, v, opts)),
        _ => return None,
    })
}

/// `IO.inspect/2`: prints the value (after `label: ` if given) and returns it.
fn io_inspect(ev: &mut Evaluator, v: &Term, opts: &Term) -> Term {
    let mut options = Options::default();
    if let Some(Term::Int(w)) = opts.keyword_get("width") {
        options.width = (*w).max(0) as usize;
    }
    if let Some(Term::Int(l)) = opts.keyword_get("limit") {
        options.limit = (*l).max(0) as usize;
    }
    let label = opts.keyword_get("label").and_then(|l| to_string(l).ok());
    if let Some(label) = label {
        ev.out.write(&format!("{label}: "));
    }
    ev.out.write(&inspect(v, &options));
    ev.out.write("\n");
    v.clone()
}

fn enum_(ev: &mut Evaluator, function: &str, args: Vec<Term>) -> Answer {
    let Some(first) = args.first() else {
        return None;
    };
    let items = match to_vec(first) {
        Ok(items) => items,
        Err(e) => return Some(Err(e)),
    };
    let rest = &args[1..];
    Some(match (function, rest) {
        ("to_list", []) => Ok(Term::list(items)),
        ("count", []) => Ok(Term::Int(items.len() as i64)),
        ("count", [f]) => filter(ev, items, f, true).map(|v| Term::Int(v.len() as i64)),
        ("empty?", []) => Ok(Term::bool(items.is_empty())),
        ("sum", []) => items.into_iter().try_fold(Term::Int(0), |acc, x| {
            crate::eval::ops::binary(crate::syntax::ast::BinaryOp::Add, acc, x)
        }),
        ("reverse", []) => Ok(Term::list(items.into_iter().rev().collect())),
        ("sort", []) => {
            let mut items = items;
            items.sort_by(|a, b| a.compare(b));
            Ok(Term::list(items))
        }
        ("uniq", []) => {
            let mut seen = Vec::new();
            for x in items {
                if !seen.contains(&x) {
                    seen.push(x);
                }
            }
            Ok(Term::list(seen))
        }
        ("max", []) => items
            .into_iter()
            .reduce(|a, b| if a.compare(&b).is_lt() { b } else { a })
            .ok_or_else(empty_error),
        ("min", []) => items
            .into_iter()
            .reduce(|a, b| if b.compare(&a).is_lt() { b } else { a })
            .ok_or_else(empty_error),
        ("member?", [x]) => Ok(Term::bool(items.contains(x))),
        ("at", [Term::Int(i)]) => Ok(at(&items, *i)),
        ("take", [Term::Int(n)]) if *n >= 0 => {
            Ok(Term::list(items.into_iter().take(*n as usize).collect()))
        }
        ("drop", [Term::Int(n)]) if *n >= 0 => {
            Ok(Term::list(items.into_iter().skip(*n as usize).collect()))
        }
        ("with_index", []) => Ok(Term::list(
            items
                .into_iter()
                .enumerate()
                .map(|(i, x)| Term::tuple(vec![x, Term::Int(i as i64)]))
                .collect(),
        )),
        ("join", []) => join(&items, ""),
        ("join", [Term::Binary(sep)]) => join(&items, &String::from_utf8_lossy(sep)),
        ("map", [f]) => items
            .into_iter()
            .map(|x| ev.apply_fun(f, vec![x]))
            .collect::<Result<Vec<_>>>()
            .map(Term::list),
        ("flat_map", [f]) => (|| {
            let mut out = Vec::new();
            for x in items {
                out.extend(to_vec(&ev.apply_fun(f, vec![x])?)?);
            }
            Ok(Term::list(out))
        })(),
        ("each", [f]) => (|| {
            for x in items {
                ev.apply_fun(f, vec![x])?;
            }
            Ok(Term::ok())
        })(),
        ("filter", [f]) => filter(ev, items, f, true).map(Term::list),
        ("reject", [f]) => filter(ev, items, f, false).map(Term::list),
        ("find", [f]) => (|| {
            for x in items {
                if ev.apply_fun(f, vec![x.clone()])?.is_truthy() {
                    return Ok(x);
                }
            }
            Ok(Term::nil())
        })(),
        ("any?", [f]) => filter(ev, items, f, true).map(|v| Term::bool(!v.is_empty())),
        ("all?", [f]) => {
            let n = items.len();
            filter(ev, items, f, true).map(|v| Term::bool(v.len() == n))
        }
        ("reduce", [acc, f]) => items
            .into_iter()
            .try_fold(acc.clone(), |acc, x| ev.apply_fun(f, vec![x, acc])),
        ("reduce", [f]) => {
            let mut it = items.into_iter();
            match it.next() {
                None => Err(empty_error()),
                Some(first) => it.try_fold(first, |acc, x| ev.apply_fun(f, vec![x, acc])),
            }
        }
        ("sort_by", [f]) => (|| {
            let mut keyed = Vec::new();
            for x in items {
                keyed.push((ev.apply_fun(f, vec![x.clone()])?, x));
            }
            keyed.sort_by(|a, b| a.0.compare(&b.0));
            Ok(Term::list(keyed.into_iter().map(|(_, x)| x).collect()))
        })(),
        ("map_join", [Term::Binary(sep), f]) => {
            let mapped = items
                .into_iter()
                .map(|x| ev.apply_fun(f, vec![x]))
                .collect::<Result<Vec<_>>>();
            mapped.and_then(|m| join(&m, &String::from_utf8_lossy(sep)))
        }
        ("zip", [other]) => to_vec(other).map(|b| {
            Term::list(
                items
                    .into_iter()
                    .zip(b)
                    .map(|(x, y)| Term::tuple(vec![x, y]))
                    .collect(),
            )
        }),
        ("into", [Term::Map(m)]) => {
            let mut map = (**m).clone();
            for x in items {
                match x.as_tuple() {
                    Some([k, v]) => {
                        map.insert(k.clone(), v.clone());
                    }
                    _ => {
                        return Some(Err(Error::argument(format!(
                            "collecting into a map requires {{key, value}} tuples, got: {}",
                            inspect_plain(&x)
                        ))))
                    }
                }
            }
            Ok(Term::Map(Arc::new(map)))
        }
        _ => return None,
    })
}

fn filter(ev: &mut Evaluator, items: Vec<Term>, f: &Term, keep: bool) -> Result<Vec<Term>> {
    let mut out = Vec::new();
    for x in items {
        if ev.apply_fun(f, vec![x.clone()])?.is_truthy() == keep {
            out.push(x);
        }
    }
    Ok(out)
}

fn at(items: &[Term], i: i64) -> Term {
    let index = if i < 0 { items.len() as i64 + i } else { i };
    if index >= 0 && (index as usize) < items.len() {
        items[index as usize].clone()
    } else {
        Term::nil()
    }
}

fn join(items: &[Term], sep: &str) -> Result<Term> {
    let parts = items.iter().map(to_string).collect::<Result<Vec<_>>>()?;
    Ok(Term::string(&parts.join(sep)))
}

fn empty_error() -> Error {
    Error::Raise(crate::error::exception(
        "Enum.EmptyError",
        vec![("message", Term::string("empty error"))],
    ))
}

fn string(ev: &mut Evaluator, function: &str, args: Vec<Term>) -> Answer {
    let text = match args.first() {
        Some(Term::Binary(b)) => String::from_utf8_lossy(b).into_owned(),
        Some(_) => return Some(Err(no_clause("String", function, args.len()))),
        None => return None,
    };
    Some(match (function, &args[1..]) {
        ("to_atom", []) => ev.atom(&text),
        ("to_existing_atom", []) => match ev.client.runtime().atoms().existing(&text) {
            Some(a) => Ok(Term::Atom(a)),
            None => Err(Error::bif_argument(1, "not an already existing atom")),
        },
        ("length", []) => Ok(Term::Int(text.chars().count() as i64)),
        ("upcase", []) => Ok(Term::string(&text.to_uppercase())),
        ("downcase", []) => Ok(Term::string(&text.to_lowercase())),
        ("reverse", []) => Ok(Term::string(&text.chars().rev().collect::<String>())),
        ("trim", []) => Ok(Term::string(text.trim())),
        ("split", []) => Ok(Term::list(
            text.split_whitespace().map(Term::string).collect(),
        )),
        ("split", [Term::Binary(sep)]) => {
            let sep = String::from_utf8_lossy(sep).into_owned();
            Ok(Term::list(
                text.split(sep.as_str()).map(Term::string).collect(),
            ))
        }
        ("contains?", [Term::Binary(p)]) => {
            Ok(Term::bool(text.contains(&*String::from_utf8_lossy(p))))
        }
        ("starts_with?", [Term::Binary(p)]) => {
            Ok(Term::bool(text.starts_with(&*String::from_utf8_lossy(p))))
        }
        ("ends_with?", [Term::Binary(p)]) => {
            Ok(Term::bool(text.ends_with(&*String::from_utf8_lossy(p))))
        }
        ("replace", [Term::Binary(a), Term::Binary(b)]) => Ok(Term::string(
            &text.replace(&*String::from_utf8_lossy(a), &String::from_utf8_lossy(b)),
        )),
        ("duplicate", [Term::Int(n)])
            if *n >= 0 && (*n as usize).saturating_mul(text.len()) < 100_000_000 =>
        {
            Ok(Term::string(&text.repeat(*n as usize)))
        }
        ("to_integer", []) => text
            .parse::<i64>()
            .map(Term::Int)
            .map_err(|_| Error::bif_argument(1, "not a textual representation of an integer")),
        _ => return None,
    })
}

fn parse_int(text: &str) -> Term {
    let digits: String = text
        .char_indices()
        .take_while(|(i, c)| c.is_ascii_digit() || (*i == 0 && (*c == '-' || *c == '+')))
        .map(|(_, c)| c)
        .collect();
    match digits.parse::<i64>() {
        Ok(n) => Term::tuple(vec![Term::Int(n), Term::string(&text[digits.len()..])]),
        Err(_) => Term::atom("error"),
    }
}

fn map(function: &str, args: Vec<Term>) -> Answer {
    if function == "new" && args.is_empty() {
        return Some(Ok(Term::map(vec![])));
    }
    let Some(Term::Map(m)) = args.first() else {
        return args.first().map(|t| {
            Err(Error::Raise(crate::error::exception(
                "BadMapError",
                vec![("term", t.clone())],
            )))
        });
    };
    let m = m.clone();
    Some(match (function, &args[1..]) {
        ("get", [k]) => Ok(m.get(k).cloned().unwrap_or_else(Term::nil)),
        ("get", [k, d]) => Ok(m.get(k).cloned().unwrap_or_else(|| d.clone())),
        ("fetch", [k]) => Ok(m
            .get(k)
            .cloned()
            .map_or_else(|| Term::atom("error"), Term::ok_tuple)),
        ("has_key?", [k]) => Ok(Term::bool(m.contains_key(k))),
        ("keys", []) => Ok(Term::list(m.keys().cloned().collect())),
        ("values", []) => Ok(Term::list(m.values().cloned().collect())),
        ("to_list", []) => to_vec(&args[0]).map(Term::list),
        ("put", [k, v]) => {
            let mut n = (*m).clone();
            n.insert(k.clone(), v.clone());
            Ok(Term::Map(Arc::new(n)))
        }
        ("delete", [k]) => {
            let mut n = (*m).clone();
            n.remove(k);
            Ok(Term::Map(Arc::new(n)))
        }
        ("merge", [Term::Map(other)]) => {
            let mut n = (*m).clone();
            n.extend(other.iter().map(|(k, v)| (k.clone(), v.clone())));
            Ok(Term::Map(Arc::new(n)))
        }
        _ => return None,
    })
}

fn list(function: &str, args: Vec<Term>) -> Answer {
    Some(match (function, args.as_slice()) {
        ("first", [Term::List(l)]) => Ok(l.first().cloned().unwrap_or_else(Term::nil)),
        ("last", [Term::List(l)]) => Ok(l.last().cloned().unwrap_or_else(Term::nil)),
        ("wrap", [Term::List(_)]) => Ok(args[0].clone()),
        ("wrap", [t]) if t.is_nil() => Ok(Term::empty_list()),
        ("wrap", [t]) => Ok(Term::list(vec![t.clone()])),
        ("to_tuple", [Term::List(l)]) => Ok(Term::tuple(l.to_vec())),
        ("flatten", [Term::List(_)]) => {
            fn flat(t: &Term, out: &mut Vec<Term>) {
                match t {
                    Term::List(l) => l.iter().for_each(|x| flat(x, out)),
                    other => out.push(other.clone()),
                }
            }
            let mut out = Vec::new();
            flat(&args[0], &mut out);
            Ok(Term::list(out))
        }
        ("delete", [Term::List(l), x]) => {
            let mut items = l.to_vec();
            if let Some(i) = items.iter().position(|y| y == x) {
                items.remove(i);
            }
            Ok(Term::list(items))
        }
        _ => return None,
    })
}

fn erlang(ev: &mut Evaluator, function: &str, args: Vec<Term>) -> Answer {
    Some(match (function, args.as_slice()) {
        ("system_info", [Term::Atom(item)]) => ev
            .client
            .runtime()
            .system_info(item.name())
            .ok_or_else(|| Error::bif_argument(1, "invalid system_info item")),
        ("self", []) => Ok(Term::Pid(ev.client.pid())),
        ("binary_to_atom", [Term::Binary(b)]) | ("binary_to_atom", [Term::Binary(b), _]) => {
            ev.atom(&String::from_utf8_lossy(b))
        }
        ("binary_to_existing_atom", [Term::Binary(b)])
        | ("binary_to_existing_atom", [Term::Binary(b), _]) => {
            match ev
                .client
                .runtime()
                .atoms()
                .existing(&String::from_utf8_lossy(b))
            {
                Some(a) => Ok(Term::Atom(a)),
                None => Err(Error::bif_argument(1, "not an already existing atom")),
            }
        }
        ("atom_to_binary", [Term::Atom(a)]) => Ok(Term::string(a.name())),
        ("is_process_alive", [Term::Pid(p)]) => Ok(Term::bool(ev.client.alive(*p))),
        ("whereis", [Term::Atom(a)]) => Ok(ev
            .client
            .whereis(a)
            .map_or_else(|| Term::atom("undefined"), Term::Pid)),
        ("exit", [Term::Pid(p), reason]) => Ok(Term::bool(ev.client.exit(*p, reason.clone()))),
        ("exit", [reason]) => Err(Error::Exit(reason.clone())),
        ("length", [Term::List(l)]) => Ok(Term::Int(l.len() as i64)),
        ("make_ref", []) => Ok(Term::Ref(ev.client.make_ref())),
        ("node", []) => Ok(Term::atom("nonode@nohost")),
        _ => return None,
    })
}
