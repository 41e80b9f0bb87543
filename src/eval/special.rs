//! Special forms that arrive from the parser as calls with `do` keyword blocks: `try`
//! (with `rescue`, `catch`, `else`, `after`) and `with`. They are special because their
//! arguments are not evaluated first.

use super::{Env, Evaluator};
use crate::error::{exception, exception_field, exception_module, Error, Result};
use crate::syntax::ast::{BinaryOp, Block, CallTarget, Clause, Expr, ExprKind};
use crate::term::Term;

/// The sections of a `do` keyword list: `[do: block, rescue: fn-clauses, ...]`.
pub(crate) fn section<'e>(keywords: &'e Expr, name: &str) -> Option<&'e Expr> {
    let ExprKind::List { items, .. } = &keywords.kind else {
        return None;
    };
    items.iter().find_map(|item| match &item.kind {
        ExprKind::Tuple(pair) if pair.len() == 2 => match &pair[0].kind {
            ExprKind::Atom(k) if k == name => Some(&pair[1]),
            _ => None,
        },
        _ => None,
    })
}

fn clauses(section: Option<&Expr>) -> &[Clause] {
    match section.map(|s| &s.kind) {
        Some(ExprKind::Fn(clauses)) => clauses,
        _ => &[],
    }
}

impl Evaluator<'_> {
    /// `try`, `with` and the Kernel macros: `None` when `name` is not a special form.
    pub(crate) fn special_form(
        &mut self,
        name: &str,
        args: &[Expr],
        env: &mut Env,
    ) -> Option<Result<Term>> {
        match (name, args) {
            ("try", [keywords]) if section(keywords, "do").is_some() => {
                Some(self.try_form(keywords, env))
            }
            ("with", [qualifiers @ .., keywords]) if section(keywords, "do").is_some() => {
                Some(self.with_form(qualifiers, keywords, env))
            }
            ("def" | "defp" | "defmacro" | "defmacrop", _) => Some(Err(Error::argument(format!(
                "cannot invoke {name}/{} outside module",
                args.len()
            ))
            .at(format!(
                "(elixir 1.14.0) expanding macro: Kernel.{name}/{}\n    iex:{}: (file)",
                args.len(),
                self.line
            )))),
            // `@name` and `@name value` only: `@123` matches no clause of `@/1`.
            ("@", [operand]) => Some(Err(match &operand.kind {
                ExprKind::Var(_) | ExprKind::Call { target: CallTarget::Local(_), .. } => {
                    self.outside_module(&[])
                }
                _ => Error::function_clause("Kernel", "@", 1).at(format!(
                    "(elixir 1.14.0) expanding macro: Kernel.@/1\n    iex:{}: (file)",
                    self.line
                )),
            })),
            ("use", [module] | [module, _]) => Some(self.use_form(module, args.len(), env)),
            ("alias", [module]) => Some(self.alias_form(module, None, env)),
            ("alias", [module, opts]) => Some(self.alias_form(module, Some(opts), env)),
            ("raise", [receiver, args]) => {
                let description = super::compile_check::invalid_raise_call(receiver, args)?;
                Some(Err(self.compile_error(&description).at(format!(
                    "(elixir 1.14.0) expanding macro: Kernel.raise/2\n    iex:{}: (file)",
                    self.line
                ))))
            }
            ("defmodule", _) => Some(Err(self.compile_error(
                "defmodule is not available in otpsh: the guide's Server and DSupervisor are built in (type `help` for the short commands)",
            ))),
            _ => self.kernel_macro(name, args, env),
        }
    }

    /// `@/1` outside a module, under the macros that expanded into it (innermost first).
    fn outside_module(&self, macros: &[&str]) -> Error {
        self.outside_module_cut(macros, None)
    }

    /// iex prints at most eight frames: `last` is a macro shown without its `iex:N` line.
    fn outside_module_cut(&self, macros: &[&str], last: Option<&str>) -> Error {
        let mut frames = vec![];
        for name in std::iter::once(&"Kernel.@/1").chain(macros) {
            frames.push(format!(
                "(elixir 1.14.0) expanding macro: {name}\n    iex:{}: (file)",
                self.line
            ));
        }
        if let Some(name) = last {
            frames.push(format!("(elixir 1.14.0) expanding macro: {name}"));
        }
        Error::argument("cannot invoke @/1 outside module".to_string()).at(frames.join("\n    "))
    }

    /// `use Module` in the shell: the guide's behaviours define attributes, which fail
    /// outside a module; other modules have no `__using__/1`.
    fn use_form(&mut self, module: &Expr, arity: usize, env: &mut Env) -> Result<Term> {
        let use_frame = format!("Kernel.use/{arity}");
        let name = match &module.kind {
            ExprKind::Alias(a) => format!("Elixir.{a}"),
            ExprKind::Atom(a) => a.clone(),
            _ => {
                let value = self.eval(module, env)?;
                return Err(Error::argument(format!(
                    "invalid arguments for use, expected a compile time atom or alias, got: {}",
                    crate::inspect::inspect_plain(&value)
                ))
                .at(format!(
                    "(elixir 1.14.0) expanding macro: {use_frame}\n    iex:{}: (file)",
                    self.line
                )));
            }
        };
        let shown = crate::inspect::inspect_plain(&Term::atom(&name));
        let using = format!("{shown}.__using__/1");
        match name.as_str() {
            "Elixir.GenServer" | "Elixir.DynamicSupervisor" | "Elixir.Supervisor" => {
                Err(self.outside_module(&[&using, &use_frame]))
            }
            // iex shows eight frames: `use/1` is cut off under these.
            "Elixir.Agent" | "Elixir.Task" => {
                let macros = ["Kernel.if/2", "Kernel.unless/2"];
                Err(self.outside_module_cut(&macros, Some(&using)))
            }
            m if super::builtins::is_known_module(m) => {
                let opts = Term::empty_list();
                Err(super::builtins::undefined_function(m, "__using__", &[opts]))
            }
            _ => Err(self
                .compile_error(&format!(
                    "module {shown} is not loaded and could not be found"
                ))
                .at(format!(
                    "(elixir 1.14.0) expanding macro: {use_frame}\n    iex:{}: (file)",
                    self.line
                ))),
        }
    }

    /// `alias Mod` and `alias Mod, as: Short`: later lines read `Short` as `Mod`.
    fn alias_form(&mut self, module: &Expr, opts: Option<&Expr>, env: &mut Env) -> Result<Term> {
        if let ExprKind::Call {
            target:
                CallTarget::Remote {
                    module: base,
                    function,
                },
            args,
        } = &module.kind
        {
            if function == "{}" {
                return self.multi_alias(base, args, opts, env);
            }
        }
        let target = match &module.kind {
            ExprKind::Alias(_) | ExprKind::Atom(_) => self.eval(module, env)?,
            _ => {
                let value = self.eval(module, env)?;
                return Err(self.compile_error(&format!(
                    "invalid argument for alias, expected a compile time atom or alias, got: {}",
                    crate::inspect::inspect_plain(&value)
                )));
            }
        };
        let name = target
            .as_atom()
            .map(|a| a.name().to_string())
            .unwrap_or_default();
        let as_expr = opts.and_then(|o| section(o, "as"));
        let short = match as_expr.map(|e| &e.kind) {
            None => name.rsplit('.').next().unwrap_or(&name).to_string(),
            Some(ExprKind::Alias(short)) if !short.contains('.') => short.clone(),
            Some(_) => {
                let value = self.eval(as_expr.unwrap_or(module), env)?;
                return Err(self.compile_error(&format!(
                    "invalid value for option :as, expected an alias, got: {}",
                    crate::inspect::inspect_plain(&value)
                )));
            }
        };
        // `alias :lists` without `as:` names nothing (an Erlang module has no short form).
        if name.starts_with("Elixir.") || as_expr.is_some() {
            env.alias(&short, &name);
        }
        Ok(target)
    }

    /// `alias Room.{A, B.C}`: one alias per name, returned as a list.
    fn multi_alias(
        &mut self,
        base: &Expr,
        names: &[Expr],
        opts: Option<&Expr>,
        env: &mut Env,
    ) -> Result<Term> {
        if opts.and_then(|o| section(o, "as")).is_some() {
            return Err(self.compile_error(":as option is not supported by multi-alias call"));
        }
        let base = self.eval(base, env)?;
        let base = base
            .as_atom()
            .map(|a| a.name().to_string())
            .unwrap_or_default();
        let mut modules = Vec::with_capacity(names.len());
        for name in names {
            let ExprKind::Alias(name) = &name.kind else {
                let value = self.eval(name, env)?;
                return Err(self.compile_error(&format!(
                    "invalid argument for alias, expected a compile time atom or alias, got: {}",
                    crate::inspect::inspect_plain(&value)
                )));
            };
            let full = format!("{base}.{name}");
            env.alias(name.rsplit('.').next().unwrap_or(name), &full);
            modules.push(self.atom(&full)?);
        }
        Ok(Term::list(modules))
    }

    fn run_section(&mut self, section: Option<&Expr>, env: &Env) -> Result<Term> {
        let mut scope = env.clone();
        match section {
            Some(e) => self.eval(e, &mut scope),
            None => Ok(Term::nil()),
        }
    }

    fn try_form(&mut self, keywords: &Expr, env: &Env) -> Result<Term> {
        let result = self.run_section(section(keywords, "do"), env);
        let result = match result {
            Ok(value) => match section(keywords, "else") {
                Some(e) => self
                    .first_clause(clauses(Some(e)), std::slice::from_ref(&value), env)
                    .unwrap_or_else(|| {
                        Err(Error::Raise(exception(
                            "TryClauseError",
                            vec![("term", value)],
                        )))
                    }),
                None => Ok(value),
            },
            Err(error) => self.handle(error, keywords, env),
        };
        if let Some(after) = section(keywords, "after") {
            self.run_section(Some(after), env)?;
        }
        result
    }

    /// Gives an error to the `rescue` and `catch` clauses; re-raises it if none takes it.
    fn handle(&mut self, error: Error, keywords: &Expr, env: &Env) -> Result<Term> {
        let inner = error.inner().clone();
        if let Error::Raise(e) = &inner {
            for clause in clauses(section(keywords, "rescue")) {
                let mut scope = env.clone();
                if self.rescues(clause, e, &mut scope)? {
                    return self.eval_block(&clause.body, &mut scope);
                }
            }
        }
        let (kind, reason) = match &inner {
            Error::Raise(e) => ("error", erlang_reason(e)),
            Error::Exit(r) => ("exit", r.clone()),
            Error::Throw(v) => ("throw", v.clone()),
            Error::Located(..) => return Err(error),
        };
        for clause in clauses(section(keywords, "catch")) {
            let values = match clause.patterns.len() {
                1 if kind == "throw" => vec![reason.clone()],
                2 => vec![Term::atom(kind), reason.clone()],
                _ => continue,
            };
            let mut scope = env.clone();
            if self.clause_matches(clause, &values, &mut scope)? {
                return self.eval_block(&clause.body, &mut scope);
            }
        }
        Err(error)
    }

    /// A `rescue` clause: `e ->`, `e in Mod ->`, `e in [A, B] ->`, `Mod ->`.
    fn rescues(&mut self, clause: &Clause, e: &Term, scope: &mut Env) -> Result<bool> {
        let Some(pattern) = clause.patterns.first() else {
            return Ok(false);
        };
        let module = exception_module(e).unwrap_or_default();
        let (var, filter) = match &pattern.kind {
            ExprKind::Binary {
                op: BinaryOp::In,
                lhs,
                rhs,
            } => (Some(lhs.as_ref()), Some(rhs.as_ref())),
            ExprKind::Alias(_) | ExprKind::List { .. } => (None, Some(pattern)),
            _ => (Some(pattern), None),
        };
        if let Some(filter) = filter {
            let allowed = match self.eval(filter, &mut scope.clone())? {
                Term::List(items) => items.to_vec(),
                one => vec![one],
            };
            if !allowed.contains(&Term::module(&module)) {
                return Ok(false);
            }
        }
        match var {
            Some(v) => self.match_pattern(v, e, scope),
            None => Ok(true),
        }
    }

    fn first_clause(
        &mut self,
        clauses: &[Clause],
        values: &[Term],
        env: &Env,
    ) -> Option<Result<Term>> {
        for clause in clauses {
            let mut scope = env.clone();
            match self.clause_matches(clause, values, &mut scope) {
                Ok(true) => return Some(self.eval_block(&clause.body, &mut scope)),
                Ok(false) => {}
                Err(e) => return Some(Err(e)),
            }
        }
        None
    }

    fn with_form(&mut self, qualifiers: &[Expr], keywords: &Expr, env: &Env) -> Result<Term> {
        let mut scope = env.clone();
        for q in qualifiers {
            match &q.kind {
                ExprKind::Call {
                    target: CallTarget::Local(op),
                    args,
                } if op == "<-" && args.len() == 2 => {
                    let value = self.eval(&args[1], &mut scope)?;
                    let clause = as_clause(&args[0]);
                    let mut trial = scope.clone();
                    if !self.clause_matches(&clause, std::slice::from_ref(&value), &mut trial)? {
                        return match section(keywords, "else") {
                            None => Ok(value),
                            Some(e) => self
                                .first_clause(clauses(Some(e)), std::slice::from_ref(&value), env)
                                .unwrap_or_else(|| {
                                    Err(Error::Raise(exception(
                                        "WithClauseError",
                                        vec![("term", value)],
                                    )))
                                }),
                        };
                    }
                    scope = trial;
                }
                _ => {
                    self.eval(q, &mut scope)?;
                }
            }
        }
        self.run_section(section(keywords, "do"), &scope)
    }
}

