//! Pattern matching: `=`, clause heads, generators. A variable that appears twice in one
//! pattern must match equal values; `^x` matches the value `x` had before the match;
//! bindings take effect only when the whole pattern matches.

use super::{Env, Evaluator};
use crate::error::{exception, Error, Result};
use crate::syntax::ast::{BinaryOp, Expr, ExprKind, StrPart, UnaryOp};
use crate::term::Term;

impl Evaluator<'_> {
    /// `pattern = value`, raising iex's `MatchError` when it does not match.
    pub(crate) fn match_or_raise(
        &mut self,
        pattern: &Expr,
        value: &Term,
        env: &mut Env,
    ) -> Result<()> {
        if self.match_pattern(pattern, value, env)? {
            Ok(())
        } else {
            Err(Error::Raise(exception(
                "MatchError",
                vec![("term", value.clone())],
            )))
        }
    }

    pub(crate) fn match_pattern(
        &mut self,
        pattern: &Expr,
        value: &Term,
        env: &mut Env,
    ) -> Result<bool> {
        let mut binds = Vec::new();
        if !self.matches(pattern, value, env, &mut binds)? {
            return Ok(false);
        }
        for (name, v) in binds {
            env.bind(&name, v);
        }
        Ok(true)
    }

    fn matches(
        &mut self,
        pattern: &Expr,
        value: &Term,
        env: &mut Env,
        binds: &mut Vec<(String, Term)>,
    ) -> Result<bool> {
        match &pattern.kind {
            ExprKind::Var(name) if name.starts_with('_') && name.len() == 1 => Ok(true),
            ExprKind::Var(name) => match binds.iter().find(|(n, _)| n == name) {
                Some((_, bound)) => Ok(bound == value),
                None => {
                    binds.push((name.clone(), value.clone()));
                    Ok(true)
                }
            },
            ExprKind::Pin(name) => match env.get(name) {
                Some(v) => Ok(v == value),
                None => Err(self.compile_error(&super::compile_check::pin_message(name))),
            },
            ExprKind::Int(_) | ExprKind::Float(_) | ExprKind::Atom(_) | ExprKind::Alias(_) => {
                Ok(&self.literal(pattern, env)? == value)
            }
            ExprKind::Str(parts) if parts.iter().all(|p| matches!(p, StrPart::Lit(_))) => {
                Ok(&self.literal(pattern, env)? == value)
            }
            ExprKind::Unary {
                op: UnaryOp::Neg,
                expr,
            } => match expr.kind {
                ExprKind::Int(i) => Ok(value == &Term::Int(-i)),
                ExprKind::Float(f) => Ok(value == &Term::Float(-f)),
                _ => Err(self.illegal_pattern()),
            },
            ExprKind::Tuple(items) => match value {
                Term::Tuple(values) if values.len() == items.len() => {
                    self.all_match(items, values, env, binds)
                }
                _ => Ok(false),
            },
            ExprKind::List { items, tail } => {
                self.list_matches(items, tail.as_deref(), value, env, binds)
            }
            ExprKind::Map {
                base: None,
                entries,
            } => self.entries_match(entries, value, env, binds),
            ExprKind::Struct {
                module,
                base: None,
                entries,
            } => {
                let name = match value {
                    Term::Map(map) => map.get(&Term::atom("__struct__")).cloned(),
                    _ => None,
                };
                let Some(name) = name.filter(|n| n.as_atom().is_some()) else {
                    return Ok(false);
                };
                let module_matches = match &module.kind {
                    ExprKind::Var(_) | ExprKind::Pin(_) => {
                        self.matches(module, &name, env, binds)?
                    }
                    _ => self.eval(module, env)? == name,
                };
                Ok(module_matches && self.entries_match(entries, value, env, binds)?)
            }
            ExprKind::Match {
                pattern: left,
                expr: right,
            } => {
                Ok(self.matches(left, value, env, binds)?
                    && self.matches(right, value, env, binds)?)
            }
            ExprKind::Binary {
                op: BinaryOp::Concat,
                lhs,
                rhs,
            } => {
                let prefix = match self.eval(lhs, env)? {
                    Term::Binary(b) => b,
                    _ => return Err(self.illegal_pattern()),
                };
                match value {
                    Term::Binary(b) if b.starts_with(&prefix) => {
                        let rest = Term::Binary(b[prefix.len()..].into());
                        self.matches(rhs, &rest, env, binds)
                    }
                    _ => Ok(false),
                }
            }
            _ => Err(self.illegal_pattern()),
        }
    }

    /// The entries of a map (or struct) pattern: each key is in `value` and its value
    /// matches.
    fn entries_match(
        &mut self,
        entries: &[(Expr, Expr)],
        value: &Term,
        env: &mut Env,
        binds: &mut Vec<(String, Term)>,
    ) -> Result<bool> {
        let Term::Map(map) = value else {
            return Ok(false);
        };
        for (k, v) in entries {
            // A pinned key is the variable's value, not a pin to match.
            let key = match &k.kind {
                ExprKind::Pin(name) => env
                    .get(name)
                    .cloned()
                    .ok_or_else(|| self.compile_error(&super::compile_check::pin_message(name)))?,
                _ => self.eval(k, env)?,
            };
            match map.get(&key) {
                Some(found) if self.matches(v, found, env, binds)? => {}
                _ => return Ok(false),
            }
        }
        Ok(true)
    }

    fn all_match(
        &mut self,
        patterns: &[Expr],
        values: &[Term],
        env: &mut Env,
        binds: &mut Vec<(String, Term)>,
    ) -> Result<bool> {
        for (p, v) in patterns.iter().zip(values) {
            if !self.matches(p, v, env, binds)? {
                return Ok(false);
            }
        }
        Ok(true)
    }

    fn list_matches(
        &mut self,
        items: &[Expr],
        tail: Option<&Expr>,
        value: &Term,
        env: &mut Env,
        binds: &mut Vec<(String, Term)>,
    ) -> Result<bool> {
        let (values, end): (&[Term], Option<&Term>) = match value {
            Term::List(v) => (v, None),
            Term::ImproperList(v, end) => (v, Some(end)),
            _ => return Ok(false),
        };
        match tail {
            None => Ok(end.is_none()
                && values.len() == items.len()
                && self.all_match(items, values, env, binds)?),
            Some(t) => {
                if values.len() < items.len() {
                    return Ok(false);
                }
                if !self.all_match(items, &values[..items.len()], env, binds)? {
                    return Ok(false);
                }
                let rest_items = &values[items.len()..];
                let rest = match (value, end) {
                    (Term::List(l), _) => Term::List(l.after(items.len())),
                    (_, None) => Term::list(rest_items.to_vec()),
                    (_, Some(e)) if rest_items.is_empty() => (*e).clone(),
                    (_, Some(e)) => {
                        Term::ImproperList(rest_items.into(), std::sync::Arc::new((*e).clone()))
                    }
                };
                self.matches(t, &rest, env, binds)
            }
        }
    }

    fn illegal_pattern(&self) -> Error {
        self.compile_error("invalid pattern in match")
    }
}
