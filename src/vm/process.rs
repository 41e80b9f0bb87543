//! A function given to `spawn` running as a lightweight process: its VM state is data
//! inside a behaviour the scheduler runs, so a process waiting in `receive` (or
//! `Process.sleep`) holds no thread and costs a few hundred bytes.
//!
//! The behaviour queues each message the process is sent; when the machine is waiting,
//! the message wakes it and the receive looks again. A machine that uses its time slice
//! yields (`Flow::Yield`: to the back of the run queue, off the sender's thread), and
//! after several slices in a row it stops counting for the shell's `settle`, so a busy
//! loop never holds up a prompt. A `GenServer.call` (and `Agent.get`/`update`, which
//! are calls) suspends it too, until the reply (queued here as a `reply_term`), the
//! server's `:DOWN` or the timeout; so does `Task.await`/`Task.yield`. A Task of typed
//! code is such a process, which ends by replying to its owner (`Done`). It blocks a
//! thread only in the library calls that still wait on it (`Agent.start`,
//! `DynamicSupervisor.start_child`, `Task.await_many`, a `receive` the walker runs).

use super::closure::VmClosure;
use super::interp::{Machine, Outcome};
use crate::error::{Error, Result};
use crate::eval::Evaluator;
use crate::runtime::{Client, Runtime};
use crate::term::{Pid, Ref, Term};
use std::collections::{HashMap, VecDeque};
use std::sync::Arc;

use crate::runtime::process::{Behaviour, Ctx, Flow, Msg};

/// Slices in a row after which a process counts as CPU-bound.
const CPU_BOUND_AFTER: u32 = 8;

pub(crate) struct VmProcess {
    machine: Machine,
    /// Messages not taken yet, in arrival order.
    saved: VecDeque<Term>,
    /// The monitors it holds; boxed (one word, not six), as most processes hold none.
    #[allow(clippy::box_collection)]
    monitors: Option<Box<HashMap<Ref, Pid>>>,
    /// The message that starts the process (sent when its parent yields) and resumes
    /// it after a yield; no other process knows it.
    token: Ref,
    started: bool,
    waiting: bool,
    slices_in_a_row: u32,
    cpu_bound: Option<crate::runtime::Weak>,
    next_fun: u64,
    /// How a process that is more than a spawned function ends (a Task replies to its
    /// owner): the reason it exits with, given its function's result. None: `exit`.
    done: Option<Done>,
}

/// What a process does when its function returned or raised, as the process (`Client`):
/// the reason it exits with.
pub(crate) type Done = Box<dyn FnOnce(&Client, Result<Term>) -> Term + Send>;

/// Starts `f` (a VM closure of arity 0) as a new process, tied to `ev`'s process as
/// `how` says; it runs once `ev` yields. What `spawn` answers, and the pid.
pub(crate) fn spawn(
    ev: &mut Evaluator,
    f: &Term,
    closure: Arc<VmClosure>,
    how: crate::eval::Spawn,
) -> Result<(Term, Pid)> {
    start(ev, f, closure, Vec::new(), how, None)
}

/// `spawn(module, function, args)` of a learner's module function: it runs as a
/// process on those arguments.
pub(crate) fn spawn_call(
    ev: &mut Evaluator,
    shown: &Term,
    function: Arc<VmClosure>,
    args: Vec<Term>,
    how: crate::eval::Spawn,
) -> Result<(Term, Pid)> {
    start(ev, shown, function, args, how, None)
}

/// `spawn`, for a process that ends as `done` says (a Task).
pub(crate) fn spawn_with(
    ev: &mut Evaluator,
    f: &Term,
    closure: Arc<VmClosure>,
    how: crate::eval::Spawn,
    done: Done,
) -> Result<(Term, Pid)> {
    start(ev, f, closure, Vec::new(), how, Some(done))
}

fn start(
    ev: &mut Evaluator,
    f: &Term,
    closure: Arc<VmClosure>,
    args: Vec<Term>,
    how: crate::eval::Spawn,
    done: Option<Done>,
) -> Result<(Term, Pid)> {
    let rt = ev.client.runtime().clone();
    let token = rt.make_ref();
    let mut machine = Machine::new();
    machine.start(closure, args);
    let behaviour = VmProcess {
        machine,
        saved: VecDeque::new(),
        monitors: None,
        token,
        started: false,
        waiting: false,
        slices_in_a_row: 0,
        cpu_bound: None,
        next_fun: 0,
        done,
    };
    let proc = match rt.spawn_behaviour(Box::new(behaviour)) {
        Ok(proc) => proc,
        Err(e) => {
            rt.emit(crate::runtime::Event::Error("Too many processes".into()));
            let fun = crate::inspect::inspect_plain(f);
            return Err(e.at(format!(
                ":erlang.spawn(:erlang, :apply, [{fun}, []])\n    :erlang.spawn/1"
            )));
        }
    };
    proc.spawned
        .store(true, std::sync::atomic::Ordering::Release);
    let pid = proc.pid;
    let answer = match how {
        crate::eval::Spawn::Plain => Term::Pid(pid),
        crate::eval::Spawn::Link => {
            ev.client.link(pid)?;
            Term::Pid(pid)
        }
        crate::eval::Spawn::Monitor => {
            let r = ev.client.monitor(&Term::Pid(pid));
            Term::tuple(vec![Term::Pid(pid), Term::Ref(r)])
        }
    };
    // As on the BEAM, it runs once its parent yields, on a scheduler thread.
    ev.hold(Box::new(move || {
        rt.start_queued(&proc, Term::Ref(token));
    }));
    Ok((answer, pid))
}

