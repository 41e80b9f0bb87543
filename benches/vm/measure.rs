//! Runs one shell as a child process and measures it: wall time from spawn to exit, and
//! the child's peak resident set as the kernel reports it to `wait4`. Owns nothing else:
//! what the output means is `output.rs`'s business.
//!
//! The peak comes from `wait4` and not from sampling `/proc`, because a sampler misses
//! short peaks and costs the machine a thread. `iex` is a chain of shell scripts that
//! `exec` the BEAM, so the pid spawned is the BEAM's own and its `ru_maxrss` is the
//! BEAM's peak (the scripts before it are smaller).

use std::fs::File;
use std::io::Read;
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

/// A run that ended, one way or the other.
pub struct Run {
    pub wall: Duration,
    /// Peak resident set in bytes.
    pub peak_rss: u64,
    pub stdout: String,
    /// `None` when the run was killed at the deadline.
    pub exit: Option<i32>,
}

/// How often the parent looks whether the child has ended: the error this adds to the
/// wall time, and small against the shortest workload (a few hundred ms).
const POLL: Duration = Duration::from_millis(1);

/// Runs `command` with `stdin` (a file, or nothing) and stdout captured, stderr
/// discarded (crash reports, the BEAM's warnings); kills it at `deadline`.
pub fn run(mut command: Command, stdin: Option<&Path>, deadline: Duration) -> Result<Run, String> {
    let input = match stdin {
        Some(path) => {
            Stdio::from(File::open(path).map_err(|e| format!("{}: {e}", path.display()))?)
        }
        None => Stdio::null(),
    };
    let started = Instant::now();
    let mut child = command
        .stdin(input)
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .map_err(|e| format!("{:?}: {e}", command.get_program()))?;
    let mut stdout = child.stdout.take().expect("stdout is piped");
    // The pipe is read while the child runs, so a talkative child never blocks on it.
    let reader = std::thread::spawn(move || {
        let mut text = Vec::new();
        let _ = stdout.read_to_end(&mut text);
        String::from_utf8_lossy(&text).into_owned()
    });
    let pid = child.id() as libc::pid_t;
    let (status, usage, wall) = reap(pid, started, deadline);
    let stdout = reader.join().unwrap_or_default();
    let exit = status.map(|s| {
        if libc::WIFEXITED(s) {
            libc::WEXITSTATUS(s)
        } else {
            128 + libc::WTERMSIG(s)
        }
    });
    Ok(Run {
        wall,
        // Linux reports `ru_maxrss` in KiB.
        peak_rss: usage.ru_maxrss.max(0) as u64 * 1024,
        stdout,
        exit,
    })
}

/// Waits for `pid` without blocking, so the deadline can be kept; the wall time is taken
/// when the child is seen to have ended. `None` status: killed at the deadline.
fn reap(
    pid: libc::pid_t,
    started: Instant,
    deadline: Duration,
) -> (Option<libc::c_int>, libc::rusage, Duration) {
    let mut killed = false;
    loop {
        let mut status: libc::c_int = 0;
        // SAFETY: `rusage` is plain data that `wait4` fills in; zeroes are a valid value.
        let mut usage: libc::rusage = unsafe { std::mem::zeroed() };
        // SAFETY: `pid` is our own child, not yet reaped (only this loop reaps it), and
        // both pointers are to live locals.
        let got = unsafe { libc::wait4(pid, &mut status, libc::WNOHANG, &mut usage) };
        if got == pid {
            let wall = started.elapsed();
            return ((!killed).then_some(status), usage, wall);
        }
        if got < 0 {
            // Nothing to wait for: cannot happen for our own unreaped child.
            return (None, usage, started.elapsed());
        }
        if !killed && started.elapsed() > deadline {
            // SAFETY: the child is not reaped yet, so `pid` is still its pid.
            unsafe { libc::kill(pid, libc::SIGKILL) };
            killed = true;
        }
        std::thread::sleep(POLL);
    }
}
