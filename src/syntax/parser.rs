//! The parser: tokens to the syntax tree of `ast.rs`, following `grammar/GRAMMAR.md`.
//!
//! Conventions:
//!
//! - Each grammar rule is a method named after it (`tuple`, `map`, `stab_body`...);
//!   a method starts at the first token of its rule and leaves `pos` on the first token
//!   after it. Rules never backtrack: one token of lookahead (two for `a\n|> b`)
//!   decides every choice, as in Elixir's own LALR grammar.
//! - nom recognises the shape of single tokens in `lexer.rs`; the lexer also pairs
//!   brackets and `do`/`fn`/`end`, so here every opener has its closer and reaching
//!   `Eof` early means the input is unfinished: `TokenMissingError`, which the REPL
//!   answers with a continuation prompt, exactly when iex does.
//! - Operators are parsed by precedence climbing (`expr_bp`) with Elixir's table
//!   (`binary_op`); a newline ends an expression unless an operator, a comma or an open
//!   bracket says more follows, or the next line starts with a binary-only operator
//!   (`|>`, `and`, `==`...).
//! - Sugar with no meaning of its own is removed here: `a |> f(b)` is `f(a, b)`,
//!   keyword lists are lists of 2-tuples, `m[k]` is `Access.get(m, k)`, `-1` is the
//!   literal. Operators the tree has no node for (`when`, `<-`, `::`, `**`...) become
//!   local calls named after the operator, which the evaluator rejects where they are
//!   meaningless.
//! - Errors carry iex's kind, position and text; recursion is capped at `MAX_DEPTH`.

mod blocks;
pub use blocks::INVALID_FOR;
mod collections;

use super::ast::{BinaryOp, Block, CallTarget, Expr, ExprKind, Span, StrPart, UnaryOp};
use super::error::{SyntaxError, SyntaxErrorKind};
use super::lexer::{self, MAX_DEPTH};
use super::token::{StrPiece, Tok, Token};

/// The outcome of reading what the user typed so far.
#[derive(Clone, Debug, PartialEq)]
pub enum Parsed {
    Complete(Block),
    /// iex would show a `...(N)>` prompt and read another line.
    Incomplete,
    Invalid(SyntaxError),
}

/// Parses one whole input (possibly several lines, `;` or newline separated expressions).
pub fn parse(source: &str) -> Result<Block, SyntaxError> {
    let tokens = lexer::tokenize(source)?;
    let mut parser = Parser::new(&tokens);
    parser.program()
}

/// For the REPL and replay: is this input complete, does it need more lines, or is it wrong?
pub fn parse_input(source: &str) -> Parsed {
    match parse(source) {
        Ok(block) => Parsed::Complete(block),
        Err(e) if e.kind == SyntaxErrorKind::TokenMissingError => Parsed::Incomplete,
        Err(e) => Parsed::Invalid(e),
    }
}

/// Operators a line may start with to continue from the previous result (iex's
/// `@op_tokens`: binary-only operators; `+` and `-` would be read as signs).
const SHORTHAND_OPS: &[&str] = &[
    "|>", "*", "/", "++", "--", "+++", "---", "<>", "==", "!=", "===", "!==", "=~", "<", ">", "<=",
    ">=", "&&", "||", "&&&", "|||", "and", "or", "in", "<<<", ">>>", "^^^", "~>", "<~", "~>>",
    "<<~", "<~>", "<|>",
];

/// What the shell reads at a fresh prompt. Like iex 1.14, a line that starts with a
/// binary-only operator (`|> Enum.sum()`) is read as if `v(-1)` stood before it, unless
/// the previous input was a match (`after_match`), which iex refuses.
pub fn parse_line(source: &str, after_match: bool) -> Parsed {
    let tokens = match lexer::tokenize(source) {
        Ok(tokens) => shorthand(tokens, after_match),
        Err(e) => Err(e),
    };
    let result = tokens.and_then(|tokens| Parser::new(&tokens).program());
    match result {
        Ok(block) => Parsed::Complete(block),
        Err(e) if e.kind == SyntaxErrorKind::TokenMissingError => Parsed::Incomplete,
        Err(e) => Parsed::Invalid(e),
    }
}

