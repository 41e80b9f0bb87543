//! A process's mailbox.
//!
//! A client (the shell, a test's thread) blocks on its mailbox, so it is a
//! crossbeam channel, kept for life. A server never blocks: a scheduler or a sender
//! drains it. Its mailbox is a plain queue under a mutex, empty (no allocation) while
//! the server is idle and freed again each time the server goes idle.
//!
//! Why not a crossbeam channel for servers too (the first design): a crossbeam list
//! channel with its first block is about 2 KiB and two allocations; created lazily and
//! dropped when idle it cost ~0.5 µs per call in the benchmark, and kept it would put an
//! idle server over its 1 KiB budget.

use std::collections::VecDeque;
use std::sync::Mutex;
use std::time::Duration;

use crossbeam_channel::{unbounded, Receiver, RecvTimeoutError, Sender};

use super::process::Msg;

pub(crate) enum Mailbox {
    Server(Mutex<VecDeque<Msg>>),
    Client(Sender<Msg>, Receiver<Msg>),
}

impl Mailbox {
    pub(crate) fn server() -> Mailbox {
        Mailbox::Server(Mutex::new(VecDeque::new()))
    }

    pub(crate) fn client() -> Mailbox {
        let (tx, rx) = unbounded();
        Mailbox::Client(tx, rx)
    }

    pub(crate) fn push(&self, msg: Msg) {
        match self {
            Mailbox::Server(q) => q.lock().unwrap().push_back(msg),
            // Cannot fail: we hold the receiver.
            Mailbox::Client(tx, _) => {
                let _ = tx.send(msg);
            }
        }
    }

    pub(crate) fn pop(&self) -> Option<Msg> {
        match self {
            Mailbox::Server(q) => q.lock().unwrap().pop_front(),
            Mailbox::Client(_, rx) => rx.try_recv().ok(),
        }
    }

    pub(crate) fn len(&self) -> usize {
        match self {
            Mailbox::Server(q) => q.lock().unwrap().len(),
            Mailbox::Client(_, rx) => rx.len(),
        }
    }

    /// Frees an idle server's queue when nothing is queued.
    pub(crate) fn shrink(&self) {
        if let Mailbox::Server(q) = self {
            let mut q = q.lock().unwrap();
            if q.is_empty() && q.capacity() > 0 {
                *q = VecDeque::new();
            }
        }
    }

    /// Drops whatever is queued (the process died).
    pub(crate) fn clear(&self) {
        match self {
            Mailbox::Server(q) => *q.lock().unwrap() = VecDeque::new(),
            Mailbox::Client(_, rx) => while rx.try_recv().is_ok() {},
        }
    }

    /// Blocks a client for the next message; None on timeout (or on a server's mailbox).
    pub(crate) fn recv(&self, timeout: Option<Duration>) -> Option<Msg> {
        let Mailbox::Client(_, rx) = self else {
            return None;
        };
        match timeout {
            None => rx.recv().ok(),
            Some(t) => match rx.recv_timeout(t) {
                Ok(m) => Some(m),
                Err(RecvTimeoutError::Timeout) | Err(RecvTimeoutError::Disconnected) => None,
            },
        }
    }
}
