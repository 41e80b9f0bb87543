//! `Process`: the shell process asking the runtime about processes.

pub mod timer_module;

use super::{no_clause, timeout, Answer};
use crate::error::{Error, Result};
use crate::eval::Evaluator;
use crate::inspect::inspect_plain;
use crate::runtime::ProcessInfo;
use crate::term::Term;

pub fn call(ev: &mut Evaluator, function: &str, args: Vec<Term>) -> Answer {
    let client = ev.client;
    let pairs = |entries: Vec<(Term, Term)>| {
        Term::list(
            entries
                .into_iter()
                .map(|(k, v)| Term::tuple(vec![k, v]))
                .collect(),
        )
    };
    Some(match (function, args.as_slice()) {
        // The process dictionary.
        ("put", [key, value]) => Ok(client
            .dictionary_put(key.clone(), value.clone())
            .unwrap_or_else(Term::nil)),
        ("get", []) => Ok(pairs(client.dictionary())),
        ("get", [key]) => Ok(client.dictionary_get(key).unwrap_or_else(Term::nil)),
        ("get", [key, default]) => Ok(client.dictionary_get(key).unwrap_or(default.clone())),
        ("get_keys", []) => Ok(Term::list(
            client.dictionary().into_iter().map(|(k, _)| k).collect(),
        )),
        ("get_keys", [value]) => Ok(Term::list(
            client
                .dictionary()
                .into_iter()
                .filter(|(_, v)| v == value)
                .map(|(k, _)| k)
                .collect(),
        )),
        ("delete", [key]) => Ok(client.dictionary_delete(key).unwrap_or_else(Term::nil)),
        ("alive?", [Term::Pid(p)]) => Ok(Term::bool(client.alive(*p))),
        ("alive?", [_]) => Err(Error::bif_argument(1, "not a pid")),
        ("exit", [Term::Pid(p), reason]) => {
            Ok(Term::bool(client.exit_deferring(*p, reason.clone())))
        }
        ("exit", [_, _]) => Err(super::bif("exit", &[&args[0], &args[1]], 1, "not a pid")),
        ("whereis", [Term::Atom(name)]) => {
            Ok(client.whereis(name).map_or_else(Term::nil, Term::Pid))
        }
        ("whereis", [other]) => Err(super::bif("whereis", &[other], 1, "not an atom")),
        ("register", [_, name])
            if !matches!(name, Term::Atom(a) if !matches!(a.name(), "nil" | "false" | "true" | "undefined")) =>
        {
            // iex marks the part of the guard that failed.
            let guard = if matches!(name, Term::Atom(_)) {
                "is_atom(name) and -not (name === nil or name === false or name === true or name === :undefined)-"
            } else {
                "-is_atom(name)- and not (name === nil or name === false or name === true or name === :undefined)"
            };
            Err(super::blamed_clause_with(
                "Process",
                "register",
                &args,
                &[&format!("def register(pid_or_port, name) when {guard}")],
            ))
        }
        ("register", [Term::Pid(p), Term::Atom(name)]) => {
            client.register(*p, name.clone()).map(|_| Term::bool(true))
        }
        ("unregister", [Term::Atom(name)]) => client
            .unregister(name)
            .map(|_| Term::bool(true))
            .map_err(|e| e.at(format!(":erlang.unregister({})", inspect_plain(&args[0])))),
        ("registered", []) => Ok(Term::list(
            client.registered().into_iter().map(Term::Atom).collect(),
        )),
        ("list", []) => Ok(Term::list(
            client.processes().into_iter().map(Term::Pid).collect(),
        )),
        ("monitor", [target]) if monitorable(target) => Ok(Term::Ref(client.monitor(target))),
        ("monitor", [target]) => Err(super::bif(
            "monitor",
            &[&Term::atom("process"), target],
            2,
            "not a pid",
        )),
        ("demonitor", [r]) => demonitor(ev, r, &Term::empty_list()),
        ("demonitor", [r, opts]) => demonitor(ev, r, opts),
        ("link", [Term::Pid(p)]) => client.link(*p).map(|_| Term::bool(true)).map_err(|_| {
            Error::raise_message(
                "ErlangError",
                "Erlang error: :noproc:\n\n  * 1st argument: the pid does not refer to an existing process\n",
            )
            .at(format!(":erlang.link({})", inspect_plain(&Term::Pid(*p))))
        }),
        ("unlink", [Term::Pid(p)]) => {
            client.unlink(*p);
            Ok(Term::bool(true))
        }
        ("link" | "unlink", [other]) => Err(super::bif(function, &[other], 1, "not a pid")),
        ("flag", [flag, value]) if flag.is_atom("trap_exit") => match value {
            Term::Atom(a) if a.name() == "true" || a.name() == "false" => {
                Ok(Term::bool(client.trap_exit(a.name() == "true")))
            }
            _ => Err(super::bif(
                "process_flag",
                &[flag, value],
                2,
                "invalid value for this process flag",
            )),
        },
        ("send", [dest, msg, opts]) => client.send_with_options(dest, msg.clone(), opts),
        ("send_after", [dest, msg, time]) => timer(ev, "send_after", &[time, dest, msg]),
        ("send_after", [dest, msg, time, opts]) => {
            timer(ev, "send_after", &[time, dest, msg, opts])
        }
        ("cancel_timer" | "read_timer", [_]) | ("cancel_timer", [_, _]) => {
            timer(ev, function, &args.iter().collect::<Vec<_>>())
        }
        ("sleep", [t]) => match timeout(t) {
            Some(None) if ev.is_shell => Err(Error::argument(
                "otpsh: Process.sleep(:infinity) would never return at the shell prompt",
            )),
            // A sleep is a receive that takes nothing, so an exit signal still ends it.
            Some(d) => {
                ev.release_starts();
                client.receive_matching(&mut |_| false, d);
                match client.exit_reason() {
                    Some(reason) => Err(Error::Exit(reason)),
                    None => Ok(Term::ok()),
                }
            }
            None => Err(no_clause("Process", "sleep", 1)),
        },
        ("info", [pid, spec]) => info(ev, pid, spec),
        ("info", [Term::Pid(p)]) => Ok(client.process_info(*p).map_or_else(Term::nil, |info| {
            let pair = |k: &str, v: Term| Term::tuple(vec![Term::atom(k), v]);
            let mut items = Vec::new();
            if let Some(Term::Atom(name)) = &info.name {
                items.push(pair("registered_name", Term::Atom(name.clone())));
            }
            items.push(pair(
                "message_queue_len",
                Term::Int(info.message_queue_len as i64),
            ));
            items.push(pair(
                "links",
                Term::list(info.links.iter().map(|p| Term::Pid(*p)).collect()),
            ));
            items.push(pair("trap_exit", Term::bool(info.trap_exit)));
            Term::list(items)
        })),
        _ => return None,
    })
}

