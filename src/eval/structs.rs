//! Struct literals: `%RuntimeError{message: "a"}`, `%RuntimeError{e | message: "b"}`.
//!
//! Elixir expands a struct literal at compile time by calling `RuntimeError.__struct__/1`
//! (`/0` in a pattern or an update), so an unknown struct, an unknown key or a missing
//! enforced key fails before any of the line runs. otpsh loads no modules: the structs it
//! knows are those whose fields `inspect::structs` records, with the defaults below.

use super::compile_check::patterns_of;
use super::{call::visit, macro_trace, Env, Evaluator};
use crate::error::{exception, Error, Result};
use crate::inspect::inspect_plain;
use crate::inspect::struct_fields;
use crate::syntax::ast::{Expr, ExprKind};
use crate::term::Term;
use std::collections::BTreeMap;

const UNDEFINED_HINT: &str = "Make sure the struct name is correct. If the struct name exists \
and is correct but it still cannot be found, you likely have cyclic module usage in your code";

/// A field's value in `%Module{}` (the `defstruct` default), as Elixir 1.14 has it.
fn default_of(alias: &str, field: &str) -> Term {
    match (alias, field) {
        ("ArgumentError", "message") => Term::string("argument error"),
        ("RuntimeError", "message") => Term::string("runtime error"),
        ("SystemLimitError", "message") => Term::string("a system limit has been reached"),
        ("ArithmeticError", "message") => Term::string("bad argument in arithmetic expression"),
        ("Enum.EmptyError", "message") => Term::string("empty error"),
        ("Enum.OutOfBoundsError", "message") => Term::string("out of bounds error"),
        ("Protocol.UndefinedError", "description") => Term::string(""),
        ("MapSet", "map") | ("DynamicSupervisor", "children") => Term::map(vec![]),
        ("MapSet", "version") => Term::Int(2),
        ("DynamicSupervisor", "restarts") => Term::list(vec![]),
        _ => Term::nil(),
    }
}

/// The `@enforce_keys` of a struct: `%Range{}` must be given all three.
fn enforced(alias: &str) -> &'static [&'static str] {
    match alias {
        "Range" => &["first", "last", "step"],
        "Task" => &["mfa", "owner", "pid", "ref"],
        _ => &[],
    }
}

/// What a learner's `defstruct`/`defexception` defined.
struct UserStruct {
    exception: bool,
    fields: Vec<(String, Term)>,
    enforce: Vec<String>,
}

/// The atom name of a struct's module as written (`Elixir.RuntimeError`, `erlang`), or
/// None for a variable (`%name{}` in a pattern).
fn module_name(module: &Expr, env: &Env) -> Option<String> {
    match &module.kind {
        ExprKind::Alias(name) if name == "Elixir" || name.starts_with("Elixir.") => {
            Some(name.clone())
        }
        ExprKind::Alias(name) => Some(
            env.resolve_alias(name)
                .unwrap_or_else(|| format!("Elixir.{name}")),
        ),
        ExprKind::Atom(name) => Some(name.clone()),
        _ => None,
    }
}

/// How one struct literal is expanded: iex's wording depends on it.
struct Expansion<'e> {
    node: &'e Expr,
    module: String,
    /// In a pattern or an update, Elixir asks for `__struct__/0` and refuses unknown
    /// keys with a `CompileError`; a construction asks `__struct__/1`, which raises.
    checked: bool,
}

impl Expansion<'_> {
    fn shown(&self) -> String {
        inspect_plain(&Term::atom(&self.module))
    }

    fn arity(&self) -> usize {
        if self.checked {
            0
        } else {
            1
        }
    }

    /// The two trace lines under the error; a module that exists is Elixir's own.
    fn frames(&self, first_line: usize) -> String {
        // The guide's own modules are the session's, not Elixir's.
        let ours = matches!(self.module.as_str(), "Elixir.Server" | "Elixir.DSupervisor");
        let alias = self.module.strip_prefix("Elixir.");
        let loaded = !ours
            && alias.is_some_and(|a| {
                struct_fields(a).is_some() || super::builtins::known_module(&self.module)
            });
        let app = if loaded { "(elixir 1.14.0) " } else { "" };
        format!(
            "{app}expanding struct: {}.__struct__/{}\n    iex:{}: (file)",
            self.shown(),
            self.arity(),
            first_line + self.node.span.line.max(1) as usize - 1
        )
    }
}

