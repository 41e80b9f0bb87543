//! Rules for clauses and blocks: `fn ... end`, `do ... end` with its `else`/`after`
//! sections, stab clauses (`pattern when guard -> body`), and the special forms built
//! from them (`if`, `unless`, `case`, `cond`, `receive`, `for`).

use super::{join, node, PResult, Parser};
use crate::syntax::ast::{Block, CallTarget, Clause, Expr, ExprKind, Qualifier, Span, StrPart};
use crate::syntax::token::{Tok, Token};

/// What a `do` section or `fn` holds: plain expressions or `->` clauses.
pub(super) enum Body {
    Exprs(Block),
    Clauses(Vec<Clause>),
}

/// `do`, `else`, `after`... with its body.
pub(super) type Sections = Vec<(&'static str, Body)>;

struct OpenClause {
    patterns: Vec<Expr>,
    guard: Option<Expr>,
    body: Vec<Expr>,
    span: Span,
}

impl OpenClause {
    fn close(self) -> Clause {
        let span = self
            .body
            .last()
            .map_or(self.span, |e| join(self.span, e.span));
        let body_span = match (self.body.first(), self.body.last()) {
            (Some(a), Some(b)) => join(a.span, b.span),
            _ => Span {
                start: span.end,
                ..span
            },
        };
        let body = Block {
            exprs: self.body,
            span: body_span,
        };
        Clause {
            patterns: self.patterns,
            guard: self.guard,
            body,
            span,
        }
    }
}

fn section_end(token: &Token) -> bool {
    matches!(
        token.tok,
        Tok::Kw("end" | "else" | "after" | "catch" | "rescue")
    )
}

impl<'t> Parser<'t> {
    /// fn_expr = "fn" stab_body "end"
    pub(super) fn fn_expr(&mut self) -> PResult<Expr> {
        let start = self.next().span;
        let body = self.bracketed(|p| p.stab_body(|t| t.is_kw("end")))?;
        let end = self.expect_kw("end")?;
        match body {
            Body::Clauses(clauses) => Ok(node(ExprKind::Fn(clauses), join(start, end))),
            Body::Exprs(_) => Err(self.error_at(
                start,
                "expected anonymous functions to be defined with -> inside: 'fn'",
            )),
        }
    }

    /// do_block = "do" stab_body { ("else" | "after" | "catch" | "rescue") stab_body } "end"
    pub(super) fn do_block(&mut self) -> PResult<(Sections, Span)> {
        self.expect_kw("do")?;
        let mut sections = Vec::new();
        let body = self.bracketed(|p| p.stab_body(section_end))?;
        sections.push(("do", body));
        while let Tok::Kw(name @ ("else" | "after" | "catch" | "rescue")) = self.peek().tok {
            self.next();
            let body = self.bracketed(|p| p.stab_body(section_end))?;
            sections.push((name, body));
        }
        let end = self.expect_kw("end")?;
        Ok((sections, end))
    }

    /// stab_body = { EOL } [ stab_clause { EOL stab_clause } | exprs ]
    /// stab_clause = [ expr { "," expr } [ "when" expr ] ] "->" exprs
    pub(super) fn stab_body(&mut self, stop: fn(&Token) -> bool) -> PResult<Body> {
        let mut clauses = Vec::new();
        let mut plain: Vec<Expr> = Vec::new();
        let mut open: Option<OpenClause> = None;
        self.skip_eols();
        while !stop(self.peek()) {
            let start = self.peek().span;
            let mut heads = Vec::new();
            if !self.at_op("->") {
                heads.push(self.expr()?);
                while self.at_op(",") {
                    self.next();
                    self.skip_eols();
                    heads.push(self.expr()?);
                }
            }
            if self.at_op("->") {
                if !plain.is_empty() {
                    return Err(self.unexpected());
                }
                self.next();
                clauses.extend(open.take().map(OpenClause::close));
                open = Some(clause_head(heads, start));
                self.skip_eols();
                continue;
            }
            if heads.len() != 1 {
                return Err(self.unexpected());
            }
            match open.as_mut() {
                Some(clause) => clause.body.extend(heads),
                None => plain.extend(heads),
            }
            if stop(self.peek()) {
                break;
            }
            if self.peek().tok != Tok::Eol {
                return Err(self.unexpected());
            }
            self.skip_eols();
        }
        clauses.extend(open.map(OpenClause::close));
        if clauses.is_empty() {
            let span = match (plain.first(), plain.last()) {
                (Some(a), Some(b)) => join(a.span, b.span),
                _ => self.peek().span,
            };
            return Ok(Body::Exprs(Block { exprs: plain, span }));
        }
        Ok(Body::Clauses(clauses))
    }

    /// A call, or the special form it spells (`if`, `case`, `for`...).
    pub(super) fn make_call(
        &mut self,
        target: CallTarget,
        mut args: Vec<Expr>,
        sections: Option<Sections>,
        span: Span,
    ) -> PResult<Expr> {
        let CallTarget::Local(name) = &target else {
            return Ok(generic_call(target, args, sections, span));
        };
        let sections = match sections {
            Some(sections) => sections,
            None => match take_keyword_sections(&mut args) {
                Some(sections) => sections,
                None => return Ok(node(ExprKind::Call { target, args }, span)),
            },
        };
        let special = match name.as_str() {
            "if" | "unless" => conditional(name, &mut args, &sections),
            "case" => case(&mut args, &sections),
            "cond" if args.is_empty() => {
                only_do(&sections).and_then(clauses_of).map(ExprKind::Cond)
            }
            "receive" if args.is_empty() => receive(&sections),
            "for" => comprehension(&mut args, &sections),
            _ => None,
        };
        match special {
            Some(kind) => Ok(node(kind, span)),
            None => Ok(generic_call(target, args, Some(sections), span)),
        }
    }
}

/// `subject |> case do ... end` (and `|> if do ... end`): the special form with the
/// piped value as its subject; `None` for any other call.
pub(super) fn piped_special(name: &str, subject: Expr, keywords: &Expr) -> Option<ExprKind> {
    let ExprKind::List { items, tail: None } = &keywords.kind else {
        return None;
    };
    let mut sections = Vec::new();
    for item in items {
        let ExprKind::Tuple(kv) = &item.kind else {
            return None;
        };
        let [key, value] = kv.as_slice() else {
            return None;
        };
        let name = match &key.kind {
            ExprKind::Atom(k) => ["do", "else"].into_iter().find(|n| n == k)?,
            _ => return None,
        };
        // Undo `generic_call`'s encoding of a `do` block.
        let body = match &value.kind {
            ExprKind::Fn(clauses) => Body::Clauses(clauses.clone()),
            ExprKind::Block(block) => Body::Exprs(block.clone()),
            _ => Body::Exprs(Block {
                span: value.span,
                exprs: vec![value.clone()],
            }),
        };
        sections.push((name, body));
    }
    let mut args = vec![subject];
    match name {
        "case" => case(&mut args, &sections),
        "if" | "unless" => conditional(name, &mut args, &sections),
        _ => None,
    }
}

/// Splits `pattern, ... when guard` into the clause's patterns and guard.
fn clause_head(mut heads: Vec<Expr>, span: Span) -> OpenClause {
    let mut guard = None;
    if let Some(last) = heads.pop() {
        match last.kind {
            ExprKind::Call {
                target: CallTarget::Local(op),
                mut args,
            } if op == "when" && args.len() == 2 => {
                guard = args.pop();
                heads.extend(args.pop());
            }
            kind => heads.push(Expr {
                kind,
                span: last.span,
            }),
        }
    }
    OpenClause {
        patterns: heads,
        guard,
        body: Vec::new(),
        span,
    }
}

/// `if c, do: a, else: b`: the `do`/`else`/`after` entries of a trailing keyword list
/// read as sections; other entries (`into:`) stay in the list.
fn take_keyword_sections(args: &mut Vec<Expr>) -> Option<Sections> {
    let last = args.last_mut()?;
    let ExprKind::List { items, tail: None } = &mut last.kind else {
        return None;
    };
    let section_name = |item: &Expr| match &item.kind {
        ExprKind::Tuple(kv) if kv.len() == 2 => match &kv[0].kind {
            ExprKind::Atom(key) => ["do", "else", "after"].into_iter().find(|n| n == key),
            _ => None,
        },
        _ => None,
    };
    if items.first().and_then(section_name).is_none()
        && !items.iter().any(|i| section_name(i) == Some("do"))
    {
        return None;
    }
    let mut sections = Vec::new();
    let mut rest = Vec::new();
    for item in std::mem::take(items) {
        match (section_name(&item), item.kind) {
            (Some(name), ExprKind::Tuple(mut kv)) => {
                let value = kv.pop()?;
                let block = Block {
                    span: value.span,
                    exprs: vec![value],
                };
                sections.push((name, Body::Exprs(block)));
            }
            (_, kind) => rest.push(Expr {
                kind,
                span: item.span,
            }),
        }
    }
    if rest.is_empty() {
        args.pop();
    } else {
        *items = rest;
    }
    sections.sort_by_key(|(name, _)| *name != "do");
    Some(sections)
}

fn section<'s>(sections: &'s Sections, name: &str) -> Option<&'s Body> {
    sections.iter().find(|(n, _)| *n == name).map(|(_, b)| b)
}

