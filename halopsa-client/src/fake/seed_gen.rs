//! The seed's generator and helpers, shared by [`super::seed`] and
//! [`super::seed_more`] (a leaf, so the two do not import each other).

use std::time::{Duration, UNIX_EPOCH};

use serde_json::{Value, json};

/// A small deterministic generator (SplitMix64): the same config gives the same data.
#[derive(Debug)]
pub(crate) struct Rng(u64);

impl Rng {
    /// A generator from a fixed seed.
    pub(crate) fn new(seed: u64) -> Rng {
        Rng(seed)
    }

    /// The next 64 random bits.
    pub(crate) fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// A number in `0..n` (0 when `n` is 0).
    pub(crate) fn below(&mut self, n: usize) -> usize {
        if n == 0 {
            0
        } else {
            (self.next() % n as u64) as usize
        }
    }

    /// One of `items`.
    pub(crate) fn pick<'a>(&mut self, items: &[&'a str]) -> &'a str {
        items
            .get(self.below(items.len()))
            .copied()
            .unwrap_or_default()
    }

    /// One of `ids` as JSON, or `null` when there are none.
    pub(crate) fn pick_id(&mut self, ids: &[i64]) -> Value {
        ids.get(self.below(ids.len()))
            .map_or(Value::Null, |id| json!(id))
    }

    /// A UUID-looking string.
    pub(crate) fn uuid(&mut self) -> String {
        let (a, b) = (self.next(), self.next());
        format!(
            "{:08x}-{:04x}-4{:03x}-a{:03x}-{:012x}",
            a >> 32,
            (a >> 16) & 0xffff,
            a & 0xfff,
            b >> 52,
            b & 0xffff_ffff_ffff
        )
    }
}

/// `yyyy-MM-ddTHH:mm:ssZ` for seconds after 2024-01-01.
pub(crate) fn date(offset_secs: u64) -> String {
    crate::date::format_halo_time(UNIX_EPOCH + Duration::from_secs(1_704_067_200 + offset_secs))
}

/// The `i`-th (0-based) name of a pool, with a number added once the pool is used up.
pub(crate) fn name_at(pool: &[&str], i: usize) -> String {
    let base = pool.get(i % pool.len().max(1)).copied().unwrap_or("Record");
    match i / pool.len().max(1) {
        0 => base.to_owned(),
        n => format!("{base} {}", n + 1),
    }
}
