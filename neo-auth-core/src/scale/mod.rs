//! Scale-out through Redis (the `redis` feature); documented in the crate docs
//! ("Several replicas") and on [`RedisShared`].

mod redis_budget;
mod redis_token_store;
mod seal;
mod shared;

pub use redis_budget::RedisBudget;
pub use redis_token_store::RedisTokenStore;
pub use seal::SealKey;
pub use shared::{RedisShared, RedisSharedBuilder, WhenRedisDown};
