//! The OAuth2 token cache: one token request per token lifetime, however many tasks ask.
//!
//! - **Single flight.** Callers that find no fresh token queue on one async lock;
//!   the first fetches, the others re-check under the lock and take its token. If
//!   that fetch fails, everyone who waited on it gets the same (shared) error, so a
//!   thousand callers do not become a thousand token requests.
//! - **Expiry** is the local monotonic clock at receipt plus `expires_in`; the token
//!   is refreshed a jittered buffer before that. The clock is injectable.
//! - **Failures are held briefly, never cached for long**: when a fetch fails
//!   and no usable token is left, callers in the next few seconds (a jittered
//!   [`failure_backoff`](TokenCacheConfig::failure_backoff), at least the
//!   endpoint's `Retry-After` up to `max_retry_after`) share that failure
//!   instead of each sending one more token request; the first call after it
//!   fetches again. The caller whose own fetch failed gets the plain error
//!   ([`Error::Auth`]); the others get [`Error::Shared`], whose predicates and
//!   [`Error::auth`] look through it.
//! - **Unknown lifetimes**: a token without a usable `expires_in` (missing,
//!   zero, negative) lives [`default_lifetime`](TokenCacheConfig::default_lifetime)
//!   (an hour unless set), and is refreshed earlier when the API answers 401.
//! - **Deadlines**: [`TokenCache::get_by`] takes the caller's deadline; a
//!   `Retry-After` or backoff that would outlast it is not slept through: the
//!   token endpoint's answer (a 429 with its `retry_after`) is returned at once.
//! - **Timeout and backoff of its own**: each fetch attempt has a timeout; 423, 429,
//!   5xx and transport failures are retried with backoff or `Retry-After`.
//! - **Invalidation is targeted**: a 401 invalidates the token only if it is still
//!   the one that was rejected.

use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, RwLock};
use std::time::{Duration, Instant};

use secrecy::SecretString;
use tracing::Instrument;

use crate::auth::token::{AccessToken, TokenSource};
use crate::clock::{Clock, SystemClock};
use crate::error::redact::KnownSecrets;
use crate::error::{AuthError, Error, Result};
use crate::transport::retry::Backoff;

/// Settings of a [`TokenCache`].
#[derive(Clone, Debug, PartialEq)]
#[non_exhaustive]
pub struct TokenCacheConfig {
    /// Refresh this long before expiry (at most half the token's lifetime).
    pub refresh_buffer: Duration,
    /// Up to this much extra, random per token, is added to the buffer so that
    /// many processes sharing a credential do not refresh at the same instant.
    pub refresh_jitter: Duration,
    /// Timeout of one token request.
    pub fetch_timeout: Duration,
    /// Attempts per fetch (the first included).
    pub max_attempts: u32,
    /// Backoff between attempts.
    pub backoff: Backoff,
    /// The longest `Retry-After` from the token endpoint that is honoured.
    pub max_retry_after: Duration,
    /// The lifetime of a token whose response has no usable `expires_in`
    /// (missing, zero or negative): refreshed after it like any other token,
    /// and earlier when the API answers 401. One hour unless set (the usual
    /// OAuth2 lifetime; a shorter-lived token is caught by the 401). Zero
    /// keeps such a token until the API answers 401.
    pub default_lifetime: Duration,
    /// After a failed fetch that leaves no usable token, callers share that
    /// failure for this long (plus up to [`failure_jitter`](Self::failure_jitter))
    /// instead of each fetching again. Five seconds unless set; zero turns it off.
    pub failure_backoff: Duration,
    /// Up to this much extra, random per failure, is added to
    /// [`failure_backoff`](Self::failure_backoff) (two seconds unless set).
    pub failure_jitter: Duration,
}

impl Default for TokenCacheConfig {
    fn default() -> Self {
        TokenCacheConfig {
            refresh_buffer: Duration::from_secs(60),
            refresh_jitter: Duration::from_secs(30),
            fetch_timeout: Duration::from_secs(20),
            max_attempts: 4,
            backoff: Backoff::new(Duration::from_millis(500), Duration::from_secs(15)),
            max_retry_after: Duration::from_secs(60),
            default_lifetime: DEFAULT_TOKEN_LIFETIME,
            failure_backoff: Duration::from_secs(5),
            failure_jitter: Duration::from_secs(2),
        }
    }
}

