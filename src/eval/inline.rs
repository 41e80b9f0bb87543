//! Elixir functions the compiler inlines to Erlang ones (`elixir_rewrite.erl`'s inline
//! rules). A capture of one is a capture of the Erlang function, so iex prints
//! `&Kernel.+/2` as `&:erlang.+/2` and `&Map.keys/1` as `&:maps.keys/1`; the rewrite
//! rules that reorder arguments (`elem/2`, `Map.put/3`) leave captures alone.

/// `(elixir module, function, arity, erlang module, erlang function)`.
const INLINED: &[(&str, &str, usize, &str, &str)] = &[
    ("Atom", "to_charlist", 1, "erlang", "atom_to_list"),
    ("Atom", "to_string", 1, "erlang", "atom_to_binary"),
    ("Integer", "to_charlist", 1, "erlang", "integer_to_list"),
    ("Integer", "to_charlist", 2, "erlang", "integer_to_list"),
    ("Integer", "to_string", 1, "erlang", "integer_to_binary"),
    ("Integer", "to_string", 2, "erlang", "integer_to_binary"),
    ("IO", "iodata_length", 1, "erlang", "iolist_size"),
    ("IO", "iodata_to_binary", 1, "erlang", "iolist_to_binary"),
    ("Kernel", "!=", 2, "erlang", "/="),
    ("Kernel", "!==", 2, "erlang", "=/="),
    ("Kernel", "*", 2, "erlang", "*"),
    ("Kernel", "+", 1, "erlang", "+"),
    ("Kernel", "+", 2, "erlang", "+"),
    ("Kernel", "++", 2, "erlang", "++"),
    ("Kernel", "-", 1, "erlang", "-"),
    ("Kernel", "-", 2, "erlang", "-"),
    ("Kernel", "--", 2, "erlang", "--"),
    ("Kernel", "/", 2, "erlang", "/"),
    ("Kernel", "<", 2, "erlang", "<"),
    ("Kernel", "<=", 2, "erlang", "=<"),
    ("Kernel", "==", 2, "erlang", "=="),
    ("Kernel", "===", 2, "erlang", "=:="),
    ("Kernel", ">", 2, "erlang", ">"),
    ("Kernel", ">=", 2, "erlang", ">="),
    ("Kernel", "abs", 1, "erlang", "abs"),
    ("Kernel", "apply", 2, "erlang", "apply"),
    ("Kernel", "apply", 3, "erlang", "apply"),
    ("Kernel", "binary_part", 3, "erlang", "binary_part"),
    ("Kernel", "bit_size", 1, "erlang", "bit_size"),
    ("Kernel", "byte_size", 1, "erlang", "byte_size"),
    ("Kernel", "ceil", 1, "erlang", "ceil"),
    ("Kernel", "div", 2, "erlang", "div"),
    ("Kernel", "exit", 1, "erlang", "exit"),
    ("Kernel", "floor", 1, "erlang", "floor"),
    (
        "Kernel",
        "function_exported?",
        3,
        "erlang",
        "function_exported",
    ),
    ("Kernel", "hd", 1, "erlang", "hd"),
    ("Kernel", "is_atom", 1, "erlang", "is_atom"),
    ("Kernel", "is_binary", 1, "erlang", "is_binary"),
    ("Kernel", "is_bitstring", 1, "erlang", "is_bitstring"),
    ("Kernel", "is_boolean", 1, "erlang", "is_boolean"),
    ("Kernel", "is_float", 1, "erlang", "is_float"),
    ("Kernel", "is_function", 1, "erlang", "is_function"),
    ("Kernel", "is_function", 2, "erlang", "is_function"),
    ("Kernel", "is_integer", 1, "erlang", "is_integer"),
    ("Kernel", "is_list", 1, "erlang", "is_list"),
    ("Kernel", "is_map", 1, "erlang", "is_map"),
    ("Kernel", "is_number", 1, "erlang", "is_number"),
    ("Kernel", "is_pid", 1, "erlang", "is_pid"),
    ("Kernel", "is_port", 1, "erlang", "is_port"),
    ("Kernel", "is_reference", 1, "erlang", "is_reference"),
    ("Kernel", "is_tuple", 1, "erlang", "is_tuple"),
    ("Kernel", "length", 1, "erlang", "length"),
    ("Kernel", "make_ref", 0, "erlang", "make_ref"),
    ("Kernel", "map_size", 1, "erlang", "map_size"),
    ("Kernel", "max", 2, "erlang", "max"),
    ("Kernel", "min", 2, "erlang", "min"),
    ("Kernel", "node", 0, "erlang", "node"),
    ("Kernel", "node", 1, "erlang", "node"),
    ("Kernel", "not", 1, "erlang", "not"),
    ("Kernel", "rem", 2, "erlang", "rem"),
    ("Kernel", "round", 1, "erlang", "round"),
    ("Kernel", "self", 0, "erlang", "self"),
    ("Kernel", "send", 2, "erlang", "send"),
    ("Kernel", "spawn", 1, "erlang", "spawn"),
    ("Kernel", "spawn", 3, "erlang", "spawn"),
    ("Kernel", "spawn_link", 1, "erlang", "spawn_link"),
    ("Kernel", "spawn_link", 3, "erlang", "spawn_link"),
    ("Kernel", "spawn_monitor", 1, "erlang", "spawn_monitor"),
    ("Kernel", "spawn_monitor", 3, "erlang", "spawn_monitor"),
    ("Kernel", "throw", 1, "erlang", "throw"),
    ("Kernel", "tl", 1, "erlang", "tl"),
    ("Kernel", "trunc", 1, "erlang", "trunc"),
    ("Kernel", "tuple_size", 1, "erlang", "tuple_size"),
    ("List", "to_atom", 1, "erlang", "list_to_atom"),
    (
        "List",
        "to_existing_atom",
        1,
        "erlang",
        "list_to_existing_atom",
    ),
    ("List", "to_float", 1, "erlang", "list_to_float"),
    ("List", "to_integer", 1, "erlang", "list_to_integer"),
    ("List", "to_integer", 2, "erlang", "list_to_integer"),
    ("List", "to_tuple", 1, "erlang", "list_to_tuple"),
    ("Map", "intersect", 2, "maps", "intersect"),
    ("Map", "keys", 1, "maps", "keys"),
    ("Map", "merge", 2, "maps", "merge"),
    ("Map", "to_list", 1, "maps", "to_list"),
    ("Map", "values", 1, "maps", "values"),
    ("Process", "alias", 0, "erlang", "alias"),
    ("Process", "alias", 1, "erlang", "alias"),
    ("Process", "alive?", 1, "erlang", "is_process_alive"),
    ("Process", "cancel_timer", 1, "erlang", "cancel_timer"),
    ("Process", "cancel_timer", 2, "erlang", "cancel_timer"),
    ("Process", "demonitor", 1, "erlang", "demonitor"),
    ("Process", "demonitor", 2, "erlang", "demonitor"),
    ("Process", "exit", 2, "erlang", "exit"),
    ("Process", "flag", 2, "erlang", "process_flag"),
    ("Process", "flag", 3, "erlang", "process_flag"),
    ("Process", "get", 0, "erlang", "get"),
    ("Process", "get_keys", 0, "erlang", "get_keys"),
    ("Process", "get_keys", 1, "erlang", "get_keys"),
    ("Process", "group_leader", 0, "erlang", "group_leader"),
    ("Process", "hibernate", 3, "erlang", "hibernate"),
    ("Process", "link", 1, "erlang", "link"),
    ("Process", "list", 0, "erlang", "processes"),
    ("Process", "read_timer", 1, "erlang", "read_timer"),
    ("Process", "registered", 0, "erlang", "registered"),
    ("Process", "send", 3, "erlang", "send"),
    ("Process", "spawn", 2, "erlang", "spawn_opt"),
    ("Process", "spawn", 4, "erlang", "spawn_opt"),
    ("Process", "unalias", 1, "erlang", "unalias"),
    ("Process", "unlink", 1, "erlang", "unlink"),
    ("Process", "unregister", 1, "erlang", "unregister"),
    ("String", "duplicate", 2, "binary", "copy"),
    ("String", "to_float", 1, "erlang", "binary_to_float"),
    ("String", "to_integer", 1, "erlang", "binary_to_integer"),
    ("String", "to_integer", 2, "erlang", "binary_to_integer"),
    ("System", "monotonic_time", 0, "erlang", "monotonic_time"),
    ("System", "os_time", 0, "os", "system_time"),
    ("System", "system_time", 0, "erlang", "system_time"),
    ("System", "time_offset", 0, "erlang", "time_offset"),
    ("System", "unique_integer", 0, "erlang", "unique_integer"),
    ("System", "unique_integer", 1, "erlang", "unique_integer"),
    ("Tuple", "append", 2, "erlang", "append_element"),
    ("Tuple", "to_list", 1, "erlang", "tuple_to_list"),
];

