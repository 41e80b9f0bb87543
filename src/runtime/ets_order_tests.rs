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
fn select_lists_the_slots_walked_backwards() {
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
fn a_table_grown_one_insert_at_a_time_is_what_is_inferred() {
    let mut size = TableSize::default();
    for n in 1..=600 {
        size.inserted();
        let inferred = TableSize::inferred(n, n);
        assert_eq!(
            (size.nitems, size.nactive),
            (inferred.nitems, inferred.nactive)
        );
    }
    assert_eq!(TableSize::inferred(3, 3).nactive, FIRST_SLOTS);
    // Deletions down to half the slots leave them all.
    assert_eq!(TableSize::inferred(260, 300).nactive, 300);
}

/// `:erlang.phash2/1,2` as iex printed them.
#[test]
fn phash2_matches_the_beams() {
    let full = 1 << 27;
    let a = Term::Atom(Atom::from_static("a"));
    assert_eq!(phash2(&bin("a"), full), 112802447);
    assert_eq!(phash2(&bin("a"), 7), 6);
    assert_eq!(phash2(&bin("b"), 7), 0);
    assert_eq!(phash2(&bin(""), full), 13708901);
    assert_eq!(phash2(&bin("abcdefghijklmnop"), 7), 2);
    assert_eq!(phash2(&Term::Atom(Atom::from_static("foo")), full), 27999);
    assert_eq!(phash2(&Term::Int(-1), full), 44071773);
    assert_eq!(phash2(&Term::Int(1000), 7), 1);
    assert_eq!(phash2(&Term::Pid(crate::term::Pid(113)), full), 58572110);
    let t = Term::tuple(vec![bin("a"), Term::Int(1)]);
    assert_eq!(phash2(&t, full), 32596747);
    assert_eq!(phash2(&Term::tuple(vec![a]), full), 35332806);
    let t = Term::tuple(vec![bin("a"), Term::Atom(Atom::from_static("b"))]);
    assert_eq!(phash2(&t, full), 128021047);
}

/// One slot's chain, as `:ets.slot/2` showed it for a Registry's table: "room1" then
/// "room8" share slot 153, the newer key at the head; a duplicate key's objects stay in
/// insertion order after the key's place.
#[test]
fn a_chain_holds_the_newest_key_first_and_a_keys_objects_in_order() {
    let (r1, r8) = (bin("room1"), bin("room8"));
    assert_eq!(key_hash(&r1) & 255, 153);
    assert_eq!(key_hash(&r8) & 255, 153);
    let placed = |key: &Term, group, seq| Placed {
        hash: key_hash(key),
        group,
        seq,
        item: (key.clone(), seq),
    };
    let objects = vec![placed(&r1, 1, 1), placed(&r8, 2, 2), placed(&r1, 1, 3)];
    let got = select_order(objects, TableSize::default());
    assert_eq!(got, vec![(r8.clone(), 2), (r1.clone(), 1), (r1, 3)]);
}
