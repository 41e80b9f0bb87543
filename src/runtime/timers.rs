//! The node's timers: `Process.send_after/3,4`, `:erlang.start_timer/3`, their cancel and
//! read. One thread per node holds every pending timer in a heap ordered by due time and
//! sleeps until the earliest (or until a new timer comes first); a timer costs an entry,
//! not a thread. A due timer's message is delivered like any `send/2`: to a pid, or to
//! the process a name is registered to *when it fires* (nobody: dropped, as on the BEAM).

use std::cmp::Reverse;
use std::collections::{BinaryHeap, HashMap};
use std::sync::{Arc, Mutex};
use std::thread::JoinHandle;
use std::time::{Duration, Instant};

use crossbeam_channel::{unbounded, Receiver, RecvTimeoutError, Sender};

use super::process::Msg;
use super::{scheduler, Weak};
use crate::term::{Atom, Pid, Ref, Term};

/// Where a timer's message goes.
#[derive(Clone, Debug)]
pub(crate) enum Dest {
    Pid(Pid),
    Name(Atom),
}

struct Pending {
    due: Instant,
    dest: Dest,
    msg: Term,
}

#[derive(Default)]
struct Pendings {
    /// Due time and ref of every timer ever started and not yet fired; a cancelled
    /// timer's entry stays here until its time and is then skipped.
    heap: BinaryHeap<Reverse<(Instant, u64)>>,
    live: HashMap<Ref, Pending>,
}

pub(crate) struct Timers {
    pending: Arc<Mutex<Pendings>>,
    /// Wakes the timer thread when a timer may be due before the one it sleeps for.
    /// Dropped at shutdown, which ends the thread.
    wake: Mutex<Option<Sender<()>>>,
    thread: Mutex<Option<JoinHandle<()>>>,
}

impl Timers {
    pub(crate) fn new() -> Timers {
        Timers {
            pending: Arc::default(),
            wake: Mutex::new(None),
            thread: Mutex::new(None),
        }
    }

    /// Starts the timer thread; it holds only a weak handle on the node.
    pub(crate) fn start(&self, rt: Weak) {
        let (tx, rx) = unbounded();
        *self.wake.lock().unwrap() = Some(tx);
        let pending = self.pending.clone();
        let handle = std::thread::Builder::new()
            .name("otpsh-timers".into())
            .spawn(move || run(&pending, &rx, &rt))
            .expect("cannot start the timer thread");
        *self.thread.lock().unwrap() = Some(handle);
    }

    pub(crate) fn stop(&self) {
        self.wake.lock().unwrap().take();
        let handle = self.thread.lock().unwrap().take();
        if let Some(h) = handle {
            if h.thread().id() != std::thread::current().id() {
                let _ = h.join();
            }
        }
    }

    /// Starts a timer that sends `msg` to `dest` after `delay`.
    pub(crate) fn start_timer(&self, r: Ref, dest: Dest, msg: Term, delay: Duration) {
        // A delay past what `Instant` can hold (years) is a timer that never fires.
        let now = Instant::now();
        let due = now
            .checked_add(delay)
            .unwrap_or_else(|| now + Duration::from_secs(100 * 365 * 86_400));
        {
            let mut p = self.pending.lock().unwrap();
            p.heap.push(Reverse((due, r.0)));
            p.live.insert(r, Pending { due, dest, msg });
        }
        if let Some(tx) = self.wake.lock().unwrap().as_ref() {
            let _ = tx.send(());
        }
    }

    /// Cancels a pending timer: the time it had left, or None if it already fired, was
    /// cancelled, or never was.
    pub(crate) fn cancel(&self, r: Ref) -> Option<Duration> {
        let gone = self.pending.lock().unwrap().live.remove(&r)?;
        Some(gone.due.saturating_duration_since(Instant::now()))
    }

    /// The time a pending timer has left; None if it is not pending.
    pub(crate) fn read(&self, r: Ref) -> Option<Duration> {
        let p = self.pending.lock().unwrap();
        let due = p.live.get(&r)?.due;
        Some(due.saturating_duration_since(Instant::now()))
    }
}

