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
//!
//! When Redis does not confirm an insert on its disk (`WAITAOF`: AOF off, a server before
//! 7.2), the push is also kept in `spool.dir` as a shadow copy before the insert resolves
//! (before WeChat is answered). A thread checks the copies every [`SHADOW_CHECK`]: Redis
//! delivered or dropped the push → the copy goes; Redis lost it (the epoch of the service's
//! keys changed: a restart without persistence, a FLUSHALL) → the copy joins the local queue
//! and this instance delivers it. While Redis holds a push, its copy is never delivered.

use std::collections::{BTreeMap, HashSet};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use super::redis_spool::{Pending, RedisSpool, Shadowed};
use super::spool::{Entry, NewEntry, ServiceStats, Settle, SpoolError, Store};
use super::{BoxFut, Spool};

/// How often the shadow copies are checked against Redis (and Redis for data loss).
pub const SHADOW_CHECK: Duration = Duration::from_secs(1);
/// Shadow copies checked at once, at most.
const SHADOW_BATCH: usize = 500;

struct Inner {
    redis: RedisSpool,
    local: Option<Arc<dyn Spool>>,
    /// The shadow copies: a connection of their own on `spool.dir`'s database.
    shadows: Option<Arc<Mutex<Store>>>,
    /// A shadow copy could not be written (logged once per change).
    shadow_failing: AtomicBool,
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
        Tiered::build(redis, local, None)
    }

    /// As [`Self::open`], with shadow copies in `shadow_dir` (the local spool's directory) of
    /// the pushes Redis does not confirm on its disk; starts the thread that checks them (and
    /// Redis: its persistence, said at start; its data, lost or not). The thread ends with
    /// the spool.
    pub fn open_with_shadows(
        redis: RedisSpool,
        local: Option<Arc<dyn Spool>>,
        shadow_dir: Option<&std::path::Path>,
    ) -> Result<Tiered, SpoolError> {
        let shadows = shadow_dir.map(Store::open).transpose()?;
        let t = Tiered::build(redis, local, shadows);
        let weak = Arc::downgrade(&t.inner);
        std::thread::Builder::new()
            .name("wxg-shadows".into())
            .spawn(move || {
                let Ok(rt) = tokio::runtime::Builder::new_current_thread()
                    .enable_all()
                    .build()
                else {
                    tracing::error!("spool: cannot start the shadow copies' checks");
                    return;
                };
                rt.block_on(watch(weak));
            })
            .map_err(|e| SpoolError::Unavailable(format!("cannot start a thread: {e}")))?;
        Ok(t)
    }

    fn build(redis: RedisSpool, local: Option<Arc<dyn Spool>>, shadows: Option<Store>) -> Tiered {
        Tiered {
            inner: Arc::new(Inner {
                redis,
                local,
                shadows: shadows.map(|s| Arc::new(Mutex::new(s))),
                shadow_failing: AtomicBool::new(false),
                local_ids: Mutex::default(),
                falling_back: AtomicBool::new(false),
                counters: Default::default(),
            }),
            pending: Arc::default(),
        }
    }
}

impl Tiered {
    /// Checks the shadow copies once: returns (forgotten, promoted into the local queue).
    pub async fn check_shadows(&self) -> Result<(usize, usize), SpoolError> {
        self.inner.check_shadows().await
    }

    /// The shadow copies kept now.
    pub fn shadow_count(&self) -> usize {
        self.inner
            .with_shadows(|s| s.shadows(usize::MAX >> 1).map(|v| v.len()))
            .unwrap_or(Ok(0))
            .unwrap_or(0)
    }
}

/// The checks of the shadow thread, until the spool is gone.
async fn watch(inner: std::sync::Weak<Inner>) {
    let mut said = false;
    loop {
        let Some(me) = inner.upgrade() else {
            return;
        };
        if !said {
            said = me.say_persistence().await;
        }
        // Redis down: nothing is decided (its state change is logged by the connection).
        if me.redis.check_epoch().await.is_ok()
            && me.shadows.is_some()
            && let Err(e) = me.check_shadows().await
        {
            tracing::debug!(error = %e, "spool: shadow copies not checked");
        }
        drop(me);
        tokio::time::sleep(SHADOW_CHECK).await;
    }
}

impl Inner {
    fn with_shadows<T>(&self, f: impl FnOnce(&mut Store) -> T) -> Option<T> {
        let shadows = self.shadows.as_ref()?;
        let mut store = shadows.lock().unwrap_or_else(|e| e.into_inner());
        Some(f(&mut store))
    }

    /// Says at start what Redis's persistence means for pushes (true once said).
    async fn say_persistence(&self) -> bool {
        let Ok(p) = self.redis.redis().persistence().await else {
            return false;
        };
        if !p.aof {
            tracing::warn!(
                "redis has appendonly off: a spooled push lives in its memory only (lost by a restart); {}",
                self.copies()
            );
        } else if !p.has_waitaof() {
            tracing::warn!(
                version = %p.version,
                "redis before 7.2 has no WAITAOF: the gateway cannot confirm a spooled push is on its disk; {}",
                self.copies()
            );
        }
        if p.may_evict() {
            tracing::warn!(
                policy = %p.maxmemory_policy,
                "redis maxmemory-policy may evict keys when memory is full: spooled pushes can be lost; set it to noeviction"
            );
        }
        true
    }

