//! `Registry.select/2` for the match specs the Registry docs show:
//! `[{{:"$1", :"$2", :"$3"}, guards, [body]}]` with `:_` wildcards, `:"$N"` variables,
//! literals, and guards and bodies built from variables, `{{...}}` tuples, lists,
//! literals and the match-spec functions of `match_fns`.

use std::collections::HashMap;

use super::match_fns;
use crate::error::Error;
use crate::term::{Pid, Ref, Term};

type Bindings = HashMap<String, Term>;

/// Where a spec is run: which `Registry` function (for its own spec error) and the ETS
/// table iex shows in `:ets.select/2`'s error.
pub(crate) struct Site<'a> {
    pub function: &'a str,
    pub table: Ref,
    /// The process running the select: what `{:self}` gives.
    pub caller: Pid,
}

/// Elixir's own check: every clause must match a `{key, pid, value}` entry.
fn bad_spec(site: &Site, spec: &Term) -> Error {
    Error::argument(format!(
        "invalid match specification in Registry.{}/2: {}",
        site.function,
        super::text::term(spec)
    ))
}

/// ETS's check of the spec Elixir built (`{key, {pid, value}}` patterns), raised from
/// `:ets.select/2` or `:ets.select_count/2` as iex shows it.
fn bad_ets_spec(site: &Site, ets_spec: Term) -> Error {
    let ets = match site.function {
        "count_select" | "count_match" => "select_count",
        "unregister_match" => "internal_select_delete",
        _ => "select",
    };
    Error::bif_argument(2, "not a valid match specification").at(format!(
        "(stdlib 4.2) :ets.{ets}({}, {})",
        super::text::term(&Term::Ref(site.table)),
        super::text::term(&ets_spec)
    ))
}

/// Runs `spec` over `(key, pid, value)` entries: one result per entry a clause accepts.
/// `Registry.count_select/2` counts the results that are `true`, as `:ets.select_count`.
pub(crate) fn select(
    site: &Site,
    spec: &Term,
    entries: &[(Term, Pid, Term)],
) -> Result<Vec<Term>, Error> {
    let clauses = spec.as_list().ok_or_else(|| bad_spec(site, spec))?;
    let mut ets_clauses = Vec::new();
    for clause in clauses {
        match clause.as_tuple() {
            Some([pattern, guards, body]) => match pattern.as_tuple() {
                Some([k, p, v]) => ets_clauses.push(Term::tuple(vec![
                    Term::tuple(vec![k.clone(), Term::tuple(vec![p.clone(), v.clone()])]),
                    guards.clone(),
                    body.clone(),
                ])),
                _ => return Err(bad_spec(site, spec)),
            },
            _ => return Err(bad_spec(site, spec)),
        }
    }
    if !clauses.iter().all(valid_clause) {
        return Err(bad_ets_spec(site, Term::list(ets_clauses)));
    }
    let mut out = Vec::new();
    for (key, pid, value) in entries {
        let entry = Term::tuple(vec![key.clone(), Term::Pid(*pid), value.clone()]);
        // `:"$_"` is the ETS object, `{key, {pid, value}}`.
        let object = Term::tuple(vec![
            key.clone(),
            Term::tuple(vec![Term::Pid(*pid), value.clone()]),
        ]);
        for clause in clauses {
            let Some([pattern, guards, body]) = clause.as_tuple() else {
                continue;
            };
            let mut b = Bindings::new();
            if !matches(pattern, &entry, &mut b) {
                continue;
            }
            let scope = Scope {
                b: &b,
                object: &object,
                caller: Some(site.caller),
            };
            let guards = guards.as_list().unwrap_or(&[]);
            if !guards
                .iter()
                .all(|g| eval(g, &scope).is_some_and(|t| t.is_atom("true")))
            {
                continue;
            }
            // The last body expression is the result; one that fails at run time
            // gives `:EXIT`, as in ETS.
            let last = body.as_list().and_then(|body| body.last());
            out.push(
                last.and_then(|e| eval(e, &scope))
                    .unwrap_or_else(|| Term::atom("EXIT")),
            );
            break;
        }
    }
    Ok(out)
}

/// What `ets:match_spec_compile` accepts: guard and body lists (a body not empty) whose
/// variables the pattern binds and whose calls are guard functions.
fn valid_clause(clause: &Term) -> bool {
    let Some([pattern, guards, body]) = clause.as_tuple() else {
        return false;
    };
    let mut bound = Vec::new();
    pattern_vars(pattern, &mut bound);
    let (Some(guards), Some(body)) = (guards.as_list(), body.as_list()) else {
        return false;
    };
    !body.is_empty()
        && guards.iter().all(|g| valid_expr(g, &bound))
        && body.iter().all(|e| valid_expr(e, &bound))
}

fn pattern_vars<'t>(pattern: &'t Term, out: &mut Vec<&'t str>) {
    if let Some(v) = var_name(pattern) {
        out.push(v);
    }
    match pattern {
        Term::Tuple(items) => items.iter().for_each(|p| pattern_vars(p, out)),
        Term::List(items) => items.iter().for_each(|p| pattern_vars(p, out)),
        Term::Map(m) => m.iter().for_each(|(_, p)| pattern_vars(p, out)),
        _ => {}
    }
}

