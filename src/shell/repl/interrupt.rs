//! Ctrl-C while a line runs.
//!
//! At a prompt the terminal is raw: rustyline reads Ctrl-C as a key and the line is
//! abandoned, no signal involved. While a line runs the terminal is cooked, so Ctrl-C
//! is SIGINT, whose default would kill otpsh with every process in it. Instead the
//! first Ctrl-C raises the shell process's interrupt flag: a call or sleep it is waiting
//! in ends, the evaluator stops at its next step, and the session abandons the line and
//! shows a new prompt (no process is restarted, so PIDs stay as iex numbers them). A
//! second Ctrl-C during the same line leaves otpsh, as Ctrl-C twice leaves iex.

use signal_hook::consts::SIGINT;
use signal_hook::iterator::{Handle, Signals};
use std::io::Write;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};

/// Watches SIGINT for as long as it lives.
pub struct Interrupts {
    presses: Arc<AtomicUsize>,
    handle: Handle,
    /// The interrupt flag of the shell process running the current line.
    target: Arc<Mutex<Option<Arc<AtomicBool>>>>,
}

impl Interrupts {
    pub fn watch() -> std::io::Result<Interrupts> {
        let mut signals = Signals::new([SIGINT])?;
        let handle = signals.handle();
        let presses = Arc::new(AtomicUsize::new(0));
        let seen = presses.clone();
        let target: Arc<Mutex<Option<Arc<AtomicBool>>>> = Arc::default();
        let aimed = target.clone();
        std::thread::Builder::new()
            .name("otpsh-sigint".into())
            .spawn(move || {
                for _ in signals.forever() {
                    if seen.fetch_add(1, Ordering::SeqCst) == 0 {
                        let _ = std::io::stderr().write_all(b"^C\n");
                        if let Some(flag) = aimed.lock().ok().and_then(|t| t.clone()) {
                            flag.store(true, Ordering::SeqCst);
                        }
                    } else {
                        std::process::exit(130);
                    }
                }
            })?;
        Ok(Interrupts {
            presses,
            handle,
            target,
        })
    }

    /// A new line starts, run by the shell process whose interrupt flag this is:
    /// earlier presses no longer count.
    pub fn reset(&self, flag: Arc<AtomicBool>) {
        self.presses.store(0, Ordering::SeqCst);
        if let Ok(mut target) = self.target.lock() {
            *target = Some(flag);
        }
    }
}

impl Drop for Interrupts {
    fn drop(&mut self) {
        self.handle.close();
    }
}
