//! The `Inspect` protocol of Elixir 1.14, one arm per kind of term: which document each
//! value becomes, how the item limit flows into nested collections, and when a list is
//! shown as a charlist or keywords and a map as a struct or range.

use super::algebra::{self, concat, concat_all, text, ContainerBreak, Doc, Item};
use super::identifier::{
    escape, inspect_atom, inspect_key, is_ascii_printable_list, is_printable_string,
};
use super::{float, structs, Palette};
use crate::term::{Fun, Term};
use std::collections::BTreeMap;

/// What every conversion needs besides the term and the remaining item limit.
pub(crate) struct Ctx<'p> {
    pub palette: Option<&'p Palette>,
    pub printable_limit: usize,
    /// `base:` of integers: 2, 8, 10 or 16.
    pub base: u32,
    /// `charlists: :as_lists`: printable lists stay lists of integers.
    pub charlists_as_lists: bool,
    /// `structs: false`: a struct prints as its map.
    pub structs: bool,
    /// Field orders of the structs a learner defined.
    pub user_structs: Option<&'p std::collections::HashMap<String, Vec<String>>>,
}

type Role = fn(&Palette) -> Option<&'static str>;

const ATOM: Role = |p| p.atom;
const STRING: Role = |p| p.string;
const NUMBER: Role = |p| p.number;
const CONTAINER: Role = |p| p.container;