fn valid_expr(expr: &Term, bound: &[&str]) -> bool {
    if let Some(v) = var_name(expr) {
        return bound.contains(&v);
    }
    match expr {
        Term::Tuple(t) if t.len() == 1 => match (&t[0], t[0].as_tuple()) {
            (_, Some(inner)) => inner.iter().all(|e| valid_expr(e, bound)),
            // `{:self}`, `{:node}`: a call without arguments.
            (Term::Atom(f), None) => match_fns::known(f.name(), 0),
            _ => true,
        },
        Term::Tuple(t) if !t.is_empty() => match t[0].as_atom() {
            Some(op) if op.name() == "const" => t.len() == 2,
            Some(op) => {
                match_fns::known(op.name(), t.len() - 1)
                    && t[1..].iter().all(|e| valid_expr(e, bound))
            }
            None => false,
        },
        Term::Tuple(_) => false,
        Term::List(items) => items.iter().all(|e| valid_expr(e, bound)),
        _ => true,
    }
}

/// `Registry.match/4`'s test of one value: `pattern` with `:_` and `:"$N"`, then the
/// guards over the variables it bound.
pub(crate) fn match_value(
    pattern: &Term,
    guards: &Term,
    value: &Term,
    caller: Pid,
) -> Result<bool, Error> {
    let mut b = Bindings::new();
    if !matches(pattern, value, &mut b) {
        return Ok(false);
    }
    let guards = guards
        .as_list()
        .ok_or_else(|| Error::argument(format!("invalid guards: {}", super::text::term(guards))))?;
    let scope = Scope {
        b: &b,
        object: value,
        caller: Some(caller),
    };
    Ok(guards
        .iter()
        .all(|g| eval(g, &scope).is_some_and(|t| t.is_atom("true"))))
}

/// `Registry.match/4`, `count_match/4` and `unregister_match/4` run one ETS clause
/// built from the pattern and guards (`owner` is the pid `unregister_match` keeps to);
/// ETS rejects it when a guard is not a match-spec call or uses an unbound variable.
pub(crate) fn check_match(
    site: &Site,
    key: &Term,
    owner: Option<Pid>,
    pattern: &Term,
    guards: &[Term],
) -> Result<(), Error> {
    let owner = owner.map_or_else(|| Term::atom("_"), Term::Pid);
    let object_key = Term::tuple(vec![Term::atom("element"), Term::Int(1), Term::atom("$_")]);
    let key_test = Term::tuple(vec![
        Term::atom("=:="),
        object_key,
        Term::tuple(vec![Term::atom("const"), key.clone()]),
    ]);
    let body = if site.function == "match" {
        Term::tuple(vec![Term::atom("element"), Term::Int(2), Term::atom("$_")])
    } else {
        Term::atom("true")
    };
    let clause = Term::tuple(vec![
        Term::tuple(vec![
            Term::atom("_"),
            Term::tuple(vec![owner, pattern.clone()]),
        ]),
        Term::list(
            std::iter::once(key_test)
                .chain(guards.iter().cloned())
                .collect(),
        ),
        Term::list(vec![body]),
    ]);
    if valid_clause(&clause) {
        Ok(())
    } else {
        Err(bad_ets_spec(site, Term::list(vec![clause])))
    }
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

/// What a match-spec expression sees: the pattern's bindings, the ETS object
/// (`:"$_"`) and the process running the select (`{:self}`).
struct Scope<'a> {
    b: &'a Bindings,
    object: &'a Term,
    caller: Option<Pid>,
}

fn eval(expr: &Term, s: &Scope) -> Option<Term> {
    if expr.is_atom("$_") {
        return Some(s.object.clone());
    }
    if expr.is_atom("$$") {
        let mut vars: Vec<(&String, &Term)> = s.b.iter().collect();
        vars.sort_by_key(|(k, _)| k[1..].parse::<u32>().unwrap_or(0));
        return Some(Term::list(
            vars.into_iter().map(|(_, v)| v.clone()).collect(),
        ));
    }
    if let Some(v) = var_name(expr) {
        return s.b.get(v).cloned();
    }
    match expr {
        Term::Tuple(t) if t.len() == 1 => match t[0].as_tuple() {
            // `{{a, b}}` builds the tuple `{a, b}`.
            Some(inner) => Some(Term::tuple(
                inner.iter().map(|e| eval(e, s)).collect::<Option<_>>()?,
            )),
            None if t[0].as_atom().is_some() => call(t, s),
            None => Some(t[0].clone()),
        },
        Term::Tuple(t) if !t.is_empty() && t[0].as_atom().is_some() => call(t, s),
        Term::List(items) => Some(Term::list(
            items.iter().map(|e| eval(e, s)).collect::<Option<_>>()?,
        )),
        other => Some(other.clone()),
    }
}

fn call(t: &[Term], s: &Scope) -> Option<Term> {
    let op = t[0].as_atom()?.name();
    match op {
        "const" if t.len() == 2 => Some(t[1].clone()),
        // Short-circuit: every operand but the last must be a boolean; the last is
        // the result as it is, as in Erlang.
        "andalso" | "orelse" => {
            let stop = op == "orelse";
            let (last, init) = t[1..].split_last()?;
            for e in init {
                if match_fns::boolean(&eval(e, s)?)? == stop {
                    return Some(Term::bool(stop));
                }
            }
            eval(last, s)
        }
        _ => {
            let args: Vec<Term> = t[1..].iter().map(|e| eval(e, s)).collect::<Option<_>>()?;
            match_fns::apply(op, &args, s.caller)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const SITE: Site = Site {
        function: "select",
        table: Ref(1),
        caller: Pid(1),
    };

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
        let out = Term::list(select(&SITE, &spec, &entries).unwrap());
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
            Term::list(select(&SITE, &spec, &entries).unwrap()),
            Term::list(vec![Term::string("high")])
        );
    }
}
