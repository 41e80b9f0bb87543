//! The runtime: a BEAM-like node living inside the otpsh process.
//!
//! A `Runtime` (a cheap handle) owns the scheduler threads, the process table, the name
//! tables, the registries, the atom table and the event channel. There is no global
//! state: a test makes its own node. Worker threads never print; what the user must see
//! goes out as an `Event` (`events()`), and the shell prints it.

mod atoms;
mod boot_atoms;
mod child_spec;
mod children;
mod client;
mod client_call;
mod client_otp;
mod client_process;
mod client_sys;
mod client_timers;
pub(crate) mod code_server;
mod ets_order;
mod events;
pub(crate) mod gen_server;
mod hash;
mod links;
mod mailbox;
pub(crate) mod match_fns;
mod names;
mod os_threads;
mod pid_order;
pub(crate) mod process;
mod registry;
mod registry_entries;
mod registry_keys;
mod registry_proc;
mod registry_state;
mod reply;
mod scheduler;
mod select;
mod server;
pub(crate) mod signals;
mod slot_memory;
mod stacks;
pub(crate) mod static_supervisor;
mod supervisor;
mod supervisor_state;
mod table;
mod text;
mod timers;

#[cfg(test)]
mod tests_conformance;
#[cfg(test)]
mod tests_processes;
#[cfg(test)]
mod tests_registry;
#[cfg(test)]
mod tests_sys;

pub use atoms::{AtomTable, NodeCrash};
pub use child_spec::supervisor_child_spec;
pub(crate) use client::message_term;
pub use client::Client;
pub use events::Event;
pub use os_threads::ThreadSlot;
pub use process::ProcessInfo;
pub use registry::Found;
pub use supervisor::init_flags as dynamic_supervisor_init;

use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use crossbeam_channel::{unbounded, Receiver, Sender};

use crate::term::{Ref, Term};
use process::Msg;

/// Node settings (`--schedulers`, `--atom-limit`, `--max-processes`).
#[derive(Clone, Debug)]
pub struct Config {
    pub schedulers: usize,
    pub atom_limit: usize,
    pub max_processes: usize,
    /// What `atom_count` reads before the first line is typed. An iex node has 17,396
    /// atoms at its prompt (Elixir's and OTP's modules and functions); `Config::iex()`
    /// counts them so `atom_count` and the headroom under `--atom-limit` are what a
    /// learner would see on the BEAM. Names among iex's boot atoms (`boot_atoms.rs`)
    /// never count again, whatever this is.
    pub boot_atoms: usize,
    /// Processes the node has before the shell starts, as pids: iex's 54 system
    /// processes for `Config::iex()` (`table.rs`), none by default. They are listed by
    /// `Process.list/0`, counted by `process_count` and against the process limit, and
    /// alive; nothing else reaches them.
    pub system_pids: &'static [u64],
    /// Spawned shell functions (each on an OS thread of its own) that may run at once
    /// (`os_threads.rs`).
    pub max_function_threads: usize,
}

impl Config {
    /// Atoms of a fresh iex 1.14 node on OTP 25 (the guide's modules loaded), measured
    /// with `:erlang.system_info(:atom_count)` typed at its first prompt.
    pub const IEX_BOOT_ATOMS: usize = 17_396;

    /// The node an iex user gets: the defaults, with iex's boot atoms counted.
    pub fn iex() -> Config {
        Config {
            boot_atoms: Config::IEX_BOOT_ATOMS,
            system_pids: &table::IEX_SYSTEM_PIDS,
            ..Config::default()
        }
    }
}

impl Default for Config {
    fn default() -> Config {
        Config {
            schedulers: std::thread::available_parallelism().map_or(1, |n| n.get()),
            atom_limit: 1_048_576,
            max_processes: 262_144,
            boot_atoms: 0,
            system_pids: &[],
            max_function_threads: 10_000,
        }
    }
}

