//! # cwmanage-client
//!
//! A typed, permission-checked client for the ConnectWise Manage (PSA) REST
//! API 3.0, built on [`neo_auth_core`]: for a product that opens and updates
//! tickets in an MSP's ConnectWise and maps the MSP's companies to its own
//! tenants, with an API Member's key pair on a restricted security role.
//!
//! ```toml
//! [dependencies]
//! cwmanage-client = "0.1"
//! ```
//!
//! ## What it does for you
//!
//! - **Authentication**: Basic `companyId+publicKey:privateKey` and the
//!   integration's `clientId` header on every request (both secret: never
//!   printed, and never sent across a redirect to another origin). The API
//!   version is pinned in `Accept` ([`DEFAULT_API_VERSION`], configurable).
//! - **Sites**: `na`, `eu`, `au`, `aus`, `za`, `staging` map to their `api-`
//!   hosts; an on-premise server is its URL ([`Site`]). The codebase
//!   (`v2025_1/`) is discovered once through `/login/companyinfo` unless given.
//! - **Permissions before traffic**: every operation declares the security-role
//!   row it needs ([`scopes`]: Company Maintenance Inquire; Service Tickets Add,
//!   Edit, Inquire; optional Table Setup and Member Maintenance Inquire). A
//!   ConnectWise 403 becomes [`Error::MissingScope`] naming the portal row, and
//!   [`Client::check_access`] reads the member's real levels from
//!   `/system/mySecurity`.
//! - **Policy**: [`default_policy`] writes tickets and reads everything else;
//!   callbacks need write turned on.
//! - **Lists** stream in constant memory, forward-only by id for full scans
//!   where the endpoint allows it, navigable (`Link` headers) otherwise; every
//!   record once. Filters are a typed [`Condition`] builder.
//! - **Writes**: PATCH as typed [`PatchOp`]s; a create or patch whose reply does
//!   not show the saved record is [`Error::WriteUncertain`], never retried blindly.
//! - **Limits**: about 1,000 requests a minute client-side ([`RATE_LIMIT`]),
//!   `Retry-After` honoured on 429.
//! - **Degrade, don't fail**: without the optional permissions, a ticket needs
//!   an explicit board and a status lookup answers [`Optional::PermissionMissing`].
//! - **Misleading answers explained**: "SSL is required" (use the `api-` host),
//!   a cloud 404 that may be bad credentials ([`CwErrors`]).
//!
//! ## Configuration
//!
//! ```no_run
//! use cwmanage_client::{Client, CwCredentials, Site, secrecy::SecretString};
//!
//! # fn run() -> cwmanage_client::Result<()> {
//! // In code …
//! let client = Client::builder()
//!     .credentials(CwCredentials::new(
//!         Site::Na,
//!         "acme",                                   // the company ID typed at login
//!         "PUBLICKEY",                              // System → Members → API Members → API Keys
//!         SecretString::from("private-key"),        // shown once, next to the public key
//!         SecretString::from("6c1f0d5e-…-clientid"), // developer.connectwise.com → ClientID
//!     ))
//!     .build()?;
//! // … or from CWM_SITE, CWM_COMPANY_ID, CWM_PUBLIC_KEY, CWM_PRIVATE_KEY,
//! // CWM_CLIENT_ID (and the optional CWM_CODEBASE, CWM_API_VERSION).
//! let client = Client::builder().credentials(CwCredentials::from_env()?).build()?;
//! # let _ = client; Ok(()) }
//! ```
//!
//! ## A realistic job
//!
//! Map companies to tenants through a custom field, then open a ticket for an
//! alert, note it and move it on:
//!
//! ```no_run
//! use cwmanage_client::models::{Reference, Ticket, TicketNote};
//! use cwmanage_client::{Client, Condition, PatchOp};
//! use futures_util::TryStreamExt;
//!
//! # async fn run(client: Client) -> cwmanage_client::Result<()> {
//! let mut companies = client
//!     .companies()
//!     .list()
//!     .conditions(Condition::eq("deletedFlag", false))
//!     .custom_field_conditions(Condition::eq("caption", "Tenant").and(Condition::ne("value", cwmanage_client::CwValue::Null)))
//!     .stream();
//! while let Some(company) = companies.try_next().await? {
//!     println!("{:?} → {:?}", company.identifier, company.custom_fields);
//! }
//!
//! // No board given: the API member's default service board is used.
//! let ticket = client
//!     .tickets()
//!     .create(&Ticket {
//!         summary: Some("Ransomware behaviour on ACME-LT-042".into()),
//!         company: Some(Reference::identifier("ACME")),
//!         initial_description: Some("Blocked 14 file encryptions at 09:12 UTC.".into()),
//!         ..Default::default()
//!     })
//!     .send()
//!     .await?;
//! let id = ticket.id.unwrap_or_default();
//! client.tickets().notes(id).add(&TicketNote::internal("Host isolated.")).send().await?;
//! client
//!     .tickets()
//!     .update(id, vec![PatchOp::reference("status", Reference::name("In Progress"))?])
//!     .send()
//!     .await?;
//! # Ok(()) }
//! ```
//!
//! ## Errors
//!
//! ```no_run
//! use cwmanage_client::{Client, Error};
//!
//! # async fn run(client: Client) {
//! match client.companies().count().send().await {
//!     Ok(n) => println!("{n} companies"),
//!     Err(Error::MissingScope { label, location, .. }) => {
//!         eprintln!("ask the admin to set \"{label}\" {location}")
//!     }
//!     Err(e) if e.is_policy() => eprintln!("our own policy refused it: {e}"),
//!     Err(e) if e.is_write_uncertain() => eprintln!("check before repeating: {e}"),
//!     Err(e) => eprintln!("ConnectWise said: {e}"),
//! }
//! let report = client.check_access().await;
//! println!("{report}"); // every security-role row, granted or what to set
//! # }
//! ```
//!
//! ## Testing against the fake
//!
//! With the `fake` feature, [`fake::FakeServer`] is a stateful ConnectWise
//! Manage on 127.0.0.1 (companyinfo, Basic + clientId, a security role, both
//! paging modes, conditions, ticket writes, notes, callbacks, faults):
//!
//! ```
//! # #[cfg(feature = "fake")]
//! # #[tokio::main(flavor = "current_thread")]
//! # async fn main() -> cwmanage_client::Result<()> {
//! use cwmanage_client::fake::{FakeRole, FakeServer, Level, Verb};
//! use cwmanage_client::Optional;
//!
//! let fake = FakeServer::builder()
//!     .role(FakeRole::restricted().with("Table Setup", Verb::Inquire, Level::None))
//!     .start()
//!     .await;
//! let client = fake.client_builder().build()?;
//! match client.boards().statuses(1).all_or_missing().await? {
//!     Optional::PermissionMissing(m) => assert_eq!(m.portal_row, "System → Table Setup → Inquire Level: All"),
//!     other => panic!("{other:?}"),
//! }
//! assert_eq!(client.check_access().await.exit_code(), 0); // Table Setup is optional
//! # Ok(()) }
//! # #[cfg(not(feature = "fake"))]
//! # fn main() {}
//! ```
#![deny(missing_docs)]

