//! What the serving threads share. Two parts: what lives as long as the process (the retry
//! table, the replay cache, the spool, the OAuth code cache, connections, metrics, the
//! request-id counter, the timeouts) and a [`Snapshot`] of everything built from the config
//! (each service with its backend and concurrency limit, the route maps, the token brokers),
//! which a reload replaces in one step. A request takes the snapshot in use when it arrives
//! and finishes with it. Each thread adds its own backend client.

use std::collections::HashMap;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::{Arc, RwLock};
use std::time::Duration;

use tokio::sync::Semaphore;

use super::delivery::{Delivery, Outcome};
use super::forward;
use super::oauth::CodeCache;
use crate::config::DeliveryConfig;
use crate::config::{Config, Endpoint, ProxyNet, Secret, Service};
use crate::logging::Throttle;
use crate::metrics::{Metrics, ServiceMetrics};
use crate::random;
use crate::state::redis::Redis;
use crate::state::{Dedupe, ReplayCache};
use crate::wxapi::Brokers;

/// Most connections served at once by the whole process (all threads), unless the file
/// descriptor limit is lower: see [`connection_cap`].
pub const MAX_CONNECTIONS: usize = 10_000;
/// File descriptors kept free of connections: listener, backend and WeChat API connections,
/// token files, logs.
const RESERVED_FDS: u64 = 256;

/// How long the gateway waits for clients and for itself.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Timeouts {
    /// A client must send its request headers within this (slowloris); it is also how long an
    /// idle keep-alive connection may wait for its next request.
    pub header_read: Duration,
    /// The whole request body must arrive within this; slow senders are cut off.
    pub body: Duration,
    /// How long shutdown waits for in-flight requests.
    pub drain: Duration,
    /// A response write that makes no progress for this long (a client that does not read)
    /// closes the connection.
    pub write_stall: Duration,
    /// The longest a connection is kept: then it is closed once its request in flight (if any)
    /// is answered.
    pub connection: Duration,
}

impl Default for Timeouts {
    fn default() -> Self {
        Timeouts {
            header_read: Duration::from_secs(10),
            body: Duration::from_secs(10),
            drain: Duration::from_secs(10),
            write_stall: Duration::from_secs(10),
            connection: Duration::from_secs(300),
        }
    }
}

/// One service's run-time state: its config and concurrency limit (replaced by a reload that
/// changes them), and the parts that outlive reloads (the redelivery worker's wake-up and
/// backoff flag, the metric handles, the key-match counters), shared by every snapshot that
/// has the service.
pub struct ServiceState {
    pub cfg: Arc<Service>,
    /// The config's spool tuning (retry schedule, breaker, drain), as of this snapshot.
    pub(super) delivery: DeliveryConfig,
    pub(super) limiter: Arc<forward::Limiter>,
    /// Wakes the service's redelivery worker (the backend took a live push: it may be back;
    /// or a reload changed the service).
    pub(super) wake: Arc<tokio::sync::Notify>,
    /// The backend's breaker (issue 14 §2).
    pub(super) breaker: Arc<super::breaker::Breaker>,
    /// The lanes (senders) with pushes waiting in the spool.
    pub(super) lanes: Arc<super::lanes::Lanes>,
    /// `wx-gateway spool pause`: every push is spooled, none is delivered.
    pub(super) paused: Arc<AtomicBool>,
    /// When a push of the service was last delivered (unix ms; the poison rule).
    pub(super) last_success: Arc<std::sync::atomic::AtomicI64>,
    /// This service's metric handles.
    pub(super) metrics: ServiceMetrics,
    /// Verified pushes and handshakes that matched the current secrets, and the previous ones.
    keys: Arc<KeyCounts>,
}

/// How many verified pushes and handshakes matched the current and the previous secrets.
#[derive(Default)]
struct KeyCounts {
    current: AtomicU64,
    previous: AtomicU64,
}

/// Which of a service's secrets verified (and opened) a push or a handshake: during a rotation
/// (`previous-token`, `previous-aes-key`) the old ones are still accepted.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum KeyMatch {
    /// `token` and `aes-key`.
    Current,
    /// `previous-token` or `previous-aes-key` (either one).
    Previous,
}

