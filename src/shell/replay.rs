//! Replaying a script (a file or a pipe) as if typed: before each line, the prompt and
//! the line itself, then what the line printed, as in a recorded iex session.

use super::session::{Fed, Session};
use std::io::BufRead;

/// How a replay ended.
#[derive(Debug, PartialEq, Eq)]
pub enum Ending {
    /// The input ran out (or `quit`).
    Finished,
    /// The node died (atom table full): the exit status is 1.
    NodeCrashed,
}

pub fn replay(session: &mut Session, input: &mut dyn BufRead) -> std::io::Result<Ending> {
    let mut raw = Vec::new();
    loop {
        raw.clear();
        if input.read_until(b'\n', &mut raw)? == 0 {
            return Ok(Ending::Finished);
        }
        // Bad UTF-8 is shown and evaluated as its replacement characters, not refused.
        let line = String::from_utf8_lossy(&raw);
        let line = line.trim_end_matches(['\n', '\r']);
        let prompt = session.prompt();
        session.out().write(&format!("{prompt}{line}\n"));
        match session.feed(line) {
            Fed::NodeCrashed => return Ok(Ending::NodeCrashed),
            Fed::Quit => return Ok(Ending::Finished),
            Fed::More | Fed::Done => {}
        }
        session.out().flush();
    }
}