impl TokenCacheConfig {
    /// Sets the refresh buffer and its jitter.
    pub fn with_refresh_buffer(mut self, buffer: Duration, jitter: Duration) -> Self {
        self.refresh_buffer = buffer;
        self.refresh_jitter = jitter;
        self
    }

    /// Sets the timeout of one token request.
    pub fn with_fetch_timeout(mut self, timeout: Duration) -> Self {
        self.fetch_timeout = timeout;
        self
    }

    /// Sets the attempts per fetch (at least 1).
    pub fn with_max_attempts(mut self, attempts: u32) -> Self {
        self.max_attempts = attempts.max(1);
        self
    }

    /// Sets the longest `Retry-After` from the token endpoint that is honoured
    /// (longer ones are clamped to it).
    pub fn with_max_retry_after(mut self, max: Duration) -> Self {
        self.max_retry_after = max;
        self
    }

    /// Sets the backoff between fetch attempts.
    pub fn with_backoff(mut self, backoff: Backoff) -> Self {
        self.backoff = backoff;
        self
    }

    /// Sets the lifetime of tokens sent without a usable `expires_in`
    /// (capped at [`MAX_TOKEN_LIFETIME`]).
    ///
    /// ```
    /// use std::time::Duration;
    /// use neo_auth_core::TokenCacheConfig;
    /// let config = TokenCacheConfig::default().with_default_lifetime(Duration::from_secs(300));
    /// assert_eq!(config.default_lifetime, Duration::from_secs(300));
    /// assert_eq!(TokenCacheConfig::default().default_lifetime, Duration::from_secs(3600));
    /// ```
    pub fn with_default_lifetime(mut self, lifetime: Duration) -> Self {
        self.default_lifetime = lifetime;
        self
    }

    /// Sets how long a failed fetch is shared with later callers, and its
    /// random extra (`Duration::ZERO, Duration::ZERO` turns the hold off).
    pub fn with_failure_backoff(mut self, backoff: Duration, jitter: Duration) -> Self {
        self.failure_backoff = backoff;
        self.failure_jitter = jitter;
        self
    }
}

/// The lifetime of a token without a usable `expires_in`, unless configured
/// ([`TokenCacheConfig::default_lifetime`]).
pub const DEFAULT_TOKEN_LIFETIME: Duration = Duration::from_secs(60 * 60);

/// The longest lifetime believed from `expires_in`: a larger value (or a bogus one
/// such as `1e19`) is capped, so the token is refreshed at least daily and the
/// expiry arithmetic can never overflow.
pub const MAX_TOKEN_LIFETIME: Duration = Duration::from_secs(24 * 60 * 60);

/// After a failed refresh while the old token is still valid, callers keep using
/// the old token for this long before the next refresh attempt.
const REFRESH_RETRY_PAUSE: Duration = Duration::from_secs(5);

/// A cached token with its bookkeeping.
#[derive(Debug)]
pub struct CachedToken {
    token: AccessToken,
    generation: u64,
    /// The fetch (epoch) that produced it.
    epoch: u64,
    refresh_at: Option<Instant>,
    expires_at: Option<Instant>,
}

impl CachedToken {
    /// The token.
    pub fn token(&self) -> &AccessToken {
        &self.token
    }

    /// The secret token value.
    pub fn secret(&self) -> &SecretString {
        &self.token.secret
    }

    /// Identifies this token among all the cache has held (for targeted invalidation).
    pub fn generation(&self) -> u64 {
        self.generation
    }

    /// Before the refresh point: use without asking for a new one.
    fn is_fresh(&self, now: Instant) -> bool {
        self.refresh_at.is_none_or(|at| now < at)
    }

    /// Before the server's expiry: still accepted, if no newer token can be had.
    fn is_usable(&self, now: Instant) -> bool {
        self.expires_at.is_none_or(|at| now < at)
    }
}

