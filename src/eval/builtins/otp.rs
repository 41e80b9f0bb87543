//! The OTP modules of the guide, as the shell process calls them: `GenServer`,
//! `DynamicSupervisor`, `Registry`, and the guide's own `Server` and `DSupervisor`.
//! Each function here is a translation of the Elixir source of that function into a
//! runtime request; the behaviour itself lives in `runtime`.

mod registry_guards;
mod registry_via;

use super::stdlib::clause_error;
use super::{no_clause, timeout, Answer};
use crate::error::Result;
use crate::eval::Evaluator;
use crate::term::{Atom, Term};
use std::time::Duration;

const DEFAULT_CALL_TIMEOUT: Option<Duration> = Some(Duration::from_millis(5000));

fn module(alias: &str) -> Atom {
    Atom::from_static(&format!("Elixir.{alias}"))
}

pub fn server(ev: &mut Evaluator, function: &str, args: Vec<Term>) -> Answer {
    let client = ev.client;
    Some(match (function, args.as_slice()) {
        // def start_link({init_arg, name}), do: GenServer.start_link(__MODULE__, init_arg, name: name)
        ("start_link", [Term::Tuple(t)]) if t.len() == 2 => {
            let opts = Term::list(vec![Term::tuple(vec![Term::atom("name"), t[1].clone()])]);
            client.gen_server_start(&module("Server"), t[0].clone(), &opts, true)
        }
        ("start_link", [_]) => Err(no_clause("Server", "start_link", 1)),
        // def state(name), do: GenServer.call(name, :state)
        ("state", [name]) => client.call(name, Term::atom("state"), DEFAULT_CALL_TIMEOUT),
        ("child_spec", [arg]) => Ok(child_spec("Server", arg)),
        ("init", [arg]) => Ok(Term::ok_tuple(arg.clone())),
        _ => return None,
    })
}

pub fn dsupervisor(ev: &mut Evaluator, function: &str, args: Vec<Term>) -> Answer {
    let client = ev.client;
    Some(match (function, args.as_slice()) {
        ("start_link", [arg]) => client.supervisor_start(Some(&module("DSupervisor")), arg, true),
        // def start_server(v, name), do: DynamicSupervisor.start_child(__MODULE__, {Server, {v, name}})
        ("start_server", [value, name]) => {
            let spec = Term::tuple(vec![
                Term::module("Server"),
                Term::tuple(vec![value.clone(), name.clone()]),
            ]);
            client.start_child(&Term::module("DSupervisor"), &spec)
        }
        ("child_spec", [arg]) => Ok(Term::map(vec![
            (Term::atom("id"), Term::module("DSupervisor")),
            (
                Term::atom("start"),
                Term::tuple(vec![
                    Term::module("DSupervisor"),
                    Term::atom("start_link"),
                    Term::list(vec![arg.clone()]),
                ]),
            ),
            (Term::atom("type"), Term::atom("supervisor")),
        ])),
        _ => return None,
    })
}

