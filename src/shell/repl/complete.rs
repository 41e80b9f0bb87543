//! Tab completion: what may follow the word under the cursor. It works on a `Known`
//! snapshot of the node taken before the prompt, so it never talks to processes while
//! the user types and can be tested without a terminal.

use super::modules;
use crate::shell::commands::COMMANDS;
use rustyline::completion::Pair;

/// What the shell knows of the node and its bindings when a prompt is shown.
#[derive(Clone, Debug, Default)]
pub struct Known {
    /// Variables bound in the shell.
    pub bindings: Vec<String>,
    /// Locally registered names (`Process.register/2`, `name: :x`), without the colon.
    pub registered: Vec<String>,
    /// Live registries as typed: `Registry`, `:rooms`.
    pub registries: Vec<String>,
    /// The string keys of every registry (`"cool_name"`), without quotes.
    pub keys: Vec<String>,
    /// Whether a `...(N)>` prompt continues an expression (no short commands there).
    pub continuing: bool,
}

/// Atoms a learner of the guide types often: options, exit reasons, `:via`.
const COMMON_ATOMS: &[&str] = &[
    "duplicate",
    "infinity",
    "kill",
    "normal",
    "ok",
    "shutdown",
    "unique",
    "via",
];

/// Where the replaced text starts and the candidates, as rustyline wants them.
pub fn complete(line: &str, pos: usize, known: &Known) -> (usize, Vec<Pair>) {
    let pos = floor_char_boundary(line, pos);
    let before = &line[..pos];
    if let Some(start) = open_string(before) {
        let closed = line[pos..].starts_with('"');
        let close = if closed { "" } else { "\"" };
        let prefix = &before[start..];
        let found = matching(known.keys.iter().map(String::as_str), prefix);
        return (start, pairs(found, close));
    }
    let start = word_start(before);
    let word = &before[start..];
    let atom = start > 0 && before[..start].ends_with(':') && !before[..start].ends_with("::");
    if let Some(dot) = word.rfind('.') {
        let module = if atom {
            format!(":{}", &word[..dot])
        } else {
            word[..dot].to_string()
        };
        let found = matching(
            modules::functions(&module).iter().copied(),
            &word[dot + 1..],
        );
        return (start + dot + 1, pairs(found, ""));
    }
    let found = if atom {
        let names = known.registered.iter().map(String::as_str);
        let regs = known.registries.iter().filter_map(|r| r.strip_prefix(':'));
        let erlang = std::iter::once("erlang");
        matching(
            names
                .chain(regs)
                .chain(COMMON_ATOMS.iter().copied())
                .chain(erlang),
            word,
        )
    } else if word.starts_with(|c: char| c.is_ascii_uppercase()) {
        let mut names: Vec<&str> = modules::aliases().collect();
        names.extend(known.registries.iter().map(String::as_str));
        matching(names.into_iter(), word)
    } else {
        let first_word = before[..start].trim().is_empty() && !known.continuing;
        let commands = COMMANDS.iter().map(|(w, _, _)| *w).filter(|_| first_word);
        let vars = known.bindings.iter().map(String::as_str);
        let kernel = modules::functions("Kernel").iter().copied();
        let helpers = modules::SHELL_HELPERS.iter().copied();
        matching(commands.chain(vars).chain(kernel).chain(helpers), word)
    };
    (start, pairs(found, ""))
}

/// The sorted, distinct names that start with `prefix`.
fn matching<'a>(names: impl Iterator<Item = &'a str>, prefix: &str) -> Vec<&'a str> {
    let mut found: Vec<&str> = names.filter(|n| n.starts_with(prefix)).collect();
    found.sort_unstable();
    found.dedup();
    found
}

fn pairs(found: Vec<&str>, suffix: &str) -> Vec<Pair> {
    found
        .into_iter()
        .map(|name| Pair {
            display: name.to_string(),
            replacement: format!("{name}{suffix}"),
        })
        .collect()
}

