//! Colouring what is typed in iex's syntax colours: atoms (and keyword keys) cyan,
//! strings green, numbers yellow, `true`/`false`/`nil` magenta. Only escapes are added:
//! the text itself never changes, so the cursor stays where rustyline put it.
//!
//! The lexer's tokens decide when the line lexes. A half-typed line usually does not
//! (`foo(` is a missing terminator to the lexer, which pairs brackets), so a forgiving
//! scan of the same shapes takes over; it paints the same tokens the same way, so
//! colours do not flicker as brackets close.

use crate::syntax::lexer::tokenize;
use crate::syntax::token::Tok;
use owo_colors::OwoColorize;
use std::ops::Range;

/// Past this, a line is shown as typed: colouring it on every key would be slow.
const LONGEST: usize = 4096;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Paint {
    Atom,
    Str,
    Number,
    Literal,
}

/// `line` with colour escapes, or `None` when nothing in it is coloured.
pub fn highlight(line: &str) -> Option<String> {
    if line.len() > LONGEST {
        return None;
    }
    let spans = match tokenize(line) {
        Ok(tokens) => tokens
            .iter()
            .filter_map(|t| paint_of(&t.tok).map(|p| (t.span.start..t.span.end, p)))
            .collect(),
        Err(_) => scan(line),
    };
    if spans.is_empty() {
        return None;
    }
    let mut out = String::with_capacity(line.len() * 2);
    let mut at = 0;
    for (range, paint) in spans {
        if range.start < at
            || range.start >= range.end
            || !line.is_char_boundary(range.start)
            || !line.is_char_boundary(range.end)
        {
            continue;
        }
        out.push_str(&line[at..range.start]);
        let text = &line[range.clone()];
        let painted = match paint {
            Paint::Atom => text.cyan().to_string(),
            Paint::Str => text.green().to_string(),
            Paint::Number => text.yellow().to_string(),
            Paint::Literal => text.magenta().to_string(),
        };
        out.push_str(&painted);
        at = range.end;
    }
    out.push_str(&line[at..]);
    Some(out)
}

fn paint_of(tok: &Tok) -> Option<Paint> {
    match tok {
        Tok::Atom(_) | Tok::KwKey(_) => Some(Paint::Atom),
        Tok::Str(_) | Tok::Charlist(_) => Some(Paint::Str),
        Tok::Int(..) | Tok::Float(..) => Some(Paint::Number),
        Tok::Reserved(_) => Some(Paint::Literal),
        _ => None,
    }
}

/// The coloured shapes of a line the lexer refuses (unfinished, or wrong).
fn scan(line: &str) -> Vec<(Range<usize>, Paint)> {
    let bytes = line.as_bytes();
    let mut spans = Vec::new();
    let mut i = 0;
    while i < bytes.len() {
        let after_word = i > 0 && is_ident(bytes[i - 1]);
        let (end, paint) = match bytes[i] {
            q @ (b'"' | b'\'') => (quoted_end(bytes, i + 1, q), Some(Paint::Str)),
            b':' if bytes.get(i + 1) == Some(&b'"') && !after_word => {
                (quoted_end(bytes, i + 2, b'"'), Some(Paint::Atom))
            }
            b':' if bytes.get(i + 1).is_some_and(|c| is_ident_start(*c)) && !after_word => {
                (ident_end(bytes, i + 1), Some(Paint::Atom))
            }
            c if c.is_ascii_digit() && !after_word => (number_end(bytes, i), Some(Paint::Number)),
            c if is_ident_start(c) && !after_word => word(line, i),
            _ => (i + 1, None),
        };
        if let Some(paint) = paint {
            spans.push((i..end, paint));
        }
        i = end.max(i + 1);
    }
    spans
}

/// An identifier at `i`: a keyword key (`name: `), a literal, or plain.
fn word(line: &str, i: usize) -> (usize, Option<Paint>) {
    let bytes = line.as_bytes();
    let end = ident_end(bytes, i);
    let key =
        bytes.get(end) == Some(&b':') && bytes.get(end + 1).is_none_or(|c| c.is_ascii_whitespace());
    match &line[i..end] {
        _ if key => (end + 1, Some(Paint::Atom)),
        "true" | "false" | "nil" => (end, Some(Paint::Literal)),
        _ => (end, None),
    }
}

