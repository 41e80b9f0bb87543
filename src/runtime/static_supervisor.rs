//! Supervisor (the static one): children given up front, each with an id, started in
//! order when the supervisor starts, restarted by its strategy (`:one_for_one`,
//! `:one_for_all`, `:rest_for_one`) within its restart intensity, and managed by id
//! (`terminate_child`, `restart_child`, `delete_child`, `start_child`).
//!
//! As DynamicSupervisor does here, it traps exits and starts a child inside its handler
//! by running the child's start function (a learner's code through the VM's runner), so
//! it never waits on another process.

use std::collections::VecDeque;
use std::sync::atomic::Ordering;
use std::sync::Arc;
use std::time::Instant;

use super::child_spec::{ChildSpec, Restart};
use super::gen_server::{self, NameSpec};
use super::process::{Behaviour, Ctx, Flow, Msg, Process};
use super::supervisor::stop_child;
use super::{signals, Runtime};
use crate::error::Error;
use crate::term::{Pid, Term};

#[derive(Clone, Copy, PartialEq, Eq)]
pub(crate) enum Strategy {
    OneForOne,
    OneForAll,
    RestForOne,
}

/// The supervisor flags `Supervisor.init/2` checks.
pub(crate) struct Flags {
    pub strategy: Strategy,
    pub max_restarts: usize,
    pub max_seconds: u64,
}

impl Flags {
    /// Reads `%{strategy: s, intensity: n, period: p}` (what `Supervisor.init/2` returns).
    pub(crate) fn from_map(flags: &Term) -> Option<Flags> {
        let Term::Map(m) = flags else { return None };
        let strategy = match m.get(&Term::atom("strategy"))?.as_atom()?.name() {
            "one_for_one" => Strategy::OneForOne,
            "one_for_all" => Strategy::OneForAll,
            "rest_for_one" => Strategy::RestForOne,
            _ => return None,
        };
        let int = |key: &str, default: i64| match m.get(&Term::atom(key)) {
            Some(Term::Int(i)) if *i >= 0 => Some(*i),
            None => Some(default),
            _ => None,
        };
        Some(Flags {
            strategy,
            max_restarts: int("intensity", 3)? as usize,
            max_seconds: int("period", 5)? as u64,
        })
    }
}

struct Child {
    id: Term,
    pid: Option<Pid>,
    spec: ChildSpec,
}

pub(crate) struct StaticSupervisor {
    module: Term,
    parent: Pid,
    flags: Flags,
    /// In start order.
    children: Vec<Child>,
    restarts: VecDeque<Instant>,
}

/// How a start went: the answer, and for a linked starter whose supervisor died
/// starting, the exit signal it gets once it has the answer (the dead pid, the reason).
pub(crate) type Started = (Term, Option<(Pid, Term)>);

/// Starts the supervisor and its children, in order. A child that fails to start stops
/// the ones before it: `{:error, {:shutdown, {:failed_to_start_child, id, reason}}}`.
pub(crate) fn start(
    rt: &Runtime,
    module: Term,
    name: NameSpec,
    flags: Flags,
    children: Vec<(Term, ChildSpec)>,
    parent: &Arc<Process>,
    link: bool,
) -> Result<Started, Error> {
    let pid = rt.inner.table.reserve()?;
    for (i, (id, _)) in children.iter().enumerate() {
        if children[..i].iter().any(|(other, _)| other == id) {
            rt.inner.table.release();
            let reason = Term::tuple(vec![
                Term::atom("start_spec"),
                Term::tuple(vec![Term::atom("duplicate_child_name"), id.clone()]),
            ]);
            let exit = link.then(|| (pid, reason.clone()));
            return Ok((Term::error_tuple(reason), exit));
        }
    }
    let behaviour = StaticSupervisor {
        module,
        parent: parent.pid,
        flags,
        children: Vec::new(),
        restarts: VecDeque::new(),
    };
    let proc = Arc::new(Process::new(pid, Some(Box::new(Starting(Vec::new())))));
    proc.trap_exit.store(true, Ordering::Release);
    rt.inner.table.insert(proc.clone());
    if let Err(holder) = gen_server::claim_name(rt, &name, &proc) {
        proc.alive.store(false, Ordering::Release);
        rt.inner.table.remove(pid);
        return Ok((gen_server::already_started(holder), None));
    }
    if link {
        signals::link(&proc, parent);
    }
    gen_server::link_via_owner(rt, &name, &proc);
    // The children start as the supervisor, on this thread.
    let ctx = Ctx { rt, me: &proc };
    let mut sup = behaviour;
    for (id, spec) in children {
        let started = super::supervisor::start_spec_for(&ctx, &spec, parent.pid);
        match started_pid(&started) {
            Some(child) => sup.children.push(Child {
                id,
                pid: Some(child),
                spec,
            }),
            None if started.is_atom("ignore") => sup.children.push(Child {
                id,
                pid: None,
                spec,
            }),
            None => {
                sup.stop_children(&ctx);
                let reason = match started.as_tuple() {
                    Some([_, reason]) => reason.clone(),
                    _ => started.clone(),
                };
                let reason = Term::tuple(vec![
                    Term::atom("shutdown"),
                    Term::tuple(vec![Term::atom("failed_to_start_child"), id, reason]),
                ]);
                // Its init has run: the exit reaches a linked starter at once.
                signals::die(rt, &proc, reason.clone());
                return Ok((Term::error_tuple(reason), None));
            }
        }
    }
    install(&ctx, sup);
    Ok((rt.inner.consts.ok_tuple(Term::Pid(pid)), None))
}

