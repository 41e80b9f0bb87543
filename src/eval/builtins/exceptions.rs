//! The exception structs as modules: `KeyError.exception(key: :a)` (what `raise KeyError,
//! key: :a` calls) and `ErlangError.normalize/2` (what turns `:erlang.error(:badarg)` into
//! an `ArgumentError`). The structs' fields come from the printer's table, so a struct
//! built here prints as iex prints it.

use super::stdlib::clause_error;
use super::Answer;
use crate::error::{exception, exception_module, Error, Result};
use crate::eval::report;
use crate::term::Term;

/// `Module.exception(arg)` as `defexception` defines it: a string is the message (for
/// structs with one), a keyword list sets the known fields and drops the others. `None`
/// when the module is not an exception otpsh knows.
pub fn new(module: &str, arg: &Term) -> Option<Result<Term>> {
    let alias = module.strip_prefix("Elixir.")?;
    let (true, fields) = crate::inspect::struct_fields(alias)? else {
        return None;
    };
    let has_message = fields.contains(&"message");
    let given: Vec<(String, Term)> = match arg {
        Term::Binary(_) if has_message => vec![("message".into(), arg.clone())],
        list if list.as_list().is_some() => list
            .as_list()
            .unwrap_or(&[])
            .iter()
            .filter_map(|pair| match pair.as_tuple() {
                Some([Term::Atom(k), v]) => Some((k.name().to_string(), v.clone())),
                _ => None,
            })
            .collect(),
        _ => {
            let mut clauses = vec!["def exception(args) when -is_list(args)-"];
            if has_message {
                clauses.insert(0, "def exception(msg) when -is_binary(msg)-");
            }
            return Some(Err(clause_error(
                alias,
                "exception",
                vec![arg.clone()],
                &clauses,
            )));
        }
    };
    let values = fields.iter().map(|field| {
        let value = given.iter().rev().find(|(k, _)| k == field).map(|(_, v)| v);
        (
            *field,
            value.cloned().unwrap_or_else(|| default(alias, field)),
        )
    });
    Some(Ok(exception(alias, values.collect())))
}

/// The `Exception` module: `message/1`, `format/2`, `format_exit/1`.
pub fn exception_functions(function: &str, args: &[Term]) -> Answer {
    Some(match (function, args) {
        // `Exception.exception?/1`: a struct whose `__exception__` is true.
        ("exception?", [t]) => Ok(Term::bool(matches!(
            t,
            Term::Map(m) if m.get(&Term::atom("__exception__")).is_some_and(|v| v.is_atom("true"))
                && m.contains_key(&Term::atom("__struct__"))
        ))),
        ("message", [e]) if exception_module(e).is_some() => {
            Ok(Term::string(&report::exception_message(e)))
        }
        ("message", [other]) => Err(clause_error(
            "Exception",
            "message",
            vec![other.clone()],
            &["def message(-%module{__exception__: true} = exception-)"],
        )),
        ("format_exit", [reason]) => Ok(Term::string(&report::format_exit(reason))),
        ("format", [Term::Atom(kind), payload]) | ("format", [Term::Atom(kind), payload, _]) => {
            let error = match kind.name() {
                "exit" => Error::Exit(payload.clone()),
                "throw" => Error::Throw(payload.clone()),
                _ => Error::Raise(normalize(payload)),
            };
            Ok(Term::string(&report::format_error(&error)))
        }
        _ => return None,
    })
}

/// A field's value when `exception/1` is not given it.
fn default(alias: &str, field: &str) -> Term {
    let message = match alias {
        "ArgumentError" => "argument error",
        "RuntimeError" => "runtime error",
        "ArithmeticError" => "bad argument in arithmetic expression",
        "SystemLimitError" => "a system limit has been reached",
        "Enum.EmptyError" => "empty error",
        "Enum.OutOfBoundsError" => "out of bounds error",
        _ => "",
    };
    match field {
        "message" if !message.is_empty() => Term::string(message),
        "description" => Term::string(""),
        _ => Term::nil(),
    }
}

