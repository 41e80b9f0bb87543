//! GenServer calls from a client: a request with its tag, the reply handed over or
//! waited for (with the monitor that catches the server's death), timeouts, `cast`,
//! `stop`, and the exit reasons iex prints when a call fails.

use std::sync::Arc;
use std::time::{Duration, Instant};

use super::client::Client;
use super::gen_server::{self, callbacks};
use super::process::{Msg, Process};
use super::{reply, scheduler, stacks};
use crate::error::Error;
use crate::term::{Atom, Pid, Ref, Term};

/// `{GenServer, fun, args}`, the second half of a call's exit reason.
fn mfa(fun: &str, args: Vec<Term>) -> Term {
    Term::tuple(vec![
        Term::module("GenServer"),
        Term::atom(fun),
        Term::list(args),
    ])
}

fn exit_with(reason: Term, mfa: Term) -> Error {
    Error::Exit(Term::tuple(vec![reason, mfa]))
}

fn timeout_term(timeout: Option<Duration>) -> Term {
    match timeout {
        Some(d) => Term::Int(d.as_millis() as i64),
        None => Term::atom("infinity"),
    }
}

impl Client {
    /// Waits for the reply tagged `tag`, or the DOWN of the monitor `tag`.
    fn await_reply(&self, tag: Ref, timeout: Option<Duration>) -> Result<Term, Option<Term>> {
        let deadline = timeout.map(|t| Instant::now() + t);
        loop {
            let left = deadline.map(|d| d.saturating_duration_since(Instant::now()));
            let Some(msg) = self.next_msg(left) else {
                return Err(None);
            };
            if let Some(done) = self.file(msg, tag) {
                return done;
            }
        }
    }

    /// The reply tagged `tag` if it is already here (a direct hand-off answered before
    /// `deliver` returned). Other messages are kept for later receives.
    fn try_reply(&self, tag: Ref) -> Option<Term> {
        while let Some(msg) = self.proc.mailbox.pop() {
            if matches!(msg, Msg::Exited) {
                // Not ours to consume: receives after this one must see it too.
                self.proc.mailbox.push(Msg::Exited);
                return None;
            }
            if let Some(Ok(value)) = self.file(msg, tag) {
                return Some(value);
            }
        }
        None
    }

    /// Sorts one message that came while waiting on `tag`: the answer, or None after
    /// keeping it for a later receive (or dropping a stale reply).
    fn file(&self, msg: Msg, tag: Ref) -> Option<Result<Term, Option<Term>>> {
        match msg {
            Msg::Reply { tag: t, value } if t == tag => Some(Ok(value)),
            Msg::Reply { .. } => None,
            Msg::Exited => Some(Err(self.exit_reason())),
            Msg::Info(t) => match t.as_tuple() {
                Some([down, Term::Ref(r), _, _, reason]) if down.is_atom("DOWN") && *r == tag => {
                    Some(Err(Some(reason.clone())))
                }
                _ => {
                    self.saved.borrow_mut().push_back(t);
                    None
                }
            },
            Msg::Cast(t) => {
                let t = Term::tuple(vec![Term::atom("$gen_cast"), t]);
                self.saved.borrow_mut().push_back(t);
                None
            }
            Msg::Call { .. } | Msg::Stop { .. } | Msg::System { .. } | Msg::StartChild { .. } => {
                None
            }
        }
    }