/// What a supervisor is while its children start on its starter's thread: messages
/// (a child's early exit) wait for it.
struct Starting(Vec<Msg>);

/// The supervisor takes over, handling first what came while its children started.
fn install(ctx: &Ctx, mut sup: StaticSupervisor) {
    let mut slot = ctx.me.behaviour.lock().unwrap();
    let early = slot.as_mut().map(|b| b.take_queued()).unwrap_or_default();
    for msg in early {
        if let Flow::Exit { reason, .. } = sup.handle(ctx, msg) {
            drop(slot);
            signals::die(ctx.rt, ctx.me, reason);
            return;
        }
    }
    *slot = Some(Box::new(sup));
}

impl Behaviour for Starting {
    fn handle(&mut self, _ctx: &Ctx, msg: Msg) -> Flow {
        self.0.push(msg);
        Flow::Continue
    }

    fn module(&self) -> Term {
        Term::module("Supervisor")
    }

    fn take_queued(&mut self) -> Vec<Msg> {
        std::mem::take(&mut self.0)
    }
}

impl Behaviour for StaticSupervisor {
    fn handle(&mut self, ctx: &Ctx, msg: Msg) -> Flow {
        StaticSupervisor::handle(self, ctx, msg)
    }

    fn module(&self) -> Term {
        self.module.clone()
    }

    fn defers_child_exits(&self) -> bool {
        true
    }
}

fn started_pid(started: &Term) -> Option<Pid> {
    match started.as_tuple() {
        Some([ok, Term::Pid(pid)]) if ok.is_atom("ok") => Some(*pid),
        _ => None,
    }
}

impl StaticSupervisor {
    fn handle(&mut self, ctx: &Ctx, msg: Msg) -> Flow {
        match msg.into_call() {
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
            _ => Flow::Continue,
        }
    }

