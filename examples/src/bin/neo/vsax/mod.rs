//! Kaseya VSA X in `neo`: the [`Vendor`] implementation over `vsax-client`
//! (devices and organizations; the doctor is the crate's own
//! `check_access()`).
//!
//! VSA X cannot tell a client which permissions a token holds, so the sandbox
//! credential *declares* them: the full set minus `--sandbox-without`.

use neo_auth_core::doctor::AccessReport;
use neo_auth_core::{AccessPolicy, Approval, Area, Error, Result, Scope};
use serde_json::Value;
use vsax_client::fake::FakeServer;
use vsax_client::{Client, Credentials, permissions};

use crate::config::VendorSection;
use crate::output::RecordSink;
use crate::vendor::{ListQuery, ResourceInfo, Vendor, drain, numeric_id, to_json};

/// Kaseya VSA X.
pub struct Vsax;

const RESOURCES: &[ResourceInfo] = &[
    ResourceInfo {
        name: "devices",
        writable: false,
        columns: &["Identifier", "Name", "OrganizationName", "GroupName"],
    },
    ResourceInfo {
        name: "organizations",
        writable: false,
        columns: &["Id", "Name"],
    },
];

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
        _client: &Client,
        resource: &str,
        _id: Option<&str>,
        _data: Value,
        _approval: Option<Approval>,
    ) -> Result<Value> {
        Err(Error::config(format!(
            "VSA X `{resource}` is read-only in neo (list and get only)"
        )))
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
}
