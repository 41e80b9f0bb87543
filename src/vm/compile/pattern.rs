//! Patterns as tests and moves. A pattern made only of variables, literals, pins,
//! tuples and lists is compiled; any other (maps, structs, `<>`, nested `=`) is matched
//! by the walker's rules in one instruction. Either way a pattern's bindings take effect
//! only once all of it matched.

use super::FnCompiler;
use crate::error::Result;
use crate::syntax::ast::{Expr, ExprKind, StrPart, UnaryOp};
use crate::vm::code::{Binding, Label, Op, Reg};
use std::sync::Arc;

impl FnCompiler<'_, '_> {
    /// Matches `pattern` against `src`, jumping to `fail` if it does not match; on
    /// success its variables are in scope.
    pub(super) fn pattern_top(&mut self, pattern: &Expr, src: Reg, fail: Label) -> Result<()> {
        if !self.simple(pattern) {
            return self.pattern_walker(pattern, src, fail);
        }
        let mut bound: Vec<Binding> = Vec::new();
        self.pattern(pattern, src, fail, &mut bound)?;
        for (name, reg) in bound {
            self.scope.insert(name, reg);
        }
        Ok(())
    }

    fn pattern_walker(&mut self, pattern: &Expr, src: Reg, fail: Label) -> Result<()> {
        let reads = self.reads_of([pattern]);
        let binds: Vec<Binding> = super::pattern_vars(pattern)
            .into_iter()
            .map(|n| (Arc::from(n.as_str()), self.fresh()))
            .collect();
        self.emit(Op::MatchWalker {
            pattern: Arc::new(pattern.clone()),
            src,
            reads: reads.into(),
            binds: binds.clone().into(),
            fail,
        });
        for (name, reg) in binds {
            self.scope.insert(name, reg);
        }
        Ok(())
    }

    /// Whether the compiler handles every part of `pattern` itself.
    pub(super) fn simple(&self, pattern: &Expr) -> bool {
        match &pattern.kind {
            ExprKind::Var(_) | ExprKind::Int(_) | ExprKind::Float(_) | ExprKind::Atom(_) => true,
            ExprKind::Alias(_) => true,
            ExprKind::Str(parts) => parts.iter().all(|p| matches!(p, StrPart::Lit(_))),
            ExprKind::Pin(name) => self.scope.contains_key(name.as_str()),
            ExprKind::Unary {
                op: UnaryOp::Neg,
                expr,
            } => matches!(expr.kind, ExprKind::Int(_) | ExprKind::Float(_)),
            ExprKind::Tuple(items) => items.iter().all(|p| self.simple(p)),
            ExprKind::List { items, tail } => {
                items.iter().all(|p| self.simple(p))
                    && tail.as_deref().is_none_or(|t| self.simple(t))
            }
            _ => false,
        }
    }

    pub(super) fn pattern(
        &mut self,
        p: &Expr,
        src: Reg,
        fail: Label,
        bound: &mut Vec<Binding>,
    ) -> Result<()> {
        match &p.kind {
            ExprKind::Var(name) if name == "_" => {}
            ExprKind::Var(name) => match bound.iter().find(|(n, _)| **n == **name) {
                Some((_, first)) => {
                    let first = *first;
                    self.emit(Op::TestSame {
                        a: first,
                        b: src,
                        fail,
                    });
                }
                None => bound.push((Arc::from(name.as_str()), src)),
            },
            ExprKind::Pin(name) => {
                let pinned = self.scope[name.as_str()];
                self.emit(Op::TestSame {
                    a: pinned,
                    b: src,
                    fail,
                });
            }
            ExprKind::Unary { expr, .. } => {
                let value = match expr.kind {
                    ExprKind::Int(i) => crate::term::Term::Int(-i),
                    ExprKind::Float(f) => crate::term::Term::Float(-f),
                    _ => unreachable_simple(),
                };
                self.emit(Op::TestEq { src, value, fail });
            }
            ExprKind::Tuple(items) => {
                self.emit(Op::TestTuple {
                    src,
                    arity: items.len() as u32,
                    fail,
                });
                for (i, item) in items.iter().enumerate() {
                    if matches!(&item.kind, ExprKind::Var(n) if n == "_") {
                        continue;
                    }
                    let dst = self.fresh();
                    self.emit(Op::GetElem {
                        dst,
                        src,
                        index: i as u32,
                    });
                    self.pattern(item, dst, fail, bound)?;
                }
            }
            ExprKind::List { items, tail } => {
                let mut rest = src;
                for item in items {
                    let head = self.fresh();
                    let next = self.fresh();
                    self.emit(Op::HeadTail {
                        src: rest,
                        head,
                        tail: next,
                        fail,
                    });
                    self.pattern(item, head, fail, bound)?;
                    rest = next;
                }
                match tail {
                    Some(t) => self.pattern(t, rest, fail, bound)?,
                    None => self.emit(Op::TestEmptyList { src: rest, fail }),
                }
            }
            _ => {
                let mut env = self.env.clone();
                let value = self.ev.literal(p, &mut env)?;
                self.emit(Op::TestEq { src, value, fail });
            }
        }
        Ok(())
    }
}

fn unreachable_simple() -> crate::term::Term {
    // `simple` admits only numbers under a unary minus.
    crate::term::Term::nil()
}
