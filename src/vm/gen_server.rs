//! A GenServer whose callbacks a learner wrote (`use GenServer` in a `defmodule`): OTP's
//! `gen_server` loop, with each callback run on the VM as this process.
//!
//! `init/1` runs on the starter's thread as the new process (its `self()` is the new
//! pid), as the runtime's own GenServers do, so a supervisor starting a child never waits
//! on another process. Afterwards every message is queued here; the next one is handed
//! to its callback (`handle_call/3`, `handle_cast/2`, `handle_info/2`, and
//! `handle_continue/2` and `terminate/2` when asked) in a scheduled machine, which may
//! suspend in a `receive` or `Process.sleep` and be resumed later without holding a
//! thread. The callbacks are looked up at each message, so a redefined module's new code
//! serves the next one (hot code loading). Return values are read as OTP reads them;
//! errors and crash reports are OTP's and Logger's.

use super::interp::{Machine, Outcome};
use super::module::Module;
use crate::error::{exception, Error, Result};
use crate::eval::Evaluator;
use crate::runtime::gen_server as otp;
use crate::runtime::process::{Behaviour, Ctx, Flow, Msg, Process};
use crate::runtime::Event;
use crate::runtime::{Client, Runtime};
use crate::term::{Atom, Pid, Ref, Term};
use std::collections::{HashMap, VecDeque};
use std::sync::Arc;
use std::time::Duration;

/// What a callback running now was called for: how to read its answer.
enum Pending {
    Call {
        from: Term,
        request: Term,
    },
    Cast(Term),
    Info(Term),
    Continue(Term),
    /// `terminate/2`, then Logger's report if any, then the exit (and
    /// `GenServer.stop`'s `:ok` to its caller), in OTP's order.
    Terminate {
        reason: Term,
        reply: Option<(Arc<Process>, Ref)>,
        report: Option<Box<Event>>,
    },
}

pub(crate) struct ModuleServer {
    module: Atom,
    state: Term,
    parent: Pid,
    /// The machine of the callback running now (none between messages: an idle server
    /// keeps only its state).
    machine: Option<Box<Machine>>,
    running: Option<Pending>,
    saved: VecDeque<Term>,
    monitors: HashMap<Ref, Pid>,
    next_fun: u64,
    /// Resumes a callback after its time slice; no other process knows it.
    token: Ref,
    /// The timeout of the last return (`{:noreply, s, 1000}`), as the timer's token.
    timeout: Option<Ref>,
    /// A `{:continue, term}` to handle before the next message.
    continuing: Option<Term>,
    /// Set while `init` runs on the starter's thread: where it leaves the state.
    starting: Option<Slot>,
    /// The stack of the exit a callback just made, for Logger's report.
    exit_stack: Option<Term>,
}

