//! Rules for comma-separated things: lists, tuples, maps and call arguments, with the
//! keyword-list sugar they share (`[a: 1]`, `f(x, a: 1)`, `%{a: 1}`).

use super::{join, node, PResult, Parser};
use crate::syntax::ast::{Expr, ExprKind, Span};
use crate::syntax::error::SyntaxError;
use crate::syntax::token::Tok;

/// Where a keyword list was followed by something else: iex's two wordings.
#[derive(Clone, Copy, PartialEq)]
enum Context {
    Call,
    Container,
}

const AFTER_KEYWORDS_CALL: &str = "unexpected expression after keyword list. Keyword lists \
must always come as the last argument. Therefore, this is not allowed:\n\n    \
function_call(1, some: :option, 2)\n\nInstead, wrap the keyword in brackets:\n\n    \
function_call(1, [some: :option], 2)\n\nSyntax error after: ','";

const AFTER_KEYWORDS_CONTAINER: &str = "unexpected expression after keyword list. Keyword \
lists must always come last in lists and maps. Therefore, this is not allowed:\n\n    \
[some: :value, :another]\n    %{some: :value, another => value}\n\nInstead, reorder it to \
be the last entry:\n\n    [:another, some: :value]\n    %{another => value, some: :value}\
\n\nSyntax error after: ','";

/// The base of an update (`%{m | ...}`) and the entries of a map.
type MapBody = (Option<Expr>, Vec<(Expr, Expr)>);

/// Positional items, then keyword pairs, as read from one bracketed sequence.
struct Items {
    positional: Vec<Expr>,
    keywords: Vec<Expr>,
    tail: Option<Box<Expr>>,
}

impl<'t> Parser<'t> {
    /// Runs `rule` with `do` blocks allowed again (inside brackets they are unambiguous).
    pub(super) fn bracketed<T>(
        &mut self,
        rule: impl FnOnce(&mut Self) -> PResult<T>,
    ) -> PResult<T> {
        // Brackets weigh on the depth cap too: their rules hold more stack than `expr_bp`.
        self.depth += 1;
        let saved = std::mem::replace(&mut self.no_do, false);
        let result = rule(self);
        self.no_do = saved;
        self.depth -= 1;
        result
    }

    /// list = "[" [ items [ "|" expr ] ] "]"
    pub(super) fn list(&mut self) -> PResult<Expr> {
        let start = self.next().span;
        let items = self.bracketed(|p| p.items("]", Context::Container))?;
        let end = self.expect_op("]")?;
        let mut all = items.positional;
        all.extend(items.keywords);
        let kind = ExprKind::List {
            items: all,
            tail: items.tail,
        };
        Ok(node(kind, join(start, end)))
    }

    /// tuple = "{" [ items ] "}"
    pub(super) fn tuple(&mut self) -> PResult<Expr> {
        let start = self.next().span;
        let items = self.bracketed(|p| p.items("}", Context::Container))?;
        let end = self.expect_op("}")?;
        let mut all = items.positional;
        if !items.keywords.is_empty() {
            all.push(keyword_list(items.keywords));
        }
        Ok(node(ExprKind::Tuple(all), join(start, end)))
    }

    /// call_args_parens = "(" [ items ] ")"; trailing keywords become one list argument.
    pub(super) fn call_args_parens(&mut self) -> PResult<(Vec<Expr>, Span)> {
        self.next();
        let items = self.bracketed(|p| p.items(")", Context::Call))?;
        let end = self.expect_op(")")?;
        Ok((arguments(items), end))
    }

    /// call_args_no_parens = arg { "," arg } [ "," keywords ] | keywords
    pub(super) fn call_args_no_parens(&mut self) -> PResult<Vec<Expr>> {
        let saved = std::mem::replace(&mut self.no_do, true);
        let items = self.sequence(Context::Call, false);
        self.no_do = saved;
        Ok(arguments(items?))
    }

    /// items = item { "," item }, with the keyword pairs last; stops before `close`.
    fn items(&mut self, close: &str, context: Context) -> PResult<Items> {
        self.skip_eols();
        if self.at_op(close) {
            return Ok(Items {
                positional: vec![],
                keywords: vec![],
                tail: None,
            });
        }
        let items = self.sequence(context, true)?;
        self.skip_eols();
        Ok(items)
    }

    /// `multiline`: inside brackets, newlines may surround commas; the arguments of a
    /// call without parentheses end at the end of the line.
    fn sequence(&mut self, context: Context, multiline: bool) -> PResult<Items> {
        let mut items = Items {
            positional: vec![],
            keywords: vec![],
            tail: None,
        };
        loop {
            if matches!(self.peek().tok, Tok::KwKey(_)) {
                let (key, value) = self.keyword_pair()?;
                let span = join(key.span, value.span);
                items
                    .keywords
                    .push(node(ExprKind::Tuple(vec![key, value]), span));
            } else if !items.keywords.is_empty() {
                // A comma at the very end may still be followed by more keywords.
                if self.peek().tok == Tok::Eof {
                    return Err(self.unexpected());
                }
                return Err(self.after_keywords(context));
            } else {
                items.positional.push(self.expr()?);
                if multiline && context == Context::Container && self.peek_past_eols().is_op("|") {
                    self.skip_eols();
                    self.next();
                    self.skip_eols();
                    items.tail = Some(Box::new(self.expr()?));
                    self.trailing_comma();
                    return Ok(items);
                }
            }
            let continues = if multiline {
                self.peek_past_eols().is_op(",")
            } else {
                self.at_op(",")
            };
            if !continues {
                return Ok(items);
            }
            self.skip_eols();
            self.next();
            self.skip_eols();
            // `[1, 2,]`, `{a, b,}` and `f(x, a: 1,)` end with a comma; `f(x,)` does not.
            let allowed = context == Context::Container || !items.keywords.is_empty();
            if multiline && allowed && self.at_closer() {
                return Ok(items);
            }
        }
    }

