//! Elixir syntax: the tree (`ast`), the lexer and nom-assisted parser that build it
//! (`lexer`, `parser`), and the shell's short commands (`command`). Nothing here
//! evaluates or knows about processes.

pub mod ast;
pub mod command;
pub mod error;
pub mod lexer;
pub mod parser;
pub mod sexp;
pub mod token;

pub use error::{SyntaxError, SyntaxErrorKind};
pub use parser::{parse, parse_input, parse_line, Parsed, INVALID_FOR};
