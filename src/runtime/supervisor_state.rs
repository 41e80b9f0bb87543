//! What a DynamicSupervisor's crash report shows as `State:`: the `%DynamicSupervisor{}`
//! struct Elixir 1.14 keeps (`lib/elixir/lib/dynamic_supervisor.ex`), built from our
//! supervisor's fields when it stops with a reason Logger reports.

use super::child_spec::{ChildSpec, Restart};
use super::children::Children;
use super::gen_server::NameSpec;
use crate::term::{Pid, Term};

/// How the supervisor was started, as its state records it.
pub(crate) struct Started {
    /// The argument `init/1` got: the module's init arg, or `{:ok, flags}` for
    /// `DynamicSupervisor.start_link(opts)` (whose module is `Supervisor.Default`).
    pub args: Term,
    pub extra_arguments: Term,
    /// `{:local, name}`, `{:global, name}`, `{:via, Registry, {reg, key}}`; None for an
    /// unnamed supervisor, which OTP names `{pid, module}`.
    pub name: Option<Term>,
}

impl Started {
    pub(crate) fn name_of(name: &NameSpec) -> Option<Term> {
        let tag = |t: &str, v: Term| Some(Term::tuple(vec![Term::atom(t), v]));
        match name {
            NameSpec::None => None,
            NameSpec::Local(a) => tag("local", Term::Atom(a.clone())),
            NameSpec::Global(n) => tag("global", n.clone()),
            NameSpec::Via(reg, key, _) => Some(Term::tuple(vec![
                Term::atom("via"),
                Term::module("Registry"),
                Term::tuple(vec![reg.name_term(), key.clone()]),
            ])),
        }
    }
}

/// The supervisor's numbers, as its struct fields show them.
pub(crate) struct Limits {
    pub max_children: Option<usize>,
    pub max_restarts: usize,
    pub max_seconds: u64,
    /// Restart times in seconds (OTP keeps `erlang:monotonic_time(:second)` values).
    pub restarts: Vec<i64>,
}

/// `%DynamicSupervisor{...}` for the crash report of the supervisor `me`.
pub(crate) fn report_state(
    me: Pid,
    module: &Term,
    started: &Started,
    limits: &Limits,
    children: &Children,
) -> Term {
    let mod_ = if module.is_atom("Elixir.DynamicSupervisor") {
        Term::module("Supervisor.Default")
    } else {
        module.clone()
    };
    let name = started
        .name
        .clone()
        .unwrap_or_else(|| Term::tuple(vec![Term::Pid(me), mod_.clone()]));
    let children = children
        .iter()
        .map(|(pid, spec)| (Term::Pid(pid), child_entry(spec)))
        .collect();
    let field = |k: &str, v: Term| (Term::atom(k), v);
    let int = |n: u64| Term::Int(n as i64);
    Term::map(vec![
        field("__struct__", Term::module("DynamicSupervisor")),
        field("args", started.args.clone()),
        field("extra_arguments", started.extra_arguments.clone()),
        field("mod", mod_),
        field("name", name),
        field("strategy", Term::atom("one_for_one")),
        field(
            "max_children",
            limits
                .max_children
                .map_or_else(|| Term::atom("infinity"), |n| int(n as u64)),
        ),
        field("max_restarts", int(limits.max_restarts as u64)),
        field("max_seconds", int(limits.max_seconds)),
        field("children", Term::Map(std::sync::Arc::new(children))),
        field(
            "restarts",
            Term::list(limits.restarts.iter().map(|s| Term::Int(*s)).collect()),
        ),
    ])
}

/// `{{m, f, args}, restart, shutdown, type, modules}`; a temporary child is never
/// restarted, so DynamicSupervisor does not keep its arguments (`:undefined`).
fn child_entry(spec: &ChildSpec) -> Term {
    let full = spec.to_term();
    let Some([mfa, rest @ ..]) = full.as_tuple() else {
        return full;
    };
    let mfa = match (spec.restart(), mfa.as_tuple()) {
        (Restart::Temporary, Some([m, f, _])) => {
            Term::tuple(vec![m.clone(), f.clone(), Term::atom("undefined")])
        }
        _ => mfa.clone(),
    };
    let mut items = vec![mfa];
    items.extend(rest.iter().cloned());
    Term::tuple(items)
}