fn only_do(sections: &Sections) -> Option<&Body> {
    sections
        .iter()
        .all(|(n, _)| *n == "do")
        .then(|| section(sections, "do"))
        .flatten()
}

fn block_of(body: &Body) -> Option<Block> {
    match body {
        Body::Exprs(block) => Some(block.clone()),
        Body::Clauses(_) => None,
    }
}

fn clauses_of(body: &Body) -> Option<Vec<Clause>> {
    match body {
        Body::Clauses(clauses) => Some(clauses.clone()),
        Body::Exprs(block) if block.exprs.is_empty() => Some(Vec::new()),
        Body::Exprs(_) => None,
    }
}

fn conditional(name: &str, args: &mut Vec<Expr>, sections: &Sections) -> Option<ExprKind> {
    if args.len() != 1 || sections.iter().any(|(n, _)| !matches!(*n, "do" | "else")) {
        return None;
    }
    let then = Box::new(block_of(section(sections, "do")?)?);
    let otherwise = match section(sections, "else") {
        Some(body) => Some(Box::new(block_of(body)?)),
        None => None,
    };
    let condition = Box::new(args.pop()?);
    Some(if name == "if" {
        ExprKind::If {
            condition,
            then,
            otherwise,
        }
    } else {
        ExprKind::Unless {
            condition,
            then,
            otherwise,
        }
    })
}

