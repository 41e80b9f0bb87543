//! Elixir values as the runtime, the evaluator and the printer share them.
//!
//! A `Term` is immutable and cheap to clone (compound terms sit behind `Arc`), so it
//! crosses scheduler threads freely. This module owns the term order of the BEAM
//! (`number < atom < reference < fun < pid < tuple < map < list < bitstring`) and the
//! constructors everyone uses; it never prints (that is `inspect.rs`) and never interns
//! atoms into a node's table (that is `runtime::atoms`).

mod list;

pub use list::List;
use std::cmp::Ordering;
use std::collections::BTreeMap;
use std::fmt;
use std::hash::{Hash, Hasher};
use std::sync::Arc;

/// An atom's name. Atoms compare by name, as on the BEAM (`:a < :b`); the node's atom
/// table decides whether creating one counts against the limit.
#[derive(Clone)]
pub struct Atom(Name);

/// Where an atom's name is: the atoms the runtime makes all the time (`:nil`, `:ok`,
/// `:true`...) name a string of the program, so making one allocates nothing.
#[derive(Clone)]
enum Name {
    Common(&'static str),
    Shared(Arc<str>),
}

/// The atoms the runtime makes over and over (answers, booleans, a range's keys, OTP's
/// tags).
const COMMON: &[&str] = &[
    "nil",
    "true",
    "false",
    "ok",
    "error",
    "undefined",
    "normal",
    "shutdown",
    "killed",
    "infinity",
    "noproc",
    "timeout",
    "DOWN",
    "EXIT",
    "process",
    "cont",
    "halt",
    "reply",
    "noreply",
    "stop",
    "__struct__",
    "Elixir.Range",
    "first",
    "last",
    "step",
    "message",
    "$gen_call",
    "$gen_cast",
    "alias",
    "badarg",
    "badarith",
    "badmatch",
    "exit",
    "done",
];

impl Atom {
    /// An atom the BEAM already has at boot (`:ok`, `:error`, module names...). Code of
    /// the runtime uses this; atoms coming from user input go through the atom table.
    pub fn from_static(name: &str) -> Atom {
        match COMMON.iter().find(|c| **c == name) {
            Some(common) => Atom(Name::Common(common)),
            None => Atom(Name::Shared(Arc::from(name))),
        }
    }

    /// The very same atom value (not only the same name): a pointer comparison.
    pub(crate) fn same_ref(&self, other: &Atom) -> bool {
        match (&self.0, &other.0) {
            (Name::Shared(a), Name::Shared(b)) => Arc::ptr_eq(a, b),
            (Name::Common(a), Name::Common(b)) => std::ptr::eq(*a, *b),
            _ => false,
        }
    }

    pub(crate) fn from_arc(name: Arc<str>) -> Atom {
        Atom(Name::Shared(name))
    }

    pub fn name(&self) -> &str {
        match &self.0 {
            Name::Common(name) => name,
            Name::Shared(name) => name,
        }
    }
}

impl PartialEq for Atom {
    fn eq(&self, other: &Atom) -> bool {
        self.same_ref(other) || self.name() == other.name()
    }
}
impl Eq for Atom {}
impl PartialOrd for Atom {
    fn partial_cmp(&self, other: &Atom) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}
impl Ord for Atom {
    fn cmp(&self, other: &Atom) -> Ordering {
        self.name().cmp(other.name())
    }
}
impl Hash for Atom {
    fn hash<H: Hasher>(&self, state: &mut H) {
        self.name().hash(state)
    }
}
impl fmt::Debug for Atom {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, ":{}", self.name())
    }
}

/// A process identifier, printed `#PID<0.N.0>`. Numbers are handed out in order by the
/// runtime, so the same script gives the same PIDs on every run.
#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Debug)]
pub struct Pid(pub u64);

/// A reference (`make_ref/0`, monitors, call tags), printed `#Reference<0.0.0.N>`.
#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Debug)]
pub struct Ref(pub u64);

impl Ref {
    /// A node numbers its references from here; they print with the BEAM's width
    /// (`#Reference<0.3022779207.2041905153.110001>`).
    pub const NODE_BASE: u64 = 1 << 40;
}

/// An anonymous function. The body is the evaluator's business; the runtime and the
/// printer only need its identity and arity.
pub struct Fun {
    pub id: u64,
    pub arity: usize,
    pub body: Arc<dyn std::any::Any + Send + Sync>,
    /// For `&Mod.fun/arity`: the module and function, which is how iex prints it.
    pub capture: Option<(Term, String)>,
    /// For a fn a module's code made: its index among the module's funs and the
    /// function it is in (`M.f/0`), which is how iex prints it.
    pub defined_in: Option<Box<(u32, String)>>,
}

impl fmt::Debug for Fun {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "#Function<{}/{}>", self.id, self.arity)
    }
}

