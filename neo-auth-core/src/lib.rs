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
//! ## Safety rails
//!
//! - Secrets are [`secrecy::SecretString`]; every credential's `Debug` redacts, and
//!   authorization headers are marked sensitive.
//! - Base URLs must be https; plain http only to loopback ([`validate_base_url`]).
//! - Token endpoints never follow redirects; API redirects are followed only within
//!   the same origin.
//! - Writes that may have reached the server are never retried silently
//!   ([`Error::WriteUncertain`]).
#![deny(missing_docs)]

mod access;
mod auth;
mod clock;
mod endpoint;
mod error;
mod model;
mod paging;
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
pub use auth::json_token::JsonTokenSource;
pub use auth::oauth_credential::{OAuth2Credential, OAuth2CredentialBuilder};
pub use auth::static_credential::BasicCredential;
pub use auth::token::{AccessToken, BoxFuture, TokenSource};
pub use auth::token_cache::{
    CachedToken, DEFAULT_TOKEN_LIFETIME, MAX_TOKEN_LIFETIME, TokenCache, TokenCacheConfig,
};
pub use auth::token_endpoint::token_http_client;
pub use clock::{Clock, ManualClock, SystemClock};
pub use endpoint::{EndpointSpec, Envelope, IdKind, ListMethod, PagingScheme};
pub use error::decode::{decode_json, decode_json_seed};
pub use error::redact::{KnownSecrets, redact_snippet};
pub use error::vendor_body::{
    GenericErrors, VendorErrorDetails, VendorErrors, parse_common_error_body,
};
pub use error::{ApiError, AuthError, BoxError, Error, Result};
pub use paging::pager::{Page, PageToken, PagerLimits, fingerprint, items, pages};
pub use transport::rate_limit::RateBudget;
pub use transport::request::{ApiRequest, RequestOptions};
pub use transport::retry::{Backoff, RetryBudget, RetryConfig, parse_retry_after};
pub use transport::tls::{http_client_builder, install_crypto_provider};
pub use transport::url_policy::{
    encode_path_segment, is_loopback_host, join_path, same_origin, validate_base_url,
};
pub use transport::{ApiResponse, Timeouts, Transport, TransportBuilder, default_user_agent};

/// Re-exported so vendor crates and users name one version.
pub use secrecy;
