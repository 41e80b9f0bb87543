//! The lexer: source text to `Token`s, with nom recognising the shapes of numbers,
//! identifiers and operators.
//!
//! Like Elixir's own tokenizer it also pairs brackets and `do`/`fn` with `end` as it
//! goes, because that is where iex decides an input is unfinished ("missing
//! terminator") or wrong ("unexpected token: )"): the parser then only sees balanced
//! input. String interpolations are lexed recursively into their own token lists.

use super::ast::Span;
use super::error::{SyntaxError, SyntaxErrorKind};
use super::token::{StrPiece, Tok, Token};
use nom::branch::alt;
use nom::bytes::complete::{tag, take_while, take_while1};
use nom::character::complete::{char as ch, one_of, satisfy};
use nom::combinator::{opt, recognize};
use nom::sequence::{pair, tuple};
use nom::IResult;

/// Nesting deeper than this (brackets, interpolations) is refused rather than risking
/// the stack of the recursive descent that follows.
pub const MAX_DEPTH: usize = 200;

type LexResult<T> = Result<T, SyntaxError>;

mod sigil;

/// Tokenizes a whole input. The result always ends with `Tok::Eof`.
pub fn tokenize(source: &str) -> LexResult<Vec<Token>> {
    let mut lexer = Lexer {
        src: source,
        pos: 0,
        line: 1,
        col: 1,
        depth: 0,
    };
    lexer.tokens(false)
}

struct Lexer<'a> {
    src: &'a str,
    pos: usize,
    line: u32,
    col: u32,
    depth: usize,
}

/// An open bracket, `do` or `fn` waiting for its terminator.
struct Opener {
    text: &'static str,
    line: u32,
}

fn closer_of(opener: &str) -> &'static str {
    match opener {
        "(" => ")",
        "[" => "]",
        "{" => "}",
        "<<" => ">>",
        _ => "end",
    }
}