impl KeyMatch {
    /// `current` or `previous`: the log's `key` field and the `x-wx-gateway-key` header.
    pub fn as_str(self) -> &'static str {
        match self {
            KeyMatch::Current => "current",
            KeyMatch::Previous => "previous",
        }
    }
}

impl ServiceState {
    /// How many verified pushes and handshakes matched the current secrets and how many the
    /// previous ones, since start (`wxgw_key_matched_total{service,key}`). Cheap: two atomic
    /// loads.
    pub fn key_matched(&self) -> (u64, u64) {
        (
            self.keys.current.load(Ordering::Relaxed),
            self.keys.previous.load(Ordering::Relaxed),
        )
    }

    /// Counts one verified push or handshake.
    pub(super) fn count_key(&self, matched: KeyMatch) {
        let counter = match matched {
            KeyMatch::Current => &self.keys.current,
            KeyMatch::Previous => &self.keys.previous,
        };
        counter.fetch_add(1, Ordering::Relaxed);
    }

    /// The state of service `cfg` in a new snapshot: what outlives reloads is taken from the
    /// service of the same name in the old one (if any); the concurrency limit too, unless
    /// `workerNum` changed (calls running keep their slots in the old limit until they end).
    fn next(
        cfg: &Arc<Service>,
        old: Option<&ServiceState>,
        metrics: &Metrics,
        delivery: &DeliveryConfig,
    ) -> ServiceState {
        match old {
            Some(old) => ServiceState {
                cfg: Arc::clone(cfg),
                delivery: *delivery,
                limiter: if old.cfg.workers == cfg.workers {
                    Arc::clone(&old.limiter)
                } else {
                    Arc::new(forward::Limiter::new(cfg.workers))
                },
                wake: Arc::clone(&old.wake),
                breaker: Arc::clone(&old.breaker),
                lanes: Arc::clone(&old.lanes),
                paused: Arc::clone(&old.paused),
                last_success: Arc::clone(&old.last_success),
                metrics: old.metrics.clone(),
                keys: Arc::clone(&old.keys),
            },
            None => ServiceState {
                cfg: Arc::clone(cfg),
                delivery: *delivery,
                limiter: Arc::new(forward::Limiter::new(cfg.workers)),
                wake: Arc::default(),
                breaker: Arc::default(),
                lanes: Arc::default(),
                paused: Arc::default(),
                last_success: Arc::default(),
                metrics: metrics.service(&cfg.name),
                keys: Arc::default(),
            },
        }
    }
}

/// The config in use and everything built from it: what a reload replaces.
pub(super) struct Snapshot {
    pub config: Arc<Config>,
    /// service-path → service.
    pub services: HashMap<String, Arc<ServiceState>>,
    /// service name → service.
    pub by_name: HashMap<String, Arc<ServiceState>>,
    /// redirect-path → service.
    pub redirects: HashMap<String, Arc<Service>>,
    /// Endpoint path → endpoint.
    pub endpoints: HashMap<String, Endpoint>,
    pub health_paths: Vec<String>,
    pub api_proxy_path: Option<String>,
    pub admin_token: Option<Secret>,
    pub brokers: Arc<Brokers>,
    /// `trusted-proxies`: whose `X-Forwarded-For` names an OAuth client.
    pub trusted_proxies: Vec<ProxyNet>,
}

impl Snapshot {
    /// Builds the snapshot of `config`; services and token brokers of `old` (the snapshot
    /// being replaced) carry over what outlives a reload.
    fn build(
        config: Arc<Config>,
        old: Option<&Snapshot>,
        metrics: &Metrics,
        redis: Option<Arc<Redis>>,
    ) -> anyhow::Result<Snapshot> {
        let by_name: HashMap<String, Arc<ServiceState>> = config
            .services
            .iter()
            .map(|s| {
                let before = old.and_then(|o| o.by_name.get(&s.name)).map(|b| &**b);
                (
                    s.name.clone(),
                    Arc::new(ServiceState::next(s, before, metrics, &config.delivery)),
                )
            })
            .collect();
        let services = by_name
            .values()
            .map(|s| (s.cfg.service_path.clone(), Arc::clone(s)))
            .collect();
        let redirects = config
            .services
            .iter()
            .filter_map(|s| Some((s.redirect_path.clone()?, Arc::clone(s))))
            .collect();
        let endpoints = config
            .endpoints
            .iter()
            .map(|(endpoint, path)| (path.clone(), *endpoint))
            .collect();
        let mut health_paths = vec!["/healthz".to_owned()];
        health_paths.extend(config.health_check.iter().cloned());
        let brokers = Brokers::next_with(
            &config.services,
            &config.api,
            old.map(|o| o.brokers.as_ref()),
            redis,
        )?;
        Ok(Snapshot {
            services,
            by_name,
            redirects,
            endpoints,
            health_paths,
            api_proxy_path: config.api.api_proxy_path.clone(),
            admin_token: config.api.admin_token.clone(),
            brokers: Arc::new(brokers),
            trusted_proxies: config.trusted_proxies.clone(),
            config,
        })
    }

