//! Variable bindings.
//!
//! Elixir scoping, as the shell sees it: a top-level line's bindings outlive it, a
//! clause's (`case`, `fn`, `if`) do not leak out, and a closure keeps the bindings it saw
//! when it was made. Bindings are owned by one shell process; when that process dies the
//! shell starts over with an empty `Env`.

use crate::term::Term;
use std::collections::BTreeMap;
use std::sync::Arc;

#[derive(Clone, Debug, Default)]
pub struct Env {
    vars: BTreeMap<String, Term>,
    /// `alias Server, as: S`: the short name and the module's atom name
    /// (`"S"` -> `"Elixir.Server"`). Lexical like bindings.
    aliases: BTreeMap<String, String>,
    /// `import Enum, only: [map: 2]`, most recent first (iex names the modules of an
    /// ambiguous call in that order). Lexical like aliases.
    imports: Vec<Import>,
    /// Inside a `defmodule`: the module this code belongs to.
    module: Option<Arc<ModuleScope>>,
}

/// What code inside a module knows of it: its name, the functions it defines (local calls
/// go to them first) and the module attributes set before this code (`@name` reads them).
#[derive(Clone, Debug, Default)]
pub struct ModuleScope {
    /// The module's atom name (`Elixir.Math`).
    pub name: String,
    /// Every `def`/`defp` of the module, by name and arity.
    pub functions: Vec<(String, usize)>,
    pub attributes: Vec<(String, Term)>,
    /// The compiled functions, in the order of `functions` (filled once the module is
    /// compiled).
    pub table: Arc<crate::vm::code::FnTable>,
    /// How many `fn`s the module's code has made so far: the BEAM numbers a module's
    /// funs in the order they are compiled (`#Function<2.../1 in M.f/0>`).
    pub funs: Arc<std::sync::atomic::AtomicU32>,
}

impl ModuleScope {
    pub fn defines(&self, name: &str, arity: usize) -> bool {
        self.functions.iter().any(|(n, a)| n == name && *a == arity)
    }

    /// The value of `@name` here (the last one set).
    pub fn attribute(&self, name: &str) -> Option<&Term> {
        self.attributes
            .iter()
            .rev()
            .find(|(n, _)| n == name)
            .map(|(_, v)| v)
    }
}

/// One `import`: the module's atom name and which of its functions it brings in.
#[derive(Clone, Debug, PartialEq)]
pub struct Import {
    pub module: String,
    /// `only: [f: 1]`; None brings in everything not in `except`.
    pub only: Option<Vec<(String, usize)>>,
    pub except: Vec<(String, usize)>,
}

impl Import {
    /// Whether this import brings in `name/arity` (the module must also export it).
    pub fn covers(&self, name: &str, arity: usize) -> bool {
        let is = |(f, a): &(String, usize)| f == name && *a == arity;
        match &self.only {
            Some(only) => only.iter().any(is),
            None => !self.except.iter().any(is),
        }
    }
}

impl Env {
    pub fn new() -> Env {
        Env::default()
    }

    pub fn get(&self, name: &str) -> Option<&Term> {
        self.vars.get(name)
    }

    pub fn bind(&mut self, name: &str, value: Term) {
        self.vars.insert(name.to_string(), value);
    }

    pub fn names(&self) -> impl Iterator<Item = &str> {
        self.vars.keys().map(String::as_str)
    }

    /// The same aliases and imports, with no variables.
    pub fn without_vars(&self) -> Env {
        Env {
            vars: BTreeMap::new(),
            aliases: self.aliases.clone(),
            imports: self.imports.clone(),
            module: self.module.clone(),
        }
    }

    /// The module this code is in, if any.
    pub fn module(&self) -> Option<&Arc<ModuleScope>> {
        self.module.as_ref()
    }

    pub fn set_module(&mut self, scope: Option<Arc<ModuleScope>>) {
        self.module = scope;
    }

    pub fn is_empty(&self) -> bool {
        self.vars.is_empty()
    }

    pub fn alias(&mut self, short: &str, module: &str) {
        self.aliases.insert(short.to_string(), module.to_string());
    }

    /// A later `import` of the same module replaces the earlier one.
    pub fn import(&mut self, import: Import) {
        self.imports.retain(|i| i.module != import.module);
        self.imports.insert(0, import);
    }

    pub fn imports(&self) -> &[Import] {
        &self.imports
    }

    /// The atom name an alias written `First.Rest` stands for, if `First` was aliased.
    pub fn resolve_alias(&self, written: &str) -> Option<String> {
        let (first, rest) = match written.split_once('.') {
            Some((first, rest)) => (first, Some(rest)),
            None => (written, None),
        };
        let module = self.aliases.get(first)?;
        Some(match rest {
            Some(rest) => format!("{module}.{rest}"),
            None => module.clone(),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::Env;

    #[test]
    fn an_alias_stands_for_its_module_as_a_first_segment_only() {
        let mut env = Env::new();
        env.alias("S", "Elixir.Server");
        assert_eq!(env.resolve_alias("S").as_deref(), Some("Elixir.Server"));
        assert_eq!(
            env.resolve_alias("S.Sub").as_deref(),
            Some("Elixir.Server.Sub")
        );
        assert_eq!(env.resolve_alias("Sx"), None);
        assert_eq!(env.resolve_alias("Other.S"), None);
    }
}
