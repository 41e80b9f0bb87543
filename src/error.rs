//! What can go wrong while evaluating, as values: an exception raised, an exit, a throw.
//!
//! Exceptions are terms, as in Elixir: a struct map with `__struct__` and
//! `__exception__: true`, so they can travel inside exit reasons (a GenServer that raised
//! exits with `{exception, stacktrace}`) and be matched like any other value. This module
//! builds them; turning one into the text iex prints is `eval::report`'s job alone.

use crate::term::Term;

#[derive(Clone, Debug, PartialEq)]
pub enum Error {
    /// `raise`: the term is an exception struct (see [`exception`]).
    Raise(Term),
    /// `exit(reason)`, or a failed `GenServer.call`: the term is the exit reason exactly as
    /// the BEAM builds it, e.g. `{:noproc, {GenServer, :call, [:beta, :state, 5000]}}`.
    Exit(Term),
    /// `throw(value)`
    Throw(Term),
    /// An error with the top frame of its stack trace as iex prints it when the frame has
    /// no file (`:erlang.+(1, :a)`, `(elixir 1.14.0) Registry.nope()`): iex shows that line
    /// under the message, so otpsh must too.
    /// Both boxed, so an `Error` (and every `Result` of the evaluator and the VM) is no
    /// bigger than a term and its tag.
    Located(Box<Error>, Box<Frame>),
}

/// The top stack frame iex prints under an error, and what iex's blame adds to the
/// message when the shell prints it (`: 1 / 0` after an `ArithmeticError`'s message).
#[derive(Clone, Debug, PartialEq)]
pub struct Frame {
    pub line: String,
    pub blame: Option<String>,
    /// When the frame is an Erlang BIF's call (`:erlang.+(1, :a)`): the function and
    /// its arguments, which the BEAM puts in the reason a process exits with
    /// (`{:badarith, [{:erlang, :+, [1, :a], [error_info: ...]}]}`).
    pub bif: Option<Box<(String, Vec<Term>)>>,
}

pub type Result<T> = std::result::Result<T, Error>;

/// Builds the exception struct `%Module{field: value, ...}` (`module` without `Elixir.`).
pub fn exception(module: &str, fields: Vec<(&str, Term)>) -> Term {
    let mut entries = vec![
        (Term::atom("__struct__"), Term::module(module)),
        (Term::atom("__exception__"), Term::bool(true)),
    ];
    entries.extend(fields.into_iter().map(|(k, v)| (Term::atom(k), v)));
    Term::map(entries)
}

/// The module of an exception struct, without `Elixir.` (`"ArgumentError"`).
pub fn exception_module(exception: &Term) -> Option<String> {
    match exception {
        Term::Map(m) => m
            .get(&Term::atom("__struct__"))
            .and_then(Term::as_atom)
            .map(|a| a.name().trim_start_matches("Elixir.").to_string()),
        _ => None,
    }
}

/// A field of an exception struct.
pub fn exception_field<'a>(exception: &'a Term, field: &str) -> Option<&'a Term> {
    match exception {
        Term::Map(m) => m.get(&Term::atom(field)),
        _ => None,
    }
}

impl Error {
    /// `** (ArgumentError) message`
    pub fn argument(message: impl Into<String>) -> Error {
        Error::raise_message("ArgumentError", message)
    }

    /// An exception whose only field is `message`.
    pub fn raise_message(module: &str, message: impl Into<String>) -> Error {
        let message = message.into();
        Error::Raise(exception(module, vec![("message", Term::string(&message))]))
    }

    /// `** (SystemLimitError) a system limit has been reached`
    pub fn system_limit() -> Error {
        Error::raise_message("SystemLimitError", "a system limit has been reached")
    }

    /// `** (FunctionClauseError) no function clause matching in Module.fun/arity`
    pub fn function_clause(module: &str, function: &str, arity: usize) -> Error {
        Error::Raise(exception(
            "FunctionClauseError",
            vec![
                ("module", Term::module(module)),
                ("function", Term::atom(function)),
                ("arity", Term::Int(arity as i64)),
                ("kind", Term::nil()),
                ("args", Term::nil()),
                ("clauses", Term::nil()),
            ],
        ))
    }

    /// The BEAM's "errors were found at the given arguments" `ArgumentError` for a BIF,
    /// e.g. `(":erlang.binary_to_existing_atom", 1, "not an already existing atom")`.
    pub fn bif_argument(argument: usize, problem: &str) -> Error {
        let ordinal = match argument {
            1 => "1st".to_string(),
            2 => "2nd".to_string(),
            3 => "3rd".to_string(),
            n => format!("{n}th"),
        };
        Error::argument(format!(
            "errors were found at the given arguments:\n\n  * {ordinal} argument: {problem}\n"
        ))
    }

