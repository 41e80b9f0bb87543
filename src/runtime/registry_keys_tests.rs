use super::*;
use crate::runtime::registry_entries::Value;
use std::collections::HashMap;

fn entry(pid: u64, value: Term) -> Entry {
    Entry {
        pid: Pid(pid),
        proc: Arc::new(Process::new(Pid(pid), None)),
        value: Value::new(value),
    }
}

fn pids(entries: &Lent) -> Vec<u64> {
    entries.iter().map(|e| e.pid.0).collect()
}

fn quick(shard: &Shard, key: &str) -> Option<Option<u64>> {
    let short = ShortKey::new(key.as_bytes()).expect("a short key");
    assert_eq!(short.hash, key_hash(&Term::string(key)));
    shard.quick_lookup(short).map(|q| match q {
        Quick::Absent => None,
        Quick::One(pid) => Some(pid.0),
    })
}

/// The layout of the module's table, byte by byte.
fn pack_bytewise(bytes: &[u8]) -> (u64, u64) {
    let mut w0 = SHORT | (bytes.len() as u64) << 8;
    let mut w1 = 0;
    for (i, &b) in bytes.iter().enumerate() {
        if i < 6 {
            w0 |= (b as u64) << (16 + 8 * i);
        } else {
            w1 |= (b as u64) << (8 * (i - 6));
        }
    }
    (w0, w1)
}

#[test]
fn keys_pack_into_two_words_and_back_at_every_length() {
    let text = b"\xffbcdefghijkl\x80\x01";
    for n in 0..=SHORT_MAX {
        let (w0, w1) = pack(&text[..n]);
        assert_eq!((w0, w1), pack_bytewise(&text[..n]), "{n}");
        assert_eq!(w0 & 0xff, SHORT);
        let (bytes, len) = unpack(w0, w1);
        assert_eq!(&bytes[..len], &text[..n], "{n}");
        for i in 0..n {
            let mut b = text[..n].to_vec();
            b[i] ^= 1;
            assert_ne!(pack(&b), (w0, w1), "{n} differing at {i}");
        }
        if n > 0 {
            assert_ne!(pack(&text[..n - 1]), (w0, w1), "{n} and one shorter");
        }
    }
}

#[test]
fn the_table_finds_what_it_holds_and_nothing_else() {
    let shard = Shard::new();
    let long = Term::string("a key longer than fourteen bytes");
    let keys: Vec<Term> = (0..1000)
        .map(|i| Term::string(&format!("room_{i}")))
        .chain([
            Term::Int(1),
            Term::atom("a"),
            long.clone(),
            Term::string(""),
        ])
        .collect();
    for (i, k) in keys.iter().enumerate() {
        let value = if i % 2 == 0 {
            Term::nil()
        } else {
            Term::Int(7)
        };
        let inserted = shard
            .write()
            .insert(key_hash(k), k.clone(), entry(i as u64, value), true);
        assert_eq!(inserted, Ok(0));
    }
    let table = shard.read();
    for (i, k) in keys.iter().enumerate() {
        let found = table.get(key_hash(k), k).map(|e| pids(&e));
        assert_eq!(found, Some(vec![i as u64]), "{k:?}");
    }
    for k in [
        Term::string("room_1000"),
        Term::Float(1.0),
        Term::string("a"),
        Term::string("a key longer than fourteen byteZ"),
        Term::empty_list(),
    ] {
        assert!(table.get(key_hash(&k), &k).is_none(), "{k:?}");
    }
    let mut listed: Vec<Term> = table.iter().map(|(k, _)| k).collect();
    let mut expected = keys.clone();
    listed.sort();
    expected.sort();
    assert_eq!(listed, expected);
    drop(table);
    // Without the lock: even-numbered rooms have one nil entry, odd ones a value.
    assert_eq!(quick(&shard, "room_2"), Some(Some(2)));
    assert!(
        quick(&shard, "room_3").is_none(),
        "a value is read under the lock"
    );
    assert_eq!(quick(&shard, "room_1000"), Some(None));
}

/// Deleting shifts later keys of a run back: every key must stay reachable, whatever
/// the order of inserts and removals. Checked against a map, with and without the lock.
#[test]
fn removals_keep_every_other_key_reachable() {
    let shard = Shard::new();
    let mut model: HashMap<String, u64> = HashMap::new();
    let mut x: u64 = 0x2545_f491_4f6c_dd1d;
    for step in 0..20_000u64 {
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        let key = format!("k{}", x % 3000);
        let term = Term::string(&key);
        let hash = key_hash(&term);
        if x.is_multiple_of(3) {
            let (removed, _) = shard
                .write()
                .remove_where(hash, &term, |_| Ok::<_, ()>(true));
            assert_eq!(removed, model.remove(&key).map_or(0, |_| 1), "{key}");
        } else if let std::collections::hash_map::Entry::Vacant(place) = model.entry(key) {
            let r = shard
                .write()
                .insert(hash, term, entry(step, Term::nil()), true);
            assert_eq!(r, Ok(0));
            place.insert(step);
        }
    }
    for i in 0..3000 {
        let key = format!("k{i}");
        let want = model.get(&key).copied();
        assert_eq!(quick(&shard, &key), Some(want), "{key}");
        let term = Term::string(&key);
        let locked = shard.read().get(key_hash(&term), &term).map(|e| pids(&e));
        assert_eq!(locked, want.map(|p| vec![p]), "{key}");
    }
    assert_eq!(shard.read().iter().count(), model.len());
}