#[derive(Clone, Debug)]
pub enum Term {
    Int(i64),
    Float(f64),
    Atom(Atom),
    /// A binary. Elixir strings are UTF-8 binaries; the printer shows `<<...>>` for the
    /// rest.
    Binary(Arc<[u8]>),
    Pid(Pid),
    Ref(Ref),
    Fun(Arc<Fun>),
    Tuple(Arc<[Term]>),
    /// A proper list.
    List(List),
    /// `[a, b | tail]` where `tail` is not a list. `items` is never empty.
    ImproperList(Arc<[Term]>, Arc<Term>),
    Map(Arc<BTreeMap<Term, Term>>),
}

impl Term {
    pub fn atom(name: &str) -> Term {
        Term::Atom(Atom::from_static(name))
    }
    pub fn ok() -> Term {
        Term::atom("ok")
    }
    pub fn nil() -> Term {
        Term::atom("nil")
    }
    pub fn bool(b: bool) -> Term {
        Term::atom(if b { "true" } else { "false" })
    }
    pub fn string(s: &str) -> Term {
        Term::Binary(Arc::from(s.as_bytes()))
    }
    pub fn tuple(items: Vec<Term>) -> Term {
        Term::Tuple(Arc::from(items))
    }
    pub fn list(items: Vec<Term>) -> Term {
        Term::List(List::from(items))
    }
    pub fn empty_list() -> Term {
        Term::List(List::new())
    }
    pub fn map(entries: Vec<(Term, Term)>) -> Term {
        Term::Map(Arc::new(entries.into_iter().collect()))
    }
    /// `{:ok, value}`
    pub fn ok_tuple(value: Term) -> Term {
        Term::tuple(vec![Term::ok(), value])
    }
    /// `{:error, reason}`
    pub fn error_tuple(reason: Term) -> Term {
        Term::tuple(vec![Term::atom("error"), reason])
    }
    /// An Elixir module name such as `Registry`, which is the atom `:"Elixir.Registry"`.
    pub fn module(alias: &str) -> Term {
        Term::Atom(Atom::from_static(&format!("Elixir.{alias}")))
    }

    pub fn as_atom(&self) -> Option<&Atom> {
        match self {
            Term::Atom(a) => Some(a),
            _ => None,
        }
    }
    pub fn is_atom(&self, name: &str) -> bool {
        matches!(self, Term::Atom(a) if a.name() == name)
    }
    pub fn is_nil(&self) -> bool {
        self.is_atom("nil")
    }
    /// Elixir truthiness: everything but `nil` and `false`.
    pub fn is_truthy(&self) -> bool {
        !(self.is_atom("nil") || self.is_atom("false"))
    }
    pub fn as_str(&self) -> Option<&str> {
        match self {
            Term::Binary(b) => std::str::from_utf8(b).ok(),
            _ => None,
        }
    }
    pub fn as_tuple(&self) -> Option<&[Term]> {
        match self {
            Term::Tuple(t) => Some(t),
            _ => None,
        }
    }
    pub fn as_list(&self) -> Option<&[Term]> {
        match self {
            Term::List(l) => Some(&l[..]),
            _ => None,
        }
    }
    pub fn as_pid(&self) -> Option<Pid> {
        match self {
            Term::Pid(p) => Some(*p),
            _ => None,
        }
    }
    pub fn as_int(&self) -> Option<i64> {
        match self {
            Term::Int(i) => Some(*i),
            _ => None,
        }
    }

    /// Looks a key up in a keyword list (`[keys: :unique, name: Registry]`).
    pub fn keyword_get(&self, key: &str) -> Option<&Term> {
        self.as_list()?
            .iter()
            .find_map(|item| match item.as_tuple() {
                Some([k, v]) if k.is_atom(key) => Some(v),
                _ => None,
            })
    }

    /// Rank of the term's type in the BEAM's term order.
    fn type_rank(&self) -> u8 {
        match self {
            Term::Int(_) | Term::Float(_) => 0,
            Term::Atom(_) => 1,
            Term::Ref(_) => 2,
            Term::Fun(_) => 3,
            Term::Pid(_) => 5,
            Term::Tuple(_) => 6,
            Term::Map(_) => 7,
            Term::List(_) | Term::ImproperList(..) => 8,
            Term::Binary(_) => 9,
        }
    }

    /// Elixir's `==`: numbers compare by value (`1 == 1.0`).
    pub fn loose_eq(&self, other: &Term) -> bool {
        self.compare(other) == Ordering::Equal
    }

    /// Elixir's `<`, `>`, `<=`, `>=` order, where `1 == 1.0`.
    pub fn compare(&self, other: &Term) -> Ordering {
        match (self, other) {
            (Term::Int(a), Term::Float(b)) => (*a as f64).total_cmp(b),
            (Term::Float(a), Term::Int(b)) => a.total_cmp(&(*b as f64)),
            (Term::Tuple(a), Term::Tuple(b)) => a
                .len()
                .cmp(&b.len())
                .then_with(|| cmp_seq(a, b, Term::compare)),
            (Term::List(a), Term::List(b)) => {
                cmp_seq(a, b, Term::compare).then_with(|| a.len().cmp(&b.len()))
            }
            _ => self.cmp(other),
        }
    }
}

