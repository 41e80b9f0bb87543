//! The compiler: a typed line's top-level expression, and every `fn` inside it, become a
//! `Proto` of register code.
//!
//! It owns Elixir's variable rules as registers see them (a binding is a fresh register,
//! a branch's bindings stay in the branch) and the tail positions: the last expression of
//! a clause body and every branch of `if`/`unless`/`case`/`cond`/`receive` in tail
//! position become tail calls, so a loop runs in constant space. Constructs it does not
//! compile are left to the tree walker as one `Fallback` instruction each, with the
//! variables they read and bind passed in registers; their meaning is the walker's.
//! It never runs code: literals are interned here because compiling is what creates
//! atoms in iex.

mod comprehension;
mod control;
mod pattern;

use super::code::{Binding, FnTable, Label, Op, Operand, Piece, Proto, Reg};
use crate::error::Result;
use crate::eval::{Env, Evaluator};
use crate::syntax::ast::{BinaryOp, Block, CallTarget, Expr, ExprKind, StrPart};
use std::collections::HashMap;
use std::sync::Arc;

/// Local calls the compiler never compiles: macros and special forms whose arguments
/// are not evaluated first, or that read or change the environment.
const SPECIAL: &[&str] = &[
    "try",
    "with",
    "raise",
    "def",
    "defp",
    "defmacro",
    "defmacrop",
    "defmodule",
    "@",
    "h",
    "match?",
    "destructure",
    "put_in",
    "update_in",
    "pop_in",
    "get_and_update_in",
    "if",
    "unless",
    crate::syntax::INVALID_FOR,
];

/// Forms that change or read the whole environment: an expression holding one runs on
/// the tree walker entire.
const WHOLE: &[&str] = &["alias", "import", "require", "use", "binding"];

/// Whether `expr` can run on the VM (some of its parts may still fall back).
pub fn compilable(expr: &Expr) -> bool {
    let mut ok = true;
    crate::eval::visit(expr, &mut |e| {
        if let ExprKind::Call {
            target: CallTarget::Local(name),
            ..
        } = &e.kind
        {
            if WHOLE.contains(&name.as_str()) {
                ok = false;
            }
        }
    });
    ok
}

/// A compiled typed expression: its code and the shell bindings it reads at entry.
pub struct Line {
    pub proto: Arc<Proto>,
    pub reads: Vec<Binding>,
}

/// Compiles a top-level expression. `env` holds the shell's bindings and aliases.
pub fn line(ev: &mut Evaluator, expr: &Expr, env: &Env) -> Result<Line> {
    let mut f = FnCompiler::new(ev, env);
    let mut reads = Vec::new();
    for name in names_in(expr) {
        if env.get(&name).is_some() {
            let reg = f.fresh();
            let name: Arc<str> = Arc::from(name.as_str());
            f.scope.insert(name.clone(), reg);
            reads.push((name, reg));
        }
    }
    let value = f.expr(expr)?;
    let mut exports: Vec<Binding> = f.scope.iter().map(|(n, r)| (n.clone(), *r)).collect();
    exports.sort();
    f.emit(Op::Halt {
        src: value,
        exports: exports.into(),
    });
    let arity = reads.len() as u32;
    Ok(Line {
        proto: Arc::new(f.finish(arity, 0)),
        reads,
    })
}

/// Compiles a module function: its clauses, tried in order on its `arity` arguments;
/// none matching is a `FunctionClauseError` of `info`'s function.
pub fn function(
    ev: &mut Evaluator,
    env: &Env,
    clauses: &[crate::syntax::ast::Clause],
    arity: usize,
    info: super::code::FunctionInfo,
) -> Result<Arc<Proto>> {
    let info = Arc::new(info);
    let mut f = FnCompiler::new(ev, env);
    f.next_reg = arity as Reg;
    f.line = info.line;
    f.enclosing = Some(info.clone());
    f.clauses(clauses)?;
    f.line = info.line;
    f.emit(Op::NoFnClause);
    let mut proto = f.finish(arity as u32, 0);
    proto.function = Some(info);
    Ok(Arc::new(proto))
}

/// The variable names an expression mentions (bound or read), in order.
pub(crate) fn names_in(expr: &Expr) -> Vec<String> {
    let mut names: Vec<String> = Vec::new();
    crate::eval::visit(expr, &mut |e| {
        let name = match &e.kind {
            ExprKind::Var(name) | ExprKind::Pin(name) => name.clone(),
            ExprKind::CaptureArg(n) => format!("&{n}"),
            _ => return,
        };
        if name != "_" && !names.contains(&name) {
            names.push(name);
        }
    });
    names
}

