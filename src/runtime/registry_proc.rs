//! A Registry's processes, as Elixir 1.14 builds them: a `Registry.Supervisor` named
//! after the registry, with one `Registry.Partition` worker per partition, each
//! registered as `:"Elixir.NAME.PIDPartitionN"`. Processes that register are linked to
//! their partition (`Registry.register/3` says so), so a partition that stops takes
//! non-trapping registered processes with it, as in iex.
//!
//! Both trap exits. The supervisor stops when its parent does (or `GenServer.stop`),
//! stopping its partitions first; each logs Logger's `GenServer NAME terminating` for
//! a reason that is not quiet, the supervisor with OTP's `{:state, ...}` record.
//!
//! A partition that dies is restarted as `Registry.Supervisor` does it: `one_for_all`
//! for unique keys (every partition gets a new pid), `one_for_one` for duplicate keys,
//! at most 3 restarts in 5 seconds (OTP's default) before the supervisor gives up and
//! exits `:shutdown`. A partition owns its ETS tables, so the entries they held go with
//! it, even those of processes that survive it (trapping exits). An exit signal that a
//! partition traps from a live process makes it drop that process's entries
//! (`Registry.Partition.handle_info/2` takes the pid out of its table).

use std::collections::VecDeque;
use std::sync::atomic::Ordering;
use std::sync::Arc;
use std::time::{Duration, Instant};

use super::events::Event;
use super::gen_server::is_quiet_reason;
use super::process::{Behaviour, Ctx, Flow, Msg, Name, Process};
use super::registry::RegistryTable;
use super::{registry_state, signals, Runtime};
use crate::term::{Atom, Pid, Ref, Term};

/// What `Registry.start_link/1` was given, as the supervisor's state shows it.
#[derive(Clone)]
pub(crate) struct RegistrySpec {
    pub name: Atom,
    pub unique: bool,
    pub listeners: Term,
    /// The `:meta` keyword list.
    pub meta: Term,
}

impl RegistrySpec {
    pub(crate) fn kind(&self) -> Term {
        Term::atom(if self.unique { "unique" } else { "duplicate" })
    }

    /// `Module.concat(name, "PIDPartitionN")` (or `KeyPartitionN`), the names Elixir
    /// gives: `:"Elixir.names.PIDPartition0"`, `Registry.PIDPartition0`.
    pub(crate) fn partition_name(&self, what: &str, i: usize) -> String {
        let name = self.name.name();
        let name = name.strip_prefix("Elixir.").unwrap_or(name);
        format!("Elixir.{name}.{what}Partition{i}")
    }
}

/// `Registry.Supervisor`.
pub(crate) struct RegistrySup {
    pub parent: Pid,
    pub spec: RegistrySpec,
    /// The partitions in start order: their registered names and pids.
    pub partitions: Vec<(Atom, Pid)>,
    /// When partitions were restarted, for the restart intensity.
    pub restarts: VecDeque<Instant>,
}

/// `Supervisor.init/2`'s defaults, which `Registry.Supervisor` keeps.
const MAX_RESTARTS: usize = 3;
const MAX_SECONDS: u64 = 5;

/// One `Registry.Partition`; its state is the reference of its pid table.
pub(crate) struct RegistryPartition {
    pub parent: Pid,
    pub table: Ref,
}

impl Behaviour for RegistrySup {
    fn handle(&mut self, ctx: &Ctx, msg: Msg) -> Flow {
        match msg.into_call() {
            Msg::Stop { reason, from, tag } => {
                self.terminate(ctx, &reason, Term::empty_list());
                Flow::Exit {
                    reason,
                    reply: Some((from, tag, Term::ok())),
                }
            }
            Msg::Call {
                from, tag, request, ..
            } => {
                let answer = self.handle_call(&request);
                ctx.rt.send_reply(&from, tag, answer);
                Flow::Continue
            }
            Msg::Info(t) => match exit_message(&t) {
                Some((from, reason)) if from == self.parent => {
                    self.terminate(ctx, &reason, t.clone());
                    Flow::Exit {
                        reason,
                        reply: None,
                    }
                }
                Some((from, _)) => match self.partitions.iter().position(|(_, p)| *p == from) {
                    Some(i) => self.partition_exited(ctx, i),
                    None => Flow::Continue,
                },
                None => Flow::Continue,
            },
            _ => Flow::Continue,
        }
    }

    fn module(&self) -> Term {
        Term::module("Registry")
    }
}

