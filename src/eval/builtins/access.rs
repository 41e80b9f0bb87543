//! `Access`: what `container[key]` means (the parser turns `kw[:name]` into
//! `Access.get(kw, :name)`, as Elixir does).

use super::stdlib::clause_error;
use super::Answer;
use crate::error::{Error, Result};
use crate::term::Term;

const CLAUSES: [&str; 5] = [
    "def get(-%module{} = container-, key, default)",
    "def get(map, key, default) when -is_map(map)-",
    "def get(list, key, default) when -is_list(list)- and KEY",
    "def get(list, key, _default) when -is_list(list)-",
    "def get(-nil-, _key, default)",
];

pub fn call(function: &str, args: Vec<Term>) -> Answer {
    Some(match (function, args.as_slice()) {
        ("get", [c, k]) => get(c, k, Term::nil()),
        ("get", [c, k, d]) => get(c, k, d.clone()),
        ("fetch", [c, k]) => {
            fetch(c, k).map(|v| v.map_or_else(|| Term::atom("error"), Term::ok_tuple))
        }
        _ => return None,
    })
}

fn fetch(container: &Term, key: &Term) -> Result<Option<Term>> {
    match container {
        Term::Map(m) => match m.get(&Term::atom("__struct__")) {
            Some(module) => Err(not_access(module)),
            None => Ok(m.get(key).cloned()),
        },
        Term::List(items) if matches!(key, Term::Atom(_)) => {
            Ok(items.iter().find_map(|p| match p.as_tuple() {
                Some([k, v]) if k == key => Some(v.clone()),
                _ => None,
            }))
        }
        Term::List(_) => Err(Error::argument(format!(
            "the Access calls for keywords expect the key to be an atom, got: {}",
            crate::inspect::inspect_plain(key)
        ))),
        t if t.is_nil() => Ok(None),
        other => {
            let key_ok = if matches!(key, Term::Atom(_)) {
                "is_atom(key)"
            } else {
                "-is_atom(key)-"
            };
            let clauses: Vec<String> = CLAUSES.iter().map(|c| c.replace("KEY", key_ok)).collect();
            let clauses: Vec<&str> = clauses.iter().map(String::as_str).collect();
            Err(clause_error(
                "Access",
                "get",
                vec![other.clone(), key.clone(), Term::nil()],
                &clauses,
            ))
        }
    }
}

fn get(container: &Term, key: &Term, default: Term) -> Result<Term> {
    Ok(fetch(container, key)?.unwrap_or(default))
}

/// A struct (a range, an exception) does not implement `Access`.
fn not_access(module: &Term) -> Error {
    let name = crate::inspect::inspect_plain(module);
    Error::Raise(crate::error::exception(
        "UndefinedFunctionError",
        vec![
            ("module", module.clone()),
            ("function", Term::atom("fetch")),
            ("arity", Term::Int(2)),
            (
                "message",
                Term::string(&format!(
                    "function {name}.fetch/2 is undefined ({name} does not implement the Access behaviour)"
                )),
            ),
        ],
    ))
}
