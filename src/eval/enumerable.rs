//! The `Enumerable` protocol for the values the shell has: lists, ranges and maps.
//!
//! [`items`] walks an enumerable without building it: a list lends its elements, a map
//! makes each `{key, value}` pair as it is reached, and a range computes its integers
//! one at a time, as Elixir's `Enumerable` for `Range` does. `Enum.reduce(1..10_000_000,
//! ...)` once made a ten-million-element `Vec` (600 MB) before its first step; a range's
//! elements must never be stored unless the caller keeps them (`Enum.to_list/1`).

use super::literal::not_implemented;
use super::ops::range_bounds;
use crate::error::{Error, Result};
use crate::term::Term;
use std::collections::btree_map;

/// Past this many elements a range is refused rather than stored in a list.
const MAX_RANGE: u64 = 50_000_000;

/// The elements of an enumerable, in its order. Every variant knows how many remain
/// (`size_hint` is exact), so counting a range or skipping into it costs nothing.
#[derive(Clone, Debug)]
pub enum Items<'a> {
    List(std::slice::Iter<'a, Term>),
    Map(btree_map::Iter<'a, Term, Term>),
    Range(RangeIter),
}

/// The integers `first, first + step, ...` of `first..last//step` still to come.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RangeIter {
    next: i64,
    step: i64,
    /// A `u64`: `-9223372036854775807..9223372036854775807` has more elements than
    /// `i64::MAX`.
    left: u64,
}

impl RangeIter {
    pub fn new(first: i64, last: i64, step: i64) -> RangeIter {
        let left = if step == 0 || (step > 0 && first > last) || (step < 0 && first < last) {
            0
        } else {
            let len = (i128::from(last) - i128::from(first)) / i128::from(step) + 1;
            u64::try_from(len).unwrap_or(u64::MAX)
        };
        RangeIter {
            next: first,
            step,
            left,
        }
    }

    /// How many integers remain.
    pub fn remaining(&self) -> u64 {
        self.left
    }

    /// Whether `x` is one of the integers still to come: O(1), whatever the size.
    pub fn contains(&self, x: i64) -> bool {
        if self.left == 0 {
            return false;
        }
        let offset = i128::from(x) - i128::from(self.next);
        let step = i128::from(self.step);
        offset % step == 0 && (0..i128::from(self.left)).contains(&(offset / step))
    }

    /// The sum of the integers still to come, when it fits in an `i64`.
    pub fn total(&self) -> Option<i64> {
        let n = i128::from(self.left);
        let (first, step) = (i128::from(self.next), i128::from(self.step));
        // n * first + step * n(n-1)/2; n < 2^64 and |first|, |step| < 2^63 keep each
        // product inside i128 except at the far edges, which `checked_*` refuses.
        let pairs = n.checked_mul(n - 1)? / 2;
        let total = n
            .checked_mul(first)?
            .checked_add(step.checked_mul(pairs)?)?;
        i64::try_from(total).ok()
    }
}

impl Iterator for RangeIter {
    type Item = i64;

    fn next(&mut self) -> Option<i64> {
        if self.left == 0 {
            return None;
        }
        let x = self.next;
        self.left -= 1;
        // Only stepped when another element exists, which is then an i64: stepping
        // past the last one could overflow where no element does.
        if self.left > 0 {
            self.next = x.wrapping_add(self.step);
        }
        Some(x)
    }

    fn nth(&mut self, n: usize) -> Option<i64> {
        if n as u64 >= self.left {
            self.left = 0;
            return None;
        }
        let target = i128::from(self.next) + i128::from(self.step) * n as i128;
        // An element that exists fits in an i64.
        self.next = target as i64;
        self.left -= n as u64;
        self.next()
    }

    fn size_hint(&self) -> (usize, Option<usize>) {
        match usize::try_from(self.left) {
            Ok(n) => (n, Some(n)),
            Err(_) => (usize::MAX, None),
        }
    }

    fn count(self) -> usize {
        usize::try_from(self.left).unwrap_or(usize::MAX)
    }

    fn last(self) -> Option<i64> {
        let steps = self.left.checked_sub(1)?;
        // The last element exists, so it fits in an i64.
        Some((i128::from(self.next) + i128::from(self.step) * i128::from(steps)) as i64)
    }

    // A range is sorted: its extremes are its ends.
    fn max(self) -> Option<i64> {
        let step = self.step;
        let (first, last) = (self.clone().next()?, self.last()?);
        Some(if step > 0 { last } else { first })
    }

    fn min(self) -> Option<i64> {
        let step = self.step;
        let (first, last) = (self.clone().next()?, self.last()?);
        Some(if step > 0 { first } else { last })
    }
}

