//! The shell's side of `Agent`: `start`/`start_link` (a fun or `{m, f, a}`), `get`/
//! `update`/`get_and_update`/`cast` (`/2,3` with a fun, `/4,5` with `{m, f, a}`) and
//! `stop`, as GenServer calls to the agent's process (`agent.rs`); and how an Agent or
//! a Task applies its function.

use super::run;
use crate::error::Result;
use crate::eval::builtins::spawn::{spawn_body, Spawn};
use crate::eval::builtins::stdlib::bif_error;
use crate::eval::builtins::{blamed_clause_with, timeout, Answer};
use crate::eval::Evaluator;
use crate::runtime::Client;
use crate::term::Term;

pub fn agent(ev: &mut Evaluator, function: &str, args: Vec<Term>) -> Answer {
    let client = ev.client;
    let call = |agent: &Term, tag: &str, f: Term, t: &Term| {
        let request = Term::tuple(vec![Term::atom(tag), f]);
        match timeout(t) {
            Some(t) => client.call(agent, request, t),
            None => Err(crate::eval::builtins::otp::bad_timeout(&[
                agent.clone(),
                request,
                t.clone(),
            ])),
        }
    };
    let mfa = |m: &Term, f: &Term, a: &Term| Term::tuple(vec![m.clone(), f.clone(), a.clone()]);
    let five_s = Term::Int(5000);
    let no_opts = Term::empty_list();
    Some(match (function, args.as_slice()) {
        ("start" | "start_link", [f]) => start_agent(ev, function, f, &no_opts, false),
        ("start" | "start_link", [f, opts]) => start_agent(ev, function, f, opts, false),
        ("start" | "start_link", [m, f, a]) => {
            start_agent(ev, function, &mfa(m, f, a), &no_opts, true)
        }
        ("start" | "start_link", [m, f, a, opts]) => {
            start_agent(ev, function, &mfa(m, f, a), opts, true)
        }
        ("get" | "update" | "get_and_update", [agent, f]) => {
            call(agent, function, f.clone(), &five_s)
        }
        ("get" | "update" | "get_and_update", [agent, f, t]) => call(agent, function, f.clone(), t),
        ("get" | "update" | "get_and_update", [agent, m, f, a]) => {
            call(agent, function, mfa(m, f, a), &five_s)
        }
        ("get" | "update" | "get_and_update", [agent, m, f, a, t]) => {
            call(agent, function, mfa(m, f, a), t)
        }
        ("cast", [agent, f]) => {
            let request = Term::tuple(vec![Term::atom("cast"), f.clone()]);
            Ok(client.cast(agent, request))
        }
        ("cast", [agent, m, f, a]) => {
            let request = Term::tuple(vec![Term::atom("cast"), mfa(m, f, a)]);
            Ok(client.cast(agent, request))
        }
        ("stop", [agent]) => client.stop(agent, Term::atom("normal"), None),
        ("stop", [agent, reason]) => client.stop(agent, reason.clone(), None),
        ("stop", [agent, reason, t]) => match timeout(t) {
            Some(t) => client.stop(agent, reason.clone(), t),
            None => Err(client.stop_bad_timeout(agent, reason.clone(), t.clone())),
        },
        _ => return None,
    })
}

/// `Agent.start/2,3,4`, `Agent.start_link/2,3,4`: `{:ok, pid}` once the function (a
/// fun or `{m, f, a}`) gave the initial state, `{:error, reason}` if it failed or the
/// name is taken.
fn start_agent(
    ev: &mut Evaluator,
    function: &str,
    f: &Term,
    opts: &Term,
    is_mfa: bool,
) -> Result<Term> {
    if !is_mfa && !matches!(f, Term::Fun(fun) if fun.arity == 0) {
        let clause = format!("def {function}(fun, options) when -is_function(fun, 0)-");
        let args = [f.clone(), opts.clone()];
        return Err(blamed_clause_with("Agent", function, &args, &[&clause]));
    }
    let name = opts.keyword_get("name").cloned().unwrap_or_else(Term::nil);
    let (tx, rx) = crossbeam_channel::bounded::<Result<Term>>(1);
    let how = if function == "start_link" {
        Spawn::Link
    } else {
        Spawn::Plain
    };
    let body = move |child: Client, f: Term| run(child, f, name, tx);
    spawn_body(ev, f, how, Box::new(body))?;
    ev.release_starts();
    // The agent always answers, unless its thread is gone.
    rx.recv()
        .unwrap_or_else(|_| Ok(Term::error_tuple(Term::atom("noproc"))))
}

/// Runs an Agent's or a Task's function: a fun given `extra`, or `{module, fun, args}`
/// as `apply(module, fun, extra ++ args)` (`Agent.Server.run/2`).
pub(in crate::eval::builtins) fn apply_callable(
    ev: &mut Evaluator,
    f: &Term,
    extra: Vec<Term>,
) -> Result<Term> {
    let Some([m, Term::Atom(fun), args]) = f.as_tuple() else {
        return ev.apply_fun(f, extra);
    };
    match args {
        Term::List(args) => {
            let all = extra.into_iter().chain(args.iter().cloned()).collect();
            ev.apply_remote(m.clone(), fun.name(), all)
        }
        // `[state | :notalist]` is what `:erlang.apply/3` is given, and refuses.
        tail => {
            let list = match extra.is_empty() {
                true => tail.clone(),
                false => Term::ImproperList(extra.into(), std::sync::Arc::new(tail.clone())),
            };
            let args = [m.clone(), Term::Atom(fun.clone()), list];
            Err(bif_error(3, "not a proper list", "erlang", "apply", &args))
        }
    }
}

/// An `{m, f, a}` applied to `extra` that does not exist: the BEAM's stack starts with
/// the call itself, `{m, f, extra ++ a, []}`, which an exit shows as
/// `(elixir 1.14.0) Map.nope(%{})`. Other reasons are left as they are.
pub(in crate::eval::builtins) fn with_call_frame(reason: Term, f: &Term, extra: Vec<Term>) -> Term {
    let undefined =
        |ex: &Term| crate::error::exception_module(ex).as_deref() == Some("UndefinedFunctionError");
    match (f.as_tuple(), reason.as_tuple()) {
        (Some([m, fun, Term::List(args)]), Some([ex, Term::List(stack)])) if undefined(ex) => {
            let args = extra.into_iter().chain(args.iter().cloned()).collect();
            let call = Term::tuple(vec![
                m.clone(),
                fun.clone(),
                Term::list(args),
                Term::empty_list(),
            ]);
            let stack = std::iter::once(call).chain(stack.iter().cloned()).collect();
            Term::tuple(vec![ex.clone(), Term::list(stack)])
        }
        _ => reason,
    }
}
