//! `neo`: the SDK's command-line tool.
//!
//! ```text
//! neo demo                                  run the whole flow against the embedded HaloPSA fake
//! neo halopsa doctor [--fake] [--scopes S]  check a HaloPSA credential (HALOPSA_* variables, or the fake)
//! neo halopsa tickets [--open] [--fake] [--scopes S]
//!                                           stream tickets and print them
//! ```
//!
//! Exit status: 0 when everything went as expected; 1 when the doctor's report
//! lists problems, the demo saw something unexpected, or a call failed; 2 for a
//! command line that is not understood (nothing is run).

mod args;
mod demo;
mod halopsa;

use std::process::ExitCode;

use args::{Command, USAGE};
use neo_auth_core::Error;

/// What a command found.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Outcome {
    /// Everything as expected.
    Fine,
    /// The command ran but found problems (already printed).
    Problems,
}

#[tokio::main]
async fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let command = match args::parse(&args) {
        Ok(command) => command,
        Err(error) => {
            eprintln!("error: {error}\n\n{USAGE}");
            return ExitCode::from(2);
        }
    };
    let result = match command {
        Command::Help => {
            println!("{USAGE}");
            Ok(Outcome::Fine)
        }
        Command::Demo => demo::run().await,
        Command::Doctor(flags) => halopsa::doctor(&flags).await,
        Command::Tickets(flags) => halopsa::tickets(&flags).await,
    };
    match result {
        Ok(Outcome::Fine) => ExitCode::SUCCESS,
        Ok(Outcome::Problems) => ExitCode::FAILURE,
        Err(error) => {
            print_error(&error);
            ExitCode::FAILURE
        }
    }
}

/// Prints an error with its chain of causes.
fn print_error(error: &Error) {
    eprintln!("error: {error}");
    let mut source = std::error::Error::source(error);
    while let Some(cause) = source {
        eprintln!("  caused by: {cause}");
        source = cause.source();
    }
}