/// The timer BIFs, arguments in `:erlang`'s order: `send_after(time, dest, msg[, opts])`,
/// `start_timer(...)` (same, the message arrives as `{:timeout, ref, msg}`),
/// `cancel_timer(ref[, opts])`, `read_timer(ref)`. `Process.send_after/3,4` and
/// `Process.cancel_timer/1,2` are these, and their errors show the BIF's call.
pub fn timer(ev: &Evaluator, function: &str, args: &[&Term]) -> Result<Term> {
    let client = ev.client;
    let err = |n: usize, problem: &str| super::bif(function, args, n, problem);
    match (function, args) {
        ("send_after" | "start_timer", [time, dest, msg, rest @ ..]) if rest.len() <= 1 => {
            let absolute = match rest.first() {
                None => false,
                Some(opts) => timer_abs(opts).map_err(|problem| err(3, problem))?,
            };
            let delay = match time {
                Term::Int(ms) => client.timer_delay(*ms, absolute).map_err(|p| err(1, p))?,
                _ => return Err(err(1, "not an integer")),
            };
            let wrap = function == "start_timer";
            match client.start_timer(dest, (*msg).clone(), delay, wrap) {
                Some(r) => Ok(Term::Ref(r)),
                None => Err(err(2, "not a pid or an atom")),
            }
        }
        ("cancel_timer" | "read_timer", [r, rest @ ..]) => {
            let Term::Ref(r) = r else {
                return Err(err(1, "not a reference"));
            };
            let (asynchronous, info) = match rest.first() {
                None => (false, true),
                Some(opts) => cancel_options(opts).map_err(|problem| err(2, problem))?,
            };
            let left = if function == "cancel_timer" {
                client.cancel_timer(*r)
            } else {
                client.read_timer(*r)
            };
            let answer = left.map_or_else(|| Term::bool(false), |ms| Term::Int(ms as i64));
            if asynchronous {
                if info {
                    let tag = Term::atom(function);
                    let msg = Term::tuple(vec![tag, Term::Ref(*r), answer]);
                    client.send(&Term::Pid(client.pid()), msg)?;
                }
                Ok(Term::ok())
            } else if info {
                Ok(answer)
            } else {
                Ok(Term::ok())
            }
        }
        _ => Err(Error::argument("otpsh: bad timer call")),
    }
}

