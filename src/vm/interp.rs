//! The run loop: instructions over a register file and a frame stack that live on the
//! heap, so an Elixir call costs no Rust stack and a tail call reuses its frame.
//!
//! A frame's registers are a window at the top of `regs`; calling a VM closure pushes the
//! caller's place and opens a window above it, a tail call replaces the window, a return
//! closes it. Library functions, walker fallbacks and receives are called from here with
//! the `Evaluator` as their context. A library function that calls a closure back is a
//! native (`super::native`) when the VM has one (`Enum.map`, `Enum.reduce`...): it runs
//! its closure in this machine's frames, so the closure may suspend. Any other runs it in
//! a nested machine, whose depth the evaluator bounds.

use super::closure::VmClosure;
use super::code::{Op, Operand, Piece, Reg};
use super::native::{Callee, Native, Next};
use crate::error::{exception, Error, Result};
use crate::eval::{Env, Evaluator};
use crate::syntax::ast::BinaryOp;
use crate::term::{Ref, Term};
use std::sync::Arc;
use std::time::Duration;

/// How many registers one process's stack may hold before it is stopped: a runaway
/// recursion ends in an error for that process instead of exhausting the machine's memory
/// (1 GiB of terms). The BEAM's `max_heap_size` is off by default; this is the
/// ceiling otpsh keeps so the shell survives.
pub const MAX_REGISTERS: usize = 32 << 20;

/// Calls between checks of the interrupt flag (Ctrl-C, a kill of the process).
const CHECK_EVERY: u32 = 4_000;

struct Frame {
    code: Arc<VmClosure>,
    pc: usize,
    base: usize,
    ret: Reg,
    /// A frame waiting on a library function (a native, the top of `natives`) that calls
    /// closures back: what they return goes to the native, not to `ret`.
    on: Waits,
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Waits {
    /// The callee's return value goes to `ret`.
    Callee,
    /// The native's answer goes to `ret`.
    Native,
    /// The native was called in tail position: its answer is this frame's return value
    /// (and the frame is no caller in a stack trace, as on the BEAM).
    NativeTail,
}

/// One activation of the VM: the frames of the closures it runs.
pub struct Machine {
    regs: Vec<Term>,
    frames: Vec<Frame>,
    /// What only some constructs use while they run: made when first needed, and let go
    /// by a suspended machine that holds nothing in it, so a waiting process does not
    /// carry it.
    scratch: Option<Box<Scratch>>,
    /// Run by the scheduler as a process (not bound to a thread that may block).
    scheduled: bool,
    /// Where a suspended machine goes on: its code, instruction and frame base.
    suspended: Option<(Arc<VmClosure>, usize, usize)>,
    waiting: Option<Waiting>,
    /// A `GenServer.call` a scheduled machine waits in: the call's tag (also its
    /// monitor) and `{GenServer, :call, args}` for its exit.
    calling: Option<(Ref, Term)>,
}

#[derive(Default)]
struct Scratch {
    /// Open guards: the frame depth and where to go when the guard raises.
    guards: Vec<(usize, usize)>,
    /// The results of the comprehensions running, innermost last.
    collectors: Vec<Vec<Term>>,
    /// The library functions part-way through a walk that calls closures back, innermost
    /// last: each answers to the frame below the closures it calls.
    natives: Vec<Box<dyn Native>>,
    /// What `Halt` left: the bindings of a typed line.
    exports: Vec<(Arc<str>, Term)>,
}

impl Scratch {
    fn is_empty(&self) -> bool {
        self.guards.is_empty()
            && self.collectors.is_empty()
            && self.natives.is_empty()
            && self.exports.is_empty()
    }
}

enum Step {
    Next,
    /// A tail call of the running closure: back to its first instruction.
    Loop,
    Jump(usize),
    Enter(Arc<VmClosure>, Reg),
    Tail(Arc<VmClosure>),
    Return(Term),
    Halt(Term),
    /// A scheduled machine's receive found nothing: suspend (arming the `after` timer).
    Wait(Option<(Ref, Duration)>),
    /// A library function that calls closures back starts its walk; its answer goes to
    /// the register, or is the frame's return value (a call in tail position).
    Native(Box<dyn Native>, Reg, bool),
    /// A native entered the closure it calls (the run loop's code, pc and base are the
    /// callee's): counted as a call.
    Called,
}

/// How a run of a machine ended.
pub enum Outcome {
    Done(Result<Term>),
    /// Suspended in a receive; the timer to start for its `after`, if any.
    Wait(Option<(Ref, Duration)>),
    /// Suspended at the end of its time slice.
    Yield,
}

/// A receive a scheduled machine is suspended in.
struct Waiting {
    /// The `after` timer's message, if the receive has one.
    token: Option<Ref>,
    fired: bool,
}

/// Where a wait for a library call's answer stands.
enum Waited {
    Answer(Result<Term>),
    /// Suspend (arming this timer for the wait's time).
    Wait(Option<(Ref, Duration)>),
}

/// What a receive that found no message does next.
enum NoMessage {
    After,
    Wait(Option<(Ref, Duration)>),
}

/// A filler for registers not yet written (no allocation, unlike an atom).
const EMPTY: Term = Term::Int(0);

impl Machine {
    pub fn new() -> Machine {
        Machine {
            regs: Vec::new(),
            frames: Vec::new(),
            scratch: None,
            scheduled: false,
            suspended: None,
            waiting: None,
            calling: None,
        }
    }

    fn scratch(&mut self) -> &mut Scratch {
        self.scratch.get_or_insert_with(Default::default)
    }

    /// Whether a native is walking (its closures are running).
    fn in_native(&self) -> bool {
        self.scratch.as_ref().is_some_and(|s| !s.natives.is_empty())
    }

    /// The bindings the last typed line left (`Halt`).
    pub fn take_exports(&mut self) -> Vec<(Arc<str>, Term)> {
        self.scratch
            .as_mut()
            .map(|s| std::mem::take(&mut s.exports))
            .unwrap_or_default()
    }

