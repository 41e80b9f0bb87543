//! `Enum`, continued: positions, slices, chunks, groups, zips, extremes and `into`.

use super::enum_::truthy;
use super::stdlib::{empty_error, frame};
use crate::error::{Error, Result};
use crate::eval::enumerable::{push_bounded, to_vec, too_long, Items};
use crate::eval::ops::range_bounds;
use crate::eval::Evaluator;
use crate::term::Term;
use std::collections::BTreeMap;
use std::sync::Arc;

pub fn call(ev: &mut Evaluator, function: &str, items: Items, rest: &[Term]) -> Result<Term> {
    match walk(ev, function, items.clone(), rest) {
        Some(answer) => answer,
        None => eager(ev, function, items.into_vec()?, rest),
    }
}

/// The functions that walk only as far as they must (`at`, `take`, `take_while`) or
/// keep one element (`max`, `min`): a range's integers are not stored first.
fn walk(ev: &mut Evaluator, function: &str, items: Items, rest: &[Term]) -> Option<Result<Term>> {
    let bad = || Error::function_clause("Enum", function, rest.len() + 1);
    let int = |t: &Term| t.as_int().ok_or_else(bad);
    Some(match (function, rest) {
        ("at", [i]) => int(i).map(|i| at(items, i).unwrap_or_else(Term::nil)),
        ("at", [i, default]) => int(i).map(|i| at(items, i).unwrap_or_else(|| default.clone())),
        ("fetch", [i]) => {
            int(i).map(|i| at(items, i).map_or_else(|| Term::atom("error"), Term::ok_tuple))
        }
        ("fetch!", [i]) => int(i).and_then(|i| {
            at(items, i)
                .ok_or_else(|| Error::raise_message("Enum.OutOfBoundsError", "out of bounds error"))
        }),
        ("take", [n]) => int(n).and_then(|n| take(items, n)),
        ("take_while", [f]) => take_while(ev, items, f),
        ("with_index", []) => with_index(ev, items, &Term::Int(0)),
        ("with_index", [offset]) => with_index(ev, items, offset),
        ("max" | "min", _) => match range_extreme(&items, function == "max", rest) {
            Some(x) => Ok(Term::Int(x)),
            None => extreme(ev, function == "max", items.map(|x| (x.clone(), x)), rest),
        },
        _ => return None,
    })
}

