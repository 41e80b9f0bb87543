//! DynamicSupervisor (and the guide's `DSupervisor`, which is one named after itself with
//! strategy `:one_for_one`).
//!
//! The supervisor traps exits. Children are started inside its handler by running their
//! `init` directly, so it never waits on another process. Children are kept by pid, and
//! pids grow with time, so pid order is start order (shutdown goes in reverse).
//! Restart intensity follows OTP: more than `max_restarts` in `max_seconds` and the
//! supervisor stops its children and exits `:shutdown`, which takes linked processes
//! (the shell) with it.

use std::collections::{BTreeMap, VecDeque};
use std::sync::atomic::Ordering;
use std::sync::Arc;
use std::time::{Duration, Instant};

use super::gen_server::{self, callbacks, NameSpec};
use super::process::{Behaviour, Ctx, Flow, Msg, Process};
use super::{signals, Runtime};
use crate::error::Error;
use crate::term::{Atom, Pid, Term};

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

/// How to start one child: `module.start_link(arg)`.
#[derive(Clone, Debug)]
pub(crate) struct ChildSpec {
    pub module: Atom,
    pub arg: Term,
    pub restart: Restart,
}

impl ChildSpec {
    /// Reads what the user passed to `start_child`: `Server`, `{Server, arg}`, or a map
    /// `%{id:, start: {Server, :start_link, [arg]}, restart:}`.
    pub(crate) fn parse(spec: &Term) -> Result<ChildSpec, Error> {
        let bad = || Error::argument(format!("invalid child specification: {spec:?}"));
        match spec {
            Term::Atom(m) => Ok(ChildSpec {
                module: m.clone(),
                arg: Term::empty_list(),
                restart: Restart::Permanent,
            }),
            Term::Tuple(t) if t.len() == 2 => Ok(ChildSpec {
                module: t[0].as_atom().ok_or_else(bad)?.clone(),
                arg: t[1].clone(),
                restart: Restart::Permanent,
            }),
            Term::Map(m) => {
                let start = m.get(&Term::atom("start")).ok_or_else(bad)?;
                let Some([module, _fun, args]) = start.as_tuple() else {
                    return Err(bad());
                };
                let arg = match args.as_list() {
                    Some([arg]) => arg.clone(),
                    _ => return Err(bad()),
                };
                let restart = match m.get(&Term::atom("restart")) {
                    Some(r) => Restart::from_term(r).ok_or_else(bad)?,
                    None => Restart::Permanent,
                };
                Ok(ChildSpec {
                    module: module.as_atom().ok_or_else(bad)?.clone(),
                    arg,
                    restart,
                })
            }
            _ => Err(bad()),
        }
    }

    /// The spec as OTP sends it in the `{:start_child, ..}` call.
    pub(crate) fn to_term(&self) -> Term {
        let module = Term::Atom(self.module.clone());
        Term::tuple(vec![
            Term::tuple(vec![
                module.clone(),
                Term::atom("start_link"),
                Term::list(vec![self.arg.clone()]),
            ]),
            self.restart.term(),
            Term::Int(5000),
            Term::atom("worker"),
            Term::list(vec![module]),
        ])
    }

    fn from_term(t: &Term) -> Option<ChildSpec> {
        let [mfa, restart, _, _, _] = t.as_tuple()? else {
            return None;
        };
        let [module, _, args] = mfa.as_tuple()? else {
            return None;
        };
        Some(ChildSpec {
            module: module.as_atom()?.clone(),
            arg: args.as_list()?.first()?.clone(),
            restart: Restart::from_term(restart)?,
        })
    }
}

pub(crate) struct Options {
    pub max_children: Option<usize>,
    pub max_restarts: usize,
    pub max_seconds: u64,
}

impl Options {
    pub(crate) fn parse(opts: &Term) -> Result<Options, Error> {
        let int = |key: &str, default: u64| -> Result<u64, Error> {
            match opts.keyword_get(key) {
                None => Ok(default),
                Some(Term::Int(n)) if *n >= 0 => Ok(*n as u64),
                Some(other) => Err(Error::argument(format!(
                    "expected :{key} to be a non-negative integer, got: {other:?}"
                ))),
            }
        };
        let max_children = match opts.keyword_get("max_children") {
            None => None,
            Some(t) if t.is_atom("infinity") => None,
            Some(_) => Some(int("max_children", 0)? as usize),
        };
        Ok(Options {
            max_children,
            max_restarts: int("max_restarts", 3)? as usize,
            max_seconds: int("max_seconds", 5)?,
        })
    }
}

