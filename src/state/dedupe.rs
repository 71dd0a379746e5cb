//! The retry table: collapses WeChat's retries of one push. When WeChat resends a push (same
//! service, sender and MsgId, or sender + CreateTime + event for events) the backend is not
//! called again; the retry finds the first attempt's slot (the gateway's type: the reply,
//! the tries seen, whether it was spooled) and waits on it if it is still in flight. Bounded in size (`dedupe-capacity`, grown on demand) and age (20 s); a push that
//! finds it full of live entries goes through untracked, counted and warned about.

use std::collections::{HashMap, VecDeque};
use std::hash::{BuildHasher, RandomState};
use std::sync::Arc;
use std::time::{Duration, Instant};

use super::Shards;

/// WeChat retries a push it got no answer to after 5 s, three tries in all (the last one
/// answered by 15 s); 20 s covers them.
const TTL: Duration = Duration::from_secs(20);

/// Where the first attempt's progress lands, shared by every try of one push: the gateway's
/// own type. A slot whose first attempt is dropped unfinished is abandoned.
pub trait Slot: Default + Send + Sync + 'static {
    /// The first attempt went away without finishing: waiting tries must not wait on.
    fn abandon(&self);
}

/// Keys are stored as keyed 64-bit hashes (SipHash with a per-process random key): small,
/// fixed-size entries, and no attacker can aim for a collision.
struct Table<S> {
    /// Slot and when it was inserted (a re-inserted key must not be expired by its old entry).
    slots: HashMap<u64, (Instant, Arc<S>)>,
    /// Keys in insertion order, for O(1) expiry from the front.
    order: VecDeque<(Instant, u64)>,
}

impl<S> Default for Table<S> {
    fn default() -> Self {
        Table {
            slots: HashMap::new(),
            order: VecDeque::new(),
        }
    }
}

pub struct Dedupe<S: Slot> {
    table: Shards<Table<S>>,
    hasher: RandomState,
}

/// What a push must do.
pub enum Claim<S: Slot> {
    /// First sight: produce the outcome, then [`First::finish`].
    First(First<S>),
    /// A retry: the first attempt's slot.
    Retry(Arc<S>),
    /// The table is full of live entries: proceed without deduplication.
    Untracked,
}

/// The first attempt's handle. Dropping it unfinished forgets the key (and abandons the
/// slot), so a later retry is forwarded afresh instead of waiting for an answer that will
/// never come.
pub struct First<S: Slot> {
    owner: Arc<Dedupe<S>>,
    key: u64,
    slot: Arc<S>,
    finished: bool,
}

impl<S: Slot> First<S> {
    pub fn slot(&self) -> &Arc<S> {
        &self.slot
    }

    /// The outcome is in the slot: retries find it there until the entry expires.
    pub fn finish(mut self) {
        self.finished = true;
    }
}

impl<S: Slot> Drop for First<S> {
    fn drop(&mut self) {
        if self.finished {
            return;
        }
        if let Ok(mut t) = self.owner.table.of(self.key).lock() {
            // Its place in `order` expires on its own.
            t.slots.remove(&self.key);
        }
        self.slot.abandon();
    }
}

impl<S: Slot> Dedupe<S> {
    pub fn new(capacity: usize) -> Arc<Self> {
        Arc::new(Dedupe {
            table: Shards::new(capacity),
            hasher: RandomState::new(),
        })
    }

    pub fn claim(self: &Arc<Self>, key: &str) -> Claim<S> {
        let key = self.hasher.hash_one(key);
        let now = Instant::now();
        let Ok(mut guard) = self.table.of(key).lock() else {
            return Claim::Untracked;
        };
        let t = &mut *guard;
        while let Some(&(at, old)) = t.order.front() {
            if now.duration_since(at) < TTL {
                break;
            }
            t.order.pop_front();
            if t.slots
                .get(&old)
                .is_some_and(|(inserted, _)| *inserted == at)
            {
                t.slots.remove(&old);
            }
        }
        if let Some((_, slot)) = t.slots.get(&key) {
            return Claim::Retry(slot.clone());
        }
        if t.order.len() >= self.table.per_shard {
            self.table.turned_away();
            return Claim::Untracked;
        }
        let slot = Arc::new(S::default());
        t.slots.insert(key, (now, Arc::clone(&slot)));
        t.order.push_back((now, key));
        Claim::First(First {
            owner: Arc::clone(self),
            key,
            slot,
            finished: false,
        })
    }

    /// Entries held now, over every shard.
    pub fn entries(&self) -> usize {
        self.table.total(|t| t.slots.len())
    }

    /// Pushes that went through untracked because the table was full, since start.
    pub fn full_count(&self) -> u64 {
        self.table.full_count()
    }
}

#[cfg(test)]
mod tests {
    use std::sync::atomic::{AtomicBool, AtomicU32, Ordering};

    use super::*;
    use crate::state::SHARDS;

    #[derive(Default)]
    struct Counter {
        tries: AtomicU32,
        abandoned: AtomicBool,
    }

    impl Slot for Counter {
        fn abandon(&self) {
            self.abandoned.store(true, Ordering::SeqCst);
        }
    }

    #[test]
    fn a_retry_finds_the_first_slot() {
        let d = Dedupe::<Counter>::new(1000);
        let Claim::First(first) = d.claim("k") else {
            panic!("first")
        };
        first.slot().tries.fetch_add(1, Ordering::SeqCst);
        first.finish();
        let Claim::Retry(slot) = d.claim("k") else {
            panic!("retry")
        };
        assert_eq!(slot.tries.load(Ordering::SeqCst), 1);
        assert!(!slot.abandoned.load(Ordering::SeqCst));
    }

    #[test]
    fn an_abandoned_first_is_forgotten() {
        let d = Dedupe::<Counter>::new(1000);
        let Claim::First(first) = d.claim("k") else {
            panic!()
        };
        let Claim::Retry(slot) = d.claim("k") else {
            panic!()
        };
        drop(first);
        assert!(slot.abandoned.load(Ordering::SeqCst));
        assert!(matches!(d.claim("k"), Claim::First(_)));
    }

    #[test]
    fn bounded() {
        // 2 entries per shard.
        let d = Dedupe::<Counter>::new(2 * SHARDS);
        let claims: Vec<Claim<Counter>> = (0..200).map(|i| d.claim(&i.to_string())).collect();
        let untracked = claims
            .iter()
            .filter(|c| matches!(c, Claim::Untracked))
            .count();
        assert_eq!(untracked, 200 - 2 * SHARDS);
        assert_eq!(d.entries(), 2 * SHARDS);
        assert_eq!(d.full_count(), untracked as u64);
    }
}
