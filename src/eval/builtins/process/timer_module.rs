//! Erlang's `:timer` beyond `sleep/1` and `tc/1`: `send_after/2,3`, `send_interval/2,3`,
//! `cancel/1` and the unit helpers, as OTP 25 answers them (`{:ok, tref}` or
//! `{:error, :badarg}`, never an exception). A `send_after` is the BIF's timer; an
//! interval is a timer the node's timer thread fires again each period.

use std::time::Duration;

use crate::error::Result;
use crate::eval::Evaluator;
use crate::term::Term;

/// Some(answer) for the functions this module covers, None for the others.
pub fn call(ev: &mut Evaluator, function: &str, args: &[Term]) -> Option<Result<Term>> {
    let client = ev.client;
    let me = Term::Pid(client.pid());
    let badarg = || Term::error_tuple(Term::atom("badarg"));
    let tref = |kind: &str, r| Term::ok_tuple(Term::tuple(vec![Term::atom(kind), Term::Ref(r)]));
    let millis = |t: &Term| match t {
        Term::Int(ms) if *ms >= 0 => Some(Duration::from_millis(*ms as u64)),
        _ => None,
    };
    let (dest, msg) = match (function, args) {
        ("send_after" | "send_interval", [_, msg]) => (&me, msg),
        ("send_after" | "send_interval", [_, dest, msg]) => (dest, msg),
        ("cancel", [t]) => return Some(Ok(cancel(ev, t))),
        ("seconds" | "minutes" | "hours", [n]) => return unit(function, n).map(Ok),
        ("hms", [h, m, s]) => {
            let ms = [(h, 3_600_000), (m, 60_000), (s, 1_000)]
                .iter()
                .try_fold(0i64, |acc, (n, per)| {
                    acc.checked_add(n.as_int()?.checked_mul(*per)?)
                });
            return ms.map(|ms| Ok(Term::Int(ms)));
        }
        _ => return None,
    };
    let Some(time) = millis(&args[0]) else {
        return Some(Ok(badarg()));
    };
    let answer = match function {
        "send_after" => client
            .start_timer(dest, msg.clone(), time, false)
            .map(|r| tref("send_local", r)),
        _ => client
            .start_interval(dest, msg.clone(), time)
            .map(|r| tref("interval", r)),
    };
    Some(Ok(answer.unwrap_or_else(badarg)))
}

/// `:timer.cancel/1`: `{:ok, :cancel}` for any timer reference (fired, cancelled or
/// not), `{:error, :badarg}` for anything else.
fn cancel(ev: &Evaluator, t: &Term) -> Term {
    match t.as_tuple() {
        Some([kind, Term::Ref(r)])
            if ["send_local", "interval", "once"]
                .iter()
                .any(|k| kind.is_atom(k)) =>
        {
            ev.client.cancel_timer(*r);
            Term::ok_tuple(Term::atom("cancel"))
        }
        _ => Term::error_tuple(Term::atom("badarg")),
    }
}

/// `:timer.seconds/1` and its kin: milliseconds, a float staying a float.
fn unit(function: &str, n: &Term) -> Option<Term> {
    let per = match function {
        "seconds" => 1_000,
        "minutes" => 60_000,
        _ => 3_600_000,
    };
    match n {
        Term::Int(i) => i.checked_mul(per).map(Term::Int),
        Term::Float(f) => Some(Term::Float(f * per as f64)),
        _ => None,
    }
}
