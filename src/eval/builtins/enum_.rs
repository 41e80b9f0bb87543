//! `Enum`: every function walks the elements of an enumerable (list, range, map) as an
//! `enumerable::Items`, in order, as far as it needs: a range's integers are made one at
//! a time and kept only when the answer is a list of them.

use super::enum_more;
use super::stdlib::{clause_error, empty_error};
use super::Answer;
use crate::error::{Error, Result};
use crate::eval::enumerable::{items, push_bounded, to_vec, Items};
use crate::eval::literal::to_string;
use crate::eval::ops;
use crate::eval::Evaluator;
use crate::syntax::ast::BinaryOp;
use crate::term::Term;
use std::cmp::Ordering;

/// The name/arity pairs of `Enum` this shell has; anything else is undefined.
#[rustfmt::skip]
const EXPORTS: &[(&str, usize)] = &[
    ("all?", 1), ("all?", 2), ("any?", 1), ("any?", 2), ("at", 2), ("at", 3), ("chunk_by", 2),
    ("chunk_every", 2), ("chunk_every", 3), ("chunk_every", 4), ("concat", 1), ("concat", 2),
    ("count", 1), ("count", 2), ("dedup", 1), ("dedup_by", 2), ("drop", 2), ("drop_every", 2),
    ("drop_while", 2), ("each", 2), ("empty?", 1), ("fetch", 2), ("fetch!", 2), ("filter", 2),
    ("find", 2), ("find", 3), ("find_index", 2), ("find_value", 2), ("find_value", 3),
    ("flat_map", 2), ("frequencies", 1), ("frequencies_by", 2), ("group_by", 2),
    ("group_by", 3), ("intersperse", 2), ("into", 2), ("into", 3), ("join", 1), ("join", 2),
    ("map", 2), ("map_join", 2), ("map_join", 3), ("map_reduce", 3), ("max", 1), ("max", 2),
    ("max", 3), ("max_by", 2), ("max_by", 3), ("max_by", 4), ("member?", 2), ("min", 1),
    ("min", 2), ("min", 3), ("min_by", 2), ("min_by", 3), ("min_by", 4), ("min_max", 1),
    ("min_max", 2), ("product", 1), ("random", 1), ("reduce", 2), ("reduce", 3),
    ("reduce_while", 3), ("reject", 2), ("reverse", 1), ("reverse", 2), ("scan", 2),
    ("scan", 3), ("slice", 2), ("slice", 3), ("sort", 1), ("sort", 2), ("sort_by", 2),
    ("sort_by", 3), ("split", 2), ("split_while", 2), ("split_with", 2), ("sum", 1),
    ("take", 2), ("take_every", 2), ("take_while", 2), ("to_list", 1), ("uniq", 1),
    ("uniq_by", 2), ("unzip", 1), ("with_index", 1), ("with_index", 2), ("zip", 1), ("zip", 2),
    ("zip_with", 2), ("zip_with", 3), ("map_every", 3), ("count_until", 2), ("count_until", 3),
    ("flat_map_reduce", 3), ("shuffle", 1), ("take_random", 2),
];

pub fn call(ev: &mut Evaluator, function: &str, args: Vec<Term>) -> Answer {
    if !EXPORTS.contains(&(function, args.len())) {
        return None;
    }
    if let Some(error) = super::enum_guards::check(function, &args) {
        return Some(Err(error));
    }
    if let Some(error) = list_guard(function, &args) {
        return Some(Err(error));
    }
    let items = match items(&args[0]) {
        Ok(items) => items,
        Err(e) => return Some(Err(e)),
    };
    let rest = &args[1..];
    Some(match basic(ev, function, &args[0], items.clone(), rest) {
        Some(result) => result,
        None => enum_more::call(ev, function, items, rest),
    })
}

