//! A proper list: its elements in one buffer, head first, with room in front of the
//! head, so that taking the tail and putting an element in front are O(1), as cons
//! cells are on the BEAM.
//!
//! A `List` is a view `start..` of a shared buffer. Its tail is the same buffer one
//! slot further. `[h | t]` writes `h` into the free slot just before `t`'s head when
//! `t` starts where the buffer's written part starts (no other list has claimed that
//! slot: claiming is a compare-and-swap of the buffer's `front`); otherwise it copies
//! `t` into a new buffer with as much room in front as `t` is long, so a list built by
//! consing copies each element O(1) times amortized. The buffer's slots before `front`
//! are unwritten; every slot from `front` to the end holds an element, which no view
//! changes once written.

use super::Term;
use std::cell::UnsafeCell;
use std::mem::MaybeUninit;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;

/// Room made in front of a list copied for a cons, at the least.
const MIN_ROOM: usize = 4;

struct Buf {
    slots: Box<[UnsafeCell<MaybeUninit<Term>>]>,
    /// The first written slot: slots `front..` hold elements.
    front: AtomicUsize,
}

// The slots are written once each, by the one thread that claimed them (`cons`), before
// any view of them exists; after that they are only read.
unsafe impl Send for Buf {}
unsafe impl Sync for Buf {}

impl Buf {
    /// A buffer of `room` free slots followed by `items`.
    fn new(room: usize, items: impl ExactSizeIterator<Item = Term>) -> Buf {
        let len = room + items.len();
        let mut slots: Vec<UnsafeCell<MaybeUninit<Term>>> = Vec::with_capacity(len);
        slots.extend((0..room).map(|_| UnsafeCell::new(MaybeUninit::uninit())));
        slots.extend(items.map(|t| UnsafeCell::new(MaybeUninit::new(t))));
        Buf {
            front: AtomicUsize::new(room),
            slots: slots.into_boxed_slice(),
        }
    }

    /// The written slots from `start` on, as terms.
    fn from(&self, start: usize) -> &[Term] {
        let len = self.slots.len() - start;
        // Slots `start..` are written (start >= front) and never written again; an
        // `UnsafeCell<MaybeUninit<Term>>` has the layout of a `Term`.
        unsafe { std::slice::from_raw_parts(self.slots.as_ptr().add(start) as *const Term, len) }
    }
}

impl Drop for Buf {
    fn drop(&mut self) {
        let front = *self.front.get_mut();
        for slot in &mut self.slots[front..] {
            unsafe { slot.get_mut().assume_init_drop() };
        }
    }
}

/// A proper list (`[]` included).
#[derive(Clone, Default)]
pub struct List {
    /// None for `[]`.
    buf: Option<Arc<Buf>>,
    start: usize,
}

impl List {
    pub fn new() -> List {
        List::default()
    }

    /// The list after its first element (`[]` for `[]`).
    pub fn tail(&self) -> List {
        self.after(1)
    }

    /// The list after its first `n` elements (`[]` when it has no more).
    pub fn after(&self, n: usize) -> List {
        match &self.buf {
            Some(buf) if self.start + n < buf.slots.len() => List {
                buf: Some(buf.clone()),
                start: self.start + n,
            },
            _ => List::new(),
        }
    }

    /// `[head | self]`.
    pub fn cons(&self, head: Term) -> List {
        self.prepend(vec![head])
    }

    /// `items ++ self`: written into the free slots just before this list's head when
    /// it starts where its buffer's written part does and there are enough of them;
    /// otherwise both are copied into a new buffer with as many free slots in front as
    /// it holds elements.
    pub fn prepend(&self, items: Vec<Term>) -> List {
        let k = items.len();
        if k == 0 {
            return self.clone();
        }
        if let Some(buf) = &self.buf {
            let at = self.start;
            let claimed = at >= k
                && buf
                    .front
                    .compare_exchange(at, at - k, Ordering::AcqRel, Ordering::Relaxed)
                    .is_ok();
            if claimed {
                // This thread alone claimed slots `at - k..at`; no view includes them yet.
                for (i, item) in items.into_iter().enumerate() {
                    unsafe { (*buf.slots[at - k + i].get()).write(item) };
                }
                return List {
                    buf: Some(buf.clone()),
                    start: at - k,
                };
            }
        }
        let rest = &self[..];
        let room = (k + rest.len()).max(MIN_ROOM);
        let all = items.into_iter().chain(rest.iter().cloned());
        let all: Vec<Term> = all.collect();
        List {
            buf: Some(Arc::new(Buf::new(room, all.into_iter()))),
            start: room,
        }
    }
}