    /// Runs `code` with `args` in its first registers until its outermost frame returns,
    /// on the calling thread (the shell, or a library function calling a closure back):
    /// a receive waits on the thread.
    pub fn run(
        &mut self,
        ev: &mut Evaluator,
        code: Arc<VmClosure>,
        args: Vec<Term>,
    ) -> Result<Term> {
        let base = self.enter_first(&code, args);
        let outcome = self.execute(ev, code, 0, base);
        self.regs.truncate(base);
        self.frames.clear();
        if let Some(s) = &mut self.scratch {
            s.guards.clear();
            s.natives.clear();
            s.collectors.clear();
        }
        match outcome {
            Outcome::Done(result) => result,
            // Only a scheduled machine suspends.
            Outcome::Wait(_) | Outcome::Yield => Ok(Term::nil()),
        }
    }

    /// Prepares a process's machine: `resume` runs it, on the scheduler's terms (it
    /// suspends at a receive with nothing to take, and yields after its time slice).
    pub fn start(&mut self, code: Arc<VmClosure>, args: Vec<Term>) {
        self.scheduled = true;
        let base = self.enter_first(&code, args);
        self.suspended = Some((code, 0, base));
    }

    /// Runs a started machine until it finishes, waits or yields.
    pub fn resume(&mut self, ev: &mut Evaluator) -> Outcome {
        let Some((code, pc, base)) = self.suspended.take() else {
            return Outcome::Done(Ok(Term::nil()));
        };
        let outcome = self.execute(ev, code, pc, base);
        if let Outcome::Done(_) = outcome {
            self.regs = Vec::new();
            self.frames = Vec::new();
            self.scratch = None;
        } else {
            // A waiting process keeps only what it uses.
            self.regs.shrink_to_fit();
            self.frames.shrink_to_fit();
            if self.scratch.as_ref().is_some_and(|s| s.is_empty()) {
                self.scratch = None;
            }
        }
        outcome
    }

    /// Whether this machine waits in a `GenServer.call` answered with `tag`.
    pub fn awaits_reply(&self, tag: Ref) -> bool {
        matches!(&self.calling, Some((t, _)) if *t == tag)
    }

    /// `GenServer.call(server, request[, timeout])` in a scheduled machine: the request
    /// goes out and the machine suspends until the reply (a `reply_term`), the server's
    /// `:DOWN` or the timeout. None when the blocking library call should answer
    /// (a server that is no process, a bad timeout: its errors are the library's).
    fn gen_call(&mut self, ev: &mut Evaluator, args: Vec<Term>) -> Option<Result<Term>> {
        if let Some((tag, mfa)) = self.calling.clone() {
            let reply = ev.client.take_saved(|t| reply_tag(t) == Some(tag));
            if let Some(reply) = reply {
                self.calling = None;
                self.taken(ev);
                ev.client.demonitor(tag);
                let _ = ev.client.take_saved(|t| down_tag(t) == Some(tag));
                return Some(Ok(reply
                    .as_tuple()
                    .map(|t| t[2].clone())
                    .unwrap_or_else(Term::nil)));
            }
            if let Some(down) = ev.client.take_saved(|t| down_tag(t) == Some(tag)) {
                self.calling = None;
                self.taken(ev);
                let reason = down
                    .as_tuple()
                    .and_then(|t| t.get(4).cloned())
                    .unwrap_or_else(Term::nil);
                return Some(Err(Error::Exit(Term::tuple(vec![reason, mfa]))));
            }
            return match &self.waiting {
                Some(w) if w.fired => {
                    self.waiting = None;
                    self.calling = None;
                    ev.client.demonitor(tag);
                    Some(Err(Error::Exit(Term::tuple(vec![
                        Term::atom("timeout"),
                        mfa,
                    ]))))
                }
                _ => None,
            };
        }
        let (server, request) = (args.first()?, args.get(1)?);
        let timeout = match args.get(2) {
            None => Some(Duration::from_millis(5000)),
            Some(t) if t.is_atom("infinity") => None,
            Some(Term::Int(ms)) if (0..=u32::MAX as i64).contains(ms) && *ms > 0 => {
                Some(Duration::from_millis(*ms as u64))
            }
            Some(_) => return None,
        };
        let rt = ev.client.runtime().clone();
        let target = crate::runtime::gen_server::resolve(&rt, server).ok()??;
        if target.pid == ev.client.pid() {
            return None;
        }
        let tag = ev.client.monitor(&Term::Pid(target.pid));
        let mut mfa_args = vec![server.clone(), request.clone()];
        mfa_args.push(args.get(2).cloned().unwrap_or(Term::Int(5000)));
        let mfa = Term::tuple(vec![
            Term::module("GenServer"),
            Term::atom("call"),
            Term::list(mfa_args),
        ]);
        self.calling = Some((tag, mfa));
        self.waiting = Some(Waiting {
            token: timeout.map(|_| rt.make_ref()),
            fired: false,
        });
        ev.client.send_call(&target, tag, request.clone());
        None
    }

    /// `Task.await/1,2` or `Task.yield/1,2` in a scheduled machine: the task's reply or
    /// `:DOWN` if queued, the timeout's answer once its time is up, or a wait for either.
    /// None when `values` are no such call.
    fn task_wait(&mut self, ev: &mut Evaluator, function: &str, values: &[Term]) -> Option<Waited> {
        use crate::eval::builtins::task::{poll, Poll};
        let expired = matches!(&self.waiting, Some(w) if w.fired);
        let limit = match poll(ev, function, values, expired)? {
            Poll::Ready(answer) => {
                self.taken(ev);
                return Some(Waited::Answer(answer));
            }
            Poll::Pending(limit) => limit,
        };
        match self.no_message(ev, limit) {
            NoMessage::Wait(arm) => Some(Waited::Wait(arm)),
            // No time to wait (a timeout of 0): the answer is the timeout's.
            NoMessage::After => match poll(ev, function, values, true)? {
                Poll::Ready(answer) => Some(Waited::Answer(answer)),
                Poll::Pending(_) => None,
            },
        }
    }

    /// A timer this machine set for a receive's `after`: true if it is the one waited on
    /// (the receive then takes its `after` branch when resumed).
    pub fn timer_fired(&mut self, token: Ref) -> bool {
        match &mut self.waiting {
            Some(w) if w.token == Some(token) => {
                w.fired = true;
                true
            }
            _ => false,
        }
    }