fn case(args: &mut Vec<Expr>, sections: &Sections) -> Option<ExprKind> {
    if args.len() != 1 {
        return None;
    }
    let clauses = clauses_of(only_do(sections)?)?;
    Some(ExprKind::Case {
        subject: Box::new(args.pop()?),
        clauses,
    })
}

fn receive(sections: &Sections) -> Option<ExprKind> {
    if sections.iter().any(|(n, _)| !matches!(*n, "do" | "after")) {
        return None;
    }
    let clauses = clauses_of(section(sections, "do")?)?;
    let after = match section(sections, "after") {
        None => None,
        Some(body) => {
            let mut after = clauses_of(body)?;
            if after.len() != 1 || after[0].patterns.len() != 1 || after[0].guard.is_some() {
                return None;
            }
            let clause = after.remove(0);
            let timeout = clause.patterns.into_iter().next()?;
            Some((Box::new(timeout), Box::new(clause.body)))
        }
    };
    Some(ExprKind::Receive { clauses, after })
}

/// for = "for" qualifier { "," qualifier } [ "," options ] ( ", do:" expr | do_block )
/// options = ( "into:" | "reduce:" | "uniq:" ) expr { "," ... }
/// With `reduce:`, the do-block holds `acc -> ...` clauses. `uniq: true` is read as
/// `Enum.uniq/1` of the comprehension's values before they go `into:` anything, which
/// is what Elixir's expansion does.
fn comprehension(args: &mut Vec<Expr>, sections: &Sections) -> Option<ExprKind> {
    let mut options = options(args);
    let mut take = |name: &str| {
        let at = options.iter().position(|(k, _)| k == name)?;
        Some(Box::new(options.remove(at).1))
    };
    let into = take("into");
    let reduce = if into.is_none() { take("reduce") } else { None };
    let uniq = take("uniq");
    if let Some(shown) = uniq.as_deref().and_then(non_boolean_literal) {
        return Some(invalid_for(
            &format!(":uniq option for comprehensions only accepts a boolean, got: {shown}"),
            args,
        ));
    }
    let uniq = uniq.is_some_and(|u| u.kind == ExprKind::Atom("true".into()));
    let do_body = only_do(sections)?;
    let body = match (&reduce, do_body) {
        (Some(_), Body::Clauses(clauses)) if clauses.iter().any(|c| c.patterns.len() != 1) => {
            return Some(invalid_for(REDUCE_CLAUSES, args));
        }
        (Some(_), Body::Clauses(clauses)) => {
            let span = clauses.first().map(|c| c.span).unwrap_or_default();
            Block {
                exprs: vec![node(ExprKind::Fn(clauses.clone()), span)],
                span,
            }
        }
        (Some(_), Body::Exprs(_)) => return Some(invalid_for(REDUCE_CLAUSES, args)),
        (None, _) => block_of(do_body)?,
    };
    let qualifiers = args.drain(..).map(qualifier).collect();
    if !uniq || reduce.is_some() {
        return Some(ExprKind::For {
            qualifiers,
            into,
            reduce,
            body: Box::new(body),
        });
    }
    let span = body.span;
    let values = ExprKind::For {
        qualifiers,
        into: None,
        reduce: None,
        body: Box::new(body),
    };
    let enum_call = |function: &str, args: Vec<Expr>| ExprKind::Call {
        target: CallTarget::Remote {
            module: Box::new(node(ExprKind::Atom("Elixir.Enum".into()), span)),
            function: function.into(),
        },
        args,
    };
    let unique = enum_call("uniq", vec![node(values, span)]);
    Some(match into {
        Some(into) => enum_call("into", vec![node(unique, span), *into]),
        None => unique,
    })
}

