//! Elixir syntax: the tree (`ast`) and the nom parser that builds it (`parser`).
//! Nothing here evaluates or knows about processes.

pub mod ast;
pub mod parser;
