//! A breaker per service: when its backend fails, live pushes stop waiting for it.
//!
//! - **Closed**: every call goes to the backend. A failure is a retried class (refused, reset,
//!   timeout, 5xx, 3xx, 408, 425, 429); a 2xx or any other 4xx means the backend is up. It
//!   opens after [`CONSECUTIVE`] failures in a row, or when at least half of at least
//!   [`MIN_CALLS`] calls over the last [`WINDOW_S`] seconds failed.
//! - **Open**: live pushes skip the backend and are spooled at once (WeChat gets `success` in
//!   milliseconds). Every `probe-interval-ms`, one call — the probe — may go.
//! - **Half-open**: the probe is in flight; nothing else goes. Its success closes the breaker,
//!   its failure opens it for another interval.
//!
//! The breaker never disables a backend and never drops a push: it only decides who waits in
//! the spool instead of on the wire.

use std::sync::atomic::{AtomicI64, AtomicU8, AtomicU32, AtomicU64, Ordering};

use crate::metrics::BreakerState;

/// Consecutive failures that open the breaker.
pub const CONSECUTIVE: u32 = 5;
/// Calls within the window before the failure rate counts.
pub const MIN_CALLS: u64 = 20;
/// The failure-rate window, in seconds (one bucket per second).
pub const WINDOW_S: usize = 10;

const CLOSED: u8 = 0;
const OPEN: u8 = 1;
const HALF_OPEN: u8 = 2;

/// One second of calls: the second (low 24 bits of unix seconds), calls and failures (20 bits
/// each) in one word, so a call is counted with one compare-and-swap.
struct Bucket(AtomicU64);

const STAMP_BITS: u32 = 24;
const COUNT_BITS: u32 = 20;
const COUNT_MAX: u64 = (1 << COUNT_BITS) - 1;

fn pack(stamp: u64, calls: u64, failures: u64) -> u64 {
    (stamp & ((1 << STAMP_BITS) - 1))
        | (calls.min(COUNT_MAX) << STAMP_BITS)
        | (failures.min(COUNT_MAX) << (STAMP_BITS + COUNT_BITS))
}

fn unpack(w: u64) -> (u64, u64, u64) {
    (
        w & ((1 << STAMP_BITS) - 1),
        (w >> STAMP_BITS) & COUNT_MAX,
        (w >> (STAMP_BITS + COUNT_BITS)) & COUNT_MAX,
    )
}

/// What a breaker says about one call.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Admit {
    /// Closed (or no breaker): call.
    Call,
    /// This call is the probe: its result closes or reopens the breaker.
    Probe,
    /// Open: do not call.
    Skip,
}

/// What a transition was, for the log and the gauge.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Changed {
    Opened,
    Closed,
    Reopened,
}

/// One service's breaker. Outlives reloads (carried by service name).
pub struct Breaker {
    state: AtomicU8,
    consecutive: AtomicU32,
    buckets: [Bucket; WINDOW_S],
    /// While open: no probe before this (unix ms).
    next_probe: AtomicI64,
    /// When it last opened (unix ms), for the log.
    opened_at: AtomicI64,
}

impl Default for Breaker {
    fn default() -> Self {
        Breaker {
            state: AtomicU8::new(CLOSED),
            consecutive: AtomicU32::new(0),
            buckets: std::array::from_fn(|_| Bucket(AtomicU64::new(0))),
            next_probe: AtomicI64::new(0),
            opened_at: AtomicI64::new(0),
        }
    }
}

impl Breaker {
    pub fn state(&self) -> BreakerState {
        match self.state.load(Ordering::Acquire) {
            CLOSED => BreakerState::Closed,
            OPEN => BreakerState::Open,
            _ => BreakerState::HalfOpen,
        }
    }

    pub fn is_closed(&self) -> bool {
        self.state.load(Ordering::Acquire) == CLOSED
    }

    /// When it last opened (unix ms; 0: never).
    pub fn opened_at(&self) -> i64 {
        self.opened_at.load(Ordering::Acquire)
    }

    /// When the next probe may go (unix ms), while open.
    pub fn next_probe(&self) -> i64 {
        self.next_probe.load(Ordering::Acquire)
    }

    /// Whether a call may go now. Open and due for a probe: the first caller gets
    /// [`Admit::Probe`] (and the breaker is half-open until [`Self::probed`]).
    pub fn admit(&self, now_ms: i64) -> Admit {
        match self.state.load(Ordering::Acquire) {
            CLOSED => Admit::Call,
            OPEN if now_ms >= self.next_probe.load(Ordering::Acquire) => {
                match self.state.compare_exchange(
                    OPEN,
                    HALF_OPEN,
                    Ordering::AcqRel,
                    Ordering::Acquire,
                ) {
                    Ok(_) => Admit::Probe,
                    Err(_) => Admit::Skip,
                }
            }
            _ => Admit::Skip,
        }
    }

    /// Records the result of a call admitted with [`Admit::Call`] (`failed`: a retried
    /// class). Calls that end after the breaker opened do not count. Returns a transition.
    pub fn record(&self, failed: bool, now_ms: i64, probe_interval_ms: i64) -> Option<Changed> {
        if !self.is_closed() {
            return None;
        }
        let (calls, failures) = self.count(failed, now_ms);
        let consecutive = if failed {
            self.consecutive.fetch_add(1, Ordering::AcqRel) + 1
        } else {
            // Written only when it changes: the line stays shared between threads.
            if self.consecutive.load(Ordering::Relaxed) != 0 {
                self.consecutive.store(0, Ordering::Release);
            }
            0
        };
        let trips =
            failed && (consecutive >= CONSECUTIVE || (calls >= MIN_CALLS && failures * 2 >= calls));
        if trips
            && self
                .state
                .compare_exchange(CLOSED, OPEN, Ordering::AcqRel, Ordering::Acquire)
                .is_ok()
        {
            self.opened_at.store(now_ms, Ordering::Release);
            self.next_probe
                .store(now_ms + probe_interval_ms, Ordering::Release);
            return Some(Changed::Opened);
        }
        None
    }

