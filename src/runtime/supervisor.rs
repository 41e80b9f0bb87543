//! DynamicSupervisor (and the guide's `DSupervisor`, which is one named after itself with
//! strategy `:one_for_one`).
//!
//! The supervisor traps exits. Children are started inside its handler by running their
//! `init` directly, so it never waits on another process. Children are kept by pid, and
//! pids grow with time, so pid order is start order (shutdown goes in reverse).
//! Restart intensity follows OTP: more than `max_restarts` in `max_seconds` and the
//! supervisor stops its children and exits `:shutdown`, which takes linked processes
//! (the shell) with it.

use std::collections::VecDeque;
use std::sync::atomic::Ordering;
use std::sync::Arc;
use std::time::{Duration, Instant};

use super::child_spec::{ChildSpec, Restart, Start};
use super::children::Children;
use super::gen_server::{self, callbacks, NameSpec};
use super::process::{Behaviour, Ctx, Flow, Msg, Process};
use super::stacks;
use super::supervisor_state::{report_state, Limits, Started};
use super::Event;
use super::{signals, Runtime};
use crate::error::Error;
use crate::term::{Pid, Term};

pub(crate) struct Options {
    pub max_children: Option<usize>,
    pub max_restarts: usize,
    pub max_seconds: u64,
    /// What `init/1` got (`{:ok, flags}` here; a module's own init arg replaces it).
    pub args: Term,
    pub extra_arguments: Term,
}

/// `DynamicSupervisor.init/1`: the options as supervisor flags, unchecked.
pub fn init_flags(opts: &Term) -> Term {
    let get = |key: &str, default: Term| opts.keyword_get(key).cloned().unwrap_or(default);
    Term::map(vec![
        (
            Term::atom("extra_arguments"),
            get("extra_arguments", Term::empty_list()),
        ),
        (Term::atom("intensity"), get("max_restarts", Term::Int(3))),
        (
            Term::atom("max_children"),
            get("max_children", Term::atom("infinity")),
        ),
        (Term::atom("period"), get("max_seconds", Term::Int(5))),
        (
            Term::atom("strategy"),
            get("strategy", Term::atom("one_for_one")),
        ),
    ])
}

