//! The conformance transcripts (`/work/shared/conformance`), replayed against the
//! runtime's API: what each line does to the node, not how iex prints it.

use std::time::Duration;

use super::{Client, Config, Event, Runtime};
use crate::error::{exception_module, Error};
use crate::term::{Atom, Pid, Term};

pub(super) fn node() -> Runtime {
    Runtime::new(Config {
        schedulers: 2,
        ..Config::default()
    })
}

pub(super) fn a(name: &str) -> Term {
    Term::atom(name)
}

pub(super) fn via(reg: &str, key: &str) -> Term {
    Term::tuple(vec![
        a("via"),
        Term::module("Registry"),
        Term::tuple(vec![Term::module(reg), Term::string(key)]),
    ])
}

pub(super) fn ok_pid(t: Term) -> Pid {
    match t.as_tuple() {
        Some([ok, Term::Pid(p)]) if ok.is_atom("ok") => *p,
        _ => panic!("expected {{:ok, pid}}, got {t:?}"),
    }
}

pub(super) fn server_start(c: &Client, value: i64, name: Term) -> Result<Term, Error> {
    let opts = Term::list(vec![Term::tuple(vec![a("name"), name])]);
    c.gen_server_start(
        &Atom::from_static("Elixir.Server"),
        Term::Int(value),
        &opts,
        true,
    )
}

pub(super) fn dsup(c: &Client) -> Term {
    c.supervisor_start(
        Some(&Atom::from_static("Elixir.DSupervisor")),
        &Term::empty_list(),
        true,
    )
    .unwrap()
}

pub(super) fn start_server(c: &Client, value: i64, name: Term) -> Term {
    let spec = Term::tuple(vec![
        Term::module("Server"),
        Term::tuple(vec![Term::Int(value), name]),
    ]);
    c.start_child(&Term::module("DSupervisor"), &spec).unwrap()
}

pub(super) fn registry(c: &Client, name: Term) -> Term {
    let opts = Term::list(vec![
        Term::tuple(vec![a("keys"), a("unique")]),
        Term::tuple(vec![a("name"), name]),
    ]);
    c.registry_start(&opts, true).unwrap()
}

pub(super) fn state(c: &Client, server: &Term) -> Result<Term, Error> {
    c.call(server, a("state"), Some(Duration::from_millis(5000)))
}

fn lookup(c: &Client, key: &str) -> Term {
    c.registry_lookup(&Term::module("Registry"), &Term::string(key))
        .unwrap()
}

fn lookup_pid(c: &Client, key: &str) -> Pid {
    match lookup(c, key).as_list() {
        Some([entry]) => entry.as_tuple().unwrap()[0].as_pid().unwrap(),
        other => panic!("expected one entry, got {other:?}"),
    }
}

fn argument_message(e: Error) -> String {
    let Error::Raise(ex) = e else {
        panic!("not a raise: {e:?}")
    };
    assert_eq!(exception_module(&ex).as_deref(), Some("ArgumentError"));
    crate::error::exception_field(&ex, "message")
        .and_then(Term::as_str)
        .unwrap()
        .to_string()
}

fn noproc(server: Term, request: Term) -> Error {
    Error::Exit(Term::tuple(vec![
        a("noproc"),
        Term::tuple(vec![
            Term::module("GenServer"),
            a("call"),
            Term::list(vec![server, request, Term::Int(5000)]),
        ]),
    ]))
}