impl<'a> Items<'a> {
    /// How many elements remain, without walking them.
    pub fn remaining(&self) -> u64 {
        match self {
            Items::List(it) => it.len() as u64,
            Items::Map(it) => it.len() as u64,
            Items::Range(r) => r.remaining(),
        }
    }

    /// `Enumerable.member?/2`: strict equality, O(1) for a range.
    pub fn contains(self, x: &Term) -> bool {
        match (self, x) {
            (Items::Range(r), Term::Int(x)) => r.contains(*x),
            (Items::Range(_), _) => false,
            (items, x) => items.into_iter().any(|y| &y == x),
        }
    }

    /// The refusal a list of all the remaining elements gets, if it is too long to build.
    pub fn too_many(&self) -> Result<()> {
        too_long(self.remaining(), self.remaining())
    }

    /// The remaining elements as a list; a range too long for this shell is refused.
    pub fn into_vec(self) -> Result<Vec<Term>> {
        self.too_many()?;
        Ok(self.collect())
    }
}

impl Iterator for Items<'_> {
    type Item = Term;

    fn next(&mut self) -> Option<Term> {
        match self {
            Items::List(it) => it.next().cloned(),
            Items::Map(it) => it
                .next()
                .map(|(k, v)| Term::tuple(vec![k.clone(), v.clone()])),
            Items::Range(r) => r.next().map(Term::Int),
        }
    }

    fn nth(&mut self, n: usize) -> Option<Term> {
        match self {
            Items::List(it) => it.nth(n).cloned(),
            Items::Map(it) => it
                .nth(n)
                .map(|(k, v)| Term::tuple(vec![k.clone(), v.clone()])),
            Items::Range(r) => r.nth(n).map(Term::Int),
        }
    }

    fn size_hint(&self) -> (usize, Option<usize>) {
        match self {
            Items::List(it) => it.size_hint(),
            Items::Map(it) => it.size_hint(),
            Items::Range(r) => r.size_hint(),
        }
    }
}

/// The elements of `value`, or `Protocol.UndefinedError` when it is not enumerable.
pub fn items(value: &Term) -> Result<Items<'_>> {
    match value {
        Term::List(items) => Ok(Items::List(items.iter())),
        Term::Map(m) => Ok(match range_bounds(value) {
            Some((first, last, step)) => Items::Range(RangeIter::new(first, last, step)),
            None => Items::Map(m.iter()),
        }),
        _ => Err(not_implemented("Enumerable", value)),
    }
}

/// All the elements of `value` in a list (the caller keeps them all).
pub fn to_vec(value: &Term) -> Result<Vec<Term>> {
    items(value)?.into_vec()
}

/// `Enumerable.member?/2`, which `x in enumerable` asks.
pub fn member(value: &Term, x: &Term) -> Result<bool> {
    Ok(items(value)?.contains(x))
}

/// The refusal for a list of `kept` elements taken from `count` (a range), if that
/// list is too long to build; the message names the range's size, as it always has.
pub fn too_long(kept: u64, count: u64) -> Result<()> {
    if kept > MAX_RANGE {
        return Err(Error::raise_message(
            "RuntimeError",
            format!("otpsh: a range of {count} elements is more than this shell enumerates ({MAX_RANGE})"),
        ));
    }
    Ok(())
}

/// Keeps `x` in a list being built from `source` elements (`Enum.filter/2` over a
/// range): refused once the list itself grows past what a range may become.
pub fn push_bounded(out: &mut Vec<Term>, x: Term, source: u64) -> Result<()> {
    out.push(x);
    too_long(out.len() as u64, source)
}