    /// The service mounted at `path`.
    pub fn service(&self, path: &str) -> Option<&Arc<ServiceState>> {
        self.services.get(path).or_else(|| {
            // `/wx/` reaches `/wx`, as with go-wx-gateway's router.
            path.strip_suffix('/').and_then(|p| self.services.get(p))
        })
    }
}

/// What every thread shares.
pub(super) struct Shared {
    /// The config in use; see [`Shared::snapshot`].
    snapshot: RwLock<Arc<Snapshot>>,
    /// Counts the snapshots swapped in (0 = the one from the start); the redelivery workers
    /// follow it.
    pub generation: tokio::sync::watch::Sender<u64>,
    /// Reloads are one at a time.
    reloading: tokio::sync::Mutex<()>,
    pub codes: CodeCache,
    /// `redis`: the Redis shared with the other instances.
    pub redis: Option<Arc<Redis>>,
    pub dedupe: Arc<Dedupe<Outcome>>,
    /// With `redis`: the retry table and the replay cache shared with the other instances.
    pub cluster: Option<super::cluster::Cluster>,
    /// The spool and the pushes whose backend call is running.
    pub delivery: Delivery,
    /// The redelivery workers were started (by the first serving thread).
    pub workers_started: AtomicBool,
    pub dedupe_capacity: usize,
    pub dedupe_full: Throttle,
    pub replay: ReplayCache,
    pub replay_capacity: usize,
    pub replay_full: Throttle,
    pub timeouts: Timeouts,
    /// One permit per open connection, shared by every serving thread.
    pub connections: Arc<Semaphore>,
    pub max_connections: usize,
    /// Accept errors (out of file descriptors, …): logged at most once a second.
    pub accept_errors: Throttle,
    /// The open connections, oldest first, for closing an idle one at the cap.
    pub open: OpenConnections,
    /// SIGTERM came: `/readyz` answers 503 while the gateway still serves.
    pub draining: Arc<AtomicBool>,
    pub metrics: Arc<Metrics>,
    /// Services whose spool gauges were ever shown (set to 0 once their rows are gone).
    spool_series: std::sync::Mutex<std::collections::HashSet<String>>,
    /// `metrics-listen`, bound at start; taken by the first serving thread.
    pub metrics_listener: std::sync::Mutex<Option<std::net::TcpListener>>,
    pub metrics_addr: Option<std::net::SocketAddr>,
    id_prefix: u32,
    id_counter: AtomicU64,
}

/// Everything a request handler needs: the shared part, and this thread's own backend client
/// (so a backend connection is driven by the thread that uses it).
pub struct State {
    pub(super) shared: Arc<Shared>,
    pub(super) client: forward::Client,
}

impl State {
    pub fn new(config: &Config) -> anyhow::Result<Self> {
        State::with_timeouts(config, Timeouts::default())
    }

    pub fn with_timeouts(config: &Config, timeouts: Timeouts) -> anyhow::Result<Self> {
        State::with_limits(config, timeouts, connection_cap(MAX_CONNECTIONS))
    }

    /// The state with its timeouts and its cap on open connections.
    pub fn with_limits(
        config: &Config,
        timeouts: Timeouts,
        max_connections: usize,
    ) -> anyhow::Result<Self> {
        let redis = start_redis(config)?;
        let delivery = open_spool(config, redis.as_ref())?;
        State::build(config, timeouts, max_connections, delivery, redis)
    }

