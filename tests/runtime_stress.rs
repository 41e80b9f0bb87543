//! Many client threads calling, casting, killing, looking up and terminating thousands of
//! named servers at once. At the end: every call answered, no registry entry left, the
//! process count back where it started.
//!
//! Timing: a crashed or killed server is restarted by the supervisor, which may be busy
//! on another thread; the test then waits (bounded, by polling the registry) for the
//! restarted server to appear instead of sleeping.

use std::thread;
use std::time::{Duration, Instant};

use otpsh::runtime::{Client, Config, Runtime};
use otpsh::term::{Pid, Term};

const THREADS: usize = 8;
const SERVERS_PER_THREAD: i64 = 500;
const CALL_TIMEOUT: Option<Duration> = Some(Duration::from_secs(5));

fn a(s: &str) -> Term {
    Term::atom(s)
}

fn kw(pairs: Vec<(&str, Term)>) -> Term {
    Term::list(
        pairs
            .into_iter()
            .map(|(k, v)| Term::tuple(vec![a(k), v]))
            .collect(),
    )
}

fn key(thread: usize, n: i64) -> Term {
    Term::string(&format!("t{thread}-{n}"))
}

fn via(key: Term) -> Term {
    Term::tuple(vec![
        a("via"),
        Term::module("Registry"),
        Term::tuple(vec![a("reg"), key]),
    ])
}

fn lookup(c: &Client, key: &Term) -> Option<Pid> {
    let found = c.registry_lookup(&a("reg"), key).unwrap();
    found
        .as_list()
        .unwrap()
        .first()
        .map(|e| e.as_tuple().unwrap()[0].as_pid().unwrap())
}

/// Waits (bounded) until `key` names a live process other than `old`.
fn restarted(c: &Client, key: &Term, old: Pid) -> Pid {
    let deadline = Instant::now() + Duration::from_secs(5);
    loop {
        if let Some(p) = lookup(c, key).filter(|p| *p != old) {
            return p;
        }
        assert!(Instant::now() < deadline, "{key:?} was not restarted");
        thread::yield_now();
    }
}

fn worker(rt: Runtime, t: usize) -> usize {
    let c = rt.spawn_client().unwrap();
    let sup = a("stress_sup");
    let mut answered = 0;
    for n in 0..SERVERS_PER_THREAD {
        let spec = Term::tuple(vec![
            Term::module("Server"),
            Term::tuple(vec![Term::Int(n), via(key(t, n))]),
        ]);
        let started = c.start_child(&sup, &spec).unwrap();
        assert!(started.as_tuple().unwrap()[0].is_atom("ok"), "{started:?}");
    }
    for n in 0..SERVERS_PER_THREAD {
        let k = key(t, n);
        let pid = lookup(&c, &k).expect("registered");
        match n % 10 {
            // Kill it: the supervisor restarts it with its initial state.
            0 => {
                c.exit(pid, a("kill"));
                restarted(&c, &k, pid);
            }
            // A cast crashes the guide's Server (no handle_cast): restarted too.
            1 => {
                c.cast(&via(k.clone()), a("poke"));
                restarted(&c, &k, pid);
            }
            _ => {}
        }
        let got = c.call(&via(k), a("state"), CALL_TIMEOUT).unwrap();
        assert_eq!(got, Term::Int(n));
        answered += 1;
    }
    for n in 0..SERVERS_PER_THREAD {
        let k = key(t, n);
        let pid = lookup(&c, &k).expect("still registered");
        let r = c.terminate_child(&sup, &Term::Pid(pid)).unwrap();
        assert_eq!(r, Term::ok());
        assert_eq!(lookup(&c, &k), None);
    }
    answered
}

#[test]
fn many_clients_many_servers() {
    let rt = Runtime::new(Config {
        schedulers: 2,
        ..Config::default()
    });
    let main = rt.spawn_client().unwrap();
    main.registry_start(&kw(vec![("keys", a("unique")), ("name", a("reg"))]), true)
        .unwrap();
    let opts = kw(vec![
        ("name", a("stress_sup")),
        ("max_restarts", Term::Int(1_000_000)),
    ]);
    main.supervisor_start(None, &opts, true).unwrap();
    assert!(rt.settle(Duration::from_secs(5)));
    let before = rt.system_info("process_count").unwrap();

    let handles: Vec<_> = (0..THREADS)
        .map(|t| {
            let rt = rt.clone();
            thread::spawn(move || worker(rt, t))
        })
        .collect();
    let answered: usize = handles.into_iter().map(|h| h.join().unwrap()).sum();

    assert_eq!(answered, THREADS * SERVERS_PER_THREAD as usize);
    assert!(rt.settle(Duration::from_secs(5)));
    assert_eq!(main.registry_count(&a("reg")).unwrap(), Term::Int(0));
    assert_eq!(main.registry_keys_all(&a("reg")), Vec::<Term>::new());
    assert_eq!(main.count_children(&a("stress_sup")).unwrap().to_owned(), {
        let zero = Term::Int(0);
        Term::map(vec![
            (a("active"), zero.clone()),
            (a("specs"), zero.clone()),
            (a("supervisors"), zero.clone()),
            (a("workers"), zero),
        ])
    });
    assert_eq!(rt.system_info("process_count").unwrap(), before);
    assert_eq!(main.exit_reason(), None);
}

/// Many threads calling the same few servers at once: most calls find the server busy
/// and queue in its mailbox (made on demand, dropped when the server goes idle), the
/// rest are handed over directly. A message lost between the two paths would leave a
/// caller waiting: every call must be answered.
#[test]
fn concurrent_callers_of_one_server_are_all_answered() {
    const CALLERS: usize = 8;
    const CALLS: usize = 20_000;
    let rt = Runtime::new(Config {
        schedulers: 2,
        ..Config::default()
    });
    let main = rt.spawn_client().unwrap();
    let servers: Vec<Pid> = (0..3)
        .map(|n| {
            let started = main
                .gen_server_start(
                    Term::module("Server").as_atom().unwrap(),
                    Term::Int(n),
                    &Term::empty_list(),
                    false,
                )
                .unwrap();
            started.as_tuple().unwrap()[1].as_pid().unwrap()
        })
        .collect();
    let handles: Vec<_> = (0..CALLERS)
        .map(|t| {
            let rt = rt.clone();
            let servers = servers.clone();
            thread::spawn(move || {
                let c = rt.spawn_client().unwrap();
                for i in 0..CALLS {
                    let n = (i + t) % servers.len();
                    let got = c.call(&Term::Pid(servers[n]), a("state"), CALL_TIMEOUT);
                    assert_eq!(got, Ok(Term::Int(n as i64)), "caller {t}, call {i}");
                }
            })
        })
        .collect();
    for h in handles {
        h.join().unwrap();
    }
    assert!(rt.settle(Duration::from_secs(5)));
}