#[test]
fn guide_01() {
    let rt = node();
    let c = rt.spawn_client().unwrap();
    ok_pid(server_start(&c, 123, a("server")).unwrap());
    let err = server_start(&c, 123, Term::string("server")).unwrap_err();
    assert_eq!(
        argument_message(err),
        "expected :name option to be one of the following:\n\n  * nil\n  * atom\n  * \
         {:global, term}\n  * {:via, module, term}\n\nGot: \"server\"\n"
    );
    ok_pid(dsup(&c));
    ok_pid(start_server(&c, 321, a("test")));
    assert_eq!(state(&c, &a("server")).unwrap(), Term::Int(123));
    ok_pid(registry(&c, Term::module("Registry")));
    let pid = ok_pid(start_server(&c, 42, via("Registry", "cool_name")));
    assert_eq!(lookup_pid(&c, "cool_name"), pid);
    let r = c.terminate_child(&Term::module("DSupervisor"), &Term::Pid(pid));
    assert_eq!(r.unwrap(), Term::ok());
    assert_eq!(lookup(&c, "cool_name"), Term::empty_list());
    ok_pid(registry(&c, a("registry")));
    let name = Term::tuple(vec![
        a("via"),
        Term::module("Registry"),
        Term::tuple(vec![a("registry"), Term::string("another_name")]),
    ]);
    ok_pid(start_server(&c, 42, name.clone()));
    assert_eq!(state(&c, &name).unwrap(), Term::Int(42));
}

#[test]
fn names_02() {
    let rt = node();
    let c = rt.spawn_client().unwrap();
    ok_pid(server_start(&c, 1, Term::nil()).unwrap());
    let alpha = ok_pid(server_start(&c, 2, a("alpha")).unwrap());
    let again = server_start(&c, 3, a("alpha")).unwrap();
    assert_eq!(
        again,
        Term::error_tuple(Term::tuple(vec![a("already_started"), Term::Pid(alpha)]))
    );
    let global = Term::tuple(vec![a("global"), a("g")]);
    ok_pid(server_start(&c, 5, global.clone()).unwrap());
    assert_eq!(state(&c, &global).unwrap(), Term::Int(5));
    let nope = Term::tuple(vec![
        a("via"),
        Term::module("Registry"),
        Term::tuple(vec![a("nope"), Term::string("x")]),
    ]);
    let err = server_start(&c, 6, nope).unwrap_err();
    assert_eq!(argument_message(err), "unknown registry: :nope");
    let err = server_start(&c, 7, Term::Int(42)).unwrap_err();
    assert!(argument_message(err).ends_with("Got: 42\n"));
    assert_eq!(state(&c, &a("alpha")).unwrap(), Term::Int(2));
    assert_eq!(state(&c, &a("beta")), Err(noproc(a("beta"), a("state"))));
    assert_eq!(c.whereis(&Atom::from_static("alpha")), Some(alpha));
    assert_eq!(c.whereis(&Atom::from_static("beta")), None);
}

#[test]
fn registry_unique_03() {
    let rt = node();
    let c = rt.spawn_client().unwrap();
    let reg = Term::module("Registry");
    let r = ok_pid(registry(&c, reg.clone()));
    let again = registry(&c, reg.clone());
    assert_eq!(
        again,
        Term::error_tuple(Term::tuple(vec![a("already_started"), Term::Pid(r)]))
    );
    assert_eq!(lookup(&c, "nobody"), Term::empty_list());
    let owner = ok_pid(
        c.registry_register(&reg, Term::string("me"), a("meta"))
            .unwrap(),
    );
    assert!(owner != r && owner != c.pid());
    assert_eq!(
        lookup(&c, "me"),
        Term::list(vec![Term::tuple(vec![Term::Pid(c.pid()), a("meta")])])
    );
    let dup = c
        .registry_register(&reg, Term::string("me"), a("again"))
        .unwrap();
    assert_eq!(
        dup,
        Term::error_tuple(Term::tuple(vec![
            a("already_registered"),
            Term::Pid(c.pid())
        ]))
    );
    assert_eq!(
        c.registry_keys(&reg, c.pid()).unwrap(),
        Term::list(vec![Term::string("me")])
    );
    assert_eq!(c.registry_count(&reg).unwrap(), Term::Int(1));
    c.registry_unregister(&reg, &Term::string("me")).unwrap();
    assert_eq!(lookup(&c, "me"), Term::empty_list());
    assert_eq!(c.registry_count(&reg).unwrap(), Term::Int(0));
    let err = c
        .registry_lookup(&a("missing"), &Term::string("x"))
        .unwrap_err();
    assert_eq!(argument_message(err), "unknown registry: :missing");
}

