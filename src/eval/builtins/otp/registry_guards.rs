//! The guards of `Registry`'s public functions (Elixir 1.14), checked before any call
//! reaches the runtime: a registry that is no atom (`Registry.lookup("room_9", Rooms)`,
//! the arguments swapped) is a `FunctionClauseError` in iex, not "unknown registry".
//! Each leaf of a guard is marked `-like this-` when it is false, as iex does.

use crate::error::Error;
use crate::eval::builtins::stdlib::clause_error;
use crate::term::Term;

/// One leaf of a guard: its text and whether it holds for the given arguments.
type Leaf = (&'static str, bool);

/// The clause error `Registry.function(args)` raises, if its guard fails. `args` are
/// the arguments of the function iex reports (defaults already filled in).
pub fn check(function: &str, args: &[Term]) -> Option<Error> {
    let reg = (
        "is_atom(registry)",
        args.first().is_some_and(|r| r.as_atom().is_some()),
    );
    let arg = |i: usize| args.get(i).unwrap_or(&Term::Int(0)).clone();
    let (params, guards): (&str, Vec<Vec<Leaf>>) = match (function, args.len()) {
        ("lookup", 2) => ("registry, key", vec![vec![reg]]),
        ("register", 3) => ("registry, key, value", vec![vec![reg]]),
        ("unregister", 2) => ("registry, key", vec![vec![reg]]),
        ("values", 3) => ("registry, key, pid", vec![vec![reg]]),
        ("count", 1) => ("registry", vec![vec![reg]]),
        ("keys", 2) => (
            "registry, pid",
            vec![vec![reg, ("is_pid(pid)", arg(1).as_pid().is_some())]],
        ),
        ("select" | "count_select", 2) => (
            "registry, spec",
            vec![vec![reg, ("is_list(spec)", arg(1).as_list().is_some())]],
        ),
        ("update_value", 3) => (
            "registry, key, callback",
            vec![vec![
                reg,
                ("is_function(callback, 1)", fun_of_arity(&arg(2), 1)),
            ]],
        ),
        ("dispatch", 4) => {
            let f = arg(2);
            let mfa = f.as_tuple().is_some_and(|t| t.len() == 3);
            (
                "registry, key, mfa_or_fun, opts",
                vec![
                    vec![reg, ("is_function(mfa_or_fun, 1)", fun_of_arity(&f, 1))],
                    vec![reg, ("tuple_size(mfa_or_fun) == 3", mfa)],
                ],
            )
        }
        ("meta" | "put_meta" | "delete_meta", _) => {
            return meta_guard(function, args, reg);
        }
        _ => return None,
    };
    if guards.iter().any(|leaves| leaves.iter().all(|(_, ok)| *ok)) {
        return None;
    }
    let when: Vec<String> = guards
        .iter()
        .map(|leaves| marked(leaves, " and "))
        .collect();
    let clause = format!("def {function}({params}) when {}", when.join(" when "));
    Some(clause_error(
        "Registry",
        function,
        args.to_vec(),
        &[&clause],
    ))
}

/// `meta/2`, `put_meta/3`, `delete_meta/2`: `is_atom(registry) and is_atom(key) or
/// is_tuple(key)`: the source has `is_atom(registry) and (is_atom(key) or
/// is_tuple(key))`, which iex prints without the parentheses.
fn meta_guard(function: &str, args: &[Term], reg: Leaf) -> Option<Error> {
    let key = args.get(1)?;
    let atom_key = ("is_atom(key)", key.as_atom().is_some());
    let tuple_key = ("is_tuple(key)", key.as_tuple().is_some());
    if reg.1 && (atom_key.1 || tuple_key.1) {
        return None;
    }
    let params = match function {
        "put_meta" => "registry, key, value",
        _ => "registry, key",
    };
    let guard = format!(
        "{} or {}",
        marked(&[reg, atom_key], " and "),
        marked(&[tuple_key], "")
    );
    let clause = format!("def {function}({params}) when {guard}");
    Some(clause_error(
        "Registry",
        function,
        args.to_vec(),
        &[&clause],
    ))
}

fn fun_of_arity(t: &Term, arity: usize) -> bool {
    matches!(t, Term::Fun(f) if f.arity == arity)
}

fn marked(leaves: &[Leaf], joiner: &str) -> String {
    leaves
        .iter()
        .map(|(text, ok)| {
            if *ok {
                text.to_string()
            } else {
                format!("-{text}-")
            }
        })
        .collect::<Vec<_>>()
        .join(joiner)
}
