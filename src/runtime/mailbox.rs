//! A process's mailbox: a crossbeam channel (`crossbeam_channel::unbounded`).
//!
//! A client (the shell, a test's thread) blocks on its mailbox, so its channel is made
//! at spawn and kept for life.
//!
//! A server never blocks: a scheduler or a sender drains it. Its channel is made lazily,
//! the first time a message must wait in it, and dropped again when the server goes
//! idle with nothing queued. Most messages never wait: a sender that finds the server
//! idle runs its handler at once on its own thread with the message in hand (direct
//! hand-off, `scheduler::deliver`), so a call from the shell to an idle server never
//! creates a channel. An idle server's mailbox is therefore an empty slot: 40 bytes,
//! no allocation. (A crossbeam list channel with its first block is about 2 KiB and
//! two allocations, so keeping one per idle server would break the 1 KiB budget.)
//!
//! The slot is under a mutex because making and dropping the channel must not race with
//! a sender: the channel itself does the queueing. A flag beside it says whether there
//! is a channel at all, so the owner's "anything queued?" questions (asked two or three
//! times per message handed over) cost a load, not a lock, when there is none.
//!
//! Ordering: the flag is written under the mutex and read without it, both `SeqCst`.
//! A sender sets it before it sends and before it reads the process's run state
//! (`scheduler::notify`); the owner writes the run state (`SeqCst`) before it reads the
//! flag. So either the sender sees the owner still RUNNING (and notifies it) or the
//! owner sees the flag (and takes the lock, where the message is).

use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Mutex;
use std::time::Duration;

use crossbeam_channel::{unbounded, Receiver, RecvTimeoutError, Sender};

use super::process::Msg;

type Channel = (Sender<Msg>, Receiver<Msg>);

pub(crate) enum Mailbox {
    Server(Mutex<Option<Channel>>, AtomicBool),
    Client(Sender<Msg>, Receiver<Msg>),
}

impl Mailbox {
    pub(crate) fn server() -> Mailbox {
        Mailbox::Server(Mutex::new(None), AtomicBool::new(false))
    }

    pub(crate) fn client() -> Mailbox {
        let (tx, rx) = unbounded();
        Mailbox::Client(tx, rx)
    }

    pub(crate) fn push(&self, msg: Msg) {
        match self {
            Mailbox::Server(slot, has_channel) => {
                let mut slot = slot.lock().unwrap();
                let (tx, _) = slot.get_or_insert_with(unbounded);
                has_channel.store(true, Ordering::SeqCst);
                // Cannot fail: the receiver is beside it.
                let _ = tx.send(msg);
            }
            // Cannot fail: we hold the receiver.
            Mailbox::Client(tx, _) => {
                let _ = tx.send(msg);
            }
        }
    }

    pub(crate) fn pop(&self) -> Option<Msg> {
        match self {
            Mailbox::Server(_, has_channel) if !has_channel.load(Ordering::SeqCst) => None,
            Mailbox::Server(slot, _) => slot.lock().unwrap().as_ref()?.1.try_recv().ok(),
            Mailbox::Client(_, rx) => rx.try_recv().ok(),
        }
    }

    /// Takes the first queued message that `wanted` picks, leaving the others queued in
    /// their order: a suspended process still answers system messages (`:sys` on the
    /// BEAM), past the ones it leaves for later. Only a server's owner calls it.
    pub(crate) fn take_first(&self, wanted: impl Fn(&Msg) -> bool) -> Option<Msg> {
        let Mailbox::Server(slot, has_channel) = self else {
            return None;
        };
        if !has_channel.load(Ordering::SeqCst) {
            return None;
        }
        // Under the lock no sender can push between the drain and the refill.
        let slot = slot.lock().unwrap();
        let (tx, rx) = slot.as_ref()?;
        let queued: Vec<Msg> = rx.try_iter().collect();
        let mut found = None;
        for msg in queued {
            if found.is_none() && wanted(&msg) {
                found = Some(msg);
            } else {
                let _ = tx.send(msg);
            }
        }
        found
    }

    pub(crate) fn len(&self) -> usize {
        match self {
            Mailbox::Server(slot, _) => slot.lock().unwrap().as_ref().map_or(0, |(_, rx)| rx.len()),
            Mailbox::Client(_, rx) => rx.len(),
        }
    }

