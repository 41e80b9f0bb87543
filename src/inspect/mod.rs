//! The printer: Elixir 1.14's `inspect`, byte for byte, for every `Term`.
//!
//! `protocol` turns a term into a document the way each `Inspect` implementation does,
//! `algebra` lays the document out in the given width, `identifier` spells atoms and
//! escapes text, `float` writes floats as Erlang does. This module owns the options and
//! the colours; it never evaluates, and it never decides what a value *is* (that is the
//! runtime's business) — only how iex would show it.

pub mod algebra;
mod float;
mod identifier;
mod protocol;
mod structs;

#[cfg(test)]
mod golden_tests;

use owo_colors::colors::{Cyan, Default as DefaultColor, Green, Magenta, Yellow};
use owo_colors::Color as _;

pub use float::format_float;
pub use identifier::{inspect_atom, inspect_key, is_printable_string};
pub use structs::struct_fields;

/// The field order of the structs a learner defined, by module atom name: Inspect shows
/// a struct's fields in `defstruct` order.
pub type StructOrder = std::sync::Arc<std::collections::HashMap<String, Vec<String>>>;

/// Options of `Inspect.Opts` that iex uses.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Options {
    /// Columns of the pretty layout (iex: 80).
    pub width: usize,
    /// Items shown per collection before `...` (iex: 50).
    pub limit: usize,
    /// `false` is `inspect/1`: everything on one line, whatever the width.
    pub pretty: bool,
    /// IEx's syntax colours, with the result wrapped in its `eval_result` colour.
    pub color: bool,
    /// Bytes of a string or charlist shown before ` <> ...` (`:printable_limit`).
    pub printable_limit: usize,
    /// `base:` of integers: 2, 8, 10 or 16.
    pub base: u32,
    /// `charlists: :as_lists`: printable lists stay lists of integers.
    pub charlists_as_lists: bool,
    /// `structs: false`: structs (exceptions, ranges) print as the maps they are.
    pub structs: bool,
    /// Structs defined in the session (otpsh's own come from `structs`).
    pub user_structs: Option<StructOrder>,
}

impl Default for Options {
    fn default() -> Options {
        Options {
            width: 80,
            limit: 50,
            pretty: true,
            color: false,
            printable_limit: PRINTABLE_LIMIT,
            base: 10,
            charlists_as_lists: false,
            structs: true,
            user_structs: None,
        }
    }
}

impl Options {
    /// These options updated by the keyword list a learner passes to `inspect/2` or
    /// `IO.inspect/2`. Like `Inspect.Opts`, unknown keys and values of the wrong type
    /// are ignored rather than refused; `:infinity` lifts a limit.
    pub fn with_keyword(mut self, opts: &crate::term::Term) -> Options {
        use crate::term::Term;
        let count = |t: &Term| match t {
            Term::Int(n) => Some((*n).max(0) as usize),
            t if t.is_atom("infinity") => Some(usize::MAX >> 1),
            _ => None,
        };
        if let Some(Term::Int(w)) = opts.keyword_get("width") {
            self.width = (*w).max(0) as usize;
        }
        if let Some(l) = opts.keyword_get("limit").and_then(count) {
            self.limit = l;
        }
        if let Some(l) = opts.keyword_get("printable_limit").and_then(count) {
            self.printable_limit = l;
        }
        match opts
            .keyword_get("base")
            .and_then(Term::as_atom)
            .map(|a| a.name())
        {
            Some("binary") => self.base = 2,
            Some("octal") => self.base = 8,
            Some("decimal") => self.base = 10,
            Some("hex") => self.base = 16,
            _ => {}
        }
        match opts
            .keyword_get("charlists")
            .and_then(Term::as_atom)
            .map(|a| a.name())
        {
            Some("as_lists") => self.charlists_as_lists = true,
            Some("infer") => self.charlists_as_lists = false,
            _ => {}
        }
        if let Some(s) = opts.keyword_get("structs") {
            self.structs = !s.is_atom("false");
        }
        if let Some(p) = opts.keyword_get("pretty") {
            self.pretty = p.is_atom("true");
        }
        self
    }
}

/// What iex prints for a value (iex uses pretty: true, width 80, limit 50). With
/// `color`, the text is what iex writes for an evaluation result on a terminal: IEx's
/// syntax colours inside its yellow `eval_result` colour, escape for escape.
///
/// ```
/// use otpsh::inspect::{inspect, Options};
/// use otpsh::term::Term;
///
/// let kw = Term::list(vec![Term::tuple(vec![Term::atom("keys"), Term::atom("unique")])]);
/// assert_eq!(inspect(&kw, &Options::default()), "[keys: :unique]");
/// ```
pub fn inspect(term: &crate::term::Term, opts: &Options) -> String {
    let palette = opts.color.then_some(&IEX_PALETTE);
    let ctx = protocol::Ctx {
        palette,
        printable_limit: opts.printable_limit,
        base: opts.base,
        charlists_as_lists: opts.charlists_as_lists,
        structs: opts.structs,
        user_structs: opts.user_structs.as_deref(),
    };
    let doc = algebra::group(ctx.to_doc(term, opts.limit));
    let width = opts.pretty.then_some(opts.width);
    let text = algebra::format(&doc, width);
    match palette {
        Some(p) => format!("{}{text}{RESET}", p.result),
        None => text,
    }
}