#[derive(Debug)]
struct Failure {
    epoch: u64,
    at: Instant,
    /// Until then, callers without a usable token share this failure.
    hold_until: Option<Instant>,
    error: Arc<Error>,
}

/// Caches tokens from a [`TokenSource`]. Cheap to share behind an `Arc`.
///
/// Needs a Tokio runtime: the one fetch in flight runs as its own task, so a
/// caller that gives up (a timeout, a dropped future) does not abort it for the
/// callers still waiting.
#[derive(Debug)]
pub struct TokenCache {
    shared: Arc<Shared>,
}

#[derive(Debug)]
struct Shared {
    source: Arc<dyn TokenSource>,
    clock: Arc<dyn Clock>,
    config: TokenCacheConfig,
    current: RwLock<Option<Arc<CachedToken>>>,
    /// The secrets of the newest tokens (current and previous), for masking.
    recent_tokens: RwLock<Vec<SecretString>>,
    last_failure: RwLock<Option<Failure>>,
    refresh: Arc<tokio::sync::Mutex<()>>,
    generation: AtomicU64,
    epoch: AtomicU64,
    fetches: AtomicU64,
}

impl TokenCache {
    /// A cache over `source` with the real clock.
    pub fn new(source: Arc<dyn TokenSource>, config: TokenCacheConfig) -> Self {
        Self::with_clock(source, config, Arc::new(SystemClock))
    }

    /// A cache with an injected clock.
    pub fn with_clock(
        source: Arc<dyn TokenSource>,
        config: TokenCacheConfig,
        clock: Arc<dyn Clock>,
    ) -> Self {
        TokenCache {
            shared: Arc::new(Shared {
                source,
                clock,
                config,
                current: RwLock::new(None),
                recent_tokens: RwLock::new(Vec::new()),
                last_failure: RwLock::new(None),
                refresh: Arc::new(tokio::sync::Mutex::new(())),
                generation: AtomicU64::new(0),
                epoch: AtomicU64::new(0),
                fetches: AtomicU64::new(0),
            }),
        }
    }

    /// The source's requested scopes.
    pub fn source(&self) -> &Arc<dyn TokenSource> {
        &self.shared.source
    }

    /// A fresh token: the cached one, or one fetched now (once for all concurrent callers).
    ///
    /// When a refresh fails while the cached token has not yet expired, the
    /// cached token is returned (and the refresh retried a few seconds later).
    pub async fn get(&self) -> Result<Arc<CachedToken>> {
        self.get_by(None).await
    }

    /// Like [`TokenCache::get`], for a caller that gives up at `deadline`
    /// (`None`: no limit). A wait before a retry of the token request that
    /// would outlast the deadline is not slept through: the token endpoint's
    /// error (a 429 with its [`retry_after`](Error::retry_after)) is returned
    /// at once, as the API path does.
    #[tracing::instrument(level = "debug", name = "neo.token", skip(self, deadline))]
    pub async fn get_by(&self, deadline: Option<tokio::time::Instant>) -> Result<Arc<CachedToken>> {
        let shared = &self.shared;
        if let Some(token) = shared.fresh() {
            return Ok(token);
        }
        let epoch_seen = shared.epoch.load(Ordering::Acquire);
        let guard = shared.refresh.clone().lock_owned().await;
        if let Some(token) = shared.fresh() {
            return Ok(token);
        }
        let now = shared.clock.now();
        if shared.epoch.load(Ordering::Acquire) > epoch_seen {
            // A fetch finished while we waited: take its outcome rather than
            // sending one more request per waiting caller.
            // Even a token born expired is taken: it is the newest the server
            // gave, and asking again would hand out the same.
            if let Some(token) = shared.cached().filter(|t| t.epoch > epoch_seen) {
                return Ok(token);
            }
            if let Some(error) = shared.failure_since(epoch_seen) {
                return shared.usable_or(now, error);
            }
        }
        if let Some(failure) = shared.last_failure_times() {
            // A refresh failed moments ago and the old token is still good: keep
            // using it instead of hammering a struggling token endpoint.
            if now.saturating_duration_since(failure.0) < REFRESH_RETRY_PAUSE
                && let Some(token) = shared.cached().filter(|t| t.is_usable(now))
            {
                return Ok(token);
            }
            // No usable token, and a fetch failed moments ago: share that
            // failure for its hold instead of sending one more request.
            if failure.1.is_some_and(|until| now < until)
                && shared.cached().filter(|t| t.is_usable(now)).is_none()
                && let Some(error) = shared.last_failure_error()
            {
                return Err(Error::Shared(error));
            }
        }
        let task_shared = self.shared.clone();
        // The fetch runs in its own task (see the type's docs), inside this
        // caller's span so its events stay attributed to `neo.token`.
        let fetch = tokio::spawn(
            async move {
                let _guard = guard;
                task_shared.fetch_and_store(deadline).await
            }
            .in_current_span(),
        );
        match fetch.await {
            Ok(result) => result,
            Err(join) => Err(AuthError {
                source: Some(Box::new(join)),
                ..AuthError::new("the token fetch task failed")
            }
            .into_error()),
        }
    }

