//! [`RedisShared`]: one Redis connection (and its settings) for the token
//! stores and rate budgets that replicas share.

use std::fmt;
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::Duration;

use redis::aio::{ConnectionManager, ConnectionManagerConfig};
use secrecy::{ExposeSecret, SecretString};
use sha2::{Digest, Sha256};
use url::Url;

use super::seal::{SealKey, Sealing};
use crate::error::redact::KnownSecrets;
use crate::error::{AuthError, Error, Result};

/// What a client does while Redis is unavailable.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
#[non_exhaustive]
pub enum WhenRedisDown {
    /// Keep working on the local token cache and rate budget (one warning per
    /// outage), and share again once Redis is back. The default.
    #[default]
    UseLocal,
    /// Fail the call (the token fetch or the request) instead.
    Fail,
}

/// The state replicas share through Redis: a lazily opened, self-healing
/// connection ([`redis`]'s connection manager), the seal of tokens at rest and
/// the outage policy. Cheap to clone; build it once per process and give it
/// to every client builder ([`CommonConfig::with_redis`](crate::CommonConfig::with_redis)).
///
/// The URL is a secret when it has a password: it is shown (Debug, Display,
/// errors, logs) with the password redacted. `rediss://` connects over TLS
/// (rustls, the webpki roots).
///
/// ```
/// use neo_auth_core::{RedisShared, SealKey};
/// use secrecy::SecretString;
/// # fn main() -> neo_auth_core::Result<()> {
/// let shared = RedisShared::builder(SecretString::from("rediss://:hunter2-pass@redis.internal:6380/0"))
///     .seal_key(SealKey::from_bytes([7; 32]))
///     .build()?;
/// assert!(!format!("{shared:?} {shared}").contains("hunter2-pass"));
/// // Without a seal key, plaintext must be asked for:
/// assert!(RedisShared::builder(SecretString::from("redis://127.0.0.1")).build().is_err());
/// # Ok(()) }
/// ```
#[derive(Clone)]
pub struct RedisShared {
    inner: Arc<Inner>,
}

struct Inner {
    shown: String,
    client: redis::Client,
    connection: tokio::sync::OnceCell<ConnectionManager>,
    sealing: Sealing,
    namespace: String,
    when_down: WhenRedisDown,
    lock_ttl: Duration,
    wait: Duration,
    command_timeout: Duration,
    probe_interval: Duration,
    secrets: KnownSecrets,
    /// The outage state, counted in transitions: even while Redis is up, odd
    /// while it is down (see [`RedisShared::run`]).
    outages: AtomicU64,
    /// When the next command may try Redis during an outage, in milliseconds
    /// since `started`; the others fail at once meanwhile.
    next_probe: AtomicU64,
    started: std::time::Instant,
}

/// Builds a [`RedisShared`].
#[must_use]
pub struct RedisSharedBuilder {
    url: SecretString,
    seal_key: Option<SealKey>,
    plaintext: bool,
    namespace: String,
    when_down: WhenRedisDown,
    lock_ttl: Duration,
    wait: Duration,
    command_timeout: Duration,
    probe_interval: Duration,
    tls_root: Option<Vec<u8>>,
    tls_client: Option<(Vec<u8>, SecretString)>,
}

impl fmt::Debug for RedisSharedBuilder {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("RedisSharedBuilder")
            .field("url", &shown_url(self.url.expose_secret()))
            .field("seal_key", &self.seal_key)
            .field("plaintext", &self.plaintext)
            .field("namespace", &self.namespace)
            .field("when_down", &self.when_down)
            .field("lock_ttl", &self.lock_ttl)
            .field("wait", &self.wait)
            .field("command_timeout", &self.command_timeout)
            .field("probe_interval", &self.probe_interval)
            .field("tls_root_certificate", &self.tls_root.is_some())
            .field("tls_client_certificate", &self.tls_client.is_some())
            .finish()
    }
}

impl RedisSharedBuilder {
    /// Seals tokens at rest under `key` (XChaCha20-Poly1305). Required unless
    /// [`plaintext`](Self::plaintext) is chosen.
    pub fn seal_key(mut self, key: SealKey) -> Self {
        self.seal_key = Some(key);
        self
    }