#[test]
fn supervisor_04() {
    let rt = node();
    let c = rt.spawn_client().unwrap();
    let sup = ok_pid(dsup(&c));
    assert_eq!(
        dsup(&c),
        Term::error_tuple(Term::tuple(vec![a("already_started"), Term::Pid(sup)]))
    );
    ok_pid(registry(&c, Term::module("Registry")));
    let pa = ok_pid(start_server(&c, 1, via("Registry", "a")));
    let pb = ok_pid(start_server(&c, 2, via("Registry", "b")));
    assert_eq!(
        start_server(&c, 3, via("Registry", "a")),
        Term::error_tuple(Term::tuple(vec![a("already_started"), Term::Pid(pa)]))
    );
    let ds = Term::module("DSupervisor");
    let child = |p: Pid| {
        Term::tuple(vec![
            a("undefined"),
            Term::Pid(p),
            a("worker"),
            Term::list(vec![Term::module("Server")]),
        ])
    };
    assert_eq!(
        c.which_children(&ds).unwrap(),
        Term::list(vec![child(pa), child(pb)])
    );
    let counts = |n: i64| {
        Term::map(vec![
            (a("active"), Term::Int(n)),
            (a("specs"), Term::Int(n)),
            (a("supervisors"), Term::Int(0)),
            (a("workers"), Term::Int(n)),
        ])
    };
    assert_eq!(c.count_children(&ds).unwrap(), counts(2));
    assert_eq!(c.terminate_child(&ds, &Term::Pid(pa)).unwrap(), Term::ok());
    assert_eq!(
        c.terminate_child(&ds, &Term::Pid(pa)).unwrap(),
        Term::error_tuple(a("not_found"))
    );
    assert!(!c.alive(pa));
    assert_eq!(lookup(&c, "a"), Term::empty_list());
    assert_eq!(c.count_children(&ds).unwrap(), counts(1));
    assert_eq!(
        c.whereis(&Atom::from_static("Elixir.DSupervisor")),
        Some(sup)
    );
}

#[test]
fn restart_05() {
    let rt = node();
    let c = rt.spawn_client().unwrap();
    ok_pid(dsup(&c));
    ok_pid(registry(&c, Term::module("Registry")));
    let pid = ok_pid(start_server(&c, 10, via("Registry", "room")));
    assert!(c.exit(pid, a("kill")));
    assert!(!c.alive(pid));
    let new_pid = lookup_pid(&c, "room");
    assert_ne!(new_pid, pid);
    let room = via("Registry", "room");
    assert_eq!(state(&c, &room).unwrap(), Term::Int(10));
    assert_eq!(c.stop(&room, a("normal"), None).unwrap(), Term::ok());
    let third = lookup_pid(&c, "room");
    assert_ne!(third, new_pid);
    let r = c.terminate_child(&Term::module("DSupervisor"), &Term::Pid(third));
    assert_eq!(r.unwrap(), Term::ok());
    assert_eq!(lookup(&c, "room"), Term::empty_list());
}

#[test]
fn intensity_06_the_fourth_kill_takes_the_shell_down() {
    let rt = node();
    let c = rt.spawn_client().unwrap();
    ok_pid(dsup(&c));
    ok_pid(registry(&c, Term::module("Registry")));
    ok_pid(start_server(&c, 1, via("Registry", "a")));
    for _ in 0..3 {
        let pid = c
            .gen_server_whereis(&via("Registry", "a"))
            .unwrap()
            .unwrap();
        assert!(c.exit(pid, a("kill")));
        assert_eq!(c.exit_reason(), None);
    }
    let pid = c
        .gen_server_whereis(&via("Registry", "a"))
        .unwrap()
        .unwrap();
    c.exit(pid, a("kill"));
    assert_eq!(c.exit_reason(), Some(a("shutdown")));
    drop(c);
    let c = rt.spawn_client().unwrap();
    assert_eq!(c.whereis(&Atom::from_static("Elixir.DSupervisor")), None);
    let err = c
        .registry_lookup(&Term::module("Registry"), &Term::string("a"))
        .unwrap_err();
    assert_eq!(argument_message(err), "unknown registry: Registry");
    assert!(rt.settle(Duration::from_secs(1)));
    assert_eq!(rt.system_info("process_count"), Some(Term::Int(1)));
}

