//! [`TokenStore`]: where a [`TokenCache`](crate::TokenCache) shares its token
//! with other processes (replicas of one service).
//!
//! The in-process cache is the default and needs no store: it keeps one token
//! per credential with single flight inside the process. With a store (the
//! `redis` feature's `RedisTokenStore`), every replica still reads its local
//! copy first — the hot path never touches the store while the token is fresh
//! — and only a local miss goes to the store:
//!
//! 1. a fresh published token is taken as it is;
//! 2. otherwise the replica tries the store's short lock; the holder fetches
//!    one token and publishes it (fenced: only while it still holds the lock,
//!    or nobody does);
//! 3. the others poll for the published token, retrying the lock (its holder
//!    may have died and the lock expired), for at most
//!    [`wait`](TokenStore::wait); then they fetch for themselves rather than
//!    hang.
//!
//! A 401 invalidates the shared token only if it is still the rejected one
//! (compare-and-delete on the stored value).
//!
//! When the store fails, the cache fetches on its own (and the store logs one
//! warning per outage) unless [`fail_when_unavailable`](TokenStore::fail_when_unavailable).

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

/// Shared storage of one credential's token, across processes. See the
/// [module docs](self) for how a [`TokenCache`](crate::TokenCache) uses it.
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