/// Atoms the hot paths use, made once per node: `Term::atom` allocates its name each
/// time, which showed in the start/terminate profile and cost every via entry 32 bytes.
pub(crate) struct Consts {
    pub nil: Term,
    pub ok: Term,
    pub shutdown: Term,
    /// The tag of `{:EXIT, pid, reason}`: every terminated child sends one to its
    /// registry partition.
    pub exit: Term,
    pub terminate_child: Term,
}

impl Consts {
    fn new() -> Consts {
        Consts {
            nil: Term::nil(),
            ok: Term::ok(),
            shutdown: Term::atom("shutdown"),
            exit: Term::atom("EXIT"),
            terminate_child: Term::atom("terminate_child"),
        }
    }

    /// `{:ok, value}`
    pub fn ok_tuple(&self, value: Term) -> Term {
        tuple([self.ok.clone(), value])
    }
}

/// A tuple built in one allocation (`Term::tuple` takes a `Vec`, which is allocated,
/// copied into the tuple's own allocation and freed): for the tuples every start and
/// terminate builds.
pub(crate) fn tuple<const N: usize>(items: [Term; N]) -> Term {
    Term::Tuple(Arc::from(items))
}

pub(crate) struct Inner {
    pub(crate) consts: Consts,
    pub(crate) config: Config,
    pub(crate) table: table::ProcessTable,
    pub(crate) names: names::Names,
    pub(crate) registries: registry::Registries,
    pub(crate) code: code_server::CodeServer,
    pub(crate) scheduler: scheduler::Scheduler,
    pub(crate) timers: timers::Timers,
    function_threads: Arc<os_threads::ThreadBudget>,
    atoms: AtomTable,
    crashed: Arc<Mutex<Option<String>>>,
    next_ref: AtomicU64,
    events_tx: Sender<Event>,
    events_rx: Receiver<Event>,
    /// Events the node had to say after a shell died, with the `settle` count at its
    /// death. iex prints its banner at once and Logger's reports of what the death
    /// caused (a linked supervisor terminating) a moment later, during the next line;
    /// so they are handed out by the first `settle` of a later line.
    held: Mutex<Option<(u64, Vec<Event>)>>,
    /// Processes held back until the shell yields (see `defer`), and whether any are.
    deferred: Mutex<Deferred>,
    deferring: AtomicBool,
    settles: AtomicU64,
}

/// What the shell's kill held back until it yields (see `Runtime::defer`).
#[derive(Default)]
struct Deferred {
    procs: Vec<Arc<process::Process>>,
    names: Vec<(crate::term::Pid, process::Name)>,
}

/// A handle on one node. Clones share the node; dropping the last one shuts it down.
#[derive(Clone)]
pub struct Runtime {
    pub(crate) inner: Arc<Inner>,
}

/// What scheduler threads hold, so they do not keep the node alive.
#[derive(Clone)]
pub(crate) struct Weak(std::sync::Weak<Inner>);

impl Weak {
    pub(crate) fn upgrade(&self) -> Option<Runtime> {
        self.0.upgrade().map(|inner| Runtime { inner })
    }
}

impl Runtime {
    /// A place for one more spawned function's OS thread, or, when
    /// `Config::max_function_threads` run already, the most there may be.
    pub fn reserve_function_thread(&self) -> Result<ThreadSlot, usize> {
        let budget = &self.inner.function_threads;
        budget.reserve().ok_or(budget.max())
    }

    pub fn new(config: Config) -> Runtime {
        let (events_tx, events_rx) = unbounded();
        let crashed = Arc::new(Mutex::new(None));
        let crash_tx = events_tx.clone();
        let atoms = AtomTable::new(
            config.atom_limit,
            config.boot_atoms,
            crashed.clone(),
            Box::new(move |words| {
                let _ = crash_tx.send(Event::NodeCrashed(words.to_string()));
            }),
        );
        let inner = Arc::new(Inner {
            consts: Consts::new(),
            table: table::ProcessTable::new(config.max_processes, config.system_pids),
            names: names::Names::default(),
            registries: registry::Registries::default(),
            code: code_server::CodeServer::default(),
            scheduler: scheduler::Scheduler::new(),
            timers: timers::Timers::new(),
            function_threads: os_threads::ThreadBudget::new(config.max_function_threads),
            atoms,
            crashed,
            next_ref: AtomicU64::new(Ref::NODE_BASE + 1),
            events_tx,
            events_rx,
            held: Mutex::new(None),
            deferred: Mutex::new(Deferred::default()),
            deferring: AtomicBool::new(false),
            settles: AtomicU64::new(0),
            config,
        });
        let rt = Runtime { inner };
        rt.inner
            .scheduler
            .start(rt.inner.config.schedulers, Weak(Arc::downgrade(&rt.inner)));
        rt.inner.timers.start(Weak(Arc::downgrade(&rt.inner)));
        rt
    }

