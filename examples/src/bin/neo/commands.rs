//! The commands, written once for every vendor over [`Vendor`].

use std::path::PathBuf;

use neo_auth_core::{Approval, Area, Error};
use serde_json::Value;

use crate::asio::Asio;
use crate::cli::{Cli, Command, DoctorArgs, VendorAction, VendorArgs, VendorName};
use crate::config::{Config, VendorSection, apply_policy, area_named};
use crate::cwmanage::CwManage;
use crate::failure::{EXIT_OK, Failure, usage};
use crate::halopsa::Halo;
use crate::out;
use crate::output::RecordSink;
use crate::vendor::{ListQuery, Operations, ResourceInfo, Vendor, resource};
use crate::vsax::Vsax;

/// The global flags every command sees.
#[derive(Debug)]
pub struct Globals {
    /// `--sandbox`.
    pub sandbox: bool,
    /// `--sandbox-without`.
    pub without: Vec<String>,
    /// `--config`, parsed.
    pub config: Config,
}

/// Runs the command line; returns the exit code.
pub async fn run(cli: Cli) -> Result<u8, Failure> {
    let globals = globals(cli.sandbox, cli.sandbox_without, cli.config)?;
    match cli.command {
        Command::Demo => crate::demo::run().await,
        Command::Doctor(args) => match args.vendor {
            VendorName::Halopsa => doctor::<Halo>(&globals, &args).await,
            VendorName::Asio => doctor::<Asio>(&globals, &args).await,
            VendorName::Vsax => doctor::<Vsax>(&globals, &args).await,
            VendorName::Cwmanage => doctor::<CwManage>(&globals, &args).await,
        },
        Command::Halopsa(args) => vendor_command::<Halo>(&globals, args).await,
        Command::Asio(args) => vendor_command::<Asio>(&globals, args).await,
        Command::Vsax(args) => vendor_command::<Vsax>(&globals, args).await,
        Command::Cwmanage(args) => vendor_command::<CwManage>(&globals, args).await,
    }
}

fn globals(
    sandbox: bool,
    without: Vec<String>,
    config: Option<PathBuf>,
) -> Result<Globals, Failure> {
    if !without.is_empty() && !sandbox {
        return Err(usage(
            "--sandbox-without only applies to --sandbox (it removes a permission from the sandbox credential)",
        ));
    }
    let config = match config {
        Some(path) => Config::load(&path)?,
        None => Config::default(),
    };
    Ok(Globals {
        sandbox,
        without,
        config,
    })
}

/// A client (and the fake it talks to, kept alive) with the policy and areas
/// of the configuration.
pub struct Session<V: Vendor> {
    /// The client.
    pub client: V::Client,
    /// The in-process fake under `--sandbox`, kept alive for the session.
    pub _fake: Option<V::Fake>,
    /// The `areas` of `--config`.
    pub areas: Option<Vec<Area>>,
}

/// Builds the session of `V`: the sandbox, `--config` or the environment.
pub async fn session<V: Vendor>(globals: &Globals) -> Result<Session<V>, Failure> {
    let section = globals.config.vendor(V::NAME)?;
    let empty = VendorSection::default();
    let overrides = section.as_ref().unwrap_or(&empty);
    let policy = apply_policy(V::default_policy(), &overrides.policy, V::areas())?;
    let areas = match &overrides.areas {
        Some(names) => Some(areas_named::<V>(names)?),
        None => None,
    };
    if globals.sandbox {
        let known = V::sandbox_permissions();
        for name in &globals.without {
            if !known.iter().any(|k| k.eq_ignore_ascii_case(name.trim())) {
                return Err(usage(format!(
                    "--sandbox-without {name}: {} has no such permission; use one of: {}",
                    V::TITLE,
                    known.join(", ")
                )));
            }
        }
        let fake = V::start_fake().await;
        let client = V::fake_client(&fake, &globals.without, policy)?;
        return Ok(Session {
            client,
            _fake: Some(fake),
            areas,
        });
    }
    let client = match &section {
        Some(section) => V::from_config(section, policy)?,
        None => V::from_env(policy)?,
    };
    Ok(Session {
        client,
        _fake: None,
        areas,
    })
}

fn areas_named<V: Vendor>(names: &[String]) -> Result<Vec<Area>, Error> {
    names
        .iter()
        .filter(|n| !n.trim().is_empty())
        .map(|name| area_named(name, V::areas()))
        .collect()
}

/// `neo doctor <vendor>`.
async fn doctor<V: Vendor>(globals: &Globals, args: &DoctorArgs) -> Result<u8, Failure> {
    let session = session::<V>(globals).await?;
    let areas = if args.areas.is_empty() {
        session.areas.clone()
    } else {
        Some(areas_named::<V>(&args.areas)?)
    };
    let mut report = V::doctor(&session.client).await?;
    if let Some(areas) = &areas {
        report = report.only_areas(areas);
    }
    if args.json {
        let json = serde_json::to_string_pretty(&report)
            .map_err(|e| Failure::Other(format!("the report could not be written as JSON: {e}")))?;
        out!("{json}");
    } else {
        out!("{}", report.to_string().trim_end());
    }
    let code = u8::try_from(report.exit_code()).unwrap_or(crate::failure::EXIT_OTHER);
    if code != EXIT_OK && !args.json {
        eprintln!(
            "neo: the {} credential lacks what the integration needs (see the problems above)",
            V::TITLE
        );
    }
    Ok(code)
}