/// The variables a pattern binds (not its pins), in order.
pub(crate) fn pattern_vars(pattern: &Expr) -> Vec<String> {
    let mut names: Vec<String> = Vec::new();
    crate::eval::visit(pattern, &mut |e| {
        if let ExprKind::Var(name) = &e.kind {
            if name != "_" && !names.contains(name) {
                names.push(name.clone());
            }
        }
    });
    names
}

/// The variables an expression run by the walker binds in the scope around it: those of
/// its matches, outside the constructs that keep their bindings (clauses, blocks, `fn`,
/// comprehensions, the special forms), and `destructure`'s.
fn leaked(expr: &Expr) -> Vec<String> {
    let mut names = Vec::new();
    leaks(expr, &mut names);
    names
}

fn leaks(expr: &Expr, names: &mut Vec<String>) {
    let add = |p: &Expr, names: &mut Vec<String>| {
        for n in pattern_vars(p) {
            if !names.contains(&n) {
                names.push(n);
            }
        }
    };
    match &expr.kind {
        ExprKind::Match { pattern, expr } => {
            add(pattern, names);
            leaks(expr, names);
        }
        ExprKind::Call {
            target: CallTarget::Local(name),
            args,
        } if SPECIAL.contains(&name.as_str()) => match (name.as_str(), args.as_slice()) {
            ("destructure", [left, right]) => {
                add(left, names);
                leaks(right, names);
            }
            ("match?", [_, subject]) => leaks(subject, names),
            ("if" | "unless", [condition, _]) => leaks(condition, names),
            ("raise", _) => args.iter().for_each(|a| leaks(a, names)),
            _ => {}
        },
        ExprKind::Call { target, args } => {
            match target {
                CallTarget::Remote { module, .. } => leaks(module, names),
                CallTarget::Anonymous(f) => leaks(f, names),
                CallTarget::Local(_) => {}
            }
            args.iter().for_each(|a| leaks(a, names));
        }
        ExprKind::Tuple(items) => items.iter().for_each(|a| leaks(a, names)),
        ExprKind::List { items, tail } => {
            items.iter().for_each(|a| leaks(a, names));
            if let Some(t) = tail {
                leaks(t, names);
            }
        }
        ExprKind::Map { base, entries } | ExprKind::Struct { base, entries, .. } => {
            if let Some(b) = base {
                leaks(b, names);
            }
            for (k, v) in entries {
                leaks(k, names);
                leaks(v, names);
            }
        }
        ExprKind::Unary { expr, .. } => leaks(expr, names),
        ExprKind::Binary { lhs, rhs, .. } => {
            leaks(lhs, names);
            leaks(rhs, names);
        }
        ExprKind::Range { first, last, step } => {
            leaks(first, names);
            leaks(last, names);
            if let Some(s) = step {
                leaks(s, names);
            }
        }
        ExprKind::Str(parts) => {
            for p in parts {
                if let StrPart::Interp(e) = p {
                    leaks(e, names);
                }
            }
        }
        ExprKind::If { condition, .. } | ExprKind::Unless { condition, .. } => {
            leaks(condition, names)
        }
        ExprKind::Case { subject, .. } => leaks(subject, names),
        _ => {}
    }
}

/// The compiler of one function body.
pub(super) struct FnCompiler<'c, 'a> {
    ev: &'c mut Evaluator<'a>,
    /// Aliases in force (the line's environment), for alias literals.
    env: &'c Env,
    ops: Vec<Op>,
    lines: Vec<u32>,
    /// The input line of the expression being compiled.
    line: u32,
    /// The module function this code is in (its `fn`s name it in their frames).
    enclosing: Option<Arc<super::code::FunctionInfo>>,
    next_reg: Reg,
    scope: HashMap<Arc<str>, Reg>,
    /// Where each label was placed (an instruction index), by label number.
    labels: Vec<Option<u32>>,
}

impl<'c, 'a> FnCompiler<'c, 'a> {
    fn new(ev: &'c mut Evaluator<'a>, env: &'c Env) -> Self {
        FnCompiler {
            ev,
            env,
            ops: Vec::new(),
            lines: Vec::new(),
            line: 1,
            enclosing: None,
            next_reg: 0,
            scope: HashMap::new(),
            labels: Vec::new(),
        }
    }