impl<'a> Lexer<'a> {
    fn rest(&self) -> &'a str {
        &self.src[self.pos..]
    }

    fn peek(&self) -> Option<char> {
        self.rest().chars().next()
    }

    fn peek_at(&self, n: usize) -> Option<char> {
        self.rest().chars().nth(n)
    }

    fn bump(&mut self) -> Option<char> {
        let c = self.peek()?;
        self.pos += c.len_utf8();
        if c == '\n' {
            self.line += 1;
            self.col = 1;
        } else {
            self.col += 1;
        }
        Some(c)
    }

    fn advance(&mut self, bytes: usize) {
        let end = self.pos + bytes;
        while self.pos < end {
            self.bump();
        }
    }

    fn here(&self) -> Span {
        Span {
            start: self.pos,
            end: self.pos,
            line: self.line,
            column: self.col,
        }
    }

    fn error(&self, kind: SyntaxErrorKind, at: Span, message: String) -> SyntaxError {
        SyntaxError::new(kind, at.line, at.column, message)
    }

    fn unexpected_char(&self, c: char) -> SyntaxError {
        let at = self.here();
        let shown = if c == '"' {
            "\\\"".to_string()
        } else {
            c.to_string()
        };
        self.error(
            SyntaxErrorKind::SyntaxError,
            at,
            format!(
                "unexpected token: \"{shown}\" (column {}, code point U+{:04X})",
                at.column, c as u32
            ),
        )
    }

    /// Lexes until the end of input, or (inside an interpolation) the `}` closing it.
    fn tokens(&mut self, interp: bool) -> LexResult<Vec<Token>> {
        let mut out: Vec<Token> = Vec::new();
        let mut stack: Vec<Opener> = Vec::new();
        loop {
            let space_before = self.skip_blank();
            let start = self.here();
            let Some(c) = self.peek() else {
                if interp {
                    // `interpolation` words this as iex does
                    let message = "missing interpolation terminator".to_string();
                    return Err(self.error(SyntaxErrorKind::TokenMissingError, start, message));
                }
                return self.finish(out, stack, start);
            };
            if interp && c == '}' && stack.is_empty() {
                self.bump();
                out.push(Token {
                    tok: Tok::Eof,
                    span: start,
                    space_before,
                });
                return Ok(out);
            }
            let tok = self.token(c)?;
            let span = Span {
                end: self.pos,
                ..start
            };
            self.check_terminator(&tok, span, &mut stack)?;
            out.push(Token {
                tok,
                span,
                space_before,
            });
        }
    }

    fn finish(&self, mut out: Vec<Token>, stack: Vec<Opener>, at: Span) -> LexResult<Vec<Token>> {
        if let Some(open) = stack.last() {
            let message = format!(
                "missing terminator: {} (for \"{}\" starting at line {})",
                closer_of(open.text),
                open.text,
                open.line
            );
            let err = self.error(SyntaxErrorKind::TokenMissingError, at, message);
            return Err(err.opened_at(open.line));
        }
        out.push(Token {
            tok: Tok::Eof,
            span: at,
            space_before: false,
        });
        Ok(out)
    }

    /// Pairs openers with closers, as Elixir's tokenizer does before any parsing.
    fn check_terminator(
        &mut self,
        tok: &Tok,
        span: Span,
        stack: &mut Vec<Opener>,
    ) -> LexResult<()> {
        let text: &'static str = match tok {
            Tok::Op(op) => op,
            Tok::Kw(kw) => kw,
            _ => return Ok(()),
        };
        match text {
            "(" | "[" | "{" | "<<" | "do" | "fn" | "%{" => {
                if stack.len() >= MAX_DEPTH {
                    let message = format!("nesting too deep (more than {MAX_DEPTH} levels)");
                    return Err(self.error(SyntaxErrorKind::SyntaxError, span, message));
                }
                let text = if text == "%{" { "{" } else { text };
                stack.push(Opener {
                    text,
                    line: span.line,
                });
            }
            ")" | "]" | "}" | ">>" | "end" => {
                let Some(open) = stack.last() else {
                    if text == "end" || text == ">>" {
                        return Ok(()); // the parser reports these
                    }
                    let message = format!("unexpected token: {text}");
                    return Err(self.error(SyntaxErrorKind::SyntaxError, span, message));
                };
                if closer_of(open.text) == text {
                    stack.pop();
                    return Ok(());
                }
                let what = if text == "end" {
                    "reserved word"
                } else {
                    "token"
                };
                let message = format!(
                    "unexpected {what}: {text}. The \"{}\" at line {} is missing terminator \"{}\"",
                    open.text,
                    open.line,
                    closer_of(open.text)
                );
                let err = self.error(SyntaxErrorKind::SyntaxError, span, message);
                return Err(err.without_snippet().opened_at(open.line));
            }
            _ => {}
        }
        Ok(())
    }

    /// Skips spaces, tabs and comments; says whether anything was skipped.
    fn skip_blank(&mut self) -> bool {
        let mut skipped = false;
        loop {
            match self.peek() {
                Some(' ' | '\t' | '\r') => {
                    self.bump();
                }
                Some('\\') if self.peek_at(1) == Some('\n') => {
                    self.advance(2);
                }
                Some('#') => {
                    while !matches!(self.peek(), None | Some('\n')) {
                        self.bump();
                    }
                }
                _ => return skipped,
            }
            skipped = true;
        }
    }

    fn token(&mut self, c: char) -> LexResult<Tok> {
        match c {
            '\n' | ';' => {
                self.bump();
                Ok(Tok::Eol)
            }
            '0'..='9' => self.number(),
            '"' => self.string_or_key(),
            '\'' => {
                let start = self.here();
                self.bump();
                Ok(Tok::Charlist(self.quoted('\'', start, "string")?))
            }
            ':' => self.colon(),
            '~' if self.peek_at(1).is_some_and(|c| c.is_ascii_alphabetic())
                && self
                    .peek_at(2)
                    .is_some_and(|c| sigil::closing_delimiter(c).is_some()) =>
            {
                self.sigil()
            }
            '?' if self.peek_at(1).is_some_and(|c| !c.is_whitespace()) => Ok(self.char_code()),
            '&' if self.peek_at(1).is_some_and(|d| d.is_ascii_digit()) => self.capture_int(),
            c if c == '_' || c.is_alphabetic() => self.word(),
            _ => match operator(self.rest()) {
                Ok((_, op)) => {
                    self.advance(op.len());
                    Ok(Tok::Op(op))
                }
                Err(_) => Err(self.unexpected_char(c)),
            },
        }
    }

    fn number(&mut self) -> LexResult<Tok> {
        let start = self.here();
        if let Ok((_, (text, radix))) = radix_int(self.rest()) {
            self.advance(text.len());
            let digits: String = text[2..].chars().filter(|&c| c != '_').collect();
            return match i64::from_str_radix(&digits, radix) {
                Ok(n) => Ok(Tok::Int(n, text.to_string())),
                Err(_) => Err(self.too_large(start)),
            };
        }
        let (_, text) = decimal(self.rest()).map_err(|_| self.unexpected_char('0'))?;
        self.advance(text.len());
        let clean: String = text.chars().filter(|&c| c != '_').collect();
        if clean.contains(['.', 'e', 'E']) {
            // The BEAM has no infinity: a literal past f64's range is a syntax error there.
            match clean.parse::<f64>() {
                Ok(value) if value.is_finite() => Ok(Tok::Float(value, text.to_string())),
                _ => {
                    let message = format!("invalid float number {text}");
                    Err(self.error(SyntaxErrorKind::SyntaxError, start, message))
                }
            }
        } else {
            // Digits only, so the one failure left is overflow.
            let value = clean.parse::<i64>().map_err(|_| self.too_large(start))?;
            Ok(Tok::Int(value, text.to_string()))
        }
    }

    /// `?a`, `?\\n`: the code point of a character, an integer like any other.
    fn char_code(&mut self) -> Tok {
        let start = self.pos;
        self.bump();
        let mut text = String::new();
        match self.bump() {
            Some('\\') => self.escape(&mut text),
            Some(c) => text.push(c),
            None => {}
        }
        let code = text.chars().next().map_or(0, |c| c as i64);
        Tok::Int(code, self.src[start..self.pos].to_string())
    }

    fn too_large(&self, at: Span) -> SyntaxError {
        let message = "number too large for otpsh (integers are 64-bit)".to_string();
        self.error(SyntaxErrorKind::SyntaxError, at, message)
    }

    fn capture_int(&mut self) -> LexResult<Tok> {
        self.bump();
        let (_, digits) = take_while1::<_, _, ()>(|c: char| c.is_ascii_digit())(self.rest())
            .map_err(|_| self.unexpected_char('&'))?;
        self.advance(digits.len());
        Ok(Tok::CaptureInt(digits.parse().unwrap_or(usize::MAX)))
    }

    /// Identifiers, aliases (`Foo.Bar` as one token), reserved words and `name:` keys.
    fn word(&mut self) -> LexResult<Tok> {
        let start = self.here();
        let (_, text) = identifier(self.rest()).unwrap_or(("", ""));
        let text = if text.is_empty() {
            &self.rest()[..1]
        } else {
            text
        };
        self.advance(text.len());
        if let Some(key) = self.keyword_key(text, start)? {
            return Ok(key);
        }
        let first = text.chars().next().unwrap_or('_');
        if first.is_uppercase() {
            return Ok(self.alias(text));
        }
        Ok(match text {
            "do" | "end" | "fn" | "else" | "after" | "catch" | "rescue" => Tok::Kw(kw(text)),
            "true" | "false" | "nil" => Tok::Reserved(kw(text)),
            "not" => self.not_or_not_in(),
            "and" | "or" | "in" | "when" => Tok::Op(kw(text)),
            _ => Tok::Ident(text.to_string()),
        })
    }

    /// `name:` must be followed by blank space, as in Elixir (`a:1` is an error).
    fn keyword_key(&mut self, text: &str, start: Span) -> LexResult<Option<Tok>> {
        if self.peek() != Some(':') || self.peek_at(1) == Some(':') {
            return Ok(None);
        }
        match self.peek_at(1) {
            Some(c) if c.is_whitespace() => {
                self.bump();
                Ok(Some(Tok::KwKey(text.to_string())))
            }
            None => Err(self.unexpected_char(':')),
            Some(_) => {
                let message = format!("keyword argument must be followed by space after: {text}:");
                Err(self.error(SyntaxErrorKind::SyntaxError, start, message))
            }
        }
    }

    fn alias(&mut self, first: &str) -> Tok {
        let mut name = first.to_string();
        while self.peek() == Some('.') && self.peek_at(1).is_some_and(char::is_uppercase) {
            self.bump();
            let (_, part) = identifier(self.rest()).unwrap_or(("", ""));
            name.push('.');
            name.push_str(part);
            self.advance(part.len());
        }
        Tok::Alias(name)
    }

    fn not_or_not_in(&mut self) -> Tok {
        let rest = self.rest();
        let trimmed = rest.trim_start_matches([' ', '\t']);
        let after_in = trimmed.strip_prefix("in");
        let is_in = trimmed.len() < rest.len()
            && after_in.is_some_and(|r| {
                !r.starts_with(|c: char| c.is_alphanumeric() || c == '_' || c == ':')
            });
        if is_in {
            self.advance(rest.len() - trimmed.len() + 2);
            Tok::Op("not in")
        } else {
            Tok::Op("not")
        }
    }

    fn colon(&mut self) -> LexResult<Tok> {
        let start = self.here();
        let rest = &self.rest()[1..];
        if rest.starts_with(':') {
            self.advance(2);
            return Ok(Tok::Op("::"));
        }
        if rest.starts_with('"') {
            self.advance(2);
            let pieces = self.quoted('"', start, "atom")?;
            if pieces.iter().any(|p| matches!(p, StrPiece::Interp(_))) {
                return Ok(Tok::AtomInterp(pieces));
            }
            return Ok(Tok::Atom(first_piece_text(&pieces)));
        }
        if let Ok((_, name)) = atom_name(rest) {
            self.advance(1 + name.len());
            return Ok(Tok::Atom(name.to_string()));
        }
        if let Ok((_, op)) = operator(rest) {
            if !matches!(op, "(" | ")" | "[" | "]" | "{" | "}" | "," | "%{" | "%") {
                self.advance(1 + op.len());
                return Ok(Tok::Atom(op.to_string()));
            }
        }
        Err(self.unexpected_char(':'))
    }

    fn string_or_key(&mut self) -> LexResult<Tok> {
        let start = self.here();
        if self.rest().starts_with("\"\"\"") {
            return self.heredoc(start, false);
        }
        self.bump();
        let pieces = self.quoted('"', start, "string")?;
        if self.peek() == Some(':') && self.peek_at(1).is_some_and(char::is_whitespace) {
            self.bump();
            return Ok(Tok::KwKey(first_piece_text(&pieces)));
        }
        Ok(Tok::Str(pieces))
    }

    /// `"""` ... `"""`: the lines between, less the closing delimiter's indentation, each
    /// ending in a newline; escapes and interpolation as in a string, unless `raw` (the
    /// body of an uppercase sigil, `~S"""`).
    fn heredoc(&mut self, start: Span, raw: bool) -> LexResult<Tok> {
        self.advance(3);
        let opening_rest: String = self.rest().chars().take_while(|c| *c != '\n').collect();
        if !opening_rest.trim().is_empty() {
            let message = "heredoc allows only zero or more whitespace characters followed by a new line after \"\"\"".to_string();
            return Err(self.error(SyntaxErrorKind::SyntaxError, start, message));
        }
        self.advance(opening_rest.len());
        if self.bump().is_none() {
            let message = format!(
                "missing terminator: \"\"\" (for heredoc starting at line {})",
                start.line
            );
            let err = self.error(SyntaxErrorKind::TokenMissingError, self.here(), message);
            return Err(err.opened_at(start.line));
        }
        let mut pieces = Vec::new();
        let mut lit = String::new();
        let indent: usize;
        let mut at_line_start = true;
        loop {
            if at_line_start {
                let ws = self
                    .rest()
                    .chars()
                    .take_while(|c| *c == ' ' || *c == '\t')
                    .count();
                if self.rest()[ws..].starts_with("\"\"\"") {
                    indent = ws;
                    self.advance(ws + 3);
                    break;
                }
            }
            let Some(c) = self.bump() else {
                let message = format!(
                    "missing terminator: \"\"\" (for heredoc starting at line {})",
                    start.line
                );
                let err = self.error(SyntaxErrorKind::TokenMissingError, self.here(), message);
                return Err(err.opened_at(start.line));
            };
            at_line_start = c == '\n';
            if raw {
                lit.push(c);
            } else {
                self.string_char(c, &mut lit, &mut pieces, start)?;
            }
        }
        Ok(Tok::Str(dedent(finish(lit, pieces), indent)))
    }

    /// The body of a quoted literal after its opening quote, through the closing one.
    fn quoted(&mut self, quote: char, start: Span, what: &str) -> LexResult<Vec<StrPiece>> {
        let mut pieces = Vec::new();
        let mut lit = String::new();
        loop {
            let Some(c) = self.bump() else {
                let message = format!(
                    "missing terminator: {quote} (for {what} starting at line {})",
                    start.line
                );
                let err = self.error(SyntaxErrorKind::TokenMissingError, self.here(), message);
                return Err(err.opened_at(start.line));
            };
            if c == quote {
                break;
            }
            self.string_char(c, &mut lit, &mut pieces, start)?;
        }
        Ok(finish(lit, pieces))
    }

    /// One character of a string or heredoc body: an escape, the start of an
    /// interpolation (which ends the literal piece so far), or itself.
    fn string_char(
        &mut self,
        c: char,
        lit: &mut String,
        pieces: &mut Vec<StrPiece>,
        start: Span,
    ) -> LexResult<()> {
        match c {
            '\\' => self.escape(lit),
            '#' if self.peek() == Some('{') => {
                let at = Span {
                    column: self.col - 1,
                    ..self.here()
                };
                self.bump();
                if !lit.is_empty() {
                    pieces.push(StrPiece::Lit(std::mem::take(lit)));
                }
                pieces.push(StrPiece::Interp(self.interpolation(at, start)?));
            }
            c => lit.push(c),
        }
        Ok(())
    }

    fn interpolation(&mut self, at: Span, start: Span) -> LexResult<Vec<Token>> {
        if self.depth >= MAX_DEPTH {
            let message = format!("nesting too deep (more than {MAX_DEPTH} levels)");
            return Err(self.error(SyntaxErrorKind::SyntaxError, at, message));
        }
        self.depth += 1;
        let result = self.tokens(true);
        self.depth -= 1;
        match result {
            Err(e) if e.kind == SyntaxErrorKind::TokenMissingError && self.peek().is_none() => {
                if e.message != "missing interpolation terminator" {
                    return Err(e);
                }
                let message = format!(
                    "missing interpolation terminator: \"}}\" (for string starting at line {})",
                    start.line
                );
                Err(self.error(SyntaxErrorKind::TokenMissingError, at, message))
            }
            other => other,
        }
    }

    fn escape(&mut self, lit: &mut String) {
        let Some(c) = self.bump() else { return };
        let plain = match c {
            'n' => '\n',
            't' => '\t',
            'r' => '\r',
            'e' => '\x1b',
            '0' => '\0',
            'a' => '\x07',
            'b' => '\x08',
            'f' => '\x0c',
            'v' => '\x0b',
            's' => ' ',
            'd' => '\x7f',
            '\n' => return, // a backslash before a newline joins the lines
            'u' => return self.unicode_escape(lit),
            'x' => return self.hex_escape(lit),
            other => other,
        };
        lit.push(plain);
    }

    fn unicode_escape(&mut self, lit: &mut String) {
        let braced = self.peek() == Some('{');
        if braced {
            self.bump();
        }
        let max = if braced { 6 } else { 4 };
        let digits: String = self
            .rest()
            .chars()
            .take_while(char::is_ascii_hexdigit)
            .take(max)
            .collect();
        self.advance(digits.len());
        if braced && self.peek() == Some('}') {
            self.bump();
        }
        let code = u32::from_str_radix(&digits, 16)
            .ok()
            .and_then(char::from_u32);
        lit.push(code.unwrap_or(char::REPLACEMENT_CHARACTER));
    }

    fn hex_escape(&mut self, lit: &mut String) {
        let digits: String = self
            .rest()
            .chars()
            .take_while(char::is_ascii_hexdigit)
            .take(2)
            .collect();
        self.advance(digits.len());
        let code = u32::from_str_radix(&digits, 16)
            .ok()
            .and_then(char::from_u32);
        lit.push(code.unwrap_or(char::REPLACEMENT_CHARACTER));
    }
}

