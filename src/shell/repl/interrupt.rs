//! Ctrl-C while a line runs.
//!
//! At a prompt the terminal is raw: rustyline reads Ctrl-C as a key and the line is
//! abandoned, no signal involved. While a line runs the terminal is cooked, so Ctrl-C
//! is SIGINT, whose default would kill otpsh with every process in it. The runtime
//! offers no way to wake the shell process from another thread without touching pid
//! numbering (which must match iex), so a line is not cut short: a call returns or
//! times out (5 s by default). The first Ctrl-C says so; a second one during the same
//! line leaves otpsh, as Ctrl-C twice leaves iex.

use signal_hook::consts::SIGINT;
use signal_hook::iterator::{Handle, Signals};
use std::io::Write;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;

const FIRST: &str = "\n(Ctrl-C: the line runs to its end; a call returns within its \
                     timeout, 5 s by default. Ctrl-C again leaves otpsh.)\n";

/// Watches SIGINT for as long as it lives.
pub struct Interrupts {
    presses: Arc<AtomicUsize>,
    handle: Handle,
}

impl Interrupts {
    pub fn watch() -> std::io::Result<Interrupts> {
        let mut signals = Signals::new([SIGINT])?;
        let handle = signals.handle();
        let presses = Arc::new(AtomicUsize::new(0));
        let seen = presses.clone();
        std::thread::Builder::new()
            .name("otpsh-sigint".into())
            .spawn(move || {
                for _ in signals.forever() {
                    if seen.fetch_add(1, Ordering::SeqCst) == 0 {
                        let _ = std::io::stderr().write_all(FIRST.as_bytes());
                    } else {
                        std::process::exit(130);
                    }
                }
            })?;
        Ok(Interrupts { presses, handle })
    }

    /// A new line starts: earlier presses no longer count.
    pub fn reset(&self) {
        self.presses.store(0, Ordering::SeqCst);
    }
}

impl Drop for Interrupts {
    fn drop(&mut self) {
        self.handle.close();
    }
}