    fn enter_first(&mut self, code: &VmClosure, args: Vec<Term>) -> usize {
        let base = self.regs.len();
        self.regs.extend(args);
        self.regs.extend(code.captured.iter().cloned());
        self.regs
            .resize(base + code.proto.registers as usize, EMPTY);
        base
    }

    fn bool(&self, b: bool) -> Term {
        Term::bool(b)
    }

    /// Counts a call against the time slice: a scheduled machine yields when it is
    /// spent, a bound one looks at its interrupt flag.
    fn spend(&mut self, ev: &Evaluator, budget: &mut u32) -> Result<bool> {
        *budget -= 1;
        if *budget > 0 {
            return Ok(false);
        }
        *budget = CHECK_EVERY;
        self.check(ev)?;
        Ok(self.scheduled)
    }

    fn execute(
        &mut self,
        ev: &mut Evaluator,
        mut code: Arc<VmClosure>,
        mut pc: usize,
        mut base: usize,
    ) -> Outcome {
        let mut budget = CHECK_EVERY;
        macro_rules! spend {
            () => {
                match self.spend(ev, &mut budget) {
                    Ok(false) => {}
                    Ok(true) => {
                        self.suspended = Some((code, pc, base));
                        return Outcome::Yield;
                    }
                    Err(e) => return Outcome::Done(Err(e)),
                }
            };
        }
        loop {
            let mut step = {
                let op = &code.proto.ops[pc];
                pc += 1;
                self.step(ev, op, &code, base)
            };
            // A step may come to another (a native's answer is a return): dispatched
            // again until one leaves the run loop's state settled.
            loop {
                match step {
                    Ok(Step::Next) => {}
                    Ok(Step::Jump(to)) => pc = to,
                    Ok(Step::Loop) => {
                        pc = 0;
                        spend!();
                    }
                    Ok(Step::Enter(callee, ret)) => {
                        let caller = std::mem::replace(&mut code, callee);
                        self.frames.push(Frame {
                            code: caller,
                            pc,
                            base,
                            ret,
                            on: Waits::Callee,
                        });
                        base = self.regs.len() - (code.proto.arity as usize);
                        if let Err(e) = self.open(&code, base) {
                            return Outcome::Done(Err(e));
                        }
                        pc = 0;
                        spend!();
                    }
                    Ok(Step::Tail(callee)) => {
                        // The arguments were pushed above this frame: slide them down.
                        let arity = callee.proto.arity as usize;
                        let args_at = self.regs.len() - arity;
                        self.regs.drain(base..args_at);
                        code = callee;
                        if let Err(e) = self.open(&code, base) {
                            return Outcome::Done(Err(e));
                        }
                        pc = 0;
                        spend!();
                    }
                    Ok(Step::Return(value)) => {
                        self.regs.truncate(base);
                        match self.frames.last().map(|f| f.on) {
                            None => return Outcome::Done(Ok(value)),
                            Some(Waits::Callee) => {
                                let frame = self.frames.pop().expect("a caller");
                                code = frame.code;
                                pc = frame.pc;
                                base = frame.base;
                                self.regs[base + frame.ret as usize] = value;
                            }
                            // A closure a native called returned: the native goes on.
                            Some(_) => {
                                step = self.drive(ev, Some(value), &mut code, &mut pc, &mut base);
                                continue;
                            }
                        }
                    }
                    Ok(Step::Native(native, ret, tail)) => {
                        self.frames.push(Frame {
                            code: code.clone(),
                            pc,
                            base,
                            ret,
                            on: if tail {
                                Waits::NativeTail
                            } else {
                                Waits::Native
                            },
                        });
                        self.scratch().natives.push(native);
                        step = self.drive(ev, None, &mut code, &mut pc, &mut base);
                        continue;
                    }
                    Ok(Step::Called) => spend!(),
                    Ok(Step::Halt(value)) => return Outcome::Done(Ok(value)),
                    Ok(Step::Wait(arm)) => {
                        // The receive runs again when the process is woken.
                        self.suspended = Some((code, pc - 1, base));
                        return Outcome::Wait(arm);
                    }
                    Err(error) => match self.scratch.as_ref().and_then(|s| s.guards.last()) {
                        Some(&(depth, fail)) if depth == self.frames.len() => {
                            self.scratch().guards.pop();
                            pc = fail;
                        }
                        _ => return Outcome::Done(Err(self.trace(error, &code, pc))),
                    },
                }
                break;
            }
        }
    }

    /// Runs the native on top of `natives` on from `answer` (the answer of the call it
    /// asked for; `None` at its start) until it asks for a VM closure, which is entered
    /// (`Step::Called`: `code`, `pc` and `base` are the callee's), or ends: its answer or
    /// its error then belongs to the frame that called it, which is resumed.
    fn drive(
        &mut self,
        ev: &mut Evaluator,
        mut answer: Option<Term>,
        code: &mut Arc<VmClosure>,
        pc: &mut usize,
        base: &mut usize,
    ) -> Result<Step> {
        let result = loop {
            let scratch = self.scratch.as_mut().expect("a native waits");
            let native = scratch.natives.last_mut().expect("a native waits");
            let top = self.regs.len();
            let callee = match native.step(answer.take(), &mut self.regs) {
                Err(e) => break Err(e),
                Ok(Next::Done(value)) => break Ok(value),
                Ok(Next::Call) => match native.callee() {
                    // A walk calls the same closure each time: it is still `code` when
                    // the last call returned (no count to touch).
                    Callee::Vm(closure) if Arc::ptr_eq(code, closure) => None,
                    Callee::Vm(closure) => Some(Ok(closure.clone())),
                    Callee::Other(f) => Some(Err(f.clone())),
                },
            };
            match callee {
                None | Some(Ok(_)) => {
                    if let Some(Ok(closure)) = callee {
                        *code = closure;
                    }
                    if let Err(e) = self.open(code, top) {
                        break Err(e);
                    }
                    *base = top;
                    *pc = 0;
                    return Ok(Step::Called);
                }
                Some(Err(f)) => {
                    let args = self.regs.split_off(top);
                    match ev.in_library(|ev| ev.apply_fun(&f, args)) {
                        Ok(value) => answer = Some(value),
                        Err(e) => break Err(e),
                    }
                }
            }
        };
        self.scratch().natives.pop();
        let frame = self.frames.pop().expect("the native's caller");
        self.regs
            .truncate(frame.base + frame.code.proto.registers as usize);
        *code = frame.code;
        *pc = frame.pc;
        *base = frame.base;
        match result {
            Ok(value) if frame.on == Waits::NativeTail => Ok(Step::Return(value)),
            Ok(value) => {
                self.regs[*base + frame.ret as usize] = value;
                Ok(Step::Next)
            }
            Err(e) => Err(e),
        }
    }

