//! The interactive shell on a terminal: rustyline reads a line (Emacs keys, history,
//! completion, hints, colours), and the `Session` does everything else, so a line
//! typed here prints exactly what the same line replayed from a file prints.
//!
//! It owns the terminal side only: the history file, the helper's snapshot of the node,
//! Ctrl-C and Ctrl-D. It never evaluates or prints results itself.

mod complete;
mod helper;
mod highlight;
mod history;
mod interrupt;
mod modules;

use super::session::{Fed, Session, BANNER};
use crate::inspect::inspect_plain;
use crate::output::{Output, Role};
use crate::runtime::Config;
use complete::Known;
use helper::ShellHelper;
use interrupt::Interrupts;
use rustyline::config::{ColorMode, CompletionType, Config as EditorConfig, EditMode};
use rustyline::error::ReadlineError;
use rustyline::history::FileHistory;
use rustyline::Editor;
use std::path::{Path, PathBuf};

type LineEditor = Editor<ShellHelper, FileHistory>;

/// Runs the shell until Ctrl-D or `quit`, then stops every process.
pub fn interactive(config: Config, out: Output, explain: bool) -> Result<(), String> {
    let color = out.color();
    let mut session = Session::new(config, out)?;
    session.explain = explain;
    session.hints = true;
    session.out().line(Role::Info, BANNER);
    let mut editor = editor(color).map_err(|e| e.to_string())?;
    let history = History::open(&mut editor, history::path());
    if let Some(problem) = &history.problem {
        session.out().line(Role::Note, problem);
    }
    let interrupts = Interrupts::watch().map_err(|e| e.to_string())?;
    let ended = read_eval_print(&mut session, &mut editor, &history, &interrupts);
    session.shutdown();
    ended
}

fn read_eval_print(
    session: &mut Session,
    editor: &mut LineEditor,
    history: &History,
    interrupts: &Interrupts,
) -> Result<(), String> {
    loop {
        session.out().flush();
        if let Some(helper) = editor.helper_mut() {
            helper.known = known(session);
        }
        match editor.readline(&session.prompt()) {
            Ok(input) => {
                history.add(editor, &input);
                session.client().clear_interrupt();
                interrupts.reset(session.client().interrupt_handle());
                match feed_lines(session, &input) {
                    Fed::Quit => return Ok(()),
                    Fed::NodeCrashed => session.restart_node()?,
                    Fed::More | Fed::Done => {}
                }
            }
            // Ctrl-C at a prompt: the line (and any unfinished expression) is dropped;
            // rustyline has already moved to a new line, so nothing else is printed.
            Err(ReadlineError::Interrupted) => session.abandon(),
            // Ctrl-D: rustyline has ended the line; the caller shuts every process down.
            Err(ReadlineError::Eof) => return Ok(()),
            Err(e) => return Err(format!("otpsh: cannot read the terminal: {e}")),
        }
    }
}

/// Feeds what Enter handed over. A paste may hold several lines: each is one line
/// of iex input, so `...(N)>` continuations and results come as iex shows them.
fn feed_lines(session: &mut Session, input: &str) -> Fed {
    let mut fed = Fed::Done;
    for (i, line) in input.split('\n').enumerate() {
        if i > 0 {
            let prompt = session.prompt();
            session.out().write(&prompt);
            session.out().write(&format!("{line}\n"));
        }
        fed = session.feed(line.trim_end_matches('\r'));
        if matches!(fed, Fed::Quit | Fed::NodeCrashed) {
            break;
        }
        session.out().flush();
    }
    fed
}

fn editor(color: bool) -> rustyline::Result<LineEditor> {
    let config = EditorConfig::builder()
        .edit_mode(EditMode::Emacs)
        .completion_type(CompletionType::List)
        .auto_add_history(false)
        .history_ignore_dups(true)?
        .max_history_size(10_000)?
        .color_mode(if color {
            ColorMode::Enabled
        } else {
            ColorMode::Disabled
        })
        .build();
    let mut editor = LineEditor::with_config(config)?;
    editor.set_helper(Some(ShellHelper::new(color)));
    Ok(editor)
}

