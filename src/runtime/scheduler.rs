//! Scheduler threads and the run-state machine of a process.
//!
//! A process is IDLE, SCHEDULED (queued or about to run), RUNNING, or RUNNING+NOTIFIED
//! (a message arrived while it ran). Whoever moves it from IDLE to SCHEDULED owns the
//! next run: a sender runs it at once on its own thread (direct hand-off, bounded
//! nesting) or queues it for the scheduler threads. Hand-off is what makes a call from
//! the shell cost a few hundred ns, and makes cascades (kill, link, supervisor restart,
//! registry update) finish before the sender's next line.
//!
//! `busy` counts processes scheduled or running, so `settle` can wait for a quiet node.

use std::cell::Cell;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::thread::JoinHandle;
use std::time::{Duration, Instant};

use crossbeam_channel::{unbounded, Receiver, Sender};

use super::process::{Ctx, Flow, Msg, Process, IDLE, NOTIFIED, RUNNING, SCHEDULED};
use super::{signals, Runtime, Weak};

/// How deep direct hand-offs may nest on one thread before we queue instead.
const MAX_INLINE_DEPTH: usize = 4;
/// Messages handled in one run before the process yields its scheduler.
const BATCH: usize = 64;

thread_local! {
    static DEPTH: Cell<usize> = const { Cell::new(0) };
}

pub(crate) struct Scheduler {
    queue: Sender<Arc<Process>>,
    queue_rx: Receiver<Arc<Process>>,
    busy: AtomicUsize,
    /// Processes that have computed for several slices in a row without waiting (a
    /// spawned busy loop): `settle` does not wait for them.
    cpu_bound: AtomicUsize,
    stopping: AtomicBool,
    threads: Mutex<Vec<JoinHandle<()>>>,
    /// Never sent on: dropped by `stop`, which wakes every worker at once (a worker
    /// otherwise notices a stop only at its next idle timeout).
    wake: Mutex<Option<Sender<()>>>,
    woken: Receiver<()>,
}

impl Scheduler {
    pub(crate) fn new() -> Scheduler {
        let (queue, queue_rx) = unbounded();
        let (wake, woken) = crossbeam_channel::bounded(0);
        Scheduler {
            queue,
            queue_rx,
            wake: Mutex::new(Some(wake)),
            woken,
            busy: AtomicUsize::new(0),
            cpu_bound: AtomicUsize::new(0),
            stopping: AtomicBool::new(false),
            threads: Mutex::new(Vec::new()),
        }
    }

    /// Starts the worker threads. They hold only a weak handle, so dropping the last
    /// `Runtime` shuts the node down.
    pub(crate) fn start(&self, n: usize, rt: Weak) {
        let mut threads = self.threads.lock().unwrap();
        for i in 0..n.max(1) {
            let rx = self.queue_rx.clone();
            let woken = self.woken.clone();
            let rt = rt.clone();
            let handle = std::thread::Builder::new()
                .name(format!("otpsh-scheduler-{i}"))
                .spawn(move || worker(rx, woken, rt))
                .expect("cannot start a scheduler thread");
            threads.push(handle);
        }
    }

    /// From now on, messages are queued but no handler runs (the node is stopping:
    /// a supervisor must not restart the children `shutdown` is stopping).
    pub(crate) fn begin_stop(&self) {
        self.stopping.store(true, Ordering::Release);
    }

    pub(crate) fn stop(&self) {
        self.begin_stop();
        self.wake.lock().unwrap().take();
        let threads: Vec<_> = self.threads.lock().unwrap().drain(..).collect();
        let me = std::thread::current().id();
        for t in threads {
            if t.thread().id() != me {
                let _ = t.join();
            }
        }
    }

    pub(crate) fn is_stopping(&self) -> bool {
        self.stopping.load(Ordering::Acquire)
    }

