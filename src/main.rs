use clap::Parser;

fn main() -> std::process::ExitCode {
    otpsh::run::run(otpsh::cli::Cli::parse())
}
