//! A stateful fake of the ConnectWise Manage API (feature `fake`), on the core's
//! test kit: a wiremock server on 127.0.0.1 that
//!
//! - answers `/login/companyinfo/{companyId}` (`null` for an unknown company);
//! - checks Basic `companyId+publicKey:privateKey` and the `clientId` header
//!   (401 `UserNotAuthenticated` otherwise);
//! - enforces a security role ([`FakeRole`], the least an integration needs by
//!   default) with ConnectWise's 403, and reports it from `/system/mySecurity`;
//! - pages both ways: navigable (`page`/`pageSize` with `first/prev/next/last`
//!   links) and forward-only (`pagination-type: forward-only`, `pageId`);
//! - filters by `conditions` on any field (`id`, `summary`, `board/name`,
//!   `closedFlag`, `company/identifier`, `status/name`, …), sorts by `orderBy`,
//!   shapes by `fields`, counts;
//! - stores tickets it creates, applies PATCH operations (a sub-path is a false
//!   200, as on ConnectWise), adds notes, registers and deletes callbacks;
//! - injects the kit's faults (429 in ConnectWise's shape, 5xx, slow replies,
//!   401 mid-stream, malformed JSON).
//!
//! ```
//! use cwmanage_client::fake::FakeServer;
//! use futures_util::TryStreamExt;
//!
//! # #[tokio::main(flavor = "current_thread")]
//! # async fn main() -> cwmanage_client::Result<()> {
//! let fake = FakeServer::start().await;
//! let client = fake.client_builder().build()?;
//! let companies: Vec<_> = client.companies().list().stream().try_collect().await?;
//! assert_eq!(companies.len(), 30);
//! # Ok(()) }
//! ```

mod conditions;
mod listing;
mod replies;
mod role;
mod routes;
mod seed;
mod state;

use neo_auth_core::testkit::{FakeHttp, Fault, fast_retry};
use secrecy::SecretString;
use serde_json::Value;

use crate::client::ClientBuilder;
use crate::credentials::CwCredentials;
use crate::site::Site;

pub use role::{FakeRole, Level, Verb};
pub use seed::{API_MEMBER, API_MEMBER_ID, DEFAULT_BOARD_ID, Seed};

use listing::PagingQuirks;
use state::{Keys, State};

/// The fake's company ID.
pub const COMPANY_ID: &str = "neomsp";
/// The fake's public key.
pub const PUBLIC_KEY: &str = "FAKEPUBLICKEY";
/// The fake's private key.
pub const PRIVATE_KEY: &str = "fake-private-key-7f3a";
/// The fake's clientId.
pub const CLIENT_ID: &str = "0d6f0c9e-1111-4a2b-9c3d-fa4efa4efa4e";
/// The fake's codebase.
pub const CODEBASE: &str = "v2025_1/";

/// Starts a [`FakeServer`] with a role, seed size and paging quirks.
#[derive(Clone, Debug, Default)]
pub struct FakeServerBuilder {
    role: Option<FakeRole>,
    seed: Seed,
    quirks: PagingQuirks,
}

impl FakeServerBuilder {
    /// The API member's security role (default [`FakeRole::restricted`]).
    pub fn role(mut self, role: FakeRole) -> Self {
        self.role = Some(role);
        self
    }

    /// How much data the fake is seeded with.
    pub fn seed(mut self, seed: Seed) -> Self {
        self.seed = seed;
        self
    }

    /// Builds `Link` URLs with their query parameters in reverse order.
    pub fn reversed_link_params(mut self) -> Self {
        self.quirks.reversed_link_params = true;
        self
    }

    /// Makes the list at `path` (under the API base, `/service/boards`) ignore
    /// `pagination-type: forward-only` and page navigably, as some endpoints do.
    pub fn without_forward_only(mut self, path: &str) -> Self {
        self.quirks.no_forward_only.push(path.to_ascii_lowercase());
        self
    }

    /// Starts the fake.
    pub async fn start(self) -> FakeServer {
        let keys = Keys {
            company_id: COMPANY_ID.to_owned(),
            public_key: PUBLIC_KEY.to_owned(),
            private_key: PRIVATE_KEY.to_owned(),
            client_id: CLIENT_ID.to_owned(),
        };
        let state = State::new(
            keys,
            CODEBASE.to_owned(),
            self.role.unwrap_or_default(),
            self.quirks,
            &self.seed,
        );
        FakeServer {
            http: FakeHttp::start(state, routes::CwRouter).await,
        }
    }
}

