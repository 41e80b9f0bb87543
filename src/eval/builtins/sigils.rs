//! `Kernel.sigil_x/2`: what the parser turns `~x(body)mods` into. The body arrives as a
//! string (interpolated already for lowercase letters) and the modifiers as a charlist.
//! Elixir expands these macros while compiling, so their errors carry the
//! "expanding macro" frame.

use super::stdlib::to_charlist;
use super::Answer;
use crate::error::Error;
use crate::eval::Evaluator;
use crate::term::Term;

pub fn call(ev: &Evaluator, name: &str, args: &[Term]) -> Answer {
    let letter = name.strip_prefix("sigil_")?;
    let [Term::Binary(body), modifiers] = args else {
        return None;
    };
    let body = String::from_utf8_lossy(body);
    let modifiers = super::stdlib::charlist(modifiers).unwrap_or_default();
    let expanding = || {
        format!(
            "(elixir 1.14.0) expanding macro: Kernel.{name}/2\n    iex:{}: (file)",
            ev.line
        )
    };
    Some(match letter {
        "s" | "S" | "c" | "C" if !modifiers.is_empty() => {
            Err(Error::function_clause("Kernel", name, 2).at(expanding()))
        }
        "s" | "S" => Ok(Term::string(&body)),
        "c" | "C" => Ok(to_charlist(&body)),
        "w" | "W" => words(ev, &body, &modifiers).map_err(|e| e.at(expanding())),
        "r" | "R" | "D" | "T" | "N" | "U" => Err(ev.compile_error(&format!(
            "otpsh does not support the ~{letter} sigil ({})",
            match letter {
                "r" | "R" => "regular expressions",
                _ => "dates and times",
            }
        ))),
        _ => return None,
    })
}

/// `~w`: the body split at blank space, each word a string (`s`, the default), an atom
/// (`a`, made in the shell's atom table) or a charlist (`c`).
fn words(ev: &Evaluator, body: &str, modifiers: &str) -> Result<Term, Error> {
    let split = body.split_whitespace();
    let items = match modifiers {
        "" | "s" => split.map(Term::string).collect(),
        "a" => split.map(|w| ev.atom(w)).collect::<Result<Vec<_>, _>>()?,
        "c" => split.map(to_charlist).collect(),
        _ => return Err(Error::argument("modifier must be one of: s, a, c")),
    };
    Ok(Term::list(items))
}