    /// A process starts or stops counting as CPU-bound (see `cpu_bound`).
    pub(crate) fn set_cpu_bound(&self, bound: bool) {
        match bound {
            true => self.cpu_bound.fetch_add(1, Ordering::AcqRel),
            false => self.cpu_bound.fetch_sub(1, Ordering::AcqRel),
        };
    }

    /// Waits until no process is scheduled or running, but those computing for long.
    pub(crate) fn settle(&self, timeout: Duration) -> bool {
        let deadline = Instant::now() + timeout;
        loop {
            let busy = self.busy.load(Ordering::Acquire);
            if busy <= self.cpu_bound.load(Ordering::Acquire) {
                return true;
            }
            if Instant::now() >= deadline {
                return false;
            }
            std::thread::sleep(Duration::from_micros(50));
        }
    }
}

fn worker(rx: Receiver<Arc<Process>>, woken: Receiver<()>, rt: Weak) {
    loop {
        crossbeam_channel::select! {
            recv(rx) -> next => match next {
                Ok(proc) => {
                    let Some(rt) = rt.upgrade() else { return };
                    run(&rt, &proc, None);
                }
                Err(_) => return,
            },
            recv(woken) -> _ => return,
            default(Duration::from_millis(50)) => match rt.upgrade() {
                Some(rt) if !rt.inner.scheduler.is_stopping() => {}
                _ => return,
            },
        }
    }
}

/// Gives `msg` to `proc` and makes sure it will be handled. Returns false if it is dead.
/// An idle server's handler runs at once on the sender's thread, the message in hand
/// (direct hand-off: no mailbox channel is made).
pub(crate) fn deliver(rt: &Runtime, proc: &Arc<Process>, msg: Msg) -> bool {
    deliver_with(rt, proc, msg, true)
}

/// Like `deliver`, but the handler never runs on the sender's thread: a scheduler
/// thread takes it. For a call that must not be answered before the caller waits
/// (`GenServer.call(pid, req, 0)` times out on the BEAM).
pub(crate) fn deliver_queued(rt: &Runtime, proc: &Arc<Process>, msg: Msg) -> bool {
    deliver_with(rt, proc, msg, false)
}

fn deliver_with(rt: &Runtime, proc: &Arc<Process>, msg: Msg, inline: bool) -> bool {
    if !proc.is_alive() {
        return false;
    }
    if proc.is_client {
        proc.mailbox.push(msg);
        return true;
    }
    let sched = &rt.inner.scheduler;
    if inline
        && !sched.is_stopping()
        && !proc.is_suspended()
        && DEPTH.with(|d| d.get()) < MAX_INLINE_DEPTH
        && proc
            .run
            .compare_exchange(IDLE, SCHEDULED, Ordering::SeqCst, Ordering::SeqCst)
            .is_ok()
    {
        sched.busy.fetch_add(1, Ordering::AcqRel);
        // Messages left queued (by a suspension, or a sender racing us) go first.
        let first = if proc.mailbox.is_empty() {
            Some(msg)
        } else {
            proc.mailbox.push(msg);
            None
        };
        run_inline(rt, proc, first);
        return true;
    }
    proc.mailbox.push(msg);
    notify(rt, proc, inline);
    true
}

/// Makes sure a process with queued messages runs (`:sys.resume/1`).
pub(crate) fn wake(rt: &Runtime, proc: &Arc<Process>) {
    if !proc.is_client && !proc.mailbox.is_empty() {
        notify(rt, proc, true);
    }
}

fn run_inline(rt: &Runtime, proc: &Arc<Process>, first: Option<Msg>) {
    let depth = DEPTH.with(|d| d.get());
    DEPTH.with(|d| d.set(depth + 1));
    run(rt, proc, first);
    DEPTH.with(|d| d.set(depth));
}

