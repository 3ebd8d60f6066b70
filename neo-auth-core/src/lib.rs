//! # neo-auth-core
//!
//! The shared core of the MSP platform SDK: every vendor client (ConnectWise Asio,
//! HaloPSA, Kaseya VSA X, ConnectWise Manage) is built on it.
//!
//! It answers, for every call, three questions **before any traffic**:
//!
//! 1. *Does the credential allow it?* Each operation declares a [`Requirement`]
//!    (vendor [`Scope`] and policy [`Area`]). The credential reports what it was
//!    granted as a [`ScopeSet`]; a missing scope is [`Error::MissingScope`], naming
//!    the wire name **and the label to tick in the vendor portal**. For vendors
//!    whose 403 means a missing scope ([`VendorErrors::forbidden_means_missing_scope`]),
//!    a server 403 is read the same way when the grant is unknown (the vendor's
//!    answer kept as the source); when the credential is known to hold the
//!    scope, the 403 is [`Error::Forbidden`]: the vendor-side account lacks
//!    permission, and ticking the box again would not help.
//! 2. *Does the integrator allow it?* The [`AccessPolicy`] gives each area
//!    `Ignore`, `Read` or `Write` (optionally with a required [`Approval`]).
//!    A read that declares no requirement gets the policy's default access.
//! 3. *How is it sent?* The [`Transport`] authorizes (tokens cached by the
//!    [`TokenCache`], one fetch for any number of callers), applies timeouts,
//!    retries only what is safe to retry, and maps errors into one [`Error`] type.
//!
//! ## A complete flow
//!
//! ```no_run
//! use std::sync::Arc;
//! use neo_auth_core::*;
//! use secrecy::SecretString;
//!
//! # async fn run() -> Result<()> {
//! const TICKETS: Area = Area::new("tickets");
//! const LIST_TICKETS: Requirement =
//!     Requirement::read("tickets.list", TICKETS, Scope::new("read:tickets", "Read Tickets"));
//!
//! // OAuth2 client credentials, form-encoded (HaloPSA style).
//! let source = ClientCredentialsSource::new(
//!     "https://acme.halopsa.com/auth/token?tenant=acme",
//!     "client-id",
//!     SecretString::from("client-secret"),
//! )?
//! .with_scopes(["read:tickets"]);
//! let credential = OAuth2Credential::builder(Arc::new(source)).build()?;
//!
//! let transport = Transport::builder("https://acme.halopsa.com/api")
//!     .credential(Arc::new(credential))
//!     .policy(AccessPolicy::read_only())
//!     .build()?;
//!
//! let tickets: serde_json::Value = transport
//!     .send_json(ApiRequest::get("/Tickets").query("page_no", 1).requirement(LIST_TICKETS))
//!     .await?;
//! # let _ = tickets; Ok(()) }
//! ```
//!
//! ## Lists
//!
//! A vendor declares each endpoint once as an [`EndpointSpec`] (path,
//! [`PagingScheme`], [`Envelope`], per-verb [`Requirements`]); a [`ListCall`]
//! reads it page by page (numbered, offset, RFC 8288 `Link` header or cursor),
//! never yields a record twice, follows next links only on the API's own origin
//! and base path, and ends with [`Error::PaginationStalled`] instead of looping.
//! [`list_builder!`] gives each vendor list type only the filters its endpoint
//! honours, and a [`PageHook`] adds a vendor's own stop rules.
//!
//! ## Building a vendor client
//!
//! A vendor builder embeds a [`CommonConfig`] (policy, retry and
//! [`RetryPolicy`], timeouts, [`RateLimit`], token cache, clock, page size,
//! pager limits, `User-Agent`, body limit), forwards its setters with
//! [`common_config_setters!`], and builds a [`ClientCore`] whose
//! [`grant`](ClientCore::grant) and [`token_fetches`](ClientCore::token_fetches)
//! work alike for OAuth and Basic credentials. [`EnvVars`] reads the vendor's
//! environment variables and reports every missing one at once; [`Discovered`],
//! [`fetch_small_json`] and [`check_same_site`] cover endpoint discovery.
//!
//! ## Safety rails
//!
//! - Secrets are [`secrecy::SecretString`]; every credential's `Debug` redacts, and
//!   authorization headers are marked sensitive.
//! - Base URLs must be https; plain http only to loopback ([`validate_base_url`]).
//! - Token endpoints never follow redirects; API redirects are followed only within
//!   the same origin.
//! - Writes that may have reached the server are never retried silently
//!   ([`Error::WriteUncertain`]).
//!
//! ## Several replicas (the `redis` feature)
//!
//! Replicas of one service share one token per credential and one rate budget
//! per tenant through Redis, so N replicas mint one token, not N (Asio locks a
//! key that asks too often: 423), and together stay under the vendor's budget.
//!
//! - [`RedisShared`]: the connection, the seal key and the outage policy;
//!   build one per process, from configuration every replica shares.
//! - [`RedisTokenStore`]: a [`TokenStore`] — the local copy
//!   is read first, a miss takes the published token or, for exactly one
//!   replica, fetches and publishes it; sealed at rest (XChaCha20-Poly1305).
//! - [`RedisBudget`]: a [`SharedBudget`] — a rolling
//!   window per tenant, on Redis's clock, atomic in one Lua script.
//!
//! Turning it on for N replicas: enable the vendor crate's `redis` feature
//! (`halopsa-client = { version = "0.1", features = ["redis"] }`; it enables
//! `neo-auth-core/redis`), build one [`RedisShared`] per process from the
//! configuration every replica shares, and give it to each client builder —
//! one line, `.redis(shared)`, the same on every vendor builder — or, for a
//! client of your own, to its [`CommonConfig`]:
//!
//! ```no_run
//! # #[cfg(feature = "redis")]
//! use neo_auth_core::{CommonConfig, RedisShared, SealKey};
//! # #[cfg(feature = "redis")]
//! use secrecy::SecretString;
//! # #[cfg(not(feature = "redis"))] fn main() {}
//! # #[cfg(feature = "redis")]
//! # fn main() -> neo_auth_core::Result<()> {
//! // The same URL and seal key on every replica (`openssl rand -base64 32`).
//! let url = SecretString::from(std::env::var("NEO_REDIS_URL").unwrap_or_default());
//! let key = SecretString::from(std::env::var("NEO_TOKEN_SEAL_KEY").unwrap_or_default());
//! let redis = RedisShared::builder(url).seal_key(SealKey::from_base64(&key)?).build()?;
//! // A vendor client: `Client::builder().credentials(..).redis(redis.clone())`.
//! let config = CommonConfig::new().with_redis(redis);
//! # let _ = config; Ok(()) }
//! ```
//!
//! - The token is shared per [`TokenSource::shared_key`] (vendor, token URL,
//!   client id, scopes; hashed in the Redis key, never the secret); the
//!   budget per API base URL, with the vendor's default limit (or the
//!   builder's `rate_limit`). Clients with Basic credentials (VSA X,
//!   ConnectWise Manage) share the budget only.
//! - `rediss://` connects over TLS (rustls): the webpki roots by default,
//!   [`RedisSharedBuilder::tls_root_certificate`] for a private CA,
//!   [`RedisSharedBuilder::tls_client_certificate`] for mutual TLS.
//! - While Redis is unavailable the clients keep working on their local
//!   cache and budget (one warning per outage, no secret in it) and share
//!   again once it is back ([`RedisShared::is_down`]); meanwhile one command
//!   a second ([`RedisSharedBuilder::probe_interval`]) tries Redis and the
//!   others skip it, so calls do not wait on it;
//!   [`WhenRedisDown::Fail`] makes token fetches and requests fail instead.
//! - The default build pulls in no Redis dependency. With the `testkit`
//!   feature too, `testkit::RedisServer` runs a `redis-server` (plain or TLS)
//!   for your own tests.

