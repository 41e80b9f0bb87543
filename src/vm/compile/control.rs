//! Control flow and functions: `if`/`unless`, `case`, `cond`, `receive`, clause heads
//! with guards, and `fn` (a closure over the values it mentions). Each branch compiles
//! in its own scope, so its bindings stay inside it, and in tail position when the
//! construct is.

use super::{pattern_vars, FnCompiler};
use crate::error::Result;
use crate::syntax::ast::{Block, CallTarget, Clause, Expr, ExprKind};
use crate::vm::code::{Binding, Label, Op, ReceiveClause, ReceiveOp, Reg};
use std::sync::Arc;

impl FnCompiler<'_, '_> {
    /// The value of a branch goes to `dst` (value position) or ends the function (tail).
    fn arm(&mut self, body: Option<&Block>, dst: Reg, tail: bool, done: Label) -> Result<()> {
        let saved = self.scope.clone();
        match (body, tail) {
            (Some(b), true) => {
                self.block(b, true)?;
            }
            (Some(b), false) => {
                let value = self.block(b, false)?;
                self.emit(Op::Move { dst, src: value });
                self.emit(Op::Jump { to: done });
            }
            (None, true) => {
                let value = self.nil()?;
                self.emit(Op::Return { src: value });
            }
            (None, false) => {
                let value = self.nil()?;
                self.emit(Op::Move { dst, src: value });
                self.emit(Op::Jump { to: done });
            }
        }
        self.scope = saved;
        Ok(())
    }

    pub(super) fn branch(
        &mut self,
        condition: &Expr,
        then: &Block,
        otherwise: Option<&Block>,
        unless: bool,
        tail: bool,
    ) -> Result<Reg> {
        let other = self.label();
        let done = self.label();
        if unless {
            let c = self.expr(condition)?;
            self.emit(Op::JumpIfTruthy { src: c, to: other });
        } else {
            self.jump_unless(condition, other)?;
        }
        let dst = self.fresh();
        self.arm(Some(then), dst, tail, done)?;
        self.place(other);
        self.arm(otherwise, dst, tail, done)?;
        self.place(done);
        Ok(dst)
    }

    /// A clause's guard: it must be exactly `true`, and an error in it fails the clause.
    fn guard(&mut self, guard: &Expr, fail: Label) -> Result<()> {
        // A comparison of variables and numbers cannot raise: it is tested in place.
        if let ExprKind::Binary { op, lhs, rhs } = &guard.kind {
            let plain = |e: &Expr| match &e.kind {
                ExprKind::Var(name) => self.scope.contains_key(name.as_str()),
                ExprKind::Int(_) => true,
                _ => false,
            };
            if super::is_comparison(*op) && plain(lhs) && plain(rhs) {
                return self.jump_unless(guard, fail);
            }
        }
        self.emit(Op::GuardBegin { fail });
        let value = match guard_safe(guard) {
            true => self.expr(guard)?,
            false => self.fallback(guard),
        };
        self.emit(Op::GuardEnd);
        self.emit(Op::TestTrue { src: value, fail });
        Ok(())
    }

    pub(super) fn case(&mut self, subject: &Expr, clauses: &[Clause], tail: bool) -> Result<Reg> {
        let value = self.expr(subject)?;
        let dst = self.fresh();
        let done = self.label();
        for clause in clauses {
            let next = self.label();
            let saved = self.scope.clone();
            if let [pattern] = clause.patterns.as_slice() {
                self.pattern_top(pattern, value, next)?;
                if let Some(g) = &clause.guard {
                    self.guard(g, next)?;
                }
                self.arm(Some(&clause.body), dst, tail, done)?;
            } else {
                self.emit(Op::Jump { to: next });
            }
            self.scope = saved;
            self.place(next);
        }
        self.emit(Op::NoCaseClause { src: value });
        self.place(done);
        Ok(dst)
    }

