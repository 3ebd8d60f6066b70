//! A stateful fake of the HaloPSA API for tests and sandboxes (feature `fake`),
//! on the core's test kit ([`neo_auth_core::testkit`]): Halo's routes, scope
//! oracle, paging quirks and seed data over the kit's server, fault queue,
//! token issuer, query parsing, id store and rolling-window limiter.
//!
//! [`FakeServer::start`] runs a wiremock server on 127.0.0.1 that behaves like a
//! hosted Halo instance, quirks included:
//!
//! - **Auth**: `GET /api/authinfo` names the authorisation server
//!   (`{base}/auth`) and the tenant; `POST /auth/token?tenant=…` runs the client
//!   credentials grant (form body or HTTP Basic), validates scope names
//!   (`invalid_scope`), grants what the application allows and issues tokens that
//!   really expire. The token response lists the granted `scope` unless
//!   [`FakeConfig::with_token_scope_in_response`] turns it off (whether Halo sends
//!   it is unverified). API requests need a valid bearer token (401 otherwise).
//! - **Scopes**: a request the token's scopes do not cover gets 403
//!   `HaloPermissionException` — reads need `read:X`, writes `edit:X`
//!   (configuration lists: `read:tickets` / `admin`).
//! - **Agent permissions**: [`FakeConfig::with_agent_forbidden`] makes the login
//!   agent lack the permission for chosen resources although the scopes cover
//!   them (e.g. scope `all`): those answer 403 too, with a message naming the
//!   agent (the body Halo sends then is unverified; see
//!   [`FakeConfig::agent_forbidden`]).
//! - **Data**: seeded, deterministic and realistic ([`SeedSize`]); what you POST
//!   can be read back. Actions are numbered per ticket. Priorities have UUID
//!   string ids: `/Priority/{id}` takes that string, as in the spec.
//! - **Pagination**, only where the spec has paging parameters: `pageinate=true`
//!   with 1-based `page_no`, pages capped at 100, `/Asset` always 50 per page;
//!   without `pageinate` only the first 50 records (with `record_count`).
//!   [`FakeConfig::with_bare_array_list`] makes a chosen list ignore the paging
//!   parameters altogether and answer with those 50 records as a bare array,
//!   without `record_count` (silent truncation a client cannot see in the reply).
//! - **Unpaginated lists** ignore `pageinate` / `page_size` / `page_no` and return
//!   every matching record: `/Actions` as `{"record_count": n, "actions": [...]}`,
//!   the configuration lists (`/Status`, `/Priority`, `/Category`, `/Team`,
//!   `/Agent`, `/TicketType`, `/Workflow`, `/SLA`) as bare arrays — or wrapped
//!   without `record_count` with [`FakeConfig::with_config_lists_wrapped`].
//! - **Writes**: `POST` takes a JSON array (create without `id`, update with one),
//!   answers 201; `DELETE` answers 200 with no body.
//! - **Faults**: 429 with or without `Retry-After`, 5xx, slow responses, 401 with
//!   a valid token, truncated JSON, token endpoint failures ([`Fault`]); and Halo's
//!   rate limit when configured ([`FakeConfig::rate_limit`]).
//! - **Filters**: the numeric `*_id` filters, `search`, `open_only` /
//!   `closed_only`, and on `/Tickets` and `/Opportunities` the comma-separated
//!   id lists `status`, `agent` and `team` (team ids, matched against the
//!   ticket's team name through `/Team`).
//! - **Visibility**: [`FakeConfig::agent_sees_nothing`] reproduces an agent whose
//!   teams hide everything (empty lists, not errors), and
//!   [`FakeConfig::with_agent_sees_nothing_in`] one whose teams hide chosen
//!   resources only.
//!
//! ```
//! use halopsa_client::fake::{FakeConfig, FakeServer, Fault, SeedSize};
//! use halopsa_client::{Client, HaloCredentials};
//! use secrecy::SecretString;
//!
//! # #[tokio::main(flavor = "current_thread")]
//! # async fn main() {
//! let server = FakeServer::start_with(
//!     FakeConfig::default()
//!         .with_scopes(["edit:tickets", "read:customers"])
//!         .with_seed(SeedSize::small()),
//! )
//! .await;
//! let config = server.config();
//! let client = Client::builder()
//!     .credentials(
//!         HaloCredentials::new(server.base_url(), config.client_id.clone(), SecretString::from(config.client_secret.clone()))
//!             .with_tenant("fake")
//!             .with_scopes(["edit:tickets", "read:customers"]),
//!     )
//!     .build()
//!     .unwrap();
//!
//! let page = client.tickets().list().send().await.unwrap();
//! assert_eq!(page.items.len(), 10);
//! assert_eq!(server.count("Tickets"), 10);
//! assert_eq!(server.token_requests(), 1);
//!
//! // The next API request fails with a server error.
//! server.inject(Fault::ServerError { status: 503, times: 1 });
//! # }
//! ```

mod attachments;
mod auth;
mod catalog;
mod config;
mod issuer;
mod listing;
mod replies;
mod resources;
mod routes;
mod save;
mod scopes;
mod seed;
mod seed_extra;
mod seed_gen;
mod seed_more;
mod state;
mod tables;

use std::fmt;

use neo_auth_core::testkit::FakeHttp;
use serde_json::Value;

