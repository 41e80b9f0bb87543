//! The interactive shell on a real pseudo-terminal: what a learner types and sees.
//!
//! Each test spawns the binary in a pty with its own `HOME`/`XDG_DATA_HOME` (so the
//! history file is the test's) and colour off, types as a user would, and waits for
//! text on the screen with a generous timeout: every wait is an `exp_*`, none a sleep.
//! The screen holds rustyline's redraws (escapes, hints) as well as the replies, so a
//! reply is matched with the line breaks around it: `\r\n42\r\n`.

use rexpect::process::wait::WaitStatus;
use rexpect::session::{spawn_command, PtySession};
use std::path::Path;
use std::process::Command;

const TIMEOUT_MS: u64 = 10_000;

/// The up arrow, as an xterm sends it.
const UP: &str = "\u{1b}[A";

struct Shell {
    pty: PtySession,
}

impl Shell {
    /// otpsh in a pty, its data directory under `home` (`XDG_DATA_HOME` when `xdg`).
    fn start(home: &Path, xdg: bool, args: &[&str]) -> Shell {
        let mut cmd = Command::new(env!("CARGO_BIN_EXE_otpsh"));
        cmd.args(["--color", "never"])
            .args(args)
            .env("HOME", home)
            .env("NO_COLOR", "1")
            .env("TERM", "xterm");
        if xdg {
            cmd.env("XDG_DATA_HOME", home.join("data"));
        } else {
            cmd.env_remove("XDG_DATA_HOME");
        }
        let pty = spawn_command(cmd, Some(TIMEOUT_MS)).expect("spawn otpsh in a pty");
        let mut shell = Shell { pty };
        shell.expect("Interactive Elixir (1.14.0) - press Ctrl+C to exit");
        shell.expect("iex(1)> ");
        shell
    }

    fn expect(&mut self, text: &str) -> String {
        match self.pty.exp_string(text) {
            Ok(before) => before,
            Err(e) => panic!("waiting for {text:?}: {e}"),
        }
    }

    fn expect_regex(&mut self, re: &str) {
        if let Err(e) = self.pty.exp_regex(re) {
            panic!("waiting for /{re}/: {e}");
        }
    }

    fn type_keys(&mut self, keys: &str) {
        self.pty.send(keys).expect("type");
        self.pty.flush().expect("flush");
    }

    fn line(&mut self, line: &str) {
        self.pty.send_line(line).expect("type a line");
    }

    /// Types `line`, expects `reply` on a line of its own and then `prompt`.
    fn ask(&mut self, line: &str, reply: &str, prompt: &str) {
        self.line(line);
        self.expect(&format!("\r\n{reply}\r\n"));
        self.expect(prompt);
    }

    /// Ctrl-D, then the exit status once the process is gone.
    fn ctrl_d(mut self) -> WaitStatus {
        self.pty.send_control('d').expect("Ctrl-D");
        self.wait()
    }

    fn wait(mut self) -> WaitStatus {
        if let Err(e) = self.pty.exp_eof() {
            panic!("waiting for otpsh to exit: {e}");
        }
        self.pty.process.wait().expect("exit status")
    }
}

fn exited_with(status: WaitStatus, code: i32) {
    assert!(
        matches!(status, WaitStatus::Exited(_, c) if c == code),
        "expected exit {code}, got {status:?}"
    );
}

#[test]
fn the_guide_story_in_short_commands() {
    let home = tempfile::tempdir().unwrap();
    let mut sh = Shell::start(home.path(), true, &[]);
    sh.line("start 42 \"cool_name\"");
    sh.expect("\r\n# started: DSupervisor.start_link([]); Registry.start_link(keys: :unique, name: Registry)\r\n");
    sh.expect_regex(r"\{:ok, #PID<0\.\d+\.0>\}\r\n");
    sh.expect("iex(2)> ");
    sh.ask("state \"cool_name\"", "42", "iex(3)> ");
    sh.line("lookup \"cool_name\"");
    sh.expect_regex(r"\r\n\[\{#PID<0\.\d+\.0>, nil\}\]\r\n");
    sh.expect("iex(4)> ");
    sh.ask("terminate \"cool_name\"", ":ok", "iex(5)> ");
    sh.ask("lookup \"cool_name\"", "[]", "iex(6)> ");
    exited_with(sh.ctrl_d(), 0);
}

#[test]
fn the_guide_story_in_elixir_with_a_continued_line() {
    let home = tempfile::tempdir().unwrap();
    let mut sh = Shell::start(home.path(), true, &[]);
    sh.line("DSupervisor.start_link([])");
    sh.expect_regex(r"\r\n\{:ok, #PID<0\.\d+\.0>\}\r\n");
    sh.expect("iex(2)> ");
    sh.line("Registry.start_link(keys: :unique, name: Registry)");
    sh.expect_regex(r"\r\n\{:ok, #PID<0\.\d+\.0>\}\r\n");
    sh.expect("iex(3)> ");
    sh.line("DSupervisor.start_server(42, {:via, Registry, {Registry, \"cool_name\"}})");
    sh.expect_regex(r"\r\n\{:ok, #PID<0\.\d+\.0>\}\r\n");
    sh.expect("iex(4)> ");
    sh.line("Server.state(");
    sh.expect("...(4)> ");
    sh.ask(
        "{:via, Registry, {Registry, \"cool_name\"}})",
        "42",
        "iex(5)> ",
    );
    sh.ask("Registry.lookup(Registry, \"nobody\")", "[]", "iex(6)> ");
    exited_with(sh.ctrl_d(), 0);
}

