//! The lanes of a service that have pushes waiting in the spool: a live push of such a lane
//! (the same sender) is spooled behind them instead of overtaking them, so one user's pushes
//! reach the backend in the order they came.
//!
//! Kept in memory per service: a lane is added when this process spools a push of it, and the
//! whole set is rebuilt from the spool (at most once a second, while it is not empty), which
//! also brings the lanes other instances or `spool replay` queued. Lanes are kept as keyed
//! hashes (8 bytes each): a collision only spools a push that could have gone live. Past
//! [`MAX_LANES`] the service counts as having every lane busy until the spool drains.

use std::collections::HashSet;
use std::hash::BuildHasher;
use std::sync::Mutex;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};

/// Lanes remembered per service, at most.
pub const MAX_LANES: usize = 200_000;

#[derive(Default)]
struct Inner {
    set: HashSet<u64>,
    /// Lanes added since the rebuild in progress read the spool (kept by it).
    recent: Option<HashSet<u64>>,
}

pub struct Lanes {
    hasher: std::collections::hash_map::RandomState,
    inner: Mutex<Inner>,
    /// Lanes in the set (read without the lock: zero is the common case).
    len: AtomicUsize,
    /// More lanes than [`MAX_LANES`] wait: every lane counts as busy.
    overflow: AtomicBool,
}

impl Default for Lanes {
    fn default() -> Self {
        Lanes {
            hasher: std::collections::hash_map::RandomState::new(),
            inner: Mutex::default(),
            len: AtomicUsize::new(0),
            overflow: AtomicBool::new(false),
        }
    }
}

impl Lanes {
    fn key(&self, lane: &str) -> u64 {
        self.hasher.hash_one(lane)
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, Inner> {
        self.inner.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// Whether pushes of `lane` wait in the spool.
    pub fn busy(&self, lane: &str) -> bool {
        if self.overflow.load(Ordering::Acquire) {
            return true;
        }
        if self.len.load(Ordering::Acquire) == 0 {
            return false;
        }
        self.lock().set.contains(&self.key(lane))
    }

    /// Whether any lane waits.
    pub fn any(&self) -> bool {
        self.overflow.load(Ordering::Acquire) || self.len.load(Ordering::Acquire) > 0
    }

    /// A push of `lane` was spooled.
    pub fn add(&self, lane: &str) {
        let k = self.key(lane);
        let mut inner = self.lock();
        if let Some(recent) = inner.recent.as_mut() {
            recent.insert(k);
        }
        if inner.set.len() >= MAX_LANES {
            self.overflow.store(true, Ordering::Release);
            return;
        }
        inner.set.insert(k);
        self.len.store(inner.set.len(), Ordering::Release);
    }

    /// A rebuild begins: lanes added from now on are kept by [`Self::rebuilt`].
    pub fn rebuilding(&self) {
        self.lock().recent = Some(HashSet::new());
    }

    /// The spool's lanes as read after [`Self::rebuilding`] (`complete`: all of them, not a
    /// truncated list).
    pub fn rebuilt(&self, lanes: &[String], complete: bool) {
        let mut set: HashSet<u64> = lanes.iter().map(|l| self.key(l)).collect();
        let mut inner = self.lock();
        if let Some(recent) = inner.recent.take() {
            set.extend(recent);
        }
        self.overflow
            .store(!complete || set.len() > MAX_LANES, Ordering::Release);
        self.len.store(set.len(), Ordering::Release);
        inner.set = set;
    }

    /// A rebuild that failed: what was added stays.
    pub fn rebuild_failed(&self) {
        self.lock().recent = None;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lanes_added_during_a_rebuild_are_kept() {
        let l = Lanes::default();
        assert!(!l.busy("o1") && !l.any());
        l.add("o1");
        assert!(l.busy("o1") && !l.busy("o2"));
        l.rebuilding();
        // Read from the spool: o1 drained, o3 queued elsewhere; o2 spooled meanwhile.
        l.add("o2");
        l.rebuilt(&["o3".to_owned()], true);
        assert!(!l.busy("o1"));
        assert!(l.busy("o2") && l.busy("o3"));
        l.rebuilding();
        l.rebuilt(&[], true);
        assert!(!l.any());
    }

    #[test]
    fn a_truncated_list_makes_every_lane_busy() {
        let l = Lanes::default();
        l.rebuilding();
        l.rebuilt(&["o1".to_owned()], false);
        assert!(l.busy("anyone"));
        l.rebuilding();
        l.rebuilt(&[], true);
        assert!(!l.busy("anyone"));
    }
}
