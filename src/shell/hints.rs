//! Kind words after iex's own: when the shell is used interactively, a common mistake of
//! the guide gets one dimmed line saying what went wrong and what to type instead. iex's
//! text is always printed first and unchanged; replay and `check` never show hints, so
//! transcripts stay exactly iex's.

use crate::error::{exception_field, exception_module, Error};
use crate::inspect::inspect_plain;
use crate::term::Term;

/// A hint for an error, if it is one of the mistakes the guide is about.
pub fn for_error(error: &Error) -> Option<String> {
    match error.inner() {
        Error::Raise(e) => for_exception(e),
        Error::Exit(reason) => for_exit(reason),
        _ => None,
    }
}

fn for_exception(e: &Term) -> Option<String> {
    let module = exception_module(e)?;
    let message = exception_field(e, "message")
        .and_then(Term::as_str)
        .unwrap_or("");
    let first_arg = || match exception_field(e, "args") {
        Some(Term::List(args)) => args.first().cloned(),
        _ => None,
    };
    match module.as_str() {
        "FunctionClauseError" => match first_arg() {
            Some(Term::Binary(b)) => Some(via_hint(&String::from_utf8_lossy(&b))),
            _ => None,
        },
        "ArgumentError" if message.starts_with("expected :name option") => {
            let got = message.rsplit("Got: ").next().unwrap_or("").trim();
            match got.strip_prefix('"').and_then(|g| g.strip_suffix('"')) {
                Some(key) => Some(via_hint(key)),
                None => Some("hint: a name is nil, an atom, {:global, term} or {:via, Registry, {registry, key}}".into()),
            }
        }
        "ArgumentError" if message.starts_with("unknown registry: ") => {
            let name = message.trim_start_matches("unknown registry: ");
            Some(format!(
                "hint: no Registry is named {name}; start one with Registry.start_link(keys: :unique, name: {name}) (it dies with the shell process that started it)"
            ))
        }
        "CompileError" => {
            let description = exception_field(e, "description")
                .and_then(Term::as_str)
                .unwrap_or("");
            description.ends_with("/0 (there is no such import)").then(|| {
                "hint: no variable has that name; bindings are lost when the shell process restarts".into()
            })
        }
        _ => None,
    }
}

fn for_exit(reason: &Term) -> Option<String> {
    let [what, call] = reason.as_tuple()? else {
        return None;
    };
    let [_, _, Term::List(args)] = call.as_tuple()? else {
        return None;
    };
    let server = args.first()?;
    match what {
        t if t.is_atom("noproc") => Some(format!(
            "hint: nothing is running under {}: it was never started, or it stopped and its name went with it (names go away when a process dies)",
            inspect_plain(server)
        )),
        t if t.is_atom("timeout") => Some("hint: the server did not answer in time; GenServer.call/3 takes a timeout in ms or :infinity".into()),
        _ => None,
    }
}

/// Why the shell process went away, and what that cost.
pub fn for_shell_exit(reason: &Term) -> String {
    let why = match reason {
        r if r.is_atom("normal") => "the shell process exited (reason :normal)".to_string(),
        r if r.is_atom("shutdown") => "a process linked to the shell exited with :shutdown (a supervisor that passes max_restarts in max_seconds does), so the shell process exited too".to_string(),
        r if r.is_atom("killed") => "a process linked to the shell was killed, so the shell process exited too".to_string(),
        r => format!("a process linked to the shell exited with {}, so the shell process exited too", inspect_plain(r)),
    };
    format!("hint: {why}; a new shell process starts with no variables, and what the old one started with start_link (linked to it) is gone")
}

fn via_hint(key: &str) -> String {
    format!(
        "hint: a string is not a process name; register it in a Registry: {{:via, Registry, {{Registry, {}}}}}",
        inspect_plain(&Term::string(key))
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_string_name_suggests_a_via_tuple() {
        let e = crate::eval::builtins_whereis_error(&Term::string("cool_name"));
        let hint = for_error(&e).expect("a hint");
        assert!(
            hint.contains("{:via, Registry, {Registry, \"cool_name\"}}"),
            "{hint}"
        );
    }

    #[test]
    fn a_call_to_nobody_explains_names_go_away() {
        let reason = Term::tuple(vec![
            Term::atom("noproc"),
            Term::tuple(vec![
                Term::module("GenServer"),
                Term::atom("call"),
                Term::list(vec![
                    Term::atom("gone"),
                    Term::atom("state"),
                    Term::Int(5000),
                ]),
            ]),
        ]);
        let hint = for_error(&Error::Exit(reason)).expect("a hint");
        assert!(hint.contains(":gone"), "{hint}");
    }

    #[test]
    fn ordinary_errors_get_no_hint() {
        assert_eq!(for_error(&Error::argument("boom")), None);
    }
}