/// Mapping, filtering, folding and the questions asked of elements. Each walks the
/// elements as it needs them; one that answers a list of as many elements as it was
/// given asks `too_many` first, as building that list is what costs.
fn basic(
    ev: &mut Evaluator,
    function: &str,
    source: &Term,
    items: Items,
    rest: &[Term],
) -> Option<Result<Term>> {
    Some(match (function, rest) {
        ("to_list", []) => items.into_vec().map(Term::list),
        ("count", []) => Ok(Term::Int(count(&items))),
        ("count", [f]) => count_while(ev, items, f, i64::MAX).map(Term::Int),
        ("count_until", [Term::Int(limit)]) if *limit > 0 => {
            Ok(Term::Int(count(&items).min(*limit)))
        }
        ("count_until", [f, Term::Int(limit)]) if *limit > 0 => {
            count_while(ev, items, f, *limit).map(Term::Int)
        }
        // The first element, then every nth after it.
        ("map_every", [Term::Int(nth), f]) if *nth >= 0 => items.too_many().and_then(|()| {
            items
                .enumerate()
                .map(|(i, x)| match *nth {
                    0 => Ok(x),
                    n if i as i64 % n == 0 => ev.apply_fun(f, vec![x]),
                    _ => Ok(x),
                })
                .collect::<Result<Vec<_>>>()
                .map(Term::list)
        }),
        ("empty?", []) => Ok(Term::bool(items.remaining() == 0)),
        // A range's sum by formula; one past an i64 overflows somewhere, and finding
        // where (for the error's frame) takes the walk, refused past 50M as ever.
        ("sum", []) => match &items {
            Items::Range(r) => match r.total() {
                Some(total) => Ok(Term::Int(total)),
                None => items
                    .too_many()
                    .and_then(|()| fold_arith(BinaryOp::Add, Term::Int(0), items)),
            },
            _ => fold_arith(BinaryOp::Add, Term::Int(0), items),
        },
        // Ranges past 50M stay refused: this walk calls no function of the user's, so
        // Ctrl-C could not stop `Enum.product(0..1_000_000_000_000)`.
        ("product", []) => match &items {
            Items::Range(_) => items.too_many(),
            _ => Ok(()),
        }
        .and_then(|()| fold_arith(BinaryOp::Mul, Term::Int(1), items)),
        ("map", [f]) => items.too_many().and_then(|()| {
            items
                .map(|x| ev.apply_fun(f, vec![x]))
                .collect::<Result<Vec<_>>>()
                .map(Term::list)
        }),
        ("flat_map", [f]) => flat_map(ev, items, f),
        ("each", [f]) => items
            .into_iter()
            .try_for_each(|x| ev.apply_fun(f, vec![x]).map(drop))
            .map(|_| Term::ok()),
        ("filter", [f]) => filter(ev, items, f, true).map(Term::list),
        ("reject", [f]) => filter(ev, items, f, false).map(Term::list),
        ("find", [f]) => find(ev, items, f, Term::nil()),
        ("find", [default, f]) => find(ev, items, f, default.clone()),
        ("find_index", [f]) => find_index(ev, items, f),
        ("find_value", [f]) => find_value(ev, items, f, Term::nil()),
        ("find_value", [default, f]) => find_value(ev, items, f, default.clone()),
        ("any?", []) => Ok(Term::bool(items.into_iter().any(|x| x.is_truthy()))),
        // Every integer is truthy: a range is all truthy without a walk.
        ("all?", []) if matches!(items, Items::Range(_)) => Ok(Term::bool(true)),
        ("all?", []) => Ok(Term::bool(items.into_iter().all(|x| x.is_truthy()))),
        ("any?", [f]) => any(ev, items, f, true).map(Term::bool),
        ("all?", [f]) => any(ev, items, f, false).map(|found| Term::bool(!found)),
        ("member?", [x]) => Ok(Term::bool(items.contains(x))),
        ("reduce", [acc, f]) => items
            .into_iter()
            .try_fold(acc.clone(), |acc, x| ev.apply_fun(f, vec![x, acc])),
        ("reduce", [f]) => {
            let mut it = items;
            match it.next() {
                None => Err(empty_error()),
                Some(first) => it.try_fold(first, |acc, x| ev.apply_fun(f, vec![x, acc])),
            }
        }
        ("reduce_while", [acc, f]) => reduce_while(ev, source, items, acc.clone(), f),
        ("map_reduce", [acc, f]) => map_reduce(ev, items, acc.clone(), f),
        ("flat_map_reduce", [acc, f]) => flat_map_reduce(ev, items, acc.clone(), f),
        ("scan", [f]) => scan(ev, items, None, f),
        ("scan", [acc, f]) => scan(ev, items, Some(acc.clone()), f),
        ("sort", []) => items
            .into_vec()
            .and_then(|items| sort(ev, items, &Term::atom("asc")).map(Term::list)),
        ("sort", [sorter]) => items
            .into_vec()
            .and_then(|items| sort(ev, items, sorter).map(Term::list)),
        ("sort_by", [f]) => items
            .into_vec()
            .and_then(|items| sort_by(ev, items, f, &Term::atom("asc"))),
        ("sort_by", [f, sorter]) => items
            .into_vec()
            .and_then(|items| sort_by(ev, items, f, sorter)),
        ("uniq", []) => items
            .into_vec()
            .map(|items| Term::list(uniq_by(items.clone(), items))),
        ("uniq_by", [f]) => items.into_vec().and_then(|items| {
            let keys = items
                .iter()
                .map(|x| ev.apply_fun(f, vec![x.clone()]))
                .collect::<Result<Vec<_>>>();
            keys.map(|keys| Term::list(uniq_by(items, keys)))
        }),
        ("join", []) => items.into_vec().and_then(|items| join(&items, "")),
        ("join", [Term::Binary(sep)]) => items
            .into_vec()
            .and_then(|items| join(&items, &String::from_utf8_lossy(sep))),
        ("map_join", [f]) => map_join(ev, items, "", f),
        ("map_join", [Term::Binary(sep), f]) => {
            map_join(ev, items, &String::from_utf8_lossy(sep), f)
        }
        _ => return None,
    })
}

