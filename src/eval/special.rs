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
            // Inside a module's function, `@name` is the attribute as it was set.
            (
                "@",
                [Expr {
                    kind: ExprKind::Var(attribute),
                    ..
                }],
            ) if env.module().is_some() => Some(Ok(env
                .module()
                .and_then(|m| m.attribute(attribute).cloned())
                .unwrap_or_else(Term::nil))),
            // `@config.port`: the attribute's field.
            (
                "@",
                [Expr {
                    kind:
                        ExprKind::Call {
                            target: CallTarget::Remote { module, function },
                            args: call_args,
                        },
                    ..
                }],
            ) if env.module().is_some() && call_args.is_empty() => match &module.kind {
                ExprKind::Var(attribute) => {
                    let value = env
                        .module()
                        .and_then(|m| m.attribute(attribute).cloned())
                        .unwrap_or_else(Term::nil);
                    Some(self.apply_remote(value, function, Vec::new()))
                }
                _ => None,
            },
            // `@name` and `@name value` only: `@123` matches no clause of `@/1`.
            ("@", [operand]) => Some(Err(match &operand.kind {
                ExprKind::Var(_)
                | ExprKind::Call {
                    target: CallTarget::Local(_),
                    ..
                } => self.outside_module(&[]),
                _ => Error::function_clause("Kernel", "@", 1).at(format!(
                    "(elixir 1.14.0) expanding macro: Kernel.@/1\n    iex:{}: (file)",
                    self.line
                )),
            })),
            ("h", [topic]) => self.help_form(topic, env),
            ("use", [module] | [module, _]) => Some(self.use_form(module, args.len(), env)),
            ("import", [module]) => Some(self.import_form(module, None, env)),
            ("import", [module, opts]) => Some(self.import_form(module, Some(opts), env)),
            ("require", [module]) => Some(self.require_form(module, env)),
            ("alias", [module]) => Some(self.alias_form(module, None, env)),
            ("alias", [module, opts]) => Some(self.alias_form(module, Some(opts), env)),
            ("raise", [receiver, args]) => {
                let description = super::compile_check::invalid_raise_call(receiver, args)?;
                Some(Err(self.compile_error(&description).at(format!(
                    "(elixir 1.14.0) expanding macro: Kernel.raise/2\n    iex:{}: (file)",
                    self.line
                ))))
            }
            (crate::syntax::INVALID_FOR, [description]) => match &description.kind {
                ExprKind::Str(parts) => match parts.as_slice() {
                    [crate::syntax::ast::StrPart::Lit(text)] => Some(Err(self.compile_error(text))),
                    _ => None,
                },
                _ => None,
            },
            ("defmodule", _) => Some(crate::vm::module::define::defmodule(self, args, env)),
            _ => self.kernel_macro(name, args, env),
        }
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
        // iex compiles the whole line before running it: no `try` in it ever ran.
        if let Error::Raise(e) = &inner {
            if exception_module(e).as_deref() == Some("CompileError") {
                return Err(error);
            }
        }
        self.remember_rescued(&error);
        if let Error::Raise(e) = &inner {
            for clause in clauses(section(keywords, "rescue")) {
                let mut scope = with_stacktrace(env);
                if self.rescues(clause, e, &mut scope)? {
                    return self.eval_block(&clause.body, &mut scope);
                }
            }
        }
        let (kind, reason) = match &inner {
            Error::Raise(e) if self.raised_by_raise(e) => ("error", e.clone()),
            Error::Raise(e) => ("error", erlang_reason(e, !matches!(error, Error::Raise(_)))),
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
            let mut scope = with_stacktrace(env);
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

/// A `rescue`/`catch` clause's scope: `__STACKTRACE__` is bound there (to an empty list:
/// the shell keeps no stack traces), so `reraise e, __STACKTRACE__` works.
fn with_stacktrace(env: &Env) -> Env {
    let mut scope = env.clone();
    scope.bind("__STACKTRACE__", Term::empty_list());
    scope
}

/// What `catch :error, reason` sees: the BEAM's own reason for errors the BEAM raises
/// (`:badarg`, `:badarith`), the exception struct for Elixir's.
/// `located`: the error carries the frame of the BIF that raised it (`:maps.get/2`),
/// whose reasons are shorter than erl_eval's own (`{:badkey, k}` vs `{:badkey, k, map}`).
fn erlang_reason(e: &Term, located: bool) -> Term {
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
        Some("KeyError") if located && !has("message") => {
            Term::tuple(vec![Term::atom("badkey"), field("key")])
        }
        // `map.key`, where erl_eval raises with the map; Keyword's are Elixir's raises.
        Some("KeyError") if matches!(field("term"), Term::Map(_)) && !has("message") => {
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
