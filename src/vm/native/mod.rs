//! Library functions that call a closure back (`Enum.map(list, fn x -> ... end)`), run
//! as state machines the VM drives, as Lua's continuation functions are.
//!
//! Called from VM code, such a function does not call its closure itself: each step of
//! its state machine names the next call (its arguments pushed where the callee's window
//! starts) or gives its answer, and the machine runs the closure in one of its own heap
//! frames, then hands the closure's answer back to the next step. So a callback may
//! `receive`, sleep or `GenServer.call` and suspend its process with the library
//! function in the middle of its walk, it may be preempted, and it costs a frame, not a
//! nested machine. A function value that is no VM closure (a capture of a library
//! function) is applied by the driver directly, as the library would.
//!
//! Only the sources whose walk is plain (a list, a range, a map that is no struct) are
//! taken here; any other call goes to the library function as before, with the same
//! answers and errors.

mod enum_;

use super::closure::VmClosure;
use crate::error::Result;
use crate::eval::enumerable::RangeIter;
use crate::term::Term;
use std::sync::Arc;

/// A library function part-way through its walk.
pub(crate) trait Native: Send {
    /// The next step, given the answer of the call the last step asked for (`None` at
    /// the start). For `Next::Call`, the step has pushed the call's arguments onto
    /// `args`, the top of the register file.
    fn step(&mut self, answer: Option<Term>, args: &mut Vec<Term>) -> Result<Next>;
    /// The function it calls back.
    fn callee(&self) -> &Callee;
}

/// What a native asks of the machine.
pub(crate) enum Next {
    /// Call the callee with the arguments just pushed.
    Call,
    /// The library function's answer.
    Done(Term),
}

/// The function a native calls back: a VM closure of the arity it is called with (run in
/// the machine's frames), or any other value (applied by the library's own path, which
/// also raises `BadFunctionError`/`BadArityError`).
pub(crate) enum Callee {
    Vm(Arc<VmClosure>),
    Other(Term),
}

impl Callee {
    fn new(f: &Term, arity: usize) -> Callee {
        let Term::Fun(fun) = f else {
            return Callee::Other(f.clone());
        };
        if fun.arity != arity {
            return Callee::Other(f.clone());
        }
        if let Some(captured) = fun.body.downcast_ref::<crate::eval::Captured>() {
            return Callee::Vm(Arc::new(trampoline(captured, arity)));
        }
        match fun.body.clone().downcast() {
            Ok(closure) => Callee::Vm(closure),
            Err(_) => Callee::Other(f.clone()),
        }
    }
}

/// A capture of a remote function (`&Task.await/1`) as VM code: one call in tail
/// position of `module.function/arity`, so what that call does in the machine (suspend
/// in `Task.await`, enter a module's function) it does when a walk calls the capture.
fn trampoline(captured: &crate::eval::Captured, arity: usize) -> VmClosure {
    use super::code::{Op, Proto, Reg};
    let module = arity as Reg;
    let call = Op::CallRemote {
        dst: module + 1,
        module,
        function: Arc::from(captured.function.as_str()),
        args: (0..module).collect(),
        tail: true,
    };
    VmClosure {
        proto: Arc::new(Proto {
            ops: vec![call],
            lines: vec![1],
            function: None,
            registers: arity as u32 + 2,
            arity: arity as u32,
            captured: 1,
        }),
        captured: Box::new([captured.module.clone()]),
        env: Arc::new(crate::eval::Env::new()),
    }
}

/// The state machine for `module.function(args)` when the VM should drive it; `None`
/// for every call the library answers itself.
pub(crate) fn start(
    module: &Term,
    function: &str,
    args: &[Term],
) -> Option<Result<Box<dyn Native>>> {
    match module.as_atom()?.name() {
        "Elixir.Enum" => enum_::start(function, args),
        _ => None,
    }
}

/// The elements of a plain source, owned, one at a time: what `Items` walks, without the
/// borrow, so a native can keep it across suspensions.
pub(crate) enum Cursor {
    List(crate::term::List, usize),
    Range(RangeIter),
    /// A map's `{key, value}` pairs, made when the walk starts.
    Pairs(std::vec::IntoIter<Term>),
}

impl Cursor {
    /// A cursor over `source` if it is a list, a range or a map that is no struct.
    pub(crate) fn new(source: &Term) -> Option<Cursor> {
        if let Some((first, last, step)) = crate::eval::ops::range_bounds(source) {
            return Some(Cursor::Range(RangeIter::new(first, last, step)));
        }
        match source {
            Term::List(items) => Some(Cursor::List(items.clone(), 0)),
            Term::Map(m) if !m.contains_key(&Term::atom("__struct__")) => {
                let pairs: Vec<Term> = m
                    .iter()
                    .map(|(k, v)| Term::tuple(vec![k.clone(), v.clone()]))
                    .collect();
                Some(Cursor::Pairs(pairs.into_iter()))
            }
            _ => None,
        }
    }

    /// How many elements are still to come.
    pub(crate) fn remaining(&self) -> u64 {
        match self {
            Cursor::List(items, at) => (items.len() - at) as u64,
            Cursor::Range(r) => r.remaining(),
            Cursor::Pairs(p) => p.len() as u64,
        }
    }
}

impl Iterator for Cursor {
    type Item = Term;

    #[inline]
    fn next(&mut self) -> Option<Term> {
        match self {
            Cursor::List(items, at) => {
                let x = items.get(*at)?.clone();
                *at += 1;
                Some(x)
            }
            Cursor::Range(r) => r.next().map(Term::Int),
            Cursor::Pairs(p) => p.next(),
        }
    }
}