/// Where the text after an unclosed `"` starts, when the cursor is inside a string.
fn open_string(before: &str) -> Option<usize> {
    let mut open = None;
    let mut escaped = false;
    for (i, c) in before.char_indices() {
        match (open, c) {
            (Some(_), _) if escaped => escaped = false,
            (Some(_), '\\') => escaped = true,
            (Some(_), '"') => open = None,
            (None, '"') => open = Some(i + 1),
            _ => {}
        }
    }
    open
}

/// The start of the identifier (with dots, for `Module.fun`) that ends at the cursor.
fn word_start(before: &str) -> usize {
    let is_word = |c: char| c.is_alphanumeric() || matches!(c, '_' | '.' | '?' | '!' | '@');
    before
        .char_indices()
        .rev()
        .take_while(|(_, c)| is_word(*c))
        .last()
        .map_or(before.len(), |(i, _)| i)
}

fn floor_char_boundary(s: &str, mut pos: usize) -> usize {
    pos = pos.min(s.len());
    while !s.is_char_boundary(pos) {
        pos -= 1;
    }
    pos
}

#[cfg(test)]
mod tests {
    use super::*;

    fn known() -> Known {
        Known {
            bindings: vec!["pid".into(), "stack".into()],
            registered: vec!["my_server".into()],
            registries: vec!["Registry".into(), ":rooms".into()],
            keys: vec!["cool_name".into(), "room_42".into(), "room_7".into()],
            continuing: false,
        }
    }

    fn names(line: &str) -> (usize, Vec<String>) {
        let (start, found) = complete(line, line.len(), &known());
        (start, found.into_iter().map(|p| p.replacement).collect())
    }

    #[test]
    fn a_registry_key_inside_a_string_closes_the_string() {
        assert_eq!(names("state \"room_4"), (7, vec!["room_42\"".to_string()]));
        let line = "Registry.lookup(Registry, \"co";
        assert_eq!(names(line), (27, vec!["cool_name\"".to_string()]));
    }

    #[test]
    fn a_key_before_a_closing_quote_is_not_quoted_twice() {
        let (_, found) = complete("state \"ro\"", 9, &known());
        let found: Vec<_> = found.into_iter().map(|p| p.replacement).collect();
        assert_eq!(found, ["room_42", "room_7"]);
    }

    #[test]
    fn functions_after_a_module_and_a_dot() {
        assert_eq!(names("Registry.lo"), (9, vec!["lookup".to_string()]));
        assert_eq!(
            names("x = DSupervisor.st"),
            (16, vec!["start_link".into(), "start_server".into()])
        );
        assert_eq!(
            names(":erlang.system_i"),
            (8, vec!["system_info".to_string()])
        );
    }

    #[test]
    fn modules_and_registries_by_capital() {
        let (start, found) = names("Dyn");
        assert_eq!((start, found), (0, vec!["DynamicSupervisor".to_string()]));
        assert!(names("Reg").1.contains(&"Registry".to_string()));
    }

    #[test]
    fn registered_names_and_atom_registries_after_a_colon() {
        assert_eq!(
            names("GenServer.call(:my"),
            (16, vec!["my_server".to_string()])
        );
        assert_eq!(names(":roo"), (1, vec!["rooms".to_string()]));
        assert_eq!(names("Registry.start_link(keys: :uni").1, ["unique"]);
    }

    #[test]
    fn commands_only_as_the_first_word_and_variables_anywhere() {
        assert_eq!(names("sta").1, ["stack", "start", "state"]);
        assert_eq!(names("x = sta").1, ["stack"]);
        let mut continuing = known();
        continuing.continuing = true;
        let (_, found) = complete("sta", 3, &continuing);
        assert_eq!(found.len(), 1);
    }

    #[test]
    fn a_cursor_inside_a_multibyte_char_does_not_panic() {
        let line = "\"é";
        let _ = complete(line, 2, &known());
        let _ = complete("", 5, &known());
    }
}