    fn fresh(&mut self) -> Reg {
        self.next_reg += 1;
        self.next_reg - 1
    }

    fn emit(&mut self, op: Op) {
        self.ops.push(op);
        self.lines.push(self.line);
    }

    fn label(&mut self) -> Label {
        self.labels.push(None);
        (self.labels.len() - 1) as Label
    }

    fn place(&mut self, label: Label) {
        self.labels[label as usize] = Some(self.ops.len() as u32);
    }

    /// Resolves labels to instruction indices.
    fn finish(mut self, arity: u32, captured: u32) -> Proto {
        let labels = std::mem::take(&mut self.labels);
        for op in &mut self.ops {
            for label in op_labels(op) {
                *label = labels[*label as usize].unwrap_or(0);
            }
        }
        Proto {
            ops: self.ops,
            lines: self.lines,
            function: None,
            registers: self.next_reg.max(arity + captured),
            arity,
            captured,
        }
    }

    /// The variables in scope that `exprs` mention, for the walker.
    fn reads_of<'e>(&self, exprs: impl IntoIterator<Item = &'e Expr>) -> Vec<Binding> {
        let mut reads: Vec<Binding> = Vec::new();
        for e in exprs {
            for name in names_in(e) {
                if let Some((n, r)) = self.scope.get_key_value(name.as_str()) {
                    if !reads.iter().any(|(m, _)| m == n) {
                        reads.push((n.clone(), *r));
                    }
                }
            }
        }
        reads
    }

    /// Leaves `expr` to the tree walker.
    fn fallback(&mut self, expr: &Expr) -> Reg {
        let reads = self.reads_of([expr]);
        let binds: Vec<Binding> = leaked(expr)
            .into_iter()
            .map(|n| (Arc::from(n.as_str()), self.fresh()))
            .collect();
        let dst = self.fresh();
        self.emit(Op::Fallback {
            dst,
            expr: Arc::new(expr.clone()),
            reads: reads.into(),
            binds: binds.clone().into(),
        });
        for (name, reg) in binds {
            self.scope.insert(name, reg);
        }
        dst
    }

    fn constant(&mut self, expr: &Expr) -> Result<Reg> {
        let mut env = self.env.clone();
        let value = self.ev.literal(expr, &mut env)?;
        let dst = self.fresh();
        self.emit(Op::Const { dst, value });
        Ok(dst)
    }

    fn all(&mut self, exprs: &[Expr]) -> Result<Box<[Reg]>> {
        let mut regs = Vec::with_capacity(exprs.len());
        for e in exprs {
            regs.push(self.expr(e)?);
        }
        Ok(regs.into())
    }

    /// Compiles `expr` for its value; the register that holds it.
    pub(super) fn expr(&mut self, expr: &Expr) -> Result<Reg> {
        if expr.span.line > 0 {
            self.line = expr.span.line;
        }
        match &expr.kind {
            ExprKind::Int(_) | ExprKind::Float(_) | ExprKind::Atom(_) | ExprKind::Alias(_) => {
                self.constant(expr)
            }
            ExprKind::Str(parts) if parts.iter().all(|p| matches!(p, StrPart::Lit(_))) => {
                self.constant(expr)
            }
            ExprKind::Str(parts) => {
                let mut pieces = Vec::with_capacity(parts.len());
                for part in parts {
                    pieces.push(match part {
                        StrPart::Lit(text) => Piece::Text(Arc::from(text.as_str())),
                        StrPart::Interp(e) => Piece::Value(self.expr(e)?),
                    });
                }
                let dst = self.fresh();
                self.emit(Op::Interp {
                    dst,
                    parts: pieces.into(),
                });
                Ok(dst)
            }
            ExprKind::Capture(body) => self.capture(expr, body),
            ExprKind::CaptureFun {
                module: None,
                name,
                arity,
            } if self.module_function(name, *arity).is_some() => {
                let (table, index) = self.module_function(name, *arity).expect("checked");
                let module = self.env.module().expect("in a module");
                let fun = module
                    .funs
                    .fetch_add(1, std::sync::atomic::Ordering::Relaxed);
                let shown = format!("{}.{name}", module.name.trim_start_matches("Elixir."));
                let dst = self.fresh();
                self.emit(Op::CaptureLocal {
                    dst,
                    table,
                    index: index as u32,
                    fun,
                    shown: Arc::from(shown.as_str()),
                });
                Ok(dst)
            }
            // `&1` inside a capture: its argument, bound as `&1` (which no name can be).
            ExprKind::CaptureArg(n) => match self.scope.get(format!("&{n}").as_str()) {
                Some(reg) => Ok(*reg),
                None => Ok(self.fallback(expr)),
            },
            ExprKind::Var(name) => match self.scope.get(name.as_str()) {
                Some(reg) => Ok(*reg),
                None if name == "__MODULE__" && self.env.module().is_some() => {
                    let module = self
                        .env
                        .module()
                        .map(|m| m.name.clone())
                        .unwrap_or_default();
                    let value = self.ev.atom(&module)?;
                    let dst = self.fresh();
                    self.emit(Op::Const { dst, value });
                    Ok(dst)
                }
                None => Ok(self.fallback(expr)),
            },
            ExprKind::Tuple(items) => {
                let items = self.all(items)?;
                let dst = self.fresh();
                self.emit(Op::Tuple { dst, items });
                Ok(dst)
            }
            ExprKind::List { items, tail } => {
                let items = self.all(items)?;
                let tail = match tail {
                    Some(t) => Some(self.expr(t)?),
                    None => None,
                };
                let dst = self.fresh();
                self.emit(Op::List { dst, items, tail });
                Ok(dst)
            }
            ExprKind::Map {
                base: None,
                entries,
            } => {
                let mut pairs = Vec::with_capacity(entries.len());
                for (k, v) in entries {
                    pairs.push((self.expr(k)?, self.expr(v)?));
                }
                let dst = self.fresh();
                self.emit(Op::Map {
                    dst,
                    entries: pairs.into(),
                });
                Ok(dst)
            }
            ExprKind::Unary { op, expr } => {
                let src = self.expr(expr)?;
                let dst = self.fresh();
                self.emit(Op::Unary { dst, op: *op, src });
                Ok(dst)
            }
            ExprKind::Binary { op, lhs, rhs } => self.binary(expr, *op, lhs, rhs),
            ExprKind::Match { pattern, expr } => {
                let value = self.expr(expr)?;
                let fail = self.label();
                let done = self.label();
                self.pattern_top(pattern, value, fail)?;
                self.emit(Op::Jump { to: done });
                self.place(fail);
                self.emit(Op::NoMatch { src: value });
                self.place(done);
                Ok(value)
            }
            ExprKind::Call { target, args } => self.call(expr, target, args, false),
            ExprKind::Fn(clauses) => self.closure(expr, clauses),
            ExprKind::If {
                condition,
                then,
                otherwise,
            } => self.branch(condition, then, otherwise.as_deref(), false, false),
            ExprKind::Unless {
                condition,
                then,
                otherwise,
            } => self.branch(condition, then, otherwise.as_deref(), true, false),
            ExprKind::Case { subject, clauses } => self.case(subject, clauses, false),
            ExprKind::Cond(clauses) => self.cond(clauses, false),
            ExprKind::Receive { clauses, after } => self.receive(clauses, after, false),
            ExprKind::Block(block) => self.block(block, false),
            ExprKind::For {
                qualifiers,
                into,
                reduce,
                body,
            } => self.comprehension(qualifiers, into.as_deref(), reduce.as_deref(), body),
            _ => Ok(self.fallback(expr)),
        }
    }

    /// Compiles `expr` in tail position: its code ends the function (a return or a tail
    /// call).
    pub(super) fn tail(&mut self, expr: &Expr) -> Result<()> {
        if expr.span.line > 0 {
            self.line = expr.span.line;
        }
        let value = match &expr.kind {
            ExprKind::Call { target, args } => {
                let tail_call = match target {
                    CallTarget::Anonymous(_) => true,
                    CallTarget::Local(name) => self.module_function(name, args.len()).is_some(),
                    CallTarget::Remote { .. } => true,
                };
                if !tail_call {
                    self.expr(expr)?
                } else {
                    let value = self.call(expr, target, args, true)?;
                    if matches!(
                        self.ops.last(),
                        Some(
                            Op::TailCallFun { .. }
                                | Op::CallLocalFn { tail: true, .. }
                                | Op::CallRemote { tail: true, .. }
                        )
                    ) {
                        return Ok(());
                    }
                    value
                }
            }
            ExprKind::If {
                condition,
                then,
                otherwise,
            } => self.branch(condition, then, otherwise.as_deref(), false, true)?,
            ExprKind::Unless {
                condition,
                then,
                otherwise,
            } => self.branch(condition, then, otherwise.as_deref(), true, true)?,
            ExprKind::Case { subject, clauses } => self.case(subject, clauses, true)?,
            ExprKind::Cond(clauses) => self.cond(clauses, true)?,
            ExprKind::Receive { clauses, after } => self.receive(clauses, after, true)?,
            ExprKind::Block(block) => self.block(block, true)?,
            _ => self.expr(expr)?,
        };
        self.emit(Op::Return { src: value });
        Ok(())
    }

    /// A block; in tail position its last expression is compiled as a tail. The value
    /// register is meaningful only when `tail` is false.
    pub(super) fn block(&mut self, block: &Block, tail: bool) -> Result<Reg> {
        let Some((last, init)) = block.exprs.split_last() else {
            return self.nil();
        };
        if tail && self.enclosing.is_some() {
            // In a module's code, `x = f(); x` is a tail call of `f`: the BEAM's compiler
            // makes it one (`erl_eval`, which runs typed code, does not).
            if let (ExprKind::Var(name), Some((before, init))) = (&last.kind, init.split_last()) {
                if let ExprKind::Match { pattern, expr } = &before.kind {
                    if matches!(&pattern.kind, ExprKind::Var(bound) if bound == name) {
                        for e in init {
                            self.expr(e)?;
                        }
                        self.tail(expr)?;
                        return self.nil();
                    }
                }
            }
        }
        for e in init {
            self.expr(e)?;
        }
        if tail {
            self.tail(last)?;
            return self.nil();
        }
        self.expr(last)
    }

    /// The module's own `name/arity`, when this code is in a module that defines it: its
    /// function table and index there.
    fn module_function(&self, name: &str, arity: usize) -> Option<(Arc<FnTable>, usize)> {
        let module = self.env.module()?;
        let index = module
            .functions
            .iter()
            .position(|(n, a)| n == name && *a == arity)?;
        Some((module.table.clone(), index))
    }

    fn nil(&mut self) -> Result<Reg> {
        let dst = self.fresh();
        self.emit(Op::Const {
            dst,
            value: crate::term::Term::nil(),
        });
        Ok(dst)
    }

    fn binary(&mut self, whole: &Expr, op: BinaryOp, lhs: &Expr, rhs: &Expr) -> Result<Reg> {
        match op {
            BinaryOp::In | BinaryOp::NotIn => Ok(self.fallback(whole)),
            BinaryOp::And | BinaryOp::Or => {
                let left = self.expr(lhs)?;
                let dst = self.fresh();
                let done = self.label();
                self.emit(Op::StrictBool {
                    dst,
                    op,
                    src: left,
                    done,
                });
                let right = self.expr(rhs)?;
                self.emit(Op::Move { dst, src: right });
                self.place(done);
                Ok(dst)
            }
            BinaryOp::AndAlso | BinaryOp::OrElse => {
                let left = self.expr(lhs)?;
                let dst = self.fresh();
                self.emit(Op::Move { dst, src: left });
                let done = self.label();
                self.emit(match op {
                    BinaryOp::AndAlso => Op::JumpIfFalsy { src: dst, to: done },
                    _ => Op::JumpIfTruthy { src: dst, to: done },
                });
                let right = self.expr(rhs)?;
                self.emit(Op::Move { dst, src: right });
                self.place(done);
                Ok(dst)
            }
            _ => {
                let literal = |e: &Expr| matches!(e.kind, ExprKind::Int(_));
                let inline = match op {
                    BinaryOp::Add | BinaryOp::Sub => literal(lhs) || literal(rhs),
                    BinaryOp::Div => true,
                    _ => false,
                };
                let (a, b) = self.operands(lhs, rhs)?;
                let dst = self.fresh();
                self.emit(Op::Binary {
                    dst,
                    op,
                    a,
                    b,
                    inline,
                });
                Ok(dst)
            }
        }
    }

    /// An operator's two sides; an integer literal on the right stays in the code.
    fn operands(&mut self, lhs: &Expr, rhs: &Expr) -> Result<(Reg, Operand)> {
        let a = self.expr(lhs)?;
        let b = match rhs.kind {
            ExprKind::Int(i) => Operand::Int(i),
            _ => Operand::Reg(self.expr(rhs)?),
        };
        Ok((a, b))
    }

    /// Jumps to `to` when `condition` is falsy; a comparison is tested in place.
    pub(super) fn jump_unless(&mut self, condition: &Expr, to: Label) -> Result<()> {
        if let ExprKind::Binary { op, lhs, rhs } = &condition.kind {
            if is_comparison(*op) {
                let (a, b) = self.operands(lhs, rhs)?;
                self.emit(Op::JumpUnlessCmp { op: *op, a, b, to });
                return Ok(());
            }
        }
        let c = self.expr(condition)?;
        self.emit(Op::JumpIfFalsy { src: c, to });
        Ok(())
    }

    fn call(
        &mut self,
        whole: &Expr,
        target: &CallTarget,
        args: &[Expr],
        tail: bool,
    ) -> Result<Reg> {
        match target {
            CallTarget::Local(name) if name == "@" && self.env.module().is_some() => match args {
                [Expr {
                    kind: ExprKind::Var(attribute),
                    ..
                }] => {
                    let value = self
                        .env
                        .module()
                        .and_then(|m| m.attribute(attribute).cloned())
                        .unwrap_or_else(crate::term::Term::nil);
                    let dst = self.fresh();
                    self.emit(Op::Const { dst, value });
                    Ok(dst)
                }
                _ => Ok(self.fallback(whole)),
            },
            CallTarget::Local(name) if self.module_function(name, args.len()).is_some() => {
                let (table, index) = self.module_function(name, args.len()).expect("checked");
                let args = self.all(args)?;
                let dst = self.fresh();
                self.emit(Op::CallLocalFn {
                    dst,
                    table,
                    index: index as u32,
                    args,
                    tail,
                });
                Ok(dst)
            }
            CallTarget::Local(name) if SPECIAL.contains(&name.as_str()) => Ok(self.fallback(whole)),
            CallTarget::Local(name) => {
                let args = self.all(args)?;
                let dst = self.fresh();
                self.emit(Op::CallLocal {
                    dst,
                    name: Arc::from(name.as_str()),
                    args,
                });
                Ok(dst)
            }
            CallTarget::Remote { module, function } => {
                let special_kernel = matches!(&module.kind, ExprKind::Alias(m) if m == "Kernel")
                    && SPECIAL.contains(&function.as_str());
                if special_kernel || matches!(module.kind, ExprKind::Int(_) | ExprKind::Float(_)) {
                    return Ok(self.fallback(whole));
                }
                let module = self.expr(module)?;
                let args = self.all(args)?;
                let dst = self.fresh();
                self.emit(Op::CallRemote {
                    dst,
                    module,
                    function: Arc::from(function.as_str()),
                    args,
                    tail,
                });
                Ok(dst)
            }
            CallTarget::Anonymous(f) if matches!(f.kind, ExprKind::Atom(_)) => {
                Ok(self.fallback(whole))
            }
            CallTarget::Anonymous(f) => {
                let f = self.expr(f)?;
                let args = self.all(args)?;
                if tail {
                    self.emit(Op::TailCallFun { f, args });
                    return self.nil();
                }
                let dst = self.fresh();
                self.emit(Op::CallFun { dst, f, args });
                Ok(dst)
            }
        }
    }
}

