//! The rustyline helper: completion, hints, highlighting and validation of the line
//! being typed. It reads a `Known` snapshot that the loop refreshes before each prompt
//! and never touches the node itself.

use super::complete::{self, Known};
use super::highlight;
use crate::shell::commands::COMMANDS;
use owo_colors::OwoColorize;
use rustyline::completion::{Completer, Pair};
use rustyline::highlight::Highlighter;
use rustyline::hint::{Hint, Hinter, HistoryHinter};
use rustyline::validate::{ValidationContext, ValidationResult, Validator};
use rustyline::{Context, Helper};
use std::borrow::Cow;

pub struct ShellHelper {
    pub known: Known,
    color: bool,
    history: HistoryHinter,
}

impl ShellHelper {
    pub fn new(color: bool) -> ShellHelper {
        ShellHelper {
            known: Known::default(),
            color,
            history: HistoryHinter::new(),
        }
    }
}

/// A hint shown after the cursor. A command's usage is only to read (`VALUE [NAME]`
/// must not be inserted); a line from history may be taken with the right arrow.
pub struct ShellHint {
    display: String,
    completion: Option<String>,
}

impl Hint for ShellHint {
    fn display(&self) -> &str {
        &self.display
    }
    fn completion(&self) -> Option<&str> {
        self.completion.as_deref()
    }
}

/// The rest of a short command's usage once its word is typed: `start` shows
/// ` VALUE [NAME]`.
pub fn usage_hint(line: &str) -> Option<String> {
    let typed = line.trim_start();
    let word = typed.trim_end();
    let (_, form, _) = COMMANDS.iter().find(|(w, _, _)| *w == word)?;
    let rest = form.strip_prefix(word)?;
    let shown = rest.strip_prefix(&typed[word.len()..]).unwrap_or(rest);
    (!shown.is_empty()).then(|| shown.to_string())
}

impl Completer for ShellHelper {
    type Candidate = Pair;

    fn complete(
        &self,
        line: &str,
        pos: usize,
        _ctx: &Context<'_>,
    ) -> rustyline::Result<(usize, Vec<Pair>)> {
        Ok(complete::complete(line, pos, &self.known))
    }
}

impl Hinter for ShellHelper {
    type Hint = ShellHint;

    fn hint(&self, line: &str, pos: usize, ctx: &Context<'_>) -> Option<ShellHint> {
        if pos < line.len() {
            return None;
        }
        // A word bound as a variable is Elixir, not a command (see `commands::recognize`).
        let variable = self.known.bindings.iter().any(|b| b == line.trim());
        if !self.known.continuing && !variable {
            if let Some(usage) = usage_hint(line) {
                return Some(ShellHint {
                    display: usage,
                    completion: None,
                });
            }
        }
        if !self.color {
            // Undimmed, the rest of a past line would look typed: offer it with colour only.
            return None;
        }
        let rest = self.history.hint(line, pos, ctx)?;
        Some(ShellHint {
            display: rest.clone(),
            completion: Some(rest),
        })
    }
}

impl Highlighter for ShellHelper {
    fn highlight<'l>(&self, line: &'l str, _pos: usize) -> Cow<'l, str> {
        match self.color.then(|| highlight::highlight(line)).flatten() {
            Some(painted) => Cow::Owned(painted),
            None => Cow::Borrowed(line),
        }
    }

    fn highlight_hint<'h>(&self, hint: &'h str) -> Cow<'h, str> {
        if self.color {
            Cow::Owned(hint.dimmed().to_string())
        } else {
            Cow::Borrowed(hint)
        }
    }

    fn highlight_char(&self, _line: &str, _pos: usize, _forced: bool) -> bool {
        // Any key can change how a token reads (`:` then `a` makes an atom).
        self.color
    }
}

/// Enter always hands the line over, even when the expression is unfinished. The
/// completeness question is the parser's, asked by `Session::feed` on the line so far:
/// `Parsed::Incomplete` makes the session prompt `...(N)>` for the next line, exactly as
/// iex does. Keeping the line open here instead would draw the continuation without
/// iex's prompt and put a multi-line entry in the history that iex would not have.
impl Validator for ShellHelper {
    fn validate(&self, _ctx: &mut ValidationContext<'_>) -> rustyline::Result<ValidationResult> {
        Ok(ValidationResult::Valid(None))
    }
}

impl Helper for ShellHelper {}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn usage_follows_a_command_word() {
        assert_eq!(usage_hint("start").as_deref(), Some(" VALUE [NAME]"));
        assert_eq!(usage_hint("start ").as_deref(), Some("VALUE [NAME]"));
        assert_eq!(usage_hint("crash").as_deref(), Some(" NAME [REASON]"));
        assert_eq!(usage_hint("start 1"), None);
        assert_eq!(usage_hint("count"), None);
        assert_eq!(usage_hint("starts"), None);
    }

    #[test]
    fn without_colour_the_line_is_shown_as_typed() {
        let helper = ShellHelper::new(false);
        assert!(matches!(helper.highlight(":a", 2), Cow::Borrowed(":a")));
        assert!(matches!(helper.highlight_hint("x"), Cow::Borrowed("x")));
        let helper = ShellHelper::new(true);
        assert!(matches!(helper.highlight(":a", 2), Cow::Owned(_)));
    }
}