/// The rest of `Enum`, on the elements in a list.
fn eager(ev: &mut Evaluator, function: &str, items: Vec<Term>, rest: &[Term]) -> Result<Term> {
    let arity = rest.len() + 1;
    let bad = || Error::function_clause("Enum", function, arity);
    let int = |t: &Term| t.as_int().ok_or_else(bad);
    match (function, rest) {
        ("drop", [n]) => {
            let n = int(n)?;
            let (head, tail) = split(items, n);
            Ok(Term::list(if n < 0 { head } else { tail }))
        }
        ("split", [n]) => {
            let (a, b) = split(items, int(n)?);
            Ok(Term::tuple(vec![Term::list(a), Term::list(b)]))
        }
        ("take_every", [n]) | ("drop_every", [n]) => {
            every(items, int(n)?, function == "take_every").ok_or_else(bad)
        }
        ("drop_while", [f]) => while_split(ev, items, f).map(|(_, b)| Term::list(b)),
        ("split_while", [f]) => {
            while_split(ev, items, f).map(|(a, b)| Term::tuple(vec![Term::list(a), Term::list(b)]))
        }
        ("split_with", [f]) => {
            let (mut yes, mut no) = (Vec::new(), Vec::new());
            for x in items {
                if truthy(ev, f, &x)? {
                    yes.push(x)
                } else {
                    no.push(x)
                }
            }
            Ok(Term::tuple(vec![Term::list(yes), Term::list(no)]))
        }
        ("slice", [range]) => {
            let (first, last, step) = range_bounds(range).ok_or_else(bad)?;
            Ok(Term::list(slice_range(items, first, last, step)))
        }
        ("slice", [start, amount]) => {
            let (start, amount) = (int(start)?, int(amount)?);
            if amount < 0 {
                return Err(bad());
            }
            let len = items.len() as i64;
            let start = if start < 0 {
                (len + start).max(0)
            } else {
                start.min(len)
            };
            Ok(Term::list(
                items
                    .into_iter()
                    .skip(start as usize)
                    .take(amount as usize)
                    .collect(),
            ))
        }
        ("zip", []) => zip(items.iter().map(to_vec).collect::<Result<_>>()?).map(Term::list),
        ("zip", [other]) => zip(vec![items, to_vec(other)?]).map(Term::list),
        ("zip_with", [f]) => zip_with(
            ev,
            items.iter().map(to_vec).collect::<Result<_>>()?,
            f,
            true,
        ),
        ("zip_with", [other, f]) => zip_with(ev, vec![items, to_vec(other)?], f, false),
        ("unzip", []) => unzip(items),
        ("chunk_every", [n]) => chunk_every(items, int(n)?, int(n)?, None).ok_or_else(bad),
        ("chunk_every", [n, step]) => chunk_every(items, int(n)?, int(step)?, None).ok_or_else(bad),
        ("chunk_every", [n, step, leftover]) => {
            chunk_every(items, int(n)?, int(step)?, Some(leftover)).ok_or_else(bad)
        }
        ("chunk_by", [f]) => chunk_by(ev, items, f),
        ("group_by", [key]) => group_by(ev, items, key, None),
        ("group_by", [key, value]) => group_by(ev, items, key, Some(value)),
        ("frequencies", []) => Ok(frequencies(items)),
        ("frequencies_by", [f]) => {
            let keys = items
                .into_iter()
                .map(|x| ev.apply_fun(f, vec![x]))
                .collect::<Result<Vec<_>>>()?;
            Ok(frequencies(keys))
        }
        ("into", [into]) => collect(items, into),
        ("into", [into, f]) => {
            let mapped = items
                .into_iter()
                .map(|x| ev.apply_fun(f, vec![x]))
                .collect::<Result<Vec<_>>>()?;
            collect(mapped, into)
        }
        ("reverse", []) => Ok(Term::list(items.into_iter().rev().collect())),
        ("reverse", [tail]) => {
            let mut out: Vec<Term> = items.into_iter().rev().collect();
            out.extend(to_vec(tail)?);
            Ok(Term::list(out))
        }
        ("concat", []) => {
            let mut out = Vec::new();
            for x in &items {
                out.extend(to_vec(x)?);
            }
            Ok(Term::list(out))
        }
        ("concat", [other]) => {
            let mut out = items;
            out.extend(to_vec(other)?);
            Ok(Term::list(out))
        }
        ("dedup", []) => Ok(Term::list(dedup(items.clone(), items))),
        ("dedup_by", [f]) => {
            let keys = items
                .iter()
                .map(|x| ev.apply_fun(f, vec![x.clone()]))
                .collect::<Result<Vec<_>>>()?;
            Ok(Term::list(dedup(items, keys)))
        }
        ("intersperse", [sep]) => {
            let mut out = Vec::new();
            for (i, x) in items.into_iter().enumerate() {
                if i > 0 {
                    out.push(sep.clone());
                }
                out.push(x);
            }
            Ok(Term::list(out))
        }
        ("max_by" | "min_by", [f, rest @ ..]) => {
            let keys = items
                .iter()
                .map(|x| ev.apply_fun(f, vec![x.clone()]))
                .collect::<Result<Vec<_>>>()?;
            extreme(ev, function == "max_by", items.into_iter().zip(keys), rest)
        }
        ("random", []) => {
            // Not a uniform generator, only "some element", which is all a learner sees.
            let nanos = std::time::SystemTime::now()
                .duration_since(std::time::UNIX_EPOCH)
                .map_or(0, |d| d.subsec_nanos() as usize);
            match items.len() {
                0 => Err(empty_error()),
                len => Ok(items[nanos % len].clone()),
            }
        }
        ("shuffle", []) => Ok(Term::list(shuffled(items))),
        ("take_random", [Term::Int(n)]) if *n >= 0 => {
            let mut items = shuffled(items);
            items.truncate(*n as usize);
            Ok(Term::list(items))
        }
        ("min_max", rest) => {
            let fallback = rest.first();
            if items.is_empty() {
                return match fallback {
                    Some(f) => ev.apply_fun(f, vec![]),
                    None => Err(empty_error()),
                };
            }
            let pairs = || items.iter().map(|x| (x.clone(), x.clone()));
            let min = extreme(ev, false, pairs(), &[])?;
            let max = extreme(ev, true, pairs(), &[])?;
            Ok(Term::tuple(vec![min, max]))
        }
        _ => Err(bad()),
    }
}