impl Evaluator<'_> {
    /// The error Elixir's expansion of the struct literals in `top` (one expression of
    /// the line, compiled just before it runs) would raise, if any.
    pub(super) fn struct_expansion_error(&self, top: &Expr, env: &Env) -> Option<Error> {
        let mut in_patterns: Vec<*const Expr> = Vec::new();
        visit(top, &mut |e| {
            for pattern in patterns_of(e) {
                visit(pattern, &mut |p| in_patterns.push(p as *const Expr));
            }
        });
        let mut found = None;
        visit(top, &mut |e| {
            let ExprKind::Struct {
                module,
                base,
                entries,
            } = &e.kind
            else {
                return;
            };
            if found.is_some() {
                return;
            }
            let Some(name) = module_name(module, env) else {
                return;
            };
            let expansion = Expansion {
                node: e,
                module: name,
                checked: base.is_some() || in_patterns.contains(&(e as *const Expr)),
            };
            found = self.expansion_error(&expansion, entries).map(|error| {
                let mut frames = expansion.frames(self.line);
                if let Some(lines) = macro_trace::expanding_lines(top, e, self.line) {
                    frames = format!("{frames}\n    {lines}");
                }
                error.at(frames)
            });
        });
        found
    }

    /// A learner's struct: whether it is an exception, its fields with their defaults
    /// and its `@enforce_keys`.
    fn user_struct(&self, module: &str) -> Option<UserStruct> {
        let m = crate::vm::module::lookup(self, module)?;
        Some(UserStruct {
            exception: m.exception,
            fields: m.struct_fields.clone()?,
            enforce: m.enforce_keys.clone(),
        })
    }

    fn expansion_error(&self, expansion: &Expansion, entries: &[(Expr, Expr)]) -> Option<Error> {
        let name = expansion.shown();
        let alias = expansion.module.strip_prefix("Elixir.").unwrap_or("");
        let user = self.user_struct(&expansion.module);
        let user_names: Vec<&str> = user
            .as_ref()
            .map(|u| u.fields.iter().map(|(k, _)| k.as_str()).collect())
            .unwrap_or_default();
        let user_enforced: Vec<&str> = user
            .as_ref()
            .map(|u| u.enforce.iter().map(String::as_str).collect())
            .unwrap_or_default();
        let known = match (&user, struct_fields(alias)) {
            (Some(_), _) => Some(user_names.as_slice()),
            (None, Some((_, fields))) => Some(fields),
            (None, None) => None,
        };
        let Some(fields) = known else {
            let arity = expansion.arity();
            return Some(self.compile_error_on(
                &format!(
                    "{name}.__struct__/{arity} is undefined, cannot expand struct {name}. \
                     {UNDEFINED_HINT}"
                ),
                expansion.node.span.line,
            ));
        };
        for (key, _) in entries {
            let key = match &key.kind {
                ExprKind::Atom(k) => Term::atom(k),
                ExprKind::Int(i) => Term::Int(*i),
                ExprKind::Str(_) | ExprKind::Tuple(_) | ExprKind::List { .. } => {
                    crate::eval::compile_check::constant(key)?
                }
                _ => continue,
            };
            if key.as_atom().is_some_and(|k| fields.contains(&k.name())) {
                continue;
            }
            return Some(if expansion.checked {
                let key = inspect_plain(&key);
                let message = format!("unknown key {key} for struct {name}");
                self.compile_error_on(&message, expansion.node.span.line)
            } else {
                Error::Raise(exception(
                    "KeyError",
                    vec![
                        ("key", key),
                        ("term", Term::nil()),
                        ("message", Term::nil()),
                    ],
                ))
            });
        }
        if expansion.checked {
            return None;
        }
        let given = |field: &&str| {
            entries
                .iter()
                .any(|(k, _)| matches!(&k.kind, ExprKind::Atom(a) if a == field))
        };
        let enforced_keys: &[&str] = match user {
            Some(_) => &user_enforced,
            None => enforced(alias),
        };
        let missing: Vec<Term> = enforced_keys
            .iter()
            .filter(|f| !given(f))
            .map(|f| Term::atom(f))
            .collect();
        (!missing.is_empty()).then(|| {
            Error::argument(format!(
                "the following keys must also be given when building struct {name}: {}",
                inspect_plain(&Term::list(missing))
            ))
        })
    }

    /// Builds `%Module{...}` or updates `%Module{base | ...}` (the expansion has already
    /// checked the module and the literal keys).
    pub(super) fn struct_literal(
        &mut self,
        module: &Expr,
        base: Option<&Expr>,
        entries: &[(Expr, Expr)],
        env: &mut Env,
    ) -> Result<Term> {
        let module = self.eval(module, env)?;
        let alias = module
            .as_atom()
            .and_then(|a| a.name().strip_prefix("Elixir."))
            .unwrap_or("")
            .to_string();
        let user = module.as_atom().and_then(|m| self.user_struct(m.name()));
        let static_fields = struct_fields(&alias);
        if user.is_none() && static_fields.is_none() {
            let name = inspect_plain(&module);
            return Err(self.compile_error(&format!(
                "{name}.__struct__/1 is undefined, cannot expand struct {name}. {UNDEFINED_HINT}"
            )));
        };
        let mut map = match base {
            Some(base) => {
                let original = self.eval(base, env)?;
                match &original {
                    Term::Map(m) if m.get(&Term::atom("__struct__")) == Some(&module) => {
                        (**m).clone()
                    }
                    _ => {
                        return Err(Error::Raise(exception(
                            "BadStructError",
                            vec![("struct", module), ("term", original)],
                        )))
                    }
                }
            }
            None => {
                let mut pairs = vec![(Term::atom("__struct__"), module.clone())];
                match (&user, static_fields) {
                    (Some(u), _) => {
                        if u.exception {
                            pairs.push((Term::atom("__exception__"), Term::bool(true)));
                        }
                        pairs.extend(u.fields.iter().map(|(f, v)| (Term::atom(f), v.clone())));
                    }
                    (None, Some((is_exception, fields))) => {
                        if is_exception {
                            pairs.push((Term::atom("__exception__"), Term::bool(true)));
                        }
                        pairs.extend(
                            fields
                                .iter()
                                .map(|f| (Term::atom(f), default_of(&alias, f))),
                        );
                    }
                    (None, None) => {}
                }
                pairs.into_iter().collect::<BTreeMap<_, _>>()
            }
        };
        for (k, v) in entries {
            let key = self.eval(k, env)?;
            let value = self.eval(v, env)?;
            if !map.contains_key(&key) {
                return Err(Error::Raise(exception(
                    "KeyError",
                    vec![
                        ("key", key),
                        ("term", Term::nil()),
                        ("message", Term::nil()),
                    ],
                )));
            }
            map.insert(key, value);
        }
        Ok(Term::Map(std::sync::Arc::new(map)))
    }
}

