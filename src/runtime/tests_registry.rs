//! A Registry's partitions dying and being restarted, as `Registry.Supervisor` does it
//! (transcripts 140-142 show the same through iex's eyes).

use std::time::Duration;

use super::tests_conformance::{a, dsup, node, ok_pid, registry, start_server, state, via};
use super::Client;
use crate::term::{Atom, Pid, Term};

const WAIT: Option<Duration> = Some(Duration::from_secs(1));

fn reg() -> Term {
    Term::module("Registry")
}

fn start(c: &Client, name: &Term, keys: &str, partitions: i64) -> Pid {
    let opts = Term::list(vec![
        Term::tuple(vec![a("keys"), a(keys)]),
        Term::tuple(vec![a("name"), name.clone()]),
        Term::tuple(vec![a("partitions"), Term::Int(partitions)]),
    ]);
    ok_pid(c.registry_start(&opts, true).unwrap())
}

/// The partitions' pids in start order (`which_children` lists the last first). The
/// call also waits for the supervisor to have handled what reached it before.
fn partitions(c: &Client, name: &Term) -> Vec<Pid> {
    let children = c.which_children(name).unwrap();
    let mut pids: Vec<Pid> = children
        .as_list()
        .unwrap()
        .iter()
        .map(|child| child.as_tuple().unwrap()[1].as_pid().unwrap())
        .collect();
    pids.reverse();
    pids
}

fn keys(c: &Client, name: &Term, pid: Pid) -> Term {
    c.registry_keys(name, pid).unwrap()
}

#[test]
fn a_killed_partition_is_restarted_and_its_via_server_comes_back() {
    let rt = node();
    let c = rt.spawn_client().unwrap();
    ok_pid(registry(&c, reg()));
    dsup(&c);
    let server = ok_pid(start_server(&c, 7, via("Registry", "a")));
    let [old] = partitions(&c, &reg())[..] else {
        panic!("one partition")
    };
    c.exit(old, a("kill"));
    let [new] = partitions(&c, &reg())[..] else {
        panic!("one partition")
    };
    assert_ne!(new, old);
    assert!(!c.alive(old) && c.alive(new));
    assert_eq!(
        c.whereis(&Atom::from_static("Elixir.Registry.PIDPartition0")),
        Some(new)
    );
    assert!(!c.alive(server), "the server was linked to the partition");
    // DSupervisor restarted it (its call waits for that); it registered in the new one.
    c.which_children(&Term::module("DSupervisor")).unwrap();
    let found = c.registry_entries(&reg(), &Term::string("a")).unwrap();
    let again = found[0].0;
    assert_ne!(again, server);
    assert_eq!(state(&c, &via("Registry", "a")).unwrap(), Term::Int(7));
    assert_eq!(c.registry_count(&reg()).unwrap(), Term::Int(1));
    let links = c.process_info(again).unwrap().links;
    assert!(
        links.contains(&new),
        "linked to the new partition: {links:?}"
    );
    assert_eq!(c.exit_reason(), None, "the registry supervisor lives on");
}

#[test]
fn duplicate_partitions_restart_alone_and_keep_the_others_entries() {
    let rt = node();
    let c = rt.spawn_client().unwrap();
    let dup = Term::module("Dup");
    start(&c, &dup, "duplicate", 2);
    let [p0, p1] = partitions(&c, &dup)[..] else {
        panic!("two partitions")
    };
    let others: Vec<Client> = (0..4).map(|_| rt.spawn_client().unwrap()).collect();
    let mut owned_by = std::collections::HashMap::new();
    for (i, o) in others.iter().enumerate() {
        let owner = o
            .registry_register(&dup, Term::string("k"), Term::Int(i as i64))
            .unwrap();
        owned_by.insert(o.pid(), ok_pid(owner));
    }
    assert!(owned_by.values().any(|p| *p == p0) && owned_by.values().any(|p| *p == p1));
    c.exit(p0, a("kill"));
    let [q0, q1] = partitions(&c, &dup)[..] else {
        panic!("two partitions")
    };
    assert!(
        q0 != p0 && q1 == p1,
        "one_for_one: only the dead one restarts"
    );
    let survivors: Vec<&Client> = others.iter().filter(|o| owned_by[&o.pid()] == p1).collect();
    for o in &others {
        assert_eq!(o.is_alive(), owned_by[&o.pid()] == p1);
    }
    assert_eq!(
        c.registry_count(&dup).unwrap(),
        Term::Int(survivors.len() as i64)
    );
    let found = c.registry_entries(&dup, &Term::string("k")).unwrap();
    assert_eq!(found.len(), survivors.len());
    for o in &survivors {
        assert_eq!(keys(&c, &dup, o.pid()), Term::list(vec![Term::string("k")]));
    }
}

