//! The values `v/1` reads back: iex's `IEx.History`, with its 20-entry limit and its
//! bounds checks reproduced exactly, quirks included (they decide which error a learner
//! sees for `v(n)` past the end).

use crate::error::Error;
use crate::term::Term;

/// IEx's default `:history_size`.
const LIMIT: usize = 20;

/// The results of the lines that succeeded since the shell (re)started.
///
/// Like `IEx.History`, `size` counts every value ever appended and is never decremented
/// when old entries are dropped, while `start` is the counter of the oldest kept entry;
/// the bounds checks compare against those two numbers, not against what is kept.
#[derive(Debug, Clone)]
pub struct History {
    kept: Vec<Term>,
    size: i64,
    start: i64,
}

impl Default for History {
    fn default() -> History {
        History {
            kept: Vec::new(),
            size: 0,
            start: 1,
        }
    }
}

impl History {
    /// A history holding `values` as lines `1..`, none dropped (for processes that are
    /// not the shell, which have no history of their own).
    pub fn of(values: &[Term]) -> History {
        History {
            kept: values.to_vec(),
            size: values.len() as i64,
            start: 1,
        }
    }

    /// Records the value of the line just evaluated and drops the oldest beyond the limit.
    pub fn append(&mut self, value: Term) {
        self.kept.push(value);
        self.size += 1;
        // IEx.History.prune: drop from the front while `size - counter >= limit`.
        let mut counter = self.start;
        let mut dropped = 0;
        while self.size - counter >= LIMIT as i64 && dropped < self.kept.len() {
            counter += 1;
            dropped += 1;
        }
        self.kept.drain(..dropped);
        self.start = counter;
    }

    /// `v(n)`: positive `n` names an `iex(n)` line, negative counts back from the last.
    pub fn nth(&self, n: &Term) -> Result<Term, Error> {
        let Term::Int(i) = n else {
            return Err(out_of_bounds(n));
        };
        // In i128: `v(-9223372036854775808)` overflowed `n - start`.
        let (i, start, size) = (
            i128::from(*i),
            i128::from(self.start),
            i128::from(self.size),
        );
        if i - start >= 0 && i - start < size {
            self.at(self.kept.iter(), (i - start) as usize)
        } else if i < 0 && size + i >= start - 1 {
            self.at(self.kept.iter().rev(), (-i - 1) as usize)
        } else {
            Err(out_of_bounds(n))
        }
    }

    /// `get_nth/2`: walking past the kept entries (the bounds checks above let some
    /// through) fails in `:queue` with `:empty`.
    fn at<'a>(
        &self,
        mut entries: impl Iterator<Item = &'a Term>,
        index: usize,
    ) -> Result<Term, Error> {
        entries
            .nth(index)
            .cloned()
            .ok_or_else(|| Error::raise_message("ErlangError", "Erlang error: :empty"))
    }
}

/// `raise "v(#{n}) is out of bounds"`
fn out_of_bounds(n: &Term) -> Error {
    let shown =
        crate::eval::literal::to_string(n).unwrap_or_else(|_| crate::inspect::inspect_plain(n));
    Error::raise_message("RuntimeError", format!("v({shown}) is out of bounds"))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn filled(lines: i64) -> History {
        let mut h = History::default();
        for i in 1..=lines {
            h.append(Term::Int(i * 10));
        }
        h
    }

    fn message(e: Error) -> String {
        crate::eval::report::format_error(&e)
    }

    #[test]
    fn keeps_the_last_twenty_lines_by_number() {
        let h = filled(22);
        assert!(message(h.nth(&Term::Int(2)).unwrap_err()).contains("v(2) is out of bounds"));
        assert_eq!(h.nth(&Term::Int(3)).unwrap(), Term::Int(30));
        assert_eq!(h.nth(&Term::Int(22)).unwrap(), Term::Int(220));
        assert_eq!(h.nth(&Term::Int(-1)).unwrap(), Term::Int(220));
        assert_eq!(h.nth(&Term::Int(-20)).unwrap(), Term::Int(30));
        assert!(h.nth(&Term::Int(-21)).is_err());
        assert!(h.nth(&Term::Int(0)).is_err());
    }

    #[test]
    fn past_the_end_fails_like_iex_queue_walk() {
        // Measured in iex: with lines 5..24 kept, v(28) fails in :queue, v(29) is out of bounds.
        let h = filled(24);
        assert!(message(h.nth(&Term::Int(28)).unwrap_err()).contains("Erlang error: :empty"));
        assert!(message(h.nth(&Term::Int(29)).unwrap_err()).contains("v(29) is out of bounds"));
    }

    #[test]
    fn an_empty_history_has_no_last_value() {
        let h = History::default();
        assert!(message(h.nth(&Term::Int(-1)).unwrap_err()).contains("v(-1) is out of bounds"));
        assert!(message(h.nth(&Term::atom("a")).unwrap_err()).contains("v(a) is out of bounds"));
    }
}
