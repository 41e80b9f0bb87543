//! Exit signals, links and monitors: the rules of dying.
//!
//! Death is immediate and visible: the alive flag flips and the names go at once (so
//! `Process.alive?` and `Registry.lookup` on the next line already see it), then the
//! exit signal goes to links (`:kill` arrives as `:killed`), `{:DOWN, ..}` to monitors,
//! and `{:EXIT, pid, reason}` to trapping linked processes.

use std::sync::atomic::Ordering;
use std::sync::Arc;

use super::process::{Msg, Name, Process};
use super::{scheduler, Runtime};
use crate::term::{Pid, Term};

/// An exit signal from `from` reaches `target` (`Process.exit/2` or a link).
/// Returns true (the BEAM's `Process.exit/2` result).
pub(crate) fn exit_signal(rt: &Runtime, from: Pid, target: &Arc<Process>, reason: Term) -> bool {
    if !target.is_alive() {
        return true;
    }
    if reason.is_atom("kill") {
        die(rt, target, Term::atom("killed"));
    } else if target.trap_exit.load(Ordering::Acquire) {
        let tag = rt.inner.consts.exit.clone();
        let msg = super::tuple([tag, Term::Pid(from), reason]);
        scheduler::deliver(rt, target, Msg::Info(msg));
    } else if !reason.is_atom("normal") {
        die(rt, target, reason);
    } else if from == target.pid {
        // `Process.exit(self(), :normal)` kills the caller, as on the BEAM.
        die(rt, target, reason);
    }
    true
}

/// Kills `proc` with `reason` now, then tells its links and monitors.
pub(crate) fn die(rt: &Runtime, proc: &Arc<Process>, reason: Term) {
    if !proc.alive.swap(false, Ordering::AcqRel) {
        return;
    }
    // Take what must be acted on; the exit reason stays readable (`Client::exit_reason`).
    let (names, monitors, links) = {
        let mut meta = proc.meta.lock().unwrap();
        meta.exit_reason = Some(Box::new(reason.clone()));
        (
            std::mem::take(&mut meta.names),
            std::mem::take(&mut meta.monitors),
            std::mem::take(&mut meta.links),
        )
    };
    let defer_via = proc.defer_names.load(Ordering::Acquire);
    for name in names {
        match name {
            Name::Via(..) if defer_via => rt.defer_name(proc.pid, name),
            name => forget_name(rt, proc.pid, &name),
        }
    }
    rt.inner.table.remove(proc.pid);
    rt.inner.timers.cancel_bound_to(proc.pid);
    proc.mailbox.clear();
    if proc.is_client {
        proc.mailbox.push(Msg::Exited);
        if !proc.spawned.load(Ordering::Acquire) {
            rt.hold_events();
        }
    }
    // Links before monitors, as the BEAM exits: a trapping watcher gets `{:EXIT, ...}`
    // before `{:DOWN, ...}`, and a linked shell dies before it could see the DOWN
    // (found under load: `Task.async(...) |> Task.yield(100)` answered `{:exit, ...}`).
    for linked in links.into_vec() {
        if let Some(other) = rt.inner.table.get(linked) {
            other.remove_link(proc.pid);
            exit_signal(rt, proc.pid, &other, reason.clone());
        }
    }
    for (r, watcher, named) in monitors {
        if let Some(w) = rt.inner.table.get(watcher) {
            let down = Term::tuple(vec![
                Term::atom("DOWN"),
                Term::Ref(r),
                Term::atom("process"),
                named,
                reason.clone(),
            ]);
            scheduler::deliver(rt, &w, Msg::Info(down));
        }
    }
}

pub(crate) fn forget_name(rt: &Runtime, pid: Pid, name: &Name) {
    match name {
        Name::Local(a) => rt.inner.names.unregister_if(a, pid),
        Name::Global(t) => rt.inner.names.unregister_global_if(t, pid),
        Name::Via(reg, key) => reg.remove_entry(key, pid),
        Name::Registry(reg) => {
            reg.close();
            rt.inner.registries.remove(reg);
        }
    }
}

/// Links two live processes both ways. False if `other` is not alive.
pub(crate) fn link(a: &Arc<Process>, b: &Arc<Process>) -> bool {
    if !b.add_link(a.pid) {
        return false;
    }
    if !a.add_link(b.pid) {
        b.remove_link(a.pid);
        return false;
    }
    true
}

pub(crate) fn unlink(a: &Arc<Process>, b: &Arc<Process>) {
    a.remove_link(b.pid);
    b.remove_link(a.pid);
}
