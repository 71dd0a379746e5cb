//! The retry table: collapses WeChat's retries of one push. When WeChat resends a push (same
//! service, sender and MsgId, or sender + CreateTime + event for events) the backend is not
//! called again; the retry gets the first attempt's reply, waiting for it if it is still in
//! flight. Bounded in size (`dedupe-capacity`, grown on demand) and age (20 s); a push that
//! finds it full of live entries goes through untracked, counted and warned about.

use std::collections::{HashMap, VecDeque};
use std::hash::{BuildHasher, RandomState};
use std::sync::{Arc, OnceLock};
use std::time::{Duration, Instant};

use tokio::sync::Notify;

use super::Shards;

use crate::wechat::Reply;

/// WeChat retries a push it got no answer to after 5 s, three tries in all; 20 s covers them.
const TTL: Duration = Duration::from_secs(20);

/// Where the first attempt's outcome lands: its reply, or `None` when it was abandoned. A
/// once-cell and a notify (about 100 bytes) rather than a channel (about 400).
#[derive(Default)]
pub struct Outcome {
    reply: OnceLock<Option<Arc<Reply>>>,
    done: Notify,
}

impl Outcome {
    fn settle(&self, reply: Option<Arc<Reply>>) {
        let _ = self.reply.set(reply);
        self.done.notify_waiters();
    }
}

type Slot = Arc<Outcome>;

/// Keys are stored as keyed 64-bit hashes (SipHash with a per-process random key): small,
/// fixed-size entries, and no attacker can aim for a collision.
#[derive(Default)]
struct Table {
    /// Slot and when it was inserted (a re-inserted key must not be expired by its old entry).
    slots: HashMap<u64, (Instant, Slot)>,
    /// Keys in insertion order, for O(1) expiry from the front.
    order: VecDeque<(Instant, u64)>,
}

pub struct Dedupe {
    table: Shards<Table>,
    hasher: RandomState,
}

/// What a push must do.
pub enum Claim {
    /// First sight: produce the reply and hand it to [`First::finish`].
    First(First),
    /// A retry: wait on this for the first attempt's reply.
    Retry(Slot),
    /// The table is full of live entries: proceed without deduplication.
    Untracked,
}

/// The first attempt's handle. Dropping it unfinished forgets the key, so a later retry is
/// forwarded afresh instead of waiting for an answer that will never come.
pub struct First {
    owner: Arc<Dedupe>,
    key: u64,
    slot: Slot,
    finished: bool,
}

impl First {
    pub fn finish(mut self, reply: Arc<Reply>) {
        self.finished = true;
        self.slot.settle(Some(reply));
    }
}

impl Drop for First {
    fn drop(&mut self) {
        if self.finished {
            return;
        }
        if let Ok(mut t) = self.owner.table.of(self.key).lock() {
            // Its place in `order` expires on its own.
            t.slots.remove(&self.key);
        }
        self.slot.settle(None);
    }
}

impl Dedupe {
    pub fn new(capacity: usize) -> Arc<Self> {
        Arc::new(Dedupe {
            table: Shards::new(capacity),
            hasher: RandomState::new(),
        })
    }

    pub fn claim(self: &Arc<Self>, key: &str) -> Claim {
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
        let slot = Slot::default();
        t.slots.insert(key, (now, Arc::clone(&slot)));
        t.order.push_back((now, key));
        Claim::First(First {
            owner: Arc::clone(self),
            key,
            slot,
            finished: false,
        })
    }

    /// Waits until the first attempt's reply is known, or `None` if it was abandoned.
    pub async fn wait(slot: Slot) -> Option<Arc<Reply>> {
        loop {
            // Registered before looking, so a settle in between is not missed.
            let done = slot.done.notified();
            if let Some(outcome) = slot.reply.get() {
                return outcome.clone();
            }
            done.await;
        }
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
    use super::*;
    use crate::state::SHARDS;

    #[tokio::test]
    async fn retry_gets_the_first_reply() {
        let d = Dedupe::new(1000);
        let Claim::First(first) = d.claim("k") else {
            panic!("first")
        };
        let Claim::Retry(slot) = d.claim("k") else {
            panic!("retry")
        };
        let waiter = tokio::spawn(Dedupe::wait(slot));
        first.finish(Arc::new(Reply::Text("r".into())));
        assert_eq!(*waiter.await.unwrap().unwrap(), Reply::Text("r".into()));
        // Later retries get it at once.
        let Claim::Retry(slot) = d.claim("k") else {
            panic!("retry")
        };
        assert!(Dedupe::wait(slot).await.is_some());
    }

    #[tokio::test]
    async fn abandoned_first_is_forgotten() {
        let d = Dedupe::new(1000);
        let Claim::First(first) = d.claim("k") else {
            panic!()
        };
        let Claim::Retry(slot) = d.claim("k") else {
            panic!()
        };
        drop(first);
        assert!(Dedupe::wait(slot).await.is_none());
        assert!(matches!(d.claim("k"), Claim::First(_)));
    }

    #[test]
    fn bounded() {
        // 2 entries per shard.
        let d = Dedupe::new(2 * SHARDS);
        let claims: Vec<Claim> = (0..200).map(|i| d.claim(&i.to_string())).collect();
        let untracked = claims
            .iter()
            .filter(|c| matches!(c, Claim::Untracked))
            .count();
        assert_eq!(untracked, 200 - 2 * SHARDS);
        assert_eq!(d.entries(), 2 * SHARDS);
        assert_eq!(d.full_count(), untracked as u64);
    }
}
