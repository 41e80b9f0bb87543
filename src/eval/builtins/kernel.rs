//! `Kernel`: the functions a line can call without a module, plus iex's helpers
//! (`flush/0`, `v/0,1`, `pid/1,3`).

use super::spawn::Spawn;
use super::{bif, no_clause, Answer};
use crate::error::{exception, exception_field, Error};
use crate::eval::access_path::Key;
use crate::eval::literal::to_string;
use crate::eval::{ops, Evaluator};
use crate::inspect::{inspect, inspect_plain, Options};
use crate::term::{Pid, Term};

pub fn call(ev: &mut Evaluator, name: &str, args: Vec<Term>) -> Answer {
    if let Some(answer) = super::operators::operator(name, &args) {
        return Some(answer);
    }
    if let Some(answer) = super::sigils::call(ev, name, &args) {
        return Some(answer);
    }
    if matches!(name, "struct" | "struct!") {
        // A learner's struct module: its defaults stand in for it.
        let user = match args.first() {
            Some(Term::Atom(m)) => crate::vm::module::lookup(ev, m.name()),
            _ => None,
        };
        if let Some(module) = user.filter(|m| m.struct_fields.is_some()) {
            let given = |key: &str| {
                args.get(1).and_then(|kw| kw.as_list()).is_some_and(|kw| {
                    kw.iter()
                        .any(|p| matches!(p.as_tuple(), Some([k, _]) if k.is_atom(key)))
                })
            };
            let missing: Vec<Term> = module
                .enforce_keys
                .iter()
                .filter(|k| !given(k))
                .map(|k| Term::atom(k))
                .collect();
            if name == "struct!" && !missing.is_empty() {
                return Some(Err(Error::argument(format!(
                    "the following keys must also be given when building struct {}: {}",
                    module.shown(),
                    inspect_plain(&Term::list(missing))
                ))
                .at(format!("{}.__struct__/1", module.shown()))));
            }
            let mut args = args.clone();
            args[0] = module.default_struct().unwrap_or_else(Term::nil);
            if let Some(answer) = crate::eval::structs::struct_call(name, &args) {
                return Some(answer);
            }
        }
        if let Some(answer) = crate::eval::structs::struct_call(name, &args) {
            return Some(answer);
        }
    }
    Some(match (name, args.as_slice()) {
        ("self", []) => Ok(Term::Pid(ev.client.pid())),
        ("node", []) => Ok(Term::atom("nonode@nohost")),
        ("make_ref", []) => Ok(Term::Ref(ev.client.make_ref())),
        ("send", [dest, msg]) => ev.client.send(dest, msg.clone()),
        ("elem", [t, i]) => elem(t, i),
        ("spawn", [f]) => super::spawn::spawn(ev, f, Spawn::Plain),
        ("spawn_link", [f]) => super::spawn::spawn(ev, f, Spawn::Link),
        ("spawn_monitor", [f]) => super::spawn::spawn(ev, f, Spawn::Monitor),
        ("spawn", [m, f, a]) => super::spawn::spawn_mfa(ev, m, f, a, Spawn::Plain),
        ("spawn_link", [m, f, a]) => super::spawn::spawn_mfa(ev, m, f, a, Spawn::Link),
        ("spawn_monitor", [m, f, a]) => super::spawn::spawn_mfa(ev, m, f, a, Spawn::Monitor),
        ("=~", [Term::Binary(a), Term::Binary(b)]) => Ok(Term::bool(
            a.windows(b.len().max(1)).any(|w| w == &b[..]) || b.is_empty(),
        )),
        ("**", [Term::Int(a), Term::Int(b)]) if *b >= 0 => u32::try_from(*b)
            .ok()
            .and_then(|b| a.checked_pow(b))
            .map(Term::Int)
            .ok_or_else(|| {
                Error::raise_message(
                    "ArithmeticError",
                    "otpsh: integer overflow (this shell's integers are 64-bit)",
                )
            }),
        ("**", [a, b])
            if matches!(a, Term::Int(_) | Term::Float(_))
                && matches!(b, Term::Int(_) | Term::Float(_)) =>
        {
            // `Kernel.**/2` on floats is `:math.pow/2`, with its badarith past f64's range.
            super::math::call("pow", vec![a.clone(), b.clone()])
                .unwrap_or_else(|| Ok(Term::Float(ops::as_f64(a).powf(ops::as_f64(b)))))
        }
        ("put_elem", [Term::Tuple(t), Term::Int(i), v]) if (*i as usize) < t.len() && *i >= 0 => {
            let mut items = t.to_vec();
            items[*i as usize] = v.clone();
            Ok(Term::tuple(items))
        }
        ("put_elem", [t, i, v]) => Err(put_elem_error(t, i, v)),
        // `then/2` and `tap/2` are macros in Elixir; as functions they behave alike.
        ("then", [value, f]) => ev.apply_fun(f, vec![value.clone()]),
        ("tap", [value, f]) => ev.apply_fun(f, vec![value.clone()]).map(|_| value.clone()),
        ("tuple_size", [Term::Tuple(t)]) => Ok(Term::Int(t.len() as i64)),
        ("hd", [Term::List(l)]) if !l.is_empty() => Ok(l[0].clone()),
        ("hd", [Term::ImproperList(l, _)]) => Ok(l[0].clone()),
        ("tl", [Term::List(l)]) if !l.is_empty() => Ok(Term::List(l.tail())),
        ("tl", [l @ Term::ImproperList(..)]) => {
            Ok(crate::runtime::match_fns::tail(l).unwrap_or_else(Term::nil))
        }
        ("hd" | "tl", [x]) => Err(bif(name, &[x], 1, "not a nonempty list")),
        ("length", [Term::List(l)]) => Ok(Term::Int(l.len() as i64)),
        ("length", [x]) => Err(bif("length", &[x], 1, "not a list")),
        ("map_size", [Term::Map(m)]) => Ok(Term::Int(m.len() as i64)),
        ("map_size", [x]) => Err(super::stdlib::bad_map(x).at(format!(
            ":erlang.map_size({})",
            inspect_plain(x)
        ))),
        ("tuple_size", [x]) if !matches!(x, Term::Tuple(_)) => {
            Err(bif("tuple_size", &[x], 1, "not a tuple"))
        }
        ("byte_size", [Term::Binary(b)]) => Ok(Term::Int(b.len() as i64)),
        ("abs", [Term::Int(i)]) => i.checked_abs().map(Term::Int).ok_or_else(int_overflow),
        ("abs", [Term::Float(f)]) => Ok(Term::Float(f.abs())),
        ("div", [Term::Int(_), Term::Int(0)]) | ("rem", [Term::Int(_), Term::Int(0)]) => {
            Err(ops::arithmetic(
                &format!("{name}({}, 0)", inspect_plain(&args[0])),
                name,
                &[&args[0], &args[1]],
            ))
        }
        // `i64::MIN / -1` is 2^63, past i64; `i64::MIN rem -1` is 0, which wrapping gives.
        ("div", [Term::Int(a), Term::Int(b)]) => {
            a.checked_div(*b).map(Term::Int).ok_or_else(int_overflow)
        }
        ("rem", [Term::Int(a), Term::Int(b)]) => Ok(Term::Int(a.wrapping_rem(*b))),
        ("div" | "rem", [a, b]) => Err(ops::arithmetic(
            &format!("{name}({}, {})", inspect_plain(a), inspect_plain(b)),
            name,
            &[a, b],
        )),
        ("max", [a, b]) => Ok(if a.compare(b).is_lt() {
            b.clone()
        } else {
            a.clone()
        }),
        ("min", [a, b]) => Ok(if b.compare(a).is_lt() {
            b.clone()
        } else {
            a.clone()
        }),
        ("round", [Term::Float(f)]) => float_to_int(f.round()),
        ("trunc", [Term::Float(f)]) => float_to_int(f.trunc()),
        ("round" | "trunc", [Term::Int(i)]) => Ok(Term::Int(*i)),
        ("to_string", [v]) => to_string(v).map(|s| Term::string(&s)),
        ("to_charlist", [v]) => super::chardata::to_charlist(v),
        ("inspect", [v]) => Ok(Term::string(&inspect(
            v,
            &Options {
                pretty: false,
                user_structs: ev.client.runtime().code().struct_order(),
                ..Options::default()
            },
        ))),
        ("inspect", [v, opts]) => {
            let plain = Options {
                pretty: false,
                user_structs: ev.client.runtime().code().struct_order(),
                ..Options::default()
            };
            Ok(Term::string(&inspect(v, &plain.with_keyword(opts))))
        }
        ("is_nil", [v]) => Ok(Term::bool(v.is_nil())),
        ("is_atom", [v]) => Ok(Term::bool(matches!(v, Term::Atom(_)))),
        ("is_binary", [v]) => Ok(Term::bool(matches!(v, Term::Binary(_)))),
        ("is_integer", [v]) => Ok(Term::bool(matches!(v, Term::Int(_)))),
        ("is_float", [v]) => Ok(Term::bool(matches!(v, Term::Float(_)))),
        ("is_number", [v]) => Ok(Term::bool(matches!(v, Term::Int(_) | Term::Float(_)))),
        ("is_list", [v]) => Ok(Term::bool(matches!(
            v,
            Term::List(_) | Term::ImproperList(..)
        ))),
        ("is_tuple", [v]) => Ok(Term::bool(matches!(v, Term::Tuple(_)))),
        ("is_map", [v]) => Ok(Term::bool(matches!(v, Term::Map(_)))),
        ("is_pid", [v]) => Ok(Term::bool(matches!(v, Term::Pid(_)))),
        ("is_reference", [v]) => Ok(Term::bool(matches!(v, Term::Ref(_)))),
        ("is_function", [v]) => Ok(Term::bool(matches!(v, Term::Fun(_)))),
        ("is_function", [Term::Fun(f), Term::Int(a)]) => Ok(Term::bool(f.arity as i64 == *a)),
        ("is_exception", [v]) => Ok(Term::bool(is_exception(v))),
        ("is_exception", [v, m]) => Ok(Term::bool(
            is_exception(v) && exception_field(v, "__struct__") == Some(m),
        )),
        ("is_port", [_]) => Ok(Term::bool(false)),
        ("is_struct", [v]) => Ok(Term::bool(struct_name(v).is_some())),
        ("is_struct", [v, Term::Atom(m)]) => Ok(Term::bool(
            struct_name(v).is_some_and(|name| name.as_atom() == Some(m)),
        )),
        ("is_struct", [_, _]) => Err(Error::argument("argument error")),
        ("is_map_key", [Term::Map(m), k]) => Ok(Term::bool(m.contains_key(k))),
        ("is_map_key", [map, k]) => Err(Error::Raise(crate::error::exception(
            "BadMapError",
            vec![("term", map.clone())],
        ))
        .at(format!(
            ":erlang.is_map_key({}, {})",
            inspect_plain(k),
            inspect_plain(map)
        ))),
        ("ceil", [Term::Float(f)]) => float_to_int(f.ceil()),
        ("floor", [Term::Float(f)]) => float_to_int(f.floor()),
        ("ceil" | "floor", [Term::Int(i)]) => Ok(Term::Int(*i)),
        ("ceil" | "floor", [x]) => Err(bif(name, &[x], 1, "not a number")),
        ("bit_size", [Term::Binary(b)]) => Ok(Term::Int(8 * b.len() as i64)),
        ("bit_size", [x]) => Err(bif("bit_size", &[x], 1, "not a bitstring")),
        ("binary_part", [b, start, len]) => binary_part(b, start, len),
        ("is_boolean", [v]) => Ok(Term::bool(v.is_atom("true") || v.is_atom("false"))),
        ("exit", [reason]) => Err(Error::Exit(reason.clone())),
        ("throw", [value]) => Err(Error::Throw(value.clone())),
        ("reraise", [msg, _]) => match ev.rescued_error(msg) {
            Some(original) => Err(original),
            None => raise(ev, msg, None),
        },
        ("raise", [msg]) => raise(ev, msg, None),
        ("raise", [module, fields]) => raise(ev, module, Some(fields)),
        ("apply", [f, Term::List(a)]) => ev.apply_fun(f, a.to_vec()),
        ("apply", [m, Term::Atom(f), Term::List(a)]) => {
            ev.apply_remote(m.clone(), f.name(), a.to_vec())
        }
        // `apply/2` counts the arguments first, `apply/3` checks them itself.
        ("apply", [_, a]) => Err(bif("length", &[a], 1, "not a list")),
        ("apply", [m, f, a]) => Err(Error::argument(format!(
            "you attempted to apply a function named {} on module {} with arguments {}. Arguments (the third argument of apply) must always be a proper list",
            inspect_plain(f),
            inspect_plain(m),
            inspect_plain(a)
        ))
        .at(format!(
            ":erlang.apply({}, {}, {})",
            inspect_plain(m),
            inspect_plain(f),
            inspect_plain(a)
        ))),
        ("get_in", [data, keys]) => super::access::get_in(data, keys),
        ("put_in", [data, Term::List(keys), value]) if !keys.is_empty() => {
            super::access::update_in(data, keys, &mut |_| Ok(value.clone()))
        }
        ("update_in", [data, Term::List(keys), f])
            if !keys.is_empty() && matches!(f, Term::Fun(_)) =>
        {
            super::access::update_in(data, keys, &mut |old| ev.apply_fun(f, vec![old]))
        }
        ("put_in", [data, keys, value]) => Err(super::stdlib::clause_error(
            "Kernel",
            "put_in",
            vec![data.clone(), keys.clone(), value.clone()],
            &["def put_in(data, -[_ | _] = keys-, value)"],
        )),
        ("function_exported?", [Term::Atom(m), Term::Atom(f), Term::Int(a)])
            if crate::vm::module::lookup(ev, m.name()).is_some() =>
        {
            let module = crate::vm::module::lookup(ev, m.name());
            let exported = module.is_some_and(|module| {
                crate::vm::module::resolve(&module, f.name(), *a as usize, false).is_some()
                    || matches!((f.name(), *a), ("__info__", 1) | ("module_info", 0 | 1))
            });
            Ok(Term::bool(exported))
        }
        ("function_exported?", [m, f, a]) => super::exports::function_exported(m, f, a),
        ("struct" | "struct!", [Term::Atom(m)] | [Term::Atom(m), _]) => {
            Err(super::undefined_function(m.name(), "__struct__", &[]))
        }
        ("update_in", [data, keys, fun]) => {
            // iex marks each part of the one clause that failed.
            let keys_ok = matches!(keys, Term::List(k) if !k.is_empty());
            let clause = format!(
                "def update_in(data, {}, fun) when {}",
                if keys_ok {
                    "[_ | _] = keys"
                } else {
                    "-[_ | _] = keys-"
                },
                match fun {
                    Term::Fun(_) => "is_function(fun)",
                    _ => "-is_function(fun)-",
                }
            );
            let args = vec![data.clone(), keys.clone(), fun.clone()];
            Err(super::stdlib::clause_error(
                "Kernel",
                "update_in",
                args,
                &[&clause],
            ))
        }
        ("pop_in", [data, Term::List(keys)]) if !keys.is_empty() => {
            let keys: Vec<_> = keys.iter().cloned().map(Key::Access).collect();
            ev.get_and_update_keys(data.clone(), &keys, true, &mut |_, _| Ok(Term::atom("pop")))
        }
        ("get_and_update_in", [data, Term::List(keys), f @ Term::Fun(g)])
            if !keys.is_empty() && g.arity == 1 =>
        {
            let keys: Vec<_> = keys.iter().cloned().map(Key::Access).collect();
            ev.get_and_update_keys(data.clone(), &keys, false, &mut |ev, old| {
                ev.apply_fun(f, vec![old])
            })
        }
        ("pop_in", [data, keys]) => Err(super::access::pop_in_clause(data, keys)),
        ("get_and_update_in", [data, keys, fun]) => {
            Err(super::access::get_and_update_clause(data, keys, fun))
        }
        ("flush", []) => flush(ev),
        ("exports", [Term::Atom(m)]) if crate::vm::module::lookup(ev, m.name()).is_some() => {
            let module = crate::vm::module::lookup(ev, m.name());
            let names: Vec<String> = module
                .map(|m| m.exports())
                .unwrap_or_default()
                .iter()
                .map(|(f, a)| format!("{f}/{a}"))
                .collect();
            ev.out.write(&exports_table(&names));
            Ok(Term::atom(crate::eval::DONT_DISPLAY))
        }
        ("i", [term]) => return super::info::info(ev, term).map(Ok),
        ("i", []) => {
            let last = ev.history.nth(&Term::Int(-1));
            return last.map_or_else(|e| Some(Err(e)), |t| super::info::info(ev, &t).map(Ok));
        }
        ("v", []) => ev.history.nth(&Term::Int(-1)),
        ("v", [n]) => ev.history.nth(n),
        ("pid", [Term::Binary(s)]) => parse_pid(&String::from_utf8_lossy(s)),
        ("pid", [Term::Int(0), Term::Int(n), Term::Int(0)]) if *n >= 0 => {
            Ok(Term::Pid(Pid(*n as u64)))
        }
        ("pid", [_, _, _]) => Err(no_clause("IEx.Helpers", "pid", 3)),
        _ => return None,
    })
}