    /// The state with a spool of the caller's (another implementation of the interface, or
    /// one that fails on purpose).
    pub fn with_spool(
        config: &Config,
        timeouts: Timeouts,
        spool: Arc<dyn crate::state::Spool>,
    ) -> anyhow::Result<Self> {
        let max_age = config
            .spool
            .as_ref()
            .map_or(crate::config::DEFAULT_SPOOL_MAX_AGE, |s| s.max_age);
        let delivery = Delivery::new(Some(spool), max_age);
        let redis = start_redis(config)?;
        State::build(
            config,
            timeouts,
            connection_cap(MAX_CONNECTIONS),
            delivery,
            redis,
        )
    }

    fn build(
        config: &Config,
        timeouts: Timeouts,
        max_connections: usize,
        delivery: Delivery,
        redis: Option<Arc<Redis>>,
    ) -> anyhow::Result<Self> {
        let metrics = Arc::new(Metrics::new(
            config.services.iter().map(|s| s.name.as_str()),
        ));
        let snapshot = Snapshot::build(Arc::new(config.clone()), None, &metrics, redis.clone())?;
        let cluster = redis.clone().map(super::cluster::Cluster::new);
        let metrics_listener = match config.metrics_listen {
            Some(addr) => {
                let l = std::net::TcpListener::bind(addr)
                    .map_err(|e| anyhow::anyhow!("metrics-listen: listening on {addr}: {e}"))?;
                l.set_nonblocking(true)?;
                Some(l)
            }
            None => None,
        };
        let metrics_addr = match &metrics_listener {
            Some(l) => Some(l.local_addr()?),
            None => None,
        };
        let shared = Shared {
            snapshot: RwLock::new(Arc::new(snapshot)),
            generation: tokio::sync::watch::Sender::new(0),
            reloading: tokio::sync::Mutex::new(()),
            codes: CodeCache::with_redis(redis.clone()),
            redis,
            dedupe: Dedupe::new(config.dedupe_capacity),
            cluster,
            delivery,
            workers_started: AtomicBool::new(false),
            dedupe_capacity: config.dedupe_capacity,
            dedupe_full: Throttle::new(),
            replay: ReplayCache::new(config.replay_capacity),
            replay_capacity: config.replay_capacity,
            replay_full: Throttle::new(),
            timeouts,
            connections: Arc::new(Semaphore::new(max_connections)),
            max_connections,
            accept_errors: Throttle::new(),
            open: OpenConnections::default(),
            draining: Arc::new(AtomicBool::new(false)),
            metrics,
            spool_series: Default::default(),
            metrics_listener: std::sync::Mutex::new(metrics_listener),
            metrics_addr,
            id_prefix: u32::from_le_bytes(random::bytes::<4>()),
            id_counter: AtomicU64::new(0),
        };
        Ok(State {
            shared: Arc::new(shared),
            client: forward::Client::new()?,
        })
    }

    /// The state for another serving thread: same services, limits and retry table, its own
    /// backend client.
    pub fn for_another_thread(&self) -> anyhow::Result<Self> {
        Ok(State {
            shared: Arc::clone(&self.shared),
            client: forward::Client::new()?,
        })
    }

    /// A handle on the shared state for the process's signal handling: reloads, the config
    /// in use, the metrics.
    pub fn handle(&self) -> Handle {
        Handle(Arc::clone(&self.shared))
    }

    /// The flag that turns `/readyz` to 503 (set on SIGTERM, before the shutdown delay).
    pub fn draining(&self) -> Arc<std::sync::atomic::AtomicBool> {
        Arc::clone(&self.shared.draining)
    }

    /// `/readyz`: ready when serving and not draining, and the spool (if any) takes writes.
    pub fn readiness(&self) -> Result<(), &'static str> {
        self.shared.readiness()
    }

    /// The address of the `metrics-listen` listener, when there is one.
    pub fn metrics_addr(&self) -> Option<std::net::SocketAddr> {
        self.shared.metrics_addr
    }

    /// The gateway's metrics (config reload and key rotation count here too).
    pub fn metrics(&self) -> &Arc<Metrics> {
        &self.shared.metrics
    }

    pub(super) fn next_request_id(&self) -> String {
        let n = self.shared.id_counter.fetch_add(1, Ordering::Relaxed);
        format!("{:08x}{:08x}", self.shared.id_prefix, n)
    }

    /// The run-time state of the service named `name` in the config in use (its counters,
    /// for metrics and tests).
    pub fn service_named(&self, name: &str) -> Option<Arc<ServiceState>> {
        self.shared.snapshot().by_name.get(name).cloned()
    }

    /// The config in use (the last one loaded or reloaded).
    pub fn config(&self) -> Arc<Config> {
        Arc::clone(&self.shared.snapshot().config)
    }

    /// Swaps in `config` (see [`Shared::reload`]).
    pub async fn reload(
        &self,
        config: Config,
    ) -> Result<super::reload::Applied, super::reload::Refused> {
        self.shared.reload(config).await
    }
}