/// `GenServer.start/start_link(module, init_arg, opts)` for a learner's module.
pub(crate) fn start(
    ev: &mut Evaluator,
    module: &Arc<Module>,
    init_arg: Term,
    opts: &Term,
    link: bool,
) -> Result<Term> {
    let rt = ev.client.runtime().clone();
    rt.release_deferred();
    let name = opts.keyword_get("name").cloned().unwrap_or_else(Term::nil);
    let spec = otp::parse_name(&rt, &name)?;
    if let Some(pid) = otp::holder(&rt, &spec) {
        return Ok(otp::already_started(pid));
    }
    let Some(init) = super::module::resolve(module, "init", 1, false) else {
        let reason = otp::undef_init(&rt, &module.name, &init_arg);
        return Ok(Term::error_tuple(reason));
    };
    let parent = ev.client.pid();
    let slot: Slot = Default::default();
    let server = ModuleServer {
        module: module.name.clone(),
        state: Term::nil(),
        parent,
        machine: None,
        running: None,
        saved: VecDeque::new(),
        monitors: HashMap::new(),
        next_fun: 0,
        token: rt.make_ref(),
        timeout: None,
        continuing: None,
        starting: Some(slot.clone()),
        exit_stack: None,
    };
    let token = server.token;
    let proc = rt.spawn_behaviour(Box::new(server))?;
    if let Err(holder) = otp::claim_name(&rt, &spec, &proc) {
        proc.alive
            .store(false, std::sync::atomic::Ordering::Release);
        rt.inner.table.remove(proc.pid);
        return Ok(otp::already_started(holder));
    }
    if link {
        ev.client.link(proc.pid)?;
    }
    otp::link_via_owner(&rt, &spec, &proc);
    // `init/1` runs as the new process, on this thread.
    let client = Client::attach(&rt, proc.clone(), VecDeque::new(), HashMap::new());
    let result = {
        let mut next_fun = 0;
        let mut inner = Evaluator::new(&client, ev.out, ev.line, &[], &mut next_fun);
        inner.is_shell = false;
        let result = super::apply(&mut inner, init, vec![init_arg.clone()]);
        inner.release_starts();
        result
    };
    let (saved, monitors) = client.detach();
    // A failed start: the process dies; a linked starter gets its exit signal once it
    // has its answer (`{:error, reason}` prints before the shell's `** (EXIT ...)`).
    let caller = rt.inner.table.get(parent).filter(|_| link);
    let mut fail = |reason: Term| {
        if let Some(caller) = &caller {
            crate::runtime::signals::unlink(caller, &proc);
        }
        crate::runtime::signals::die(&rt, &proc, reason.clone());
        if let Some(caller) = caller.clone().filter(|_| !reason.is_atom("normal")) {
            let rt = rt.clone();
            let from = proc.pid;
            ev.hold(Box::new(move || {
                crate::runtime::signals::exit_signal(&rt, from, &caller, reason);
            }));
        }
    };
    let state = match result {
        Ok(answer) => match init_answer(&answer) {
            Some(InitAnswer::Ok(state, extra)) => (state, extra),
            Some(InitAnswer::Ignore) => {
                fail(Term::atom("normal"));
                return Ok(Term::atom("ignore"));
            }
            Some(InitAnswer::Stop(reason)) => {
                fail(reason.clone());
                return Ok(Term::error_tuple(reason));
            }
            None => {
                let reason = Term::tuple(vec![Term::atom("bad_return_value"), answer]);
                fail(reason.clone());
                return Ok(Term::error_tuple(reason));
            }
        },
        Err(e) => {
            let reason = exit_reason(&e, Vec::new());
            rt.emit(Event::Error(crate::eval::crash_report(proc.pid, &e)));
            fail(reason.clone());
            return Ok(Term::error_tuple(reason));
        }
    };
    // The server takes over: messages sent during `init` come first.
    *slot.lock().unwrap() = Some(Started {
        state: state.0,
        extra: state.1,
        saved,
        monitors,
    });
    // It handles what came during `init` now, on this thread if it can.
    rt.deliver(&proc, Term::Ref(token));
    Ok(rt.inner.consts.ok_tuple(Term::Pid(proc.pid)))
}

/// What `init/1` answered.
enum InitAnswer {
    Ok(Term, Option<Term>),
    Ignore,
    Stop(Term),
}

fn init_answer(answer: &Term) -> Option<InitAnswer> {
    if answer.is_atom("ignore") {
        return Some(InitAnswer::Ignore);
    }
    match answer.as_tuple()? {
        [ok, state] if ok.is_atom("ok") => Some(InitAnswer::Ok(state.clone(), None)),
        [ok, state, extra] if ok.is_atom("ok") => {
            Some(InitAnswer::Ok(state.clone(), Some(extra.clone())))
        }
        [stop, reason] if stop.is_atom("stop") => Some(InitAnswer::Stop(reason.clone())),
        _ => None,
    }
}

/// The state `init` made, handed to the process by its start message.
struct Started {
    state: Term,
    extra: Option<Term>,
    saved: VecDeque<Term>,
    monitors: HashMap<Ref, Pid>,
}

type Slot = Arc<std::sync::Mutex<Option<Started>>>;

impl Behaviour for ModuleServer {
    fn handle(&mut self, ctx: &Ctx, msg: Msg) -> Flow {
        if let Some(slot) = &self.starting {
            // `init` is still running on the starter's thread: messages wait, until the
            // start message brings the state.
            let started = match &msg {
                Msg::Info(Term::Ref(r)) if *r == self.token => slot.lock().unwrap().take(),
                _ => None,
            };
            let Some(started) = started else {
                if let Some(t) = crate::runtime::message_term(msg) {
                    self.saved.push_back(t);
                }
                return Flow::Continue;
            };
            self.starting = None;
            self.state = started.state;
            let early = std::mem::take(&mut self.saved);
            self.saved = started.saved;
            self.saved.extend(early);
            self.monitors = started.monitors;
            self.after_return(ctx, started.extra);
            return self.drive(ctx);
        }
        self.receive(ctx, msg)
    }

