//! The modules the shell knows, as a dispatch table: `Kernel` (local calls), `Process`,
//! the OTP modules of the guide (`GenServer`, `DynamicSupervisor`, `Registry`, `Server`,
//! `DSupervisor`) and the bits of the standard library a learner reaches for (`IO`,
//! `Enum`, `String`, `Map`, `:erlang`...). Anything else is iex's
//! `UndefinedFunctionError`.
//!
//! Each module's function returns `None` for a name/arity it does not have, so the one
//! place that words "undefined" is here.

mod access;
mod enum_;
mod enum_guards;
mod enum_more;
mod erlang;
mod float;
mod integer;
mod kernel;
mod keyword;
mod list;
mod map;
mod math;
mod otp;
mod process;
mod spawn;
mod stdlib;
mod string;
mod string_parse;
mod tuple;
pub(crate) mod whereis;

use super::Evaluator;
use crate::error::{exception, Error, Result};
use crate::term::Term;

/// What a module's dispatch function answers: `None` when it has no such function.
type Answer = Option<Result<Term>>;

/// A call without a module: `self()`, `elem(t, 0)`, `flush()`.
pub fn local(ev: &mut Evaluator, name: &str, args: Vec<Term>) -> Result<Term> {
    let arity = args.len();
    match kernel::call(ev, name, args) {
        Some(result) => result,
        None => Err(ev.compile_error(&format!(
            "undefined function {name}/{arity} (there is no such import)"
        ))),
    }
}

/// `Module.function(args)`; `module` is the atom's name (`Elixir.Registry`, `erlang`).
pub fn remote(ev: &mut Evaluator, module: &str, function: &str, args: Vec<Term>) -> Result<Term> {
    let given = args.clone();
    let resolves = matches!(
        (module, function),
        ("Elixir.GenServer", "call" | "stop" | "whereis") | ("Elixir.Server", "state")
    );
    if let (true, Some(server)) = (resolves, args.first()) {
        if let Some(error) = whereis::invalid_server(server) {
            return Err(error);
        }
    }
    let answer = match module {
        "Elixir.Kernel" => kernel::call(ev, function, args),
        "Elixir.Process" => process::call(ev, function, args),
        "Elixir.GenServer" => otp::gen_server(ev, function, args),
        "Elixir.DynamicSupervisor" => otp::dynamic_supervisor(ev, function, args),
        "Elixir.Registry" => otp::registry(ev, function, args),
        "Elixir.Server" => otp::server(ev, function, args),
        "Elixir.DSupervisor" => otp::dsupervisor(ev, function, args),
        "Elixir.Exception" => match (function, args.as_slice()) {
            ("message", [e]) if crate::error::exception_module(e).is_some() => {
                Some(Ok(Term::string(&crate::eval::report::exception_message(e))))
            }
            _ => None,
        },
        m if function == "exception" && m.starts_with("Elixir.") && m.ends_with("Error") => {
            let name = m.trim_start_matches("Elixir.");
            match args.as_slice() {
                [Term::Binary(b)] => Some(Ok(exception(
                    name,
                    vec![("message", Term::Binary(b.clone()))],
                ))),
                [kw] if kw.as_list().is_some() => {
                    let fields =
                        kw.as_list()
                            .unwrap_or(&[])
                            .iter()
                            .filter_map(|p| match p.as_tuple() {
                                Some([Term::Atom(k), v]) => Some((k.name().to_string(), v.clone())),
                                _ => None,
                            });
                    let fields: Vec<(String, Term)> = fields.collect();
                    Some(Ok(exception(
                        name,
                        fields
                            .iter()
                            .map(|(k, v)| (k.as_str(), v.clone()))
                            .collect(),
                    )))
                }
                _ => None,
            }
        }
        "Elixir.Supervisor" => otp::supervisor(ev, function, args),
        "sys" => process::sys(ev, function, args),
        // iex's helpers live in `:c` too.
        "c" if function == "pid" => kernel::call(ev, function, args),
        _ => stdlib::call(ev, module, function, args),
    };
    answer.unwrap_or_else(|| Err(undefined_function(module, function, &given)))
}