    fn handle_call(&mut self, ctx: &Ctx, request: &Term) -> Term {
        if request.is_atom("which_children") {
            return Term::list(
                self.children
                    .iter()
                    .rev()
                    .map(|c| {
                        Term::tuple(vec![
                            c.id.clone(),
                            c.pid.map_or_else(|| Term::atom("undefined"), Term::Pid),
                            c.spec.kind(),
                            c.spec.modules(),
                        ])
                    })
                    .collect(),
            );
        }
        if request.is_atom("count_children") {
            let count = |f: &dyn Fn(&Child) -> bool| {
                Term::Int(self.children.iter().filter(|c| f(c)).count() as i64)
            };
            let supervisor = |c: &Child| c.spec.kind().is_atom("supervisor");
            return Term::map(vec![
                (Term::atom("active"), count(&|c| c.pid.is_some())),
                (Term::atom("specs"), count(&|_| true)),
                (Term::atom("supervisors"), count(&supervisor)),
                (Term::atom("workers"), count(&|c| !supervisor(c))),
            ]);
        }
        let not_found = || Term::error_tuple(Term::atom("not_found"));
        match request.as_tuple() {
            Some([tag, id]) if tag.is_atom("terminate_child") => {
                let Some(i) = self.position(id) else {
                    return not_found();
                };
                if let Some(pid) = self.children[i].pid.take() {
                    stop_child(ctx, pid);
                }
                if self.children[i].spec.restart() == Restart::Temporary {
                    self.children.remove(i);
                }
                Term::ok()
            }
            Some([tag, id]) if tag.is_atom("restart_child") => {
                let Some(i) = self.position(id) else {
                    return not_found();
                };
                if self.children[i].pid.is_some() {
                    return Term::error_tuple(Term::atom("running"));
                }
                self.start(ctx, i)
            }
            Some([tag, id]) if tag.is_atom("delete_child") => {
                let Some(i) = self.position(id) else {
                    return not_found();
                };
                if self.children[i].pid.is_some() {
                    return Term::error_tuple(Term::atom("running"));
                }
                self.children.remove(i);
                Term::ok()
            }
            Some([tag, child]) if tag.is_atom("start_child") => {
                let Some([id, spec]) = child.as_tuple() else {
                    return Term::error_tuple(Term::atom("badarg"));
                };
                let Some(spec) = ChildSpec::from_term(spec) else {
                    return Term::error_tuple(Term::tuple(vec![
                        Term::atom("invalid_child_spec"),
                        spec.clone(),
                    ]));
                };
                if let Some(i) = self.position(id) {
                    return match self.children[i].pid {
                        Some(pid) => Term::error_tuple(Term::tuple(vec![
                            Term::atom("already_started"),
                            Term::Pid(pid),
                        ])),
                        None => Term::error_tuple(Term::atom("already_present")),
                    };
                }
                self.children.push(Child {
                    id: id.clone(),
                    pid: None,
                    spec,
                });
                let i = self.children.len() - 1;
                let started = self.start(ctx, i);
                if started_pid(&started).is_none() && !started.is_atom("ignore") {
                    self.children.remove(i);
                }
                started
            }
            _ => Term::error_tuple(Term::atom("unknown_call")),
        }
    }

    fn position(&self, id: &Term) -> Option<usize> {
        self.children.iter().position(|c| c.id == *id)
    }

    /// Starts child `i`; its answer (`{:ok, pid}`, `:ignore`, `{:error, reason}`).
    fn start(&mut self, ctx: &Ctx, i: usize) -> Term {
        let started = super::supervisor::start_spec_for(ctx, &self.children[i].spec, self.parent);
        self.children[i].pid = started_pid(&started);
        started
    }

    fn child_exited(&mut self, ctx: &Ctx, from: Pid, reason: Term) -> Flow {
        if from == self.parent {
            self.stop_children(ctx);
            return Flow::Exit {
                reason,
                reply: None,
            };
        }
        let Some(i) = self.children.iter().position(|c| c.pid == Some(from)) else {
            return Flow::Continue;
        };
        self.children[i].pid = None;
        let restart = match self.children[i].spec.restart() {
            Restart::Permanent => true,
            Restart::Transient => !gen_server::is_quiet_reason(&reason),
            Restart::Temporary => false,
        };
        if !restart {
            if self.children[i].spec.restart() == Restart::Temporary {
                self.children.remove(i);
            }
            return Flow::Continue;
        }
        if !self.may_restart() {
            self.stop_children(ctx);
            return Flow::Exit {
                reason: Term::atom("shutdown"),
                reply: None,
            };
        }
        // The children the strategy restarts with it: stopped last-first, started in order.
        let group: Vec<usize> = match self.flags.strategy {
            Strategy::OneForOne => vec![i],
            Strategy::OneForAll => (0..self.children.len()).collect(),
            Strategy::RestForOne => (i..self.children.len()).collect(),
        };
        for &j in group.iter().rev() {
            if let Some(pid) = self.children[j].pid.take() {
                stop_child(ctx, pid);
            }
        }
        for j in group {
            self.start(ctx, j);
        }
        Flow::Continue
    }

    /// Records a restart; false when it exceeds the intensity.
    fn may_restart(&mut self) -> bool {
        let (max, seconds) = (self.flags.max_restarts, self.flags.max_seconds);
        super::supervisor::may_restart(&mut self.restarts, max, seconds)
    }

    /// Stops every child, the last started first.
    fn stop_children(&mut self, ctx: &Ctx) {
        for child in self.children.iter_mut().rev() {
            if let Some(pid) = child.pid.take() {
                stop_child(ctx, pid);
            }
        }
    }
}

/// Sends the exit signal a failed start owes its linked starter (see `Started`).
pub(crate) fn exit_starter(rt: &Runtime, from: Pid, starter: Pid, reason: Term) {
    if let Some(starter) = rt.inner.table.get(starter) {
        signals::exit_signal(rt, from, &starter, reason);
    }
}
