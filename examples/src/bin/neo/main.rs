//! `neo`: the SDK's command-line tool — what a new user runs first, and what an
//! MSP admin runs to check a credential.
//!
//! ```text
//! neo demo                                   the whole flow against every vendor's fake
//! neo doctor halopsa [--json] [--areas A,B]  check a credential; exit 3 if a required permission is missing
//! neo halopsa list tickets [--limit N] [--query k=v] [--filter F] [--output table]
//! neo halopsa get tickets 12
//! neo halopsa create tickets --data '{"summary":"…","client_id":1}' [--approve "who: why"]
//! neo halopsa update tickets 12 --data @patch.json [--approve "who: why"]
//! neo cwmanage create tickets --data '{"summary":"…","company":{"identifier":"CONTOSO"}}'
//! neo asio create script_runs --data '{"script":"…","endpoints":["…"]}' --approve "who: why"
//! neo vsax list devices --filter "OrganizationId eq 4822"
//! neo halopsa fake                           serve the fake, print the export lines
//! neo --sandbox …                            any command against the in-process fakes
//! neo --sandbox --sandbox-without edit:tickets doctor halopsa
//! neo --config neo.toml …                    settings, policy and areas from a TOML file
//! ```
//!
//! Configuration comes from the vendor's environment variables (`HALOPSA_*`,
//! `ASIO_*`, `VSAX_*`, `CWM_*`)
//! or `--config`; secrets never from a flag. Exit status: 0 success; 2 usage or
//! configuration error; 3 a scope, permission or policy denial; 4
//! authentication failure; 5 the vendor API failed after retries; 1 anything
//! else. Errors are one line on stderr; a closed stdout (`neo … | head`) ends
//! the program quietly.

mod asio;
mod cli;
mod commands;
mod config;
mod cwmanage;
mod demo;
mod failure;
mod halopsa;
mod output;
mod vendor;
mod vsax;

use std::process::ExitCode;

use clap::Parser;

use crate::cli::Cli;
use crate::failure::{EXIT_OTHER, EXIT_USAGE};

fn main() -> ExitCode {
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(error) => {
            // `--help` and `--version` are "errors" printed on stdout, exit 0.
            let code = if error.use_stderr() { EXIT_USAGE } else { 0 };
            let _ = error.print();
            return ExitCode::from(code);
        }
    };
    let runtime = match tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
    {
        Ok(runtime) => runtime,
        Err(error) => {
            eprintln!("neo: cannot start the async runtime: {error}");
            return ExitCode::from(EXIT_OTHER);
        }
    };
    match runtime.block_on(commands::run(cli)) {
        Ok(code) => ExitCode::from(code),
        Err(failure) => {
            eprintln!("neo: {}", failure.line());
            ExitCode::from(failure.exit_code())
        }
    }
}