    /// The secrets of the current and the previous token (for masking them in
    /// whatever the SDK renders from a server's answer).
    pub fn known_secrets(&self) -> KnownSecrets {
        let mut secrets = KnownSecrets::new();
        for token in self
            .shared
            .recent_tokens
            .read()
            .unwrap_or_else(|e| e.into_inner())
            .iter()
        {
            secrets.push(token);
        }
        secrets
    }

    /// Forgets the cached token if it is still the one with `generation` (the one
    /// the API rejected). A newer token stays.
    pub fn invalidate(&self, generation: u64) -> bool {
        let mut current = self
            .shared
            .current
            .write()
            .unwrap_or_else(|e| e.into_inner());
        if current.as_ref().is_some_and(|t| t.generation == generation) {
            *current = None;
            tracing::debug!(generation, "token invalidated after rejection");
            true
        } else {
            false
        }
    }

    /// The cached token, fresh or not, without fetching.
    pub fn peek(&self) -> Option<Arc<CachedToken>> {
        self.shared.cached()
    }

    /// How many token requests this cache has sent (attempts included).
    pub fn fetch_count(&self) -> u64 {
        self.shared.fetches.load(Ordering::Relaxed)
    }
}

impl Shared {
    fn cached(&self) -> Option<Arc<CachedToken>> {
        self.current
            .read()
            .unwrap_or_else(|e| e.into_inner())
            .clone()
    }

    fn fresh(&self) -> Option<Arc<CachedToken>> {
        let now = self.clock.now();
        self.cached().filter(|t| t.is_fresh(now))
    }

    fn failure_since(&self, epoch_seen: u64) -> Option<Arc<Error>> {
        self.last_failure
            .read()
            .unwrap_or_else(|e| e.into_inner())
            .as_ref()
            .filter(|f| f.epoch > epoch_seen)
            .map(|f| f.error.clone())
    }

    /// When the last failure happened, and until when it is held.
    fn last_failure_times(&self) -> Option<(Instant, Option<Instant>)> {
        self.last_failure
            .read()
            .unwrap_or_else(|e| e.into_inner())
            .as_ref()
            .map(|f| (f.at, f.hold_until))
    }

    fn last_failure_error(&self) -> Option<Arc<Error>> {
        self.last_failure
            .read()
            .unwrap_or_else(|e| e.into_inner())
            .as_ref()
            .map(|f| f.error.clone())
    }

    /// Until when a failure at `now` is shared: the jittered failure backoff,
    /// and at least the endpoint's `Retry-After` (capped at `max_retry_after`).
    /// No hold at all when the failure backoff is zero (turned off).
    fn hold_until(&self, now: Instant, error: &Error) -> Option<Instant> {
        if self.config.failure_backoff.is_zero() {
            return None;
        }
        let jitter_room = u64::try_from(self.config.failure_jitter.as_millis()).unwrap_or(u64::MAX);
        let jitter = Duration::from_millis(fastrand::u64(0..=jitter_room));
        let mut hold = self
            .config
            .failure_backoff
            .checked_add(jitter.min(self.config.failure_jitter))
            .unwrap_or(Duration::MAX);
        if let Some(after) = error.retry_after() {
            hold = hold.max(after.min(self.config.max_retry_after));
        }
        (!hold.is_zero()).then(|| now.checked_add(hold)).flatten()
    }

