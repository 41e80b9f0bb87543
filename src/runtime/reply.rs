//! A call's reply handed straight to its caller when the caller is waiting on the very
//! thread the server's handler runs on (direct hand-off: the shell's call to an idle
//! server runs the server's `handle_call` inside `deliver`).
//!
//! Without this the reply went into the caller's crossbeam channel and was taken out
//! again a moment later by the same thread: a send, a receive and their atomics, about
//! a tenth of a call. The slot is per thread, like the hand-off depth in
//! `scheduler.rs`: it only ever connects a caller with a handler running under it.

use std::cell::{Cell, RefCell};

use super::process::Process;
use crate::term::{Pid, Ref, Term};

thread_local! {
    /// The caller waiting on this thread, and the tag of its call.
    static WAITING: Cell<Option<(Pid, Ref)>> = const { Cell::new(None) };
    /// The reply handed over, once it came.
    static HANDED: RefCell<Option<Term>> = const { RefCell::new(None) };
}

/// Marks `caller` as waiting for `tag` on this thread, until the guard goes (which
/// gives back the reply, if it came).
pub(crate) fn expect(caller: Pid, tag: Ref) -> Waiting {
    let outer = WAITING.with(|w| w.replace(Some((caller, tag))));
    Waiting { outer }
}

pub(crate) struct Waiting {
    outer: Option<(Pid, Ref)>,
}

impl Waiting {
    /// The reply, if a handler on this thread handed it over.
    pub(crate) fn take(self) -> Option<Term> {
        HANDED.with(|h| h.borrow_mut().take())
    }
}

impl Drop for Waiting {
    fn drop(&mut self) {
        WAITING.with(|w| w.set(self.outer));
        HANDED.with(|h| h.borrow_mut().take());
    }
}

/// Hands `value` to `to` if `to` is alive and waiting for `tag` on this thread; gives
/// the value back otherwise (it goes to the mailbox as any message does).
pub(crate) fn offer(to: &Process, tag: Ref, value: Term) -> Result<(), Term> {
    let waiting = WAITING.with(|w| w.get());
    if waiting != Some((to.pid, tag)) || !to.is_alive() {
        return Err(value);
    }
    WAITING.with(|w| w.set(None));
    HANDED.with(|h| *h.borrow_mut() = Some(value));
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_reply_reaches_only_the_caller_waiting_for_its_tag() {
        let caller = Process::new(Pid(1), None);
        let other = Process::new(Pid(2), None);
        assert_eq!(
            offer(&caller, Ref(7), Term::Int(1)),
            Err(Term::Int(1)),
            "nobody waits"
        );
        let waiting = expect(Pid(1), Ref(7));
        assert_eq!(
            offer(&other, Ref(7), Term::Int(2)),
            Err(Term::Int(2)),
            "another process"
        );
        assert_eq!(
            offer(&caller, Ref(8), Term::Int(3)),
            Err(Term::Int(3)),
            "another call"
        );
        assert_eq!(offer(&caller, Ref(7), Term::Int(4)), Ok(()));
        assert_eq!(
            offer(&caller, Ref(7), Term::Int(5)),
            Err(Term::Int(5)),
            "only once"
        );
        assert_eq!(waiting.take(), Some(Term::Int(4)));
        assert_eq!(
            offer(&caller, Ref(7), Term::Int(6)),
            Err(Term::Int(6)),
            "not waiting now"
        );
    }

    #[test]
    fn a_dead_caller_gets_its_reply_by_mail() {
        let caller = Process::new(Pid(1), None);
        caller
            .alive
            .store(false, std::sync::atomic::Ordering::Release);
        let waiting = expect(Pid(1), Ref(7));
        assert_eq!(offer(&caller, Ref(7), Term::Int(1)), Err(Term::Int(1)));
        assert_eq!(waiting.take(), None);
    }
}
