//! `GenServer.whereis/1`'s clauses, for the error iex prints when a call is given a
//! server that is neither a pid, an atom, `{:global, _}`, `{:via, _, _}` nor
//! `{name, node}`: the most common mistake of the guide (`Server.state("cool_name")`).

use crate::error::{exception, Error};
use crate::term::Term;

/// `Some(error)` when `server` matches none of `GenServer.whereis/1`'s clauses.
pub fn invalid_server(server: &Term) -> Option<Error> {
    let is_atom = |t: &Term| matches!(t, Term::Atom(_));
    let valid = match server {
        Term::Pid(_) | Term::Atom(_) => true,
        Term::Tuple(t) => match &t[..] {
            [tag, _] if tag.is_atom("global") => true,
            [tag, _, _] if tag.is_atom("via") => true,
            [name, node] => is_atom(name) && is_atom(node),
            _ => false,
        },
        _ => false,
    };
    if valid {
        return None;
    }
    Some(Error::Raise(exception(
        "FunctionClauseError",
        vec![
            ("module", Term::module("GenServer")),
            ("function", Term::atom("whereis")),
            ("arity", Term::Int(1)),
            ("kind", Term::atom("def")),
            ("args", Term::list(vec![server.clone()])),
            (
                "clauses",
                Term::list(clauses(server).iter().map(|c| Term::string(c)).collect()),
            ),
        ],
    )))
}

/// The six clauses, with iex's `-marks-` around what did not match.
fn clauses(server: &Term) -> Vec<String> {
    let pair = match server {
        Term::Tuple(t) if t.len() == 2 => Some((&t[0], &t[1])),
        _ => None,
    };
    let mark = |failed: bool, text: &str| {
        if failed {
            format!("-{text}-")
        } else {
            text.to_string()
        }
    };
    let mut out = vec![
        "def whereis(pid) when -is_pid(pid)-".to_string(),
        "def whereis(name) when -is_atom(name)-".to_string(),
        "def whereis(-{:global, name}-)".to_string(),
        "def whereis(-{:via, mod, name}-)".to_string(),
    ];
    match pair {
        None => {
            out.push(
                "def whereis(-{name, local}-) when -is_atom(name)- and -local == node()-".into(),
            );
            out.push(
                "def whereis(-{name, node} = server-) when -is_atom(name)- and -is_atom(node)-"
                    .into(),
            );
        }
        Some((name, node)) => {
            let name_bad = !matches!(name, Term::Atom(_));
            let local_bad = !node.is_atom("nonode@nohost");
            let node_bad = !matches!(node, Term::Atom(_));
            out.push(format!(
                "def whereis({{name, local}}) when {} and {}",
                mark(name_bad, "is_atom(name)"),
                mark(local_bad, "local == node()")
            ));
            out.push(format!(
                "def whereis({{name, node}} = server) when {} and {}",
                mark(name_bad, "is_atom(name)"),
                mark(node_bad, "is_atom(node)")
            ));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_the_guide_allows_are_valid() {
        assert!(invalid_server(&Term::atom("server")).is_none());
        let via = Term::tuple(vec![
            Term::atom("via"),
            Term::module("Registry"),
            Term::tuple(vec![Term::module("Registry"), Term::string("x")]),
        ]);
        assert!(invalid_server(&via).is_none());
    }

    #[test]
    fn a_string_matches_no_clause() {
        let Some(Error::Raise(e)) = invalid_server(&Term::string("cool_name")) else {
            panic!("a string is not a server")
        };
        let clauses = crate::error::exception_field(&e, "clauses").unwrap();
        assert_eq!(clauses.as_list().unwrap().len(), 6);
    }
}
