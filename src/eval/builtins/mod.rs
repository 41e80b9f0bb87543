//! The modules the shell knows, as a dispatch table: `Kernel` (local calls), `Process`,
//! the OTP modules of the guide (`GenServer`, `DynamicSupervisor`, `Registry`, `Server`,
//! `DSupervisor`) and the bits of the standard library a learner reaches for (`IO`,
//! `Enum`, `String`, `Map`, `:erlang`...). Anything else is iex's
//! `UndefinedFunctionError`.
//!
//! Each module's function returns `None` for a name/arity it does not have, so the one
//! place that words "undefined" is here.

pub(crate) mod access;
mod agent;
mod chardata;
pub(crate) mod enum_;
mod enum_guards;
mod enum_more;
mod erlang;
pub(crate) mod exceptions;
mod exports;
mod float;
mod info;
mod integer;
pub(crate) mod jaro;
mod kernel;
mod keyword;
mod list;
mod map;
mod math;
mod module;
mod operators;
mod otp;
mod process;
mod sigils;
pub(crate) mod spawn;
mod stdlib;
mod string;
mod string_errors;
mod string_parse;
mod system;
pub(crate) mod task;
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
        "Elixir.Exception" if function == "message" && args.len() == 1 => {
            match crate::vm::module::exception_message(ev, &args[0]) {
                Some(answer) => Some(answer),
                None => exceptions::exception_functions(function, &args),
            }
        }
        "Elixir.Exception" => exceptions::exception_functions(function, &args),
        m if function == "exception" && args.len() == 1 => exceptions::new(m, &args[0]),
        "Elixir.Supervisor" => otp::supervisor(ev, function, args),
        "Elixir.Task" => task::task(ev, function, args),
        "Elixir.Agent" => task::agent(ev, function, args),
        "sys" => process::sys(ev, function, args),
        // iex's helpers live in `:c` too.
        "c" if function == "pid" => kernel::call(ev, function, args),
        "erlang"
            if matches!(
                function,
                "send_after" | "start_timer" | "cancel_timer" | "read_timer"
            ) =>
        {
            let shown: Vec<&Term> = args.iter().collect();
            match (function, args.len()) {
                ("send_after" | "start_timer", 3 | 4) | ("cancel_timer" | "read_timer", 1 | 2) => {
                    Some(process::timer(ev, function, &shown))
                }
                _ => None,
            }
        }
        // `Kernel.apply/2` and `:erlang` BIFs leave no frame of their own to show.
        "erlang" => stdlib::call(ev, module, function, args),
        _ => ev.in_library(|ev| stdlib::call(ev, module, function, args)),
    };
    answer.unwrap_or_else(|| Err(undefined_function(module, function, &given)))
}

/// Whether a module exists in this shell (its missing functions are "undefined or
/// private").
fn known(module: &str) -> bool {
    exports::EXPORTS.iter().any(|(m, _)| *m == module)
}

/// Whether `module` (its atom's name) exports a function or macro `function` of any
/// arity.
pub(crate) fn exports_name(module: &str, function: &str) -> bool {
    exports::EXPORTS
        .iter()
        .filter(|(m, _)| *m == module)
        .flat_map(|(_, list)| list.split_whitespace())
        .any(|fa| fa.rsplit_once('/').is_some_and(|(f, _)| f == function))
}

/// Whether `module` (its atom's name) is one the shell has loaded.
pub(crate) fn known_module(module: &str) -> bool {
    known(module)
}

/// Whether `Kernel` defines `name/arity` as a macro (`to_string/1`, `<>/2`): the export
/// list has the macros first, up to `||/2`.
pub(crate) fn is_kernel_macro(name: &str, arity: usize) -> bool {
    let wanted = format!("{name}/{arity}");
    exports::EXPORTS
        .iter()
        .filter(|(m, _)| *m == "Elixir.Kernel")
        .flat_map(|(_, list)| list.split_whitespace())
        .take_while(|fa| *fa != "!=/2")
        .any(|fa| fa == wanted)
}

/// The frame iex prints under an error raised in an Erlang function:
/// `(stdlib 4.2) :maps.from_list([1])`.
pub(crate) fn erlang_frame(module: &str, function: &str, args: &[Term]) -> String {
    stdlib::frame(module, function, args)
}

