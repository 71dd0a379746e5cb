//! The spool when `redis` is configured: pushes go to the shared Redis ([`RedisSpool`]); when
//! Redis fails (an error, or no answer within the insert's budget) they go to this instance's
//! embedded spool (when `spool.dir` is configured) and are still delivered, by this instance.
//! It only routes: it must not store anything itself.
//!
//! What weakens while Redis is down: a push spooled locally is redelivered only by this
//! instance (if it dies, the push waits for its restart, not for another instance), and the
//! CLI run against Redis does not see it (`spool --dir` does). Order between the two stores
//! is not kept: the local pushes of a service come before its Redis ones in `due`.
//!
//! A call on one push goes to the store that holds it: ids known to be local (inserted there,
//! or handed out by the local `due`) go there, every other id to Redis.

use std::collections::{BTreeMap, HashSet};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use super::redis_spool::{Pending, RedisSpool};
use super::spool::{Entry, NewEntry, ServiceStats, Settle, SpoolError};
use super::{BoxFut, Spool};

struct Inner {
    redis: RedisSpool,
    local: Option<Arc<dyn Spool>>,
    /// Ids in the local store (bounded by what the local store holds queued).
    local_ids: Mutex<HashSet<String>>,
    /// The last insert went to the local store (logged once per change).
    falling_back: AtomicBool,
    counters: super::spooler::Counters,
}

/// Redis first, the embedded spool when Redis fails.
#[derive(Clone)]
pub struct Tiered {
    inner: Arc<Inner>,
    pending: Arc<Pending>,
}

impl Tiered {
    /// `redis`: the spool on the shared Redis; `local`: this instance's embedded spool (its
    /// pushes from a Redis outage, also of an earlier run, are delivered from it), if any.
    pub fn open(redis: RedisSpool, local: Option<Arc<dyn Spool>>) -> Tiered {
        Tiered {
            inner: Arc::new(Inner {
                redis,
                local,
                local_ids: Mutex::default(),
                falling_back: AtomicBool::new(false),
                counters: Default::default(),
            }),
            pending: Arc::default(),
        }
    }
}

impl Inner {
    fn ids(&self) -> std::sync::MutexGuard<'_, HashSet<String>> {
        self.local_ids.lock().unwrap_or_else(|e| e.into_inner())
    }

    fn is_local(&self, id: &str) -> bool {
        self.local.is_some() && self.ids().contains(id)
    }

    async fn insert(&self, entry: NewEntry) -> Result<(), SpoolError> {
        let id = entry.id.clone();
        let err = match self.redis.insert(entry.clone()).await {
            Ok(()) => {
                if self.falling_back.swap(false, Ordering::Relaxed) {
                    tracing::info!("spool: redis takes pushes again: shared redelivery resumes");
                }
                return Ok(());
            }
            Err(e) => e,
        };
        let Some(local) = &self.local else {
            return Err(err);
        };
        if !self.falling_back.swap(true, Ordering::Relaxed) {
            tracing::error!(
                error = %err,
                "spool: redis failed: pushes are spooled locally and redelivered by this instance only, until redis is back"
            );
        }
        self.ids().insert(id.clone());
        let result = local.insert(entry).await;
        if result.is_err() {
            self.ids().remove(&id);
        }
        result
    }
}

