//! The client's timer calls (`Process.send_after/4`, `:erlang.start_timer/4`, their
//! cancel and read), `GenServer.reply/2`, and what `Process.info/2` says about monitors.
//! The timers themselves live in `timers.rs`.

use std::time::Duration;

use super::client::Client;
use super::process::Msg;
use super::scheduler;
use super::timers::Dest;
use crate::term::{Pid, Ref, Term};

impl Client {
    /// Starts a timer sending `msg` to `dest` (a pid or a name, looked up when it fires)
    /// after `delay`; None if `dest` is neither. `wrap` gives the BEAM's
    /// `{:timeout, ref, msg}` (`:erlang.start_timer`).
    pub fn start_timer(&self, dest: &Term, msg: Term, delay: Duration, wrap: bool) -> Option<Ref> {
        let dest = match dest {
            Term::Pid(p) => Dest::Pid(*p),
            Term::Atom(a) => Dest::Name(a.clone()),
            _ => return None,
        };
        let r = self.rt.make_ref();
        let msg = if wrap {
            Term::tuple(vec![Term::atom("timeout"), Term::Ref(r), msg])
        } else {
            msg
        };
        let timers = &self.rt.inner.timers;
        match dest {
            // `:erlang.start_timer` to a pid dies with the pid: checked after the timer
            // is in, so that an exit racing this start cannot leave it behind.
            Dest::Pid(pid) if wrap => {
                timers.start_bound_timer(r, pid, msg, delay);
                if self.rt.inner.table.get(pid).is_none() {
                    timers.cancel_bound_to(pid);
                }
            }
            dest => timers.start_timer(r, dest, msg, delay),
        }
        Some(r)
    }

    /// `:timer.send_interval/3`: `msg` to `dest` (a pid or a name) every `every` until
    /// cancelled with `cancel_timer`, or until a pid `dest` exits. None if `dest` is
    /// neither a pid nor an atom.
    pub fn start_interval(&self, dest: &Term, msg: Term, every: Duration) -> Option<Ref> {
        let (dest, pid) = match dest {
            Term::Pid(p) => (Dest::Pid(*p), Some(*p)),
            Term::Atom(a) => (Dest::Name(a.clone()), None),
            _ => return None,
        };
        let r = self.rt.make_ref();
        let timers = &self.rt.inner.timers;
        timers.start_interval(r, dest, msg, every);
        if let Some(pid) = pid.filter(|p| self.rt.inner.table.get(*p).is_none()) {
            timers.cancel_bound_to(pid);
        }
        Some(r)
    }

    /// `:erlang.monotonic_time/0`: the node's monotonic clock in nanoseconds, negative
    /// like the BEAM's (see `timers::MONOTONIC_START_NS`).
    pub fn monotonic_time_ns(&self) -> i64 {
        self.rt.inner.timers.monotonic_ns()
    }

    /// A timer's delay for a `send_after`/`start_timer` time in milliseconds: relative,
    /// or with `absolute` (`abs: true`) a monotonic time. Err is the BIF's complaint
    /// ("out of range", "exceeds the maximum supported time value").
    pub fn timer_delay(&self, time: i64, absolute: bool) -> Result<Duration, &'static str> {
        self.rt.inner.timers.delay_for(time, absolute)
    }

    /// `:erlang.cancel_timer/1`: the milliseconds the timer had left, or None if it was
    /// not pending.
    pub fn cancel_timer(&self, r: Ref) -> Option<u64> {
        self.rt.inner.timers.cancel(r).map(ceil_ms)
    }

    /// `:erlang.read_timer/1`: the milliseconds left, or None if it is not pending.
    pub fn read_timer(&self, r: Ref) -> Option<u64> {
        self.rt.inner.timers.read(r).map(ceil_ms)
    }

    /// `GenServer.reply/2` (`:gen.reply/2`): `{tag, value}` sent to `to`. A call's own
    /// tag (`[:alias | ref]`) answers the call waiting for it, and is dropped if that
    /// call is over, as a reply to an inactive alias is. A name nobody has is no error.
    pub fn gen_reply(&self, to: &Term, tag: &Term, value: Term) {
        let target = match to {
            Term::Pid(p) => self.rt.inner.table.get(*p),
            Term::Atom(a) => self.rt.inner.names.whereis(a),
            _ => None,
        };
        let Some(target) = target else { return };
        match call_tag(tag) {
            Some(r) => self.rt.send_reply(&target, r, value),
            None => {
                let msg = Term::tuple(vec![tag.clone(), value]);
                scheduler::deliver(&self.rt, &target, Msg::Info(msg));
            }
        }
    }

    /// `Process.info(pid, :monitors)`: what `pid` monitors, oldest first, each as
    /// `{:process, pid}` or `{:process, {name, node}}` when it was monitored by name.
    pub fn monitors_of(&self, pid: Pid) -> Vec<Term> {
        let mut found: Vec<(Ref, Term)> = Vec::new();
        for proc in self.rt.inner.table.all() {
            let meta = proc.meta.lock().unwrap();
            for (r, watcher, named) in &meta.monitors {
                if *watcher == pid && self.is_user_monitor(pid, *r) {
                    found.push((*r, named.clone()));
                }
            }
        }
        found.sort_by_key(|(r, _)| *r);
        let process = Term::atom("process");
        found
            .into_iter()
            .map(|(_, named)| Term::tuple(vec![process.clone(), named]))
            .collect()
    }

    /// `Process.info(pid, :monitored_by)`: the watchers of `pid`, oldest monitor first.
    pub fn monitored_by(&self, pid: Pid) -> Vec<Pid> {
        let Some(proc) = self.rt.inner.table.get(pid) else {
            return Vec::new();
        };
        let meta = proc.meta.lock().unwrap();
        meta.monitors
            .iter()
            .map(|(_, watcher, _)| *watcher)
            .collect()
    }

    /// A monitor the asker itself set is one it still has on its books; another
    /// process's are all shown (a call's monitor lasts only while the call waits).
    fn is_user_monitor(&self, watcher: Pid, r: Ref) -> bool {
        watcher != self.pid() || self.monitors.borrow().contains_key(&r)
    }
}

