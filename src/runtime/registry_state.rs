//! What a Registry's supervisor shows as `State:` in Logger's report: OTP's
//! `#state{}` record of `supervisor`, with the child specs `Registry.Supervisor.init/1`
//! builds (`lib/elixir/lib/registry/supervisor.ex` in Elixir 1.14).

use super::registry_proc::RegistrySpec;
use crate::term::{Atom, Pid, Term};

/// OTP's `#state{}` of `supervisor`, as Logger prints it for a Registry.
pub(crate) fn report_state(spec: &RegistrySpec, partitions: &[(Atom, Pid)]) -> Term {
    let a = Term::atom;
    let n = partitions.len();
    let names: Vec<Term> = partitions
        .iter()
        .rev()
        .map(|(name, _)| Term::Atom(name.clone()))
        .collect();
    let children = partitions.iter().enumerate().map(|(i, (name, pid))| {
        let key_name = Term::atom(&spec.partition_name("Key", i));
        let args = Term::tuple(vec![
            spec.kind(),
            Term::Atom(spec.name.clone()),
            Term::Int(i as i64),
            Term::Int(n as i64),
            key_name,
            Term::Atom(name.clone()),
            spec.listeners.clone(),
            Term::bool(false),
        ]);
        let start = Term::tuple(vec![
            Term::module("Registry.Partition"),
            a("start_link"),
            Term::list(vec![Term::Atom(name.clone()), args]),
        ]);
        let child = Term::tuple(vec![
            a("child"),
            Term::Pid(*pid),
            Term::Atom(name.clone()),
            start,
            a("permanent"),
            Term::bool(false),
            Term::Int(5000),
            a("worker"),
            Term::list(vec![Term::module("Registry.Partition")]),
        ]);
        (Term::Atom(name.clone()), child)
    });
    let children = Term::tuple(vec![Term::list(names), Term::map(children.collect())]);
    let n_term = Term::Int(n as i64);
    let mut entries = vec![
        Term::tuple(vec![
            Term::Int(-1),
            Term::tuple(vec![
                spec.kind(),
                n_term.clone(),
                Term::nil(),
                Term::nil(),
                spec.listeners.clone(),
            ]),
        ]),
        Term::tuple(vec![
            Term::Int(-2),
            Term::tuple(vec![spec.kind(), n_term.clone(), Term::nil()]),
        ]),
    ];
    entries.extend(spec.meta.as_list().unwrap_or(&[]).iter().cloned());
    let args = Term::tuple(vec![
        spec.kind(),
        Term::Atom(spec.name.clone()),
        n_term,
        spec.listeners.clone(),
        Term::list(entries),
        Term::bool(false),
    ]);
    let strategy = if spec.unique {
        "one_for_all"
    } else {
        "one_for_one"
    };
    Term::tuple(vec![
        a("state"),
        Term::tuple(vec![a("local"), Term::Atom(spec.name.clone())]),
        a(strategy),
        children,
        a("undefined"),
        Term::Int(3),
        Term::Int(5),
        Term::empty_list(),
        Term::Int(0),
        a("never"),
        Term::module("Registry.Supervisor"),
        args,
    ])
}