/// Puts `v(-1)`'s tokens before a leading binary-only operator, at its position.
fn shorthand(mut tokens: Vec<Token>, after_match: bool) -> Result<Vec<Token>, SyntaxError> {
    let Some(i) = tokens.iter().position(|t| t.tok != Tok::Eol) else {
        return Ok(tokens);
    };
    let op = match tokens[i].tok {
        Tok::Op(op) if SHORTHAND_OPS.contains(&op) => op,
        _ => return Ok(tokens),
    };
    let at = tokens[i].span;
    if after_match {
        let message = format!(
            "pipe shorthand is not allowed immediately after a match expression in IEx. To \
             make it work, surround the whole pipeline with parentheses '{op}'"
        );
        return Err(SyntaxError::new(
            SyntaxErrorKind::SyntaxError,
            at.line,
            at.column,
            message,
        ));
    }
    let mut prefix = lexer::tokenize("v(-1)")?;
    prefix.retain(|t| t.tok != Tok::Eof);
    for t in &mut prefix {
        t.span = Span {
            end: at.start,
            ..at
        };
    }
    tokens.splice(i..i, prefix);
    Ok(tokens)
}

pub(crate) type PResult<T> = Result<T, SyntaxError>;

pub(crate) struct Parser<'t> {
    tokens: &'t [Token],
    pos: usize,
    depth: usize,
    /// Inside the arguments of a call without parentheses, a `do` belongs to that
    /// outer call (`if f x do ... end`), so inner identifiers must not take it.
    no_do: bool,
    /// In a short command's arguments, `start x "name"` is two arguments, not `x("name")`.
    no_bare_calls: bool,
}

fn join(a: Span, b: Span) -> Span {
    Span {
        end: b.end.max(a.end),
        ..a
    }
}

pub(crate) fn node(kind: ExprKind, span: Span) -> Expr {
    Expr { kind, span }
}

impl<'t> Parser<'t> {
    pub(crate) fn new(tokens: &'t [Token]) -> Self {
        Parser {
            tokens,
            pos: 0,
            depth: 0,
            no_do: false,
            no_bare_calls: false,
        }
    }

    /// One expression of a short command's arguments (see `no_bare_calls`).
    pub(crate) fn command_value(&mut self) -> PResult<Expr> {
        self.no_bare_calls = true;
        self.no_do = true;
        self.expr()
    }

    /// Byte offset, in the tokenized text, of the next unread token.
    pub(crate) fn offset(&self) -> usize {
        self.peek().span.start
    }

    // ---- token helpers -------------------------------------------------------------

