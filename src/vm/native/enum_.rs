//! `Enum`'s functions that call a function back for each element, as natives: `each`,
//! `map`, `filter`, `reject`, `flat_map`, `reduce`, `reduce_while`, `map_reduce`,
//! `any?`, `all?`, `find`, `find_index`, `find_value` and `count/2`. Each answers and
//! fails as the library's own version (`eval/builtins/enum_.rs`) does, in the same order.

use super::{Callee, Cursor, Native, Next};
use crate::error::{exception, Error, Result};
use crate::eval::enumerable::{push_bounded, to_vec, too_long};
use crate::term::Term;

/// What a moved-out field holds until it is set again (no allocation, unlike an atom).
const HOLE: Term = Term::Int(0);

#[derive(Clone, Copy, PartialEq, Eq)]
enum Kind {
    Each,
    Map,
    /// `filter` (true) or `reject` (false): keeps the elements whose answer's truth is it.
    Filter(bool),
    FlatMap,
    Reduce,
    ReduceWhile,
    MapReduce,
    /// `any?` (true) or `all?` (false): stops at the first answer whose truth is it.
    Any(bool),
    Find,
    FindIndex,
    FindValue,
    Count,
}

impl Kind {
    /// Whether the callback is given the accumulator after the element.
    fn folds(self) -> bool {
        matches!(self, Kind::Reduce | Kind::ReduceWhile | Kind::MapReduce)
    }
}

/// One walk over a source.
struct Walk {
    kind: Kind,
    cursor: Cursor,
    callee: Callee,
    /// The accumulator of a fold; the default of `find`/`find_value`.
    acc: Term,
    /// What is collected: mapped, kept or flattened elements.
    out: Vec<Term>,
    /// The element the last call judged (kept by `filter`, answered by `find`).
    current: Term,
    /// Elements judged so far (`find_index`), or counted (`count`).
    seen: i64,
    /// The size of the source, which bounds what a range may build.
    source: u64,
    /// The source and the function, which a `reduce_while` error shows.
    given: Option<Box<(Term, Term)>>,
}

pub(super) fn start(function: &str, args: &[Term]) -> Option<Result<Box<dyn Native>>> {
    let (kind, f, acc) = match (function, args) {
        ("each", [_, f]) => (Kind::Each, f, None),
        ("map", [_, f]) => (Kind::Map, f, None),
        ("filter", [_, f]) => (Kind::Filter(true), f, None),
        ("reject", [_, f]) => (Kind::Filter(false), f, None),
        ("flat_map", [_, f]) => (Kind::FlatMap, f, None),
        ("reduce", [_, acc, f]) => (Kind::Reduce, f, Some(acc.clone())),
        ("reduce", [_, f]) => (Kind::Reduce, f, None),
        ("reduce_while", [_, acc, f]) => (Kind::ReduceWhile, f, Some(acc.clone())),
        ("map_reduce", [_, acc, f]) => (Kind::MapReduce, f, Some(acc.clone())),
        ("any?", [_, f]) => (Kind::Any(true), f, None),
        ("all?", [_, f]) => (Kind::Any(false), f, None),
        ("find", [_, f]) => (Kind::Find, f, None),
        ("find", [_, default, f]) => (Kind::Find, f, Some(default.clone())),
        ("find_index", [_, f]) => (Kind::FindIndex, f, None),
        ("find_value", [_, f]) => (Kind::FindValue, f, None),
        ("find_value", [_, default, f]) => (Kind::FindValue, f, Some(default.clone())),
        ("count", [_, f]) => (Kind::Count, f, None),
        _ => return None,
    };
    if let Some(error) = crate::eval::builtins::enum_::list_guard(function, args) {
        return Some(Err(error));
    }
    let mut cursor = Cursor::new(&args[0])?;
    let source = cursor.remaining();
    // What the library refuses before it calls anything.
    if matches!(kind, Kind::Map | Kind::FlatMap | Kind::MapReduce) {
        if let Err(e) = too_long(source, source) {
            return Some(Err(e));
        }
    }
    let acc = match acc {
        Some(acc) => acc,
        // `reduce/2` starts from the first element.
        None if kind == Kind::Reduce => match cursor.next() {
            Some(first) => first,
            None => return Some(Err(Error::raise_message("Enum.EmptyError", "empty error"))),
        },
        None => Term::nil(),
    };
    let arity = if kind.folds() { 2 } else { 1 };
    Some(Ok(Box::new(Walk {
        kind,
        cursor,
        callee: Callee::new(f, arity),
        acc,
        out: Vec::new(),
        current: Term::nil(),
        seen: 0,
        source,
        given: (kind == Kind::ReduceWhile).then(|| Box::new((args[0].clone(), f.clone()))),
    })))
}

