//! Erlang's `:erlang` BIFs a learner calls directly, and `:os`. Their errors are the
//! BEAM's "errors were found at the given arguments" with the call shown under them.

use super::stdlib::{bif_error, charlist, existing_atom, frame, make_atom, text, to_charlist};
use super::string_parse::{erlang_float, parse_int_exact};
use super::Answer;
use crate::error::Error;
use crate::eval::Evaluator;
use crate::term::Term;

pub fn call(ev: &mut Evaluator, function: &str, args: Vec<Term>) -> Answer {
    if let Some(answer) = process_bifs(ev, function, &args) {
        return Some(answer);
    }
    let bif = |n: usize, problem: &str| Err(bif_error(n, problem, "erlang", function, &args));
    Some(match (function, args.as_slice()) {
        // Kernel's `apply` is this BIF.
        ("apply", [_, _] | [_, _, _]) => return super::kernel::call(ev, "apply", args),
        ("binary_to_atom", [Term::Binary(_), ..]) => {
            make_atom(ev, &text(&args[0]).unwrap_or_default(), || {
                frame("erlang", function, &args)
            })
        }
        ("binary_to_existing_atom", [Term::Binary(_), ..]) => {
            existing_atom(ev, &text(&args[0]).unwrap_or_default(), || {
                frame("erlang", function, &args)
            })
        }
        ("binary_to_atom" | "binary_to_existing_atom", [_] | [_, _]) => bif(1, "not a binary"),
        ("list_to_atom", [l]) => match charlist(l) {
            Some(name) => make_atom(ev, &name, || frame("erlang", function, &args)),
            None => bif(1, "not a list"),
        },
        ("list_to_existing_atom", [l]) => match charlist(l) {
            Some(name) => existing_atom(ev, &name, || frame("erlang", function, &args)),
            None => bif(1, "not a list"),
        },
        ("atom_to_binary", [Term::Atom(a), ..]) => Ok(Term::string(a.name())),
        ("atom_to_list", [Term::Atom(a)]) => Ok(to_charlist(a.name())),
        ("atom_to_binary" | "atom_to_list", [_, ..]) => bif(1, "not an atom"),
        ("integer_to_binary", [Term::Int(_)]) | ("integer_to_binary", [Term::Int(_), _]) => {
            return super::integer::call("to_string", args.clone())
        }
        ("integer_to_list", [Term::Int(i)]) => Ok(to_charlist(&i.to_string())),
        ("integer_to_binary" | "integer_to_list", [_, ..]) => bif(1, "not an integer"),
        ("binary_to_integer", [Term::Binary(_)]) => {
            match parse_int_exact(&text(&args[0]).unwrap_or_default(), 10) {
                Some(i) => Ok(Term::Int(i)),
                None => bif(1, "not a textual representation of an integer"),
            }
        }
        ("list_to_integer", [l]) => match charlist(l).and_then(|s| parse_int_exact(&s, 10)) {
            Some(i) => Ok(Term::Int(i)),
            None => bif(1, "not a textual representation of an integer"),
        },
        ("binary_to_float", [Term::Binary(_)]) => {
            match erlang_float(&text(&args[0]).unwrap_or_default()) {
                Some(f) => Ok(Term::Float(f)),
                None => bif(1, "not a textual representation of a float"),
            }
        }
        ("binary_to_integer" | "binary_to_float", [_]) => bif(1, "not a binary"),
        ("float_to_binary", [Term::Float(f)]) => Ok(Term::string(&scientific(*f))),
        ("float_to_binary", [Term::Float(f), opts]) => match opts.keyword_get("decimals") {
            Some(Term::Int(d)) if (0..=253).contains(d) => {
                Ok(Term::string(&format!("{:.*}", *d as usize, f)))
            }
            _ => Ok(Term::string(&scientific(*f))),
        },
        ("float_to_binary", [_, ..]) => bif(1, "not a float"),
        ("tuple_to_list", [Term::Tuple(t)]) => Ok(Term::list(t.to_vec())),
        ("tuple_to_list" | "tuple_size", [_]) if !matches!(args[0], Term::Tuple(_)) => {
            bif(1, "not a tuple")
        }
        ("list_to_tuple", [Term::List(l)]) => Ok(Term::tuple(l.to_vec())),
        ("list_to_tuple", [_]) => bif(1, "not a list"),
        ("tuple_size", [Term::Tuple(t)]) => Ok(Term::Int(t.len() as i64)),
        ("element", [Term::Int(i), Term::Tuple(t)]) if *i >= 1 && (*i as usize) <= t.len() => {
            Ok(t[*i as usize - 1].clone())
        }
        ("element", [_, Term::Tuple(_)]) => bif(1, "out of range"),
        ("element", [_, _]) => bif(2, "not a tuple"),
        ("setelement", [Term::Int(i), Term::Tuple(t), v])
            if *i >= 1 && (*i as usize) <= t.len() =>
        {
            let mut items = t.to_vec();
            items[*i as usize - 1] = v.clone();
            Ok(Term::tuple(items))
        }
        ("setelement", [_, _, _]) => bif(1, "out of range"),
        ("length", [Term::List(l)]) => Ok(Term::Int(l.len() as i64)),
        ("length", [_]) => bif(1, "not a list"),
        ("hd", [Term::List(l)]) if !l.is_empty() => Ok(l[0].clone()),
        ("tl", [Term::List(l)]) if !l.is_empty() => Ok(Term::List(l.tail())),
        ("tl", [l @ Term::ImproperList(..)]) => {
            Ok(crate::runtime::match_fns::tail(l).unwrap_or_else(Term::nil))
        }
        ("hd" | "tl", [_]) => bif(1, "not a nonempty list"),
        ("abs", [Term::Int(i)]) => i
            .checked_abs()
            .map(Term::Int)
            .ok_or_else(crate::eval::ops::overflow),
        ("abs", [Term::Float(f)]) => Ok(Term::Float(f.abs())),
        ("abs", [_]) => bif(1, "not a number"),
        // Kernel's max/min are these BIFs.
        ("max" | "min", [_, _]) => return super::kernel::call(ev, function, args),
        ("node", []) => Ok(Term::atom("nonode@nohost")),
        ("memory", []) => Ok(memory()),
        ("memory", [Term::Atom(a)]) => memory().keyword_get(a.name()).cloned().ok_or_else(|| {
            Error::bif_argument(1, "invalid memory type option")
                .at(frame("erlang", function, &args))
        }),
        ("monotonic_time" | "time_offset", _) => {
            let now = ev.client.monotonic_time_ns();
            return super::system::clock(function, now, &args);
        }
        ("unique_integer", _) | ("system_time", _) => {
            return os("system_time", args[..args.len().min(1)].to_vec())
        }
        ("phash2", [t]) => {
            use std::hash::{Hash, Hasher};
            let mut h = std::collections::hash_map::DefaultHasher::new();
            t.hash(&mut h);
            Ok(Term::Int((h.finish() % (1 << 27)) as i64))
        }
        (check, [x]) if check.starts_with("is_") => {
            type_check(check, x).map(|b| Ok(Term::bool(b)))?
        }
        _ => return None,
    })
}

