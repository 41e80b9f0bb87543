//! The stack-trace lines iex prints under a `CompileError` raised while expanding a
//! macro: `(elixir 1.14.0) expanding macro: Kernel.||/2` and the caller line
//! `iex:1: (file)`.
//!
//! Why they come and go (Elixir 1.14's `elixir_dispatch:expand_quoted/6`): when the
//! expansion of a macro's result fails, the error is re-raised with the frames found so
//! far plus two: the macro and its caller. Erlang keeps only 8 frames of a stack trace,
//! and the compiler's own frames between the macro and the bad name count. So a name in
//! an `if` condition (one compiler frame) shows both lines of the `if` and of any macro
//! around it, while a name in a clause body (seven frames) shows only the macro line.
//! The compiler frames themselves are Elixir internals that iex hides, or `lists.erl`
//! frames, which the comparison ignores: only the counts matter here.

use crate::syntax::ast::{BinaryOp, CallTarget, Expr, ExprKind, StrPart, UnaryOp};

/// Erlang's default `backtrace_depth`.
const MAX_FRAMES: usize = 8;
/// The innermost raise keeps one frame fewer: Elixir drops the frame of its own raise.
const MAX_INNER: usize = MAX_FRAMES - 1;
/// A case clause body, as the expansion of `if`, `||`, `&&` puts its branches.
const CLAUSE_BODY: usize = MAX_INNER;

/// Compiler frames from an enclosing macro down to the bad name, and the macros around
/// it, innermost first, each as `Kernel.name/arity` and its line in the input.
#[derive(Debug, Default)]
struct Trace {
    frames: usize,
    macros: Vec<(String, u32)>,
}

impl Trace {
    /// One level out: `frames` more compiler frames unless a macro already closed the
    /// count, then this node's macros (innermost first) if it is one.
    fn wrap(mut self, frames: usize, macros: &[&str], line: u32) -> Trace {
        if self.macros.is_empty() {
            self.frames += frames;
        }
        self.macros
            .extend(macros.iter().map(|m| (format!("Kernel.{m}"), line)));
        self
    }
}

/// The lines iex prints under the `CompileError` for `target` (a node inside `expr`),
/// joined with the indentation of a trace line; `None` when no macro is around it or
/// the compiler's frames crowd them out. `first_line` is iex's line of the input.
pub fn expanding_lines(expr: &Expr, target: *const Expr, first_line: usize) -> Option<String> {
    let trace = find(expr, target)?;
    let mut room = MAX_FRAMES.saturating_sub(trace.frames.min(MAX_INNER));
    let mut lines = Vec::new();
    for (name, line) in &trace.macros {
        for text in [
            format!("(elixir 1.14.0) expanding macro: {name}"),
            format!("iex:{}: (file)", first_line + *line as usize - 1),
        ] {
            if room == 0 {
                break;
            }
            lines.push(text);
            room -= 1;
        }
    }
    (!lines.is_empty()).then(|| lines.join("\n    "))
}