    fn copies(&self) -> &'static str {
        if self.shadows.is_some() {
            "each is also copied to spool.dir until redis has delivered it"
        } else {
            "no embedded copy is possible without spool.dir: configure one"
        }
    }

    async fn check_shadows(&self) -> Result<(usize, usize), SpoolError> {
        let Some(kept) = self.with_shadows(|s| s.shadows(SHADOW_BATCH)) else {
            return Ok((0, 0));
        };
        let mut groups: BTreeMap<(String, String), Vec<String>> = BTreeMap::new();
        for s in kept? {
            groups
                .entry((s.new.service, s.epoch))
                .or_default()
                .push(s.new.id);
        }
        let (mut gone, mut lost) = (Vec::new(), Vec::new());
        for ((service, epoch), ids) in groups {
            let answers = self.redis.shadowed(&service, &epoch, &ids).await?;
            for (id, a) in ids.into_iter().zip(answers) {
                match a {
                    Shadowed::Gone => gone.push(id),
                    Shadowed::Lost => lost.push(id),
                    Shadowed::Held => {}
                }
            }
        }
        let now = crate::clock::unix_millis();
        let forgotten = self
            .with_shadows(|s| s.forget_shadows(&gone))
            .unwrap_or(Ok(0))?;
        let promoted = if lost.is_empty() {
            0
        } else {
            let n = self
                .with_shadows(|s| s.promote_shadows(&lost, now))
                .unwrap_or(Ok(0))?;
            tracing::error!(
                pushes = n,
                "spool: REDIS LOST PUSHES this instance kept copies of (restart without persistence, or FLUSHALL): they are delivered from the local spool"
            );
            n
        };
        Ok((forgotten, promoted))
    }

    /// Keeps a shadow copy of a push Redis did not confirm on its disk. A failure is logged
    /// (once per change), not the insert's: Redis has the push.
    async fn shadow(&self, entry: NewEntry, epoch: String) {
        let Some(shadows) = &self.shadows else {
            return;
        };
        let now = crate::clock::unix_millis();
        let shadows = Arc::clone(shadows);
        // The fsync off the serving thread.
        let result = tokio::task::spawn_blocking(move || {
            shadows
                .lock()
                .unwrap_or_else(|e| e.into_inner())
                .save_shadows(&[(entry, epoch)], now)
        })
        .await
        .unwrap_or_else(|e| Err(SpoolError::Unavailable(e.to_string())));
        let failed = result.is_err();
        if self.shadow_failing.swap(failed, Ordering::Relaxed) != failed {
            match result {
                Err(e) => tracing::error!(
                    error = %e,
                    "spool: cannot keep shadow copies in spool.dir: pushes are in redis only (not on its disk)"
                ),
                _ => tracing::info!("spool: shadow copies are kept again"),
            }
        }
    }

    fn ids(&self) -> std::sync::MutexGuard<'_, HashSet<String>> {
        self.local_ids.lock().unwrap_or_else(|e| e.into_inner())
    }

    fn is_local(&self, id: &str) -> bool {
        self.local.is_some() && self.ids().contains(id)
    }

    async fn insert(&self, entry: NewEntry) -> Result<(), SpoolError> {
        let id = entry.id.clone();
        let err = match self.redis.insert_checked(entry.clone()).await {
            Ok(stored) => {
                if self.falling_back.swap(false, Ordering::Relaxed) {
                    tracing::info!("spool: redis takes pushes again: shared redelivery resumes");
                }
                if stored.added && !stored.durable {
                    // Before WeChat is answered: a copy for the case Redis loses it.
                    self.shadow(entry, stored.epoch).await;
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
            let mut out = match inner.redis.lanes(service.clone(), limit).await {
                Ok(l) => l,
                // Redis down: the local lanes.
                Err(_) if inner.local.is_some() => Vec::new(),
                Err(e) => return Err(e),
            };
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
                        t.replaying += s.replaying;
                        t.overdue += s.overdue;
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

    /// Redis 7.0 or AOF off: an insert also keeps a shadow copy, not due locally; when Redis
    /// delivers the push the copy goes; when Redis loses the service's keys the copy joins
    /// the local queue, once.
    #[tokio::test]
    async fn a_push_redis_does_not_confirm_is_shadowed_until_redis_settles_or_loses_it() {
        let keys = Keys::new();
        let dir = local_dir();
        let embedded: Arc<dyn Spool> = Arc::new(Embedded::start(&dir).unwrap());
        let redis = spool(&keys, DAY).await;
        let durable = redis.redis().persistence().await.unwrap().can_be_durable();
        // Without the checking thread: the test checks.
        let shadows = Store::open(&dir).unwrap();
        let t = Tiered::build(redis.clone(), Some(embedded), Some(shadows));
        for id in ["5ad0a001", "5ad0a002"] {
            let mut e = new(id, "svc");
            e.open_id = id.into();
            t.insert(e).await.unwrap();
        }
        if durable {
            // A Redis that confirms its fsync: no copies at all.
            assert_eq!(t.shadow_count(), 0);
            return;
        }
        assert_eq!(t.shadow_count(), 2, "copied before the insert resolved");
        // Not queued locally: due and counted once (from Redis).
        assert_eq!(t.due("svc".into(), 10).await.unwrap().len(), 2);
        assert_eq!(t.stats().await.unwrap()[0].depth, 2);
        assert_eq!(t.check_shadows().await.unwrap(), (0, 0), "held by redis");
        // Delivered through Redis (by any instance): the copy goes.
        redis
            .settle("5ad0a001".into(), Settle::Delivered)
            .await
            .unwrap();
        assert_eq!(t.check_shadows().await.unwrap(), (1, 0));
        // Redis loses everything: the copy is queued locally and delivered here.
        drop(Keys(keys.0.clone()));
        assert_eq!(t.check_shadows().await.unwrap(), (0, 1));
        assert_eq!(t.check_shadows().await.unwrap(), (0, 0), "once");
        let due = t.due("svc".into(), 10).await.unwrap();
        assert_eq!(due.len(), 1);
        assert_eq!(due[0].new.id, "5ad0a002");
        let _ = std::fs::remove_dir_all(&dir);
    }
}
