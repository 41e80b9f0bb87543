//! `defmodule`: runs a module's body top to bottom as Elixir does (attributes set,
//! nested modules defined, other expressions evaluated, `IO.puts` printing), gathers the
//! clauses of each `def`/`defp`, compiles every function to VM code and loads the module.
//!
//! Default arguments (`\\`) become the lower-arity functions Elixir generates, each
//! calling the full one. A body with `rescue`/`after` sections is a `try`. `@name` reads
//! the attribute as set before the function (compiled in as a constant).

use super::{Function, Module};
use crate::error::{Error, Result};
use crate::eval::env::ModuleScope;
use crate::eval::{Env, Evaluator};
use crate::syntax::ast::{Block, CallTarget, Clause, Expr, ExprKind, Span};
use crate::term::Term;
use crate::vm::closure::VmClosure;
use crate::vm::code::FunctionInfo;
use std::sync::Arc;

/// One `def`/`defp` read from its syntax.
struct Def<'e> {
    name: String,
    private: bool,
    params: Vec<&'e Expr>,
    guard: Option<&'e Expr>,
    body: Block,
    span: Span,
}

/// A function being gathered: its clauses and the module scope its code sees.
struct Gathered {
    name: String,
    arity: usize,
    private: bool,
    clauses: Vec<Clause>,
    scope: Env,
    line: u32,
    doc: Option<String>,
}

