//! ConnectWise Asio in `neo`: the [`Vendor`] implementation over
//! `asio-client` (companies and devices to read, script runs to start; the
//! doctor is the crate's own `check_access()`).
//!
//! `create script_runs --data '{"script": "<script id>", "endpoints": ["<endpoint id>"]}'`
//! runs a script now (optional: `name`, `description`, `parameters`); the
//! default policy holds it until `--approve` is given.

use asio_client::fake::FakeServer;
use asio_client::models::RunScript;
use asio_client::{Client, Credentials, policy, scopes};
use neo_auth_core::doctor::AccessReport;
use neo_auth_core::{AccessPolicy, Approval, Area, Error, Result};
use serde::Deserialize;
use serde_json::Value;

use crate::config::VendorSection;
use crate::output::RecordSink;
use crate::vendor::{ListQuery, Operations, ResourceInfo, Vendor, drain, from_json, to_json};

/// ConnectWise Asio.
pub struct Asio;

const RESOURCES: &[ResourceInfo] = &[
    ResourceInfo {
        name: "companies",
        operations: Operations::Read,
        columns: &["id", "name"],
    },
    ResourceInfo {
        name: "devices",
        operations: Operations::Read,
        columns: &["endpointID", "friendlyName", "companyID", "siteID"],
    },
    ResourceInfo {
        name: "script_runs",
        operations: Operations::Run,
        columns: &[],
    },
];

/// The `--data` of `create script_runs`.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct ScriptRunData {
    /// The script (template) id.
    script: String,
    /// The endpoints to run it on.
    endpoints: Vec<String>,
    /// The task's name (default: `neo script run`).
    #[serde(default)]
    name: Option<String>,
    /// A description of the task.
    #[serde(default)]
    description: Option<String>,
    /// The script's parameters.
    #[serde(default)]
    parameters: Option<Value>,
}

impl ScriptRunData {
    /// The run Asio schedules.
    fn into_run(self) -> Result<RunScript> {
        let name = self
            .name
            .filter(|n| !n.trim().is_empty())
            .unwrap_or_else(|| "neo script run".to_owned());
        let mut run = RunScript::new(self.script, name, self.endpoints);
        if let Some(description) = self.description {
            run = run.description(description);
        }
        if let Some(parameters) = &self.parameters {
            run = run.parameters(parameters)?;
        }
        Ok(run)
    }
}

const AREAS: &[Area] = &[
    policy::COMPANIES,
    policy::SITES,
    policy::DEVICES,
    policy::ASSETS,
    policy::AGENT,
    policy::AUTOMATION,
    policy::CONTACTS,
    policy::TICKETS,
    policy::RATE_LIMITS,
];

/// Every scope the fake's key holds: the sandbox credential's full grant.
fn all_scopes() -> Vec<&'static str> {
    scopes::REQUIRED
        .iter()
        .chain(scopes::OPTIONAL.iter())
        .map(|scope| scope.name())
        .collect()
}

/// The full grant minus `without` (wire names of scopes).
fn reduced_scopes(without: &[String]) -> Vec<&'static str> {
    all_scopes()
        .into_iter()
        .filter(|scope| !without.iter().any(|w| w.trim().eq_ignore_ascii_case(scope)))
        .collect()
}

/// The `--query` keys of a device list.
fn device_list(
    client: &Client,
    query: &ListQuery<'_>,
) -> Result<asio_client::resources::DeviceList> {
    let mut list = client.devices().list();
    for (key, value) in query.query {
        let ids = || {
            value
                .split(',')
                .map(|id| id.trim().to_owned())
                .filter(|id| !id.is_empty())
                .collect::<Vec<_>>()
        };
        list = match key.as_str() {
            "company_id" => list.companies(ids()),
            "site_id" => list.sites(ids()),
            "endpoint_id" => list.endpoints(ids()),
            "sort_by" => list.sort_by(value),
            other => {
                return Err(Error::config(format!(
                    "--query {other}: not an Asio device filter; use one of: {}",
                    Asio::QUERY_KEYS.join(", ")
                )));
            }
        };
    }
    if let Some(filter) = query.filter {
        list = list.filter(filter);
    }
    Ok(list)
}

impl Vendor for Asio {
    type Client = Client;
    type Fake = FakeServer;