/// The module of a struct: a map whose `__struct__` is an atom.
fn struct_name(v: &Term) -> Option<&Term> {
    match v {
        Term::Map(m) => m
            .get(&Term::atom("__struct__"))
            .filter(|name| name.as_atom().is_some()),
        _ => None,
    }
}

/// `binary_part(binary, start, length)`, a negative length counting back from `start`.
fn binary_part(b: &Term, start: &Term, len: &Term) -> Result<Term, Error> {
    let fail = |argument, problem| Err(bif("binary_part", &[b, start, len], argument, problem));
    let Term::Binary(bytes) = b else {
        return fail(1, "not a binary");
    };
    let (Term::Int(s), Term::Int(l)) = (start, len) else {
        let argument = if matches!(start, Term::Int(_)) { 3 } else { 2 };
        return fail(argument, "not an integer");
    };
    let size = bytes.len() as i64;
    if *s < 0 || *s > size {
        return fail(2, "out of range");
    }
    let (from, to) = if *l < 0 { (s + l, *s) } else { (*s, s + l) };
    if from < 0 || to > size {
        return fail(3, "out of range");
    }
    Ok(Term::Binary(bytes[from as usize..to as usize].into()))
}

/// A map with `__exception__: true` and an atom `__struct__`.
fn is_exception(v: &Term) -> bool {
    exception_field(v, "__exception__").is_some_and(|t| t.is_atom("true"))
        && exception_field(v, "__struct__").is_some_and(|m| m.as_atom().is_some())
}

