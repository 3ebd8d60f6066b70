//! An OAuth 2 client-credentials token endpoint for fakes: form or JSON
//! bodies, client checks, scopes, expiry on an injectable clock, revocation and
//! a lock after too many tokens.

use std::collections::HashMap;
use std::fmt;
use std::sync::Arc;
use std::time::{Duration, Instant};

use serde_json::{Value, json};

use super::fault;
use super::reply::Reply;
use super::request::{FakeRequest, bearer_token};
use super::window::RollingWindow;
use crate::clock::{Clock, SystemClock};

/// How the token endpoint wants its request body.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum TokenBody {
    /// `application/x-www-form-urlencoded` (RFC 6749; HaloPSA).
    Form,
    /// A JSON object with the same fields (ConnectWise Asio's `POST /v1/token`).
    Json,
    /// Either, told apart by `Content-Type`.
    Either,
}

/// Decides which scopes a token request gets: `Ok(granted)` or the error reply
/// (usually 400 `invalid_scope`). See [`TokenIssuer::with_grant`].
pub type GrantFn = Arc<dyn Fn(&[String]) -> Result<Vec<String>, Reply> + Send + Sync>;

/// A token issued by a [`TokenIssuer`].
#[derive(Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct IssuedToken {
    /// The access token.
    pub access_token: String,
    /// The granted scopes, in the order granted.
    pub scopes: Vec<String>,
    /// Its `expires_in`.
    pub expires_in: Duration,
}

impl fmt::Debug for IssuedToken {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("IssuedToken")
            .field("access_token", &"** redacted **")
            .field("scopes", &self.scopes)
            .field("expires_in", &self.expires_in)
            .finish()
    }
}

/// Why a bearer token was not accepted ([`TokenIssuer::validate`]).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum TokenRejection {
    /// No `Authorization: Bearer` header.
    Missing,
    /// A token this issuer never issued.
    Unknown,
    /// The token's lifetime is over (or [`TokenIssuer::expire_all`] ended it).
    Expired,
    /// The token was revoked.
    Revoked,
}

impl TokenRejection {
    /// The kit's generic 401: `{"message": …}` with
    /// `WWW-Authenticate: Bearer error="invalid_token"`. Vendor fakes usually
    /// answer with their own body.
    pub fn reply(self) -> Reply {
        fault::unauthorized()
    }
}

#[derive(Debug)]
struct Held {
    scopes: Vec<String>,
    expires_at: Option<Instant>,
    revoked: bool,
}

/// A client-credentials token endpoint that a vendor fake's router calls:
/// [`TokenIssuer::handle`] answers the token request, [`TokenIssuer::validate`]
/// checks the bearer token of an API request.
///
/// The request must have `grant_type=client_credentials` (else 400
/// `unsupported_grant_type`) and the right client id and secret, in the body or
/// (unless turned off) as HTTP Basic (else 401 `invalid_client`). The
/// requested `scope` (space-separated; in JSON also an array) is granted
/// through the scope rule (by default: whatever is asked for, or
/// [`TokenIssuer::with_default_scopes`] when nothing is). Tokens expire on the
/// issuer's clock, so a test moves a [`ManualClock`](crate::ManualClock)
/// instead of sleeping, or calls [`TokenIssuer::expire_all`].
///
/// ```
/// use std::sync::Arc;
/// use std::time::Duration;
/// use neo_auth_core::ManualClock;
/// use neo_auth_core::testkit::{FakeRequest, TokenBody, TokenIssuer, TokenRejection};
///
/// let clock = Arc::new(ManualClock::new());
/// let mut issuer = TokenIssuer::new("id", "secret")
///     .with_body(TokenBody::Json)
///     .with_allowed_scopes(["platform.companies.read"])
///     .with_lifetime(Duration::from_secs(3599))
///     .with_clock(clock.clone());
/// let request = FakeRequest::new("POST", "http://127.0.0.1:1/v1/token")
///     .unwrap()
///     .with_header("Content-Type", "application/json")
///     .with_body(r#"{"grant_type":"client_credentials","client_id":"id","client_secret":"secret","scope":"platform.companies.read"}"#);
/// let reply = issuer.handle(&request);
/// assert_eq!(reply.status(), 200);
/// let body = reply.body_json().unwrap();
/// assert_eq!(body["scope"], "platform.companies.read");
/// assert_eq!(body["expires_in"], 3599);
///
/// let bearer = format!("Bearer {}", body["access_token"].as_str().unwrap());
/// let api = FakeRequest::new("GET", "http://127.0.0.1:1/api/x").unwrap().with_header("Authorization", &bearer);
/// assert_eq!(issuer.validate(api.headers()), Ok(vec!["platform.companies.read".to_owned()]));
/// clock.advance(Duration::from_secs(3599));
/// assert_eq!(issuer.validate(api.headers()), Err(TokenRejection::Expired));
/// ```
pub struct TokenIssuer {
    client_id: String,
    client_secret: String,
    body: TokenBody,
    accept_basic: bool,
    lifetime: Duration,
    default_scopes: Vec<String>,
    grant: Option<GrantFn>,
    scope_in_response: bool,
    token_prefix: String,
    invalid_client_status: u16,
    lock: Option<RollingWindow>,
    clock: Arc<dyn Clock>,
    tokens: HashMap<String, Held>,
    fetches: usize,
    issued: usize,
}

