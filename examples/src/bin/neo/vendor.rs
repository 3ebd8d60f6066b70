//! What `neo` needs from a vendor: one implementation of [`Vendor`] per
//! vendor crate (`halopsa`, `asio`, `vsax`, `cwmanage`). Adding a vendor is one module with an
//! `impl Vendor`, one variant in `cli::Command` and `cli::VendorName`, and one
//! arm in `commands::run` — the commands themselves are written once, here
//! and in `commands.rs`.

use futures_util::{Stream, TryStreamExt};
use neo_auth_core::doctor::AccessReport;
use neo_auth_core::{AccessPolicy, Approval, Area, Error, Result};
use serde::Serialize;
use serde_json::Value;

use crate::config::VendorSection;
use crate::output::RecordSink;

/// One resource `neo <vendor> list|get|create|update` knows.
#[derive(Debug, Clone, Copy)]
pub struct ResourceInfo {
    /// Its name on the command line (`tickets`).
    pub name: &'static str,
    /// The commands it offers.
    pub operations: Operations,
    /// The columns of `--output table`.
    pub columns: &'static [&'static str],
}

/// The commands a resource offers.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Operations {
    /// `list` and `get`.
    Read,
    /// `list`, `get`, `create` and `update`.
    ReadWrite,
    /// `create` only: each create starts an action (a script run), which is
    /// not a record to list or change.
    Run,
}

impl Operations {
    /// The commands, as `neo <vendor> resources` lists them.
    pub fn commands(self) -> &'static str {
        match self {
            Operations::Read => "list get",
            Operations::ReadWrite => "list get create update",
            Operations::Run => "create",
        }
    }
}

/// A parsed `neo <vendor> list`.
#[derive(Debug)]
pub struct ListQuery<'a> {
    /// The resource name.
    pub resource: &'a str,
    /// `--query key=value` pairs (the vendor's typed filters).
    pub query: &'a [(String, String)],
    /// `--filter`: the vendor's raw filter syntax.
    pub filter: Option<&'a str>,
}

/// A vendor as `neo` drives it.
pub trait Vendor {
    /// The vendor crate's client.
    type Client: Clone + Send + Sync + 'static;
    /// The vendor's running fake (the server stops when it is dropped).
    type Fake: Send + Sync + 'static;

    /// The name on the command line and in `--config` (`halopsa`).
    const NAME: &'static str;
    /// The name people know (`HaloPSA`).
    const TITLE: &'static str;
    /// The typed filters `--query` accepts, for the help of `resources`.
    const QUERY_KEYS: &'static [&'static str];
    /// What `--filter` takes.
    const FILTER_SYNTAX: &'static str;

    /// The policy areas (for `--areas` and `[<vendor>.policy]`).
    fn areas() -> &'static [Area];
    /// The resources `list`, `get`, `create` and `update` know.
    fn resources() -> &'static [ResourceInfo];
    /// The vendor's safe default access policy.
    fn default_policy() -> AccessPolicy;

    /// A client from the vendor's environment variables.
    fn from_env(policy: AccessPolicy) -> Result<Self::Client>;
    /// A client from `[<vendor>]` of `--config` (secrets there or in the environment).
    fn from_config(section: &VendorSection, policy: AccessPolicy) -> Result<Self::Client>;

    /// Starts the vendor's fake on 127.0.0.1, seeded.
    async fn start_fake() -> Self::Fake;
    /// The names `--sandbox-without` accepts (scope wire names and areas).
    fn sandbox_permissions() -> Vec<&'static str>;
    /// A client for the fake with the full seed grant minus `without`.
    fn fake_client(
        fake: &Self::Fake,
        without: &[String],
        policy: AccessPolicy,
    ) -> Result<Self::Client>;
    /// `export NAME=value` lines that point a program at the fake.
    fn fake_exports(fake: &Self::Fake) -> Vec<String>;

    /// The doctor's report for the client's credential and policy.
    async fn doctor(client: &Self::Client) -> Result<AccessReport>;
    /// Streams the records of a resource into `sink` until it is full.
    async fn list(
        client: &Self::Client,
        query: &ListQuery<'_>,
        sink: &mut RecordSink,
    ) -> Result<()>;
    /// One record.
    async fn get(client: &Self::Client, resource: &str, id: &str) -> Result<Value>;
    /// Creates (`id` `None`) or updates a record from JSON `data`.
    async fn save(
        client: &Self::Client,
        resource: &str,
        id: Option<&str>,
        data: Value,
        approval: Option<Approval>,
    ) -> Result<Value>;
}

/// The resource of `V` named `name`, or a configuration error listing them.
pub fn resource<V: Vendor>(name: &str) -> Result<ResourceInfo> {
    V::resources()
        .iter()
        .find(|r| r.name.eq_ignore_ascii_case(name.trim()))
        .copied()
        .ok_or_else(|| {
            let names: Vec<&str> = V::resources().iter().map(|r| r.name).collect();
            Error::config(format!(
                "{} has no resource `{name}`; the resources are: {}",
                V::TITLE,
                names.join(", ")
            ))
        })
}

/// Feeds a typed stream into `sink` as JSON values until the stream ends or
/// the sink is full (the rest of the stream is never fetched).
pub async fn drain<T, S>(stream: S, sink: &mut RecordSink) -> Result<()>
where
    T: Serialize,
    S: Stream<Item = Result<T>>,
{
    let mut stream = std::pin::pin!(stream);
    while !sink.is_full() {
        let Some(item) = stream.try_next().await? else {
            break;
        };
        sink.push(&to_json(&item)?);
    }
    Ok(())
}

/// A typed record as JSON (its unknown fields included).
pub fn to_json<T: Serialize>(item: &T) -> Result<Value> {
    serde_json::to_value(item)
        .map_err(|e| Error::config_with("a record could not be turned into JSON", e))
}

/// `data` as a `T`, or a configuration error naming what is wrong.
pub fn from_json<T: serde::de::DeserializeOwned>(data: Value, noun: &str) -> Result<T> {
    if !data.is_object() {
        return Err(Error::config(format!(
            "--data must be a JSON object (one {noun}), not {}",
            kind_of(&data)
        )));
    }
    serde_json::from_value(data)
        .map_err(|e| Error::config(format!("--data is not a valid {noun}: {e}")))
}

fn kind_of(value: &Value) -> &'static str {
    match value {
        Value::Null => "null",
        Value::Bool(_) => "a boolean",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Array(_) => "an array",
        Value::Object(_) => "an object",
    }
}

/// A numeric id from the command line.
pub fn numeric_id(id: &str) -> Result<i64> {
    id.trim()
        .parse()
        .map_err(|_| Error::config(format!("`{id}` is not a record id (a whole number)")))
}

/// A boolean `--query` value.
pub fn flag_value(key: &str, value: &str) -> Result<bool> {
    match value.trim().to_ascii_lowercase().as_str() {
        "true" | "yes" | "1" | "" => Ok(true),
        "false" | "no" | "0" => Ok(false),
        _ => Err(Error::config(format!(
            "--query {key}={value}: use true or false"
        ))),
    }
}
