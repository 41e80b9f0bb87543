//! The interactive shell on a terminal (rustyline).

use super::session::{Fed, Session, BANNER};
use crate::output::{Output, Role};
use crate::runtime::Config;
use rustyline::error::ReadlineError;

pub fn interactive(config: Config, out: Output, explain: bool) -> Result<(), String> {
    let mut session = Session::new(config, out)?;
    session.explain = explain;
    session.out().line(Role::Info, BANNER);
    let mut editor = rustyline::DefaultEditor::new().map_err(|e| e.to_string())?;
    loop {
        session.out().flush();
        match editor.readline(&session.prompt()) {
            Ok(line) => {
                let _ = editor.add_history_entry(line.as_str());
                match session.feed(&line) {
                    Fed::Quit => break,
                    Fed::NodeCrashed => session.restart_node()?,
                    Fed::More | Fed::Done => {}
                }
            }
            Err(ReadlineError::Interrupted) => session.abandon(),
            Err(ReadlineError::Eof) => break,
            Err(e) => return Err(e.to_string()),
        }
    }
    session.shutdown();
    Ok(())
}