impl fmt::Debug for TokenIssuer {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("TokenIssuer")
            .field("client_id", &self.client_id)
            .field("client_secret", &"** redacted **")
            .field("body", &self.body)
            .field("accept_basic", &self.accept_basic)
            .field("lifetime", &self.lifetime)
            .field("default_scopes", &self.default_scopes)
            .field("scope_in_response", &self.scope_in_response)
            .field("lock", &self.lock)
            .field("tokens", &self.tokens.len())
            .field("fetches", &self.fetches)
            .field("issued", &self.issued)
            .finish_non_exhaustive()
    }
}

impl TokenIssuer {
    /// An issuer for one client: form or JSON body, HTTP Basic accepted, tokens
    /// valid for an hour, any requested scope granted, `scope` echoed, tokens
    /// starting `fake-at-`, no lock, the system clock.
    pub fn new(client_id: impl Into<String>, client_secret: impl Into<String>) -> TokenIssuer {
        TokenIssuer {
            client_id: client_id.into(),
            client_secret: client_secret.into(),
            body: TokenBody::Either,
            accept_basic: true,
            lifetime: Duration::from_secs(3600),
            default_scopes: Vec::new(),
            grant: None,
            scope_in_response: true,
            token_prefix: "fake-at-".to_owned(),
            invalid_client_status: 401,
            lock: None,
            clock: Arc::new(SystemClock),
            tokens: HashMap::new(),
            fetches: 0,
            issued: 0,
        }
    }

    /// Which request body is accepted; another one gets 400 `invalid_request`.
    pub fn with_body(mut self, body: TokenBody) -> TokenIssuer {
        self.body = body;
        self
    }

    /// Whether the client may authenticate with HTTP Basic (RFC 6749 §2.3.1:
    /// both parts form-encoded) instead of body fields (default true).
    pub fn with_basic_auth(mut self, accept: bool) -> TokenIssuer {
        self.accept_basic = accept;
        self
    }

    /// The `expires_in` of issued tokens (whole seconds are sent).
    pub fn with_lifetime(mut self, lifetime: Duration) -> TokenIssuer {
        self.lifetime = lifetime;
        self
    }

    /// Scopes granted when the request names none (default: none).
    pub fn with_default_scopes(
        mut self,
        scopes: impl IntoIterator<Item = impl Into<String>>,
    ) -> TokenIssuer {
        self.default_scopes = scopes.into_iter().map(Into::into).collect();
        self
    }