/// `elem/2` and `put_elem/3` are `:erlang.element(index + 1, tuple)` and
/// `:erlang.setelement(index + 1, ...)`: the BIFs take the 1-based index first, and the
/// `+ 1` fails first on an index that is no number.
fn one_based(i: &Term) -> Result<Term, Error> {
    match i {
        Term::Int(n) => n.checked_add(1).map(Term::Int).ok_or_else(int_overflow),
        Term::Float(f) => Ok(Term::Float(f + 1.0)),
        other => Err(ops::arithmetic(
            &format!("{} + 1", inspect_plain(other)),
            "+",
            &[other, &Term::Int(1)],
        )),
    }
}

fn elem(t: &Term, i: &Term) -> Result<Term, Error> {
    let index = one_based(i)?;
    match (t, i) {
        (Term::Tuple(items), Term::Int(i)) if *i >= 0 && (*i as usize) < items.len() => {
            Ok(items[*i as usize].clone())
        }
        (Term::Tuple(_), Term::Int(_)) => Err(bif("element", &[&index, t], 1, "out of range")),
        (Term::Tuple(_), _) => Err(bif("element", &[&index, t], 1, "not an integer")),
        _ => Err(bif("element", &[&index, t], 2, "not a tuple")),
    }
}

/// Why `:erlang.setelement/3` refused what `put_elem/3` gave it (the index 1-based).
fn put_elem_error(t: &Term, i: &Term, v: &Term) -> Error {
    let index = match one_based(i) {
        Ok(index) => index,
        Err(e) => return e,
    };
    let (argument, problem) = match (t, i) {
        (Term::Tuple(_), Term::Int(_)) => (1, "out of range"),
        (Term::Tuple(_), _) => (1, "not an integer"),
        _ => (2, "not a tuple"),
    };
    bif("setelement", &[&index, t, v], argument, problem)
}

