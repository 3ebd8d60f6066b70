//! [`RedisTokenStore`]: one credential's token shared through Redis.

use std::fmt;
use std::sync::Arc;
use std::time::Duration;

use chacha20poly1305::aead::OsRng;
use chacha20poly1305::aead::rand_core::RngCore;
use secrecy::{ExposeSecret, SecretString};
use serde::{Deserialize, Serialize};

use super::shared::{RedisShared, WhenRedisDown};
use crate::auth::token::{AccessToken, BoxFuture};
use crate::auth::token_store::{LockFence, StoredToken, TokenStore};
use crate::error::Result;

/// Reads the value and what is left of its life in one round trip.
const LOAD: &str = r"
local value = redis.call('GET', KEYS[1])
if not value then return false end
return {value, redis.call('PTTL', KEYS[1])}
";

/// Publishes unless another replica holds the lock (ARGV[3]: our fence, or
/// empty when we hold none).
const PUBLISH: &str = r"
local holder = redis.call('GET', KEYS[2])
if holder and holder ~= ARGV[3] then return 0 end
redis.call('SET', KEYS[1], ARGV[1], 'PX', ARGV[2])
return 1
";

/// Deletes KEYS[1] only while it still holds ARGV[1] (the lock's fence, or
/// the rejected token).
const COMPARE_AND_DELETE: &str = r"
if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end
return 0
";

/// What is sealed in Redis.
#[derive(Serialize, Deserialize)]
struct Record {
    /// The access token.
    t: String,
    /// The token type.
    ty: String,
    /// Granted scopes, when the response had them.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    s: Option<Vec<String>>,
    /// The lifetime it was published with, in milliseconds.
    life: u64,
}

/// A [`TokenStore`] in Redis for one credential, from
/// [`RedisShared::token_store`]. The value is sealed (see [`RedisShared`]) and
/// bound to its key; the lock is `SET NX PX` with a random fence.
#[derive(Clone)]
pub struct RedisTokenStore {
    shared: RedisShared,
    key: String,
    lock_key: String,
    load: Arc<redis::Script>,
    publish: Arc<redis::Script>,
    compare_and_delete: Arc<redis::Script>,
}

impl RedisShared {
    /// The token store of one credential, keyed by `credential` (for example
    /// a [`TokenSource::shared_key`](crate::TokenSource::shared_key): vendor,
    /// token URL, client id — never a secret). The key is hashed.
    pub fn token_store(&self, credential: &str) -> RedisTokenStore {
        RedisTokenStore::new(
            self.clone(),
            self.key("token", credential),
            self.key("token-lock", credential),
        )
    }
}

impl RedisTokenStore {
    pub(crate) fn new(shared: RedisShared, key: String, lock_key: String) -> Self {
        RedisTokenStore {
            shared,
            key,
            lock_key,
            load: Arc::new(redis::Script::new(LOAD)),
            publish: Arc::new(redis::Script::new(PUBLISH)),
            compare_and_delete: Arc::new(redis::Script::new(COMPARE_AND_DELETE)),
        }
    }

    /// The Redis key the sealed token is kept under (`<namespace>:token:{<hash>}`).
    pub fn key(&self) -> &str {
        &self.key
    }

    /// The Redis key of the fetch lock (`<namespace>:token-lock:{<hash>}`).
    pub fn lock_key(&self) -> &str {
        &self.lock_key
    }

    fn open(&self, value: &[u8], ttl_ms: i64) -> Option<StoredToken> {
        let opened = match self.shared.sealing().open(self.key.as_bytes(), value) {
            Ok(opened) => opened,
            Err(error) => {
                tracing::warn!(key = %self.key, error = %error, "the shared token in Redis is unreadable; fetching a new one");
                return None;
            }
        };
        let record: Record = match serde_json::from_slice(&opened) {
            Ok(record) => record,
            Err(_) => {
                tracing::warn!(key = %self.key, "the shared token in Redis is not a token record; fetching a new one");
                return None;
            }
        };
        // PTTL: -1 no expiry, -2 gone meanwhile.
        let left = match ttl_ms {
            -2 => return None,
            -1 => None,
            ms => Some(Duration::from_millis(u64::try_from(ms).unwrap_or(0))),
        };
        let mut token =
            AccessToken::bearer(SecretString::from(record.t), left).with_scopes(record.s);
        token.token_type = record.ty;
        Some(StoredToken {
            token,
            stamp: Arc::from(value),
            lifetime: Duration::from_millis(record.life),
        })
    }
}

