//! A stateful fake of the VSA X API (feature `fake`), on the core's test kit.
//!
//! [`FakeServer::start`] runs it on 127.0.0.1 with seed data: organizations,
//! sites, groups, devices with their inventory, a script/task/workflow
//! catalog, notifications and a webhook. It behaves like VSA X where it
//! matters to a client:
//!
//! - Basic auth with the token id and secret on every request (401 otherwise);
//! - per-area permissions (a 403 with VSA X's error body for an area the token
//!   lacks) and organization scoping (records of other organizations are not
//!   listed, and reading one is a 403);
//! - OData paging: `$skip`/`$top`, `Meta.TotalCount`, `Meta.NextQueryLink`
//!   only above a threshold (5,000 like VSA X, lower for tests), a silent cap
//!   on `$top`, and a small `$filter` (`Field eq|ne|gt|lt value` joined with
//!   `and`, `contains(Field,'text')`);
//! - the `{Data, Meta}` envelope, or bare arrays for the endpoints named in
//!   [`FakeConfig::bare`];
//! - notifications and webhooks stored, script/task/workflow runs recorded as
//!   executions that can be read back;
//! - the test kit's faults ([`Fault`]): 429, 5xx, slow replies, 401
//!   mid-stream, malformed JSON.
//!
//! ```
//! # #[tokio::main(flavor = "current_thread")]
//! # async fn main() -> vsax_client::Result<()> {
//! use vsax_client::fake::FakeServer;
//! let fake = FakeServer::start().await;
//! let client = fake.client_builder().build()?;
//! let devices = client.devices().list().collect_all().await?;
//! assert_eq!(devices.len(), fake.config().devices);
//! # Ok(()) }
//! ```

mod filter;
mod routes;
mod seed;

use neo_auth_core::Scope;
pub use neo_auth_core::testkit::Fault;
use neo_auth_core::testkit::{FakeHttp, fast_retry};
use secrecy::SecretString;

use crate::client::{Client, ClientBuilder};
use crate::credentials::Credentials;
use crate::permissions::ALL_PERMISSIONS;

pub use seed::FakeState;

/// The fake's token id.
pub const TOKEN_ID: &str = "fake-token-id";
/// The fake's token secret.
pub const TOKEN_SECRET: &str = "fake-token-secret";

/// How the fake is seeded and what its token may do.
#[derive(Clone, Debug)]
#[non_exhaustive]
pub struct FakeConfig {
    token_id: String,
    token_secret: String,
    /// The permissions the token holds (default: all of
    /// [`ALL_PERMISSIONS`]); the fake's own check, independent of the client's.
    pub granted: Vec<&'static Scope>,
    /// The organizations the token may see (`None`: all).
    pub organizations: Option<Vec<i64>>,
    /// The number of devices seeded (spread over the groups).
    pub devices: usize,
    /// `Meta.NextQueryLink` is sent only when the total exceeds this (VSA X: 5,000).
    pub next_link_above: usize,
    /// The largest `$top` honoured (larger values are silently capped).
    pub max_top: usize,
    /// The page size when no `$top` is sent.
    pub default_top: usize,
    /// Endpoints answered with a bare JSON array instead of `{Data, Meta}`
    /// (first path segment after `/api/v3`, e.g. `"sites"`).
    pub bare: Vec<&'static str>,
}

impl Default for FakeConfig {
    fn default() -> Self {
        FakeConfig {
            token_id: TOKEN_ID.to_owned(),
            token_secret: TOKEN_SECRET.to_owned(),
            granted: ALL_PERMISSIONS.to_vec(),
            organizations: None,
            devices: 12,
            next_link_above: 5000,
            max_top: 500,
            default_top: 50,
            bare: Vec::new(),
        }
    }
}

impl FakeConfig {
    /// The token the fake accepts (default [`TOKEN_ID`] / [`TOKEN_SECRET`]):
    /// non-empty, and the id without `:`, as VSA X issues them.
    pub fn token(mut self, id: &str, secret: &str) -> crate::Result<Self> {
        if id.trim().is_empty() || id.contains(':') || secret.trim().is_empty() {
            return Err(crate::Error::config(
                "the fake's token id and secret must be non-empty, and the id without ':'",
            ));
        }
        self.token_id = id.trim().to_owned();
        self.token_secret = secret.to_owned();
        Ok(self)
    }