    /// An error leaving the machine, with the frames iex prints for the module functions
    /// it passes through (`iex:3: M.f/1`): the running one, then its callers.
    fn trace(&self, error: Error, code: &VmClosure, pc: usize) -> Error {
        // A library function called in tail position replaced the frame that called it.
        let replaced = matches!(
            code.proto.ops.get(pc.saturating_sub(1)),
            Some(Op::CallRemote { tail: true, .. })
        );
        let frames = std::iter::once((code, pc))
            .skip(usize::from(replaced))
            .chain(
                self.frames
                    .iter()
                    .rev()
                    .filter(|f| f.on != Waits::NativeTail)
                    .map(|f| (&*f.code, f.pc)),
            );
        let mut error = error;
        for (code, pc) in frames {
            if let Some(info) = &code.proto.function {
                let line = code
                    .proto
                    .lines
                    .get(pc.saturating_sub(1))
                    .copied()
                    .unwrap_or(info.line);
                error = error.push_frame(info.frame(line));
            }
        }
        error
    }

    /// Makes the window of a frame whose arguments are in place at `base`.
    fn open(&mut self, code: &VmClosure, base: usize) -> Result<()> {
        self.regs.extend(code.captured.iter().cloned());
        let top = base + code.proto.registers as usize;
        if top > MAX_REGISTERS {
            return Err(heap_limit());
        }
        self.regs.resize(top, EMPTY);
        Ok(())
    }

    fn check(&self, ev: &Evaluator) -> Result<()> {
        if ev.client.interrupted() {
            return Err(Error::Exit(Term::atom("interrupted")));
        }
        // Killed while it computed: it stops at its next check, as on the BEAM.
        if !ev.client.is_alive() {
            return Err(Error::Exit(Term::atom("killed")));
        }
        Ok(())
    }

    /// A scheduled receive found no message: its `after` now, or a wait.
    fn no_message(&mut self, ev: &Evaluator, timeout: Option<Duration>) -> NoMessage {
        match &self.waiting {
            Some(w) if w.fired => {
                self.waiting = None;
                NoMessage::After
            }
            Some(_) => NoMessage::Wait(None),
            None => match timeout {
                Some(d) if d.is_zero() => NoMessage::After,
                Some(d) => {
                    let token = ev.client.runtime().make_ref();
                    self.waiting = Some(Waiting {
                        token: Some(token),
                        fired: false,
                    });
                    NoMessage::Wait(Some((token, d)))
                }
                None => {
                    self.waiting = Some(Waiting {
                        token: None,
                        fired: false,
                    });
                    NoMessage::Wait(None)
                }
            },
        }
    }

    /// A scheduled receive took a message: its timer, if any, is not needed.
    fn taken(&mut self, ev: &Evaluator) {
        if let Some(Waiting {
            token: Some(token), ..
        }) = self.waiting.take()
        {
            ev.client.runtime().inner.timers.cancel(token);
        }
    }

    #[inline(always)]
    fn reg(&self, base: usize, r: Reg) -> &Term {
        &self.regs[base + r as usize]
    }

    #[inline(always)]
    fn set(&mut self, base: usize, r: Reg, value: Term) {
        self.regs[base + r as usize] = value;
    }

    fn values(&self, base: usize, regs: &[Reg]) -> Vec<Term> {
        regs.iter().map(|r| self.reg(base, *r).clone()).collect()
    }