/// A running fake ConnectWise Manage server; stops when dropped.
pub struct FakeServer {
    http: FakeHttp<State>,
}

impl std::fmt::Debug for FakeServer {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("FakeServer")
            .field("uri", &self.uri())
            .finish()
    }
}

impl FakeServer {
    /// A fake with the default role and seed.
    pub async fn start() -> FakeServer {
        Self::builder().start().await
    }

    /// A builder to choose the role, the seed and paging quirks.
    pub fn builder() -> FakeServerBuilder {
        FakeServerBuilder::default()
    }

    /// The server's base URL (`http://127.0.0.1:port`).
    pub fn uri(&self) -> String {
        self.http.uri()
    }

    /// The site to configure a client with.
    pub fn site(&self) -> Site {
        // The fake's own loopback URL always parses as a site.
        Site::parse(&self.uri()).unwrap_or(Site::Na)
    }

    /// Credentials the fake accepts.
    pub fn credentials(&self) -> CwCredentials {
        CwCredentials::new(
            self.site(),
            COMPANY_ID,
            PUBLIC_KEY,
            SecretString::from(PRIVATE_KEY),
            SecretString::from(CLIENT_ID),
        )
    }

    /// A client builder for the fake: its credentials and millisecond retries.
    pub fn client_builder(&self) -> ClientBuilder {
        ClientBuilder::new()
            .credentials(self.credentials())
            .retry(fast_retry())
    }

    /// Changes the API member's role.
    pub fn set_role(&self, role: FakeRole) {
        self.http.with_state(|s| s.role = role);
    }

    /// Queues a fault for the next API requests.
    pub fn inject(&self, fault: Fault) {
        self.http.inject(fault);
    }

    /// Queues a fault for requests whose path starts with `prefix` (under the
    /// server root: `/v2025_1/apis/3.0/service/tickets`, see [`FakeServer::api_path`]).
    pub fn inject_on(&self, prefix: &str, fault: Fault) {
        self.http.inject_on(prefix, fault);
    }

    /// The path of an API resource on the fake (`/v2025_1/apis/3.0/service/tickets`).
    pub fn api_path(&self, resource: &str) -> String {
        format!("/{CODEBASE}apis/3.0/{}", resource.trim_start_matches('/'))
    }

    /// Requests seen with `method` to paths starting with `prefix` (under the server root).
    pub fn requests_to(&self, method: &str, prefix: &str) -> usize {
        self.http.requests_to(method, prefix)
    }

    /// API requests seen so far.
    pub fn api_requests(&self) -> usize {
        self.http.api_requests()
    }

    /// A stored ticket.
    pub fn ticket(&self, id: i64) -> Option<Value> {
        self.http.with_state(|s| s.tickets.get(id).cloned())
    }

    /// The number of stored tickets.
    pub fn ticket_count(&self) -> usize {
        self.http.with_state(|s| s.tickets.len())
    }

    /// The notes of a ticket.
    pub fn notes_of(&self, ticket: i64) -> Vec<Value> {
        self.http.with_state(|s| {
            s.notes
                .values()
                .filter(|n| n.get("ticketId").and_then(Value::as_i64) == Some(ticket))
                .cloned()
                .collect()
        })
    }

    /// The registered callbacks.
    pub fn callbacks(&self) -> Vec<Value> {
        self.http
            .with_state(|s| s.callbacks.values().cloned().collect())
    }

    /// The seeded companies' ids.
    pub fn company_ids(&self) -> Vec<i64> {
        self.http
            .with_state(|s| s.companies.iter().map(|(id, _)| id).collect())
    }

    /// Ticket ids, in id order.
    pub fn ticket_ids(&self) -> Vec<i64> {
        self.http
            .with_state(|s| s.tickets.iter().map(|(id, _)| id).collect())
    }

    /// Removes the API member's default board (as an admin who never set one).
    pub fn clear_default_board(&self) {
        self.http.with_state(|s| {
            if let Some(me) = s
                .members
                .get_mut(API_MEMBER_ID)
                .and_then(Value::as_object_mut)
            {
                me.remove("serviceDefaultBoard");
            }
        });
    }
}