    /// The cached token if it has not expired yet, else the refresh's error
    /// (shared: this caller waited on another's fetch).
    fn usable_or(&self, now: Instant, error: Arc<Error>) -> Result<Arc<CachedToken>> {
        match self.cached().filter(|t| t.is_usable(now)) {
            Some(token) => {
                tracing::warn!(error = %error, "token refresh failed; the current token is still valid and stays in use");
                Ok(token)
            }
            None => Err(Error::Shared(error)),
        }
    }

    /// Fetches, stores the outcome tagged with the next epoch, and only then
    /// publishes that epoch: a caller that sees the new epoch (Acquire) also sees
    /// the token or failure stored under it (Release), so it takes that outcome
    /// instead of starting one more fetch. Runs under the refresh lock, so no
    /// other fetch moves the epoch in between.
    ///
    /// A failure goes back to this (the fetching) caller as it is, and a copy
    /// (see [`share`]) is kept for the callers that waited on it or come
    /// during its hold.
    async fn fetch_and_store(
        &self,
        deadline: Option<tokio::time::Instant>,
    ) -> Result<Arc<CachedToken>> {
        let result = self.fetch_with_retries(deadline).await;
        let epoch = self.epoch.load(Ordering::Acquire) + 1;
        let now = self.clock.now();
        let outcome = match result {
            Ok(token) => {
                let cached = self.store(token, epoch, now);
                *self.last_failure.write().unwrap_or_else(|e| e.into_inner()) = None;
                Ok(cached)
            }
            Err(error) => {
                let (own, shared) = share(error);
                *self.last_failure.write().unwrap_or_else(|e| e.into_inner()) = Some(Failure {
                    epoch,
                    at: now,
                    hold_until: self.hold_until(now, &shared),
                    error: shared,
                });
                Err(own)
            }
        };
        self.epoch.store(epoch, Ordering::Release);
        outcome.or_else(|error| match self.cached().filter(|t| t.is_usable(now)) {
            Some(token) => {
                tracing::warn!(error = %error, "token refresh failed; the current token is still valid and stays in use");
                Ok(token)
            }
            None => Err(error),
        })
    }

    /// `error` with the source's secrets and the recent tokens masked in the
    /// texts of an authentication error (whatever token source made it).
    fn masked(&self, error: Error) -> Error {
        let Error::Auth(mut auth) = error else {
            return error;
        };
        let mut secrets = self.source.known_secrets();
        for token in self
            .recent_tokens
            .read()
            .unwrap_or_else(|e| e.into_inner())
            .iter()
        {
            secrets.push(token);
        }
        if !secrets.is_empty() {
            auth.message = secrets.mask(&auth.message);
            auth.description = secrets.mask_opt(auth.description.take());
            auth.oauth_error = secrets.mask_opt(auth.oauth_error.take());
        }
        Error::Auth(auth)
    }

    fn store(&self, token: AccessToken, epoch: u64, now: Instant) -> Arc<CachedToken> {
        {
            let mut recent = self
                .recent_tokens
                .write()
                .unwrap_or_else(|e| e.into_inner());
            recent.push(token.secret.clone());
            let excess = recent.len().saturating_sub(2);
            recent.drain(..excess);
        }
        // No usable lifetime (none sent, or zero: a source's "unknown"): the
        // default one, never "forever" and never "expired at birth".
        let lifetime = token
            .expires_in
            .filter(|l| !l.is_zero())
            .unwrap_or(self.config.default_lifetime);
        let (refresh_at, expires_at) = match Some(lifetime).filter(|l| !l.is_zero()) {
            Some(lifetime) => {
                let lifetime = lifetime.min(MAX_TOKEN_LIFETIME);
                let buffer = self.config.refresh_buffer.min(lifetime / 2);
                let jitter_room = self.config.refresh_jitter.min(lifetime / 2 - buffer);
                let jitter = Duration::from_millis(fastrand::u64(
                    0..=u64::try_from(jitter_room.as_millis()).unwrap_or(u64::MAX),
                ))
                .min(jitter_room);
                (
                    now.checked_add(lifetime - buffer - jitter),
                    now.checked_add(lifetime),
                )
            }
            None => (None, None),
        };
        let generation = self.generation.fetch_add(1, Ordering::AcqRel) + 1;
        let cached = Arc::new(CachedToken {
            token,
            generation,
            epoch,
            refresh_at,
            expires_at,
        });
        *self.current.write().unwrap_or_else(|e| e.into_inner()) = Some(cached.clone());
        cached
    }

