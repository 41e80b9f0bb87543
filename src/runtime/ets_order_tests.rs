//! The slots and orders below were read off real ETS tables (OTP 25) with
//! `:ets.slot/2` and `:ets.tab2list/1`, in a `:set` table created as a Registry's.

use super::*;
use crate::term::{Atom, Term};

fn bin(s: &str) -> Term {
    Term::Binary(s.as_bytes().into())
}

fn sample() -> Vec<(Term, usize)> {
    vec![
        (bin("a"), 89),
        (bin("b"), 228),
        (bin("cool_name"), 219),
        (bin("other"), 211),
        (bin(""), 182),
        (bin("abcdefghijklmnop"), 167),
        (Term::Int(1), 86),
        (Term::Int(0), 200),
        (Term::Int(-1), 4),
        (Term::Atom(Atom::from_static("foo")), 95),
        (Term::tuple(vec![bin("a"), Term::Int(1)]), 45),
    ]
}

#[test]
fn keys_land_in_the_beams_slots() {
    for (key, slot) in sample() {
        assert_eq!(key_hash(&key) as usize & 255, slot, "{key:?}");
    }
}

#[test]
fn select_lists_the_walk_reversed() {
    let objects = sample()
        .into_iter()
        .enumerate()
        .map(|(i, (key, _))| Placed {
            hash: key_hash(&key),
            group: i as u64,
            seq: i as u64,
            item: key,
        })
        .collect();
    let got = select_order(objects, TableSize::default());
    let want = vec![
        bin(""),
        Term::tuple(vec![bin("a"), Term::Int(1)]),
        bin("abcdefghijklmnop"),
        bin("b"),
        Term::Atom(Atom::from_static("foo")),
        bin("cool_name"),
        bin("a"),
        Term::Int(1),
        bin("other"),
        Term::Int(0),
        Term::Int(-1),
    ];
    assert_eq!(got, want);
}

#[test]
fn a_table_grows_past_its_first_slots_and_shrinks_back() {
    let mut size = TableSize::default();
    for _ in 0..300 {
        size.inserted();
    }
    assert_eq!(size.nactive, 300);
    size.removed(200);
    assert_eq!(size.nactive, 295);
    for _ in 0..100 {
        size.removed(0);
    }
    assert_eq!(size.nactive, FIRST_SLOTS);
}