/// Starts a supervisor process named `name` (already parsed), linked to `parent`.
pub(crate) fn start(
    rt: &Runtime,
    module: Term,
    name: NameSpec,
    opts: Options,
    parent: &Arc<Process>,
    link: bool,
) -> Result<Term, Error> {
    let pid = rt.inner.table.reserve()?;
    let behaviour = SupervisorProc {
        module,
        parent: parent.pid,
        children: BTreeMap::new(),
        opts,
        restarts: VecDeque::new(),
    };
    let proc = Arc::new(Process::new(pid, Some(Box::new(behaviour))));
    proc.trap_exit.store(true, Ordering::Release);
    rt.inner.table.insert(proc.clone());
    if let Err(holder) = gen_server::claim_name(rt, &name, &proc) {
        proc.alive.store(false, Ordering::Release);
        rt.inner.table.remove(pid);
        return Ok(Term::error_tuple(Term::tuple(vec![
            Term::atom("already_started"),
            Term::Pid(holder),
        ])));
    }
    if link {
        signals::link(&proc, parent);
    }
    Ok(rt.inner.consts.ok_tuple(Term::Pid(pid)))
}

struct SupervisorProc {
    module: Term,
    parent: Pid,
    children: BTreeMap<Pid, ChildSpec>,
    opts: Options,
    restarts: VecDeque<Instant>,
}

impl Behaviour for SupervisorProc {
    fn handle(&mut self, ctx: &Ctx, msg: Msg) -> Flow {
        match msg {
            Msg::StartChild { from, tag, spec } => {
                let reply = self.start_child(ctx, spec);
                ctx.rt.send_reply(&from, tag, reply);
                Flow::Continue
            }
            Msg::Call { from, tag, request } => {
                let reply = self.handle_call(ctx, &request);
                ctx.rt.send_reply(&from, tag, reply);
                Flow::Continue
            }
            Msg::Info(message) => match message.as_tuple() {
                Some([tag, Term::Pid(from), reason]) if tag.is_atom("EXIT") => {
                    self.child_exited(ctx, *from, reason.clone())
                }
                _ => Flow::Continue,
            },
            Msg::Stop { reason, from, tag } => {
                self.stop_children(ctx);
                Flow::Exit {
                    reason,
                    reply: Some((from, tag, Term::ok())),
                }
            }
            Msg::Cast(_) | Msg::Reply { .. } | Msg::Exited => Flow::Continue,
        }
    }

    fn module(&self) -> Term {
        self.module.clone()
    }
}

impl SupervisorProc {
    fn handle_call(&mut self, ctx: &Ctx, request: &Term) -> Term {
        if request.is_atom("which_children") {
            return self.which_children();
        }
        if request.is_atom("count_children") {
            let n = Term::Int(self.children.len() as i64);
            return Term::map(vec![
                (Term::atom("active"), n.clone()),
                (Term::atom("specs"), n.clone()),
                (Term::atom("supervisors"), Term::Int(0)),
                (Term::atom("workers"), n),
            ]);
        }
        match request.as_tuple() {
            Some([tag, spec]) if tag.is_atom("start_child") => match ChildSpec::from_term(spec) {
                Some(spec) => self.start_child(ctx, spec),
                None => Term::error_tuple(Term::tuple(vec![
                    Term::atom("invalid_child_spec"),
                    spec.clone(),
                ])),
            },
            Some([tag, Term::Pid(pid)]) if tag.is_atom("terminate_child") => {
                self.terminate_child(ctx, *pid)
            }
            _ => Term::error_tuple(Term::atom("unknown_call")),
        }
    }

    fn which_children(&self) -> Term {
        Term::list(
            self.children
                .iter()
                .map(|(pid, spec)| {
                    Term::tuple(vec![
                        Term::atom("undefined"),
                        Term::Pid(*pid),
                        Term::atom("worker"),
                        Term::list(vec![Term::Atom(spec.module.clone())]),
                    ])
                })
                .collect(),
        )
    }

