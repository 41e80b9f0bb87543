//! The lessons under `scripts/`: every line parses (as a short command or as Elixir),
//! and the short-command lesson prints exactly what the Elixir it stands for prints.

use otpsh::output::Output;
use otpsh::runtime::Config;
use otpsh::shell::commands::{recognize, Recognized};
use otpsh::shell::session::Session;
use otpsh::syntax::{parse_input, Parsed};
use std::path::PathBuf;

fn scripts() -> Vec<PathBuf> {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("scripts");
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir)
        .expect("scripts/ exists")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|e| e == "exs"))
        .collect();
    files.sort();
    files
}

#[test]
fn every_script_line_parses() {
    let files = scripts();
    assert!(files.len() >= 5);
    for file in files {
        let text = std::fs::read_to_string(&file).unwrap();
        for (n, line) in text.lines().enumerate() {
            let is_command = recognize(line, &|_| false).is_some();
            let parsed = matches!(parse_input(line), Parsed::Complete(_));
            assert!(
                is_command || parsed,
                "{}:{}: {line:?} parses neither way",
                file.display(),
                n + 1
            );
        }
    }
}

/// Output of a session fed `lines`, with our own dimmed notes (`# ...`) left out.
fn run(lines: &[String]) -> Vec<String> {
    let (out, buf) = Output::buffer(false);
    let mut session = Session::new(Config::iex(), out).unwrap();
    for line in lines {
        session.feed(line);
    }
    session.shutdown();
    let text = String::from_utf8(buf.lock().unwrap().clone()).unwrap();
    text.lines()
        .filter(|l| !l.starts_with("# "))
        .map(str::to_string)
        .collect()
}

#[test]
fn short_commands_print_what_their_elixir_prints() {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("scripts/02_guide_commands.exs");
    let commands: Vec<String> = std::fs::read_to_string(path)
        .unwrap()
        .lines()
        .filter(|l| !l.starts_with('#'))
        .map(str::to_string)
        .collect();
    let mut elixir = vec![
        "DSupervisor.start_link([]); :ok".to_string(),
        "Registry.start_link(keys: :unique, name: Registry); :ok".to_string(),
    ];
    for line in &commands {
        match recognize(line, &|_| false) {
            Some(Recognized::Elixir { source, .. }) => elixir.push(source),
            other => panic!("{line:?} is not an Elixir command: {other:?}"),
        }
    }
    let from_commands = run(&commands);
    let from_elixir = run(&elixir);
    // The Elixir run printed `:ok` twice for its explicit setup.
    assert_eq!(from_elixir[..2], [":ok", ":ok"]);
    assert_eq!(from_commands, from_elixir[2..]);
    assert!(from_commands.iter().any(|l| l == "42"), "{from_commands:?}");
}
