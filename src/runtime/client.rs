//! A process driven by an outside OS thread: the shell, or a test's client thread.
//!
//! Only a client ever blocks (in `call`, `stop` and `receive`, with timeouts), so no
//! scheduler thread can deadlock. Dropping a client exits its process `:normal`.
//! This file holds the Process/Kernel and GenServer side of the API; the supervisor and
//! registry calls are in `client_otp.rs`.

use std::cell::RefCell;
use std::collections::{HashMap, VecDeque};
use std::sync::atomic::Ordering;
use std::sync::Arc;
use std::time::{Duration, Instant};

use super::gen_server::{self, callbacks, NameSpec};
use super::process::{Msg, Process, ProcessInfo};
use super::{scheduler, signals, text, Runtime};
use crate::error::{exception, Error};
use crate::term::{Atom, Pid, Ref, Term};

pub struct Client {
    pub(crate) rt: Runtime,
    pub(crate) proc: Arc<Process>,
    /// Messages taken from the mailbox while waiting for something else (a reply).
    saved: RefCell<VecDeque<Term>>,
    /// Monitors this client holds: ref -> monitored pid.
    monitors: RefCell<HashMap<Ref, Pid>>,
}

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
        })
    }

    pub fn pid(&self) -> Pid {
        self.proc.pid
    }

    pub fn runtime(&self) -> &Runtime {
        &self.rt
    }

    /// Set when an exit signal killed this process: the reason (`:killed`, `:shutdown`...).
    pub fn exit_reason(&self) -> Option<Term> {
        if self.proc.is_alive() {
            return None;
        }
        self.proc.meta.lock().unwrap().exit_reason.clone()
    }

    /// Resolves a destination for `send/2`.
    fn dest(&self, dest: &Term) -> Result<Option<Arc<Process>>, Error> {
        match dest {
            Term::Pid(p) => Ok(self.rt.inner.table.get(*p)),
            Term::Atom(a) => match self.rt.inner.names.whereis(a) {
                Some(p) => Ok(Some(p)),
                None => Err(Error::bif_argument(1, "invalid destination")),
            },
            _ => gen_server::resolve(&self.rt, dest),
        }
    }

    /// `send/2`: returns the message. Sending to a dead pid is silently fine; to an
    /// unregistered atom is iex's ArgumentError.
    pub fn send(&self, dest: &Term, msg: Term) -> Result<Term, Error> {
        if let Some(proc) = self.dest(dest)? {
            scheduler::deliver(&self.rt, &proc, Msg::Info(msg.clone()));
        }
        Ok(msg)
    }

    /// Next message (None timeout = wait forever); None on timeout or if this process died.
    pub fn receive(&self, timeout: Option<Duration>) -> Option<Term> {
        if let Some(t) = self.saved.borrow_mut().pop_front() {
            return Some(t);
        }
        let deadline = timeout.map(|t| Instant::now() + t);
        loop {
            let left = deadline.map(|d| d.saturating_duration_since(Instant::now()));
            match self.proc.mailbox.recv(left)? {
                Msg::Info(t) => return Some(t),
                Msg::Exited => return None,
                Msg::Call { from, tag, request } => {
                    let from = Term::tuple(vec![Term::Pid(from.pid), Term::Ref(tag)]);
                    return Some(Term::tuple(vec![Term::atom("$gen_call"), from, request]));
                }
                Msg::Cast(t) => return Some(Term::tuple(vec![Term::atom("$gen_cast"), t])),
                // A late reply to a call that timed out: the BEAM's alias drops it too.
                Msg::Reply { .. } | Msg::Stop { .. } => {}
            }
        }
    }

    /// Waits for the reply tagged `tag`, or the DOWN of the monitor `tag`.
    fn await_reply(&self, tag: Ref, timeout: Option<Duration>) -> Result<Term, Option<Term>> {
        let deadline = timeout.map(|t| Instant::now() + t);
        loop {
            let left = deadline.map(|d| d.saturating_duration_since(Instant::now()));
            let Some(msg) = self.proc.mailbox.recv(left) else {
                return Err(None);
            };
            match msg {
                Msg::Reply { tag: t, value } if t == tag => return Ok(value),
                Msg::Reply { .. } => {}
                Msg::Exited => return Err(self.exit_reason()),
                Msg::Info(t) => match t.as_tuple() {
                    Some([down, Term::Ref(r), _, _, reason])
                        if down.is_atom("DOWN") && *r == tag =>
                    {
                        return Err(Some(reason.clone()))
                    }
                    _ => self.saved.borrow_mut().push_back(t),
                },
                other => {
                    self.saved.borrow_mut().push_back(match other {
                        Msg::Cast(t) => Term::tuple(vec![Term::atom("$gen_cast"), t]),
                        _ => continue,
                    });
                }
            }
        }
    }

    /// Sends `msg` (built with the call's tag) to `target` monitored, and waits.
    /// Err(None) is a timeout, Err(Some(reason)) the target's death.
    fn request(
        &self,
        target: &Arc<Process>,
        msg: impl FnOnce(Ref) -> Msg,
        timeout: Option<Duration>,
    ) -> Result<Term, Option<Term>> {
        let tag = self.rt.make_ref();
        if !target.add_monitor(tag, self.pid(), Term::Pid(target.pid)) {
            return Err(Some(Term::atom("noproc")));
        }
        scheduler::deliver(&self.rt, target, msg(tag));
        let result = self.await_reply(tag, timeout);
        if !matches!(result, Err(Some(_))) {
            target.remove_monitor(tag);
        }
        result
    }

    /// `Process.exit/2`.
    pub fn exit(&self, pid: Pid, reason: Term) -> bool {
        if let Some(target) = self.rt.inner.table.get(pid) {
            signals::exit_signal(&self.rt, self.pid(), &target, reason);
        }
        true
    }

    pub fn alive(&self, pid: Pid) -> bool {
        self.rt.inner.table.get(pid).is_some_and(|p| p.is_alive())
    }

    pub fn whereis(&self, name: &Atom) -> Option<Pid> {
        self.rt.inner.names.whereis(name).map(|p| p.pid)
    }

    /// `Process.register/2`.
    pub fn register(&self, pid: Pid, name: Atom) -> Result<(), Error> {
        let fail = || {
            Error::argument(format!(
                "could not register {} with name {} because it is not alive, the name is \
                 already taken, or it has already been given another name",
                text::pid(pid),
                text::atom(&name)
            ))
        };
        if matches!(name.name(), "nil" | "true" | "false" | "undefined") {
            return Err(fail());
        }
        let proc = self.rt.inner.table.get(pid).ok_or_else(fail)?;
        if proc.registered_name().is_some() {
            return Err(fail());
        }
        let spec = NameSpec::Local(name.clone());
        gen_server::claim_name(&self.rt, &spec, &proc).map_err(|_| fail())
    }

    /// `Process.unregister/1`.
    pub fn unregister(&self, name: &Atom) -> Result<(), Error> {
        let proc = self
            .rt
            .inner
            .names
            .whereis(name)
            .ok_or_else(|| Error::bif_argument(1, "not a pid"))?;
        self.rt.inner.names.unregister_if(name, proc.pid);
        proc.meta
            .lock()
            .unwrap()
            .names
            .retain(|n| !matches!(n, super::process::Name::Local(a) if a == name));
        Ok(())
    }

    pub fn registered(&self) -> Vec<Atom> {
        self.rt.inner.names.registered()
    }

    /// `Process.list/0`.
    pub fn processes(&self) -> Vec<Pid> {
        self.rt.inner.table.pids()
    }

    /// `Process.link/1`.
    pub fn link(&self, pid: Pid) -> Result<(), Error> {
        let noproc = || {
            Error::Raise(exception(
                "ErlangError",
                vec![("original", Term::atom("noproc")), ("reason", Term::nil())],
            ))
        };
        let other = self.rt.inner.table.get(pid).ok_or_else(noproc)?;
        if signals::link(&self.proc, &other) {
            Ok(())
        } else {
            Err(noproc())
        }
    }

    pub fn unlink(&self, pid: Pid) {
        if let Some(other) = self.rt.inner.table.get(pid) {
            signals::unlink(&self.proc, &other);
        } else {
            self.proc.remove_link(pid);
        }
    }

    /// `Process.monitor/1`: a pid or a registered name. A dead target gets an immediate
    /// `{:DOWN, ref, :process, target, :noproc}`.
    pub fn monitor(&self, target: &Term) -> Ref {
        let r = self.rt.make_ref();
        let (proc, named) = match target {
            Term::Atom(a) => (
                self.rt.inner.names.whereis(a),
                Term::tuple(vec![target.clone(), Term::atom("nonode@nohost")]),
            ),
            Term::Pid(p) => (self.rt.inner.table.get(*p), target.clone()),
            _ => (
                gen_server::resolve(&self.rt, target).ok().flatten(),
                target.clone(),
            ),
        };
        let added = proc
            .as_ref()
            .is_some_and(|p| p.add_monitor(r, self.pid(), named.clone()));
        if added {
            let pid = proc.map(|p| p.pid).unwrap_or(Pid(0));
            self.monitors.borrow_mut().insert(r, pid);
        } else {
            let down = Term::tuple(vec![
                Term::atom("DOWN"),
                Term::Ref(r),
                Term::atom("process"),
                named,
                Term::atom("noproc"),
            ]);
            self.proc.mailbox.push(Msg::Info(down));
        }
        r
    }

    pub fn demonitor(&self, r: Ref) -> bool {
        if let Some(pid) = self.monitors.borrow_mut().remove(&r) {
            if let Some(p) = self.rt.inner.table.get(pid) {
                p.remove_monitor(r);
            }
        }
        true
    }

    /// `Process.flag(:trap_exit, on)`: the old value.
    pub fn trap_exit(&self, on: bool) -> bool {
        self.proc.trap_exit.swap(on, Ordering::AcqRel)
    }

    pub fn make_ref(&self) -> Ref {
        self.rt.make_ref()
    }

    /// For the shell's `ps` command.
    pub fn process_info(&self, pid: Pid) -> Option<ProcessInfo> {
        let proc = self.rt.inner.table.get(pid)?;
        // Handlers are short and never block, so waiting for a running one is brief.
        let module = {
            let b = proc.behaviour.lock().unwrap();
            b.as_ref().map_or(Term::atom("shell"), |b| b.module())
        };
        let name = proc.report_name();
        let meta = proc.meta.lock().unwrap();
        Some(ProcessInfo {
            pid,
            name: if name == Term::Pid(pid) {
                None
            } else {
                Some(name)
            },
            module,
            message_queue_len: proc.mailbox.len(),
            links: meta.links.to_vec(),
            trap_exit: proc.trap_exit.load(Ordering::Acquire),
        })
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
            let frame = Term::tuple(vec![
                Term::Atom(module.clone()),
                Term::atom("init"),
                Term::list(vec![init_arg]),
                Term::empty_list(),
            ]);
            return Ok(Term::error_tuple(Term::tuple(vec![
                Term::atom("undef"),
                Term::list(vec![frame]),
            ])));
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
        let Some(target) = gen_server::resolve(&self.rt, server)? else {
            return Err(exit_with(Term::atom("noproc"), mfa()));
        };
        if target.pid == self.pid() {
            return Err(exit_with(Term::atom("calling_self"), mfa()));
        }
        let from = self.proc.clone();
        match self.request(&target, |tag| Msg::Call { from, tag, request }, timeout) {
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