    fn module(&self) -> Term {
        Term::Atom(self.module.clone())
    }

    fn state(&self) -> Option<Term> {
        Some(self.state.clone())
    }

    fn replace_state(&mut self, state: Term) -> bool {
        self.state = state;
        true
    }
}

impl ModuleServer {
    fn receive(&mut self, ctx: &Ctx, msg: Msg) -> Flow {
        match msg {
            Msg::Info(Term::Ref(r)) if r == self.token => self.drive(ctx),
            Msg::Info(Term::Ref(r)) if self.machine.as_mut().is_some_and(|m| m.timer_fired(r)) => {
                self.drive(ctx)
            }
            Msg::Info(Term::Ref(r)) if self.timeout == Some(r) => {
                self.timeout = None;
                if self.running.is_none() && self.saved.is_empty() {
                    self.saved.push_back(Term::atom("timeout"));
                }
                self.drive(ctx)
            }
            Msg::Reply { tag, value }
                if self.machine.as_ref().is_some_and(|m| m.awaits_reply(tag)) =>
            {
                self.saved.push_back(super::interp::reply_term(tag, value));
                self.drive(ctx)
            }
            Msg::Stop { reason, from, tag } if self.running.is_none() => {
                self.timeout = None;
                self.terminate(ctx, reason, Some((from, tag)), Term::empty_list())
            }
            msg => {
                match crate::runtime::message_term(msg) {
                    Some(t) if super::process::is_flushed_down(Some(&self.monitors), &t) => {}
                    Some(t) => {
                        self.timeout = None;
                        self.saved.push_back(t);
                    }
                    None => {}
                }
                self.drive(ctx)
            }
        }
    }

    /// Runs callbacks until the server waits for a message, yields or exits.
    fn drive(&mut self, ctx: &Ctx) -> Flow {
        loop {
            if let Some(pending) = self.running.take() {
                let machine = self.machine.get_or_insert_with(Default::default);
                let outcome = super::process::resume_as(
                    ctx,
                    machine,
                    &mut self.saved,
                    &mut self.monitors,
                    &mut self.next_fun,
                );
                match outcome {
                    Outcome::Yield => {
                        self.running = Some(pending);
                        ctx.me.mailbox.push(Msg::Info(Term::Ref(self.token)));
                        return Flow::Yield;
                    }
                    Outcome::Wait(timer) => {
                        self.running = Some(pending);
                        if let Some((token, after)) = timer {
                            ctx.rt.start_process_timer(token, ctx.me.pid, after);
                        }
                        return Flow::Continue;
                    }
                    Outcome::Done(result) => {
                        self.machine = None;
                        if let Some(flow) = self.returned(ctx, pending, result) {
                            return flow;
                        }
                    }
                }
                continue;
            }
            if let Some(c) = self.continuing.take() {
                if let Some(flow) = self.dispatch(
                    ctx,
                    "handle_continue",
                    vec![c.clone()],
                    Pending::Continue(c),
                ) {
                    return flow;
                }
                continue;
            }
            let Some(message) = self.saved.pop_front() else {
                return Flow::Continue;
            };
            if let Some(flow) = self.message(ctx, message) {
                return flow;
            }
        }
    }

    /// The next message: the callback it goes to starts (or the server stops).
    fn message(&mut self, ctx: &Ctx, message: Term) -> Option<Flow> {
        if let Some(items) = message.as_tuple() {
            match items {
                [tag, from, request] if tag.is_atom("$gen_call") => {
                    let pending = Pending::Call {
                        from: from.clone(),
                        request: request.clone(),
                    };
                    return self.dispatch(
                        ctx,
                        "handle_call",
                        vec![request.clone(), from.clone()],
                        pending,
                    );
                }
                [tag, request] if tag.is_atom("$gen_cast") => {
                    let pending = Pending::Cast(request.clone());
                    return self.dispatch(ctx, "handle_cast", vec![request.clone()], pending);
                }
                [tag, from, request] if tag.is_atom("system") => {
                    if let Some([t, reason]) = request.as_tuple() {
                        if t.is_atom("terminate") {
                            let reply = caller(ctx.rt, from);
                            return Some(self.terminate(
                                ctx,
                                reason.clone(),
                                reply,
                                Term::empty_list(),
                            ));
                        }
                    }
                    return None;
                }
                [tag, from, reason]
                    if tag.is_atom("EXIT") && from.as_pid() == Some(self.parent) =>
                {
                    return Some(self.terminate(ctx, reason.clone(), None, message.clone()));
                }
                _ => {}
            }
        }
        self.dispatch(
            ctx,
            "handle_info",
            vec![message.clone()],
            Pending::Info(message),
        )
    }