const REDUCE_CLAUSES: &str = "when using :reduce with comprehensions, the do block must be written using acc -> expr clauses, where each clause expects the accumulator as a single argument";

/// The name of the call a comprehension with bad options becomes: the evaluator raises
/// its one argument as Elixir's `CompileError` (the name cannot be typed, so only the
/// parser makes it). Elixir rejects these options while expanding `for`, before it
/// runs anything, which the evaluator's compile step reproduces.
pub const INVALID_FOR: &str = "for (invalid)";

fn invalid_for(description: &str, args: &[Expr]) -> ExprKind {
    let span = args.first().map(|a| a.span).unwrap_or_default();
    ExprKind::Call {
        target: CallTarget::Local(INVALID_FOR.into()),
        args: vec![node(
            ExprKind::Str(vec![StrPart::Lit(description.into())]),
            span,
        )],
    }
}

/// How iex shows a `uniq:` value that is a literal but not a boolean (other
/// expressions are left to run: their value decides at run time here).
fn non_boolean_literal(e: &Expr) -> Option<String> {
    match &e.kind {
        ExprKind::Atom(a) if a == "true" || a == "false" => None,
        ExprKind::Atom(a) => Some(crate::inspect::inspect_atom(a)),
        ExprKind::Int(n) => Some(n.to_string()),
        ExprKind::Str(parts) => match parts.as_slice() {
            [] => Some("\"\"".into()),
            [StrPart::Lit(text)] => Some(crate::inspect::inspect_plain(
                &crate::term::Term::string(text),
            )),
            _ => None,
        },
        _ => None,
    }
}

/// Takes the trailing `[into: x, uniq: true]` of `for` when every key is an option.
fn options(args: &mut Vec<Expr>) -> Vec<(String, Expr)> {
    let Some(ExprKind::List { items, tail: None }) = args.last().map(|a| &a.kind) else {
        return Vec::new();
    };
    if items.is_empty() {
        return Vec::new();
    }
    let mut found = Vec::new();
    for item in items {
        match &item.kind {
            ExprKind::Tuple(kv) if kv.len() == 2 => match &kv[0].kind {
                ExprKind::Atom(k) if matches!(k.as_str(), "into" | "reduce" | "uniq") => {
                    found.push((k.clone(), kv[1].clone()));
                }
                _ => return Vec::new(),
            },
            _ => return Vec::new(),
        }
    }
    args.pop();
    found
}

fn qualifier(expr: Expr) -> Qualifier {
    match expr.kind {
        ExprKind::Call {
            target: CallTarget::Local(op),
            mut args,
        } if op == "<-" && args.len() == 2 => {
            let source = args.pop().unwrap_or_else(|| unreachable_nil(expr.span));
            let pattern = args.pop().unwrap_or_else(|| unreachable_nil(expr.span));
            Qualifier::Generator { pattern, source }
        }
        kind => Qualifier::Filter(Expr {
            kind,
            span: expr.span,
        }),
    }
}

fn unreachable_nil(span: Span) -> Expr {
    node(ExprKind::Atom("nil".into()), span)
}

/// Any other call with a `do` block: the sections become a trailing keyword list.
fn generic_call(
    target: CallTarget,
    mut args: Vec<Expr>,
    sections: Option<Sections>,
    span: Span,
) -> Expr {
    if let Some(sections) = sections {
        let pairs = sections
            .into_iter()
            .map(|(name, body)| {
                let value = match body {
                    Body::Exprs(block) => {
                        let span = block.span;
                        node(ExprKind::Block(block), span)
                    }
                    Body::Clauses(clauses) => node(ExprKind::Fn(clauses), span),
                };
                let key = node(ExprKind::Atom(name.to_string()), span);
                node(ExprKind::Tuple(vec![key, value]), span)
            })
            .collect();
        args.push(node(
            ExprKind::List {
                items: pairs,
                tail: None,
            },
            span,
        ));
    }
    node(ExprKind::Call { target, args }, span)
}
