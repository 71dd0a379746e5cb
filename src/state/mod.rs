//! What must outlive one request: the retry table that collapses WeChat's retries of a push
//! ([`dedupe`]) and the replay cache that refuses a signed query string used again
//! ([`replay`]). Both are bounded; at their bound they say so (a throttled warning and a
//! counter) instead of growing.

pub mod dedupe;
pub mod replay;

pub use dedupe::{Claim, Dedupe};
pub use replay::{ReplayCache, Seen};

use std::sync::Mutex;
use std::sync::atomic::{AtomicU64, Ordering};

/// How many shards a table is split into (a power of two).
pub(crate) const SHARDS: usize = 16;

/// A bounded table split into shards, each behind its own lock, so that neither contention nor
/// one shard's growth stalls every push; and the count of entries turned away when full.
pub(crate) struct Shards<T> {
    shards: [Mutex<T>; SHARDS],
    /// Entries a shard may hold.
    pub per_shard: usize,
    full: AtomicU64,
}

impl<T: Default> Shards<T> {
    /// Room for `capacity` entries in all; nothing is allocated until used.
    pub fn new(capacity: usize) -> Self {
        Shards {
            shards: std::array::from_fn(|_| Mutex::new(T::default())),
            per_shard: capacity.div_ceil(SHARDS),
            full: AtomicU64::new(0),
        }
    }
}

impl<T> Shards<T> {
    /// The shard of a (keyed-hash) key: its low bits.
    pub fn of(&self, key: u64) -> &Mutex<T> {
        &self.shards[key as usize % SHARDS]
    }

    /// The sum of `len` over every shard.
    pub fn total(&self, len: impl Fn(&T) -> usize) -> usize {
        self.shards
            .iter()
            .map(|s| s.lock().map(|t| len(&t)).unwrap_or(0))
            .sum()
    }

    /// Records one entry turned away because its shard was full.
    pub fn turned_away(&self) {
        self.full.fetch_add(1, Ordering::Relaxed);
    }

    /// Entries turned away since start.
    pub fn full_count(&self) -> u64 {
        self.full.load(Ordering::Relaxed)
    }
}
