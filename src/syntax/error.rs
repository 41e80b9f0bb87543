//! Syntax errors as values: the kind iex names, where it points, and iex's own text.
//!
//! Both the lexer and the parser build these; the shell renders them. Nothing here
//! decides whether input is complete: that is `TokenMissingError`, by iex's own rule.

use std::fmt;

/// The exception module iex 1.14 raises for a bad input.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SyntaxErrorKind {
    /// `** (SyntaxError)`: the input is wrong whatever follows it.
    SyntaxError,
    /// `** (TokenMissingError)`: the input stops early; iex asks for more lines.
    TokenMissingError,
}

impl SyntaxErrorKind {
    /// The exception name as iex prints it between `** (` and `)`.
    pub fn name(self) -> &'static str {
        match self {
            SyntaxErrorKind::SyntaxError => "SyntaxError",
            SyntaxErrorKind::TokenMissingError => "TokenMissingError",
        }
    }
}

#[derive(Clone, Debug, PartialEq)]
pub struct SyntaxError {
    pub kind: SyntaxErrorKind,
    /// 1-based, within the parsed source.
    pub line: u32,
    /// 1-based, in characters.
    pub column: u32,
    /// iex's text after the `iex:LINE:COL: ` prefix.
    pub message: String,
    /// Whether iex 1.14 follows the message with the source line and a caret (it does
    /// not when the offending token is a string or a reserved word, nor for mismatched
    /// delimiters: those come from code paths of its tokenizer that carry no snippet).
    pub snippet: bool,
    /// The line (within the parsed source) of an unclosed opener the message names as
    /// "at line N"; iex numbers it from the prompt counter, like the error's own line.
    pub opener_line: Option<u32>,
}

impl SyntaxError {
    pub(crate) fn new(kind: SyntaxErrorKind, line: u32, column: u32, message: String) -> Self {
        SyntaxError {
            kind,
            line,
            column,
            message,
            snippet: true,
            opener_line: None,
        }
    }

    /// Records that the message's "at line N" names the opener on line `line`.
    pub(crate) fn opened_at(mut self, line: u32) -> Self {
        self.opener_line = Some(line);
        self
    }

    /// The message with its "at line N" counted from the prompt counter `first_line`.
    fn message_from(&self, first_line: u32) -> String {
        match self.opener_line {
            Some(line) => self.message.replacen(
                &format!("at line {line}"),
                &format!("at line {}", first_line + line - 1),
                1,
            ),
            None => self.message.clone(),
        }
    }

    pub(crate) fn without_snippet(mut self) -> Self {
        self.snippet = false;
        self
    }

    /// The whole block iex prints, e.g. for `render(src, 3)`:
    ///
    /// ```text
    /// ** (SyntaxError) iex:3:5: syntax error before: ')'
    ///     |
    ///   3 | foo(1 2)
    ///     |       ^
    /// ```
    ///
    /// `first_line` is iex's prompt counter for the first line of `source`.
    pub fn render(&self, source: &str, first_line: u32) -> String {
        let line = first_line + self.line - 1;
        let mut out = format!(
            "** ({}) iex:{}:{}: {}",
            self.kind.name(),
            line,
            self.column,
            self.message_from(first_line)
        );
        if self.snippet {
            let text = source.lines().nth(self.line as usize - 1).unwrap_or("");
            let number = line.to_string();
            let gutter = " ".repeat(number.len().max(2) + 1);
            let pad = " ".repeat(self.column.saturating_sub(1) as usize);
            out.push_str(&format!(
                "\n{gutter} |\n {number:>width$} | {text}\n{gutter} | {pad}^",
                width = number.len().max(2)
            ));
        }
        out
    }
}

impl fmt::Display for SyntaxError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}:{}: {}", self.line, self.column, self.message)
    }
}

impl std::error::Error for SyntaxError {}