/// The ref of a call's `from` tag: `[:alias | ref]`, as OTP 25's `:gen.call` makes it.
fn call_tag(tag: &Term) -> Option<Ref> {
    let Term::ImproperList(items, tail) = tag else {
        return None;
    };
    match (&items[..], &**tail) {
        ([alias], Term::Ref(r)) if alias.is_atom("alias") => Some(*r),
        _ => None,
    }
}

impl Client {
    /// Names this process as `GenServer.start`'s `name:` option does (an atom, a
    /// `{:global, _}` or `{:via, Registry, _}`): Ok(None) once named, Ok(Some(holder))
    /// if the name is taken, Err for a bad name. For processes the shell runs (Agents).
    pub fn claim_own_name(&self, name: &Term) -> Result<Option<Pid>, crate::error::Error> {
        let spec = super::gen_server::parse_name(&self.rt, name)?;
        if let Err(holder) = super::gen_server::claim_name(&self.rt, &spec, &self.proc) {
            return Ok(Some(holder));
        }
        super::gen_server::link_via_owner(&self.rt, &spec, &self.proc);
        Ok(None)
    }
}

impl Client {
    /// The ref of the monitor `watcher` holds on this process, if it still holds one: a
    /// Task's reply goes to its owner's alias, which the owner's demonitor deactivates.
    pub fn monitor_held_by(&self, watcher: Pid) -> Option<Ref> {
        let meta = self.proc.meta.lock().unwrap();
        meta.monitors
            .iter()
            .find(|(_, w, _)| *w == watcher)
            .map(|(r, _, _)| *r)
    }
}

/// Time left in whole milliseconds, rounded up as the BEAM does: a timer just started
/// for 10,000 ms has 10,000 left, not 9,999.
fn ceil_ms(left: Duration) -> u64 {
    left.as_nanos().div_ceil(1_000_000) as u64
}

#[cfg(test)]
mod tests {
    use super::super::{Config, Runtime};
    use crate::term::Term;
    use std::time::Duration;

    const WAIT: Option<Duration> = Some(Duration::from_secs(5));

    fn node() -> Runtime {
        Runtime::new(Config {
            schedulers: 1,
            ..Config::default()
        })
    }

    /// A client serving one request the way a spawned `receive` loop does: it sees
    /// `{:"$gen_call", {pid, [:alias | ref]}, request}` and answers with `gen_reply`.
    #[test]
    fn a_receive_loop_answers_a_call_through_its_alias_tag() {
        let rt = node();
        let caller = rt.spawn_client().unwrap();
        // The server lives on its own thread, as a spawned function does.
        let (pid_tx, pid_rx) = crossbeam_channel::bounded(1);
        let rt2 = rt.clone();
        let server = std::thread::spawn(move || {
            let me = rt2.spawn_client().unwrap();
            pid_tx.send(me.pid()).unwrap();
            let got = me.receive(WAIT).expect("a call");
            let [tag, from, request] = got.as_tuple().unwrap() else {
                panic!("not a call: {got:?}")
            };
            assert!(tag.is_atom("$gen_call"));
            let [to, alias] = from.as_tuple().unwrap() else {
                panic!("bad from")
            };
            assert!(matches!(alias, Term::ImproperList(..)), "{alias:?}");
            me.gen_reply(
                to,
                alias,
                Term::tuple(vec![Term::atom("echo"), request.clone()]),
            );
        });
        let pid = pid_rx.recv_timeout(Duration::from_secs(5)).unwrap();
        let answer = caller
            .call(&Term::Pid(pid), Term::atom("ping"), WAIT)
            .unwrap();
        assert_eq!(
            answer,
            Term::tuple(vec![Term::atom("echo"), Term::atom("ping")])
        );
        server.join().unwrap();
        // The server died after answering: its `:DOWN` was flushed with the call.
        assert_eq!(caller.receive(Some(Duration::from_millis(50))), None);
    }

    #[test]
    fn a_reply_with_a_plain_tag_is_an_ordinary_message() {
        let rt = node();
        let c = rt.spawn_client().unwrap();
        c.gen_reply(&Term::Pid(c.pid()), &Term::atom("tag"), Term::atom("hi"));
        let got = c.receive(WAIT);
        assert_eq!(
            got,
            Some(Term::tuple(vec![Term::atom("tag"), Term::atom("hi")]))
        );
        // A name nobody holds is no error.
        c.gen_reply(&Term::atom("nobody"), &Term::atom("tag"), Term::atom("hi"));
    }

    #[test]
    fn monitors_are_listed_oldest_first_with_how_they_were_named() {
        let rt = node();
        let c = rt.spawn_client().unwrap();
        let other = rt.spawn_client().unwrap();
        c.register(other.pid(), crate::term::Atom::from_static("watched"))
            .unwrap();
        c.monitor(&Term::Pid(other.pid()));
        c.monitor(&Term::atom("watched"));
        let named = Term::tuple(vec![Term::atom("watched"), Term::atom("nonode@nohost")]);
        let process = Term::atom("process");
        assert_eq!(
            c.monitors_of(c.pid()),
            [
                Term::tuple(vec![process.clone(), Term::Pid(other.pid())]),
                Term::tuple(vec![process, named]),
            ]
        );
        assert_eq!(c.monitored_by(other.pid()), [c.pid(), c.pid()]);
    }
}