/// What `defmodule Name do body end` evaluates to.
pub(crate) fn defmodule(ev: &mut Evaluator, args: &[Expr], env: &mut Env) -> Result<Term> {
    let (name_expr, body) = match args {
        [name, keywords] => match crate::eval::section(keywords, "do") {
            Some(body) => (name, body),
            None => return Err(ev.compile_error("missing :do option in \"defmodule\"")),
        },
        _ => {
            return Err(ev.compile_error(&format!(
                "undefined function defmodule/{} (there is no such import)",
                args.len()
            )))
        }
    };
    let (name, short) = match &name_expr.kind {
        ExprKind::Alias(a) => match env.module() {
            Some(outer) => (format!("{}.{a}", outer.name), Some(a.clone())),
            None => (
                env.resolve_alias(a)
                    .unwrap_or_else(|| format!("Elixir.{a}")),
                None,
            ),
        },
        ExprKind::Atom(a) => (a.clone(), None),
        ExprKind::Var(_) => {
            let value = ev.eval(name_expr, env).map_err(|e| {
                e.at(format!(
                    "(elixir 1.14.0) expanding macro: Kernel.defmodule/2\n    iex:{}: (file)",
                    ev.line
                ))
            })?;
            return Err(Error::argument(format!(
                "invalid module name: {}",
                crate::inspect::inspect_plain(&value)
            )));
        }
        _ => {
            let value = ev.eval(name_expr, env)?;
            return Err(Error::argument(format!(
                "invalid module name: {}",
                crate::inspect::inspect_plain(&value)
            )));
        }
    };
    let atom = ev.atom(&name)?;
    // Inside `Outer`, `defmodule Inner` is `Outer.Inner`, reachable there as `Inner`.
    if let Some(short) = &short {
        let first = short.split('.').next().unwrap_or(short);
        env.alias(
            first,
            &format!("{}.{first}", env.module().map_or("", |m| &m.name)),
        );
    }
    let exprs: Vec<&Expr> = match &body.kind {
        ExprKind::Block(block) => block.exprs.iter().collect(),
        _ => vec![body],
    };
    // `defguard`s are macros: callable inside the module, not from outside.
    let macros: Vec<(String, usize)> = exprs
        .iter()
        .filter_map(|e| match &e.kind {
            ExprKind::Call {
                target: CallTarget::Local(kind),
                args,
            } if kind == "defguard" => match args.first().map(|a| &a.kind) {
                Some(ExprKind::Call {
                    target: CallTarget::Local(when),
                    args: parts,
                }) if when == "when" => head(&parts[0]).map(|(n, p, _)| (n, p.len())),
                _ => None,
            },
            _ => None,
        })
        .collect();
    let desugared: Vec<Expr> = exprs.iter().map(|e| desugar(e)).collect();
    let exprs: Vec<&Expr> = desugared.iter().collect();
    let table = Arc::new(crate::vm::code::FnTable::new());
    let mut scope = ModuleScope {
        name: name.clone(),
        functions: signatures(&exprs),
        attributes: Vec::new(),
        table: table.clone(),
        funs: Default::default(),
    };
    let mut body_env = env.clone();
    body_env.set_module(Some(Arc::new(scope.clone())));
    let mut gathered: Vec<Gathered> = Vec::new();
    let mut module = Module {
        name: atom.as_atom().cloned().expect("an atom"),
        functions: Vec::new(),
        behaviours: Vec::new(),
        moduledoc: None,
        use_options: Vec::new(),
        struct_fields: None,
        exception: false,
        enforce_keys: Vec::new(),
        macros,
    };
    let mut doc: Option<String> = None;
    let mut last = Term::nil();
    for expr in exprs {
        last = match &expr.kind {
            ExprKind::Call {
                target: CallTarget::Local(kind),
                args,
            } if matches!(kind.as_str(), "def" | "defp") => {
                let def = read_def(ev, kind == "defp", args)?;
                let value = Term::tuple(vec![
                    ev.atom(&def.name)?,
                    Term::Int(def.params.len() as i64),
                ]);
                gather(&mut gathered, def, &body_env, doc.take());
                value
            }
            ExprKind::Call {
                target: CallTarget::Local(at),
                args,
            } if at == "@" => {
                attribute(ev, args, &mut scope, &mut module, &mut doc, &mut body_env)?
            }
            ExprKind::Call {
                target: CallTarget::Local(form),
                args,
            } if matches!(form.as_str(), "defstruct" | "defexception") && args.len() == 1 => {
                let fields = ev.eval(&args[0], &mut body_env)?;
                module.struct_fields = Some(struct_fields(&fields)?);
                module.exception = form == "defexception";
                if module.exception {
                    module.behaviours.push("Exception".into());
                }
                match module.exception {
                    true => Term::ok(),
                    false => module.default_struct().unwrap_or_else(Term::nil),
                }
            }
            ExprKind::Call {
                target: CallTarget::Local(form),
                args,
            } if form == "use" => {
                use_behaviour(ev, args, &mut module, &mut body_env)?;
                Term::ok()
            }
            _ => ev.eval(expr, &mut body_env)?,
        };
    }
    // As Elixir's compiler does before the module exists: every name a function uses
    // must be a variable it binds, a function of the module, or an import.
    if let Some(error) = undefined_local(ev, &module, &gathered, &scope) {
        return Err(error);
    }
    for g in gathered {
        let info = FunctionInfo {
            module: module.shown(),
            name: g.name.clone(),
            arity: g.arity,
            base_line: ev.line as u32,
            line: g.line,
            anonymous: None,
            index: 0,
        };
        let proto = crate::vm::compile::function(ev, &g.scope, &g.clauses, g.arity, info)?;
        module.functions.push(Function {
            name: Arc::from(g.name.as_str()),
            arity: g.arity,
            private: g.private,
            code: Arc::new(VmClosure {
                proto,
                captured: Box::new([]),
                env: Arc::new(g.scope),
            }),
            doc: g.doc,
        });
    }
    // Local calls find their callees here, in the order of the signatures.
    let by_signature: Vec<Arc<VmClosure>> = scope
        .functions
        .iter()
        .filter_map(|(n, a)| {
            module
                .functions
                .iter()
                .find(|f| &*f.name == n && f.arity == *a)
                .map(|f| f.code.clone())
        })
        .collect();
    let _ = table.set(by_signature);
    let binary = super::beam_binary(&module);
    let module = Arc::new(module);
    let code = ev.client.runtime().code();
    code.install(Box::new(super::Runner));
    code.set_struct_order(&name, module.field_names());
    let replaced = code.load(&name, module.clone());
    if replaced.is_some() {
        ev.out.warn(&format!(
            "warning: redefining module {} (current version defined in memory)\n  iex:{}\n",
            module.shown(),
            ev.line
        ));
    }
    Ok(Term::tuple(vec![Term::atom("module"), atom, binary, last]))
}