    fn peek(&self) -> &'t Token {
        &self.tokens[self.pos.min(self.tokens.len() - 1)]
    }

    fn peek_at(&self, n: usize) -> &'t Token {
        &self.tokens[(self.pos + n).min(self.tokens.len() - 1)]
    }

    fn next(&mut self) -> &'t Token {
        let t = self.peek();
        if self.pos < self.tokens.len() - 1 {
            self.pos += 1;
        }
        t
    }

    fn at_op(&self, op: &str) -> bool {
        self.peek().is_op(op)
    }

    fn at_kw(&self, kw: &str) -> bool {
        self.peek().is_kw(kw)
    }

    fn skip_eols(&mut self) {
        while self.peek().tok == Tok::Eol {
            self.pos += 1;
        }
    }

    fn prev_span(&self) -> Span {
        self.tokens[self.pos.saturating_sub(1)].span
    }

    /// "syntax error before: X" for the current token (or "incomplete" at the end).
    pub(crate) fn unexpected(&self) -> SyntaxError {
        let token = self.peek();
        match token.tok {
            Tok::Eof => {
                let at = self.prev_span();
                let message = "syntax error: expression is incomplete".to_string();
                SyntaxError::new(
                    SyntaxErrorKind::TokenMissingError,
                    at.line,
                    at.column,
                    message,
                )
            }
            Tok::Kw("end") => self
                .error_at(token.span, "unexpected reserved word: end")
                .without_snippet(),
            // After a newline iex names `b:` as yecc does the bare atom: `before: b`.
            Tok::KwKey(ref name)
                if self.pos > 0 && matches!(self.tokens[self.pos - 1].tok, Tok::Eol) =>
            {
                let text = super::token::erlang_atom(name);
                self.error_at(token.span, &format!("syntax error before: {text}"))
            }
            _ => {
                let (text, snippet) = token.describe();
                let err = self.error_at(token.span, &format!("syntax error before: {text}"));
                if snippet {
                    err
                } else {
                    err.without_snippet()
                }
            }
        }
    }

    pub(crate) fn error_at(&self, at: Span, message: &str) -> SyntaxError {
        SyntaxError::new(
            SyntaxErrorKind::SyntaxError,
            at.line,
            at.column,
            message.to_string(),
        )
    }

    fn expect_op(&mut self, op: &str) -> PResult<Span> {
        if self.at_op(op) {
            Ok(self.next().span)
        } else {
            Err(self.unexpected())
        }
    }

    fn expect_kw(&mut self, kw: &str) -> PResult<Span> {
        if self.at_kw(kw) {
            Ok(self.next().span)
        } else {
            Err(self.unexpected())
        }
    }

    // ---- rules ---------------------------------------------------------------------

    /// program = exprs EOF
    fn program(&mut self) -> PResult<Block> {
        let block = self.exprs(|t| t.tok == Tok::Eof)?;
        if self.peek().tok != Tok::Eof {
            return Err(self.unexpected());
        }
        Ok(block)
    }

    /// exprs = { EOL } [ expr { EOL { EOL } expr } ] { EOL }, up to a terminator token.
    pub(crate) fn exprs(&mut self, stop: impl Fn(&Token) -> bool) -> PResult<Block> {
        let start = self.peek().span;
        let mut exprs = Vec::new();
        self.skip_eols();
        while !stop(self.peek()) {
            exprs.push(self.expr()?);
            if stop(self.peek()) {
                break;
            }
            if self.peek().tok != Tok::Eol {
                return Err(self.unexpected());
            }
            self.skip_eols();
        }
        let span = match (exprs.first(), exprs.last()) {
            (Some(a), Some(b)) => join(a.span, b.span),
            _ => Span {
                end: start.start,
                ..start
            },
        };
        Ok(Block { exprs, span })
    }

    /// expr = unary_expr { binary_op expr }, by precedence climbing.
    pub(crate) fn expr(&mut self) -> PResult<Expr> {
        self.expr_bp(0)
    }

    fn expr_bp(&mut self, min_bp: u32) -> PResult<Expr> {
        if self.depth >= MAX_DEPTH {
            let message = format!("nesting too deep (more than {MAX_DEPTH} levels)");
            return Err(self.error_at(self.peek().span, &message));
        }
        self.depth += 1;
        let result = self.expr_bp_inner(min_bp);
        self.depth -= 1;
        result
    }

    fn expr_bp_inner(&mut self, min_bp: u32) -> PResult<Expr> {
        let mut lhs = self.unary_expr()?;
        loop {
            let ahead = self.binary_op_ahead();
            let Some((op, prec, right)) = ahead.and_then(|n| {
                let op = match self.peek_at(n).tok {
                    Tok::Op(op) => op,
                    _ => return None,
                };
                binary_op(op).map(|(p, r)| (op, p, r))
            }) else {
                break;
            };
            if prec < min_bp {
                break;
            }
            self.skip_eols();
            self.next();
            self.skip_eols();
            let rhs = self.expr_bp(if right { prec } else { prec + 1 })?;
            lhs = self.binary(op, lhs, rhs)?;
        }
        Ok(lhs)
    }

    /// The offset of a binary operator continuing the current expression: right here,
    /// or at the start of a following line when it can only be binary (`|>`, `and`).
    fn binary_op_ahead(&self) -> Option<usize> {
        if binary_op_token(self.peek()) {
            return Some(0);
        }
        let mut n = 0;
        while self.peek_at(n).tok == Tok::Eol {
            n += 1;
        }
        let token = self.peek_at(n);
        let leading_ok =
            matches!(token.tok, Tok::Op(op) if !matches!(op, "+" | "-" | ".." | "not"));
        (n > 0 && leading_ok && binary_op_token(token)).then_some(n)
    }

    fn binary(&mut self, op: &'static str, lhs: Expr, rhs: Expr) -> PResult<Expr> {
        let span = join(lhs.span, rhs.span);
        let kind = match op {
            "=" => ExprKind::Match {
                pattern: Box::new(lhs),
                expr: Box::new(rhs),
            },
            ".." => ExprKind::Range {
                first: Box::new(lhs),
                last: Box::new(rhs),
                step: None,
            },
            "//" => match lhs.kind {
                ExprKind::Range {
                    first,
                    last,
                    step: None,
                } => ExprKind::Range {
                    first,
                    last,
                    step: Some(Box::new(rhs)),
                },
                _ => {
                    let message = "the range step operator (//) must immediately follow the \
                                   range definition operator (..), for example: 1..9//2";
                    return Err(self.error_at(span, message));
                }
            },
            "|>" => return Ok(pipe(lhs, rhs)),
            _ => match binary_kind(op) {
                Some(op) => ExprKind::Binary {
                    op,
                    lhs: Box::new(lhs),
                    rhs: Box::new(rhs),
                },
                None => operator_call(op, vec![lhs, rhs]),
            },
        };
        Ok(node(kind, span))
    }

    /// unary_expr = unary_op unary_expr | "&" expr | postfix_expr
    fn unary_expr(&mut self) -> PResult<Expr> {
        let token = self.peek();
        let Tok::Op(op) = token.tok else {
            return self.postfix_expr();
        };
        let unary = match op {
            "-" => UnaryOp::Neg,
            "+" => UnaryOp::Plus,
            "!" => UnaryOp::Bang,
            "not" => UnaryOp::Not,
            "^" => return self.pin(),
            "&" => return self.capture(),
            "@" => return self.module_attribute(),
            _ => return self.postfix_expr(),
        };
        self.next();
        self.skip_eols();
        let operand = self.expr_bp(UNARY_BP)?;
        let span = join(token.span, operand.span);
        let kind = match (unary, operand.kind) {
            (UnaryOp::Neg, ExprKind::Int(n)) => ExprKind::Int(-n),
            (UnaryOp::Neg, ExprKind::Float(f)) => ExprKind::Float(-f),
            (op, kind) => ExprKind::Unary {
                op,
                expr: Box::new(node(kind, operand.span)),
            },
        };
        Ok(node(kind, span))
    }

    /// attribute = "@" postfix_expr: `@impl true` is `@(impl(true))`, a call of `@/1`
    /// (which the shell, outside any module, rejects).
    fn module_attribute(&mut self) -> PResult<Expr> {
        let start = self.next().span;
        let operand = self.postfix_expr()?;
        let span = join(start, operand.span);
        Ok(node(operator_call("@", vec![operand]), span))
    }

    /// pin = "^" IDENT
    fn pin(&mut self) -> PResult<Expr> {
        let start = self.next().span;
        match &self.peek().tok {
            Tok::Ident(name) => {
                let end = self.next().span;
                Ok(node(ExprKind::Pin(name.clone()), join(start, end)))
            }
            _ => Err(self.unexpected()),
        }
    }

    /// capture = "&" expr, where `&Mod.fun/2` and `&fun/2` name a function.
    fn capture(&mut self) -> PResult<Expr> {
        let start = self.next().span;
        self.skip_eols();
        if let Some(kind) = self.operator_capture() {
            let span = join(start, self.prev_span());
            return Ok(node(kind, span));
        }
        let body = self.expr_bp(CAPTURE_BP)?;
        let span = join(start, body.span);
        if let ExprKind::Binary {
            op: BinaryOp::Div,
            lhs,
            rhs,
        } = &body.kind
        {
            if let ExprKind::Int(arity) = rhs.kind {
                let arity = arity.max(0) as usize;
                match &lhs.kind {
                    ExprKind::Var(name) => {
                        let kind = ExprKind::CaptureFun {
                            module: None,
                            name: name.clone(),
                            arity,
                        };
                        return Ok(node(kind, span));
                    }
                    ExprKind::Call {
                        target: CallTarget::Remote { module, function },
                        args,
                    } if args.is_empty() => {
                        let kind = ExprKind::CaptureFun {
                            module: Some(module.clone()),
                            name: function.clone(),
                            arity,
                        };
                        return Ok(node(kind, span));
                    }
                    _ => {}
                }
            }
        }
        Ok(node(ExprKind::Capture(Box::new(body)), span))
    }

    /// `&+/2`, `&!=/2`: an operator captured by name, with no module (Kernel's).
    fn operator_capture(&mut self) -> Option<ExprKind> {
        let (Tok::Op(op), slash, Tok::Int(arity, _)) =
            (&self.peek().tok, self.peek_at(1), &self.peek_at(2).tok)
        else {
            return None;
        };
        if !is_operator_name(op) || *op == "=" || !slash.is_op("/") {
            return None;
        }
        let kind = ExprKind::CaptureFun {
            module: None,
            name: op.to_string(),
            arity: (*arity).max(0) as usize,
        };
        for _ in 0..3 {
            self.next();
        }
        Some(kind)
    }

    /// `'abc'`, or with interpolation `'a#{x}'`, which Elixir reads as
    /// `List.to_charlist(["a", Kernel.to_string(x)])`: here `String.to_charlist("a#{x}")`.
    fn charlist(&mut self, pieces: &[StrPiece], span: Span) -> PResult<ExprKind> {
        let interpolated = pieces.iter().any(|p| matches!(p, StrPiece::Interp(_)));
        if !interpolated {
            let text: String = pieces
                .iter()
                .filter_map(|p| match p {
                    StrPiece::Lit(t) => Some(t.as_str()),
                    StrPiece::Interp(_) => None,
                })
                .collect();
            return Ok(charlist_of(&text));
        }
        Ok(ExprKind::Call {
            target: CallTarget::Remote {
                module: Box::new(node(ExprKind::Atom("Elixir.String".into()), span)),
                function: "to_charlist".into(),
            },
            args: vec![node(ExprKind::Str(self.string_parts(pieces)?), span)],
        })
    }

    /// postfix_expr = primary { "." IDENT [call_args] | "." call_args | "[" expr "]" }
    fn postfix_expr(&mut self) -> PResult<Expr> {
        let mut expr = self.primary()?;
        loop {
            let token = self.peek();
            if token.is_op(".") {
                expr = self.dot(expr)?;
            } else if token.is_op("[") && !token.space_before && is_accessible(&expr) {
                expr = self.access(expr)?;
            } else {
                return Ok(expr);
            }
        }
    }

    /// After `expr`: `.fun`, `.fun(args)`, `.fun args`, or `.(args)`.
    fn dot(&mut self, target: Expr) -> PResult<Expr> {
        self.next();
        let token = self.peek();
        if token.is_op("(") {
            let (args, end) = self.call_args_parens()?;
            let span = join(target.span, end);
            let call = CallTarget::Anonymous(Box::new(target));
            return Ok(node(ExprKind::Call { target: call, args }, span));
        }
        if token.is_op("{") {
            // `Room.{A, B}`: the multi-alias form, a call of `"{}"` on the module.
            let tuple = self.tuple()?;
            let span = join(target.span, tuple.span);
            let ExprKind::Tuple(args) = tuple.kind else {
                return Err(self.unexpected());
            };
            let call = CallTarget::Remote {
                module: Box::new(target),
                function: "{}".into(),
            };
            return Ok(node(ExprKind::Call { target: call, args }, span));
        }
        let name = match &token.tok {
            Tok::Ident(name) => name.clone(),
            Tok::Alias(name) => {
                // `mod.Alias` is not a call: keep Elixir's error
                let _ = name;
                return Err(self.unexpected());
            }
            // `Kernel.+(1, 2)`, `&Kernel.+/2`: an operator names a function after a dot.
            Tok::Op(op) if is_operator_name(op) => op.to_string(),
            _ => return Err(self.unexpected()),
        };
        self.next();
        let call = CallTarget::Remote {
            module: Box::new(target.clone()),
            function: name,
        };
        self.call_rest(call, target.span, token.span)
    }

    /// `m[k]`: `Access.get(m, k)`.
    fn access(&mut self, target: Expr) -> PResult<Expr> {
        self.next();
        self.skip_eols();
        let key = self.expr()?;
        self.skip_eols();
        let end = self.expect_op("]")?;
        let span = join(target.span, end);
        let module = node(ExprKind::Alias("Access".into()), target.span);
        let call = CallTarget::Remote {
            module: Box::new(module),
            function: "get".into(),
        };
        Ok(node(
            ExprKind::Call {
                target: call,
                args: vec![target, key],
            },
            span,
        ))
    }

    /// primary = literal | IDENT-led call or variable | list | tuple | map | fn | "(" exprs ")"
    fn primary(&mut self) -> PResult<Expr> {
        let token = self.peek();
        let span = token.span;
        let kind = match &token.tok {
            Tok::Int(n, _) => ExprKind::Int(*n),
            Tok::Float(f, _) => ExprKind::Float(*f),
            Tok::Atom(name) => ExprKind::Atom(name.clone()),
            Tok::Reserved(word) => ExprKind::Atom(word.to_string()),
            Tok::Alias(name) => ExprKind::Alias(name.clone()),
            Tok::CaptureInt(n) => ExprKind::CaptureArg(*n),
            Tok::Str(pieces) => ExprKind::Str(self.string_parts(pieces)?),
            // Elixir's own reading of `:"a#{x}"`.
            Tok::AtomInterp(pieces) => ExprKind::Call {
                target: CallTarget::Remote {
                    module: Box::new(node(ExprKind::Atom("erlang".into()), span)),
                    function: "binary_to_atom".into(),
                },
                args: vec![
                    node(ExprKind::Str(self.string_parts(pieces)?), span),
                    node(ExprKind::Atom("utf8".into()), span),
                ],
            },
            Tok::Charlist(pieces) => self.charlist(pieces, span)?,
            // Elixir's reading: `~w(a b)c` is `sigil_w("a b", 'c')`, a macro that makes
            // a literal of a body without interpolation (so sigils work in patterns).
            Tok::Sigil {
                letter,
                pieces,
                modifiers,
            } => match sigil_literal(*letter, pieces, modifiers, span) {
                Some(literal) => literal,
                None => ExprKind::Call {
                    target: CallTarget::Local(format!("sigil_{letter}")),
                    args: vec![
                        node(ExprKind::Str(self.string_parts(pieces)?), span),
                        node(charlist_of(modifiers), span),
                    ],
                },
            },
            Tok::Ident(name) => {
                self.next();
                return self.identifier(name, span);
            }
            Tok::Op("[") => return self.list(),
            Tok::Op("{") => return self.tuple(),
            Tok::Op("%{") => return self.map(),
            Tok::Op("%") => return self.struct_expr(),
            Tok::Op("(") => return self.paren_expr(),
            Tok::Kw("fn") => return self.fn_expr(),
            _ => return Err(self.unexpected()),
        };
        self.next();
        Ok(node(kind, span))
    }

    /// paren_expr = "(" exprs ")"
    fn paren_expr(&mut self) -> PResult<Expr> {
        let start = self.next().span;
        let saved = std::mem::replace(&mut self.no_do, false);
        let block = self.exprs(|t| t.is_op(")"));
        self.no_do = saved;
        let mut block = block?;
        let end = self.expect_op(")")?;
        let span = join(start, end);
        if block.exprs.len() == 1 {
            let mut only = block.exprs.remove(0);
            only.span = span;
            return Ok(only);
        }
        Ok(node(ExprKind::Block(block), span))
    }

    /// A variable, or a local call: `f(args)`, `f args`, `f do ... end`.
    fn identifier(&mut self, name: &str, span: Span) -> PResult<Expr> {
        let call = CallTarget::Local(name.to_string());
        let is_call = self.peek().is_op("(") && !self.peek().space_before
            || self.starts_no_parens_arg()
            || self.at_kw("do") && !self.no_do;
        if !is_call {
            return Ok(node(ExprKind::Var(name.to_string()), span));
        }
        self.call_rest(call, span, span)
    }

    /// The arguments and `do` block after a call's name (none at all for `Mod.fun`).
    fn call_rest(&mut self, target: CallTarget, start: Span, name_span: Span) -> PResult<Expr> {
        let mut end = name_span;
        let mut args = Vec::new();
        if self.at_op("(") && !self.peek().space_before {
            let (parsed, close) = self.call_args_parens()?;
            args = parsed;
            end = close;
        } else if self.starts_no_parens_arg() {
            args = self.call_args_no_parens()?;
            end = args.last().map_or(end, |a| a.span);
        }
        let sections = if self.at_kw("do") && !self.no_do {
            Some(self.do_block()?)
        } else {
            None
        };
        if let Some((_, close)) = &sections {
            end = *close;
        }
        let span = join(start, end);
        self.make_call(target, args, sections.map(|(s, _)| s), span)
    }

    /// Can the current token begin the first argument of a call without parentheses?
    fn starts_no_parens_arg(&self) -> bool {
        let token = self.peek();
        if !token.space_before || self.no_bare_calls {
            return false;
        }
        match &token.tok {
            Tok::Int(..) | Tok::Float(..) | Tok::Atom(_) | Tok::KwKey(_) | Tok::Str(_) => true,
            Tok::Sigil { .. } => true,
            Tok::AtomInterp(_) => true,
            Tok::Charlist(_) | Tok::Ident(_) | Tok::Alias(_) | Tok::CaptureInt(_) => true,
            Tok::Reserved(_) | Tok::Kw("fn") => true,
            Tok::Op("-" | "+") => !self.peek_at(1).space_before,
            Tok::Op(op) => matches!(*op, "[" | "{" | "%{" | "%" | "(" | "^" | "!" | "&" | "not"),
            _ => false,
        }
    }

    /// string = '"' { CHARS | "#{" exprs "}" } '"'
    fn string_parts(&mut self, pieces: &[StrPiece]) -> PResult<Vec<StrPart>> {
        let mut parts = Vec::new();
        for piece in pieces {
            match piece {
                StrPiece::Lit(text) => parts.push(StrPart::Lit(text.clone())),
                StrPiece::Interp(tokens) => {
                    let mut inner = Parser::new(tokens);
                    inner.depth = self.depth + 1;
                    let mut block = inner.program()?;
                    let expr = if block.exprs.len() == 1 {
                        block.exprs.remove(0)
                    } else {
                        let span = block.span;
                        node(ExprKind::Block(block), span)
                    };
                    parts.push(StrPart::Interp(expr));
                }
            }
        }
        Ok(parts)
    }
}

