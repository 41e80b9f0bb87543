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

use crossbeam_channel::{unbounded, Receiver, RecvTimeoutError, Sender};

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
    stopping: AtomicBool,
    threads: Mutex<Vec<JoinHandle<()>>>,
}

impl Scheduler {
    pub(crate) fn new() -> Scheduler {
        let (queue, queue_rx) = unbounded();
        Scheduler {
            queue,
            queue_rx,
            busy: AtomicUsize::new(0),
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
            let rt = rt.clone();
            let handle = std::thread::Builder::new()
                .name(format!("otpsh-scheduler-{i}"))
                .spawn(move || worker(rx, rt))
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

    /// Waits until no process is scheduled or running.
    pub(crate) fn settle(&self, timeout: Duration) -> bool {
        let deadline = Instant::now() + timeout;
        loop {
            if self.busy.load(Ordering::Acquire) == 0 {
                return true;
            }
            if Instant::now() >= deadline {
                return false;
            }
            std::thread::sleep(Duration::from_micros(50));
        }
    }
}

fn worker(rx: Receiver<Arc<Process>>, rt: Weak) {
    loop {
        match rx.recv_timeout(Duration::from_millis(50)) {
            Ok(proc) => {
                let Some(rt) = rt.upgrade() else { return };
                run(&rt, &proc);
            }
            Err(RecvTimeoutError::Timeout) => match rt.upgrade() {
                Some(rt) if !rt.inner.scheduler.is_stopping() => {}
                _ => return,
            },
            Err(RecvTimeoutError::Disconnected) => return,
        }
    }
}

/// Queues a message and makes sure the process will run. Returns false if it is dead.
pub(crate) fn deliver(rt: &Runtime, proc: &Arc<Process>, msg: Msg) -> bool {
    if !proc.is_alive() {
        return false;
    }
    proc.mailbox.push(msg);
    if !proc.is_client {
        notify(rt, proc);
    }
    true
}

fn notify(rt: &Runtime, proc: &Arc<Process>) {
    let sched = &rt.inner.scheduler;
    if sched.is_stopping() {
        return;
    }
    loop {
        match proc.run.load(Ordering::Acquire) {
            IDLE => {
                if proc
                    .run
                    .compare_exchange(IDLE, SCHEDULED, Ordering::AcqRel, Ordering::Acquire)
                    .is_ok()
                {
                    sched.busy.fetch_add(1, Ordering::AcqRel);
                    let depth = DEPTH.with(|d| d.get());
                    if depth < MAX_INLINE_DEPTH {
                        DEPTH.with(|d| d.set(depth + 1));
                        run(rt, proc);
                        DEPTH.with(|d| d.set(depth));
                    } else {
                        let _ = sched.queue.send(proc.clone());
                    }
                    return;
                }
            }
            RUNNING => {
                if proc
                    .run
                    .compare_exchange(RUNNING, NOTIFIED, Ordering::AcqRel, Ordering::Acquire)
                    .is_ok()
                {
                    return;
                }
            }
            _ => return,
        }
    }
}

/// Drains a SCHEDULED process's mailbox. Only the owner of the SCHEDULED state calls it.
fn run(rt: &Runtime, proc: &Arc<Process>) {
    let sched = &rt.inner.scheduler;
    proc.run.store(RUNNING, Ordering::Release);
    loop {
        let mut handled = 0;
        while proc.is_alive() {
            let Some(msg) = proc.mailbox.pop() else { break };
            handle_one(rt, proc, msg);
            handled += 1;
            if handled >= BATCH {
                // Yield to other processes; we keep our `busy` slot while queued.
                proc.run.store(SCHEDULED, Ordering::Release);
                let _ = sched.queue.send(proc.clone());
                return;
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
            .compare_exchange(RUNNING, IDLE, Ordering::AcqRel, Ordering::Acquire)
            .is_ok()
        {
            proc.mailbox.shrink();
            sched.busy.fetch_sub(1, Ordering::AcqRel);
            return;
        }
        // NOTIFIED: a message came in while we ran.
        proc.run.store(RUNNING, Ordering::Release);
    }
}

fn handle_one(rt: &Runtime, proc: &Arc<Process>, msg: Msg) {
    let flow = {
        let mut behaviour = proc.behaviour.lock().unwrap();
        let Some(b) = behaviour.as_mut() else { return };
        let ctx = Ctx { rt, me: proc };
        b.handle(&ctx, msg)
    };
    if let Flow::Exit { reason, reply } = flow {
        signals::die(rt, proc, reason);
        if let Some((to, tag, value)) = reply {
            rt.send_reply(&to, tag, value);
        }
    }
}
