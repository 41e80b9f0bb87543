//! Modules a learner defines: what `defmodule` compiles (`define`), the loaded form the
//! code server keeps, and calls into it from the VM and the walker.
//!
//! A module is a table of functions, each one VM closure holding all its clauses, plus
//! what `Mod.__info__/1`, `h/1` and the behaviours need (attributes, docs, `use`d
//! behaviours). Loaded modules live in the runtime's code server, so every process sees
//! the same code and a redefinition is seen by the next call (hot code loading).

pub(crate) mod define;

use super::closure::VmClosure;
use crate::error::{exception, Error, Frame, Result};
use crate::eval::Evaluator;
use crate::term::{Atom, Term};
use std::sync::Arc;

/// One function of a module: every clause of `name/arity`.
pub struct Function {
    pub name: Arc<str>,
    pub arity: usize,
    pub private: bool,
    pub code: Arc<VmClosure>,
    pub doc: Option<String>,
}

/// A compiled module.
pub struct Module {
    /// The module's atom (`Elixir.KV.Bucket`).
    pub name: Atom,
    pub functions: Vec<Function>,
    /// Behaviours it `use`s or declares (`GenServer`, as module names without `Elixir.`).
    pub behaviours: Vec<String>,
    pub moduledoc: Option<String>,
    /// `use GenServer`'s options (`restart: :transient`), for `child_spec/1`.
    pub use_options: Vec<(String, Term)>,
    /// `defstruct`'s fields and defaults, in definition order.
    pub struct_fields: Option<Vec<(String, Term)>>,
    /// Defined by `defexception` (its struct has `__exception__: true`).
    pub exception: bool,
    /// `@enforce_keys`
    pub enforce_keys: Vec<String>,
    /// `defguard`s: macros, which only the module's own code calls.
    pub macros: Vec<(String, usize)>,
}

impl Module {
    pub fn function(&self, name: &str, arity: usize) -> Option<&Function> {
        self.functions
            .iter()
            .find(|f| &*f.name == name && f.arity == arity)
    }

    /// The public functions, as `{name, arity}` pairs sorted (what `__info__(:functions)`
    /// answers).
    pub fn exports(&self) -> Vec<(Arc<str>, usize)> {
        let mut list: Vec<(Arc<str>, usize)> = self
            .functions
            .iter()
            .filter(|f| {
                !f.private
                    && !self
                        .macros
                        .iter()
                        .any(|(n, a)| **n == *f.name && *a == f.arity)
            })
            .map(|f| (f.name.clone(), f.arity))
            .collect();
        list.sort();
        list
    }

    /// The module name as Elixir shows it (`KV.Bucket`).
    pub fn shown(&self) -> String {
        crate::inspect::inspect_plain(&Term::Atom(self.name.clone()))
    }

    pub fn uses(&self, behaviour: &str) -> bool {
        self.behaviours.iter().any(|b| b == behaviour)
    }

    /// `%Module{}`: the struct with every field at its default.
    pub fn default_struct(&self) -> Option<Term> {
        let fields = self.struct_fields.as_ref()?;
        let mut entries = vec![(Term::atom("__struct__"), Term::Atom(self.name.clone()))];
        if self.exception {
            entries.push((Term::atom("__exception__"), Term::bool(true)));
        }
        entries.extend(fields.iter().map(|(k, v)| (Term::atom(k), v.clone())));
        Some(Term::map(entries))
    }

    /// The struct's field names in definition order.
    pub fn field_names(&self) -> Option<Vec<String>> {
        Some(
            self.struct_fields
                .as_ref()?
                .iter()
                .map(|(k, _)| k.clone())
                .collect(),
        )
    }
}

/// `Module.exception(arg)` of a `defexception` module: a message string or keyword
/// fields over the defaults.
fn exception_of(module: &Module, arg: &Term) -> Option<Result<Term>> {
    let Term::Map(base) = module.default_struct()? else {
        return None;
    };
    let mut map = (*base).clone();
    match arg {
        Term::Binary(_) if map.contains_key(&Term::atom("message")) => {
            map.insert(Term::atom("message"), arg.clone());
        }
        _ => {
            for pair in arg.as_list()? {
                let [k, v] = pair.as_tuple()? else {
                    return None;
                };
                if map.contains_key(k) && !k.is_atom("__struct__") {
                    map.insert(k.clone(), v.clone());
                }
            }
        }
    }
    Some(Ok(Term::Map(Arc::new(map))))
}

/// The module loaded as `name` (an atom's name), if a learner defined one.
pub fn lookup(ev: &Evaluator, name: &str) -> Option<Arc<Module>> {
    let code = ev.client.runtime().code();
    if code.is_empty() {
        return None;
    }
    code.get(name)?.downcast::<Module>().ok()
}