/// Modules that exist in this shell (their missing functions are "undefined or private").
const KNOWN: &[&str] = &[
    "Elixir.Kernel",
    "Elixir.Process",
    "Elixir.GenServer",
    "Elixir.DynamicSupervisor",
    "Elixir.Registry",
    "Elixir.Server",
    "Elixir.DSupervisor",
    "Elixir.Supervisor",
    "sys",
    "Elixir.IO",
    "Elixir.Enum",
    "Elixir.String",
    "Elixir.Map",
    "Elixir.List",
    "Elixir.Tuple",
    "Elixir.Integer",
    "Elixir.Atom",
    "Elixir.Keyword",
    "Elixir.Exception",
    "Elixir.Access",
    "Elixir.Float",
    "erlang",
    "math",
    "lists",
    "maps",
    "timer",
    "os",
];

/// iex's `UndefinedFunctionError`, with "Did you mean" when the module has the function
/// at another arity, and the frame iex prints under it (`(elixir 1.14.0) Registry.nope()`).
pub fn undefined_function(module: &str, function: &str, args: &[Term]) -> Error {
    let arity = args.len();
    let shown = crate::inspect::inspect_plain(&Term::atom(module));
    let fun = crate::inspect::inspect_plain(&Term::atom(function));
    let fun = fun.trim_start_matches(':');
    let args: Vec<String> = args.iter().map(crate::inspect::inspect_plain).collect();
    let app = match module {
        m if m.starts_with("Elixir.")
            && !matches!(m, "Elixir.Server" | "Elixir.DSupervisor")
            && KNOWN.contains(&m) =>
        {
            "(elixir 1.14.0) "
        }
        "lists" | "maps" | "math" | "string" | "sys" | "io" | "timer" | "proplists" => {
            "(stdlib 4.2) "
        }
        _ => "",
    };
    Error::Raise(exception(
        "UndefinedFunctionError",
        vec![
            ("module", Term::atom(module)),
            ("function", Term::atom(function)),
            ("arity", Term::Int(arity as i64)),
            ("reason", Term::nil()),
            ("message", Term::nil()),
        ],
    ))
    .at(format!("{app}{shown}.{fun}({})", args.join(", ")))
}

/// `UndefinedFunctionError.message/1`: whether the module exists, and "Did you mean"
/// when it has the function at another arity.
pub(crate) fn undefined_function_message(module: &str, function: &str, arity: usize) -> String {
    let shown = crate::inspect::inspect_plain(&Term::atom(module));
    let fun = crate::inspect::inspect_plain(&Term::atom(function));
    let fun = fun.trim_start_matches(':');
    let mut message = if KNOWN.contains(&module) {
        format!("function {shown}.{fun}/{arity} is undefined or private")
    } else {
        format!("function {shown}.{fun}/{arity} is undefined (module {shown} is not available)")
    };
    let others: Vec<usize> = exports(module)
        .iter()
        .filter(|(f, a)| *f == function && *a != arity)
        .map(|(_, a)| *a)
        .collect();
    if !others.is_empty() {
        message.push_str(". Did you mean:\n");
        for a in others {
            message.push_str(&format!("\n      * {fun}/{a}"));
        }
        message.push('\n');
    }
    message
}