/// Local calls and forms that need no definition: Kernel's special forms and macros
/// written as calls.
const FORMS: &[&str] = &[
    "try",
    "with",
    "quote",
    "unquote",
    "super",
    "import",
    "alias",
    "require",
    "raise",
    "reraise",
    "throw",
    "exit",
    "@",
    "def",
    "defp",
    "defmodule",
    "defstruct",
    "defexception",
    "defdelegate",
    "defguard",
    "defmacro",
    "__block__",
    "when",
    "\\\\",
];

/// The first name a function uses that nothing defines, as iex's `CompileError`.
fn undefined_local(
    ev: &Evaluator,
    module: &Module,
    gathered: &[Gathered],
    scope: &ModuleScope,
) -> Option<Error> {
    let shown = module.shown();
    let error = |name: &str, arity: usize, line: u32| {
        ev.compile_error_on(
            &format!(
                "undefined function {name}/{arity} (expected {shown} to define such a function or for it to be imported, but none are available)"
            ),
            line,
        )
    };
    for g in gathered {
        for clause in &g.clauses {
            // Variables first, as the clause binds them.
            let as_fn = Expr {
                kind: ExprKind::Fn(vec![clause.clone()]),
                span: clause.span,
            };
            if let Some((crate::eval::compile_check::Undefined::Variable(name), at)) =
                crate::eval::compile_check::first_undefined_at(&as_fn, &Env::new())
            {
                if !name.starts_with("__") {
                    let line = crate::eval::compile_check::line_of(&as_fn, at).unwrap_or(1);
                    return Some(error(&name, 0, line));
                }
            }
            let mut found = None;
            for e in &clause.body.exprs {
                crate::eval::visit(e, &mut |e| {
                    let ExprKind::Call {
                        target: CallTarget::Local(name),
                        args,
                    } = &e.kind
                    else {
                        return;
                    };
                    let arity = args.len();
                    let defined = scope.defines(name, arity)
                        || FORMS.contains(&name.as_str())
                        || crate::eval::builtins::exports_function("Elixir.Kernel", name, arity)
                        || g.scope.imports().iter().any(|i| i.covers(name, arity));
                    if !defined && found.is_none() {
                        found = Some((name.clone(), arity, e.span.line));
                    }
                });
            }
            if let Some((name, arity, line)) = found {
                return Some(error(&name, arity, line));
            }
        }
    }
    None
}

/// `defdelegate` and `defguard` as the `def`s they define: `defdelegate f(a), to: M,
/// as: :g` is `def f(a), do: M.g(a)`; `defguard g(x) when test` is `def g(x), do: test`
/// (guards may call it, as its expansion).
fn desugar(expr: &Expr) -> Expr {
    let ExprKind::Call {
        target: CallTarget::Local(kind),
        args,
    } = &expr.kind
    else {
        return expr.clone();
    };
    let call = |target: CallTarget, args: Vec<Expr>| Expr {
        kind: ExprKind::Call { target, args },
        span: expr.span,
    };
    let def = |kind: &str, head: Expr, body: Expr| {
        let keywords = Expr {
            kind: ExprKind::List {
                items: vec![Expr {
                    kind: ExprKind::Tuple(vec![
                        Expr {
                            kind: ExprKind::Atom("do".into()),
                            span: expr.span,
                        },
                        body,
                    ]),
                    span: expr.span,
                }],
                tail: None,
            },
            span: expr.span,
        };
        call(CallTarget::Local(kind.into()), vec![head, keywords])
    };
    match (kind.as_str(), args.as_slice()) {
        ("defdelegate", [head_expr, opts]) => {
            let Some((name, params, _)) = head(head_expr) else {
                return expr.clone();
            };
            let Some(to) = crate::eval::section(opts, "to") else {
                return expr.clone();
            };
            let target = match crate::eval::section(opts, "as").map(|a| &a.kind) {
                Some(ExprKind::Atom(a)) => a.clone(),
                _ => name,
            };
            let args: Vec<Expr> = params
                .iter()
                .map(|p| default_of(p).map_or((*p).clone(), |(pattern, _)| pattern.clone()))
                .collect();
            let body = call(
                CallTarget::Remote {
                    module: Box::new(to.clone()),
                    function: target,
                },
                args,
            );
            def("def", head_expr.clone(), body)
        }
        ("defguard" | "defguardp", [guarded]) => match &guarded.kind {
            ExprKind::Call {
                target: CallTarget::Local(when),
                args: parts,
            } if when == "when" && parts.len() == 2 => {
                let kind = if kind == "defguard" { "def" } else { "defp" };
                def(kind, parts[0].clone(), parts[1].clone())
            }
            _ => expr.clone(),
        },
        _ => expr.clone(),
    }
}

