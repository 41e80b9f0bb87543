//! `get_and_update_in/2,3` and `pop_in/1,2`: one walk down a path that hands the value
//! at its end to a function answering `{get, new}` or `:pop`, then rebuilds each level.
//! A `[key]` step is `Access.get_and_update/3` (a missing key is `nil`, a keyword list
//! updates its first entry); a `.field` step is `Map.get_and_update!/3` (the field must
//! exist). `pop_in` stops early at a missing level, as Elixir's `pop_in_data/2` does.

use super::access_path::{field_error, Key};
use super::Evaluator;
use crate::error::{Error, Result};
use crate::inspect::inspect_plain;
use crate::term::Term;

/// What the function at the end of the path (or a level below) asks of a level.
enum Reply {
    Update(Term, Term),
    Pop,
}

/// The leaf: the old value in, the function's raw answer out.
pub(crate) type Leaf<'f, 'a> = dyn FnMut(&mut Evaluator<'a>, Term) -> Result<Term> + 'f;

impl<'a> Evaluator<'a> {
    /// `{get, data with the path's end replaced or removed}`. `pop` makes a missing
    /// level end the walk with `{nil, data}` instead of an error.
    pub(crate) fn get_and_update_keys(
        &mut self,
        data: Term,
        keys: &[Key],
        pop: bool,
        leaf: &mut Leaf<'_, 'a>,
    ) -> Result<Term> {
        if let (true, Some(Key::Access(k)), true) = (pop, keys.first(), data.is_nil()) {
            return Err(Error::argument(format!(
                "could not pop key {} on a nil value",
                inspect_plain(k)
            )));
        }
        let (get, new) = self.walk(data, keys, pop, leaf)?;
        Ok(Term::tuple(vec![get, new]))
    }

    fn walk(
        &mut self,
        data: Term,
        keys: &[Key],
        pop: bool,
        leaf: &mut Leaf<'_, 'a>,
    ) -> Result<(Term, Term)> {
        let Some((key, rest)) = keys.split_first() else {
            unreachable!("a path has at least one step");
        };
        let current = current(&data, key)?;
        let reply = if rest.is_empty() {
            let answer = leaf(self, current.clone())?;
            reply(answer)?
        } else if pop && current.is_nil() {
            Reply::Pop
        } else {
            let (get, new) = self.walk(current.clone(), rest, pop, leaf)?;
            Reply::Update(get, new)
        };
        Ok(match reply {
            Reply::Update(get, new) => (get, put(data, key, Some(new))),
            Reply::Pop => (current, put(data, key, None)),
        })
    }
}

/// The value at one step, or the error Elixir raises reading it.
fn current(data: &Term, key: &Key) -> Result<Term> {
    match key {
        Key::Field(k) => match data {
            Term::Map(m) => m.get(k).cloned().ok_or_else(|| {
                let fields = vec![
                    ("key", k.clone()),
                    ("term", data.clone()),
                    ("message", Term::nil()),
                ];
                field_error("KeyError", fields, k, data)
            }),
            _ => Err(field_error(
                "BadMapError",
                vec![("term", data.clone())],
                k,
                data,
            )),
        },
        Key::Access(k) if data.is_nil() => Err(Error::argument(format!(
            "could not put/update key {} on a nil value",
            inspect_plain(k)
        ))),
        Key::Access(k) => super::builtins::access::get(data, k, Term::nil()),
    }
}

/// The function's answer: `{get, new}` or `:pop`.
fn reply(answer: Term) -> Result<Reply> {
    match answer.as_tuple() {
        Some([get, new]) => Ok(Reply::Update(get.clone(), new.clone())),
        _ if answer.is_atom("pop") => Ok(Reply::Pop),
        _ => Err(Error::raise_message(
            "RuntimeError",
            format!(
                "the given function must return a two-element tuple or :pop, got: {}",
                inspect_plain(&answer)
            ),
        )),
    }
}

/// `data` with the step's key set to `new`, or removed when `new` is `None`. A keyword
/// list replaces (or drops) its first entry for the key, or puts a new one in front.
fn put(data: Term, key: &Key, new: Option<Term>) -> Term {
    let k = match key {
        Key::Field(k) | Key::Access(k) => k,
    };
    match data {
        Term::Map(mut m) => {
            let entries = std::sync::Arc::make_mut(&mut m);
            match new {
                Some(v) => entries.insert(k.clone(), v),
                None => entries.remove(k),
            };
            Term::Map(m)
        }
        Term::List(items) => {
            let mut items = items.to_vec();
            let at = items
                .iter()
                .position(|p| matches!(p.as_tuple(), Some([key, _]) if key == k));
            match (at, new) {
                (Some(i), Some(v)) => items[i] = Term::tuple(vec![k.clone(), v]),
                (Some(i), None) => {
                    items.remove(i);
                }
                (None, Some(v)) => items.insert(0, Term::tuple(vec![k.clone(), v])),
                (None, None) => {}
            }
            Term::list(items)
        }
        // `current` accepted only maps, keyword lists and (for `pop_in`) nothing else.
        other => other,
    }
}
