//! The node's loaded modules, as the BEAM's code server keeps them: what `defmodule`
//! compiled, by module name, visible to every process of the node.
//!
//! The runtime does not know what a compiled module is made of (that is the VM's):
//! it stores each as an opaque value the VM reads back. Loading a module under a name
//! already loaded replaces it; calls made after that run the new code, as hot code
//! loading does.

use super::process::Process;
use super::Runtime;
use crate::error::Error;
use crate::term::Term;
use std::any::Any;
use std::collections::HashMap;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, OnceLock, RwLock};

pub(crate) type Loaded = Arc<dyn Any + Send + Sync>;

/// Runs code for the runtime's own processes (a supervisor starting a learner's child,
/// or Elixir's `Agent`/`Task`/`DynamicSupervisor` as children): the VM installs it when
/// the shell starts, and again (a no-op then) when a module is defined.
pub(crate) trait CodeRunner: Send + Sync {
    /// `module.function(args)` run as the process `me`.
    fn apply(
        &self,
        rt: &Runtime,
        me: &Arc<Process>,
        module: &str,
        function: &str,
        args: Vec<Term>,
    ) -> Result<Term, Error>;
}

#[derive(Default)]
pub(crate) struct CodeServer {
    modules: RwLock<HashMap<Arc<str>, Loaded>>,
    runner: OnceLock<Box<dyn CodeRunner>>,
    /// Set once a module is loaded: until then every remote call skips the lock.
    loaded_any: AtomicBool,
    /// The field order of each loaded module's struct, for the printer.
    struct_order: RwLock<Option<crate::inspect::StructOrder>>,
}

impl CodeServer {
    /// The module loaded under `name` (an atom's name, `Elixir.Math`).
    pub(crate) fn get(&self, name: &str) -> Option<Loaded> {
        self.modules.read().unwrap().get(name).cloned()
    }

    /// Loads `module` as `name`; the version it replaces, if any.
    pub(crate) fn load(&self, name: &str, module: Loaded) -> Option<Loaded> {
        let replaced = self
            .modules
            .write()
            .unwrap()
            .insert(Arc::from(name), module);
        self.loaded_any.store(true, Ordering::Release);
        replaced
    }

    /// Records (or, with None, forgets) the struct field order of module `name`.
    pub(crate) fn set_struct_order(&self, name: &str, fields: Option<Vec<String>>) {
        let mut order = self.struct_order.write().unwrap();
        let mut map = order.as_deref().cloned().unwrap_or_default();
        match fields {
            Some(fields) => map.insert(name.to_string(), fields),
            None => map.remove(name),
        };
        *order = (!map.is_empty()).then(|| Arc::new(map));
    }

    /// The struct field orders the printer needs (None while no module has a struct).
    pub(crate) fn struct_order(&self) -> Option<crate::inspect::StructOrder> {
        self.struct_order.read().unwrap().clone()
    }

    /// Whether a learner's module is loaded as `name`.
    pub(crate) fn has(&self, name: &str) -> bool {
        !self.is_empty() && self.modules.read().unwrap().contains_key(name)
    }

    /// Installs the runner of loaded code (once; later calls keep the first).
    pub(crate) fn install(&self, runner: Box<dyn CodeRunner>) {
        let _ = self.runner.set(runner);
    }

    /// `module.function(args)` as the process `me`, when code is loaded to run it.
    pub(crate) fn run(
        &self,
        rt: &Runtime,
        me: &Arc<Process>,
        module: &str,
        function: &str,
        args: Vec<Term>,
    ) -> Option<Result<Term, Error>> {
        Some(self.runner.get()?.apply(rt, me, module, function, args))
    }

    /// Whether no module was ever defined (most lines: the lookups stay cheap).
    pub(crate) fn is_empty(&self) -> bool {
        !self.loaded_any.load(Ordering::Acquire)
    }
}