    /// Grants only these scopes: requested ones outside the list are left out
    /// of the token (as an application limited to some scopes), and a request
    /// left with none gets 400 `invalid_scope`.
    pub fn with_allowed_scopes(
        self,
        allowed: impl IntoIterator<Item = impl Into<String>>,
    ) -> TokenIssuer {
        let allowed: Vec<String> = allowed.into_iter().map(Into::into).collect();
        self.with_grant(Arc::new(move |requested: &[String]| {
            let granted: Vec<String> = requested
                .iter()
                .filter(|s| allowed.contains(s))
                .cloned()
                .collect();
            if granted.is_empty() {
                let d = format!(
                    "none of the requested scopes is allowed: {}",
                    requested.join(" ")
                );
                Err(Reply::oauth_error(400, "invalid_scope", Some(&d)))
            } else {
                Ok(granted)
            }
        }))
    }

    /// Refuses a request naming any scope outside `allowed` with 400
    /// `invalid_scope` (a key asking for a scope it was not given).
    pub fn with_strict_scopes(
        self,
        allowed: impl IntoIterator<Item = impl Into<String>>,
    ) -> TokenIssuer {
        let allowed: Vec<String> = allowed.into_iter().map(Into::into).collect();
        self.with_grant(Arc::new(move |requested: &[String]| {
            match requested.iter().find(|s| !allowed.contains(s)) {
                Some(bad) => Err(Reply::oauth_error(
                    400,
                    "invalid_scope",
                    Some(&format!("the scope '{bad}' is not granted to this key")),
                )),
                None => Ok(requested.to_vec()),
            }
        }))
    }

    /// A vendor's own scope rule (e.g. HaloPSA's `all`), given the requested
    /// scopes (the defaults when none was named).
    pub fn with_grant(mut self, grant: GrantFn) -> TokenIssuer {
        self.grant = Some(grant);
        self
    }

    /// Whether the token response echoes the granted `scope` (default true).
    pub fn with_scope_in_response(mut self, include: bool) -> TokenIssuer {
        self.scope_in_response = include;
        self
    }

    /// How issued tokens start (default `fake-at-`): a known prefix lets a
    /// test look for leaked tokens with [`assert_no_secrets`](super::assert_no_secrets).
    pub fn with_token_prefix(mut self, prefix: impl Into<String>) -> TokenIssuer {
        self.token_prefix = prefix.into();
        self
    }

    /// The status of an `invalid_client` reply (default 401; RFC 6749 also
    /// allows 400 when the client did not use HTTP authentication).
    pub fn with_invalid_client_status(mut self, status: u16) -> TokenIssuer {
        self.invalid_client_status = status;
        self
    }

    /// Locks the key once it got `tokens` tokens within `window`: further
    /// requests get 423 Locked until tokens leave the window (or
    /// [`TokenIssuer::unlock`]). A locked request issues nothing and does not
    /// prolong the lock. The window runs on the issuer's clock.
    pub fn with_lock_after(mut self, tokens: u32, window: Duration) -> TokenIssuer {
        self.lock = Some(RollingWindow::new(tokens, window).with_clock(self.clock.clone()));
        self
    }

    /// Uses `clock` for expiry and the lock window.
    pub fn with_clock(mut self, clock: Arc<dyn Clock>) -> TokenIssuer {
        self.lock = self.lock.map(|l| l.with_clock(clock.clone()));
        self.clock = clock;
        self
    }

    /// The client id.
    pub fn client_id(&self) -> &str {
        &self.client_id
    }

    /// The client secret (to build the credentials of a test client).
    pub fn client_secret(&self) -> &str {
        &self.client_secret
    }

    /// Answers a token request: the token response or the error reply.
    pub fn handle(&mut self, request: &FakeRequest) -> Reply {
        match self.grant(request) {
            Ok(token) => Reply::json(200, &self.response_body(&token)),
            Err(reply) => reply,
        }
    }

