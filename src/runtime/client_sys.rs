//! The client's `:sys` calls: `get_state/1`, `replace_state/2`, `suspend/1`, `resume/1`.
//!
//! On the BEAM these are system messages a process answers even while suspended. For a
//! behaviour they act on the process directly from the caller's thread: the suspension
//! is a flag the run loop checks before each message, and the state is read under the
//! behaviour's lock (a handler never blocks, so the wait is short). A process the shell
//! runs (an Agent, a `receive` loop) gets the system message itself (`Msg::System`).

use std::sync::atomic::Ordering;
use std::sync::Arc;
use std::time::Duration;

use super::client::Client;
use super::gen_server;
use super::process::Msg;
use super::process::Process;
use super::scheduler;
use crate::error::Error;
use crate::term::Term;

/// `:sys`'s default timeout.
const SYS_TIMEOUT: Duration = Duration::from_secs(5);

impl Client {
    fn sys_target(&self, fun: &str, server: &Term) -> Result<Arc<Process>, Error> {
        let exit = |reason: &str| {
            Error::Exit(Term::tuple(vec![
                Term::atom(reason),
                Term::tuple(vec![
                    Term::atom("sys"),
                    Term::atom(fun),
                    Term::list(vec![server.clone()]),
                ]),
            ]))
        };
        let Some(proc) = gen_server::resolve(&self.rt, server)? else {
            return Err(exit("noproc"));
        };
        if proc.pid == self.pid() {
            return Err(exit("calling_self"));
        }
        Ok(proc)
    }

    /// `:sys.get_state/1`: a GenServer's state, or what a process the shell runs (an
    /// Agent) answers to the system message.
    pub fn sys_get_state(&self, server: &Term) -> Result<Term, Error> {
        let proc = self.sys_target("get_state", server)?;
        if proc.runs_code() {
            return self.sys_call(&proc, server, "get_state", Term::atom("get_state"));
        }
        let behaviour = proc.behaviour.lock().unwrap();
        Ok(behaviour
            .as_ref()
            .and_then(|b| b.state())
            .unwrap_or_else(|| Term::atom("undefined")))
    }

    /// `:sys.replace_state/2` on a process the shell runs: it applies `fun` itself and
    /// answers the new state. None for a behaviour, whose state the caller replaces with
    /// `sys_get_state` and `sys_put_state`.
    pub fn sys_replace_state_in(&self, server: &Term, fun: &Term) -> Option<Result<Term, Error>> {
        let proc = match self.sys_target("replace_state", server) {
            Ok(proc) => proc,
            Err(e) => return Some(Err(e)),
        };
        if !proc.runs_code() {
            return None;
        }
        let request = Term::tuple(vec![Term::atom("replace_state"), fun.clone()]);
        Some(self.sys_call(&proc, server, "replace_state", request))
    }

    /// A system message `request` to `proc` and its answer, as `:sys`'s `gen:call` with
    /// its 5 s: a process that never answers (a plain `receive` loop) times it out.
    fn sys_call(
        &self,
        proc: &Arc<Process>,
        server: &Term,
        fun: &str,
        request: Term,
    ) -> Result<Term, Error> {
        let from = self.proc.clone();
        let msg = |tag| Msg::System { request, from, tag };
        let mfa = Term::tuple(vec![
            Term::atom("sys"),
            Term::atom(fun),
            Term::list(vec![server.clone()]),
        ]);
        match self.request(proc, msg, Some(SYS_TIMEOUT)) {
            Ok(v) => Ok(v),
            Err(reason) => Err(Error::Exit(Term::tuple(vec![
                reason.unwrap_or_else(|| Term::atom("timeout")),
                mfa,
            ]))),
        }
    }

    /// `:sys.replace_state/2`'s write, once the caller has applied the function to the
    /// state `sys_get_state` gave: the server's state becomes `state`.
    pub fn sys_put_state(&self, server: &Term, state: Term) -> Result<Term, Error> {
        let proc = self.sys_target("replace_state", server)?;
        let mut behaviour = proc.behaviour.lock().unwrap();
        if let Some(b) = behaviour.as_mut() {
            b.replace_state(state.clone());
        }
        Ok(state)
    }

    /// `:sys.suspend/1`: the process handles no more messages until resumed.
    pub fn sys_suspend(&self, server: &Term) -> Result<Term, Error> {
        let proc = self.sys_target("suspend", server)?;
        if proc.runs_code() {
            return self.sys_call(&proc, server, "suspend", Term::atom("suspend"));
        }
        proc.suspended.store(true, Ordering::Release);
        Ok(Term::ok())
    }

    /// `:sys.resume/1`: handles what was queued meanwhile.
    pub fn sys_resume(&self, server: &Term) -> Result<Term, Error> {
        let proc = self.sys_target("resume", server)?;
        if proc.runs_code() {
            return self.sys_call(&proc, server, "resume", Term::atom("resume"));
        }
        proc.suspended.store(false, Ordering::Release);
        scheduler::wake(&self.rt, &proc);
        Ok(Term::ok())
    }
}