/// `raise "msg"`, `raise ArgumentError`, `raise ArgumentError, "msg"`,
/// `raise ArgumentError, message: "msg"`.
fn raise(ev: &mut Evaluator, what: &Term, fields: Option<&Term>) -> Result<Term, Error> {
    match (what, fields) {
        (Term::Binary(b), None) => {
            let message = Term::string(&String::from_utf8_lossy(b));
            Err(ev.raise_exception(exception("RuntimeError", vec![("message", message)])))
        }
        // `raise Module, args` is `:erlang.error(Module.exception(args))`, so a module
        // that is not an exception fails on its `exception/1`.
        (Term::Atom(_), rest) => {
            let args = rest.cloned().unwrap_or_else(Term::empty_list);
            let e = ev.apply_remote(what.clone(), "exception", vec![args])?;
            Err(ev.raise_exception(super::exceptions::normalize(&e)))
        }
        // Any other receiver fails in the `apply` the macro expands to.
        (_, Some(args)) => {
            let e = ev.apply_remote(what.clone(), "exception", vec![args.clone()])?;
            Err(ev.raise_exception(super::exceptions::normalize(&e)))
        }
        (Term::Map(_), None) if exception_field(what, "__exception__").is_some() => {
            Err(ev.raise_exception(what.clone()))
        }
        _ => Err(Error::argument(format!(
            "raise/1 and reraise/2 expect a module name, string or exception as the first argument, got: {}",
            inspect_plain(what)
        ))),
    }
}

