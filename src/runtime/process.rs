//! One lightweight process: its identity, run state, mailbox, links, monitors, names and
//! behaviour. A process is not an OS thread; schedulers (or a sender, by direct hand-off)
//! run its behaviour's handler for each queued message.
//!
//! This module owns the data; the rules for delivering and dying live in `scheduler.rs`
//! and `signals.rs`.

use std::sync::atomic::{AtomicBool, AtomicU8};
use std::sync::{Arc, Mutex};

use smallvec::SmallVec;

use super::child_spec::ChildSpec;
use super::links::Links;
use super::mailbox::Mailbox;
use super::registry::RegistryTable;
use super::Runtime;
use crate::term::{Atom, Pid, Ref, Term};

/// Run states (see `scheduler.rs` for the transitions).
pub(crate) const IDLE: u8 = 0;
pub(crate) const SCHEDULED: u8 = 1;
pub(crate) const RUNNING: u8 = 2;
pub(crate) const NOTIFIED: u8 = 3;

/// What travels in a mailbox. GenServer traffic is typed; everything a user can see
/// (`send/2`, `{:EXIT, ..}`, `{:DOWN, ..}`) is an `Info` term.
/// A call carries its caller's process, so the reply needs no table lookup.
pub(crate) enum Msg {
    Info(Term),
    Call {
        from: Arc<Process>,
        tag: Ref,
        request: Term,
    },
    Cast(Term),
    Reply {
        tag: Ref,
        value: Term,
    },
    Stop {
        reason: Term,
        from: Arc<Process>,
        tag: Ref,
    },
    /// `DynamicSupervisor.start_child/2`, typed: the spec goes to the supervisor without
    /// being built into OTP's tuple and parsed back (start is a hot path). Anything
    /// other than a supervisor sees it as the call `{:start_child, spec}`.
    StartChild {
        from: Arc<Process>,
        tag: Ref,
        spec: ChildSpec,
    },
    /// A `:sys` request other than `terminate` (`:get_state`, `{:replace_state, fun}`,
    /// `:get_status`) to a process the shell runs (an Agent): it sees `{:system, from,
    /// request}`. Behaviours never get one: their state is read in place.
    System {
        request: Term,
        from: Arc<Process>,
        tag: Ref,
    },
    /// Wakes a client blocked in `receive` or `call`: an exit signal killed it.
    Exited,
}

impl Msg {
    /// The message as a plain GenServer call, for processes that are not supervisors.
    pub(crate) fn into_call(self) -> Msg {
        match self {
            Msg::StartChild { from, tag, spec } => Msg::Call {
                from,
                tag,
                request: Term::tuple(vec![Term::atom("start_child"), spec.to_term()]),
            },
            other => other,
        }
    }
}

/// A name that must disappear when the process dies.
#[derive(Clone)]
pub(crate) enum Name {
    Local(Atom),
    Global(Term),
    Via(Arc<RegistryTable>, Term),
    /// The process is a Registry: its table goes with it.
    Registry(Arc<RegistryTable>),
}

/// What a behaviour's handler tells the runner to do next.
pub(crate) enum Flow {
    Continue,
    /// The handler used its time slice (a VM process preempted): the process goes to
    /// the back of the run queue, off the sender's thread, with its next message
    /// already queued.
    Yield,
    /// The process exits with `reason`; `reply` is sent after it is dead (GenServer.stop).
    Exit {
        reason: Term,
        reply: Option<(Arc<Process>, Ref, Term)>,
    },
}

/// A process's code, in Rust: GenServer over a module's callbacks, DynamicSupervisor,
/// Registry. A handler never blocks on another process.
pub(crate) trait Behaviour: Send {
    fn handle(&mut self, ctx: &Ctx, msg: Msg) -> Flow;
    /// The module `ps` shows (`Server`, `DynamicSupervisor`...).
    fn module(&self) -> Term;
    /// What `:sys.get_state/1` answers, if this behaviour has a state to show.
    fn state(&self) -> Option<Term> {
        None
    }
    /// Whether its reaction to a child the shell kills waits until the shell yields
    /// (a DynamicSupervisor's restart; see `Runtime::defer`).
    fn defers_child_exits(&self) -> bool {
        false
    }
    /// `:sys.replace_state/2`'s write: whether this behaviour took the new state.
    fn replace_state(&mut self, _state: Term) -> bool {
        false
    }
    /// Messages a stand-in held while its process was being started, for the
    /// behaviour that takes over.
    fn take_queued(&mut self) -> Vec<Msg> {
        Vec::new()
    }
}

/// What a handler knows about where it runs.
pub(crate) struct Ctx<'a> {
    pub rt: &'a Runtime,
    pub me: &'a Arc<Process>,
}

#[derive(Default)]
pub(crate) struct Meta {
    pub links: Links,
    /// Monitors others hold on this process: (ref, watcher, how the watcher named us).
    pub monitors: Vec<(Ref, Pid, Term)>,
    /// One inline: most processes have at most one name.
    pub names: SmallVec<[Name; 1]>,
    /// Boxed: read only after death, and a term is four words.
    pub exit_reason: Option<Box<Term>>,
    /// The process dictionary (`Process.put/2`), in the order keys were first put;
    /// boxed (one word, not three), as most processes have none.
    #[allow(clippy::box_collection)]
    pub dictionary: Option<Box<Vec<(Term, Term)>>>,
}