/// The Erlang function `module.function/arity` is inlined to (`module` as its atom is
/// spelled: `Elixir.Kernel`), if it is one.
pub fn inlined(module: &str, function: &str, arity: usize) -> Option<(&'static str, &'static str)> {
    let module = module.strip_prefix("Elixir.")?;
    INLINED
        .iter()
        .find(|(m, f, a, _, _)| *m == module && *f == function && *a == arity)
        .map(|(_, _, _, erl_module, erl_function)| (*erl_module, *erl_function))
}

#[cfg(test)]
mod tests {
    use super::inlined;

    #[test]
    fn kernel_operators_and_guards_are_erlang_bifs() {
        assert_eq!(inlined("Elixir.Kernel", "+", 2), Some(("erlang", "+")));
        assert_eq!(inlined("Elixir.Kernel", "!=", 2), Some(("erlang", "/=")));
        assert_eq!(inlined("Elixir.Map", "keys", 1), Some(("maps", "keys")));
    }

    #[test]
    fn rewrites_and_other_arities_are_not_inlined() {
        assert_eq!(inlined("Elixir.Kernel", "elem", 2), None);
        assert_eq!(inlined("Elixir.Kernel", "+", 3), None);
        assert_eq!(inlined("erlang", "+", 2), None);
    }
}