    /// Records the probe's result: success closes the breaker, failure opens it for another
    /// interval.
    pub fn probed(&self, failed: bool, now_ms: i64, probe_interval_ms: i64) -> Changed {
        if failed {
            self.next_probe
                .store(now_ms + probe_interval_ms, Ordering::Release);
            self.state.store(OPEN, Ordering::Release);
            Changed::Reopened
        } else {
            self.consecutive.store(0, Ordering::Release);
            for b in &self.buckets {
                b.0.store(0, Ordering::Release);
            }
            self.state.store(CLOSED, Ordering::Release);
            Changed::Closed
        }
    }

    /// A probe that was not made after all (nothing to send): open again, due at once.
    pub fn unprobed(&self) {
        let _ = self
            .state
            .compare_exchange(HALF_OPEN, OPEN, Ordering::AcqRel, Ordering::Acquire);
    }

    /// Turns the breaker off (the config no longer wants one): closed, counts cleared.
    pub fn reset(&self) {
        self.probed(false, 0, 0);
    }

    /// Counts a call in this second's bucket; returns the window's calls and failures.
    fn count(&self, failed: bool, now_ms: i64) -> (u64, u64) {
        let sec = (now_ms.max(0) / 1000) as u64;
        let stamp = sec & ((1 << STAMP_BITS) - 1);
        let bucket = &self.buckets[(sec % WINDOW_S as u64) as usize].0;
        let mut cur = bucket.load(Ordering::Acquire);
        loop {
            let (s, c, f) = unpack(cur);
            let next = if s == stamp {
                pack(stamp, c + 1, f + u64::from(failed))
            } else {
                pack(stamp, 1, u64::from(failed))
            };
            match bucket.compare_exchange_weak(cur, next, Ordering::AcqRel, Ordering::Acquire) {
                Ok(_) => break,
                Err(now) => cur = now,
            }
        }
        let mut calls = 0;
        let mut failures = 0;
        for b in &self.buckets {
            let (s, c, f) = unpack(b.0.load(Ordering::Acquire));
            // Within the last WINDOW_S seconds (stamps wrap every ~194 days; an unused bucket
            // adds nothing).
            let age = stamp.wrapping_sub(s) & ((1 << STAMP_BITS) - 1);
            if age < WINDOW_S as u64 {
                calls += c;
                failures += f;
            }
        }
        (calls, failures)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn five_failures_in_a_row_open_it_and_a_success_resets_the_run() {
        let b = Breaker::default();
        for _ in 0..4 {
            assert_eq!(b.record(true, 1_000, 2_000), None);
        }
        assert_eq!(
            b.record(false, 1_000, 2_000),
            None,
            "a success breaks the run"
        );
        for _ in 0..4 {
            assert_eq!(b.record(true, 1_500, 2_000), None);
        }
        assert_eq!(b.record(true, 1_500, 2_000), Some(Changed::Opened));
        assert_eq!(b.state(), BreakerState::Open);
        assert_eq!(b.admit(1_600), Admit::Skip, "no probe before the interval");
    }

    #[test]
    fn half_of_twenty_calls_in_ten_seconds_opens_it() {
        let b = Breaker::default();
        // Alternating: never 5 in a row, 50% over the window.
        let mut opened = None;
        for i in 0..40 {
            let t = 10_000 + i * 200;
            if let Some(c) = b.record(i % 2 == 0, t, 2_000) {
                opened = Some((i, c));
                break;
            }
        }
        let (i, c) = opened.expect("opened");
        assert_eq!(c, Changed::Opened);
        assert!(i >= 19, "not before 20 calls: {i}");
        // 40% failures never open it.
        let b = Breaker::default();
        for i in 0..200 {
            assert_eq!(
                b.record(i % 5 < 2, 50_000 + i * 40, 2_000),
                None,
                "call {i}"
            );
        }
    }

    #[test]
    fn failures_older_than_the_window_do_not_count() {
        let b = Breaker::default();
        for i in 0..12 {
            b.record(i % 2 == 0, 100_000 + i, 2_000);
        }
        // Eleven seconds later: a fresh window.
        for i in 0..12 {
            assert_eq!(b.record(i % 2 == 0, 111_000 + i, 2_000), None);
        }
    }

    #[test]
    fn one_probe_at_a_time_and_its_result_decides() {
        let b = Breaker::default();
        for _ in 0..5 {
            b.record(true, 0, 2_000);
        }
        assert_eq!(b.admit(2_000), Admit::Probe);
        assert_eq!(b.state(), BreakerState::HalfOpen);
        assert_eq!(b.admit(2_001), Admit::Skip, "one probe at a time");
        assert_eq!(b.probed(true, 2_100, 2_000), Changed::Reopened);
        assert_eq!(b.admit(3_000), Admit::Skip);
        assert_eq!(b.admit(4_100), Admit::Probe);
        assert_eq!(b.probed(false, 4_200, 2_000), Changed::Closed);
        assert_eq!(b.admit(4_300), Admit::Call);
        // Cleared: one failure does not reopen it.
        assert_eq!(b.record(true, 4_400, 2_000), None);
    }

    #[test]
    fn calls_ending_while_open_do_not_count() {
        let b = Breaker::default();
        for _ in 0..5 {
            b.record(true, 0, 2_000);
        }
        assert_eq!(b.record(false, 10, 2_000), None);
        assert_eq!(b.state(), BreakerState::Open);
    }
}