/// Every function the body defines, by name and arity (defaults' arities included),
/// so that calls between them compile as local calls whatever their order.
fn signatures(exprs: &[&Expr]) -> Vec<(String, usize)> {
    let mut found = Vec::new();
    for expr in exprs {
        let ExprKind::Call {
            target: CallTarget::Local(kind),
            args,
        } = &expr.kind
        else {
            continue;
        };
        if !matches!(kind.as_str(), "def" | "defp") {
            continue;
        }
        let Some((name, params, _)) = args.first().and_then(head) else {
            continue;
        };
        let defaults = params.iter().filter(|p| default_of(p).is_some()).count();
        for arity in params.len() - defaults..=params.len() {
            if !found.iter().any(|(n, a)| *n == name && *a == arity) {
                found.push((name.clone(), arity));
            }
        }
    }
    found
}

/// A function head: `name(params)`, `name(params) when guard`, or a bare `name`.
fn head(expr: &Expr) -> Option<(String, Vec<&Expr>, Option<&Expr>)> {
    match &expr.kind {
        ExprKind::Call {
            target: CallTarget::Local(when),
            args,
        } if when == "when" && args.len() == 2 => {
            let (name, params, _) = head(&args[0])?;
            Some((name, params, Some(&args[1])))
        }
        ExprKind::Call {
            target: CallTarget::Local(name),
            args,
        } => Some((name.clone(), args.iter().collect(), None)),
        ExprKind::Var(name) => Some((name.clone(), Vec::new(), None)),
        _ => None,
    }
}

/// `pattern \\ default`: the default.
fn default_of(param: &Expr) -> Option<(&Expr, &Expr)> {
    match &param.kind {
        ExprKind::Call {
            target: CallTarget::Local(op),
            args,
        } if op == "\\\\" && args.len() == 2 => Some((&args[0], &args[1])),
        _ => None,
    }
}

fn read_def<'e>(ev: &Evaluator, private: bool, args: &'e [Expr]) -> Result<Def<'e>> {
    let kind = if private { "defp" } else { "def" };
    let Some((head_expr, rest)) = args.split_first() else {
        return Err(ev.compile_error(&format!(
            "undefined function {kind}/0 (there is no such import)"
        )));
    };
    let Some((name, params, guard)) = head(head_expr) else {
        return Err(ev.compile_error_on(&format!("invalid syntax in {kind}"), head_expr.span.line));
    };
    let body = match rest {
        [keywords] => body_of(keywords),
        [] => None,
        _ => None,
    };
    // A head without a body declares the defaults of the clauses that follow.
    let defaults = params.iter().any(|p| default_of(p).is_some());
    let body = match (body, rest.is_empty() && defaults) {
        (None, true) => Some(Block {
            exprs: Vec::new(),
            span: head_expr.span,
        }),
        (body, _) => body,
    };
    let Some(body) = body else {
        return Err(ev.compile_error_on(
            &format!(
                "implementation not provided for predefined {kind} {name}/{}",
                params.len()
            ),
            head_expr.span.line,
        ));
    };
    Ok(Def {
        name,
        private,
        params,
        guard,
        body,
        span: head_expr.span,
    })
}