impl VmProcess {
    /// Runs the machine as this process until it waits, yields or ends.
    fn run(&mut self, ctx: &Ctx) -> Flow {
        let mut monitors = self.monitors.take().map(|m| *m).unwrap_or_default();
        let outcome = resume_as(
            ctx,
            &mut self.machine,
            &mut self.saved,
            &mut monitors,
            &mut self.next_fun,
        );
        self.monitors = (!monitors.is_empty()).then(|| Box::new(monitors));
        match outcome {
            Outcome::Yield => {
                self.waiting = false;
                self.slices_in_a_row += 1;
                if self.slices_in_a_row == CPU_BOUND_AFTER && self.cpu_bound.is_none() {
                    ctx.rt.set_cpu_bound(true);
                    self.cpu_bound = Some(ctx.rt.downgrade());
                }
                ctx.me.mailbox.push(Msg::Info(Term::Ref(self.token)));
                Flow::Yield
            }
            Outcome::Wait(timer) => {
                self.waiting = true;
                self.calm(ctx.rt);
                if let Some((token, after)) = timer {
                    ctx.rt.start_process_timer(token, ctx.me.pid, after);
                }
                Flow::Continue
            }
            Outcome::Done(result) => {
                self.calm(ctx.rt);
                let reason = match self.done.take() {
                    Some(done) => {
                        let client = Client::attach(
                            ctx.rt,
                            ctx.me.clone(),
                            std::mem::take(&mut self.saved),
                            self.monitors.take().map(|m| *m).unwrap_or_default(),
                        );
                        done(&client, result)
                    }
                    None => exit(ctx.rt, ctx.me.pid, result),
                };
                Flow::Exit {
                    reason,
                    reply: None,
                }
            }
        }
    }

    /// The process waited or ended: it is no longer CPU-bound.
    fn calm(&mut self, rt: &Runtime) {
        self.slices_in_a_row = 0;
        if self.cpu_bound.take().is_some() {
            rt.set_cpu_bound(false);
        }
    }
}

/// Resumes `machine` as the process `ctx` runs, with its queued messages and monitors
/// (which it may take or add to), until it finishes, waits or yields.
pub(crate) fn resume_as(
    ctx: &Ctx,
    machine: &mut Machine,
    saved: &mut VecDeque<Term>,
    monitors: &mut HashMap<Ref, Pid>,
    next_fun: &mut u64,
) -> Outcome {
    let client = Client::attach(
        ctx.rt,
        ctx.me.clone(),
        std::mem::take(saved),
        std::mem::take(monitors),
    );
    let mut out = crate::eval::event_output(ctx.rt);
    let outcome = {
        let mut ev = Evaluator::new(&client, &mut out, 1, &[], next_fun);
        ev.is_shell = false;
        let outcome = machine.resume(&mut ev);
        ev.release_starts();
        outcome
    };
    out.flush();
    (*saved, *monitors) = client.detach();
    outcome
}

/// Whether `t` is the `:DOWN` of a monitor the process (holding `monitors`) took down
/// with `:flush`: a call's, an awaited task's. As on the BEAM, none arrives after that.
pub(crate) fn is_flushed_down(monitors: Option<&HashMap<Ref, Pid>>, t: &Term) -> bool {
    matches!(t.as_tuple(), Some([down, Term::Ref(r), ..])
        if down.is_atom("DOWN") && !monitors.is_some_and(|m| m.contains_key(r)))
}

/// The exit reason of a finished function, reporting a crash as Logger does.
fn exit(rt: &Runtime, pid: Pid, result: Result<Term>) -> Term {
    match result {
        Ok(_) => Term::atom("normal"),
        Err(e) => {
            if !matches!(e.inner(), Error::Exit(_)) {
                rt.emit(crate::runtime::Event::Error(crate::eval::crash_report(
                    pid, &e,
                )));
            }
            crate::eval::spawn_exit_reason(&e)
        }
    }
}

impl Behaviour for VmProcess {
    fn handle(&mut self, ctx: &Ctx, msg: Msg) -> Flow {
        match msg {
            Msg::Info(Term::Ref(r)) if r == self.token => {
                self.started = true;
                self.run(ctx)
            }
            Msg::Info(Term::Ref(r)) if self.machine.timer_fired(r) => match self.waiting {
                true => self.run(ctx),
                false => Flow::Continue,
            },
            // The reply to the `GenServer.call` the machine waits in.
            Msg::Reply { tag, value } if self.machine.awaits_reply(tag) => {
                self.saved.push_back(super::interp::reply_term(tag, value));
                match self.started && self.waiting {
                    true => self.run(ctx),
                    false => Flow::Continue,
                }
            }
            msg => {
                match crate::runtime::message_term(msg) {
                    // A monitor taken down with `:flush` (a call's, an awaited task's)
                    // delivers nothing after it, as on the BEAM.
                    Some(t) if is_flushed_down(self.monitors.as_deref(), &t) => {}
                    Some(t) => self.saved.push_back(t),
                    None => {}
                }
                match self.started && self.waiting {
                    true => self.run(ctx),
                    false => Flow::Continue,
                }
            }
        }
    }

    fn module(&self) -> Term {
        // What `ps` shows for a spawned function, as for one on a thread.
        Term::atom("shell")
    }
}

impl Drop for VmProcess {
    fn drop(&mut self) {
        if let Some(rt) = self.cpu_bound.take().and_then(|w| w.upgrade()) {
            rt.set_cpu_bound(false);
        }
    }
}