/// `IEx.Helpers.exports/1`'s table: each name padded to the longest (at most 30) plus
/// five, a new line once a line has passed 80 columns.
fn exports_table(names: &[String]) -> String {
    let longest = names.iter().map(|n| n.chars().count()).max().unwrap_or(0);
    let offset = longest.min(30) + 5;
    let mut text = String::new();
    let mut length = 0;
    for name in names {
        if length > 80 {
            text.push('\n');
            length = 0;
        }
        text.push_str(&format!("{name:<offset$}"));
        length += offset;
    }
    text.push('\n');
    text
}

/// Prints every message in the shell's mailbox, one per line, and returns `:ok`.
fn flush(ev: &mut Evaluator) -> Result<Term, Error> {
    while let Some(message) = ev.client.receive(Some(std::time::Duration::ZERO)) {
        let text = inspect(
            &message,
            &Options {
                color: ev.out.color(),
                ..Options::default()
            },
        );
        ev.out.write(&text);
        ev.out.write("\n");
    }
    Ok(Term::ok())
}

/// `pid("0.21.0")`
fn parse_pid(text: &str) -> Result<Term, Error> {
    let parts: Vec<&str> = text.split('.').collect();
    match parts.as_slice() {
        ["0", n, "0"] => n
            .parse::<u64>()
            .map(|n| Term::Pid(Pid(n)))
            .map_err(|_| Error::bif_argument(1, "not a textual representation of a pid")),
        _ => Err(Error::bif_argument(
            1,
            "not a textual representation of a pid",
        )),
    }
}