//! ## Testing
//!
//! The `testkit` feature adds `neo_auth_core::testkit`: a stateful fake HTTP
//! server (routes over your state, injected faults, an OAuth token issuer with
//! expiry, scopes, revocation and a 423 lock, paging helpers) and a tracing
//! capture that checks no secret was logged. Every vendor crate's `fake`
//! feature is built on it; enable it in your `[dev-dependencies]` to write
//! fakes of your own.
#![deny(missing_docs)]
#![cfg_attr(docsrs, feature(doc_cfg))]

mod access;
mod auth;
mod calls;
mod client;
mod clock;
pub mod doctor;
mod endpoint;
mod env;
mod error;
mod model;
mod paging;
#[cfg(feature = "redis")]
#[cfg_attr(docsrs, doc(cfg(feature = "redis")))]
mod scale;
#[cfg(feature = "testkit")]
#[cfg_attr(docsrs, doc(cfg(feature = "testkit")))]
pub mod testkit;
mod transport;

pub use model::lenient;

pub use access::policy::{AccessPolicy, Approval};
pub use access::requirement::{Access, Area, AreaAccess, Requirement};
pub use access::requirements::{Need, Requirements, Verb};
pub use access::scope::{
    ExactRules, GrantedScopes, PermissionLevel, PermissionLevels, Scope, ScopeRules, ScopeSet,
};
pub use auth::client_credentials::{ClientAuth, ClientCredentialsSource};
pub use auth::credential::{Authorization, Credential, GrantSource};
pub use auth::discovery::{
    Discovered, DiscoveryAnswer, check_same_site, fetch_small_json, is_transient_status,
};
pub use auth::json_token::JsonTokenSource;
pub use auth::oauth_credential::{OAuth2Credential, OAuth2CredentialBuilder};
pub use auth::static_credential::BasicCredential;
pub use auth::token::{AccessToken, BoxFuture, TokenSource};
pub use auth::token_cache::{
    CachedToken, DEFAULT_TOKEN_LIFETIME, MAX_TOKEN_LIFETIME, TokenCache, TokenCacheConfig,
};
pub use auth::token_endpoint::token_http_client;
pub use auth::token_store::{LockFence, StoredToken, TokenStore};
pub use calls::{
    BatchError, DeleteCall, GetCall, PARENT_PLACEHOLDER, RecordId, SaveOutcome, WriteCall,
    collection_path, decode_write_reply, record_path, send_chunked,
};
pub use client::config::CommonConfig;
pub use client::core::{ClientCore, CoreCredential};
pub use client::rate_limit::RateLimit;
pub use clock::{Clock, ManualClock, SystemClock};
pub use endpoint::{EndpointSpec, Envelope, IdKind, ListMethod, PagingScheme};
pub use env::{EnvProblem, EnvVar, EnvVars};
pub use error::decode::{decode_json, decode_json_seed};
pub use error::redact::{KnownSecrets, redact_snippet};
pub use error::vendor_body::{
    GenericErrors, VendorErrorDetails, VendorErrors, parse_common_error_body,
};
pub use error::{ApiError, AuthError, BoxError, Error, Result};
pub use paging::hook::{PageHook, PageSeen, PageVerdict};
pub use paging::list_call::{ItemStream, ListCall, PageStream, flatten_pages};
pub use paging::pager::{Page, PageToken, PagerLimits, fingerprint, items, pages};
pub use paging::top_level::{TopLevel, TopLevelField, TopLevelKeys, TopLevelSeed};
#[cfg(feature = "redis")]
#[cfg_attr(docsrs, doc(cfg(feature = "redis")))]
pub use scale::{
    RedisBudget, RedisShared, RedisSharedBuilder, RedisTokenStore, SealKey, WhenRedisDown,
};
pub use transport::body::{BodyError, read_body_limited};
pub use transport::rate_budget::SharedBudget;
pub use transport::rate_limit::RateBudget;
pub use transport::request::{ApiRequest, RequestOptions};
pub use transport::retry::{
    Backoff, RetryAttempt, RetryBudget, RetryConfig, RetryDecision, RetryPolicy, parse_retry_after,
    retry_after_from_headers,
};
pub use transport::tls::{http_client_builder, install_crypto_provider};
pub use transport::url_policy::{
    encode_path_segment, is_loopback_host, join_path, redact_userinfo, same_origin,
    validate_base_url,
};
pub use transport::{ApiResponse, Timeouts, Transport, TransportBuilder, default_user_agent};

/// Re-exported so vendor crates and users name one version.
pub use secrecy;

/// What the exported macros ([`open_enum!`]) expand to; not a public API.
#[doc(hidden)]
pub mod __private {
    pub use crate::model::open_enum::deserialize_open_enum;
    pub use serde;
}
