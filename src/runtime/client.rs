//! A process driven by an outside OS thread: the shell, or a test's client thread.
//!
//! Only a client ever blocks (in `call`, `stop` and `receive`, with timeouts), so no
//! scheduler thread can deadlock. Dropping a client exits its process `:normal`.
//! This file holds messaging and GenServer calls; Process/Kernel calls are in
//! `client_process.rs`, supervisor and registry calls in `client_otp.rs`.

use std::cell::RefCell;
use std::collections::{HashMap, VecDeque};
use std::sync::Arc;
use std::time::{Duration, Instant};

use super::gen_server::{self, callbacks};
use super::process::{Msg, Process};
use super::registry::RegistryTable;
use super::{reply, scheduler, signals, stacks, Runtime};
use crate::error::Error;
use crate::term::{Atom, Pid, Ref, Term};

pub struct Client {
    pub(crate) rt: Runtime,
    pub(crate) proc: Arc<Process>,
    /// Messages taken from the mailbox while waiting for something else (a reply).
    saved: RefCell<VecDeque<Term>>,
    /// Monitors this client holds: ref -> monitored pid.
    pub(crate) monitors: RefCell<HashMap<Ref, Pid>>,
    /// Set from another thread (Ctrl-C at the terminal): a wait in progress ends as if
    /// it had timed out, and the shell abandons its line.
    interrupt: Arc<std::sync::atomic::AtomicBool>,
    /// The registry this client last named (`Registry.lookup/2`'s path): found again
    /// without the node's registry list and its lock, while it is open.
    pub(crate) last_registry: RefCell<Option<Arc<RegistryTable>>>,
}

/// How often a waiting client looks at its interrupt flag.
const INTERRUPT_POLL: Duration = Duration::from_millis(20);