impl fmt::Debug for RedisTokenStore {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("RedisTokenStore")
            .field("redis", &self.shared)
            .field("key", &self.key)
            .finish_non_exhaustive()
    }
}

fn millis(duration: Duration) -> u64 {
    u64::try_from(duration.as_millis())
        .unwrap_or(u64::MAX)
        .max(1)
}

impl TokenStore for RedisTokenStore {
    fn load(&self) -> BoxFuture<'_, Result<Option<StoredToken>>> {
        Box::pin(async move {
            let found: Option<(Vec<u8>, i64)> = self
                .shared
                .run("reading the shared token", |mut connection| async move {
                    self.load.key(&self.key).invoke_async(&mut connection).await
                })
                .await?;
            Ok(found.and_then(|(value, ttl)| self.open(&value, ttl)))
        })
    }

    fn try_lock(&self) -> BoxFuture<'_, Result<Option<LockFence>>> {
        Box::pin(async move {
            let mut bytes = [0u8; 16];
            OsRng.fill_bytes(&mut bytes);
            let fence: String = bytes.iter().map(|b| format!("{b:02x}")).collect();
            let ttl = millis(self.shared.lock_ttl());
            let taken: Option<String> = self
                .shared
                .run("taking the token lock", |mut connection| {
                    let fence = fence.clone();
                    async move {
                        redis::cmd("SET")
                            .arg(&self.lock_key)
                            .arg(fence)
                            .arg("NX")
                            .arg("PX")
                            .arg(ttl)
                            .query_async(&mut connection)
                            .await
                    }
                })
                .await?;
            Ok(taken.map(|_| LockFence::new(fence)))
        })
    }

    fn publish<'a>(
        &'a self,
        token: &'a AccessToken,
        lifetime: Duration,
        fence: Option<&'a LockFence>,
    ) -> BoxFuture<'a, Result<Option<Arc<[u8]>>>> {
        Box::pin(async move {
            let record = Record {
                t: token.secret.expose_secret().to_owned(),
                ty: token.token_type.clone(),
                s: token.scopes.clone(),
                life: millis(lifetime),
            };
            let plain = serde_json::to_vec(&record).map_err(|error| {
                crate::Error::config(format!("the token record could not be written: {error}"))
            })?;
            let value = self.shared.sealing().seal(self.key.as_bytes(), &plain)?;
            let published: i64 = self
                .shared
                .run("publishing the shared token", |mut connection| {
                    let value = value.clone();
                    async move {
                        self.publish
                            .key(&self.key)
                            .key(&self.lock_key)
                            .arg(value)
                            .arg(millis(lifetime))
                            .arg(fence.map_or("", LockFence::value))
                            .invoke_async(&mut connection)
                            .await
                    }
                })
                .await?;
            Ok((published == 1).then(|| Arc::from(value)))
        })
    }

    fn unlock<'a>(&'a self, fence: &'a LockFence) -> BoxFuture<'a, Result<()>> {
        Box::pin(async move {
            let _: i64 = self
                .shared
                .run("releasing the token lock", |mut connection| async move {
                    self.compare_and_delete
                        .key(&self.lock_key)
                        .arg(fence.value())
                        .invoke_async(&mut connection)
                        .await
                })
                .await?;
            Ok(())
        })
    }

    fn invalidate<'a>(&'a self, stamp: &'a [u8]) -> BoxFuture<'a, Result<bool>> {
        Box::pin(async move {
            let deleted: i64 = self
                .shared
                .run(
                    "invalidating the shared token",
                    |mut connection| async move {
                        self.compare_and_delete
                            .key(&self.key)
                            .arg(stamp)
                            .invoke_async(&mut connection)
                            .await
                    },
                )
                .await?;
            Ok(deleted == 1)
        })
    }

    fn wait(&self) -> Duration {
        self.shared.wait()
    }

    fn fail_when_unavailable(&self) -> bool {
        self.shared.when_down() == WhenRedisDown::Fail
    }
}