/// Operators whose answer is a boolean and that never raise.
pub(super) fn is_comparison(op: BinaryOp) -> bool {
    use BinaryOp::*;
    matches!(op, Eq | NotEq | StrictEq | StrictNotEq | Lt | Gt | Le | Ge)
}

/// The labels an instruction jumps to, for resolution.
fn op_labels(op: &mut Op) -> Vec<&mut Label> {
    match op {
        Op::StrictBool { done, .. } => vec![done],
        Op::Jump { to }
        | Op::JumpIfTruthy { to, .. }
        | Op::JumpIfFalsy { to, .. }
        | Op::JumpUnlessCmp { to, .. } => vec![to],
        Op::TestEq { fail, .. }
        | Op::TestSame { fail, .. }
        | Op::TestTrue { fail, .. }
        | Op::TestTuple { fail, .. }
        | Op::TestEmptyList { fail, .. }
        | Op::HeadTail { fail, .. }
        | Op::MatchWalker { fail, .. }
        | Op::GuardBegin { fail } => vec![fail],
        Op::IterNext { done, .. } => vec![done],
        Op::Receive(r) => {
            let mut labels: Vec<&mut Label> = vec![&mut r.done];
            if let Some((_, after)) = &mut r.after {
                labels.push(after);
            }
            labels.extend(r.clauses.iter_mut().map(|c| &mut c.body));
            labels
        }
        _ => Vec::new(),
    }
}