    /// Stores tokens in Redis unsealed (only where Redis itself is trusted
    /// with them). Ignored when a [`seal_key`](Self::seal_key) is set.
    pub fn plaintext(mut self) -> Self {
        self.plaintext = true;
        self
    }

    /// Prefixes every key (default `neo`): separates environments sharing one Redis.
    pub fn namespace(mut self, namespace: impl Into<String>) -> Self {
        self.namespace = namespace.into();
        self
    }

    /// What to do while Redis is unavailable (default: [`WhenRedisDown::UseLocal`]).
    pub fn when_down(mut self, when_down: WhenRedisDown) -> Self {
        self.when_down = when_down;
        self
    }

    /// How long the fetch lock lives if its holder dies (default 10 s).
    pub fn lock_ttl(mut self, ttl: Duration) -> Self {
        self.lock_ttl = ttl;
        self
    }

    /// The longest a replica waits for another's token before fetching one
    /// itself (default 15 s).
    pub fn wait(mut self, wait: Duration) -> Self {
        self.wait = wait;
        self
    }

    /// The timeout of one Redis command and of connecting (default 2 s).
    pub fn command_timeout(mut self, timeout: Duration) -> Self {
        self.command_timeout = timeout;
        self
    }

    /// While Redis is unavailable, how often one command tries it again
    /// (default 1 s); the others meanwhile go local (or fail) at once
    /// instead of each waiting for a connection.
    pub fn probe_interval(mut self, interval: Duration) -> Self {
        self.probe_interval = interval;
        self
    }

    /// Trusts this CA certificate (PEM) for a `rediss://` server instead of
    /// the webpki roots: for a Redis whose certificate a private CA issued.
    pub fn tls_root_certificate(mut self, pem: impl Into<Vec<u8>>) -> Self {
        self.tls_root = Some(pem.into());
        self
    }

    /// Presents this client certificate and key (PEM) to a `rediss://` server
    /// that asks for one (mutual TLS, Redis's `tls-auth-clients yes`).
    pub fn tls_client_certificate(
        mut self,
        certificate_pem: impl Into<Vec<u8>>,
        key_pem: SecretString,
    ) -> Self {
        self.tls_client = Some((certificate_pem.into(), key_pem));
        self
    }

    /// Checks the settings; connects on first use, not here.
    pub fn build(self) -> Result<RedisShared> {
        let raw = self.url.expose_secret();
        let shown = shown_url(raw);
        let parsed = Url::parse(raw)
            .map_err(|_| Error::config(format!("the Redis URL `{shown}` is not a valid URL")))?;
        if !matches!(parsed.scheme(), "redis" | "rediss") {
            return Err(Error::config(format!(
                "the Redis URL `{shown}` must start with redis:// or rediss:// (TLS)"
            )));
        }
        let mut secrets = KnownSecrets::new();
        if let Some(password) = parsed.password() {
            secrets.push(&SecretString::from(password.to_owned()));
            if let Ok(decoded) = percent_decode(password) {
                secrets.push(&SecretString::from(decoded));
            }
        }
        let unusable = |error: redis::RedisError| {
            Error::config(format!(
                "the Redis URL `{shown}` is not usable: {}",
                secrets.mask(&error.to_string())
            ))
        };
        let client = if self.tls_root.is_some() || self.tls_client.is_some() {
            if parsed.scheme() != "rediss" {
                return Err(Error::config(format!(
                    "TLS certificates are set but the Redis URL `{shown}` is not rediss://"
                )));
            }
            for (what, pem) in [
                ("root certificate", self.tls_root.as_deref()),
                (
                    "client certificate",
                    self.tls_client.as_ref().map(|(c, _)| c.as_slice()),
                ),
            ] {
                if let Some(pem) = pem
                    && !has_certificate(pem)
                {
                    return Err(Error::config(format!(
                        "the Redis TLS {what} holds no PEM certificate"
                    )));
                }
            }
            let certificates = redis::TlsCertificates {
                client_tls: self
                    .tls_client
                    .map(|(certificate, key)| redis::ClientTlsConfig {
                        client_cert: certificate,
                        client_key: key.expose_secret().as_bytes().to_vec(),
                    }),
                root_cert: self.tls_root,
            };
            redis::Client::build_with_tls(raw, certificates).map_err(|error| {
                Error::config(format!(
                    "the TLS certificates for the Redis at `{shown}` are not usable: {}",
                    secrets.mask(&error.to_string())
                ))
            })?
        } else {
            redis::Client::open(raw).map_err(unusable)?
        };
        let sealing = match (&self.seal_key, self.plaintext) {
            (Some(key), _) => Sealing::sealed(key),
            (None, true) => Sealing::Plaintext,
            (None, false) => {
                return Err(Error::config(
                    "the shared token store needs a seal key (RedisSharedBuilder::seal_key) or an explicit RedisSharedBuilder::plaintext()",
                ));
            }
        };
        if self.namespace.trim().is_empty() {
            return Err(Error::config("the Redis key namespace must not be empty"));
        }
        for (what, value) in [
            ("lock TTL", self.lock_ttl),
            ("wait", self.wait),
            ("command timeout", self.command_timeout),
            ("probe interval", self.probe_interval),
        ] {
            if value < Duration::from_millis(1) {
                return Err(Error::config(format!(
                    "the Redis {what} must be at least 1 ms"
                )));
            }
        }
        Ok(RedisShared {
            inner: Arc::new(Inner {
                shown,
                client,
                connection: tokio::sync::OnceCell::new(),
                sealing,
                namespace: self.namespace,
                when_down: self.when_down,
                lock_ttl: self.lock_ttl,
                wait: self.wait,
                command_timeout: self.command_timeout,
                probe_interval: self.probe_interval,
                secrets,
                outages: AtomicU64::new(0),
                next_probe: AtomicU64::new(0),
                started: std::time::Instant::now(),
            }),
        })
    }
}