/// The timer thread: delivers what is due, then sleeps until the next due time or a
/// wake-up. Leaves when the node is gone.
fn run(pending: &Mutex<Pendings>, wake: &Receiver<()>, rt: &Weak) {
    loop {
        let (due, next) = take_due(pending, Instant::now());
        if !due.is_empty() {
            let Some(rt) = rt.upgrade() else { return };
            for (dest, msg) in due {
                let target = match dest {
                    Dest::Pid(pid) => rt.inner.table.get(pid),
                    Dest::Name(name) => rt.inner.names.whereis(&name),
                };
                if let Some(proc) = target {
                    scheduler::deliver(&rt, &proc, Msg::Info(msg));
                }
            }
        }
        let woke = match next {
            Some(at) => wake
                .recv_deadline(at)
                .map_err(|e| e == RecvTimeoutError::Disconnected),
            None => wake.recv().map_err(|_| true),
        };
        if woke == Err(true) {
            return;
        }
    }
}

/// Takes every live timer due by `now`, in due order, and the time the next one is due.
fn take_due(pending: &Mutex<Pendings>, now: Instant) -> (Vec<(Dest, Term)>, Option<Instant>) {
    let mut p = pending.lock().unwrap();
    let mut due = Vec::new();
    while let Some(&Reverse((at, r))) = p.heap.peek() {
        if at > now {
            return (due, Some(at));
        }
        p.heap.pop();
        // A cancelled timer, or an older entry of a ref started again: skip it.
        if p.live.get(&Ref(r)).is_some_and(|t| t.due == at) {
            if let Some(t) = p.live.remove(&Ref(r)) {
                due.push((t.dest, t.msg));
            }
        }
    }
    (due, None)
}

#[cfg(test)]
mod tests {
    use super::super::{Config, Runtime};
    use super::*;

    fn node() -> Runtime {
        Runtime::new(Config {
            schedulers: 1,
            ..Config::default()
        })
    }

    #[test]
    fn a_timer_delivers_its_message_once_due_and_then_is_gone() {
        let rt = node();
        let client = rt.spawn_client().unwrap();
        let r = rt.make_ref();
        let timers = &rt.inner.timers;
        timers.start_timer(
            r,
            Dest::Pid(client.pid()),
            Term::atom("hi"),
            Duration::from_millis(20),
        );
        assert!(timers
            .read(r)
            .is_some_and(|left| left <= Duration::from_millis(20)));
        assert_eq!(
            client.receive(Some(Duration::ZERO)),
            None,
            "not before its time"
        );
        let got = client.receive(Some(Duration::from_secs(5)));
        assert_eq!(got, Some(Term::atom("hi")));
        assert_eq!(timers.read(r), None);
        assert_eq!(timers.cancel(r), None);
    }

    #[test]
    fn a_cancelled_timer_never_fires_and_answers_its_time_left() {
        let rt = node();
        let client = rt.spawn_client().unwrap();
        let timers = &rt.inner.timers;
        let (late, soon) = (rt.make_ref(), rt.make_ref());
        let me = Dest::Pid(client.pid());
        timers.start_timer(
            late,
            me.clone(),
            Term::atom("late"),
            Duration::from_millis(30),
        );
        timers.start_timer(soon, me, Term::atom("soon"), Duration::from_millis(60));
        let left = timers.cancel(late).expect("pending");
        assert!(left <= Duration::from_millis(30));
        assert_eq!(timers.cancel(late), None, "a second cancel finds nothing");
        // The later timer still fires, and nothing came before it.
        let got = client.receive(Some(Duration::from_secs(5)));
        assert_eq!(got, Some(Term::atom("soon")));
    }

    #[test]
    fn timers_fire_in_due_order_whatever_order_they_were_started_in() {
        let rt = node();
        let client = rt.spawn_client().unwrap();
        let timers = &rt.inner.timers;
        for (ms, name) in [(40, "c"), (10, "a"), (25, "b")] {
            let dest = Dest::Pid(client.pid());
            timers.start_timer(
                rt.make_ref(),
                dest,
                Term::atom(name),
                Duration::from_millis(ms),
            );
        }
        let got: Vec<_> = (0..3)
            .filter_map(|_| client.receive(Some(Duration::from_secs(5))))
            .collect();
        assert_eq!(got, [Term::atom("a"), Term::atom("b"), Term::atom("c")]);
    }

    #[test]
    fn a_named_destination_is_looked_up_when_the_timer_fires() {
        let rt = node();
        let client = rt.spawn_client().unwrap();
        let name = Atom::from_static("timer_target");
        let dest = Dest::Name(name.clone());
        rt.inner.timers.start_timer(
            rt.make_ref(),
            dest,
            Term::atom("x"),
            Duration::from_millis(20),
        );
        client.register(client.pid(), name).unwrap();
        let got = client.receive(Some(Duration::from_secs(5)));
        assert_eq!(got, Some(Term::atom("x")));
    }
}