fn find(expr: &Expr, target: *const Expr) -> Option<Trace> {
    if std::ptr::eq(expr, target) {
        return Some(Trace::default());
    }
    let line = expr.span.line.max(1);
    match &expr.kind {
        ExprKind::Binary { op, lhs, rhs } => {
            let (macro_name, left, right) = match op {
                BinaryOp::AndAlso => (Some("&&/2"), 1, CLAUSE_BODY),
                BinaryOp::OrElse => (Some("||/2"), 1, CLAUSE_BODY),
                BinaryOp::And => (Some("and/2"), 1, CLAUSE_BODY),
                BinaryOp::Or => (Some("or/2"), 1, CLAUSE_BODY),
                BinaryOp::In | BinaryOp::NotIn => (Some("in/2"), 3, 3),
                BinaryOp::Concat => (Some("<>/2"), 4, 4),
                _ => (None, 3, 3),
            };
            let macros: Vec<&str> = macro_name.into_iter().collect();
            find(lhs, target)
                .map(|t| t.wrap(left, &macros, line))
                .or_else(|| find(rhs, target).map(|t| t.wrap(right, &macros, line)))
        }
        ExprKind::Unary {
            op: UnaryOp::Bang,
            expr: inner,
        } => {
            // `!!x` is one expansion of `!`, into a single `case`.
            let operand = match &inner.kind {
                ExprKind::Unary {
                    op: UnaryOp::Bang,
                    expr: x,
                } => x,
                _ => inner,
            };
            find(operand, target).map(|t| t.wrap(1, &["!/1"], line))
        }
        ExprKind::Unary { expr: inner, .. } => find(inner, target).map(|t| t.wrap(3, &[], line)),
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
            // `unless` expands to an `if`, which expands in turn.
            let macros: &[&str] = match expr.kind {
                ExprKind::If { .. } => &["if/2"],
                _ => &["if/2", "unless/2"],
            };
            let bodies = then
                .exprs
                .iter()
                .chain(otherwise.iter().flat_map(|b| &b.exprs));
            find(condition, target)
                .map(|t| t.wrap(1, macros, line))
                .or_else(|| in_any(bodies, target).map(|t| t.wrap(CLAUSE_BODY, macros, line)))
        }
        ExprKind::Str(parts) => parts.iter().find_map(|p| match p {
            StrPart::Interp(e) => find(e, target).map(|t| t.wrap(3, &["to_string/1"], line)),
            StrPart::Lit(_) => None,
        }),
        ExprKind::Range { first, last, step } => {
            let all = [first, last].into_iter().chain(step);
            let arity = if step.is_some() {
                "\"..//\"/3"
            } else {
                "\"..\"/2"
            };
            in_any(all.map(|b| &**b), target).map(|t| t.wrap(3, &[arity], line))
        }
        ExprKind::Call { target: call, args } => find_in_call(expr, call, args, target, line),
        ExprKind::Tuple(items) => {
            let frames = if items.len() == 1 { 2 } else { 4 };
            in_any(items, target).map(|t| t.wrap(frames, &[], line))
        }
        ExprKind::List { items, tail } => {
            in_any(items.iter().chain(tail.as_deref()), target).map(|t| t.wrap(3, &[], line))
        }
        ExprKind::Map { base, entries } => {
            let frames = if entries.len() == 1 { 6 } else { 8 };
            let all = base
                .as_deref()
                .into_iter()
                .chain(entries.iter().flat_map(|(k, v)| [k, v]));
            in_any(all, target).map(|t| t.wrap(frames, &[], line))
        }
        ExprKind::Match {
            pattern,
            expr: value,
        } => in_any([&**pattern, &**value], target).map(|t| t.wrap(1, &[], line)),
        ExprKind::Case { subject, clauses } => find(subject, target)
            .map(|t| t.wrap(1, &[], line))
            .or_else(|| {
                clauses
                    .iter()
                    .find_map(|c| find_in_clause(c, target))
                    .map(|t| t.wrap(CLAUSE_BODY, &[], line))
            }),
        ExprKind::Fn(clauses) | ExprKind::Cond(clauses) | ExprKind::Receive { clauses, .. } => {
            clauses
                .iter()
                .find_map(|c| find_in_clause(c, target))
                .map(|t| t.wrap(CLAUSE_BODY, &[], line))
        }
        ExprKind::For {
            qualifiers, body, ..
        } => qualifiers
            .iter()
            .find_map(|q| match q {
                crate::syntax::ast::Qualifier::Generator { pattern, source } => {
                    find(pattern, target).or_else(|| find(source, target))
                }
                crate::syntax::ast::Qualifier::Filter(f) => find(f, target),
            })
            .or_else(|| in_any(&body.exprs, target))
            .map(|t| t.wrap(CLAUSE_BODY, &[], line)),
        ExprKind::Block(block) => {
            in_any(&block.exprs, target).map(|t| t.wrap(CLAUSE_BODY, &[], line))
        }
        ExprKind::Capture(inner) => find(inner, target).map(|t| t.wrap(CLAUSE_BODY, &[], line)),
        _ => None,
    }
}

