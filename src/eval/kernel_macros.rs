//! Kernel macros a learner types that cannot be plain functions: they take a pattern
//! (`match?/2`, `destructure/2`) or a path (`put_in/2`, `update_in/2`, in
//! `access_path`), read the caller's bindings (`binding/0`), or are `if`/`unless`
//! written as calls, as a pipe makes them (`x |> if(do: 1, else: 2)`).

use super::special::section;
use super::{Env, Evaluator};
use crate::error::{Error, Result};
use crate::syntax::ast::{CallTarget, Expr, ExprKind};
use crate::term::Term;

/// The clauses of `Kernel.Utils.destructure/2` as iex lists them, `-marks-` on what
/// failed for a value that is neither a list nor `nil`.
const DESTRUCTURE_CLAUSES: [&str; 2] = [
    "def destructure(list, count) when -is_list(list)- and is_integer(count) and count >= 0",
    "def destructure(-nil-, count) when is_integer(count) and count >= 0",
];

/// `pattern when guard` split in two; a pattern without a guard has none.
pub(crate) fn split_guard(pattern: &Expr) -> (&Expr, Option<&Expr>) {
    match &pattern.kind {
        ExprKind::Call {
            target: CallTarget::Local(w),
            args,
        } if w == "when" && args.len() == 2 => (&args[0], Some(&args[1])),
        _ => (pattern, None),
    }
}

impl Evaluator<'_> {
    /// `match?`, `binding`, `destructure`, `if`/`unless` as calls: `None` when `name`
    /// with these arguments is none of them.
    pub(crate) fn kernel_macro(
        &mut self,
        name: &str,
        args: &[Expr],
        env: &mut Env,
    ) -> Option<Result<Term>> {
        match (name, args) {
            ("match?", [pattern, subject]) => Some(self.match_form(pattern, subject, env)),
            ("binding", []) => Some(Ok(binding(env))),
            ("destructure", [left, right]) => Some(self.destructure(left, right, env)),
            ("put_in" | "update_in", [_, _]) => self.path_macro(name, args, env),
            ("pop_in", [_]) | ("get_and_update_in", [_, _]) => {
                self.get_and_update_macro(name, args, env)
            }
            ("if" | "unless", [condition, keywords]) if section(keywords, "do").is_some() => {
                Some(self.if_call(name == "if", condition, keywords, env))
            }
            _ => None,
        }
    }

    /// `match?(pattern, expr)` is `case expr do pattern -> true; _ -> false end`: the
    /// pattern's bindings stay inside it, the subject's (`match?(x, y = 1)`) do not.
    fn match_form(&mut self, pattern: &Expr, subject: &Expr, env: &mut Env) -> Result<Term> {
        let value = self.eval(subject, env)?;
        let (pattern, guard) = split_guard(pattern);
        let mut scope = env.clone();
        if !self.match_pattern(pattern, &value, &mut scope)? {
            return Ok(Term::bool(false));
        }
        // An error inside a guard makes the guard fail, as on the BEAM.
        let passes = match guard {
            None => true,
            Some(g) => matches!(self.eval(g, &mut scope), Ok(t) if t.is_atom("true")),
        };
        Ok(Term::bool(passes))
    }

    /// `destructure([a, b], list)` is `[a, b] = Kernel.Utils.destructure(list, 2)`: the
    /// list cut or padded with `nil` to the pattern's length, then matched.
    fn destructure(&mut self, left: &Expr, right: &Expr, env: &mut Env) -> Result<Term> {
        let ExprKind::List {
            items: patterns,
            tail: None,
        } = &left.kind
        else {
            // The macro has one clause, for a literal list, and fails while expanding.
            return Err(
                Error::function_clause("Kernel", "destructure", 2).at(format!(
                    "(elixir 1.14.0) expanding macro: Kernel.destructure/2\n    iex:{}: (file)",
                    self.line
                )),
            );
        };
        let count = patterns.len();
        let values = match self.eval(right, env)? {
            Term::List(items) => {
                let mut values: Vec<Term> = items.iter().take(count).cloned().collect();
                values.resize(count, Term::nil());
                values
            }
            nil if nil.is_nil() => vec![Term::nil(); count],
            other => {
                return Err(super::builtins::blamed_clause_with(
                    "Kernel.Utils",
                    "destructure",
                    &[other, Term::Int(count as i64)],
                    &DESTRUCTURE_CLAUSES,
                ))
            }
        };
        let value = Term::list(values);
        self.match_or_raise(left, &value, env)?;
        Ok(value)
    }

    fn if_call(
        &mut self,
        is_if: bool,
        condition: &Expr,
        keywords: &Expr,
        env: &mut Env,
    ) -> Result<Term> {
        let taken = self.eval(condition, env)?.is_truthy() == is_if;
        let branch = if taken {
            section(keywords, "do")
        } else {
            section(keywords, "else")
        };
        // Bindings inside a branch do not leak out of it.
        match branch {
            Some(e) => self.eval(e, &mut env.clone()),
            None => Ok(Term::nil()),
        }
    }
}

/// `binding()`: the variables in scope, sorted by name, as a keyword list.
fn binding(env: &Env) -> Term {
    Term::list(
        env.names()
            // `&1`... are a capture's arguments, not variables.
            .filter(|name| !name.starts_with('&'))
            .filter_map(|name| {
                let value = env.get(name)?.clone();
                Some(Term::tuple(vec![Term::atom(name), value]))
            })
            .collect(),
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::syntax::parser::parse;

    fn first(src: &str) -> Expr {
        parse(src).unwrap().exprs.remove(0)
    }

    #[test]
    fn a_guard_is_split_from_its_pattern() {
        let e = first("{:ok, x} when x > 0");
        let (pattern, guard) = split_guard(&e);
        assert!(matches!(pattern.kind, ExprKind::Tuple(_)));
        assert!(guard.is_some());
        let e = first("{:ok, x}");
        assert!(split_guard(&e).1.is_none());
    }

    #[test]
    fn binding_lists_variables_by_name_without_capture_arguments() {
        let mut env = Env::default();
        env.bind("y", Term::Int(2));
        env.bind("&1", Term::Int(9));
        env.bind("_x", Term::Int(1));
        let expected = Term::list(vec![
            Term::tuple(vec![Term::atom("_x"), Term::Int(1)]),
            Term::tuple(vec![Term::atom("y"), Term::Int(2)]),
        ]);
        assert_eq!(binding(&env), expected);
    }
}