/// `send_after/4`'s options: whether `abs: true` was given.
fn timer_abs(opts: &Term) -> std::result::Result<bool, &'static str> {
    let items = opts.as_list().ok_or("not a list")?;
    let mut absolute = false;
    for item in items.iter() {
        match item.as_tuple() {
            Some([k, Term::Atom(v)])
                if k.is_atom("abs") && matches!(v.name(), "true" | "false") =>
            {
                absolute = v.name() == "true";
            }
            _ => return Err("invalid option in list"),
        }
    }
    Ok(absolute)
}

/// `cancel_timer/2`'s options: `(async, info)`.
fn cancel_options(opts: &Term) -> std::result::Result<(bool, bool), &'static str> {
    let items = opts.as_list().ok_or("not a list")?;
    let (mut asynchronous, mut info) = (false, true);
    for item in items.iter() {
        match item.as_tuple() {
            Some([k, Term::Atom(v)]) if matches!(v.name(), "true" | "false") => {
                let on = v.name() == "true";
                match k.as_atom().map(|a| a.name()) {
                    Some("async") => asynchronous = on,
                    Some("info") => info = on,
                    _ => return Err("invalid option in list"),
                }
            }
            _ => return Err("invalid option in list"),
        }
    }
    Ok((asynchronous, info))
}

/// What `:erlang.monitor(:process, target)` takes: a pid, a local name, or a local
/// name with this node's name.
fn monitorable(target: &Term) -> bool {
    match target {
        Term::Pid(_) | Term::Atom(_) => true,
        Term::Tuple(t) => {
            matches!(&t[..], [Term::Atom(_), node] if node.is_atom("nonode@nohost"))
        }
        _ => false,
    }
}

/// `Process.demonitor/2`: `:flush` drops a `:DOWN` already queued for the monitor,
/// `:info` answers whether the monitor was still active.
fn demonitor(ev: &Evaluator, r: &Term, opts: &Term) -> Result<Term> {
    let Term::Ref(r) = r else {
        let args: Vec<&Term> = if opts == &Term::empty_list() {
            vec![r]
        } else {
            vec![r, opts]
        };
        return Err(super::bif("demonitor", &args, 1, "not a reference"));
    };
    let bad = |problem: &str| super::bif("demonitor", &[&Term::Ref(*r), opts], 2, problem);
    let Term::List(items) = opts else {
        return Err(bad("not a list"));
    };
    let (mut flush, mut info) = (false, false);
    for item in items.iter() {
        match item {
            t if t.is_atom("flush") => flush = true,
            t if t.is_atom("info") => info = true,
            _ => return Err(bad("invalid option in list")),
        }
    }
    let was_active = ev.client.demonitor(*r);
    if flush {
        let down = Term::Ref(*r);
        let mut ours = |t: &Term| matches!(t, Term::Tuple(f) if f.len() == 5 && f[1] == down);
        while ev
            .client
            .receive_matching(&mut ours, Some(std::time::Duration::ZERO))
            .is_some()
        {}
    }
    Ok(Term::bool(!info || was_active))
}