pub use config::{FakeConfig, SeedSize};
/// A fault to inject: the kit's fault, worded
/// in Halo's error shapes by the fake (a 429 with Halo's rate-limit text and no
/// `Retry-After` unless the fault sets one, 5xx as a .NET exception, Halo's 401,
/// a truncated ticket list); token faults hit `POST /auth/token` only.
pub use neo_auth_core::testkit::Fault;

use state::State;

/// A running fake HaloPSA instance. The server stops when this is dropped.
///
/// The Halo *base* URL is [`FakeServer::base_url`]: the API is at `{base}/api`, the
/// authorisation server at `{base}/auth`.
pub struct FakeServer {
    http: FakeHttp<State>,
    config: FakeConfig,
}

impl fmt::Debug for FakeServer {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("FakeServer")
            .field("base_url", &self.base_url())
            .field("config", &self.config)
            .finish_non_exhaustive()
    }
}

impl FakeServer {
    /// Starts a fake with [`FakeConfig::default`].
    pub async fn start() -> FakeServer {
        FakeServer::start_with(FakeConfig::default()).await
    }

    /// Starts a fake with `config`, seeded with `config.seed`.
    pub async fn start_with(config: FakeConfig) -> FakeServer {
        let http = FakeHttp::start(State::new(config.clone()), routes::HaloRouter).await;
        // `/api/authinfo` names the server's own URL, known once it listens
        // (and before anyone else knows where it is).
        let base_url = http.uri();
        http.with_state(|state| state.base_url = base_url);
        FakeServer { http, config }
    }

    /// The Halo base URL, `http://127.0.0.1:PORT` (no trailing slash).
    pub fn base_url(&self) -> String {
        self.http.uri()
    }

    /// Credentials that log in to this fake: its base URL, the application's
    /// client ID and secret, and the tenant when the fake has one. Add
    /// `.with_agent_id(server.config().agent_id)` to have the doctor check the
    /// login agent, or `.with_scopes(…)` to ask for fewer scopes than `all`.
    ///
    /// ```
    /// # async fn run() -> neo_auth_core::Result<()> {
    /// use halopsa_client::{Client, fake::FakeServer};
    /// let server = FakeServer::start().await;
    /// let client = Client::builder().credentials(server.credentials()).build()?;
    /// assert_eq!(client.whoami().await?.id, Some(server.config().agent_id));
    /// # Ok(()) }
    /// # tokio::runtime::Builder::new_current_thread().enable_all().build().unwrap().block_on(run()).unwrap();
    /// ```
    pub fn credentials(&self) -> crate::HaloCredentials {
        let config = &self.config;
        let credentials = crate::HaloCredentials::new(
            self.base_url(),
            config.client_id.clone(),
            secrecy::SecretString::from(config.client_secret.clone()),
        );
        match &config.tenant {
            Some(tenant) => credentials.with_tenant(tenant.clone()),
            None => credentials,
        }
    }

    /// The configuration the fake runs with.
    pub fn config(&self) -> &FakeConfig {
        &self.config
    }

    /// Queues a fault for the next matching requests (see [`Fault`]).
    pub fn inject(&self, fault: Fault) {
        self.http.inject(fault);
    }

    /// Queues a fault for the next matching requests whose path starts with
    /// `path_prefix` (case-insensitive, e.g. `/api/tickets`).
    pub fn inject_on(&self, path_prefix: &str, fault: Fault) {
        self.http.inject_on(path_prefix, fault);
    }

    /// How many POSTs the token endpoint received (failed ones included).
    pub fn token_requests(&self) -> usize {
        self.http.token_requests()
    }

    /// How many requests were made under `/api`, except `/api/authinfo`
    /// (refused ones included).
    pub fn api_requests(&self) -> usize {
        self.http.api_requests()
    }

    /// How many `method` requests were made to paths starting with `path_prefix`
    /// (both case-insensitive), e.g. `("POST", "/api/tickets")`.
    pub fn requests_to(&self, method: &str, path_prefix: &str) -> usize {
        self.http.requests_to(method, path_prefix)
    }

    /// The stored record of `resource` (its path name, case-insensitive, e.g.
    /// `"Tickets"`, `"Client"`) with this id; for priorities the `priorityid`.
    /// Actions are per ticket: use [`FakeServer::record_action`].
    pub fn record(&self, resource: &str, id: i64) -> Option<Value> {
        let def = catalog::lookup(resource).filter(|d| !catalog::is_actions(d))?;
        self.http
            .with_state(|state| state.tables.get(def.path, id).cloned())
    }

    /// The stored action `action_id` of ticket `ticket_id`.
    pub fn record_action(&self, ticket_id: i64, action_id: i64) -> Option<Value> {
        self.http
            .with_state(|state| state.tables.action(ticket_id, action_id).cloned())
    }

    /// How many records of `resource` are stored (`"Actions"`: across all tickets;
    /// 0 for an unknown name).
    pub fn count(&self, resource: &str) -> usize {
        let Some(def) = catalog::lookup(resource) else {
            return 0;
        };
        self.http.with_state(|state| {
            if catalog::is_actions(def) {
                state.tables.action_count()
            } else {
                state.tables.len(def.path)
            }
        })
    }

    /// Invalidates every issued token: API requests get 401 until a new token is fetched.
    pub fn revoke_tokens(&self) {
        self.http.with_state(|state| state.tokens.revoke_all());
    }
}