/// `Supervisor`: its calls reach any supervisor (a DynamicSupervisor, a Registry's).
pub fn supervisor(ev: &mut Evaluator, function: &str, args: Vec<Term>) -> Answer {
    let client = ev.client;
    let call = |request: Vec<Term>, sup: &Term| client.supervisor_call(sup, Term::tuple(request));
    Some(match (function, args.as_slice()) {
        ("start_link", [children @ Term::List(_), opts]) => {
            let init = supervisor_init(ev, children, opts);
            init.and_then(|init| {
                start_supervisor(ev, Term::module("Supervisor.Default"), init, opts)
            })
        }
        ("start_link", [Term::Atom(m), arg]) | ("start_link", [Term::Atom(m), arg, _]) => {
            let opts = args.get(2).cloned().unwrap_or_else(Term::empty_list);
            match crate::vm::module::lookup(ev, m.name()) {
                Some(module) => {
                    let init =
                        crate::vm::module::call(ev, &module, "init", vec![arg.clone()], false);
                    init.and_then(|init| start_supervisor(ev, Term::Atom(m.clone()), init, &opts))
                }
                None => Err(super::undefined_function(
                    m.name(),
                    "init",
                    std::slice::from_ref(arg),
                )),
            }
        }
        ("init", [children @ Term::List(_), opts]) => supervisor_init(ev, children, opts),
        ("start_child", [sup, child]) => client.static_start_child(sup, child),
        ("terminate_child", [sup, id]) => {
            call(vec![Term::atom("terminate_child"), id.clone()], sup)
        }
        ("restart_child", [sup, id]) => call(vec![Term::atom("restart_child"), id.clone()], sup),
        ("delete_child", [sup, id]) => call(vec![Term::atom("delete_child"), id.clone()], sup),
        ("child_spec", [spec, overrides]) => client
            .child_spec_map(spec)
            .and_then(|map| crate::runtime::supervisor_child_spec(&map, overrides)),
        ("which_children", [sup]) => client.which_children(sup),
        ("count_children", [sup]) => client.count_children(sup),
        ("stop", [sup]) => client.stop(sup, Term::atom("normal"), None),
        ("stop", [sup, reason]) => client.stop(sup, reason.clone(), None),
        _ => return None,
    })
}

/// `Supervisor.init(children, opts)`: `{:ok, {flags, child_specs}}`, as Elixir builds it.
fn supervisor_init(ev: &mut Evaluator, children: &Term, opts: &Term) -> Result<Term> {
    let Some(strategy) = opts.keyword_get("strategy").cloned() else {
        return Err(crate::error::Error::argument(
            "expected :strategy option to be given",
        ));
    };
    let get = |key: &str, default: Term| opts.keyword_get(key).cloned().unwrap_or(default);
    let flags = Term::map(vec![
        (
            Term::atom("auto_shutdown"),
            get("auto_shutdown", Term::atom("never")),
        ),
        (Term::atom("intensity"), get("max_restarts", Term::Int(3))),
        (Term::atom("period"), get("max_seconds", Term::Int(5))),
        (Term::atom("strategy"), strategy),
    ]);
    let mut specs = Vec::new();
    for child in children.as_list().unwrap_or(&[]) {
        specs.push(ev.client.child_spec_map(child)?);
    }
    Ok(Term::ok_tuple(Term::tuple(vec![flags, Term::list(specs)])))
}

/// Starts a Supervisor from what its `init` answered.
fn start_supervisor(ev: &mut Evaluator, module: Term, init: Term, opts: &Term) -> Result<Term> {
    if init.is_atom("ignore") {
        return Ok(init);
    }
    match init.as_tuple() {
        Some([ok, flags_children]) if ok.is_atom("ok") => match flags_children.as_tuple() {
            Some([flags, children]) => {
                let (answer, exit) = ev
                    .client
                    .static_supervisor_start(module, children, flags, opts, true)?;
                // The supervisor died starting: the link brings its exit once the
                // starter has its answer, as on the BEAM.
                if let Some((from, reason)) = exit {
                    let rt = ev.client.runtime().clone();
                    let me = ev.client.pid();
                    ev.hold(Box::new(move || {
                        crate::runtime::static_supervisor::exit_starter(&rt, from, me, reason)
                    }));
                }
                Ok(answer)
            }
            _ => Ok(Term::error_tuple(Term::tuple(vec![
                Term::atom("bad_return"),
                init.clone(),
            ]))),
        },
        _ => Ok(Term::error_tuple(Term::tuple(vec![
            Term::atom("bad_return"),
            init.clone(),
        ]))),
    }
}

/// `GenServer.call/3` given a timeout that is neither `:infinity` nor a non-negative
/// integer: the guard iex shows, with the failing parts marked. (`stop/3` takes any
/// timeout; `:gen.call/4` rejects it later, see `Client::stop_bad_timeout`.)
pub(super) fn bad_timeout(args: &[Term]) -> crate::error::Error {
    let t = &args[args.len() - 1];
    let guard = if matches!(t, Term::Int(_)) {
        "when is_integer(timeout) and -timeout >= 0- or -timeout == :infinity-"
    } else {
        "when -is_integer(timeout)- and timeout >= 0 or -timeout == :infinity-"
    };
    clause_error(
        "GenServer",
        "call",
        args.to_vec(),
        &[&format!("def call(server, request, timeout) {guard}")],
    )
}

