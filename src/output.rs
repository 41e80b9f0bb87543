//! The one output sink. Everything the shell shows goes through an `Output`, which the
//! shell owns: evaluation results, `IO.puts`, crash reports, notes. Worker threads never
//! hold one; what they have to say arrives as runtime events that the shell prints here,
//! in order. Tests give it a buffer and read back what a user would have seen.

use owo_colors::OwoColorize;
use std::io::Write;
use std::sync::{Arc, Mutex};

/// What a piece of text is, so colour can follow meaning rather than position.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Role {
    /// A value iex printed (already coloured by the printer when colour is on).
    Result,
    /// `** (ArgumentError) ...`, crash reports.
    Error,
    /// A dimmed line of ours: the Elixir a short command stands for, auto-start notes.
    Note,
    /// The banner and help texts.
    Info,
}

pub struct Output {
    sink: Box<dyn Write + Send>,
    /// Where compiler warnings go (iex prints them on stderr): stderr for a terminal,
    /// nowhere for a buffer, as a transcript records stdout only.
    warnings: Option<Box<dyn Write + Send>>,
    color: bool,
}

impl Output {
    pub fn new(sink: Box<dyn Write + Send>, color: bool) -> Output {
        Output {
            sink,
            warnings: Some(Box::new(std::io::stderr())),
            color,
        }
    }

    /// An output that collects into a shared buffer (tests, `otpsh check`).
    pub fn buffer(color: bool) -> (Output, Arc<Mutex<Vec<u8>>>) {
        let buf = Arc::new(Mutex::new(Vec::new()));
        let sink = SharedBuffer(buf.clone());
        let mut out = Output::new(Box::new(sink), color);
        out.warnings = None;
        (out, buf)
    }

    pub fn color(&self) -> bool {
        self.color
    }

    /// Writes `text` as is (no newline added).
    pub fn write(&mut self, text: &str) {
        // A closed stdout (`otpsh x | head`) is not the shell's problem to report.
        let _ = self.sink.write_all(text.as_bytes());
    }

    /// Writes one line in the colour of its role.
    pub fn line(&mut self, role: Role, text: &str) {
        let styled = match (self.color, role) {
            (false, _) | (true, Role::Result) => text.to_string(),
            (true, Role::Error) => text.red().to_string(),
            (true, Role::Note) => text.dimmed().to_string(),
            (true, Role::Info) => text.bold().to_string(),
        };
        self.write(&styled);
        self.write("\n");
    }

    /// A compiler warning (`warning: redefining module ...`), as iex writes it to stderr.
    pub fn warn(&mut self, text: &str) {
        if let Some(w) = &mut self.warnings {
            let styled = match self.color {
                true => text.yellow().to_string(),
                false => text.to_string(),
            };
            let _ = w.write_all(styled.as_bytes());
            let _ = w.write_all(b"\n");
        }
    }

    pub fn flush(&mut self) {
        let _ = self.sink.flush();
    }
}

struct SharedBuffer(Arc<Mutex<Vec<u8>>>);

impl Write for SharedBuffer {
    fn write(&mut self, data: &[u8]) -> std::io::Result<usize> {
        match self.0.lock() {
            Ok(mut b) => b.extend_from_slice(data),
            Err(poisoned) => poisoned.into_inner().extend_from_slice(data),
        }
        Ok(data.len())
    }
    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lines_without_colour_are_plain_text() {
        let (mut out, buf) = Output::buffer(false);
        out.line(Role::Error, "** (ArgumentError) x");
        assert_eq!(&*buf.lock().unwrap(), b"** (ArgumentError) x\n");
    }

    #[test]
    fn colour_wraps_a_role_in_escapes() {
        let (mut out, buf) = Output::buffer(true);
        out.line(Role::Error, "boom");
        let text = String::from_utf8(buf.lock().unwrap().clone()).unwrap();
        assert!(text.contains("\u{1b}[31mboom"), "{text:?}");
    }
}
