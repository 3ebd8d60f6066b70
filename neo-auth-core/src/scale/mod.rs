//! Scale-out through Redis (the `redis` feature): N replicas of a service
//! share one token per credential and one rate budget per tenant.
//!
//! - [`RedisShared`]: the connection, the seal key and the outage policy;
//!   build one per process, from configuration every replica shares.
//! - [`RedisTokenStore`]: a [`TokenStore`](crate::TokenStore) — the local copy
//!   is read first, a miss takes the published token or, for exactly one
//!   replica, fetches and publishes it; sealed at rest (XChaCha20-Poly1305).
//! - [`RedisBudget`]: a [`SharedBudget`](crate::SharedBudget) — a rolling
//!   window per tenant, on Redis's clock, atomic in one Lua script.
//!
//! Turning it on for a vendor client is one line on its builder's
//! [`CommonConfig`](crate::CommonConfig):
//!
//! ```no_run
//! use neo_auth_core::{CommonConfig, RedisShared, SealKey};
//! use secrecy::SecretString;
//! # fn main() -> neo_auth_core::Result<()> {
//! let redis = RedisShared::builder(SecretString::from(std::env::var("NEO_REDIS_URL").unwrap_or_default()))
//!     .seal_key(SealKey::from_base64(&SecretString::from(std::env::var("NEO_TOKEN_SEAL_KEY").unwrap_or_default()))?)
//!     .build()?;
//! let config = CommonConfig::new().with_redis(redis);
//! # let _ = config; Ok(()) }
//! ```
//!
//! While Redis is unavailable the clients keep working on their local cache
//! and budget (one warning per outage) and share again once it is back;
//! [`WhenRedisDown::Fail`] makes them fail instead.

mod redis_budget;
mod redis_token_store;
mod seal;
mod shared;

pub use redis_budget::RedisBudget;
pub use redis_token_store::RedisTokenStore;
pub use seal::SealKey;
pub use shared::{RedisShared, RedisSharedBuilder, WhenRedisDown};
