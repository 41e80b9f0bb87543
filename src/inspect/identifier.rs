//! How Elixir 1.14 writes atoms and escapes text (`Code.Identifier`, `String.printable?`,
//! `List.ascii_printable?`): when `:foo` needs quotes, when `:"Elixir.Foo"` is shown as
//! `Foo`, how a keyword key is written, and which bytes become escapes.

/// `Code.Identifier.classify/1`, which decides an atom's spelling.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Class {
    Alias,
    CallableLocal,
    CallableOperator,
    NotAtomable,
    NotCallable,
    Other,
}

const NOT_CALLABLE: &[&str] = &["%", "%{}", "{}", "<<>>", "...", "..", ".", "->", "..//"];

const OPERATORS: &[&str] = &[
    "&", "!", "^", "not", "+", "-", "@", "<-", "\\\\", "when", "|", "=", "||", "|||", "or", "&&",
    "&&&", "and", "==", "!=", "=~", "===", "!==", "<", "<=", ">=", ">", "|>", "<<<", ">>>", "<~",
    "~>", "<<~", "~>>", "<~>", "<|>", "in", "++", "--", "+++", "---", "<>", "*", "/", "**", "//",
    "::",
];

fn classify(name: &str) -> Class {
    if NOT_CALLABLE.contains(&name) {
        Class::NotCallable
    } else if name == "::" {
        Class::NotAtomable
    } else if OPERATORS.contains(&name) || name == "not in" {
        Class::CallableOperator
    } else if is_valid_alias(name) {
        Class::Alias
    } else {
        match tokenize(name) {
            Some(Token::Identifier { at: false }) => Class::CallableLocal,
            Some(_) => Class::NotCallable,
            None => Class::Other,
        }
    }
}

/// `Elixir` followed by `.Segment`s, each segment an ASCII uppercase letter and then
/// ASCII letters, digits or underscores.
fn is_valid_alias(name: &str) -> bool {
    let Some(mut rest) = name.strip_prefix("Elixir") else {
        return false;
    };
    while !rest.is_empty() {
        let mut chars = rest.chars();
        match (chars.next(), chars.next()) {
            (Some('.'), Some(c)) if c.is_ascii_uppercase() => {
                let tail = &rest[2..];
                let end = tail
                    .find(|c: char| !(c.is_ascii_alphanumeric() || c == '_'))
                    .unwrap_or(tail.len());
                rest = &tail[end..];
            }
            _ => return false,
        }
    }
    true
}

enum Token {
    Identifier { at: bool },
    Alias,
}

/// A cut-down `String.Tokenizer`: a letter or `_`, then letters, digits, `_` or `@`,
/// then optionally one `?` or `!`.
fn tokenize(name: &str) -> Option<Token> {
    let mut chars = name.chars();
    let first = chars.next()?;
    let alias = first.is_uppercase();
    if !(first == '_' || first.is_alphabetic()) {
        return None;
    }
    let rest = chars.as_str();
    let body = rest.strip_suffix(['?', '!']).unwrap_or(rest);
    let mut at = false;
    for c in body.chars() {
        if c == '@' {
            at = true;
        } else if !(c == '_' || c.is_alphanumeric()) {
            return None;
        }
    }
    Some(if alias {
        Token::Alias
    } else {
        Token::Identifier { at }
    })
}

/// `Code.Identifier.inspect_as_atom/1`: `:ok`, `:"with space"`, `Registry`, `nil`.
pub fn inspect_atom(name: &str) -> String {
    if matches!(name, "nil" | "true" | "false") {
        return name.to_string();
    }
    match classify(name) {
        Class::Alias => match name {
            "Elixir" | "Elixir.Elixir" => name.to_string(),
            _ if name.starts_with("Elixir.Elixir.") => name.to_string(),
            _ => name["Elixir.".len()..].to_string(),
        },
        Class::CallableLocal | Class::CallableOperator | Class::NotCallable => format!(":{name}"),
        Class::NotAtomable | Class::Other => {
            format!(":\"{}\"", escape(name.as_bytes(), b'"', None).0)
        }
    }
}

/// `Code.Identifier.inspect_as_key/1`: the `key:` of a keyword list or atom-keyed map.
pub fn inspect_key(name: &str) -> String {
    match classify(name) {
        Class::CallableLocal | Class::CallableOperator | Class::NotCallable => format!("{name}:"),
        _ => format!("\"{}\":", escape(name.as_bytes(), b'"', None).0),
    }
}

