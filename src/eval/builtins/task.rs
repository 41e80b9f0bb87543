//! `Task` (`async`/`await`/`yield`/`start`) and `Agent` (`start`/`start_link`/`get`/
//! `update`/`get_and_update`/`cast`/`stop`), as a learner uses them next to the guide.
//! A Task of code the VM compiled is a lightweight process (`vm::process`, ended by
//! `finish`); a Task of `{m, f, args}` or of a fn the tree walker made, and every Agent,
//! is a process with an OS thread of its own, like such a `spawn` (`spawn.rs`). A Task
//! replies `{ref, result}` to its owner's monitor alias; an Agent is a loop answering
//! GenServer calls with `GenServer.reply/2`'s own path, so its calls, exits and crash
//! reports are GenServer's. `poll` is `Task.await`'s side for a process that suspends.

use std::time::Duration;

use super::agent::{apply_callable, with_call_frame};
use super::spawn::{crash_text, exit_reason, spawn_body, with_evaluator, Spawn};
use super::{blamed_clause_with, timeout, Answer};
use crate::error::{Error, Result};
use crate::eval::report;
use crate::eval::Evaluator;
use crate::inspect::inspect_plain;
use crate::runtime::{Client, Event};
use crate::term::{Pid, Ref, Term};

mod many;

pub use super::agent::agent;

pub fn task(ev: &mut Evaluator, function: &str, args: Vec<Term>) -> Answer {
    let five_s = Term::Int(5000);
    Some(match (function, args.as_slice()) {
        ("async", [f]) => start_task(ev, "async", f, true),
        ("start", [f]) => start_task(ev, "start", f, false),
        ("start_link", [f]) => start_task(ev, "start_link", f, false),
        ("async" | "start" | "start_link", [m, f, a]) => start_mfa(ev, function, m, f, a),
        ("await" | "yield", [t]) => wait(ev, function, t, &five_s),
        ("await" | "yield", [t, timeout]) => wait(ev, function, t, timeout),
        ("shutdown", [t]) => many::shutdown(ev, t, &five_s),
        ("shutdown", [t, how]) => many::shutdown(ev, t, how),
        ("await_many", [ts]) => many::await_many(ev, ts, &five_s),
        ("await_many", [ts, timeout]) => many::await_many(ev, ts, timeout),
        ("yield_many", [ts]) => many::yield_many(ev, ts, &five_s),
        ("yield_many", [ts, timeout]) => many::yield_many(ev, ts, timeout),
        _ => return None,
    })
}

fn is_fun0(f: &Term) -> bool {
    matches!(f, Term::Fun(fun) if fun.arity == 0)
}

fn start_task(ev: &mut Evaluator, function: &str, f: &Term, is_async: bool) -> Result<Term> {
    if !is_fun0(f) {
        let clause = format!("def {function}(fun) when -is_function(fun, 0)-");
        return Err(blamed_clause_with(
            "Task",
            function,
            std::slice::from_ref(f),
            &[&clause],
        ));
    }
    let apply = [Term::atom("erlang"), Term::atom("apply"), Term::Int(2)];
    let link = function == "start_link";
    spawn_task(ev, f, Term::tuple(apply.to_vec()), is_async, link)
}

/// `Task.async/3`, `Task.start/3`: `apply(module, function, args)` in a task, whose
/// `mfa` is `{module, function, length(args)}`.
fn start_mfa(ev: &mut Evaluator, function: &str, m: &Term, f: &Term, a: &Term) -> Result<Term> {
    let (Term::Atom(_), Term::Atom(_), Some(args)) = (m, f, a.as_list()) else {
        let mark = |ok: bool, s: &str| if ok { s.to_string() } else { format!("-{s}-") };
        let clause = format!(
            "def {function}(module, function_name, args) when {} and {} and {}",
            mark(m.as_atom().is_some(), "is_atom(module)"),
            mark(f.as_atom().is_some(), "is_atom(function_name)"),
            mark(a.as_list().is_some(), "is_list(args)"),
        );
        let args = [m.clone(), f.clone(), a.clone()];
        return Err(blamed_clause_with("Task", function, &args, &[&clause]));
    };
    let mfa = Term::tuple(vec![m.clone(), f.clone(), Term::Int(args.len() as i64)]);
    let call = Term::tuple(vec![m.clone(), f.clone(), a.clone()]);
    spawn_task(
        ev,
        &call,
        mfa,
        function == "async",
        function == "start_link",
    )
}