    /// This error, with `frame` as the top of its stack trace (kept if it has one).
    pub fn at(self, frame: impl Into<String>) -> Error {
        self.located(Frame {
            line: frame.into(),
            blame: None,
            bif: None,
        })
    }

    /// This error, raised by the BIF `:erlang.function(args)`: `line` is the frame iex
    /// prints, and the call is kept for the exit reason.
    pub fn at_bif(self, line: String, function: &str, args: Vec<Term>) -> Error {
        self.located(Frame {
            line,
            blame: None,
            bif: Some(Box::new((function.to_string(), args))),
        })
    }

    /// The reason the BEAM gives a process that died of this error outside the shell's
    /// evaluator: a BIF's error is `{erlang_reason, [{:erlang, f, args, [error_info:
    /// ...]}]}` (`:badarith`, `:badarg`); None for any other error.
    pub fn bif_exit_reason(&self) -> Option<Term> {
        let Error::Located(inner, frame) = self else {
            return None;
        };
        let (function, args) = frame.bif.as_deref()?;
        let Error::Raise(e) = inner.as_ref() else {
            return None;
        };
        let reason = match exception_module(e).as_deref() {
            Some("ArithmeticError") => Term::atom("badarith"),
            Some("ArgumentError") => Term::atom("badarg"),
            Some("KeyError") if function == "map_get" => Term::tuple(vec![
                Term::atom("badkey"),
                exception_field(e, "key").cloned().unwrap_or_else(Term::nil),
            ]),
            _ => return None,
        };
        let info = Term::map(vec![(Term::atom("module"), Term::atom("erl_erts_errors"))]);
        let frame = Term::tuple(vec![
            Term::atom("erlang"),
            Term::atom(function),
            Term::list(args.clone()),
            Term::list(vec![Term::tuple(vec![Term::atom("error_info"), info])]),
        ]);
        Some(Term::tuple(vec![reason, Term::list(vec![frame])]))
    }

    /// This error with a frame and the blame iex adds to its message at the shell.
    pub fn located(self, frame: Frame) -> Error {
        match self {
            Error::Located(..) => self,
            other => Error::Located(Box::new(other), Box::new(frame)),
        }
    }

    /// This error with `line` added under the frames it has (a caller's frame, as the
    /// error leaves a function).
    pub fn push_frame(self, line: String) -> Error {
        match self {
            Error::Located(inner, mut frame) => {
                frame.line = format!("{}\n    {line}", frame.line);
                Error::Located(inner, frame)
            }
            other => other.at(line),
        }
    }

    /// The error without its frame.
    pub fn inner(&self) -> &Error {
        match self {
            Error::Located(e, _) => e.inner(),
            other => other,
        }
    }

    /// The reason a process exits with when this error escapes it: an exception becomes
    /// `{exception, stacktrace}` (our stack traces are empty), an exit its reason, and a
    /// throw `{{:nocatch, value}, stacktrace}`.
    pub fn exit_reason(&self) -> Term {
        match self {
            Error::Raise(e) => Term::tuple(vec![e.clone(), Term::empty_list()]),
            Error::Exit(reason) => reason.clone(),
            Error::Throw(v) => Term::tuple(vec![
                Term::tuple(vec![Term::atom("nocatch"), v.clone()]),
                Term::empty_list(),
            ]),
            Error::Located(e, _) => e.exit_reason(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn exceptions_are_struct_maps() {
        let Error::Raise(e) = Error::argument("boom") else {
            panic!("not a raise")
        };
        assert_eq!(exception_module(&e).as_deref(), Some("ArgumentError"));
        assert_eq!(exception_field(&e, "message"), Some(&Term::string("boom")));
    }

    #[test]
    fn a_bifs_error_exits_with_the_beams_reason_and_its_call() {
        let e = Error::bif_argument(1, "out of range").at_bif(
            ":erlang.element(5, {1})".into(),
            "element",
            vec![Term::Int(5), Term::tuple(vec![Term::Int(1)])],
        );
        let reason = e.bif_exit_reason().expect("a BIF's reason");
        assert_eq!(
            crate::inspect::inspect_plain(&reason),
            "{:badarg, [{:erlang, :element, [5, {1}], [error_info: %{module: :erl_erts_errors}]}]}"
        );
        assert_eq!(Error::argument("x").at("frame").bif_exit_reason(), None);
    }

    #[test]
    fn a_raise_escaping_a_process_exits_with_exception_and_stacktrace() {
        let reason = Error::system_limit().exit_reason();
        let parts = reason.as_tuple().unwrap();
        assert_eq!(parts.len(), 2);
        assert_eq!(
            exception_module(&parts[0]).as_deref(),
            Some("SystemLimitError")
        );
    }
}
