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
        // `chunk_every/2,3` are `chunk_every(enumerable, count, step, [])`.
        ("chunk_every", 2 | 3) if chunk_guard(&args[1..]).is_some() => {
            let step = args.get(2).unwrap_or(&args[1]).clone();
            let full = vec![args[0].clone(), args[1].clone(), step, Term::list(vec![])];
            let head = chunk_guard(&full[1..3]).unwrap_or_default();
            (full, vec![head])
        }
        ("slice", 2) if super::super::ops::range_bounds(&args[1]).is_none() => (
            args.to_vec(),
            vec![
                "def slice(enumerable, -first..last//step = index_range-)".into(),
                "def slice(enumerable, -%{__struct__: Range, first: first, last: last} = index_range-)".into(),
            ],
        ),
        ("slice", 3) if matches!((&args[1], &args[2]), (Term::Int(_), Term::Int(a)) if *a < 0) => {
            let start = if args[1].as_int().is_some_and(|s| s < 0) {
                "start_index < 0"
            } else {
                "-start_index < 0-"
            };
            (
                args.to_vec(),
                vec![
                    "def slice(_enumerable, start_index, -0-) when is_integer(start_index)".into(),
                    format!("def slice(enumerable, start_index, amount) when is_integer(start_index) and {start} and is_integer(amount) and -amount >= 0-"),
                    "def slice(enumerable, start_index, amount) when is_integer(start_index) and is_integer(amount) and -amount >= 0-".into(),
                ],
            )
        }
        _ => return None,
    };
    let clauses: Vec<&str> = clauses.iter().map(String::as_str).collect();
    Some(clause_error("Enum", function, args, &clauses))
}

/// `chunk_every/4`'s one head, with what fails marked; None when `[count, step]` pass.
fn chunk_guard(count_step: &[Term]) -> Option<String> {
    let part = |t: Option<&Term>, name: &str| match t.and_then(Term::as_int) {
        Some(n) if n > 0 => format!("is_integer({name}) and {name} > 0"),
        Some(_) => format!("is_integer({name}) and -{name} > 0-"),
        None => format!("-is_integer({name})- and {name} > 0"),
    };
    let count = part(count_step.first(), "count");
    let step = part(count_step.get(1).or(count_step.first()), "step");
    if !count.contains('-') && !step.contains('-') {
        return None;
    }
    Some(format!(
        "def chunk_every(enumerable, count, step, leftover) when {count} and {step}"
    ))
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