    pub(crate) fn is_empty(&self) -> bool {
        match self {
            Mailbox::Server(_, has_channel) if !has_channel.load(Ordering::SeqCst) => true,
            Mailbox::Server(slot, _) => slot
                .lock()
                .unwrap()
                .as_ref()
                .is_none_or(|(_, rx)| rx.is_empty()),
            Mailbox::Client(_, rx) => rx.is_empty(),
        }
    }

    /// A server's owner waiting on its thread (a scheduled process in a library call
    /// that still waits there, or a `receive` the walker runs): its channel may not
    /// exist yet, so it looks every so often, from 50 µs up to 1 ms apart.
    fn poll(&self, timeout: Option<Duration>) -> Option<Msg> {
        let deadline = timeout.map(|t| std::time::Instant::now() + t);
        let mut pause = Duration::from_micros(50);
        loop {
            if let Some(msg) = self.pop() {
                return Some(msg);
            }
            let left = deadline.map(|d| d.saturating_duration_since(std::time::Instant::now()));
            if left == Some(Duration::ZERO) {
                return None;
            }
            std::thread::sleep(left.map_or(pause, |l| l.min(pause)));
            pause = (pause * 2).min(Duration::from_millis(1));
        }
    }

    /// Drops an idle server's channel when nothing is queued in it.
    pub(crate) fn shrink(&self) {
        if let Mailbox::Server(slot, has_channel) = self {
            if !has_channel.load(Ordering::SeqCst) {
                return;
            }
            let mut slot = slot.lock().unwrap();
            if slot.as_ref().is_some_and(|(_, rx)| rx.is_empty()) {
                *slot = None;
                has_channel.store(false, Ordering::SeqCst);
            }
        }
    }

    /// Drops whatever is queued (the process died).
    pub(crate) fn clear(&self) {
        match self {
            Mailbox::Server(slot, has_channel) => {
                // Dropped outside the lock: a message may hold the last handle on a
                // process whose own drop must not wait on us.
                let old = {
                    let mut slot = slot.lock().unwrap();
                    has_channel.store(false, Ordering::SeqCst);
                    slot.take()
                };
                drop(old);
            }
            Mailbox::Client(_, rx) => while rx.try_recv().is_ok() {},
        }
    }

    /// Blocks a client for the next message; None on timeout (or on a server's mailbox).
    pub(crate) fn recv(&self, timeout: Option<Duration>) -> Option<Msg> {
        let Mailbox::Client(_, rx) = self else {
            return self.poll(timeout);
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::term::Term;

    fn info(n: i64) -> Msg {
        Msg::Info(Term::Int(n))
    }

    fn int(m: Option<Msg>) -> Option<i64> {
        match m? {
            Msg::Info(Term::Int(n)) => Some(n),
            _ => None,
        }
    }

    #[test]
    fn a_server_mailbox_makes_its_channel_on_demand_and_drops_it_when_empty() {
        let mb = Mailbox::server();
        assert!(matches!(&mb, Mailbox::Server(s, _) if s.lock().unwrap().is_none()));
        mb.push(info(1));
        mb.push(info(2));
        assert_eq!(mb.len(), 2);
        mb.shrink();
        assert_eq!(int(mb.pop()), Some(1), "shrink keeps a non-empty channel");
        assert_eq!(int(mb.pop()), Some(2));
        assert!(mb.is_empty());
        mb.shrink();
        assert!(matches!(&mb, Mailbox::Server(s, _) if s.lock().unwrap().is_none()));
        assert!(mb.pop().is_none());
        mb.push(info(3));
        assert!(!mb.is_empty(), "a channel made again is seen");
        mb.clear();
        assert!(mb.is_empty() && mb.pop().is_none());
        mb.push(info(4));
        assert_eq!(
            int(mb.pop()),
            Some(4),
            "a cleared mailbox takes messages again"
        );
    }

    #[test]
    fn take_first_takes_one_match_out_of_turn_and_keeps_the_rest_in_order() {
        let mb = Mailbox::server();
        assert!(mb.take_first(|_| true).is_none(), "no channel yet");
        for n in 1..=4 {
            mb.push(info(n));
        }
        let even = |m: &Msg| matches!(m, Msg::Info(Term::Int(n)) if n % 2 == 0);
        assert_eq!(int(mb.take_first(even)), Some(2));
        assert!(mb.take_first(|m| matches!(m, Msg::Exited)).is_none());
        let rest: Vec<_> = std::iter::from_fn(|| int(mb.pop())).collect();
        assert_eq!(rest, [1, 3, 4]);
    }

    #[test]
    fn an_idle_server_mailbox_is_small() {
        assert!(std::mem::size_of::<Mailbox>() <= 48);
    }
}