    async fn fetch_with_retries(
        &self,
        deadline: Option<tokio::time::Instant>,
    ) -> Result<AccessToken> {
        let mut attempt = 0;
        loop {
            attempt += 1;
            self.fetches.fetch_add(1, Ordering::Relaxed);
            let outcome =
                match tokio::time::timeout(self.config.fetch_timeout, self.source.fetch()).await {
                    Ok(outcome) => outcome,
                    Err(_) => Err(AuthError {
                        timed_out: true,
                        retryable: true,
                        ..AuthError::new(format!(
                            "the token request did not answer within {:?}",
                            self.config.fetch_timeout
                        ))
                    }
                    .into_error()),
                };
            let error = match outcome {
                Ok(token) => return Ok(token),
                // Masked before it is logged below, shared or returned.
                Err(error) => self.masked(error),
            };
            if attempt >= self.config.max_attempts || !error.is_retryable() {
                return Err(error);
            }
            let wait = match error.retry_after() {
                Some(after) => after.min(self.config.max_retry_after),
                None => self.config.backoff.wait(attempt - 1),
            };
            let time_left = deadline
                .map(|deadline| deadline.saturating_duration_since(tokio::time::Instant::now()));
            if time_left.is_some_and(|left| wait >= left) {
                // Sleeping would end in the caller's bare timeout: the token
                // endpoint's answer (status, `Retry-After`) tells it more.
                tracing::warn!(
                    attempt,
                    ?wait,
                    status = error.status().map(|s| s.as_u16()),
                    "token request failed; the wait before a retry outlasts the caller's deadline, not retrying"
                );
                return Err(error);
            }
            tracing::warn!(attempt, ?wait, error = %error, "token request failed; retrying");
            tokio::time::sleep(wait).await;
        }
    }
}

/// Splits a failure into the error for the caller whose fetch it was and the
/// one shared with the others. An [`Error::Auth`] is copied field by field:
/// the fetching caller keeps the original (its source chain typed, so it can
/// be downcast), the shared copy's source chain is the same text. Any other
/// error is shared as it is, and the fetching caller gets it shared too.
fn share(error: Error) -> (Error, Arc<Error>) {
    match error {
        Error::Auth(auth) => {
            let copy = AuthError {
                message: auth.message.clone(),
                status: auth.status,
                oauth_error: auth.oauth_error.clone(),
                description: auth.description.clone(),
                retry_after: auth.retry_after,
                timed_out: auth.timed_out,
                retryable: auth.retryable,
                source: auth
                    .source
                    .as_deref()
                    .map(|s| Box::new(SourceText::of(s)) as crate::error::BoxError),
            };
            (Error::Auth(auth), Arc::new(copy.into_error()))
        }
        Error::Shared(shared) => (Error::Shared(shared.clone()), shared),
        other => {
            let shared = Arc::new(other);
            (Error::Shared(shared.clone()), shared)
        }
    }
}

/// The text of an error and of its sources, as a chain of errors.
#[derive(Debug)]
struct SourceText {
    text: String,
    source: Option<Box<SourceText>>,
}

impl SourceText {
    fn of(error: &(dyn std::error::Error + 'static)) -> Self {
        SourceText {
            text: error.to_string(),
            source: error.source().map(|s| Box::new(SourceText::of(s))),
        }
    }
}

impl std::fmt::Display for SourceText {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.text)
    }
}

impl std::error::Error for SourceText {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        self.source
            .as_deref()
            .map(|s| s as &(dyn std::error::Error + 'static))
    }
}