impl RegistrySup {
    /// Partition `i` died: restart it (and, for unique keys, the others), or give up.
    fn partition_exited(&mut self, ctx: &Ctx, i: usize) -> Flow {
        let shutdown = ctx.rt.inner.consts.shutdown.clone();
        if !self.may_restart() {
            self.terminate(ctx, &shutdown, Term::empty_list());
            return Flow::Exit {
                reason: shutdown,
                reply: None,
            };
        }
        let n = self.partitions.len();
        let table = table_of(ctx.me);
        // The dead partition's tables are gone, and with one_for_all the others' too.
        let restart: Vec<usize> = if self.spec.unique {
            (0..n).collect()
        } else {
            vec![i]
        };
        if let Some(table) = &table {
            drop_entries(ctx.rt, table, |pid| restart.contains(&owner_index(pid, n)));
        }
        // OTP stops the other children of a one_for_all group, the last started first.
        for &j in restart.iter().rev().filter(|&&j| j != i) {
            stop_partition(ctx, self.partitions[j].1);
        }
        for &j in &restart {
            let Some(pid) = self.spawn_partition(ctx, j) else {
                self.terminate(ctx, &shutdown, Term::empty_list());
                return Flow::Exit {
                    reason: shutdown,
                    reply: None,
                };
            };
            self.partitions[j].1 = pid;
            if let Some(table) = &table {
                table.set_partition(j, pid);
            }
        }
        Flow::Continue
    }

    /// Records a restart; false when it is more than `MAX_RESTARTS` in `MAX_SECONDS`.
    fn may_restart(&mut self) -> bool {
        let now = Instant::now();
        let window = Duration::from_secs(MAX_SECONDS);
        self.restarts.push_back(now);
        while self
            .restarts
            .front()
            .is_some_and(|t| now.duration_since(*t) >= window)
        {
            self.restarts.pop_front();
        }
        self.restarts.len() <= MAX_RESTARTS
    }

    /// Starts partition `i` again under its name, linked to the supervisor.
    fn spawn_partition(&self, ctx: &Ctx, i: usize) -> Option<Pid> {
        let rt = ctx.rt;
        let pid = rt.inner.table.reserve().ok()?;
        let behaviour = RegistryPartition {
            parent: ctx.me.pid,
            table: rt.make_ref(),
        };
        let part = Arc::new(Process::new(pid, Some(Box::new(behaviour))));
        part.trap_exit.store(true, Ordering::Release);
        rt.inner.table.insert(part.clone());
        let name = &self.partitions[i].0;
        if rt.inner.names.register(name, &part).is_ok() {
            part.add_name(Name::Local(name.clone()));
        }
        signals::link(ctx.me, &part);
        Some(pid)
    }

    fn handle_call(&self, request: &Term) -> Term {
        let n = Term::Int(self.partitions.len() as i64);
        if request.is_atom("which_children") {
            return Term::list(
                self.partitions
                    .iter()
                    .rev()
                    .map(|(name, pid)| {
                        Term::tuple(vec![
                            Term::Atom(name.clone()),
                            Term::Pid(*pid),
                            Term::atom("worker"),
                            Term::list(vec![Term::module("Registry.Partition")]),
                        ])
                    })
                    .collect(),
            );
        }
        if request.is_atom("count_children") {
            return Term::map(vec![
                (Term::atom("active"), n.clone()),
                (Term::atom("specs"), n.clone()),
                (Term::atom("supervisors"), Term::Int(0)),
                (Term::atom("workers"), n),
            ]);
        }
        // Registry.Supervisor answers calls it does not know so callers never hang.
        Term::error_tuple(Term::atom("unknown_call"))
    }

    /// Stops the partitions, the last started first, then reports.
    fn terminate(&self, ctx: &Ctx, reason: &Term, last_message: Term) {
        for (_, pid) in self.partitions.iter().rev() {
            stop_partition(ctx, *pid);
        }
        if is_quiet_reason(reason) {
            return;
        }
        ctx.rt.emit(Event::GenServerTerminating {
            name: Term::Atom(self.spec.name.clone()),
            reason: reason.clone(),
            last_message,
            state: registry_state::report_state(&self.spec, &self.partitions),
            client: None,
            stack: None,
        });
    }
}

impl Behaviour for RegistryPartition {
    fn handle(&mut self, ctx: &Ctx, msg: Msg) -> Flow {
        match msg.into_call() {
            Msg::Stop { reason, from, tag } => {
                self.report(ctx, &reason, Term::empty_list());
                Flow::Exit {
                    reason,
                    reply: Some((from, tag, Term::ok())),
                }
            }
            Msg::Call { from, tag, .. } => {
                ctx.rt
                    .send_reply(&from, tag, Term::error_tuple(Term::atom("unknown_call")));
                Flow::Continue
            }
            Msg::Info(t) => match exit_message(&t) {
                Some((from, reason)) if from == self.parent => {
                    self.report(ctx, &reason, t.clone());
                    Flow::Exit {
                        reason,
                        reply: None,
                    }
                }
                Some((from, _)) => {
                    self.forget(ctx, from);
                    Flow::Continue
                }
                None => Flow::Continue,
            },
            _ => Flow::Continue,
        }
    }

    fn module(&self) -> Term {
        Term::module("Registry.Partition")
    }
}

