//! Calls and the constructs built on functions: local, remote and anonymous calls,
//! captures (`&Mod.fun/2`, `&(&1 + 1)`), comprehensions and `receive`.

use super::enumerable;
use super::{builtins, Captured, Closure, Env, Evaluator};
use crate::error::{exception, Error, Result};
use crate::inspect::inspect_plain;
use crate::syntax::ast::{Block, CallTarget, Clause, Expr, ExprKind, Qualifier};
use crate::term::Term;
use std::collections::BTreeMap;
use std::sync::Arc;
use std::time::Duration;

/// The compiled function `name/arity` of the module `env`'s code is in, if it has one.
fn module_function(
    env: &Env,
    name: &str,
    arity: usize,
) -> Option<Arc<crate::vm::closure::VmClosure>> {
    let module = env.module()?;
    let index = module
        .functions
        .iter()
        .position(|(n, a)| n == name && *a == arity)?;
    module.table.get()?.get(index).cloned()
}

/// A capture such as `&(&1 + 1)`: the body, evaluated with `&1..&N` bound.
pub struct CaptureBody {
    pub body: Expr,
    pub env: Env,
}

impl Evaluator<'_> {
    pub(crate) fn call(
        &mut self,
        target: &CallTarget,
        args: &[Expr],
        env: &mut Env,
    ) -> Result<Term> {
        match target {
            CallTarget::Local(name) => {
                if let Some(code) = module_function(env, name, args.len()) {
                    let values = self.eval_all(args, env)?;
                    return crate::vm::apply(self, code, values);
                }
                if let Some(module) = self.imported(name, args.len(), env)? {
                    let values = self.eval_all(args, env)?;
                    return self.apply_remote(Term::atom(&module), name, values);
                }
                if let Some(result) = self.special_form(name, args, env) {
                    return result;
                }
                let values = self.eval_all(args, env)?;
                builtins::local(self, name, values)
            }
            CallTarget::Remote { module, function } => {
                if let ExprKind::Int(_) | ExprKind::Float(_) = module.kind {
                    return Err(self.compile_error(&format!(
                        "invalid call {}.{function}",
                        literal_text(module)
                    )));
                }
                // `Kernel.match?(...)` is the macro, as the local call is.
                if matches!(&module.kind, ExprKind::Alias(m) if m == "Kernel") {
                    if let Some(result) = self.special_form(function, args, env) {
                        return result;
                    }
                }
                let module = self.eval(module, env)?;
                let values = self.eval_all(args, env)?;
                self.apply_remote(module, function, values)
            }
            CallTarget::Anonymous(f) => {
                if let ExprKind::Atom(name) = &f.kind {
                    // Elixir's compiler shows the atom in Erlang's form: `:nil`, `:true`.
                    let shown = match name.as_str() {
                        "nil" | "true" | "false" => format!(":{name}"),
                        _ => crate::inspect::inspect_plain(&Term::atom(name)),
                    };
                    return Err(self.compile_error(&format!("invalid function call {shown}.()")));
                }
                let f = self.eval(f, env)?;
                let values = self.eval_all(args, env)?;
                self.apply_fun(&f, values)
            }
        }
    }

    pub(crate) fn apply_remote(
        &mut self,
        module: Term,
        function: &str,
        args: Vec<Term>,
    ) -> Result<Term> {
        match &module {
            Term::Atom(a) => match crate::vm::module::lookup(self, a.name()) {
                Some(user) => crate::vm::module::call(self, &user, function, args, false),
                None => builtins::remote(self, a.name(), function, args),
            },
            Term::Map(m) if args.is_empty() => {
                let key = Term::atom(function);
                m.get(&key).cloned().ok_or_else(|| {
                    Error::Raise(exception("KeyError", vec![("key", key), ("term", module.clone()), ("message", Term::nil())]))
                })
            }
            _ if args.is_empty() => Err(Error::Raise(exception(
                "KeyError",
                vec![
                    ("key", Term::atom(function)),
                    ("term", module.clone()),
                    ("message", Term::string(&format!(
                        "key :{function} not found in: {}. If you are using the dot syntax, such as map.field, make sure the left-hand side of the dot is a map",
                        inspect_plain(&module)
                    ))),
                ],
            ))),
            _ => Err(Error::argument(format!(
                "you attempted to apply a function on {}. Modules (the first argument of apply) must always be an atom",
                inspect_plain(&module)
            ))
            .at(format!(
                ":erlang.apply({}, :{function}, {})",
                inspect_plain(&module),
                inspect_plain(&Term::list(args))
            ))),
        }
    }

    /// Runs `call` as a library function that may call shell fns back (see
    /// `library_calls`).
    pub(crate) fn in_library<T>(&mut self, call: impl FnOnce(&mut Self) -> T) -> T {
        self.library_calls += 1;
        let result = call(self);
        self.library_calls -= 1;
        result
    }

    /// Calls a function value with arguments.
    pub fn apply_fun(&mut self, f: &Term, args: Vec<Term>) -> Result<Term> {
        let Term::Fun(fun) = f else {
            return Err(Error::Raise(exception(
                "BadFunctionError",
                vec![("term", f.clone())],
            )));
        };
        if fun.arity != args.len() {
            return Err(Error::Raise(exception(
                "BadArityError",
                vec![("function", f.clone()), ("args", Term::list(args))],
            )));
        }
        let body = fun.body.clone();
        if let Ok(closure) = body.clone().downcast::<crate::vm::closure::VmClosure>() {
            return self.nested(|ev| crate::vm::apply(ev, closure, args));
        }
        if let Some(closure) = body.downcast_ref::<Closure>() {
            for clause in &closure.clauses {
                let mut scope = closure.env.clone();
                if self.clause_matches(clause, &args, &mut scope)? {
                    return self.eval_block(&clause.body, &mut scope);
                }
            }
            return Err(self.fn_clause_error(args));
        }
        if let Some(captured) = body.downcast_ref::<Captured>() {
            return self.apply_remote(captured.module.clone(), &captured.function, args);
        }
        if let Some(capture) = body.downcast_ref::<CaptureBody>() {
            let mut scope = capture.env.clone();
            for (i, a) in args.into_iter().enumerate() {
                scope.bind(&format!("&{}", i + 1), a);
            }
            return self.eval(&capture.body, &mut scope);
        }
        Err(Error::Raise(exception(
            "BadFunctionError",
            vec![("term", f.clone())],
        )))
    }

    /// No clause of a shell fn takes `args`: iex names the fn after the interpreter
    /// that runs it.
    pub(crate) fn fn_clause_error(&self, args: Vec<Term>) -> Error {
        let arity = args.len();
        let error = Error::Raise(exception(
            "FunctionClauseError",
            vec![
                ("module", Term::atom("erl_eval")),
                ("function", Term::atom("-inside-an-interpreted-fun-")),
                ("arity", Term::Int(arity as i64)),
                ("kind", Term::nil()),
                ("args", Term::list(args)),
                ("clauses", Term::nil()),
            ],
        ));
        match self.library_calls {
            0 => error,
            _ => error.at(format!(
                "(stdlib 4.2) :erl_eval.\"-inside-an-interpreted-fun-\"/{arity}"
            )),
        }
    }

    /// A local call whose arguments are evaluated: an imported function, or Kernel's.
    pub(crate) fn local_call(&mut self, name: &str, args: Vec<Term>, env: &Env) -> Result<Term> {
        if let Some(code) = module_function(env, name, args.len()) {
            return crate::vm::apply(self, code, args);
        }
        if let Some(module) = self.imported(name, args.len(), env)? {
            return self.apply_remote(Term::atom(&module), name, args);
        }
        builtins::local(self, name, args)
    }

    pub(crate) fn capture_fun(
        &mut self,
        module: Option<&Expr>,
        name: &str,
        arity: usize,
        env: &mut Env,
    ) -> Result<Term> {
        // `&area/1` inside a module is the module's own function.
        if module.is_none() {
            if let Some(code) = module_function(env, name, arity) {
                return Ok(self.make_fun(arity, code));
            }
        }
        let module = match module {
            Some(m) => self.eval(m, env)?,
            None => match self.imported(name, arity, env)? {
                Some(imported) => Term::atom(&imported),
                None => Term::module("Kernel"),
            },
        };
        let module_name = module.as_atom().map(|a| a.name().to_string());
        let shown = match module_name.as_deref() {
            // A macro has no function to capture: `&to_string/1` is `fn x -> to_string(x) end`.
            Some("Elixir.Kernel") if super::builtins::is_kernel_macro(name, arity) => None,
            Some(m) => Some(match super::inline::inlined(m, name, arity) {
                Some((erl_module, erl_function)) => {
                    (Term::atom(erl_module), erl_function.to_string())
                }
                None => (module.clone(), name.to_string()),
            }),
            None => Some((module.clone(), name.to_string())),
        };
        *self.next_fun += 1;
        Ok(Term::Fun(Arc::new(crate::term::Fun {
            id: *self.next_fun,
            arity,
            body: Arc::new(Captured {
                module,
                function: name.to_string(),
            }),
            capture: shown,
            defined_in: None,
        })))
    }

    pub(crate) fn capture_expr(&mut self, body: &Expr, env: &Env) -> Term {
        let arity = max_capture_arg(body);
        self.make_fun(
            arity,
            Arc::new(CaptureBody {
                body: body.clone(),
                env: env.clone(),
            }),
        )
    }

    pub(crate) fn comprehension(
        &mut self,
        qualifiers: &[Qualifier],
        into: Option<&Expr>,
        body: &Block,
        env: &Env,
    ) -> Result<Term> {
        let mut scope = env.clone();
        let into = match into {
            Some(e) => Some(self.eval(e, &mut scope)?),
            None => None,
        };
        let mut results = Vec::new();
        self.qualify(qualifiers, body, &scope, &mut |_, value| {
            results.push(value);
            Ok(())
        })?;
        collect_into(into, results)
    }
}

