//! The evaluator: runs a parsed line as the shell process, the way iex's evaluator does.
//!
//! It owns Elixir's meaning (scoping, matching, operators, control flow, calls) and
//! nothing else: processes live in `runtime`, texts of errors in `report`, the look of
//! values in `inspect`. Side effects a line has on the screen (`IO.puts`) go to the
//! shell's one `Output`.

mod access_path;
pub(crate) mod builtins;
mod call;
pub(crate) mod capture;
pub mod compile_check;
pub(crate) mod enumerable;
pub mod env;
mod get_and_update;
mod help;
pub mod history;
mod imports;
mod inline;
mod kernel_macros;
mod literal;
mod macro_trace;
mod module_forms;
pub(crate) mod ops;
mod pattern;
mod range;
pub mod report;
mod special;
pub(crate) mod structs;

use crate::error::{exception, Error, Result};
use crate::output::Output;
use crate::runtime::Client;
use crate::syntax::ast::{Block, CallTarget, Clause, Expr, ExprKind};
use crate::term::{Fun, Term};
pub(crate) use builtins::enum_::reduce_while_error;
pub(crate) use builtins::spawn::{
    crash_report, event_output, exit_reason as spawn_exit_reason, Spawn,
};
pub(crate) use call::{collect_into, max_capture_arg, receive_timeout, visit};
pub use env::Env;
pub(crate) use literal::to_string as chars_to_string;
pub(crate) use special::section;

/// What iex's helpers that print their answer (`i/1`) return: the shell shows no result.
pub const DONT_DISPLAY: &str = "do not show this result in output";
use std::sync::Arc;

/// The error `GenServer.whereis/1` raises for a server that is no name (for tests).
pub fn builtins_whereis_error(server: &Term) -> Error {
    builtins::whereis::invalid_server(server).unwrap_or_else(|| Error::argument("valid"))
}

/// The variable names a block mentions, in order of first appearance.
pub fn variable_names(block: &Block) -> Vec<String> {
    let mut names: Vec<String> = Vec::new();
    for expr in &block.exprs {
        call::visit(expr, &mut |e| {
            if let ExprKind::Var(name) | ExprKind::Pin(name) = &e.kind {
                if name != "_" && !names.contains(name) {
                    names.push(name.clone());
                }
            }
        });
    }
    names
}

/// How deep evaluation may nest (recursive closures, deep data) before it stops with an
/// error instead of overflowing the stack.
const MAX_DEPTH: usize = 10_000;

/// A spawned process waiting for its parent to yield: it starts when this is dropped.
pub struct Held(Option<Box<dyn FnOnce() + Send>>);