/// The child spec `use GenServer` generates.
fn child_spec(alias: &str, arg: &Term) -> Term {
    Term::map(vec![
        (Term::atom("id"), Term::module(alias)),
        (
            Term::atom("start"),
            Term::tuple(vec![
                Term::module(alias),
                Term::atom("start_link"),
                Term::list(vec![arg.clone()]),
            ]),
        ),
    ])
}

pub fn gen_server(ev: &mut Evaluator, function: &str, args: Vec<Term>) -> Answer {
    // A learner's module: its callbacks run on the VM.
    if let ("start_link" | "start", [Term::Atom(m), arg, rest @ ..]) = (function, args.as_slice()) {
        if let Some(module) = crate::vm::module::lookup(ev, m.name()) {
            let opts = rest.first().cloned().unwrap_or_else(Term::empty_list);
            let link = function == "start_link";
            return Some(crate::vm::gen_server::start(
                ev,
                &module,
                arg.clone(),
                &opts,
                link,
            ));
        }
    }
    let client = ev.client;
    let start = |m: &Term, arg: &Term, opts: &Term, link: bool| -> Result<Term> {
        match m {
            Term::Atom(a) => client.gen_server_start(a, arg.clone(), opts, link),
            _ => Err(no_clause(
                "GenServer",
                if link { "start_link" } else { "start" },
                3,
            )),
        }
    };
    Some(match (function, args.as_slice()) {
        ("start_link", [m, arg]) => start(m, arg, &Term::empty_list(), true),
        ("start_link", [m, arg, opts]) => start(m, arg, opts, true),
        ("start", [m, arg]) => start(m, arg, &Term::empty_list(), false),
        ("start", [m, arg, opts]) => start(m, arg, opts, false),
        ("call", [server, request]) => client.call(server, request.clone(), DEFAULT_CALL_TIMEOUT),
        // `:gen.do_call/4` waits in a `receive ... after`, which takes at most 2^32-1
        // ms: past that, once the server is found, the caller gets `:timeout_value`.
        ("call", [server, _, Term::Int(ms)])
            if *ms > i64::from(u32::MAX)
                && matches!(client.gen_server_whereis(server), Ok(Some(_))) =>
        {
            Err(crate::error::Error::raise_message(
                "ErlangError",
                "Erlang error: :timeout_value",
            ))
        }
        ("call", [server, request, t]) => match timeout(t) {
            Some(t) => client.call(server, request.clone(), t),
            None => Err(bad_timeout(&args)),
        },
        ("cast", [server, request]) => Ok(client.cast(server, request.clone())),
        ("stop", [server]) => client.stop(server, Term::atom("normal"), None),
        ("stop", [server, reason]) => client.stop(server, reason.clone(), None),
        ("stop", [server, reason, t]) => match timeout(t) {
            Some(t) => client.stop(server, reason.clone(), t),
            None => Err(client.stop_bad_timeout(server, reason.clone(), t.clone())),
        },
        ("reply", [from, value]) => match from.as_tuple() {
            Some([to, tag]) => {
                client.gen_reply(to, tag, value.clone());
                Ok(Term::ok())
            }
            _ => Err(clause_error(":gen", "reply", args.clone(), &[])),
        },
        ("whereis", [server]) => client
            .gen_server_whereis(server)
            .map(|p| p.map_or_else(Term::nil, Term::Pid)),
        _ => return None,
    })
}

