//! `spawn/1,3`, `spawn_link/1,3`, `spawn_monitor/1,3`: a function typed at the shell
//! running as its own process. A fn the VM compiled (and a learner's module function)
//! runs as a lightweight process on the schedulers (`vm::process`). What the VM did not
//! compile (a fn the tree walker made, a library function given to `spawn/3`) can block
//! anywhere on the walker, so it gets an OS thread of its own; a blocked one still dies
//! at once when killed: its mailbox is closed and its wait returns.

use crate::error::{self, Error, Result};
use crate::eval::report;
use crate::eval::Evaluator;
use crate::output::Output;
use crate::runtime::{Event, Runtime};
use crate::term::Term;
use std::io::Write;

/// Stack of a spawned function's thread: enough for the evaluator's depth limit.
const STACK: usize = 256 << 20;

/// How the new process is tied to its parent.
#[derive(Clone, Copy, PartialEq, Eq)]
pub enum Spawn {
    Plain,
    Link,
    /// `spawn_monitor/1`: returns `{pid, ref}`.
    Monitor,
}

pub fn spawn(ev: &mut Evaluator, f: &Term, how: Spawn) -> Result<Term> {
    // A function the VM compiled runs as a lightweight process; others (a capture, a
    // fn the walker made) on a thread of their own.
    if let Term::Fun(fun) = f {
        if fun.arity == 0 {
            if let Ok(closure) = fun.body.clone().downcast::<crate::vm::closure::VmClosure>() {
                return crate::vm::process::spawn(ev, f, closure, how).map(|(answer, _)| answer);
            }
        }
    }
    spawn_running(ev, f, how, Box::new(run)).map(|(answer, _)| answer)
}

/// `spawn/3` (`spawn_link/3`, `spawn_monitor/3`): `apply(module, function, args)` as a
/// new process. A learner's module function runs on the VM; a library function on a
/// thread of its own, as a spawned capture does.
pub fn spawn_mfa(ev: &mut Evaluator, m: &Term, f: &Term, a: &Term, how: Spawn) -> Result<Term> {
    let name = match how {
        Spawn::Plain => "spawn",
        Spawn::Link => "spawn_link",
        Spawn::Monitor => "spawn_monitor",
    };
    let args = [m.clone(), f.clone(), a.clone()];
    let (Term::Atom(module), Term::Atom(function), Some(list)) = (m, f, a.as_list()) else {
        let (n, problem) = match (m, f) {
            (Term::Atom(_), Term::Atom(_)) => (3, "not a list"),
            (Term::Atom(_), _) => (2, "not an atom"),
            _ => (1, "not an atom"),
        };
        return Err(super::stdlib::bif_error(n, problem, "erlang", name, &args));
    };
    let call = Term::tuple(args.to_vec());
    let code = crate::vm::module::lookup(ev, module.name())
        .and_then(|code| crate::vm::module::resolve(&code, function.name(), list.len(), false));
    if let Some(code) = code {
        return crate::vm::process::spawn_call(ev, &call, code, list.to_vec(), how)
            .map(|(answer, _)| answer);
    }
    spawn_body(ev, &call, how, Box::new(run_mfa)).map(|(answer, _)| answer)
}

/// A process running `{module, function, args}` on a thread of its own.
fn run_mfa(child: crate::runtime::Client, call: Term) {
    run_as(child, call, |ev, call| {
        super::agent::apply_callable(ev, call, vec![])
    });
}

/// The BEAM's reason when `{module, function, args}` itself does not exist:
/// `{:undef, [{module, function, args, []}]}`.
fn undef_reason(e: &Error, call: &Term) -> Option<Term> {
    let Error::Raise(ex) = e.inner() else {
        return None;
    };
    let [m, f, args] = call.as_tuple()? else {
        return None;
    };
    let field = |k: &str| error::exception_field(ex, k);
    let missing = error::exception_module(ex).as_deref() == Some("UndefinedFunctionError")
        && field("module") == Some(m)
        && field("function") == Some(f)
        && field("arity").and_then(Term::as_int) == args.as_list().map(|a| a.len() as i64);
    missing.then(|| {
        let frame = Term::tuple(vec![m.clone(), f.clone(), args.clone(), Term::empty_list()]);
        Term::tuple(vec![Term::atom("undef"), Term::list(vec![frame])])
    })
}

/// Starts a process whose thread runs `body(child, f)` once its parent yields: `spawn`'s
/// plain function, or a Task's or an Agent's loop (`task.rs`). Returns what `spawn`
/// answers and the new pid.
pub(super) fn spawn_running(
    ev: &mut Evaluator,
    f: &Term,
    how: Spawn,
    body: Box<dyn FnOnce(crate::runtime::Client, Term) + Send>,
) -> Result<(Term, crate::term::Pid)> {
    let Term::Fun(fun) = f else {
        return Err(super::bif("spawn", &[f], 1, "not a fun"));
    };
    if fun.arity != 0 {
        return Err(super::bif("spawn", &[f], 1, "not a fun of arity 0"));
    }
    spawn_body(ev, f, how, body)
}

