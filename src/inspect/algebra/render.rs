//! The renderer of `Inspect.Algebra.format/2`: decides, group by group and flex break by
//! flex break, what fits in the width, measuring text in bytes and colour escapes as
//! nothing. A port of Elixir 1.14's `format/3` and `fits?/4` with an explicit stack.

use super::{BreakMode, Doc, GroupMode, NestMode};

#[derive(Clone, Copy, PartialEq, Eq)]
enum Mode {
    Flat,
    Break,
}

#[derive(Clone, Copy)]
struct Entry<'a> {
    indent: usize,
    mode: Mode,
    doc: &'a Doc,
}

/// Renders `doc` in `width` columns (`None`: infinity, everything flat), starting flat
/// as `Inspect.Algebra.format/2` does.
pub fn format(doc: &Doc, width: Option<usize>) -> String {
    let mut out = String::new();
    let mut k = 0usize;
    let mut stack = vec![Entry {
        indent: 0,
        mode: Mode::Flat,
        doc,
    }];
    while let Some(Entry {
        indent: i,
        mode,
        doc,
    }) = stack.pop()
    {
        match doc {
            Doc::Nil => {}
            Doc::Line => {
                newline(&mut out, i);
                k = i;
            }
            Doc::Cons(x, y) => {
                stack.push(Entry {
                    indent: i,
                    mode,
                    doc: y,
                });
                stack.push(Entry {
                    indent: i,
                    mode,
                    doc: x,
                });
            }
            Doc::Color(x, c) => {
                out.push_str(c);
                stack.push(Entry {
                    indent: i,
                    mode,
                    doc: x,
                });
            }
            Doc::Text(s) => {
                out.push_str(s);
                k += s.len();
            }
            Doc::Break(s, BreakMode::Flex) => {
                let k2 = k + s.len();
                let fits = match width {
                    None => true,
                    Some(w) => mode == Mode::Flat || Fits::new(w, &stack).fits(k2, true),
                };
                if fits {
                    out.push_str(s);
                    k = k2;
                } else {
                    newline(&mut out, i);
                    k = i;
                }
            }
            Doc::Break(s, BreakMode::Strict) => {
                if mode == Mode::Break {
                    newline(&mut out, i);
                    k = i;
                } else {
                    out.push_str(s);
                    k += s.len();
                }
            }
            Doc::Nest(x, j, nest) => {
                let indent = if *nest == NestMode::Always || mode == Mode::Break {
                    i + j
                } else {
                    i
                };
                stack.push(Entry {
                    indent,
                    mode,
                    doc: x,
                });
            }
            Doc::Group(x, GroupMode::Inherit) if mode == Mode::Break => {
                stack.push(Entry {
                    indent: i,
                    mode: Mode::Break,
                    doc: x,
                });
            }
            Doc::Group(x, _) => {
                let flat = Entry {
                    indent: i,
                    mode: Mode::Flat,
                    doc: x,
                };
                let fits = match width {
                    None => true,
                    Some(w) => Fits::new(w, &[]).with(flat).fits(k, false),
                };
                let mode = if fits { Mode::Flat } else { Mode::Break };
                stack.push(Entry {
                    indent: i,
                    mode,
                    doc: x,
                });
            }
        }
    }
    out
}

fn newline(out: &mut String, indent: usize) {
    out.push('\n');
    out.extend(std::iter::repeat_n(' ', indent));
}

/// `fits?/4`: walks its own entries first, then (read-only) the renderer's remaining
/// stack, until the line is known to fit or to overflow.
struct Fits<'a, 's> {
    width: usize,
    own: Vec<FitEntry<'a>>,
    rest: &'s [Entry<'a>],
}

enum FitEntry<'a> {
    Doc(Entry<'a>),
    /// Restores the "seen a break" flag once a nested group is done (`{:tail, b?, t}`).
    Tail(bool),
}

impl<'a, 's> Fits<'a, 's> {
    fn new(width: usize, rest: &'s [Entry<'a>]) -> Self {
        Fits {
            width,
            own: Vec::new(),
            rest,
        }
    }

    fn with(mut self, entry: Entry<'a>) -> Self {
        self.own.push(FitEntry::Doc(entry));
        self
    }

    fn next(&mut self) -> Option<FitEntry<'a>> {
        if let Some(e) = self.own.pop() {
            return Some(e);
        }
        let (last, rest) = self.rest.split_last()?;
        self.rest = rest;
        Some(FitEntry::Doc(*last))
    }

    /// A line without any break always "fits": it has no other choice.
    fn fits(mut self, mut k: usize, mut broke: bool) -> bool {
        loop {
            if k > self.width && broke {
                return false;
            }
            let entry = match self.next() {
                None => return true,
                Some(FitEntry::Tail(b)) => {
                    broke = b;
                    continue;
                }
                Some(FitEntry::Doc(e)) => e,
            };
            let Entry {
                indent: i,
                mode,
                doc,
            } = entry;
            match doc {
                Doc::Break(..) | Doc::Line if mode == Mode::Break => return true,
                Doc::Group(x, _) => {
                    self.own.push(FitEntry::Tail(broke));
                    self.own.push(FitEntry::Doc(Entry {
                        indent: i,
                        mode: Mode::Flat,
                        doc: x,
                    }));
                }
                Doc::Line => {
                    k = i;
                    broke = false;
                }
                Doc::Nil => {}
                Doc::Color(x, _) => self.own.push(FitEntry::Doc(Entry {
                    indent: i,
                    mode,
                    doc: x,
                })),
                Doc::Text(s) => k += s.len(),
                Doc::Break(s, _) => {
                    k += s.len();
                    broke = true;
                }
                Doc::Nest(x, j, nest) => {
                    let indent = if *nest == NestMode::Break { i } else { i + j };
                    self.own.push(FitEntry::Doc(Entry {
                        indent,
                        mode,
                        doc: x,
                    }));
                }
                Doc::Cons(x, y) => {
                    self.own.push(FitEntry::Doc(Entry {
                        indent: i,
                        mode,
                        doc: y,
                    }));
                    self.own.push(FitEntry::Doc(Entry {
                        indent: i,
                        mode,
                        doc: x,
                    }));
                }
            }
        }
    }
}
