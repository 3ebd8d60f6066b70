//! Test kit: stateful fake vendor servers and a secret-checking log capture
//! (feature `testkit`).
//!
//! Every vendor crate's `fake` feature is built on this module, and your own
//! tests can use it the same way: a fake is **routes and seed data** over the
//! vendor-neutral machinery here.
//!
//! | piece | what it does |
//! | --- | --- |
//! | [`FakeHttp`] + [`Router`] | a wiremock server on 127.0.0.1 whose one catch-all responder counts each request, applies injected faults, then calls your router over your state (behind a mutex) |
//! | [`Fault`] | 429 with or without `Retry-After`, 5xx, slow replies, 401 mid-stream, malformed JSON, token endpoint 5xx and 423 Locked; queued in order, optionally by path prefix |
//! | [`TokenIssuer`] | an OAuth 2 client-credentials endpoint: form or JSON body, client checks, granted scopes, expiry on an injectable clock, revocation, a lock after too many tokens |
//! | [`basic_credentials`], [`bearer_token`] | the credentials of a request |
//! | [`Query`] | case-insensitive query parameters, lenient integers and id lists |
//! | [`Store`] | records by auto-assigned id |
//! | [`RollingWindow`] | an exact rolling-window rate limit (N requests per D) |
//! | [`Reply`] | JSON, text, empty and OAuth error replies, inspectable in unit tests |
//! | [`numbered_page`], [`offset_page`], [`link_next`] | pages cut and `Link` headers built the same way by every fake |
//! | `RedisServer` (with the `redis` feature) | a `redis-server` of the test's own on 127.0.0.1, plain or TLS with generated certificates, killed and restarted at will; skipped with a notice when not installed, unless `NEO_REQUIRE_REDIS=1` |
//! | [`fast_retry`] | a [`RetryConfig`](crate::RetryConfig) with millisecond backoff |
//! | [`global_capture`], [`SecretCheck`], [`assert_no_secrets`] | a process-wide tracing capture and the check that no secret reached it |
//!
//! Tests built on the kit never sleep for expiry: give the [`TokenIssuer`] and
//! the [`RollingWindow`] a [`ManualClock`](crate::ManualClock) and move it.
//!
//! ## Order of work for each request
//!
//! [`FakeHttp`] counts the request ([`Router::target`] says whether it is an
//! API or token request), runs [`Router::gate`] (a vendor's rate limit on a
//! [`RollingWindow`]), then takes the next matching [`Fault`]: a replacing
//! fault answers in the vendor's words ([`Router::fault_reply`], else
//! [`Fault::default_reply`]), [`Fault::Slow`] delays the normal reply. Only
//! then is [`Router::route`] called, with the state locked.
//!
//! ## The four vendors on the kit
//!
//! - **HaloPSA**: form tokens with a `?tenant=` check in the router before
//!   [`TokenIssuer::grant`] (its `id_token` added to
//!   [`TokenIssuer::response_body`]), a vendor grant rule for `all`
//!   ([`TokenIssuer::with_grant`]), `page_no`/`page_size` via
//!   [`numbered_page`], the hosted limit in [`Router::gate`].
//! - **ConnectWise Manage**: [`basic_credentials`] plus the `clientId`
//!   header; `page`/`pageSize` via [`numbered_page`] and [`link_next`] (or
//!   [`link_header`] with `first`/`prev`/`next`/`last`); forward-only `pageId`
//!   with [`link_next`] too.
//! - **VSA X**: [`basic_credentials`]; `$skip`/`$top` via [`offset_page`] into
//!   `{Data, Meta: {TotalCount, NextQueryLink}}`, the link built with
//!   [`url_with_params`].
//! - **ConnectWise Asio**: [`TokenBody::Json`],
//!   [`TokenIssuer::with_strict_scopes`], [`TokenIssuer::with_lock_after`]
//!   (423 Locked); `cursor`/`limit` lists answered with [`link_next`], also
//!   for POST lists.
//!
//! ## A tiny fake
//!
//! A JSON-body token endpoint (like ConnectWise Asio's) and one list route
//! that needs a token with `widgets.read`, driven by the core's
//! [`JsonTokenSource`](crate::JsonTokenSource) and [`Transport`](crate::Transport):
//!
//! ```
//! use std::sync::Arc;
//! use neo_auth_core::testkit::{
//!     FakeHttp, FakeRequest, Fault, Reply, Router, Store, Target, TokenBody, TokenIssuer,
//!     fast_retry,
//! };
//! use neo_auth_core::{AccessPolicy, JsonTokenSource, OAuth2Credential, Transport, ApiRequest};
//! use secrecy::SecretString;
//! use serde_json::{Value, json};
//!
//! struct State {
//!     tokens: TokenIssuer,
//!     widgets: Store<Value>,
//! }
//!
//! struct Widgets;
//!
//! impl Router<State> for Widgets {
//!     fn target(&self, request: &FakeRequest) -> Target {
//!         match request.route_path() {
//!             "/v1/token" => Target::Token,
//!             _ => Target::Api,
//!         }
//!     }
//!
//!     fn route(&self, state: &mut State, request: &FakeRequest) -> Reply {
//!         match (request.method(), request.route_path()) {
//!             ("POST", "/v1/token") => state.tokens.handle(request),
//!             ("GET", "/api/widgets") => match state.tokens.validate(request.headers()) {
//!                 Err(rejected) => rejected.reply(),
//!                 Ok(scopes) if !scopes.iter().any(|s| s == "widgets.read") => {
//!                     Reply::json(403, &json!({"message": "missing scope widgets.read"}))
//!                 }
//!                 Ok(_) => Reply::json(200, &json!(state.widgets.values().collect::<Vec<_>>())),
//!             },
//!             (method, path) => Reply::no_route(method, path),
//!         }
//!     }
//! }
//!
//! # #[tokio::main(flavor = "current_thread")]
//! # async fn main() -> neo_auth_core::Result<()> {
//! let mut widgets = Store::new();
//! widgets.insert_with(|id| json!({"id": id, "name": "sprocket"}));
//! let tokens = TokenIssuer::new("client-id", "client-secret")
//!     .with_body(TokenBody::Json)
//!     .with_allowed_scopes(["widgets.read"]);
//! let fake = FakeHttp::start(State { tokens, widgets }, Widgets).await;
//!
//! let source = JsonTokenSource::new(&fake.url("/v1/token"), "client-id", SecretString::from("client-secret"))?
//!     .with_scopes(["widgets.read"]);
//! let credential = OAuth2Credential::builder(Arc::new(source)).build()?;
//! let transport = Transport::builder(fake.url("/api"))
//!     .credential(Arc::new(credential))
//!     .policy(AccessPolicy::allow_all())
//!     .retry(fast_retry())
//!     .build()?;
//!
//! // The first read fails with a 503 and is retried.
//! fake.inject_on("/api/widgets", Fault::ServerError { status: 503, times: 1 });
//! let list: Vec<Value> = transport.send_json(ApiRequest::get("/widgets")).await?;
//! assert_eq!(list[0]["name"], "sprocket");
//! assert_eq!(fake.requests_to("GET", "/api/widgets"), 2);
//! assert_eq!(fake.token_requests(), 1);
//! assert_eq!(fake.with_state(|s| s.tokens.issued()), 1);
//! # Ok(()) }
//! ```

mod capture;
mod counters;
mod fault;
mod paging;
mod query;
#[cfg(feature = "redis")]
mod redis_server;
mod reply;
mod request;
mod retry;
mod server;
mod store;
mod token_issuer;
mod window;

pub use capture::{Capture, CaptureWriter, SecretCheck, assert_no_secrets, global_capture};
pub use counters::Counters;
pub use fault::{Fault, FaultQueue, Target};
pub use paging::{
    PageSlice, link_header, link_next, numbered_page, offset_page, page_count, url_with_params,
};
pub use query::{BadParam, Query};
#[cfg(feature = "redis")]
#[cfg_attr(docsrs, doc(cfg(feature = "redis")))]
pub use redis_server::RedisServer;
pub use reply::Reply;
pub use request::{FakeRequest, basic_credentials, bearer_token};
pub use retry::fast_retry;
pub use server::{FakeHttp, Router};
pub use store::Store;
pub use token_issuer::{GrantFn, IssuedToken, TokenBody, TokenIssuer, TokenRejection};
pub use window::RollingWindow;