#[test]
fn calls_07_a_crash_is_reported_then_the_caller_exits() {
    let rt = node();
    let events = rt.events();
    let c = rt.spawn_client().unwrap();
    ok_pid(dsup(&c));
    ok_pid(registry(&c, Term::module("Registry")));
    ok_pid(start_server(&c, 1, via("Registry", "a")));
    let name = via("Registry", "a");
    let err = c
        .call(&name, a("boom"), Some(Duration::from_millis(5000)))
        .unwrap_err();
    let Error::Exit(reason) = err else {
        panic!("not an exit")
    };
    let [inner, mfa] = reason.as_tuple().unwrap() else {
        panic!()
    };
    let [ex, stack] = inner.as_tuple().unwrap() else {
        panic!()
    };
    assert_eq!(exception_module(ex).as_deref(), Some("FunctionClauseError"));
    assert_eq!(stack, &Term::empty_list());
    assert_eq!(
        mfa,
        &Term::tuple(vec![
            Term::module("GenServer"),
            a("call"),
            Term::list(vec![name.clone(), a("boom"), Term::Int(5000)]),
        ])
    );
    let event = events.recv_timeout(Duration::from_secs(1)).unwrap();
    let Event::GenServerTerminating {
        name: n,
        last_message,
        state: s,
        client,
        ..
    } = event
    else {
        panic!("unexpected event {event:?}")
    };
    assert_eq!(
        n,
        Term::tuple(vec![Term::module("Registry"), Term::string("a")])
    );
    assert_eq!(last_message, a("boom"));
    assert_eq!(s, Term::Int(1));
    assert_eq!(client, Some((c.pid(), true)));
    assert_eq!(state(&c, &name).unwrap(), Term::Int(1));
    let zzz = via("Registry", "zzz");
    assert_eq!(state(&c, &zzz), Err(noproc(zzz.clone(), a("state"))));
    assert_eq!(c.gen_server_whereis(&zzz).unwrap(), None);
}

#[test]
fn atoms_08_string_keys_never_touch_the_atom_table() {
    let rt = node();
    let c = rt.spawn_client().unwrap();
    assert_eq!(rt.system_info("atom_limit"), Some(Term::Int(1_048_576)));
    rt.atoms().intern("room_1").unwrap();
    let before = rt.atoms().count();
    for i in 1..=1000 {
        rt.atoms().intern(&format!("chat_{i}")).unwrap();
    }
    assert_eq!(rt.atoms().count() - before, 1000);
    assert!(rt.atoms().existing("never_seen_before_xyz").is_none());
    ok_pid(registry(&c, Term::module("Registry")));
    let mid = rt.atoms().count();
    let reg = Term::module("Registry");
    ok_pid(
        c.registry_register(&reg, Term::string("room_9999"), Term::nil())
            .unwrap(),
    );
    assert_eq!(rt.atoms().count(), mid);
}

#[test]
fn shell_09_a_linked_kill_takes_the_shell() {
    let rt = node();
    let c = rt.spawn_client().unwrap();
    let pid = ok_pid(server_start(&c, 7, a("linked")).unwrap());
    c.exit(pid, a("kill"));
    assert_eq!(c.exit_reason(), Some(a("killed")));
    let shell = c.pid();
    drop(c);
    let c = rt.spawn_client().unwrap();
    assert!(c.pid() > shell);
    assert_eq!(c.whereis(&Atom::from_static("linked")), None);
}
