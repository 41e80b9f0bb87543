//! The parts of Elixir's and Erlang's standard library a learner reaches for while
//! following the guide, routed to one module per Elixir module (`Enum`, `String`,
//! `Map`...), plus `IO` and the helpers they share to raise exactly what iex raises.

use super::Answer;
use super::{access, enum_, erlang, float, integer, keyword, list, map, math, string, tuple};
use crate::error::{exception, Error, Result};
use crate::eval::literal::to_string;
use crate::eval::report::format_mfa;
use crate::eval::Evaluator;
use crate::inspect::{inspect, Options};
use crate::term::Term;

pub fn call(ev: &mut Evaluator, module: &str, function: &str, args: Vec<Term>) -> Answer {
    match module {
        "Elixir.IO" => io(ev, function, args),
        "Elixir.Enum" => enum_::call(ev, function, args),
        "Elixir.String" => string::call(ev, function, args),
        "Elixir.Map" => map::call(ev, function, args),
        "Elixir.Keyword" => keyword::call(ev, function, args),
        "Elixir.Access" => access::call(function, args),
        "Elixir.List" => list::call(ev, function, args),
        "Elixir.Tuple" => tuple::call(function, args),
        "Elixir.Atom" => tuple::atom(function, args),
        "Elixir.Module" => super::module::call(function, args),
        "Elixir.Code" => code(ev, function, &args),
        "Elixir.Integer" => integer::call(function, args),
        "Elixir.Float" => float::call(function, args),
        "Elixir.Range" => range(function, args),
        "Elixir.Function" => function_module(function, &args),
        // The monotonic clock is the node's, which only the client reads.
        "Elixir.System" if matches!(function, "monotonic_time" | "time_offset") => {
            super::system::clock(function, ev.client.monotonic_time_ns(), &args)
        }
        "Elixir.System" => super::system::call(function, &args),
        // The protocol `Kernel.to_string/1` and interpolation dispatch to.
        "Elixir.String.Chars" => match (function, args.as_slice()) {
            ("to_string", [v]) => Some(to_string(v).map(|text| Term::string(&text))),
            _ => None,
        },
        "erlang" => erlang::call(ev, function, args),
        "math" => math::call(function, args),
        "lists" => list::lists(ev, function, args),
        "maps" => map::maps(function, args),
        "timer" => match (function, args.len()) {
            ("sleep", 1) => super::process::call(ev, "sleep", args),
            // :timer.tc(fun): {microseconds, result}, how a learner times a loop.
            ("tc", 1) => {
                let start = std::time::Instant::now();
                Some(ev.apply_fun(&args[0], vec![]).map(|result| {
                    Term::tuple(vec![Term::Int(start.elapsed().as_micros() as i64), result])
                }))
            }
            _ => super::process::timer_module::call(ev, function, &args),
        },
        "os" => erlang::os(function, args),
        _ => None,
    }
}

fn io(ev: &mut Evaluator, function: &str, args: Vec<Term>) -> Answer {
    Some(match (function, args.as_slice()) {
        // A list goes to `:io.put_chars/2` as it is, which words a bad element its own way.
        ("puts", [v @ Term::List(_)]) | ("write", [v @ Term::List(_)]) if to_string(v).is_err() => {
            Err(Error::bif_argument(
                2,
                "not valid character data (an iodata term)",
            ))
        }
        ("puts", [v]) | ("write", [v]) => to_string(v).map(|text| {
            ev.out.write(&text);
            if function == "puts" {
                ev.out.write("\n");
            }
            Term::ok()
        }),
        ("iodata_to_binary", [v]) => super::chardata::iodata_to_binary(v),
        ("iodata_length", [v]) => super::chardata::iodata_length(v),
        ("chardata_to_string", [v]) => super::chardata::chardata_to_string(v),
        ("inspect", [v]) => Ok(io_inspect(ev, v, &Term::empty_list())),
        ("inspect", [v, opts]) => Ok(io_inspect(ev, v, opts)),
        _ => return None,
    })
}

/// `Function.identity/1`, and `Function.info/2` for the items a fn's printing reveals.
fn function_module(function: &str, args: &[Term]) -> Answer {
    Some(match (function, args) {
        ("identity", [x]) => Ok(x.clone()),
        ("info", [Term::Fun(f), item]) => {
            let value = match item.as_atom().map(|a| a.name()) {
                Some("arity") => Term::Int(f.arity as i64),
                Some("type") if f.capture.is_some() => Term::atom("external"),
                Some("type") => Term::atom("local"),
                _ => return None,
            };
            Ok(Term::tuple(vec![item.clone(), value]))
        }
        _ => return None,
    })
}

/// `Range.new/2,3` and `Range.size/1`.
fn range(function: &str, args: Vec<Term>) -> Answer {
    let mut args = args.into_iter();
    Some(match (function, args.len()) {
        ("new", 2 | 3) => {
            let (first, last) = (args.next()?, args.next()?);
            crate::eval::ops::range(first, last, args.next())
        }
        ("size", 1) => {
            let range = args.next()?;
            match crate::eval::ops::range_bounds(&range) {
                Some((first, last, step)) => Ok(Term::Int(crate::eval::enumerable::range_len(
                    first, last, step,
                ))),
                None => Err(clause_error(
                    "Range",
                    "size",
                    vec![range],
                    &["def size(-first..last//step-)"],
                )),
            }
        }
        _ => return None,
    })
}

