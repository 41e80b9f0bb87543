//! GenServer: a process running a module's callbacks (`init`, `handle_call`,
//! `handle_cast`, `handle_info`), its name option, and starting one.
//!
//! Starting runs `init` directly on the starter's thread before the process is published,
//! so a supervisor starting a child never waits on another process. A callback that
//! raises crashes the server with Logger's "GenServer NAME terminating" report (an
//! `Event`), and the exit reason the BEAM gives: `{exception, stacktrace}`.

use std::sync::Arc;

use super::events::Event;
use super::process::{Behaviour, Ctx, Flow, Msg, Name, Process};
use super::registry::RegistryTable;
use super::{server, signals, stacks, text, Runtime};
use crate::error::{exception, Error};
use crate::term::{Atom, Pid, Term};

/// What `handle_call` returns.
pub(crate) enum Reply {
    /// `{:reply, value, new_state}`
    Reply(Term, Term),
}

/// A GenServer module written in Rust.
pub(crate) trait Callbacks: Send + Sync {
    fn module(&self) -> &'static str;
    fn init(&self, arg: Term) -> Result<Term, Error>;
    fn handle_call(&self, request: &Term, state: &Term) -> Result<Reply, Error>;
    /// `proc_name` is the registered name or pid, inspected (for `use GenServer`'s text).
    fn handle_cast(&self, request: &Term, state: &Term, proc_name: &str) -> Result<Term, Error>;
}

/// The GenServer modules the node knows, by module atom.
pub(crate) fn callbacks(module: &Atom) -> Option<&'static dyn Callbacks> {
    match module.name() {
        "Elixir.Server" => Some(&server::Server),
        _ => None,
    }
}

/// A parsed `name:` option.
#[derive(Clone)]
pub(crate) enum NameSpec {
    None,
    Local(Atom),
    Global(Term),
    /// Registry, key, and the value registered with it (`nil` unless given).
    Via(Arc<RegistryTable>, Term, Term),
}

/// Checks the `name:` option as `GenServer.do_start/4` does.
pub(crate) fn parse_name(rt: &Runtime, name: &Term) -> Result<NameSpec, Error> {
    if name.is_nil() {
        return Ok(NameSpec::None);
    }
    if let Some(a) = name.as_atom() {
        return Ok(NameSpec::Local(a.clone()));
    }
    match name.as_tuple() {
        Some([tag, t]) if tag.is_atom("global") => Ok(NameSpec::Global(t.clone())),
        Some([tag, module, t]) if tag.is_atom("via") && module.as_atom().is_some() => {
            via(rt, module, t)
        }
        _ => Err(Error::argument(format!(
            "expected :name option to be one of the following:\n\n  * nil\n  * atom\n  * \
             {{:global, term}}\n  * {{:via, module, term}}\n\nGot: {}\n",
            text::term(name)
        ))),
    }
}

/// Resolves `{:via, module, t}`: Registry's `{registry, key}` or `{registry, key,
/// value}`, or `:global`'s name (the same table as `{:global, name}`).
fn via(rt: &Runtime, module: &Term, t: &Term) -> Result<NameSpec, Error> {
    if module.is_atom("global") {
        return Ok(NameSpec::Global(t.clone()));
    }
    if !module.is_atom("Elixir.Registry") {
        // The printer words it, knowing which modules exist.
        let undefined = exception(
            "UndefinedFunctionError",
            vec![
                ("module", module.clone()),
                ("function", Term::atom("whereis_name")),
                ("arity", Term::Int(1)),
                ("reason", Term::nil()),
                ("message", Term::nil()),
            ],
        );
        return Err(Error::Raise(undefined).at(format!(
            "{}.whereis_name({})",
            text::term(module),
            text::term(t)
        )));
    }
    let (reg, key, value) = match t.as_tuple() {
        Some([reg, key]) => (reg, key, rt.inner.consts.nil.clone()),
        Some([reg, key, value]) => (reg, key, value.clone()),
        _ => return Err(whereis_name_clause(t)),
    };
    let table = rt.inner.registries.resolve(reg)?;
    if !table.unique {
        return Err(Error::argument(
            ":via is not supported for duplicate registries",
        ));
    }
    Ok(NameSpec::Via(table, key.clone(), value))
}

