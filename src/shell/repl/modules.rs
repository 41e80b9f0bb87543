//! The modules a learner can call at the shell and their public functions, for tab
//! completion after `Module.`. It lists names only; what a call means stays with the
//! evaluator, and a name listed here that the evaluator lacks is answered there with
//! iex's own `UndefinedFunctionError`.

/// Aliases (and `:erlang`) with their functions, in the order completion lists them.
pub const MODULES: &[(&str, &[&str])] = &[
    (
        "DSupervisor",
        &["child_spec", "init", "start_link", "start_server"],
    ),
    (
        "DynamicSupervisor",
        &[
            "child_spec",
            "count_children",
            "init",
            "start_child",
            "start_link",
            "stop",
            "terminate_child",
            "which_children",
        ],
    ),
    (
        "GenServer",
        &[
            "abcast",
            "call",
            "cast",
            "multi_call",
            "reply",
            "start",
            "start_link",
            "stop",
            "whereis",
        ],
    ),
    (
        "Registry",
        &[
            "child_spec",
            "count",
            "count_match",
            "count_select",
            "delete_meta",
            "dispatch",
            "keys",
            "lookup",
            "match",
            "meta",
            "put_meta",
            "register",
            "select",
            "start_link",
            "unregister",
            "unregister_match",
            "update_value",
            "values",
        ],
    ),
    (
        "Process",
        &[
            "alive?",
            "demonitor",
            "exit",
            "flag",
            "info",
            "link",
            "list",
            "monitor",
            "register",
            "registered",
            "send",
            "sleep",
            "unlink",
            "unregister",
            "whereis",
        ],
    ),
    (
        "Server",
        &[
            "child_spec",
            "code_change",
            "handle_call",
            "handle_cast",
            "handle_info",
            "init",
            "start_link",
            "state",
            "terminate",
        ],
    ),
    ("IO", &["inspect", "puts", "write"]),
    (
        "Enum",
        &[
            "all?",
            "any?",
            "at",
            "count",
            "drop",
            "each",
            "empty?",
            "filter",
            "find",
            "flat_map",
            "into",
            "join",
            "map",
            "map_join",
            "max",
            "member?",
            "min",
            "reduce",
            "reject",
            "reverse",
            "sort",
            "sort_by",
            "sum",
            "take",
            "to_list",
            "uniq",
            "with_index",
            "zip",
        ],
    ),
    (
        "String",
        &[
            "contains?",
            "downcase",
            "duplicate",
            "ends_with?",
            "length",
            "replace",
            "reverse",
            "split",
            "starts_with?",
            "to_atom",
            "to_existing_atom",
            "to_integer",
            "trim",
            "upcase",
        ],
    ),
    (
        "Map",
        &[
            "delete", "fetch", "get", "has_key?", "keys", "merge", "put", "to_list", "values",
        ],
    ),
    (
        "List",
        &["delete", "first", "flatten", "last", "to_tuple", "wrap"],
    ),
    ("Tuple", &["to_list"]),
    ("Integer", &["parse", "to_string"]),
    ("Atom", &["to_string"]),
    ("Keyword", &["get"]),
    (
        "Kernel",
        &[
            "abs",
            "apply",
            "byte_size",
            "div",
            "elem",
            "exit",
            "hd",
            "inspect",
            "is_atom",
            "is_binary",
            "is_boolean",
            "is_float",
            "is_function",
            "is_integer",
            "is_list",
            "is_map",
            "is_nil",
            "is_number",
            "is_pid",
            "is_reference",
            "is_tuple",
            "length",
            "make_ref",
            "map_size",
            "max",
            "min",
            "node",
            "put_elem",
            "raise",
            "rem",
            "round",
            "self",
            "send",
            "spawn",
            "spawn_link",
            "spawn_monitor",
            "throw",
            "tl",
            "to_string",
            "trunc",
            "tuple_size",
        ],
    ),
    (
        ":erlang",
        &[
            "atom_to_binary",
            "binary_to_atom",
            "binary_to_existing_atom",
            "exit",
            "is_process_alive",
            "length",
            "make_ref",
            "node",
            "self",
            "system_info",
            "whereis",
        ],
    ),
];

/// Functions the shell imports, callable without a module: Kernel's and iex's helpers.
pub const SHELL_HELPERS: &[&str] = &["flush", "pid", "v"];

/// The functions of `module` as typed (`GenServer`, `:erlang`); empty when unknown.
pub fn functions(module: &str) -> &'static [&'static str] {
    MODULES
        .iter()
        .find(|(m, _)| *m == module)
        .map_or(&[], |(_, fs)| fs)
}

/// The aliases, without `:erlang`.
pub fn aliases() -> impl Iterator<Item = &'static str> {
    MODULES
        .iter()
        .map(|(m, _)| *m)
        .filter(|m| !m.starts_with(':'))
}
