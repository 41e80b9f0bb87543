//! The structs the printer recognises, with their fields in definition order.
//!
//! Elixir prints a struct's fields in the order of its `defstruct` (taken from the
//! module at run time) and prints the map as a plain map when the module has no such
//! struct. Terms here are plain maps and otpsh loads no Elixir modules, so the order of
//! the structs a learner can meet (the exceptions of `error.rs`, ranges, a few stdlib
//! structs) is recorded here, as real Elixir 1.14 reports it through `__info__(:struct)`.

/// `(module without "Elixir.", is an exception, fields in definition order)`.
const STRUCTS: &[(&str, bool, &[&str])] = &[
    ("ArgumentError", true, &["message"]),
    ("RuntimeError", true, &["message"]),
    ("KeyError", true, &["key", "term", "message"]),
    (
        "FunctionClauseError",
        true,
        &["module", "function", "arity", "kind", "args", "clauses"],
    ),
    ("SystemLimitError", true, &["message"]),
    ("MatchError", true, &["term"]),
    ("CaseClauseError", true, &["term"]),
    ("CondClauseError", true, &[]),
    ("BadMapError", true, &["term"]),
    ("BadArityError", true, &["function", "args"]),
    ("BadFunctionError", true, &["term"]),
    ("BadStructError", true, &["struct", "term"]),
    ("BadBooleanError", true, &["term", "operator"]),
    (
        "UndefinedFunctionError",
        true,
        &["module", "function", "arity", "reason", "message"],
    ),
    ("ArithmeticError", true, &["message"]),
    (
        "Protocol.UndefinedError",
        true,
        &["protocol", "value", "description"],
    ),
    ("ErlangError", true, &["original", "reason"]),
    ("TryClauseError", true, &["term"]),
    ("WithClauseError", true, &["term"]),
    ("Enum.EmptyError", true, &["message"]),
    ("Enum.OutOfBoundsError", true, &["message"]),
    ("Range", false, &["first", "last", "step"]),
    ("MapSet", false, &["map", "version"]),
    ("Task", false, &["mfa", "owner", "pid", "ref"]),
    (
        "DynamicSupervisor",
        false,
        &[
            "args",
            "extra_arguments",
            "mod",
            "name",
            "strategy",
            "max_children",
            "max_restarts",
            "max_seconds",
            "children",
            "restarts",
        ],
    ),
];

/// Whether `alias` (`"KeyError"`) is a struct otpsh knows, whether it is an exception,
/// and its fields in definition order.
pub fn struct_fields(alias: &str) -> Option<(bool, &'static [&'static str])> {
    STRUCTS
        .iter()
        .find(|(name, _, _)| *name == alias)
        .map(|(_, exception, fields)| (*exception, *fields))
}

/// The fields of `module` (an atom name such as `"Elixir.KeyError"`) if the map's keys
/// are exactly that struct's: `__struct__`, `__exception__` for exceptions, the fields.
pub fn fields_of(module: &str, keys: &[&str]) -> Option<&'static [&'static str]> {
    let alias = module.strip_prefix("Elixir.")?;
    let (_, exception, fields) = STRUCTS.iter().find(|(name, _, _)| *name == alias)?;
    let expected = fields.len() + 1 + usize::from(*exception);
    let all_known = keys
        .iter()
        .all(|k| *k == "__struct__" || (*exception && *k == "__exception__") || fields.contains(k));
    (keys.len() == expected && all_known).then_some(*fields)
}

#[cfg(test)]
mod tests {
    use super::fields_of;

    #[test]
    fn a_struct_needs_exactly_its_keys() {
        let keys = ["__exception__", "__struct__", "message"];
        assert_eq!(
            fields_of("Elixir.ArgumentError", &keys),
            Some(&["message"][..])
        );
        assert_eq!(fields_of("Elixir.ArgumentError", &keys[1..]), None);
        assert_eq!(fields_of("Elixir.Nope", &keys), None);
    }
}