fn is_ident_start(c: u8) -> bool {
    c.is_ascii_alphabetic() || c == b'_'
}

fn is_ident(c: u8) -> bool {
    c.is_ascii_alphanumeric() || c == b'_' || c >= 0x80
}

fn ident_end(bytes: &[u8], mut i: usize) -> usize {
    while i < bytes.len() && (is_ident(bytes[i]) || bytes[i] == b'@') {
        i += 1;
    }
    if i < bytes.len() && matches!(bytes[i], b'?' | b'!') {
        i += 1;
    }
    i
}

/// The end of a quoted text whose body starts at `i` (the end of the line if unclosed).
fn quoted_end(bytes: &[u8], mut i: usize, quote: u8) -> usize {
    while i < bytes.len() {
        match bytes[i] {
            b'\\' => i += 2,
            c if c == quote => return i + 1,
            _ => i += 1,
        }
    }
    bytes.len()
}

/// Digits, `_`, a fraction (`1.5`, not the range `1..2`), `0x1F`-style prefixes.
fn number_end(bytes: &[u8], mut i: usize) -> usize {
    let digit = |c: u8| c.is_ascii_alphanumeric() || c == b'_';
    while i < bytes.len() && digit(bytes[i]) {
        i += 1;
    }
    if bytes.get(i) == Some(&b'.') && bytes.get(i + 1).is_some_and(u8::is_ascii_digit) {
        i += 1;
        while i < bytes.len() && digit(bytes[i]) {
            i += 1;
        }
    }
    i.min(bytes.len())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn strip(s: &str) -> String {
        let mut out = String::new();
        let mut chars = s.chars();
        while let Some(c) = chars.next() {
            if c == '\u{1b}' {
                for c in chars.by_ref() {
                    if c == 'm' {
                        break;
                    }
                }
            } else {
                out.push(c);
            }
        }
        out
    }

    #[test]
    fn a_complete_line_is_coloured_by_its_tokens() {
        let line = "Registry.start_link(keys: :unique, name: Registry, n: 42, s: \"x\", t: true)";
        let shown = highlight(line).expect("coloured");
        assert_eq!(strip(&shown), line);
        assert!(shown.contains(&":unique".cyan().to_string()), "{shown:?}");
        assert!(shown.contains(&"keys:".cyan().to_string()), "{shown:?}");
        assert!(shown.contains(&"42".yellow().to_string()), "{shown:?}");
        assert!(shown.contains(&"\"x\"".green().to_string()), "{shown:?}");
        assert!(shown.contains(&"true".magenta().to_string()), "{shown:?}");
    }

    #[test]
    fn an_unfinished_line_is_coloured_the_same_way() {
        let line = "DSupervisor.start_server(42, {:via, Registry, {Registry, \"cool";
        let shown = highlight(line).expect("coloured");
        assert_eq!(strip(&shown), line);
        assert!(shown.contains(&":via".cyan().to_string()), "{shown:?}");
        assert!(shown.contains(&"42".yellow().to_string()), "{shown:?}");
        assert!(shown.contains(&"\"cool".green().to_string()), "{shown:?}");
    }

    #[test]
    fn plain_text_and_ranges_are_not_coloured() {
        assert_eq!(highlight("x = y"), None);
        let shown = highlight("Enum.map(1..3, f").expect("numbers");
        assert!(shown.contains(&"1".yellow().to_string()), "{shown:?}");
        assert_eq!(strip(&shown), "Enum.map(1..3, f");
    }

    #[test]
    fn hostile_text_keeps_its_characters() {
        for line in [
            "\"\\",
            ":\"",
            "é:ü 1.",
            "\u{7}\"\u{0}",
            "a::b",
            "'x",
            "1_0x",
        ] {
            let shown = highlight(line).unwrap_or_else(|| line.to_string());
            assert_eq!(strip(&shown), line);
        }
    }
}