fn notify(rt: &Runtime, proc: &Arc<Process>, inline: bool) {
    let sched = &rt.inner.scheduler;
    if sched.is_stopping() {
        return;
    }
    // SeqCst: see `mailbox.rs` (the sender's side of the handshake).
    loop {
        match proc.run.load(Ordering::SeqCst) {
            IDLE => {
                if proc
                    .run
                    .compare_exchange(IDLE, SCHEDULED, Ordering::SeqCst, Ordering::SeqCst)
                    .is_ok()
                {
                    sched.busy.fetch_add(1, Ordering::AcqRel);
                    if inline && DEPTH.with(|d| d.get()) < MAX_INLINE_DEPTH {
                        run_inline(rt, proc, None);
                    } else {
                        let _ = sched.queue.send(proc.clone());
                    }
                    return;
                }
            }
            RUNNING => {
                if proc
                    .run
                    .compare_exchange(RUNNING, NOTIFIED, Ordering::SeqCst, Ordering::SeqCst)
                    .is_ok()
                {
                    return;
                }
            }
            _ => return,
        }
    }
}

/// Handles `first` (a message handed over directly), then drains the mailbox of a
/// SCHEDULED process. Only the owner of the SCHEDULED state calls it. A suspended
/// process (`:sys.suspend/1`) stops draining and goes idle with its messages queued.
fn run(rt: &Runtime, proc: &Arc<Process>, first: Option<Msg>) {
    let sched = &rt.inner.scheduler;
    // SeqCst: written before the mailbox's channel flag is read (see `mailbox.rs`).
    proc.run.store(RUNNING, Ordering::SeqCst);
    if let Some(msg) = first.filter(|_| proc.is_alive()) {
        if handle_one(rt, proc, msg) {
            return requeue(sched, proc);
        }
    }
    loop {
        // Suspended, it still answers `GenServer.stop/3` (`:sys.terminate/3` on the BEAM),
        // out of turn; everything else waits for the resume.
        while proc.is_alive() && proc.is_suspended() {
            let stop = proc.mailbox.take_first(|m| matches!(m, Msg::Stop { .. }));
            let Some(msg) = stop else { break };
            handle_one(rt, proc, msg);
        }
        let mut handled = 0;
        while proc.is_alive() && !proc.is_suspended() {
            let Some(msg) = proc.mailbox.pop() else { break };
            let yielded = handle_one(rt, proc, msg);
            handled += 1;
            if yielded || handled >= BATCH {
                return requeue(sched, proc);
            }
        }
        if !proc.is_alive() {
            proc.run.store(IDLE, Ordering::Release);
            proc.mailbox.clear();
            sched.busy.fetch_sub(1, Ordering::AcqRel);
            return;
        }
        if proc
            .run
            .compare_exchange(RUNNING, IDLE, Ordering::SeqCst, Ordering::SeqCst)
            .is_ok()
        {
            proc.mailbox.shrink();
            sched.busy.fetch_sub(1, Ordering::AcqRel);
            return;
        }
        // NOTIFIED: a message came in while we ran.
        proc.run.store(RUNNING, Ordering::SeqCst);
    }
}

/// Yields to other processes: to the back of the run queue, keeping the `busy` slot.
fn requeue(sched: &Scheduler, proc: &Arc<Process>) {
    proc.run.store(SCHEDULED, Ordering::Release);
    let _ = sched.queue.send(proc.clone());
}

/// Runs the handler for one message; true if the process yields its scheduler.
fn handle_one(rt: &Runtime, proc: &Arc<Process>, msg: Msg) -> bool {
    let flow = {
        let mut behaviour = proc.behaviour.lock().unwrap();
        let Some(b) = behaviour.as_mut() else {
            return false;
        };
        let ctx = Ctx { rt, me: proc };
        b.handle(&ctx, msg)
    };
    match flow {
        Flow::Exit { reason, reply } => {
            signals::die(rt, proc, reason);
            if let Some((to, tag, value)) = reply {
                rt.send_reply(&to, tag, value);
            }
            false
        }
        Flow::Yield => true,
        Flow::Continue => false,
    }
}