/// `Code.Identifier.escape/3`: escapes `bytes` for a literal quoted with `quote`, up to
/// `limit` characters. Returns the escaped text and whether input was left over.
pub fn escape(bytes: &[u8], quote: u8, limit: Option<usize>) -> (String, bool) {
    let mut out = String::new();
    let mut rest = bytes;
    let mut count = limit;
    while !rest.is_empty() {
        if count == Some(0) {
            return (out, true);
        }
        count = count.map(|c| c - 1);
        if rest[0] == quote {
            out.push('\\');
            out.push(quote as char);
            rest = &rest[1..];
        } else if rest.starts_with(b"#{") {
            out.push_str("\\#{");
            rest = &rest[2..];
        } else if let Some((c, len)) = next_char(rest) {
            escape_char(&mut out, c);
            rest = &rest[len..];
        } else {
            out.push_str(&format!("\\x{:02X}", rest[0]));
            rest = &rest[1..];
        }
    }
    (out, false)
}

/// Decodes one UTF-8 character at the start of `bytes`, as `<<h::utf8, _::binary>>`.
fn next_char(bytes: &[u8]) -> Option<(char, usize)> {
    let len = match bytes[0] {
        0x00..=0x7F => 1,
        0xC0..=0xDF => 2,
        0xE0..=0xEF => 3,
        0xF0..=0xF7 => 4,
        _ => return None,
    };
    let s = std::str::from_utf8(bytes.get(..len)?).ok()?;
    s.chars().next().map(|c| (c, len))
}

fn escape_char(out: &mut String, c: char) {
    let code = c as u32;
    let mapped = match c {
        '\u{7}' => "\\a",
        '\u{8}' => "\\b",
        '\u{7F}' => "\\d",
        '\u{1B}' => "\\e",
        '\u{C}' => "\\f",
        '\n' => "\\n",
        '\r' => "\\r",
        '\t' => "\\t",
        '\u{B}' => "\\v",
        '\\' => "\\\\",
        '\0' => "\\0",
        '\u{FEFF}' => "\\uFEFF",
        _ if is_printable_code(code) => {
            out.push(c);
            return;
        }
        _ if code < 0x100 => {
            out.push_str(&format!("\\x{code:02X}"));
            return;
        }
        _ if code < 0x10000 => {
            out.push_str(&format!("\\x{{{code:04X}}}"));
            return;
        }
        _ => {
            out.push_str(&format!("\\x{{{code:06X}}}"));
            return;
        }
    };
    out.push_str(mapped);
}

fn is_printable_code(code: u32) -> bool {
    matches!(code, 0x20..=0x7E | 0xA0..=0xD7FF | 0xE000..=0xFFFD | 0x10000..=0x10FFFF)
}

/// `String.printable?/2`: UTF-8 made of printable characters and the usual escapes,
/// looking at no more than `limit` characters.
pub fn is_printable_string(bytes: &[u8], limit: usize) -> bool {
    let mut rest = bytes;
    let mut n = limit;
    while !rest.is_empty() {
        if n == 0 {
            return true;
        }
        n -= 1;
        if b"\n\r\t\x0B\x08\x0C\x1B\x7F\x07".contains(&rest[0]) {
            rest = &rest[1..];
            continue;
        }
        match next_char(rest) {
            Some((c, len)) if is_printable_code(c as u32) => rest = &rest[len..],
            _ => return false,
        }
    }
    true
}

/// `List.ascii_printable?/2` for the elements of a proper list.
pub fn is_ascii_printable_list(codes: impl Iterator<Item = Option<i64>>, limit: usize) -> bool {
    for (seen, code) in codes.enumerate() {
        if seen == limit {
            return true;
        }
        match code {
            Some(32..=126 | 7..=13 | 27) => {}
            _ => return false,
        }
    }
    true
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn atoms_quote_only_when_needed() {
        assert_eq!(inspect_atom("ok"), ":ok");
        assert_eq!(inspect_atom("with space"), ":\"with space\"");
        assert_eq!(inspect_atom("Elixir.Registry"), "Registry");
        assert_eq!(inspect_atom("Elixir.foo"), ":\"Elixir.foo\"");
        assert_eq!(inspect_atom("9a"), ":\"9a\"");
        assert_eq!(inspect_atom("foo@bar"), ":foo@bar");
        assert_eq!(inspect_atom("nil"), "nil");
    }

    #[test]
    fn keys_quote_like_atoms() {
        assert_eq!(inspect_key("a"), "a:");
        assert_eq!(inspect_key("with space"), "\"with space\":");
        assert_eq!(inspect_key("Elixir"), "\"Elixir\":");
    }

    #[test]
    fn escapes_interpolation_and_invalid_bytes() {
        assert_eq!(escape(b"#{x}\xFF\"", b'"', None).0, "\\#{x}\\xFF\\\"");
        assert_eq!(escape(b"abc", b'"', Some(2)), ("ab".to_string(), true));
    }
}