fn in_any<'e>(children: impl IntoIterator<Item = &'e Expr>, target: *const Expr) -> Option<Trace> {
    children.into_iter().find_map(|c| find(c, target))
}

fn find_in_clause(clause: &crate::syntax::ast::Clause, target: *const Expr) -> Option<Trace> {
    clause
        .patterns
        .iter()
        .chain(clause.guard.as_ref())
        .chain(clause.body.exprs.iter())
        .find_map(|e| find(e, target))
}

/// A call: `|>` (the parser has already made `a |> f(b)` into `f(a, b)`; such a call
/// starts where its first argument does), Kernel's `is_nil`/`to_string`/`then`/`tap`
/// macros (inside the pipe's, when piped into), or a
/// plain function call, whose arguments cost three compiler frames.
fn find_in_call(
    expr: &Expr,
    call: &CallTarget,
    args: &[Expr],
    target: *const Expr,
    line: u32,
) -> Option<Trace> {
    if let Some(trace) = in_match_call(call, args, target, line) {
        return Some(trace);
    }
    // An operator made a call (`p when g`, `a <- b`) starts where its left side does.
    let operator = matches!(call, CallTarget::Local(name)
        if name == "when" || !name.starts_with(|c: char| c.is_alphabetic() || c == '_'));
    // A `try`'s only argument is its do-block's keyword list, never a piped value.
    let do_block = matches!(call, CallTarget::Local(name) if name == "try");
    let piped = !operator
        && !do_block
        && args.first().is_some_and(|a| {
            let callee_after = match call {
                // `m[k]` is `Access.get(m, k)` with the alias spanning `m`: no pipe.
                CallTarget::Remote { module, .. } => module.span.start >= a.span.end,
                _ => true,
            };
            a.span.start == expr.span.start && a.span.end > a.span.start && callee_after
        });
    // The call's own macro expands inside the pipe's result: it is the inner one.
    let mut macros: Vec<&str> = match (call, args.len()) {
        (CallTarget::Local(name), 1) if name == "is_nil" => vec!["is_nil/1"],
        (CallTarget::Local(name), 1) if name == "to_string" => vec!["to_string/1"],
        (CallTarget::Local(name), 2) if name == "then" => vec!["then/2"],
        (CallTarget::Local(name), 2) if name == "tap" => vec!["tap/2"],
        (CallTarget::Local(name), 1) if name == "raise" => vec!["raise/1"],
        (CallTarget::Local(name), 2) if name == "raise" => vec!["raise/2"],
        _ => vec![],
    };
    if piped {
        macros.push("|>/2");
    }
    let callee = match call {
        CallTarget::Remote { module, .. } => find(module, target).map(|t| t.wrap(1, &[], line)),
        CallTarget::Anonymous(f) => find(f, target).map(|t| t.wrap(4, &[], line)),
        CallTarget::Local(_) => None,
    };
    let anonymous = matches!(call, CallTarget::Anonymous(_));
    callee.or_else(|| {
        args.iter().find_map(|a| find(a, target)).map(|t| {
            let t = t.wrap(if anonymous { 4 } else { 3 }, &[], line);
            // A piped call is the `|>` macro's result: its arguments were counted above.
            t.wrap(0, &macros, line)
        })
    })
}