impl RedisShared {
    /// Starts a builder for the Redis at `url` (`redis://[:password@]host[:port][/db]`
    /// or `rediss://` for TLS).
    pub fn builder(url: impl Into<SecretString>) -> RedisSharedBuilder {
        RedisSharedBuilder {
            url: url.into(),
            seal_key: None,
            plaintext: false,
            namespace: "neo".to_owned(),
            when_down: WhenRedisDown::UseLocal,
            lock_ttl: Duration::from_secs(10),
            wait: Duration::from_secs(15),
            command_timeout: Duration::from_secs(2),
            probe_interval: Duration::from_secs(1),
            tls_root: None,
            tls_client: None,
        }
    }

    /// The Redis key of `kind` (`token`, `budget`, …) for `of` (a credential
    /// or tenant key, hashed: no identifier reaches Redis in the clear), in
    /// this store's namespace and hash slot `{…}`.
    pub(crate) fn key(&self, kind: &str, of: &str) -> String {
        format!("{}:{kind}:{{{}}}", self.inner.namespace, hashed(of))
    }

    /// The policy while Redis is unavailable.
    pub fn when_down(&self) -> WhenRedisDown {
        self.inner.when_down
    }

    pub(crate) fn sealing(&self) -> &Sealing {
        &self.inner.sealing
    }

    pub(crate) fn lock_ttl(&self) -> Duration {
        self.inner.lock_ttl
    }

    pub(crate) fn wait(&self) -> Duration {
        self.inner.wait
    }