/// Public functions of the modules of the guide, for "Did you mean".
fn exports(module: &str) -> &'static [(&'static str, usize)] {
    match module {
        "Elixir.Server" => &[
            ("child_spec", 1),
            ("code_change", 3),
            ("handle_call", 3),
            ("handle_cast", 2),
            ("handle_info", 2),
            ("init", 1),
            ("start_link", 1),
            ("state", 1),
            ("terminate", 2),
        ],
        "Elixir.DSupervisor" => &[
            ("child_spec", 1),
            ("init", 1),
            ("start_link", 1),
            ("start_server", 2),
        ],
        "Elixir.GenServer" => &[
            ("abcast", 2),
            ("abcast", 3),
            ("call", 2),
            ("call", 3),
            ("cast", 2),
            ("multi_call", 2),
            ("multi_call", 3),
            ("multi_call", 4),
            ("reply", 2),
            ("start", 2),
            ("start", 3),
            ("start_link", 2),
            ("start_link", 3),
            ("stop", 1),
            ("stop", 2),
            ("stop", 3),
            ("whereis", 1),
        ],
        "Elixir.DynamicSupervisor" => &[
            ("child_spec", 1),
            ("count_children", 1),
            ("init", 1),
            ("start_child", 2),
            ("start_link", 1),
            ("start_link", 2),
            ("start_link", 3),
            ("stop", 1),
            ("stop", 2),
            ("stop", 3),
            ("terminate_child", 2),
            ("which_children", 1),
        ],
        "Elixir.Registry" => &[
            ("child_spec", 1),
            ("count", 1),
            ("count_match", 3),
            ("count_match", 4),
            ("count_select", 2),
            ("delete_meta", 2),
            ("dispatch", 3),
            ("dispatch", 4),
            ("keys", 2),
            ("lookup", 2),
            ("match", 3),
            ("match", 4),
            ("meta", 2),
            ("put_meta", 3),
            ("register", 3),
            ("select", 2),
            ("start_link", 1),
            ("unregister", 2),
            ("unregister_match", 3),
            ("unregister_match", 4),
            ("update_value", 3),
            ("values", 3),
        ],
        "Elixir.Process" => &[
            ("alive?", 1),
            ("demonitor", 1),
            ("demonitor", 2),
            ("exit", 2),
            ("flag", 2),
            ("flag", 3),
            ("info", 1),
            ("info", 2),
            ("link", 1),
            ("list", 0),
            ("monitor", 1),
            ("register", 2),
            ("registered", 0),
            ("send", 3),
            ("sleep", 1),
            ("unlink", 1),
            ("unregister", 1),
            ("whereis", 1),
        ],
        _ => &[],
    }
}

/// A known function given arguments none of its clauses accept.
pub fn no_clause(module: &str, function: &str, arity: usize) -> Error {
    Error::function_clause(module, function, arity)
}

/// A `FunctionClauseError` listing the clauses iex shows, with `-marks-` on what failed.
pub fn blamed_clause_with(module: &str, function: &str, args: &[Term], clauses: &[&str]) -> Error {
    Error::Raise(exception(
        "FunctionClauseError",
        vec![
            ("module", Term::module(module)),
            ("function", Term::atom(function)),
            ("arity", Term::Int(args.len() as i64)),
            ("kind", Term::atom("def")),
            ("args", Term::list(args.to_vec())),
            (
                "clauses",
                Term::list(clauses.iter().map(|c| Term::string(c)).collect()),
            ),
        ],
    ))
}

/// `:infinity` or milliseconds, as GenServer and `receive ... after` take them.
pub fn timeout(t: &Term) -> Option<Option<std::time::Duration>> {
    match t {
        Term::Int(ms) if *ms >= 0 => Some(Some(std::time::Duration::from_millis(*ms as u64))),
        t if t.is_atom("infinity") => Some(None),
        _ => None,
    }
}

/// A BIF's `ArgumentError` ("errors were found at the given arguments"), with the call
/// iex prints under it: `bif("element", &[&6, &t], 1, "out of range")` shows
/// `:erlang.element(6, {1, 2})`.
pub fn bif(function: &str, args: &[&Term], argument: usize, problem: &str) -> Error {
    let shown: Vec<String> = args
        .iter()
        .map(|a| crate::inspect::inspect_plain(a))
        .collect();
    Error::bif_argument(argument, problem).at(format!(":erlang.{function}({})", shown.join(", ")))
}
