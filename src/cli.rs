//! The command line, as clap reads it. `main.rs` parses it; `run` acts on it.

use clap::{Parser, Subcommand, ValueEnum};
use std::path::PathBuf;

#[derive(Parser, Debug)]
#[command(
    name = "otpsh",
    version,
    about = "Learn Elixir/OTP process naming by doing it: an iex-exact shell over a BEAM-like runtime",
    args_conflicts_with_subcommands = true
)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Option<Command>,

    /// Scripts to replay as if typed (none: interactive, or standard input when piped).
    pub files: Vec<PathBuf>,

    #[command(flatten)]
    pub node: NodeArgs,

    /// When to colour output.
    #[arg(long, value_enum, default_value_t = ColorChoice::Auto, global = true)]
    pub color: ColorChoice,

    /// Print, dimmed, the Elixir each short command stands for.
    #[arg(long, global = true)]
    pub explain: bool,
}

#[derive(clap::Args, Debug, Clone)]
pub struct NodeArgs {
    /// Size of the atom table; creating one atom more crashes the node, as on the BEAM.
    /// A node holds 17,396 atoms at boot, so the smallest table is 18,000.
    #[arg(long, default_value_t = 1_048_576, global = true, value_parser = clap::value_parser!(u64).range(18_000..))]
    pub atom_limit: u64,

    /// Most processes alive at once; past it, spawning raises SystemLimitError.
    /// 54 of them are the node's system processes, and 1,024 is the BEAM's smallest.
    #[arg(long, default_value_t = 262_144, global = true, value_parser = clap::value_parser!(u64).range(1024..))]
    pub max_processes: u64,

    /// Scheduler threads (default: one per core).
    #[arg(long, global = true, value_parser = clap::value_parser!(u64).range(1..=1024))]
    pub schedulers: Option<u64>,
}

#[derive(Subcommand, Debug)]
pub enum Command {
    /// Replay scripts and print a transcript (`iex> LINE` then the output) for `check`.
    Record {
        /// Scripts to replay, as one session.
        #[arg(required = true)]
        files: Vec<PathBuf>,
    },
    /// Replay transcripts (`iex> LINE` then the expected output) and compare.
    Check {
        /// Transcript files.
        #[arg(required = true)]
        files: Vec<PathBuf>,
    },
}

#[derive(ValueEnum, Clone, Copy, Debug, PartialEq, Eq)]
pub enum ColorChoice {
    Auto,
    Always,
    Never,
}