impl Ctx<'_> {
    fn paint(&self, doc: Doc, role: Role) -> Doc {
        match self.palette {
            Some(p) => algebra::color(doc, role(p), p.reset),
            None => doc,
        }
    }

    /// `Inspect.Algebra.to_doc/2`, where `limit` is what remains of `:limit` here.
    pub fn to_doc(&self, term: &Term, limit: usize) -> Doc {
        match term {
            Term::Int(i) => self.paint(text(integer(*i, self.base)), NUMBER),
            Term::Float(f) => self.paint(text(float::format_float(*f)), NUMBER),
            Term::Atom(a) => self.atom(a.name()),
            Term::Binary(b) => self.binary(b, limit),
            Term::Pid(p) => text(format!("#PID<0.{}.0>", p.0)),
            Term::Ref(r) => text(reference(*r)),
            Term::Fun(f) => text(function(f)),
            Term::Tuple(items) => {
                let items = self.items(items, None, limit, |t, l| self.to_doc(t, l));
                self.container("{", items, "}", ContainerBreak::Flex)
            }
            Term::List(items) => self.list(items, limit),
            Term::ImproperList(items, tail) => {
                let items = self.items(items, Some(tail), limit, |t, l| self.to_doc(t, l));
                self.container("[", items, "]", ContainerBreak::Maybe)
            }
            Term::Map(map) => self.map(map, limit),
        }
    }

    fn atom(&self, name: &str) -> Doc {
        let role: Role = match name {
            "true" | "false" => |p| p.boolean,
            "nil" => |p| p.nil,
            _ => ATOM,
        };
        self.paint(text(inspect_atom(name)), role)
    }

    /// `container_each/6`: converts items until the limit runs out, then adds `...`.
    /// Each item sees the limit left after it, as in Elixir.
    fn items<T>(
        &self,
        elems: &[T],
        tail: Option<&Term>,
        mut limit: usize,
        f: impl Fn(&T, usize) -> Doc,
    ) -> Vec<Item> {
        let mut out = Vec::with_capacity(elems.len().min(limit + 1));
        for (i, elem) in elems.iter().enumerate() {
            if limit == 0 {
                out.push(Item::Doc(text("...")));
                break;
            }
            limit -= 1;
            match tail {
                Some(tail) if i + 1 == elems.len() => {
                    out.push(Item::Tail(f(elem, limit), self.to_doc(tail, limit)))
                }
                _ => out.push(Item::Doc(f(elem, limit))),
            }
        }
        out
    }

    fn container(&self, open: &str, items: Vec<Item>, close: &str, mode: ContainerBreak) -> Doc {
        let open = self.paint(text(open), CONTAINER);
        let close = self.paint(text(close), CONTAINER);
        let sep = self.paint(text(","), CONTAINER);
        algebra::container_doc(open, items, close, sep, mode)
    }

    fn list(&self, items: &[Term], limit: usize) -> Doc {
        if items.is_empty() {
            return self.paint(text("[]"), CONTAINER);
        }
        let codes = items.iter().map(Term::as_int);
        if !self.charlists_as_lists && is_ascii_printable_list(codes, self.printable_limit) {
            return self.charlist(items);
        }
        if is_keyword(items.iter().map(|item| match item.as_tuple() {
            Some([k, _]) => Some(k),
            _ => None,
        })) {
            let items = self.items(items, None, limit, |t, l| match t.as_tuple() {
                Some([k, v]) => self.keyword(k, v, l),
                _ => self.to_doc(t, l),
            });
            return self.container("[", items, "]", ContainerBreak::Strict);
        }
        let items = self.items(items, None, limit, |t, l| self.to_doc(t, l));
        self.container("[", items, "]", ContainerBreak::Maybe)
    }

    /// A printable charlist, `'abc'`, cut after `printable_limit` characters.
    fn charlist(&self, items: &[Term]) -> Doc {
        let bytes: Vec<u8> = items
            .iter()
            .filter_map(|t| t.as_int())
            .map(|c| c as u8)
            .collect();
        let (escaped, more) = escape(&bytes, b'\'', Some(self.printable_limit));
        let suffix = if more { " ++ ..." } else { "" };
        self.paint(text(format!("'{escaped}'{suffix}")), |p| p.charlist)
    }

    fn keyword(&self, key: &Term, value: &Term, limit: usize) -> Doc {
        let name = key.as_atom().map(|a| a.name()).unwrap_or_default();
        let key = self.paint(text(inspect_key(name)), ATOM);
        concat(key, concat(text(" "), self.to_doc(value, limit)))
    }

    fn binary(&self, bytes: &[u8], limit: usize) -> Doc {
        if is_printable_string(bytes, self.printable_limit) {
            let (escaped, more) = escape(bytes, b'"', Some(self.printable_limit));
            let suffix = if more { " <> ..." } else { "" };
            return self.paint(text(format!("\"{escaped}\"{suffix}")), STRING);
        }
        if bytes.is_empty() {
            return self.paint(text("<<>>"), CONTAINER);
        }
        let open = self.paint(text("<<"), CONTAINER);
        let close = self.paint(text(">>"), CONTAINER);
        let inner = self.each_byte(bytes, limit);
        algebra::group(concat(concat(open, algebra::nest(inner, 2)), close))
    }

    /// `each_bit/3`: bytes separated by flex breaks, `...` once the limit is reached.
    fn each_byte(&self, bytes: &[u8], limit: usize) -> Doc {
        let shown = bytes.len().min(limit);
        let mut acc = if bytes.len() > limit {
            text("...")
        } else {
            Doc::Nil
        };
        for (i, b) in bytes[..shown].iter().enumerate().rev() {
            let num = self.paint(text(b.to_string()), NUMBER);
            acc = if i + 1 == bytes.len() {
                num
            } else {
                algebra::flex_glue(concat(num, text(",")), " ", acc)
            };
        }
        acc
    }

    fn map(&self, map: &BTreeMap<Term, Term>, limit: usize) -> Doc {
        if let Some(doc) = self.structs.then(|| self.structure(map, limit)).flatten() {
            return doc;
        }
        // Known gap: the BEAM walks maps of more than 32 keys in hash order (a HAMT);
        // we print those in key order too, so they differ from iex.
        let mut pairs: Vec<(&Term, &Term)> = map.iter().collect();
        pairs.sort_by(|(a, _), (b, _)| map_key_cmp(a, b));
        let items = if is_keyword(pairs.iter().map(|(k, _)| Some(*k))) {
            self.items(&pairs, None, limit, |(k, v), l| self.keyword(k, v, l))
        } else {
            let arrow = || self.paint(text(" => "), CONTAINER);
            self.items(&pairs, None, limit, |(k, v), l| {
                concat_all(vec![self.to_doc(k, l), arrow(), self.to_doc(v, l)])
            })
        };
        self.container("%{", items, "}", ContainerBreak::Strict)
    }

    /// A struct (`%KeyError{...}`) or range (`1..10//2`), if `map` is one.
    fn structure(&self, map: &BTreeMap<Term, Term>, limit: usize) -> Option<Doc> {
        let module = map.get(&Term::atom("__struct__"))?.as_atom()?.name();
        let field = |name: &str| map.get(&Term::atom(name));
        // `Inspect.Range` is chosen by `__struct__` alone and, for ranges built before
        // steps existed, infers the step from the bounds.
        if let ("Elixir.Range", Some(first), Some(last)) = (module, field("first"), field("last")) {
            let inferred = Term::Int(if first <= last { 1 } else { -1 });
            let step = field("step").unwrap_or(&inferred);
            return Some(self.range(first, last, step, limit));
        }
        let keys: Option<Vec<&str>> = map.keys().map(|k| k.as_atom().map(|a| a.name())).collect();
        let keys = keys?;
        let user: Option<Vec<&str>> = self
            .user_structs
            .and_then(|u| u.get(module))
            .filter(|fields| {
                // Exactly the struct's keys, as `Inspect.Any` checks against `__struct__/0`.
                let extra = usize::from(keys.contains(&"__exception__"));
                keys.len() == fields.len() + 1 + extra
                    && fields.iter().all(|f| keys.contains(&f.as_str()))
            })
            .map(|fields| fields.iter().map(String::as_str).collect());
        let fields: &[&str] = match &user {
            Some(fields) => fields,
            None => structs::fields_of(module, &keys)?,
        };
        let values: Vec<(Term, &Term)> = fields
            .iter()
            .filter_map(|f| Some((Term::atom(f), field(f)?)))
            .collect();
        let items = self.items(&values, None, limit, |(k, v), l| self.keyword(k, v, l));
        let open = format!("%{}{{", inspect_atom(module));
        Some(self.container(&open, items, "}", ContainerBreak::Strict))
    }

    fn range(&self, first: &Term, last: &Term, step: &Term, limit: usize) -> Doc {
        let mut parts = vec![
            self.to_doc(first, limit),
            text(".."),
            self.to_doc(last, limit),
        ];
        let ascending = last.compare(first).is_ge();
        if !(ascending && step.as_int() == Some(1)) {
            parts.push(text("//"));
            parts.push(self.to_doc(step, limit));
        }
        concat_all(parts)
    }
}