/// Starts a task running `f` (a fun or `{m, f, args}`): `{:ok, pid}` (linked to its
/// starter for `start_link`), or for `async` the `%Task{}` its owner awaits.
fn spawn_task(ev: &mut Evaluator, f: &Term, mfa: Term, is_async: bool, link: bool) -> Result<Term> {
    let owner = ev.client.pid();
    let how = if is_async || link {
        Spawn::Link
    } else {
        Spawn::Plain
    };
    let pid = match vm_closure0(f) {
        // Code the VM compiled runs as a lightweight process.
        Some(closure) => {
            let fun = f.clone();
            let done = move |child: &Client, result: Result<Term>| {
                finish(child, &fun, owner, is_async, result)
            };
            crate::vm::process::spawn_with(ev, f, closure, how, Box::new(done))?.1
        }
        None => {
            let body = move |child: Client, f: Term| run_task(child, f, owner, is_async);
            spawn_body(ev, f, how, Box::new(body))?.1
        }
    };
    if !is_async {
        return Ok(Term::ok_tuple(Term::Pid(pid)));
    }
    // Monitored before the task runs (it waits for its parent to yield).
    let r = ev.client.monitor(&Term::Pid(pid));
    Ok(Term::map(vec![
        (Term::atom("__struct__"), Term::module("Task")),
        (Term::atom("mfa"), mfa),
        (Term::atom("owner"), Term::Pid(owner)),
        (Term::atom("pid"), Term::Pid(pid)),
        (Term::atom("ref"), Term::Ref(r)),
    ]))
}

/// The VM closure of arity 0 behind `f`, if `f` is one.
fn vm_closure0(f: &Term) -> Option<std::sync::Arc<crate::vm::closure::VmClosure>> {
    match f {
        Term::Fun(fun) if fun.arity == 0 => fun.body.clone().downcast().ok(),
        _ => None,
    }
}

/// A Task's process on a thread of its own (a function the VM did not compile, or
/// `{m, f, args}`): runs the function and ends as `finish` says.
fn run_task(child: Client, f: Term, owner: Pid, is_async: bool) {
    if !child.is_alive() {
        return;
    }
    let result = with_evaluator(&child, |ev| apply_callable(ev, &f, vec![]));
    if child.is_alive() {
        let reason = finish(&child, &f, owner, is_async, result);
        child.terminate(reason);
    }
}

/// How a Task's function ended: it replies to the owner's alias (an async task whose
/// owner still monitors it) or logs how it crashed, and answers the reason its process
/// exits with.
fn finish(child: &Client, f: &Term, owner: Pid, is_async: bool, result: Result<Term>) -> Term {
    match result {
        Ok(value) => {
            if let Some(r) = child.monitor_held_by(owner).filter(|_| is_async) {
                let _ = child.send(&Term::Pid(owner), Term::tuple(vec![Term::Ref(r), value]));
            }
            Term::atom("normal")
        }
        Err(e) => {
            let below = if is_async {
                Below::TaskAsync
            } else {
                Below::TaskStart
            };
            let reason = with_call_frame(with_frames(exit_reason(&e), below), f, vec![]);
            if !is_quiet(&reason) {
                let (function, args) = match f.as_tuple() {
                    // Logger shows `{m, f, args}` as the capture `&m.f/arity` and args.
                    Some([m, Term::Atom(name), Term::List(args)]) => {
                        let arity = args.len();
                        let capture =
                            format!("&{}/{arity}", report::format_mfa(m, name.name(), &[]));
                        let capture = capture.replace("()/", "/");
                        (capture, Term::List(args.clone()))
                    }
                    _ => (inspect_plain(f), Term::empty_list()),
                };
                let text = format!(
                    "Task {} started from {} terminating\n{}\nFunction: {function}\n    Args: {}",
                    inspect_plain(&Term::Pid(child.pid())),
                    inspect_plain(&Term::Pid(owner)),
                    task_crash_text(&e),
                    inspect_plain(&args)
                );
                child.runtime().emit(Event::Error(text));
            }
            reason
        }
    }
}

