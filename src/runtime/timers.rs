//! The node's timers: `Process.send_after/3,4`, `:erlang.start_timer/3`, their cancel and
//! read. One thread per node holds every pending timer in a heap ordered by due time and
//! sleeps until the earliest (or until a new timer comes first); a timer costs an entry,
//! not a thread. A due timer's message is delivered like any `send/2`: to a pid, or to
//! the process a name is registered to *when it fires* (nobody: dropped, as on the BEAM).
//! A timer `:erlang.start_timer` aims at a pid is bound to that process: it is cancelled
//! when the process exits (a `send_after` timer is not; iex shows both).

use std::cmp::Reverse;
use std::collections::{BinaryHeap, HashMap};
use std::sync::atomic::{AtomicUsize, Ordering};
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
    /// Cancelled when its destination pid exits (`:erlang.start_timer` to a pid).
    bound: bool,
    /// `:timer.send_interval`: due again this long after each firing, until cancelled.
    every: Option<Duration>,
}

#[derive(Default)]
struct Pendings {
    /// Due time and ref of every timer ever started and not yet fired; a cancelled
    /// timer's entry stays here until its time and is then skipped.
    heap: BinaryHeap<Reverse<(Instant, u64)>>,
    live: HashMap<Ref, Pending>,
    /// The live bound timers of each destination pid.
    bound: HashMap<Pid, Vec<Ref>>,
}

impl Pendings {
    /// Takes a live timer out, and out of its destination's bound list.
    fn take(&mut self, r: Ref, bound_count: &AtomicUsize) -> Option<Pending> {
        let gone = self.live.remove(&r)?;
        if let (true, Dest::Pid(pid)) = (gone.bound, &gone.dest) {
            if let Some(refs) = self.bound.get_mut(pid) {
                refs.retain(|b| *b != r);
                if refs.is_empty() {
                    self.bound.remove(pid);
                }
            }
            bound_count.fetch_sub(1, Ordering::AcqRel);
        }
        Some(gone)
    }
}

/// Where the BEAM's monotonic clock starts, in nanoseconds (`:erlang.system_info(
/// :start_time)` on OTP 25 reads -576460752000000000 on every node): monotonic time is
/// this plus the time since the node started, so it is negative for some 18 years.
pub const MONOTONIC_START_NS: i64 = -576_460_752_000_000_000;
const MONOTONIC_START_MS: i64 = MONOTONIC_START_NS / 1_000_000;
/// The latest due time a timer may have, in milliseconds past the clock's start: past
/// it the BIFs say "exceeds the maximum supported time value". Measured on OTP 25: an
/// absolute time is held to a whole second below `i64::MAX` nanoseconds, a relative one
/// to the millisecond.
const LATEST_ABS_DUE_MS: i64 = 9_223_372_035_000;
const LATEST_DUE_MS: i64 = i64::MAX / 1_000_000;

/// Why a timer's time is refused, as the BIF's error words it.
pub const OUT_OF_RANGE: &str = "out of range";
pub const TOO_LATE: &str = "exceeds the maximum supported time value";

pub(crate) struct Timers {
    /// When the node started: the zero of its monotonic clock.
    started: Instant,
    pending: Arc<Mutex<Pendings>>,
    /// Wakes the timer thread when a timer may be due before the one it sleeps for.
    /// Dropped at shutdown, which ends the thread.
    wake: Mutex<Option<Sender<()>>>,
    thread: Mutex<Option<JoinHandle<()>>>,
    /// How many bound timers are live: a process exiting when there are none (nearly
    /// always) need not take the lock.
    bound_count: Arc<AtomicUsize>,
}

impl Timers {
    pub(crate) fn new() -> Timers {
        Timers {
            started: Instant::now(),
            pending: Arc::default(),
            wake: Mutex::new(None),
            thread: Mutex::new(None),
            bound_count: Arc::default(),
        }
    }