/// `Registry.whereis_name/1` given something other than `{registry, key[, value]}`.
fn whereis_name_clause(t: &Term) -> Error {
    let clauses = [
        "def whereis_name(-{registry, key}-)",
        "def whereis_name(-{registry, key, _value}-)",
    ];
    Error::Raise(exception(
        "FunctionClauseError",
        vec![
            ("module", Term::module("Registry")),
            ("function", Term::atom("whereis_name")),
            ("arity", Term::Int(1)),
            ("kind", Term::atom("def")),
            ("args", Term::list(vec![t.clone()])),
            (
                "clauses",
                Term::list(clauses.iter().map(|c| Term::string(c)).collect()),
            ),
        ],
    ))
}

/// The live process a server reference names, if any (`GenServer.whereis/1`).
pub(crate) fn resolve(rt: &Runtime, server: &Term) -> Result<Option<Arc<Process>>, Error> {
    let found = match server {
        Term::Pid(p) => rt.inner.table.get(*p),
        Term::Atom(a) => rt.inner.names.whereis(a),
        _ => match parse_name(rt, server)? {
            NameSpec::Global(t) => rt.inner.names.whereis_global(&t),
            NameSpec::Via(reg, key, _) => reg.whereis(&key),
            NameSpec::None | NameSpec::Local(_) => None,
        },
    };
    Ok(found.filter(|p| p.is_alive()))
}

pub(crate) fn holder(rt: &Runtime, name: &NameSpec) -> Option<Pid> {
    let p = match name {
        NameSpec::None => None,
        NameSpec::Local(a) => rt.inner.names.whereis(a),
        NameSpec::Global(t) => rt.inner.names.whereis_global(t),
        NameSpec::Via(reg, key, _) => reg.whereis(key),
    };
    p.map(|p| p.pid)
}

pub(crate) fn already_started(pid: Pid) -> Term {
    Term::error_tuple(Term::tuple(vec![
        Term::atom("already_started"),
        Term::Pid(pid),
    ]))
}

/// Registers a new process under `name`; the holder's pid if taken.
pub(crate) fn claim_name(rt: &Runtime, name: &NameSpec, proc: &Arc<Process>) -> Result<(), Pid> {
    let recorded = match name {
        NameSpec::None => return Ok(()),
        NameSpec::Local(a) => {
            rt.inner.names.register(a, proc).map_err(|p| p.pid)?;
            Name::Local(a.clone())
        }
        NameSpec::Global(t) => {
            rt.inner.names.register_global(t, proc).map_err(|p| p.pid)?;
            Name::Global(t.clone())
        }
        NameSpec::Via(reg, key, value) => {
            reg.insert(key.clone(), proc, value.clone())?;
            Name::Via(reg.clone(), key.clone())
        }
    };
    proc.add_name(recorded);
    Ok(())
}

/// A via-named process's link to its registry partition, made after the link to its
/// parent (Elixir registers in `init`, after `spawn_link`): `Process.info(pid, :links)`
/// lists them in that order.
pub(crate) fn link_via_owner(rt: &Runtime, name: &NameSpec, proc: &Arc<Process>) {
    if let NameSpec::Via(reg, _, _) = name {
        super::registry_proc::link_owner(rt, reg, proc);
    }
}

/// `GenServer.start(Module, arg)` for a module the node does not have: on the BEAM
/// the process is spawned (its pid is used up) and dies in `init` with `undef`.
pub(crate) fn undef_init(rt: &Runtime, module: &Atom, arg: &Term) -> Term {
    if rt.inner.table.reserve().is_ok() {
        rt.inner.table.release();
    }
    stacks::init_undef(module, arg)
}

/// `GenServer.start/start_link`: `{:ok, pid}` or `{:error, {:already_started, pid}}`.
/// `parent` is linked to the new server when `link` is set.
pub(crate) fn start(
    rt: &Runtime,
    cb: &'static dyn Callbacks,
    init_arg: Term,
    name: &Term,
    parent: &Arc<Process>,
    link: bool,
) -> Result<Term, Error> {
    let name = parse_name(rt, name)?;
    if let Some(pid) = holder(rt, &name) {
        return Ok(already_started(pid));
    }
    let pid = rt.inner.table.reserve()?;
    let state = match cb.init(init_arg) {
        Ok(state) => state,
        Err(e) => {
            rt.inner.table.release();
            return Ok(Term::error_tuple(e.exit_reason()));
        }
    };
    let behaviour = GenServerProc {
        cb,
        state,
        parent: parent.pid,
    };
    let proc = Arc::new(Process::new(pid, Some(Box::new(behaviour))));
    rt.inner.table.insert(proc.clone());
    if let Err(holder) = claim_name(rt, &name, &proc) {
        proc.alive
            .store(false, std::sync::atomic::Ordering::Release);
        rt.inner.table.remove(pid);
        return Ok(already_started(holder));
    }
    if link {
        signals::link(&proc, parent);
    }
    link_via_owner(rt, &name, &proc);
    Ok(rt.inner.consts.ok_tuple(Term::Pid(pid)))
}