/// The element at `i` (from the end when negative), reached by skipping, which a
/// range does without walking.
fn at(mut items: Items, i: i64) -> Option<Term> {
    let index = if i < 0 {
        i128::from(items.remaining()) + i128::from(i)
    } else {
        i128::from(i)
    };
    items.nth(usize::try_from(index).ok()?)
}

/// `Enum.take/2`: a negative count takes from the end, so take(-2) keeps the last two.
fn take(items: Items, n: i64) -> Result<Term> {
    let len = items.remaining();
    let wanted = n.unsigned_abs().min(len);
    too_long(wanted, len)?;
    let skip = if n < 0 { len - wanted } else { 0 };
    let kept = items.skip(skip as usize).take(wanted as usize);
    Ok(Term::list(kept.collect()))
}

fn take_while(ev: &mut Evaluator, items: Items, f: &Term) -> Result<Term> {
    let source = items.remaining();
    let mut taken = Vec::new();
    for x in items {
        if !truthy(ev, f, &x)? {
            break;
        }
        push_bounded(&mut taken, x, source)?;
    }
    Ok(Term::list(taken))
}

/// `take`/`drop`/`split`: a negative count counts from the end.
fn split(mut items: Vec<Term>, n: i64) -> (Vec<Term>, Vec<Term>) {
    let len = items.len() as i64;
    let at = if n < 0 { (len + n).max(0) } else { n.min(len) };
    let tail = items.split_off(at as usize);
    (items, tail)
}

fn every(items: Vec<Term>, n: i64, take: bool) -> Option<Term> {
    if n < 0 {
        return None;
    }
    let keep = |i: usize| n != 0 && i.is_multiple_of(n as usize);
    Some(Term::list(
        items
            .into_iter()
            .enumerate()
            .filter(|(i, _)| keep(*i) == take)
            .map(|(_, x)| x)
            .collect(),
    ))
}

fn while_split(ev: &mut Evaluator, items: Vec<Term>, f: &Term) -> Result<(Vec<Term>, Vec<Term>)> {
    let mut taken = Vec::new();
    let mut it = items.into_iter();
    for x in it.by_ref() {
        if truthy(ev, f, &x)? {
            taken.push(x);
        } else {
            let mut rest = vec![x];
            rest.extend(it);
            return Ok((taken, rest));
        }
    }
    Ok((taken, Vec::new()))
}

/// `Enum.slice(list, first..last//step)`: negative bounds count from the end.
pub fn slice_range<T: Clone>(items: Vec<T>, first: i64, last: i64, step: i64) -> Vec<T> {
    // Elixir 1.14 still reads `1..-1` (step -1, inferred) as "from 1 to the last".
    let step = if step == -1 && first > last { 1 } else { step };
    let len = items.len() as i64;
    let first = if first < 0 {
        (first + len).max(0)
    } else {
        first
    };
    let last = if last < 0 {
        last + len
    } else {
        last.min(len - 1)
    };
    if step <= 0 || first > last || first >= len {
        return Vec::new();
    }
    (first..=last)
        .step_by(step as usize)
        .map(|i| items[i as usize].clone())
        .collect()
}

fn with_index(ev: &mut Evaluator, items: Items, offset: &Term) -> Result<Term> {
    items.too_many()?;
    let mut out = Vec::with_capacity(items.size_hint().0);
    for (i, x) in items.enumerate() {
        out.push(match offset {
            Term::Int(o) => {
                let index = o
                    .checked_add(i as i64)
                    .ok_or_else(crate::eval::ops::overflow)?;
                Term::tuple(vec![x, Term::Int(index)])
            }
            f => ev.apply_fun(f, vec![x, Term::Int(i as i64)])?,
        });
    }
    Ok(Term::list(out))
}

fn zip(lists: Vec<Vec<Term>>) -> Result<Vec<Term>> {
    let shortest = lists.iter().map(Vec::len).min().unwrap_or(0);
    Ok((0..shortest)
        .map(|i| Term::tuple(lists.iter().map(|l| l[i].clone()).collect()))
        .collect())
}

/// `zip_with/2` gives the function one list of elements; `zip_with/3` gives two arguments.
fn zip_with(ev: &mut Evaluator, lists: Vec<Vec<Term>>, f: &Term, as_list: bool) -> Result<Term> {
    let shortest = lists.iter().map(Vec::len).min().unwrap_or(0);
    let mut out = Vec::new();
    for i in 0..shortest {
        let row: Vec<Term> = lists.iter().map(|l| l[i].clone()).collect();
        out.push(ev.apply_fun(f, if as_list { vec![Term::list(row)] } else { row })?);
    }
    Ok(Term::list(out))
}

