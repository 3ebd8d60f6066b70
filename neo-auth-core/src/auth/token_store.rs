//! [`TokenStore`]: where a [`TokenCache`](crate::TokenCache) shares its token
//! with other processes (replicas of one service).
//!
//! See [`TokenStore`].

use std::fmt;
use std::future::Future;
use std::sync::Arc;
use std::time::Duration;

use crate::auth::token::{AccessToken, BoxFuture};
use crate::error::Result;

/// A token read from a [`TokenStore`].
#[derive(Clone, Debug)]
#[non_exhaustive]
pub struct StoredToken {
    /// The token; its `expires_in` is what is left of its life in the store.
    pub token: AccessToken,
    /// The stored value, as the store holds it (sealed): identifies this token
    /// for a compare-and-delete ([`TokenStore::invalidate`]).
    pub stamp: Arc<[u8]>,
    /// The lifetime it was published with.
    pub lifetime: Duration,
}

impl StoredToken {
    /// Whether enough of its life is left to take it rather than refresh:
    /// more than `min_left`, or than half its lifetime if that is less.
    pub fn is_fresh(&self, min_left: Duration) -> bool {
        let left = self.token.expires_in.unwrap_or(Duration::ZERO);
        left > min_left.min(self.lifetime / 2)
    }
}

/// The proof of holding a [`TokenStore`]'s lock: a random fencing value.
#[derive(Clone, PartialEq, Eq)]
pub struct LockFence(String);

impl LockFence {
    /// A fence with this value (a store's own random value).
    pub fn new(value: impl Into<String>) -> Self {
        LockFence(value.into())
    }

    /// The fencing value.
    pub fn value(&self) -> &str {
        &self.0
    }
}

impl fmt::Debug for LockFence {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("LockFence(..)")
    }
}

/// Shared storage of one credential's token, across processes.
///
/// The in-process cache is the default and needs no store: it keeps one token
/// per credential with single flight inside the process. With a store (the
/// `redis` feature's `RedisTokenStore`), every replica still reads its local
/// copy first — the hot path never touches the store while the token is fresh
/// — and only a local miss goes to the store:
///
/// 1. a fresh published token is taken as it is;
/// 2. otherwise the replica tries the store's short lock; the holder fetches
///    one token and publishes it (fenced: only while it still holds the lock,
///    or nobody does);
/// 3. the others poll for the published token, retrying the lock (its holder
///    may have died and the lock expired), for at most
///    [`wait`](TokenStore::wait); then they fetch for themselves rather than
///    hang.
///
/// A 401 invalidates the shared token only if it is still the rejected one
/// (compare-and-delete on the stored value).
///
/// When the store fails, the cache fetches on its own (and the store logs one
/// warning per outage) unless [`fail_when_unavailable`](TokenStore::fail_when_unavailable).
pub trait TokenStore: Send + Sync + fmt::Debug {
    /// The published token, if any (an unreadable or tampered value counts as
    /// none, and is logged).
    fn load(&self) -> BoxFuture<'_, Result<Option<StoredToken>>>;

    /// Takes the fetch lock if nobody holds it (`None`: somebody does).
    fn try_lock(&self) -> BoxFuture<'_, Result<Option<LockFence>>>;

    /// Publishes `token` for `lifetime`, if `fence` still holds the lock or
    /// nobody holds it; returns the stored value (`None`: another replica
    /// holds the lock, nothing was published).
    fn publish<'a>(
        &'a self,
        token: &'a AccessToken,
        lifetime: Duration,
        fence: Option<&'a LockFence>,
    ) -> BoxFuture<'a, Result<Option<Arc<[u8]>>>>;

    /// Releases the lock if `fence` still holds it.
    fn unlock<'a>(&'a self, fence: &'a LockFence) -> BoxFuture<'a, Result<()>>;

    /// Deletes the published token if it is still `stamp` (the rejected one);
    /// whether it was deleted.
    fn invalidate<'a>(&'a self, stamp: &'a [u8]) -> BoxFuture<'a, Result<bool>>;

    /// The longest a replica waits for another's token before fetching itself.
    fn wait(&self) -> Duration;

    /// Whether a failing store fails the token request (`true`) or the cache
    /// fetches on its own (`false`, the default).
    fn fail_when_unavailable(&self) -> bool {
        false
    }
}

