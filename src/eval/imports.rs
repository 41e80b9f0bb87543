//! `import` and `require` typed at the prompt. An import makes a module's functions
//! callable without the module (`import Enum, only: [map: 2]` then `map(list, f)`) for
//! the rest of the session; `require` only checks that the module exists, the shell
//! having no macros of its own to unlock.

use super::env::Import;
use super::{Env, Evaluator};
use crate::error::Result;
use crate::inspect::inspect_plain;
use crate::syntax::ast::{Expr, ExprKind};
use crate::term::Term;

/// Real modules a learner requires that the shell has no functions of (`require Logger`).
const REQUIRABLE: &[&str] = &["Elixir.Logger", "Elixir.Bitwise", "Elixir.Record"];

impl Evaluator<'_> {
    /// `import Mod`, `import Mod, only: [f: 1]`, `only: :functions`, `except: [f: 1]`.
    pub(crate) fn import_form(
        &mut self,
        module: &Expr,
        opts: Option<&Expr>,
        env: &mut Env,
    ) -> Result<Term> {
        let (target, name) = self.compile_time_module(module, "import", env)?;
        if !super::builtins::is_known_module(&name) {
            return Err(self.not_loaded(&target));
        }
        let opts = match opts {
            Some(o) => self.eval(o, env)?,
            None => Term::empty_list(),
        };
        let mut import = Import {
            module: name.clone(),
            only: None,
            except: Vec::new(),
        };
        for (key, value) in opts.as_list().unwrap_or_default().iter().filter_map(pair) {
            match key.as_atom().map(|a| a.name()) {
                Some("only") if value.as_atom().is_some() => {}
                Some("only") => import.only = Some(self.import_list(&target, &name, &value)?),
                Some("except") => import.except = self.import_list(&target, &name, &value)?,
                Some("warn") => {}
                _ => {
                    return Err(self.compile_error(&format!(
                        "unsupported option {} given to import",
                        inspect_plain(&key)
                    )))
                }
            }
        }
        if name != "Elixir.Kernel" {
            env.import(import);
        }
        Ok(target)
    }

    /// `require Mod`: the module, if it exists.
    pub(crate) fn require_form(&mut self, module: &Expr, env: &mut Env) -> Result<Term> {
        let (target, name) = self.compile_time_module(module, "require", env)?;
        if super::builtins::is_known_module(&name) || REQUIRABLE.contains(&name.as_str()) {
            Ok(target)
        } else {
            Err(self.not_loaded(&target))
        }
    }

    /// The module an `import`'s or `require`'s first argument names, and its atom's name.
    fn compile_time_module(
        &mut self,
        module: &Expr,
        form: &str,
        env: &mut Env,
    ) -> Result<(Term, String)> {
        let target = self.eval(module, env)?;
        match (&module.kind, target.as_atom()) {
            (ExprKind::Alias(_) | ExprKind::Atom(_), Some(a)) => {
                let name = a.name().to_string();
                Ok((target, name))
            }
            _ => Err(self.compile_error(&format!(
                "invalid argument for {form}, expected a compile time atom or alias, got: {}",
                inspect_plain(&target)
            ))),
        }
    }

    fn not_loaded(&self, module: &Term) -> crate::error::Error {
        self.compile_error(&format!(
            "module {} is not loaded and could not be found",
            inspect_plain(module)
        ))
    }

    /// `[map: 2, count: 1]`, each of which the module must export.
    fn import_list(
        &self,
        target: &Term,
        module: &str,
        list: &Term,
    ) -> Result<Vec<(String, usize)>> {
        let mut out = Vec::new();
        for (f, a) in list.as_list().unwrap_or_default().iter().filter_map(pair) {
            let (Some(f), Some(a)) = (f.as_atom(), a.as_int()) else {
                continue;
            };
            let arity = a.max(0) as usize;
            if !super::builtins::exports_function(module, f.name(), arity) {
                return Err(self.compile_error(&format!(
                    "cannot import {}.{}/{arity} because it is undefined or private",
                    inspect_plain(target),
                    inspect_plain(&Term::Atom(f.clone())).trim_start_matches(':')
                )));
            }
            out.push((f.name().to_string(), arity));
        }
        Ok(out)
    }

    /// The module a local call `name/arity` was imported from, if any; two candidates
    /// (Kernel counts: it is always imported) make the call ambiguous, as iex says.
    pub(crate) fn imported(&self, name: &str, arity: usize, env: &Env) -> Result<Option<String>> {
        let mut from: Vec<&str> = env
            .imports()
            .iter()
            .filter(|i| i.covers(name, arity))
            .filter(|i| super::builtins::exports_function(&i.module, name, arity))
            .map(|i| i.module.as_str())
            .collect();
        let Some(first) = from.first().map(|m| m.to_string()) else {
            return Ok(None);
        };
        if super::builtins::exports_function("Elixir.Kernel", name, arity) {
            from.push("Elixir.Kernel");
        }
        if let [a, b, ..] = from.as_slice() {
            return Err(self.compile_error(&format!(
                "function {name}/{arity} imported from both {} and {}, call is ambiguous",
                inspect_plain(&Term::atom(a)),
                inspect_plain(&Term::atom(b))
            )));
        }
        Ok(Some(first))
    }
}

/// A 2-tuple's elements.
fn pair(t: &Term) -> Option<(Term, Term)> {
    match t.as_tuple() {
        Some([k, v]) => Some((k.clone(), v.clone())),
        _ => None,
    }
}