mod auth;
pub mod callbacks;
mod calls;
mod client;
mod company_info;
mod conditions;
mod credentials;
mod doctor;
pub mod endpoints;
mod errors;
#[cfg(feature = "fake")]
pub mod fake;
mod list;
pub mod models;
mod optional;
mod patch;
mod policy;
mod query;
mod raw;
pub mod resources;
pub mod scopes;
mod site;
mod version;

pub use calls::{DeleteRequest, GetRequest, WriteRequest};
pub use client::{Client, ClientBuilder, DISCOVERY_TIMEOUT, RATE_LIMIT};
pub use company_info::{
    COMPANY_INFO_PATH, DEFAULT_CODEBASE, company_info_from_reply, normalize_codebase,
};
pub use conditions::{Condition, CwValue, quote};
pub use credentials::{CLIENT_ID_HEADER, CwCredentials};
pub use doctor::levels_of;
pub use errors::{
    CLOUD_NOT_FOUND_HINT, CwErrors, FORBIDDEN_HINT, NOT_AUTHENTICATED_HINT, SSL_REQUIRED_HINT,
};
pub use list::{CountRequest, ListRequest, PAGINATION_TYPE_HEADER, PagingMode};
pub use optional::{MissingPermission, Optional};
pub use patch::{PatchKind, PatchOp};
pub use policy::default_policy;
pub use query::{ListQuery, Order};
pub use resources::tickets::CreateTicket;
pub use site::Site;
pub use version::{DEFAULT_API_VERSION, MEDIA_TYPE, accept_header};

pub use neo_auth_core::doctor::{AccessCheck, AccessReport, Severity};
pub use neo_auth_core::{AccessPolicy, Approval, AreaAccess, Error, Result, secrecy};
