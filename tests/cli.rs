//! The command line as a user runs it: replay of files and pipes, `check`, `record`,
//! flags and exit codes.

use std::io::Write;
use std::process::{Command, Output, Stdio};

fn otpsh(args: &[&str], stdin: &str) -> Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_otpsh"))
        .args(args)
        .env("NO_COLOR", "1")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("otpsh runs");
    child
        .stdin
        .take()
        .unwrap()
        .write_all(stdin.as_bytes())
        .unwrap();
    child.wait_with_output().unwrap()
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

fn temp_file(name: &str, contents: &str) -> std::path::PathBuf {
    let dir = std::env::temp_dir().join(format!("otpsh-cli-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join(name);
    std::fs::write(&path, contents).unwrap();
    path
}

#[test]
fn a_pipe_replays_as_if_typed() {
    let out = otpsh(&[], "x = 41\nx + 1\n[1,\n2]\n");
    assert!(out.status.success());
    assert_eq!(
        text(&out.stdout),
        "iex(1)> x = 41\n41\niex(2)> x + 1\n42\niex(3)> [1,\n...(3)> 2]\n[1, 2]\n"
    );
}

#[test]
fn a_file_replays_the_guide_with_its_pids() {
    let path = temp_file(
        "guide.exs",
        "Registry.start_link(keys: :unique, name: Registry)\nDSupervisor.start_link([])\n\
         DSupervisor.start_server(42, {:via, Registry, {Registry, \"cool_name\"}})\n\
         Registry.lookup(Registry, \"cool_name\")\n",
    );
    let out = otpsh(&[path.to_str().unwrap()], "");
    let stdout = text(&out.stdout);
    assert!(out.status.success(), "{stdout}");
    assert!(
        stdout.contains("iex(3)> DSupervisor.start_server(42"),
        "{stdout}"
    );
    let started = stdout.lines().nth(5).unwrap();
    let pid = started.trim_start_matches("{:ok, ").trim_end_matches('}');
    assert!(pid.starts_with("#PID<0."), "{stdout}");
    assert!(stdout.contains(&format!("[{{{pid}, nil}}]")), "{stdout}");
}

#[test]
fn errors_go_on_and_bad_input_does_not_stop_the_replay() {
    let out = otpsh(&[], "y\n)\n\"abc\nx\"\n1 + 1\n");
    let stdout = text(&out.stdout);
    assert!(out.status.success());
    assert!(stdout
        .contains("** (CompileError) iex:1: undefined function y/0 (there is no such import)"));
    assert!(stdout.contains("** (SyntaxError) iex:1:1: unexpected token: )"));
    assert!(stdout.ends_with("iex(2)> 1 + 1\n2\n"), "{stdout}");
}

#[test]
fn a_full_atom_table_ends_the_replay_with_status_1() {
    let path = temp_file(
        "atoms.exs",
        "for i <- 1..5000, do: String.to_atom(\"a_#{i}\")\n:never\n",
    );
    let out = otpsh(&["--atom-limit", "18500", path.to_str().unwrap()], "");
    assert_eq!(out.status.code(), Some(1));
    let stdout = text(&out.stdout);
    assert!(
        stdout.contains("no more index entries in atom_tab (max=18500)"),
        "{stdout}"
    );
    assert!(
        !stdout.contains(":never"),
        "the replay went on after the node died"
    );
}

#[test]
fn check_passes_a_matching_transcript() {
    let path = temp_file(
        "ok.transcript",
        "iex> 1 + 1\n2\niex> self()\n#PID<0.999.0>\n",
    );
    let out = otpsh(&["check", path.to_str().unwrap()], "");
    assert!(out.status.success(), "{}", text(&out.stdout));
    assert!(text(&out.stdout).ends_with("1 passed, 0 failed\n"));
}

#[test]
fn check_shows_the_difference_and_fails() {
    let path = temp_file("bad.transcript", "iex> 1 + 1\n3\n");
    let out = otpsh(&["check", path.to_str().unwrap()], "");
    assert_eq!(out.status.code(), Some(1));
    let stdout = text(&out.stdout);
    assert!(stdout.contains("  - 3\n  + 2\n"), "{stdout}");
    assert!(stdout.ends_with("0 passed, 1 failed\n"), "{stdout}");
}

#[test]
fn record_writes_a_transcript_that_check_accepts() {
    let script = temp_file("lesson.exs", "# a comment\nx = 5\nx * 2\n");
    let out = otpsh(&["record", script.to_str().unwrap()], "");
    assert!(out.status.success());
    assert_eq!(text(&out.stdout), "iex> x = 5\n5\niex> x * 2\n10\n");
    let transcript = temp_file("lesson.transcript", &text(&out.stdout));
    let checked = otpsh(&["check", transcript.to_str().unwrap()], "");
    assert!(checked.status.success(), "{}", text(&checked.stdout));
}

#[test]
fn usage_errors_are_clap_errors_on_stderr() {
    let out = otpsh(&["--atom-limit", "ten"], "");
    assert_eq!(out.status.code(), Some(2));
    assert!(
        text(&out.stderr).contains("--atom-limit"),
        "{}",
        text(&out.stderr)
    );
    let missing = otpsh(&["no/such/file.exs"], "");
    assert_eq!(missing.status.code(), Some(1));
    assert!(text(&missing.stderr).contains("cannot read no/such/file.exs"));
}

#[test]
fn version_and_help() {
    let out = otpsh(&["--version"], "");
    assert!(out.status.success());
    assert!(text(&out.stdout).starts_with("otpsh "));
    let help = otpsh(&["--help"], "");
    assert!(text(&help.stdout).contains("--max-processes"));
}
