//! `otpsh check`: replays the inputs of transcripts and compares what otpsh prints with
//! what was recorded, under the normalization of `transcript`. A teacher proves a lesson
//! still runs with it; the test suite runs every recorded transcript through it.

use super::session::{Fed, Session};
use super::transcript::{self, Normalizer};
use crate::output::Output;
use crate::runtime::Config;

/// The verdict on one transcript file.
pub struct FileReport {
    pub entries: usize,
    /// One text per entry that differed: input, expected, got.
    pub mismatches: Vec<String>,
}

impl FileReport {
    pub fn passed(&self) -> bool {
        self.mismatches.is_empty()
    }
}

/// Replays one transcript's inputs in a fresh session and compares entry by entry.
/// A transcript recorded with node flags says so before its first entry, e.g.
/// `# otpsh-args: --atom-limit 20000`.
pub fn check_transcript(text: &str, config: &Config) -> Result<FileReport, String> {
    let entries = transcript::parse(text);
    let config = &transcript::node_args(text, config)?;
    let (out, buffer) = Output::buffer(false);
    let mut session = Session::new(config.clone(), out)?;
    let mut expected_norm = Normalizer::new();
    let mut actual_norm = Normalizer::new();
    let mut mismatches = Vec::new();
    let mut crashed = false;
    for entry in &entries {
        let start = buffer.lock().map(|b| b.len()).unwrap_or(0);
        if !crashed {
            for line in &entry.input {
                if session.feed(line) == Fed::NodeCrashed {
                    crashed = true;
                    break;
                }
            }
        }
        let produced = buffer
            .lock()
            .map(|b| b[start..].to_vec())
            .unwrap_or_default();
        let produced = String::from_utf8_lossy(&produced);
        let actual: Vec<String> = produced.lines().map(str::to_string).collect();
        let want = expected_norm.lines(&entry.expected);
        let got = actual_norm.lines(&actual);
        if want != got {
            mismatches.push(describe(&entry.input, &want, &got));
        }
    }
    session.shutdown();
    Ok(FileReport {
        entries: entries.len(),
        mismatches,
    })
}

fn describe(input: &[String], want: &[String], got: &[String]) -> String {
    let mut text = format!("iex> {}\n", input.join("\n...> "));
    let width = want.len().max(got.len());
    for i in 0..width {
        match (want.get(i), got.get(i)) {
            (Some(w), Some(g)) if w == g => text.push_str(&format!("    {w}\n")),
            (w, g) => {
                if let Some(w) = w {
                    text.push_str(&format!("  - {w}\n"));
                }
                if let Some(g) = g {
                    text.push_str(&format!("  + {g}\n"));
                }
            }
        }
    }
    text
}

/// Checks files, printing a verdict per file, the diffs, and `N passed, M failed`.
/// Returns whether every file passed.
pub fn run(paths: &[std::path::PathBuf], config: &Config, out: &mut Output) -> bool {
    let (mut passed, mut failed) = (0, 0);
    for path in paths {
        let report = std::fs::read(path)
            .map_err(|e| format!("cannot read {}: {e}", path.display()))
            .and_then(|bytes| check_transcript(&String::from_utf8_lossy(&bytes), config));
        match report {
            Ok(r) if r.passed() => {
                passed += 1;
                out.line(
                    crate::output::Role::Info,
                    &format!("ok   {} ({} lines)", path.display(), r.entries),
                );
            }
            Ok(r) => {
                failed += 1;
                out.line(
                    crate::output::Role::Error,
                    &format!(
                        "FAIL {} ({} of {} lines differ)",
                        path.display(),
                        r.mismatches.len(),
                        r.entries
                    ),
                );
                for m in &r.mismatches {
                    out.write(m);
                }
            }
            Err(e) => {
                failed += 1;
                out.line(
                    crate::output::Role::Error,
                    &format!("FAIL {}: {e}", path.display()),
                );
            }
        }
    }
    out.line(
        crate::output::Role::Info,
        &format!("{passed} passed, {failed} failed"),
    );
    out.flush();
    failed == 0
}