impl Walk {
    /// Takes the callback's answer for `current`; `Some` when it ends the walk.
    fn take(&mut self, answer: Term) -> Result<Option<Term>> {
        match self.kind {
            Kind::Each => {}
            Kind::Map => self.out.push(answer),
            Kind::Filter(keep) => {
                if answer.is_truthy() == keep {
                    let x = std::mem::replace(&mut self.current, HOLE);
                    push_bounded(&mut self.out, x, self.source)?;
                }
            }
            Kind::FlatMap => self.out.extend(to_vec(&answer)?),
            Kind::Reduce => self.acc = answer,
            Kind::ReduceWhile => match answer.as_tuple() {
                Some([tag, next]) if tag.is_atom("cont") => self.acc = next.clone(),
                Some([tag, next]) if tag.is_atom("halt") => return Ok(Some(next.clone())),
                _ => {
                    let (source, f) = self.given.as_deref().expect("reduce_while keeps them");
                    return Err(crate::eval::reduce_while_error(
                        source,
                        self.seen as u64,
                        answer,
                        f,
                    ));
                }
            },
            Kind::MapReduce => match answer.as_tuple() {
                Some([mapped, next]) => {
                    self.out.push(mapped.clone());
                    self.acc = next.clone();
                }
                _ => {
                    return Err(Error::Raise(exception(
                        "MatchError",
                        vec![("term", answer)],
                    )))
                }
            },
            Kind::Any(want) => {
                if answer.is_truthy() == want {
                    return Ok(Some(Term::bool(want)));
                }
            }
            Kind::Find => {
                if answer.is_truthy() {
                    return Ok(Some(std::mem::replace(&mut self.current, HOLE)));
                }
            }
            Kind::FindIndex => {
                if answer.is_truthy() {
                    return Ok(Some(Term::Int(self.seen - 1)));
                }
            }
            Kind::FindValue => {
                if answer.is_truthy() {
                    return Ok(Some(answer));
                }
            }
            Kind::Count => {
                if answer.is_truthy() {
                    self.seen += 1;
                }
            }
        }
        Ok(None)
    }

    /// The answer once every element was judged.
    fn finish(&mut self) -> Term {
        let acc = std::mem::replace(&mut self.acc, Term::nil());
        let out = std::mem::take(&mut self.out);
        match self.kind {
            Kind::Each => Term::ok(),
            Kind::Map | Kind::Filter(_) | Kind::FlatMap => Term::list(out),
            Kind::Reduce | Kind::ReduceWhile | Kind::Find | Kind::FindValue => acc,
            Kind::MapReduce => Term::tuple(vec![Term::list(out), acc]),
            Kind::Any(want) => Term::bool(!want),
            Kind::FindIndex => Term::nil(),
            Kind::Count => Term::Int(self.seen),
        }
    }
}

impl Native for Walk {
    fn step(&mut self, answer: Option<Term>, args: &mut Vec<Term>) -> Result<Next> {
        if let Some(answer) = answer {
            if let Some(done) = self.take(answer)? {
                return Ok(Next::Done(done));
            }
        }
        let Some(x) = self.cursor.next() else {
            return Ok(Next::Done(self.finish()));
        };
        match self.kind {
            Kind::Filter(_) | Kind::Find => self.current = x.clone(),
            Kind::FindIndex | Kind::ReduceWhile => self.seen += 1,
            _ => {}
        }
        args.push(x);
        if self.kind.folds() {
            args.push(std::mem::replace(&mut self.acc, HOLE));
        }
        Ok(Next::Call)
    }

    fn callee(&self) -> &Callee {
        &self.callee
    }
}