    fn step(
        &mut self,
        ev: &mut Evaluator,
        op: &Op,
        code: &Arc<VmClosure>,
        base: usize,
    ) -> Result<Step> {
        match op {
            Op::Const { dst, value } => self.set(base, *dst, value.clone()),
            Op::Move { dst, src } => {
                let value = self.reg(base, *src).clone();
                self.set(base, *dst, value);
            }
            Op::Tuple { dst, items } => {
                let value = Term::tuple(self.values(base, items));
                self.set(base, *dst, value);
            }
            Op::List { dst, items, tail } => {
                let items = self.values(base, items);
                let value = match tail {
                    None => Term::list(items),
                    Some(t) => crate::eval::cons_onto(items, self.reg(base, *t).clone()),
                };
                self.set(base, *dst, value);
            }
            Op::Map { dst, entries } => {
                let pairs = entries
                    .iter()
                    .map(|(k, v)| (self.reg(base, *k).clone(), self.reg(base, *v).clone()))
                    .collect();
                self.set(base, *dst, Term::map(pairs));
            }
            Op::Interp { dst, parts } => {
                let mut text = String::new();
                for part in parts.iter() {
                    match part {
                        Piece::Text(t) => text.push_str(t),
                        Piece::Value(r) => {
                            text.push_str(&crate::eval::chars_to_string(self.reg(base, *r))?)
                        }
                    }
                }
                self.set(base, *dst, Term::string(&text));
            }
            Op::Unary { dst, op, src } => {
                let value = crate::eval::ops::unary(*op, self.reg(base, *src).clone())?;
                self.set(base, *dst, value);
            }
            Op::Binary {
                dst,
                op,
                a,
                b,
                inline,
            } => {
                let value = match self.binary(*op, base, *a, *b) {
                    Err(e) if *inline && code.proto.function.is_some() => {
                        return Err(inline_arith(e))
                    }
                    value => value?,
                };
                self.set(base, *dst, value);
            }
            Op::JumpUnlessCmp { op, a, b, to } => {
                if !self.compare(*op, base, *a, *b)? {
                    return Ok(Step::Jump(*to as usize));
                }
            }
            Op::StrictBool { dst, op, src, done } => {
                if let Some(answer) = crate::eval::ops::strict_bool(*op, self.reg(base, *src)) {
                    self.set(base, *dst, answer?);
                    return Ok(Step::Jump(*done as usize));
                }
            }
            Op::Jump { to } => return Ok(Step::Jump(*to as usize)),
            Op::JumpIfTruthy { src, to } => {
                if self.reg(base, *src).is_truthy() {
                    return Ok(Step::Jump(*to as usize));
                }
            }
            Op::JumpIfFalsy { src, to } => {
                if !self.reg(base, *src).is_truthy() {
                    return Ok(Step::Jump(*to as usize));
                }
            }
            Op::TestEq { src, value, fail } => {
                if self.reg(base, *src) != value {
                    return Ok(Step::Jump(*fail as usize));
                }
            }
            Op::TestSame { a, b, fail } => {
                if self.reg(base, *a) != self.reg(base, *b) {
                    return Ok(Step::Jump(*fail as usize));
                }
            }
            Op::TestTrue { src, fail } => {
                if !self.reg(base, *src).is_atom("true") {
                    return Ok(Step::Jump(*fail as usize));
                }
            }
            Op::TestTuple { src, arity, fail } => {
                if !matches!(self.reg(base, *src), Term::Tuple(t) if t.len() == *arity as usize) {
                    return Ok(Step::Jump(*fail as usize));
                }
            }
            Op::GetElem { dst, src, index } => {
                let value = match self.reg(base, *src) {
                    Term::Tuple(t) => t[*index as usize].clone(),
                    _ => Term::nil(),
                };
                self.set(base, *dst, value);
            }
            Op::TestEmptyList { src, fail } => {
                if !matches!(self.reg(base, *src), Term::List(l) if l.is_empty()) {
                    return Ok(Step::Jump(*fail as usize));
                }
            }
            Op::HeadTail {
                src,
                head,
                tail,
                fail,
            } => {
                let (h, t) = match self.reg(base, *src) {
                    Term::List(l) if !l.is_empty() => (l[0].clone(), Term::List(l.tail())),
                    Term::ImproperList(l, end) if l.len() == 1 => (l[0].clone(), (**end).clone()),
                    Term::ImproperList(l, end) => {
                        (l[0].clone(), Term::ImproperList(l[1..].into(), end.clone()))
                    }
                    _ => return Ok(Step::Jump(*fail as usize)),
                };
                self.set(base, *head, h);
                self.set(base, *tail, t);
            }
            Op::MatchWalker {
                pattern,
                src,
                reads,
                binds,
                fail,
            } => {
                let mut env = self.env_of(code, base, reads);
                let value = self.reg(base, *src).clone();
                if !ev.match_pattern(pattern, &value, &mut env)? {
                    return Ok(Step::Jump(*fail as usize));
                }
                self.take_binds(&env, base, binds);
            }
            Op::GuardBegin { fail } => {
                let depth = self.frames.len();
                self.scratch().guards.push((depth, *fail as usize));
            }
            Op::GuardEnd => {
                self.scratch().guards.pop();
            }
            Op::NoMatch { src } => {
                return Err(Error::Raise(exception(
                    "MatchError",
                    vec![("term", self.reg(base, *src).clone())],
                )))
            }
            Op::NoCaseClause { src } => {
                return Err(Error::Raise(exception(
                    "CaseClauseError",
                    vec![("term", self.reg(base, *src).clone())],
                )))
            }
            Op::NoCondClause => {
                return Err(Error::raise_message(
                    "CondClauseError",
                    "no cond clause evaluated to a truthy value",
                ))
            }
            Op::NoFnClause => {
                let arity = code.proto.arity as usize;
                let args = self.regs[base..base + arity].to_vec();
                return Err(
                    match code
                        .proto
                        .function
                        .as_ref()
                        .filter(|i| i.anonymous.is_none())
                    {
                        Some(info) => Error::Raise(exception(
                            "FunctionClauseError",
                            vec![
                                ("module", Term::module(&info.module)),
                                ("function", Term::atom(&info.name)),
                                ("arity", Term::Int(arity as i64)),
                                ("kind", Term::nil()),
                                ("args", Term::list(args)),
                                ("clauses", Term::nil()),
                            ],
                        )),
                        // Called back by a library function: iex shows the frame of
                        // the interpreter that applied it.
                        None if self.in_native() => ev.in_library(|ev| ev.fn_clause_error(args)),
                        None => ev.fn_clause_error(args),
                    },
                );
            }
            Op::MakeClosure {
                dst,
                proto,
                captured,
            } => {
                let closure = VmClosure {
                    proto: proto.clone(),
                    captured: self.values(base, captured).into(),
                    env: code.env.clone(),
                };
                // A fn of a module's code prints as the module's fun it is.
                let defined_in = proto
                    .function
                    .as_ref()
                    .filter(|info| info.anonymous.is_some())
                    .map(|info| {
                        let function = format!("{}.{}/{}", info.module, info.name, info.arity);
                        (info.index, function)
                    });
                let value = ev.make_fun_in(proto.arity as usize, Arc::new(closure), defined_in);
                self.set(base, *dst, value);
            }
            Op::CaptureLocal {
                dst,
                table,
                index,
                fun,
                shown,
            } => {
                let Some(code) = table.get().and_then(|t| t.get(*index as usize)) else {
                    return Err(Error::raise_message(
                        "UndefinedFunctionError",
                        "a function of this module is captured before the module is compiled",
                    ));
                };
                let arity = code.proto.arity as usize;
                let value = ev.make_fun_in(arity, code.clone(), Some((*fun, shown.to_string())));
                self.set(base, *dst, value);
            }
            Op::CallFun { dst, f, args } => {
                let f = self.reg(base, *f).clone();
                if let Some(callee) = vm_closure(&f, args.len()) {
                    self.push_args(base, args);
                    return Ok(Step::Enter(callee, *dst));
                }
                let args = self.values(base, args);
                let value = ev.apply_fun(&f, args)?;
                self.set(base, *dst, value);
            }
            Op::TailCallFun { f, args } => {
                if self.is_self(base, *f, code, args.len()) {
                    self.rebind_args(base, args, code.proto.captured as usize);
                    return Ok(Step::Loop);
                }
                let f = self.reg(base, *f).clone();
                if let Some(callee) = vm_closure(&f, args.len()) {
                    self.push_args(base, args);
                    return Ok(Step::Tail(callee));
                }
                let args = self.values(base, args);
                return Ok(Step::Return(ev.apply_fun(&f, args)?));
            }
            Op::CallLocal { dst, name, args } => {
                let args = self.values(base, args);
                let value = ev.local_call(name, args, &code.env)?;
                self.set(base, *dst, value);
            }
            Op::CallLocalFn {
                dst,
                table,
                index,
                args,
                tail,
            } => {
                let Some(callee) = table.get().and_then(|t| t.get(*index as usize)) else {
                    return Err(Error::raise_message(
                        "UndefinedFunctionError",
                        "a function of this module is called before the module is compiled",
                    ));
                };
                if !*tail {
                    self.push_args(base, args);
                    return Ok(Step::Enter(callee.clone(), *dst));
                }
                if Arc::ptr_eq(callee, code) {
                    self.rebind_args(base, args, code.proto.captured as usize);
                    return Ok(Step::Loop);
                }
                self.push_args(base, args);
                return Ok(Step::Tail(callee.clone()));
            }
            Op::CallRemote {
                dst,
                module,
                function,
                args,
                tail,
            } => {
                if let Some(ms) = self
                    .scheduled
                    .then(|| {
                        sleep_time(
                            self.reg(base, *module),
                            function,
                            args.iter().map(|a| self.reg(base, *a)),
                        )
                    })
                    .flatten()
                {
                    // A process's sleep is a receive that takes nothing: it suspends.
                    return match self.no_message(ev, ms) {
                        NoMessage::After if *tail => Ok(Step::Return(Term::ok())),
                        NoMessage::After => {
                            self.set(base, *dst, Term::ok());
                            Ok(Step::Next)
                        }
                        NoMessage::Wait(arm) => Ok(Step::Wait(arm)),
                    };
                }
                let call = match self.scheduled {
                    true => call_args(
                        self.reg(base, *module),
                        function,
                        args.iter().map(|a| self.reg(base, *a)),
                    ),
                    false => None,
                };
                if let Some(values) = call {
                    let first = self.calling.is_none();
                    let timeout = values.get(2).cloned();
                    match self.gen_call(ev, values) {
                        Some(Ok(value)) if *tail => return Ok(Step::Return(value)),
                        Some(Ok(value)) => {
                            self.set(base, *dst, value);
                            return Ok(Step::Next);
                        }
                        Some(Err(e)) => return Err(e),
                        // The call went out (or is still out): wait for its answer.
                        None if self.calling.is_some() => {
                            let arm = match (first, &self.waiting) {
                                (true, Some(Waiting { token: Some(t), .. })) => {
                                    let ms = match timeout {
                                        Some(Term::Int(ms)) => ms as u64,
                                        _ => 5000,
                                    };
                                    Some((*t, Duration::from_millis(ms)))
                                }
                                _ => None,
                            };
                            return Ok(Step::Wait(arm));
                        }
                        None => {}
                    }
                }
                let awaits = self.scheduled
                    && matches!(&**function, "await" | "yield" | "await_many" | "yield_many")
                    && self.reg(base, *module).is_atom("Elixir.Task");
                if awaits {
                    let values = self.values(base, args);
                    if let Some(waited) = self.task_wait(ev, function, &values) {
                        let value = match waited {
                            Waited::Answer(result) => result?,
                            Waited::Wait(arm) => return Ok(Step::Wait(arm)),
                        };
                        if *tail {
                            return Ok(Step::Return(value));
                        }
                        self.set(base, *dst, value);
                        return Ok(Step::Next);
                    }
                }
                let module_term = self.reg(base, *module);
                if let Some(callee) = module_term
                    .as_atom()
                    .and_then(|m| super::module::lookup(ev, m.name()))
                    .and_then(|m| super::module::resolve(&m, function, args.len(), false))
                {
                    self.push_args(base, args);
                    return Ok(match tail {
                        true => Step::Tail(callee),
                        false => Step::Enter(callee, *dst),
                    });
                }
                let module = module_term.clone();
                let args = self.values(base, args);
                if let Some(native) = super::native::start(&module, function, &args) {
                    return Ok(Step::Native(native?, *dst, *tail));
                }
                let inlined = code.proto.function.is_some()
                    && &**function == "fetch!"
                    && args.len() == 2
                    && module.is_atom("Elixir.Map");
                let kept = inlined.then(|| args.clone());
                let value = match (ev.apply_remote(module, function, args), kept) {
                    (Err(e), Some(args)) => return Err(map_get_error(e, args)),
                    (value, _) => value?,
                };
                if *tail {
                    return Ok(Step::Return(value));
                }
                self.set(base, *dst, value);
            }
            Op::Fallback {
                dst,
                expr,
                reads,
                binds,
            } => {
                let mut env = self.env_of(code, base, reads);
                let value = ev.eval(expr, &mut env)?;
                self.take_binds(&env, base, binds);
                self.set(base, *dst, value);
            }
            Op::Receive(receive) => {
                let env = self.env_of(code, base, &receive.reads);
                let timeout = receive.after.map(|(t, _)| self.reg(base, t).clone());
                let clauses: Vec<&crate::syntax::ast::Clause> =
                    receive.clauses.iter().map(|c| &*c.clause).collect();
                let chosen = match self.scheduled {
                    false => ev.receive_choose(&clauses, timeout, &env)?,
                    true => {
                        let timeout = crate::eval::receive_timeout(timeout)?;
                        match ev.receive_ready(&clauses, &env)? {
                            Some(choice) => {
                                self.taken(ev);
                                Some(choice)
                            }
                            None => match self.no_message(ev, timeout) {
                                NoMessage::After => None,
                                NoMessage::Wait(arm) => return Ok(Step::Wait(arm)),
                            },
                        }
                    }
                };
                match chosen {
                    Some((i, scope)) => {
                        let clause = &receive.clauses[i];
                        self.take_binds(&scope, base, &clause.binds);
                        return Ok(Step::Jump(clause.body as usize));
                    }
                    None => match receive.after {
                        Some((_, after)) => return Ok(Step::Jump(after as usize)),
                        None => {
                            self.set(base, receive.dst, Term::nil());
                            return Ok(Step::Jump(receive.done as usize));
                        }
                    },
                }
            }
            Op::IterInit { src, a, b, c } => {
                let source = self.reg(base, *src).clone();
                let (x, y, z) = match crate::eval::ops::range_bounds(&source) {
                    Some((first, last, step)) => {
                        let count = crate::eval::enumerable::range_len(first, last, step);
                        (Term::Int(first), Term::Int(count), Term::Int(step))
                    }
                    None => {
                        let items = crate::eval::enumerable::to_vec(&source)?;
                        (Term::list(items), Term::Int(0), Term::nil())
                    }
                };
                self.set(base, *a, x);
                self.set(base, *b, y);
                self.set(base, *c, z);
            }
            Op::IterNext { a, b, c, dst, done } => {
                let next = match (self.reg(base, *a), self.reg(base, *b), self.reg(base, *c)) {
                    (Term::Int(value), Term::Int(left), Term::Int(step)) => match *left {
                        0 => None,
                        left => Some((
                            Term::Int(*value),
                            Term::Int(value.wrapping_add(*step)),
                            left - 1,
                        )),
                    },
                    (Term::List(items), Term::Int(i), _) => items
                        .get(*i as usize)
                        .map(|item| (item.clone(), Term::List(items.clone()), i + 1)),
                    _ => None,
                };
                let Some((item, state, counter)) = next else {
                    return Ok(Step::Jump(*done as usize));
                };
                self.set(base, *dst, item);
                self.set(base, *a, state);
                self.set(base, *b, Term::Int(counter));
            }
            Op::CollectStart => self.scratch().collectors.push(Vec::new()),
            Op::CollectPush { src } => {
                let value = self.reg(base, *src).clone();
                if let Some(top) = self.scratch().collectors.last_mut() {
                    top.push(value);
                }
            }
            Op::CollectEnd { dst, into } => {
                let results = self.scratch().collectors.pop().unwrap_or_default();
                let into = into.map(|r| self.reg(base, r).clone());
                let value = crate::eval::collect_into(into, results)?;
                self.set(base, *dst, value);
            }
            Op::Return { src } => {
                let value = std::mem::replace(&mut self.regs[base + *src as usize], EMPTY);
                return Ok(Step::Return(value));
            }
            Op::Halt { src, exports } => {
                let bound = exports
                    .iter()
                    .map(|(name, r)| (name.clone(), self.reg(base, *r).clone()))
                    .collect();
                self.scratch().exports = bound;
                return Ok(Step::Halt(self.reg(base, *src).clone()));
            }
        }
        Ok(Step::Next)
    }

