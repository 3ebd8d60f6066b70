//! # vsax-client
//!
//! The Kaseya VSA X REST API v3 client of the MSP platform SDK, built on
//! [`neo_auth_core`]: typed, permission-checked, paged, and safe to run
//! unattended. The same API family is served by Pulseway
//! (`https://api.pulseway.com/v3`): any base URL is accepted.
//!
//! ```toml
//! [dependencies]
//! vsax-client = "0.1"
//! ```
//!
//! ## Configuration
//!
//! A VSA X admin creates a **Third-Party Token** under Configuration → API
//! Access → Third-Party Tokens → Create Token, ticks the permission areas on
//! its Authorization tab (see [`permissions`]) and copies the Token ID and
//! Secret (shown once). The client sends them as HTTP Basic on every request
//! to `https://<tenant>.vsax.net/api/v3`.
//!
//! VSA X cannot tell a client which areas a token holds or when it expires, so
//! the credentials may *declare* both: calls into an undeclared area are then
//! refused before anything is sent, and after the declared expiry the client
//! fails with a clear error instead of a bare 401.
//!
//! ```
//! use vsax_client::{Client, Credentials, permissions};
//! use vsax_client::secrecy::SecretString;
//!
//! # fn main() -> vsax_client::Result<()> {
//! let credentials = Credentials::new("https://acme.vsax.net", "3f7c0e9a", SecretString::from("secret"))?
//!     .with_expiry_text("2027-03-31")?
//!     .with_granted([
//!         &permissions::DEVICES_READ,
//!         &permissions::DEVICE_ASSETS_READ,
//!         &permissions::ORGANIZATIONS_READ,
//!         &permissions::AUTOMATION_READ,
//!         &permissions::NOTIFICATIONS_WRITE,
//!     ]);
//! // Or from VSAX_BASE_URL, VSAX_TOKEN_ID, VSAX_TOKEN_SECRET (+ VSAX_TOKEN_EXPIRES, VSAX_PERMISSIONS):
//! // let credentials = Credentials::from_env()?;
//! let client = Client::builder(credentials).page_size(200).build()?;
//! # let _ = client; Ok(()) }
//! ```
//!
//! The default policy ([`default_policy`]) reads every area, writes
//! notifications and webhooks, and needs an [`Approval`] for every script,
//! task or workflow run. A client-side budget of about 3,600 requests per
//! hour is on by default ([`DEFAULT_RATE_LIMIT`]); `Retry-After` is honoured.
//!
//! ## A realistic job: sync devices per PSA company, then fix one
//!
//! ```no_run
//! use futures_util::TryStreamExt;
//! use vsax_client::models::{CreateNotification, Priority, RunScript};
//! use vsax_client::odata::Filter;
//! use vsax_client::{Approval, Client, Credentials};
//!
//! # async fn run() -> vsax_client::Result<()> {
//! let client = Client::builder(Credentials::from_env()?).build()?;
//!
//! // Organization → Site → Group → Device, for mapping organizations to PSA companies.
//! let tree = client.hierarchy().await?;
//! for org in tree.organizations() {
//!     println!("{:?}: {} devices", org.organization.name, org.devices().count());
//! }
//!
//! // Inventory of one site, one page in memory at a time.
//! let mut assets = client.assets().list().filter(&Filter::eq("SiteId", 12)).stream();
//! while let Some(asset) = assets.try_next().await? {
//!     let low_disk = asset.disks.iter().any(|d| d.free_percentage.is_some_and(|f| f < 5.0));
//!     if low_disk {
//!         // A technician approved the cleanup script for this device.
//!         let receipt = client
//!             .scripts()
//!             .run(42, &RunScript::on_device(&asset.identifier).variable(1, r"C:\Temp"))
//!             .approval(Approval::new("j.doe", "T-1234: low disk space")?)
//!             .send()
//!             .await?;
//!         println!("cleanup started: {:?}", receipt.execution_id);
//!         client
//!             .notifications()
//!             .create(&CreateNotification::new(&asset.identifier, "Disk cleanup started", Priority::Normal))
//!             .send()
//!             .await?;
//!     }
//! }
//! # Ok(()) }
//! ```
//!
//! ## Errors
//!
//! Every call returns [`Result`]; the error says what to do.
//!
//! ```no_run
//! use vsax_client::{Client, Error};
//! # async fn run(client: Client) {
//! match client.devices().list().collect_all().await {
//!     Ok(devices) => println!("{} devices", devices.len()),
//!     // The token lacks "Devices: Read" (declared, or a 403 from VSA X, which
//!     // can also mean the organization is outside the token's scope).
//!     Err(Error::MissingScope { label, location, .. }) => eprintln!("tick \"{label}\" {location}"),
//!     // Bad Token ID/Secret, a revoked token (30-day grace period to regenerate
//!     // its secret), or the declared expiry has passed.
//!     Err(error) if error.is_auth() => eprintln!("{error}"),
//!     Err(Error::PolicyDenied { operation, .. }) => eprintln!("{operation} is not allowed here"),
//!     Err(error) if error.is_retryable() => eprintln!("try again later: {error}"),
//!     Err(error) => eprintln!("{error}"),
//! }
//! # }
//! ```
//!
//! A run or any other write that may have reached VSA X before failing is
//! [`Error::WriteUncertain`] and is never retried: look before repeating it.
//!
//! ## Receiving webhook deliveries
//!
//! A notification webhook ([`Client::webhooks`]) POSTs JSON deliveries signed
//! with its secret key in `x-hmac-signature` (base64 HMAC-SHA256 of the body).
//! Check them in constant time before trusting them:
//!
//! ```
//! use vsax_client::{SIGNATURE_HEADER, WebhookVerifier, secrecy::SecretString};
//!
//! fn handle(headers: &http::HeaderMap, body: &[u8]) -> Result<(), Box<dyn std::error::Error>> {
//!     let verifier = WebhookVerifier::new(SecretString::from("the webhook's SecretKey"))?;
//!     let signature = headers.get(SIGNATURE_HEADER).and_then(|v| v.to_str().ok());
//!     let delivery = verifier.verify_delivery(body, signature)?;
//!     println!("{:?}: {:?}", delivery.priority, delivery.title);
//!     Ok(())
//! }
//! # let verifier = WebhookVerifier::new(SecretString::from("the webhook's SecretKey")).unwrap();
//! # let body = br#"{"Id":1,"Title":"Disk full"}"#;
//! # let mut headers = http::HeaderMap::new();
//! # headers.insert(SIGNATURE_HEADER, verifier.sign(body).parse().unwrap());
//! # handle(&headers, body).unwrap();
//! ```
//!
//! ## Checking a token
//!
//! [`Client::check_access`] probes each of the five areas with a one-item read
//! and reports them (with the portal label to tick), the token's
//! authentication and its declared expiry.
//!
//! ## Testing against the fake
//!
//! With the `fake` feature, [`fake::FakeServer`] is a stateful VSA X on
//! 127.0.0.1 (Basic auth, per-area 403s, organization scoping, OData paging,
//! notifications, webhooks and script runs, injected faults):
//!
//! ```
//! # #[cfg(feature = "fake")]
//! # #[tokio::main(flavor = "current_thread")]
//! # async fn main() -> vsax_client::Result<()> {
//! use vsax_client::fake::{FakeConfig, FakeServer};
//! use vsax_client::permissions::{DEVICES_READ, ORGANIZATIONS_READ};
//!
//! let fake = FakeServer::start_with(FakeConfig::default().granted([&DEVICES_READ, &ORGANIZATIONS_READ])).await;
//! let client = fake.client_builder().build()?;
//! assert!(!client.devices().list().collect_all().await?.is_empty());
//! let refused = client.assets().list().collect_all().await.unwrap_err();
//! assert!(refused.to_string().contains("Device Assets: Read"));
//! # Ok(()) }
//! # #[cfg(not(feature = "fake"))]
//! # fn main() {}
//! ```
#![deny(missing_docs)]
#![cfg_attr(docsrs, feature(doc_cfg))]