    /// Starts the timer thread; it holds only a weak handle on the node.
    pub(crate) fn start(&self, rt: Weak) {
        let (tx, rx) = unbounded();
        *self.wake.lock().unwrap() = Some(tx);
        let pending = self.pending.clone();
        let bound_count = self.bound_count.clone();
        let handle = std::thread::Builder::new()
            .name("otpsh-timers".into())
            .spawn(move || run(&pending, &bound_count, &rx, &rt))
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

    /// `:erlang.monotonic_time/0`: nanoseconds, counted from `MONOTONIC_START_NS`.
    pub(crate) fn monotonic_ns(&self) -> i64 {
        let elapsed = i64::try_from(self.started.elapsed().as_nanos()).unwrap_or(i64::MAX);
        MONOTONIC_START_NS.saturating_add(elapsed)
    }

    /// The delay of a timer given `time` in milliseconds: from now, or with `absolute`
    /// the monotonic time (in ms) it is due at, which may be past (due at once). Err is
    /// the BIF's complaint about the time.
    pub(crate) fn delay_for(&self, time: i64, absolute: bool) -> Result<Duration, &'static str> {
        let now_ns = self.monotonic_ns() - MONOTONIC_START_NS;
        let due_ms = if absolute {
            time.saturating_sub(MONOTONIC_START_MS)
        } else if time < 0 {
            return Err(OUT_OF_RANGE);
        } else {
            (now_ns / 1_000_000).saturating_add(time)
        };
        if due_ms < 0 {
            return Err(OUT_OF_RANGE);
        }
        if due_ms
            > if absolute {
                LATEST_ABS_DUE_MS
            } else {
                LATEST_DUE_MS
            }
        {
            return Err(TOO_LATE);
        }
        if !absolute {
            return Ok(Duration::from_millis(time as u64));
        }
        let due_ns = i128::from(due_ms) * 1_000_000;
        let left = (due_ns - i128::from(now_ns)).max(0);
        Ok(Duration::from_nanos(
            u64::try_from(left).unwrap_or(u64::MAX),
        ))
    }

    /// Starts a timer that sends `msg` to `dest` after `delay`.
    pub(crate) fn start_timer(&self, r: Ref, dest: Dest, msg: Term, delay: Duration) {
        self.add(r, dest, msg, delay, false, None);
    }

    /// `:timer.send_interval/3`: `msg` to `dest` every `every`, until cancelled (or, for
    /// a pid, until that process exits).
    pub(crate) fn start_interval(&self, r: Ref, dest: Dest, msg: Term, every: Duration) {
        let bound = matches!(dest, Dest::Pid(_));
        // A period of 0 would be due again at once, forever: the BEAM's timer wheel
        // cannot fire faster than its tick either.
        let every = every.max(Duration::from_millis(1));
        self.add(r, dest, msg, every, bound, Some(every));
    }

    /// Starts a timer for the process `pid` that is cancelled if `pid` exits first
    /// (`:erlang.start_timer/3` to a pid). The caller checks afterwards that `pid` was
    /// still alive, and cancels the timer if not (see `cancel_bound_to`).
    pub(crate) fn start_bound_timer(&self, r: Ref, pid: Pid, msg: Term, delay: Duration) {
        self.add(r, Dest::Pid(pid), msg, delay, true, None);
    }

    fn add(
        &self,
        r: Ref,
        dest: Dest,
        msg: Term,
        delay: Duration,
        bound: bool,
        every: Option<Duration>,
    ) {
        // A delay past what `Instant` can hold (years) is a timer that never fires.
        let now = Instant::now();
        let due = now
            .checked_add(delay)
            .unwrap_or_else(|| now + Duration::from_secs(100 * 365 * 86_400));
        {
            let mut p = self.pending.lock().unwrap();
            p.heap.push(Reverse((due, r.0)));
            if let (true, Dest::Pid(pid)) = (bound, &dest) {
                p.bound.entry(*pid).or_default().push(r);
                self.bound_count.fetch_add(1, Ordering::AcqRel);
            }
            let pending = Pending {
                due,
                dest,
                msg,
                bound,
                every,
            };
            p.live.insert(r, pending);
        }
        if let Some(tx) = self.wake.lock().unwrap().as_ref() {
            let _ = tx.send(());
        }
    }

    /// Cancels a pending timer: the time it had left, or None if it already fired, was
    /// cancelled, or never was.
    pub(crate) fn cancel(&self, r: Ref) -> Option<Duration> {
        let gone = self.pending.lock().unwrap().take(r, &self.bound_count)?;
        Some(gone.due.saturating_duration_since(Instant::now()))
    }

