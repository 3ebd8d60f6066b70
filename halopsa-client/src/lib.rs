//! # halopsa-client
//!
//! A typed, scope-checked client for the HaloPSA API (also HaloITSM and
//! HaloServiceDesk), built on [`neo_auth_core`].
//!
//! - **Authentication**: "Client ID and Secret (Services)" — OAuth2 client
//!   credentials, form-encoded, against the authorisation server discovered from
//!   `/api/authinfo` (falling back to `{base}/auth/token`), with `?tenant=` when
//!   known. One token fetch per token lifetime, however many tasks call.
//! - **Scopes before traffic**: every operation declares its Halo scope
//!   ([`scopes`]); a missing one fails before sending and names the exact string to
//!   tick on the application's Permissions tab. `all` grants everything; `edit:X`
//!   implies `read:X`. A 403 on a scope the credential holds is
//!   [`Error::Forbidden`]: effective access is
//!   the scopes ∩ the login agent's own permissions and teams, so it names the
//!   agent's permissions as the fix, with Halo's answer kept.
//! - **Policy**: [`default_policy`] writes tickets, actions, contacts, assets,
//!   products and appointments; everything else is read-only, and the sensitive
//!   areas ([`SENSITIVE_AREAS`]) need the integrator to turn write on.
//! - **Lists** stream page by page in constant memory, following `record_count`
//!   and the items actually returned (Halo caps pages at 100, `/Asset` at 50), in
//!   a stable order (`order=id`) unless one is chosen; a full bare page (an
//!   endpoint ignoring `pageinate`) is followed, not taken as the whole list.
//! - **Rate limit**: a client-side budget of 280 requests per rolling 5 minutes
//!   (hosted Halo allows about 300; the rest is left for token and discovery
//!   calls; configurable), long backoff on a 429 without `Retry-After`, and a
//!   server's `Retry-After` honoured up to the 12-minute overall timeout.
//! - **Doctor**: [`Client::check_access`] reports what works, what is missing,
//!   what the login agent is refused and whether it can see any records, each
//!   line with a [`Severity`].
//! - **Resources**: one table of endpoints ([`endpoints`](mod@endpoints)),
//!   including the sensitive sub-areas (recurring invoices, purchase and sales
//!   orders, contract schedules, rules and prepay records, supplier contracts),
//!   the lookups written against (outcomes, asset types and groups, fields,
//!   lookup values, top levels), timesheets, projects, CRM notes and
//!   attachments ([`Client::attachments`]: list, download with a size limit,
//!   upload); notes under the tenant's own outcomes
//!   ([`Actions::private_note`](resources::actions::Actions::private_note));
//!   reports run and ad-hoc SQL as reads ([`Client::run_report`],
//!   [`Client::query_sql_as`]).
//! - **Raw escape hatch** for endpoints not modelled: [`Client::get_json`],
//!   [`Client::post_json`], [`Client::delete_json`] (scope- and policy-checked).
//!
//! ```no_run
//! use futures_util::TryStreamExt;
//! // One dependency: the crate re-exports what its methods take and return.
//! use halopsa_client::{Client, HaloCredentials, models::{Action, Ticket}};
//! use halopsa_client::{AccessPolicy, Approval, AreaAccess, Error, secrecy::SecretString};
//!
//! # fn _types(_: AccessPolicy, _: Approval, _: AreaAccess, _: Error) {}
//! # async fn run() -> halopsa_client::Result<()> {
//! let client = Client::builder()
//!     .credentials(
//!         HaloCredentials::new("https://acme.halopsa.com", "client-id", SecretString::from("secret"))
//!             .with_tenant("acme"),
//!     )
//!     .build()?;
//!
//! // Stream every open ticket of company 12, one page in memory at a time.
//! let mut tickets = client.tickets().list().client_id(12).open_only(true).stream();
//! while let Some(ticket) = tickets.try_next().await? {
//!     println!("#{:?} {:?}", ticket.id, ticket.summary);
//! }
//!
//! // Open a ticket and add a private note to it.
//! let ticket = client
//!     .tickets()
//!     .create(&Ticket { summary: Some("Printer offline".into()), client_id: Some(12), ..Default::default() })
//!     .send()
//!     .await?;
//! let note = Action {
//!     ticket_id: ticket.id,
//!     note: Some("Restarted the spooler".into()),
//!     hiddenfromuser: Some(true),
//!     ..Default::default()
//! };
//! client.actions().create(&note).send().await?;
//! # Ok(()) }
//! ```
#![deny(missing_docs)]

mod auth;
mod client;
mod credentials;
mod date;
mod doctor;
pub mod endpoints;
mod errors;
#[cfg(feature = "fake")]
pub mod fake;
mod list;
pub mod models;
mod policy;
mod resource;
pub mod resources;
pub mod scopes;

pub use auth::TokenEndpoint;
pub use client::{
    Client, ClientBuilder, HOSTED_RATE_LIMIT, OVERALL_TIMEOUT, halo_retry_config, halo_timeouts,
};
pub use credentials::HaloCredentials;
pub use endpoints::MAX_PAGE_SIZE;
pub use errors::HaloErrors;
pub use list::{
    ActionList, AgentList, AppointmentList, AssetList, CategoryList, CompanyList, ContactList,
    ContractList, DateField, InvoiceList, KbArticleList, OpportunityList, PriorityList,
    ProductList, QuotationList, Record, ReportList, SiteList, SlaList, StatusList, SupplierList,
    TeamList, TicketList, TicketTypeList, WorkflowList,
};
pub use list::{
    AssetGroupList, AssetTypeList, AttachmentList, ClientPrepayList, ContractScheduleList,
    CrmNoteList, FieldInfoList, FieldList, LookupList, OutcomeList, ProjectList, PurchaseOrderList,
    RecurringInvoiceList, SalesOrderList, SupplierContractList, TimesheetEventList, TimesheetList,
    TopLevelList,
};
pub use policy::{SENSITIVE_AREAS, default_policy, policy_with_writes, write_access};
pub use resource::{DeleteRequest, GetRequest, MAX_BATCH, Resource, SaveRequest};
pub use resources::actions::Actions;
pub use resources::configuration::Priorities;
pub use scopes::{HaloScopeRules, areas};

// What this crate's methods take and return, so a user depends on one crate.
/// The doctor's report ([`Client::check_access`]): the core's, shared by every vendor.
pub use neo_auth_core::doctor::{
    AccessCheck, AccessReport, CheckMethod, Fact, Severity, Visibility,
};
pub use neo_auth_core::{
    AccessPolicy, Approval, AreaAccess, BatchError, EndpointSpec, Error, ListCall, Page, RecordId,
    RequestOptions, Result, SaveOutcome,
};
pub use secrecy;