/// Processes a typed line spawned, to start once its result is shown (iex's shell
/// prints the result before a process spawned at its end has run: its crash report
/// comes after).
pub struct LineStarts(#[allow(dead_code)] Vec<Held>); // started when dropped

impl Drop for Held {
    fn drop(&mut self) {
        if let Some(start) = self.0.take() {
            start();
        }
    }
}

/// `[a, b | tail]`: the items in front of `tail`, which may be any term.
pub(crate) fn cons_onto(mut values: Vec<Term>, tail: Term) -> Term {
    match tail {
        // In front of the list's head, in its buffer when there is room (`List::cons`).
        Term::List(rest) => Term::List(rest.prepend(values)),
        Term::ImproperList(rest, end) => {
            values.extend(rest.iter().cloned());
            Term::ImproperList(Arc::from(values), end)
        }
        other if values.is_empty() => other,
        other => Term::ImproperList(Arc::from(values), Arc::new(other)),
    }
}

/// The body of an anonymous function made at the shell.
pub struct Closure {
    pub clauses: Vec<Clause>,
    pub env: Env,
}

/// `&Mod.fun/arity`
pub struct Captured {
    pub module: Term,
    pub function: String,
}

/// What one shell process keeps between lines besides its bindings: values for `v/1`,
/// the counter of `iex(N)>`, identities for new functions.
#[derive(Default)]
pub struct ShellState {
    pub env: Env,
    pub history: history::History,
    pub next_fun: u64,
}

/// One evaluation: the shell process it runs as, where output goes, and which `iex(N)`
/// line it is (for `iex:N` in compile errors).
pub struct Evaluator<'a> {
    pub client: &'a Client,
    pub out: &'a mut Output,
    pub line: usize,
    pub history: std::borrow::Cow<'a, history::History>,
    pub next_fun: &'a mut u64,
    /// Whether this is the shell process (which must never block forever) rather than a
    /// spawned function.
    pub is_shell: bool,
    depth: usize,
    /// How many library functions (`Enum.map/2`...) are running a shell fn right now: a
    /// fn's clause error inside one shows its erl_eval frame, iex having pruned the
    /// shell's own frames only.
    library_calls: usize,
    /// Atom literals already interned during this evaluation, by tree node.
    literals: std::collections::HashMap<usize, Term>,
    /// Processes spawned by this evaluation that wait for it to yield before they run.
    held: Vec<Held>,
    /// The exception the last `raise` made, by identity. `catch :error, reason` sees the
    /// struct itself for an exception raised by `raise` (Elixir's `:erlang.error(struct)`),
    /// but the BEAM's reason (`:badarith`) for the same exception raised by a BIF; the two
    /// are equal structs here, so only the shared allocation tells them apart.
    raised: Option<Term>,
    /// The last error a `rescue`/`catch` clause took, with its frame: `reraise e,
    /// __STACKTRACE__` of that very exception raises it as it was (iex keeps the
    /// stack trace, so the blame and frame of `1 / 0` come back).
    rescued: Option<Error>,
    /// VM machines to run closures called back by library functions, kept between
    /// calls (a machine's buffers are reused, not made for each element of an `Enum`).
    pub(crate) machines: Vec<crate::vm::interp::Machine>,
}