/// `spawn_running` for what need not be a fun (an Agent's or a Task's `{m, f, a}`):
/// `body` gets `f` as it is.
pub(super) fn spawn_body(
    ev: &mut Evaluator,
    f: &Term,
    how: Spawn,
    body: Box<dyn FnOnce(crate::runtime::Client, Term) + Send>,
) -> Result<(Term, crate::term::Pid)> {
    // Checked first: a refused spawn leaves no process behind.
    let slot = match ev.client.runtime().reserve_function_thread() {
        Ok(slot) => slot,
        Err(max) => {
            ev.client.runtime().emit(Event::Error(format!(
                "otpsh runs each spawned function on an OS thread of its own, and {max} \
                 are running: the most it allows. Servers started with GenServer or a \
                 supervisor do not count."
            )));
            let fun = crate::inspect::inspect_plain(f);
            return Err(Error::system_limit().at(format!(
                ":erlang.spawn(:erlang, :apply, [{fun}, []])\n    :erlang.spawn/1"
            )));
        }
    };
    let child = match ev.client.runtime().spawn_client() {
        Ok(child) => child,
        Err(e) => {
            // What the BEAM logs and raises when the process table is full.
            ev.client
                .runtime()
                .emit(Event::Error("Too many processes".into()));
            let fun = crate::inspect::inspect_plain(f);
            return Err(e.at(format!(
                ":erlang.spawn(:erlang, :apply, [{fun}, []])\n    :erlang.spawn/1"
            )));
        }
    };
    child.mark_spawned();
    let pid = child.pid();
    // Tied before it runs, so even an instant exit is seen.
    let answer = match how {
        Spawn::Plain => Term::Pid(pid),
        Spawn::Link => {
            child.link(ev.client.pid())?;
            Term::Pid(pid)
        }
        Spawn::Monitor => {
            let r = ev.client.monitor(&Term::Pid(pid));
            Term::tuple(vec![Term::Pid(pid), Term::Ref(r)])
        }
    };
    let f = f.clone();
    // As on the BEAM, the new process runs once its parent yields (waits, sleeps or
    // finishes its line), not while the parent's next expression is evaluated: so
    // `spawn(f) |> Process.alive?()` is true however short `f` is.
    let (gate, wait) = crossbeam_channel::bounded::<()>(0);
    let started = std::thread::Builder::new()
        .name(format!("otpsh-spawn-{}", pid.0))
        .stack_size(STACK)
        .spawn(move || {
            let _slot = slot;
            let _ = wait.recv();
            body(child, f)
        });
    match started {
        Ok(_) => {
            ev.hold_start(gate);
            Ok((answer, pid))
        }
        Err(_) => Err(Error::system_limit()),
    }
}

/// Runs `work` with an evaluator of the process `child` (not a shell: its output goes
/// to the shell as events).
pub(super) fn with_evaluator<R>(
    child: &crate::runtime::Client,
    work: impl FnOnce(&mut Evaluator) -> R,
) -> R {
    let mut out = event_output(child.runtime());
    let mut next_fun = 0;
    let mut ev = Evaluator::new(child, &mut out, 1, &[], &mut next_fun);
    ev.is_shell = false;
    let result = work(&mut ev);
    ev.release_starts();
    drop(ev);
    out.flush();
    result
}

fn run(child: crate::runtime::Client, f: Term) {
    run_as(child, f, |ev, f| ev.apply_fun(f, vec![]));
}

/// A spawned process's life on its thread: `apply` runs `what`, then the process ends
/// normally or with the reason of its error, logged as Logger does.
fn run_as(
    child: crate::runtime::Client,
    what: Term,
    apply: impl FnOnce(&mut Evaluator, &Term) -> Result<Term>,
) {
    if !child.is_alive() {
        return;
    }
    let runtime = child.runtime().clone();
    let result = with_evaluator(&child, |ev| apply(ev, &what));
    match result {
        _ if !child.is_alive() => {}
        Ok(_) => child.terminate(Term::atom("normal")),
        Err(e) => {
            if !matches!(e.inner(), Error::Exit(_)) {
                runtime.emit(Event::Error(crash_report(child.pid(), &e)));
            }
            child.terminate(undef_reason(&e, &what).unwrap_or_else(|| exit_reason(&e)));
        }
    }
}

/// Logger's report of a spawned function that raised.
pub(crate) fn crash_report(pid: crate::term::Pid, e: &Error) -> String {
    format!(
        "Process {} raised an exception\n{}",
        crate::inspect::inspect_plain(&Term::Pid(pid)),
        crash_text(e)
    )
}