/// Elixir's `inspect/1` (pretty: false, limit 50) for messages such as errors.
pub fn inspect_plain(term: &crate::term::Term) -> String {
    inspect(
        term,
        &Options {
            pretty: false,
            ..Options::default()
        },
    )
}

/// Bytes of a string or charlist shown before ` <> ...` (`:printable_limit`).
const PRINTABLE_LIMIT: usize = 4096;

const RESET: &str = "\x1b[0m";

/// ANSI prefixes per syntax role; `None` leaves that role uncoloured.
pub(crate) struct Palette {
    pub atom: Option<&'static str>,
    pub string: Option<&'static str>,
    pub boolean: Option<&'static str>,
    pub nil: Option<&'static str>,
    pub number: Option<&'static str>,
    pub charlist: Option<&'static str>,
    /// Brackets and separators of lists, tuples, maps and binaries.
    pub container: Option<&'static str>,
    /// What follows each coloured piece: a reset, then the result colour again.
    pub reset: &'static [&'static str],
    /// IEx's `eval_result` colour around the whole text.
    pub result: &'static str,
}

/// IEx's defaults (`IEx.Config`): atoms cyan, strings green, booleans and nil magenta,
/// numbers and charlists yellow, containers in the terminal's default colour, results yellow.
static IEX_PALETTE: Palette = Palette {
    atom: Some(Cyan::ANSI_FG),
    string: Some(Green::ANSI_FG),
    boolean: Some(Magenta::ANSI_FG),
    nil: Some(Magenta::ANSI_FG),
    number: Some(Yellow::ANSI_FG),
    charlist: Some(Yellow::ANSI_FG),
    container: Some(DefaultColor::ANSI_FG),
    reset: &[RESET, Yellow::ANSI_FG],
    result: Yellow::ANSI_FG,
};

#[cfg(test)]
mod tests {
    use super::*;
    use crate::term::{Pid, Term};

    #[test]
    fn a_supervisor_child_list_breaks_one_tuple_per_line() {
        let child = |n| {
            Term::tuple(vec![
                Term::atom("undefined"),
                Term::Pid(Pid(n)),
                Term::atom("worker"),
                Term::list(vec![Term::module("Server")]),
            ])
        };
        let children = Term::list(vec![child(122), child(124)]);
        assert_eq!(
            inspect(&children, &Options::default()),
            "[\n  {:undefined, #PID<0.122.0>, :worker, [Server]},\n  {:undefined, #PID<0.124.0>, :worker, [Server]}\n]"
        );
    }

    #[test]
    fn a_thousand_atoms_fill_lines_up_to_the_limit() {
        let atoms = Term::list(
            (1..=1000)
                .map(|i| Term::atom(&format!("chat_{i}")))
                .collect(),
        );
        let text = inspect(&atoms, &Options::default());
        let lines: Vec<&str> = text.lines().collect();
        assert_eq!(lines.len(), 7);
        assert_eq!(
            lines[0],
            "[:chat_1, :chat_2, :chat_3, :chat_4, :chat_5, :chat_6, :chat_7, :chat_8,"
        );
        assert_eq!(lines[6], " :chat_49, :chat_50, ...]");
    }

    #[test]
    fn plain_inspect_never_breaks_lines() {
        let list = Term::list((1..=60).map(Term::Int).collect());
        let text = inspect_plain(&list);
        assert!(!text.contains('\n'));
        assert!(text.ends_with("49, 50, ...]"), "{text}");
    }

    #[test]
    fn colour_does_not_change_the_layout() {
        let list = Term::list((1..=30).map(|i| Term::atom(&format!("room_{i}"))).collect());
        let plain = inspect(&list, &Options::default());
        let coloured = inspect(
            &list,
            &Options {
                color: true,
                ..Options::default()
            },
        );
        let stripped = strip_ansi(&coloured);
        assert_eq!(stripped, plain);
        assert!(coloured.contains("\x1b[36m:room_1\x1b[0m"));
    }

    fn strip_ansi(s: &str) -> String {
        let mut out = String::new();
        let mut chars = s.chars();
        while let Some(c) = chars.next() {
            if c == '\x1b' {
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
}
