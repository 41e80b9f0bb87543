//! A process driven by an outside OS thread: the shell, or a test's client thread.
//!
//! Only a client ever blocks (in `call`, `stop` and `receive`, with timeouts), so no
//! scheduler thread can deadlock. Dropping a client exits its process `:normal`.
//! This file holds the client itself and messaging; GenServer calls are in
//! `client_call.rs`, Process/Kernel calls in `client_process.rs`, supervisor and
//! registry calls in `client_otp.rs`.

use std::cell::RefCell;
use std::collections::{HashMap, VecDeque};
use std::sync::Arc;
use std::time::{Duration, Instant};

use super::process::{Msg, Process};
use super::registry::RegistryTable;
use super::{scheduler, signals, Runtime};
use crate::error::Error;
use crate::term::{Atom, Pid, Ref, Term};

pub struct Client {
    pub(crate) rt: Runtime,
    pub(crate) proc: Arc<Process>,
    /// Messages taken from the mailbox while waiting for something else (a reply).
    pub(super) saved: RefCell<VecDeque<Term>>,
    /// Monitors this client holds: ref -> monitored pid.
    pub(crate) monitors: RefCell<HashMap<Ref, Pid>>,
    /// Set from another thread (Ctrl-C at the terminal): a wait in progress ends as if
    /// it had timed out, and the shell abandons its line.
    interrupt: Arc<std::sync::atomic::AtomicBool>,
    /// The registry this client last named (`Registry.lookup/2`'s path): found again
    /// without the node's registry list and its lock, while it is open; with the atom
    /// the caller named it by.
    pub(crate) last_registry: RefCell<Option<(Atom, Arc<RegistryTable>)>>,
    /// Lent to a process the scheduler runs (a VM process), for the length of one run:
    /// dropping it does not end the process.
    attached: bool,
}

/// How often a waiting client looks at its interrupt flag.
const INTERRUPT_POLL: Duration = Duration::from_millis(20);

/// This node's name: iex runs undistributed.
const NODE: &str = "nonode@nohost";

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
            attached: false,
        })
    }

    /// The client API for a process the scheduler runs, while it runs: its queued
    /// messages and monitors are lent in and taken back with `detach`.
    pub(crate) fn attach(
        rt: &Runtime,
        proc: Arc<Process>,
        saved: VecDeque<Term>,
        monitors: HashMap<Ref, Pid>,
    ) -> Client {
        Client {
            rt: rt.clone(),
            proc,
            saved: RefCell::new(saved),
            monitors: RefCell::new(monitors),
            last_registry: RefCell::new(None),
            interrupt: Arc::new(std::sync::atomic::AtomicBool::new(false)),
            attached: true,
        }
    }

    /// What `attach` lent: the messages still queued and the monitors held.
    pub(crate) fn detach(self) -> (VecDeque<Term>, HashMap<Ref, Pid>) {
        (self.saved.take(), self.monitors.take())
    }

    /// Takes the first queued message `accept` takes, without waiting (a VM process
    /// looking at its messages before it suspends).
    /// Whether a message `accept` takes is queued already (it stays queued).
    pub(crate) fn has_saved(&self, accept: impl FnMut(&Term) -> bool) -> bool {
        self.saved.borrow().iter().any(accept)
    }

    pub(crate) fn take_saved(&self, accept: impl FnMut(&Term) -> bool) -> Option<Term> {
        let mut saved = self.saved.borrow_mut();
        let at = saved.iter().position(accept)?;
        saved.remove(at)
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
        self.rt.release_deferred();
        let deadline = timeout.map(|t| Instant::now() + t);
        loop {
            let left = deadline.map(|d| d.saturating_duration_since(Instant::now()));
            match self.next_msg(left)? {
                Msg::Exited => return None,
                msg => {
                    if let Some(t) = message_term(msg) {
                        return Some(t);
                    }
                }
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
    pub(super) fn next_msg(&self, left: Option<Duration>) -> Option<Msg> {
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
}

/// A call's tag as a receiver sees it: OTP 25's `:gen.call` tags a call with an alias
/// of its monitor, `[:alias | ref]`.
fn alias(tag: Ref) -> Term {
    Term::ImproperList(
        Arc::from(vec![Term::atom("alias")]),
        Arc::new(Term::Ref(tag)),
    )
}

/// A message as a plain `receive` sees it: GenServer traffic and `:sys` requests in
/// OTP's tuples. None for what no receive sees (a late reply, an exit wake-up).
pub(crate) fn message_term(msg: Msg) -> Option<Term> {
    Some(match msg.into_call() {
        Msg::Info(t) => t,
        Msg::Call { from, tag, request } => {
            let from = Term::tuple(vec![Term::Pid(from.pid), alias(tag)]);
            Term::tuple(vec![Term::atom("$gen_call"), from, request])
        }
        Msg::Cast(t) => Term::tuple(vec![Term::atom("$gen_cast"), t]),
        // `GenServer.stop/3` is `:sys.terminate/3`: a system message, which a
        // plain `receive` sees as it is.
        Msg::Stop { reason, from, tag } => {
            let from = Term::tuple(vec![Term::Pid(from.pid), alias(tag)]);
            let request = Term::tuple(vec![Term::atom("terminate"), reason]);
            Term::tuple(vec![Term::atom("system"), from, request])
        }
        Msg::System { request, from, tag } => {
            let from = Term::tuple(vec![Term::Pid(from.pid), alias(tag)]);
            Term::tuple(vec![Term::atom("system"), from, request])
        }
        // A late reply to a call that timed out: the BEAM's alias drops it too.
        Msg::Reply { .. } | Msg::StartChild { .. } | Msg::Exited => return None,
    })
}

impl Drop for Client {
    fn drop(&mut self) {
        if !self.attached {
            signals::die(&self.rt, &self.proc, Term::atom("normal"));
        }
    }
}
