//! What must outlive one request: the retry table that collapses WeChat's retries of a push
//! ([`dedupe`]), the replay cache that refuses a signed query string used again ([`replay`]),
//! and the spool that keeps what the backend did not take ([`spool`], [`spooler`]). The tables
//! are bounded; at their bound they say so (a throttled warning and a counter) instead of
//! growing.
//!
//! The gateway reaches the spool through one small interface, [`Spool`]: the embedded
//! implementation ([`spooler::Embedded`], SQLite), the shared one ([`redis_spool::RedisSpool`])
//! and the two together ([`tiered::Tiered`]: Redis, falling back to the embedded one).

pub mod dedupe;
pub mod redis;
pub mod redis_spool;
pub mod replay;
pub mod spool;
pub mod spooler;
pub mod tiered;

pub use dedupe::{Claim, Dedupe, Slot};
pub use replay::{ReplayCache, Seen};
pub use spool::{Attempt, DeadReason, Entry, NewEntry, Settle, SpoolError};

use std::future::Future;
use std::pin::Pin;
use std::time::Duration;

/// A boxed future (the interface's calls).
pub type BoxFut<T> = Pin<Box<dyn Future<Output = T> + Send + 'static>>;

/// Where pushes the backend did not take wait for redelivery. A call takes effect in the order
/// calls are made (not the order their futures are awaited): an insert made before a settle of
/// the same push is applied first.
pub trait Spool: Send + Sync {
    /// Spools a push durably (on disk when the future resolves); a push already spooled (same
    /// delivery id) is left as it is.
    fn insert(&self, entry: NewEntry) -> BoxFut<Result<(), SpoolError>>;
    /// Records what became of an attempt.
    fn settle(&self, id: String, settle: Settle) -> BoxFut<Result<(), SpoolError>>;
    /// The queued pushes of a service due now that head their lane (no older push of the same
    /// lane waits), oldest first.
    fn due(&self, service: String, limit: usize) -> BoxFut<Result<Vec<Entry>, SpoolError>>;
    /// The oldest queued push of a service, due or not (the breaker's probe).
    fn head(&self, service: String) -> BoxFut<Result<Option<Entry>, SpoolError>>;
    /// The lanes of a service with queued pushes, at most `limit` (a live push of such a lane
    /// waits behind them).
    fn lanes(&self, service: String, limit: usize) -> BoxFut<Result<Vec<String>, SpoolError>>;
    /// The services paused by `wx-gateway spool pause`.
    fn paused(&self) -> BoxFut<Result<Vec<String>, SpoolError>>;
    /// When the next queued push of a service is due (unix ms).
    fn next_due(&self, service: String) -> BoxFut<Result<Option<i64>, SpoolError>>;
    /// Makes every queued push of a service due now.
    fn pull_forward(&self, service: String) -> BoxFut<Result<usize, SpoolError>>;
    /// Takes a due push for one redelivery attempt (not due again before `lease_until`, unix
    /// ms); false when it is gone, dead or not due (delivered meanwhile by its live call).
    fn claim(&self, id: String, lease_until: i64) -> BoxFut<Result<bool, SpoolError>>;
    /// Resolves when every call made before it has taken effect (shutdown).
    fn flush(&self) -> BoxFut<Result<(), SpoolError>>;
    /// Moves pushes queued longer than `max_age` to the dead letters, a batch at a time;
    /// returns them.
    fn expire(&self, max_age: Duration) -> BoxFut<Result<Vec<Entry>, SpoolError>>;
    /// A number that changes when the spool was changed from elsewhere (`wx-gateway spool
    /// replay`): a worker backing off looks again at once.
    fn version(&self) -> BoxFut<Result<i64, SpoolError>>;
    /// Whether the spool takes writes (the last write succeeded): `/readyz`.
    fn healthy(&self) -> bool;
    /// Depth, oldest age and dead letters per service (for the metrics, at scrape).
    fn stats(&self) -> BoxFut<Result<Vec<spool::ServiceStats>, SpoolError>>;
    /// Pushes spooled since start.
    fn spooled(&self) -> u64;
    /// Spool writes that failed since start.
    fn write_failures(&self) -> u64;
}

use std::sync::Mutex;
use std::sync::atomic::{AtomicU64, Ordering};

/// A value alone on its cache line (two lines, for CPUs that fetch them in pairs).
#[repr(align(128))]
pub(crate) struct Line<T>(pub T);

/// How many shards a table is split into (a power of two).
pub(crate) const SHARDS: usize = 16;

/// A bounded table split into shards, each behind its own lock, so that neither contention nor
/// one shard's growth stalls every push; and the count of entries turned away when full. Each
/// shard has cache lines of its own: two serving threads locking neighbouring shards do not
/// take the same line from each other.
pub(crate) struct Shards<T> {
    shards: [Line<Mutex<T>>; SHARDS],
    /// Entries a shard may hold.
    pub per_shard: usize,
    full: AtomicU64,
}

impl<T: Default> Shards<T> {
    /// Room for `capacity` entries in all; nothing is allocated until used.
    pub fn new(capacity: usize) -> Self {
        Shards {
            shards: std::array::from_fn(|_| Line(Mutex::new(T::default()))),
            per_shard: capacity.div_ceil(SHARDS),
            full: AtomicU64::new(0),
        }
    }
}

impl<T> Shards<T> {
    /// The shard of a (keyed-hash) key: its low bits.
    pub fn of(&self, key: u64) -> &Mutex<T> {
        &self.shards[key as usize % SHARDS].0
    }

    /// The sum of `len` over every shard.
    pub fn total(&self, len: impl Fn(&T) -> usize) -> usize {
        self.shards
            .iter()
            .map(|s| s.0.lock().map(|t| len(&t)).unwrap_or(0))
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
