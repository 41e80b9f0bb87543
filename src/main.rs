//! The entry point: parses the command line and hands it to `otpsh::run` on a thread
//! with room for deeply nested input.

use clap::Parser;

use std::process::ExitCode;

/// Stack of the shell's thread: nested input recurses in the parser and evaluator
/// (which stop at their own depth limits well before this). Address space only: pages
/// are used as touched.
const STACK: usize = 1 << 30;

fn main() -> ExitCode {
    let cli = otpsh::cli::Cli::parse();
    std::thread::Builder::new()
        .name("otpsh".into())
        .stack_size(STACK)
        .spawn(move || otpsh::run::run(cli))
        .map(|shell| shell.join().unwrap_or(ExitCode::FAILURE))
        .unwrap_or(ExitCode::FAILURE)
}