    /// Sends `msg` (built with the call's tag) to `target` and waits for the answer.
    /// Err(None) is a timeout, Err(Some(reason)) the target's death.
    ///
    /// An idle target answers during `deliver` (direct hand-off), so the monitor that
    /// catches its death is only set when the answer is not already here: most calls
    /// skip it.
    pub(super) fn request(
        &self,
        target: &Arc<Process>,
        msg: impl FnOnce(Ref) -> Msg,
        timeout: Option<Duration>,
    ) -> Result<Term, Option<Term>> {
        // A call is a wait: what the shell's kills held back runs first, in order.
        self.rt.release_deferred();
        let tag = self.rt.make_ref();
        if timeout == Some(Duration::ZERO) {
            // The BEAM caller gives up before any server could answer; its handler must
            // not run on our thread either. A late reply is dropped on arrival.
            if !scheduler::deliver_queued(&self.rt, target, msg(tag)) {
                return Err(Some(Term::atom("noproc")));
            }
            return Err(None);
        }
        let waiting = reply::expect(self.pid(), tag);
        if !scheduler::deliver(&self.rt, target, msg(tag)) {
            return Err(Some(Term::atom("noproc")));
        }
        if let Some(value) = waiting.take() {
            if self.proc.is_alive() {
                return Ok(value);
            }
            // Killed while the handler ran: the reply waits behind the exit, as it
            // would have in the mailbox.
            self.proc.mailbox.push(Msg::Reply { tag, value });
        }
        if let Some(value) = self.try_reply(tag) {
            return Ok(value);
        }
        if !target.add_monitor(tag, self.pid(), Term::Pid(target.pid)) {
            // It died after taking the message; it may have answered first.
            if let Some(value) = self.try_reply(tag) {
                return Ok(value);
            }
            let reason = target.meta.lock().unwrap().exit_reason.as_deref().cloned();
            return Err(Some(reason.unwrap_or_else(|| Term::atom("noproc"))));
        }
        let result = self.await_reply(tag, timeout);
        if !matches!(result, Err(Some(_))) && !target.remove_monitor(tag) {
            // The server died after answering (a spawned receive that replied and
            // returned): `:gen.call`'s `demonitor(ref, [:flush])` drops its `:DOWN`,
            // which its death is sending us now.
            let down = |t: &Term| matches!(t.as_tuple(), Some([d, Term::Ref(r), ..]) if d.is_atom("DOWN") && *r == tag);
            self.receive_matching(&mut { down }, Some(Duration::from_secs(1)));
        }
        result
    }

    /// `GenServer.start/start_link(module, init_arg, opts)`.
    pub fn gen_server_start(
        &self,
        module: &Atom,
        init_arg: Term,
        opts: &Term,
        link: bool,
    ) -> Result<Term, Error> {
        // A name the shell's kill left behind is free again (see `Runtime::defer_name`).
        self.rt.release_deferred();
        let name = opts.keyword_get("name").cloned().unwrap_or(Term::nil());
        let Some(cb) = callbacks(module) else {
            gen_server::parse_name(&self.rt, &name)?;
            let reason = gen_server::undef_init(&self.rt, module, &init_arg);
            return Ok(Term::error_tuple(reason));
        };
        gen_server::start(&self.rt, cb, init_arg, &name, &self.proc, link)
    }

    /// `GenServer.call/3` (None timeout = `:infinity`).
    pub fn call(
        &self,
        server: &Term,
        request: Term,
        timeout: Option<Duration>,
    ) -> Result<Term, Error> {
        // The exit's `{GenServer, :call, [..]}` is built only on failure: calls are hot.
        let args = (request.clone(), timeout_term(timeout));
        let mfa = move || mfa("call", vec![server.clone(), args.0, args.1]);
        self.call_as(server, request, timeout, mfa)
    }

    /// A call whose failure exits name `mfa` (DynamicSupervisor's calls name GenServer.call
    /// with their own request).
    pub(crate) fn call_as(
        &self,
        server: &Term,
        request: Term,
        timeout: Option<Duration>,
        mfa: impl FnOnce() -> Term,
    ) -> Result<Term, Error> {
        let make = |from, tag| Msg::Call { from, tag, request };
        self.call_with(server, make, timeout, mfa)
    }

    /// A call whose message `make` builds from the caller and the call's tag.
    pub(crate) fn call_with(
        &self,
        server: &Term,
        make: impl FnOnce(Arc<Process>, Ref) -> Msg,
        timeout: Option<Duration>,
        mfa: impl FnOnce() -> Term,
    ) -> Result<Term, Error> {
        let Some(target) = gen_server::resolve(&self.rt, server)? else {
            return Err(exit_with(Term::atom("noproc"), mfa()));
        };
        if target.pid == self.pid() {
            return Err(exit_with(Term::atom("calling_self"), mfa()));
        }
        let from = self.proc.clone();
        match self.request(&target, |tag| make(from, tag), timeout) {
            Ok(v) => Ok(v),
            Err(None) => Err(exit_with(Term::atom("timeout"), mfa())),
            Err(Some(reason)) => Err(exit_with(reason, mfa())),
        }
    }