    const NAME: &'static str = "asio";
    const TITLE: &'static str = "ConnectWise Asio";
    const QUERY_KEYS: &'static [&'static str] = &[
        "company_id (devices)",
        "site_id (devices)",
        "endpoint_id (devices)",
        "sort_by (devices)",
    ];
    const FILTER_SYNTAX: &'static str =
        "the device list's filter expression, e.g. `endpointType in (Server)` (devices only)";

    fn areas() -> &'static [Area] {
        AREAS
    }

    fn resources() -> &'static [ResourceInfo] {
        RESOURCES
    }

    fn default_policy() -> AccessPolicy {
        policy::default_policy()
    }

    fn from_env(policy: AccessPolicy) -> Result<Client> {
        Client::builder()
            .credentials(Credentials::from_env()?)
            .policy(policy)
            .build()
    }

    fn from_config(section: &VendorSection, policy: AccessPolicy) -> Result<Client> {
        let mut credentials = Credentials::new(
            section.string("client_id")?,
            section.secret("client_secret", "ASIO_CLIENT_SECRET")?,
        );
        if let Some(base_url) = section.optional_string("base_url")? {
            credentials = credentials.base_url(base_url);
        }
        if let Some(region) = section.optional_string("region")? {
            let region = region.parse().map_err(|_| {
                Error::config(format!(
                    "{}: region `{region}` is not us, eu or au",
                    section.origin
                ))
            })?;
            credentials = credentials.region(region);
        }
        if let Some(scopes) = section.optional_words("scopes")? {
            credentials = credentials.scopes(scopes);
        }
        Client::builder()
            .credentials(credentials)
            .policy(policy)
            .build()
    }

    async fn start_fake() -> FakeServer {
        FakeServer::start().await
    }

    fn sandbox_permissions() -> Vec<&'static str> {
        all_scopes()
    }

    fn fake_client(fake: &FakeServer, without: &[String], policy: AccessPolicy) -> Result<Client> {
        // The client asks for the required scopes only unless told: the
        // sandbox asks for every scope the fake's key holds, minus `without`.
        let credentials = fake.credentials().scopes(reduced_scopes(without));
        Client::builder()
            .credentials(credentials)
            .policy(policy)
            .build()
    }

    fn fake_exports(fake: &FakeServer) -> Vec<String> {
        vec![
            format!("export ASIO_BASE_URL={}", fake.uri()),
            format!("export ASIO_CLIENT_ID={}", asio_client::fake::CLIENT_ID),
            // The fake's own, well-known secret: nothing real is printed.
            format!(
                "export ASIO_CLIENT_SECRET={}",
                asio_client::fake::CLIENT_SECRET
            ),
        ]
    }

    async fn doctor(client: &Client) -> Result<AccessReport> {
        Ok(client.check_access().await)
    }

    async fn list(client: &Client, query: &ListQuery<'_>, sink: &mut RecordSink) -> Result<()> {
        match query.resource {
            "companies" => {
                if !query.query.is_empty() || query.filter.is_some() {
                    return Err(Error::config(
                        "Asio lists every company: --query and --filter apply to devices",
                    ));
                }
                drain(client.companies().list().stream(), sink).await
            }
            "devices" => drain(device_list(client, query)?.stream(), sink).await,
            other => Err(Error::config(format!("Asio has no resource `{other}`"))),
        }
    }

    async fn get(client: &Client, resource: &str, id: &str) -> Result<Value> {
        match resource {
            "companies" => to_json(&client.companies().get(id.trim()).await?),
            "devices" => {
                let mut parts = id.split('/').map(str::trim);
                let (Some(company), Some(site), Some(endpoint), None) =
                    (parts.next(), parts.next(), parts.next(), parts.next())
                else {
                    return Err(Error::config(
                        "an Asio device is read as <company id>/<site id>/<endpoint id> (each device of `list devices` carries them)",
                    ));
                };
                to_json(
                    &client
                        .devices()
                        .details(company, site, endpoint, &[])
                        .await?,
                )
            }
            other => Err(Error::config(format!("Asio has no resource `{other}`"))),
        }
    }

    async fn save(
        client: &Client,
        resource: &str,
        id: Option<&str>,
        data: Value,
        approval: Option<Approval>,
    ) -> Result<Value> {
        match (resource, id) {
            ("script_runs", None) => {
                let run = from_json::<ScriptRunData>(data, "script run")?.into_run()?;
                to_json(&client.automation().run_script(&run, approval).await?)
            }
            _ => Err(Error::config(format!(
                "Asio `{resource}` cannot be written in neo"
            ))),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_sandbox_grant_loses_only_what_is_removed() {
        let full = reduced_scopes(&[]);
        let reduced = reduced_scopes(&["Platform.Devices.Read".into()]);
        assert!(full.contains(&"platform.devices.read"));
        assert!(!reduced.contains(&"platform.devices.read"));
        assert_eq!(reduced.len() + 1, full.len());
    }

    #[test]
    fn a_script_run_is_read_from_its_data() {
        let data = serde_json::json!({"script": "s1", "endpoints": ["e1", "e2"], "parameters": {"folder": "C:\\Temp"}});
        let run = from_json::<ScriptRunData>(data, "script run")
            .unwrap()
            .into_run()
            .unwrap();
        assert_eq!(
            (run.template_id.as_str(), run.name.as_str()),
            ("s1", "neo script run")
        );
        assert_eq!(run.targets, ["e1", "e2"]);
        assert_eq!(run.parameters.as_deref(), Some(r#"{"folder":"C:\\Temp"}"#));
        let unknown = serde_json::json!({"script": "s1", "endpoints": [], "colour": "red"});
        assert!(from_json::<ScriptRunData>(unknown, "script run").is_err());
    }
}
