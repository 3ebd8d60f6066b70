//! ConnectWise Manage in `neo`: the [`Vendor`] implementation over
//! `cwmanage-client` (companies, and tickets to read, open and change; the
//! doctor is the crate's own `check_access()`).
//!
//! `create tickets --data` takes a ticket as Manage writes it (no board: the
//! API member's default service board); `update tickets <id> --data` takes
//! the fields to change, each sent as one replace operation (a reference
//! field such as `status` as an object: `{"status": {"name": "In Progress"}}`).
//!
//! Manage's permissions are the rows of the API member's security role, so
//! `--sandbox-without` takes a row verb (`Service Tickets.add`) or a whole
//! row (`Service Tickets`) and lowers the fake member's role accordingly.

use cwmanage_client::fake::{FakeRole, FakeServer, Level, Verb};
use cwmanage_client::models::Ticket;
use cwmanage_client::scopes::{self, areas};
use cwmanage_client::{Client, Condition, CwCredentials, ListRequest, Order, PatchOp, Site};
use neo_auth_core::doctor::AccessReport;
use neo_auth_core::{AccessPolicy, Approval, Area, Error, Result, Scope};
use serde::Serialize;
use serde::de::DeserializeOwned;
use serde_json::Value;

use crate::config::VendorSection;
use crate::output::RecordSink;
use crate::vendor::{
    ListQuery, Operations, ResourceInfo, Vendor, drain, from_json, numeric_id, to_json,
};

/// ConnectWise Manage.
pub struct CwManage;

const RESOURCES: &[ResourceInfo] = &[
    ResourceInfo {
        name: "companies",
        operations: Operations::Read,
        columns: &["id", "identifier", "name"],
    },
    ResourceInfo {
        name: "tickets",
        operations: Operations::ReadWrite,
        columns: &["id", "summary"],
    },
];

/// The role permissions the sandbox can take away.
static PERMISSIONS: [&Scope; 6] = [
    &scopes::COMPANY_INQUIRE,
    &scopes::TICKETS_INQUIRE,
    &scopes::TICKETS_ADD,
    &scopes::TICKETS_EDIT,
    &scopes::TABLE_SETUP_INQUIRE,
    &scopes::MEMBER_INQUIRE,
];

/// The verb of a wire name's suffix (`.add`).
fn verb_named(name: &str) -> Option<Verb> {
    match name.to_ascii_lowercase().as_str() {
        "add" => Some(Verb::Add),
        "edit" => Some(Verb::Edit),
        "delete" => Some(Verb::Delete),
        "inquire" => Some(Verb::Inquire),
        _ => None,
    }
}

/// The fake member's seed role minus `without`: `Function.verb` sets that verb
/// to None, a bare function name removes the row.
fn reduced_role(without: &[String]) -> FakeRole {
    let mut role = FakeRole::restricted();
    for name in without {
        let permission = PERMISSIONS
            .iter()
            .find(|scope| scope.name().eq_ignore_ascii_case(name.trim()));
        match permission.and_then(|scope| scope.name().rsplit_once('.')) {
            Some((function, verb)) => {
                if let Some(verb) = verb_named(verb) {
                    role = role.with(function, verb, Level::None);
                }
            }
            None => {
                if let Some(function) = functions()
                    .into_iter()
                    .find(|f| f.eq_ignore_ascii_case(name.trim()))
                {
                    role = role.without_row(function);
                }
            }
        }
    }
    role
}

/// The role rows of [`PERMISSIONS`] (`Service Tickets`).
fn functions() -> Vec<&'static str> {
    let mut names: Vec<&'static str> = PERMISSIONS
        .iter()
        .filter_map(|scope| scope.name().rsplit_once('.').map(|(function, _)| function))
        .collect();
    names.dedup();
    names
}