/// `Enum.count/1`, which never walks: every enumerable knows its size.
fn count(items: &Items) -> i64 {
    i64::try_from(items.remaining()).unwrap_or(i64::MAX)
}

/// `Enum.count/2` and `Enum.count_until/3`: the elements `f` accepts, stopping (as
/// Elixir's `reduce_while` does) once `limit` are found.
fn count_while(ev: &mut Evaluator, items: Items, f: &Term, limit: i64) -> Result<i64> {
    let mut found = 0;
    for x in items {
        if found == limit {
            break;
        }
        if truthy(ev, f, &x)? {
            found += 1;
        }
    }
    Ok(found)
}

/// `Enum.sum/1`, `Enum.product/1`: `element + acc`, in that order, as iex's errors show.
fn fold_arith(op: BinaryOp, start: Term, items: Items) -> Result<Term> {
    items.into_iter().try_fold(start, |acc, x| {
        let shown = super::stdlib::frame(
            "erlang",
            if op == BinaryOp::Add { "+" } else { "*" },
            &[x.clone(), acc.clone()],
        );
        ops::binary(op, x, acc).map_err(|e| e.at(shown))
    })
}

pub(super) fn truthy(ev: &mut Evaluator, f: &Term, x: &Term) -> Result<bool> {
    Ok(ev.apply_fun(f, vec![x.clone()])?.is_truthy())
}

fn filter(ev: &mut Evaluator, items: Items, f: &Term, keep: bool) -> Result<Vec<Term>> {
    let source = items.remaining();
    let mut out = Vec::new();
    for x in items {
        if truthy(ev, f, &x)? == keep {
            push_bounded(&mut out, x, source)?;
        }
    }
    Ok(out)
}

/// Whether some element's answer is `want` (truthy for `any?`, falsy for `all?`).
fn any(ev: &mut Evaluator, items: Items, f: &Term, want: bool) -> Result<bool> {
    for x in items {
        if truthy(ev, f, &x)? == want {
            return Ok(true);
        }
    }
    Ok(false)
}

fn flat_map(ev: &mut Evaluator, items: Items, f: &Term) -> Result<Term> {
    items.too_many()?;
    let mut out = Vec::new();
    for x in items {
        out.extend(to_vec(&ev.apply_fun(f, vec![x])?)?);
    }
    Ok(Term::list(out))
}