/// `Process.info/2` with one item or a list of items.
fn info(ev: &Evaluator, pid: &Term, spec: &Term) -> Result<Term> {
    if !matches!(spec, Term::Atom(_) | Term::List(_)) {
        return Err(super::blamed_clause_with(
            "Process",
            "info",
            &[pid.clone(), spec.clone()],
            &[
                "def info(pid, -:registered_name-)",
                "def info(pid, spec) when -is_atom(spec)- or -is_list(spec)-",
            ],
        ));
    }
    let Term::Pid(p) = pid else {
        return Err(super::bif("process_info", &[pid, spec], 1, "not a pid"));
    };
    let bad = || super::bif("process_info", &[pid, spec], 2, "invalid item or item list");
    let items: Vec<&Term> = match spec {
        Term::List(items) => items.iter().collect(),
        one => vec![one],
    };
    let names = items
        .iter()
        .map(|t| match t {
            Term::Atom(a) if INFO_ITEMS.contains(&a.name()) => Ok(a.clone()),
            _ => Err(bad()),
        })
        .collect::<Result<Vec<_>>>()?;
    let Some(info) = ev.client.process_info(*p) else {
        return Ok(Term::nil());
    };
    let pairs: Vec<Term> = names
        .into_iter()
        .map(|a| {
            let value = info_item(ev, &info, a.name());
            Term::tuple(vec![Term::Atom(a), value])
        })
        .collect();
    Ok(match spec {
        Term::List(_) => Term::list(pairs),
        _ => pairs.into_iter().next().unwrap_or_else(Term::nil),
    })
}

/// The items `Process.info/2` answers here; the BEAM's others are raised as invalid.
const INFO_ITEMS: &[&str] = &[
    "registered_name",
    "message_queue_len",
    "messages",
    "links",
    "monitors",
    "monitored_by",
    "trap_exit",
    "status",
    "current_function",
    "initial_call",
    "priority",
];

fn info_item(ev: &Evaluator, info: &ProcessInfo, item: &str) -> Term {
    let mfa = |m: Term, f: &str, a: i64| Term::tuple(vec![m, Term::atom(f), Term::Int(a)]);
    let me = info.pid == ev.client.pid();
    match item {
        "registered_name" => match &info.name {
            Some(Term::Atom(a)) => Term::Atom(a.clone()),
            _ => Term::empty_list(),
        },
        "message_queue_len" => Term::Int(info.message_queue_len as i64),
        "messages" if me => Term::list(ev.client.queued_messages()),
        // Another process's queue cannot be read without taking from it; servers
        // handle their messages at once, so theirs is empty between lines.
        "messages" => Term::empty_list(),
        "links" => Term::list(info.links.iter().map(|p| Term::Pid(*p)).collect()),
        "monitors" => Term::list(ev.client.monitors_of(info.pid)),
        "monitored_by" => Term::list(
            ev.client
                .monitored_by(info.pid)
                .into_iter()
                .map(Term::Pid)
                .collect(),
        ),
        "trap_exit" => Term::bool(info.trap_exit),
        "status" => Term::atom(info.status),
        "priority" => Term::atom("normal"),
        // The function the process is in: the asker is in Process.info/2 itself, a
        // behaviour waits in gen_server's loop, a spawned function in its receive.
        "current_function" if me => mfa(Term::module("Process"), "info", 2),
        "current_function" if info.is_client => mfa(Term::atom("prim_eval"), "receive", 2),
        "current_function" => mfa(Term::atom("gen_server"), "loop", 7),
        // OTP processes and the shell start through proc_lib; spawn/1 through apply.
        "initial_call" if info.spawned => mfa(Term::atom("erlang"), "apply", 2),
        _ => mfa(Term::atom("proc_lib"), "init_p", 5),
    }
}

/// `:sys`: the system messages a learner uses to look inside a GenServer.
pub fn sys(ev: &mut Evaluator, function: &str, args: Vec<Term>) -> Answer {
    // A process spawned on this line runs before the system message waits for it.
    ev.release_starts();
    let client = ev.client;
    Some(match (function, args.as_slice()) {
        ("get_state", [server]) => client.sys_get_state(server),
        ("replace_state", [server, fun]) => match client.sys_replace_state_in(server, fun) {
            Some(done) => done,
            None => client
                .sys_get_state(server)
                .and_then(|old| ev.apply_fun(fun, vec![old]))
                .and_then(|new| client.sys_put_state(server, new)),
        },
        ("suspend", [server]) => client.sys_suspend(server),
        ("resume", [server]) => client.sys_resume(server),
        _ => return None,
    })
}