/// `Mod.fun(args)` on a user module, or None when no user module has that name.
/// `private` allows private functions (a local call inside the module).
pub fn call(
    ev: &mut Evaluator,
    module: &Module,
    function: &str,
    args: Vec<Term>,
    private: bool,
) -> Result<Term> {
    match resolve(module, function, args.len(), private) {
        Some(code) => super::apply(ev, code, args),
        None => match builtin(ev, module, function, &args) {
            Some(answer) => answer,
            None => Err(undefined(module, function, args)),
        },
    }
}

/// The closure of `function/arity`, if the module has it (and it is public, unless
/// `private`).
pub fn resolve(
    module: &Module,
    function: &str,
    arity: usize,
    private: bool,
) -> Option<Arc<VmClosure>> {
    let is_macro = || {
        module
            .macros
            .iter()
            .any(|(n, a)| n == function && *a == arity)
    };
    match module.function(function, arity) {
        Some(f) if private || (!f.private && !is_macro()) => Some(f.code.clone()),
        _ => None,
    }
}

/// The functions every module has without defining them (`__info__/1`,
/// `module_info/0`), and those `use` adds whose defaults are native.
pub fn builtin(
    ev: &mut Evaluator,
    module: &Module,
    function: &str,
    args: &[Term],
) -> Option<Result<Term>> {
    match (function, args) {
        ("__info__", [what]) => Some(info(ev, module, what)),
        ("module_info", []) => Some(Ok(Term::empty_list())),
        ("module_info", [what]) if what.is_atom("exports") => {
            let mut list = module.exports();
            list.extend([
                (Arc::from("__info__"), 1),
                (Arc::from("module_info"), 0),
                (Arc::from("module_info"), 1),
            ]);
            list.sort();
            let mut items = Vec::with_capacity(list.len());
            for (name, arity) in list {
                match ev.atom(&name) {
                    Ok(a) => items.push(Term::tuple(vec![a, Term::Int(arity as i64)])),
                    Err(e) => return Some(Err(e)),
                }
            }
            Some(Ok(Term::list(items)))
        }
        ("module_info", [what]) if what.is_atom("module") => {
            Some(Ok(Term::Atom(module.name.clone())))
        }
        ("child_spec", [arg])
            if [
                "GenServer",
                "Agent",
                "Task",
                "Supervisor",
                "DynamicSupervisor",
            ]
            .iter()
            .any(|b| module.uses(b)) =>
        {
            Some(Ok(child_spec(module, arg)))
        }
        ("__struct__", []) => module.default_struct().map(Ok),
        ("exception", [arg]) if module.exception => exception_of(module, arg),
        ("message", [e]) if module.exception => {
            Some(Ok(crate::error::exception_field(e, "message")
                .cloned()
                .unwrap_or_else(Term::nil)))
        }
        _ => None,
    }
}

/// What `use GenServer` defines as `child_spec/1`: `%{id: Mod, start: {Mod, :start_link,
/// [arg]}}` and the options given to `use`.
pub fn child_spec(module: &Module, arg: &Term) -> Term {
    let name = Term::Atom(module.name.clone());
    let mut entries = vec![
        (Term::atom("id"), name.clone()),
        (
            Term::atom("start"),
            Term::tuple(vec![
                name,
                Term::atom("start_link"),
                Term::list(vec![arg.clone()]),
            ]),
        ),
    ];
    if module.uses("Supervisor") || module.uses("DynamicSupervisor") {
        entries.push((Term::atom("type"), Term::atom("supervisor")));
    }
    if module.uses("Task") {
        entries.push((Term::atom("restart"), Term::atom("temporary")));
    }
    for (key, value) in &module.use_options {
        let key = Term::atom(key);
        entries.retain(|(k, _)| *k != key);
        entries.push((key, value.clone()));
    }
    Term::map(entries)
}

fn info(ev: &mut Evaluator, module: &Module, what: &Term) -> Result<Term> {
    let pairs = |list: Vec<(Arc<str>, usize)>| -> Result<Term> {
        let mut items = Vec::with_capacity(list.len());
        for (name, arity) in list {
            items.push(Term::tuple(vec![ev.atom(&name)?, Term::Int(arity as i64)]));
        }
        Ok(Term::list(items))
    };
    match what.as_atom().map(|a| a.name()) {
        Some("functions") => pairs(module.exports()),
        Some("macros") => {
            let mut list: Vec<(Arc<str>, usize)> = module
                .macros
                .iter()
                .map(|(n, a)| (Arc::from(n.as_str()), *a))
                .collect();
            list.sort();
            pairs(list)
        }
        Some("module") => Ok(Term::Atom(module.name.clone())),
        Some("attributes") => Ok(Term::list(
            module
                .behaviours
                .iter()
                .map(|b| {
                    Term::tuple(vec![
                        Term::atom("behaviour"),
                        Term::list(vec![Term::module(b)]),
                    ])
                })
                .collect(),
        )),
        Some("md5") => Ok(Term::Binary(Arc::from(vec![0u8; 16]))),
        Some("compile") => Ok(Term::empty_list()),
        Some("struct") => Ok(Term::nil()),
        _ => Err(Error::function_clause(&module.shown(), "__info__", 1)),
    }
}

