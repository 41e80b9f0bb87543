//! Tokens: what the lexer hands the parser. A token knows its span, whether blank
//! space came before it (Elixir's calls without parentheses depend on it: `f -1` is a
//! call, `f - 1` a subtraction) and how iex names it in "syntax error before: X".

use super::ast::Span;

#[derive(Clone, Debug, PartialEq)]
pub enum Tok {
    /// The value and the text as written (iex quotes the text in errors: `"0x1F"`).
    Int(i64, String),
    Float(f64, String),
    Atom(String),
    /// `:"text #{expr}"`: an atom made at run time from an interpolated string.
    AtomInterp(Vec<StrPiece>),
    /// `name:` or `"quoted key":` (the colon must be followed by blank space).
    KwKey(String),
    Str(Vec<StrPiece>),
    Charlist(Vec<StrPiece>),
    /// `~w(a b)a`: the letter, the body (read as a string for lowercase letters, as
    /// written for uppercase ones) and the modifiers after the closing delimiter.
    Sigil {
        letter: char,
        pieces: Vec<StrPiece>,
        modifiers: String,
    },
    Ident(String),
    Alias(String),
    /// `&1`
    CaptureInt(usize),
    /// Operators and punctuation, including the word operators `and or not in when`
    /// and `not in` as one token.
    Op(&'static str),
    /// `do end fn else after catch rescue`
    Kw(&'static str),
    /// `true false nil`
    Reserved(&'static str),
    /// A newline or `;`: both end an expression.
    Eol,
    Eof,
}

#[derive(Clone, Debug, PartialEq)]
pub enum StrPiece {
    Lit(String),
    /// The tokens between `#{` and `}`, ending with `Eof`.
    Interp(Vec<Token>),
}

#[derive(Clone, Debug, PartialEq)]
pub struct Token {
    pub tok: Tok,
    pub span: Span,
    pub space_before: bool,
}

impl Token {
    pub fn is_op(&self, op: &str) -> bool {
        matches!(self.tok, Tok::Op(o) if o == op)
    }

    pub fn is_kw(&self, kw: &str) -> bool {
        matches!(self.tok, Tok::Kw(k) if k == kw)
    }

    /// How iex 1.14 names this token after "syntax error before: ", and whether it
    /// then shows the source snippet.
    pub fn describe(&self) -> (String, bool) {
        match &self.tok {
            Tok::Int(_, text) | Tok::Float(_, text) => (format!("\"{text}\""), true),
            Tok::Atom(name) | Tok::Ident(name) => (erlang_atom(name), true),
            Tok::Alias(name) => (erlang_atom(name.split('.').next().unwrap_or(name)), true),
            Tok::KwKey(name) => (format!("'{name}:'"), true),
            Tok::Str(pieces) | Tok::Charlist(pieces) | Tok::AtomInterp(pieces) => {
                (format!("\"{}\"", first_lit(pieces)), false)
            }
            Tok::Sigil { letter, pieces, .. } => (
                format!(
                    "sigil ~{letter} starting with content '{}'",
                    first_lit(pieces)
                ),
                false,
            ),
            Tok::CaptureInt(_) => ("'&'".to_string(), true),
            Tok::Op("%{") => ("'%{}'".to_string(), true),
            Tok::Op(op) if op.chars().all(char::is_alphabetic) && *op != "not" => {
                (op.to_string(), true)
            }
            Tok::Op(op) if *op == "not" => (reserved_word("not"), false),
            Tok::Op(op) => (format!("'{op}'"), true),
            Tok::Kw(kw) => (kw.to_string(), true),
            Tok::Reserved(word) => (reserved_word(word), false),
            Tok::Eol => ("';'".to_string(), true),
            Tok::Eof => (String::new(), true),
        }
    }
}

fn reserved_word(word: &str) -> String {
    format!(
        "{word}. \"{word}\" is a reserved word in Elixir and therefore its usage is limited. \
         For instance, it can't be used as a variable or be defined nor invoked as a regular \
         function"
    )
}

fn first_lit(pieces: &[StrPiece]) -> String {
    match pieces.first() {
        Some(StrPiece::Lit(text)) => text.clone(),
        _ => String::new(),
    }
}

/// An atom as Erlang's `~p` writes it: bare when it is a plain lowercase word,
/// single-quoted otherwise (`'Foo'`, `'a?'`, `'a b'`).
pub fn erlang_atom(name: &str) -> String {
    let mut chars = name.chars();
    let plain = matches!(chars.next(), Some(c) if c.is_ascii_lowercase())
        && chars.all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '@');
    if plain {
        name.to_string()
    } else {
        format!("'{name}'")
    }
}