pub fn dynamic_supervisor(ev: &mut Evaluator, function: &str, args: Vec<Term>) -> Answer {
    if let ("start_link" | "start", [Term::Atom(m), arg, rest @ ..]) = (function, args.as_slice()) {
        if let Some(module) = crate::vm::module::lookup(ev, m.name()) {
            return Some(user_dynamic_supervisor(ev, &module, arg, rest.first()));
        }
    }
    let client = ev.client;
    Some(match (function, args.as_slice()) {
        ("start_link", [opts]) if opts.as_list().is_some() => {
            client.supervisor_start(None, opts, true)
        }
        ("start_link", [Term::Atom(m), _arg]) => {
            client.supervisor_start(Some(m), &Term::empty_list(), true)
        }
        ("start_link", [Term::Atom(m), _arg, opts]) => client.supervisor_start(Some(m), opts, true),
        ("start_child", [sup, spec]) => client.start_child(sup, spec),
        ("terminate_child", [sup, pid @ Term::Pid(_)]) => client.terminate_child(sup, pid),
        ("terminate_child", [_, _]) => Err(clause_error(
            "DynamicSupervisor",
            "terminate_child",
            args.clone(),
            &["def terminate_child(supervisor, pid) when -is_pid(pid)-"],
        )),
        ("init", [opts]) if opts.as_list().is_some() => Ok(Term::ok_tuple(
            crate::runtime::dynamic_supervisor_init(opts),
        )),
        ("which_children", [sup]) => client.which_children(sup),
        ("count_children", [sup]) => client.count_children(sup),
        ("stop", [sup]) => client.stop(sup, Term::atom("normal"), None),
        ("stop", [sup, reason]) => client.stop(sup, reason.clone(), None),
        _ => return None,
    })
}

/// `DynamicSupervisor.start_link(Module, arg, opts)` for a learner's module: its
/// `init/1` gives the flags (`DynamicSupervisor.init/1`'s map) or `:ignore`.
fn user_dynamic_supervisor(
    ev: &mut Evaluator,
    module: &crate::vm::module::Module,
    arg: &Term,
    opts: Option<&Term>,
) -> Result<Term> {
    let answer = crate::vm::module::call(ev, module, "init", vec![arg.clone()], false)?;
    if answer.is_atom("ignore") {
        return Ok(answer);
    }
    let flags = match answer.as_tuple() {
        Some([ok, flags @ Term::Map(_)]) if ok.is_atom("ok") => flags.clone(),
        _ => {
            let reason = Term::tuple(vec![
                Term::atom("bad_return"),
                Term::tuple(vec![
                    Term::Atom(module.name.clone()),
                    Term::atom("init"),
                    answer,
                ]),
            ]);
            return Ok(Term::error_tuple(reason));
        }
    };
    let Term::Map(flags) = flags else {
        unreachable!()
    };
    let mut keywords: Vec<Term> = Vec::new();
    for (flag, key) in [
        ("strategy", "strategy"),
        ("intensity", "max_restarts"),
        ("period", "max_seconds"),
        ("max_children", "max_children"),
        ("extra_arguments", "extra_arguments"),
    ] {
        if let Some(v) = flags.get(&Term::atom(flag)) {
            keywords.push(Term::tuple(vec![Term::atom(key), v.clone()]));
        }
    }
    if let Some(name) = opts.and_then(|o| o.keyword_get("name")) {
        keywords.push(Term::tuple(vec![Term::atom("name"), name.clone()]));
    }
    let module = Term::Atom(module.name.clone());
    ev.client
        .supervisor_start_as(module, &Term::list(keywords), true)
}

