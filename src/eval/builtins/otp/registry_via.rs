//! `Registry`'s `:via` callbacks as a learner may call them by hand
//! (`whereis_name/1`, `register_name/2`, `unregister_name/1`, `send/2`) and
//! `Registry.child_spec/1`, translated from Elixir 1.14's `Registry`.

use crate::error::{Error, Result};
use crate::eval::builtins::stdlib::clause_error;
use crate::eval::Evaluator;
use crate::term::Term;

/// `{registry, key}` or `{registry, key, value}`: the registry, key and value.
fn name_parts(name: &Term) -> Option<(&Term, &Term, Term)> {
    match name.as_tuple()? {
        [reg, key] => Some((reg, key, Term::nil())),
        [reg, key, value] => Some((reg, key, value.clone())),
        _ => None,
    }
}

/// The clause error of a callback given no `{registry, key}` tuple.
fn no_name(function: &str, args: Vec<Term>, rest: &str) -> Error {
    let clauses = [
        format!("def {function}(-{{registry, key}}-{rest})"),
        match function {
            "register_name" => format!("def {function}(-{{registry, key, value}}-{rest})"),
            _ => format!("def {function}(-{{registry, key, _value}}-{rest})"),
        },
    ];
    let clauses: Vec<&str> = clauses.iter().map(String::as_str).collect();
    clause_error("Registry", function, args, &clauses)
}

/// The `{pid, value}` a key of a unique registry is held by, if any.
fn whereis(ev: &Evaluator, reg: &Term, key: &Term) -> Result<Term> {
    let found = ev.client.registry_lookup(reg, key)?;
    let pid = found
        .as_list()
        .and_then(|l| l.first())
        .and_then(|e| e.as_tuple().map(|t| t[0].clone()));
    Ok(pid.unwrap_or_else(|| Term::atom("undefined")))
}

/// Some(answer) for the via callbacks and `child_spec/1`; None for anything else.
pub fn call(ev: &mut Evaluator, function: &str, args: &[Term]) -> Option<Result<Term>> {
    let known = matches!(
        (function, args.len()),
        ("whereis_name" | "unregister_name" | "child_spec", 1) | ("register_name" | "send", 2)
    );
    known.then(|| answer(ev, function, args))
}

fn answer(ev: &mut Evaluator, function: &str, args: &[Term]) -> Result<Term> {
    match (function, args) {
        ("whereis_name", [name]) => match name_parts(name) {
            Some((reg, key, _)) => whereis(ev, reg, key),
            None => Err(no_name(function, args.to_vec(), "")),
        },
        ("unregister_name", [name]) => match name_parts(name) {
            Some((reg, key, _)) => ev.client.registry_unregister(reg, key),
            None => Err(no_name(function, args.to_vec(), "")),
        },
        // `def register_name({registry, key}, pid) when pid == self()`.
        ("register_name", [name, pid]) => match name_parts(name) {
            Some((reg, key, value)) if *pid == Term::Pid(ev.client.pid()) => {
                let answer = ev.client.registry_register(reg, key.clone(), value)?;
                let yes = answer.as_tuple().is_some_and(|t| t[0].is_atom("ok"));
                Ok(Term::atom(if yes { "yes" } else { "no" }))
            }
            // The public clauses take the name apart; the private `/4` checks the pid.
            Some((reg, key, value)) => {
                let args = vec![reg.clone(), key.clone(), value, pid.clone()];
                let clause = "defp register_name(registry, key, value, pid) when -pid == self()-";
                Err(clause_error("Registry", function, args, &[clause]))
            }
            None => Err(no_name(function, args.to_vec(), ", pid")),
        },
        // No holder: `:erlang.error(:badarg, [name, msg])`, a bare "argument error".
        ("send", [name, msg]) => match name_parts(name) {
            Some((reg, key, _)) => match whereis(ev, reg, key)? {
                pid @ Term::Pid(_) => ev.client.send(&pid, msg.clone()),
                _ => Err(Error::raise_message("ArgumentError", "argument error")),
            },
            None => Err(no_name(function, args.to_vec(), ", msg")),
        },
        ("child_spec", [opts]) => Ok(Term::map(vec![
            (
                Term::atom("id"),
                opts.keyword_get("name")
                    .cloned()
                    .unwrap_or_else(|| Term::module("Registry")),
            ),
            (
                Term::atom("start"),
                Term::tuple(vec![
                    Term::module("Registry"),
                    Term::atom("start_link"),
                    Term::list(vec![opts.clone()]),
                ]),
            ),
            (Term::atom("type"), Term::atom("supervisor")),
        ])),
        _ => Err(Error::function_clause("Registry", function, args.len())),
    }
}