/// `match?(pattern, expr)` expands to a `case`: the subject is one compiler frame below
/// the macro, the pattern and its guard a whole clause.
fn in_match_call(
    call: &CallTarget,
    args: &[Expr],
    target: *const Expr,
    line: u32,
) -> Option<Trace> {
    let name = match call {
        CallTarget::Local(name) => name,
        CallTarget::Remote { module, function } if matches!(&module.kind, ExprKind::Alias(m) if m == "Kernel") => {
            function
        }
        _ => return None,
    };
    let [pattern, subject] = args else {
        return None;
    };
    if name != "match?" {
        return None;
    }
    let macros = ["match?/2"];
    find(pattern, target)
        .map(|t| t.wrap(CLAUSE_BODY, &macros, line))
        .or_else(|| find(subject, target).map(|t| t.wrap(1, &macros, line)))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::eval::compile_check::first_undefined_at;
    use crate::eval::env::Env;
    use crate::syntax::parser::parse;

    /// The trace lines for the first undefined name of `src`, typed at iex line 3.
    fn lines(src: &str) -> Option<String> {
        let block = parse(src).unwrap();
        let expr = &block.exprs[0];
        let (_, at) = first_undefined_at(expr, &Env::default()).expect("an undefined name");
        expanding_lines(expr, at, 3)
    }

    const IF: &str = "(elixir 1.14.0) expanding macro: Kernel.if/2";
    const FILE: &str = "iex:3: (file)";

    #[test]
    fn a_condition_shows_the_macro_and_its_caller() {
        assert_eq!(lines("if nope, do: 1"), Some(format!("{IF}\n    {FILE}")));
        let unless = "(elixir 1.14.0) expanding macro: Kernel.unless/2";
        assert_eq!(
            lines("unless nope, do: 1"),
            Some(format!("{IF}\n    {FILE}\n    {unless}\n    {FILE}"))
        );
    }

    #[test]
    fn a_clause_body_leaves_room_for_the_macro_line_only() {
        assert_eq!(lines("if true, do: nope"), Some(IF.to_string()));
        let and = "(elixir 1.14.0) expanding macro: Kernel.&&/2";
        assert_eq!(lines("if true do 1 && nope end"), Some(and.to_string()));
    }

    #[test]
    fn pipes_and_access_are_told_apart() {
        let pipe = "(elixir 1.14.0) expanding macro: Kernel.|>/2";
        assert_eq!(
            lines("nope |> elem(0)"),
            Some(format!("{pipe}\n    {FILE}"))
        );
        assert_eq!(
            lines("if nope[:a], do: 1"),
            Some(format!("{IF}\n    {FILE}"))
        );
    }

    #[test]
    fn match_shows_its_caller_only_for_the_subject() {
        let m = "(elixir 1.14.0) expanding macro: Kernel.match?/2";
        assert_eq!(lines("match?(^z, 1)"), Some(m.to_string()));
        assert_eq!(lines("match?(x when x > nope, 1)"), Some(m.to_string()));
        assert_eq!(lines("match?(x, nope)"), Some(format!("{m}\n    {FILE}")));
        assert_eq!(
            lines("if match?(x, nope), do: 1"),
            Some(format!("{m}\n    {FILE}\n    {IF}\n    {FILE}"))
        );
    }

    #[test]
    fn a_macro_piped_into_expands_inside_the_pipe() {
        let then = "(elixir 1.14.0) expanding macro: Kernel.then/2";
        let pipe = "(elixir 1.14.0) expanding macro: Kernel.|>/2";
        assert_eq!(
            lines("nope |> then(&(&1))"),
            Some(format!("{then}\n    {FILE}\n    {pipe}\n    {FILE}"))
        );
        assert_eq!(lines("1 |> then(fn _ -> nope end)"), Some(then.to_string()));
    }

    #[test]
    fn no_macro_no_lines() {
        assert_eq!(lines("nope + 1"), None);
        assert_eq!(lines("[nope] ++ [1]"), None);
        // Deep enough inside the macro, the compiler's frames crowd it out.
        assert_eq!(lines("if {1, %{a: [nope]}}, do: 1"), Some(IF.to_string()));
    }
}