fn unzip(items: Vec<Term>) -> Result<Term> {
    let (mut a, mut b) = (Vec::new(), Vec::new());
    for x in items {
        match x.as_tuple() {
            Some([l, r]) => {
                a.push(l.clone());
                b.push(r.clone());
            }
            _ => return Err(Error::function_clause("Enum", "unzip", 1)),
        }
    }
    Ok(Term::tuple(vec![Term::list(a), Term::list(b)]))
}

/// `None` when the counts are not positive or the leftover is neither a list nor
/// `:discard`.
fn chunk_every(items: Vec<Term>, n: i64, step: i64, leftover: Option<&Term>) -> Option<Term> {
    if n <= 0 || step <= 0 {
        return None;
    }
    let pad = match leftover {
        None => Some(Vec::new()),
        Some(t) if t.is_atom("discard") => None,
        Some(t) => Some(to_vec(t).ok()?),
    };
    let (n, step) = (n as usize, step as usize);
    let mut chunks = Vec::new();
    let mut start = 0;
    while start < items.len() {
        let end = (start + n).min(items.len());
        let mut chunk = items[start..end].to_vec();
        // The first chunk short of `n` elements is the last one: padded, or dropped.
        let partial = chunk.len() < n;
        if partial {
            match &pad {
                None => break,
                Some(p) => chunk.extend(p.iter().take(n - chunk.len()).cloned()),
            }
        }
        chunks.push(Term::list(chunk));
        if partial {
            break;
        }
        start += step;
    }
    Some(Term::list(chunks))
}

fn chunk_by(ev: &mut Evaluator, items: Vec<Term>, f: &Term) -> Result<Term> {
    let mut chunks: Vec<Term> = Vec::new();
    let mut current: Vec<Term> = Vec::new();
    let mut last_key: Option<Term> = None;
    for x in items {
        let key = ev.apply_fun(f, vec![x.clone()])?;
        if last_key.as_ref().is_some_and(|k| *k != key) {
            chunks.push(Term::list(std::mem::take(&mut current)));
        }
        last_key = Some(key);
        current.push(x);
    }
    if !current.is_empty() {
        chunks.push(Term::list(current));
    }
    Ok(Term::list(chunks))
}

fn group_by(
    ev: &mut Evaluator,
    items: Vec<Term>,
    key: &Term,
    value: Option<&Term>,
) -> Result<Term> {
    let mut groups: BTreeMap<Term, Vec<Term>> = BTreeMap::new();
    for x in items {
        let k = ev.apply_fun(key, vec![x.clone()])?;
        let v = match value {
            Some(f) => ev.apply_fun(f, vec![x])?,
            None => x,
        };
        groups.entry(k).or_default().push(v);
    }
    Ok(Term::Map(Arc::new(
        groups
            .into_iter()
            .map(|(k, v)| (k, Term::list(v)))
            .collect(),
    )))
}

fn frequencies(keys: Vec<Term>) -> Term {
    let mut counts: BTreeMap<Term, i64> = BTreeMap::new();
    for k in keys {
        *counts.entry(k).or_default() += 1;
    }
    Term::Map(Arc::new(
        counts.into_iter().map(|(k, n)| (k, Term::Int(n))).collect(),
    ))
}

/// `Collectable.into/1` for lists, maps and strings.
pub fn collect(items: Vec<Term>, into: &Term) -> Result<Term> {
    match into {
        Term::List(base) => {
            let mut out = base.to_vec();
            out.extend(items);
            Ok(Term::list(out))
        }
        Term::Map(base) if range_bounds(into).is_none() => {
            let mut map = (**base).clone();
            for x in &items {
                match x.as_tuple() {
                    Some([k, v]) => {
                        map.insert(k.clone(), v.clone());
                    }
                    _ => {
                        let shown = frame("maps", "from_list", &[Term::list(items.clone())]);
                        return Err(Error::argument("argument error").at(shown));
                    }
                }
            }
            Ok(Term::Map(Arc::new(map)))
        }
        Term::Binary(prefix) => {
            let mut out = prefix.to_vec();
            for x in &items {
                match x {
                    Term::Binary(b) => out.extend_from_slice(b),
                    _ => return Err(Error::argument("argument error")),
                }
            }
            Ok(Term::Binary(Arc::from(out)))
        }
        other => Err(crate::eval::literal::not_implemented("Collectable", other)),
    }
}

