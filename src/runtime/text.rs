//! The few words the runtime itself must put into error messages (a pid, an atom), as
//! iex's `inspect` writes them. Anything richer is the printer's job (`inspect.rs`); the
//! runtime hands it terms instead.

use crate::term::{Atom, Pid, Term};

pub(crate) fn pid(p: Pid) -> String {
    format!("#PID<0.{}.0>", p.0)
}

/// `:name`, `:"odd name"`, or `Module` for `:"Elixir.Module"`.
pub(crate) fn atom(a: &Atom) -> String {
    let name = a.name();
    if let Some(alias) = name.strip_prefix("Elixir.") {
        if alias
            .split('.')
            .all(|part| part.starts_with(|c: char| c.is_ascii_uppercase()) && is_word(part))
        {
            return alias.to_string();
        }
    }
    if matches!(name, "nil" | "true" | "false") {
        return name.to_string();
    }
    let body = name.strip_suffix(['?', '!']).unwrap_or(name);
    if !body.is_empty()
        && body.starts_with(|c: char| c.is_alphabetic() || c == '_')
        && is_word(body)
    {
        format!(":{name}")
    } else {
        format!(":{name:?}")
    }
}

fn is_word(s: &str) -> bool {
    s.chars()
        .all(|c| c.is_alphanumeric() || c == '_' || c == '@')
}

/// Any term as `inspect/1` writes it in an error message.
pub(crate) fn term(t: &Term) -> String {
    crate::inspect::inspect_plain(t)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn atoms_print_as_iex_does() {
        assert_eq!(atom(&Atom::from_static("nope")), ":nope");
        assert_eq!(atom(&Atom::from_static("Elixir.Registry")), "Registry");
        assert_eq!(atom(&Atom::from_static("odd name")), ":\"odd name\"");
        assert_eq!(pid(Pid(114)), "#PID<0.114.0>");
    }
}