    /// Runs the grant and stores the token, leaving the response to the caller
    /// (to add vendor fields such as an `id_token`; see
    /// [`TokenIssuer::response_body`]). Counts as a fetch either way.
    pub fn grant(&mut self, request: &FakeRequest) -> Result<IssuedToken, Reply> {
        self.fetches += 1;
        let fields = self.fields(request)?;
        let field = |name: &str| {
            fields
                .iter()
                .find(|(k, _)| k == name)
                .map(|(_, v)| v.as_str())
        };
        if field("grant_type") != Some("client_credentials") {
            return Err(Reply::oauth_error(400, "unsupported_grant_type", None));
        }
        let (id, secret) = match field("client_id") {
            Some(id) => (
                Some(id.to_owned()),
                field("client_secret").map(str::to_owned),
            ),
            None if self.accept_basic => request.basic().map_or((None, None), |(i, s)| {
                (Some(form_decode(&i)), Some(form_decode(&s)))
            }),
            None => (None, None),
        };
        if id.as_deref() != Some(self.client_id.as_str())
            || secret.as_deref() != Some(self.client_secret.as_str())
        {
            return Err(Reply::oauth_error(
                self.invalid_client_status,
                "invalid_client",
                Some("The client id or client secret is not valid"),
            ));
        }
        let mut requested: Vec<String> = field("scope")
            .map(|s| s.split_whitespace().map(str::to_owned).collect())
            .unwrap_or_default();
        if requested.is_empty() {
            requested.clone_from(&self.default_scopes);
        }
        let scopes = match &self.grant {
            Some(grant) => grant(&requested)?,
            None => requested,
        };
        if let Some(lock) = &mut self.lock
            && !lock.try_admit()
        {
            return Err(fault::locked());
        }
        Ok(self.issue(scopes))
    }

    /// The standard token response for `token`: `access_token`, `token_type`
    /// `Bearer`, `expires_in` in whole seconds and, unless turned off, `scope`.
    pub fn response_body(&self, token: &IssuedToken) -> Value {
        let mut body = json!({
            "access_token": token.access_token,
            "token_type": "Bearer",
            "expires_in": token.expires_in.as_secs(),
        });
        if self.scope_in_response {
            body["scope"] = Value::String(token.scopes.join(" "));
        }
        body
    }

    /// The scopes of the request's bearer token, or why it is refused.
    pub fn validate(&self, headers: &http::HeaderMap) -> Result<Vec<String>, TokenRejection> {
        let token = bearer_token(headers).ok_or(TokenRejection::Missing)?;
        let held = self.tokens.get(token).ok_or(TokenRejection::Unknown)?;
        if held.revoked {
            return Err(TokenRejection::Revoked);
        }
        if held.expires_at.is_some_and(|at| self.clock.now() >= at) {
            return Err(TokenRejection::Expired);
        }
        Ok(held.scopes.clone())
    }

    /// Revokes one token; `false` if it was never issued.
    pub fn revoke(&mut self, access_token: &str) -> bool {
        match self.tokens.get_mut(access_token) {
            Some(held) => {
                held.revoked = true;
                true
            }
            None => false,
        }
    }

    /// Revokes every token issued so far.
    pub fn revoke_all(&mut self) {
        for held in self.tokens.values_mut() {
            held.revoked = true;
        }
    }

    /// Ends the lifetime of every token issued so far, as if its `expires_in`
    /// had passed (without moving any clock).
    pub fn expire_all(&mut self) {
        let now = self.clock.now();
        for held in self.tokens.values_mut() {
            held.expires_at = Some(now);
        }
    }

    /// Lifts the lock: the lock window forgets the tokens issued so far.
    pub fn unlock(&mut self) {
        if let Some(lock) = &mut self.lock {
            lock.reset();
        }
    }

    /// Token requests handled (refused ones included).
    pub fn fetches(&self) -> usize {
        self.fetches
    }

    /// Tokens issued.
    pub fn issued(&self) -> usize {
        self.issued
    }

    /// Tokens that would be accepted now.
    pub fn active_tokens(&self) -> usize {
        let now = self.clock.now();
        self.tokens
            .values()
            .filter(|h| !h.revoked && h.expires_at.is_none_or(|at| now < at))
            .count()
    }