/// The BIFs that ask the runtime about processes and atoms.
fn process_bifs(ev: &mut Evaluator, function: &str, args: &[Term]) -> Answer {
    Some(match (function, args) {
        ("system_info", [Term::Atom(item)]) => ev
            .client
            .runtime()
            .system_info(item.name())
            .ok_or_else(|| Error::bif_argument(1, "invalid system_info item")),
        ("self", []) => Ok(Term::Pid(ev.client.pid())),
        ("is_process_alive", [Term::Pid(p)]) => Ok(Term::bool(ev.client.alive(*p))),
        ("whereis", [Term::Atom(a)]) => Ok(ev
            .client
            .whereis(a)
            .map_or_else(|| Term::atom("undefined"), Term::Pid)),
        ("exit", [Term::Pid(p), reason]) => Ok(Term::bool(ev.client.exit(*p, reason.clone()))),
        ("exit", [reason]) => Err(Error::Exit(reason.clone())),
        ("error", [reason, ..]) if args.len() <= 3 => {
            Err(Error::Raise(super::exceptions::normalize(reason)))
        }
        ("throw", [value]) => Err(Error::Throw(value.clone())),
        ("make_ref", []) => Ok(Term::Ref(ev.client.make_ref())),
        // The process dictionary, whose misses are `:undefined` here.
        ("put", [key, value]) => Ok(ev
            .client
            .dictionary_put(key.clone(), value.clone())
            .unwrap_or_else(|| Term::atom("undefined"))),
        ("get", [key]) => Ok(ev
            .client
            .dictionary_get(key)
            .unwrap_or_else(|| Term::atom("undefined"))),
        ("erase", [key]) => Ok(ev
            .client
            .dictionary_delete(key)
            .unwrap_or_else(|| Term::atom("undefined"))),
        ("get" | "erase" | "get_keys", []) => {
            let entries = match function {
                "erase" => ev.client.dictionary_erase(),
                _ => ev.client.dictionary(),
            };
            Ok(Term::list(
                entries
                    .into_iter()
                    .map(|(k, v)| match function {
                        "get_keys" => k,
                        _ => Term::tuple(vec![k, v]),
                    })
                    .collect(),
            ))
        }
        // `Process.info/1,2` is this BIF, for the arguments both take.
        ("process_info", [Term::Pid(_)] | [Term::Pid(_), Term::Atom(_) | Term::List(_)]) => {
            return super::process::call(ev, "info", args.to_vec())
        }
        _ => return None,
    })
}