/// `neo <vendor> …`.
async fn vendor_command<V: Vendor>(globals: &Globals, args: VendorArgs) -> Result<u8, Failure> {
    match args.action {
        VendorAction::Fake => fake::<V>().await,
        VendorAction::Resources => {
            for info in V::resources() {
                out!("{:<16} {}", info.name, info.operations.commands());
            }
            out!("--query keys: {}", V::QUERY_KEYS.join(", "));
            out!("--filter: {}", V::FILTER_SYNTAX);
            Ok(EXIT_OK)
        }
        VendorAction::List(list) => {
            let info = readable::<V>(&list.resource)?;
            let session = session::<V>(globals).await?;
            let mut sink = RecordSink::new(list.output, info.columns, list.limit);
            let query = ListQuery {
                resource: info.name,
                query: &list.query,
                filter: list.filter.as_deref(),
            };
            let listed = V::list(&session.client, &query, &mut sink).await;
            sink.finish();
            listed?;
            Ok(EXIT_OK)
        }
        VendorAction::Get { resource: name, id } => {
            let info = readable::<V>(&name)?;
            let session = session::<V>(globals).await?;
            let record = V::get(&session.client, info.name, &id).await?;
            print_json(&record)
        }
        VendorAction::Create {
            resource: name,
            data,
            approve,
        } => save::<V>(globals, &name, None, &data, approve.as_deref()).await,
        VendorAction::Update {
            resource: name,
            id,
            data,
            approve,
        } => save::<V>(globals, &name, Some(&id), &data, approve.as_deref()).await,
    }
}

async fn save<V: Vendor>(
    globals: &Globals,
    name: &str,
    id: Option<&str>,
    data: &str,
    approve: Option<&str>,
) -> Result<u8, Failure> {
    let info = resource::<V>(name)?;
    match (info.operations, id) {
        (Operations::ReadWrite, _) | (Operations::Run, None) => {}
        (Operations::Run, Some(_)) => {
            return Err(usage(format!(
                "{} `{}` cannot be updated: each `create` starts a new one",
                V::TITLE,
                info.name
            )));
        }
        (Operations::Read, _) => {
            return Err(usage(format!(
                "{} `{}` is read-only in neo (list and get only)",
                V::TITLE,
                info.name
            )));
        }
    }
    let data = read_data(data)?;
    let approval = approve.map(approval).transpose()?;
    let session = session::<V>(globals).await?;
    let saved = V::save(&session.client, info.name, id, data, approval).await?;
    print_json(&saved)
}

/// The resource `name` of `V`, refused when it cannot be listed or read.
fn readable<V: Vendor>(name: &str) -> Result<ResourceInfo, Failure> {
    let info = resource::<V>(name)?;
    if info.operations == Operations::Run {
        return Err(usage(format!(
            "{} `{}` is an action, not records to read: start one with `create {}` (see `resources`)",
            V::TITLE,
            info.name,
            info.name
        )));
    }
    Ok(info)
}

fn print_json(value: &Value) -> Result<u8, Failure> {
    let text = serde_json::to_string_pretty(value)
        .map_err(|e| Failure::Other(format!("the record could not be written as JSON: {e}")))?;
    out!("{text}");
    Ok(EXIT_OK)
}

/// `--data`: JSON, or `@file`.
pub fn read_data(data: &str) -> Result<Value, Failure> {
    let (text, origin) = match data.strip_prefix('@') {
        Some(path) => (
            std::fs::read_to_string(path)
                .map_err(|e| usage(format!("--data @{path}: cannot read the file: {e}")))?,
            format!("--data @{path}"),
        ),
        None => (data.to_owned(), "--data".to_owned()),
    };
    serde_json::from_str(&text).map_err(|e| usage(format!("{origin} is not valid JSON: {e}")))
}

/// `--approve "<who>: <why>"`.
pub fn approval(text: &str) -> Result<Approval, Failure> {
    let Some((who, why)) = text.split_once(':') else {
        return Err(usage(format!(
            "--approve \"{text}\": write it as \"<who>: <why>\", e.g. \"jane@msp.example: customer asked by phone\""
        )));
    };
    Ok(Approval::new(who.trim(), why.trim())?)
}

/// `neo <vendor> fake`: serves until Ctrl-C.
async fn fake<V: Vendor>() -> Result<u8, Failure> {
    let fake = V::start_fake().await;
    out!(
        "# {} fake running; paste these lines into a shell, Ctrl-C stops it:",
        V::TITLE
    );
    for line in V::fake_exports(&fake) {
        out!("{line}");
    }
    tokio::signal::ctrl_c()
        .await
        .map_err(|e| Failure::Other(format!("cannot wait for Ctrl-C: {e}")))?;
    drop(fake);
    eprintln!("neo: the {} fake stopped", V::TITLE);
    Ok(EXIT_OK)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn data_and_approvals_are_checked_before_anything_runs() {
        assert_eq!(read_data("{\"a\": 1}").unwrap()["a"], 1);
        let error = read_data("{\"a\": ").unwrap_err();
        assert_eq!(error.exit_code(), 2);
        assert!(
            error.line().starts_with("--data is not valid JSON"),
            "{}",
            error.line()
        );
        assert_eq!(
            read_data("@/nonexistent/neo-data.json")
                .unwrap_err()
                .exit_code(),
            2
        );
        assert_eq!(approval("jane: phoned").unwrap().approved_by(), "jane");
        assert_eq!(approval("no colon").unwrap_err().exit_code(), 2);
        assert_eq!(approval(" : why").unwrap_err().exit_code(), 2);
        assert_eq!(approval("who: ").unwrap_err().exit_code(), 2);
        assert_eq!(
            globals(false, vec!["x".into()], None)
                .unwrap_err()
                .exit_code(),
            2
        );
    }
}