/// A comprehension's results, collected `into:` a list, map or string (a list when
/// `into` is None).
pub(crate) fn collect_into(into: Option<Term>, results: Vec<Term>) -> Result<Term> {
    {
        match into {
            None => Ok(Term::list(results)),
            // Into an empty map, Elixir builds the map with `:maps.from_list/1`.
            Some(Term::Map(base))
                if base.is_empty()
                    && results
                        .iter()
                        .any(|r| r.as_tuple().map(<[_]>::len) != Some(2)) =>
            {
                let call = [Term::list(results)];
                Err(
                    Error::argument("argument error").at(super::builtins::erlang_frame(
                        "maps",
                        "from_list",
                        &call,
                    )),
                )
            }
            Some(Term::Map(base)) => {
                let mut map: BTreeMap<Term, Term> = (*base).clone();
                for item in results {
                    match item.as_tuple() {
                        Some([k, v]) => {
                            map.insert(k.clone(), v.clone());
                        }
                        // `Collectable.Map`'s collecting fn has one clause, for
                        // `{:cont, {k, v}}`; it fails on the map built so far.
                        _ => {
                            let cont = Term::tuple(vec![Term::atom("cont"), item]);
                            return Err(Error::Raise(crate::error::exception(
                                "FunctionClauseError",
                                vec![
                                    ("module", Term::module("Collectable.Map")),
                                    ("function", Term::atom("-into/1-fun-0-")),
                                    ("arity", Term::Int(2)),
                                    ("kind", Term::nil()),
                                    ("args", Term::list(vec![Term::Map(Arc::new(map)), cont])),
                                    ("clauses", Term::nil()),
                                ],
                            )));
                        }
                    }
                }
                Ok(Term::Map(Arc::new(map)))
            }
            Some(Term::Binary(prefix)) => {
                let mut text = String::from_utf8_lossy(&prefix).into_owned();
                for item in results {
                    text.push_str(&super::literal::to_string(&item)?);
                }
                Ok(Term::string(&text))
            }
            Some(Term::List(prefix)) => {
                let mut items = prefix.to_vec();
                items.extend(results);
                Ok(Term::list(items))
            }
            Some(other) => Err(super::literal::not_implemented("Collectable", &other)),
        }
    }
}