/// Logger's words for how a task ended: an exception's banner, or `** (stop) reason`.
fn task_crash_text(e: &Error) -> String {
    match e.inner() {
        Error::Exit(reason) => format!("** (stop) {}", report::format_exit(reason)),
        Error::Throw(v) => {
            let reason = Term::tuple(vec![Term::atom("nocatch"), v.clone()]);
            format!("** (stop) {}", inspect_plain(&reason))
        }
        _ => crash_text(e),
    }
}

/// Exits that end a process without a report: `:normal`, `:shutdown`, `{:shutdown, _}`.
fn is_quiet(reason: &Term) -> bool {
    reason.is_atom("normal")
        || reason.is_atom("shutdown")
        || matches!(reason.as_tuple(), Some([tag, _]) if tag.is_atom("shutdown"))
}

/// `Task.await/2` and `Task.yield/2`.
fn wait(ev: &mut Evaluator, function: &str, task: &Term, t: &Term) -> Result<Term> {
    let fields = task_fields(task);
    let limit = timeout(t);
    let (Some((r, owner)), Some(limit)) = (fields, limit) else {
        return Err(wait_clause(function, task, t));
    };
    if owner != ev.client.pid() {
        return Err(owner_error(ev.client, task));
    }
    ev.release_starts();
    let client = ev.client;
    let got = client.receive_matching(&mut |m| is_answer(m, r), limit);
    if let Some(reason) = client.exit_reason() {
        return Err(Error::Exit(reason));
    }
    answer(client, function, task, t, r, got, true)
}

/// What `Task.await/2` or `Task.yield/2` asked by a process that must not wait on its
/// thread comes to now.
pub(crate) enum Poll {
    /// The answer: the task's reply or `:DOWN` was queued, or the time is up.
    Ready(Result<Term>),
    /// Nothing yet: wait for a message at most this long (`None`: `:infinity`).
    Pending(Option<Duration>),
}

/// `Task.await/1,2` or `Task.yield/1,2` asked by a process that suspends instead of
/// waiting on its thread: the answer if the task's reply or its `:DOWN` is queued
/// already, or if `expired` (the wait's time is up). `None` for other functions.
pub(crate) fn poll(
    ev: &mut Evaluator,
    function: &str,
    args: &[Term],
    expired: bool,
) -> Option<Poll> {
    let five_s = Term::Int(5000);
    if matches!(function, "await_many" | "yield_many") {
        let (tasks, t) = match args {
            [tasks] => (tasks, &five_s),
            [tasks, t] => (tasks, t),
            _ => return None,
        };
        return Some(match many::poll_many(ev, function, tasks, t, expired) {
            Some(answer) => Poll::Ready(answer),
            None => Poll::Pending(timeout(t).flatten()),
        });
    }
    if !matches!(function, "await" | "yield") {
        return None;
    }
    let (task, t) = match args {
        [task] => (task, &five_s),
        [task, t] => (task, t),
        _ => return None,
    };
    let (Some((r, owner)), Some(limit)) = (task_fields(task), timeout(t)) else {
        return Some(Poll::Ready(Err(wait_clause(function, task, t))));
    };
    if owner != ev.client.pid() {
        return Some(Poll::Ready(Err(owner_error(ev.client, task))));
    }
    let got = ev.client.take_saved(|m| is_answer(m, r));
    if got.is_none() && !expired {
        return Some(Poll::Pending(limit));
    }
    Some(Poll::Ready(answer(
        ev.client, function, task, t, r, got, false,
    )))
}

