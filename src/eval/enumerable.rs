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
            Ok((0..count).map(|i| Term::Int(first + i * step)).collect())
        }
        _ => Err(not_implemented("Enumerable", value)),
    }
}

/// Number of elements in `first..last//step`.
pub fn range_len(first: i64, last: i64, step: i64) -> i64 {
    if (step > 0 && first > last) || (step < 0 && first < last) {
        0
    } else {
        (last - first) / step + 1
    }
}