    pub fn atoms(&self) -> &AtomTable {
        &self.inner.atoms
    }

    /// `:erlang.system_info(item)`.
    pub fn system_info(&self, item: &str) -> Option<Term> {
        let n = |v: usize| Some(Term::Int(v as i64));
        match item {
            "atom_count" => n(self.inner.atoms.count()),
            "atom_limit" => n(self.inner.atoms.limit()),
            "process_count" => n(self.inner.table.count()),
            "process_limit" => n(self.inner.table.limit()),
            "schedulers" | "schedulers_online" => n(self.inner.config.schedulers),
            "otp_release" => Some(Term::string("25")),
            _ => None,
        }
    }

    /// A process driven by the calling OS thread: the shell, or a test's client thread.
    pub fn spawn_client(&self) -> Result<Client, crate::error::Error> {
        Client::spawn(self)
    }

    pub fn events(&self) -> Receiver<Event> {
        self.inner.events_rx.clone()
    }

    /// Waits until no process is runnable or running; false on timeout.
    /// Events held since a shell died are released by the first settle after the one
    /// that ended the line it died on.
    pub fn settle(&self, timeout: Duration) -> bool {
        self.release_deferred();
        let settles = self.inner.settles.load(Ordering::Acquire);
        {
            let mut held = self.inner.held.lock().unwrap();
            if held.as_ref().is_some_and(|(at, _)| *at < settles) {
                for event in held.take().map(|(_, v)| v).unwrap_or_default() {
                    let _ = self.inner.events_tx.send(event);
                }
            }
        }
        let quiet = self.inner.scheduler.settle(timeout);
        self.inner.settles.fetch_add(1, Ordering::AcqRel);
        quiet
    }

    /// Holds `proc` back until the shell yields. On the BEAM a kill the shell sends is
    /// taken in by the processes linked to the victim later, while the shell goes on:
    /// `Process.exit(pid, :kill); Server.state(:name)` finds the name gone, not the
    /// supervisor's restart (which otpsh would otherwise run at once, inline).
    pub(crate) fn defer(&self, proc: Arc<process::Process>) {
        proc.held.store(true, Ordering::Release);
        self.inner.deferred.lock().unwrap().procs.push(proc);
        self.inner.deferring.store(true, Ordering::Release);
    }

    /// A via name of a process the shell killed: its registry lets go of it once the
    /// shell yields, as the BEAM's registry partition does when the exit reaches it
    /// (`Process.exit(pid, :kill); Registry.lookup(...)` still shows the old pid).
    pub(crate) fn defer_name(&self, pid: crate::term::Pid, name: process::Name) {
        self.inner.deferred.lock().unwrap().names.push((pid, name));
        self.inner.deferring.store(true, Ordering::Release);
    }

    /// The shell yields (waits, calls, or its line is done): what `defer` held runs.
    pub(crate) fn release_deferred(&self) {
        // Every call and receive passes here: a plain load keeps the common case (nothing
        // held) from writing to a shared cache line.
        if !self.inner.deferring.load(Ordering::Acquire)
            || !self.inner.deferring.swap(false, Ordering::AcqRel)
        {
            return;
        }
        let Deferred { procs, names } = std::mem::take(&mut *self.inner.deferred.lock().unwrap());
        // The names go first: a supervisor's restart registers the same key again.
        for (pid, name) in &names {
            signals::forget_name(self, *pid, name);
        }
        for proc in procs {
            proc.held.store(false, Ordering::Release);
            scheduler::wake(self, &proc);
        }
    }

