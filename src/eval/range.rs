//! Ranges written at the prompt: `first..last` and `first..last//step`. Elixir's macros
//! reject literals that can never make a range while expanding (before the line runs);
//! anything else is checked when the range is built, as `Range.new/2,3` does.

use super::{ops, Env, Evaluator};
use crate::error::{Error, Result};
use crate::syntax::ast::{Expr, ExprKind, StrPart};
use crate::term::Term;

impl Evaluator<'_> {
    pub(crate) fn range(
        &mut self,
        first: &Expr,
        last: &Expr,
        step: Option<&Expr>,
        env: &mut Env,
    ) -> Result<Term> {
        self.check_range_literals(first, last, step, env)?;
        let first = self.eval(first, env)?;
        let last = self.eval(last, env)?;
        let step = match step {
            Some(s) => Some(self.eval(s, env)?),
            None => None,
        };
        ops::range(first, last, step)
    }

    /// What `Kernel.../2` and `..///3` reject while expanding, before the line runs: a
    /// literal that is no integer as a side, a literal step that is no non-zero integer.
    fn check_range_literals(
        &mut self,
        first: &Expr,
        last: &Expr,
        step: Option<&Expr>,
        env: &mut Env,
    ) -> Result<()> {
        let frame = match step {
            Some(_) => "Kernel.\"..//\"/3",
            None => "Kernel.\"..\"/2",
        };
        let expanding = |line: usize| {
            format!("(elixir 1.14.0) expanding macro: {frame}\n    iex:{line}: (file)")
        };
        if not_an_integer_literal(first) || not_an_integer_literal(last) {
            let first = self.eval(first, env)?;
            let last = self.eval(last, env)?;
            return Err(Error::argument(format!(
                "ranges (first..last//step) expect both sides to be integers, got: {}..{}",
                crate::inspect::inspect_plain(&first),
                crate::inspect::inspect_plain(&last)
            ))
            .at(expanding(self.line)));
        }
        if let Some(step) = step {
            if not_an_integer_literal(step) || matches!(step.kind, ExprKind::Int(0)) {
                let step = self.eval(step, env)?;
                return Err(Error::argument(format!(
                    "ranges (first..last//step) expect the step to be a non-zero integer, got: {}",
                    crate::inspect::inspect_plain(&step)
                ))
                .at(expanding(self.line)));
            }
        }
        Ok(())
    }
}

/// A literal Elixir's range macros see is no integer: a float, an atom, a string
/// without interpolation or a list.
fn not_an_integer_literal(e: &Expr) -> bool {
    match &e.kind {
        ExprKind::Float(_) | ExprKind::Atom(_) | ExprKind::List { .. } => true,
        ExprKind::Str(parts) => parts.iter().all(|p| matches!(p, StrPart::Lit(_))),
        _ => false,
    }
}