/// `IO.inspect/2`: prints the value (after `label: ` if given) and returns it.
fn io_inspect(ev: &mut Evaluator, v: &Term, opts: &Term) -> Term {
    // `IO.inspect/2` formats at `opts.width` whatever `:pretty` says (only `inspect/2`
    // reads `:pretty`, to choose between the width and one line).
    let options = Options {
        pretty: true,
        user_structs: ev.client.runtime().code().struct_order(),
        ..Options::default().with_keyword(opts)
    };
    let label = opts.keyword_get("label").and_then(|l| to_string(l).ok());
    if let Some(label) = label {
        ev.out.write(&format!("{label}: "));
    }
    ev.out.write(&inspect(v, &options));
    ev.out.write("\n");
    v.clone()
}

/// iex's `FunctionClauseError` with the arguments the failing function was really given
/// (defaults filled in, as iex shows them) and its clauses, each already written the
/// way iex writes them (`def length(string) when -is_binary(string)-`).
/// `module` is an Elixir alias (`String`) or an Erlang module (`:lists`).
pub fn clause_error(module: &str, function: &str, args: Vec<Term>, clauses: &[&str]) -> Error {
    let module = match module.strip_prefix(':') {
        Some(erlang) => Term::atom(erlang),
        None => Term::module(module),
    };
    let clauses: Vec<Term> = clauses.iter().map(|c| Term::string(c)).collect();
    Error::Raise(exception(
        "FunctionClauseError",
        vec![
            ("module", module),
            ("function", Term::atom(function)),
            ("arity", Term::Int(args.len() as i64)),
            ("kind", Term::atom("def")),
            ("args", Term::list(args)),
            ("clauses", Term::list(clauses)),
        ],
    ))
}

/// A BIF's `ArgumentError` ("errors were found at the given arguments") with the call as
/// iex prints it under the message: `:erlang.binary_to_integer("12x")`.
pub fn bif_error(
    argument: usize,
    problem: &str,
    module: &str,
    function: &str,
    args: &[Term],
) -> Error {
    let error = Error::bif_argument(argument, problem);
    match module {
        // An `:erlang` BIF's call also goes into the reason a process dies with.
        "erlang" => error.at_bif(frame(module, function, args), function, args.to_vec()),
        _ => error.at(frame(module, function, args)),
    }
}

/// The stack-frame line of a call to an Erlang function: `:erlang.f(args)`, or
/// `(stdlib 4.2) :maps.get(:b, %{a: 1})` for modules of the stdlib application.
pub fn frame(module: &str, function: &str, args: &[Term]) -> String {
    let call = format_mfa(&Term::atom(module), function, args);
    if module == "erlang" {
        call
    } else {
        format!("(stdlib 4.2) {call}")
    }
}

/// A `KeyError` for `key` missing from `term`.
pub fn key_error(key: &Term, term: &Term) -> Error {
    Error::Raise(exception(
        "KeyError",
        vec![
            ("key", key.clone()),
            ("term", term.clone()),
            ("message", Term::nil()),
        ],
    ))
}

/// `BadMapError` for a value that should have been a map.
pub fn bad_map(term: &Term) -> Error {
    Error::Raise(exception("BadMapError", vec![("term", term.clone())]))
}

/// The text of a UTF-8 binary.
pub fn text(t: &Term) -> Option<String> {
    match t {
        Term::Binary(b) => Some(String::from_utf8_lossy(b).into_owned()),
        _ => None,
    }
}

/// A list of code points as text (`'abc'`), `None` if it is not one.
pub fn charlist(t: &Term) -> Option<String> {
    t.as_list()?
        .iter()
        .map(|c| {
            c.as_int()
                .and_then(|c| u32::try_from(c).ok())
                .and_then(char::from_u32)
        })
        .collect()
}

/// A charlist term (`'abc'`) made of text.
pub fn to_charlist(text: &str) -> Term {
    Term::list(text.chars().map(|c| Term::Int(c as i64)).collect())
}

/// Interns an atom made from text as `:erlang.binary_to_atom` does: past 255 characters
/// it is a system limit, reported at `frame`.
pub fn make_atom(ev: &Evaluator, name: &str, frame: impl FnOnce() -> String) -> Result<Term> {
    if name.chars().count() > 255 {
        return Err(Error::system_limit().at(frame()));
    }
    ev.atom(name)
}

/// Looks an atom up without creating it, as `binary_to_existing_atom` does.
pub fn existing_atom(ev: &Evaluator, name: &str, frame: impl FnOnce() -> String) -> Result<Term> {
    match ev.client.runtime().atoms().existing(name) {
        Some(a) => Ok(Term::Atom(a)),
        None => Err(Error::bif_argument(1, "not an already existing atom").at(frame())),
    }
}

/// Elixir's `Enum.EmptyError`.
pub fn empty_error() -> Error {
    Error::raise_message("Enum.EmptyError", "empty error")
}

/// `Code`'s questions about loaded modules: a learner's, the node's own.
fn code(ev: &mut Evaluator, function: &str, args: &[Term]) -> Answer {
    let Some(Term::Atom(m)) = args.first() else {
        return None;
    };
    let user = crate::vm::module::lookup(ev, m.name()).is_some();
    let loaded = user || super::known_module(m.name());
    Some(Ok(match (function, args.len()) {
        ("ensure_loaded?", 1) => Term::bool(loaded),
        ("ensure_loaded", 1) | ("ensure_compiled", 1) => match loaded {
            true => Term::tuple(vec![Term::atom("module"), Term::Atom(m.clone())]),
            false => Term::error_tuple(Term::atom("nofile")),
        },
        // A module typed at the prompt has no docs chunk.
        ("fetch_docs", 1) if user || !loaded => Term::error_tuple(Term::atom("module_not_found")),
        _ => return None,
    }))
}