    /// The token id the fake accepts.
    pub fn token_id(&self) -> &str {
        &self.token_id
    }

    /// The token holds only these permissions.
    pub fn granted(mut self, granted: impl IntoIterator<Item = &'static Scope>) -> Self {
        self.granted = granted.into_iter().collect();
        self
    }

    /// The token may see only these organizations.
    pub fn organizations(mut self, ids: impl IntoIterator<Item = i64>) -> Self {
        self.organizations = Some(ids.into_iter().collect());
        self
    }

    /// Seeds `n` devices.
    pub fn devices(mut self, n: usize) -> Self {
        self.devices = n;
        self
    }

    /// Sends `Meta.NextQueryLink` above `n` results.
    pub fn next_link_above(mut self, n: usize) -> Self {
        self.next_link_above = n;
        self
    }

    /// Caps `$top` at `n`.
    pub fn max_top(mut self, n: usize) -> Self {
        self.max_top = n;
        self
    }

    /// Answers these endpoints with bare arrays.
    pub fn bare(mut self, endpoints: impl IntoIterator<Item = &'static str>) -> Self {
        self.bare = endpoints.into_iter().collect();
        self
    }
}

/// A running fake VSA X tenant; stops when dropped.
#[derive(Debug)]
pub struct FakeServer {
    http: FakeHttp<FakeState>,
    config: FakeConfig,
}

impl FakeServer {
    /// A fake with the default seed and a token holding every permission.
    pub async fn start() -> FakeServer {
        Self::start_with(FakeConfig::default()).await
    }

    /// A fake seeded and permissioned by `config`.
    pub async fn start_with(config: FakeConfig) -> FakeServer {
        let state = FakeState::seeded(config.clone());
        FakeServer {
            http: FakeHttp::start(state, routes::VsaxRouter).await,
            config,
        }
    }

    /// The tenant URL (`http://127.0.0.1:PORT`; the client appends `/api/v3`).
    pub fn tenant_url(&self) -> String {
        self.http.uri()
    }

    /// The configuration the fake runs with.
    pub fn config(&self) -> &FakeConfig {
        &self.config
    }

    /// Credentials for the fake's token (no declared permissions or expiry).
    pub fn credentials(&self) -> Credentials {
        Credentials::new(
            &self.tenant_url(),
            self.config.token_id.clone(),
            SecretString::from(self.config.token_secret.clone()),
        )
        // The URL is wiremock's own loopback http URL, and `FakeConfig::token`
        // only accepts tokens `Credentials::new` accepts.
        .expect("the fake's loopback URL and validated token make valid credentials")
    }

    /// A client builder for the fake: its credentials, an allow-all policy and
    /// millisecond retries.
    pub fn client_builder(&self) -> ClientBuilder {
        self.builder_for(self.credentials())
    }

    /// A client builder for other credentials against the fake (a wrong
    /// secret, declared permissions, an expiry).
    pub fn builder_for(&self, credentials: Credentials) -> ClientBuilder {
        Client::builder(credentials)
            .policy(crate::AccessPolicy::allow_all())
            .retry(fast_retry())
    }

    /// The underlying test-kit server: faults, counters, plain wiremock mocks.
    pub fn http(&self) -> &FakeHttp<FakeState> {
        &self.http
    }

    /// Queues a fault for the next API request.
    pub fn inject(&self, fault: Fault) {
        self.http.inject(fault);
    }

    /// Queues a fault for the next request under `path_prefix` (`/api/v3/devices`).
    pub fn inject_on(&self, path_prefix: &str, fault: Fault) {
        self.http.inject_on(path_prefix, fault);
    }

    /// Requests seen with `method` under `path_prefix` (lower-case route paths).
    pub fn requests_to(&self, method: &str, path_prefix: &str) -> usize {
        self.http.requests_to(method, path_prefix)
    }

    /// Reads or changes the fake's state.
    pub fn with_state<T>(&self, f: impl FnOnce(&mut FakeState) -> T) -> T {
        self.http.with_state(f)
    }
}