/// `UndefinedFunctionError` for a function a user module lacks (or keeps private), with
/// iex's hint of the same function at other arities.
pub fn undefined(module: &Module, function: &str, args: Vec<Term>) -> Error {
    let arity = args.len();
    let error = Error::Raise(exception(
        "UndefinedFunctionError",
        vec![
            ("module", Term::Atom(module.name.clone())),
            ("function", Term::atom(function)),
            ("arity", Term::Int(arity as i64)),
            ("reason", Term::nil()),
            (
                "message",
                Term::string(&format!(
                    "function {}.{}/{arity} is undefined or private{}",
                    module.shown(),
                    crate::eval::builtins::remote_name(function),
                    match module.macros.iter().any(|(n, a)| n == function && *a == arity) {
                        true => format!(
                            ". However there is a macro with the same name and arity. Be sure to require {} if you intend to invoke this macro",
                            module.shown()
                        ),
                        false => String::new(),
                    }
                )),
            ),
        ],
    ));
    let exports: Vec<(&str, usize)> = module
        .functions
        .iter()
        .filter(|f| !f.private)
        .map(|f| (&*f.name, f.arity))
        .collect();
    let hint = crate::eval::builtins::did_you_mean_in(&exports, function, arity);
    let shown_args: Vec<String> = args.iter().map(crate::inspect::inspect_plain).collect();
    Error::Located(
        Box::new(error),
        Box::new(Frame {
            line: format!(
                "{}.{}({})",
                module.shown(),
                crate::eval::builtins::remote_name(function),
                shown_args.join(", ")
            ),
            blame: (!hint.is_empty()).then_some(hint),
            bif: None,
        }),
    )
}

/// The bytes `defmodule` answers in place of a BEAM file: an IFF header as the BEAM's
/// (`FOR1`, size, `BEAM`) and an atom chunk (`AtU8`) naming the module and its functions,
/// so the binary reads as a compiled module does; no other code is in it.
pub fn beam_binary(module: &Module) -> Term {
    let mut atoms: Vec<String> = vec![module.name.name().to_string(), "__info__".into()];
    atoms.extend(
        [
            "attributes",
            "compile",
            "functions",
            "macros",
            "md5",
            "module",
        ]
        .map(String::from),
    );
    for f in &module.functions {
        if !atoms.iter().any(|a| **a == *f.name) {
            atoms.push(f.name.to_string());
        }
    }
    let mut chunk: Vec<u8> = (atoms.len() as u32).to_be_bytes().to_vec();
    for a in &atoms {
        let bytes = a.as_bytes();
        chunk.push(bytes.len().min(255) as u8);
        chunk.extend(&bytes[..bytes.len().min(255)]);
    }
    while !chunk.len().is_multiple_of(4) {
        chunk.push(0);
    }
    let mut body = b"BEAM".to_vec();
    body.extend(b"AtU8");
    body.extend((chunk.len() as u32).to_be_bytes());
    body.extend(chunk);
    let mut file = b"FOR1".to_vec();
    file.extend((body.len() as u32).to_be_bytes());
    file.extend(body);
    Term::Binary(Arc::from(file))
}

/// Runs learners' code for the runtime's processes (see `CodeRunner`).
pub(crate) struct Runner;

impl crate::runtime::code_server::CodeRunner for Runner {
    fn apply(
        &self,
        rt: &crate::runtime::Runtime,
        me: &Arc<crate::runtime::process::Process>,
        module: &str,
        function: &str,
        args: Vec<Term>,
    ) -> Result<Term> {
        let client =
            crate::runtime::Client::attach(rt, me.clone(), Default::default(), Default::default());
        let mut out = crate::eval::event_output(rt);
        let mut next_fun = 0;
        let result = {
            let mut ev = Evaluator::new(&client, &mut out, 1, &[], &mut next_fun);
            ev.is_shell = false;
            let module = ev.atom(module)?;
            let result = ev.apply_remote(module, function, args);
            ev.release_starts();
            result
        };
        out.flush();
        let _ = client.detach();
        result
    }
}

/// `Exception.message/1` of a learner's exception whose module defines `message/1`:
/// None for any other term.
pub fn exception_message(ev: &mut Evaluator, exception: &Term) -> Option<Result<Term>> {
    let module = crate::error::exception_field(exception, "__struct__")?
        .as_atom()?
        .clone();
    let module = lookup(ev, module.name())?;
    let code = resolve(&module, "message", 1, false)?;
    Some(super::apply(ev, code, vec![exception.clone()]))
}

/// Lets the runtime's supervisors run library and learners' start functions.
pub fn install_runner(rt: &crate::runtime::Runtime) {
    rt.code().install(Box::new(Runner));
}