/// A task's reply `{ref, result}` or its `:DOWN`, for the task whose monitor is `r`.
fn is_answer(m: &Term, r: Ref) -> bool {
    match m.as_tuple() {
        Some([Term::Ref(x), _]) => *x == r,
        Some([down, Term::Ref(x), _, _, _]) => down.is_atom("DOWN") && *x == r,
        _ => false,
    }
}

/// `Task.await/2`'s or `Task.yield/2`'s answer for what the wait `got` (None: the time
/// ran out). `bound`: the caller may wait on its thread for a `:DOWN` still on its way.
fn answer(
    client: &Client,
    function: &str,
    task: &Term,
    t: &Term,
    r: Ref,
    got: Option<Term>,
    bound: bool,
) -> Result<Term> {
    let here = Term::tuple(vec![
        Term::module("Task"),
        Term::atom(function),
        Term::list(vec![task.clone(), t.clone()]),
    ]);
    let exit = |reason: Term| Err(Error::Exit(Term::tuple(vec![reason, here.clone()])));
    match got.as_ref().and_then(|m| m.as_tuple()) {
        Some([_, reply]) => {
            demonitor_flush(client, r, bound);
            Ok(if function == "yield" {
                Term::ok_tuple(reply.clone())
            } else {
                reply.clone()
            })
        }
        Some([_, _, _, _, reason]) if function == "yield" => {
            Ok(Term::tuple(vec![Term::atom("exit"), reason.clone()]))
        }
        Some([_, _, _, _, reason]) => exit(reason.clone()),
        _ if function == "yield" => Ok(Term::nil()),
        _ => {
            demonitor_flush(client, r, bound);
            exit(Term::atom("timeout"))
        }
    }
}

/// Asking about a task from a process that is not its owner.
fn owner_error(client: &Client, task: &Term) -> Error {
    Error::argument(format!(
        "task {} must be queried from the owner but was queried from {}",
        inspect_plain(task),
        inspect_plain(&Term::Pid(client.pid()))
    ))
}

/// `demonitor(ref, [:flush])`: no `:DOWN` of this monitor stays queued. A task that
/// died just now is still sending it; a `bound` caller waits for it briefly. A process
/// the scheduler runs takes what is queued, and drops a `:DOWN` of a monitor it no
/// longer holds when it arrives (`vm::process`).
fn demonitor_flush(client: &Client, r: Ref, bound: bool) {
    let was_active = client.demonitor(r);
    let down = |m: &Term| matches!(m.as_tuple(), Some([d, Term::Ref(x), ..]) if d.is_atom("DOWN") && *x == r);
    if !bound {
        client.take_saved(down);
        return;
    }
    let wait = if was_active {
        Duration::ZERO
    } else {
        Duration::from_millis(200)
    };
    client.receive_matching(&mut { down }, Some(wait));
}

/// A `%Task{}`'s ref and owner.
fn task_fields(task: &Term) -> Option<(Ref, Pid)> {
    let Term::Map(m) = task else { return None };
    let get = |k: &str| m.get(&Term::atom(k));
    if !get("__struct__").is_some_and(|s| s.is_atom("Elixir.Task")) {
        return None;
    }
    match (get("ref")?, get("owner")?) {
        (Term::Ref(r), Term::Pid(p)) => Some((*r, *p)),
        _ => None,
    }
}

