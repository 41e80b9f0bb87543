//! The workloads: a script in this folder each, and the results a correct shell gives
//! for its lines (a `*` stands for what differs between correct runs: a pid, a
//! function's name, a time).

pub struct Workload {
    pub name: &'static str,
    pub expected: &'static [&'static str],
}

pub const WORKLOADS: &[Workload] = &[
    Workload {
        name: "reduce",
        expected: &["50000005000000"],
    },
    Workload {
        name: "tail",
        expected: &["#Function<*>", "50000005000000"],
    },
    Workload {
        name: "deep",
        expected: &["#Function<*>", "1000000"],
    },
    Workload {
        name: "spawn100k",
        expected: &["100000", ":ok", "100000"],
    },
    Workload {
        name: "pingpong",
        expected: &["#PID<*>", "100000"],
    },
    Workload {
        name: "busy",
        expected: &["4", ":ok", "{500500, true, *}", "true"],
    },
    Workload {
        name: "ring",
        expected: &["true", "100"],
    },
];

/// The script that starts a shell and ends at once: the baseline of a shell's memory.
pub const EMPTY: &str = "empty";

/// How many processes `spawn100k` leaves waiting, for the memory of one idle process.
pub const SPAWNED: u64 = 100_000;

/// The microseconds `:timer.tc` measured in `busy`'s third line, `{500500, true, T}`,
/// while four processes spin.
pub fn busy_timer_us(results: &[String]) -> Option<&str> {
    let third = results.get(2)?;
    third.strip_suffix('}')?.rsplit(", ").next()
}