    /// Starts `callback(args..., state)`; handles a callback the module lacks as `use
    /// GenServer`'s default does.
    fn dispatch(
        &mut self,
        ctx: &Ctx,
        callback: &str,
        mut args: Vec<Term>,
        pending: Pending,
    ) -> Option<Flow> {
        args.push(self.state.clone());
        let module = ctx
            .rt
            .code()
            .get(self.module.name())
            .and_then(|m| m.downcast::<Module>().ok());
        let code = module
            .as_ref()
            .and_then(|m| super::module::resolve(m, callback, args.len(), false));
        match code {
            Some(code) => {
                self.machine
                    .get_or_insert_with(Default::default)
                    .start(code, args);
                self.running = Some(pending);
                None
            }
            None => self.default_callback(ctx, pending),
        }
    }

    /// `use GenServer`'s defaults for a callback the module does not define.
    fn default_callback(&mut self, ctx: &Ctx, pending: Pending) -> Option<Flow> {
        let name = crate::inspect::inspect_plain(&self.proc_name(ctx.me));
        match pending {
            Pending::Call { from, request } => {
                let error = Error::raise_message(
                    "RuntimeError",
                    format!("attempted to call GenServer {name} but no handle_call/3 clause was provided"),
                );
                Some(self.crash(ctx, error, request, Some(from)))
            }
            Pending::Cast(request) => {
                let error = Error::raise_message(
                    "RuntimeError",
                    format!("attempted to cast GenServer {name} but no handle_cast/2 clause was provided"),
                );
                let last = Term::tuple(vec![Term::atom("$gen_cast"), request]);
                Some(self.crash(ctx, error, last, None))
            }
            Pending::Info(message) => {
                ctx.rt.emit(Event::UnexpectedMessage {
                    module: Term::Atom(self.module.clone()),
                    name: self.proc_name(ctx.me),
                    message,
                });
                None
            }
            Pending::Continue(c) => {
                let error = Error::Raise(exception(
                    "UndefinedFunctionError",
                    vec![
                        ("module", Term::Atom(self.module.clone())),
                        ("function", Term::atom("handle_continue")),
                        ("arity", Term::Int(2)),
                        ("reason", Term::nil()),
                        ("message", Term::nil()),
                    ],
                ));
                Some(self.crash(ctx, error, c, None))
            }
            Pending::Terminate {
                reason,
                reply,
                report,
            } => Some(stopped(ctx, reason, reply, report)),
        }
    }

    /// A callback finished: its answer read as OTP reads it. Some flow when the server
    /// stops.
    fn returned(&mut self, ctx: &Ctx, pending: Pending, result: Result<Term>) -> Option<Flow> {
        let answer = match result {
            Ok(answer) => answer,
            Err(e) => {
                if let Pending::Terminate {
                    reason,
                    reply,
                    report,
                } = pending
                {
                    return Some(stopped(ctx, reason, reply, report));
                }
                let (last, client) = last_message(&pending);
                let reason = exit_reason(&e, otp_frames(&pending));
                self.exit_stack = exit_stack(&e, otp_frames(&pending));
                return Some(self.crash_reason(ctx, reason, last, client));
            }
        };
        let items: Vec<Term> = answer.as_tuple().map(|t| t.to_vec()).unwrap_or_default();
        let tag = items
            .first()
            .and_then(|t| t.as_atom())
            .map(|a| a.name().to_string());
        match (&pending, tag.as_deref(), items.as_slice()) {
            (Pending::Terminate { .. }, _, _) => {
                let Pending::Terminate {
                    reason,
                    reply,
                    report,
                } = pending
                else {
                    unreachable!()
                };
                return Some(stopped(ctx, reason, reply, report));
            }
            (Pending::Call { from, .. }, Some("reply"), [_, value, state, rest @ ..])
                if rest.len() <= 1 =>
            {
                reply(ctx.rt, from, value.clone());
                self.state = state.clone();
                self.after_return(ctx, rest.first().cloned());
            }
            (_, Some("noreply"), [_, state, rest @ ..]) if rest.len() <= 1 => {
                self.state = state.clone();
                self.after_return(ctx, rest.first().cloned());
            }
            (Pending::Call { from, .. }, Some("stop"), [_, reason, value, state]) => {
                self.state = state.clone();
                let reason = reason.clone();
                let from = from.clone();
                let value = value.clone();
                // OTP replies after `terminate/2` has run.
                let flow = self.terminate(ctx, reason, None, Term::empty_list());
                reply(ctx.rt, &from, value);
                return Some(flow);
            }
            (_, Some("stop"), [_, reason, state]) => {
                self.state = state.clone();
                let (last, _) = last_message(&pending);
                return Some(self.terminate(ctx, reason.clone(), None, last));
            }
            _ => {
                let reason = Term::tuple(vec![Term::atom("bad_return_value"), answer.clone()]);
                let (last, client) = last_message(&pending);
                return Some(self.crash_reason(ctx, reason, last, client));
            }
        }
        None
    }