/// `pattern when guard` on the left of `<-` as a one-pattern clause.
fn as_clause(pattern: &Expr) -> Clause {
    let (pattern, guard) = match &pattern.kind {
        ExprKind::Call {
            target: CallTarget::Local(w),
            args,
        } if w == "when" && args.len() == 2 => (args[0].clone(), Some(args[1].clone())),
        _ => (pattern.clone(), None),
    };
    Clause {
        patterns: vec![pattern],
        guard,
        body: Block {
            exprs: vec![],
            span: Default::default(),
        },
        span: Default::default(),
    }
}

/// `{tag, field}`, as the BEAM words a failed match or case.
fn tagged(tag: &str, e: &Term, name: &str) -> Term {
    let value = exception_field(e, name).cloned().unwrap_or_else(Term::nil);
    Term::tuple(vec![Term::atom(tag), value])
}

/// What `catch :error, reason` sees: the BEAM's own reason for errors the BEAM raises
/// (`:badarg`, `:badarith`), the exception struct for Elixir's.
fn erlang_reason(e: &Term) -> Term {
    let field = |name: &str| exception_field(e, name).cloned().unwrap_or_else(Term::nil);
    let has = |name: &str| !field(name).is_nil();
    let message = exception_field(e, "message")
        .and_then(Term::as_str)
        .unwrap_or("");
    match exception_module(e).as_deref() {
        Some("ArithmeticError") => Term::atom("badarith"),
        // The BEAM's own reasons for the errors it raises; Elixir shows them as structs.
        Some("MatchError") => tagged("badmatch", e, "term"),
        Some("CaseClauseError") => tagged("case_clause", e, "term"),
        Some("BadMapError") => tagged("badmap", e, "term"),
        Some("KeyError") if has("term") && !has("message") => {
            Term::tuple(vec![Term::atom("badkey"), field("key"), field("term")])
        }
        Some("ErlangError") => match exception_field(e, "original") {
            Some(original) if !original.is_nil() => original.clone(),
            _ => e.clone(),
        },
        Some("ArgumentError") if message.starts_with("errors were found") => Term::atom("badarg"),
        _ => e.clone(),
    }
}
