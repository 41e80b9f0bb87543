//! An Agent's process: `Agent.Server`'s loop over GenServer calls and casts, run with
//! an evaluator of the agent's own (the functions it runs are the shell's). The calls
//! themselves are made from the shell in `agent/calls.rs`.

mod calls;

pub use calls::agent;
pub(super) use calls::{apply_callable, with_call_frame};

use crossbeam_channel::Sender;

use super::spawn::{crash_text, exit_reason, with_evaluator};
use super::task::{frame_at, with_frames, Below};
use crate::error::{Error, Result};
use crate::eval::Evaluator;
use crate::inspect::inspect_plain;
use crate::runtime::{Client, Event};
use crate::term::{Pid, Term};

/// Names the agent, runs its initial function, tells the starter, then serves.
fn run(child: Client, f: Term, name: Term, started: Sender<Result<Term>>) {
    if !child.is_alive() {
        return;
    }
    match child.claim_own_name(&name) {
        Err(e) => {
            let _ = started.send(Err(e));
            child.terminate(Term::atom("normal"));
            return;
        }
        Ok(Some(holder)) => {
            let taken = Term::tuple(vec![Term::atom("already_started"), Term::Pid(holder)]);
            let _ = started.send(Ok(Term::error_tuple(taken)));
            child.terminate(Term::atom("normal"));
            return;
        }
        Ok(None) => {}
    }
    with_evaluator(&child, |ev| match apply_callable(ev, &f, vec![]) {
        Ok(state) => {
            let _ = started.send(Ok(Term::ok_tuple(Term::Pid(child.pid()))));
            serve(ev, &child, state);
        }
        Err(e) => {
            let reason = with_frames(exit_reason(&e), Below::AgentInit);
            let _ = started.send(Ok(Term::error_tuple(reason.clone())));
            child.terminate(reason);
        }
    });
}

/// What a message did to the agent.
enum Next {
    Go(Term),
    /// Stop with `reason`: a crash (`from`: the caller whose request it was) or a stop.
    Crash {
        reason: Term,
        last: Term,
        from: Option<Pid>,
        state: Term,
        /// The error the agent's function raised, whose frames Logger shows (a bad
        /// `reason` from a `get_and_update` answer has none).
        error: Option<Error>,
    },
}

fn serve(ev: &mut Evaluator, child: &Client, mut state: Term) {
    // `:sys.suspend/1`: until resumed, only system messages are taken.
    let mut suspended = false;
    let is_system = |m: &Term| matches!(m.as_tuple(), Some([tag, _, _]) if tag.is_atom("system"));
    loop {
        let msg = if suspended {
            child.receive_matching(&mut { is_system }, None)
        } else {
            child.receive(None)
        };
        let Some(msg) = msg else {
            return;
        };
        let next = match msg.as_tuple() {
            Some([tag, from, request]) if tag.is_atom("$gen_call") => {
                handle_call(ev, child, from, request, state)
            }
            Some([tag, request]) if tag.is_atom("$gen_cast") => match request.as_tuple() {
                Some([cast, f]) if cast.is_atom("cast") => run_fun(ev, f, state, request, None),
                _ => no_clause(&msg, request, None, state),
            },
            Some([tag, from, request]) if tag.is_atom("system") => match request.as_tuple() {
                Some([terminate, reason]) if terminate.is_atom("terminate") => {
                    stop(child, from, reason.clone(), state);
                    return;
                }
                _ if request.is_atom("suspend") || request.is_atom("resume") => {
                    suspended = request.is_atom("suspend");
                    if let Some([to, tag]) = from.as_tuple() {
                        child.gen_reply(to, tag, Term::ok());
                    }
                    Next::Go(state)
                }
                _ => system(ev, child, from, request, state),
            },
            _ => {
                let name = child
                    .process_info(child.pid())
                    .and_then(|i| i.name)
                    .unwrap_or(Term::Pid(child.pid()));
                child.runtime().emit(Event::UnexpectedMessage {
                    module: Term::module("Agent.Server"),
                    name,
                    message: msg.clone(),
                });
                Next::Go(state)
            }
        };
        match next {
            Next::Go(s) => state = s,
            Next::Crash {
                reason,
                last,
                from,
                state,
                error,
            } => {
                match error {
                    Some(e) => report_error(child, &e, last, state, from),
                    None => report(child, &reason, last, state, from),
                }
                child.terminate(reason);
                return;
            }
        }
    }
}

/// `Agent.Server.handle_call/3` for `{:get | :update | :get_and_update, fun}`.
fn handle_call(
    ev: &mut Evaluator,
    child: &Client,
    from: &Term,
    request: &Term,
    state: Term,
) -> Next {
    let Some([to, tag]) = from.as_tuple() else {
        return Next::Go(state);
    };
    let caller = match to {
        Term::Pid(p) => Some(*p),
        _ => None,
    };
    let kind = match request.as_tuple() {
        Some([kind, _]) => kind.as_atom().map_or("", |a| a.name()),
        _ => "",
    };
    let (Some([_, f]), "get" | "update" | "get_and_update") = (request.as_tuple(), kind) else {
        return no_clause(request, request, Some((from, caller)), state);
    };
    let kind = kind.to_string();
    let answer = match apply_callable(ev, f, vec![state.clone()]) {
        Ok(v) => v,
        Err(e) => match crash(&e, request, caller, state.clone()) {
            Next::Crash {
                reason,
                last,
                from,
                state: at,
                error,
            } => {
                return Next::Crash {
                    reason: with_call_frame(reason, f, vec![state]),
                    last,
                    from,
                    state: at,
                    error,
                }
            }
            next => return next,
        },
    };
    let (reply, new_state) = match kind.as_str() {
        "get" => (answer, state),
        "update" => (Term::ok(), answer),
        "get_and_update" => match answer.as_tuple() {
            Some([reply, new]) => (reply.clone(), new.clone()),
            _ => {
                let reason = Term::tuple(vec![Term::atom("bad_return_value"), answer.clone()]);
                let last = request.clone();
                return Next::Crash {
                    reason,
                    last,
                    from: caller,
                    state,
                    error: None,
                };
            }
        },
        _ => return Next::Go(state),
    };
    child.gen_reply(to, tag, reply);
    Next::Go(new_state)
}

