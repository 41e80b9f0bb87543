//! otpsh: an interactive shell for learning Elixir/OTP process naming, with an iex-exact
//! evaluator over a BEAM-like runtime. `main.rs` parses arguments and calls `run`;
//! everything else is library code that tests drive.

pub mod cli;
pub mod error;
pub mod eval;
pub mod inspect;
pub mod output;
pub mod run;
pub mod runtime;
pub mod shell;
pub mod syntax;
pub mod term;
pub mod vm;