/// A whole float as an integer. The BEAM's integers are unbounded; past i64 this shell
/// says so rather than saturating to a wrong number (`as i64` would).
fn float_to_int(f: f64) -> crate::error::Result<Term> {
    // 2^63 is exactly representable; every whole float below it in magnitude fits.
    const LIMIT: f64 = 9_223_372_036_854_775_808.0;
    if (-LIMIT..LIMIT).contains(&f) {
        Ok(Term::Int(f as i64))
    } else {
        Err(int_overflow())
    }
}

/// Where the BEAM would go on into a bignum.
fn int_overflow() -> Error {
    Error::raise_message(
        "ArithmeticError",
        "otpsh: integer overflow (this shell's integers are 64-bit)",
    )
}

#[cfg(test)]
mod tests {
    use super::float_to_int;
    use crate::term::Term;

    /// Found by fuzzing: `round(1.0e300)` saturated to i64::MAX, a wrong number, where the
    /// BEAM answers with a bignum. Past i64 the shell now raises instead.
    #[test]
    fn a_float_past_i64_does_not_saturate_into_a_wrong_integer() {
        assert!(matches!(float_to_int(-3.0), Ok(Term::Int(-3))));
        assert!(matches!(
            float_to_int(-(2.0_f64.powi(63))),
            Ok(Term::Int(i64::MIN))
        ));
        assert!(float_to_int(2.0_f64.powi(63)).is_err());
        assert!(float_to_int(1.0e300).is_err());
        assert!(float_to_int(-1.0e300).is_err());
    }
}