fn run_fun(ev: &mut Evaluator, f: &Term, state: Term, last: &Term, from: Option<Pid>) -> Next {
    match apply_callable(ev, f, vec![state.clone()]) {
        Ok(new) => Next::Go(new),
        Err(e) => crash(&e, last, from, state),
    }
}

fn crash(e: &Error, last: &Term, from: Option<Pid>, state: Term) -> Next {
    // `gen_server` catches a throw and takes its value for the callback's answer,
    // which for `Agent.Server` is never a valid one.
    if let Error::Throw(v) = e.inner() {
        return Next::Crash {
            reason: Term::tuple(vec![Term::atom("bad_return_value"), v.clone()]),
            last: last.clone(),
            from,
            state,
            error: None,
        };
    }
    Next::Crash {
        reason: with_frames(exit_reason(e), Below::AgentCall),
        last: last.clone(),
        from,
        state,
        error: Some(e.clone()),
    }
}

/// A request `Agent.Server` has no clause for: `handle_call/3` (given the caller's
/// `from`) or `handle_cast/2`. It dies of the clause error; Logger shows `last`.
fn no_clause(last: &Term, request: &Term, call: Option<(&Term, Option<Pid>)>, state: Term) -> Next {
    let (function, args, line, below) = match call {
        Some((from, _)) => {
            let args = vec![request.clone(), from.clone(), state.clone()];
            ("handle_call", args, 11, Below::AgentCallClause)
        }
        None => {
            let args = vec![request.clone(), state.clone()];
            ("handle_cast", args, 26, Below::AgentCastClause)
        }
    };
    let server = Term::module("Agent.Server");
    let top = frame_at(
        server,
        function,
        Term::list(args),
        "lib/agent/server.ex",
        line,
    );
    let reason = Term::tuple(vec![Term::atom("function_clause"), Term::list(vec![top])]);
    Next::Crash {
        reason: with_frames(reason, below),
        last: last.clone(),
        from: call.and_then(|(_, caller)| caller),
        state,
        error: None,
    }
}

/// `:sys.get_state/1` and `:sys.replace_state/2`: the state, or the state `fun` makes
/// of it (a `fun` that fails leaves the state as it was, as `:sys` does).
fn system(ev: &mut Evaluator, child: &Client, from: &Term, request: &Term, state: Term) -> Next {
    let Some([to, tag]) = from.as_tuple() else {
        return Next::Go(state);
    };
    let state = match request.as_tuple() {
        Some([replace, f]) if replace.is_atom("replace_state") => {
            ev.apply_fun(f, vec![state.clone()]).unwrap_or(state)
        }
        _ => state,
    };
    child.gen_reply(to, tag, state.clone());
    Next::Go(state)
}

/// `GenServer.stop/3` reached the agent (`:sys.terminate/3`): logs a reason other than
/// a normal one, answers, and exits with it.
fn stop(child: &Client, from: &Term, reason: Term, state: Term) {
    report(child, &reason, Term::empty_list(), state, None);
    if let Some([to, tag]) = from.as_tuple() {
        child.gen_reply(to, tag, Term::ok());
    }
    child.terminate(reason);
}

/// Logger's `GenServer NAME terminating` report of an agent whose function raised: the
/// error as Logger formats it with its frames (`:erlang.apply(Map, :get, [...])` and
/// the problem a BIF found), which the exit reason alone cannot tell.
fn report_error(child: &Client, e: &Error, last: Term, state: Term, from: Option<Pid>) {
    if matches!(e.inner(), Error::Exit(_)) {
        let reason = with_frames(exit_reason(e), Below::AgentCall);
        return report(child, &reason, last, state, from);
    }
    let name = child
        .process_info(child.pid())
        .and_then(|i| i.name)
        .unwrap_or(Term::Pid(child.pid()));
    let mut text = format!(
        "GenServer {} terminating\n{}\n",
        inspect_plain(&name),
        crash_text(e)
    );
    match from {
        Some(pid) => text.push_str(&format!(
            "Last message (from {}): {}\nState: {}\nClient {} {}",
            inspect_plain(&Term::Pid(pid)),
            inspect_plain(&last),
            inspect_plain(&state),
            inspect_plain(&Term::Pid(pid)),
            if child.alive(pid) {
                "is alive"
            } else {
                "is dead"
            }
        )),
        None => text.push_str(&format!(
            "Last message: {}\nState: {}",
            inspect_plain(&last),
            inspect_plain(&state)
        )),
    }
    child.runtime().emit(Event::Error(text));
}

/// Logger's `GenServer NAME terminating` report, unless the reason is a normal one.
fn report(child: &Client, reason: &Term, last: Term, state: Term, from: Option<Pid>) {
    let quiet = reason.is_atom("normal")
        || reason.is_atom("shutdown")
        || matches!(reason.as_tuple(), Some([t, _]) if t.is_atom("shutdown"));
    if quiet {
        return;
    }
    let name = child
        .process_info(child.pid())
        .and_then(|i| i.name)
        .unwrap_or(Term::Pid(child.pid()));
    let client = from.map(|p| (p, child.alive(p)));
    child.runtime().emit(Event::GenServerTerminating {
        name,
        reason: reason.clone(),
        last_message: last,
        state,
        client,
        stack: None,
    });
}
