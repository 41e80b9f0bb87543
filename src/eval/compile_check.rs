//! What Elixir's compiler rejects before a line runs: a name that is neither bound nor
//! bindable. iex compiles each top-level expression whole before running it, so
//! `IO.puts("x") && pid` with no `pid` prints nothing and fails; an evaluator that only
//! noticed `pid` on reaching it would print `x` first.
//!
//! The check is deliberately conservative: a name counts as defined if the expression
//! binds it anywhere (any pattern, any clause), so it never rejects what Elixir accepts;
//! what it lets through the evaluator still reports when it gets there.

use super::call::visit;
use super::env::Env;
use super::kernel_macros::split_guard;
use crate::inspect::inspect_plain;
use crate::syntax::ast::{BinaryOp, CallTarget, Expr, ExprKind, Qualifier, StrPart};
use crate::term::Term;

/// A name the compiler would reject, and how iex words it.
#[derive(Debug, PartialEq)]
pub enum Undefined {
    /// A bare name used as a value: `undefined function x/0 (there is no such import)`.
    Variable(String),
    /// `^x` with no `x`.
    Pin(String),
    /// `^x` where nothing is matched, as in `fn x -> ^x end`.
    PinOutsideMatch(String),
}

impl Undefined {
    /// The description of iex's `CompileError`.
    pub fn description(&self) -> String {
        match self {
            Undefined::Variable(name) => {
                format!("undefined function {name}/0 (there is no such import)")
            }
            Undefined::Pin(name) => pin_message(name),
            Undefined::PinOutsideMatch(name) => {
                format!("cannot use ^{name} outside of match clauses")
            }
        }
    }
}

/// iex 1.14's text for a pin of an unbound name.
pub fn pin_message(name: &str) -> String {
    format!(
        "undefined variable ^{name}. No variable \"{name}\" has been defined before the current pattern"
    )
}

/// The first name in `expr` (in source order) that is unbound in `env` and bound nowhere
/// in `expr` itself.
pub fn first_undefined(expr: &Expr, env: &Env) -> Option<Undefined> {
    first_undefined_at(expr, env).map(|(undefined, _)| undefined)
}

/// [`first_undefined`], with the node where the name is (for the macro trace lines).
pub fn first_undefined_at(expr: &Expr, env: &Env) -> Option<(Undefined, *const Expr)> {
    if defines(expr) {
        // `def`, `@` and `use` outside a module fail with their own errors while
        // expanding, first.
        return None;
    }
    // `g = fn n -> g.(n) end`: the right side is compiled before the pattern binds, so
    // the names only the pattern binds are not defined in it.
    if let ExprKind::Match { expr: value, .. } = &expr.kind {
        if let Some(found) = first_undefined_at(value, env) {
            return Some(found);
        }
    }
    let (bindable, pins_in_patterns) = pattern_contents(expr);
    let defined = |name: &str| env.get(name).is_some() || bindable.iter().any(|b| b == name);
    let mut found = None;
    visit(expr, &mut |e| {
        if found.is_some() {
            return;
        }
        match &e.kind {
            // `_` and `_name` have their own rules and messages; the evaluator keeps them.
            ExprKind::Var(name) if !name.starts_with('_') && !defined(name) => {
                found = Some((Undefined::Variable(name.clone()), e as *const Expr));
            }
            ExprKind::Pin(name) if !pins_in_patterns.contains(&(e as *const Expr)) => {
                found = Some((Undefined::PinOutsideMatch(name.clone()), e as *const Expr));
            }
            ExprKind::Pin(name) if !defined(name) => {
                found = Some((Undefined::Pin(name.clone()), e as *const Expr));
            }
            _ => {}
        }
    });
    found
}

/// The line (within the input) of `target`, a node inside `expr`.
pub fn line_of(expr: &Expr, target: *const Expr) -> Option<u32> {
    let mut line = None;
    visit(expr, &mut |e| {
        if std::ptr::eq(e, target) {
            line = Some(e.span.line);
        }
    });
    line
}

/// Whether `expr` holds a `def`-like macro, whose heads name functions, not values.
fn defines(expr: &Expr) -> bool {
    let mut found = false;
    visit(expr, &mut |e| {
        if let ExprKind::Call {
            target: CallTarget::Local(name),
            ..
        } = &e.kind
        {
            found |= matches!(
                name.as_str(),
                "def" | "defp" | "defmacro" | "defmacrop" | "defmodule" | "@" | "use"
            );
        }
    });
    found
}

