//! `:sys`, calls with timeout 0, via names with values, and the lazy mailbox channel.

use std::time::Duration;

use super::tests_conformance::{a, node, ok_pid, registry, server_start, state};
use crate::error::Error;
use crate::term::Term;

#[test]
fn a_suspended_server_queues_calls_until_resumed() {
    let rt = node();
    let c = rt.spawn_client().unwrap();
    let pid = Term::Pid(ok_pid(server_start(&c, 1, a("slow")).unwrap()));
    assert_eq!(c.sys_suspend(&pid).unwrap(), a("ok"));
    let short = Some(Duration::from_millis(50));
    match c.call(&a("slow"), a("state"), short) {
        Err(Error::Exit(reason)) => assert_eq!(reason.as_tuple().unwrap()[0], a("timeout")),
        other => panic!("expected a timeout, got {other:?}"),
    }
    assert_eq!(
        c.process_info(ok_pid_of(&pid)).unwrap().message_queue_len,
        1
    );
    // The state is readable while suspended, as a system message would be.
    assert_eq!(c.sys_get_state(&pid).unwrap(), Term::Int(1));
    assert_eq!(c.sys_resume(&pid).unwrap(), a("ok"));
    assert!(rt.settle(Duration::from_secs(1)));
    assert_eq!(
        c.process_info(ok_pid_of(&pid)).unwrap().message_queue_len,
        0
    );
    assert_eq!(state(&c, &pid).unwrap(), Term::Int(1));
}

fn ok_pid_of(t: &Term) -> crate::term::Pid {
    t.as_pid().unwrap()
}

#[test]
fn sys_on_a_dead_name_exits_noproc_naming_the_sys_call() {
    let rt = node();
    let c = rt.spawn_client().unwrap();
    let Err(Error::Exit(reason)) = c.sys_get_state(&a("nobody")) else {
        panic!("expected an exit");
    };
    let mfa = Term::tuple(vec![
        a("sys"),
        a("get_state"),
        Term::list(vec![a("nobody")]),
    ]);
    assert_eq!(reason, Term::tuple(vec![a("noproc"), mfa]));
}

#[test]
fn a_call_with_timeout_zero_times_out_even_on_an_idle_server() {
    let rt = node();
    let c = rt.spawn_client().unwrap();
    let pid = Term::Pid(ok_pid(server_start(&c, 7, Term::nil()).unwrap()));
    for _ in 0..20 {
        match c.call(&pid, a("state"), Some(Duration::ZERO)) {
            Err(Error::Exit(reason)) => assert_eq!(reason.as_tuple().unwrap()[0], a("timeout")),
            other => panic!("expected a timeout, got {other:?}"),
        }
    }
    // The late replies are dropped: the next call gets its own answer.
    assert_eq!(state(&c, &pid).unwrap(), Term::Int(7));
}

#[test]
fn a_via_name_with_a_value_registers_the_value() {
    let rt = node();
    let c = rt.spawn_client().unwrap();
    registry(&c, a("reg"));
    let name = Term::tuple(vec![
        a("via"),
        Term::module("Registry"),
        Term::tuple(vec![a("reg"), Term::string("k"), a("my_value")]),
    ]);
    let pid = ok_pid(server_start(&c, 5, name).unwrap());
    let found = c.registry_lookup(&a("reg"), &Term::string("k")).unwrap();
    assert_eq!(
        found,
        Term::list(vec![Term::tuple(vec![Term::Pid(pid), a("my_value")])])
    );
    let short = Term::tuple(vec![
        a("via"),
        Term::module("Registry"),
        Term::tuple(vec![a("reg"), Term::string("k")]),
    ]);
    assert_eq!(state(&c, &short).unwrap(), Term::Int(5));
}

#[test]
fn via_global_shares_the_global_names() {
    let rt = node();
    let c = rt.spawn_client().unwrap();
    let via = Term::tuple(vec![a("via"), a("global"), a("g")]);
    let pid = ok_pid(server_start(&c, 8, via.clone()).unwrap());
    assert_eq!(state(&c, &via).unwrap(), Term::Int(8));
    let global = Term::tuple(vec![a("global"), a("g")]);
    let again = server_start(&c, 9, global).unwrap();
    assert_eq!(
        again,
        Term::error_tuple(Term::tuple(vec![a("already_started"), Term::Pid(pid)]))
    );
}