    /// A return's timeout, `:hibernate` or `{:continue, term}`.
    fn after_return(&mut self, ctx: &Ctx, extra: Option<Term>) {
        let Some(extra) = extra else { return };
        if let Some([tag, c]) = extra.as_tuple() {
            if tag.is_atom("continue") {
                self.continuing = Some(c.clone());
            }
            return;
        }
        if let Term::Int(ms) = extra {
            if ms >= 0 {
                let token = ctx.rt.make_ref();
                self.timeout = Some(token);
                ctx.rt
                    .start_process_timer(token, ctx.me.pid, Duration::from_millis(ms as u64));
            }
        }
    }

    /// Stops with `reason`: `terminate/2` runs first when the module defines it.
    fn terminate(
        &mut self,
        ctx: &Ctx,
        reason: Term,
        reply: Option<(Arc<Process>, Ref)>,
        last: Term,
    ) -> Flow {
        let report = (!otp::is_quiet_reason(&reason)).then(|| {
            Box::new(Event::GenServerTerminating {
                name: ctx.me.report_name(),
                reason: reason.clone(),
                last_message: last,
                state: self.state.clone(),
                client: None,
                stack: None,
            })
        });
        let pending = Pending::Terminate {
            reason: reason.clone(),
            reply,
            report,
        };
        match self.dispatch(ctx, "terminate", vec![reason], pending) {
            Some(flow) => flow,
            // `terminate/2` runs to its end here: the server is stopping.
            None => self.drive(ctx),
        }
    }

    /// A callback raised: Logger's report, and the exit OTP gives.
    fn crash(&mut self, ctx: &Ctx, e: Error, last: Term, client: Option<Term>) -> Flow {
        self.crash_reason(ctx, exit_reason(&e, Vec::new()), last, client)
    }

    fn crash_reason(&mut self, ctx: &Ctx, reason: Term, last: Term, client: Option<Term>) -> Flow {
        let client = client
            .and_then(|from| {
                from.as_tuple()
                    .and_then(|t| t.first().and_then(|p| p.as_pid()))
            })
            .map(|pid| {
                let alive = ctx.rt.inner.table.get(pid).is_some_and(|p| p.is_alive());
                (pid, alive)
            });
        let report = Box::new(Event::GenServerTerminating {
            name: ctx.me.report_name(),
            reason: reason.clone(),
            last_message: last,
            state: self.state.clone(),
            client,
            stack: self.exit_stack.take(),
        });
        let pending = Pending::Terminate {
            reason: reason.clone(),
            reply: None,
            report: Some(report),
        };
        match self.dispatch(ctx, "terminate", vec![reason], pending) {
            Some(flow) => flow,
            None => self.drive(ctx),
        }
    }

    fn proc_name(&self, me: &Process) -> Term {
        me.registered_name()
            .map(Term::Atom)
            .unwrap_or(Term::Pid(me.pid))
    }
}