    /// Whether register `f` holds the very closure running in this frame (a loop).
    fn is_self(&self, base: usize, f: Reg, code: &Arc<VmClosure>, arity: usize) -> bool {
        match self.reg(base, f) {
            Term::Fun(fun) => {
                fun.arity == arity && std::ptr::addr_eq(Arc::as_ptr(&fun.body), Arc::as_ptr(code))
            }
            _ => false,
        }
    }

    /// A tail call of the running closure: the new arguments replace the old in place;
    /// its captured values are where they were. An argument that is a local of the
    /// finished body is moved, not copied.
    fn rebind_args(&mut self, base: usize, args: &[Reg], captured: usize) {
        let arity = args.len();
        let in_place = args
            .iter()
            .enumerate()
            .all(|(i, a)| *a as usize == i || *a as usize >= arity);
        if !in_place {
            let values: Vec<Term> = args.iter().map(|a| self.reg(base, *a).clone()).collect();
            for (i, value) in values.into_iter().enumerate() {
                self.regs[base + i] = value;
            }
            return;
        }
        for (i, a) in args.iter().enumerate() {
            let a = *a as usize;
            if a == i {
                continue;
            }
            let value = match a >= arity + captured {
                true => std::mem::replace(&mut self.regs[base + a], EMPTY),
                false => self.regs[base + a].clone(),
            };
            self.regs[base + i] = value;
        }
    }

