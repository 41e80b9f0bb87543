//! The VM's speed and memory against real iex: each script in `benches/vm/` runs
//! through both shells as a whole process, as a learner runs it, and the table gives
//! wall time and peak RSS of each, their ratios, and whether both answered right. Not a
//! test: `cargo bench --bench vm` (optionally `-- ring busy` for some workloads and
//! `--runs N` for the least of N runs).
//!
//! iex gets the script on stdin through a bare `iex` (`iex < script.exs`), the way the
//! project's earlier iex figures were taken; otpsh replays it from the file
//! (`target/release/otpsh script.exs`). Without Elixir installed, otpsh's figures are
//! printed alone. MB here are 10^6 bytes.

// A crate root's modules are looked up beside it, not in a folder named after it.
#[path = "vm/measure.rs"]
mod measure;
#[path = "vm/output.rs"]
mod output;
#[path = "vm/workloads.rs"]
mod workloads;

use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Duration;

use workloads::{Workload, EMPTY, SPAWNED, WORKLOADS};

/// Long enough for the slowest workload in iex (`tail`, ~15 s) many times over; a run
/// still going then is reported as a timeout, not waited for.
const DEADLINE: Duration = Duration::from_secs(300);

#[derive(Clone, Copy, PartialEq)]
enum Shell {
    Iex,
    Otpsh,
}

/// The least wall time and the least peak RSS of a workload's runs in one shell (from
/// possibly different runs), the results of its last run and whether every run's
/// results were right.
struct Figures {
    wall: Duration,
    peak_rss: u64,
    results: Vec<String>,
    right: bool,
    /// Why a run did not end normally (killed at the deadline, non-zero exit).
    failure: Option<String>,
}

struct Bench {
    otpsh: PathBuf,
    has_iex: bool,
    runs: usize,
    dir: PathBuf,
}

fn main() {
    let (names, runs) = match arguments() {
        Ok(parsed) => parsed,
        Err(message) => {
            eprintln!("{message}\nusage: cargo bench --bench vm -- [WORKLOAD...] [--runs N]");
            std::process::exit(2);
        }
    };
    // Cargo builds the crate's binaries for a benchmark, with the bench profile (which
    // inherits release), and names them here: this is `target/release/otpsh`.
    let otpsh = PathBuf::from(env!("CARGO_BIN_EXE_otpsh"));
    if !otpsh.exists() {
        eprintln!(
            "{} is missing: build it with `cargo build --release`",
            otpsh.display()
        );
        std::process::exit(1);
    }
    let bench = Bench {
        otpsh,
        has_iex: on_path("iex"),
        runs,
        dir: Path::new(env!("CARGO_MANIFEST_DIR")).join("benches/vm"),
    };
    print_machine();
    if !bench.has_iex {
        println!("iex is missing (apt-get install -y elixir): otpsh's figures alone");
    }
    let chosen: Vec<&Workload> = WORKLOADS
        .iter()
        .filter(|w| names.is_empty() || names.iter().any(|n| n == w.name))
        .collect();
    let mut rows = Vec::new();
    for workload in &chosen {
        let iex = bench.has_iex.then(|| bench.measure(workload, Shell::Iex));
        let otpsh = bench.measure(workload, Shell::Otpsh);
        rows.push((*workload, iex, otpsh));
    }
    println!();
    print_table(&rows);
    print_failures(&rows);
    if let Some((_, iex, otpsh)) = rows.iter().find(|(w, ..)| w.name == "spawn100k") {
        bench.print_per_process(iex.as_ref(), otpsh);
    }
    if let Some((_, iex, otpsh)) = rows.iter().find(|(w, ..)| w.name == "busy") {
        print_busy_timer(iex.as_ref(), otpsh);
    }
}

