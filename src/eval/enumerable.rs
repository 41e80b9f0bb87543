//! The `Enumerable` protocol for the values the shell has: lists, ranges and maps.

use super::literal::not_implemented;
use super::ops::range_bounds;
use crate::error::{Error, Result};
use crate::term::Term;

/// Past this many elements a range is refused rather than allocated.
const MAX_RANGE: i64 = 50_000_000;

pub fn to_vec(value: &Term) -> Result<Vec<Term>> {
    match value {
        Term::List(items) => Ok(items.to_vec()),
        Term::Map(m) if range_bounds(value).is_none() => Ok(m
            .iter()
            .map(|(k, v)| Term::tuple(vec![k.clone(), v.clone()]))
            .collect()),
        Term::Map(_) => {
            let (first, last, step) = range_bounds(value).unwrap_or((0, -1, 1));
            let count = range_len(first, last, step);
            if count > MAX_RANGE {
                return Err(Error::raise_message(
                    "RuntimeError",
                    format!("otpsh: a range of {count} elements is more than this shell enumerates ({MAX_RANGE})"),
                ));
            }
            // Stepping, not `first + i * step`: the product can overflow where no
            // element does.
            let items = std::iter::successors(Some(first), |n| n.checked_add(step));
            Ok(items.take(count as usize).map(Term::Int).collect())
        }
        _ => Err(not_implemented("Enumerable", value)),
    }
}

/// Number of elements in `first..last//step`, at most `i64::MAX`: across the whole of
/// i64 (`-9223372036854775807..9223372036854775807`) the difference does not fit in one.
pub fn range_len(first: i64, last: i64, step: i64) -> i64 {
    if (step > 0 && first > last) || (step < 0 && first < last) {
        0
    } else {
        let len = (i128::from(last) - i128::from(first)) / i128::from(step) + 1;
        i64::try_from(len).unwrap_or(i64::MAX)
    }
}
