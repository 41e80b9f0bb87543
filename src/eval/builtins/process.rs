//! `Process`: the shell process asking the runtime about processes.

use super::{no_clause, timeout, Answer};
use crate::error::Error;
use crate::eval::Evaluator;
use crate::inspect::inspect_plain;
use crate::term::Term;

pub fn call(ev: &mut Evaluator, function: &str, args: Vec<Term>) -> Answer {
    let client = ev.client;
    Some(match (function, args.as_slice()) {
        ("alive?", [Term::Pid(p)]) => Ok(Term::bool(client.alive(*p))),
        ("alive?", [_]) => Err(Error::bif_argument(1, "not a pid")),
        ("exit", [Term::Pid(p), reason]) => Ok(Term::bool(client.exit(*p, reason.clone()))),
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
        ("monitor", [target]) => Ok(Term::Ref(client.monitor(target))),
        ("demonitor", [Term::Ref(r)]) | ("demonitor", [Term::Ref(r), _]) => {
            Ok(Term::bool(client.demonitor(*r)))
        }
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
        ("flag", [flag, value]) if flag.is_atom("trap_exit") => match value {
            Term::Atom(a) if a.name() == "true" || a.name() == "false" => {
                Ok(Term::bool(client.trap_exit(a.name() == "true")))
            }
            _ => Err(Error::bif_argument(2, "invalid value for a process flag")),
        },
        ("send", [dest, msg, _opts]) => client.send(dest, msg.clone()).map(|_| Term::ok()),
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
        ("info", [Term::Pid(p), Term::Atom(item)]) => Ok(match client.process_info(*p) {
            None => Term::nil(),
            Some(info) => {
                let value = match item.name() {
                    "registered_name" => match &info.name {
                        Some(Term::Atom(a)) => Term::Atom(a.clone()),
                        _ => Term::empty_list(),
                    },
                    "message_queue_len" => Term::Int(info.message_queue_len as i64),
                    "links" => Term::list(info.links.iter().map(|p| Term::Pid(*p)).collect()),
                    "trap_exit" => Term::bool(info.trap_exit),
                    _ => return Some(Err(Error::bif_argument(2, "invalid item or item list"))),
                };
                Term::tuple(vec![Term::Atom(item.clone()), value])
            }
        }),
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

/// `:sys`: the system messages a learner uses to look inside a GenServer.
pub fn sys(ev: &mut Evaluator, function: &str, args: Vec<Term>) -> Answer {
    let client = ev.client;
    Some(match (function, args.as_slice()) {
        ("get_state", [server]) => client.sys_get_state(server),
        ("suspend", [server]) => client.sys_suspend(server),
        ("resume", [server]) => client.sys_resume(server),
        _ => return None,
    })
}