fn cmp_seq(a: &[Term], b: &[Term], f: fn(&Term, &Term) -> Ordering) -> Ordering {
    for (x, y) in a.iter().zip(b.iter()) {
        match f(x, y) {
            Ordering::Equal => {}
            o => return o,
        }
    }
    Ordering::Equal
}

/// Strict order (`===`): `1` and `1.0` differ, which is what map keys need.
impl Ord for Term {
    fn cmp(&self, other: &Term) -> Ordering {
        let rank = self.type_rank().cmp(&other.type_rank());
        if rank != Ordering::Equal {
            return rank;
        }
        match (self, other) {
            (Term::Int(a), Term::Int(b)) => a.cmp(b),
            (Term::Float(a), Term::Float(b)) => a.total_cmp(b),
            (Term::Int(a), Term::Float(b)) => (*a as f64).total_cmp(b).then(Ordering::Less),
            (Term::Float(a), Term::Int(b)) => a.total_cmp(&(*b as f64)).then(Ordering::Greater),
            (Term::Atom(a), Term::Atom(b)) => a.cmp(b),
            (Term::Binary(a), Term::Binary(b)) => a.cmp(b),
            (Term::Pid(a), Term::Pid(b)) => a.cmp(b),
            (Term::Ref(a), Term::Ref(b)) => a.cmp(b),
            (Term::Fun(a), Term::Fun(b)) => a.id.cmp(&b.id),
            (Term::Tuple(a), Term::Tuple(b)) => {
                a.len().cmp(&b.len()).then_with(|| cmp_seq(a, b, Term::cmp))
            }
            (Term::Map(a), Term::Map(b)) => {
                a.len().cmp(&b.len()).then_with(|| a.iter().cmp(b.iter()))
            }
            (Term::List(a), Term::List(b)) => cmp_seq(a, b, Term::cmp).then(a.len().cmp(&b.len())),
            (a, b) => list_parts(a).cmp(&list_parts(b)),
        }
    }
}

/// An improper list compared element by element, then by its tail.
fn list_parts(t: &Term) -> (Vec<Term>, Option<Term>) {
    match t {
        Term::List(items) => (items.to_vec(), None),
        Term::ImproperList(items, tail) => (items.to_vec(), Some((**tail).clone())),
        _ => (Vec::new(), None),
    }
}

impl PartialOrd for Term {
    fn partial_cmp(&self, other: &Term) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}
impl PartialEq for Term {
    fn eq(&self, other: &Term) -> bool {
        self.cmp(other) == Ordering::Equal
    }
}
impl Eq for Term {}

impl Hash for Term {
    fn hash<H: Hasher>(&self, state: &mut H) {
        std::mem::discriminant(self).hash(state);
        match self {
            Term::Int(i) => i.hash(state),
            Term::Float(f) => f.to_bits().hash(state),
            Term::Atom(a) => a.hash(state),
            Term::Binary(b) => b.hash(state),
            Term::Pid(p) => p.hash(state),
            Term::Ref(r) => r.hash(state),
            Term::Fun(f) => f.id.hash(state),
            Term::Tuple(t) => t.hash(state),
            Term::List(t) => t[..].hash(state),
            Term::ImproperList(t, tail) => {
                t.hash(state);
                tail.hash(state)
            }
            Term::Map(m) => {
                for (k, v) in m.iter() {
                    k.hash(state);
                    v.hash(state);
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn term_order_follows_the_beam() {
        let ordered = [
            Term::Int(1),
            Term::atom("a"),
            Term::Ref(Ref(1)),
            Term::Pid(Pid(1)),
            Term::tuple(vec![]),
            Term::map(vec![]),
            Term::empty_list(),
            Term::string(""),
        ];
        for w in ordered.windows(2) {
            assert!(w[0] < w[1], "{:?} < {:?}", w[0], w[1]);
        }
    }

    #[test]
    fn one_equals_one_point_zero_loosely_not_strictly() {
        assert!(Term::Int(1).loose_eq(&Term::Float(1.0)));
        assert_ne!(Term::Int(1), Term::Float(1.0));
    }

    #[test]
    fn atoms_compare_by_name() {
        assert!(Term::atom("active") < Term::atom("specs"));
    }

    #[test]
    fn keyword_get_finds_the_first_match() {
        let kw = Term::list(vec![
            Term::tuple(vec![Term::atom("keys"), Term::atom("unique")]),
            Term::tuple(vec![Term::atom("name"), Term::module("Registry")]),
        ]);
        assert_eq!(kw.keyword_get("name"), Some(&Term::module("Registry")));
        assert_eq!(kw.keyword_get("nope"), None);
    }
}
