//! Every recorded transcript replays through otpsh and matches: the shared conformance
//! set recorded from real iex (when `../shared/conformance` exists), the project's own
//! recordings from real iex under `tests/transcripts/`, and the lessons under `scripts/`.

use otpsh::runtime::Config;
use otpsh::shell::check::check_transcript;
use std::path::{Path, PathBuf};
use std::sync::Mutex;

/// The transcripts hold timing, as iex sessions do (`Process.sleep(20)` while a spawned
/// process answers, a timer due in 50 ms). Three sessions at once on CI's two cores made
/// such lines flaky, so the tests below replay one session at a time.
static ONE_SESSION_AT_A_TIME: Mutex<()> = Mutex::new(());

fn transcripts(dir: &Path) -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir)
        .map(|rd| rd.filter_map(|e| e.ok().map(|e| e.path())).collect())
        .unwrap_or_default();
    files.retain(|p| p.extension().is_some_and(|e| e == "transcript"));
    files.sort();
    files
}

/// Checks every transcript of a folder; a failure lists each differing line.
fn check_dir(dir: &Path, config: &Config) -> usize {
    let files = transcripts(dir);
    let mut failures = Vec::new();
    for file in &files {
        let text = std::fs::read_to_string(file).expect("readable transcript");
        let _turn = ONE_SESSION_AT_A_TIME
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner());
        let report = check_transcript(&text, config).expect("session starts");
        if !report.passed() {
            failures.push(format!(
                "{}:\n{}",
                file.display(),
                report.mismatches.join("\n")
            ));
        }
    }
    assert!(
        failures.is_empty(),
        "{} transcript(s) differ:\n\n{}",
        failures.len(),
        failures.join("\n")
    );
    files.len()
}

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

#[test]
fn shared_conformance_transcripts_match_iex() {
    let dir = root().join("../shared/conformance");
    if dir.is_dir() {
        assert!(
            check_dir(&dir, &Config::iex()) > 0,
            "no transcripts in {}",
            dir.display()
        );
    }
}

#[test]
fn project_transcripts_recorded_from_iex_match() {
    let n = check_dir(&root().join("tests/transcripts"), &Config::iex());
    assert!(n > 0, "tests/transcripts holds no transcript");
}

#[test]
fn lesson_scripts_replay_as_their_transcripts_say() {
    let n = check_dir(&root().join("scripts"), &Config::iex());
    assert!(
        n >= 5,
        "scripts/ holds {n} transcripts, expected the five lessons"
    );
}