    pub(super) fn cond(&mut self, clauses: &[Clause], tail: bool) -> Result<Reg> {
        let dst = self.fresh();
        let done = self.label();
        for clause in clauses {
            let next = self.label();
            let saved = self.scope.clone();
            match clause.patterns.first() {
                Some(c) => self.jump_unless(c, next)?,
                None => self.emit(Op::Jump { to: next }),
            }
            self.arm(Some(&clause.body), dst, tail, done)?;
            self.scope = saved;
            self.place(next);
        }
        self.emit(Op::NoCondClause);
        self.place(done);
        Ok(dst)
    }

    pub(super) fn receive(
        &mut self,
        clauses: &[Clause],
        after: &Option<(Box<Expr>, Box<Block>)>,
        tail: bool,
    ) -> Result<Reg> {
        let timeout = match after {
            Some((t, _)) => Some(self.expr(t)?),
            None => None,
        };
        let mut mentioned: Vec<&Expr> = Vec::new();
        for c in clauses {
            mentioned.extend(c.patterns.iter());
            mentioned.extend(c.guard.iter());
        }
        let reads: Vec<Binding> = self.reads_of(mentioned);
        let dst = self.fresh();
        let done = self.label();
        let mut compiled = Vec::with_capacity(clauses.len());
        for c in clauses {
            let mut names: Vec<String> = Vec::new();
            for p in &c.patterns {
                for n in pattern_vars(p) {
                    if !names.contains(&n) {
                        names.push(n);
                    }
                }
            }
            let binds: Vec<Binding> = names
                .iter()
                .map(|n| (Arc::from(n.as_str()), self.fresh()))
                .collect();
            let body = self.label();
            compiled.push((
                ReceiveClause {
                    clause: Arc::new(c.clone()),
                    binds: binds.into(),
                    body,
                },
                c,
            ));
        }
        let after_label = after.as_ref().map(|_| self.label());
        let clause_ops = compiled.iter().map(|(c, _)| clone_clause(c)).collect();
        self.emit(Op::Receive(Box::new(ReceiveOp {
            clauses: clause_ops,
            reads: reads.into(),
            after: timeout.zip(after_label),
            dst,
            done,
        })));
        for (clause, source) in &compiled {
            self.place(clause.body);
            let saved = self.scope.clone();
            for (name, reg) in clause.binds.iter() {
                self.scope.insert(name.clone(), *reg);
            }
            self.arm(Some(&source.body), dst, tail, done)?;
            self.scope = saved;
        }
        if let (Some((_, block)), Some(label)) = (after, after_label) {
            self.place(label);
            self.arm(Some(block), dst, tail, done)?;
        }
        self.place(done);
        Ok(dst)
    }

    /// `fn`: its clauses compile to a function of their own, closed over the values of
    /// the variables in scope that it mentions.
    /// `&(&1 + x)`: a `fn` of as many arguments as the highest `&N`, named `&1`, `&2`...
    /// in its body.
    pub(super) fn capture(&mut self, whole: &Expr, body: &Expr) -> Result<Reg> {
        if !crate::eval::capture::is_own_fn(body) {
            // A function capture in disguise (`&(&1 + &2)` is `&:erlang.+/2`), or a
            // numbering Elixir refuses: the walker's.
            return Ok(self.fallback(whole));
        }
        let arity = crate::eval::max_capture_arg(body);
        let arg = |i: usize| Expr {
            kind: ExprKind::Var(format!("&{i}")),
            span: whole.span,
        };
        let clause = Clause {
            patterns: (1..=arity).map(arg).collect(),
            guard: None,
            body: crate::syntax::ast::Block {
                exprs: vec![body.clone()],
                span: whole.span,
            },
            span: whole.span,
        };
        self.closure(whole, &[clause])
    }

