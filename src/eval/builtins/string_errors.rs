//! What `String` functions raise when their subject is a string but another argument
//! is wrong. Many of them hand the pattern straight to `:binary` (`split`, `replace`,
//! `contains?`, `starts_with?`), so iex shows the BIF's "not a valid pattern" error with
//! the `:binary` call rather than a clause error; the others fail a guard and show
//! their clauses. Each text here is what Elixir 1.14 raises for the same call.

use super::stdlib::{bif_error, clause_error};
use crate::error::{exception, Error};
use crate::term::Term;

/// The error `String.function(subject, rest...)` raises, or `None` when the arguments
/// are fine and the function should run.
pub fn check(function: &str, subject: &Term, rest: &[Term]) -> Option<Error> {
    let s = || subject.clone();
    let binary = |t: &Term| matches!(t, Term::Binary(_));
    match (function, rest) {
        ("split", [_, opts]) if !matches!(opts, Term::List(_)) => {
            Some(split_options_error(s(), &rest[0], opts))
        }
        // `String.split("", pattern)` answers `[""]` before looking at the pattern.
        ("split", _) if matches!(subject, Term::Binary(b) if b.is_empty()) => None,
        ("split", [p]) => invalid(p).then(|| split_pattern_error(s(), p, &Term::empty_list())),
        ("split", [p, opts]) if invalid(p) => Some(split_pattern_error(s(), p, opts)),
        ("split", [_, opts]) => parts_error(opts),
        ("starts_with?" | "ends_with?", [Term::List(items)]) => {
            first_match(subject, items, function == "starts_with?")
        }
        ("starts_with?" | "contains?", [p]) if !binary(p) && !matches!(p, Term::List(_)) => Some(
            bif_error(2, NOT_PATTERN, "binary", "match", &[s(), p.clone()]),
        ),
        ("ends_with?", [p]) if !binary(p) => Some(guard_clause(
            function,
            vec![s(), p.clone()],
            &[
                "def ends_with?(string, suffix) when is_binary(string) and -is_binary(suffix)-",
                "def ends_with?(string, suffix) when is_binary(string) and -is_list(suffix)-",
            ],
        )),
        ("contains?", [Term::List(items)]) => items.iter().find(|t| !binary(t)).map(|bad| {
            bif_error(
                1,
                "not a bitstring",
                "erlang",
                "byte_size",
                std::slice::from_ref(bad),
            )
        }),
        ("replace", [p, r]) => replace_error(s(), p, r, &Term::empty_list()),
        ("replace", [p, r, opts]) => replace_error(s(), p, r, opts),
        ("replace_prefix" | "replace_suffix", [m, r]) if !binary(m) || !binary(r) => {
            let mark = |ok: bool, t: &str| if ok { t.to_string() } else { format!("-{t}-") };
            let clause = format!(
                "def {function}(string, match, replacement) when is_binary(string) and {} and {}",
                mark(binary(m), "is_binary(match)"),
                mark(binary(r), "is_binary(replacement)"),
            );
            Some(guard_clause(
                function,
                vec![s(), m.clone(), r.clone()],
                &[&clause],
            ))
        }
        ("trim" | "trim_leading" | "trim_trailing", [t]) if !binary(t) => {
            let clause = format!(
                "def {function}(string, to_trim) when is_binary(string) and -is_binary(to_trim)-"
            );
            Some(guard_clause(function, vec![s(), t.clone()], &[&clause]))
        }
        ("duplicate", [n]) if !matches!(n, Term::Int(_)) => Some(bif_error(
            2,
            "not an integer",
            "binary",
            "copy",
            &[s(), n.clone()],
        )),
        ("to_integer", [base]) if !matches!(base, Term::Int(2..=36)) => Some(bif_error(
            2,
            "not an integer in the range 2 through 36",
            "erlang",
            "binary_to_integer",
            &[s(), base.clone()],
        )),
        _ => None,
    }
}