/// `%Module{}` with every field at its default, for a struct otpsh knows.
fn defaults(module: &Term) -> Option<BTreeMap<Term, Term>> {
    let alias = module.as_atom()?.name().strip_prefix("Elixir.")?;
    let (is_exception, fields) = struct_fields(alias)?;
    let mut map = BTreeMap::new();
    map.insert(Term::atom("__struct__"), module.clone());
    if is_exception {
        map.insert(Term::atom("__exception__"), Term::bool(true));
    }
    for f in fields {
        map.insert(Term::atom(f), default_of(alias, f));
    }
    Some(map)
}

/// `struct/1,2` and `struct!/1,2` on a struct otpsh knows (a module or a struct value);
/// None leaves the call to the caller (an unknown module's undefined `__struct__`).
pub(crate) fn struct_call(name: &str, args: &[Term]) -> Option<Result<Term>> {
    let (target, fields) = match args {
        [target] => (target, Term::empty_list()),
        [target, fields] => (target, fields.clone()),
        _ => return None,
    };
    let (mut map, module) = match target {
        Term::Atom(_) => (defaults(target)?, target.clone()),
        Term::Map(m) => {
            let module = m.get(&Term::atom("__struct__"))?.clone();
            ((**m).clone(), module)
        }
        _ => return None,
    };
    let pairs: Vec<(Term, Term)> = match &fields {
        Term::Map(m) => m.iter().map(|(k, v)| (k.clone(), v.clone())).collect(),
        Term::List(items) => items
            .iter()
            .map(|i| match i.as_tuple() {
                Some([k, v]) => Some((k.clone(), v.clone())),
                _ => None,
            })
            .collect::<Option<_>>()?,
        _ => return None,
    };
    let strict = name == "struct!";
    for (k, v) in pairs {
        if k.is_atom("__struct__") || !map.contains_key(&k) {
            if strict {
                let shown = inspect_plain(&module);
                let error = Error::Raise(exception(
                    "KeyError",
                    vec![("key", k), ("term", Term::nil()), ("message", Term::nil())],
                ));
                return Some(Err(error.at(format!(
                    "(elixir 1.14.0) anonymous fn/2 in {shown}.__struct__/1"
                ))));
            }
            continue;
        }
        map.insert(k, v);
    }
    Some(Ok(Term::Map(std::sync::Arc::new(map))))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn field(t: &Term, name: &str) -> Option<Term> {
        match t {
            Term::Map(m) => m.get(&Term::atom(name)).cloned(),
            _ => None,
        }
    }

    #[test]
    fn struct_builds_from_defaults_and_drops_unknown_keys() {
        let kw = Term::list(vec![
            Term::tuple(vec![Term::atom("message"), Term::string("x")]),
            Term::tuple(vec![Term::atom("foo"), Term::Int(1)]),
        ]);
        let made = struct_call("struct", &[Term::module("RuntimeError"), kw.clone()]);
        let made = made.and_then(|r| r.ok()).expect("a RuntimeError");
        assert_eq!(field(&made, "message"), Some(Term::string("x")));
        assert_eq!(field(&made, "foo"), None);
        assert_eq!(field(&made, "__exception__"), Some(Term::bool(true)));
        let strict = struct_call("struct!", &[Term::module("RuntimeError"), kw]);
        assert!(matches!(strict, Some(Err(_))));
    }

    #[test]
    fn unknown_modules_are_left_to_the_caller() {
        assert!(struct_call("struct", &[Term::module("Nope")]).is_none());
        let plain = struct_call("struct", &[Term::module("KeyError")]);
        let plain = plain.and_then(|r| r.ok()).expect("a KeyError");
        assert_eq!(field(&plain, "key"), Some(Term::nil()));
    }
}