    fn issue(&mut self, scopes: Vec<String>) -> IssuedToken {
        self.issued += 1;
        let access_token = format!(
            "{}{}-{:016x}{:016x}",
            self.token_prefix,
            self.issued,
            fastrand::u64(..),
            fastrand::u64(..)
        );
        let expires_at = self.clock.now().checked_add(self.lifetime);
        self.tokens.insert(
            access_token.clone(),
            Held {
                scopes: scopes.clone(),
                expires_at,
                revoked: false,
            },
        );
        IssuedToken {
            access_token,
            scopes,
            expires_in: self.lifetime,
        }
    }

    /// The request's fields, from the body the issuer accepts.
    fn fields(&self, request: &FakeRequest) -> Result<Vec<(String, String)>, Reply> {
        let json = match self.body {
            TokenBody::Form => false,
            TokenBody::Json => true,
            TokenBody::Either => request.is_json(),
        };
        if json {
            let Ok(Value::Object(map)) = request.json::<Value>() else {
                let d = "the token request body must be a JSON object";
                return Err(Reply::oauth_error(400, "invalid_request", Some(d)));
            };
            Ok(map
                .into_iter()
                .filter_map(|(k, v)| json_field(v).map(|v| (k, v)))
                .collect())
        } else {
            if request.is_json() {
                let d = "the token request body must be form-encoded";
                return Err(Reply::oauth_error(400, "invalid_request", Some(d)));
            }
            Ok(request.form())
        }
    }
}

/// A JSON field as text: strings as they are, arrays of strings space-joined
/// (a scope list), anything else left out.
fn json_field(value: Value) -> Option<String> {
    match value {
        Value::String(s) => Some(s),
        Value::Array(items) => Some(
            items
                .iter()
                .filter_map(Value::as_str)
                .collect::<Vec<_>>()
                .join(" "),
        ),
        _ => None,
    }
}