/// `String.split/1` of something not a string: `String.Break.split/1` hands it to
/// `:binary.split/3` with Unicode's whitespace as the pattern.
pub fn split_whitespace_error(subject: &Term) -> Error {
    const WHITESPACE: &[&str] = &[
        "\u{3000}", "\u{205f}", "\u{2029}", "\u{2028}", "\u{2000}", "\u{2001}", "\u{2002}",
        "\u{2003}", "\u{2004}", "\u{2005}", "\u{2006}", "\u{2008}", "\u{2009}", "\u{200a}",
        "\u{1680}", "\u{85}", " ", "\t", "\n", "\u{b}", "\u{c}", "\r",
    ];
    let pattern = Term::list(WHITESPACE.iter().map(|w| Term::string(w)).collect());
    let options = Term::list(vec![Term::atom("global"), Term::atom("trim_all")]);
    bif_error(
        1,
        "not a binary",
        "binary",
        "split",
        &[subject.clone(), pattern, options],
    )
}

const NOT_PATTERN: &str = "not a valid pattern";

/// A pattern `:binary` refuses: neither a non-empty string nor a non-empty list of
/// strings (`""` and `[]` are handled by Elixir before `:binary` sees them).
fn invalid(p: &Term) -> bool {
    match p {
        Term::Binary(_) => false,
        Term::List(items) => items.iter().any(|t| !matches!(t, Term::Binary(_))),
        _ => true,
    }
}

/// `String.split/3` picks the `:binary` call by its options: `[:global]` for all parts,
/// `[:global, :trim_all]` when trimming, no options for two parts, and a compiled
/// pattern otherwise (so the error is `compile_pattern`'s).
fn split_pattern_error(s: Term, p: &Term, opts: &Term) -> Error {
    let trim = opts.keyword_get("trim").is_some_and(Term::is_truthy);
    let parts = opts.keyword_get("parts").cloned();
    let atoms = |names: &[&str]| Term::list(names.iter().map(|n| Term::atom(n)).collect());
    match (parts, trim) {
        (None, false) => bif_error(
            2,
            NOT_PATTERN,
            "binary",
            "split",
            &[s, p.clone(), atoms(&["global"])],
        ),
        (None, true) => bif_error(
            2,
            NOT_PATTERN,
            "binary",
            "split",
            &[s, p.clone(), atoms(&["global", "trim_all"])],
        ),
        (Some(Term::Int(2)), false) => {
            bif_error(2, NOT_PATTERN, "binary", "split", &[s, p.clone()])
        }
        _ => bif_error(
            1,
            NOT_PATTERN,
            "binary",
            "compile_pattern",
            std::slice::from_ref(p),
        ),
    }
}

/// `parts:` that is neither `:infinity` nor a positive integer.
fn parts_error(opts: &Term) -> Option<Error> {
    let parts = opts.keyword_get("parts")?;
    let (first, second) = match parts {
        Term::Int(n) if *n > 0 => return None,
        Term::Int(_) => ("-:infinity-", "is_integer(n) and -n > 0-"),
        t if t.is_atom("infinity") => return None,
        _ => ("-:infinity-", "-is_integer(n)- and n > 0"),
    };
    let clauses = [
        format!("defp parts_to_index({first})"),
        format!("defp parts_to_index(n) when {second}"),
    ];
    let clauses: Vec<&str> = clauses.iter().map(String::as_str).collect();
    Some(clause_error(
        "String",
        "parts_to_index",
        vec![parts.clone()],
        &clauses,
    ))
}

fn split_options_error(s: Term, p: &Term, opts: &Term) -> Error {
    let mark = |matched: bool, t: &str| {
        if matched {
            t.to_string()
        } else {
            format!("-{t}-")
        }
    };
    let regex = "-%Regex{} = pattern-".to_string();
    let empty = mark(matches!(p, Term::Binary(b) if b.is_empty()), "\"\"");
    let nil = mark(matches!(p, Term::List(items) if items.is_empty()), "[]");
    let guard = "when is_binary(string) and -is_list(options)-";
    let clauses = [
        format!("def split(string, {regex}, options) {guard}"),
        format!("def split(string, {empty}, options) {guard}"),
        format!("def split(string, {nil}, options) {guard}"),
        format!("def split(string, pattern, options) {guard}"),
    ];
    let clauses: Vec<&str> = clauses.iter().map(String::as_str).collect();
    clause_error(
        "String",
        "split",
        vec![s, p.clone(), opts.clone()],
        &clauses,
    )
}

