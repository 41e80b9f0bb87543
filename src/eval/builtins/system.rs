//! `System`: the clock and version functions a learner times a loop or checks a setup
//! with. The shell has one clock, the host's: `monotonic_time` reads it too (the BEAM's
//! starts at an arbitrary point; no program may rely on its value, only on differences).

use super::Answer;
use crate::error::Error;
use crate::term::Term;
use std::time::{SystemTime, UNIX_EPOCH};

pub fn call(function: &str, args: &[Term]) -> Answer {
    let unit = |u: &Term| per_second(u).ok_or_else(|| bad_unit(u));
    Some(Ok(match (function, args) {
        ("monotonic_time" | "system_time" | "os_time", []) => Term::Int(now_in(1_000_000_000)),
        ("monotonic_time" | "system_time" | "os_time", [u]) => match unit(u) {
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
    use super::call;
    use crate::term::Term;

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
