//! Sigils: `~s(...)`, `~w[a b]a`, `~c"..."`, `~S|...|`. The lexer only cuts out the body
//! and the modifiers; the parser turns the token into a call of `sigil_x/2`, as Elixir
//! does, so the evaluator decides what each letter means (and iex's "undefined function
//! sigil_x/2" for a letter nobody defined comes for free).
//!
//! Lowercase sigils read their body like a string (escapes, `#{}`); uppercase ones take
//! it as written, except that `\` before the closing delimiter stands for it. Sigil
//! bodies do not nest: `~s(a (b) c)` ends at the first `)`, as in Elixir.

use super::{finish, LexResult, Lexer};
use crate::syntax::error::SyntaxErrorKind;
use crate::syntax::token::{StrPiece, Tok};

/// The closing delimiter for an opening one, if it can open a sigil.
pub(super) fn closing_delimiter(open: char) -> Option<char> {
    Some(match open {
        '(' => ')',
        '[' => ']',
        '{' => '}',
        '<' => '>',
        '/' | '|' | '"' | '\'' => open,
        _ => return None,
    })
}

impl Lexer<'_> {
    /// At `~`, with a letter and an opening delimiter after it.
    pub(super) fn sigil(&mut self) -> LexResult<Tok> {
        let start = self.here();
        self.bump();
        let letter = self.bump().unwrap_or('s');
        let pieces = if self.rest().starts_with("\"\"\"") {
            match self.heredoc(start, letter.is_ascii_uppercase())? {
                Tok::Str(pieces) => pieces,
                _ => Vec::new(),
            }
        } else {
            let open = self.bump().unwrap_or('(');
            let close = closing_delimiter(open).unwrap_or(')');
            self.sigil_body(letter, close, start)?
        };
        let modifiers: String = self
            .rest()
            .chars()
            .take_while(char::is_ascii_alphanumeric)
            .collect();
        self.advance(modifiers.len());
        Ok(Tok::Sigil {
            letter,
            pieces,
            modifiers,
        })
    }

    fn sigil_body(
        &mut self,
        letter: char,
        close: char,
        start: crate::syntax::ast::Span,
    ) -> LexResult<Vec<StrPiece>> {
        let raw = letter.is_ascii_uppercase();
        let mut pieces = Vec::new();
        let mut lit = String::new();
        loop {
            let Some(c) = self.bump() else {
                let message = format!(
                    "missing terminator: {close} (for sigil ~{letter} starting at line {})",
                    start.line
                );
                let err = self.error(SyntaxErrorKind::TokenMissingError, self.here(), message);
                return Err(err.opened_at(start.line));
            };
            match c {
                c if c == close => break,
                '\\' if self.peek() == Some(close) => {
                    self.bump();
                    lit.push(close);
                }
                c if raw => lit.push(c),
                c => self.string_char(c, &mut lit, &mut pieces, start)?,
            }
        }
        Ok(finish(lit, pieces))
    }
}