/// `application/x-www-form-urlencoded` decoding of one value.
fn form_decode(s: &str) -> String {
    url::form_urlencoded::parse(format!("x={}", s.replace('&', "%26")).as_bytes())
        .next()
        .map(|(_, v)| v.into_owned())
        .unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::clock::ManualClock;
    use base64::Engine;

    fn form(body: &str) -> FakeRequest {
        FakeRequest::new("POST", "http://127.0.0.1:1/auth/token")
            .expect("request")
            .with_header("Content-Type", "application/x-www-form-urlencoded")
            .with_body(body.to_owned())
    }

    #[test]
    fn client_checks_and_grant_type() {
        let mut issuer = TokenIssuer::new("id", "s&cret");
        let reply = issuer.handle(&form(
            "grant_type=password&client_id=id&client_secret=s%26cret",
        ));
        assert_eq!(
            reply.body_json().expect("json")["error"],
            "unsupported_grant_type"
        );
        let reply = issuer.handle(&form(
            "grant_type=client_credentials&client_id=id&client_secret=nope",
        ));
        assert_eq!(
            (
                reply.status(),
                reply.body_json().expect("json")["error"].clone()
            ),
            (401, json!("invalid_client"))
        );
        // RFC 6749 §2.3.1: Basic parts are form-encoded first.
        let basic = base64::engine::general_purpose::STANDARD.encode("id:s%26cret");
        let request = form("grant_type=client_credentials")
            .with_header("Authorization", &format!("Basic {basic}"));
        assert_eq!(issuer.handle(&request).status(), 200);
        let mut no_basic = TokenIssuer::new("id", "s&cret")
            .with_basic_auth(false)
            .with_invalid_client_status(400);
        assert_eq!(no_basic.handle(&request).status(), 400);
        assert_eq!((issuer.fetches(), issuer.issued()), (3, 1));
    }

    #[test]
    fn bodies_of_the_wrong_kind_are_refused() {
        let mut json_only = TokenIssuer::new("id", "secret").with_body(TokenBody::Json);
        let reply = json_only.handle(&form(
            "grant_type=client_credentials&client_id=id&client_secret=secret",
        ));
        assert_eq!(
            (
                reply.status(),
                reply.body_json().expect("json")["error"].clone()
            ),
            (400, json!("invalid_request"))
        );
        let mut form_only = TokenIssuer::new("id", "secret").with_body(TokenBody::Form);
        let request = FakeRequest::new("POST", "http://127.0.0.1:1/t")
            .expect("request")
            .with_header("Content-Type", "application/json")
            .with_body(r#"{"grant_type":"client_credentials","client_id":"id","client_secret":"secret","scope":["a","b"]}"#);
        assert_eq!(form_only.handle(&request).status(), 400);
        let mut either = TokenIssuer::new("id", "secret");
        let body = either.handle(&request).body_json().expect("json");
        assert_eq!(body["scope"], "a b");
    }

    #[test]
    fn scopes_defaults_allowed_and_strict() {
        let ok = "grant_type=client_credentials&client_id=id&client_secret=secret";
        let mut issuer = TokenIssuer::new("id", "secret")
            .with_default_scopes(["all"])
            .with_scope_in_response(false);
        let body = issuer.handle(&form(ok)).body_json().expect("json");
        assert!(body.get("scope").is_none());
        let token = format!("Bearer {}", body["access_token"].as_str().expect("token"));
        let api = form("").with_header("Authorization", &token);
        assert_eq!(issuer.validate(api.headers()), Ok(vec!["all".to_owned()]));

        let mut allowed = TokenIssuer::new("id", "secret").with_allowed_scopes(["a", "b"]);
        let body = allowed
            .handle(&form(&format!("{ok}&scope=a+c")))
            .body_json()
            .expect("json");
        assert_eq!(body["scope"], "a");
        let reply = allowed.handle(&form(&format!("{ok}&scope=c")));
        assert_eq!(reply.body_json().expect("json")["error"], "invalid_scope");

        let mut strict = TokenIssuer::new("id", "secret").with_strict_scopes(["a", "b"]);
        assert_eq!(
            strict.handle(&form(&format!("{ok}&scope=a+c"))).status(),
            400
        );
        assert_eq!(
            strict.handle(&form(&format!("{ok}&scope=b+a"))).status(),
            200
        );
    }

    #[test]
    fn expiry_revocation_and_lock_on_the_clock() {
        let ok = "grant_type=client_credentials&client_id=id&client_secret=secret";
        let clock = Arc::new(ManualClock::new());
        let mut issuer = TokenIssuer::new("id", "secret")
            .with_lock_after(2, Duration::from_secs(60))
            .with_lifetime(Duration::from_secs(100))
            .with_clock(clock.clone());
        let bearer = |reply: Reply| {
            let token = reply.body_json().expect("json")["access_token"]
                .as_str()
                .expect("token")
                .to_owned();
            form("").with_header("Authorization", &format!("Bearer {token}"))
        };
        let first = bearer(issuer.handle(&form(ok)));
        let second = bearer(issuer.handle(&form(ok)));
        assert_eq!(issuer.handle(&form(ok)).status(), 423);
        assert_eq!(issuer.active_tokens(), 2);
        assert!(issuer.revoke(second.bearer().expect("bearer")));
        assert!(!issuer.revoke("never-issued"));
        assert_eq!(
            issuer.validate(second.headers()),
            Err(TokenRejection::Revoked)
        );
        assert_eq!(
            issuer.validate(form("").headers()),
            Err(TokenRejection::Missing)
        );
        assert_eq!(
            issuer.validate(form("").with_header("Authorization", "Bearer x").headers()),
            Err(TokenRejection::Unknown)
        );
        clock.advance(Duration::from_secs(60));
        assert!(issuer.validate(first.headers()).is_ok());
        let third = bearer(issuer.handle(&form(ok)));
        clock.advance(Duration::from_secs(40));
        assert_eq!(
            issuer.validate(first.headers()),
            Err(TokenRejection::Expired)
        );
        assert!(issuer.validate(third.headers()).is_ok());
        issuer.expire_all();
        assert_eq!(
            issuer.validate(third.headers()),
            Err(TokenRejection::Expired)
        );
        assert_eq!(TokenRejection::Expired.reply().status(), 401);
        issuer.revoke_all();
        assert_eq!(issuer.active_tokens(), 0);
        assert!(!format!("{issuer:?}").contains("secret\""));
    }
}
