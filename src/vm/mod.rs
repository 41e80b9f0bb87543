//! The VM: typed Elixir compiled to register code and run with heap frames.
//!
//! It owns compiled code (`code`), the compiler from the syntax tree (`compile`), the run
//! loop (`interp`), the function values it makes (`closure`), the library functions it
//! drives as state machines so their callbacks run in its frames (`native`), and the
//! processes that run its code (`process`, `gen_server`). Elixir calls between VM
//! functions never recurse on the Rust stack: a non-tail call pushes a heap frame, a tail
//! call reuses one, so depth is bounded by memory (and `interp::MAX_REGISTERS`), not by
//! the thread's stack. The evaluator (`crate::eval`) stays the context of everything
//! the VM calls out to: library functions, the walker for constructs not compiled yet,
//! receives. This module never prints and never blocks except through those calls.

pub mod closure;
pub mod code;
pub mod compile;
pub(crate) mod gen_server;
pub mod interp;
pub mod module;
pub(crate) mod native;
pub(crate) mod process;
#[cfg(test)]
mod tests;

use crate::error::Result;
use crate::eval::{Env, Evaluator};
use crate::syntax::ast::Expr;
use crate::term::Term;
use closure::VmClosure;
use std::sync::Arc;

pub use compile::compilable;

/// Compiles and runs a typed top-level expression; its bindings go to `env`.
pub fn run_line(ev: &mut Evaluator, expr: &Expr, env: &mut Env) -> Result<Term> {
    let line = compile::line(ev, expr, env)?;
    let args: Vec<Term> = line
        .reads
        .iter()
        .map(|(name, _)| env.get(name).cloned().unwrap_or_else(Term::nil))
        .collect();
    // The line's reads are its first registers, as a function's arguments are.
    let code = Arc::new(VmClosure {
        proto: line.proto,
        captured: Box::new([]),
        env: Arc::new(env.without_vars()),
    });
    let mut machine = interp::Machine::new();
    let value = machine.run(ev, code, args)?;
    for (name, value) in machine.take_exports() {
        env.bind(&name, value);
    }
    Ok(value)
}

/// Calls a VM closure from outside the VM (a library function, a spawned process).
pub fn apply(ev: &mut Evaluator, closure: Arc<VmClosure>, args: Vec<Term>) -> Result<Term> {
    let mut machine = ev.machines.pop().unwrap_or_default();
    let result = machine.run(ev, closure, args);
    ev.machines.push(machine);
    result
}
