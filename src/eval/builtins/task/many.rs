//! `Task.shutdown/1,2`, `Task.await_many/1,2` and `Task.yield_many/1,2`: what a learner
//! reaches for once one task is not enough, translated from Elixir 1.14's `Task`.

use std::time::{Duration, Instant};

use super::{demonitor_flush, owner_error, task_fields};
use crate::error::{Error, Result};
use crate::eval::builtins::stdlib::clause_error;
use crate::eval::builtins::timeout;
use crate::eval::Evaluator;
use crate::runtime::Client;
use crate::term::{Pid, Ref, Term};

/// A `%Task{}`'s ref, owner and pid.
fn fields(task: &Term) -> Option<(Ref, Pid, Pid)> {
    let (r, owner) = task_fields(task)?;
    let Term::Map(m) = task else { return None };
    match m.get(&Term::atom("pid"))? {
        Term::Pid(pid) => Some((r, owner, *pid)),
        _ => None,
    }
}

/// `Task.shutdown(task, timeout \\ 5000)`: unlinks and stops the task (`:shutdown`,
/// then `:kill` after `timeout`; `:brutal_kill` at once), then answers its reply if it
/// came (`{:ok, reply}`), `nil` if it was stopped, `{:exit, reason}` if it had died.
pub(super) fn shutdown(ev: &mut Evaluator, task: &Term, how: &Term) -> Result<Term> {
    let brutal = how.is_atom("brutal_kill");
    let limit = timeout(how).or(brutal.then_some(None));
    let (Some((r, owner, pid)), Some(limit)) = (fields(task), limit) else {
        return Err(shutdown_clause(task, how));
    };
    if owner != ev.client.pid() {
        return Err(owner_error(ev.client, task));
    }
    ev.release_starts();
    let client = ev.client;
    // The owner's link would carry the task's `:shutdown` back to it.
    client.unlink(pid);
    let mon = client.monitor(&Term::Pid(pid));
    let signal = if brutal { "kill" } else { "shutdown" };
    client.exit(pid, Term::atom(signal));
    let mut reason = take_down(client, mon, limit);
    if reason.is_none() {
        client.exit(pid, Term::atom("kill"));
        reason = take_down(client, mon, None);
    }
    let reason = reason.unwrap_or_else(|| Term::atom("killed"));
    let stopped = reason.is_atom("shutdown") || reason.is_atom("killed");
    let outcome = if reason.is_atom("noproc") {
        // It had ended already: its own monitor says how.
        match take_down(client, r, Some(Duration::ZERO)) {
            Some(why) if why.is_atom("shutdown") || why.is_atom("killed") => None,
            Some(why) => Some(why),
            None => {
                client.demonitor(r);
                Some(Term::atom("noproc"))
            }
        }
    } else {
        demonitor_flush(client, r, true);
        (!stopped).then_some(reason)
    };
    Ok(match (take_reply(client, r), outcome) {
        (Some(reply), _) => Term::ok_tuple(reply),
        (None, Some(why)) => Term::tuple(vec![Term::atom("exit"), why]),
        (None, None) => Term::nil(),
    })
}

/// `Task.shutdown/2`'s four clauses, blamed for a task given a bad timeout (or no task).
fn shutdown_clause(task: &Term, how: &Term) -> Error {
    let mark = |failed: bool, s: &str| {
        if failed {
            format!("-{s}-")
        } else {
            s.to_string()
        }
    };
    let is_task = task_fields(task).is_some();
    let int = matches!(how, Term::Int(_));
    let clauses = [
        format!("def shutdown({}, _)", mark(true, "%Task{pid: nil} = task")),
        format!(
            "def shutdown({}, _) when {}",
            mark(!is_task, "%Task{owner: owner} = task"),
            mark(true, "owner != self()")
        ),
        format!(
            "def shutdown({}, {})",
            mark(!is_task, "%Task{pid: pid} = task"),
            mark(true, ":brutal_kill")
        ),
        format!(
            "def shutdown({}, timeout) when {} or {} and {}",
            mark(!is_task, "%Task{pid: pid} = task"),
            mark(true, "timeout == :infinity"),
            mark(!int, "is_integer(timeout)"),
            mark(matches!(how, Term::Int(n) if *n < 0), "timeout >= 0"),
        ),
    ];
    let clauses: Vec<&str> = clauses.iter().map(String::as_str).collect();
    clause_error(
        "Task",
        "shutdown",
        vec![task.clone(), how.clone()],
        &clauses,
    )
}

