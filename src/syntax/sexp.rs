//! A compact S-expression rendering of the tree that leaves spans out, so tests can
//! compare shapes: `1 + 2 * 3` is `(+ 1 (* 2 3))`.

use super::ast::{Block, CallTarget, Clause, Expr, ExprKind, Qualifier, StrPart, UnaryOp};

pub fn block(b: &Block) -> String {
    let parts: Vec<String> = b.exprs.iter().map(expr).collect();
    if parts.len() == 1 {
        parts[0].clone()
    } else {
        format!("(block {})", parts.join(" "))
    }
}

fn list(items: &[Expr]) -> String {
    items.iter().map(expr).collect::<Vec<_>>().join(" ")
}

pub fn expr(e: &Expr) -> String {
    match &e.kind {
        ExprKind::Int(n) => n.to_string(),
        ExprKind::Float(f) => format!("{f:?}"),
        ExprKind::Atom(a) => format!(":{a}"),
        ExprKind::Alias(a) => a.clone(),
        ExprKind::Str(parts) => string(parts),
        ExprKind::Var(v) => v.clone(),
        ExprKind::Pin(v) => format!("^{v}"),
        ExprKind::Tuple(items) => format!("{{{}}}", list(items)),
        ExprKind::List { items, tail: None } => format!("[{}]", list(items)),
        ExprKind::List {
            items,
            tail: Some(t),
        } => format!("[{} | {}]", list(items), expr(t)),
        ExprKind::Map { base, entries } => {
            let base = base
                .as_ref()
                .map(|b| format!("{} | ", expr(b)))
                .unwrap_or_default();
            let entries: Vec<String> = entries
                .iter()
                .map(|(k, v)| format!("{} => {}", expr(k), expr(v)))
                .collect();
            format!("%{{{base}{}}}", entries.join(", "))
        }
        ExprKind::Struct {
            module,
            base,
            entries,
        } => {
            let base = base
                .as_ref()
                .map(|b| format!("{} | ", expr(b)))
                .unwrap_or_default();
            let entries: Vec<String> = entries
                .iter()
                .map(|(k, v)| format!("{} => {}", expr(k), expr(v)))
                .collect();
            format!("%{}{{{base}{}}}", expr(module), entries.join(", "))
        }
        ExprKind::Unary { op, expr: inner } => {
            let op = match op {
                UnaryOp::Neg => "-",
                UnaryOp::Plus => "+",
                UnaryOp::Not => "not",
                UnaryOp::Bang => "!",
            };
            format!("({op} {})", expr(inner))
        }
        ExprKind::Binary { op, lhs, rhs } => {
            format!("({} {} {})", op.symbol(), expr(lhs), expr(rhs))
        }
        ExprKind::Match {
            pattern,
            expr: value,
        } => format!("(= {} {})", expr(pattern), expr(value)),
        ExprKind::Range { first, last, step } => match step {
            None => format!("(.. {} {})", expr(first), expr(last)),
            Some(s) => format!("(.. {} {} {})", expr(first), expr(last), expr(s)),
        },
        ExprKind::Call { target, args } => call(target, args),
        ExprKind::Fn(clauses) => format!("(fn {})", clause_list(clauses)),
        ExprKind::CaptureFun {
            module,
            name,
            arity,
        } => match module {
            Some(m) => format!("(&/ {}.{name} {arity})", expr(m)),
            None => format!("(&/ {name} {arity})"),
        },
        ExprKind::Capture(body) => format!("(& {})", expr(body)),
        ExprKind::CaptureArg(n) => format!("&{n}"),
        ExprKind::For {
            qualifiers,
            into,
            reduce,
            body,
        } => {
            let qs: Vec<String> = qualifiers.iter().map(qualifier).collect();
            let into = into
                .as_ref()
                .map(|i| format!(" into {}", expr(i)))
                .unwrap_or_default();
            let reduce = reduce
                .as_ref()
                .map(|r| format!(" reduce {}", expr(r)))
                .unwrap_or_default();
            format!("(for {}{into}{reduce} {})", qs.join(" "), block(body))
        }
        ExprKind::If {
            condition,
            then,
            otherwise,
        } => conditional("if", condition, then, otherwise),
        ExprKind::Unless {
            condition,
            then,
            otherwise,
        } => conditional("unless", condition, then, otherwise),
        ExprKind::Case { subject, clauses } => {
            format!("(case {} {})", expr(subject), clause_list(clauses))
        }
        ExprKind::Cond(clauses) => format!("(cond {})", clause_list(clauses)),
        ExprKind::Receive { clauses, after } => {
            let after = after
                .as_ref()
                .map(|(t, b)| format!(" (after {} {})", expr(t), block(b)))
                .unwrap_or_default();
            format!("(receive {}{after})", clause_list(clauses))
        }
        ExprKind::Block(b) => format!("(block {})", list(&b.exprs)),
    }
}

fn string(parts: &[StrPart]) -> String {
    let parts: Vec<String> = parts
        .iter()
        .map(|p| match p {
            StrPart::Lit(s) => format!("{s:?}"),
            StrPart::Interp(e) => format!("#{{{}}}", expr(e)),
        })
        .collect();
    if parts.len() == 1 {
        parts[0].clone()
    } else {
        format!("(str {})", parts.join(" "))
    }
}

fn call(target: &CallTarget, args: &[Expr]) -> String {
    let name = match target {
        CallTarget::Local(name) => name.clone(),
        CallTarget::Remote { module, function } => format!("{}.{function}", expr(module)),
        CallTarget::Anonymous(f) => format!("{}.", expr(f)),
    };
    if args.is_empty() {
        format!("({name})")
    } else {
        format!("({name} {})", list(args))
    }
}

fn conditional(name: &str, c: &Expr, then: &Block, otherwise: &Option<Box<Block>>) -> String {
    match otherwise {
        Some(o) => format!("({name} {} {} {})", expr(c), block(then), block(o)),
        None => format!("({name} {} {})", expr(c), block(then)),
    }
}

fn clause_list(clauses: &[Clause]) -> String {
    clauses.iter().map(clause).collect::<Vec<_>>().join(" ")
}

fn clause(c: &Clause) -> String {
    let guard = c
        .guard
        .as_ref()
        .map(|g| format!(" when {}", expr(g)))
        .unwrap_or_default();
    let body = if c.body.exprs.is_empty() {
        "nil".to_string()
    } else {
        block(&c.body)
    };
    format!("[{}{guard} -> {body}]", list(&c.patterns))
}

fn qualifier(q: &Qualifier) -> String {
    match q {
        Qualifier::Generator { pattern, source } => {
            format!("(<- {} {})", expr(pattern), expr(source))
        }
        Qualifier::Filter(e) => expr(e),
    }
}