/// This node's name: iex runs undistributed.
const NODE: &str = "nonode@nohost";

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
    pub(crate) fn spawn(rt: &Runtime) -> Result<Client, Error> {
        let pid = rt.inner.table.reserve()?;
        let proc = Arc::new(Process::new(pid, None));
        rt.inner.table.insert(proc.clone());
        Ok(Client {
            rt: rt.clone(),
            proc,
            saved: RefCell::new(VecDeque::new()),
            monitors: RefCell::new(HashMap::new()),
            last_registry: RefCell::new(None),
            interrupt: Arc::new(std::sync::atomic::AtomicBool::new(false)),
        })
    }

    /// Marks this client as a spawned function's process, not a shell.
    pub fn mark_spawned(&self) {
        self.proc
            .spawned
            .store(true, std::sync::atomic::Ordering::Release);
    }

    pub fn pid(&self) -> Pid {
        self.proc.pid
    }

    pub fn runtime(&self) -> &Runtime {
        &self.rt
    }

    /// Set when an exit signal killed this process: the reason (`:killed`, `:shutdown`...).
    /// Whether this process is still alive (an exit signal may have killed it).
    pub fn is_alive(&self) -> bool {
        self.proc.is_alive()
    }

    /// Ends this process with `reason`, as when its function returns or raises:
    /// links and monitors are told.
    pub fn terminate(&self, reason: Term) {
        signals::die(&self.rt, &self.proc, reason);
    }

    pub fn exit_reason(&self) -> Option<Term> {
        if self.proc.is_alive() {
            return None;
        }
        self.proc
            .meta
            .lock()
            .unwrap()
            .exit_reason
            .as_deref()
            .cloned()
    }

    /// Resolves a destination for `send/2`.
    /// `:erlang.send/2`'s destination: a pid, a registered atom, or `{name, node}`
    /// (this node's name looked up; another node's message silently goes nowhere, as on
    /// a node that is not distributed). Via and global names are not destinations.
    fn dest(&self, dest: &Term) -> Result<Option<Arc<Process>>, Error> {
        let invalid = || Error::bif_argument(1, "invalid destination");
        match dest {
            Term::Pid(p) => Ok(self.rt.inner.table.get(*p)),
            Term::Atom(a) => self.rt.inner.names.whereis(a).map(Some).ok_or_else(invalid),
            _ => match dest.as_tuple() {
                Some([Term::Atom(name), Term::Atom(node)]) => Ok(if node.name() == NODE {
                    self.rt.inner.names.whereis(name)
                } else {
                    None
                }),
                _ => Err(invalid()),
            },
        }
    }

    /// `send/2`: returns the message. Sending to a dead pid is silently fine; to an
    /// unregistered atom is iex's ArgumentError.
    pub fn send(&self, dest: &Term, msg: Term) -> Result<Term, Error> {
        self.send_shown(dest, msg, None)
    }

    /// `Process.send/3`: as `send/2`, but answers `:ok` and its errors show the options.
    pub fn send_with_options(&self, dest: &Term, msg: Term, opts: &Term) -> Result<Term, Error> {
        if opts.as_list().is_none() {
            return Err(Error::bif_argument(3, "not a list").at(format!(
                ":erlang.send({}, {}, {})",
                super::text::term(dest),
                super::text::term(&msg),
                super::text::term(opts)
            )));
        }
        self.send_shown(dest, msg, Some(opts)).map(|_| Term::ok())
    }

    fn send_shown(&self, dest: &Term, msg: Term, opts: Option<&Term>) -> Result<Term, Error> {
        let found = self.dest(dest).map_err(|e| {
            let opts = opts.map_or_else(String::new, |o| format!(", {}", super::text::term(o)));
            e.at(format!(
                ":erlang.send({}, {}{opts})",
                super::text::term(dest),
                super::text::term(&msg)
            ))
        })?;
        if let Some(proc) = found {
            scheduler::deliver(&self.rt, &proc, Msg::Info(msg.clone()));
        }
        Ok(msg)
    }

    /// How many messages a selective receive skipped and kept for later.
    pub(crate) fn saved_len(&self) -> usize {
        self.saved.borrow().len()
    }

    /// `Process.info(self(), :messages)`: every queued message, in arrival order, left
    /// in the queue.
    pub fn queued_messages(&self) -> Vec<Term> {
        let mut arrived = Vec::new();
        while let Some(t) = self.receive(Some(Duration::ZERO)) {
            arrived.push(t);
        }
        let mut saved = self.saved.borrow_mut();
        saved.extend(arrived);
        saved.iter().cloned().collect()
    }

    /// Next message (None timeout = wait forever); None on timeout or if this process died.
    pub fn receive(&self, timeout: Option<Duration>) -> Option<Term> {
        if let Some(t) = self.saved.borrow_mut().pop_front() {
            return Some(t);
        }
        let deadline = timeout.map(|t| Instant::now() + t);
        loop {
            let left = deadline.map(|d| d.saturating_duration_since(Instant::now()));
            match self.next_msg(left)?.into_call() {
                Msg::Info(t) => return Some(t),
                Msg::Exited => return None,
                Msg::Call { from, tag, request } => {
                    let from = Term::tuple(vec![Term::Pid(from.pid), Term::Ref(tag)]);
                    return Some(Term::tuple(vec![Term::atom("$gen_call"), from, request]));
                }
                Msg::Cast(t) => return Some(Term::tuple(vec![Term::atom("$gen_cast"), t])),
                // A late reply to a call that timed out: the BEAM's alias drops it too.
                Msg::Reply { .. } | Msg::Stop { .. } | Msg::StartChild { .. } => {}
            }
        }
    }

    /// The flag that interrupts this process's waits (see `interrupt`).
    pub fn interrupt_handle(&self) -> Arc<std::sync::atomic::AtomicBool> {
        self.interrupt.clone()
    }

    /// Whether an interrupt was asked for since the last `clear_interrupt`.
    pub fn interrupted(&self) -> bool {
        self.interrupt.load(std::sync::atomic::Ordering::Relaxed)
    }

    pub fn clear_interrupt(&self) {
        self.interrupt
            .store(false, std::sync::atomic::Ordering::Relaxed);
    }

    /// The next message within `left` (None: forever). The wait wakes every
    /// `INTERRUPT_POLL` to see whether it was interrupted; an interrupted or timed-out
    /// wait, or one whose process died, gives None.
    fn next_msg(&self, left: Option<Duration>) -> Option<Msg> {
        let deadline = left.map(|l| Instant::now() + l);
        loop {
            if self.interrupted() {
                return None;
            }
            let remaining = deadline.map(|d| d.saturating_duration_since(Instant::now()));
            let slice = remaining.map_or(INTERRUPT_POLL, |r| r.min(INTERRUPT_POLL));
            if let Some(msg) = self.proc.mailbox.recv(Some(slice)) {
                return Some(msg);
            }
            let out_of_time = remaining.is_some_and(|r| r <= slice);
            if out_of_time || !self.proc.is_alive() {
                return None;
            }
        }
    }

    /// Selective receive (`receive do ... end`): the first message, in arrival order, that
    /// `accept` takes; the others stay in the mailbox, in order, for later receives.
    pub fn receive_matching(
        &self,
        accept: &mut dyn FnMut(&Term) -> bool,
        timeout: Option<Duration>,
    ) -> Option<Term> {
        let mut skipped = std::mem::take(&mut *self.saved.borrow_mut());
        let found = match skipped.iter().position(&mut *accept) {
            Some(i) => skipped.remove(i),
            None => {
                let deadline = timeout.map(|t| Instant::now() + t);
                loop {
                    let left = deadline.map(|d| d.saturating_duration_since(Instant::now()));
                    match self.receive(left) {
                        Some(t) if accept(&t) => break Some(t),
                        Some(t) => skipped.push_back(t),
                        None => break None,
                    }
                }
            }
        };
        let mut saved = self.saved.borrow_mut();
        skipped.append(&mut saved);
        *saved = skipped;
        found
    }

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
            Msg::Call { .. } | Msg::Stop { .. } | Msg::StartChild { .. } => None,
        }
    }

    /// Sends `msg` (built with the call's tag) to `target` and waits for the answer.
    /// Err(None) is a timeout, Err(Some(reason)) the target's death.
    ///
    /// An idle target answers during `deliver` (direct hand-off), so the monitor that
    /// catches its death is only set when the answer is not already here: most calls
    /// skip it.
    fn request(
        &self,
        target: &Arc<Process>,
        msg: impl FnOnce(Ref) -> Msg,
        timeout: Option<Duration>,
    ) -> Result<Term, Option<Term>> {
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
        if !matches!(result, Err(Some(_))) {
            target.remove_monitor(tag);
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
        let stop = |tag| Msg::Stop { reason, from, tag };
        match self.request(&target, stop, timeout) {
            Ok(v) => Ok(v),
            Err(None) => Err(exit_with(Term::atom("timeout"), mfa)),
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

impl Drop for Client {
    fn drop(&mut self) {
        signals::die(&self.rt, &self.proc, Term::atom("normal"));
    }
}