/// The shared state, as `serve`'s signal handling sees it.
#[derive(Clone)]
pub struct Handle(Arc<Shared>);

impl Handle {
    /// Swaps in `config` (see [`Shared::reload`]).
    pub async fn reload(
        &self,
        config: Config,
    ) -> Result<super::reload::Applied, super::reload::Refused> {
        self.0.reload(config).await
    }

    /// Counts a reload whose config could not even be read or parsed.
    pub fn reload_unreadable(&self) {
        self.0.metrics.reload_failed();
    }

    /// The config in use.
    pub fn config(&self) -> Arc<Config> {
        Arc::clone(&self.0.snapshot().config)
    }

    /// SIGTERM came: `/readyz` answers 503 from now on.
    pub fn set_draining(&self) {
        self.0.draining.store(true, Ordering::Release);
    }
}

impl Shared {
    /// Counts a call's result in the service's breaker (and says when it opened).
    pub(super) fn breaker_record(&self, svc: &ServiceState, failed: bool, now: i64) {
        let interval = svc.delivery.probe_interval.as_millis() as i64;
        if let Some(change) = svc.breaker.record(failed, now, interval) {
            self.breaker_changed(svc, change);
        }
    }

    /// Records the probe's result (closing or reopening the breaker).
    pub(super) fn breaker_probed(&self, svc: &ServiceState, failed: bool, now: i64) {
        let interval = svc.delivery.probe_interval.as_millis() as i64;
        let change = svc.breaker.probed(failed, now, interval);
        self.breaker_changed(svc, change);
    }

    fn breaker_changed(&self, svc: &ServiceState, change: super::breaker::Changed) {
        use super::breaker::Changed;
        self.metrics.set_breaker(&svc.cfg.name, svc.breaker.state());
        match change {
            Changed::Opened => tracing::warn!(
                service = %svc.cfg.name,
                probe_interval_ms = svc.delivery.probe_interval.as_millis() as u64,
                "backend breaker OPEN: the backend is failing; live pushes are spooled at once and answered, one probe goes at a time"
            ),
            Changed::Closed => {
                let open_s = (crate::clock::unix_millis() - svc.breaker.opened_at()).max(0) / 1000;
                tracing::info!(
                    service = %svc.cfg.name,
                    open_s,
                    "backend breaker closed: the probe got through; the spool drains at spool.drain-rate"
                );
                svc.wake.notify_one();
            }
            Changed::Reopened => tracing::debug!(service = %svc.cfg.name, "breaker probe failed"),
        }
    }

    /// The config in use and what was built from it. Taken once per request and kept to its
    /// end, so a request never sees half of one config and half of another.
    pub fn snapshot(&self) -> Arc<Snapshot> {
        // The lock is only ever held to copy or swap a pointer: it cannot be poisoned by a
        // panic in between, and a poisoned one holds a valid pointer anyway.
        let guard = self.snapshot.read().unwrap_or_else(|e| e.into_inner());
        Arc::clone(&guard)
    }

    /// Validates `config` against the one in use (what only a restart can change) and swaps
    /// it in as one step: requests already running finish with the old snapshot, the next
    /// ones see the new. One reload at a time.
    pub async fn reload(
        &self,
        config: Config,
    ) -> Result<super::reload::Applied, super::reload::Refused> {
        let _one = self.reloading.lock().await;
        let old = self.snapshot();
        let result = super::reload::check(&old.config, &config, self.delivery.spool.is_some())
            .and_then(|()| {
                Snapshot::build(
                    Arc::new(config),
                    Some(&old),
                    &self.metrics,
                    self.redis.clone(),
                )
                .map_err(|e| super::reload::Refused::Invalid(format!("{e:#}")))
            });
        match result {
            Ok(new) => {
                let applied = super::reload::Applied::between(&old, &new);
                *self.snapshot.write().unwrap_or_else(|e| e.into_inner()) = Arc::new(new);
                self.generation.send_modify(|g| *g += 1);
                self.metrics.reload_ok();
                Ok(applied)
            }
            Err(refused) => {
                self.metrics.reload_failed();
                Err(refused)
            }
        }
    }

