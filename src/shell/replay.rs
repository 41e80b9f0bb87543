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

/// How a replayed line is shown before its output.
#[derive(Debug, PartialEq, Eq, Clone, Copy)]
pub enum Echo {
    /// As typed at iex: `iex(3)> LINE`, `...(3)> LINE`.
    Prompt,
    /// As a transcript (`otpsh record`): `iex> LINE`, `...> LINE`; comment lines are
    /// left out, as the oracle leaves them out.
    Transcript,
}

pub fn replay(session: &mut Session, input: &mut dyn BufRead) -> std::io::Result<Ending> {
    replay_as(session, input, Echo::Prompt)
}

pub fn replay_as(
    session: &mut Session,
    input: &mut dyn BufRead,
    echo: Echo,
) -> std::io::Result<Ending> {
    let mut raw = Vec::new();
    loop {
        raw.clear();
        if input.read_until(b'\n', &mut raw)? == 0 {
            return Ok(Ending::Finished);
        }
        // Bad UTF-8 is shown and evaluated as its replacement characters, not refused.
        let line = String::from_utf8_lossy(&raw);
        let line = line.trim_end_matches(['\n', '\r']);
        let prompt = match echo {
            Echo::Prompt => session.prompt(),
            Echo::Transcript if line.starts_with('#') && line.trim() != "#iex:break" => continue,
            Echo::Transcript if session.is_continuing() => "...> ".to_string(),
            Echo::Transcript => "iex> ".to_string(),
        };
        session.out().write(&format!("{prompt}{line}\n"));
        match session.feed(line) {
            Fed::NodeCrashed => return Ok(Ending::NodeCrashed),
            Fed::Quit => return Ok(Ending::Finished),
            Fed::More | Fed::Done => {}
        }
        session.out().flush();
    }
}
