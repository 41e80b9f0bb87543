//! A process's mailbox: a crossbeam channel created lazily.
//!
//! Why lazy: an idle server must stay small (the target is ≤ 1 KiB each, and a crossbeam
//! list channel with its first block is larger than that). A server's channel is created
//! by the first message queued and dropped again when the server goes idle with nothing
//! queued. Senders push under the mailbox lock, so dropping an empty channel never loses
//! a message. A client (the shell) keeps its channel for life, since it blocks on it.

use std::sync::Mutex;
use std::time::Duration;

use crossbeam_channel::{unbounded, Receiver, RecvTimeoutError, Sender};

use super::process::Msg;

type Chan = (Sender<Msg>, Receiver<Msg>);

#[derive(Default)]
pub(crate) struct Mailbox {
    chan: Mutex<Option<Chan>>,
}

impl Mailbox {
    /// A mailbox that keeps its channel for life (a client's).
    pub(crate) fn permanent() -> Mailbox {
        Mailbox {
            chan: Mutex::new(Some(unbounded())),
        }
    }

    pub(crate) fn push(&self, msg: Msg) {
        let mut chan = self.chan.lock().unwrap();
        let (tx, _) = chan.get_or_insert_with(unbounded);
        // Cannot fail: we hold the receiver.
        let _ = tx.send(msg);
    }

    pub(crate) fn pop(&self) -> Option<Msg> {
        let chan = self.chan.lock().unwrap();
        chan.as_ref().and_then(|(_, rx)| rx.try_recv().ok())
    }

    pub(crate) fn len(&self) -> usize {
        let chan = self.chan.lock().unwrap();
        chan.as_ref().map_or(0, |(_, rx)| rx.len())
    }

    /// Frees the channel of an idle server when nothing is queued.
    pub(crate) fn shrink(&self) {
        let mut chan = self.chan.lock().unwrap();
        if chan.as_ref().is_some_and(|(_, rx)| rx.is_empty()) {
            *chan = None;
        }
    }

    /// Drops whatever is queued (the process died).
    pub(crate) fn clear(&self) {
        *self.chan.lock().unwrap() = None;
    }

    /// Blocks a client for the next message (never called on a server's mailbox).
    pub(crate) fn recv(&self, timeout: Option<Duration>) -> Option<Msg> {
        let rx = {
            let chan = self.chan.lock().unwrap();
            chan.as_ref()?.1.clone()
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