/// A def's body: its `do` block, or a `try` of it when it has `rescue`/`catch`/`after`.
fn body_of(keywords: &Expr) -> Option<Block> {
    let body = crate::eval::section(keywords, "do")?;
    let sectioned = ["rescue", "catch", "after", "else"]
        .iter()
        .any(|s| crate::eval::section(keywords, s).is_some());
    let expr = match sectioned {
        true => Expr {
            kind: ExprKind::Call {
                target: CallTarget::Local("try".into()),
                args: vec![keywords.clone()],
            },
            span: keywords.span,
        },
        false => body.clone(),
    };
    Some(match expr.kind {
        ExprKind::Block(block) => block,
        _ => Block {
            span: expr.span,
            exprs: vec![expr],
        },
    })
}

/// Adds a def's clause (and its defaults' generated functions) to the functions.
fn gather(gathered: &mut Vec<Gathered>, def: Def, env: &Env, doc: Option<String>) {
    let patterns: Vec<Expr> = def
        .params
        .iter()
        .map(|p| default_of(p).map_or((*p).clone(), |(pattern, _)| pattern.clone()))
        .collect();
    let arity = patterns.len();
    let clause = Clause {
        patterns,
        guard: def.guard.cloned(),
        body: def.body.clone(),
        span: def.span,
    };
    // A bodiless head (`def join(a, b \\ nil)`) adds no clause of its own.
    if !def.body.exprs.is_empty() {
        add_clause(gathered, &def, arity, clause, env, doc.clone());
    }
    // `def f(a, b \\ 1)` also defines `f(a)`, calling `f(a, 1)`.
    let defaults = def
        .params
        .iter()
        .filter(|p| default_of(p).is_some())
        .count();
    for missing in 1..=defaults {
        let mut skipped = 0;
        let mut params = Vec::new();
        let mut call_args = Vec::new();
        // The last `missing` defaults are filled in, left to right.
        let first_filled = defaults - missing;
        for (i, p) in def.params.iter().enumerate() {
            match default_of(p) {
                Some((_, default)) => {
                    if skipped >= first_filled {
                        call_args.push(default.clone());
                    } else {
                        let var = generated_var(i, def.span);
                        params.push(var.clone());
                        call_args.push(var);
                    }
                    skipped += 1;
                }
                None => {
                    let var = generated_var(i, def.span);
                    params.push(var.clone());
                    call_args.push(var);
                }
            }
        }
        let call = Expr {
            kind: ExprKind::Call {
                target: CallTarget::Local(def.name.clone()),
                args: call_args,
            },
            span: def.span,
        };
        let lower = params.len();
        let clause = Clause {
            patterns: params,
            guard: None,
            body: Block {
                exprs: vec![call],
                span: def.span,
            },
            span: def.span,
        };
        if !gathered
            .iter()
            .any(|g| g.name == def.name && g.arity == lower)
        {
            add_clause(gathered, &def, lower, clause, env, doc.clone());
        }
    }
}

fn generated_var(i: usize, span: Span) -> Expr {
    Expr {
        kind: ExprKind::Var(format!("x{i}@default")),
        span,
    }
}

fn add_clause(
    gathered: &mut Vec<Gathered>,
    def: &Def,
    arity: usize,
    clause: Clause,
    env: &Env,
    doc: Option<String>,
) {
    let scope = env.without_vars();
    match gathered
        .iter_mut()
        .find(|g| g.name == def.name && g.arity == arity)
    {
        Some(g) => {
            g.clauses.push(clause);
            g.scope = scope;
            if g.doc.is_none() {
                g.doc = doc;
            }
        }
        None => gathered.push(Gathered {
            name: def.name.clone(),
            arity,
            private: def.private,
            clauses: vec![clause],
            scope,
            line: def.span.line,
            doc,
        }),
    }
}