/// The reason of the `:DOWN` of monitor `r`, within `limit` (None: forever).
fn take_down(client: &Client, r: Ref, limit: Option<Duration>) -> Option<Term> {
    let down = |m: &Term| matches!(m.as_tuple(), Some([d, Term::Ref(x), ..]) if d.is_atom("DOWN") && *x == r);
    let got = client.receive_matching(&mut { down }, limit)?;
    got.as_tuple().and_then(|t| t.get(4).cloned())
}

/// `{ref, reply}` if it is already in the mailbox.
fn take_reply(client: &Client, r: Ref) -> Option<Term> {
    let reply = |m: &Term| matches!(m.as_tuple(), Some([Term::Ref(x), _]) if *x == r);
    let got = client.receive_matching(&mut { reply }, Some(Duration::ZERO))?;
    got.as_tuple().map(|t| t[1].clone())
}

/// The tasks of `await_many`/`yield_many`, each with its ref; Err for anything that is
/// not a list of this process's tasks.
fn tasks_of(ev: &Evaluator, function: &str, tasks: &Term, t: &Term) -> Result<Vec<(Term, Ref)>> {
    if timeout(t).is_none() {
        let clause = format!("def {function}(tasks, timeout) when -timeout == :infinity- or -is_integer(timeout)- and timeout >= 0");
        return Err(clause_error(
            "Task",
            function,
            vec![tasks.clone(), t.clone()],
            &[&clause],
        ));
    }
    let Some(list) = tasks.as_list() else {
        return Err(crate::eval::literal::not_implemented("Enumerable", tasks));
    };
    let mut out = Vec::with_capacity(list.len());
    for task in list {
        let Some((r, owner)) = task_fields(task) else {
            return Err(Error::function_clause("Task", function, 2));
        };
        if owner != ev.client.pid() {
            return Err(owner_error(ev.client, task));
        }
        out.push((task.clone(), r));
    }
    Ok(out)
}

/// What each task came to within the time: Some(Ok(reply)), Some(Err(exit reason)),
/// or None if it is still running.
fn collect(
    ev: &mut Evaluator,
    tasks: &[(Term, Ref)],
    t: &Term,
) -> Vec<Option<std::result::Result<Term, Term>>> {
    ev.release_starts();
    let client = ev.client;
    let deadline = timeout(t).flatten().map(|d| Instant::now() + d);
    let mut results: Vec<Option<std::result::Result<Term, Term>>> = vec![None; tasks.len()];
    while results.iter().any(Option::is_none) {
        let left = deadline.map(|d| d.saturating_duration_since(Instant::now()));
        let pending: Vec<Ref> = tasks
            .iter()
            .zip(&results)
            .filter(|(_, got)| got.is_none())
            .map(|((_, r), _)| *r)
            .collect();
        let ours = |m: &Term| match m.as_tuple() {
            Some([Term::Ref(x), _]) => pending.contains(x),
            Some([d, Term::Ref(x), _, _, _]) => d.is_atom("DOWN") && pending.contains(x),
            _ => false,
        };
        let Some(msg) = client.receive_matching(&mut { ours }, left) else {
            break;
        };
        let Some(items) = msg.as_tuple() else { break };
        let (r, result) = match items {
            [Term::Ref(x), reply] => {
                demonitor_flush(client, *x, true);
                (*x, Ok(reply.clone()))
            }
            [_, Term::Ref(x), _, _, reason] => (*x, Err(reason.clone())),
            _ => break,
        };
        if let Some(i) = tasks.iter().position(|(_, x)| *x == r) {
            results[i] = Some(result);
        }
    }
    results
}

