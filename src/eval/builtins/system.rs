//! `System`: the clock and version functions a learner times a loop or checks a setup
//! with. Wall-clock time is the host's; monotonic time is the node's (see `clock`).

use super::Answer;
use crate::error::Error;
use crate::term::Term;
use std::time::{SystemTime, UNIX_EPOCH};

pub fn call(function: &str, args: &[Term]) -> Answer {
    let unit = |u: &Term| per_second(u).ok_or_else(|| bad_unit(u));
    Some(Ok(match (function, args) {
        ("system_time" | "os_time", []) => Term::Int(now_in(1_000_000_000)),
        ("system_time" | "os_time", [u]) => match unit(u) {
            Ok(per) => Term::Int(now_in(per)),
            Err(e) => return Some(Err(e)),
        },
        ("convert_time_unit", [Term::Int(t), from, to]) => {
            let (from, to) = match (unit(from), unit(to)) {
                (Ok(from), Ok(to)) => (from, to),
                (Err(e), _) | (_, Err(e)) => return Some(Err(e)),
            };
            let converted = i128::from(*t) * i128::from(to) / i128::from(from);
            Term::Int(i64::try_from(converted).ok()?)
        }
        ("version", []) => Term::string("1.14.0"),
        ("otp_release", []) => Term::string("25"),
        ("schedulers_online" | "schedulers", []) => {
            Term::Int(std::thread::available_parallelism().map_or(1, |n| n.get() as i64))
        }
        _ => return None,
    }))
}

/// `System.monotonic_time/0,1` and `time_offset/0,1` (and `:erlang`'s), given the
/// node's monotonic clock in nanoseconds: negative like the BEAM's, and floored when
/// scaled (-1.5 s is -2 in seconds), as `erlang:convert_time_unit` does.
pub fn clock(function: &str, monotonic_ns: i64, args: &[Term]) -> Answer {
    let per = match args {
        [] => 1_000_000_000,
        [u] => match per_second(u) {
            Some(per) => per,
            None => return Some(Err(bad_unit(u))),
        },
        _ => return None,
    };
    let ns = match function {
        "monotonic_time" => i128::from(monotonic_ns),
        "time_offset" => i128::from(now_in(1_000_000_000)) - i128::from(monotonic_ns),
        _ => return None,
    };
    let scaled = (ns * i128::from(per)).div_euclid(1_000_000_000);
    Some(Ok(Term::Int(i64::try_from(scaled).ok()?)))
}

fn bad_unit(unit: &Term) -> Error {
    Error::argument(format!(
        "unsupported time unit. Expected :second, :millisecond, :microsecond, :nanosecond, or a positive integer, got {}",
        crate::inspect::inspect_plain(unit)
    ))
}

/// How many of a time unit make a second (`:native` is the nanosecond on Linux).
fn per_second(unit: &Term) -> Option<i64> {
    match unit {
        Term::Int(n) if *n > 0 => Some(*n),
        Term::Atom(a) => match a.name() {
            "second" => Some(1),
            "millisecond" => Some(1_000),
            "microsecond" => Some(1_000_000),
            "nanosecond" | "native" => Some(1_000_000_000),
            _ => None,
        },
        _ => None,
    }
}

fn now_in(per_second: i64) -> i64 {
    let since = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .unwrap_or_default();
    let scaled = since.as_nanos() * per_second as u128 / 1_000_000_000;
    i64::try_from(scaled).unwrap_or(i64::MAX)
}

#[cfg(test)]
mod tests {
    use super::{call, clock};
    use crate::term::Term;

    #[test]
    fn monotonic_time_is_floored_in_coarse_units_and_offsets_the_wall_clock() {
        let ns = -576_460_751_154_097_417;
        let at = |unit: &str| match clock("monotonic_time", ns, &[Term::atom(unit)]) {
            Some(Ok(Term::Int(t))) => t,
            other => panic!("{other:?}"),
        };
        assert_eq!(at("millisecond"), -576_460_751_155);
        assert_eq!(at("second"), -576_460_752);
        assert_eq!(clock("monotonic_time", ns, &[]), Some(Ok(Term::Int(ns))));
        let offset = clock("time_offset", ns, &[Term::atom("second")]);
        assert!(
            matches!(offset, Some(Ok(Term::Int(s))) if s > 2_000_000_000),
            "{offset:?}"
        );
        assert!(matches!(
            clock("monotonic_time", ns, &[Term::atom("x")]),
            Some(Err(_))
        ));
    }

    #[test]
    fn time_units_scale_the_same_clock() {
        let unit = |u: &str| match call("system_time", &[Term::atom(u)]) {
            Some(Ok(Term::Int(t))) => t,
            other => panic!("{other:?}"),
        };
        let (s, ms) = (unit("second"), unit("millisecond"));
        assert!(ms / 1000 - s <= 1, "{s} {ms}");
        let converted = call(
            "convert_time_unit",
            &[
                Term::Int(1500),
                Term::atom("millisecond"),
                Term::atom("second"),
            ],
        );
        assert_eq!(converted, Some(Ok(Term::Int(1))));
        assert!(matches!(
            call("system_time", &[Term::atom("fortnight")]),
            Some(Err(_))
        ));
    }
}