impl<'a> Evaluator<'a> {
    pub fn new(
        client: &'a Client,
        out: &'a mut Output,
        line: usize,
        results: &'a [Term],
        next_fun: &'a mut u64,
    ) -> Evaluator<'a> {
        Evaluator {
            client,
            out,
            line,
            history: std::borrow::Cow::Owned(history::History::of(results)),
            next_fun,
            is_shell: true,
            depth: 0,
            library_calls: 0,
            literals: Default::default(),
            held: Vec::new(),
            raised: None,
            rescued: None,
            machines: Vec::new(),
        }
    }

    /// An exception raised by `raise`/`reraise` (see `raised`).
    pub(crate) fn raise_exception(&mut self, exception: Term) -> Error {
        self.raised = Some(exception.clone());
        Error::Raise(exception)
    }

    /// Keeps an error a `rescue`/`catch` clause is about to take (see `rescued`).
    pub(crate) fn remember_rescued(&mut self, error: &Error) {
        self.rescued = Some(error.clone());
    }

    /// The error last rescued, if `exception` is its very exception.
    pub(crate) fn rescued_error(&self, exception: &Term) -> Option<Error> {
        let error = self.rescued.as_ref()?;
        match (error.inner(), exception) {
            (Error::Raise(Term::Map(a)), Term::Map(b)) if std::sync::Arc::ptr_eq(a, b) => {
                Some(error.clone())
            }
            _ => None,
        }
    }

    /// Whether `exception` is the very term the last `raise` made.
    pub(crate) fn raised_by_raise(&self, exception: &Term) -> bool {
        match (exception, &self.raised) {
            (Term::Map(a), Some(Term::Map(b))) => std::sync::Arc::ptr_eq(a, b),
            _ => false,
        }
    }

    /// The shell's own history, for `v/1`.
    pub fn with_history(mut self, history: &'a history::History) -> Evaluator<'a> {
        self.history = std::borrow::Cow::Borrowed(history);
        self
    }

    /// Evaluates the expressions of a block in order; the last one's value is the block's.
    pub fn eval_block(&mut self, block: &Block, env: &mut Env) -> Result<Term> {
        self.eval_exprs(block, env, false)
    }

    /// A line typed at the prompt: like iex, each top-level expression is compiled (here:
    /// checked for undefined names) just before it runs, after the ones before it ran.
    pub fn eval_line(&mut self, block: &Block, env: &mut Env) -> Result<Term> {
        self.eval_exprs(block, env, true)
    }

    fn eval_exprs(&mut self, block: &Block, env: &mut Env, compile: bool) -> Result<Term> {
        let mut last = Term::nil();
        let n = block.exprs.len();
        for (i, expr) in block.exprs.iter().enumerate() {
            // A module's own struct exists only once its body ran: `defmodule` expands
            // the literals inside it as it goes.
            let defines_module = matches!(&expr.kind, ExprKind::Call { target: CallTarget::Local(d), .. } if d == "defmodule");
            if let Some(error) = (compile && !defines_module)
                .then(|| self.struct_expansion_error(expr, env))
                .flatten()
            {
                return Err(error);
            }
            if let Some((undefined, at)) = compile
                .then(|| compile_check::first_undefined_at(expr, env))
                .flatten()
            {
                let line = compile_check::line_of(expr, at).unwrap_or(1);
                let error = self.compile_error_on(&undefined.description(), line);
                return Err(match macro_trace::expanding_lines(expr, at, self.line) {
                    Some(lines) => error.at(lines),
                    None => error,
                });
            }
            if let Some(description) = compile
                .then(|| compile_check::invalid_rescue(expr))
                .flatten()
            {
                return Err(self.compile_error(description));
            }
            // A comprehension whose value nobody sees (`for ...; :ok`) runs for its
            // effects without building its list: 100k servers need not cost 100k tuples.
            if let (
                true,
                ExprKind::For {
                    qualifiers,
                    into: None,
                    reduce: None,
                    body,
                },
            ) = (i + 1 < n, &expr.kind)
            {
                self.for_effects(qualifiers, body, env)?;
                continue;
            }
            last = match compile && crate::vm::compilable(expr) {
                true => crate::vm::run_line(self, expr, env)?,
                false => self.eval(expr, env)?,
            };
        }
        Ok(last)
    }

    pub fn eval(&mut self, expr: &Expr, env: &mut Env) -> Result<Term> {
        if self.client.interrupted() {
            return Err(Error::Exit(Term::atom("interrupted")));
        }
        self.depth += 1;
        let result = if self.depth > MAX_DEPTH {
            Err(Error::raise_message(
                "RuntimeError",
                "otpsh: expression nested too deeply to evaluate",
            ))
        } else {
            self.eval_kind(expr, env)
        };
        self.depth -= 1;
        result
    }

    fn eval_kind(&mut self, expr: &Expr, env: &mut Env) -> Result<Term> {
        match &expr.kind {
            ExprKind::Int(_)
            | ExprKind::Float(_)
            | ExprKind::Atom(_)
            | ExprKind::Alias(_)
            | ExprKind::Str(_) => self.literal(expr, env),
            ExprKind::Var(name) => self.variable(name, env),
            ExprKind::Pin(name) => {
                Err(self.compile_error(&format!("cannot use ^{name} outside of match clauses")))
            }
            ExprKind::Tuple(items) => Ok(Term::tuple(self.eval_all(items, env)?)),
            ExprKind::List { items, tail } => self.list(items, tail.as_deref(), env),
            ExprKind::Map { base, entries } => self.map(base.as_deref(), entries, env),
            ExprKind::Struct {
                module,
                base,
                entries,
            } => self.struct_literal(module, base.as_deref(), entries, env),
            ExprKind::Unary { op, expr } => {
                let value = self.eval(expr, env)?;
                ops::unary(*op, value)
            }
            ExprKind::Binary { op, lhs, rhs } => self.binary(*op, lhs, rhs, env),
            ExprKind::Match { pattern, expr } => {
                let value = self.eval(expr, env)?;
                self.match_or_raise(pattern, &value, env)?;
                Ok(value)
            }
            ExprKind::Range { first, last, step } => self.range(first, last, step.as_deref(), env),
            ExprKind::Call { target, args } => self.call(target, args, env),
            ExprKind::Fn(clauses) if clauses.iter().flat_map(|c| &c.patterns).any(|p| {
                matches!(&p.kind, ExprKind::Call { target: CallTarget::Local(op), .. } if op == "\\\\")
            }) =>
            {
                Err(self.compile_error("anonymous functions cannot have optional arguments"))
            }
            ExprKind::Fn(clauses) => Ok(self.closure(clauses.clone(), env)),
            ExprKind::CaptureFun {
                module,
                name,
                arity,
            } => self.capture_fun(module.as_deref(), name, *arity, env),
            ExprKind::Capture(body) => self.capture(body, env),
            ExprKind::CaptureArg(n) => env.get(&format!("&{n}")).cloned().ok_or_else(|| {
                self.compile_error(&format!(
                    "capture argument &{n} must be used within the capture operator &"
                ))
            }),
            ExprKind::For {
                qualifiers,
                reduce: Some(init),
                body,
                ..
            } => self.comprehension_reduce(qualifiers, init, body, env),
            ExprKind::For {
                qualifiers,
                into,
                body,
                ..
            } => self.comprehension(qualifiers, into.as_deref(), body, env),
            ExprKind::If {
                condition,
                then,
                otherwise,
            } => {
                let c = self.eval(condition, env)?;
                self.branch(c.is_truthy(), then, otherwise.as_deref(), env)
            }
            ExprKind::Unless {
                condition,
                then,
                otherwise,
            } => {
                let c = self.eval(condition, env)?;
                self.branch(!c.is_truthy(), then, otherwise.as_deref(), env)
            }
            ExprKind::Case { subject, clauses } => {
                let value = self.eval(subject, env)?;
                self.case(&value, clauses, env)
            }
            ExprKind::Cond(clauses) => self.cond(clauses, env),
            ExprKind::Receive { clauses, after } => self.receive(clauses, after, env),
            ExprKind::Block(block) => self.eval_block(block, env),
        }
    }

    fn eval_all(&mut self, exprs: &[Expr], env: &mut Env) -> Result<Vec<Term>> {
        exprs.iter().map(|e| self.eval(e, env)).collect()
    }

    fn variable(&mut self, name: &str, env: &Env) -> Result<Term> {
        if let Some(value) = env.get(name) {
            return Ok(value.clone());
        }
        // Outside a module, iex's `__MODULE__` is nil.
        if name == "__MODULE__" {
            return match env.module() {
                Some(scope) => self.atom(&scope.name),
                None => Ok(Term::nil()),
            };
        }
        if name == "__STACKTRACE__" {
            return Err(self.compile_error(
                "__STACKTRACE__ is available only inside catch and rescue clauses of try expressions",
            ));
        }
        if name == "_" {
            return Err(self.compile_error(
                "invalid use of _. \"_\" represents a value to be ignored in a pattern and cannot be used in expressions",
            ));
        }
        Err(self.compile_error(&format!(
            "undefined function {name}/0 (there is no such import)"
        )))
    }

    /// iex's `** (CompileError) iex:N: message`.
    pub fn compile_error(&self, message: &str) -> Error {
        self.compile_error_on(message, 1)
    }

    /// A `CompileError` about a node on line `line` of a multi-line input (1 for the
    /// first): iex numbers it from the input's first line.
    pub fn compile_error_on(&self, message: &str, line: u32) -> Error {
        let line = self.line + line.max(1) as usize - 1;
        Error::Raise(exception(
            "CompileError",
            vec![
                ("file", Term::string("iex")),
                ("line", Term::Int(line as i64)),
                ("description", Term::string(message)),
            ],
        ))
    }

    fn list(&mut self, items: &[Expr], tail: Option<&Expr>, env: &mut Env) -> Result<Term> {
        let values = self.eval_all(items, env)?;
        match tail {
            None => Ok(Term::list(values)),
            Some(t) => Ok(cons_onto(values, self.eval(t, env)?)),
        }
    }

    /// Runs `call` one level deeper: a closure run from a library function nests a VM on
    /// the Rust stack, so such nesting is bounded like the walker's recursion.
    pub(crate) fn nested<T>(&mut self, call: impl FnOnce(&mut Self) -> Result<T>) -> Result<T> {
        self.depth += 1;
        let result = if self.depth > MAX_DEPTH {
            Err(Error::raise_message(
                "RuntimeError",
                "otpsh: expression nested too deeply to evaluate",
            ))
        } else {
            call(self)
        };
        self.depth -= 1;
        result
    }

    fn map(
        &mut self,
        base: Option<&Expr>,
        entries: &[(Expr, Expr)],
        env: &mut Env,
    ) -> Result<Term> {
        let mut pairs = Vec::with_capacity(entries.len());
        for (k, v) in entries {
            pairs.push((self.eval(k, env)?, self.eval(v, env)?));
        }
        let Some(base) = base else {
            return Ok(Term::map(pairs));
        };
        let original = self.eval(base, env)?;
        let Term::Map(map) = &original else {
            return Err(Error::Raise(exception(
                "BadMapError",
                vec![("term", original.clone())],
            )));
        };
        let mut updated = (**map).clone();
        for (k, v) in pairs {
            if !updated.contains_key(&k) {
                let frame = format!(
                    "(stdlib 4.2) :maps.update({}, {}, {})",
                    self.plain(&k),
                    self.plain(&v),
                    self.plain(&original)
                );
                return Err(Error::Raise(exception(
                    "KeyError",
                    vec![
                        ("key", k),
                        ("term", original.clone()),
                        ("message", Term::nil()),
                    ],
                ))
                .at(frame));
            }
            updated.insert(k, v);
        }
        Ok(Term::Map(Arc::new(updated)))
    }

    fn binary(
        &mut self,
        op: crate::syntax::ast::BinaryOp,
        lhs: &Expr,
        rhs: &Expr,
        env: &mut Env,
    ) -> Result<Term> {
        use crate::syntax::ast::BinaryOp::*;
        let left = self.eval(lhs, env)?;
        match op {
            And | Or => ops::strict_bool(op, &left).unwrap_or_else(|| self.eval(rhs, env)),
            AndAlso if !left.is_truthy() => Ok(left),
            OrElse if left.is_truthy() => Ok(left),
            AndAlso | OrElse => self.eval(rhs, env),
            _ => {
                let right = self.eval(rhs, env)?;
                if matches!(op, In | NotIn) {
                    let found = enumerable::member(&right, &left)?;
                    return Ok(Term::bool(found == (op == In)));
                }
                ops::binary(op, left, right)
            }
        }
    }

    fn branch(
        &mut self,
        taken: bool,
        then: &Block,
        otherwise: Option<&Block>,
        env: &Env,
    ) -> Result<Term> {
        // Bindings inside a branch do not leak out of it.
        let mut scope = env.clone();
        match (taken, otherwise) {
            (true, _) => self.eval_block(then, &mut scope),
            (false, Some(block)) => self.eval_block(block, &mut scope),
            (false, None) => Ok(Term::nil()),
        }
    }

    fn case(&mut self, value: &Term, clauses: &[Clause], env: &Env) -> Result<Term> {
        for clause in clauses {
            let mut scope = env.clone();
            if self.clause_matches(clause, std::slice::from_ref(value), &mut scope)? {
                return self.eval_block(&clause.body, &mut scope);
            }
        }
        Err(Error::Raise(exception(
            "CaseClauseError",
            vec![("term", value.clone())],
        )))
    }

    fn cond(&mut self, clauses: &[Clause], env: &Env) -> Result<Term> {
        for clause in clauses {
            let mut scope = env.clone();
            let condition = match clause.patterns.first() {
                Some(c) => self.eval(c, &mut scope)?,
                None => Term::nil(),
            };
            if condition.is_truthy() {
                return self.eval_block(&clause.body, &mut scope);
            }
        }
        Err(Error::raise_message(
            "CondClauseError",
            "no cond clause evaluated to a truthy value",
        ))
    }

    /// Matches the patterns of a clause against values and checks its guard; on success
    /// the clause's bindings are in `scope`.
    pub(crate) fn clause_matches(
        &mut self,
        clause: &Clause,
        values: &[Term],
        scope: &mut Env,
    ) -> Result<bool> {
        if clause.patterns.len() != values.len() {
            return Ok(false);
        }
        let mut trial = scope.clone();
        for (pattern, value) in clause.patterns.iter().zip(values) {
            if !self.match_pattern(pattern, value, &mut trial)? {
                return Ok(false);
            }
        }
        if let Some(guard) = &clause.guard {
            // An error inside a guard makes the guard fail, as on the BEAM.
            match self.eval(guard, &mut trial.clone()) {
                Ok(t) if t.is_atom("true") => {}
                _ => return Ok(false),
            }
        }
        *scope = trial;
        Ok(true)
    }

    fn closure(&mut self, clauses: Vec<Clause>, env: &Env) -> Term {
        let arity = clauses.first().map_or(0, |c| c.patterns.len());
        self.make_fun(
            arity,
            Arc::new(Closure {
                clauses,
                env: env.clone(),
            }),
        )
    }

    /// What compiling a line does to the atom table, before it runs: every variable name
    /// becomes an atom, as Elixir's tokenizer makes one of each identifier, and so does
    /// the Erlang variable `_x@1` that Elixir compiles a variable `x` to; so do atom
    /// literals and the names of called functions (iex: `b = count(); :brand_new;
    /// count() - b` is 0, the atom existed before the line ran).
    pub fn intern_identifiers(&self, block: &Block) -> Result<Vec<String>> {
        let names = variable_names(block);
        for name in &names {
            self.atom(name)?;
            self.atom(&format!("_{name}@1"))?;
        }
        let mut failed = None;
        for expr in &block.exprs {
            call::visit(expr, &mut |e| {
                let name = match &e.kind {
                    ExprKind::Atom(name) => name,
                    ExprKind::Call {
                        target: CallTarget::Remote { function, .. } | CallTarget::Local(function),
                        ..
                    } => function,
                    _ => return,
                };
                if failed.is_none() {
                    failed = self.atom(name).err();
                }
            });
        }
        failed.map_or(Ok(names), Err)
    }

    /// Keeps a new process waiting until this one yields.
    pub(crate) fn hold_start(&mut self, gate: crossbeam_channel::Sender<()>) {
        self.hold(Box::new(move || drop(gate)));
    }

    /// Runs `start` when this process yields (it starts a process spawned meanwhile).
    pub(crate) fn hold(&mut self, start: Box<dyn FnOnce() + Send>) {
        self.held.push(Held(Some(start)));
    }

    /// The spawned processes still waiting for this line to end, for the shell to
    /// start once it has printed the result.
    pub fn take_line_starts(&mut self) -> LineStarts {
        LineStarts(std::mem::take(&mut self.held))
    }

    /// This process yields (it waits, sleeps or has finished): the processes it spawned
    /// start running.
    pub fn release_starts(&mut self) {
        self.held.clear();
    }

    /// Interns atoms the node creates as a side effect (code loading).
    pub fn atom_names(&self, names: &[&str]) -> Result<()> {
        names.iter().try_for_each(|n| self.atom(n).map(|_| ()))
    }

    /// A value as `inspect/1` shows it, the session's structs shown as such.
    pub(crate) fn plain(&self, term: &Term) -> String {
        crate::inspect::inspect(
            term,
            &crate::inspect::Options {
                pretty: false,
                user_structs: self.client.runtime().code().struct_order(),
                ..Default::default()
            },
        )
    }

    pub(crate) fn make_fun(
        &mut self,
        arity: usize,
        body: Arc<dyn std::any::Any + Send + Sync>,
    ) -> Term {
        self.make_fun_in(arity, body, None)
    }

    /// `make_fun` for a fn of a module's code: `defined_in` is its index among the
    /// module's funs and the function it is in.
    pub(crate) fn make_fun_in(
        &mut self,
        arity: usize,
        body: Arc<dyn std::any::Any + Send + Sync>,
        defined_in: Option<(u32, String)>,
    ) -> Term {
        *self.next_fun += 1;
        Term::Fun(Arc::new(Fun {
            id: *self.next_fun,
            arity,
            body,
            capture: None,
            defined_in: defined_in.map(Box::new),
        }))
    }
}