/// Whether `module` (as its atom is spelled) exports `name/arity`, macros included.
pub(crate) fn exports_function(module: &str, name: &str, arity: usize) -> bool {
    let wanted = format!("{name}/{arity}");
    exports::EXPORTS
        .iter()
        .filter(|(m, _)| *m == module)
        .flat_map(|(_, list)| list.split_whitespace())
        .any(|fa| fa == wanted)
}

/// `known`, for the evaluator's `use Module`.
pub(crate) fn is_known_module(module: &str) -> bool {
    known(module)
}

/// iex's `UndefinedFunctionError`, with "Did you mean" when the module has the function
/// at another arity, and the frame iex prints under it (`(elixir 1.14.0) Registry.nope()`).
pub fn undefined_function(module: &str, function: &str, args: &[Term]) -> Error {
    let arity = args.len();
    let shown = crate::inspect::inspect_plain(&Term::atom(module));
    let fun = remote_name(function);
    let args: Vec<String> = args.iter().map(crate::inspect::inspect_plain).collect();
    let app = match module {
        m if m.starts_with("Elixir.")
            && !matches!(m, "Elixir.Server" | "Elixir.DSupervisor")
            && known(m) =>
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

/// A function's name after `Module.`, as `Macro.inspect_atom(:remote_call, name)` writes
/// it: operators bare (`Kernel.=/1`), the special forms that are no calls quoted
/// (`Room."{}"/2`).
pub(crate) fn remote_name(function: &str) -> String {
    if matches!(function, "{}" | "%{}" | "%" | "<<>>") {
        return format!("\"{function}\"");
    }
    let fun = crate::inspect::inspect_plain(&Term::atom(function));
    fun.trim_start_matches(':').to_string()
}

/// `UndefinedFunctionError.message/1`: whether the module exists. The "Did you mean"
/// hint is added only when the error is printed (`did_you_mean`).
pub(crate) fn undefined_function_message(module: &str, function: &str, arity: usize) -> String {
    let shown = crate::inspect::inspect_plain(&Term::atom(module));
    let fun = remote_name(function);
    if known(module) {
        format!("function {shown}.{fun}/{arity} is undefined or private")
    } else {
        format!("function {shown}.{fun}/{arity} is undefined (module {shown} is not available)")
    }
}

/// `UndefinedFunctionError.blame/2`'s "Did you mean" list: the function at its other
/// arities if the module has it, else up to five functions whose names are spelled alike
/// (Jaro distance >= 0.77), best first, then shown in name order.
pub(crate) fn did_you_mean(module: &str, function: &str, arity: usize) -> String {
    let exports: Vec<(&str, usize)> = exports::EXPORTS
        .iter()
        .filter(|(m, _)| *m == module)
        .flat_map(|(_, list)| list.split_whitespace())
        .filter_map(|fa| fa.rsplit_once('/'))
        .filter_map(|(f, a)| Some((f, a.parse().ok()?)))
        .collect();
    did_you_mean_in(&exports, function, arity)
}

/// `did_you_mean` over a module's exports given as `(name, arity)` pairs.
pub(crate) fn did_you_mean_in(exports: &[(&str, usize)], function: &str, arity: usize) -> String {
    let exports: Vec<(&str, usize)> = exports
        .iter()
        .copied()
        // A function otpsh lacks but Elixir has is no suggestion for itself.
        .filter(|&(f, a)| (f, a) != (function, arity))
        .collect();
    let mut picked: Vec<(f64, &str, usize)> = if exports.iter().any(|(f, _)| *f == function) {
        exports
            .iter()
            .filter(|(f, _)| *f == function)
            .map(|&(f, a)| (1.0, f, a))
            .collect()
    } else {
        exports
            .iter()
            .map(|&(f, a)| (jaro::distance(function, f), f, a))
            .filter(|(d, _, _)| *d >= 0.77)
            .collect()
    };
    // Stable sorts, as Elixir's are: equal names keep their export order.
    picked.sort_by(|x, y| y.0.total_cmp(&x.0));
    picked.truncate(5);
    picked.sort_by(|x, y| x.1.cmp(y.1));
    if picked.is_empty() {
        return String::new();
    }
    let mut hint = String::from(". Did you mean:\n");
    for (_, f, a) in picked {
        let f = crate::inspect::inspect_plain(&Term::atom(f));
        hint.push_str(&format!("\n      * {}/{a}", f.trim_start_matches(':')));
    }
    hint.push('\n');
    hint
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
    let args: Vec<Term> = args.iter().map(|a| (*a).clone()).collect();
    stdlib::bif_error(argument, problem, "erlang", function, &args)
}