fn dedup(items: Vec<Term>, keys: Vec<Term>) -> Vec<Term> {
    let mut out = Vec::new();
    let mut last: Option<Term> = None;
    for (x, k) in items.into_iter().zip(keys) {
        if last.as_ref() != Some(&k) {
            out.push(x);
        }
        last = Some(k);
    }
    out
}

/// `max`/`min` of a non-empty range in the default order: one of its ends. Walking
/// would answer the same, but a walk that calls no function of the user's cannot be
/// stopped with Ctrl-C, and `1..1_000_000_000_000` would take an hour.
fn range_extreme(items: &Items, max: bool, rest: &[Term]) -> Option<i64> {
    let Items::Range(r) = items else { return None };
    if !rest.iter().all(is_fallback) {
        return None;
    }
    if max {
        r.clone().max()
    } else {
        r.clone().min()
    }
}

fn is_fallback(t: &Term) -> bool {
    matches!(t, Term::Fun(f) if f.arity == 0)
}

/// `max`/`min` (keys are the elements) and `max_by`/`min_by`: the first element whose
/// key is largest (smallest), of `(element, key)` pairs taken one at a time; `rest` may
/// hold a sorter and/or an empty fallback.
fn extreme(
    ev: &mut Evaluator,
    max: bool,
    mut pairs: impl Iterator<Item = (Term, Term)>,
    rest: &[Term],
) -> Result<Term> {
    let fallback = rest.iter().rev().find(|t| is_fallback(t));
    let sorter = rest.iter().find(|t| !is_fallback(t));
    let Some(mut best) = pairs.next() else {
        return match fallback {
            Some(f) => ev.apply_fun(f, vec![]),
            None => Err(empty_error()),
        };
    };
    // `max` keeps the current best unless the challenger sorts strictly before it;
    // a sorter answers "first goes first" for the pair (best, challenger).
    for challenger in pairs {
        let (best_key, key) = (&best.1, &challenger.1);
        let keep = match sorter {
            None => {
                let o = best_key.compare(key);
                if max {
                    o.is_ge()
                } else {
                    o.is_le()
                }
            }
            Some(s) if s.is_atom("desc") => best_key.compare(key).is_ge(),
            Some(s) if s.is_atom("asc") => best_key.compare(key).is_le(),
            Some(f) => ev
                .apply_fun(f, vec![best_key.clone(), key.clone()])?
                .is_truthy(),
        };
        if !keep {
            best = challenger;
        }
    }
    Ok(best.0)
}

/// The elements in some order (Fisher-Yates over a clock-seeded xorshift): a learner
/// sees "some order", not a statistical property.
fn shuffled(mut items: Vec<Term>) -> Vec<Term> {
    let mut seed = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0x9e37_79b9, |d| d.as_nanos() as u64)
        | 1;
    for i in (1..items.len()).rev() {
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        items.swap(i, (seed % (i as u64 + 1)) as usize);
    }
    items
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ints(v: &[i64]) -> Vec<Term> {
        v.iter().map(|i| Term::Int(*i)).collect()
    }

    #[test]
    fn slices_count_negative_bounds_from_the_end() {
        assert_eq!(slice_range(vec![1, 2, 3, 4, 5], -2, -1, 1), vec![4, 5]);
        assert_eq!(slice_range(vec![1, 2, 3], 1, -1, -1), vec![2, 3]);
        assert!(slice_range(vec![1, 2, 3], 3, 1, 1).is_empty());
    }

    #[test]
    fn chunk_every_keeps_the_short_last_chunk_unless_discarded() {
        let chunks = chunk_every(ints(&[1, 2, 3, 4]), 2, 1, None);
        let expect = Term::list(vec![
            Term::list(ints(&[1, 2])),
            Term::list(ints(&[2, 3])),
            Term::list(ints(&[3, 4])),
            Term::list(ints(&[4])),
        ]);
        assert_eq!(chunks, Some(expect));
        let discard = chunk_every(ints(&[1, 2, 3]), 2, 2, Some(&Term::atom("discard")));
        assert_eq!(discard, Some(Term::list(vec![Term::list(ints(&[1, 2]))])));
        assert_eq!(chunk_every(ints(&[1]), 0, 0, None), None);
    }
}