    /// Sends a call's request and returns at once: a VM process that waits for the
    /// reply without holding its thread (`Msg::Reply` with `tag` answers it).
    pub(crate) fn send_call(&self, target: &Arc<Process>, tag: Ref, request: Term) {
        self.rt.release_deferred();
        let from = self.proc.clone();
        scheduler::deliver(&self.rt, target, Msg::Call { from, tag, request });
    }

    /// `GenServer.cast/2`: always `:ok`.
    pub fn cast(&self, server: &Term, request: Term) -> Term {
        if let Ok(Some(target)) = gen_server::resolve(&self.rt, server) {
            scheduler::deliver(&self.rt, &target, Msg::Cast(request));
        }
        Term::ok()
    }

    /// `GenServer.stop/3`: `:ok` once the server is dead.
    pub fn stop(
        &self,
        server: &Term,
        reason: Term,
        timeout: Option<Duration>,
    ) -> Result<Term, Error> {
        let mfa = mfa(
            "stop",
            vec![server.clone(), reason.clone(), timeout_term(timeout)],
        );
        let Some(target) = gen_server::resolve(&self.rt, server)? else {
            return Err(exit_with(Term::atom("noproc"), mfa));
        };
        if target.pid == self.pid() {
            return Err(exit_with(Term::atom("calling_self"), mfa));
        }
        let from = self.proc.clone();
        let asked = reason.clone();
        let stop = |tag| Msg::Stop {
            reason: asked,
            from,
            tag,
        };
        let is_client = target.runs_code();
        let pid = Term::Pid(target.pid);
        match self.request(&target, stop, timeout) {
            // `:gen.stop/3` returns once the process is down: one the shell runs (an
            // Agent) answers just before it dies.
            Ok(v) => {
                let deadline = Instant::now() + Duration::from_secs(1);
                while target.is_alive() && Instant::now() < deadline {
                    std::thread::sleep(Duration::from_micros(50));
                }
                Ok(v)
            }
            Err(None) => Err(exit_with(Term::atom("timeout"), mfa)),
            // A process the shell runs (a spawned receive) took the system message and
            // died before answering: `:sys.terminate/3`'s call fails with its reason.
            Err(Some(died)) if is_client => {
                let args = vec![pid, reason, timeout_term(timeout)];
                let terminate = Term::tuple(vec![
                    Term::atom("sys"),
                    Term::atom("terminate"),
                    Term::list(args),
                ]);
                Err(exit_with(Term::tuple(vec![died, terminate]), mfa))
            }
            // It died of our stop before the reply could come: that is success.
            Err(Some(_)) => Ok(Term::ok()),
        }
    }

    /// `GenServer.stop/3` given a timeout that is neither `:infinity` nor a
    /// non-negative integer: Elixir resolves the server first, and `:gen.call/4`,
    /// under `:sys.terminate/3`, is what rejects the timeout. The server lives on.
    pub fn stop_bad_timeout(&self, server: &Term, reason: Term, timeout: Term) -> Error {
        let mfa = mfa(
            "stop",
            vec![server.clone(), reason.clone(), timeout.clone()],
        );
        match gen_server::resolve(&self.rt, server) {
            Err(e) => e,
            Ok(None) => exit_with(Term::atom("noproc"), mfa),
            Ok(Some(target)) if target.pid == self.pid() => {
                exit_with(Term::atom("calling_self"), mfa)
            }
            Ok(Some(target)) => {
                let pid = Term::Pid(target.pid);
                let request = Term::tuple(vec![Term::atom("terminate"), reason.clone()]);
                let call = vec![pid.clone(), Term::atom("system"), request, timeout.clone()];
                let terminate = Term::tuple(vec![
                    Term::atom("sys"),
                    Term::atom("terminate"),
                    Term::list(vec![pid, reason, timeout]),
                ]);
                let sys_exit = Term::tuple(vec![stacks::gen_call_clause(call), terminate]);
                exit_with(sys_exit, mfa)
            }
        }
    }

    /// `GenServer.whereis/1`.
    pub fn gen_server_whereis(&self, server: &Term) -> Result<Option<Pid>, Error> {
        Ok(gen_server::resolve(&self.rt, server)?.map(|p| p.pid))
    }
}
