//! HaloPSA in `neo`: the [`Vendor`] implementation over `halopsa-client`.
//!
//! - `doctor.rs`: the doctor's plan on the core engine;
//! - `sandbox.rs`: the sandbox credential's grant (`--sandbox-without`).

mod doctor;
mod sandbox;

use halopsa_client::fake::FakeServer;
use halopsa_client::{Client, HaloCredentials, ListCall, areas, default_policy};
use neo_auth_core::doctor::AccessReport;
use neo_auth_core::{AccessPolicy, Approval, Area, Error, Result};
use serde::Serialize;
use serde::de::DeserializeOwned;
use serde_json::Value;

use self::doctor::DOCTOR_AREAS;
use self::sandbox::{reduced_scopes, table_scopes};
use crate::config::VendorSection;
use crate::output::RecordSink;
use crate::vendor::{
    ListQuery, Operations, ResourceInfo, Vendor, drain, flag_value, from_json, numeric_id, to_json,
};

/// HaloPSA.
pub struct Halo;

const NAMED: &[&str] = &["id", "name"];

/// The resources, with their table columns.
const RESOURCES: &[ResourceInfo] = &[
    info(
        "tickets",
        true,
        &["id", "summary", "client_name", "status_id"],
    ),
    info("actions", true, &["id", "ticket_id", "outcome", "note"]),
    info("companies", false, NAMED),
    info(
        "contacts",
        true,
        &["id", "name", "emailaddress", "client_name"],
    ),
    info("sites", false, &["id", "name", "client_name"]),
    info(
        "assets",
        true,
        &["id", "inventory_number", "client_name", "assettype_name"],
    ),
    info("products", true, NAMED),
    info("appointments", true, &["id", "subject", "start_date"]),
    info("kb_articles", false, NAMED),
    info("contracts", false, &["id", "ref", "client_name"]),
    info("invoices", false, &["id", "client_name", "total"]),
    info("quotations", false, &["id", "title", "client_name"]),
    info("suppliers", false, NAMED),
    info("opportunities", false, &["id", "summary", "client_name"]),
    info("reports", false, NAMED),
    info("slas", false, NAMED),
    info("statuses", false, NAMED),
    info("categories", false, &["id", "value"]),
    info("teams", false, NAMED),
    info("agents", false, &["id", "name", "email"]),
    info("ticket_types", false, NAMED),
    info("workflows", false, NAMED),
];

const fn info(
    name: &'static str,
    writable: bool,
    columns: &'static [&'static str],
) -> ResourceInfo {
    ResourceInfo {
        name,
        operations: if writable {
            Operations::ReadWrite
        } else {
            Operations::Read
        },
        columns,
    }
}

/// Runs `$body` with `$r` bound to the resource handler named `$name`
/// (everything but actions, whose handler takes a ticket id).
macro_rules! with_resource {
    ($client:expr, $name:expr, |$r:ident, $noun:ident| $body:expr) => {
        match $name {
            "tickets" => {
                let $r = $client.tickets();
                let $noun = "ticket";
                $body
            }
            "companies" => {
                let $r = $client.companies();
                let $noun = "company";
                $body
            }
            "contacts" => {
                let $r = $client.contacts();
                let $noun = "contact";
                $body
            }
            "sites" => {
                let $r = $client.sites();
                let $noun = "site";
                $body
            }
            "assets" => {
                let $r = $client.assets();
                let $noun = "asset";
                $body
            }
            "products" => {
                let $r = $client.products();
                let $noun = "product";
                $body
            }
            "appointments" => {
                let $r = $client.appointments();
                let $noun = "appointment";
                $body
            }
            "kb_articles" => {
                let $r = $client.kb_articles();
                let $noun = "article";
                $body
            }
            "contracts" => {
                let $r = $client.contracts();
                let $noun = "contract";
                $body
            }
            "invoices" => {
                let $r = $client.invoices();
                let $noun = "invoice";
                $body
            }
            "quotations" => {
                let $r = $client.quotations();
                let $noun = "quotation";
                $body
            }
            "suppliers" => {
                let $r = $client.suppliers();
                let $noun = "supplier";
                $body
            }
            "opportunities" => {
                let $r = $client.opportunities();
                let $noun = "opportunity";
                $body
            }
            "reports" => {
                let $r = $client.reports();
                let $noun = "report";
                $body
            }
            "slas" => {
                let $r = $client.slas();
                let $noun = "SLA";
                $body
            }
            "statuses" => {
                let $r = $client.statuses();
                let $noun = "status";
                $body
            }
            "categories" => {
                let $r = $client.categories();
                let $noun = "category";
                $body
            }
            "teams" => {
                let $r = $client.teams();
                let $noun = "team";
                $body
            }
            "agents" => {
                let $r = $client.agents();
                let $noun = "agent";
                $body
            }
            "ticket_types" => {
                let $r = $client.ticket_types();
                let $noun = "ticket type";
                $body
            }
            "workflows" => {
                let $r = $client.workflows();
                let $noun = "workflow";
                $body
            }
            other => Err(Error::config(format!("HaloPSA has no resource `{other}`"))),
        }
    };
}