/// Every variable name that appears in a pattern anywhere in `expr` (left of `=` and
/// `<-`, in the heads of `fn`/`case`/`receive`/`try` clauses, in `for` generators), and
/// every pin there: a pin anywhere else is a compile error.
fn pattern_contents(expr: &Expr) -> (Vec<String>, Vec<*const Expr>) {
    let mut names = Vec::new();
    let mut pins = Vec::new();
    let mut rescues: Vec<*const Expr> = Vec::new();
    visit(expr, &mut |e| {
        rescues.extend(rescue_section(e).map(|s| s as *const Expr))
    });
    visit(expr, &mut |e| {
        // A `rescue` head is no pattern: only its variable binds (`e`, `e in Mod`).
        let patterns = match rescue_section(e) {
            Some(section) => rescue_variables(section),
            None if rescues.contains(&(e as *const Expr)) => vec![],
            None => patterns_of(e),
        };
        for pattern in patterns {
            visit(pattern, &mut |p| match &p.kind {
                ExprKind::Var(name) => names.push(name.clone()),
                ExprKind::Pin(_) => pins.push(p as *const Expr),
                _ => {}
            });
        }
    });
    (names, pins)
}

/// The `rescue` section (an `fn` of clauses) of `e` when it is a `try`.
fn rescue_section(e: &Expr) -> Option<&Expr> {
    match &e.kind {
        ExprKind::Call {
            target: CallTarget::Local(name),
            args,
        } if name == "try" && args.len() == 1 => super::special::section(&args[0], "rescue"),
        _ => None,
    }
}

/// The variables the heads of a `rescue` section bind.
fn rescue_variables(section: &Expr) -> Vec<&Expr> {
    let ExprKind::Fn(clauses) = &section.kind else {
        return vec![];
    };
    clauses
        .iter()
        .filter_map(|c| rescue_head(c.patterns.first()?))
        .collect()
}

/// The variable of a valid `rescue` head, None for an alias or an invalid head.
fn rescue_head(head: &Expr) -> Option<&Expr> {
    match &head.kind {
        ExprKind::Var(_) => Some(head),
        ExprKind::Binary {
            op: BinaryOp::In,
            lhs,
            ..
        } => Some(lhs),
        _ => None,
    }
}

/// iex's refusal of a `rescue` head that is not `var`, `Alias` or `var in aliases`,
/// found once the names in `expr` are known to be defined.
pub fn invalid_rescue(expr: &Expr) -> Option<&'static str> {
    let mut invalid = false;
    visit(expr, &mut |e| {
        let Some(ExprKind::Fn(clauses)) = rescue_section(e).map(|s| &s.kind) else {
            return;
        };
        invalid |= clauses
            .iter()
            .any(|c| match c.patterns.first().map(|p| &p.kind) {
                Some(ExprKind::Var(_) | ExprKind::Alias(_)) => false,
                Some(ExprKind::Binary {
                    op: BinaryOp::In,
                    lhs,
                    rhs,
                }) => {
                    let alias = |e: &Expr| matches!(e.kind, ExprKind::Alias(_) | ExprKind::Var(_));
                    !matches!(lhs.kind, ExprKind::Var(_))
                        || !match &rhs.kind {
                            ExprKind::List { items, tail: None } => items.iter().all(alias),
                            _ => alias(rhs),
                        }
                }
                _ => true,
            });
    });
    invalid.then_some(
        "invalid \"rescue\" clause. The clause should match on an alias, a variable or be in \
         the \"var in [alias]\" format",
    )
}

/// The patterns `e` itself holds (not those of the expressions inside it).
pub(super) fn patterns_of(e: &Expr) -> Vec<&Expr> {
    {
        match &e.kind {
            ExprKind::Match { pattern, .. } => vec![pattern],
            // `cond` clauses hold conditions, not patterns.
            ExprKind::Fn(clauses)
            | ExprKind::Case { clauses, .. }
            | ExprKind::Receive { clauses, .. } => {
                clauses.iter().flat_map(|c| c.patterns.iter()).collect()
            }
            ExprKind::For { qualifiers, .. } => qualifiers
                .iter()
                .filter_map(|q| match q {
                    Qualifier::Generator { pattern, .. } => Some(pattern),
                    Qualifier::Filter(_) => None,
                })
                .collect(),
            ExprKind::Call {
                target: CallTarget::Local(op),
                args,
                // Left of `<-` and in `match?`, a guard binds nothing.
            } if op == "<-" && args.len() == 2 => vec![split_guard(&args[0]).0],
            // Kernel's macros that take a pattern first.
            ExprKind::Call { target, args } if takes_pattern(target, args) => {
                vec![split_guard(&args[0]).0]
            }
            _ => vec![],
        }
    }
}

/// `match?(pattern, expr)` and `destructure([a, b], expr)`, local or as `Kernel.`.
fn takes_pattern(target: &CallTarget, args: &[Expr]) -> bool {
    let name = match target {
        CallTarget::Local(name) => name,
        CallTarget::Remote { module, function } => match &module.kind {
            ExprKind::Alias(m) if m == "Kernel" => function,
            _ => return false,
        },
        CallTarget::Anonymous(_) => return false,
    };
    args.len() == 2 && matches!(name.as_str(), "match?" | "destructure")
}