pub(crate) struct Process {
    pub pid: Pid,
    pub run: AtomicU8,
    pub alive: AtomicBool,
    pub trap_exit: AtomicBool,
    /// `:sys.suspend/1`: the process handles no message until resumed.
    pub suspended: AtomicBool,
    /// Held back by the shell's kill of a process it is linked to, until the shell
    /// yields (see `Runtime::defer`): it handles no message meanwhile, like a
    /// suspended one.
    pub(crate) held: AtomicBool,
    /// Killed by the shell: its via names outlive it until the shell yields (see
    /// `Runtime::defer_name`).
    pub(crate) defer_names: AtomicBool,
    pub is_client: bool,
    /// A client running a function given to `spawn/1` (not the shell, not a test's
    /// thread): its death does not restart a shell.
    pub spawned: AtomicBool,
    pub mailbox: Mailbox,
    pub meta: Mutex<Meta>,
    pub behaviour: Mutex<Option<Box<dyn Behaviour>>>,
}

impl Process {
    pub(crate) fn new(pid: Pid, behaviour: Option<Box<dyn Behaviour>>) -> Process {
        let is_client = behaviour.is_none();
        Process {
            pid,
            run: AtomicU8::new(IDLE),
            alive: AtomicBool::new(true),
            trap_exit: AtomicBool::new(false),
            suspended: AtomicBool::new(false),
            held: AtomicBool::new(false),
            defer_names: AtomicBool::new(false),
            is_client,
            spawned: AtomicBool::new(false),
            mailbox: if is_client {
                Mailbox::client()
            } else {
                Mailbox::server()
            },
            meta: Mutex::new(Meta::default()),
            behaviour: Mutex::new(behaviour),
        }
    }

    pub(crate) fn is_alive(&self) -> bool {
        self.alive.load(std::sync::atomic::Ordering::Acquire)
    }

    /// Whether the process runs a function of the user's (the shell, a spawned fn, on a
    /// thread or the VM), not one of the runtime's behaviours: system messages and
    /// stops reach it as messages.
    pub(crate) fn runs_code(&self) -> bool {
        self.is_client || self.spawned.load(std::sync::atomic::Ordering::Acquire)
    }

    pub(crate) fn is_suspended(&self) -> bool {
        self.suspended.load(std::sync::atomic::Ordering::Acquire)
            || self.held.load(std::sync::atomic::Ordering::Acquire)
    }

    /// Adds a link; false if this process is dead. The alive check is under the meta
    /// lock so that a link never slips in after `die` took the links.
    pub(crate) fn add_link(&self, other: Pid) -> bool {
        let mut meta = self.meta.lock().unwrap();
        if !self.is_alive() {
            return false;
        }
        meta.links.insert(other);
        true
    }

    pub(crate) fn remove_link(&self, other: Pid) {
        self.meta.lock().unwrap().links.remove(other);
    }

    /// Records a name to forget at death; false if already dead (the caller undoes it).
    pub(crate) fn add_name(&self, name: Name) -> bool {
        let mut meta = self.meta.lock().unwrap();
        if !self.is_alive() {
            return false;
        }
        meta.names.push(name);
        true
    }

    /// Adds a monitor held by `watcher`; false if this process is already dead.
    pub(crate) fn add_monitor(&self, r: Ref, watcher: Pid, named: Term) -> bool {
        let mut meta = self.meta.lock().unwrap();
        if !self.is_alive() {
            return false;
        }
        meta.monitors.push((r, watcher, named));
        true
    }

    pub(crate) fn remove_monitor(&self, r: Ref) -> bool {
        let mut meta = self.meta.lock().unwrap();
        let before = meta.monitors.len();
        meta.monitors.retain(|(m, _, _)| *m != r);
        if meta.monitors.is_empty() {
            // Calls monitor their server: give the memory back so idle servers stay small.
            meta.monitors = Vec::new();
        }
        meta.monitors.len() != before
    }

    /// The name crash reports use: the registered atom, the via `{registry, key}`, the
    /// `{:global, name}`, or the pid.
    pub(crate) fn report_name(&self) -> Term {
        let meta = self.meta.lock().unwrap();
        for name in &meta.names {
            match name {
                Name::Local(a) => return Term::Atom(a.clone()),
                Name::Global(t) => return t.clone(),
                Name::Via(reg, key) => return Term::tuple(vec![reg.name_term(), key.clone()]),
                Name::Registry(_) => {}
            }
        }
        Term::Pid(self.pid)
    }

    /// The registered atom (`Process.info(pid, :registered_name)`), if any.
    pub(crate) fn registered_name(&self) -> Option<Atom> {
        let meta = self.meta.lock().unwrap();
        meta.names.iter().find_map(|n| match n {
            Name::Local(a) => Some(a.clone()),
            _ => None,
        })
    }
}

/// What the shell's `ps` command shows for one process.
#[derive(Clone, Debug, PartialEq)]
pub struct ProcessInfo {
    pub pid: Pid,
    /// The registered atom, the via `{registry, key}` or `{:global, name}`; None if unnamed.
    pub name: Option<Term>,
    /// `Server`, `DynamicSupervisor`, `Registry`, or `:shell` for a client.
    pub module: Term,
    pub message_queue_len: usize,
    pub links: Vec<Pid>,
    pub trap_exit: bool,
    /// `Process.info(pid, :status)`: `running` for the asker itself, `runnable` for a
    /// process queued on a scheduler, `waiting` for one blocked for a message.
    pub status: &'static str,
    /// A process driven by an OS thread (the shell, a spawned function), not a
    /// GenServer/supervisor/registry state machine.
    pub is_client: bool,
    /// Started by `spawn/1` (its initial call is `:erlang.apply/2`).
    pub spawned: bool,
}