    /// Runs one command (`run` over a connection), with the command timeout,
    /// tracking outages: the first failure logs a warning, the first success
    /// after it an info line. Errors are masked (no password).
    ///
    /// Only a command that started while Redis was up can declare an outage,
    /// and only one that started during the outage can end it: an answer
    /// that was on its way when Redis died does not count as Redis being
    /// back (which would warn twice for one outage). During an outage one
    /// command per probe interval tries Redis; the others fail at once, so a
    /// client on its local cache and budget does not wait on Redis per call.
    pub(crate) async fn run<T, F, Fut>(&self, what: &str, run: F) -> Result<T>
    where
        F: FnOnce(ConnectionManager) -> Fut,
        Fut: std::future::Future<Output = redis::RedisResult<T>>,
    {
        let state = self.inner.outages.load(Ordering::Acquire);
        if state % 2 == 1 && !self.take_probe() {
            let skipped = format!(
                "not tried: it is down, and one command tries it every {:?}",
                self.inner.probe_interval
            );
            return Err(self.unavailable(what, &skipped));
        }
        let timeout = self.inner.command_timeout;
        let outcome = tokio::time::timeout(timeout, async {
            let connection = self
                .inner
                .connection
                .get_or_try_init(|| {
                    let config = ConnectionManagerConfig::new()
                        .set_connection_timeout(timeout)
                        .set_response_timeout(timeout)
                        .set_number_of_retries(1)
                        .set_max_delay(500);
                    ConnectionManager::new_with_config(self.inner.client.clone(), config)
                })
                .await?
                .clone();
            run(connection).await
        })
        .await;
        let error = match outcome {
            Ok(Ok(value)) => {
                if self.transition(state, true) {
                    tracing::info!(redis = %self.inner.shown, "Redis is reachable again; tokens and rate budgets are shared again");
                }
                return Ok(value);
            }
            Ok(Err(error)) => self.inner.secrets.mask(&error.to_string()),
            Err(_) => format!("no answer within {timeout:?}"),
        };
        let went_down = self.transition(state, false);
        if went_down || state % 2 == 1 {
            // Redis is tried again one interval from now.
            self.inner.next_probe.store(
                self.millis_since_start()
                    .saturating_add(self.probe_millis()),
                Ordering::Release,
            );
        }
        if went_down {
            match self.inner.when_down {
                WhenRedisDown::UseLocal => tracing::warn!(
                    redis = %self.inner.shown,
                    error = %error,
                    "Redis is unavailable; using the local token cache and rate budget until it is back"
                ),
                WhenRedisDown::Fail => tracing::warn!(
                    redis = %self.inner.shown,
                    error = %error,
                    "Redis is unavailable; calls fail until it is back"
                ),
            }
        }
        Err(self.unavailable(what, &error))
    }

    /// The error of a command that Redis did not serve.
    fn unavailable(&self, what: &str, error: &str) -> Error {
        AuthError {
            retryable: true,
            ..AuthError::new(format!(
                "Redis at {} is unavailable ({what}): {error}",
                self.inner.shown
            ))
        }
        .into_error()
    }

    /// During an outage: whether this command is the one that tries Redis
    /// again now (one per probe interval).
    fn take_probe(&self) -> bool {
        let now = self.millis_since_start();
        let next = self.inner.next_probe.load(Ordering::Acquire);
        now >= next
            && self
                .inner
                .next_probe
                .compare_exchange(
                    next,
                    now.saturating_add(self.probe_millis()),
                    Ordering::AcqRel,
                    Ordering::Acquire,
                )
                .is_ok()
    }

    fn millis_since_start(&self) -> u64 {
        u64::try_from(self.inner.started.elapsed().as_millis()).unwrap_or(u64::MAX)
    }

    fn probe_millis(&self) -> u64 {
        u64::try_from(self.inner.probe_interval.as_millis()).unwrap_or(u64::MAX)
    }

    /// Moves the outage state on from `seen` (read when the command started)
    /// after a command that succeeded (`up`) or failed; whether this call made
    /// the transition (and so logs it).
    fn transition(&self, seen: u64, up: bool) -> bool {
        let was_down = seen % 2 == 1;
        was_down == up
            && self
                .inner
                .outages
                .compare_exchange(
                    seen,
                    seen.wrapping_add(1),
                    Ordering::AcqRel,
                    Ordering::Acquire,
                )
                .is_ok()
    }

    /// Whether Redis is taken to be unavailable (the last command that could
    /// tell failed): clients are on their local cache and budget meanwhile.
    pub fn is_down(&self) -> bool {
        self.inner.outages.load(Ordering::Acquire) % 2 == 1
    }
}

impl fmt::Debug for RedisShared {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("RedisShared")
            .field("url", &self.inner.shown)
            .field("sealing", &self.inner.sealing)
            .field("namespace", &self.inner.namespace)
            .field("when_down", &self.inner.when_down)
            .field("lock_ttl", &self.inner.lock_ttl)
            .field("wait", &self.inner.wait)
            .finish_non_exhaustive()
    }
}

impl fmt::Display for RedisShared {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Redis at {}", self.inner.shown)
    }
}

/// The URL with its password (if any) replaced; unparsable: only its scheme.
fn shown_url(raw: &str) -> String {
    match Url::parse(raw) {
        Ok(mut url) => {
            if url.password().is_some() {
                let _ = url.set_password(Some("***"));
            }
            url.to_string()
        }
        Err(_) => {
            let scheme = raw.split_once("://").map_or("?", |(scheme, _)| scheme);
            format!("{scheme}://(unparsable)")
        }
    }
}

