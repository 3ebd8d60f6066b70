//! A stateful fake of the Asio platform API (feature `fake`), on the core's
//! test kit: a JSON token endpoint with scopes, expiry and a 423 lock after
//! too many tokens; scope enforcement with Asio's 403; the grouped v2 device
//! list with cursor `Link` pages and the 4-company / 10-site / 500-endpoint
//! limits; tickets with `pageNum`/`pageSize`/`totalCount`; script runs that
//! create a task whose instance has one result per endpoint; and the kit's
//! fault injections ([`Fault`]).
//!
//! ```
//! # #[tokio::main(flavor = "current_thread")]
//! # async fn main() -> asio_client::Result<()> {
//! use asio_client::fake::{FakeConfig, FakeServer};
//! use asio_client::scopes;
//! // A key missing one scope.
//! let fake = FakeServer::start_with(FakeConfig::default().without_scope(&scopes::TICKETS_READ)).await;
//! let client = fake.client()?;
//! let report = client.check_access().await;
//! let missing = report.missing_required();
//! assert_eq!(missing.len(), 1);
//! assert_eq!(missing[0].scope.as_ref().unwrap().label(), "Platform - Tickets - Read");
//! # Ok(()) }
//! ```

mod routes;
mod seed;

use std::sync::Arc;
use std::time::Duration;

pub use neo_auth_core::testkit::Fault;
use neo_auth_core::testkit::{FakeHttp, TokenBody, TokenIssuer, fast_retry};
use neo_auth_core::{Clock, Result, Scope, SystemClock};
use serde_json::Value;

use crate::credentials::Credentials;
use crate::scopes;
use crate::{Client, ClientBuilder};

/// The fake's Client ID (US prefix).
pub const CLIENT_ID: &str = "0e30f4ce-c11e-47d0-9c1d-fa4e00000001";
/// The fake's Client Secret.
pub const CLIENT_SECRET: &str = "fake-asio-secret-7d1f";

/// How the fake is seeded and what its key may do.
#[derive(Clone, Debug)]
#[non_exhaustive]
pub struct FakeConfig {
    /// Companies to seed.
    pub companies: usize,
    /// Sites per company.
    pub sites_per_company: usize,
    /// Devices per site.
    pub devices_per_site: usize,
    /// Tickets.
    pub tickets: usize,
    /// Scripts.
    pub scripts: usize,
    /// The wire scopes the key was given (requests for others are refused).
    pub granted: Vec<String>,
    /// Tokens per `lock_window` before the key is locked (423).
    pub lock_after: u32,
    /// The lock's window.
    pub lock_window: Duration,
    /// Token lifetime.
    pub token_lifetime: Duration,
    /// The clock of token expiry and the lock.
    pub clock: Arc<dyn Clock>,
}

impl Default for FakeConfig {
    fn default() -> Self {
        FakeConfig {
            companies: 6,
            sites_per_company: 3,
            devices_per_site: 4,
            tickets: 23,
            scripts: 3,
            granted: scopes::REQUIRED
                .iter()
                .chain(scopes::OPTIONAL.iter())
                .map(|s| s.name().to_owned())
                .collect(),
            lock_after: 5,
            lock_window: Duration::from_secs(600),
            token_lifetime: Duration::from_secs(3599),
            clock: Arc::new(SystemClock),
        }
    }
}

impl FakeConfig {
    /// The key lacks `scope` (the token leaves it out).
    pub fn without_scope(mut self, scope: &Scope) -> Self {
        self.granted.retain(|s| s != scope.name());
        self
    }

    /// Seeds this many devices per site.
    pub fn devices_per_site(mut self, n: usize) -> Self {
        self.devices_per_site = n;
        self
    }

    /// Seeds this many companies.
    pub fn companies(mut self, n: usize) -> Self {
        self.companies = n;
        self
    }

    /// Seeds this many tickets.
    pub fn tickets(mut self, n: usize) -> Self {
        self.tickets = n;
        self
    }

    /// Uses `clock` for token expiry and the lock.
    pub fn clock(mut self, clock: Arc<dyn Clock>) -> Self {
        self.clock = clock;
        self
    }
}

/// A scheduled script run the fake stored.
#[derive(Clone, Debug)]
pub struct StoredTask {
    /// The task id.
    pub task_id: String,
    /// The instance id.
    pub instance_id: String,
    /// The request body as received.
    pub body: Value,
}

