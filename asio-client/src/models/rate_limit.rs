use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use super::common::Extra;

/// `GET /v1/rate_limits`: every bucket by group (`topology`, `asset`, …) and name.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
#[non_exhaustive]
pub struct RateLimits {
    /// Buckets by group, then by bucket name.
    pub resources: BTreeMap<String, BTreeMap<String, RateLimitBucket>>,
    /// Other fields.
    #[serde(flatten)]
    pub extra: Extra,
}

/// One rate-limit bucket.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
#[non_exhaustive]
pub struct RateLimitBucket {
    /// Requests allowed in the window.
    #[serde(deserialize_with = "neo_auth_core::lenient::opt_i64")]
    pub limit: Option<i64>,
    /// Requests left.
    #[serde(deserialize_with = "neo_auth_core::lenient::opt_i64")]
    pub remaining: Option<i64>,
    /// When the window resets (epoch seconds).
    #[serde(deserialize_with = "neo_auth_core::lenient::opt_i64")]
    pub reset: Option<i64>,
}

impl RateLimits {
    /// Every bucket as `(group, bucket, numbers)`.
    pub fn buckets(&self) -> impl Iterator<Item = (&str, &str, &RateLimitBucket)> {
        self.resources.iter().flat_map(|(group, buckets)| {
            buckets
                .iter()
                .map(move |(name, bucket)| (group.as_str(), name.as_str(), bucket))
        })
    }
}