/// What completion may offer now: bindings, registered names, registries and keys.
fn known(session: &Session) -> Known {
    let client = session.client();
    let registered = client
        .registered()
        .iter()
        .map(|a| a.name().to_string())
        .filter(|n| !n.starts_with("Elixir."))
        .collect();
    let names = client.registry_names();
    let keys = names
        .iter()
        .flat_map(|reg| client.registry_keys_all(reg))
        .filter_map(|key| key.as_str().map(str::to_string))
        .collect();
    Known {
        bindings: session.bindings(),
        registered,
        registries: names.iter().map(inspect_plain).collect(),
        keys,
        continuing: session.is_continuing(),
    }
}

/// The history file, loaded at start and appended to after every line, so a line
/// survives even a second Ctrl-C that leaves otpsh at once.
struct History {
    file: Option<PathBuf>,
    problem: Option<String>,
}

impl History {
    fn open(editor: &mut LineEditor, file: Option<PathBuf>) -> History {
        let Some(path) = file else {
            return History {
                file: None,
                problem: Some(
                    "# history is not kept: neither XDG_DATA_HOME nor HOME is set".into(),
                ),
            };
        };
        let problem = Self::load(editor, &path)
            .err()
            .map(|e| format!("# history is not kept: {}: {e}", path.display()));
        History {
            file: problem.is_none().then_some(path),
            problem,
        }
    }

    fn load(editor: &mut LineEditor, path: &Path) -> Result<(), String> {
        if let Some(dir) = path.parent() {
            std::fs::create_dir_all(dir).map_err(|e| e.to_string())?;
        }
        match editor.load_history(path) {
            Ok(()) => Ok(()),
            Err(ReadlineError::Io(e)) if e.kind() == std::io::ErrorKind::NotFound => Ok(()),
            Err(e) => Err(e.to_string()),
        }
    }

    fn add(&self, editor: &mut LineEditor, line: &str) {
        if line.trim().is_empty() {
            return;
        }
        let _ = editor.add_history_entry(line);
        if let Some(path) = &self.file {
            // A full disk or a removed directory must not stop the shell.
            let _ = editor.append_history(path);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn session() -> (Session, std::sync::Arc<std::sync::Mutex<Vec<u8>>>) {
        let (out, buf) = Output::buffer(false);
        let session = Session::new(Config::iex(), out).expect("a session");
        (session, buf)
    }

    fn text(buf: &std::sync::Arc<std::sync::Mutex<Vec<u8>>>) -> String {
        String::from_utf8_lossy(&buf.lock().unwrap()).into_owned()
    }

    #[test]
    fn completion_sees_names_keys_registries_and_bindings_of_the_node() {
        let (mut session, _) = session();
        assert_eq!(session.feed("start 1 \"room_42\""), Fed::Done);
        assert_eq!(session.feed("Process.register(self(), :me)"), Fed::Done);
        assert_eq!(session.feed("pid = self()"), Fed::Done);
        let known = known(&session);
        assert_eq!(known.keys, ["room_42"]);
        assert!(known.registered.contains(&"me".to_string()), "{known:?}");
        assert!(!known.registered.iter().any(|n| n.starts_with("Elixir.")));
        assert_eq!(known.registries, ["Registry"]);
        assert_eq!(known.bindings, ["pid"]);
        let (start, found) = complete::complete("state \"room_4", 13, &known);
        assert_eq!((start, found[0].replacement.as_str()), (7, "room_42\""));
        session.shutdown();
    }

    #[test]
    fn a_pasted_block_is_fed_line_by_line_with_iex_prompts() {
        let (mut session, buf) = session();
        assert_eq!(feed_lines(&mut session, "1 +\n2\n:ok"), Fed::Done);
        assert_eq!(text(&buf), "...(1)> 2\n3\niex(2)> :ok\n:ok\n");
        session.shutdown();
    }
}
