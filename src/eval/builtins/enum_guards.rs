//! The guards in the heads of `Enum` functions that take a position, a count or a joiner
//! (`Enum.at(list, :x)`, `Enum.take(list, "2")`, `Enum.join(list, 1)`): Elixir checks
//! them before it looks at the enumerable, so a bad one is a `FunctionClauseError`
//! listing the clauses, whatever the enumerable is.

use super::stdlib::clause_error;
use crate::error::Error;
use crate::term::Term;

/// The `FunctionClauseError` for `Enum.function(args)` when an argument its heads
/// require to be an integer is not; `None` when the guards pass (or do not apply).
pub fn check(function: &str, args: &[Term]) -> Option<Error> {
    let not_int = |i: usize| args.get(i).is_some_and(|t| t.as_int().is_none());
    // Elixir's blame marks `is_list(enumerable)` when the enumerable is no list.
    let is_list = match args.first() {
        Some(Term::List(_)) => "is_list(enumerable)",
        _ => "-is_list(enumerable)-",
    };
    let (args, clauses): (Vec<Term>, Vec<String>) = match (function, args.len()) {
        ("at", 2 | 3) if not_int(1) => {
            let mut full = args.to_vec();
            full.resize(3, Term::nil());
            let head = "def at(enumerable, index, default) when -is_integer(index)-";
            (full, vec![head.into()])
        }
        ("fetch" | "fetch!", 2) if not_int(1) => (
            args.to_vec(),
            vec![format!(
                "def {function}(enumerable, index) when -is_integer(index)-"
            )],
        ),
        ("take", 2) if not_int(1) => (
            args.to_vec(),
            vec![
                "def take(_enumerable, -0-)".into(),
                format!("def take(enumerable, amount) when {is_list} and -is_integer(amount)- and amount > 0"),
                "def take(enumerable, amount) when -is_integer(amount)- and amount > 0".into(),
                "def take(enumerable, amount) when -is_integer(amount)- and -amount < 0-".into(),
            ],
        ),
        ("drop", 2) if not_int(1) => (
            args.to_vec(),
            vec![
                format!("def drop(enumerable, amount) when {is_list} and -is_integer(amount)- and amount >= 0"),
                "def drop(enumerable, -0-)".into(),
                "def drop(enumerable, amount) when -is_integer(amount)- and amount > 0".into(),
                "def drop(enumerable, amount) when -is_integer(amount)- and -amount < 0-".into(),
            ],
        ),
        ("split", 2) if not_int(1) => (
            args.to_vec(),
            vec![
                format!("def split(enumerable, count) when {is_list} and -is_integer(count)- and count >= 0"),
                "def split(enumerable, count) when -is_integer(count)- and count >= 0".into(),
                "def split(enumerable, count) when -is_integer(count)- and -count < 0-".into(),
            ],
        ),
        ("take_every", 2) if not_int(1) => (
            args.to_vec(),
            vec![
                "def take_every(_enumerable, -0-)".into(),
                "def take_every(enumerable, -1-)".into(),
                format!(
                    "def take_every(list, nth) when {} and -is_integer(nth)- and nth > 1",
                    is_list.replace("enumerable", "list")
                ),
                "def take_every(enumerable, nth) when -is_integer(nth)- and nth > 1".into(),
            ],
        ),
        ("drop_every", 2) if not_int(1) => {
            let empty = match &args[0] {
                Term::List(items) if items.is_empty() => "[]",
                _ => "-[]-",
            };
            (
                args.to_vec(),
                vec![
                    "def drop_every(_enumerable, -1-)".into(),
                    "def drop_every(enumerable, -0-)".into(),
                    format!("def drop_every({empty}, nth) when -is_integer(nth)-"),
                    "def drop_every(enumerable, nth) when -is_integer(nth)- and nth > 1".into(),
                ],
            )
        }
        ("join", 2) if !matches!(args[1], Term::Binary(_)) => (
            args.to_vec(),
            vec![
                "def join(enumerable, -\"\"-)".into(),
                format!("def join(enumerable, joiner) when {is_list} and -is_binary(joiner)-"),
                "def join(enumerable, joiner) when -is_binary(joiner)-".into(),
            ],
        ),
        ("map_join", 3) if !matches!(args[1], Term::Binary(_)) => (
            args.to_vec(),
            vec!["def map_join(enumerable, joiner, mapper) when -is_binary(joiner)-".into()],
        ),
        // `chunk_every/2` is `chunk_every(enumerable, count, count, [])`.
        ("chunk_every", 2) if not_int(1) => (
            vec![args[0].clone(), args[1].clone(), args[1].clone(), Term::list(vec![])],
            vec!["def chunk_every(enumerable, count, step, leftover) when -is_integer(count)- and count > 0 and -is_integer(step)- and step > 0".into()],
        ),
        _ => return None,
    };
    let clauses: Vec<&str> = clauses.iter().map(String::as_str).collect();
    Some(clause_error("Enum", function, args, &clauses))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::error::exception_field;

    #[test]
    fn at_reports_its_default_argument() {
        let Some(Error::Raise(e)) = check("at", &[Term::list(vec![]), Term::atom("x")]) else {
            panic!("a clause error");
        };
        assert_eq!(exception_field(&e, "arity"), Some(&Term::Int(3)));
    }

    #[test]
    fn integers_pass() {
        assert!(check("take", &[Term::list(vec![]), Term::Int(1)]).is_none());
        assert!(check("map", &[Term::list(vec![]), Term::atom("f")]).is_none());
    }
}