    fn start_child(&mut self, ctx: &Ctx, spec: ChildSpec) -> Term {
        if self
            .opts
            .max_children
            .is_some_and(|max| self.children.len() >= max)
        {
            return Term::error_tuple(Term::atom("max_children"));
        }
        let started = start_spec(ctx, &spec);
        if let Some([ok, Term::Pid(pid)]) = started.as_tuple() {
            if ok.is_atom("ok") {
                self.children.insert(*pid, spec);
            }
        }
        started
    }

    fn terminate_child(&mut self, ctx: &Ctx, pid: Pid) -> Term {
        if self.children.remove(&pid).is_none() {
            return Term::error_tuple(Term::atom("not_found"));
        }
        stop_child(ctx, pid);
        ctx.rt.inner.consts.ok.clone()
    }

    fn child_exited(&mut self, ctx: &Ctx, from: Pid, reason: Term) -> Flow {
        if from == self.parent {
            self.stop_children(ctx);
            return Flow::Exit {
                reason,
                reply: None,
            };
        }
        let Some(spec) = self.children.remove(&from) else {
            return Flow::Continue;
        };
        let restart = match spec.restart {
            Restart::Permanent => true,
            Restart::Transient => !gen_server::is_quiet_reason(&reason),
            Restart::Temporary => false,
        };
        if !restart {
            return Flow::Continue;
        }
        if !self.may_restart() {
            self.stop_children(ctx);
            return Flow::Exit {
                reason: Term::atom("shutdown"),
                reply: None,
            };
        }
        let started = start_spec(ctx, &spec);
        if let Some([ok, Term::Pid(pid)]) = started.as_tuple() {
            if ok.is_atom("ok") {
                self.children.insert(*pid, spec);
            }
        }
        Flow::Continue
    }

    /// Records a restart; false when it exceeds `max_restarts` in `max_seconds`.
    fn may_restart(&mut self) -> bool {
        let now = Instant::now();
        let window = Duration::from_secs(self.opts.max_seconds);
        self.restarts.push_back(now);
        while self
            .restarts
            .front()
            .is_some_and(|t| now.duration_since(*t) >= window && window > Duration::ZERO)
        {
            self.restarts.pop_front();
        }
        self.restarts.len() <= self.opts.max_restarts
    }

    /// Stops every child, the last started first.
    fn stop_children(&mut self, ctx: &Ctx) {
        let children = std::mem::take(&mut self.children);
        for pid in children.keys().rev() {
            stop_child(ctx, *pid);
        }
    }
}

/// Runs `spec.module.start_link(spec.arg)` from inside the supervisor.
fn start_spec(ctx: &Ctx, spec: &ChildSpec) -> Term {
    let Some(cb) = callbacks(&spec.module) else {
        let undef = Term::tuple(vec![
            Term::Atom(spec.module.clone()),
            Term::atom("start_link"),
            Term::list(vec![spec.arg.clone()]),
            Term::empty_list(),
        ]);
        return Term::error_tuple(Term::tuple(vec![
            Term::atom("undef"),
            Term::list(vec![undef]),
        ]));
    };
    // The guide's `Server.start_link({init_arg, name})`: anything else is no clause.
    let Some([init_arg, name]) = spec.arg.as_tuple() else {
        let frame = Term::tuple(vec![
            Term::Atom(spec.module.clone()),
            Term::atom("start_link"),
            Term::list(vec![spec.arg.clone()]),
            Term::empty_list(),
        ]);
        return Term::error_tuple(Term::tuple(vec![
            Term::atom("function_clause"),
            Term::list(vec![frame]),
        ]));
    };
    match gen_server::start(ctx.rt, cb, init_arg.clone(), name, ctx.me, true) {
        Ok(t) => t,
        Err(e) => Term::error_tuple(e.exit_reason()),
    }
}

/// Stops a child as OTP does: unlink, then an exit signal `:shutdown`.
fn stop_child(ctx: &Ctx, pid: Pid) {
    if let Some(child) = ctx.rt.inner.table.get(pid) {
        signals::unlink(ctx.me, &child);
        let shutdown = ctx.rt.inner.consts.shutdown.clone();
        signals::exit_signal(ctx.rt, ctx.me.pid, &child, shutdown);
    }
}
