//! Module-level forms typed at the prompt: `@attr`, `use Module` and `alias Module`.
//! iex runs each line outside any module, so the first two fail as they expand (with the
//! macro frames iex prints); `alias` works and lasts for the rest of the session.

use super::special::section;
use super::{Env, Evaluator};
use crate::error::{Error, Result};
use crate::syntax::ast::{CallTarget, Expr, ExprKind};
use crate::term::Term;

impl Evaluator<'_> {
    /// `@/1` outside a module, under the macros that expanded into it (innermost first).
    pub(crate) fn outside_module(&self, macros: &[&str]) -> Error {
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
    pub(crate) fn use_form(&mut self, module: &Expr, arity: usize, env: &mut Env) -> Result<Term> {
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
    pub(crate) fn alias_form(
        &mut self,
        module: &Expr,
        opts: Option<&Expr>,
        env: &mut Env,
    ) -> Result<Term> {
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
}
