//! Prints µs per operation for the guide's operations at 10k, 100k and 1M live servers,
//! and the bytes each idle server costs. Not a test: `cargo bench --bench runtime`
//! (optionally `-- 10000 100000` to choose the sizes).
//!
//! start     = DynamicSupervisor.start_child with a `{:via, Registry, ..}` name
//! call      = GenServer.call(pid, :state)      call/via = the same through the via name
//! lookup    = Registry.lookup(Registry, key), keys in a scattered order, each probe key
//!             a fresh copy laid out in lookup order (as a key just typed or built is:
//!             hot in cache), so the figure is the table's cost
//! lookup/cold key = the same keys, each read from the benchmark's start-order array
//!             (a cache miss on the key itself before the table is reached; the
//!             "lookup" column of earlier passes)
//! terminate = DynamicSupervisor.terminate_child(sup, pid)
//! bytes/server = RSS growth while starting them / count (from /proc/self/status),
//!             the child specs the supervisor keeps included

use std::time::{Duration, Instant};

use otpsh::runtime::{Client, Config, Runtime};
use otpsh::term::{Pid, Term};

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

/// The atoms the benchmark's terms use, made once and shared, as the evaluator shares
/// a node's atoms (a new `Term::atom` is an allocation of its own).
struct Atoms {
    via: Term,
    registry: Term,
    server: Term,
    state: Term,
}

impl Atoms {
    fn new() -> Atoms {
        Atoms {
            via: a("via"),
            registry: Term::module("Registry"),
            server: Term::module("Server"),
            state: a("state"),
        }
    }

    fn via(&self, key: &Term) -> Term {
        Term::tuple(vec![
            self.via.clone(),
            self.registry.clone(),
            Term::tuple(vec![self.registry.clone(), key.clone()]),
        ])
    }
}

fn rss_bytes() -> u64 {
    let status = std::fs::read_to_string("/proc/self/status").unwrap_or_default();
    status
        .lines()
        .find_map(|l| l.strip_prefix("VmRSS:"))
        .and_then(|v| v.trim().trim_end_matches("kB").trim().parse::<u64>().ok())
        .map_or(0, |kb| kb * 1024)
}

fn per_op(elapsed: Duration, ops: usize) -> f64 {
    elapsed.as_secs_f64() * 1e6 / ops as f64
}

struct Row {
    n: usize,
    start: f64,
    call: f64,
    call_via: f64,
    lookup: f64,
    lookup_cold: f64,
    terminate: f64,
    bytes: f64,
}

fn setup(c: &Client) -> Term {
    c.registry_start(
        &kw(vec![
            ("keys", a("unique")),
            ("name", Term::module("Registry")),
        ]),
        true,
    )
    .unwrap();
    let opts = kw(vec![
        ("name", a("bench_sup")),
        ("max_restarts", Term::Int(1_000_000)),
    ]);
    c.supervisor_start(None, &opts, true).unwrap();
    a("bench_sup")
}