fn type_check(check: &str, x: &Term) -> Option<bool> {
    Some(match check {
        "is_atom" => matches!(x, Term::Atom(_)),
        "is_list" => matches!(x, Term::List(_) | Term::ImproperList(..)),
        "is_tuple" => matches!(x, Term::Tuple(_)),
        "is_map" => matches!(x, Term::Map(_)),
        "is_integer" => matches!(x, Term::Int(_)),
        "is_float" => matches!(x, Term::Float(_)),
        "is_number" => matches!(x, Term::Int(_) | Term::Float(_)),
        "is_binary" => matches!(x, Term::Binary(_)),
        "is_pid" => matches!(x, Term::Pid(_)),
        "is_reference" => matches!(x, Term::Ref(_)),
        "is_function" => matches!(x, Term::Fun(_)),
        "is_boolean" => x.is_atom("true") || x.is_atom("false"),
        _ => return None,
    })
}

/// `float_to_binary/1`: 20 digits of scientific notation, as `"1.50000000000000000000e+00"`.
fn scientific(f: f64) -> String {
    let s = format!("{f:.20e}");
    match s.split_once('e') {
        Some((m, e)) => {
            let exp: i32 = e.parse().unwrap_or(0);
            format!("{m}e{}{:02}", if exp < 0 { '-' } else { '+' }, exp.abs())
        }
        None => s,
    }
}

/// `:erlang.memory/0`: this shell is not a BEAM node, so the figures are plausible
/// constants of the right shape rather than measurements.
fn memory() -> Term {
    let kw = |k: &str, v: i64| Term::tuple(vec![Term::atom(k), Term::Int(v)]);
    Term::list(vec![
        kw("total", 26_000_000),
        kw("processes", 5_600_000),
        kw("processes_used", 5_600_000),
        kw("system", 20_400_000),
        kw("atom", 500_000),
        kw("atom_used", 480_000),
        kw("binary", 120_000),
        kw("code", 9_000_000),
        kw("ets", 600_000),
    ])
}

/// `:os` (and `:erlang`'s clocks): wall-clock time in the unit asked for.
pub fn os(function: &str, args: Vec<Term>) -> Answer {
    let now = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap_or_default();
    let unit = args
        .first()
        .and_then(Term::as_atom)
        .map(|a| a.name().to_string());
    let value = match unit.as_deref() {
        Some("second" | "seconds") => now.as_secs() as i64,
        Some("millisecond" | "milli_seconds") => now.as_millis() as i64,
        Some("microsecond" | "micro_seconds") => now.as_micros() as i64,
        _ => now.as_nanos() as i64,
    };
    match function {
        "system_time" => Some(Ok(Term::Int(value))),
        _ => None,
    }
}
