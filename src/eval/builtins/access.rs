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
            Some(module) => Err(not_access(module, container, key)),
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

pub(crate) fn get(container: &Term, key: &Term, default: Term) -> Result<Term> {
    Ok(fetch(container, key)?.unwrap_or(default))
}

/// A struct (a range, an exception) does not implement `Access`: iex shows the
/// `fetch/2` it tried to call.
fn not_access(module: &Term, container: &Term, key: &Term) -> Error {
    let name = crate::inspect::inspect_plain(module);
    let error = Error::Raise(crate::error::exception(
        "UndefinedFunctionError",
        vec![
            ("module", module.clone()),
            ("function", Term::atom("fetch")),
            ("arity", Term::Int(2)),
            (
                "message",
                Term::string(&format!(
                    "function {name}.fetch/2 is undefined ({name} does not implement the Access \
                     behaviour. If you are using get_in/put_in/update_in, you can specify the \
                     field to be accessed using Access.key!/1)"
                )),
            ),
        ],
    ));
    error.at(format!(
        "(elixir 1.14.0) {name}.fetch({}, {})",
        crate::inspect::inspect_plain(container),
        crate::inspect::inspect_plain(key)
    ))
}

/// `get_in(data, keys)` for a non-empty list of keys: `nil` once a level is missing.
pub fn get_in(data: &Term, keys: &Term) -> Result<Term> {
    let Some(path @ [_, ..]) = keys.as_list() else {
        return Err(clause_error(
            "Kernel",
            "get_in",
            vec![data.clone(), keys.clone()],
            &GET_IN_CLAUSES,
        ));
    };
    let mut value = data.clone();
    for key in path {
        if value.is_nil() {
            return Ok(value);
        }
        value = get(&value, key, Term::nil())?;
    }
    Ok(value)
}

const GET_IN_CLAUSES: [&str; 5] = [
    "def get_in(-nil-, -[_ | _]-)",
    "def get_in(data, -[h]-) when -is_function(h)-",
    "def get_in(data, -[h | t]-) when -is_function(h)-",
    "def get_in(data, -[h]-)",
    "def get_in(data, -[h | t]-)",
];

/// `update_in(data, keys, fun)` (and `put_in/3`, whose `fun` ignores the old value):
/// each level is replaced by its update, a missing key counting as `nil`.
pub fn update_in(
    data: &Term,
    keys: &[Term],
    fun: &mut dyn FnMut(Term) -> Result<Term>,
) -> Result<Term> {
    let Some((key, rest)) = keys.split_first() else {
        return fun(data.clone());
    };
    let old = match data {
        t if t.is_nil() => {
            return Err(Error::argument(format!(
                "could not put/update key {} on a nil value",
                crate::inspect::inspect_plain(key)
            )))
        }
        _ => get(data, key, Term::nil())?,
    };
    let new = update_in(&old, rest, fun)?;
    Ok(match data {
        Term::Map(m) => {
            let mut m = m.clone();
            std::sync::Arc::make_mut(&mut m).insert(key.clone(), new);
            Term::Map(m)
        }
        // A keyword list: the first entry is replaced, or a new one goes in front.
        Term::List(items) => {
            let mut items = items.to_vec();
            match items
                .iter()
                .position(|p| matches!(p.as_tuple(), Some([k, _]) if k == key))
            {
                Some(i) => items[i] = Term::tuple(vec![key.clone(), new]),
                None => items.insert(0, Term::tuple(vec![key.clone(), new])),
            }
            Term::list(items)
        }
        _ => unreachable!("`get` accepted only maps, lists and nil"),
    })
}

/// `pop_in/2` given keys that are no non-empty list.
pub fn pop_in_clause(data: &Term, keys: &Term) -> Error {
    let nil = if data.is_nil() { "nil" } else { "-nil-" };
    let clauses = [
        format!("def pop_in({nil}, -[key | _]-)"),
        "def pop_in(data, -[_ | _] = keys-)".to_string(),
    ];
    let clauses: Vec<&str> = clauses.iter().map(String::as_str).collect();
    let args = vec![data.clone(), keys.clone()];
    clause_error("Kernel", "pop_in", args, &clauses)
}

/// `get_and_update_in/3` given no 1-arity function or keys that are no non-empty list;
/// each clause marks what it found wrong.
pub fn get_and_update_clause(data: &Term, keys: &Term, fun: &Term) -> Error {
    let mark = |ok: bool, text: &str| match ok {
        true => text.to_string(),
        false => format!("-{text}-"),
    };
    let len = keys.as_list().map_or(0, |k| k.len());
    let one = mark(len == 1, "[head]");
    let many = mark(len >= 1, "[head | tail]");
    let fun_ok = mark(
        matches!(fun, Term::Fun(f) if f.arity == 1),
        "is_function(fun, 1)",
    );
    let clauses = [
        format!("def get_and_update_in(data, {one}, fun) when -is_function(head, 3)-"),
        format!("def get_and_update_in(data, {many}, fun) when -is_function(head, 3)-"),
        format!("def get_and_update_in(data, {one}, fun) when {fun_ok}"),
        format!("def get_and_update_in(data, {many}, fun) when {fun_ok}"),
    ];
    let clauses: Vec<&str> = clauses.iter().map(String::as_str).collect();
    let args = vec![data.clone(), keys.clone(), fun.clone()];
    clause_error("Kernel", "get_and_update_in", args, &clauses)
}
