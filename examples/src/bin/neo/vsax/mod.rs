//! Kaseya VSA X in `neo`: the [`Vendor`] implementation over `vsax-client`
//! (devices and organizations to read, script runs to start; the doctor is
//! the crate's own `check_access()`).
//!
//! `create script_runs --data '{"script": 42, "device": "<identifier>", "variables": {"1": "C:\\Temp"}}'`
//! runs a script on one device (`variables`: variable id → value, optional);
//! the default policy holds it until `--approve` is given.
//!
//! VSA X cannot tell a client which permissions a token holds, so the sandbox
//! credential *declares* them: the full set minus `--sandbox-without`.

use std::collections::BTreeMap;

use neo_auth_core::doctor::AccessReport;
use neo_auth_core::{AccessPolicy, Approval, Area, Error, Result, Scope};
use serde::Deserialize;
use serde_json::{Value, json};
use vsax_client::fake::FakeServer;
use vsax_client::models::RunScript;
use vsax_client::{Client, Credentials, permissions};

use crate::config::VendorSection;
use crate::output::RecordSink;
use crate::vendor::{
    ListQuery, Operations, ResourceInfo, Vendor, drain, from_json, numeric_id, to_json,
};

/// Kaseya VSA X.
pub struct Vsax;

const RESOURCES: &[ResourceInfo] = &[
    ResourceInfo {
        name: "devices",
        operations: Operations::Read,
        columns: &["Identifier", "Name", "OrganizationName", "GroupName"],
    },
    ResourceInfo {
        name: "organizations",
        operations: Operations::Read,
        columns: &["Id", "Name"],
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
    /// The script's id.
    script: i64,
    /// The device's identifier.
    device: String,
    /// Variable id → value.
    #[serde(default)]
    variables: BTreeMap<String, String>,
}

impl ScriptRunData {
    /// The script's id and the run VSA X starts.
    fn into_run(self) -> Result<(i64, RunScript)> {
        let mut run = RunScript::on_device(self.device);
        for (id, value) in self.variables {
            let id = id.trim().parse().map_err(|_| {
                Error::config(format!(
                    "--data: the variable `{id}` is not a variable id (a whole number)"
                ))
            })?;
            run = run.variable(id, value);
        }
        Ok((self.script, run))
    }
}

const AREAS: &[Area] = &[
    permissions::DEVICES,
    permissions::DEVICE_ASSETS,
    permissions::ORGANIZATIONS,
    permissions::AUTOMATION,
    permissions::NOTIFICATIONS,
    permissions::ENVIRONMENT,
];

/// Every permission minus `without` (wire names, e.g. `devices.read`).
fn reduced_permissions(without: &[String]) -> Vec<&'static Scope> {
    permissions::ALL_PERMISSIONS
        .iter()
        .copied()
        .filter(|scope| {
            !without
                .iter()
                .any(|w| w.trim().eq_ignore_ascii_case(scope.name()))
        })
        .collect()
}

/// `--query order_by=<field>` / `order_by_desc=<field>` and `--filter <OData>`.
macro_rules! apply_query {
    ($list:expr, $query:expr) => {{
        let mut list = $list;
        for (key, value) in $query.query {
            list = match key.as_str() {
                "order_by" => list.order_by(value, false),
                "order_by_desc" => list.order_by(value, true),
                other => {
                    return Err(Error::config(format!(
                        "--query {other}: not a VSA X list option; use one of: {} (or --filter with OData)",
                        Vsax::QUERY_KEYS.join(", ")
                    )));
                }
            };
        }
        if let Some(filter) = $query.filter {
            list = list.filter_raw(filter);
        }
        list
    }};
}

impl Vendor for Vsax {
    type Client = Client;
    type Fake = FakeServer;