/// The pause between two looks at the store while another replica fetches.
const POLL: Duration = Duration::from_millis(20);

/// One token for this process, through `store`: the published one, or one
/// fetched by `fetch` (by the lock holder, or by this process after the
/// bounded wait). `min_ttl`: the least life a published token must have left;
/// `rejected`: a value the API refused (never taken); `lifetime_of`: how long
/// a fetched token is published for. The stamp is `None` when nothing was
/// published.
pub(crate) async fn obtain_shared<F, Fut>(
    store: &dyn TokenStore,
    min_ttl: Duration,
    rejected: Option<Arc<[u8]>>,
    lifetime_of: impl Fn(&AccessToken) -> Duration,
    fetch: F,
) -> Result<(AccessToken, Option<Arc<[u8]>>)>
where
    F: FnOnce() -> Fut,
    Fut: Future<Output = Result<AccessToken>>,
{
    let give_up_at = tokio::time::Instant::now() + store.wait();
    let usable = |found: Option<StoredToken>| {
        found.filter(|stored| {
            stored.is_fresh(min_ttl) && rejected.as_deref() != Some(&stored.stamp[..])
        })
    };
    let fence = loop {
        match store.load().await {
            Ok(found) => {
                if let Some(stored) = usable(found) {
                    return Ok((stored.token, Some(stored.stamp)));
                }
            }
            Err(error) => return fetch_alone(store, error, fetch).await,
        }
        match store.try_lock().await {
            Ok(Some(fence)) => break Some(fence),
            Ok(None) => {}
            Err(error) => return fetch_alone(store, error, fetch).await,
        }
        if tokio::time::Instant::now() >= give_up_at {
            tracing::warn!(
                wait = ?store.wait(),
                "no shared token was published within the wait (the replica holding the lock may have died); fetching one here"
            );
            break None;
        }
        let jitter = Duration::from_millis(fastrand::u64(0..=10));
        tokio::time::sleep(POLL + jitter).await;
    };
    if fence.is_some()
        && let Ok(Some(stored)) = store.load().await.map(usable)
    {
        // Published between our look and our lock.
        if let Some(fence) = &fence {
            let _ = store.unlock(fence).await;
        }
        return Ok((stored.token, Some(stored.stamp)));
    }
    let fetched = fetch().await;
    let outcome = match fetched {
        Ok(token) => {
            let stamp = store
                .publish(&token, lifetime_of(&token), fence.as_ref())
                .await
                .unwrap_or(None);
            Ok((token, stamp))
        }
        Err(error) => Err(error),
    };
    if let Some(fence) = &fence {
        let _ = store.unlock(fence).await;
    }
    outcome
}

/// The store failed: fetch here (not published), or fail if so configured.
async fn fetch_alone<F, Fut>(
    store: &dyn TokenStore,
    error: crate::Error,
    fetch: F,
) -> Result<(AccessToken, Option<Arc<[u8]>>)>
where
    F: FnOnce() -> Fut,
    Fut: Future<Output = Result<AccessToken>>,
{
    if store.fail_when_unavailable() {
        return Err(error);
    }
    fetch().await.map(|token| (token, None))
}

#[cfg(test)]
mod tests {
    use std::sync::Mutex;
    use std::sync::atomic::{AtomicUsize, Ordering};

    use secrecy::{ExposeSecret, SecretString};

    use super::*;
    use crate::error::Error;

    /// An in-memory store; `fail`: every call errs.
    #[derive(Debug, Default)]
    struct Memory {
        value: Mutex<Option<(String, Arc<[u8]>)>>,
        fail: bool,
        fail_mode: bool,
    }