#[test]
fn an_idle_server_keeps_no_mailbox_channel() {
    let rt = node();
    let c = rt.spawn_client().unwrap();
    let pid = ok_pid(server_start(&c, 1, Term::nil()).unwrap());
    let proc = rt.inner.table.get(pid).unwrap();
    // Messages that must wait make the channel; draining them drops it again.
    c.sys_suspend(&Term::Pid(pid)).unwrap();
    for _ in 0..3 {
        c.send(&Term::Pid(pid), a("x")).unwrap();
    }
    assert!(
        matches!(&proc.mailbox, super::mailbox::Mailbox::Server(s, _) if s.lock().unwrap().is_some())
    );
    c.sys_resume(&Term::Pid(pid)).unwrap();
    assert!(rt.settle(Duration::from_secs(1)));
    assert!(
        matches!(&proc.mailbox, super::mailbox::Mailbox::Server(s, _) if s.lock().unwrap().is_none())
    );
    let pid2 = ok_pid(server_start(&c, 2, Term::nil()).unwrap());
    let proc2 = rt.inner.table.get(pid2).unwrap();
    for _ in 0..100 {
        state(&c, &Term::Pid(pid2)).unwrap();
    }
    assert!(rt.settle(Duration::from_secs(1)));
    assert!(
        matches!(&proc2.mailbox, super::mailbox::Mailbox::Server(s, _) if s.lock().unwrap().is_none())
    );
}

/// A process the shell runs (an Agent, a `receive` loop) sees `:sys.get_state` as the
/// system message `{:system, from, :get_state}` and answers it through the `from`.
#[test]
fn sys_get_state_of_a_client_process_is_a_system_message_it_answers() {
    let rt = node();
    let c = rt.spawn_client().unwrap();
    let (pid_tx, pid_rx) = crossbeam_channel::bounded(1);
    let rt2 = rt.clone();
    let agent = std::thread::spawn(move || {
        let me = rt2.spawn_client().unwrap();
        pid_tx.send(me.pid()).unwrap();
        let got = me
            .receive(Some(Duration::from_secs(5)))
            .expect("a system message");
        let [tag, from, request] = got.as_tuple().unwrap() else {
            panic!("not a system message: {got:?}")
        };
        assert!(tag.is_atom("system"), "{got:?}");
        assert_eq!(*request, a("get_state"));
        let [to, alias] = from.as_tuple().unwrap() else {
            panic!("bad from: {from:?}")
        };
        me.gen_reply(to, alias, Term::Int(42));
    });
    let pid = pid_rx.recv_timeout(Duration::from_secs(5)).unwrap();
    assert_eq!(c.sys_get_state(&Term::Pid(pid)).unwrap(), Term::Int(42));
    agent.join().unwrap();
}

/// One that takes the message and dies instead fails the call with its exit reason.
#[test]
fn sys_get_state_of_a_client_that_exits_fails_with_its_reason() {
    let rt = node();
    let c = rt.spawn_client().unwrap();
    let (pid_tx, pid_rx) = crossbeam_channel::bounded(1);
    let rt2 = rt.clone();
    let looped = std::thread::spawn(move || {
        let me = rt2.spawn_client().unwrap();
        pid_tx.send(me.pid()).unwrap();
        me.receive(Some(Duration::from_secs(5))).expect("a message");
        me.terminate(a("normal"));
    });
    let pid = pid_rx.recv_timeout(Duration::from_secs(5)).unwrap();
    match c.sys_get_state(&Term::Pid(pid)) {
        Err(Error::Exit(reason)) => {
            let [why, mfa] = reason.as_tuple().unwrap() else {
                panic!("{reason:?}")
            };
            assert_eq!(*why, a("normal"));
            assert_eq!(mfa.as_tuple().unwrap()[1], a("get_state"));
        }
        other => panic!("expected an exit, got {other:?}"),
    }
    looped.join().unwrap();
}
