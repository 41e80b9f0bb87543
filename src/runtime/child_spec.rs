//! Child specifications: what `Supervisor.child_spec/2` builds from a module, a
//! `{module, arg}` tuple or a map, and the checks `DynamicSupervisor.start_child/2`
//! makes before it calls the supervisor (Elixir 1.14's `validate_child/1`). A bad spec
//! is either raised (`ArgumentError`, from `Supervisor.child_spec/2`) or returned as
//! `{:error, reason}`, as iex does.

use crate::error::{exception, Error};
use crate::term::{Atom, Term};

use super::text;

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub(crate) enum Restart {
    Permanent,
    Transient,
    Temporary,
}

impl Restart {
    fn from_term(t: &Term) -> Option<Restart> {
        match t.as_atom()?.name() {
            "permanent" => Some(Restart::Permanent),
            "transient" => Some(Restart::Transient),
            "temporary" => Some(Restart::Temporary),
            _ => None,
        }
    }

    fn term(self) -> Term {
        Term::atom(match self {
            Restart::Permanent => "permanent",
            Restart::Transient => "transient",
            Restart::Temporary => "temporary",
        })
    }
}

/// The start function of a child.
#[derive(Clone, Debug)]
pub(crate) enum Start {
    /// `{module, :start_link, [arg]}`, what `use GenServer`'s child_spec gives: kept
    /// without building the list, as the common case is a hot path.
    StartLink(Term),
    /// Any other `{module, fun, args}`.
    Mfa(Atom, Term),
}

/// Shutdown, type and modules when they are not the defaults (5000, `:worker`,
/// `[module]`): boxed, so most children pay one pointer for them.
#[derive(Clone, Debug)]
pub(crate) struct Extra {
    pub shutdown: Term,
    pub kind: Term,
    pub modules: Term,
}

/// How to start one child.
#[derive(Clone, Debug)]
pub(crate) struct ChildSpec {
    pub module: Atom,
    pub start: Start,
    pub restart: Restart,
    pub extra: Option<Box<Extra>>,
}

/// Keys `Supervisor.child_spec/2` accepts as overrides.
const KEYS: &[&str] = &[
    "id",
    "start",
    "restart",
    "shutdown",
    "type",
    "modules",
    "significant",
];

impl ChildSpec {
    /// `DynamicSupervisor.start_child/2`'s view of what the user passed: the spec, or
    /// the `{:error, reason}` reason; raises what `Supervisor.child_spec/2` raises.
    pub(crate) fn parse(spec: &Term) -> Result<Result<ChildSpec, Term>, Error> {
        if let Some([Term::Atom(m), arg]) = spec.as_tuple() {
            if m.name() == "Elixir.Server" {
                return Ok(Ok(ChildSpec {
                    module: m.clone(),
                    start: Start::StartLink(arg.clone()),
                    restart: Restart::Permanent,
                    extra: None,
                }));
            }
        }
        if let Some([_, start, restart, shutdown, kind, modules]) = spec.as_tuple() {
            return validate(start, restart, shutdown, kind, modules);
        }
        let map = supervisor_child_spec(spec, &Term::empty_list())?;
        validate_map(&map)
    }

    /// `{m, f, args}`
    pub(crate) fn mfa(&self) -> Term {
        let (fun, args) = match &self.start {
            Start::StartLink(arg) => (Term::atom("start_link"), Term::list(vec![arg.clone()])),
            Start::Mfa(f, args) => (Term::Atom(f.clone()), args.clone()),
        };
        Term::tuple(vec![Term::Atom(self.module.clone()), fun, args])
    }

    /// `:worker` or `:supervisor`
    pub(crate) fn kind(&self) -> Term {
        self.extra
            .as_ref()
            .map_or_else(|| Term::atom("worker"), |e| e.kind.clone())
    }

    pub(crate) fn modules(&self) -> Term {
        self.extra.as_ref().map_or_else(
            || Term::list(vec![Term::Atom(self.module.clone())]),
            |e| e.modules.clone(),
        )
    }

    /// The spec as OTP sends it in the `{:start_child, ..}` call.
    pub(crate) fn to_term(&self) -> Term {
        let shutdown = self
            .extra
            .as_ref()
            .map_or(Term::Int(5000), |e| e.shutdown.clone());
        Term::tuple(vec![
            self.mfa(),
            self.restart.term(),
            shutdown,
            self.kind(),
            self.modules(),
        ])
    }

    /// Reads back `to_term` (a `{:start_child, spec}` call sent by hand).
    pub(crate) fn from_term(t: &Term) -> Option<ChildSpec> {
        let [start, restart, shutdown, kind, modules] = t.as_tuple()? else {
            return None;
        };
        validate(start, restart, shutdown, kind, modules).ok()?.ok()
    }

    pub(crate) fn restart(&self) -> Restart {
        self.restart
    }
}