#[test]
fn unique_partitions_restart_together_and_every_entry_goes() {
    let rt = node();
    let c = rt.spawn_client().unwrap();
    let uniq = Term::module("Uniq");
    start(&c, &uniq, "unique", 2);
    let before = partitions(&c, &uniq);
    // A trapping process outlives its partition, but not its entries.
    let t = rt.spawn_client().unwrap();
    t.trap_exit(true);
    let owner = ok_pid(t.registry_register(&uniq, a("t"), Term::nil()).unwrap());
    let plain = rt.spawn_client().unwrap();
    plain
        .registry_register(&uniq, a("plain"), Term::nil())
        .unwrap();
    let watch = c.monitor(&Term::Pid(plain.pid()));
    let other = *before.iter().find(|p| **p != owner).unwrap();
    c.exit(other, a("kill"));
    let after = partitions(&c, &uniq);
    assert!(after.iter().all(|p| !before.contains(p)), "one_for_all");
    // Its own partition was stopped by the supervisor, not killed.
    let exit = Term::tuple(vec![a("EXIT"), Term::Pid(owner), a("shutdown")]);
    assert_eq!(t.receive(WAIT), Some(exit));
    assert!(t.is_alive());
    let down = c.receive(WAIT).unwrap();
    assert_eq!(down.as_tuple().unwrap()[1], Term::Ref(watch));
    assert!(before.iter().all(|p| !c.alive(*p)));
    assert_eq!(c.registry_count(&uniq).unwrap(), Term::Int(0));
    assert_eq!(keys(&c, &uniq, t.pid()), Term::empty_list());
    assert!(c.registry_entries(&uniq, &a("t")).unwrap().is_empty());
    // The key is free again, and the new registration links to a new partition.
    let owner = ok_pid(t.registry_register(&uniq, a("t"), Term::nil()).unwrap());
    assert!(after.contains(&owner));
}

#[test]
fn an_exit_the_partition_traps_drops_the_senders_entries_only() {
    let rt = node();
    let c = rt.spawn_client().unwrap();
    ok_pid(registry(&c, reg()));
    let [p] = partitions(&c, &reg())[..] else {
        panic!("one partition")
    };
    let other = rt.spawn_client().unwrap();
    other
        .registry_register(&reg(), a("other"), Term::nil())
        .unwrap();
    for reason in ["normal", "shutdown", "boom"] {
        c.registry_register(&reg(), a("me"), Term::Int(1)).unwrap();
        c.exit(p, a(reason));
        // The partition answers calls it does not know: one waits for the exit.
        let sync = c.call(&Term::Pid(p), a("sync"), Some(Duration::from_secs(1)));
        assert!(sync.is_ok());
        assert!(c.alive(p), "{reason} is trapped");
        assert!(c.registry_entries(&reg(), &a("me")).unwrap().is_empty());
        assert_eq!(keys(&c, &reg(), c.pid()), Term::empty_list());
        assert_eq!(c.registry_count(&reg()).unwrap(), Term::Int(1));
    }
    assert_eq!(partitions(&c, &reg()), vec![p]);
    assert_eq!(keys(&c, &reg(), other.pid()), Term::list(vec![a("other")]));
}

#[test]
fn a_fourth_restart_in_five_seconds_stops_the_registry() {
    let rt = node();
    let c = rt.spawn_client().unwrap();
    c.trap_exit(true);
    let sup = start(&c, &reg(), "unique", 1);
    for _ in 0..3 {
        let [p] = partitions(&c, &reg())[..] else {
            panic!("one partition")
        };
        c.exit(p, a("kill"));
    }
    assert!(c.alive(sup));
    let [p] = partitions(&c, &reg())[..] else {
        panic!("one partition")
    };
    c.exit(p, a("kill"));
    let exit = Term::tuple(vec![a("EXIT"), Term::Pid(sup), a("shutdown")]);
    assert_eq!(c.receive(WAIT), Some(exit));
    assert!(!c.alive(sup));
    assert!(c.registry_count(&reg()).is_err(), "the registry is gone");
    assert!(c.registry_names().is_empty());
}
