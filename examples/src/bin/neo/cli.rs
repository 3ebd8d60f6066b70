//! The command line, declared with clap: every command and flag, with its help.

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand, ValueEnum};

/// `neo`: check MSP credentials and work with HaloPSA, ConnectWise Asio,
/// Kaseya VSA X and ConnectWise Manage from the shell.
///
/// Exit status: 0 success; 2 usage or configuration error; 3 a scope,
/// permission or policy denial (also: the doctor found a required permission
/// missing); 4 authentication failure; 5 the vendor API failed after retries;
/// 1 anything else.
#[derive(Debug, Parser)]
#[command(name = "neo", version, propagate_version = true, max_term_width = 100)]
pub struct Cli {
    /// Run against the in-process fakes instead of real credentials.
    #[arg(long, global = true)]
    pub sandbox: bool,

    /// With --sandbox: the sandbox credential gets the full grant minus this
    /// permission (the wire name of a scope or an area; repeatable).
    #[arg(long = "sandbox-without", value_name = "PERMISSION", global = true)]
    pub sandbox_without: Vec<String>,

    /// A TOML file with each vendor's settings, policy and areas (secrets may
    /// be in the file or in the environment, never on the command line).
    #[arg(long, value_name = "FILE", global = true)]
    pub config: Option<PathBuf>,

    /// What to do.
    #[command(subcommand)]
    pub command: Command,
}

/// The commands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Walk through a whole session against every vendor's fake (no
    /// configuration, no network); exits 1 if anything does not behave as shown.
    Demo,
    /// Check a credential: one row per permission, granted or not, and the
    /// portal label to tick. Exits 3 when a required permission is missing.
    Doctor(DoctorArgs),
    /// HaloPSA: list, get, create and update records, or serve the fake.
    #[command(name = "halopsa")]
    Halopsa(VendorArgs),
    /// ConnectWise Asio: list and get companies and devices, run scripts, or
    /// serve the fake.
    #[command(name = "asio")]
    Asio(VendorArgs),
    /// Kaseya VSA X: list and get devices and organizations, run scripts, or
    /// serve the fake.
    #[command(name = "vsax")]
    Vsax(VendorArgs),
    /// ConnectWise Manage: list and get companies and tickets, open and change
    /// tickets, or serve the fake.
    #[command(name = "cwmanage")]
    Cwmanage(VendorArgs),
}

/// The vendors `neo doctor` knows.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum VendorName {
    /// HaloPSA (also HaloITSM / HaloServiceDesk).
    Halopsa,
    /// ConnectWise Asio (CW RMM).
    Asio,
    /// Kaseya VSA X.
    Vsax,
    /// ConnectWise Manage (PSA).
    Cwmanage,
}

/// `neo doctor`.
#[derive(Debug, Args)]
pub struct DoctorArgs {
    /// The vendor whose credential to check.
    pub vendor: VendorName,
    /// Print the report as JSON (the same rows for every vendor).
    #[arg(long)]
    pub json: bool,
    /// Check only these areas (comma-separated, e.g. `tickets,actions`);
    /// default: the `areas` of --config, else every area.
    #[arg(long, value_delimiter = ',', value_name = "AREAS")]
    pub areas: Vec<String>,
}

/// `neo <vendor> …`.
#[derive(Debug, Args)]
pub struct VendorArgs {
    /// What to do with the vendor.
    #[command(subcommand)]
    pub action: VendorAction,
}

/// How records are printed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, ValueEnum)]
pub enum OutputFormat {
    /// One JSON object per line (JSON Lines), unknown fields preserved.
    #[default]
    Json,
    /// A table for people.
    Table,
}

