//! A fast, non-cryptographic 64-bit hash for loop guards (page fingerprints,
//! record keys, page tokens): eight bytes per step, in the style of FxHash,
//! with a final avalanche so that nearby inputs land far apart.

const SEED: u64 = 0x51_7c_c1_b7_27_22_0a_95;

/// An incremental hasher (not `std::hash::Hasher`: no SipHash, no `Hash` impls).
#[derive(Clone, Copy, Debug)]
pub(crate) struct Fingerprinter {
    state: u64,
    len: u64,
}

impl Default for Fingerprinter {
    fn default() -> Self {
        Fingerprinter {
            state: 0xcbf2_9ce4_8422_2325,
            len: 0,
        }
    }
}

impl Fingerprinter {
    fn mix(&mut self, word: u64) {
        self.state = (self.state.rotate_left(5) ^ word).wrapping_mul(SEED);
    }

    /// Feeds bytes (the length is mixed in at the end, so `ab`+`c` and `a`+`bc`
    /// may collide, as they would for one concatenated buffer).
    pub(crate) fn write(&mut self, bytes: &[u8]) {
        let mut chunks = bytes.chunks_exact(8);
        for chunk in &mut chunks {
            let mut word = [0u8; 8];
            word.copy_from_slice(chunk);
            self.mix(u64::from_le_bytes(word));
        }
        let rest = chunks.remainder();
        if !rest.is_empty() {
            let mut word = [0u8; 8];
            word[..rest.len()].copy_from_slice(rest);
            self.mix(u64::from_le_bytes(word) ^ ((rest.len() as u64) << 59));
        }
        self.len = self.len.wrapping_add(bytes.len() as u64);
    }

    /// The hash, finalised (murmur3's avalanche).
    pub(crate) fn finish(&self) -> u64 {
        let mut h = self.state ^ self.len;
        h ^= h >> 33;
        h = h.wrapping_mul(0xff51_afd7_ed55_8ccd);
        h ^= h >> 33;
        h = h.wrapping_mul(0xc4ce_b9fe_1a85_ec53);
        h ^ (h >> 33)
    }
}

/// The hash of one buffer.
pub(crate) fn hash_bytes(bytes: &[u8]) -> u64 {
    let mut hasher = Fingerprinter::default();
    hasher.write(bytes);
    hasher.finish()
}

/// A [`Hasher`](std::hash::Hasher) for keys that are already hashes (record
/// keys, token hashes): a `u64` passes through untouched, so a set of them
/// costs no second hash (std's default is SipHash).
#[derive(Clone, Copy, Debug, Default)]
pub(crate) struct PassThrough(u64);

impl std::hash::Hasher for PassThrough {
    fn finish(&self) -> u64 {
        self.0
    }

    fn write(&mut self, bytes: &[u8]) {
        let mut hasher = Fingerprinter::default();
        hasher.write(&self.0.to_le_bytes());
        hasher.write(bytes);
        self.0 = hasher.finish();
    }

    fn write_u64(&mut self, n: u64) {
        self.0 = n;
    }
}

/// A set of already-hashed keys.
pub(crate) type KeySet = std::collections::HashSet<u64, std::hash::BuildHasherDefault<PassThrough>>;

/// The keys of the records a stream yielded, in memory that does not grow with
/// the stream: the first [`PINNED`](Self::PINNED) keys (the first page, where a
/// server that wraps around starts again), and the most recent keys — at least
/// [`RECENT`](Self::RECENT), at most twice that, in two generations of one
/// hash set each (when the newer is full it becomes the older, and the older is
/// cleared for reuse).
///
/// A record is told apart from every record of the first page and of the last
/// 32 768 at least, which covers what servers do in practice: pages that
/// overlap their neighbours when records are added while a list is read
/// (one page back), a server that ignores the page parameter (the same page
/// again), one that serves its last page for every page past it, and one that
/// starts again from the first page. A cycle of page tokens is caught by the
/// pager's token set, a list with a reported total ends there, and the page
/// cap ends the rest. About 1.3 MB once full, whatever the stream's length
/// (an exact set of every key cost 18–28 MB at a million records).
#[derive(Debug, Default)]
pub(crate) struct RecentKeys {
    pinned: KeySet,
    newer: KeySet,
    older: KeySet,
}

