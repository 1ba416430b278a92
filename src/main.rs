//! The `carryover` command: flags (in `cli/`) and dispatch only; the work is in the library.

mod cli;

use std::process::ExitCode;

fn main() -> ExitCode {
    match cli::run(cli::parse()) {
        Ok(code) => ExitCode::from(code),
        Err(e) => {
            eprintln!("carryover: {}", carryover::render::error::error(&e));
            ExitCode::from(2)
        }
    }
}