impl Evaluator<'_> {
    /// A comprehension evaluated only for its effects (its value is discarded).
    /// `for ..., reduce: init do acc -> ... end`: the body evaluates to the `fn` of the
    /// clauses, in the scope of each element; calling it on the accumulator gives the next.
    pub(crate) fn comprehension_reduce(
        &mut self,
        qualifiers: &[Qualifier],
        init: &Expr,
        body: &Block,
        env: &Env,
    ) -> Result<Term> {
        let mut acc = Some(self.eval(init, &mut env.clone())?);
        self.qualify(qualifiers, body, env, &mut |ev, step| {
            let previous = acc.take().unwrap_or_else(Term::nil);
            acc = Some(ev.apply_fun(&step, vec![previous])?);
            Ok(())
        })?;
        Ok(acc.unwrap_or_else(Term::nil))
    }

    pub(crate) fn for_effects(
        &mut self,
        qualifiers: &[Qualifier],
        body: &Block,
        env: &Env,
    ) -> Result<()> {
        self.qualify(qualifiers, body, env, &mut |_, _| Ok(()))
    }

    fn qualify(
        &mut self,
        qualifiers: &[Qualifier],
        body: &Block,
        env: &Env,
        // What to do with the body's value for each combination of elements.
        leaf: &mut dyn FnMut(&mut Self, Term) -> Result<()>,
    ) -> Result<()> {
        let Some((first, rest)) = qualifiers.split_first() else {
            let mut scope = env.clone();
            let value = self.eval_block(body, &mut scope)?;
            return leaf(self, value);
        };
        match first {
            Qualifier::Filter(condition) => {
                let mut scope = env.clone();
                if self.eval(condition, &mut scope)?.is_truthy() {
                    self.qualify(rest, body, &scope, leaf)?;
                }
                Ok(())
            }
            Qualifier::Generator { pattern, source } => {
                let mut scope = env.clone();
                // Walked, not listed: `for x <- 1..10_000_000` stores no range.
                let source = self.eval(source, &mut scope)?;
                for item in enumerable::items(&source)? {
                    let mut inner = env.clone();
                    if self.match_pattern(pattern, &item, &mut inner)? {
                        self.qualify(rest, body, &inner, leaf)?;
                    }
                }
                Ok(())
            }
        }
    }

    pub(crate) fn receive(
        &mut self,
        clauses: &[Clause],
        after: &Option<(Box<Expr>, Box<Block>)>,
        env: &Env,
    ) -> Result<Term> {
        let timeout = match after {
            None => None,
            Some((t, _)) => Some(self.eval(t, &mut env.clone())?),
        };
        let clauses: Vec<&Clause> = clauses.iter().collect();
        match self.receive_choose(&clauses, timeout, env)? {
            Some((i, mut scope)) => self.eval_block(&clauses[i].body, &mut scope),
            None => match after {
                Some((_, block)) => self.eval_block(block, &mut env.clone()),
                None => Ok(Term::nil()),
            },
        }
    }

    /// `receive` without waiting (a scheduled process looking at its queued
    /// messages): the first message a clause takes, which clause and its bindings.
    pub(crate) fn receive_ready(
        &mut self,
        clauses: &[&Clause],
        env: &Env,
    ) -> Result<Option<(usize, Env)>> {
        let client = self.client;
        let mut chosen: Option<(usize, Env)> = None;
        let mut failure: Option<Error> = None;
        let taken = client.take_saved(|message| {
            match self.first_matching(clauses, message, env) {
                Ok(Some(choice)) => chosen = Some(choice),
                Ok(None) => return false,
                Err(e) => failure = Some(e),
            }
            true
        });
        if let Some(e) = failure {
            return Err(e);
        }
        Ok(taken.and(chosen))
    }

    /// The first clause that takes `message`, with its bindings.
    fn first_matching(
        &mut self,
        clauses: &[&Clause],
        message: &Term,
        env: &Env,
    ) -> Result<Option<(usize, Env)>> {
        for (i, clause) in clauses.iter().enumerate() {
            let mut scope = env.clone();
            if self.clause_matches(clause, std::slice::from_ref(message), &mut scope)? {
                return Ok(Some((i, scope)));
            }
        }
        Ok(None)
    }

    /// The waiting half of `receive`: the first message some clause takes, and which
    /// clause with its bindings; None when the `after` time passed (or the wait was
    /// interrupted).
    pub(crate) fn receive_choose(
        &mut self,
        clauses: &[&Clause],
        timeout: Option<Term>,
        env: &Env,
    ) -> Result<Option<(usize, Env)>> {
        let timeout = receive_timeout(timeout)?;
        self.release_starts();
        let client = self.client;
        let mut chosen: Option<(usize, Env)> = None;
        let mut failure: Option<Error> = None;
        let got = client.receive_matching(
            &mut |message: &Term| match self.first_matching(clauses, message, env) {
                Ok(Some(choice)) => {
                    chosen = Some(choice);
                    true
                }
                Ok(None) => false,
                Err(e) => {
                    failure = Some(e);
                    true
                }
            },
            timeout,
        );
        if let Some(e) = failure {
            return Err(e);
        }
        Ok(match (got, chosen) {
            (Some(_), Some(choice)) => Some(choice),
            _ => None,
        })
    }
}