/// The server is done with `terminate/2`: Logger's report (OTP logs after terminate
/// ran), then the exit.
fn stopped(
    ctx: &Ctx,
    reason: Term,
    reply: Option<(Arc<Process>, Ref)>,
    report: Option<Box<Event>>,
) -> Flow {
    if let Some(report) = report {
        ctx.rt.emit(*report);
    }
    Flow::Exit {
        reason,
        reply: reply.map(|(p, r)| (p, r, Term::ok())),
    }
}

/// gen_server's own frames under a callback, as OTP 25's stack shows them.
fn otp_frames(pending: &Pending) -> Vec<Term> {
    let frame = |module: &str, function: &str, arity: i64, file: &str, line: i64| {
        let file = Term::list(file.bytes().map(|b| Term::Int(i64::from(b))).collect());
        Term::tuple(vec![
            Term::atom(module),
            Term::atom(function),
            Term::Int(arity),
            Term::list(vec![
                Term::tuple(vec![Term::atom("file"), file]),
                Term::tuple(vec![Term::atom("line"), Term::Int(line)]),
            ]),
        ])
    };
    let (first, second) = match pending {
        Pending::Call { .. } => (
            frame("gen_server", "try_handle_call", 4, "gen_server.erl", 1149),
            frame("gen_server", "handle_msg", 6, "gen_server.erl", 1178),
        ),
        Pending::Cast(_) | Pending::Info(_) => (
            frame("gen_server", "try_dispatch", 4, "gen_server.erl", 1123),
            frame("gen_server", "handle_msg", 6, "gen_server.erl", 1200),
        ),
        Pending::Continue(_) => (
            frame("gen_server", "try_dispatch", 4, "gen_server.erl", 1123),
            frame("gen_server", "loop", 7, "gen_server.erl", 865),
        ),
        Pending::Terminate { .. } => return Vec::new(),
    };
    vec![
        first,
        second,
        frame("proc_lib", "init_p_do_apply", 3, "proc_lib.erl", 240),
    ]
}

/// The message a crash report names, and the caller waiting on it.
fn last_message(pending: &Pending) -> (Term, Option<Term>) {
    match pending {
        Pending::Call { from, request } => (request.clone(), Some(from.clone())),
        Pending::Cast(r) => (Term::tuple(vec![Term::atom("$gen_cast"), r.clone()]), None),
        Pending::Info(m) => (m.clone(), None),
        Pending::Continue(c) => (Term::tuple(vec![Term::atom("continue"), c.clone()]), None),
        Pending::Terminate { .. } => (Term::empty_list(), None),
    }
}

/// `GenServer.reply(from, value)`: `from` is `{pid, [:alias | ref]}`.
fn reply(rt: &Runtime, from: &Term, value: Term) {
    if let Some((to, tag)) = caller(rt, from) {
        rt.send_reply(&to, tag, value);
    }
}

fn caller(rt: &Runtime, from: &Term) -> Option<(Arc<Process>, Ref)> {
    let [Term::Pid(pid), tag] = from.as_tuple()? else {
        return None;
    };
    let tag = match tag {
        Term::Ref(r) => *r,
        Term::ImproperList(_, end) => match &**end {
            Term::Ref(r) => *r,
            _ => return None,
        },
        _ => return None,
    };
    Some((rt.inner.table.get(*pid)?, tag))
}