impl RegistryPartition {
    /// A trapped exit signal from `from`: Elixir's partition takes `from`'s entries out
    /// of its pid table (if it holds them), whatever the reason and even if `from` lives
    /// on (`Process.exit(partition, :normal)` from a registered shell unregisters it).
    /// A dead process's entries went at its death, so only a live one costs anything.
    fn forget(&self, ctx: &Ctx, from: Pid) {
        let Some(proc) = ctx.rt.inner.table.get(from).filter(|p| p.is_alive()) else {
            return;
        };
        let Some(table) = ctx
            .rt
            .inner
            .table
            .get(self.parent)
            .and_then(|s| table_of(&s))
        else {
            return;
        };
        let partitions = table.partition_pids();
        let mine = partitions.iter().position(|p| *p == ctx.me.pid);
        if mine != Some(owner_index(from, partitions.len())) {
            return;
        }
        let keys: Vec<Term> = {
            let mut meta = proc.meta.lock().unwrap();
            let mut keys = Vec::new();
            meta.names.retain(|n| match n {
                Name::Via(t, k) if Arc::ptr_eq(t, &table) => {
                    keys.push(k.clone());
                    false
                }
                _ => true,
            });
            keys
        };
        for key in keys {
            table.remove_entry(&key, from);
        }
    }

    fn report(&self, ctx: &Ctx, reason: &Term, last_message: Term) {
        if is_quiet_reason(reason) {
            return;
        }
        ctx.rt.emit(Event::GenServerTerminating {
            name: ctx.me.report_name(),
            reason: reason.clone(),
            last_message,
            state: Term::Ref(self.table),
            client: None,
            stack: None,
        });
    }
}

/// The sender and reason of an `{:EXIT, pid, reason}` message, if `t` is one.
fn exit_message(t: &Term) -> Option<(Pid, Term)> {
    match t.as_tuple() {
        Some([tag, Term::Pid(from), reason]) if tag.is_atom("EXIT") => {
            Some((*from, reason.clone()))
        }
        _ => None,
    }
}

/// Stops a partition as a supervisor stops a child: unlink, then `:shutdown`.
fn stop_partition(ctx: &Ctx, pid: Pid) {
    if let Some(p) = ctx.rt.inner.table.get(pid) {
        signals::unlink(ctx.me, &p);
        let shutdown = ctx.rt.inner.consts.shutdown.clone();
        signals::exit_signal(ctx.rt, ctx.me.pid, &p, shutdown);
    }
}

/// The table of the registry whose supervisor is `sup`.
fn table_of(sup: &Process) -> Option<Arc<RegistryTable>> {
    let meta = sup.meta.lock().unwrap();
    meta.names.iter().find_map(|n| match n {
        Name::Registry(t) => Some(t.clone()),
        _ => None,
    })
}

/// Drops the entries of the processes `owned` picks, and the names they backed: a
/// partition that dies takes its ETS tables, and so their entries, with it. Built on
/// the table's `all` and `remove_entry` (a restart is rare; registrations are not).
fn drop_entries(rt: &Runtime, table: &Arc<RegistryTable>, owned: impl Fn(Pid) -> bool) {
    for (key, pid, _) in table.all() {
        if !owned(pid) {
            continue;
        }
        table.remove_entry(&key, pid);
        // A dead process forgot its names when it died.
        let Some(proc) = rt.inner.table.get(pid) else {
            continue;
        };
        let mut meta = proc.meta.lock().unwrap();
        let found = meta
            .names
            .iter()
            .position(|n| matches!(n, Name::Via(t, k) if Arc::ptr_eq(t, table) && *k == key));
        if let Some(at) = found {
            meta.names.remove(at);
        }
    }
}

/// The partition that owns `pid`'s registrations: Elixir's `:erlang.phash2(pid, n)`.
pub(crate) fn owner_index(pid: Pid, partitions: usize) -> usize {
    super::ets_order::phash2(&Term::Pid(pid), partitions)
}

/// The partition whose key table holds a unique registry's `key`:
/// `:erlang.phash2(key, n)`.
pub(crate) fn key_partition(key: &Term, partitions: usize) -> usize {
    super::ets_order::phash2(key, partitions)
}

/// `Registry.register/3`'s `Process.link(owner)`: a registered process is linked to
/// the partition that owns it.
pub(crate) fn link_owner(rt: &Runtime, table: &RegistryTable, proc: &Arc<Process>) {
    if let Some(owner) = rt.inner.table.get(table.owner(proc.pid)) {
        signals::link(proc, &owner);
    }
}

/// `Registry.unregister/2`'s `unlink_if_unregistered`: the link goes with the
/// process's last key in `table`.
pub(crate) fn unlink_owner_if_unregistered(
    rt: &Runtime,
    table: &Arc<RegistryTable>,
    proc: &Arc<Process>,
) {
    let registered = proc
        .meta
        .lock()
        .unwrap()
        .names
        .iter()
        .any(|n| matches!(n, Name::Via(t, _) if Arc::ptr_eq(t, table)));
    if registered {
        return;
    }
    if let Some(owner) = rt.inner.table.get(table.owner(proc.pid)) {
        signals::unlink(proc, &owner);
    }
}