/// `Task.await_many(tasks, timeout \\ 5000)`: every reply in order, or the exit of the
/// first task to die or of the timeout.
pub(super) fn await_many(ev: &mut Evaluator, tasks: &Term, t: &Term) -> Result<Term> {
    let list = tasks_of(ev, "await_many", tasks, t)?;
    let results = collect(ev, &list, t);
    await_many_answer(ev.client, &list, results, tasks, t, true)
}

/// `Task.await_many/2`'s or `Task.yield_many/2`'s answer for a process that suspends
/// instead of waiting on its thread: the answer once every task's reply or `:DOWN` is
/// queued, or once `expired`; None while some are still to come.
pub(in crate::eval::builtins) fn poll_many(
    ev: &mut Evaluator,
    function: &str,
    tasks: &Term,
    t: &Term,
    expired: bool,
) -> Option<Result<Term>> {
    let list = match tasks_of(ev, function, tasks, t) {
        Ok(list) => list,
        Err(e) => return Some(Err(e)),
    };
    let client = ev.client;
    let answered = |r: Ref| client.has_saved(|m| super::is_answer(m, r));
    if !expired && !list.iter().all(|(_, r)| answered(*r)) {
        return None;
    }
    let results = list
        .iter()
        .map(|(_, r)| {
            let got = client.take_saved(|m| super::is_answer(m, *r))?;
            match got.as_tuple()? {
                [_, reply] => {
                    demonitor_flush(client, *r, false);
                    Some(Ok(reply.clone()))
                }
                [_, _, _, _, reason] => Some(Err(reason.clone())),
                _ => None,
            }
        })
        .collect();
    Some(match function {
        "await_many" => await_many_answer(client, &list, results, tasks, t, false),
        _ => Ok(yield_many_answer(list, results)),
    })
}

/// What `await_many` answers for what each task came to (None: still running when the
/// time ran out). `bound`: the caller may wait on its thread for a late `:DOWN`.
fn await_many_answer(
    client: &Client,
    list: &[(Term, Ref)],
    results: Vec<Option<std::result::Result<Term, Term>>>,
    tasks: &Term,
    t: &Term,
    bound: bool,
) -> Result<Term> {
    let here = Term::tuple(vec![
        Term::module("Task"),
        Term::atom("await_many"),
        Term::list(vec![tasks.clone(), t.clone()]),
    ]);
    let mut replies = Vec::with_capacity(results.len());
    for result in results {
        match result {
            Some(Ok(reply)) => replies.push(reply),
            Some(Err(reason)) => return Err(Error::Exit(Term::tuple(vec![reason, here]))),
            None => {
                for (_, r) in list {
                    demonitor_flush(client, *r, bound);
                }
                return Err(Error::Exit(Term::tuple(vec![Term::atom("timeout"), here])));
            }
        }
    }
    Ok(Term::list(replies))
}

/// `Task.yield_many(tasks, timeout \\ 5000)`: `[{task, {:ok, reply} | {:exit, reason} |
/// nil}]`, the tasks still running left to run.
pub(super) fn yield_many(ev: &mut Evaluator, tasks: &Term, t: &Term) -> Result<Term> {
    let list = tasks_of(ev, "yield_many", tasks, t)?;
    let results = collect(ev, &list, t);
    Ok(yield_many_answer(list, results))
}

/// `[{task, {:ok, reply} | {:exit, reason} | nil}]` for what each task came to.
fn yield_many_answer(
    list: Vec<(Term, Ref)>,
    results: Vec<Option<std::result::Result<Term, Term>>>,
) -> Term {
    let pairs = list
        .into_iter()
        .zip(results)
        .map(|((task, _), result)| {
            let answer = match result {
                Some(Ok(reply)) => Term::ok_tuple(reply),
                Some(Err(reason)) => Term::tuple(vec![Term::atom("exit"), reason]),
                None => Term::nil(),
            };
            Term::tuple(vec![task, answer])
        })
        .collect();
    Term::list(pairs)
}
