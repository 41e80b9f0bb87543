//! Thousands of processes spawned by Elixir typed into the shell, so they run on the VM,
//! messaging, linking and dying at once. The plan is `vm_stress.exs`: the workers send
//! each other messages in a scattered but fixed pattern, then return, raise, are killed
//! or take a linked partner down, all while a coordinator that traps exits counts every
//! message delivered and every `:EXIT` and `:DOWN`. The test computes the totals from the
//! same plan and asserts the shell answered exactly them, and that the process count
//! is back where it started.
//!
//! Crash reports of the raising workers are printed between the results, so each
//! answer is looked for as a whole line of stdout, wherever it is; the reports are
//! counted too, one per raising worker (iex 1.14 prints all 4,000 of this plan).
//!
//! Timing: a worker waits at most 5 s for a message that does not come and the
//! coordinator 10 s for a report, so a lost message shows as a wrong total, not a hang;
//! the whole run is bounded by `DEADLINE`. It takes 2-3 s in a debug build.

mod common;

use std::time::{Duration, Instant};

const SCRIPT: &str = include_str!("vm_stress.exs");

/// Above the script's own waits (30 s for the totals, then 5 s for the coordinator's
/// `:DOWN`), so a lost message shows as a wrong total; reached only by a shell that
/// hangs.
const DEADLINE: Duration = Duration::from_secs(90);

/// The plan's parameters, bound in the line typed before the script.
struct Plan {
    workers: usize,
    messages: usize,
}

/// Counts by exit reason, in the order iex prints a map of these atom keys.
#[derive(Default)]
struct Exits {
    killed: usize,
    normal: usize,
    pair_down: usize,
    raised: usize,
}

impl Plan {
    /// The first line typed: `n` and `m` as the script names them.
    fn binding(&self) -> String {
        format!("n = {}; m = {}\n", self.workers, self.messages)
    }

    /// The script's `target.(i, k)`.
    fn target(&self, i: usize, k: usize) -> usize {
        (i * 7919 + k * 31) % self.workers
    }

    /// Messages delivered and the sum of their payloads `i * m + k`: every message goes
    /// to a worker that waits for all the plan sends it before it dies.
    fn delivered(&self) -> (usize, usize) {
        let mut received = vec![0usize; self.workers];
        let mut sum = 0;
        for i in 0..self.workers {
            for k in 0..self.messages {
                received[self.target(i, k)] += 1;
                sum += i * self.messages + k;
            }
        }
        (received.iter().sum(), sum)
    }

    /// The script's `fate.(i)` counted into the reasons the coordinator sees: a pair's
    /// first exits with `:pair_down`, and its partner dies of the link with the same.
    fn exits(&self) -> Exits {
        let mut exits = Exits::default();
        for i in 0..self.workers {
            match i % 5 {
                0 => exits.normal += 1,
                1 => exits.raised += 1,
                2 => exits.killed += 1,
                _ => exits.pair_down += 1,
            }
        }
        exits
    }
}

impl Exits {
    fn map(&self) -> String {
        format!(
            "%{{killed: {}, normal: {}, pair_down: {}, raised: {}}}",
            self.killed, self.normal, self.pair_down, self.raised
        )
    }
}

/// Types `input` into the binary; `None` if it is still running at the deadline.
fn replay(input: String) -> Option<common::Run> {
    common::replay(input, DEADLINE)
}

/// The shell's result lines: what is not an echo of input after a prompt.
fn results(stdout: &str) -> Vec<&str> {
    stdout
        .lines()
        .filter(|l| !l.starts_with("iex(") && !l.starts_with("...("))
        .collect()
}

fn tail(text: &str) -> &str {
    let mut at = text.len().saturating_sub(1500);
    while !text.is_char_boundary(at) {
        at += 1;
    }
    &text[at..]
}

#[test]
fn thousands_of_vm_processes_message_link_and_die_without_losing_anything() {
    let plan = Plan {
        workers: 20_000,
        messages: 10,
    };
    assert_eq!(plan.workers % 5, 0, "pairs need a multiple of 5 workers");
    let started = Instant::now();
    let run = replay(plan.binding() + SCRIPT)
        .unwrap_or_else(|| panic!("otpsh still running after {DEADLINE:?}"));
    eprintln!("{} workers: {:?}", plan.workers, started.elapsed());
    assert!(!run.stderr.contains("panicked"), "{}", tail(&run.stderr));
    assert_eq!(run.code, Some(0), "{}", tail(&run.stdout));
    let results = results(&run.stdout);
    let (received, sum) = plan.delivered();
    let exits = plan.exits();
    for answer in [
        format!("{{:delivered, {received}, {sum}, 0}}"),
        format!("{{:exits, {}}}", exits.map()),
        format!("{{:downs, {}}}", exits.map()),
        "{:coordinator, :normal}".to_string(),
    ] {
        assert!(
            results.contains(&answer.as_str()),
            "{answer} missing; the shell answered:\n{}",
            tail(&run.stdout)
        );
    }
    let count = results
        .iter()
        .find_map(|l| l.strip_prefix("{:process_count, "))
        .and_then(|l| l.strip_suffix('}'))
        .unwrap_or_else(|| panic!("no process count: {}", tail(&run.stdout)));
    let (before, after) = count.split_once(", ").expect("two counts");
    assert_eq!(before, after, "process count before and after the workers");
    let reports = (run.stdout.lines().chain(run.stderr.lines()))
        .filter(|l| *l == "** (RuntimeError) boom")
        .count();
    assert_eq!(reports, exits.raised, "one crash report per raising worker");
}