    /// Copies call arguments to the top of the register file, where the callee's window
    /// will start.
    fn push_args(&mut self, base: usize, args: &[Reg]) {
        for a in args {
            let value = self.regs[base + *a as usize].clone();
            self.regs.push(value);
        }
    }

    fn operand(&self, base: usize, b: Operand) -> std::borrow::Cow<'_, Term> {
        match b {
            Operand::Reg(r) => std::borrow::Cow::Borrowed(self.reg(base, r)),
            Operand::Int(i) => std::borrow::Cow::Owned(Term::Int(i)),
        }
    }

    #[inline]
    fn binary(&self, op: BinaryOp, base: usize, a: Reg, b: Operand) -> Result<Term> {
        let x = self.reg(base, a);
        let int = match (x, b) {
            (Term::Int(i), Operand::Int(j)) => Some((*i, j)),
            (Term::Int(i), Operand::Reg(r)) => match self.reg(base, r) {
                Term::Int(j) => Some((*i, *j)),
                _ => None,
            },
            _ => None,
        };
        if let Some((i, j)) = int {
            let fast = match op {
                BinaryOp::Add => i.checked_add(j).map(Term::Int),
                BinaryOp::Sub => i.checked_sub(j).map(Term::Int),
                BinaryOp::Mul => i.checked_mul(j).map(Term::Int),
                _ => int_compare(op, i, j).map(|b| self.bool(b)),
            };
            if let Some(value) = fast {
                return Ok(value);
            }
        }
        crate::eval::ops::binary(op, x.clone(), self.operand(base, b).into_owned())
    }

    /// A comparison's answer, without making its boolean when both sides are integers.
    #[inline]
    fn compare(&self, op: BinaryOp, base: usize, a: Reg, b: Operand) -> Result<bool> {
        let x = self.reg(base, a);
        let j = match b {
            Operand::Int(j) => Some(j),
            Operand::Reg(r) => match self.reg(base, r) {
                Term::Int(j) => Some(*j),
                _ => None,
            },
        };
        if let (Term::Int(i), Some(j)) = (x, j) {
            if let Some(answer) = int_compare(op, *i, j) {
                return Ok(answer);
            }
        }
        Ok(self.binary(op, base, a, b)?.is_truthy())
    }