fn find(ev: &mut Evaluator, items: Items, f: &Term, default: Term) -> Result<Term> {
    for x in items {
        if truthy(ev, f, &x)? {
            return Ok(x);
        }
    }
    Ok(default)
}

fn find_index(ev: &mut Evaluator, items: Items, f: &Term) -> Result<Term> {
    for (i, x) in items.into_iter().enumerate() {
        if truthy(ev, f, &x)? {
            return Ok(Term::Int(i as i64));
        }
    }
    Ok(Term::nil())
}

fn find_value(ev: &mut Evaluator, items: Items, f: &Term, default: Term) -> Result<Term> {
    for x in items {
        let v = ev.apply_fun(f, vec![x])?;
        if v.is_truthy() {
            return Ok(v);
        }
    }
    Ok(default)
}

fn reduce_while(
    ev: &mut Evaluator,
    source: &Term,
    items: Items,
    mut acc: Term,
    f: &Term,
) -> Result<Term> {
    for (seen, x) in items.enumerate() {
        let step = ev.apply_fun(f, vec![x, acc])?;
        match step.as_tuple() {
            Some([tag, next]) if tag.is_atom("cont") => acc = next.clone(),
            Some([tag, next]) if tag.is_atom("halt") => return Ok(next.clone()),
            _ => return Err(reduce_while_error(source, seen as u64 + 1, step, f)),
        }
    }
    Ok(acc)
}

/// The clause error of the `:lists` function Elixir hands an empty list to when it is
/// given no function of the arity it calls (`Enum.map([], :x)` is `:lists.map(:x, [])`,
/// whose clause for `[]` is `when is_function(f, 1)`). A non-empty list fails on the
/// first call instead (`BadFunctionError`, `BadArityError`).
pub(crate) fn list_guard(function: &str, args: &[Term]) -> Option<Error> {
    let (name, arity, shown): (&str, usize, Vec<Term>) = match (function, args) {
        ("map", [l, f]) => ("-map/2-lists^map/1-0-", 1, vec![f.clone(), l.clone()]),
        ("each", [l, f]) => ("-each/2-lists^foreach/1-0-", 1, vec![f.clone(), l.clone()]),
        ("reduce", [l, acc, f]) => (
            "-reduce/3-lists^foldl/2-0-",
            2,
            vec![f.clone(), acc.clone(), l.clone()],
        ),
        ("map_reduce", [l, acc, f]) => (
            "-map_reduce/3-lists^mapfoldl/2-0-",
            2,
            vec![f.clone(), acc.clone(), l.clone()],
        ),
        _ => return None,
    };
    let f = shown.first()?;
    let empty = matches!(args.first(), Some(Term::List(l)) if l.is_empty());
    if !empty || matches!(f, Term::Fun(fun) if fun.arity == arity) {
        return None;
    }
    Some(Error::Raise(crate::error::exception(
        "FunctionClauseError",
        vec![
            ("module", Term::module("Enum")),
            ("function", Term::atom(name)),
            ("arity", Term::Int(shown.len() as i64)),
            ("kind", Term::nil()),
            ("args", Term::list(shown)),
            ("clauses", Term::nil()),
        ],
    )))
}