#[test]
fn a_unique_key_refuses_a_live_holder_and_replaces_a_dead_one() {
    let shard = Shard::new();
    let k = Term::string("cool_name");
    let h = key_hash(&k);
    let first = entry(1, Term::nil());
    let first_proc = first.proc.clone();
    assert_eq!(shard.write().insert(h, k.clone(), first, true), Ok(0));
    let second = shard
        .write()
        .insert(h, k.clone(), entry(2, Term::nil()), true);
    assert_eq!(second, Err(Pid(1)));
    first_proc
        .alive
        .store(false, std::sync::atomic::Ordering::Release);
    let third = shard
        .write()
        .insert(h, k.clone(), entry(3, Term::nil()), true);
    assert_eq!(third, Ok(1));
    assert_eq!(pids(&shard.read().get(h, &k).unwrap()), vec![3]);
    // The replaced entry's process reference was dropped, the new one is held once.
    assert_eq!(Arc::strong_count(&first_proc), 1);
}

#[test]
fn duplicate_entries_keep_their_order_values_and_removals() {
    let shard = Shard::new();
    let k = Term::atom("topic");
    let h = key_hash(&k);
    for (pid, value) in [(1, Term::nil()), (2, Term::Int(2)), (3, Term::nil())] {
        let r = shard.write().insert(h, k.clone(), entry(pid, value), false);
        assert_eq!(r, Ok(0));
    }
    let nil = Term::nil();
    let values = |shard: &Shard| -> Vec<Term> {
        let table = shard.read();
        let entries = table.get(h, &k).unwrap();
        entries.iter().map(|e| e.value(&nil).clone()).collect()
    };
    assert_eq!(values(&shard), vec![Term::nil(), Term::Int(2), Term::nil()]);
    assert!(shard.write().set_value(h, &k, Pid(3), Term::Int(9)));
    assert!(!shard.write().set_value(h, &k, Pid(4), Term::Int(9)));
    // An error stops the removal: the entry it came from and the rest stay.
    let (removed, error) = shard.write().remove_where(h, &k, |e| match e.pid.0 {
        1 => Ok(true),
        2 => Err("stop"),
        _ => Ok(true),
    });
    assert_eq!((removed, error), (1, Some("stop")));
    assert_eq!(pids(&shard.read().get(h, &k).unwrap()), vec![2, 3]);
    let (removed, _) = shard
        .write()
        .remove_where(h, &k, |e| Ok::<_, ()>(e.pid.0 == 2));
    assert_eq!(removed, 1);
    assert_eq!(values(&shard), vec![Term::Int(9)]);
    let (removed, _) = shard.write().remove_where(h, &k, |_| Ok::<_, ()>(true));
    assert_eq!(removed, 1);
    assert!(shard.read().get(h, &k).is_none());
}

#[test]
fn clearing_drops_every_process_reference_and_key() {
    let shard = Shard::new();
    let procs: Vec<Arc<Process>> = (0..100)
        .map(|i| Arc::new(Process::new(Pid(i), None)))
        .collect();
    for (i, p) in procs.iter().enumerate() {
        let key = if i % 2 == 0 {
            Term::string(&format!("r{i}"))
        } else {
            Term::tuple(vec![Term::Int(i as i64)])
        };
        let e = Entry {
            pid: p.pid,
            proc: p.clone(),
            value: Value::new(Term::nil()),
        };
        shard.write().insert(key_hash(&key), key, e, true).unwrap();
    }
    assert!(procs.iter().all(|p| Arc::strong_count(p) == 2));
    shard.write().clear();
    assert!(procs.iter().all(|p| Arc::strong_count(p) == 1));
    assert_eq!(shard.read().iter().count(), 0);
    assert_eq!(quick(&shard, "r0"), Some(None));
}

/// Readers without the lock, while a writer grows the table and moves runs around:
/// a key that is there all along is never reported absent, nor as another pid.
#[test]
fn quick_lookups_racing_writes_see_the_truth_or_ask_the_lock() {
    let shard = Arc::new(Shard::new());
    let stable: Vec<String> = (0..50).map(|i| format!("stable_{i}")).collect();
    for (i, k) in stable.iter().enumerate() {
        let t = Term::string(k);
        let e = entry(1_000_000 + i as u64, Term::nil());
        shard.write().insert(key_hash(&t), t, e, true).unwrap();
    }
    let (done_tx, done_rx) = crossbeam_channel::bounded::<()>(0);
    let reader = {
        let shard = shard.clone();
        let stable = stable.clone();
        std::thread::spawn(move || {
            let (mut seen, mut asked) = (0u64, 0u64);
            while done_rx.try_recv() == Err(crossbeam_channel::TryRecvError::Empty) {
                for (i, k) in stable.iter().enumerate() {
                    match quick(&shard, k) {
                        Some(Some(pid)) => {
                            assert_eq!(pid, 1_000_000 + i as u64, "{k}");
                            seen += 1;
                        }
                        Some(None) => panic!("{k} reported absent"),
                        None => asked += 1,
                    }
                }
            }
            (seen, asked)
        })
    };
    for round in 0..20u64 {
        for i in 0..2_000u64 {
            let t = Term::string(&format!("churn_{i}"));
            let e = entry(round * 10_000 + i, Term::nil());
            shard.write().insert(key_hash(&t), t, e, true).unwrap();
        }
        for i in 0..2_000u64 {
            let t = Term::string(&format!("churn_{i}"));
            shard
                .write()
                .remove_where(key_hash(&t), &t, |_| Ok::<_, ()>(true));
        }
    }
    drop(done_tx);
    let (seen, _asked) = reader.join().expect("the reader saw no wrong answer");
    assert!(
        seen > 0,
        "the reader answered some lookups without the lock"
    );
}