/// Applies `--query` by Halo's parameter names to any resource's list (the tool
/// takes every filter for every resource; an endpoint that does not honour one
/// ignores it, as Halo does).
fn apply_query<T, L>(list: L, query: &ListQuery<'_>) -> Result<ListCall<T>>
where
    T: Serialize + DeserializeOwned + Send + 'static,
    L: Into<ListCall<T>>,
{
    let mut list = list.into();
    for (key, value) in query.query {
        let id = || {
            numeric_id(value).map_err(|_| {
                Error::config(format!("--query {key}={value}: `{value}` is not an id"))
            })
        };
        list = match key.as_str() {
            "search" => list.param("search", value),
            "client_id" | "site_id" | "user_id" | "agent_id" | "status_id" => {
                list.param(key.as_str(), id()?)
            }
            "open_only" | "closed_only" => list.param(key.as_str(), flag_value(key, value)?),
            "include_inactive" => list.param("includeinactive", flag_value(key, value)?),
            "order_by" => list.param("order", value).param("orderdesc", false),
            "order_by_desc" => list.param("order", value).param("orderdesc", true),
            // Used by `actions`, read before the list is built.
            "ticket_id" => list,
            other => {
                return Err(Error::config(format!(
                    "--query {other}: not a HaloPSA filter; use one of: {}",
                    Halo::QUERY_KEYS.join(", ")
                )));
            }
        };
    }
    if let Some(filter) = query.filter {
        for pair in filter.split('&').filter(|p| !p.trim().is_empty()) {
            let Some((key, value)) = pair.split_once('=') else {
                return Err(Error::config(format!(
                    "--filter: `{pair}` is not key=value (HaloPSA takes query parameters: a=1&b=2)"
                )));
            };
            list = list.param(key.trim(), value.trim());
        }
    }
    Ok(list)
}

fn ticket_id_of(query: &ListQuery<'_>) -> Result<i64> {
    query
        .query
        .iter()
        .find(|(key, _)| key == "ticket_id")
        .map(|(_, value)| numeric_id(value))
        .unwrap_or_else(|| {
            Err(Error::config(
                "HaloPSA lists actions per ticket: add --query ticket_id=<id>",
            ))
        })
}

impl Vendor for Halo {
    type Client = Client;
    type Fake = FakeServer;

    const NAME: &'static str = "halopsa";
    const TITLE: &'static str = "HaloPSA";
    const QUERY_KEYS: &'static [&'static str] = &[
        "search",
        "client_id",
        "site_id",
        "user_id",
        "agent_id",
        "status_id",
        "open_only",
        "closed_only",
        "include_inactive",
        "order_by",
        "order_by_desc",
        "ticket_id (actions)",
    ];
    const FILTER_SYNTAX: &'static str =
        "raw query parameters of the list endpoint, a=1&b=2 (e.g. advanced_search=…)";

    fn areas() -> &'static [Area] {
        areas::ALL
    }

    fn resources() -> &'static [ResourceInfo] {
        RESOURCES
    }

    fn default_policy() -> AccessPolicy {
        default_policy()
    }

    fn from_env(policy: AccessPolicy) -> Result<Client> {
        Client::builder()
            .credentials(HaloCredentials::from_env()?)
            .policy(policy)
            .build()
    }

    fn from_config(section: &VendorSection, policy: AccessPolicy) -> Result<Client> {
        let mut credentials = HaloCredentials::new(
            section.string("base_url")?,
            section.string("client_id")?,
            section.secret("client_secret", "HALOPSA_CLIENT_SECRET")?,
        );
        if let Some(tenant) = section.optional_string("tenant")? {
            credentials = credentials.with_tenant(tenant);
        }
        if let Some(agent) = section.optional_integer("agent_id")? {
            credentials = credentials.with_agent_id(agent);
        }
        if let Some(auth_url) = section.optional_string("auth_url")? {
            credentials = credentials.with_auth_url(auth_url);
        }
        if let Some(scopes) = section.optional_words("scopes")? {
            credentials = credentials.with_scopes(scopes);
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
        let mut names = table_scopes();
        names.extend(DOCTOR_AREAS.iter().map(|needs| needs.read.area().name()));
        names
    }

    fn fake_client(fake: &FakeServer, without: &[String], policy: AccessPolicy) -> Result<Client> {
        let mut credentials = fake.credentials().with_agent_id(fake.config().agent_id);
        if !without.is_empty() {
            credentials = credentials.with_scopes(reduced_scopes(without));
        }
        Client::builder()
            .credentials(credentials)
            .policy(policy)
            .build()
    }

    fn fake_exports(fake: &FakeServer) -> Vec<String> {
        let config = fake.config();
        let mut lines = vec![
            format!("export HALOPSA_BASE_URL={}", fake.base_url()),
            format!("export HALOPSA_CLIENT_ID={}", config.client_id),
            // The fake's own, well-known secret: nothing real is printed.
            format!("export HALOPSA_CLIENT_SECRET={}", config.client_secret),
            format!("export HALOPSA_AGENT_ID={}", config.agent_id),
        ];
        if let Some(tenant) = &config.tenant {
            lines.push(format!("export HALOPSA_TENANT={tenant}"));
        }
        lines
    }

    async fn doctor(client: &Client) -> Result<AccessReport> {
        doctor::report(client).await
    }

    async fn list(client: &Client, query: &ListQuery<'_>, sink: &mut RecordSink) -> Result<()> {
        if query.resource == "actions" {
            let list = apply_query(client.actions().list(ticket_id_of(query)?), query)?;
            return drain(list.stream(), sink).await;
        }
        with_resource!(client, query.resource, |resource, _noun| {
            let list = apply_query(resource.list(), query)?;
            drain(list.stream(), sink).await
        })
    }

    async fn get(client: &Client, resource: &str, id: &str) -> Result<Value> {
        if resource == "actions" {
            let Some((ticket, action)) = id.split_once('/') else {
                return Err(Error::config(
                    "an action is read as <ticket id>/<action id>, e.g. `get actions 12/1`",
                ));
            };
            let action = client
                .actions()
                .get(numeric_id(ticket)?, numeric_id(action)?)
                .send()
                .await?;
            return to_json(&action);
        }
        let id = numeric_id(id)?;
        with_resource!(client, resource, |r, _noun| to_json(
            &r.get(id).send().await?
        ))
    }

    async fn save(
        client: &Client,
        resource: &str,
        id: Option<&str>,
        mut data: Value,
        approval: Option<Approval>,
    ) -> Result<Value> {
        if let Some(id) = id {
            let id = numeric_id(id)?;
            match data.as_object_mut() {
                Some(object) => {
                    object.insert("id".to_owned(), id.into());
                }
                None => return Err(Error::config("--data must be a JSON object")),
            }
        } else if data.get("id").is_some_and(|v| !v.is_null()) {
            return Err(Error::config(
                "--data of `create` carries an `id`: in HaloPSA that would update that record; use `update <resource> <id>`",
            ));
        }
        macro_rules! send {
            ($request:expr) => {{
                let mut request = $request;
                if let Some(approval) = approval {
                    request = request.approval(approval);
                }
                to_json(&request.send().await?)
            }};
        }
        if resource == "actions" {
            let action = from_json(data, "action")?;
            let actions = client.actions();
            return match id {
                None => send!(actions.create(&action)),
                Some(_) => send!(actions.update(&action)),
            };
        }
        with_resource!(client, resource, |r, noun| {
            let record = from_json(data, noun)?;
            match id {
                None => send!(r.create(&record)),
                Some(_) => send!(r.update(&record)),
            }
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_sandbox_grant_loses_what_is_removed_and_what_depends_on_it() {
        let full = reduced_scopes(&[]);
        assert!(full.contains(&"read:tickets") && full.contains(&"edit:tickets"));
        let without_edit = reduced_scopes(&["edit:tickets".into()]);
        assert!(without_edit.contains(&"read:tickets"));
        assert!(!without_edit.contains(&"edit:tickets"));
        let without_read = reduced_scopes(&["read:tickets".into()]);
        assert!(!without_read.contains(&"read:tickets") && !without_read.contains(&"edit:tickets"));
        let without_area = reduced_scopes(&["tickets".into()]);
        assert_eq!(without_area, without_read);
        assert_eq!(without_area.len() + 2, full.len());
        let names = Halo::sandbox_permissions();
        assert!(names.contains(&"edit:tickets") && names.contains(&"companies"));
    }

    #[test]
    fn every_resource_is_dispatched() {
        let server_less = Client::builder()
            .credentials(HaloCredentials::new(
                "https://acme.halopsa.example",
                "id",
                neo_auth_core::secrecy::SecretString::from("secret".to_owned()),
            ))
            .build()
            .unwrap();
        for info in RESOURCES.iter().filter(|r| r.name != "actions") {
            let dispatched: Result<()> = with_resource!(server_less, info.name, |_r, _noun| Ok(()));
            assert!(dispatched.is_ok(), "{}", info.name);
        }
    }
}
