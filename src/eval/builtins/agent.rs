//! An Agent's process: `Agent.Server`'s loop over GenServer calls and casts, run with
//! an evaluator of the agent's own (the functions it runs are the shell's). The calls
//! themselves are made in `task.rs`.

use crossbeam_channel::Sender;

use super::spawn::{exit_reason, with_evaluator};
use super::task::{with_frames, Below};
use crate::error::{Error, Result};
use crate::eval::Evaluator;
use crate::runtime::{Client, Event};
use crate::term::{Pid, Term};

/// Names the agent, runs its initial function, tells the starter, then serves.
pub(super) fn run(child: Client, f: Term, name: Term, started: Sender<Result<Term>>) {
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
    with_evaluator(&child, |ev| match ev.apply_fun(&f, vec![]) {
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
    },
}

fn serve(ev: &mut Evaluator, child: &Client, mut state: Term) {
    loop {
        let Some(msg) = child.receive(None) else {
            return;
        };
        let next = match msg.as_tuple() {
            Some([tag, from, request]) if tag.is_atom("$gen_call") => {
                handle_call(ev, child, from, request, state)
            }
            Some([tag, request]) if tag.is_atom("$gen_cast") => match request.as_tuple() {
                Some([cast, f]) if cast.is_atom("cast") => run_fun(ev, f, state, request, None),
                _ => Next::Go(state),
            },
            Some([tag, from, request]) if tag.is_atom("system") => match request.as_tuple() {
                Some([terminate, reason]) if terminate.is_atom("terminate") => {
                    stop(child, from, reason.clone(), state);
                    return;
                }
                _ => Next::Go(state),
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
            } => {
                report(child, &reason, last, state, from);
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
    let Some([kind, f]) = request.as_tuple() else {
        return Next::Go(state);
    };
    let kind = kind
        .as_atom()
        .map(|a| a.name().to_string())
        .unwrap_or_default();
    let answer = match ev.apply_fun(f, vec![state.clone()]) {
        Ok(v) => v,
        Err(e) => return crash(&e, request, caller, state),
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
                };
            }
        },
        _ => return Next::Go(state),
    };
    child.gen_reply(to, tag, reply);
    Next::Go(new_state)
}

fn run_fun(ev: &mut Evaluator, f: &Term, state: Term, last: &Term, from: Option<Pid>) -> Next {
    match ev.apply_fun(f, vec![state.clone()]) {
        Ok(new) => Next::Go(new),
        Err(e) => crash(&e, last, from, state),
    }
}

fn crash(e: &Error, last: &Term, from: Option<Pid>, state: Term) -> Next {
    Next::Crash {
        reason: with_frames(exit_reason(e), Below::AgentCall),
        last: last.clone(),
        from,
        state,
    }
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
    });
}