    pub(super) fn closure(&mut self, whole: &Expr, clauses: &[Clause]) -> Result<Reg> {
        let defaults = clauses.iter().flat_map(|c| &c.patterns).any(|p| {
            matches!(&p.kind, ExprKind::Call { target: CallTarget::Local(op), .. } if op == "\\\\")
        });
        let arity = clauses.first().map_or(0, |c| c.patterns.len());
        if defaults || clauses.iter().any(|c| c.patterns.len() != arity) {
            return Ok(self.fallback(whole));
        }
        let captured: Vec<Binding> = self.reads_of([whole]);
        let env = self.env;
        let mut inner = FnCompiler::new(self.ev, env);
        inner.enclosing = self.enclosing.clone();
        inner.line = self.line;
        inner.next_reg = (arity + captured.len()) as Reg;
        for (i, (name, _)) in captured.iter().enumerate() {
            inner.scope.insert(name.clone(), (arity + i) as Reg);
        }
        inner.clauses(clauses)?;
        inner.emit(Op::NoFnClause);
        let enclosing = inner.enclosing.clone();
        let mut proto = inner.finish(arity as u32, captured.len() as u32);
        let index = self.env.module().map_or(0, |m| {
            m.funs.fetch_add(1, std::sync::atomic::Ordering::Relaxed)
        });
        proto.function = enclosing.map(|info| {
            Arc::new(crate::vm::code::FunctionInfo {
                anonymous: Some(arity),
                index,
                ..(*info).clone()
            })
        });
        let proto = Arc::new(proto);
        let dst = self.fresh();
        self.emit(Op::MakeClosure {
            dst,
            proto,
            captured: captured.iter().map(|(_, r)| *r).collect(),
        });
        Ok(dst)
    }
}

impl FnCompiler<'_, '_> {
    /// A function's clauses, tried in order on its arguments (registers 0..arity); each
    /// body ends the function. Falls through when none matches.
    pub(super) fn clauses(&mut self, clauses: &[Clause]) -> Result<()> {
        for clause in clauses {
            if clause.span.line > 0 {
                self.line = clause.span.line;
            }
            let next = self.label();
            let saved = self.scope.clone();
            let mut bound: Vec<Binding> = Vec::new();
            let all_simple = clause.patterns.iter().all(|p| self.simple(p));
            for (i, p) in clause.patterns.iter().enumerate() {
                if all_simple {
                    self.pattern(p, i as Reg, next, &mut bound)?;
                } else {
                    self.pattern_top(p, i as Reg, next)?;
                }
            }
            for (name, reg) in bound {
                self.scope.insert(name, reg);
            }
            if let Some(g) = &clause.guard {
                self.guard(g, next)?;
            }
            self.block(&clause.body, true)?;
            self.scope = saved;
            self.place(next);
        }
        Ok(())
    }
}

fn clone_clause(c: &ReceiveClause) -> ReceiveClause {
    ReceiveClause {
        clause: c.clause.clone(),
        binds: c.binds.clone(),
        body: c.body,
    }
}

/// Whether a guard can be compiled as an expression: no function values are called and
/// nothing in it falls back, so an error can only come from an operator or a builtin.
fn guard_safe(guard: &Expr) -> bool {
    let mut safe = true;
    crate::eval::visit(guard, &mut |e| match &e.kind {
        ExprKind::Var(_)
        | ExprKind::Int(_)
        | ExprKind::Float(_)
        | ExprKind::Atom(_)
        | ExprKind::Alias(_)
        | ExprKind::Tuple(_)
        | ExprKind::List { .. }
        | ExprKind::Unary { .. } => {}
        ExprKind::Str(parts)
            if parts
                .iter()
                .all(|p| matches!(p, crate::syntax::ast::StrPart::Lit(_))) => {}
        ExprKind::Binary { op, .. } => {
            if matches!(
                op,
                crate::syntax::ast::BinaryOp::In | crate::syntax::ast::BinaryOp::NotIn
            ) {
                safe = false;
            }
        }
        ExprKind::Call {
            target: CallTarget::Local(name),
            ..
        } if !super::SPECIAL.contains(&name.as_str()) => {}
        ExprKind::Call {
            target: CallTarget::Remote { .. },
            ..
        } => {}
        _ => safe = false,
    });
    safe
}