/// Workload names and `--runs N`; cargo's own `--bench` flag is passed on to us too.
fn arguments() -> Result<(Vec<String>, usize), String> {
    let mut names = Vec::new();
    let mut runs = 1;
    let mut args = std::env::args().skip(1);
    while let Some(arg) = args.next() {
        match arg.as_str() {
            "--bench" => {}
            "--runs" => {
                let n = args.next().ok_or("--runs needs a number")?;
                runs = n
                    .parse()
                    .ok()
                    .filter(|&n: &usize| n > 0)
                    .ok_or(format!("--runs {n}: not a positive number"))?;
            }
            name if WORKLOADS.iter().any(|w| w.name == name) => names.push(arg),
            other => return Err(format!("no workload {other:?}")),
        }
    }
    Ok((names, runs))
}

fn on_path(program: &str) -> bool {
    std::env::var_os("PATH")
        .is_some_and(|paths| std::env::split_paths(&paths).any(|dir| dir.join(program).is_file()))
}

fn print_machine() {
    let cpuinfo = std::fs::read_to_string("/proc/cpuinfo").unwrap_or_default();
    let model = cpuinfo
        .lines()
        .find_map(|l| l.strip_prefix("model name"))
        .map(|l| l.trim_start_matches([' ', '\t', ':']).to_string())
        .unwrap_or_else(|| "unknown processor".into());
    let cores = std::thread::available_parallelism().map_or(0, |n| n.get());
    let load = std::fs::read_to_string("/proc/loadavg").unwrap_or_default();
    let load: Vec<&str> = load.split_whitespace().take(3).collect();
    println!(
        "machine: {cores} cores, {model}; load average {}",
        load.join(" ")
    );
}

impl Bench {
    fn script(&self, name: &str) -> PathBuf {
        self.dir.join(format!("{name}.exs"))
    }

    /// Runs `name`'s script `self.runs` times in `shell`.
    fn measure_script(&self, name: &str, shell: Shell, expected: &[&str]) -> Figures {
        let script = self.script(name);
        let mut figures: Option<Figures> = None;
        for _ in 0..self.runs {
            let (command, stdin) = match shell {
                Shell::Iex => (Command::new("iex"), Some(script.as_path())),
                Shell::Otpsh => {
                    let mut command = Command::new(&self.otpsh);
                    command.args(["--color", "never"]).arg(&script);
                    command.env("NO_COLOR", "1");
                    (command, None)
                }
            };
            let run = match measure::run(command, stdin, DEADLINE) {
                Ok(run) => run,
                Err(message) => {
                    eprintln!("cannot run {name} in {}: {message}", shell.name());
                    std::process::exit(1);
                }
            };
            let results = match shell {
                Shell::Iex => output::iex_results(&run.stdout),
                Shell::Otpsh => output::otpsh_results(&run.stdout),
            };
            let failure = match run.exit {
                None => Some(format!("killed after {} s", DEADLINE.as_secs())),
                Some(0) => None,
                Some(code) => Some(format!("exit status {code}")),
            };
            let right = failure.is_none() && output::matches(&results, expected);
            figures = Some(match figures {
                None => Figures {
                    wall: run.wall,
                    peak_rss: run.peak_rss,
                    results,
                    right,
                    failure,
                },
                Some(before) => Figures {
                    wall: before.wall.min(run.wall),
                    peak_rss: before.peak_rss.min(run.peak_rss),
                    results,
                    right: before.right && right,
                    failure: before.failure.or(failure),
                },
            });
        }
        figures.expect("runs > 0")
    }

    fn measure(&self, workload: &Workload, shell: Shell) -> Figures {
        let figures = self.measure_script(workload.name, shell, workload.expected);
        eprintln!(
            "{:<10} {:<6} {:>8.2} s {:>8.1} MB  {}",
            workload.name,
            shell.name(),
            figures.wall.as_secs_f64(),
            mb(figures.peak_rss),
            if figures.right { "right" } else { "WRONG" }
        );
        figures
    }

