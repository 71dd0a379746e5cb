//! The redirect path's rate limit: a token bucket per client address, in a bounded table.

use std::collections::HashMap;
use std::net::IpAddr;
use std::sync::Mutex;
use std::time::{Duration, Instant};

/// Requests per second a client address may make to the redirect paths, after its burst.
const RATE_PER_SEC: f64 = 10.0;
/// Requests a client address may make at once.
const BURST: f64 = 20.0;
/// Client addresses tracked. Past it, addresses idle long enough to have a full bucket are
/// dropped (at most once a second); if none are, every address not tracked shares one bucket.
const CLIENTS_CAPACITY: usize = 10_000;

/// A token bucket per client address: the connection's peer address (a proxy in front of the
/// gateway is one client to it). IPv6 addresses are counted per /64, which one client usually
/// holds whole.
#[derive(Default)]
pub(super) struct RateLimiter {
    clients: Mutex<Clients>,
}

#[derive(Default)]
struct Clients {
    buckets: HashMap<IpAddr, Bucket>,
    /// Shared by every address the table has no room for.
    overflow: Option<Bucket>,
    last_sweep: Option<Instant>,
    last_warning: Option<Instant>,
}

#[derive(Debug, Clone, Copy)]
struct Bucket {
    tokens: f64,
    at: Instant,
}

impl Bucket {
    fn full(now: Instant) -> Bucket {
        Bucket {
            tokens: BURST,
            at: now,
        }
    }

    fn tokens_at(&self, now: Instant) -> f64 {
        let dt = now.saturating_duration_since(self.at).as_secs_f64();
        (self.tokens + dt * RATE_PER_SEC).min(BURST)
    }

    /// Takes a token, or says how long until there is one.
    fn take(&mut self, now: Instant) -> Result<(), Duration> {
        self.tokens = self.tokens_at(now);
        self.at = now;
        if self.tokens >= 1.0 {
            self.tokens -= 1.0;
            Ok(())
        } else {
            Err(Duration::from_secs_f64((1.0 - self.tokens) / RATE_PER_SEC))
        }
    }
}

impl RateLimiter {
    /// One request from `client` at `now`: allowed, or refused with the wait until the next.
    pub(super) fn check(&self, client: Option<IpAddr>, now: Instant) -> Result<(), Duration> {
        let key = client.map_or(IpAddr::from([0u8; 4]), per_client);
        match self.clients.lock() {
            Ok(mut clients) => clients.take(key, now),
            Err(_) => Ok(()),
        }
    }
}

impl Clients {
    fn take(&mut self, key: IpAddr, now: Instant) -> Result<(), Duration> {
        if let Some(b) = self.buckets.get_mut(&key) {
            return b.take(now);
        }
        if self.buckets.len() >= CLIENTS_CAPACITY
            && self
                .last_sweep
                .is_none_or(|t| now.saturating_duration_since(t) >= Duration::from_secs(1))
        {
            self.last_sweep = Some(now);
            // A full bucket is what a new address gets: dropping it changes nothing.
            self.buckets.retain(|_, b| b.tokens_at(now) < BURST);
        }
        if self.buckets.len() < CLIENTS_CAPACITY {
            let mut b = Bucket::full(now);
            let taken = b.take(now);
            self.buckets.insert(key, b);
            return taken;
        }
        if self
            .last_warning
            .is_none_or(|t| now.saturating_duration_since(t) >= Duration::from_secs(60))
        {
            self.last_warning = Some(now);
            tracing::warn!(
                tracked = CLIENTS_CAPACITY,
                "OAuth redirect: more active client addresses than tracked; the others share one rate limit (logged once a minute)"
            );
        }
        self.overflow.get_or_insert(Bucket::full(now)).take(now)
    }
}

/// The address a client is counted by: IPv4 as it is, IPv6 by its /64.
fn per_client(ip: IpAddr) -> IpAddr {
    match ip.to_canonical() {
        IpAddr::V6(v6) => {
            let mut o = v6.octets();
            o[8..].fill(0);
            IpAddr::from(o)
        }
        v4 => v4,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_client_has_its_burst_then_its_rate() {
        let limiter = RateLimiter::default();
        let (a, b) = (
            Some(IpAddr::from([10, 0, 0, 1])),
            Some(IpAddr::from([10, 0, 0, 2])),
        );
        let t0 = Instant::now();
        for i in 0..20 {
            assert!(limiter.check(a, t0).is_ok(), "{i}");
        }
        let wait = limiter.check(a, t0).unwrap_err();
        assert_eq!(wait, Duration::from_millis(100));
        assert!(
            limiter.check(b, t0).is_ok(),
            "another address has its own bucket"
        );
        let t1 = t0 + Duration::from_millis(100);
        assert!(limiter.check(a, t1).is_ok());
        assert!(limiter.check(a, t1).is_err());
        // Idle for the burst's refill time: the whole burst again, no more.
        let t2 = t1 + Duration::from_secs(60);
        assert_eq!((0..25).filter(|_| limiter.check(a, t2).is_ok()).count(), 20);
    }

    #[test]
    fn ipv6_clients_are_counted_per_64_and_mapped_ipv4_as_ipv4() {
        let one: IpAddr = "2001:db8:1:2:aaaa::1".parse().unwrap();
        let same: IpAddr = "2001:db8:1:2:bbbb::9".parse().unwrap();
        let other: IpAddr = "2001:db8:1:3::1".parse().unwrap();
        assert_eq!(per_client(one), per_client(same));
        assert_ne!(per_client(one), per_client(other));
        let mapped: IpAddr = "::ffff:192.0.2.7".parse().unwrap();
        assert_eq!(per_client(mapped), IpAddr::from([192, 0, 2, 7]));
    }

    #[test]
    fn the_client_table_is_bounded_and_idle_clients_make_room() {
        let mut clients = Clients::default();
        let t0 = Instant::now();
        let addr = |i: usize| IpAddr::from(u32::try_from(i).unwrap().to_be_bytes());
        for i in 0..CLIENTS_CAPACITY {
            assert!(clients.take(addr(i), t0).is_ok());
        }
        // Full of active clients: new ones share one bucket, so they cannot flood either.
        let newcomers = (0..40).filter(|i| clients.take(addr(CLIENTS_CAPACITY + i), t0).is_ok());
        assert_eq!(newcomers.count(), 20);
        assert_eq!(clients.buckets.len(), CLIENTS_CAPACITY);
        // Once the others have been idle long enough to be full again, they are dropped.
        let later = t0 + Duration::from_secs(3);
        assert!(clients.take(addr(CLIENTS_CAPACITY + 100), later).is_ok());
        assert_eq!(clients.buckets.len(), 1);
    }
}
