//! The short commands: each is sugar for one Elixir expression of the guide, and
//! prints exactly what that expression prints. This module only translates; the
//! syntax of the commands is `syntax::command`'s, their meaning is the evaluator's.

use crate::inspect::inspect_plain;
use crate::syntax::command::{parse_command, Command, Name};
use crate::term::Term;

/// What a line turned out to be, when it is a short command.
#[derive(Debug, PartialEq)]
pub enum Recognized {
    /// Evaluate this Elixir; `needs_setup` when it uses `DSupervisor` or `Registry`.
    Elixir {
        source: String,
        needs_setup: bool,
    },
    /// Print this (help).
    Text(String),
    Explain(bool),
    /// A command word with arguments it does not take: its usage.
    Usage(String),
    Quit,
}

/// The commands, their forms, what they stand for: the text of `help`.
pub const COMMANDS: &[(&str, &str, &str)] = &[
    (
        "start",
        "start VALUE [NAME]",
        "DSupervisor.start_server(VALUE, NAME)",
    ),
    ("state", "state NAME", "Server.state(NAME)"),
    ("lookup", "lookup NAME", "Registry.lookup(Registry, KEY)"),
    (
        "terminate",
        "terminate NAME",
        "DynamicSupervisor.terminate_child(DSupervisor, GenServer.whereis(NAME))",
    ),
    (
        "crash",
        "crash NAME [REASON]",
        "Process.exit(GenServer.whereis(NAME), REASON) (default :kill)",
    ),
    ("stop", "stop NAME", "GenServer.stop(NAME)"),
    (
        "children",
        "children",
        "DynamicSupervisor.which_children(DSupervisor)",
    ),
    (
        "count",
        "count",
        "DynamicSupervisor.count_children(DSupervisor)",
    ),
    (
        "registries",
        "registries",
        "Registry.select(Registry, ...) (every {key, pid} in Registry)",
    ),
    (
        "atoms",
        "atoms",
        "{:erlang.system_info(:atom_count), :erlang.system_info(:atom_limit)}",
    ),
    ("ps", "ps", "Process.list()"),
    (
        "explain",
        "explain on|off",
        "show the Elixir each command stands for",
    ),
    ("help", "help [COMMAND]", "this text"),
    ("quit", "quit", "leave the shell (Ctrl-D does too)"),
];

/// The command in `line`, if it is one. A bare command word that has been a variable
/// in this session is Elixir (`count = 3` then `count` shows 3, and after the shell
/// restarted it is iex's undefined-variable error, which is the lesson).
pub fn recognize(line: &str, was_variable: &dyn Fn(&str) -> bool) -> Option<Recognized> {
    let word = line.trim();
    if was_variable(word) {
        return None;
    }
    // The banner says "type h() ENTER for help": here that help is the short commands'.
    if word == "h()" {
        return Some(Recognized::Text(help(None)));
    }
    Some(match parse_command(line)? {
        // The parser's text already starts with "usage: ".
        Err(e) => Recognized::Usage(e.usage),
        Ok(command) => translate(&command, line),
    })
}

/// The Elixir a command stands for.
pub fn translate(command: &Command, line: &str) -> Recognized {
    let elixir = |source: String| Recognized::Elixir {
        source,
        needs_setup: true,
    };
    match command {
        Command::Start { value, name } => {
            let value = &line[value.span.start..value.span.end];
            let name = name.as_ref().map_or_else(|| "nil".to_string(), server_name);
            elixir(format!("DSupervisor.start_server({value}, {name})"))
        }
        Command::State(name) => elixir(format!("Server.state({})", server_name(name))),
        Command::Lookup(name) => elixir(match name {
            Name::Via(key) => format!("Registry.lookup(Registry, {})", quote(key)),
            Name::Atom(a) => format!("Process.whereis({})", atom(a)),
            Name::Pid(n) => format!("Registry.keys(Registry, pid(0, {n}, 0))"),
        }),
        Command::Terminate(name) => elixir(format!(
            "DynamicSupervisor.terminate_child(DSupervisor, {})",
            pid_of(name)
        )),
        Command::Crash { name, reason } => {
            let reason = reason
                .as_ref()
                .map_or(":kill", |r| &line[r.span.start..r.span.end]);
            elixir(format!("Process.exit({}, {reason})", pid_of(name)))
        }
        Command::Stop(name) => elixir(format!("GenServer.stop({})", server_name(name))),
        Command::Children => elixir("DynamicSupervisor.which_children(DSupervisor)".into()),
        Command::Count => elixir("DynamicSupervisor.count_children(DSupervisor)".into()),
        Command::Registries => elixir(
            "Registry.select(Registry, [{{:\"$1\", :\"$2\", :_}, [], [{{:\"$1\", :\"$2\"}}]}])"
                .into(),
        ),
        Command::Atoms => Recognized::Elixir {
            source: "{:erlang.system_info(:atom_count), :erlang.system_info(:atom_limit)}".into(),
            needs_setup: false,
        },
        Command::Ps => Recognized::Elixir {
            source: "Process.list()".into(),
            needs_setup: false,
        },
        Command::Help(topic) => Recognized::Text(help(topic.as_deref())),
        Command::Explain(on) => Recognized::Explain(*on),
        Command::Quit => Recognized::Quit,
    }
}

/// A NAME as a GenServer name: `{:via, Registry, {Registry, "x"}}`, `:x` or a pid.
fn server_name(name: &Name) -> String {
    match name {
        Name::Via(key) => format!("{{:via, Registry, {{Registry, {}}}}}", quote(key)),
        Name::Atom(a) => atom(a),
        Name::Pid(n) => format!("pid(0, {n}, 0)"),
    }
}

/// A NAME as a pid expression.
fn pid_of(name: &Name) -> String {
    match name {
        Name::Pid(n) => format!("pid(0, {n}, 0)"),
        other => format!("GenServer.whereis({})", server_name(other)),
    }
}

fn quote(s: &str) -> String {
    inspect_plain(&Term::string(s))
}

fn atom(a: &str) -> String {
    inspect_plain(&Term::atom(a))
}

/// `help` and `help COMMAND`.
pub fn help(topic: Option<&str>) -> String {
    let rows: Vec<&(&str, &str, &str)> = match topic {
        Some(t) => COMMANDS.iter().filter(|(w, _, _)| *w == t).collect(),
        None => COMMANDS.iter().collect(),
    };
    if rows.is_empty() {
        return format!(
            "no command {:?}; `help` lists them",
            topic.unwrap_or_default()
        );
    }
    let mut text = String::new();
    if topic.is_none() {
        text.push_str(
            "Short commands (each stands for the Elixir on its right; Elixir works too):\n",
        );
        text.push_str(
            "NAME is \"key\" (a name in Registry), :atom (a local name) or #PID<0.N.0>\n\n",
        );
    }
    for (_, form, meaning) in rows {
        text.push_str(&format!("  {form:<22} {meaning}\n"));
    }
    text.trim_end().to_string()
}

#[cfg(test)]
mod tests {
    use super::{recognize, Recognized};

    /// Found by fuzzing the short commands: the usage line read "usage: usage: ...".
    #[test]
    fn a_command_with_wrong_arguments_prints_its_usage_once() {
        let usage = |line: &str| match recognize(line, &|_| false) {
            Some(Recognized::Usage(text)) => text,
            _ => panic!("{line} is no usage error"),
        };
        assert_eq!(usage("crash"), "usage: crash NAME [REASON]");
        assert_eq!(usage("state 1 2"), "usage: state NAME");
    }
}