const CAPTURE_BP: u32 = 101;
const UNARY_BP: u32 = 300;

/// Elixir's binary operators: precedence and right associativity
/// (https://hexdocs.pm/elixir/1.14/operators.html).
fn binary_op(op: &str) -> Option<(u32, bool)> {
    Some(match op {
        "<-" | "\\\\" => (50, false),
        "when" => (60, true),
        "::" => (70, true),
        "=" => (110, true),
        "||" | "|||" | "or" => (120, false),
        "&&" | "&&&" | "and" => (130, false),
        "==" | "!=" | "=~" | "===" | "!==" => (140, false),
        "<" | ">" | "<=" | ">=" => (150, false),
        "|>" | "<<<" | ">>>" | "<<~" | "~>>" | "~>" | "<~>" => (160, false),
        "in" | "not in" => (170, false),
        "//" => (190, true),
        "++" | "--" | "+++" | "---" | ".." | "<>" => (200, true),
        "+" | "-" => (210, false),
        "*" | "/" => (220, false),
        "**" => (230, false),
        _ => return None,
    })
}

fn binary_op_token(token: &Token) -> bool {
    matches!(token.tok, Tok::Op(op) if binary_op(op).is_some())
}

fn binary_kind(op: &str) -> Option<BinaryOp> {
    Some(match op {
        "+" => BinaryOp::Add,
        "-" => BinaryOp::Sub,
        "*" => BinaryOp::Mul,
        "/" => BinaryOp::Div,
        "==" => BinaryOp::Eq,
        "!=" => BinaryOp::NotEq,
        "===" => BinaryOp::StrictEq,
        "!==" => BinaryOp::StrictNotEq,
        "<" => BinaryOp::Lt,
        ">" => BinaryOp::Gt,
        "<=" => BinaryOp::Le,
        ">=" => BinaryOp::Ge,
        "and" => BinaryOp::And,
        "or" => BinaryOp::Or,
        "&&" => BinaryOp::AndAlso,
        "||" => BinaryOp::OrElse,
        "<>" => BinaryOp::Concat,
        "++" => BinaryOp::ListConcat,
        "--" => BinaryOp::ListSubtract,
        "in" => BinaryOp::In,
        "not in" => BinaryOp::NotIn,
        _ => return None,
    })
}

