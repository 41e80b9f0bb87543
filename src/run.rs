//! The one place that turns the command line into a session and a session's ending
//! into an exit code and words on stderr.

use crate::cli::{Cli, ColorChoice, Command, NodeArgs};
use crate::output::Output;
use crate::runtime::Config;
use crate::shell::replay::{replay_as, Echo, Ending};
use crate::shell::session::Session;
use crate::shell::{check, repl};
use std::io::IsTerminal;
use std::process::ExitCode;

pub fn run(cli: Cli) -> ExitCode {
    let config = node_config(&cli.node);
    let color = match cli.color {
        ColorChoice::Always => true,
        ColorChoice::Never => false,
        ColorChoice::Auto => {
            std::io::stdout().is_terminal() && std::env::var_os("NO_COLOR").is_none()
        }
    };
    let stdout = || Output::new(Box::new(std::io::stdout()), color);
    match cli.command {
        Some(Command::Check { files }) => {
            let mut out = stdout();
            if check::run(&files, &config, &mut out) {
                ExitCode::SUCCESS
            } else {
                ExitCode::FAILURE
            }
        }
        Some(Command::Record { files }) => {
            let mut out = stdout();
            let defaults = Config::iex();
            let mut args = Vec::new();
            if config.atom_limit != defaults.atom_limit {
                args.push(format!("--atom-limit {}", config.atom_limit));
            }
            if config.max_processes != defaults.max_processes {
                args.push(format!("--max-processes {}", config.max_processes));
            }
            if !args.is_empty() {
                out.write(&format!("# otpsh-args: {}\n", args.join(" ")));
            }
            replay_all(&files, config, out, cli.explain, Echo::Transcript)
        }
        None if cli.files.is_empty() && std::io::stdin().is_terminal() => {
            match repl::interactive(config, stdout(), cli.explain) {
                Ok(()) => ExitCode::SUCCESS,
                Err(e) => fail(&e),
            }
        }
        None => replay_all(&cli.files, config, stdout(), cli.explain, Echo::Prompt),
    }
}

fn node_config(args: &NodeArgs) -> Config {
    let mut config = Config::iex();
    config.atom_limit = args.atom_limit as usize;
    config.max_processes = args.max_processes as usize;
    if let Some(n) = args.schedulers {
        config.schedulers = n as usize;
    }
    config
}

/// Replays the files in one session (or standard input when there are none).
fn replay_all(
    files: &[std::path::PathBuf],
    config: Config,
    out: Output,
    explain: bool,
    echo: Echo,
) -> ExitCode {
    let mut session = match Session::new(config, out) {
        Ok(s) => s,
        Err(e) => return fail(&e),
    };
    session.explain = explain;
    let mut ending = Ok(Ending::Finished);
    if files.is_empty() {
        ending = replay_as(&mut session, &mut std::io::stdin().lock(), echo);
    }
    for path in files {
        match std::fs::File::open(path) {
            Ok(f) => ending = replay_as(&mut session, &mut std::io::BufReader::new(f), echo),
            Err(e) => {
                session.shutdown();
                return fail(&format!("otpsh: cannot read {}: {e}", path.display()));
            }
        }
        if !matches!(ending, Ok(Ending::Finished)) {
            break;
        }
    }
    session.shutdown();
    match ending {
        Ok(Ending::Finished) => ExitCode::SUCCESS,
        Ok(Ending::NodeCrashed) => ExitCode::FAILURE,
        Err(e) => fail(&format!("otpsh: {e}")),
    }
}

fn fail(message: &str) -> ExitCode {
    eprintln!("{message}");
    ExitCode::FAILURE
}