    /// Cancels every bound timer aimed at `pid`, which has exited (or never lived).
    pub(crate) fn cancel_bound_to(&self, pid: Pid) {
        if self.bound_count.load(Ordering::Acquire) == 0 {
            return;
        }
        let mut p = self.pending.lock().unwrap();
        for r in p.bound.remove(&pid).unwrap_or_default() {
            if p.live.remove(&r).is_some() {
                self.bound_count.fetch_sub(1, Ordering::AcqRel);
            }
        }
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
fn run(pending: &Mutex<Pendings>, bound_count: &AtomicUsize, wake: &Receiver<()>, rt: &Weak) {
    loop {
        let (due, next) = take_due(pending, bound_count, Instant::now());
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
fn take_due(
    pending: &Mutex<Pendings>,
    bound_count: &AtomicUsize,
    now: Instant,
) -> (Vec<(Dest, Term)>, Option<Instant>) {
    let mut p = pending.lock().unwrap();
    let mut due = Vec::new();
    while let Some(&Reverse((at, r))) = p.heap.peek() {
        if at > now {
            return (due, Some(at));
        }
        p.heap.pop();
        // A cancelled timer, or an older entry of a ref started again: skip it.
        let Some(t) = p.live.get_mut(&Ref(r)).filter(|t| t.due == at) else {
            continue;
        };
        if let Some(every) = t.every {
            // An interval stays, due again one period after this firing was due.
            t.due = at + every;
            let (next, fired) = (t.due, (t.dest.clone(), t.msg.clone()));
            p.heap.push(Reverse((next, r)));
            due.push(fired);
        } else if let Some(t) = p.take(Ref(r), bound_count) {
            due.push((t.dest, t.msg));
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

    #[test]
    fn a_bound_timer_is_cancelled_when_its_process_exits_and_a_plain_one_is_not() {
        let rt = node();
        let client = rt.spawn_client().unwrap();
        let target = rt.spawn_client().unwrap();
        let (bound, plain) = (rt.make_ref(), rt.make_ref());
        let long = Duration::from_secs(60);
        let timers = &rt.inner.timers;
        timers.start_bound_timer(bound, target.pid(), Term::atom("b"), long);
        timers.start_timer(plain, Dest::Pid(target.pid()), Term::atom("p"), long);
        assert!(timers.read(bound).is_some());
        assert!(client.exit(target.pid(), Term::atom("kill")));
        assert_eq!(timers.read(bound), None, "gone with its process");
        assert!(timers.read(plain).is_some(), "a send_after timer stays");
        assert_eq!(timers.bound_count.load(Ordering::Acquire), 0);
    }

    #[test]
    fn a_fired_or_cancelled_bound_timer_leaves_no_trace_behind() {
        let rt = node();
        let client = rt.spawn_client().unwrap();
        let timers = &rt.inner.timers;
        let (soon, later) = (rt.make_ref(), rt.make_ref());
        timers.start_bound_timer(
            soon,
            client.pid(),
            Term::atom("s"),
            Duration::from_millis(10),
        );
        timers.start_bound_timer(
            later,
            client.pid(),
            Term::atom("l"),
            Duration::from_secs(60),
        );
        assert_eq!(
            client.receive(Some(Duration::from_secs(5))),
            Some(Term::atom("s"))
        );
        assert!(timers.cancel(later).is_some());
        assert_eq!(timers.bound_count.load(Ordering::Acquire), 0);
        assert!(timers.pending.lock().unwrap().bound.is_empty());
    }

    #[test]
    fn the_monotonic_clock_starts_where_the_beams_does_and_abs_times_count_from_it() {
        let rt = node();
        let timers = &rt.inner.timers;
        let now = timers.monotonic_ns();
        assert!((MONOTONIC_START_NS..MONOTONIC_START_NS + 60_000_000_000).contains(&now));
        assert!(timers.monotonic_ns() >= now, "monotonic");
        let now_ms = now.div_euclid(1_000_000);
        let soon = timers.delay_for(now_ms + 10_000, true).unwrap();
        assert!(soon > Duration::from_millis(9_000) && soon <= Duration::from_millis(10_000));
        assert_eq!(
            timers.delay_for(now_ms, true),
            Ok(Duration::ZERO),
            "already past: at once"
        );
        assert_eq!(
            timers.delay_for(MONOTONIC_START_MS - 1, true),
            Err(OUT_OF_RANGE)
        );
        assert_eq!(timers.delay_for(-1, false), Err(OUT_OF_RANGE));
        assert_eq!(timers.delay_for(i64::MAX, false), Err(TOO_LATE));
        assert_eq!(timers.delay_for(i64::MAX, true), Err(TOO_LATE));
        assert_eq!(timers.delay_for(i64::MIN, true), Err(OUT_OF_RANGE));
        assert_eq!(timers.delay_for(25, false), Ok(Duration::from_millis(25)));
        assert!(timers.delay_for(0, true).unwrap() > Duration::from_secs(86_400 * 365));
    }

    #[test]
    fn an_interval_fires_each_period_until_cancelled() {
        let rt = node();
        let client = rt.spawn_client().unwrap();
        let timers = &rt.inner.timers;
        let r = rt.make_ref();
        let dest = Dest::Pid(client.pid());
        timers.start_interval(r, dest, Term::atom("tick"), Duration::from_millis(5));
        for _ in 0..3 {
            let got = client.receive(Some(Duration::from_secs(5)));
            assert_eq!(got, Some(Term::atom("tick")));
        }
        assert!(timers.read(r).is_some(), "still pending between firings");
        assert!(timers.cancel(r).is_some());
        // Drain what fired before the cancel; then nothing more comes.
        while client.receive(Some(Duration::from_millis(30))).is_some() {}
        assert_eq!(client.receive(Some(Duration::from_millis(30))), None);
        assert_eq!(timers.bound_count.load(Ordering::Acquire), 0);
    }
}