mod base_url;
mod calls;
mod client;
pub mod credentials;
mod doctor;
pub mod endpoints;
mod errors;
#[cfg(feature = "fake")]
#[cfg_attr(docsrs, doc(cfg(feature = "fake")))]
pub mod fake;
mod hierarchy;
pub mod models;
pub mod odata;
pub mod permissions;
pub mod resources;
mod token;
mod webhook_verify;

pub use calls::{GetRecord, Save};
pub use client::{
    Client, ClientBuilder, DEFAULT_EXPIRY_WARNING, DEFAULT_PAGE_SIZE, DEFAULT_RATE_LIMIT,
    WebhookUpdate, default_policy,
};
pub use credentials::Credentials;
pub use errors::{UNAUTHORIZED_HINT, VsaxErrors};
pub use hierarchy::{GroupNode, Hierarchy, OrganizationNode, SiteNode, Unplaced};
pub use resources::assets::{AssetList, Assets};
pub use resources::automation::{
    ExecutionList, Run, ScriptList, Scripts, TaskList, Tasks, WorkflowList, Workflows,
};
pub use resources::devices::{
    AppliedPolicyList, CustomFieldList, DeviceList, Devices, NotificationList,
};
pub use resources::hierarchy::{
    GroupList, Groups, OrganizationList, Organizations, SiteList, Sites,
};
pub use resources::notifications::{Notifications, WebhookList, Webhooks};
pub use webhook_verify::{SIGNATURE_HEADER, SignatureError, WebhookVerifier};

pub use neo_auth_core::doctor::AccessReport;
pub use neo_auth_core::{
    AccessPolicy, Approval, AreaAccess, Error, Page, RateLimit, Result, SaveOutcome, secrecy,
};
