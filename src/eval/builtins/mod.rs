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
mod stdlib;
mod string;
mod string_parse;
mod tuple;

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
    let arity = args.len();
    let answer = match module {
        "Elixir.Kernel" => kernel::call(ev, function, args),
        "Elixir.Process" => process::call(ev, function, args),
        "Elixir.GenServer" => otp::gen_server(ev, function, args),
        "Elixir.DynamicSupervisor" => otp::dynamic_supervisor(ev, function, args),
        "Elixir.Registry" => otp::registry(ev, function, args),
        "Elixir.Server" => otp::server(ev, function, args),
        "Elixir.DSupervisor" => otp::dsupervisor(ev, function, args),
        _ => stdlib::call(ev, module, function, args),
    };
    answer.unwrap_or_else(|| Err(undefined_function(module, function, arity)))
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
    "Elixir.IO",
    "Elixir.Enum",
    "Elixir.String",
    "Elixir.Map",
    "Elixir.List",
    "Elixir.Tuple",
    "Elixir.Integer",
    "Elixir.Atom",
    "Elixir.Keyword",
    "Elixir.Access",
    "Elixir.Float",
    "erlang",
    "math",
    "lists",
    "maps",
    "timer",
    "os",
];

/// iex's `UndefinedFunctionError`.
pub fn undefined_function(module: &str, function: &str, arity: usize) -> Error {
    let shown = crate::inspect::inspect_plain(&Term::atom(module));
    let fun = crate::inspect::inspect_plain(&Term::atom(function));
    let fun = fun.trim_start_matches(':');
    let message = if KNOWN.contains(&module) {
        format!("function {shown}.{fun}/{arity} is undefined or private")
    } else {
        format!("function {shown}.{fun}/{arity} is undefined (module {shown} is not available)")
    };
    Error::Raise(exception(
        "UndefinedFunctionError",
        vec![
            ("module", Term::atom(module)),
            ("function", Term::atom(function)),
            ("arity", Term::Int(arity as i64)),
            ("message", Term::string(&message)),
        ],
    ))
}

/// A known function given arguments none of its clauses accept.
pub fn no_clause(module: &str, function: &str, arity: usize) -> Error {
    Error::function_clause(module, function, arity)
}

/// `:infinity` or milliseconds, as GenServer and `receive ... after` take them.
pub fn timeout(t: &Term) -> Option<Option<std::time::Duration>> {
    match t {
        Term::Int(ms) if *ms >= 0 => Some(Some(std::time::Duration::from_millis(*ms as u64))),
        t if t.is_atom("infinity") => Some(None),
        _ => None,
    }
}