/// `Supervisor.child_spec/2`.
pub fn supervisor_child_spec(spec: &Term, overrides: &Term) -> Result<Term, Error> {
    let base = match spec {
        Term::Atom(m) => module_child_spec(m, &Term::empty_list())?,
        Term::Map(_) => spec.clone(),
        _ => match spec.as_tuple() {
            Some([Term::Atom(m), arg]) => module_child_spec(m, arg)?,
            _ => return Err(bad_child(spec)),
        },
    };
    let Term::Map(map) = base else {
        return Ok(base);
    };
    let mut map = (*map).clone();
    for pair in overrides.as_list().unwrap_or(&[]) {
        if let Some([key, value]) = pair.as_tuple() {
            if !key.as_atom().is_some_and(|a| KEYS.contains(&a.name())) {
                return Err(Error::argument(format!(
                    "unknown key {} in child specification override",
                    text::term(key)
                )));
            }
            map.insert(key.clone(), value.clone());
        }
    }
    Ok(Term::Map(map.into()))
}

/// `module.child_spec(arg)` for the modules the node knows.
fn module_child_spec(module: &Atom, arg: &Term) -> Result<Term, Error> {
    let m = Term::Atom(module.clone());
    let start = Term::tuple(vec![
        m.clone(),
        Term::atom("start_link"),
        Term::list(vec![arg.clone()]),
    ]);
    let mut entries = vec![(Term::atom("id"), m), (Term::atom("start"), start)];
    // The id of a supervisor-like child named by its `name:` option.
    let named_id = |default: &str| match arg.keyword_get("name") {
        Some(Term::Atom(a)) => Term::Atom(a.clone()),
        Some(t) => match t.as_tuple() {
            Some([_, name]) | Some([_, _, name]) => name.clone(),
            _ => Term::module(default),
        },
        None => Term::module(default),
    };
    match module.name() {
        "Elixir.Server" => {}
        "Elixir.DSupervisor" => entries.push((Term::atom("type"), Term::atom("supervisor"))),
        "Elixir.DynamicSupervisor" | "Elixir.Registry" if arg.as_list().is_some() => {
            let alias = module.name().trim_start_matches("Elixir.");
            entries[0].1 = named_id(alias);
            entries.push((Term::atom("type"), Term::atom("supervisor")));
        }
        "Elixir.Agent" => {}
        "Elixir.Task" => entries.push((Term::atom("restart"), Term::atom("temporary"))),
        name if exists(name) => {
            return Err(Error::argument(no_child_spec(&text::atom(module))));
        }
        _ => {
            return Err(Error::argument(format!(
                "The module {} was given as a child to a supervisor but it does not exist.",
                text::atom(module)
            )))
        }
    }
    Ok(Term::map(entries))
}

/// Modules a fresh iex has loaded that have no `child_spec/1` a learner would reach.
fn exists(name: &str) -> bool {
    matches!(
        name,
        "Elixir.GenServer"
            | "Elixir.Process"
            | "Elixir.Kernel"
            | "Elixir.Enum"
            | "Elixir.IO"
            | "Elixir.String"
            | "Elixir.Map"
            | "Elixir.List"
            | "Elixir.Supervisor"
            | "erlang"
            | "sys"
            | "lists"
            | "maps"
            | "gen_server"
    )
}

fn no_child_spec(module: &str) -> String {
    format!(
        "The module {module} was given as a child to a supervisor\n\
         but it does not implement child_spec/1.\n\n\
         If you own the given module, please define a child_spec/1 function\n\
         that receives an argument and returns a child specification as a map.\n\
         For example:\n\n    \
         def child_spec(opts) do\n      \
         %{{\n        \
         id: __MODULE__,\n        \
         start: {{__MODULE__, :start_link, [opts]}},\n        \
         type: :worker,\n        \
         restart: :permanent,\n        \
         shutdown: 500\n      \
         }}\n    \
         end\n\n\
         Note that \"use Agent\", \"use GenServer\" and so on automatically define\n\
         this function for you.\n\n\
         However, if you don't own the given module and it doesn't implement\n\
         child_spec/1, instead of passing the module name directly as a supervisor\n\
         child, you will have to pass a child specification as a map:\n\n    \
         %{{\n      \
         id: {module},\n      \
         start: {{{module}, :start_link, [arg1, arg2]}}\n    \
         }}\n\n\
         See the Supervisor documentation for more information.\n"
    )
}

fn bad_child(spec: &Term) -> Error {
    Error::argument(format!(
        "supervisors expect each child to be one of the following:\n\n  \
         * a module\n  \
         * a {{module, arg}} tuple\n  \
         * a child specification as a map with at least the :id and :start fields\n  \
         * or a tuple with 6 elements generated by Supervisor.Spec (deprecated)\n\n\
         Got: {}\n",
        text::term(spec)
    ))
}