/// Number of elements in `first..last//step`, at most `i64::MAX`: across the whole of
/// i64 (`-9223372036854775807..9223372036854775807`) the difference does not fit in one.
pub fn range_len(first: i64, last: i64, step: i64) -> i64 {
    i64::try_from(RangeIter::new(first, last, step).remaining()).unwrap_or(i64::MAX)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::eval::ops::make_range;

    fn range(first: i64, last: i64, step: i64) -> Term {
        make_range(Term::Int(first), Term::Int(last), Term::Int(step))
    }

    fn ints(r: RangeIter) -> Vec<i64> {
        r.collect()
    }

    #[test]
    fn ranges_step_descend_and_empty_as_in_elixir() {
        assert_eq!(ints(RangeIter::new(1, 10, 3)), [1, 4, 7, 10]);
        assert_eq!(ints(RangeIter::new(1, 10, 2)), [1, 3, 5, 7, 9]);
        assert_eq!(
            ints(RangeIter::new(10, 1, -1)),
            (1..=10).rev().collect::<Vec<_>>()
        );
        assert_eq!(ints(RangeIter::new(10, 1, -4)), [10, 6, 2]);
        assert!(ints(RangeIter::new(1, 0, 1)).is_empty());
        assert!(ints(RangeIter::new(0, 1, -1)).is_empty());
        assert_eq!(ints(RangeIter::new(5, 5, -1)), [5]);
    }

    #[test]
    fn the_last_element_of_i64_does_not_overflow() {
        let top = RangeIter::new(i64::MAX - 2, i64::MAX, 1);
        assert_eq!(ints(top), [i64::MAX - 2, i64::MAX - 1, i64::MAX]);
        let bottom = RangeIter::new(i64::MIN + 1, i64::MIN, -1);
        assert_eq!(ints(bottom), [i64::MIN + 1, i64::MIN]);
        let whole = RangeIter::new(-i64::MAX, i64::MAX, 1);
        assert_eq!(whole.remaining(), u64::MAX);
        assert_eq!(range_len(-i64::MAX, i64::MAX, 1), i64::MAX);
    }

    #[test]
    fn a_huge_range_is_walked_without_being_stored() {
        // A trillion elements: stored, they would take 32 TB. Counting, skipping into
        // and asking membership of the range all answer without walking it.
        let huge = range(1, 1_000_000_000_000, 1);
        let items = items(&huge).unwrap();
        assert_eq!(
            items.size_hint(),
            (1_000_000_000_000, Some(1_000_000_000_000))
        );
        assert_eq!(
            items.clone().nth(999_999_999_999),
            Some(Term::Int(1_000_000_000_000))
        );
        assert!(items.clone().contains(&Term::Int(765_432_123_456)));
        assert!(!items.clone().contains(&Term::Float(5.0)));
        let mut taken = items.clone().take(3);
        assert_eq!(taken.size_hint(), (3, Some(3)));
        assert_eq!(taken.next(), Some(Term::Int(1)));
        let sum: i64 = items.take(1000).map(|t| t.as_int().unwrap()).sum();
        assert_eq!(sum, 500_500);
        // Building it as a list is refused, as before.
        assert!(to_vec(&huge).is_err());
    }

    #[test]
    fn ends_and_extremes_answer_without_a_walk() {
        let huge = RangeIter::new(1, 1_000_000_000_000, 7);
        assert_eq!(huge.clone().last(), Some(1_000_000_000_000));
        assert_eq!(huge.clone().max(), Some(1_000_000_000_000));
        assert_eq!(huge.clone().min(), Some(1));
        assert!(huge.contains(999_999_999_993) && !huge.contains(999_999_999_994));
        let down = RangeIter::new(10, 1, -4);
        assert_eq!(
            (down.clone().max(), down.clone().min()),
            (Some(10), Some(2))
        );
        assert_eq!(down.last(), Some(2));
        assert_eq!(RangeIter::new(1, 0, 1).max(), None);
        assert_eq!(RangeIter::new(1, 0, 1).last(), None);
    }

    #[test]
    fn membership_follows_the_step() {
        let r = RangeIter::new(1, 10, 3);
        let members: Vec<i64> = (-2..14).filter(|x| r.contains(*x)).collect();
        assert_eq!(members, [1, 4, 7, 10]);
        let down = RangeIter::new(10, 1, -4);
        let members: Vec<i64> = (-2..14).filter(|x| down.contains(*x)).collect();
        assert_eq!(members, [2, 6, 10]);
        assert!(!RangeIter::new(1, 0, 1).contains(1));
        assert!(!RangeIter::new(1, 0, 1).contains(0));
    }

    #[test]
    fn sums_by_formula_when_they_fit() {
        assert_eq!(
            RangeIter::new(1, 10_000_000, 1).total(),
            Some(50_000_005_000_000)
        );
        assert_eq!(RangeIter::new(1, 10, 3).total(), Some(22));
        assert_eq!(RangeIter::new(10, 1, -4).total(), Some(18));
        assert_eq!(RangeIter::new(1, 0, 1).total(), Some(0));
        assert_eq!(RangeIter::new(i64::MAX - 1, i64::MAX, 1).total(), None);
    }

    #[test]
    fn maps_and_lists_lend_their_elements() {
        let list = Term::list(vec![Term::Int(1), Term::Int(2)]);
        assert_eq!(
            items(&list).unwrap().collect::<Vec<_>>(),
            [Term::Int(1), Term::Int(2)]
        );
        let map = Term::map(vec![(Term::atom("a"), Term::Int(1))]);
        let pair = Term::tuple(vec![Term::atom("a"), Term::Int(1)]);
        assert_eq!(
            items(&map).unwrap().collect::<Vec<_>>(),
            std::slice::from_ref(&pair)
        );
        assert!(member(&map, &pair).unwrap());
        assert!(items(&Term::Int(1)).is_err());
    }
}