/// The fake's state (behind the kit's mutex).
#[derive(Debug)]
pub struct FakeState {
    pub(crate) tokens: TokenIssuer,
    pub(crate) companies: Vec<Value>,
    pub(crate) sites: Vec<Value>,
    pub(crate) devices: Vec<Value>,
    pub(crate) tickets: Vec<Value>,
    pub(crate) notes: Vec<(String, Value)>,
    pub(crate) scripts: Vec<Value>,
    pub(crate) tasks: Vec<StoredTask>,
    pub(crate) device_list_bodies: Vec<Value>,
}

impl FakeState {
    /// Script runs received so far.
    pub fn tasks(&self) -> &[StoredTask] {
        &self.tasks
    }

    /// The bodies of every device-list and applications request, in order.
    pub fn device_list_bodies(&self) -> &[Value] {
        &self.device_list_bodies
    }

    /// Tokens issued so far.
    pub fn tokens_issued(&self) -> usize {
        self.tokens.issued()
    }

    /// Expires every issued token (the next call gets a 401).
    pub fn expire_tokens(&mut self) {
        self.tokens.expire_all();
    }
}

/// A running fake Asio on 127.0.0.1 (stops when dropped).
#[derive(Debug)]
pub struct FakeServer {
    http: FakeHttp<FakeState>,
    devices: usize,
    tickets: usize,
}

impl FakeServer {
    /// Starts a fake with the default seed (6 companies × 3 sites × 4 devices,
    /// 23 tickets, 3 scripts) and a key holding every scope.
    pub async fn start() -> FakeServer {
        Self::start_with(FakeConfig::default()).await
    }

    /// Starts a fake with `config`.
    pub async fn start_with(config: FakeConfig) -> FakeServer {
        let seed = seed::seed(&config);
        let tokens = TokenIssuer::new(CLIENT_ID, CLIENT_SECRET)
            .with_body(TokenBody::Json)
            .with_clock(config.clock.clone())
            .with_lifetime(config.token_lifetime)
            .with_allowed_scopes(config.granted.clone())
            .with_lock_after(config.lock_after, config.lock_window)
            .with_token_prefix("fake-asio-at-");
        let (devices, tickets) = (seed.devices.len(), seed.tickets.len());
        let state = FakeState {
            tokens,
            companies: seed.companies,
            sites: seed.sites,
            devices: seed.devices,
            tickets: seed.tickets,
            notes: seed.notes,
            scripts: seed.scripts,
            tasks: Vec::new(),
            device_list_bodies: Vec::new(),
        };
        let http = FakeHttp::start(state, routes::AsioRoutes).await;
        FakeServer {
            http,
            devices,
            tickets,
        }
    }

    /// The base URL (`http://127.0.0.1:PORT`).
    pub fn uri(&self) -> String {
        self.http.uri()
    }

    /// Credentials of the fake's key, pointed at the fake.
    pub fn credentials(&self) -> Credentials {
        Credentials::new(CLIENT_ID, CLIENT_SECRET.to_owned().into()).base_url(self.uri())
    }

    /// A builder with the fake's credentials and millisecond retries.
    pub fn client_builder(&self) -> ClientBuilder {
        Client::builder()
            .credentials(self.credentials())
            .retry(fast_retry())
    }

    /// A client of the fake (default policy: reads, script runs with approval).
    pub fn client(&self) -> Result<Client> {
        self.client_builder().build()
    }

    /// The kit's server underneath: faults, counters, state.
    pub fn http(&self) -> &FakeHttp<FakeState> {
        &self.http
    }

    /// Runs `f` on the state.
    pub fn with_state<T>(&self, f: impl FnOnce(&mut FakeState) -> T) -> T {
        self.http.with_state(f)
    }

    /// Queues a fault for requests whose path starts with `prefix`.
    pub fn inject_on(&self, prefix: &str, fault: Fault) {
        self.http.inject_on(prefix, fault);
    }

    /// Requests seen with `method` under `prefix`.
    pub fn requests_to(&self, method: &str, prefix: &str) -> usize {
        self.http.requests_to(method, prefix)
    }

    /// Token requests seen.
    pub fn token_requests(&self) -> usize {
        self.http.token_requests()
    }

    /// Seeded devices.
    pub fn device_count(&self) -> usize {
        self.devices
    }

    /// Seeded tickets.
    pub fn ticket_count(&self) -> usize {
        self.tickets
    }
}