/// `Inspect.List.keyword?/1`: every key an atom that is not an alias (`Elixir.`).
fn is_keyword<'a>(mut keys: impl Iterator<Item = Option<&'a Term>>) -> bool {
    keys.all(|k| matches!(k.and_then(Term::as_atom), Some(a) if !a.name().starts_with("Elixir.")))
}

/// How iex shows a function typed at the prompt: erl_eval's closure for its arity.
/// The index and the module hash are those of OTP 25's `erl_eval`.
/// `#Reference<...>`. A node's references (numbered from `Ref::NODE_BASE`) print as long
/// as the BEAM's own, so layouts break where iex's do.
fn reference(r: crate::term::Ref) -> String {
    match r.0.checked_sub(crate::term::Ref::NODE_BASE) {
        Some(n) => format!("#Reference<0.3022779207.2041905153.{}>", 110_000 + n),
        None => format!("#Reference<0.0.0.{}>", r.0),
    }
}

fn function(f: &Fun) -> String {
    if let Some((module, name)) = &f.capture {
        let name = crate::inspect::inspect_atom(name);
        return format!(
            "&{}.{}/{}",
            crate::inspect::inspect_plain(module),
            name.trim_start_matches(':'),
            f.arity
        );
    }
    if let Some(defined) = &f.defined_in {
        let (index, function) = &**defined;
        let module = function.rsplit_once('.').map_or("", |(m, _)| m);
        return format!(
            "#Function<{index}.{}/{} in {function}>",
            module_uniq(module),
            f.arity
        );
    }
    let index = 43usize.saturating_sub(f.arity);
    format!("#Function<{index}.3316493/{} in :erl_eval.expr/6>", f.arity)
}

/// The number iex shows after a module fun's index: the BEAM's hash of the module's
/// code, which otpsh has none of; a stable number made from the module's name stands in.
fn module_uniq(module: &str) -> u32 {
    let hash = module.bytes().fold(2_166_136_261u32, |h, b| {
        (h ^ u32::from(b)).wrapping_mul(16_777_619)
    });
    hash % 100_000_000
}

/// The order the BEAM keeps map keys in: term order, except that every integer sorts
/// before every float (`%{2 => _, 1.5 => _}`), at any depth.
fn map_key_cmp(a: &Term, b: &Term) -> std::cmp::Ordering {
    use std::cmp::Ordering;
    match (a, b) {
        (Term::Int(_), Term::Float(_)) => Ordering::Less,
        (Term::Float(_), Term::Int(_)) => Ordering::Greater,
        (Term::Tuple(x), Term::Tuple(y)) if x.len() == y.len() => seq_cmp(x, y),
        (Term::List(x), Term::List(y)) => seq_cmp(x, y).then(x.len().cmp(&y.len())),
        _ => a.cmp(b),
    }
}

fn seq_cmp(x: &[Term], y: &[Term]) -> std::cmp::Ordering {
    x.iter()
        .zip(y)
        .map(|(a, b)| map_key_cmp(a, b))
        .find(|o| o.is_ne())
        .unwrap_or(std::cmp::Ordering::Equal)
}

/// An integer in the `base:` of `Inspect.Opts`, prefixed as Elixir writes a literal in
/// that base (`0xFF`, `-0b101`); hexadecimal digits are upper case.
fn integer(i: i64, base: u32) -> String {
    let magnitude = i.unsigned_abs();
    let digits = match base {
        2 => format!("0b{magnitude:b}"),
        8 => format!("0o{magnitude:o}"),
        16 => format!("0x{magnitude:X}"),
        _ => return i.to_string(),
    };
    if i < 0 {
        format!("-{digits}")
    } else {
        digits
    }
}