/// `raise "a", "b"`: `raise/2` expands to `receiver.exception(args)`, and the compiler
/// refuses a remote call on a literal that cannot be a module (a string, a number, a
/// list). The description iex shows, or `None` when the call is left to run (and fail,
/// if it does, in `apply`). Only constant arguments are judged: they print as iex's
/// `Macro.to_string` does.
pub fn invalid_raise_call(receiver: &Expr, args: &Expr) -> Option<String> {
    let module = constant(receiver)?;
    if matches!(module, Term::Atom(_) | Term::Tuple(_)) {
        return None;
    }
    let args = constant(args)?;
    let mut args_text = inspect_plain(&args);
    let is_keyword = |items: &[Term]| {
        !items.is_empty()
            && items.iter().all(
                |i| matches!(i.as_tuple(), Some([k, _]) if k.as_atom().is_some() && !k.is_nil()),
            )
    };
    if args.as_list().is_some_and(is_keyword) {
        // A keyword list as the last argument is written without its brackets.
        args_text = args_text[1..args_text.len() - 1].to_string();
    }
    Some(format!(
        "invalid call {}.exception({args_text})",
        inspect_plain(&module)
    ))
}

/// The value of an expression made only of literals.
pub(super) fn constant(expr: &Expr) -> Option<Term> {
    match &expr.kind {
        ExprKind::Int(i) => Some(Term::Int(*i)),
        ExprKind::Float(f) => Some(Term::Float(*f)),
        ExprKind::Atom(a) => Some(Term::atom(a)),
        ExprKind::Alias(a) => Some(Term::module(a)),
        ExprKind::Str(parts) => match parts.as_slice() {
            [] => Some(Term::string("")),
            [StrPart::Lit(s)] => Some(Term::string(s)),
            _ => None,
        },
        ExprKind::Tuple(items) => items
            .iter()
            .map(constant)
            .collect::<Option<_>>()
            .map(Term::tuple),
        ExprKind::List { items, tail: None } => items
            .iter()
            .map(constant)
            .collect::<Option<_>>()
            .map(Term::list),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::syntax::parser::parse;
    use crate::term::Term;

    fn check(src: &str, bound: &[&str]) -> Option<Undefined> {
        let mut env = Env::default();
        for name in bound {
            env.bind(name, Term::Int(1));
        }
        let block = parse(src).unwrap();
        first_undefined(&block.exprs[0], &env)
    }

    #[test]
    fn reports_unbound_names_before_anything_runs() {
        assert_eq!(
            check("IO.puts(\"x\") && pid", &[]),
            Some(Undefined::Variable("pid".into()))
        );
        assert_eq!(
            check("[{^pid, _}] = []", &[]),
            Some(Undefined::Pin("pid".into()))
        );
        assert_eq!(
            check("fn -> undefined_var end", &[]),
            Some(Undefined::Variable("undefined_var".into()))
        );
    }

    #[test]
    fn a_pin_outside_a_pattern_is_refused_even_when_bound() {
        assert_eq!(
            check("fn x -> ^x end", &[]),
            Some(Undefined::PinOutsideMatch("x".into()))
        );
        assert_eq!(check("fn ^x -> x end", &["x"]), None);
        assert_eq!(
            check("match?(^y, 1)", &[]),
            Some(Undefined::Pin("y".into()))
        );
        assert_eq!(
            check("Enum.map([], &match?({^y}, &1))", &[]),
            Some(Undefined::Pin("y".into()))
        );
        assert_eq!(
            check("match?(v when v > nope, 1)", &[]),
            Some(Undefined::Variable("nope".into()))
        );
    }

    #[test]
    fn a_rescue_head_binds_only_its_variable() {
        let head = |src: &str| {
            let block = parse(src).unwrap();
            (
                first_undefined(&block.exprs[0], &Env::default()),
                invalid_rescue(&block.exprs[0]).is_some(),
            )
        };
        assert_eq!(
            head("try do 1 rescue %RuntimeError{message: m} -> m end"),
            (Some(Undefined::Variable("m".into())), true)
        );
        assert_eq!(
            head("try do 1 rescue %RuntimeError{} -> 1 end"),
            (None, true)
        );
        assert_eq!(head("try do 1 rescue e in [A, B] -> e end"), (None, false));
        assert_eq!(head("try do 1 rescue A -> 1; e -> e end"), (None, false));
    }

    #[test]
    fn accepts_names_bound_by_the_line_or_earlier() {
        for src in [
            "x + 1",
            "fn y -> y + x end",
            "case 1 do {:ok, v} -> v; w when w > 0 -> w end",
            "for {n, i} <- [], i > 0, m = n * 2, do: m",
            "with {:ok, a} <- f(), b = a do b else e -> e end",
            "try do 1 rescue e in ArgumentError -> e catch k, v -> {k, v} end",
            "receive do {:msg, m} -> m after 0 -> x end",
            "{:ok, p} = {:ok, 1}",
            "[^x] = [1]",
            "match?({:ok, v} when v > 0, x)",
            "Enum.filter([], &match?({:ok, ^x}, &1))",
            "fn y -> Kernel.match?([h | _] when h > y, y) end",
            "destructure([a, b], [x])",
        ] {
            assert_eq!(check(src, &["x"]), None, "{src}");
        }
    }
}