fn percent_decode(text: &str) -> std::result::Result<String, std::str::Utf8Error> {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        match (bytes.get(i), bytes.get(i + 1), bytes.get(i + 2)) {
            (Some(b'%'), Some(h), Some(l)) if h.is_ascii_hexdigit() && l.is_ascii_hexdigit() => {
                let hex = [*h, *l];
                let value = std::str::from_utf8(&hex)
                    .ok()
                    .and_then(|s| u8::from_str_radix(s, 16).ok())
                    .unwrap_or(b'%');
                out.push(value);
                i += 3;
            }
            (Some(byte), _, _) => {
                out.push(*byte);
                i += 1;
            }
            (None, _, _) => break,
        }
    }
    String::from_utf8(out).map_err(|e| e.utf8_error())
}

/// Whether `pem` holds at least one certificate (the `redis` crate takes a
/// PEM without any as "trust nothing", which fails only at connect time).
fn has_certificate(pem: &[u8]) -> bool {
    use rustls::pki_types::CertificateDer;
    use rustls::pki_types::pem::PemObject;
    CertificateDer::pem_slice_iter(pem).any(|cert| cert.is_ok())
}

/// SHA-256 of `text`, hex: keys never hold what identifies a credential.
fn hashed(text: &str) -> String {
    Sha256::digest(text.as_bytes())
        .iter()
        .map(|byte| format!("{byte:02x}"))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn passwords_are_redacted() {
        assert_eq!(
            shown_url("redis://user:p%40ss-word@host:6379/1"),
            "redis://user:***@host:6379/1"
        );
        assert_eq!(shown_url("rediss://host"), "rediss://host");
        assert_eq!(shown_url("redis//:secret"), "?://(unparsable)");
        assert_eq!(percent_decode("p%40ss").unwrap(), "p@ss");
    }

    #[test]
    fn build_checks_the_settings() {
        let url = || SecretString::from("redis://:pw-123456@127.0.0.1:1/0");
        let no_seal = RedisShared::builder(url()).build().unwrap_err();
        assert!(no_seal.to_string().contains("seal key"), "{no_seal}");
        assert!(RedisShared::builder(url()).plaintext().build().is_ok());
        let scheme = RedisShared::builder(SecretString::from("http://:pw-123456@host"))
            .plaintext()
            .build()
            .unwrap_err()
            .to_string();
        assert!(
            scheme.contains("redis://") && !scheme.contains("pw-123456"),
            "{scheme}"
        );
        assert!(
            RedisShared::builder(url())
                .plaintext()
                .wait(Duration::ZERO)
                .build()
                .is_err()
        );
        assert!(
            RedisShared::builder(url())
                .plaintext()
                .namespace(" ")
                .build()
                .is_err()
        );
    }

    #[tokio::test]
    async fn during_an_outage_one_command_per_interval_tries_redis() {
        // Nothing listens on port 1: every connection is refused.
        let shared = RedisShared::builder(SecretString::from("redis://:pw-123456@127.0.0.1:1"))
            .plaintext()
            .probe_interval(Duration::from_secs(3600))
            .build()
            .unwrap();
        let store = shared.token_store("k");
        assert!(!shared.is_down());
        use crate::auth::token_store::TokenStore as _;
        let first = store.load().await.unwrap_err().to_string();
        assert!(shared.is_down());
        assert!(
            !first.contains("not tried") && !first.contains("pw-123456"),
            "{first}"
        );
        for _ in 0..3 {
            let skipped = store.load().await.unwrap_err().to_string();
            assert!(skipped.contains("not tried: it is down"), "{skipped}");
        }
        // Once the interval has passed, the next command tries again.
        shared.inner.next_probe.store(0, Ordering::Release);
        let probed = store.load().await.unwrap_err().to_string();
        assert!(!probed.contains("not tried"), "{probed}");
        assert!(
            store
                .load()
                .await
                .unwrap_err()
                .to_string()
                .contains("not tried")
        );
    }

    #[test]
    fn keys_are_hashed() {
        let shared = RedisShared::builder(SecretString::from("redis://127.0.0.1:1"))
            .plaintext()
            .build()
            .unwrap();
        let store = format!(
            "{:?}",
            shared.token_store("https://t.example/token|client-7")
        );
        assert!(!store.contains("client-7"), "{store}");
        assert!(store.contains("neo:token:{"), "{store}");
    }
}