/// `starts_with?`/`ends_with?` with a list walk it in order: a matching string answers
/// `true` before a later bad element is seen; a bad element falls out of a `case` on
/// `{string, byte_size(string), element}`.
fn first_match(subject: &Term, items: &[Term], prefix: bool) -> Option<Error> {
    let Term::Binary(s) = subject else {
        return None;
    };
    for item in items {
        match item {
            Term::Binary(p) if prefix && s.starts_with(p) => return None,
            Term::Binary(p) if !prefix && s.ends_with(p) => return None,
            Term::Binary(_) => {}
            bad => {
                let term = Term::tuple(vec![
                    subject.clone(),
                    Term::Int(s.len() as i64),
                    bad.clone(),
                ]);
                return Some(Error::Raise(exception(
                    "CaseClauseError",
                    vec![("term", term)],
                )));
            }
        }
    }
    None
}

/// `String.replace/4`: the replacement is checked by the guard, the pattern by
/// `:binary.matches/2` (or `:binary.match/2` with `global: false`).
fn replace_error(s: Term, p: &Term, r: &Term, opts: &Term) -> Option<Error> {
    let replacement_ok = matches!(r, Term::Binary(_) | Term::Fun(_));
    if !replacement_ok || !matches!(opts, Term::List(_)) {
        let mark = |ok: bool, t: &str| if ok { t.to_string() } else { format!("-{t}-") };
        let clause = format!(
            "def replace(subject, pattern, replacement, options) when is_binary(subject) and {} or {} and {}",
            mark(matches!(r, Term::Binary(_)), "is_binary(replacement)"),
            mark(matches!(r, Term::Fun(_)), "is_function(replacement, 1)"),
            mark(matches!(opts, Term::List(_)), "is_list(options)"),
        );
        let args = vec![s, p.clone(), r.clone(), opts.clone()];
        return Some(guard_clause("replace", args, &[&clause]));
    }
    if !invalid(p) {
        return None;
    }
    let global = !opts
        .keyword_get("global")
        .is_some_and(|g| g.is_atom("false"));
    let function = if global { "matches" } else { "match" };
    Some(bif_error(
        2,
        NOT_PATTERN,
        "binary",
        function,
        &[s, p.clone()],
    ))
}

fn guard_clause(function: &str, args: Vec<Term>, clauses: &[&str]) -> Error {
    clause_error("String", function, args, clauses)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::eval::report::format_error;

    fn shown(function: &str, args: &[Term]) -> Option<String> {
        check(function, &args[0], &args[1..]).map(|e| format_error(&e))
    }

    #[test]
    fn bad_patterns_go_to_binary() {
        let s = Term::string("a b");
        let text = shown("split", &[s.clone(), Term::Int(1)]).unwrap();
        assert!(text.contains("2nd argument: not a valid pattern"), "{text}");
        assert!(
            text.ends_with(":binary.split(\"a b\", 1, [:global])"),
            "{text}"
        );
        let opts = Term::list(vec![Term::tuple(vec![Term::atom("parts"), Term::Int(3)])]);
        let text = shown("split", &[s.clone(), Term::atom("x"), opts]).unwrap();
        assert!(text.ends_with(":binary.compile_pattern(:x)"), "{text}");
        let text = shown("replace", &[s, Term::atom("x"), Term::string("b")]).unwrap();
        assert!(text.ends_with(":binary.matches(\"a b\", :x)"), "{text}");
    }

    #[test]
    fn good_arguments_pass() {
        let s = Term::string("abc");
        assert!(shown("split", &[s.clone(), Term::string(" ")]).is_none());
        let prefixes = Term::list(vec![Term::string("a"), Term::Int(1)]);
        // The match on "a" answers before the bad element is reached.
        assert!(shown("starts_with?", &[s.clone(), prefixes]).is_none());
        let late = Term::list(vec![Term::string("x"), Term::Int(1)]);
        let text = shown("starts_with?", &[s, late]).unwrap();
        assert_eq!(
            text,
            "** (CaseClauseError) no case clause matching: {\"abc\", 3, 1}"
        );
    }

    #[test]
    fn whitespace_split_of_a_non_string_names_the_bif() {
        let text = format_error(&split_whitespace_error(&Term::nil()));
        assert!(text.contains("1st argument: not a binary"), "{text}");
        assert!(text.contains(":binary.split(nil, [\"\u{3000}\""), "{text}");
        assert!(text.contains("<<194, 133>>"), "{text}");
    }
}