/// A receive's `after` time: None is forever. The BEAM's receive timer takes
/// 0..2^32-1 ms; a longer one (which otpsh waited out) or anything else is
/// `:timeout_value`.
pub(crate) fn receive_timeout(timeout: Option<Term>) -> Result<Option<Duration>> {
    match timeout {
        None => Ok(None),
        Some(Term::Int(ms)) if (0..=u32::MAX as i64).contains(&ms) => {
            Ok(Some(Duration::from_millis(ms as u64)))
        }
        Some(t) if t.is_atom("infinity") => Ok(None),
        Some(_) => Err(
            Error::raise_message("ErlangError", "Erlang error: :timeout_value")
                .at(":prim_eval.receive/2".to_string()),
        ),
    }
}

/// A number literal as it was written, near enough for an error message.
fn literal_text(e: &Expr) -> String {
    match e.kind {
        ExprKind::Int(i) => i.to_string(),
        ExprKind::Float(f) => crate::inspect::inspect_plain(&Term::Float(f)),
        _ => String::new(),
    }
}

/// The highest `&N` in a capture's body: the arity of the function it makes.
pub(crate) fn max_capture_arg(expr: &Expr) -> usize {
    let mut max = 0;
    visit(expr, &mut |e| {
        if let ExprKind::CaptureArg(n) = e.kind {
            max = max.max(n);
        }
    });
    max
}