/// An operator the tree has no node for, as a local call named after it.
pub(crate) fn operator_call(op: &str, args: Vec<Expr>) -> ExprKind {
    ExprKind::Call {
        target: CallTarget::Local(op.to_string()),
        args,
    }
}

/// `a |> f(b)` is `f(a, b)`; a right side that is no call stays a `|>` call, which the
/// evaluator rejects as Elixir does ("cannot pipe ... into ...").
fn pipe(lhs: Expr, rhs: Expr) -> Expr {
    let span = join(lhs.span, rhs.span);
    match rhs.kind {
        ExprKind::Call {
            target: CallTarget::Local(name),
            args,
        } if matches!(name.as_str(), "case" | "if" | "unless") && args.len() == 1 => {
            match blocks::piped_special(&name, lhs.clone(), &args[0]) {
                Some(kind) => node(kind, span),
                None => {
                    let mut args = args;
                    args.insert(0, lhs);
                    let target = CallTarget::Local(name);
                    node(ExprKind::Call { target, args }, span)
                }
            }
        }
        ExprKind::Call { target, mut args } => {
            args.insert(0, lhs);
            node(ExprKind::Call { target, args }, span)
        }
        ExprKind::Var(name) => {
            let call = ExprKind::Call {
                target: CallTarget::Local(name),
                args: vec![lhs],
            };
            node(call, span)
        }
        kind => node(operator_call("|>", vec![lhs, node(kind, rhs.span)]), span),
    }
}