impl std::ops::Deref for List {
    type Target = [Term];

    #[inline]
    fn deref(&self) -> &[Term] {
        match &self.buf {
            Some(buf) => buf.from(self.start),
            None => &[],
        }
    }
}

impl From<Vec<Term>> for List {
    fn from(items: Vec<Term>) -> List {
        if items.is_empty() {
            return List::new();
        }
        List {
            buf: Some(Arc::new(Buf::new(0, items.into_iter()))),
            start: 0,
        }
    }
}

impl From<&[Term]> for List {
    fn from(items: &[Term]) -> List {
        List::from(items.to_vec())
    }
}

impl FromIterator<Term> for List {
    fn from_iter<I: IntoIterator<Item = Term>>(iter: I) -> List {
        List::from(iter.into_iter().collect::<Vec<_>>())
    }
}

impl std::fmt::Debug for List {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_list().entries(self.iter()).finish()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ints(l: &List) -> Vec<i64> {
        l.iter().map(|t| t.as_int().unwrap()).collect()
    }

    #[test]
    fn tail_and_cons_share_the_buffer() {
        let l = List::from(vec![Term::Int(1), Term::Int(2), Term::Int(3)]);
        let t = l.tail();
        assert_eq!(ints(&t), [2, 3]);
        assert_eq!(ints(&t.tail().tail()), Vec::<i64>::new());
        // The first cons onto a list with no room copies it, with room in front.
        let a = t.cons(Term::Int(9));
        assert_eq!(ints(&a), [9, 2, 3]);
        // The next ones fill that room: the same buffer.
        let b = a.cons(Term::Int(8));
        assert!(Arc::ptr_eq(
            b.buf.as_ref().unwrap(),
            a.buf.as_ref().unwrap()
        ));
        assert_eq!(ints(&b), [8, 9, 2, 3]);
        // A second cons onto `a` cannot reuse the claimed slot: it copies.
        let c = a.cons(Term::Int(7));
        assert!(!Arc::ptr_eq(
            c.buf.as_ref().unwrap(),
            a.buf.as_ref().unwrap()
        ));
        assert_eq!((ints(&b), ints(&c)), (vec![8, 9, 2, 3], vec![7, 9, 2, 3]));
    }

    #[test]
    fn a_list_built_by_consing_copies_each_element_a_few_times() {
        let mut l = List::new();
        for i in 0..100_000 {
            l = l.cons(Term::Int(i));
        }
        assert_eq!(l.len(), 100_000);
        assert_eq!(l[0].as_int(), Some(99_999));
        // Buffers double: the live one holds at most twice the list.
        assert!(l.buf.as_ref().unwrap().slots.len() <= 2 * 100_000 + MIN_ROOM);
    }

    #[test]
    fn conses_from_threads_onto_one_list_each_get_their_own_head() {
        let base = List::from(vec![Term::Int(0)]).cons(Term::Int(1));
        let heads: Vec<List> = std::thread::scope(|s| {
            let handles: Vec<_> = (0..8)
                .map(|i| {
                    let base = base.clone();
                    s.spawn(move || base.cons(Term::Int(100 + i)))
                })
                .collect();
            handles.into_iter().map(|h| h.join().unwrap()).collect()
        });
        for (i, l) in heads.iter().enumerate() {
            assert_eq!(ints(l), [100 + i as i64, 1, 0]);
        }
        assert_eq!(ints(&base), [1, 0]);
    }
}