/// `Enum.reduce_while/3`'s function answered neither `{:cont, acc}` nor `{:halt, acc}`
/// for element `seen` (from 1) of `source`: Elixir's `Enumerable` implementation is
/// given that answer as its accumulator, and none of its clauses takes it. Its
/// arguments are what is left of the walk.
pub(crate) fn reduce_while_error(source: &Term, seen: u64, answer: Term, f: &Term) -> Error {
    let mark = |blamed: bool, s: &str| match blamed {
        true => format!("-{s}-"),
        false => s.to_string(),
    };
    if let Some((first, last, step)) = ops::range_bounds(source) {
        let next = first.wrapping_add((seen as i64).wrapping_mul(step));
        let guard = format!(
            "when {} and {} when {} and {}",
            mark(step <= 0, "step > 0"),
            mark(next > last, "first <= last"),
            mark(step >= 0, "step < 0"),
            mark(next < last, "first >= last"),
        );
        let third = format!("defp reduce(first, last, -{{:cont, acc}}-, fun, step) {guard}");
        let args = [
            Term::Int(next),
            Term::Int(last),
            answer,
            f.clone(),
            Term::Int(step),
        ];
        let clauses = [
            "defp reduce(_first, _last, -{:halt, acc}-, _fun, _step)",
            "defp reduce(first, last, -{:suspend, acc}-, fun, step)",
            &third,
            "defp reduce(_, _, -{:cont, acc}-, _fun, _up)",
        ];
        return super::blamed_clause_with("Enumerable.Range", "reduce", &args, &clauses);
    }
    let rest: Vec<Term> = match items(source) {
        Ok(items) => items.skip(seen as usize).collect(),
        Err(_) => Vec::new(),
    };
    let empty = rest.is_empty();
    let third = format!("def reduce({}, -{{:cont, acc}}-, _fun)", mark(!empty, "[]"));
    let fourth = format!(
        "def reduce({}, -{{:cont, acc}}-, fun)",
        mark(empty, "[head | tail]")
    );
    let args = [Term::list(rest), answer, f.clone()];
    let clauses = [
        "def reduce(_list, -{:halt, acc}-, _fun)",
        "def reduce(list, -{:suspend, acc}-, fun)",
        &third,
        &fourth,
    ];
    super::blamed_clause_with("Enumerable.List", "reduce", &args, &clauses)
}

fn map_reduce(ev: &mut Evaluator, items: Items, mut acc: Term, f: &Term) -> Result<Term> {
    items.too_many()?;
    let mut out = Vec::new();
    for x in items {
        let step = ev.apply_fun(f, vec![x, acc])?;
        match step.as_tuple() {
            Some([mapped, next]) => {
                out.push(mapped.clone());
                acc = next.clone();
            }
            _ => {
                return Err(Error::Raise(crate::error::exception(
                    "MatchError",
                    vec![("term", step)],
                )))
            }
        }
    }
    Ok(Term::tuple(vec![Term::list(out), acc]))
}

/// `Enum.flat_map_reduce/3`: the fn answers `{list, acc}` to go on or `{:halt, acc}`
/// to stop with what was mapped so far.
fn flat_map_reduce(ev: &mut Evaluator, items: Items, mut acc: Term, f: &Term) -> Result<Term> {
    items.too_many()?;
    let mut out = Vec::new();
    for x in items {
        let step = ev.apply_fun(f, vec![x, acc])?;
        match step.as_tuple() {
            Some([halt, next]) if halt.is_atom("halt") => {
                acc = next.clone();
                break;
            }
            Some([mapped, next]) => {
                out.extend(super::super::enumerable::to_vec(mapped)?);
                acc = next.clone();
            }
            _ => {
                return Err(Error::Raise(crate::error::exception(
                    "CaseClauseError",
                    vec![("term", step)],
                )))
            }
        }
    }
    Ok(Term::tuple(vec![Term::list(out), acc]))
}

fn scan(ev: &mut Evaluator, items: Items, acc: Option<Term>, f: &Term) -> Result<Term> {
    items.too_many()?;
    let mut it = items;
    let seeded = acc.is_some();
    let mut acc = match acc {
        Some(a) => a,
        None => match it.next() {
            Some(first) => first,
            None => return Ok(Term::empty_list()),
        },
    };
    // Without an initial value the first element is also the first result.
    let mut out = if seeded {
        Vec::new()
    } else {
        vec![acc.clone()]
    };
    for x in it {
        acc = ev.apply_fun(f, vec![x, acc])?;
        out.push(acc.clone());
    }
    Ok(Term::list(out))
}

/// Keeps the first element of each key, in order (`uniq` compares strictly: 1 and 1.0
/// are two elements).
fn uniq_by(items: Vec<Term>, keys: Vec<Term>) -> Vec<Term> {
    let mut seen = std::collections::BTreeSet::new();
    items
        .into_iter()
        .zip(keys)
        .filter_map(|(x, k)| seen.insert(k).then_some(x))
        .collect()
}