    /// Skips a `,` that only precedes the closing bracket (`[h | t,]`).
    fn trailing_comma(&mut self) {
        let saved = self.pos;
        self.skip_eols();
        if self.at_op(",") {
            self.next();
            self.skip_eols();
            if self.at_closer() {
                return;
            }
        }
        self.pos = saved;
    }

    fn at_closer(&self) -> bool {
        self.at_op("]") || self.at_op("}") || self.at_op(")")
    }

    fn peek_past_eols(&self) -> &'t crate::syntax::token::Token {
        let mut n = 0;
        while self.peek_at(n).tok == Tok::Eol {
            n += 1;
        }
        self.peek_at(n)
    }

    fn after_keywords(&self, context: Context) -> SyntaxError {
        // The comma may end an earlier line: point at it, not at the newline.
        let mut back = self.pos.saturating_sub(1);
        while back > 0 && self.tokens[back].tok == Tok::Eol {
            back -= 1;
        }
        let comma = self.tokens[back].span;
        let message = match context {
            Context::Call => AFTER_KEYWORDS_CALL,
            Context::Container => AFTER_KEYWORDS_CONTAINER,
        };
        self.error_at(comma, message)
    }

    /// keyword_pair = KW_KEY expr: the key atom and the value.
    fn keyword_pair(&mut self) -> PResult<(Expr, Expr)> {
        let token = self.next();
        let Tok::KwKey(key) = &token.tok else {
            return Err(self.unexpected());
        };
        self.skip_eols();
        let value = self.expr()?;
        Ok((node(ExprKind::Atom(key.clone()), token.span), value))
    }

    /// map = "%{" [ expr "|" ] [ map_entry { "," map_entry } ] "}"
    pub(super) fn map(&mut self) -> PResult<Expr> {
        let start = self.next().span;
        let (base, entries) = self.bracketed(|p| p.map_body())?;
        let end = self.expect_op("}")?;
        let kind = ExprKind::Map {
            base: base.map(Box::new),
            entries,
        };
        Ok(node(kind, join(start, end)))
    }

    /// struct = "%" ( ALIAS | ATOM | IDENT ) "{" map_body "}"
    pub(super) fn struct_expr(&mut self) -> PResult<Expr> {
        let start = self.next().span;
        let token = self.peek();
        let kind = match &token.tok {
            Tok::Alias(name) => ExprKind::Alias(name.clone()),
            Tok::Atom(name) => ExprKind::Atom(name.clone()),
            Tok::Ident(name) => ExprKind::Var(name.clone()),
            _ => return Err(self.unexpected()),
        };
        let module = node(kind, token.span);
        self.next();
        // `%RuntimeError` at the end of a line waits for its `{` on the next.
        self.skip_eols();
        if !self.at_op("{") {
            return Err(self.unexpected());
        }
        self.next();
        let (base, entries) = self.bracketed(|p| p.map_body())?;
        let end = self.expect_op("}")?;
        let kind = ExprKind::Struct {
            module: Box::new(module),
            base: base.map(Box::new),
            entries,
        };
        Ok(node(kind, join(start, end)))
    }

    fn map_body(&mut self) -> PResult<MapBody> {
        let mut base = None;
        let mut entries = Vec::new();
        let mut keywords = false;
        self.skip_eols();
        while !self.at_op("}") {
            if let Tok::KwKey(_) = self.peek().tok {
                keywords = true;
                entries.push(self.keyword_pair()?);
            } else if keywords {
                return Err(self.after_keywords(Context::Container));
            } else {
                let key = self.expr()?;
                self.skip_eols();
                if self.at_op("|") && base.is_none() && entries.is_empty() {
                    self.next();
                    base = Some(key);
                    self.skip_eols();
                    continue;
                }
                self.expect_op("=>")?;
                self.skip_eols();
                entries.push((key, self.expr()?));
            }
            self.skip_eols();
            if !self.at_op(",") {
                break;
            }
            self.next();
            self.skip_eols();
        }
        Ok((base, entries))
    }
}

fn keyword_list(pairs: Vec<Expr>) -> Expr {
    let span = match (pairs.first(), pairs.last()) {
        (Some(a), Some(b)) => join(a.span, b.span),
        _ => Span::default(),
    };
    node(
        ExprKind::List {
            items: pairs,
            tail: None,
        },
        span,
    )
}

fn arguments(items: Items) -> Vec<Expr> {
    let mut args = items.positional;
    if !items.keywords.is_empty() {
        args.push(keyword_list(items.keywords));
    }
    args
}
