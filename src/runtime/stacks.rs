//! The stack traces OTP puts in `{:error, reason}` results of failed starts.
//!
//! The node has no Erlang stack, but the frames of these few failures are always the
//! same on OTP 25 / Elixir 1.14 (recorded from iex), and iex prints them as part of the
//! returned value, so they are rebuilt here frame by frame.

use crate::error::{exception_field, exception_module, Error};
use crate::term::{Atom, Pid, Term};

/// `{module, fun, args, []}`: a frame with its arguments and no location.
pub(crate) fn frame(module: &Atom, fun: &str, args: Vec<Term>) -> Term {
    Term::tuple(vec![
        Term::Atom(module.clone()),
        Term::atom(fun),
        Term::list(args),
        Term::empty_list(),
    ])
}

/// A frame in one of the guide's modules with its arguments, located where the spec's
/// recording compiled them (the oracle's `modules.ex`): `Server.start_link/1` is line 3.
pub(crate) fn guide_frame(module: &Atom, fun: &str, args: Vec<Term>, line: i64) -> Term {
    Term::tuple(vec![
        Term::Atom(module.clone()),
        Term::atom(fun),
        Term::list(args),
        location("/work/shared/oracle/modules.ex", line),
    ])
}

/// `{module, fun, arity, [file: 'file', line: line]}`
fn at(module: Term, fun: &str, arity: i64, file: &str, line: i64) -> Term {
    Term::tuple(vec![
        module,
        Term::atom(fun),
        Term::Int(arity),
        location(file, line),
    ])
}

fn location(file: &str, line: i64) -> Term {
    let charlist = Term::list(file.bytes().map(|b| Term::Int(b as i64)).collect());
    Term::list(vec![
        Term::tuple(vec![Term::atom("file"), charlist]),
        Term::tuple(vec![Term::atom("line"), Term::Int(line)]),
    ])
}

/// `{:function_clause, stack}` of `:gen.call/4` given a bad timeout (`args` are its
/// four arguments), as `:sys.send_system_msg/3` catches it.
pub(crate) fn gen_call_clause(args: Vec<Term>) -> Term {
    let frame = Term::tuple(vec![
        Term::atom("gen"),
        Term::atom("call"),
        Term::list(args),
        location("gen.erl", 215),
    ]);
    Term::tuple(vec![Term::atom("function_clause"), Term::list(vec![frame])])
}

/// The frames under a child's start function called by a DynamicSupervisor.
fn supervisor_frames() -> Vec<Term> {
    let dynsup = || Term::module("DynamicSupervisor");
    vec![
        at(dynsup(), "start_child", 3, "lib/dynamic_supervisor.ex", 745),
        at(
            dynsup(),
            "handle_start_child",
            2,
            "lib/dynamic_supervisor.ex",
            731,
        ),
        at(
            Term::atom("gen_server"),
            "try_handle_call",
            4,
            "gen_server.erl",
            1149,
        ),
        at(
            Term::atom("gen_server"),
            "handle_msg",
            6,
            "gen_server.erl",
            1178,
        ),
        at(
            Term::atom("proc_lib"),
            "init_p_do_apply",
            3,
            "proc_lib.erl",
            240,
        ),
    ]
}

fn gen_start() -> Term {
    at(Term::atom("gen"), "start", 6, "gen.erl", 105)
}

/// `{reason, frames ++ supervisor frames}`
pub(crate) fn in_supervisor(reason: impl Into<Reason>, mut frames: Vec<Term>) -> Term {
    frames.extend(supervisor_frames());
    Term::tuple(vec![reason.into().0, Term::list(frames)])
}

/// An exit reason: an atom given by name, or any term (an exception).
pub(crate) struct Reason(Term);

impl From<&str> for Reason {
    fn from(tag: &str) -> Reason {
        Reason(Term::atom(tag))
    }
}

impl From<Term> for Reason {
    fn from(t: Term) -> Reason {
        Reason(t)
    }
}

/// `GenServer.start(Module, arg)` for a module that does not exist: its process dies
/// in `init` with `undef`.
pub(crate) fn init_undef(module: &Atom, arg: &Term) -> Term {
    let gen_server = || Term::atom("gen_server");
    Term::tuple(vec![
        Term::atom("undef"),
        Term::list(vec![
            frame(module, "init", vec![arg.clone()]),
            at(gen_server(), "init_it", 2, "gen_server.erl", 851),
            at(gen_server(), "init_it", 6, "gen_server.erl", 814),
            at(
                Term::atom("proc_lib"),
                "init_p_do_apply",
                3,
                "proc_lib.erl",
                240,
            ),
        ]),
    ])
}