/// `m[k]` applies to what can hold a value, not to literals like `1[0]`.
fn is_accessible(expr: &Expr) -> bool {
    matches!(
        expr.kind,
        ExprKind::Var(_)
            | ExprKind::Call { .. }
            | ExprKind::Map { .. }
            | ExprKind::Struct { .. }
            | ExprKind::List { .. }
    )
}

/// `'abc'` is the list of its code points (interpolations are not supported in them).
/// The literal a sigil without interpolation stands for: `~s`/`~c`/`~w` and their
/// uppercase forms, with modifiers they accept; None leaves it to `sigil_x/2`.
fn sigil_literal(
    letter: char,
    pieces: &[StrPiece],
    modifiers: &str,
    span: Span,
) -> Option<ExprKind> {
    let text = match pieces {
        [] => "",
        [StrPiece::Lit(text)] => text.as_str(),
        _ => return None,
    };
    let word = |w: &str| match modifiers {
        "a" => ExprKind::Atom(w.to_string()),
        "c" => charlist_of(w),
        _ => ExprKind::Str(vec![StrPart::Lit(w.to_string())]),
    };
    Some(match (letter, modifiers) {
        ('s' | 'S', "") => ExprKind::Str(vec![StrPart::Lit(text.to_string())]),
        ('c' | 'C', "") => charlist_of(text),
        ('w' | 'W', "" | "s" | "a" | "c") => ExprKind::List {
            items: text
                .split_whitespace()
                .map(|w| node(word(w), span))
                .collect(),
            tail: None,
        },
        _ => return None,
    })
}

/// A charlist literal without interpolation: its code points.
fn charlist_of(text: &str) -> ExprKind {
    let items = text
        .chars()
        .map(|c| node(ExprKind::Int(c as i64), Span::default()))
        .collect();
    ExprKind::List { items, tail: None }
}

#[cfg(test)]
mod tests;

/// Operators that are also function names, callable as `Kernel.op(...)`.
fn is_operator_name(op: &str) -> bool {
    matches!(
        op,
        "=" | "+"
            | "-"
            | "*"
            | "/"
            | "=="
            | "!="
            | "==="
            | "!=="
            | "<"
            | ">"
            | "<="
            | ">="
            | "<>"
            | "++"
            | "--"
            | "!"
            | "&&"
            | "||"
            | "=~"
            | "and"
            | "or"
            | "not"
    )
}