impl Options {
    /// Checks the flags as DynamicSupervisor's `init/2` does; the error is the reason
    /// inside the supervisor's `{:supervisor_data, reason}` exit.
    pub(crate) fn parse(opts: &Term) -> Result<Options, Term> {
        let all_flags = init_flags(opts);
        let Term::Map(flags) = &all_flags else {
            unreachable!("init_flags builds a map")
        };
        let get = |k: &str| flags.get(&Term::atom(k)).cloned().unwrap_or_else(Term::nil);
        let bad = |tag: &str, v: Term| Term::tuple(vec![Term::atom(tag), v]);
        let strategy = get("strategy");
        if !strategy.is_atom("one_for_one") {
            return Err(bad("invalid_strategy", strategy));
        }
        let max_restarts = match get("intensity") {
            Term::Int(n) if n >= 0 => n as usize,
            other => return Err(bad("invalid_intensity", other)),
        };
        let max_seconds = match get("period") {
            Term::Int(n) if n > 0 => n as u64,
            other => return Err(bad("invalid_period", other)),
        };
        let max_children = match get("max_children") {
            t if t.is_atom("infinity") => None,
            Term::Int(n) if n >= 0 => Some(n as usize),
            other => return Err(bad("invalid_max_children", other)),
        };
        let extra = get("extra_arguments");
        if extra.as_list().is_none() {
            return Err(bad("invalid_extra_arguments", extra));
        }
        Ok(Options {
            max_children,
            max_restarts,
            max_seconds,
            args: Term::tuple(vec![Term::ok(), all_flags.clone()]),
            extra_arguments: extra,
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
        started: Started {
            args: opts.args.clone(),
            extra_arguments: opts.extra_arguments.clone(),
            name: Started::name_of(&name),
        },
        module,
        parent: parent.pid,
        children: Children::default(),
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
    gen_server::link_via_owner(rt, &name, &proc);
    Ok(rt.inner.consts.ok_tuple(Term::Pid(pid)))
}

struct SupervisorProc {
    started: Started,
    module: Term,
    parent: Pid,
    children: Children,
    opts: Options,
    restarts: VecDeque<Instant>,
}

impl Behaviour for SupervisorProc {
    fn defers_child_exits(&self) -> bool {
        true
    }

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
                self.report(ctx, &reason, Term::empty_list());
                self.stop_children(ctx);
                Flow::Exit {
                    reason,
                    reply: Some((from, tag, Term::ok())),
                }
            }
            Msg::Cast(_) | Msg::Reply { .. } | Msg::Exited | Msg::System { .. } => Flow::Continue,
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
                        Term::Pid(pid),
                        spec.kind(),
                        spec.modules(),
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
        let started = start_spec(ctx, &spec, self.parent);
        if let Some([ok, Term::Pid(pid)]) = started.as_tuple() {
            if ok.is_atom("ok") {
                self.children.insert(*pid, spec);
            }
        }
        started
    }

    fn terminate_child(&mut self, ctx: &Ctx, pid: Pid) -> Term {
        if self.children.remove(pid).is_none() {
            return Term::error_tuple(Term::atom("not_found"));
        }
        stop_child(ctx, pid);
        ctx.rt.inner.consts.ok.clone()
    }

    fn child_exited(&mut self, ctx: &Ctx, from: Pid, reason: Term) -> Flow {
        if from == self.parent {
            let last = Term::tuple(vec![Term::atom("EXIT"), Term::Pid(from), reason.clone()]);
            self.report(ctx, &reason, last);
            self.stop_children(ctx);
            return Flow::Exit {
                reason,
                reply: None,
            };
        }
        let Some(spec) = self.children.remove(from) else {
            return Flow::Continue;
        };
        let restart = match spec.restart() {
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
        let started = start_spec(ctx, &spec, self.parent);
        if let Some([ok, Term::Pid(pid)]) = started.as_tuple() {
            if ok.is_atom("ok") {
                self.children.insert(*pid, spec);
            }
        }
        Flow::Continue
    }

    /// Records a restart; false when it exceeds `max_restarts` in `max_seconds`.
    fn may_restart(&mut self) -> bool {
        may_restart(
            &mut self.restarts,
            self.opts.max_restarts,
            self.opts.max_seconds,
        )
    }

    /// Logger's `GenServer NAME terminating` report, for a reason it reports.
    fn report(&self, ctx: &Ctx, reason: &Term, last_message: Term) {
        if gen_server::is_quiet_reason(reason) {
            return;
        }
        let limits = Limits {
            max_children: self.opts.max_children,
            max_restarts: self.opts.max_restarts,
            max_seconds: self.opts.max_seconds,
            restarts: self
                .restarts
                .iter()
                .map(|t| -(t.elapsed().as_secs() as i64))
                .collect(),
        };
        let state = report_state(
            ctx.me.pid,
            &self.module,
            &self.started,
            &limits,
            &self.children,
        );
        ctx.rt.emit(Event::GenServerTerminating {
            name: ctx.me.report_name(),
            reason: reason.clone(),
            last_message,
            state,
            client: None,
            stack: None,
        });
    }

    /// Stops every child, the last started first.
    fn stop_children(&mut self, ctx: &Ctx) {
        let children = std::mem::take(&mut self.children);
        for (pid, _) in children.iter().rev() {
            stop_child(ctx, pid);
        }
    }
}

/// `start_spec`, for the static Supervisor's children.
pub(crate) fn start_spec_for(ctx: &Ctx, spec: &ChildSpec, parent: Pid) -> Term {
    start_spec(ctx, spec, parent)
}

/// Runs the child's start function from inside the supervisor (started by `parent`).
/// A failure is the `{:error, reason}` OTP's DynamicSupervisor returns, stack included.
fn start_spec(ctx: &Ctx, spec: &ChildSpec, parent: Pid) -> Term {
    let fail = |reason: Term| Term::error_tuple(reason);
    if let Some(answer) = start_user_child(ctx, spec) {
        return match answer {
            Ok(t) => t,
            Err(e) => fail(e.exit_reason()),
        };
    }
    let (cb, init_arg, name, link) = match (spec.module.name(), &spec.start) {
        // The guide's `Server.start_link({init_arg, name})`: anything else is no clause.
        ("Elixir.Server", Start::StartLink(arg)) => match arg.as_tuple() {
            Some([init_arg, name]) => (server_callbacks(), init_arg, name.clone(), true),
            _ => {
                let frame = stacks::guide_frame(&spec.module, "start_link", vec![arg.clone()], 3);
                return fail(stacks::in_supervisor("function_clause", vec![frame]));
            }
        },
        // `{GenServer, :start_link, [module, arg, opts]}`
        ("Elixir.GenServer", Start::Mfa(f, args)) if matches!(f.name(), "start_link" | "start") => {
            match args.as_list() {
                Some([Term::Atom(m), arg]) | Some([Term::Atom(m), arg, _]) => {
                    let name = match args.as_list() {
                        Some([_, _, opts]) => opts.keyword_get("name").cloned(),
                        _ => None,
                    };
                    let link = f.name() == "start_link";
                    let Some(cb) = callbacks(m) else {
                        return fail(gen_server::undef_init(ctx.rt, m, arg));
                    };
                    (cb, arg, name.unwrap_or_else(Term::nil), link)
                }
                _ => return fail(undef(spec)),
            }
        }
        _ => return fail(undef(spec)),
    };
    match gen_server::start(ctx.rt, cb, init_arg.clone(), &name, ctx.me, link) {
        Ok(t) => t,
        Err(e) if link && e == Error::system_limit() => {
            // The BEAM logs each spawn refused at the limit.
            ctx.rt.emit(Event::Error("Too many processes".into()));
            let by_shell = ctx
                .rt
                .inner
                .table
                .get(parent)
                .is_some_and(|p| p.is_client && !p.spawned.load(Ordering::Acquire));
            fail(stacks::spawn_limit(stacks::Spawn {
                parent: ctx
                    .me
                    .registered_name()
                    .map_or(Term::Pid(ctx.me.pid), Term::Atom),
                grandparent: parent,
                by_shell,
                supervisor: ctx.me.pid,
                name: &name,
                module: Term::module(cb.module()),
                arg: init_arg,
            }))
        }
        Err(e) => fail(stacks::start_failure(&e)),
    }
}

/// A child whose start function is a learner's code (their `Server.start_link/1`, or
/// `GenServer.start_link/3` of their module): the VM runs it as this supervisor.
fn start_user_child(ctx: &Ctx, spec: &ChildSpec) -> Option<Result<Term, Error>> {
    let code = ctx.rt.code();
    let (function, args) = match &spec.start {
        Start::StartLink(arg) => ("start_link", vec![arg.clone()]),
        Start::Mfa(f, args) => (f.name(), args.as_list()?.to_vec()),
    };
    // Elixir's own behaviours a child spec may start (`{DynamicSupervisor, opts}`,
    // `{Agent, fun}`) are library code too.
    let library = matches!(
        spec.module.name(),
        "Elixir.DynamicSupervisor" | "Elixir.Agent" | "Elixir.Task" | "Elixir.Registry"
    );
    let user = library
        || code.has(spec.module.name())
        || (spec.module.name() == "Elixir.GenServer"
            && matches!(args.first(), Some(Term::Atom(m)) if code.has(m.name())));
    if !user {
        return None;
    }
    code.run(ctx.rt, ctx.me, spec.module.name(), function, args)
}

fn undef(spec: &ChildSpec) -> Term {
    let mut frame = spec.mfa().as_tuple().unwrap_or(&[]).to_vec();
    frame.push(Term::empty_list());
    stacks::in_supervisor("undef", vec![Term::tuple(frame)])
}

/// OTP's restart intensity: records a restart in `restarts`; false when there are now
/// more than `max_restarts` within `max_seconds`.
pub(crate) fn may_restart(
    restarts: &mut VecDeque<Instant>,
    max_restarts: usize,
    max_seconds: u64,
) -> bool {
    let now = Instant::now();
    let window = Duration::from_secs(max_seconds);
    restarts.push_back(now);
    while restarts
        .front()
        .is_some_and(|t| now.duration_since(*t) >= window && window > Duration::ZERO)
    {
        restarts.pop_front();
    }
    restarts.len() <= max_restarts
}

/// Stops a child as OTP does: unlink, then an exit signal `:shutdown`.
pub(crate) fn stop_child(ctx: &Ctx, pid: Pid) {
    if let Some(child) = ctx.rt.inner.table.get(pid) {
        signals::unlink(ctx.me, &child);
        let shutdown = ctx.rt.inner.consts.shutdown.clone();
        signals::exit_signal(ctx.rt, ctx.me.pid, &child, shutdown);
    }
}

fn server_callbacks() -> &'static dyn gen_server::Callbacks {
    &super::server::Server
}
