//! Elixir's `Inspect.Algebra`: the document algebra (Lindig's "Strictly Pretty" with
//! Elixir's flex breaks) and its renderer, ported clause by clause from v1.14 so layouts
//! match iex to the column.
//!
//! This module knows nothing about terms; `inspect::protocol` builds documents from them.
//! Widths are measured in bytes for plain text, as Elixir measures binaries, and colour
//! escapes never count towards a line's width.

/// A document. Built bottom-up by the constructors below, rendered by [`format`].
#[derive(Clone, Debug)]
pub enum Doc {
    Nil,
    /// A mandatory line break.
    Line,
    /// Text measured by its byte size (Elixir's binary documents).
    Text(String),
    Cons(Box<Doc>, Box<Doc>),
    Nest(Box<Doc>, usize, NestMode),
    Break(&'static str, BreakMode),
    Group(Box<Doc>, GroupMode),
    /// An ANSI escape emitted before the inner document; it takes no room on the line.
    Color(Box<Doc>, &'static str),
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum NestMode {
    Always,
    Break,
}

/// A strict break is a newline whenever its group broke; a flex break is re-decided at
/// each occurrence, which is what lets a list of atoms fill its lines.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum BreakMode {
    Strict,
    Flex,
}

/// `:inherit` breaks when the enclosing group broke; `:self` decides on its own.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum GroupMode {
    SelfFit,
    Inherit,
}

pub fn text(s: impl Into<String>) -> Doc {
    Doc::Text(s.into())
}

pub fn concat(a: Doc, b: Doc) -> Doc {
    Doc::Cons(Box::new(a), Box::new(b))
}

pub fn concat_all(docs: Vec<Doc>) -> Doc {
    fold_doc(docs, concat)
}

pub fn nest(doc: Doc, level: usize) -> Doc {
    nest_mode(doc, level, NestMode::Always)
}

pub fn nest_mode(doc: Doc, level: usize, mode: NestMode) -> Doc {
    if level == 0 {
        doc
    } else {
        Doc::Nest(Box::new(doc), level, mode)
    }
}

pub fn group(doc: Doc) -> Doc {
    Doc::Group(Box::new(doc), GroupMode::SelfFit)
}

pub fn group_inherit(doc: Doc) -> Doc {
    Doc::Group(Box::new(doc), GroupMode::Inherit)
}

/// `glue/3`: `a`, a strict break rendered as `sep` when flat, then `b`.
pub fn glue(a: Doc, sep: &'static str, b: Doc) -> Doc {
    concat(a, concat(Doc::Break(sep, BreakMode::Strict), b))
}

pub fn flex_glue(a: Doc, sep: &'static str, b: Doc) -> Doc {
    concat(a, concat(Doc::Break(sep, BreakMode::Flex), b))
}

/// Folds from the right, like `List.foldr/3` seeded with the last document.
pub fn fold_doc(docs: Vec<Doc>, f: impl Fn(Doc, Doc) -> Doc) -> Doc {
    let mut iter = docs.into_iter().rev();
    let Some(mut acc) = iter.next() else {
        return Doc::Nil;
    };
    for doc in iter {
        acc = f(doc, acc);
    }
    acc
}

/// `color/3`: `doc` preceded by the escape `color` and followed by the `reset` escapes;
/// without a colour for its role a document stays as it is.
pub fn color(doc: Doc, color: Option<&'static str>, reset: &[&'static str]) -> Doc {
    let Some(c) = color else {
        return doc;
    };
    reset.iter().fold(Doc::Color(Box::new(doc), c), |acc, r| {
        concat(acc, Doc::Color(Box::new(Doc::Nil), r))
    })
}

/// How `container_doc/6` separates its items.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ContainerBreak {
    /// Flex if every item is simple text, strict otherwise (the default).
    Maybe,
    Strict,
    Flex,
}

/// An item of a container already turned into a document, or the `...` of the limit.
pub enum Item {
    Doc(Doc),
    /// `[a | b]`: the last element and the improper tail.
    Tail(Doc, Doc),
}