fn apply_query<T>(mut list: ListRequest<T>, query: &ListQuery<'_>) -> Result<ListRequest<T>>
where
    T: Serialize + DeserializeOwned + Send + 'static,
{
    for (key, value) in query.query {
        list = match key.as_str() {
            "order_by" => list.order_by(value.clone(), Order::Asc),
            "order_by_desc" => list.order_by(value.clone(), Order::Desc),
            other => {
                return Err(Error::config(format!(
                    "--query {other}: not a ConnectWise Manage list option; use one of: {} (or --filter with conditions)",
                    CwManage::QUERY_KEYS.join(", ")
                )));
            }
        };
    }
    if let Some(filter) = query.filter {
        list = list.conditions(Condition::raw(filter));
    }
    Ok(list)
}

impl Vendor for CwManage {
    type Client = Client;
    type Fake = FakeServer;

    const NAME: &'static str = "cwmanage";
    const TITLE: &'static str = "ConnectWise Manage";
    const QUERY_KEYS: &'static [&'static str] = &["order_by", "order_by_desc"];
    const FILTER_SYNTAX: &'static str =
        "Manage conditions, e.g. `closedFlag = false and company/id = 250`";

    fn areas() -> &'static [Area] {
        &areas::ALL
    }

    fn resources() -> &'static [ResourceInfo] {
        RESOURCES
    }

    fn default_policy() -> AccessPolicy {
        cwmanage_client::default_policy()
    }

    fn from_env(policy: AccessPolicy) -> Result<Client> {
        Client::builder()
            .credentials(CwCredentials::from_env()?)
            .policy(policy)
            .build()
    }

    fn from_config(section: &VendorSection, policy: AccessPolicy) -> Result<Client> {
        let mut credentials = CwCredentials::new(
            Site::parse(&section.string("site")?)?,
            section.string("company_id")?,
            section.string("public_key")?,
            section.secret("private_key", "CWM_PRIVATE_KEY")?,
            section.secret("client_id", "CWM_CLIENT_ID")?,
        );
        if let Some(codebase) = section.optional_string("codebase")? {
            credentials = credentials.with_codebase(codebase);
        }
        if let Some(version) = section.optional_string("api_version")? {
            credentials = credentials.with_api_version(version);
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
        let mut names: Vec<&'static str> = PERMISSIONS.iter().map(|scope| scope.name()).collect();
        names.extend(functions());
        names
    }

    fn fake_client(fake: &FakeServer, without: &[String], policy: AccessPolicy) -> Result<Client> {
        fake.set_role(reduced_role(without));
        Client::builder()
            .credentials(fake.credentials())
            .policy(policy)
            .build()
    }

    fn fake_exports(fake: &FakeServer) -> Vec<String> {
        use cwmanage_client::fake::{CLIENT_ID, COMPANY_ID, PRIVATE_KEY, PUBLIC_KEY};
        vec![
            format!("export CWM_SITE={}", fake.uri()),
            format!("export CWM_COMPANY_ID={COMPANY_ID}"),
            format!("export CWM_PUBLIC_KEY={PUBLIC_KEY}"),
            // The fake's own, well-known keys: nothing real is printed.
            format!("export CWM_PRIVATE_KEY={PRIVATE_KEY}"),
            format!("export CWM_CLIENT_ID={CLIENT_ID}"),
        ]
    }

    async fn doctor(client: &Client) -> Result<AccessReport> {
        Ok(client.check_access().await)
    }

    async fn list(client: &Client, query: &ListQuery<'_>, sink: &mut RecordSink) -> Result<()> {
        match query.resource {
            "companies" => {
                drain(
                    apply_query(client.companies().list(), query)?.stream(),
                    sink,
                )
                .await
            }
            "tickets" => drain(apply_query(client.tickets().list(), query)?.stream(), sink).await,
            other => Err(Error::config(format!(
                "ConnectWise Manage has no resource `{other}`"
            ))),
        }
    }

    async fn get(client: &Client, resource: &str, id: &str) -> Result<Value> {
        let id = numeric_id(id)?;
        match resource {
            "companies" => to_json(&client.companies().get(id).send().await?),
            "tickets" => to_json(&client.tickets().get(id).send().await?),
            other => Err(Error::config(format!(
                "ConnectWise Manage has no resource `{other}`"
            ))),
        }
    }

    async fn save(
        client: &Client,
        resource: &str,
        id: Option<&str>,
        data: Value,
        approval: Option<Approval>,
    ) -> Result<Value> {
        if resource != "tickets" {
            return Err(Error::config(format!(
                "ConnectWise Manage `{resource}` is read-only in neo (list and get only)"
            )));
        }
        match id {
            None => {
                if data.get("id").is_some_and(|v| !v.is_null()) {
                    return Err(Error::config(
                        "--data of `create` carries an `id`: use `update tickets <id>` to change a ticket",
                    ));
                }
                let ticket: Ticket = from_json(data, "ticket")?;
                let mut create = client.tickets().create(&ticket);
                if let Some(approval) = approval {
                    create = create.approval(approval);
                }
                to_json(&create.send().await?)
            }
            Some(id) => {
                let mut update = client.tickets().update(numeric_id(id)?, patch_ops(data)?);
                if let Some(approval) = approval {
                    update = update.approval(approval);
                }
                to_json(&update.send().await?)
            }
        }
    }
}

/// The fields of an update's `--data`, one replace operation each.
fn patch_ops(data: Value) -> Result<Vec<PatchOp>> {
    let Value::Object(fields) = data else {
        return Err(Error::config(
            "--data of `update` must be a JSON object of the fields to change",
        ));
    };
    if fields.is_empty() {
        return Err(Error::config("--data of `update` names no field to change"));
    }
    fields
        .into_iter()
        .map(|(field, value)| PatchOp::replace(&field, value))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_sandbox_role_loses_only_what_is_removed() {
        let full = reduced_role(&[]);
        assert_eq!(full, FakeRole::restricted());
        let role = reduced_role(&["service tickets.ADD".into()]);
        assert!(!role.allows("Service Tickets", Verb::Add));
        assert!(role.allows("Service Tickets", Verb::Edit));
        let role = reduced_role(&["Company Maintenance".into()]);
        assert!(!role.allows("Company Maintenance", Verb::Inquire));
        assert!(role.allows("Service Tickets", Verb::Inquire));
        assert!(CwManage::sandbox_permissions().contains(&"Service Tickets"));
    }

    #[test]
    fn an_update_is_one_replace_per_field() {
        let ops =
            patch_ops(serde_json::json!({"summary": "x", "status": {"name": "New"}})).unwrap();
        let mut paths: Vec<&str> = ops.iter().map(PatchOp::path).collect();
        paths.sort_unstable();
        assert_eq!(paths, ["status", "summary"]);
        assert!(patch_ops(serde_json::json!({})).is_err());
        assert!(patch_ops(serde_json::json!([1])).is_err());
        assert!(patch_ops(serde_json::json!({"status/id": 17})).is_err());
    }
}