/// `Task.await/2`'s (or `yield/2`'s) clause error, blamed as Elixir blames it.
fn wait_clause(function: &str, task: &Term, t: &Term) -> Error {
    let mark = |on: bool, s: &str| if on { format!("-{s}-") } else { s.to_string() };
    let pattern = mark(
        task_fields(task).is_none(),
        "%Task{ref: ref, owner: owner} = task",
    );
    let infinity = t.is_atom("infinity");
    let guard = format!(
        "{} or {} and {}",
        mark(!infinity, "timeout == :infinity"),
        mark(
            !infinity && !matches!(t, Term::Int(_)),
            "is_integer(timeout)"
        ),
        mark(matches!(t, Term::Int(n) if *n < 0), "timeout >= 0"),
    );
    let clause = format!("def {function}({pattern}, timeout) when {guard}");
    blamed_clause_with("Task", function, &[task.clone(), t.clone()], &[&clause])
}

/// Where a Task's or an Agent's function ran, below the shell's own frame: what the
/// BEAM's stack shows under an error raised in it.
#[derive(Clone, Copy)]
pub(super) enum Below {
    TaskStart,
    TaskAsync,
    AgentInit,
    AgentCall,
    /// Under a clause error of `Agent.Server.handle_call/3` itself (its frame on top).
    AgentCallClause,
    /// Under a clause error of `Agent.Server.handle_cast/2`.
    AgentCastClause,
}

/// A stack frame `{module, function, arity_or_args, [file: 'file', line: line]}`.
pub(super) fn frame_at(m: Term, f: &str, arity_or_args: Term, file: &str, line: i64) -> Term {
    let file = Term::list(file.bytes().map(|b| Term::Int(b as i64)).collect());
    let location = Term::list(vec![
        Term::tuple(vec![Term::atom("file"), file]),
        Term::tuple(vec![Term::atom("line"), Term::Int(line)]),
    ]);
    Term::tuple(vec![m, Term::atom(f), arity_or_args, location])
}

/// `reason` (`{error, stack}` as `exit_reason` builds it) with the library frames of
/// `below` added under the stack; other reasons as they are.
pub(super) fn with_frames(reason: Term, below: Below) -> Term {
    let at = |m: Term, f: &str, arity: i64, file: &str, line: i64| {
        frame_at(m, f, Term::Int(arity), file, line)
    };
    let supervised = |f: &str, arity, line| {
        at(
            Term::module("Task.Supervised"),
            f,
            arity,
            "lib/task/supervised.ex",
            line,
        )
    };
    let gen_server =
        |f: &str, arity, line| at(Term::atom("gen_server"), f, arity, "gen_server.erl", line);
    let agent = |f: &str, arity, line| {
        at(
            Term::module("Agent.Server"),
            f,
            arity,
            "lib/agent/server.ex",
            line,
        )
    };
    let mut frames = match below {
        Below::TaskStart => vec![supervised("invoke_mfa", 2, 89)],
        Below::TaskAsync => vec![supervised("invoke_mfa", 2, 89), supervised("reply", 4, 34)],
        Below::AgentInit => vec![
            agent("init", 1, 8),
            gen_server("init_it", 2, 851),
            gen_server("init_it", 6, 814),
        ],
        Below::AgentCall => vec![
            agent("handle_call", 3, 12),
            gen_server("try_handle_call", 4, 1149),
            gen_server("handle_msg", 6, 1178),
        ],
        Below::AgentCallClause => vec![
            gen_server("try_handle_call", 4, 1149),
            gen_server("handle_msg", 6, 1178),
        ],
        Below::AgentCastClause => vec![
            gen_server("try_dispatch", 4, 1123),
            gen_server("handle_msg", 6, 1200),
        ],
    };
    frames.push(at(
        Term::atom("proc_lib"),
        "init_p_do_apply",
        3,
        "proc_lib.erl",
        240,
    ));
    match reason.as_tuple() {
        Some([error, Term::List(stack)]) if !stack.is_empty() => {
            let mut all = stack.to_vec();
            all.extend(frames);
            Term::tuple(vec![error.clone(), Term::list(all)])
        }
        _ => reason,
    }
}