    /// The environment the walker sees: the closure's aliases and imports, and `reads`.
    fn env_of(&self, code: &VmClosure, base: usize, reads: &[super::code::Binding]) -> Env {
        let mut env = (*code.env).clone();
        for (name, r) in reads {
            env.bind(name, self.reg(base, *r).clone());
        }
        env
    }

    fn take_binds(&mut self, env: &Env, base: usize, binds: &[super::code::Binding]) {
        for (name, r) in binds {
            if let Some(value) = env.get(name) {
                let value = value.clone();
                self.set(base, *r, value);
            }
        }
    }
}

impl Default for Machine {
    fn default() -> Self {
        Machine::new()
    }
}

/// `Process.sleep(ms)` or `:timer.sleep(ms)` with a valid time: how long (None is
/// `:infinity`).
fn sleep_time<'t>(
    module: &Term,
    function: &str,
    mut args: impl Iterator<Item = &'t Term>,
) -> Option<Option<Duration>> {
    let name = module.as_atom()?.name();
    if function != "sleep" || !(name == "Elixir.Process" || name == "timer") {
        return None;
    }
    match (args.next(), args.next()) {
        (Some(Term::Int(ms)), None) if (0..=u32::MAX as i64).contains(ms) => {
            Some(Some(Duration::from_millis(*ms as u64)))
        }
        (Some(t), None) if t.is_atom("infinity") => Some(None),
        _ => None,
    }
}

fn int_compare(op: BinaryOp, i: i64, j: i64) -> Option<bool> {
    Some(match op {
        BinaryOp::Eq | BinaryOp::StrictEq => i == j,
        BinaryOp::NotEq | BinaryOp::StrictNotEq => i != j,
        BinaryOp::Lt => i < j,
        BinaryOp::Gt => i > j,
        BinaryOp::Le => i <= j,
        BinaryOp::Ge => i >= j,
        _ => return None,
    })
}

/// `Map.fetch!(map, key)` failing in a module's code, which Elixir's compiler inlines as
/// `:erlang.map_get(key, map)`: the BIF's frame, and its exit reason (`{:badkey, key}`).
fn map_get_error(e: Error, args: Vec<Term>) -> Error {
    let [map, key] = <[Term; 2]>::try_from(args).expect("two arguments");
    let line = format!(
        ":erlang.map_get({}, {})",
        crate::inspect::inspect_plain(&key),
        crate::inspect::inspect_plain(&map)
    );
    match e {
        Error::Located(inner, _) => inner.at_bif(line, "map_get", vec![key, map]),
        other => other.at_bif(line, "map_get", vec![key, map]),
    }
}

/// The error of an operation the BEAM's compiler makes an instruction (`Op::Binary`'s
/// `inline`) in a module's code: it has neither the operands in its message nor the
/// BIF's frame, which the call of `:erlang.+/2` made by `erl_eval` for typed code has.
fn inline_arith(e: Error) -> Error {
    match e {
        Error::Located(inner, frame)
            if frame.bif.is_some()
                && matches!(&*inner, Error::Raise(ex)
                    if crate::error::exception_module(ex).as_deref() == Some("ArithmeticError")) =>
        {
            *inner
        }
        e => e,
    }
}

/// The arguments of the `GenServer.call` that `module.function(args)` is, when a
/// scheduled machine makes it by suspending: `GenServer.call/2,3` itself, and `Agent`'s
/// calls (`Agent.get(agent, fun)` is `GenServer.call(agent, {:get, fun}, 5000)`).
fn call_args<'t>(
    module: &Term,
    function: &str,
    args: impl ExactSizeIterator<Item = &'t Term>,
) -> Option<Vec<Term>> {
    match (module.as_atom()?.name(), function) {
        ("Elixir.GenServer", "call") if matches!(args.len(), 2 | 3) => {
            Some(args.cloned().collect())
        }
        ("Elixir.Agent", "get" | "update" | "get_and_update") => {
            let args: Vec<Term> = args.cloned().collect();
            // The function (or `{m, f, a}`) goes in the request; a timeout stays last.
            let (fun, timeout) = match args.as_slice() {
                [_, f] => (f.clone(), None),
                [_, f, t] => (f.clone(), Some(t.clone())),
                [_, m, f, a] => (Term::tuple(vec![m.clone(), f.clone(), a.clone()]), None),
                [_, m, f, a, t] => (
                    Term::tuple(vec![m.clone(), f.clone(), a.clone()]),
                    Some(t.clone()),
                ),
                _ => return None,
            };
            let request = Term::tuple(vec![Term::atom(function), fun]);
            Some(
                [args[0].clone(), request]
                    .into_iter()
                    .chain(timeout)
                    .collect(),
            )
        }
        _ => None,
    }
}

/// The VM closure behind a function value, when it takes `arity` arguments.
fn vm_closure(f: &Term, arity: usize) -> Option<Arc<VmClosure>> {
    match f {
        Term::Fun(fun) if fun.arity == arity => fun.body.clone().downcast::<VmClosure>().ok(),
        _ => None,
    }
}

fn heap_limit() -> Error {
    Error::raise_message(
        "SystemLimitError",
        "a system limit has been reached: the process's stack outgrew otpsh's ceiling (a runaway recursion?)",
    )
}

/// The tag of a reply term (`{:"$gen_reply", tag, value}`) a scheduled process queued.
fn reply_tag(t: &Term) -> Option<Ref> {
    match t.as_tuple()? {
        [mark, Term::Ref(tag), _] if mark.is_atom(REPLY) => Some(*tag),
        _ => None,
    }
}

/// The monitor of a `{:DOWN, ref, :process, pid, reason}` message.
fn down_tag(t: &Term) -> Option<Ref> {
    match t.as_tuple()? {
        [down, Term::Ref(r), _, _, _] if down.is_atom("DOWN") => Some(*r),
        _ => None,
    }
}

/// How a scheduled process keeps a `GenServer.call` reply until its machine takes it.
const REPLY: &str = "$otpsh_gen_reply";

/// The term a reply to a call a scheduled machine waits in is queued as.
pub fn reply_term(tag: Ref, value: Term) -> Term {
    Term::tuple(vec![Term::atom(REPLY), Term::Ref(tag), value])
}