    /// Bytes of one idle spawned process: spawn100k's peak over an empty script's,
    /// divided by the processes spawned. The empty script's wall time is each shell's
    /// start and stop, part of every figure in the table.
    fn print_per_process(&self, iex: Option<&Figures>, otpsh: &Figures) {
        println!();
        for (shell, figures) in [(Shell::Iex, iex), (Shell::Otpsh, Some(otpsh))] {
            let Some(figures) = figures else { continue };
            let empty = self.measure_script(EMPTY, shell, &[]);
            let grown = figures.peak_rss.saturating_sub(empty.peak_rss);
            println!(
                "{}: empty script {:.2} s {:.1} MB; per idle process ({:.1} MB - {:.1} MB) / {SPAWNED} = {} bytes",
                shell.name(),
                empty.wall.as_secs_f64(),
                mb(empty.peak_rss),
                mb(figures.peak_rss),
                mb(empty.peak_rss),
                grown / SPAWNED
            );
        }
    }
}

impl Shell {
    fn name(self) -> &'static str {
        match self {
            Shell::Iex => "iex",
            Shell::Otpsh => "otpsh",
        }
    }
}

fn mb(bytes: u64) -> f64 {
    bytes as f64 / 1e6
}

type Row<'a> = (&'a Workload, Option<Figures>, Figures);

fn print_table(rows: &[Row]) {
    println!("| workload | iex s | iex MB | otpsh s | otpsh MB | speed iex/otpsh | memory iex/otpsh | outputs |");
    println!("|---|---:|---:|---:|---:|---:|---:|---|");
    for (workload, iex, otpsh) in rows {
        let (iex_s, iex_mb, speed, memory) = match iex {
            Some(iex) => (
                format!("{:.2}", iex.wall.as_secs_f64()),
                format!("{:.0}", mb(iex.peak_rss)),
                format!("{:.2}", iex.wall.as_secs_f64() / otpsh.wall.as_secs_f64()),
                format!("{:.2}", iex.peak_rss as f64 / otpsh.peak_rss as f64),
            ),
            None => ("-".into(), "-".into(), "-".into(), "-".into()),
        };
        let outputs = match (iex.as_ref().map(|f| f.right), otpsh.right) {
            (Some(true), true) => "agree, right",
            (Some(true), false) => "differ: otpsh wrong",
            (Some(false), true) => "differ: iex wrong",
            (Some(false), false) => "both wrong",
            (None, true) => "otpsh right (no iex)",
            (None, false) => "otpsh wrong (no iex)",
        };
        println!(
            "| {} | {iex_s} | {iex_mb} | {:.2} | {:.0} | {speed} | {memory} | {outputs} |",
            workload.name,
            otpsh.wall.as_secs_f64(),
            mb(otpsh.peak_rss),
        );
    }
}

/// What a shell answered where it was not the expected answer.
fn print_failures(rows: &[Row]) {
    for (workload, iex, otpsh) in rows {
        for (shell, figures) in [(Shell::Iex, iex.as_ref()), (Shell::Otpsh, Some(otpsh))] {
            let Some(figures) = figures.filter(|f| !f.right) else {
                continue;
            };
            println!();
            println!("{} in {}:", workload.name, shell.name());
            if let Some(failure) = &figures.failure {
                println!("  {failure}");
            }
            println!("  expected {:?}", workload.expected);
            println!("  answered {:?}", figures.results);
        }
    }
}

fn print_busy_timer(iex: Option<&Figures>, otpsh: &Figures) {
    println!();
    for (shell, figures) in [(Shell::Iex, iex), (Shell::Otpsh, Some(otpsh))] {
        let Some(figures) = figures else { continue };
        let us = workloads::busy_timer_us(&figures.results).unwrap_or("?");
        println!(
            "busy in {}: :timer.tc of Enum.sum(1..1000) beside 4 spinning processes = {us} µs",
            shell.name()
        );
    }
}
