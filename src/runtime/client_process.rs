//! The client's Process/Kernel calls: exit signals, names, links, monitors, flags and
//! `ps` information (`client.rs` has messaging and GenServer, `client_otp.rs` the
//! supervisor and registry calls).

use std::sync::atomic::Ordering;

use super::client::Client;
use super::gen_server::{self, NameSpec};
use super::process::{Msg, Name, Process, ProcessInfo};
use super::{signals, text};
use crate::error::{exception, Error};
use crate::term::{Atom, Pid, Ref, Term};

impl Client {
    /// `Process.exit/2`.
    pub fn exit(&self, pid: Pid, reason: Term) -> bool {
        if let Some(target) = self.rt.inner.table.get(pid) {
            signals::exit_signal(&self.rt, self.pid(), &target, reason);
        }
        true
    }

    /// `Process.exit/2` as the shell types it: like `exit`, but the victim's
    /// DynamicSupervisor takes the news only once this shell yields (waits, calls, or
    /// finishes its line), as on the BEAM, where the shell's next expression runs
    /// before the supervisor restarts anything (see `Runtime::defer`).
    pub fn exit_deferring(&self, pid: Pid, reason: Term) -> bool {
        if let Some(target) = self.rt.inner.table.get(pid) {
            let shell = !self.proc.spawned.load(Ordering::Acquire);
            if shell {
                self.defer_links_of(&target);
                target.defer_names.store(true, Ordering::Release);
            }
            signals::exit_signal(&self.rt, self.pid(), &target, reason);
            // A trapped or ignored signal left it alive: its names die with it later.
            target.defer_names.store(false, Ordering::Release);
        }
        true
    }

    /// The shell is about to signal `target`: its DynamicSupervisor takes the news when
    /// the shell next yields, not inline now (see `Runtime::defer`).
    fn defer_links_of(&self, target: &Process) {
        let linked = target.meta.lock().unwrap().links.to_vec();
        for pid in linked.into_iter().filter(|p| *p != self.pid()) {
            let Some(proc) = self.rt.inner.table.get(pid).filter(|p| !p.is_client) else {
                continue;
            };
            let defers = proc
                .behaviour
                .lock()
                .unwrap()
                .as_ref()
                .is_some_and(|b| b.defers_child_exits());
            if defers {
                self.rt.defer(proc);
            }
        }
    }

    pub fn alive(&self, pid: Pid) -> bool {
        self.rt.inner.table.get(pid).is_some_and(|p| p.is_alive())
            || self.rt.inner.table.is_system(pid)
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
            .retain(|n| !matches!(n, Name::Local(a) if a == name));
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
        // Kept even when the target is gone: the monitor is this process's until it is
        // taken down (what a scheduled process's `:DOWN`s are checked against).
        let pid = proc.as_ref().map(|p| p.pid).unwrap_or(Pid(0));
        self.monitors.borrow_mut().insert(r, pid);
        if !added {
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

    /// `Process.demonitor/1`: whether the monitor was still active (its target alive
    /// and not yet reported down).
    pub fn demonitor(&self, r: Ref) -> bool {
        match self.monitors.borrow_mut().remove(&r) {
            Some(pid) => self
                .rt
                .inner
                .table
                .get(pid)
                .is_some_and(|p| p.remove_monitor(r)),
            None => false,
        }
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
        // A VM process asking about itself holds its own behaviour's lock.
        let module = match proc.behaviour.try_lock() {
            Ok(b) => b.as_ref().map_or(Term::atom("shell"), |b| b.module()),
            Err(_) if proc.spawned.load(Ordering::Acquire) => Term::atom("shell"),
            Err(_) => {
                let b = proc.behaviour.lock().unwrap();
                b.as_ref().map_or(Term::atom("shell"), |b| b.module())
            }
        };
        let name = proc.report_name();
        let status = if pid == self.pid() {
            "running"
        } else if proc.runs_code() {
            // A spawned function is an OS thread; between lines it is almost always
            // blocked in `receive` or `Process.sleep`, as iex shows it.
            "waiting"
        } else {
            match proc.run.load(Ordering::Acquire) {
                super::process::IDLE => "waiting",
                super::process::RUNNING => "running",
                _ => "runnable",
            }
        };
        // Our own skipped messages (selective receive) are still in our queue.
        let own = if pid == self.pid() {
            self.saved_len()
        } else {
            0
        };
        let meta = proc.meta.lock().unwrap();
        Some(ProcessInfo {
            pid,
            name: if name == Term::Pid(pid) {
                None
            } else {
                Some(name)
            },
            module,
            message_queue_len: proc.mailbox.len() + own,
            links: meta.links.to_vec(),
            trap_exit: proc.trap_exit.load(Ordering::Acquire),
            status,
            is_client: proc.runs_code(),
            spawned: proc.spawned.load(Ordering::Acquire),
        })
    }
}

/// The process dictionary of the client's own process (`Process.put/2`, `:erlang.get/1`).
impl Client {
    /// Puts `value` under `key`: the value it replaces.
    pub fn dictionary_put(&self, key: Term, value: Term) -> Option<Term> {
        let mut meta = self.proc.meta.lock().unwrap();
        let entries = meta.dictionary.get_or_insert_with(Default::default);
        match entries.iter_mut().find(|(k, _)| *k == key) {
            Some((_, old)) => Some(std::mem::replace(old, value)),
            None => {
                entries.push((key, value));
                None
            }
        }
    }

    pub fn dictionary_get(&self, key: &Term) -> Option<Term> {
        let meta = self.proc.meta.lock().unwrap();
        let entries = meta.dictionary.as_deref()?;
        entries
            .iter()
            .find(|(k, _)| k == key)
            .map(|(_, v)| v.clone())
    }

    /// Takes `key` out: the value it had.
    pub fn dictionary_delete(&self, key: &Term) -> Option<Term> {
        let mut meta = self.proc.meta.lock().unwrap();
        let entries = meta.dictionary.as_deref_mut()?;
        let at = entries.iter().position(|(k, _)| k == key)?;
        Some(entries.remove(at).1)
    }

    /// Every `{key, value}`, newest key first, as the BEAM lists a small dictionary.
    pub fn dictionary(&self) -> Vec<(Term, Term)> {
        let meta = self.proc.meta.lock().unwrap();
        let entries = meta.dictionary.as_deref().map(Vec::as_slice).unwrap_or(&[]);
        entries.iter().rev().cloned().collect()
    }

    /// Empties the dictionary: what it held.
    pub fn dictionary_erase(&self) -> Vec<(Term, Term)> {
        let all = self.dictionary();
        self.proc.meta.lock().unwrap().dictionary = None;
        all
    }
}