/// Where a process other than the shell writes: the shell, as events.
pub(crate) fn event_output(rt: &Runtime) -> Output {
    Output::new(Box::new(EventSink(rt.clone())), false)
}

/// The reason a spawned function's error ends its process with, as the BEAM builds it
/// under `erl_eval` (what links and monitors see): the frame of iex's evaluator where
/// the user's own `raise`, `throw` or match failed. Errors located in a builtin keep
/// the runtime's reason (the node does not know their frames).
pub(crate) fn exit_reason(e: &Error) -> Term {
    // Raised in a module's code: the stack of its functions, as compiled code has.
    if crate::vm::gen_server::has_module_frames(e) {
        return crate::vm::gen_server::exit_reason(e, Vec::new());
    }
    if let Some(reason) = e.bif_exit_reason() {
        return reason;
    }
    let with = |reason: Term, frame: Term| Term::tuple(vec![reason, Term::list(vec![frame])]);
    match e {
        Error::Raise(ex) if error::exception_module(ex).as_deref() == Some("MatchError") => {
            let term = error::exception_field(ex, "term")
                .cloned()
                .unwrap_or_else(Term::nil);
            let reason = Term::tuple(vec![Term::atom("badmatch"), term]);
            with(reason, erl_eval_frame("expr", 6, 496, false))
        }
        Error::Raise(ex) => with(ex.clone(), erl_eval_frame("do_apply", 7, 742, true)),
        Error::Throw(v) => {
            let reason = Term::tuple(vec![Term::atom("nocatch"), v.clone()]);
            with(reason, erl_eval_frame("do_apply", 7, 742, false))
        }
        other => other.exit_reason(),
    }
}

/// `{:erl_eval, fun, arity, [file: 'erl_eval.erl', line: n]}`, with Elixir's
/// `error_info` when the error is an Elixir exception.
fn erl_eval_frame(fun: &str, arity: i64, line: i64, exception: bool) -> Term {
    let file: Vec<Term> = "erl_eval.erl"
        .bytes()
        .map(|b| Term::Int(b as i64))
        .collect();
    let mut location = vec![
        Term::tuple(vec![Term::atom("file"), Term::list(file)]),
        Term::tuple(vec![Term::atom("line"), Term::Int(line)]),
    ];
    if exception {
        let info = Term::map(vec![(Term::atom("module"), Term::module("Exception"))]);
        location.push(Term::tuple(vec![Term::atom("error_info"), info]));
    }
    Term::tuple(vec![
        Term::atom("erl_eval"),
        Term::atom(fun),
        Term::Int(arity),
        Term::list(location),
    ])
}

/// Logger's text for an exception escaping a process: the banner without iex's blame.
pub(super) fn crash_text(e: &Error) -> String {
    match e {
        // A shell fn's clause error: the interpreter's frame, with the arguments, says
        // it all (the same frame the library call below it would add).
        Error::Located(inner, _) if interpreted_clause_error(inner).is_some() => crash_text(inner),
        Error::Located(inner, frame) => format!("{}\n    {}", crash_text(inner), frame.line),
        Error::Throw(v) => format!(
            "** (ErlangError) Erlang error: {}",
            crate::inspect::inspect_plain(&Term::tuple(vec![Term::atom("nocatch"), v.clone()]))
        ),
        // Logger shows no argument list under a clause error (the shell adds it); for a
        // shell fn, the interpreter's frame carries the arguments instead.
        Error::Raise(ex)
            if error::exception_module(ex).as_deref() == Some("FunctionClauseError") =>
        {
            let banner = report::format_banner(ex);
            match interpreted_clause_error(e) {
                Some(args) => format!(
                    "{banner}\n    (stdlib 4.2) :erl_eval.\"-inside-an-interpreted-fun-\"({args})"
                ),
                None => banner,
            }
        }
        other => report::format_error(other),
    }
}

/// The arguments, inspected, of a shell fn's clause error (`:erl_eval`'s
/// `-inside-an-interpreted-fun-`); None for any other error.
fn interpreted_clause_error(e: &Error) -> Option<String> {
    let Error::Raise(ex) = e else { return None };
    let module = error::exception_field(ex, "module")?;
    if !module.is_atom("erl_eval") {
        return None;
    }
    let args = error::exception_field(ex, "args")?.as_list()?;
    let shown: Vec<String> = args.iter().map(crate::inspect::inspect_plain).collect();
    Some(shown.join(", "))
}

/// Output of a spawned process: handed to the shell as events, printed in order.
struct EventSink(Runtime);

impl Write for EventSink {
    fn write(&mut self, data: &[u8]) -> std::io::Result<usize> {
        self.0
            .emit(Event::Output(String::from_utf8_lossy(data).into_owned()));
        Ok(data.len())
    }
    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}