#[test]
fn tab_completes_a_registered_name_and_a_function() {
    let home = tempfile::tempdir().unwrap();
    let mut sh = Shell::start(home.path(), true, &[]);
    sh.line("start 1 \"room_42\"");
    sh.expect("iex(2)> ");
    sh.type_keys("state \"room_4\t");
    // The key and its closing quote appear on the line being edited.
    sh.expect("state \"room_42\"");
    sh.ask("", "1", "iex(3)> ");
    sh.type_keys("Registry.look\t");
    sh.expect("Registry.lookup");
    sh.line("(Registry, \"room_42\")");
    sh.expect_regex(r"\r\n\[\{#PID<0\.\d+\.0>, nil\}\]\r\n");
    sh.expect("iex(4)> ");
    exited_with(sh.ctrl_d(), 0);
}

#[test]
fn history_is_kept_across_two_runs() {
    let home = tempfile::tempdir().unwrap();
    let mut first = Shell::start(home.path(), false, &[]);
    first.ask("40 + 2", "42", "iex(2)> ");
    exited_with(first.ctrl_d(), 0);
    let file = home.path().join(".local/share/otpsh/history");
    let saved = std::fs::read_to_string(&file).expect("history file under ~/.local/share");
    assert!(saved.contains("40 + 2"), "{saved:?}");

    let mut second = Shell::start(home.path(), false, &[]);
    second.type_keys(UP);
    second.expect("40 + 2");
    second.ask("", "42", "iex(2)> ");
    exited_with(second.ctrl_d(), 0);
}

#[test]
fn ctrl_c_at_a_prompt_abandons_the_line() {
    let home = tempfile::tempdir().unwrap();
    let mut sh = Shell::start(home.path(), true, &[]);
    sh.line("Server.state(");
    sh.expect("...(1)> ");
    sh.pty.send_control('c').unwrap();
    sh.expect("iex(1)> ");
    sh.type_keys("this line is never sent");
    sh.pty.send_control('c').unwrap();
    let before = sh.expect("iex(1)> ");
    assert!(!before.contains("**"), "nothing is evaluated: {before:?}");
    sh.ask("1 + 1", "2", "iex(2)> ");
    exited_with(sh.ctrl_d(), 0);
}

#[test]
fn ctrl_c_during_a_line_abandons_it_and_keeps_the_shell() {
    let home = tempfile::tempdir().unwrap();
    let mut sh = Shell::start(home.path(), true, &[]);
    // The line has started (the terminal is cooked again) once it has printed.
    // A 60 s sleep: only the interrupt can bring the prompt back within the timeout.
    sh.line("IO.puts(\"zzz\"); Process.sleep(60000)");
    sh.expect("\r\nzzz\r\n");
    sh.pty.send_control('c').unwrap();
    sh.expect("interrupted (Ctrl-C): the line was abandoned");
    sh.expect("iex(1)> ");
    // The shell process is the same one, with its bindings.
    sh.ask("x = 41", "41", "iex(2)> ");
    sh.line("IO.puts(\"zzz\"); Process.sleep(60000)");
    sh.expect("\r\nzzz\r\n");
    sh.pty.send_control('c').unwrap();
    sh.expect("iex(2)> ");
    sh.ask("x + 1", "42", "iex(3)> ");
    sh.line("IO.puts(\"zzz\"); receive do never -> never end");
    sh.expect("\r\nzzz\r\n");
    sh.pty.send_control('c').unwrap();
    sh.expect("iex(3)> ");
    exited_with(sh.ctrl_d(), 0);
}

#[test]
fn ctrl_d_shuts_every_process_down_and_exits_zero() {
    let home = tempfile::tempdir().unwrap();
    let mut sh = Shell::start(home.path(), true, &[]);
    sh.line("start 1 \"a\"");
    sh.expect("iex(2)> ");
    sh.line("start 2 \"b\"");
    sh.expect("iex(3)> ");
    exited_with(sh.ctrl_d(), 0);
}

#[test]
fn a_crashed_node_is_replaced_and_the_shell_goes_on() {
    let home = tempfile::tempdir().unwrap();
    let mut sh = Shell::start(home.path(), true, &["--atom-limit", "18000"]);
    sh.line("Enum.map(1..2000, fn i -> String.to_atom(\"a#{i}\") end)");
    sh.expect("no more index entries in atom_tab (max=18000)");
    sh.expect("Interactive Elixir (1.14.0)");
    sh.expect("iex(1)> ");
    sh.ask("1 + 1", "2", "iex(2)> ");
    exited_with(sh.ctrl_d(), 0);
}