/// `DynamicSupervisor.validate_child/1` on a map spec.
fn validate_map(map: &Term) -> Result<Result<ChildSpec, Term>, Error> {
    let Term::Map(m) = map else {
        return Ok(Err(invalid(map)));
    };
    let get = |k: &str| m.get(&Term::atom(k));
    let start = match (get("id"), get("start")) {
        (Some(_), Some(start)) if matches!(start.as_tuple(), Some([_, _, _])) => start,
        _ => return Ok(Err(invalid(map))),
    };
    let kind = get("type").cloned().unwrap_or_else(|| Term::atom("worker"));
    let shutdown = match kind.as_atom().map(|a| a.name()) {
        Some("worker") => get("shutdown").cloned().unwrap_or(Term::Int(5000)),
        Some("supervisor") => get("shutdown")
            .cloned()
            .unwrap_or_else(|| Term::atom("infinity")),
        _ => {
            return Err(Error::Raise(exception(
                "CaseClauseError",
                vec![("term", kind.clone())],
            )))
        }
    };
    let restart = get("restart")
        .cloned()
        .unwrap_or_else(|| Term::atom("permanent"));
    let module = start.as_tuple().map_or_else(Term::nil, |t| t[0].clone());
    let modules = get("modules")
        .cloned()
        .unwrap_or_else(|| Term::list(vec![module]));
    validate(start, &restart, &shutdown, &kind, &modules)
}

fn invalid(spec: &Term) -> Term {
    Term::tuple(vec![Term::atom("invalid_child_spec"), spec.clone()])
}

fn error(tag: &str, value: &Term) -> Result<Result<ChildSpec, Term>, Error> {
    Ok(Err(Term::tuple(vec![Term::atom(tag), value.clone()])))
}

/// `validate_child/5`: start, restart, shutdown, type, modules, in that order.
fn validate(
    start: &Term,
    restart: &Term,
    shutdown: &Term,
    kind: &Term,
    modules: &Term,
) -> Result<Result<ChildSpec, Term>, Error> {
    let Some([Term::Atom(m), Term::Atom(f), args @ Term::List(_)]) = start.as_tuple() else {
        return error("invalid_mfa", start);
    };
    let Some(restart) = Restart::from_term(restart) else {
        return error("invalid_restart_type", restart);
    };
    let shutdown_ok = matches!(shutdown, Term::Int(n) if *n > 0)
        || shutdown.is_atom("infinity")
        || shutdown.is_atom("brutal_kill");
    if !shutdown_ok {
        return error("invalid_shutdown", shutdown);
    }
    if !(kind.is_atom("worker") || kind.is_atom("supervisor")) {
        return error("invalid_child_type", kind);
    }
    let modules_ok = modules.is_atom("dynamic")
        || modules
            .as_list()
            .is_some_and(|l| l.iter().all(|t| t.as_atom().is_some()));
    if !modules_ok {
        return error("invalid_modules", modules);
    }
    let start = match args.as_list() {
        Some([arg]) if f.name() == "start_link" => Start::StartLink(arg.clone()),
        _ => Start::Mfa(f.clone(), args.clone()),
    };
    let default_modules = matches!(modules.as_list(), Some([x]) if x.as_atom() == Some(m));
    let extra = (!(default_modules && kind.is_atom("worker") && *shutdown == Term::Int(5000)))
        .then(|| {
            Box::new(Extra {
                shutdown: shutdown.clone(),
                kind: kind.clone(),
                modules: modules.clone(),
            })
        });
    Ok(Ok(ChildSpec {
        module: m.clone(),
        start,
        restart,
        extra,
    }))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_map_without_start_is_an_invalid_child_spec() {
        let spec = Term::map(vec![(Term::atom("id"), Term::atom("y"))]);
        let reason = ChildSpec::parse(&spec).unwrap().unwrap_err();
        assert_eq!(
            reason,
            Term::tuple(vec![Term::atom("invalid_child_spec"), spec])
        );
    }

    #[test]
    fn an_unknown_module_does_not_exist() {
        let Err(Error::Raise(e)) = ChildSpec::parse(&Term::module("NoSuchModule")) else {
            panic!("expected a raise");
        };
        assert_eq!(
            crate::error::exception_field(&e, "message").and_then(|m| m.as_str()),
            Some(
                "The module NoSuchModule was given as a child to a supervisor but it does not exist."
            )
        );
    }

    #[test]
    fn a_bad_restart_is_returned_not_raised() {
        let start = Term::tuple(vec![
            Term::module("Server"),
            Term::atom("start_link"),
            Term::list(vec![Term::Int(1)]),
        ]);
        let spec = Term::map(vec![
            (Term::atom("id"), Term::atom("z")),
            (Term::atom("start"), start),
            (Term::atom("restart"), Term::atom("bogus")),
        ]);
        assert_eq!(
            ChildSpec::parse(&spec).unwrap().unwrap_err(),
            Term::tuple(vec![
                Term::atom("invalid_restart_type"),
                Term::atom("bogus")
            ])
        );
    }
}