fn run(n: usize) -> Row {
    let rt = Runtime::new(Config {
        max_processes: n + 1000,
        ..Config::default()
    });
    let c = rt.spawn_client().unwrap();
    let sup = setup(&c);
    let atoms = Atoms::new();
    // The benchmark's own vectors are filled before the RSS is read: only the node's
    // growth is counted.
    let mut keys: Vec<Term> = vec![Term::Int(0); n];
    let mut pids: Vec<Pid> = vec![Pid(0); n];
    let mut spec = |i: usize| {
        let key = Term::string(&format!("room_{i}"));
        let spec = Term::tuple(vec![
            atoms.server.clone(),
            Term::tuple(vec![Term::Int(i as i64), atoms.via(&key)]),
        ]);
        keys[i] = key;
        spec
    };
    // Specs are built untimed in batches just before they are started, so a start finds
    // its spec in cache, as it finds one the shell has just evaluated. (Built all at
    // once, a million specs are 300 MB the start would read back from memory.) Their
    // memory, key included, counts in bytes/server: the supervisor keeps each child's
    // spec, and the registry's entry holds the key.
    const BATCH: usize = 1000;
    let rss0 = rss_bytes();
    let mut elapsed = Duration::ZERO;
    for first in (0..n).step_by(BATCH) {
        let batch: Vec<Term> = (first..n.min(first + BATCH)).map(&mut spec).collect();
        let t = Instant::now();
        for (i, spec) in (first..).zip(&batch) {
            let r = c.start_child(&sup, spec).unwrap();
            pids[i] = r.as_tuple().unwrap()[1].as_pid().unwrap();
        }
        elapsed += t.elapsed();
    }
    let start = per_op(elapsed, n);
    rt.settle(Duration::from_secs(10));
    let bytes = (rss_bytes().saturating_sub(rss0)) as f64 / n as f64;

    // Reads (call, lookup) run 200k times at every size, cycling through the servers in
    // a scattered order (7919 is prime: a permutation of each 10^k); terminate runs once
    // per server, up to 200k.
    let reads = 200_000;
    let ops = n.min(reads);
    let order: Vec<usize> = (0..reads).map(|i| (i * 7919) % n).collect();
    let targets: Vec<Term> = order.iter().map(|&i| Term::Pid(pids[i])).collect();
    let t = Instant::now();
    for target in &targets {
        c.call(target, atoms.state.clone(), Some(Duration::from_secs(5)))
            .unwrap();
    }
    let call = per_op(t.elapsed(), reads);

    let vias: Vec<Term> = order.iter().map(|&i| atoms.via(&keys[i])).collect();
    let t = Instant::now();
    for v in &vias {
        c.call(v, atoms.state.clone(), Some(Duration::from_secs(5)))
            .unwrap();
    }
    let call_via = per_op(t.elapsed(), reads);

    let reg = Term::module("Registry");
    let probes: Vec<Term> = order
        .iter()
        .map(|&i| Term::string(keys[i].as_str().unwrap()))
        .collect();
    let t = Instant::now();
    for key in &probes {
        c.registry_entries(&reg, key).unwrap();
    }
    let lookup = per_op(t.elapsed(), reads);
    drop(probes);
    let t = Instant::now();
    for &i in &order {
        c.registry_entries(&reg, &keys[i]).unwrap();
    }
    let lookup_cold = per_op(t.elapsed(), reads);

    let victims: Vec<Term> = pids.iter().take(ops).map(|p| Term::Pid(*p)).collect();
    let t = Instant::now();
    for v in &victims {
        c.terminate_child(&sup, v).unwrap();
    }
    let terminate = per_op(t.elapsed(), ops);
    rt.shutdown();
    Row {
        n,
        start,
        call,
        call_via,
        lookup,
        lookup_cold,
        terminate,
        bytes,
    }
}

/// The environment variable that makes this binary measure one size and print its row.
const ONE_SIZE: &str = "OTPSH_BENCH_ONE_SIZE";

fn main() {
    if let Some(n) = std::env::var(ONE_SIZE).ok().and_then(|v| v.parse().ok()) {
        let r = run(n);
        println!(
            "{:>9} | {:>8.3} | {:>8.3} | {:>9.3} | {:>8.3} | {:>15.3} | {:>9.3} | {:>12.0}",
            r.n, r.start, r.call, r.call_via, r.lookup, r.lookup_cold, r.terminate, r.bytes
        );
        return;
    }
    let sizes: Vec<usize> = std::env::args()
        .skip(1)
        .filter_map(|a| a.parse().ok())
        .collect();
    let sizes = if sizes.is_empty() {
        vec![10_000, 100_000, 1_000_000]
    } else {
        sizes
    };
    println!(
        "{:>9} | {:>8} | {:>8} | {:>9} | {:>8} | {:>15} | {:>9} | {:>12}",
        "servers",
        "start µs",
        "call µs",
        "call/via",
        "lookup",
        "lookup/cold key",
        "terminate",
        "bytes/server"
    );
    // Each size runs in a fresh process: memory freed by one size would otherwise be
    // reused by the next, and its RSS growth (bytes/server) would read low.
    let me = std::env::current_exe().expect("the benchmark's own path");
    for n in sizes {
        let status = std::process::Command::new(&me)
            .env(ONE_SIZE, n.to_string())
            .status()
            .expect("run one size");
        assert!(status.success(), "size {n} failed: {status}");
    }
    println!("BEAM (OTP 25, same machine): start 9-20 µs, call 3 µs, lookup 0.7 µs,");
    println!("terminate 9-13 µs, 100k servers in 556 MB RSS.");
}