pub(super) fn join(items: &[Term], sep: &str) -> Result<Term> {
    let parts = items.iter().map(to_string).collect::<Result<Vec<_>>>()?;
    Ok(Term::string(&parts.join(sep)))
}

fn map_join(ev: &mut Evaluator, items: Items, sep: &str, f: &Term) -> Result<Term> {
    items.too_many()?;
    let mapped = items
        .map(|x| ev.apply_fun(f, vec![x]))
        .collect::<Result<Vec<_>>>()?;
    join(&mapped, sep)
}

/// `:asc`, `:desc` or a two-argument function answering "does the first go first?".
pub(super) fn sort(ev: &mut Evaluator, items: Vec<Term>, sorter: &Term) -> Result<Vec<Term>> {
    let asc = sorter.is_atom("asc");
    if asc || sorter.is_atom("desc") {
        let mut before = |a: &Term, b: &Term| {
            let o = a.compare(b);
            Ok(if asc {
                o != Ordering::Greater
            } else {
                o != Ordering::Less
            })
        };
        return merge_sort(items, &mut before);
    }
    if !matches!(sorter, Term::Fun(_)) {
        return Err(clause_error(
            "Enum",
            "sort",
            vec![Term::list(items), sorter.clone()],
            &[],
        ));
    }
    merge_sort(items, &mut |a: &Term, b: &Term| truthy2(ev, sorter, a, b))
}

fn truthy2(ev: &mut Evaluator, f: &Term, a: &Term, b: &Term) -> Result<bool> {
    Ok(ev.apply_fun(f, vec![a.clone(), b.clone()])?.is_truthy())
}

fn sort_by(ev: &mut Evaluator, items: Vec<Term>, f: &Term, sorter: &Term) -> Result<Term> {
    let mut keyed = Vec::new();
    for x in items {
        keyed.push(Term::tuple(vec![ev.apply_fun(f, vec![x.clone()])?, x]));
    }
    let key = |t: &Term| t.as_tuple().map(|p| p[0].clone()).unwrap_or_else(Term::nil);
    let sorted = if sorter.is_atom("asc") || sorter.is_atom("desc") {
        let asc = sorter.is_atom("asc");
        merge_sort(keyed, &mut |a: &Term, b: &Term| {
            let o = key(a).compare(&key(b));
            Ok(if asc {
                o != Ordering::Greater
            } else {
                o != Ordering::Less
            })
        })?
    } else {
        merge_sort(keyed, &mut |a: &Term, b: &Term| {
            truthy2(ev, sorter, &key(a), &key(b))
        })?
    };
    Ok(Term::list(
        sorted
            .into_iter()
            .map(|t| t.as_tuple().map(|p| p[1].clone()).unwrap_or(t))
            .collect(),
    ))
}

/// A stable merge sort whose comparison may fail (it calls user functions) and need not
/// be a total order, which `slice::sort_by` would refuse.
fn merge_sort(
    mut items: Vec<Term>,
    before: &mut dyn FnMut(&Term, &Term) -> Result<bool>,
) -> Result<Vec<Term>> {
    if items.len() <= 1 {
        return Ok(items);
    }
    let right = items.split_off(items.len() / 2);
    let left = merge_sort(items, before)?;
    let right = merge_sort(right, before)?;
    let mut out = Vec::with_capacity(left.len() + right.len());
    let mut left = left.into_iter().peekable();
    let mut right = right.into_iter().peekable();
    while let (Some(a), Some(b)) = (left.peek(), right.peek()) {
        let next = if before(a, b)? {
            left.next()
        } else {
            right.next()
        };
        out.extend(next);
    }
    out.extend(left);
    out.extend(right);
    Ok(out)
}

#[cfg(test)]
mod tests {
    use crate::eval::{Env, Evaluator};
    use crate::inspect::inspect_plain;
    use crate::output::Output;
    use crate::runtime::{Config, Runtime};