impl RecentKeys {
    /// How many of the stream's first keys are kept for the whole stream.
    pub(crate) const PINNED: usize = 1024;
    /// How many of the most recent keys are kept, at least.
    pub(crate) const RECENT: usize = 1 << 15;

    /// Whether `key` was yielded (as far as the window reaches).
    pub(crate) fn contains(&self, key: &u64) -> bool {
        self.newer.contains(key) || self.older.contains(key) || self.pinned.contains(key)
    }

    /// Notes `key`; `false` if it was there already.
    pub(crate) fn insert(&mut self, key: u64) -> bool {
        if self.contains(&key) {
            return false;
        }
        if self.pinned.len() < Self::PINNED {
            self.pinned.insert(key);
            return true;
        }
        if self.newer.len() >= Self::RECENT {
            std::mem::swap(&mut self.newer, &mut self.older);
            self.newer.clear();
        }
        self.newer.insert(key);
        true
    }

    /// How many keys are held now.
    #[cfg(test)]
    pub(crate) fn len(&self) -> usize {
        self.pinned.len() + self.newer.len() + self.older.len()
    }
}

impl Extend<u64> for RecentKeys {
    fn extend<I: IntoIterator<Item = u64>>(&mut self, keys: I) {
        for key in keys {
            self.insert(key);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn equal_inputs_agree_and_small_changes_differ() {
        assert_eq!(hash_bytes(b"{\"id\":1}"), hash_bytes(b"{\"id\":1}"));
        assert_ne!(hash_bytes(b"{\"id\":1}"), hash_bytes(b"{\"id\":2}"));
        assert_ne!(hash_bytes(b""), hash_bytes(b"\0"));
        assert_ne!(hash_bytes(b"12345678"), hash_bytes(b"123456789"));
        let distinct: std::collections::HashSet<u64> = (0..10_000u32)
            .map(|n| hash_bytes(n.to_string().as_bytes()))
            .collect();
        assert_eq!(distinct.len(), 10_000);
    }

    #[test]
    fn a_key_set_holds_hashes_as_they_are() {
        use std::hash::{BuildHasher, BuildHasherDefault};
        let build = BuildHasherDefault::<PassThrough>::default();
        assert_eq!(build.hash_one(42u64), 42);
        assert_ne!(build.hash_one("a"), build.hash_one("b"));
        let mut set = KeySet::default();
        assert!(set.insert(hash_bytes(b"1")) && !set.insert(hash_bytes(b"1")));
    }

    #[test]
    fn recent_keys_hold_the_first_keys_and_a_bounded_window_of_the_latest() {
        let mut keys = RecentKeys::default();
        let total = (RecentKeys::PINNED + 5 * RecentKeys::RECENT) as u64;
        for n in 0..total {
            assert!(keys.insert(hash_bytes(&n.to_le_bytes())), "{n} is new");
            assert!(!keys.insert(hash_bytes(&n.to_le_bytes())), "{n} is held");
        }
        assert!(keys.len() <= RecentKeys::PINNED + 2 * RecentKeys::RECENT);
        let held = |keys: &RecentKeys, n: u64| keys.contains(&hash_bytes(&n.to_le_bytes()));
        // The first keys (the first page) and the latest RECENT stay.
        assert!((0..RecentKeys::PINNED as u64).all(|n| held(&keys, n)));
        assert!((total - RecentKeys::RECENT as u64..total).all(|n| held(&keys, n)));
        // Keys older than the window are forgotten.
        let middle = RecentKeys::PINNED as u64 + RecentKeys::RECENT as u64;
        assert!(!held(&keys, middle));
        let mut extended = RecentKeys::default();
        extended.extend([1, 2, 2, 3]);
        assert_eq!(extended.len(), 3);
    }
}
