//! `&(...)` with `&1`, `&2`...: the numbering Elixir requires, and the shapes that are
//! plain function captures in disguise. `&String.upcase(&1)`, `&elem(&1, &2)` and
//! `&(&1 == &2)` call one function with exactly the arguments in order, so Elixir makes
//! them `&String.upcase/1`, `&Kernel.elem/2` and `&:erlang.==/2`; anything else is a
//! fn of its own (`#Function<...>` when printed).

use super::call::visit;
use super::{Env, Evaluator};
use crate::error::Result;
use crate::syntax::ast::{CallTarget, Expr, ExprKind, UnaryOp};
use crate::term::Term;

impl Evaluator<'_> {
    pub(crate) fn capture(&mut self, body: &Expr, env: &mut Env) -> Result<Term> {
        numbering(body).map_err(|message| self.compile_error(&message))?;
        match function_shape(body) {
            // A macro (`&to_string(&1)`, `&(&1 <> &2)`) stays a fn that expands it.
            Some((module, name, arity)) if !kernel_macro(module, &name, arity) => {
                self.capture_fun(module, &name, arity, env)
            }
            _ => Ok(self.capture_expr(body, env)),
        }
    }
}

/// Whether `&(body)` is a fn of its own: its `&N` are numbered as Elixir requires, and
/// it is no function capture in disguise (which `Evaluator::capture` makes).
pub(crate) fn is_own_fn(body: &Expr) -> bool {
    numbering(body).is_ok_and(|arity| arity > 0)
        && match function_shape(body) {
            Some((module, name, arity)) => kernel_macro(module, &name, arity),
            None => true,
        }
}

/// The arity of `&(body)` (its highest `&N`), or the description of Elixir's
/// `CompileError` when its `&N` are not numbered as Elixir requires.
fn numbering(body: &Expr) -> std::result::Result<usize, String> {
    let mut used = Vec::new();
    visit(body, &mut |e| {
        if let ExprKind::CaptureArg(n) = e.kind {
            used.push(n);
        }
    });
    if let Some(bad) = used.iter().find(|n| !(1..=255).contains(*n)) {
        return Err(format!(
            "capture argument &{bad} must be numbered between 1 and 255"
        ));
    }
    let max = used.iter().copied().max().unwrap_or(0);
    if let Some(missing) = (1..max).find(|n| !used.contains(n)) {
        return Err(format!(
            "capture argument &{} cannot be defined without &{missing} (you cannot skip arguments, all arguments must be numbered)",
            missing + 1
        ));
    }
    Ok(max)
}

fn kernel_macro(module: Option<&Expr>, name: &str, arity: usize) -> bool {
    let kernel = match module {
        None => true,
        Some(m) => matches!(&m.kind, ExprKind::Alias(a) if a == "Kernel"),
    };
    kernel && super::builtins::is_kernel_macro(name, arity)
}

/// The function a capture body calls with `&1..&n` in order and nothing else.
fn function_shape(body: &Expr) -> Option<(Option<&Expr>, String, usize)> {
    let in_order = |args: &[&Expr]| {
        !args.is_empty()
            && args
                .iter()
                .enumerate()
                .all(|(i, a)| a.kind == ExprKind::CaptureArg(i + 1))
    };
    match &body.kind {
        ExprKind::Call { target, args } => {
            let refs: Vec<&Expr> = args.iter().collect();
            if !in_order(&refs) {
                return None;
            }
            match target {
                CallTarget::Local(name) => Some((None, name.clone(), args.len())),
                CallTarget::Remote { module, function } => {
                    Some((Some(module.as_ref()), function.clone(), args.len()))
                }
                CallTarget::Anonymous(_) => None,
            }
        }
        ExprKind::Binary { op, lhs, rhs } if in_order(&[lhs, rhs]) => {
            Some((None, op.symbol().to_string(), 2))
        }
        ExprKind::Unary { op, expr } if in_order(&[expr]) => {
            let name = match op {
                UnaryOp::Neg => "-",
                UnaryOp::Plus => "+",
                UnaryOp::Not => "not",
                UnaryOp::Bang => "!",
            };
            Some((None, name.to_string(), 1))
        }
        _ => None,
    }
}
