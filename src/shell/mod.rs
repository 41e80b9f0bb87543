//! The shell: a `Session` (the iex loop over the runtime and the evaluator), the short
//! commands, replay of scripts, `check` of transcripts, and the interactive terminal.

pub mod check;
pub mod commands;
pub mod hints;
pub mod repl;
pub mod replay;
pub mod session;
pub mod transcript;