    const NAME: &'static str = "vsax";
    const TITLE: &'static str = "Kaseya VSA X";
    const QUERY_KEYS: &'static [&'static str] = &["order_by", "order_by_desc"];
    const FILTER_SYNTAX: &'static str = "an OData $filter expression, e.g. `contains(Name, 'srv')`";

    fn areas() -> &'static [Area] {
        AREAS
    }

    fn resources() -> &'static [ResourceInfo] {
        RESOURCES
    }

    fn default_policy() -> AccessPolicy {
        vsax_client::default_policy()
    }

    fn from_env(policy: AccessPolicy) -> Result<Client> {
        Client::builder(Credentials::from_env()?)
            .policy(policy)
            .build()
    }

    fn from_config(section: &VendorSection, policy: AccessPolicy) -> Result<Client> {
        let mut credentials = Credentials::new(
            &section.string("base_url")?,
            section.string("token_id")?,
            section.secret("token_secret", "VSAX_TOKEN_SECRET")?,
        )?;
        if let Some(expires) = section.optional_string("token_expires")? {
            credentials = credentials.with_expiry_text(&expires)?;
        }
        if let Some(granted) = section.optional_words("permissions")? {
            credentials = credentials.with_granted_text(&granted.join(","))?;
        }
        Client::builder(credentials).policy(policy).build()
    }

    async fn start_fake() -> FakeServer {
        FakeServer::start().await
    }

    fn sandbox_permissions() -> Vec<&'static str> {
        permissions::ALL_PERMISSIONS
            .iter()
            .map(|scope| scope.name())
            .collect()
    }

    fn fake_client(fake: &FakeServer, without: &[String], policy: AccessPolicy) -> Result<Client> {
        let credentials = fake
            .credentials()
            .with_granted(reduced_permissions(without));
        Client::builder(credentials).policy(policy).build()
    }

    fn fake_exports(fake: &FakeServer) -> Vec<String> {
        vec![
            format!("export VSAX_BASE_URL={}", fake.tenant_url()),
            format!("export VSAX_TOKEN_ID={}", vsax_client::fake::TOKEN_ID),
            // The fake's own, well-known secret: nothing real is printed.
            format!(
                "export VSAX_TOKEN_SECRET={}",
                vsax_client::fake::TOKEN_SECRET
            ),
        ]
    }

    async fn doctor(client: &Client) -> Result<AccessReport> {
        Ok(client.check_access().await)
    }

    async fn list(client: &Client, query: &ListQuery<'_>, sink: &mut RecordSink) -> Result<()> {
        match query.resource {
            "devices" => drain(apply_query!(client.devices().list(), query).stream(), sink).await,
            "organizations" => {
                drain(
                    apply_query!(client.organizations().list(), query).stream(),
                    sink,
                )
                .await
            }
            other => Err(Error::config(format!("VSA X has no resource `{other}`"))),
        }
    }

    async fn get(client: &Client, resource: &str, id: &str) -> Result<Value> {
        match resource {
            "devices" => to_json(&client.devices().get(id.trim()).send().await?),
            "organizations" => to_json(&client.organizations().get(numeric_id(id)?).send().await?),
            other => Err(Error::config(format!("VSA X has no resource `{other}`"))),
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
                let (script, run) = from_json::<ScriptRunData>(data, "script run")?.into_run()?;
                let mut call = client.scripts().run(script, &run);
                if let Some(approval) = approval {
                    call = call.approval(approval);
                }
                let receipt = call.send().await?;
                Ok(json!({"execution_id": receipt.execution_id, "reply": receipt.reply}))
            }
            _ => Err(Error::config(format!(
                "VSA X `{resource}` cannot be written in neo"
            ))),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_sandbox_grant_loses_only_what_is_removed() {
        let full = reduced_permissions(&[]);
        let reduced = reduced_permissions(&["Devices.Read".into()]);
        assert_eq!(full.len(), permissions::ALL_PERMISSIONS.len());
        assert!(!reduced.contains(&&permissions::DEVICES_READ));
        assert_eq!(reduced.len() + 1, full.len());
    }

    #[test]
    fn a_script_run_is_read_from_its_data() {
        let data = json!({"script": 42, "device": "d1", "variables": {"1": "C:\\Temp"}});
        let (script, run) = from_json::<ScriptRunData>(data, "script run")
            .unwrap()
            .into_run()
            .unwrap();
        assert_eq!((script, run.device_identifier.as_str()), (42, "d1"));
        assert_eq!(
            (run.variables[0].id, run.variables[0].value.as_str()),
            (1, r"C:\Temp")
        );
        let bad = json!({"script": 42, "device": "d1", "variables": {"folder": "x"}});
        let error = from_json::<ScriptRunData>(bad, "script run")
            .unwrap()
            .into_run()
            .unwrap_err();
        assert!(error.to_string().contains("`folder`"), "{error}");
    }
}