fn first_piece_text(pieces: &[StrPiece]) -> String {
    pieces
        .iter()
        .map(|p| match p {
            StrPiece::Lit(text) => text.as_str(),
            StrPiece::Interp(_) => "",
        })
        .collect()
}

fn kw(text: &str) -> &'static str {
    const WORDS: [&str; 15] = [
        "do", "end", "fn", "else", "after", "catch", "rescue", "true", "false", "nil", "not",
        "and", "or", "in", "when",
    ];
    WORDS.iter().find(|w| **w == text).copied().unwrap_or("")
}

/// `name`, `name?`, `name!`, `Name` (letters, digits, `_`).
fn identifier(input: &str) -> IResult<&str, &str> {
    recognize(tuple((
        satisfy(|c| c == '_' || c.is_alphabetic()),
        take_while(|c: char| c == '_' || c.is_alphanumeric()),
        opt(one_of("?!")),
    )))(input)
}

/// An unquoted atom's name: an identifier that may also hold `@` after its first
/// character, as node names do (`:nonode@nohost`).
fn atom_name(input: &str) -> IResult<&str, &str> {
    recognize(tuple((
        satisfy(|c| c == '_' || c.is_alphabetic()),
        take_while(|c: char| c == '_' || c == '@' || c.is_alphanumeric()),
        opt(one_of("?!")),
    )))(input)
}