pub(crate) struct GenServerProc {
    cb: &'static dyn Callbacks,
    state: Term,
    parent: Pid,
}

impl GenServerProc {
    /// A callback raised: report it as Logger does, and exit with `{exception, []}`.
    fn crash(&self, ctx: &Ctx, e: Error, last: Term, client: Option<&Arc<Process>>) -> Flow {
        let reason = e.exit_reason();
        let client = client.map(|c| (c.pid, c.is_alive()));
        ctx.rt.emit(Event::GenServerTerminating {
            name: ctx.me.report_name(),
            reason: reason.clone(),
            last_message: last,
            state: self.state.clone(),
            client,
            stack: None,
        });
        Flow::Exit {
            reason,
            reply: None,
        }
    }

    fn proc_name(&self, me: &Process) -> Term {
        me.registered_name()
            .map(Term::Atom)
            .unwrap_or(Term::Pid(me.pid))
    }
}

impl Behaviour for GenServerProc {
    fn handle(&mut self, ctx: &Ctx, msg: Msg) -> Flow {
        match msg.into_call() {
            Msg::Call { from, tag, request } => match self.cb.handle_call(&request, &self.state) {
                Ok(Reply::Reply(value, state)) => {
                    self.state = state;
                    ctx.rt.send_reply(&from, tag, value);
                    Flow::Continue
                }
                Err(e) => self.crash(ctx, e, request, Some(&from)),
            },
            Msg::Cast(request) => {
                let name = text::term(&self.proc_name(ctx.me));
                match self.cb.handle_cast(&request, &self.state, &name) {
                    Ok(state) => {
                        self.state = state;
                        Flow::Continue
                    }
                    Err(e) => {
                        let last = Term::tuple(vec![Term::atom("$gen_cast"), request]);
                        self.crash(ctx, e, last, None)
                    }
                }
            }
            Msg::Stop { reason, from, tag } => {
                if !is_quiet_reason(&reason) {
                    ctx.rt.emit(Event::GenServerTerminating {
                        name: ctx.me.report_name(),
                        reason: reason.clone(),
                        last_message: Term::empty_list(),
                        state: self.state.clone(),
                        client: None,
                        stack: None,
                    });
                }
                Flow::Exit {
                    reason,
                    reply: Some((from, tag, ctx.rt.inner.consts.ok.clone())),
                }
            }
            Msg::Info(message) => self.handle_info(ctx, message),
            Msg::Reply { .. } | Msg::Exited | Msg::StartChild { .. } | Msg::System { .. } => {
                Flow::Continue
            }
        }
    }

    fn module(&self) -> Term {
        Term::module(self.cb.module())
    }

    fn state(&self) -> Option<Term> {
        Some(self.state.clone())
    }

    fn replace_state(&mut self, state: Term) -> bool {
        self.state = state;
        true
    }
}

impl GenServerProc {
    fn handle_info(&mut self, ctx: &Ctx, message: Term) -> Flow {
        // A trapped exit from the parent stops a GenServer with the parent's reason.
        if let Some([tag, from, reason]) = message.as_tuple() {
            if tag.is_atom("EXIT") && from.as_pid() == Some(self.parent) {
                return Flow::Exit {
                    reason: reason.clone(),
                    reply: None,
                };
            }
        }
        ctx.rt.emit(Event::UnexpectedMessage {
            module: Term::module(self.cb.module()),
            name: self.proc_name(ctx.me),
            message,
        });
        Flow::Continue
    }
}

/// Exit reasons a GenServer stops with silently (no crash report).
pub(crate) fn is_quiet_reason(reason: &Term) -> bool {
    reason.is_atom("normal")
        || reason.is_atom("shutdown")
        || matches!(reason.as_tuple(), Some([tag, _]) if tag.is_atom("shutdown"))
}
