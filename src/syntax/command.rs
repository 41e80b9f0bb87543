//! Short commands (temporary stand-in until the command parser lands).
use super::ast::Expr;

pub enum Name {
    Via(String),
    Atom(String),
    Pid(u64),
}

pub enum Command {
    Start { value: Expr, name: Option<Name> },
    State(Name),
    Lookup(Name),
    Terminate(Name),
    Stop(Name),
    Crash { name: Name, reason: Option<Expr> },
    Children,
    Count,
    Registries,
    Atoms,
    Ps,
    Quit,
    Help(Option<String>),
    Explain(bool),
}

pub struct CommandError {
    pub usage: String,
    pub column: usize,
}

pub fn parse_command(_line: &str) -> Option<Result<Command, CommandError>> {
    None
}