fn digits(input: &str) -> IResult<&str, &str> {
    recognize(pair(
        take_while1(|c: char| c.is_ascii_digit()),
        take_while(|c: char| c.is_ascii_digit() || c == '_'),
    ))(input)
}

/// `1_000`, `1.5`, `1.0e-3` (a fraction needs a digit after the dot, so `1..2` is a range).
fn decimal(input: &str) -> IResult<&str, &str> {
    let exponent = tuple((one_of("eE"), opt(one_of("+-")), digits));
    recognize(tuple((
        digits,
        opt(tuple((ch('.'), digits, opt(exponent)))),
    )))(input)
}

/// `0x1F`, `0b101`, `0o17`.
fn radix_int(input: &str) -> IResult<&str, (&str, u32)> {
    let (rest, prefix) = alt((tag("0x"), tag("0b"), tag("0o")))(input)?;
    let radix = match prefix {
        "0x" => 16,
        "0b" => 2,
        _ => 8,
    };
    let (rest2, _) = take_while1(|c: char| c.is_digit(radix) || c == '_')(rest)?;
    Ok((rest2, (&input[..input.len() - rest2.len()], radix)))
}

/// The longest operator or punctuation at the start of `input`.
fn operator(input: &str) -> IResult<&str, &'static str> {
    const OPS: [&str; 56] = [
        "===", "!==", "...", "<<<", ">>>", "|||", "&&&", "+++", "---", "<<~", "~>>", "<~>", "\\\\",
        "|>", "==", "!=", "<=", ">=", "&&", "||", "<>", "++", "--", "..", "->", "<-", "=>", "::",
        "//", "<<", ">>", "**", "=~", "%{", "+", "-", "*", "/", "=", "<", ">", "!", "^", "|", ".",
        ",", "(", ")", "[", "]", "{", "}", "@", "&", "%", "~>",
    ];
    for op in OPS {
        if let Some(rest) = input.strip_prefix(op) {
            return Ok((rest, op));
        }
    }
    Err(nom::Err::Error(nom::error::Error::new(
        input,
        nom::error::ErrorKind::Tag,
    )))
}

/// The pieces of a string with its last literal part (an empty string is one empty part).
fn finish(lit: String, mut pieces: Vec<StrPiece>) -> Vec<StrPiece> {
    if !lit.is_empty() || pieces.is_empty() {
        pieces.push(StrPiece::Lit(lit));
    }
    pieces
}

/// Removes up to `indent` leading spaces or tabs from each line of a heredoc's text.
fn dedent(pieces: Vec<StrPiece>, indent: usize) -> Vec<StrPiece> {
    let mut at_line_start = true;
    pieces
        .into_iter()
        .map(|piece| match piece {
            StrPiece::Lit(text) => {
                let mut out = String::new();
                let mut skip = if at_line_start { indent } else { 0 };
                for c in text.chars() {
                    if skip > 0 && (c == ' ' || c == '\t') {
                        skip -= 1;
                        continue;
                    }
                    skip = 0;
                    out.push(c);
                    if c == '\n' {
                        skip = indent;
                    }
                }
                at_line_start = text.ends_with('\n');
                StrPiece::Lit(out)
            }
            other => {
                at_line_start = false;
                other
            }
        })
        .collect()
}