/// Calls `f` on `expr` and every expression inside it.
pub(crate) fn visit(expr: &Expr, f: &mut dyn FnMut(&Expr)) {
    f(expr);
    let block = |b: &Block, f: &mut dyn FnMut(&Expr)| b.exprs.iter().for_each(|e| visit(e, f));
    let clauses = |cs: &[Clause], f: &mut dyn FnMut(&Expr)| {
        for c in cs {
            c.patterns.iter().for_each(|p| visit(p, f));
            if let Some(g) = &c.guard {
                visit(g, f);
            }
            block(&c.body, f);
        }
    };
    match &expr.kind {
        ExprKind::Str(parts) => {
            for p in parts {
                if let crate::syntax::ast::StrPart::Interp(e) = p {
                    visit(e, f);
                }
            }
        }
        ExprKind::Tuple(items) => items.iter().for_each(|e| visit(e, f)),
        ExprKind::List { items, tail } => {
            items.iter().for_each(|e| visit(e, f));
            if let Some(t) = tail {
                visit(t, f);
            }
        }
        ExprKind::Struct {
            module,
            base,
            entries,
        } => {
            visit(module, f);
            if let Some(b) = base {
                visit(b, f);
            }
            for (k, v) in entries {
                visit(k, f);
                visit(v, f);
            }
        }
        ExprKind::Map { base, entries } => {
            if let Some(b) = base {
                visit(b, f);
            }
            for (k, v) in entries {
                visit(k, f);
                visit(v, f);
            }
        }
        ExprKind::Unary { expr, .. } => visit(expr, f),
        ExprKind::Binary { lhs, rhs, .. } => {
            visit(lhs, f);
            visit(rhs, f);
        }
        ExprKind::Match { pattern, expr } => {
            visit(pattern, f);
            visit(expr, f);
        }
        ExprKind::Range { first, last, step } => {
            visit(first, f);
            visit(last, f);
            if let Some(s) = step {
                visit(s, f);
            }
        }
        ExprKind::Call { target, args } => {
            match target {
                CallTarget::Remote { module, .. } => visit(module, f),
                CallTarget::Anonymous(e) => visit(e, f),
                CallTarget::Local(_) => {}
            }
            args.iter().for_each(|e| visit(e, f));
        }
        ExprKind::Fn(cs) | ExprKind::Cond(cs) => clauses(cs, f),
        ExprKind::For {
            qualifiers,
            into,
            reduce,
            body,
        } => {
            for q in qualifiers {
                match q {
                    Qualifier::Generator { pattern, source } => {
                        visit(pattern, f);
                        visit(source, f);
                    }
                    Qualifier::Filter(e) => visit(e, f),
                }
            }
            if let Some(i) = into.as_ref().or(reduce.as_ref()) {
                visit(i, f);
            }
            block(body, f);
        }
        ExprKind::If {
            condition,
            then,
            otherwise,
        }
        | ExprKind::Unless {
            condition,
            then,
            otherwise,
        } => {
            visit(condition, f);
            block(then, f);
            if let Some(o) = otherwise {
                block(o, f);
            }
        }
        ExprKind::Case {
            subject,
            clauses: cs,
        } => {
            visit(subject, f);
            clauses(cs, f);
        }
        ExprKind::Receive { clauses: cs, after } => {
            clauses(cs, f);
            if let Some((t, b)) = after {
                visit(t, f);
                block(b, f);
            }
        }
        ExprKind::Block(b) => block(b, f),
        ExprKind::Capture(body) => visit(body, f),
        _ => {}
    }
}
