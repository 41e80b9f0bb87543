//! What the integration tests share: typing a whole input into the binary, as a learner
//! piping a file into `otpsh` would, with a deadline so a hung shell fails the test.

use std::io::{Read, Write};
use std::process::{Command, Stdio};
use std::sync::mpsc;
use std::time::{Duration, Instant};

/// What one run of the shell printed, how it exited and how long it took.
pub struct Run {
    pub stdout: String,
    pub stderr: String,
    pub code: Option<i32>,
    #[allow(dead_code)]
    pub took: Duration,
}

/// Replays `input` through the binary; `None` if it is still running after `deadline`.
pub fn replay(input: impl Into<Vec<u8>>, deadline: Duration) -> Option<Run> {
    let input: Vec<u8> = input.into();
    let started = Instant::now();
    let mut child = Command::new(env!("CARGO_BIN_EXE_otpsh"))
        .args(["--color", "never"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("spawn otpsh");
    let mut stdin = child.stdin.take().expect("stdin");
    // A shell that stops reading must not block the test: the writer gives up quietly.
    std::thread::spawn(move || {
        let _ = stdin.write_all(&input);
    });
    let (tx, rx) = mpsc::channel();
    for (which, mut stream) in [
        (
            0,
            Box::new(child.stdout.take().expect("stdout")) as Box<dyn Read + Send>,
        ),
        (1, Box::new(child.stderr.take().expect("stderr"))),
    ] {
        let tx = tx.clone();
        std::thread::spawn(move || {
            let mut text = Vec::new();
            let _ = stream.read_to_end(&mut text);
            let _ = tx.send((which, String::from_utf8_lossy(&text).into_owned()));
        });
    }
    let mut texts = [String::new(), String::new()];
    for _ in 0..2 {
        let left = deadline.saturating_sub(started.elapsed());
        match rx.recv_timeout(left) {
            Ok((which, text)) => texts[which] = text,
            Err(_) => {
                let _ = child.kill();
                let _ = child.wait();
                return None;
            }
        }
    }
    let code = child.wait().expect("exit status").code();
    let [stdout, stderr] = texts;
    Some(Run {
        stdout,
        stderr,
        code,
        took: started.elapsed(),
    })
}