/// What `neo <vendor>` does.
#[derive(Debug, Subcommand)]
pub enum VendorAction {
    /// Serve the vendor's fake on 127.0.0.1 until Ctrl-C, printing the
    /// `export …` lines that point a program (or neo itself) at it.
    Fake,
    /// The resources `list`, `get`, `create` and `update` know.
    Resources,
    /// Stream the records of a resource as JSON Lines on stdout.
    List(ListArgs),
    /// One record as JSON.
    Get {
        /// The resource (see `resources`).
        resource: String,
        /// The record's id.
        id: String,
    },
    /// Create a record.
    Create {
        /// The resource (see `resources`).
        resource: String,
        /// The record: JSON, or `@file` to read it from a file.
        #[arg(long, value_name = "JSON|@FILE")]
        data: String,
        /// An approval for a write that needs one: "WHO: WHY", e.g. "jane@msp.example: customer phoned".
        #[arg(long, value_name = "WHO: WHY")]
        approve: Option<String>,
    },
    /// Update a record (only the fields given are changed).
    Update {
        /// The resource (see `resources`).
        resource: String,
        /// The record's id.
        id: String,
        /// The fields to change: JSON, or `@file` to read them from a file.
        #[arg(long, value_name = "JSON|@FILE")]
        data: String,
        /// An approval for a write that needs one: "WHO: WHY", e.g. "jane@msp.example: customer phoned".
        #[arg(long, value_name = "WHO: WHY")]
        approve: Option<String>,
    },
}

/// `neo <vendor> list`.
#[derive(Debug, Args)]
pub struct ListArgs {
    /// The resource (see `resources`).
    pub resource: String,
    /// Stop after this many records.
    #[arg(long, value_name = "N")]
    pub limit: Option<u64>,
    /// A typed filter of the vendor, `key=value` (repeatable; see `resources`).
    #[arg(long, value_name = "KEY=VALUE", value_parser = key_value)]
    pub query: Vec<(String, String)>,
    /// The vendor's raw filter syntax (HaloPSA: query parameters `a=1&b=2`;
    /// Asio: a device filter expression; VSA X: OData; Manage: conditions).
    #[arg(long, value_name = "FILTER")]
    pub filter: Option<String>,
    /// How to print the records.
    #[arg(long, value_enum, default_value_t = OutputFormat::Json)]
    pub output: OutputFormat,
}

/// Parses `key=value`.
fn key_value(text: &str) -> Result<(String, String), String> {
    match text.split_once('=') {
        Some((key, value)) if !key.trim().is_empty() => {
            Ok((key.trim().to_owned(), value.trim().to_owned()))
        }
        _ => Err(format!("`{text}` is not KEY=VALUE")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use clap::CommandFactory;

    #[test]
    fn the_command_line_is_consistent() {
        Cli::command().debug_assert();
    }

    #[test]
    fn flags_parse_into_their_commands() {
        let cli = Cli::try_parse_from([
            "neo",
            "--sandbox",
            "halopsa",
            "list",
            "tickets",
            "--limit",
            "3",
            "--query",
            "open_only=true",
            "--output",
            "table",
        ])
        .unwrap();
        assert!(cli.sandbox);
        match cli.command {
            Command::Halopsa(VendorArgs {
                action: VendorAction::List(list),
            }) => {
                assert_eq!(list.limit, Some(3));
                assert_eq!(list.query, [("open_only".to_owned(), "true".to_owned())]);
                assert_eq!(list.output, OutputFormat::Table);
            }
            other => panic!("{other:?}"),
        }
        let cli = Cli::try_parse_from(["neo", "doctor", "halopsa", "--areas", "tickets,actions"])
            .unwrap();
        match cli.command {
            Command::Doctor(args) => assert_eq!(args.areas, ["tickets", "actions"]),
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn anything_not_understood_is_refused() {
        for words in [
            &["neo", "halopsa", "list"][..],
            &["neo", "halopsa", "list", "tickets", "--query", "nokey"],
            &["neo", "halopsa", "list", "tickets", "--fkae"],
            &["neo", "doctor", "asio2"],
            &["neo", "demo", "--fast"],
            &["neo", "dmeo"],
        ] {
            assert!(Cli::try_parse_from(words).is_err(), "{words:?}");
        }
    }
}
