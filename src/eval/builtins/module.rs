//! `Module.concat/1,2`: how a learner builds a module-like name (`Room.Lobby`) from
//! parts at run time, as `:elixir_aliases.concat/1` does.

use super::stdlib::clause_error;
use super::Answer;
use crate::term::Term;

pub fn call(function: &str, args: Vec<Term>) -> Answer {
    Some(match (function, args.as_slice()) {
        ("concat", [a, b]) if is_part(a) && is_part(b) => Ok(concat(&args)),
        ("concat", [a, b]) => {
            // iex marks each failing test of the guard, `or`s and all.
            let mark = |ok: bool, test: &str| match ok {
                true => test.to_string(),
                false => format!("-{test}-"),
            };
            let guard = |v: &Term, name: &str| {
                let binary = mark(matches!(v, Term::Binary(_)), &format!("is_binary({name})"));
                let atom = mark(matches!(v, Term::Atom(_)), &format!("is_atom({name})"));
                (binary, atom)
            };
            let ((lb, la), (rb, ra)) = (guard(a, "left"), guard(b, "right"));
            let clause = format!("def concat(left, right) when {lb} or {la} and {rb} or {ra}");
            Err(clause_error("Module", "concat", args.clone(), &[&clause]))
        }
        ("concat", [Term::List(items)]) => match items.iter().position(|p| !is_part(p)) {
            None => Ok(concat(items)),
            // `do_concat/2` fails on the rest of the list from the bad part, with the
            // name built so far.
            Some(at) => {
                let rest = Term::list(items[at..].to_vec());
                let done = match concat(&items[..at]) {
                    Term::Atom(a) => Term::string(a.name()),
                    other => other,
                };
                Err(clause_error(
                    ":elixir_aliases",
                    "do_concat",
                    vec![rest, done],
                    &[],
                ))
            }
        },
        _ => return None,
    })
}

fn is_part(t: &Term) -> bool {
    matches!(t, Term::Atom(_) | Term::Binary(_))
}

/// `Elixir.` then each part with its own `Elixir.` dropped; `nil` parts are skipped.
fn concat(parts: &[Term]) -> Term {
    let mut name = String::from("Elixir");
    for part in parts {
        let text = match part {
            p if p.is_nil() => continue,
            Term::Atom(a) => a.name().to_string(),
            Term::Binary(b) => String::from_utf8_lossy(b).into_owned(),
            _ => continue,
        };
        if text == "Elixir" {
            continue;
        }
        name.push('.');
        name.push_str(text.strip_prefix("Elixir.").unwrap_or(&text));
    }
    Term::atom(&name)
}

#[cfg(test)]
mod tests {
    use super::concat;
    use crate::term::Term;

    #[test]
    fn parts_join_under_elixir() {
        let parts = [Term::atom("Elixir.Room"), Term::string("Lobby")];
        assert_eq!(concat(&parts), Term::atom("Elixir.Room.Lobby"));
        let parts = [Term::string("Room"), Term::atom("lobby"), Term::nil()];
        assert_eq!(concat(&parts), Term::atom("Elixir.Room.lobby"));
    }
}