/// `container_doc/6` after the items were converted (the caller applies the limit, since
/// each item's conversion sees the decremented limit): `left`, the items separated by
/// `separator` and a break, `right`.
pub fn container_doc(
    left: Doc,
    items: Vec<Item>,
    right: Doc,
    separator: Doc,
    break_mode: ContainerBreak,
) -> Doc {
    if items.is_empty() {
        return concat(left, right);
    }
    let mut simple = break_mode == ContainerBreak::Maybe;
    let mut docs = Vec::with_capacity(items.len());
    for item in items {
        match item {
            Item::Doc(doc) => {
                simple = simple && is_simple(&doc);
                docs.push(doc);
            }
            Item::Tail(last, tail) => {
                simple = simple && is_simple(&last) && is_simple(&tail);
                docs.push(join(last, tail, simple, text(" |")));
            }
        }
    }
    let flex = simple || break_mode == ContainerBreak::Flex;
    let joined = fold_doc(docs, |a, b| join(a, b, flex, separator.clone()));
    if flex {
        group(concat(concat(left, nest(joined, 1)), right))
    } else {
        group(glue(nest(glue(left, "", joined), 2), "", right))
    }
}

fn join(left: Doc, right: Doc, flex: bool, sep: Doc) -> Doc {
    match (left, right) {
        (Doc::Nil, Doc::Nil) => Doc::Nil,
        (left, Doc::Nil) => left,
        (Doc::Nil, right) => right,
        (left, right) if flex => flex_glue(concat(left, sep), " ", right),
        (left, right) => glue(concat(left, sep), " ", right),
    }
}

fn is_simple(doc: &Doc) -> bool {
    match doc {
        Doc::Cons(a, b) => is_simple(a) && is_simple(b),
        Doc::Color(d, _) => is_simple(d),
        Doc::Nil | Doc::Text(_) => true,
        _ => false,
    }
}

mod render;

pub use render::format;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_group_that_fits_stays_flat() {
        let doc = group(glue(text("hello"), " ", text("world")));
        assert_eq!(format(&doc, Some(30)), "hello world");
        assert_eq!(format(&doc, Some(10)), "hello\nworld");
    }

    #[test]
    fn nested_groups_break_outside_in() {
        let inner = group(concat(
            text("Hello,"),
            concat(Doc::Break(" ", BreakMode::Strict), text("A")),
        ));
        let doc = group(concat(
            inner,
            concat(Doc::Break(" ", BreakMode::Strict), text("B")),
        ));
        assert_eq!(format(&doc, Some(80)), "Hello, A B");
        assert_eq!(format(&doc, Some(6)), "Hello,\nA\nB");
    }

    #[test]
    fn an_inherit_group_breaks_with_its_parent() {
        let strict = |a: &str, b: &str| glue(text(a), " ", text(b));
        let doc = group(concat(
            strict("aaaa", "bbbb"),
            group_inherit(concat(
                Doc::Break(" ", BreakMode::Strict),
                strict("cc", "dd"),
            )),
        ));
        assert_eq!(format(&doc, Some(80)), "aaaa bbbb cc dd");
        assert_eq!(format(&doc, Some(8)), "aaaa\nbbbb\ncc\ndd");
    }

    #[test]
    fn a_line_always_breaks_and_resets_the_column() {
        let doc = group(concat(
            text("ab"),
            concat(Doc::Line, nest(glue(text("c"), " ", text("d")), 2)),
        ));
        assert_eq!(format(&doc, Some(80)), "ab\nc d");
    }

    #[test]
    fn container_of_simple_items_fills_lines() {
        let items = (1..=5).map(|i| Item::Doc(text(i.to_string()))).collect();
        let doc = container_doc(
            text("["),
            items,
            text("]"),
            text(","),
            ContainerBreak::Maybe,
        );
        assert_eq!(format(&doc, Some(5)), "[1,\n 2,\n 3,\n 4,\n 5]");
        let items = (1..=5).map(|i| Item::Doc(text(i.to_string()))).collect();
        let doc = container_doc(
            text("["),
            items,
            text("]"),
            text(","),
            ContainerBreak::Maybe,
        );
        assert_eq!(format(&doc, Some(9)), "[1, 2, 3,\n 4, 5]");
    }
}