    /// What each line evaluates to, inspected, in one evaluator of a fresh node.
    fn values(lines: &[&str]) -> Vec<String> {
        let rt = Runtime::new(Config {
            schedulers: 1,
            ..Config::default()
        });
        let client = rt.spawn_client().expect("a shell process");
        let mut out = Output::new(Box::new(std::io::sink()), false);
        let mut next_fun = 0;
        let mut ev = Evaluator::new(&client, &mut out, 1, &[], &mut next_fun);
        let eval = |ev: &mut Evaluator, line: &str| {
            let block = crate::syntax::parse(line).expect("parses");
            match ev.eval_line(&block, &mut Env::new()) {
                Ok(value) => inspect_plain(&value),
                Err(crate::error::Error::Raise(e)) => format!("raised {}", inspect_plain(&e)),
                Err(e) => format!("error: {e:?}"),
            }
        };
        lines.iter().map(|line| eval(&mut ev, line)).collect()
    }

    #[test]
    fn ranges_with_steps_descending_and_empty_enumerate_as_in_elixir() {
        let got = values(&[
            "Enum.to_list(1..10//3)",
            "Enum.map(10..1, &(&1 * 2))",
            "Enum.reduce(1..0//1, :none, fn x, _ -> x end)",
            "Enum.filter(20..1//-3, &(rem(&1, 2) == 0))",
            "Enum.sum(1..10//3)",
            "{Enum.count(10..1//-4), Enum.count(1..0//1)}",
            "Enum.take(10..1//-3, -2)",
            "Enum.with_index(5..1//-2)",
            "{Enum.max(1..10//3), Enum.min(10..1//-4)}",
            "for x <- 10..1//-4, do: x",
            "{7 in 1..10//3, 8 in 1..10//3, 1 in 1..0//1, 5.0 in 1..10}",
        ]);
        let want = [
            "[1, 4, 7, 10]",
            "[20, 18, 16, 14, 12, 10, 8, 6, 4, 2]",
            ":none",
            "[20, 14, 8, 2]",
            "22",
            "{3, 0}",
            "[4, 1]",
            "[{5, 0}, {3, 1}, {1, 2}]",
            "{10, 2}",
            "[10, 6, 2]",
            "{true, false, false, false}",
        ];
        assert_eq!(got, want);
    }

    #[test]
    fn a_range_of_a_trillion_is_enumerated_without_being_stored() {
        // Stored, this range would take 32 TB (and was refused past 50M elements):
        // each answer below walks at most a few of its elements.
        let got = values(&[
            "Enum.reduce_while(1..1_000_000_000_000, 0, fn x, acc -> \
             if x > 4, do: {:halt, acc}, else: {:cont, acc + x} end)",
            "Enum.find(1..1_000_000_000_000, &(&1 * &1 > 50))",
            "Enum.take_while(1..1_000_000_000_000, &(&1 < 4))",
            "Enum.take(1..1_000_000_000_000, -2)",
            "Enum.at(1..1_000_000_000_000, -1)",
            "Enum.count(1..1_000_000_000_000)",
            "Enum.member?(1..1_000_000_000_000//7, 999_999_999_993)",
            "Enum.any?(1..1_000_000_000_000, &(&1 == 3))",
            "Enum.sum(1..1_000_000_000)",
            "{Enum.max(1..1_000_000_000_000//7), Enum.min(1..1_000_000_000_000), \
             Enum.all?(1..1_000_000_000_000)}",
            "Enum.to_list(1..1_000_000_000_000)",
        ]);
        let want = [
            "10",
            "8",
            "[1, 2, 3]",
            "[999999999999, 1000000000000]",
            "1000000000000",
            "1000000000000",
            "true",
            "true",
            "500000000500000000",
            "{1000000000000, 1, true}",
        ];
        assert_eq!(got[..want.len()], want);
        // A list of every element is still refused, with the message it always had.
        let refused = &got[want.len()];
        assert!(
            refused.contains("a range of 1000000000000 elements"),
            "{refused}"
        );
    }
}
