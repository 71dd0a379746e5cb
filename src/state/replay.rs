//! The replay cache. WeChat's plaintext `signature` covers token, timestamp and nonce but not
//! the body, so a signed query string seen once (an access log, the handshake URL) would sign
//! any body. A signature binds its (timestamp, nonce) pair, and the timestamp window bounds how
//! long a pair is usable; so each pair is remembered, with a digest of the message it came
//! with, until its timestamp leaves the window:
//! - the same pair with another message is a forgery;
//! - the same pair and message within WeChat's retry period is a retry (the retry table then
//!   gives it the first attempt's reply); later, a replay.
//!
//! Keys and digests are 64-bit keyed hashes (SipHash, random key per process): no sender can
//! aim for a collision. An entry costs about 60 bytes; the table holds at most `capacity`
//! entries (in 16 shards, each with its own lock, so that neither contention nor a shard's
//! growth stalls every push), and a push that finds its shard full is served untracked,
//! counted and warned about.

use std::collections::{HashMap, VecDeque};
use std::hash::{BuildHasher, Hasher, RandomState};
use std::time::Duration;

use super::Shards;

/// WeChat retries an unanswered push after 5 s, three tries in all: a pair seen again with the
/// same message within this is a retry.
pub const RETRY_PERIOD: Duration = Duration::from_secs(30);

/// What the cache says of a (timestamp, nonce) pair and its message.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Seen {
    /// First sight: remembered.
    First,
    /// Same message within the retry period.
    Retry,
    /// Same message after the retry period.
    Replay,
    /// Another message under the same signature.
    Forgery,
    /// The table is full: not remembered.
    Untracked,
}

struct Entry {
    digest: u64,
    /// Unix seconds of first sight.
    first_seen: i64,
}

#[derive(Default)]
struct Table {
    entries: HashMap<u64, Entry>,
    /// (unix second the entry may go, key) in insertion order.
    order: VecDeque<(i64, u64)>,
}

pub struct ReplayCache {
    table: Shards<Table>,
    hasher: RandomState,
}

impl ReplayCache {
    pub fn new(capacity: usize) -> ReplayCache {
        ReplayCache {
            table: Shards::new(capacity),
            hasher: RandomState::new(),
        }
    }

    /// A keyed digest of a message (the plaintext body, or the decrypted message).
    pub fn digest(&self, message: &[u8]) -> u64 {
        self.hasher.hash_one(message)
    }

    /// Looks up and records `(scope, timestamp, nonce)` with the message `digest`. `scope`
    /// keeps services apart; `timestamp` (unix seconds, already checked against the window) and
    /// `window` say until when the pair could be used again; `now` is unix seconds.
    pub fn check(
        &self,
        scope: &str,
        (timestamp, nonce): (i64, &str),
        digest: u64,
        window: Duration,
        now: i64,
    ) -> Seen {
        let key = {
            let mut h = self.hasher.build_hasher();
            h.write(scope.as_bytes());
            h.write_u8(0);
            h.write_i64(timestamp);
            h.write(nonce.as_bytes());
            h.finish()
        };
        // The low bits pick the shard; the map hashes the whole key again.
        let Ok(mut guard) = self.table.of(key).lock() else {
            return Seen::Untracked;
        };
        let t = &mut *guard;
        while let Some(&(until, old)) = t.order.front() {
            if until > now {
                break;
            }
            t.order.pop_front();
            t.entries.remove(&old);
        }
        if let Some(e) = t.entries.get(&key) {
            return if e.digest != digest {
                Seen::Forgery
            } else if now - e.first_seen <= RETRY_PERIOD.as_secs() as i64 {
                Seen::Retry
            } else {
                Seen::Replay
            };
        }
        if t.entries.len() >= self.table.per_shard {
            self.table.turned_away();
            return Seen::Untracked;
        }
        // Usable until its timestamp leaves the window (never before the retry period ends).
        let until = (timestamp + window.as_secs() as i64).max(now + RETRY_PERIOD.as_secs() as i64);
        t.entries.insert(
            key,
            Entry {
                digest,
                first_seen: now,
            },
        );
        t.order.push_back((until, key));
        Seen::First
    }

    /// Entries held now, over every shard.
    pub fn entries(&self) -> usize {
        self.table.total(|t| t.entries.len())
    }

    /// Pushes served untracked because the table was full, since start.
    pub fn full_count(&self) -> u64 {
        self.table.full_count()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::state::SHARDS;

    const W: Duration = Duration::from_secs(300);

    #[test]
    fn first_retry_replay_forgery() {
        let c = ReplayCache::new(1000);
        let (a, b) = (c.digest(b"body a"), c.digest(b"body b"));
        assert_eq!(c.check("s", (1000, "n"), a, W, 1000), Seen::First);
        assert_eq!(c.check("s", (1000, "n"), a, W, 1010), Seen::Retry);
        assert_eq!(c.check("s", (1000, "n"), b, W, 1010), Seen::Forgery);
        assert_eq!(c.check("s", (1000, "n"), a, W, 1031), Seen::Replay);
        // Another nonce, another timestamp or another service is another pair.
        assert_eq!(c.check("s", (1000, "m"), b, W, 1010), Seen::First);
        assert_eq!(c.check("s", (1001, "n"), b, W, 1010), Seen::First);
        assert_eq!(c.check("t", (1000, "n"), b, W, 1010), Seen::First);
    }

    #[test]
    fn pairs_are_forgotten_when_their_timestamp_leaves_the_window() {
        let c = ReplayCache::new(1000);
        let a = c.digest(b"a");
        assert_eq!(c.check("s", (1000, "n"), a, W, 1000), Seen::First);
        assert_eq!(c.check("s", (1000, "n"), a, W, 1299), Seen::Replay);
        // At 1300 the timestamp is outside the window (the gateway refuses it before asking):
        // the entry is gone, and the pair would count as new.
        assert_eq!(c.check("s", (1000, "n"), a, W, 1300), Seen::First);
        assert_eq!(c.entries(), 1);
    }

    #[test]
    fn bounded_and_counted() {
        // 32 entries: 2 per shard.
        let c = ReplayCache::new(2 * SHARDS);
        let a = c.digest(b"a");
        let seen: Vec<Seen> = (0..200)
            .map(|i| c.check("s", (1, &i.to_string()), a, W, 1))
            .collect();
        let first = seen.iter().filter(|s| **s == Seen::First).count();
        assert_eq!(first, 2 * SHARDS);
        assert_eq!(c.entries(), 2 * SHARDS);
        assert_eq!(c.full_count(), 200 - 2 * SHARDS as u64);
    }
}