pub fn registry(ev: &mut Evaluator, function: &str, args: Vec<Term>) -> Answer {
    let client = ev.client;
    // `dispatch/3` is `dispatch/4` with `[]` options: its clause error names `/4`.
    let args = match (function, args.len()) {
        ("dispatch", 3) => args.into_iter().chain([Term::empty_list()]).collect(),
        _ => args,
    };
    if let Some(error) = registry_guards::check(function, &args) {
        return Some(Err(error));
    }
    if let Some(answer) = registry_via::call(ev, function, &args) {
        return Some(answer);
    }
    Some(match (function, args.as_slice()) {
        ("start_link", [opts]) => client.registry_start(opts, true),
        ("register", [reg, key, value]) => {
            client.registry_register(reg, key.clone(), value.clone())
        }
        ("unregister", [reg, key]) => client.registry_unregister(reg, key),
        ("lookup", [reg, key]) => client.registry_lookup(reg, key),
        ("keys", [reg, Term::Pid(p)]) => client.registry_keys(reg, *p),
        ("count", [reg]) => client.registry_count(reg),
        ("values", [reg, key, Term::Pid(p)]) => client.registry_values(reg, key, *p),
        // No pid holds a key under a value that is no pid: only the registry is checked.
        ("values", [reg, key, _]) => client
            .registry_entries(reg, key)
            .map(|_| Term::empty_list()),
        ("meta", [reg, key]) => client.registry_meta(reg, key),
        ("put_meta", [reg, key, value]) => {
            client.registry_put_meta(reg, key.clone(), value.clone())
        }
        ("select", [reg, spec]) => client.registry_select(reg, spec),
        ("count_select", [reg, spec]) => client.registry_count_select(reg, spec),
        ("match" | "count_match" | "unregister_match", [reg, key, pattern, rest @ ..])
            if rest.len() <= 1 =>
        {
            let guards = rest.first().cloned().unwrap_or_else(Term::empty_list);
            match_family(ev, function, reg, key, pattern, &guards)
        }
        ("update_value", [reg, key, f]) => {
            let f = f.clone();
            client.registry_update_value(reg, key, &mut |old| ev.apply_fun(&f, vec![old]))
        }
        // `parallel: true` only changes where the callback runs, not what it sees.
        ("dispatch", [reg, key, f, _opts]) => dispatch(ev, reg, key, f),
        _ => return None,
    })
}

/// `Registry.match/4`, `count_match/4`, `unregister_match/4` (the `/3` forms pass
/// `[]` guards, so their clause errors name the `/4` function as iex does).
fn match_family(
    ev: &mut Evaluator,
    function: &str,
    reg: &Term,
    key: &Term,
    pattern: &Term,
    guards: &Term,
) -> Result<Term> {
    let args = vec![reg.clone(), key.clone(), pattern.clone(), guards.clone()];
    let (atom_ok, list_ok) = (reg.as_atom().is_some(), guards.as_list().is_some());
    let mark = |ok: bool, test: &str| {
        if ok {
            test.to_string()
        } else {
            format!("-{test}-")
        }
    };
    let head = format!("def {function}(registry, key, pattern, guards) when");
    let guard = match function {
        "unregister_match" if !list_ok => mark(false, "is_list(guards)"),
        "unregister_match" => String::new(),
        _ if atom_ok && list_ok => String::new(),
        _ => format!(
            "{} and {}",
            mark(atom_ok, "is_atom(registry)"),
            mark(list_ok, "is_list(guards)")
        ),
    };
    if !guard.is_empty() {
        return Err(clause_error(
            "Registry",
            function,
            args,
            &[&format!("{head} {guard}")],
        ));
    }
    let client = ev.client;
    match function {
        "unregister_match" => client.registry_unregister_match(reg, key, pattern, guards),
        _ => client
            .registry_match(function, reg, key, pattern, guards)
            .map(|l| match function {
                "count_match" => Term::Int(l.as_list().map_or(0, |l| l.len()) as i64),
                _ => l,
            }),
    }
}

/// `Registry.dispatch/3`: the callback gets the list of `{pid, value}` entries.
fn dispatch(ev: &mut Evaluator, reg: &Term, key: &Term, f: &Term) -> Result<Term> {
    let entries = ev.client.registry_entries(reg, key)?;
    if !entries.is_empty() {
        let list = entries
            .into_iter()
            .map(|(pid, value)| Term::tuple(vec![Term::Pid(pid), value.unwrap_or_else(Term::nil)]))
            .collect();
        let list = Term::list(list);
        match f.as_tuple() {
            // `{module, function, args}`: `apply(module, function, [entries | args])`.
            Some([m, Term::Atom(fun), Term::List(rest)]) => {
                let args = std::iter::once(list).chain(rest.iter().cloned()).collect();
                ev.apply_remote(m.clone(), fun.name(), args)?
            }
            _ => ev.apply_fun(f, vec![list])?,
        };
    }
    Ok(Term::ok())
}