/// `ErlangError.normalize/2`: the exception Elixir shows for an Erlang error reason
/// (`:badarg`, `{:badmatch, 3}`); an exception struct stays as it is.
pub fn normalize(reason: &Term) -> Term {
    if exception_module(reason).is_some() {
        return reason.clone();
    }
    let of =
        |alias: &str, fields: Vec<(&str, Term)>| exception(alias, with_defaults(alias, fields));
    if let Term::Atom(a) = reason {
        match a.name() {
            "badarg" => return of("ArgumentError", vec![]),
            "badarith" => return of("ArithmeticError", vec![]),
            "system_limit" => return of("SystemLimitError", vec![]),
            "cond_clause" => return of("CondClauseError", vec![]),
            _ => {}
        }
    }
    let items = reason.as_tuple().unwrap_or(&[]);
    let tag = items.first().and_then(Term::as_atom).map(|a| a.name());
    match (tag, items) {
        (Some("badmatch"), [_, t]) => of("MatchError", vec![("term", t.clone())]),
        (Some("case_clause"), [_, t]) => of("CaseClauseError", vec![("term", t.clone())]),
        (Some("with_clause"), [_, t]) => of("WithClauseError", vec![("term", t.clone())]),
        (Some("try_clause"), [_, t]) => of("TryClauseError", vec![("term", t.clone())]),
        (Some("badmap"), [_, t]) => of("BadMapError", vec![("term", t.clone())]),
        (Some("badfun"), [_, t]) => of("BadFunctionError", vec![("term", t.clone())]),
        (Some("badkey"), [_, k]) => of("KeyError", vec![("key", k.clone())]),
        (Some("badkey"), [_, k, m]) => {
            of("KeyError", vec![("key", k.clone()), ("term", m.clone())])
        }
        (Some("badbool"), [_, op, t]) => of(
            "BadBooleanError",
            vec![("operator", op.clone()), ("term", t.clone())],
        ),
        (Some("badarg"), [_, payload]) => {
            let message = format!("argument error: {}", crate::inspect::inspect_plain(payload));
            of("ArgumentError", vec![("message", Term::string(&message))])
        }
        _ => of("ErlangError", vec![("original", reason.clone())]),
    }
}

/// Every field of `alias`, those not given at their default.
fn with_defaults<'a>(alias: &str, given: Vec<(&'a str, Term)>) -> Vec<(&'a str, Term)> {
    let Some((_, fields)) = crate::inspect::struct_fields(alias) else {
        return given;
    };
    fields
        .iter()
        .map(|field| match given.iter().find(|(k, _)| k == field) {
            Some((_, v)) => (*field, v.clone()),
            None => (*field, default(alias, field)),
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::error::exception_field;

    #[test]
    fn exception_takes_a_message_or_fields() {
        let e = new("Elixir.KeyError", &Term::string("m")).unwrap().unwrap();
        assert_eq!(exception_field(&e, "message"), Some(&Term::string("m")));
        assert_eq!(exception_field(&e, "key"), Some(&Term::nil()));
        let kw = Term::list(vec![Term::tuple(vec![Term::atom("term"), Term::Int(1)])]);
        let e = new("Elixir.MatchError", &kw).unwrap().unwrap();
        assert_eq!(exception_field(&e, "term"), Some(&Term::Int(1)));
        assert!(new("Elixir.MatchError", &Term::string("x"))
            .unwrap()
            .is_err());
        assert!(new("Elixir.Foo", &Term::empty_list()).is_none());
    }

    #[test]
    fn normalize_maps_erlang_reasons() {
        let e = normalize(&Term::atom("badarg"));
        assert_eq!(exception_module(&e).as_deref(), Some("ArgumentError"));
        let e = normalize(&Term::atom("oops"));
        assert_eq!(exception_field(&e, "original"), Some(&Term::atom("oops")));
        assert_eq!(exception_field(&e, "reason"), Some(&Term::nil()));
    }
}