/// The reason a DynamicSupervisor returns when starting a GenServer child raised
/// (a bad `name:` option, an unknown registry...).
pub(crate) fn start_failure(e: &Error) -> Term {
    let Error::Raise(exc) = e.inner() else {
        return e.exit_reason();
    };
    let message = exception_field(exc, "message")
        .and_then(Term::as_str)
        .unwrap_or("");
    let registry = || Term::module("Registry");
    match exception_module(exc).as_deref() {
        Some("ArgumentError") if message.starts_with("unknown registry") => in_supervisor(
            exc.clone(),
            vec![
                at(registry(), "key_info!", 1, "lib/registry.ex", 1382),
                at(registry(), "whereis_name", 2, "lib/registry.ex", 227),
                gen_start(),
            ],
        ),
        Some("ArgumentError") if message.starts_with(":via is not supported for duplicate") => {
            in_supervisor(
                exc.clone(),
                vec![
                    at(registry(), "whereis_name", 2, "lib/registry.ex", 240),
                    gen_start(),
                ],
            )
        }
        Some("ArgumentError") if message.starts_with("expected :name option") => in_supervisor(
            exc.clone(),
            vec![at(
                Term::module("GenServer"),
                "do_start",
                4,
                "lib/gen_server.ex",
                957,
            )],
        ),
        Some("FunctionClauseError") => {
            let args = exception_field(exc, "args")
                .cloned()
                .unwrap_or_default_list();
            let frame = Term::tuple(vec![
                registry(),
                Term::atom("whereis_name"),
                args,
                location("lib/registry.ex", 223),
            ]);
            in_supervisor("function_clause", vec![frame, gen_start()])
        }
        _ => e.exit_reason(),
    }
}

/// The IEx server of a fresh iex 1.14 node: the process that spawned the shell, so
/// the second of the ancestors of anything the shell starts.
const IEX_SERVER: Pid = Pid(66);

/// A supervised `start_link` that could not spawn (the node is at its process limit).
pub(crate) struct Spawn<'a> {
    /// The supervisor's registered name, or its pid (`proc_lib`'s parent).
    pub parent: Term,
    /// Who started the supervisor, and whether that was the shell.
    pub grandparent: Pid,
    pub by_shell: bool,
    pub supervisor: Pid,
    /// The `name:` option as given; `nil` for none.
    pub name: &'a Term,
    pub module: Term,
    pub arg: &'a Term,
}

/// `{:system_limit, stack}`: `:erlang.spawn_opt/4` failed in `proc_lib`, and the
/// DynamicSupervisor returns the error with its stack (recorded from iex with `+P`).
pub(crate) fn spawn_limit(s: Spawn) -> Term {
    let atom = Term::atom;
    let sup = Term::Pid(s.supervisor);
    let mut init_args = vec![atom("gen_server"), sup.clone(), sup];
    // `GenServer.do_start/4` turns an atom into `{:local, atom}` and passes no name at
    // all for `nil`.
    if !s.name.is_nil() {
        init_args.push(match s.name {
            Term::Atom(_) => Term::tuple(vec![atom("local"), s.name.clone()]),
            other => other.clone(),
        });
    }
    init_args.extend([s.module, s.arg.clone(), Term::empty_list()]);
    let mut ancestors = vec![Term::Pid(s.grandparent)];
    if s.by_shell {
        ancestors.push(Term::Pid(IEX_SERVER));
    }
    let init_p = vec![
        atom("proc_lib"),
        atom("init_p"),
        Term::list(vec![
            s.parent,
            Term::list(ancestors),
            atom("gen"),
            atom("init_it"),
            Term::list(init_args),
        ]),
        Term::list(vec![atom("link")]),
    ];
    let error_info = Term::map(vec![(atom("module"), atom("erl_erts_errors"))]);
    let spawn = Term::tuple(vec![
        atom("erlang"),
        atom("spawn_opt"),
        Term::list(init_p),
        Term::list(vec![Term::tuple(vec![atom("error_info"), error_info])]),
    ]);
    let proc_lib = || atom("proc_lib");
    in_supervisor(
        "system_limit",
        vec![
            spawn,
            at(proc_lib(), "spawn_opt", 4, "proc_lib.erl", 191),
            at(proc_lib(), "start_link", 5, "proc_lib.erl", 349),
        ],
    )
}

trait OrEmptyList {
    fn unwrap_or_default_list(self) -> Term;
}

impl OrEmptyList for Option<Term> {
    fn unwrap_or_default_list(self) -> Term {
        self.unwrap_or_else(Term::empty_list)
    }
}