/// `@name value` in a module body: sets the attribute (`:ok`); `@name` reads it.
fn attribute(
    ev: &mut Evaluator,
    args: &[Expr],
    scope: &mut ModuleScope,
    module: &mut Module,
    doc: &mut Option<String>,
    env: &mut Env,
) -> Result<Term> {
    let [operand] = args else {
        return ev.eval(
            &Expr {
                kind: ExprKind::Call {
                    target: CallTarget::Local("@".into()),
                    args: args.to_vec(),
                },
                span: Span::default(),
            },
            env,
        );
    };
    let (name, value) = match &operand.kind {
        ExprKind::Call {
            target: CallTarget::Local(name),
            args,
        } if args.len() == 1 => (name.clone(), &args[0]),
        ExprKind::Var(name) => {
            return Ok(scope.attribute(name).cloned().unwrap_or_else(Term::nil));
        }
        _ => return ev.eval(operand, env),
    };
    match name.as_str() {
        // Typespecs and callbacks are documentation here: accepted, not evaluated.
        "spec" | "type" | "typep" | "opaque" | "callback" | "macrocallback" | "typedoc"
        | "impl" | "dialyzer" | "compile" | "optional_callbacks" | "deprecated" => {
            return Ok(Term::ok())
        }
        _ => {}
    }
    let value = ev.eval(value, env)?;
    match name.as_str() {
        "doc" => *doc = doc_text(&value),
        "moduledoc" => module.moduledoc = doc_text(&value),
        "enforce_keys" => {
            module.enforce_keys = value
                .as_list()
                .unwrap_or(&[])
                .iter()
                .filter_map(|k| k.as_atom().map(|a| a.name().to_string()))
                .collect();
        }
        "behaviour" => {
            if let Some(a) = value.as_atom() {
                module
                    .behaviours
                    .push(a.name().trim_start_matches("Elixir.").to_string());
            }
        }
        _ => {
            scope.attributes.push((name, value));
            env.set_module(Some(Arc::new(scope.clone())));
        }
    }
    Ok(Term::ok())
}

/// `defstruct [:name, age: 27]` or `defstruct name: nil`: the fields and defaults.
fn struct_fields(fields: &Term) -> Result<Vec<(String, Term)>> {
    let invalid = || {
        Error::argument(format!(
            "struct field names must be atoms, got: {}",
            crate::inspect::inspect_plain(fields)
        ))
    };
    let items = fields.as_list().ok_or_else(invalid)?;
    let mut out: Vec<(String, Term)> = Vec::new();
    for item in items {
        let (name, value) = match item {
            Term::Atom(a) => (a.name().to_string(), Term::nil()),
            _ => match item.as_tuple() {
                Some([Term::Atom(a), v]) => (a.name().to_string(), v.clone()),
                _ => return Err(invalid()),
            },
        };
        out.retain(|(n, _)| *n != name);
        out.push((name, value));
    }
    Ok(out)
}

fn doc_text(value: &Term) -> Option<String> {
    match value {
        Term::Binary(_) => crate::eval::chars_to_string(value).ok(),
        _ => None,
    }
}

/// `use GenServer` (and the other behaviours) inside a module: records the behaviour
/// and its options; the defaults it brings are the behaviour's runtime's.
fn use_behaviour(
    ev: &mut Evaluator,
    args: &[Expr],
    module: &mut Module,
    env: &mut Env,
) -> Result<()> {
    let Some(first) = args.first() else {
        return Ok(());
    };
    let target = ev.eval(first, env)?;
    let Some(name) = target.as_atom().map(|a| a.name().to_string()) else {
        return Err(Error::argument(format!(
            "invalid arguments for use, expected a compile time atom or alias, got: {}",
            crate::inspect::inspect_plain(&target)
        )));
    };
    let short = name.trim_start_matches("Elixir.").to_string();
    match short.as_str() {
        "GenServer" | "Supervisor" | "DynamicSupervisor" | "Agent" | "Task" => {}
        // A learner's own `__using__` is a macro, which otpsh does not expand.
        _ => {
            return Err(crate::eval::builtins::undefined_function(
                &name,
                "__using__",
                &[Term::empty_list()],
            ));
        }
    }
    module.behaviours.push(short);
    if let Some(opts) = args.get(1) {
        let opts = ev.eval(opts, env)?;
        if let Some(items) = opts.as_list() {
            for item in items {
                if let Some([k, v]) = item.as_tuple() {
                    if let Some(k) = k.as_atom() {
                        module.use_options.push((k.name().to_string(), v.clone()));
                    }
                }
            }
        }
    }
    Ok(())
}