    /// `/readyz` on either listener.
    pub fn readiness(&self) -> Result<(), &'static str> {
        if self.draining.load(Ordering::Acquire) {
            return Err("draining: shutting down");
        }
        if let Some(spool) = &self.delivery.spool
            && !spool.healthy()
        {
            return Err("the spool is not taking writes");
        }
        Ok(())
    }

    /// Refreshes the gauges read from elsewhere (open connections, the spool, the token
    /// brokers), then renders every series.
    pub async fn scrape(&self) -> String {
        let m = &self.metrics;
        m.set_connections_open(
            self.max_connections
                .saturating_sub(self.connections.available_permits()),
        );
        if let Some(cluster) = &self.cluster {
            m.set_redis_up(cluster.redis().is_up());
            m.set_redis_durable(cluster.redis().durable());
        }
        if let Some(spool) = &self.delivery.spool {
            let stats = tokio::time::timeout(Duration::from_secs(2), spool.stats()).await;
            if let Ok(Ok(stats)) = stats {
                let mut shown = self.spool_series.lock().unwrap_or_else(|e| e.into_inner());
                let mut now = std::collections::HashSet::new();
                for s in &stats {
                    now.insert(s.service.clone());
                    m.set_spool(&s.service, s.depth, s.oldest_age_s.unwrap_or(0), s.dead);
                    m.set_overdue(&s.service, s.overdue);
                }
                // A service whose rows are all gone (also one a reload removed) reads 0, not
                // its last value.
                for svc in self.snapshot().services.values() {
                    if svc.cfg.msg_proxy_pass.is_some() {
                        shown.insert(svc.cfg.name.clone());
                    }
                }
                for name in shown.iter().filter(|n| !now.contains(*n)) {
                    m.set_spool(name, 0, 0, 0);
                    m.set_overdue(name, 0);
                }
                shown.extend(now);
            }
            // Read from the spool, not remembered: `spool pause` may come from another
            // process or instance, and a pause outlives a restart.
            let paused = tokio::time::timeout(Duration::from_secs(2), spool.paused()).await;
            if let Ok(Ok(paused)) = paused {
                let shown = self.spool_series.lock().unwrap_or_else(|e| e.into_inner());
                for name in shown.iter() {
                    m.set_paused(name, paused.contains(name));
                }
                for name in paused.iter().filter(|n| !shown.contains(*n)) {
                    m.set_paused(name, true);
                }
            }
        }
        let snap = self.snapshot();
        for b in snap.brokers.all() {
            m.set_account(&b.name, &b.stats, b.token_expires_in());
        }
        for (name, stats) in snap.brokers.retired() {
            // Removed by a reload: no token held any more.
            m.set_account(name, stats, 0);
        }
        m.render()
    }
}

/// The spool of `spool.dir`, opened when some service has a backend to deliver to.
/// The connection to `redis`, when configured (lazy: a Redis that is down at start does not
/// stop the gateway).
fn start_redis(config: &Config) -> anyhow::Result<Option<Arc<Redis>>> {
    match &config.redis {
        Some(r) => Ok(Some(Redis::start(r.url.expose(), &r.prefix)?)),
        None => Ok(None),
    }
}

/// The spool, opened when some service has a backend to deliver to: `spool.dir`'s embedded
/// one; with `redis`, the shared one on Redis, with `spool.dir` (when set) taking the pushes
/// Redis cannot.
fn open_spool(config: &Config, redis: Option<&Arc<Redis>>) -> anyhow::Result<Delivery> {
    let max_age = config
        .spool
        .as_ref()
        .map_or(crate::config::DEFAULT_SPOOL_MAX_AGE, |s| s.max_age);
    if config.services.iter().all(|s| s.msg_proxy_pass.is_none()) {
        return Ok(Delivery::new(None, max_age));
    }
    let local: Option<Arc<dyn crate::state::Spool>> = match &config.spool {
        Some(s) => Some(Arc::new(crate::state::spooler::Embedded::start(&s.dir)?)),
        None => None,
    };
    let spool = match redis {
        Some(redis) => {
            let claim_timeout = config
                .redis
                .as_ref()
                .map_or(std::time::Duration::ZERO, |r| r.claim_timeout);
            let shared = crate::state::redis_spool::RedisSpool::with_claim_timeout(
                Arc::clone(redis),
                max_age,
                claim_timeout,
            );
            // Shadow copies (of pushes Redis does not confirm on its disk) in spool.dir.
            let tiered = crate::state::tiered::Tiered::open_with_shadows(
                shared,
                local,
                config.spool.as_ref().map(|s| s.dir.as_path()),
            )?;
            Some(Arc::new(tiered) as Arc<dyn crate::state::Spool>)
        }
        None => local,
    };
    Ok(Delivery::new(spool, max_age))
}