    /// A shell died: what follows goes out with a later line (see `held`).
    pub(crate) fn hold_events(&self) {
        let mut held = self.inner.held.lock().unwrap();
        if held.is_none() {
            let at = self.inner.settles.load(Ordering::Acquire);
            *held = Some((at, Vec::new()));
        }
    }

    /// Set once the node has died (atom table full), with the BEAM's words.
    pub fn crashed(&self) -> Option<String> {
        self.inner.crashed.lock().unwrap().clone()
    }

    /// Stops every process, children before their supervisors (reverse start order),
    /// and joins the scheduler threads.
    pub fn shutdown(&self) {
        self.inner.scheduler.begin_stop();
        self.inner.timers.stop();
        for proc in self.inner.table.all().into_iter().rev() {
            signals::die(self, &proc, Term::atom("shutdown"));
        }
        self.inner.scheduler.stop();
    }

    pub(crate) fn emit(&self, event: Event) {
        let mut held = self.inner.held.lock().unwrap();
        match held.as_mut() {
            // The node's death is never held back: the shell must see it now.
            Some((_, events)) if !matches!(event, Event::NodeCrashed(_)) => events.push(event),
            _ => {
                let _ = self.inner.events_tx.send(event);
            }
        }
    }

    /// Starts a process whose code is a behaviour of the caller's (a VM process).
    pub(crate) fn spawn_behaviour(
        &self,
        behaviour: Box<dyn process::Behaviour>,
    ) -> Result<Arc<process::Process>, crate::error::Error> {
        let pid = self.inner.table.reserve()?;
        let proc = Arc::new(process::Process::new(pid, Some(behaviour)));
        self.inner.table.insert(proc.clone());
        Ok(proc)
    }

    /// Sends `message`; the receiver may handle it on this thread at once, as any
    /// message between processes.
    pub(crate) fn deliver(&self, proc: &Arc<process::Process>, message: Term) {
        scheduler::deliver(self, proc, process::Msg::Info(message));
    }

    /// Sends `message` so that a scheduler thread handles it, never the sender's.
    pub(crate) fn start_queued(&self, proc: &Arc<process::Process>, message: Term) {
        scheduler::deliver_queued(self, proc, process::Msg::Info(message));
    }

    /// See `Scheduler::set_cpu_bound`.
    pub(crate) fn set_cpu_bound(&self, bound: bool) {
        self.inner.scheduler.set_cpu_bound(bound);
    }

    /// The node's loaded modules.
    pub(crate) fn code(&self) -> &code_server::CodeServer {
        &self.inner.code
    }

    pub(crate) fn downgrade(&self) -> Weak {
        Weak(Arc::downgrade(&self.inner))
    }

    /// A receive's `after`: the process is sent `token` (a bare reference) when the
    /// time is up, unless it exits first.
    pub(crate) fn start_process_timer(&self, token: Ref, pid: crate::term::Pid, after: Duration) {
        self.inner
            .timers
            .start_bound_timer(token, pid, Term::Ref(token), after);
    }

    pub(crate) fn make_ref(&self) -> Ref {
        Ref(self.inner.next_ref.fetch_add(1, Ordering::Relaxed))
    }

    pub(crate) fn send_reply(&self, to: &Arc<process::Process>, tag: Ref, value: Term) {
        if let Err(value) = reply::offer(to, tag, value) {
            scheduler::deliver(self, to, Msg::Reply { tag, value });
        }
    }
}

impl Drop for Runtime {
    fn drop(&mut self) {
        // The last handle: stop every process, which also breaks the reference cycles
        // between processes and the registries holding them. A scheduler thread briefly
        // holding a handle only delays this to its own drop.
        if Arc::strong_count(&self.inner) == 1 {
            self.shutdown();
        }
    }
}

impl Drop for Inner {
    fn drop(&mut self) {
        // The last handle is gone: let the scheduler and timer threads see it and leave.
        self.scheduler.stop();
        self.timers.stop();
    }
}