impl Spool for Tiered {
    fn insert(&self, entry: NewEntry) -> BoxFut<Result<(), SpoolError>> {
        let inner = Arc::clone(&self.inner);
        let id = entry.id.clone();
        self.pending.start(id, async move {
            let result = inner.insert(entry).await;
            inner.counters.record(&result);
            result
        })
    }
    fn settle(&self, id: String, settle: Settle) -> BoxFut<Result<(), SpoolError>> {
        let inner = Arc::clone(&self.inner);
        let after = self.pending.after(&id);
        Box::pin(async move {
            after.await;
            match &inner.local {
                Some(local) if inner.is_local(&id) => {
                    let done = !matches!(settle, Settle::Retry { .. } | Settle::Defer { .. });
                    local.settle(id.clone(), settle).await?;
                    if done {
                        inner.ids().remove(&id);
                    }
                    Ok(())
                }
                _ => inner.redis.settle(id, settle).await,
            }
        })
    }
    fn due(&self, service: String, limit: usize) -> BoxFut<Result<Vec<Entry>, SpoolError>> {
        let inner = Arc::clone(&self.inner);
        Box::pin(async move {
            let mut out = Vec::new();
            let mut local_err = None;
            if let Some(local) = &inner.local {
                match local.due(service.clone(), limit).await {
                    Ok(found) => {
                        inner.ids().extend(found.iter().map(|e| e.new.id.clone()));
                        out = found;
                    }
                    Err(e) => local_err = Some(e),
                }
            }
            if out.len() < limit {
                match inner.redis.due(service, limit - out.len()).await {
                    Ok(found) => out.extend(found),
                    // Redis down: what the local spool has (its state change is logged by
                    // the connection, once).
                    Err(_) if inner.local.is_some() && local_err.is_none() => {}
                    Err(e) => return Err(local_err.unwrap_or(e)),
                }
            }
            Ok(out)
        })
    }
    fn next_due(&self, service: String) -> BoxFut<Result<Option<i64>, SpoolError>> {
        let inner = Arc::clone(&self.inner);
        Box::pin(async move {
            let remote = inner.redis.next_due(service.clone()).await;
            let local = match &inner.local {
                Some(l) => l.next_due(service).await,
                None => Ok(None),
            };
            match (remote, local) {
                (Ok(a), Ok(b)) => Ok(a.into_iter().chain(b).min()),
                (Ok(a), Err(_)) => Ok(a),
                (Err(_), Ok(b)) if inner.local.is_some() => Ok(b),
                (Err(e), _) => Err(e),
            }
        })
    }
    fn head(&self, service: String) -> BoxFut<Result<Option<Entry>, SpoolError>> {
        let inner = Arc::clone(&self.inner);
        Box::pin(async move {
            let remote = inner.redis.head(service.clone()).await;
            let local = match &inner.local {
                Some(l) => l.head(service).await,
                None => Ok(None),
            };
            match (remote, local) {
                // The older of the two.
                (Ok(a), Ok(b)) => Ok(a.into_iter().chain(b).min_by_key(|e| e.new.first_seen)),
                (Ok(a), Err(_)) => Ok(a),
                (Err(_), Ok(b)) if inner.local.is_some() => Ok(b),
                (Err(e), _) => Err(e),
            }
        })
    }
    fn lanes(&self, service: String, limit: usize) -> BoxFut<Result<Vec<String>, SpoolError>> {
        let inner = Arc::clone(&self.inner);
        Box::pin(async move {
            let mut out = inner.redis.lanes(service.clone(), limit).await?;
            if let Some(l) = &inner.local {
                out.extend(l.lanes(service, limit).await?);
            }
            out.sort();
            out.dedup();
            Ok(out)
        })
    }
    fn paused(&self) -> BoxFut<Result<Vec<String>, SpoolError>> {
        let inner = Arc::clone(&self.inner);
        Box::pin(async move { inner.redis.paused().await })
    }
    fn pull_forward(&self, service: String) -> BoxFut<Result<usize, SpoolError>> {
        let inner = Arc::clone(&self.inner);
        Box::pin(async move {
            let local = match &inner.local {
                Some(l) => l.pull_forward(service.clone()).await,
                None => Ok(0),
            };
            let remote = inner.redis.pull_forward(service).await;
            match (remote, local) {
                (Ok(a), Ok(b)) => Ok(a + b),
                (Err(e), Ok(0)) | (_, Err(e)) => Err(e),
                (Err(_), Ok(b)) => Ok(b),
            }
        })
    }
    fn claim(&self, id: String, lease_until: i64) -> BoxFut<Result<bool, SpoolError>> {
        let inner = Arc::clone(&self.inner);
        let after = self.pending.after(&id);
        Box::pin(async move {
            after.await;
            match &inner.local {
                Some(local) if inner.is_local(&id) => local.claim(id, lease_until).await,
                _ => inner.redis.claim(id, lease_until).await,
            }
        })
    }
    fn flush(&self) -> BoxFut<Result<(), SpoolError>> {
        let inner = Arc::clone(&self.inner);
        let all = self.pending.all();
        Box::pin(async move {
            all.await;
            match &inner.local {
                Some(l) => l.flush().await,
                None => Ok(()),
            }
        })
    }
    fn expire(&self, max_age: Duration) -> BoxFut<Result<Vec<Entry>, SpoolError>> {
        let inner = Arc::clone(&self.inner);
        Box::pin(async move {
            let mut out = Vec::new();
            let mut err = None;
            if let Some(local) = &inner.local {
                match local.expire(max_age).await {
                    Ok(dead) => {
                        let mut ids = inner.ids();
                        for e in &dead {
                            ids.remove(&e.new.id);
                        }
                        drop(ids);
                        out = dead;
                    }
                    Err(e) => err = Some(e),
                }
            }
            match inner.redis.expire(max_age).await {
                Ok(dead) => out.extend(dead),
                Err(e) => err = err.or(Some(e)),
            }
            match err {
                Some(e) if out.is_empty() => Err(e),
                _ => Ok(out),
            }
        })
    }
    fn version(&self) -> BoxFut<Result<i64, SpoolError>> {
        let inner = Arc::clone(&self.inner);
        Box::pin(async move {
            // Either changing is a change (a replay on Redis, or on the local spool).
            let remote = inner.redis.version().await.unwrap_or(0);
            let local = match &inner.local {
                Some(l) => l.version().await?,
                None => 0,
            };
            Ok(remote.wrapping_mul(1 << 20).wrapping_add(local))
        })
    }
    fn healthy(&self) -> bool {
        self.inner.redis.healthy() || self.inner.local.as_ref().is_some_and(|l| l.healthy())
    }
    fn stats(&self) -> BoxFut<Result<Vec<ServiceStats>, SpoolError>> {
        let inner = Arc::clone(&self.inner);
        Box::pin(async move {
            let mut by: BTreeMap<String, ServiceStats> = BTreeMap::new();
            let local = match &inner.local {
                Some(l) => l.stats().await?,
                None => Vec::new(),
            };
            let remote = inner.redis.stats().await;
            let remote = match remote {
                Ok(r) => r,
                Err(e) if inner.local.is_none() => return Err(e),
                Err(_) => Vec::new(),
            };
            for s in local.into_iter().chain(remote) {
                match by.get_mut(&s.service) {
                    Some(t) => {
                        t.depth += s.depth;
                        t.dead += s.dead;
                        t.oldest_age_s = t.oldest_age_s.max(s.oldest_age_s);
                    }
                    None => {
                        by.insert(s.service.clone(), s);
                    }
                }
            }
            Ok(by.into_values().collect())
        })
    }
    fn spooled(&self) -> u64 {
        self.inner.counters.spooled.load(Ordering::Relaxed)
    }
    fn write_failures(&self) -> u64 {
        self.inner.counters.write_failures.load(Ordering::Relaxed)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::clock;
    use crate::state::redis::Redis;
    use crate::state::redis_spool::tests::{Keys, spool};
    use crate::state::spooler::Embedded;

    const DAY: Duration = Duration::from_secs(86_400);

    fn new(id: &str, service: &str) -> NewEntry {
        let now = clock::unix_millis();
        NewEntry {
            id: id.to_owned(),
            service: service.to_owned(),
            route: "msg/text".to_owned(),
            body: "{}".to_owned(),
            request_id: "r1".to_owned(),
            open_id: "o1".to_owned(),
            create_time: None,
            first_seen: now,
            attempts: 1,
            next_at: now,
            last_error: None,
            ..NewEntry::default()
        }
    }

    fn local_dir() -> std::path::PathBuf {
        std::env::temp_dir().join(format!(
            "wxg-tiered-{}-{}",
            std::process::id(),
            crate::random::alphanumeric(8)
        ))
    }

    /// Redis nobody listens on: the insert lands locally within the budget, is due locally,
    /// claimed and delivered there.
    #[tokio::test]
    async fn with_redis_down_a_push_is_spooled_and_delivered_locally() {
        let port = std::net::TcpListener::bind("127.0.0.1:0")
            .unwrap()
            .local_addr()
            .unwrap()
            .port();
        let redis = Redis::start(&format!("redis://127.0.0.1:{port}/0"), "t:").unwrap();
        let dir = local_dir();
        let local: Arc<dyn Spool> = Arc::new(Embedded::start(&dir).unwrap());
        let t = Tiered::open(RedisSpool::new(redis, DAY), Some(local));
        let started = std::time::Instant::now();
        t.insert(new("aaaa0001", "svc")).await.unwrap();
        assert!(
            started.elapsed() < Duration::from_millis(200),
            "{:?}",
            started.elapsed()
        );
        assert!(t.healthy());
        let due = t.due("svc".into(), 10).await.unwrap();
        assert_eq!(due.len(), 1);
        assert!(
            t.claim("aaaa0001".into(), clock::unix_millis() + 60_000)
                .await
                .unwrap()
        );
        t.settle("aaaa0001".into(), Settle::Delivered)
            .await
            .unwrap();
        t.flush().await.unwrap();
        assert!(t.due("svc".into(), 10).await.unwrap().is_empty());
        assert_eq!(t.stats().await.unwrap(), []);
        assert_eq!((t.spooled(), t.write_failures()), (1, 0));
        let _ = std::fs::remove_dir_all(&dir);
    }

    /// Without a local spool, a Redis failure is the insert's failure.
    #[tokio::test]
    async fn with_redis_down_and_no_local_spool_the_insert_fails() {
        let port = std::net::TcpListener::bind("127.0.0.1:0")
            .unwrap()
            .local_addr()
            .unwrap()
            .port();
        let redis = Redis::start(&format!("redis://127.0.0.1:{port}/0"), "t:").unwrap();
        let t = Tiered::open(RedisSpool::new(redis, DAY), None);
        assert!(t.insert(new("aaaa0002", "svc")).await.is_err());
        assert!(!t.healthy());
        assert_eq!(t.write_failures(), 1);
    }

    /// Redis up: pushes go there, another instance sees them; local pushes of an outage are
    /// still served, before them.
    #[tokio::test]
    async fn with_redis_up_pushes_are_shared_and_local_ones_still_served() {
        let keys = Keys::new();
        let dir = local_dir();
        let embedded = Arc::new(Embedded::start(&dir).unwrap());
        embedded.insert(new("0100cal1", "svc")).await.unwrap();
        let t = Tiered::open(spool(&keys, DAY).await, Some(embedded));
        let other = spool(&keys, DAY).await;
        t.insert(new("0200ed15", "svc")).await.unwrap();
        assert_eq!(other.due("svc".into(), 10).await.unwrap().len(), 1);
        let due = t.due("svc".into(), 10).await.unwrap();
        let ids: Vec<_> = due.iter().map(|e| e.new.id.as_str()).collect();
        assert_eq!(ids, ["0100cal1", "0200ed15"]);
        let lease = clock::unix_millis() + 60_000;
        assert!(t.claim("0100cal1".into(), lease).await.unwrap());
        assert!(t.claim("0200ed15".into(), lease).await.unwrap());
        assert!(!other.claim("0200ed15".into(), lease).await.unwrap());
        let stats = t.stats().await.unwrap();
        assert_eq!((stats[0].depth, stats[0].dead), (2, 0));
        t.settle("0100cal1".into(), Settle::Delivered)
            .await
            .unwrap();
        t.settle("0200ed15".into(), Settle::Delivered)
            .await
            .unwrap();
        t.flush().await.unwrap();
        assert_eq!(t.stats().await.unwrap(), []);
        let _ = std::fs::remove_dir_all(&dir);
    }
}