/// `wanted` connections at most, and never so many that accepting them runs the process out of
/// file descriptors (its soft `RLIMIT_NOFILE`, which `serve` raises to the hard limit first).
pub fn connection_cap(wanted: usize) -> usize {
    let limit = rustix::process::getrlimit(rustix::process::Resource::Nofile)
        .current
        .unwrap_or(u64::MAX);
    let room = limit.saturating_sub(RESERVED_FDS).max(16);
    wanted.min(usize::try_from(room).unwrap_or(usize::MAX))
}

/// Raises the soft file-descriptor limit to the hard one (systemd's default soft limit is
/// 1024, as Go's runtime also works around). Returns (soft, hard) after.
pub fn raise_fd_limit() -> (Option<u64>, Option<u64>) {
    use rustix::process::{Resource, getrlimit, setrlimit};
    let mut lim = getrlimit(Resource::Nofile);
    if lim.current != lim.maximum {
        let raised = rustix::process::Rlimit {
            current: lim.maximum,
            maximum: lim.maximum,
        };
        if setrlimit(Resource::Nofile, raised).is_ok() {
            lim = getrlimit(Resource::Nofile);
        }
    }
    (lim.current, lim.maximum)
}

/// One open connection as the server loop sees it: how many requests it has in flight, and
/// whether it was asked to close.
#[derive(Default)]
pub struct Connection {
    busy: std::sync::atomic::AtomicUsize,
    evict: tokio::sync::Notify,
}

/// A request in flight on a connection; dropped when its response is ready.
pub struct Busy(Arc<Connection>);

impl Drop for Busy {
    fn drop(&mut self) {
        self.0.busy.fetch_sub(1, Ordering::AcqRel);
    }
}

impl Connection {
    pub fn start(self: &Arc<Self>) -> Busy {
        self.busy.fetch_add(1, Ordering::AcqRel);
        Busy(Arc::clone(self))
    }

    /// Resolves when the server loop asks this connection to close.
    pub async fn evicted(&self) {
        self.evict.notified().await;
    }
}

/// Every open connection of the process, oldest first (weakly held: a closed connection
/// drops out on the next scan).
#[derive(Default)]
pub struct OpenConnections {
    list: std::sync::Mutex<std::collections::VecDeque<std::sync::Weak<Connection>>>,
}

impl OpenConnections {
    pub fn register(&self) -> Arc<Connection> {
        let c = Arc::new(Connection::default());
        if let Ok(mut list) = self.list.lock() {
            // Closed connections leave from the front as they go, and from anywhere every
            // 1024 registrations, so the list stays about as long as the open set.
            while list.front().is_some_and(|w| w.strong_count() == 0) {
                list.pop_front();
            }
            if list.len() % 1024 == 1023 {
                list.retain(|w| w.strong_count() > 0);
            }
            list.push_back(Arc::downgrade(&c));
        }
        c
    }

    /// Asks the oldest connection with no request in flight to close; forgets closed ones on
    /// the way. Returns whether one was found.
    pub fn evict_idle(&self) -> bool {
        let Ok(mut list) = self.list.lock() else {
            return false;
        };
        list.retain(|w| w.strong_count() > 0);
        let idle = list.iter().position(|w| {
            w.upgrade()
                .is_some_and(|c| c.busy.load(Ordering::Acquire) == 0)
        });
        match idle.and_then(|i| list.remove(i)).and_then(|w| w.upgrade()) {
            Some(c) => {
                // notify_one stores the permit if the task is not waiting yet.
                c.evict.notify_one();
                true
            }
            None => false,
        }
    }
}
