//! # asio-client
//!
//! A typed, scope-checked client of the ConnectWise Asio platform API
//! ("Partner API", CW RMM), built on [`neo_auth_core`]: companies, sites,
//! devices, assets, agents, automation (scripts, and running one), contacts
//! and tickets.
//!
//! ```toml
//! [dependencies]
//! asio-client = "0.1"
//! ```
//!
//! ## Configuration
//!
//! An API access is created in Asio under **Integrations → API Access →
//! Generate API Access**: tick the scopes, copy the Client ID and the Client
//! Secret (shown once). The region (US, EU, AU) is inferred from the Client
//! ID's prefix (`0e30`, `0e31`, `0e32`) unless given; an explicit region or
//! base URL wins. From the environment: `ASIO_CLIENT_ID`,
//! `ASIO_CLIENT_SECRET`, `ASIO_REGION`, `ASIO_BASE_URL`, `ASIO_SCOPES`.
//!
//! ```
//! use asio_client::{Client, Credentials, Region, scopes};
//! use asio_client::secrecy::SecretString;
//! # fn main() -> asio_client::Result<()> {
//! let client = Client::builder()
//!     .credentials(Credentials::new("0e30aa11", SecretString::from("secret")).region(Region::Us))
//!     // The contacts wire string is unconfirmed: rename it if your portal differs.
//!     .scope_name(&scopes::CONTACTS_READ, "platform.contacts.read")
//!     .build()?;
//! assert_eq!(client.requested_scopes().len(), 9);
//! # Ok(()) }
//! ```
//!
//! The client asks `POST {base}/v1/token` (a JSON body, the scopes
//! space-separated) for **one** token and reuses it until it nears expiry:
//! Asio locks a key that asks for too many tokens (HTTP 423), so build one
//! `Client` and clone it; never one per call.
//!
//! ## A realistic job
//!
//! Find a company's servers, check which are online, and — with a
//! technician's approval — run a script on one:
//!
//! ```no_run
//! use futures_util::TryStreamExt;
//! use asio_client::{Approval, Client, Credentials};
//! use asio_client::models::RunScript;
//! # async fn run() -> asio_client::Result<()> {
//! let client = Client::builder().credentials(Credentials::from_env()?).build()?;
//! let company = &client.companies().list().collect_all().await?[0];
//! let mut servers = client.devices().list()
//!     .companies([company.id.clone()])
//!     .fields(["friendlyName", "os", "system"])
//!     .filter("endpointType in (Server)")
//!     .stream();
//! let mut ids = Vec::new();
//! while let Some(device) = servers.try_next().await? {
//!     println!("{} at site {}", device.friendly_name.unwrap_or_default(), device.site_id);
//!     ids.push(device.endpoint_id);
//! }
//! let status = client.devices().heartbeat(ids.clone()).send().await?;
//! for failed in &status.failed_records {
//!     println!("no status for {:?}: {:?}", failed.resource, failed.error);
//! }
//! let script = &client.automation().scripts().collect_all().await?[0];
//! let run = RunScript::new(script.id.clone(), "Clear temp", [ids[0].clone()])
//!     .parameters(&serde_json::json!({"days": 7}))?;
//! let approval = Approval::new("jane@msp.example", "ticket 10423")?;
//! let task = client.automation().run_script(&run, Some(approval)).await?;
//! println!("scheduled task {}", task.task_id);
//! # Ok(()) }
//! ```
//!
//! ## Errors
//!
//! Scope and policy checks run before anything is sent; every error is one
//! [`Error`]:
//!
//! ```no_run
//! use asio_client::{Client, Error};
//! # async fn run(client: Client) {
//! match client.tickets().list().collect_all().await {
//!     Ok(tickets) => println!("{} tickets", tickets.len()),
//!     Err(Error::MissingScope { label, .. }) => println!("tick \"{label}\" on the API access"),
//!     Err(Error::PolicyDenied { area, .. }) => println!("area {area} is off by policy"),
//!     Err(e) if e.is_auth() => println!("sign-in failed: {e}"), // 423: the key is locked
//!     Err(e) => println!("failed: {e}"),
//! }
//! # }
//! ```
//!
//! [`Client::check_access`] reports each of the nine scopes with its portal
//! label, what degrades without it, and whether the region was inferred.
//!
//! ## Testing against the fake
//!
//! With the `fake` feature, [`fake::FakeServer`] runs a stateful Asio on
//! 127.0.0.1 (JSON token endpoint with scopes and a 423 lock, scope checks,
//! grouped device pages with `Link` cursors and the batch limits, tickets
//! with `pageNum`/`totalCount`, script runs that produce results, faults):
//!
//! ```
//! # #[cfg(feature = "fake")]
//! # #[tokio::main(flavor = "current_thread")]
//! # async fn main() -> asio_client::Result<()> {
//! use asio_client::fake::FakeServer;
//! let fake = FakeServer::start().await;
//! let client = fake.client()?;
//! let devices = client.devices().list().collect_all().await?;
//! assert_eq!(devices.len(), fake.device_count());
//! assert_eq!(client.token_fetches(), 1);
//! # Ok(()) }
//! # #[cfg(not(feature = "fake"))]
//! # fn main() {}
//! ```
#![deny(missing_docs)]
#![cfg_attr(docsrs, feature(doc_cfg))]

mod auth;
mod client;
pub mod credentials;
mod doctor;
pub mod endpoints;
pub mod errors;
#[cfg(feature = "fake")]
#[cfg_attr(docsrs, doc(cfg(feature = "fake")))]
pub mod fake;
pub mod models;
pub mod policy;
pub mod region;
mod request_id;
pub mod resources;
pub mod scopes;

pub use client::{Client, ClientBuilder, DEFAULT_RATE_LIMIT};
pub use credentials::Credentials;
pub use region::{Region, RegionSource};

pub use neo_auth_core::doctor::AccessReport;
pub use neo_auth_core::{
    AccessPolicy, Approval, AreaAccess, Error, Page, Requirement, Result, secrecy,
};