    impl TokenStore for Memory {
        fn load(&self) -> BoxFuture<'_, Result<Option<StoredToken>>> {
            Box::pin(async move {
                if self.fail {
                    return Err(Error::config("store down"));
                }
                Ok(self
                    .value
                    .lock()
                    .unwrap()
                    .clone()
                    .map(|(t, stamp)| StoredToken {
                        token: AccessToken::bearer(
                            SecretString::from(t),
                            Some(Duration::from_secs(3000)),
                        ),
                        stamp,
                        lifetime: Duration::from_secs(3600),
                    }))
            })
        }
        fn try_lock(&self) -> BoxFuture<'_, Result<Option<LockFence>>> {
            Box::pin(async { Ok(Some(LockFence::new("f"))) })
        }
        fn publish<'a>(
            &'a self,
            token: &'a AccessToken,
            _: Duration,
            _: Option<&'a LockFence>,
        ) -> BoxFuture<'a, Result<Option<Arc<[u8]>>>> {
            Box::pin(async move {
                let value = token.secret.expose_secret().to_owned();
                let stamp: Arc<[u8]> = Arc::from(value.as_bytes());
                *self.value.lock().unwrap() = Some((value, stamp.clone()));
                Ok(Some(stamp))
            })
        }
        fn unlock<'a>(&'a self, _: &'a LockFence) -> BoxFuture<'a, Result<()>> {
            Box::pin(async { Ok(()) })
        }
        fn invalidate<'a>(&'a self, _: &'a [u8]) -> BoxFuture<'a, Result<bool>> {
            Box::pin(async { Ok(false) })
        }
        fn wait(&self) -> Duration {
            Duration::from_secs(1)
        }
        fn fail_when_unavailable(&self) -> bool {
            self.fail_mode
        }
    }

    async fn obtain(
        store: &Memory,
        rejected: Option<Arc<[u8]>>,
        fetches: &AtomicUsize,
    ) -> Result<(AccessToken, Option<Arc<[u8]>>)> {
        obtain_shared(
            store,
            Duration::from_secs(60),
            rejected,
            |_| Duration::from_secs(3600),
            || async {
                let n = fetches.fetch_add(1, Ordering::SeqCst) + 1;
                Ok(AccessToken::bearer(
                    SecretString::from(format!("fetched-{n}")),
                    None,
                ))
            },
        )
        .await
    }

    #[tokio::test]
    async fn a_published_token_is_taken_and_a_rejected_one_is_not() {
        let store = Memory::default();
        let fetches = AtomicUsize::new(0);
        let (first, stamp) = obtain(&store, None, &fetches).await.unwrap();
        assert_eq!(first.secret.expose_secret(), "fetched-1");
        let (again, _) = obtain(&store, None, &fetches).await.unwrap();
        assert_eq!(again.secret.expose_secret(), "fetched-1");
        assert_eq!(fetches.load(Ordering::SeqCst), 1);
        let (next, _) = obtain(&store, stamp, &fetches).await.unwrap();
        assert_eq!(
            next.secret.expose_secret(),
            "fetched-2",
            "the rejected token is not taken"
        );
    }

    #[tokio::test]
    async fn a_failing_store_fetches_locally_unless_set_to_fail() {
        let fetches = AtomicUsize::new(0);
        let down = Memory {
            fail: true,
            ..Memory::default()
        };
        let (token, stamp) = obtain(&down, None, &fetches).await.unwrap();
        assert_eq!(token.secret.expose_secret(), "fetched-1");
        assert!(stamp.is_none(), "not published");
        let failing = Memory {
            fail: true,
            fail_mode: true,
            ..Memory::default()
        };
        assert!(obtain(&failing, None, &fetches).await.is_err());
        assert_eq!(fetches.load(Ordering::SeqCst), 1);
    }

    #[test]
    fn freshness_is_bounded_by_half_the_lifetime() {
        let stored = |left: u64, life: u64| StoredToken {
            token: AccessToken::bearer(SecretString::from("t"), Some(Duration::from_secs(left))),
            stamp: Arc::from(&b"t"[..]),
            lifetime: Duration::from_secs(life),
        };
        assert!(stored(200, 3600).is_fresh(Duration::from_secs(150)));
        assert!(!stored(100, 3600).is_fresh(Duration::from_secs(150)));
        // A short-lived token is taken while more than half its life is left.
        assert!(stored(70, 120).is_fresh(Duration::from_secs(150)));
        assert!(!stored(50, 120).is_fresh(Duration::from_secs(150)));
    }
}