/// The reason a callback's error stops the server with: `{exception, stacktrace}`, the
/// stack holding the frames of the learner's functions it passed through, as the BEAM
/// records them (`{Mod, :fun, arity, [file: 'iex', line: 9]}`; a clause error's top frame
/// has the arguments instead of the arity).
pub(crate) fn exit_reason(e: &Error, otp: Vec<Term>) -> Term {
    let plain = e.exit_reason();
    let (Error::Located(inner, frame), Some([exception, _])) = (e, plain.as_tuple()) else {
        return match plain.as_tuple() {
            Some([exception, Term::List(stack)]) if matches!(e, Error::Raise(_)) => {
                let mut stack = stack.to_vec();
                stack.extend(otp);
                Term::tuple(vec![exception.clone(), Term::list(stack)])
            }
            _ => plain,
        };
    };
    if !matches!(**inner, Error::Raise(_)) {
        return plain;
    }
    // A BIF's error exits in Erlang's form, its call on top (`{:badarith, [{:erlang,
    // :div, [1, 0], ...} | ...]}`).
    let (exception, mut stack) = match e.bif_exit_reason() {
        Some(bif) => match bif.as_tuple() {
            Some([reason, Term::List(frames)]) => (reason.clone(), frames.to_vec()),
            _ => (exception.clone(), Vec::new()),
        },
        // Arithmetic in a module's code is an instruction, not a BIF: Erlang's
        // reason, without a BIF's frame.
        None if is_badarith(exception) => (Term::atom("badarith"), Vec::new()),
        None => (exception.clone(), Vec::new()),
    };
    let exception = &exception;
    let clause_args = match crate::error::exception_module(exception).as_deref() {
        Some("FunctionClauseError") => crate::error::exception_field(exception, "args")
            .filter(|a| a.as_list().is_some())
            .cloned(),
        _ => None,
    };
    let user_from = stack.len();
    for line in frame.line.split("\n    ") {
        let Some(entry) = iex_frame(line) else {
            continue;
        };
        let (module, function, arity, location) = entry;
        let arity = match (&clause_args, stack.len() == user_from) {
            (Some(args), true) => args.clone(),
            _ => Term::Int(arity),
        };
        stack.push(Term::tuple(vec![module, function, arity, location]));
    }
    stack.extend(otp);
    Term::tuple(vec![exception.clone(), Term::list(stack)])
}

/// Whether `exception` is the `ArithmeticError` the runtime raises for `:badarith`.
fn is_badarith(exception: &Term) -> bool {
    crate::error::exception_module(exception).as_deref() == Some("ArithmeticError")
        && crate::error::exception_field(exception, "message")
            .and_then(Term::as_str)
            .is_some_and(|m| m == "bad argument in arithmetic expression")
}

/// Whether an error passed through a module's functions (its frames are `iex:N: ...`
/// lines), so its exit reason is built from them.
pub(crate) fn has_module_frames(e: &Error) -> bool {
    matches!(e, Error::Located(inner, frame)
        if matches!(**inner, Error::Raise(_))
            && frame.line.split("\n    ").any(|l| iex_frame(l).is_some()))
}

/// The stack of an exit made in a callback (`exit/1`, a failed call), as the BEAM
/// records it; None for exceptions, whose reason carries it.
fn exit_stack(e: &Error, otp: Vec<Term>) -> Option<Term> {
    let Error::Located(inner, frame) = e else {
        return None;
    };
    if !matches!(**inner, Error::Exit(_)) {
        return None;
    }
    let mut stack: Vec<Term> = frame
        .line
        .split("\n    ")
        .filter_map(iex_frame)
        .map(|(m, f, a, at)| Term::tuple(vec![m, f, Term::Int(a), at]))
        .collect();
    stack.extend(otp);
    Some(Term::list(stack))
}

/// `iex:9: Stack.handle_call/3` read back as a stack entry.
fn iex_frame(line: &str) -> Option<(Term, Term, i64, Term)> {
    let rest = line.strip_prefix("iex:")?;
    let (number, call) = rest.split_once(": ")?;
    let number: i64 = number.parse().ok()?;
    // `anonymous fn/1 in M.f/0` is the fn compiled as `M."-f/0-fun-0-"/1`.
    if let Some(anonymous) = call.strip_prefix("anonymous fn/") {
        let (arity, outer) = anonymous.split_once(" in ")?;
        let (module, function) = outer.rsplit_once('/')?.0.rsplit_once('.')?;
        let outer_arity = outer.rsplit_once('/')?.1;
        let name = format!("-{function}/{outer_arity}-fun-0-");
        return Some((
            Term::module(module),
            Term::atom(&name),
            arity.parse().ok()?,
            iex_location(number),
        ));
    }
    let (mfa, arity) = call.rsplit_once('/')?;
    let arity: i64 = arity.parse().ok()?;
    let (module, function) = mfa.rsplit_once('.')?;
    let module = match module.strip_prefix(':') {
        Some(erlang) => Term::atom(erlang),
        None => Term::module(module),
    };
    Some((module, Term::atom(function), arity, iex_location(number)))
}

/// `[file: 'iex', line: number]`
fn iex_location(number: i64) -> Term {
    Term::list(vec![
        Term::tuple(vec![
            Term::atom("file"),
            Term::list("iex".bytes().map(|b| Term::Int(b as i64)).collect()),
        ]),
        Term::tuple(vec![Term::atom("line"), Term::Int(number)]),
    ])
}
