//! A push's way to its backend once it is verified: the backend call runs in its own task,
//! bounded by `late-reply-timeout-ms` and never cancelled because WeChat went away; every try
//! of the push (WeChat's retries) waits on one [`Outcome`]; a push the backend did not take is
//! spooled, durably, before WeChat is answered; a reply that comes after WeChat's last answer
//! goes to the user as a customer-service message (`late-reply`).

use std::collections::HashSet;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use serde_json::Value;
use tokio::sync::Notify;

use super::forward::{self, ForwardError, NoSlot};
use super::state::{ServiceState, Shared};
use crate::clock;
use crate::config::{DeliveryConfig, LateReply, Service};
use crate::metrics::{AttemptResult, Trigger};
use crate::state::{Attempt, DeadReason, NewEntry, Settle, Slot, Spool};
use crate::wechat::Reply;

/// WeChat waits this long for an answer, then drops the connection and tries again.
pub const WECHAT_WAIT: Duration = Duration::from_secs(5);
/// WeChat tries a push three times in all.
pub const LAST_TRY: u32 = 3;
/// A try this long after the first sight of its push is WeChat's last (tries come about 5 s
/// apart): so a lost retry never leaves the user without an answer.
const LAST_TRY_AFTER: Duration = Duration::from_secs(8);
/// WeChat lets an account send customer-service messages this long after the user's push.
const INTERACTION_WINDOW_S: i64 = 48 * 3600;
/// The longest an answer waits for its spool write to be on disk, past the backend budget.
const DURABLE_GRACE: Duration = Duration::from_millis(400);
/// After a timeout or a 429 (an overloaded backend, not a dead one) a retry waits at least this.
pub const OVERLOAD_FLOOR: Duration = Duration::from_secs(10);

/// Why a backend call did not deliver a push.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Failure {
    pub class: AttemptResult,
    pub status: Option<u16>,
    pub error: String,
    /// The backend's `Retry-After`, as a wait.
    pub retry_after: Option<Duration>,
    /// The first bytes of its answer.
    pub answer: Option<String>,
}

/// What became of the backend call.
#[derive(Debug, Clone)]
pub enum Called {
    /// The backend took the push (2xx) and answered this.
    Replied(Arc<Reply>, Option<u16>),
    /// The backend took the push (2xx) but its answer is unusable.
    BadReply(String),
    /// The backend refused the push on purpose (a 4xx other than 408, 425, 429): not retried,
    /// a dead letter at once.
    Refused(Failure),
    /// Not taken (refused connection, reset, timeout, 5xx, 3xx, 408, 425, 429): spooled and
    /// retried when there is a spool.
    Failed(Failure),
    /// No worker slot within the try's budget (`workerNum` calls in flight).
    Busy,
    /// The call's task went away.
    Abandoned,
    /// Not attempted: spooled at once (the breaker is open, the service is paused, or pushes
    /// of the same sender wait in the spool).
    Skipped(&'static str),
}

impl Called {
    pub fn from_forward(status: Option<u16>, result: Result<Reply, ForwardError>) -> Called {
        let class = forward::classify(status, &result);
        match result {
            Ok(reply) => Called::Replied(Arc::new(reply), status),
            Err(ForwardError::Status {
                code,
                retry_after,
                answer,
            }) => {
                let failure = Failure {
                    class,
                    status: Some(code),
                    error: format!("backend answered HTTP {code}"),
                    retry_after,
                    answer,
                };
                if (400..500).contains(&code) && !matches!(code, 408 | 425 | 429) {
                    Called::Refused(failure)
                } else {
                    Called::Failed(failure)
                }
            }
            Err(e @ (ForwardError::Reply(_) | ForwardError::TooLarge)) => {
                Called::BadReply(e.to_string())
            }
            Err(e) => Called::Failed(Failure {
                class,
                status,
                error: e.to_string(),
                retry_after: None,
                answer: None,
            }),
        }
    }

    /// Whether the backend took the push (it will not be delivered again).
    pub fn delivered(&self) -> bool {
        matches!(self, Called::Replied(..) | Called::BadReply(_))
    }

    /// For the breaker: `Some(true)` a failure (a retried class), `Some(false)` the backend is
    /// up (2xx, or a deliberate 4xx), `None` no call was made.
    pub fn breaker_failure(&self) -> Option<bool> {
        match self {
            Called::Replied(..) | Called::BadReply(_) | Called::Refused(_) => Some(false),
            Called::Failed(_) => Some(true),
            Called::Busy | Called::Abandoned | Called::Skipped(_) => None,
        }
    }

    /// The attempt as `spool show` lists it (`None` when no call was made).
    pub fn attempt(&self, at: i64, trigger: Trigger, took: Duration) -> Option<Attempt> {
        let (result, status, answer) = match self {
            Called::Replied(_, status) => (AttemptResult::Ok, *status, None),
            Called::BadReply(_) => (AttemptResult::Ok, None, None),
            Called::Refused(f) | Called::Failed(f) => (f.class, f.status, f.answer.clone()),
            Called::Busy | Called::Abandoned | Called::Skipped(_) => return None,
        };
        Some(Attempt {
            at,
            trigger: trigger.as_str().to_owned(),
            result: result.as_str().to_owned(),
            status,
            answer,
            duration_ms: took.as_millis() as u64,
            instance: instance().to_owned(),
        })
    }

    /// Why the push was not delivered (logs, `last_error`).
    pub fn error(&self) -> String {
        match self {
            Called::Replied(..) => String::new(),
            Called::BadReply(e) => e.clone(),
            Called::Refused(f) => {
                format!("backend refused the push: HTTP {}", f.status.unwrap_or(0))
            }
            Called::Failed(f) => f.error.clone(),
            Called::Busy => "no worker slot within the budget".to_owned(),
            Called::Abandoned => "the backend call went away".to_owned(),
            Called::Skipped(why) => (*why).to_owned(),
        }
    }
}

/// This gateway process as attempts name it: `host:pid`.
pub fn instance() -> &'static str {
    static NAME: std::sync::OnceLock<String> = std::sync::OnceLock::new();
    NAME.get_or_init(|| {
        let host = rustix::system::uname()
            .nodename()
            .to_string_lossy()
            .into_owned();
        format!("{host}:{}", std::process::id())
    })
}

/// The wait before retry `n` (n = 0, 1, …: the n-th retry after the first failed attempt):
/// `min(cap, base·2ⁿ)` with ±20% jitter; at least [`OVERLOAD_FLOOR`] after a timeout or a
/// 429, and at least the backend's `Retry-After`. The floor and the hint are hard minimums
/// (jitter never goes below them); all of it is capped at `max_age` (waiting longer would
/// only make a dead letter).
pub fn retry_wait(
    cfg: &DeliveryConfig,
    n: u32,
    failure: Option<&Failure>,
    max_age: Duration,
) -> Duration {
    let base = cfg
        .retry_base
        .saturating_mul(1u32 << n.min(31))
        .min(cfg.retry_cap);
    let [r] = crate::random::bytes::<1>();
    // 0.8 to 1.2.
    let mut wait = base.mul_f64(0.8 + 0.4 * f64::from(r) / 255.0);
    if let Some(f) = failure {
        if matches!(f.class, AttemptResult::Timeout | AttemptResult::Http429) {
            wait = wait.max(OVERLOAD_FLOOR);
        }
        if let Some(hint) = f.retry_after {
            wait = wait.max(hint);
        }
    }
    wait.min(max_age)
}

/// The spool write of a push.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
enum Spooled {
    #[default]
    No,
    Writing,
    Durable,
    Failed(String),
}

#[derive(Default)]
struct Progress {
    /// The push as the backend gets it, while it may still need spooling (dropped when the
    /// call is done: the retry table keeps outcomes, not bodies).
    record: Option<Arc<NewEntry>>,
    tries: u32,
    result: Option<Called>,
    /// The backend call is running.
    calling: bool,
    /// A try was answered with the backend's reply.
    reply_given: bool,
    /// A try was answered without the reply (`success`): a reply that comes later is late.
    gave_up: bool,
    spooled: Spooled,
}

/// What every try of one push shares: the record to spool, the tries seen, the backend call's
/// result, the spool write.
pub struct Outcome {
    first_seen: Instant,
    progress: Mutex<Progress>,
    changed: Notify,
}

impl Default for Outcome {
    fn default() -> Self {
        Outcome {
            first_seen: Instant::now(),
            progress: Mutex::new(Progress::default()),
            changed: Notify::new(),
        }
    }
}

impl Slot for Outcome {
    fn abandon(&self) {
        self.update(|p| {
            if p.result.is_none() {
                p.result = Some(Called::Abandoned);
            }
        });
    }
}

/// How a try ends.
pub enum TryEnd {
    /// Answer with the backend's reply (and its HTTP status).
    Reply(Arc<Reply>, Option<u16>),
    /// Answer `success`: the call failed or is still running; `spooled` says whether the push
    /// is durably in the spool.
    Success {
        called: Option<Called>,
        spooled: SpoolState,
    },
    /// Not answered: WeChat retries (`hold-for-retries`).
    Held,
    /// No worker slot and no spool: 503, WeChat retries.
    Busy,
}

/// Whether a push answered `success` is in the spool.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SpoolState {
    /// No spool configured, or nothing to spool (the backend took the push).
    None,
    Durable,
    /// The write failed or was not on disk in time.
    Failed(String),
}

impl Outcome {
    fn update<T>(&self, f: impl FnOnce(&mut Progress) -> T) -> T {
        let mut p = match self.progress.lock() {
            Ok(p) => p,
            Err(poisoned) => poisoned.into_inner(),
        };
        let out = f(&mut p);
        drop(p);
        self.changed.notify_waiters();
        out
    }

    /// The backend call has a result (a retry finds the reply there, or the failure).
    pub fn has_result(&self) -> bool {
        self.look(|p| p.result.is_some())
    }

    fn look<T>(&self, f: impl FnOnce(&Progress) -> T) -> T {
        match self.progress.lock() {
            Ok(p) => f(&p),
            Err(poisoned) => f(&poisoned.into_inner()),
        }
    }

    /// Waits until `f` says something or `until` passes.
    async fn wait<T>(&self, until: Instant, f: impl Fn(&Progress) -> Option<T>) -> Option<T> {
        loop {
            let changed = self.changed.notified();
            tokio::pin!(changed);
            // Registered before looking, so a change in between is not missed.
            changed.as_mut().enable();
            if let Some(t) = self.look(&f) {
                return Some(t);
            }
            if tokio::time::timeout_at(until.into(), changed)
                .await
                .is_err()
            {
                return self.look(&f);
            }
        }
    }
}

/// Gateway-wide delivery state: the spool, and the spooled pushes whose backend call is
/// running (a redelivery never overlaps the live call of the same push).
pub struct Delivery {
    pub spool: Option<Arc<dyn Spool>>,
    pub max_age: Duration,
    in_flight: Mutex<HashSet<String>>,
    /// Live backend calls running, and a wake-up when the last one ends (shutdown waits).
    /// Written by every push of every serving thread: alone on its cache line, so that the
    /// fields read beside it (the spool) stay in each thread's cache.
    live: crate::state::Line<std::sync::atomic::AtomicUsize>,
    idle: Notify,
    /// Spool writes that failed: logged at most once a second.
    pub spool_errors: crate::logging::Throttle,
}

impl Delivery {
    pub fn new(spool: Option<Arc<dyn Spool>>, max_age: Duration) -> Delivery {
        Delivery {
            spool,
            max_age,
            in_flight: Mutex::new(HashSet::new()),
            live: crate::state::Line(std::sync::atomic::AtomicUsize::new(0)),
            idle: Notify::new(),
            spool_errors: crate::logging::Throttle::new(),
        }
    }

    /// Waits (up to `limit`) for the live backend calls to end, then for the spool to have
    /// applied every write made so far.
    pub async fn drain(&self, limit: Duration) {
        use std::sync::atomic::Ordering;
        let until = Instant::now() + limit;
        loop {
            let idle = self.idle.notified();
            tokio::pin!(idle);
            idle.as_mut().enable();
            let running = self.live.0.load(Ordering::Acquire);
            if running == 0 {
                break;
            }
            if tokio::time::timeout_at(until.into(), idle).await.is_err() {
                tracing::warn!(
                    running,
                    "shutdown: backend calls still running; their pushes are redelivered from the spool at the next start (or lost without one)"
                );
                break;
            }
        }
        if let Some(spool) = &self.spool {
            let left = until.saturating_duration_since(Instant::now()) + Duration::from_secs(1);
            let _ = tokio::time::timeout(left, spool.flush()).await;
        }
    }

    /// Marks a push's call as running; false when it already was.
    pub fn start_call(&self, id: &str) -> bool {
        self.in_flight
            .lock()
            .map(|mut s| s.insert(id.to_owned()))
            .unwrap_or(true)
    }

    pub fn end_call(&self, id: &str) {
        if let Ok(mut s) = self.in_flight.lock() {
            s.remove(id);
        }
    }

    /// Logs a failed spool write loudly (at most once a second, with the count since).
    pub fn spool_failed(&self, service: &str, id: &str, e: &dyn std::fmt::Display) {
        if let Some(skipped) = self.spool_errors.ready() {
            tracing::error!(
                service = %service,
                delivery_id = %id,
                error = %e,
                failures_total = self.spool.as_ref().map_or(0, |s| s.write_failures()),
                skipped,
                "SPOOL WRITE FAILED: a push WeChat was answered for is not durable (check spool.dir: disk full, permissions)"
            );
        }
    }
}

/// The delivery id of a push: the same for every try and every attempt of it (a hash of the
/// service and the push's retry key), so a backend can make its handling idempotent.
pub fn delivery_id(service: &str, retry_key: &str) -> String {
    use sha1::{Digest, Sha1};
    let mut h = Sha1::new();
    h.update(service.as_bytes());
    h.update([0]);
    h.update(retry_key.as_bytes());
    let digest = h.finalize();
    const HEX: &[u8; 16] = b"0123456789abcdef";
    let mut out = String::with_capacity(32);
    for b in &digest[..16] {
        out.push(char::from(HEX[usize::from(b >> 4)]));
        out.push(char::from(HEX[usize::from(b & 15)]));
    }
    out
}

/// One live backend call, spawned by the first try of a push.
pub struct Call {
    pub shared: Arc<Shared>,
    pub client: forward::Client,
    pub svc: Arc<ServiceState>,
    pub outcome: Arc<Outcome>,
    /// Dropped (finished) when the call is done; `None` for an untracked push.
    pub first: Option<crate::state::dedupe::First<Outcome>>,
    /// The first try's budget: a worker slot must be had by then.
    pub try_deadline: Instant,
    /// This instance holds the cluster's claim of the push: renewed while the call runs.
    pub claimed: bool,
}

impl Call {
    /// Records the push and starts the call: the first try drives it while it waits (no task
    /// of its own on the fast path); whatever is left when the try is answered, or goes away,
    /// runs on in a task of its own.
    pub fn start(self, record: NewEntry) -> Driven {
        let record = Arc::new(record);
        self.outcome
            .update(|p| p.record = Some(Arc::clone(&record)));
        self.shared
            .delivery
            .live
            .0
            .fetch_add(1, std::sync::atomic::Ordering::AcqRel);
        Driven(Some(Box::pin(self.run(record))))
    }

    /// Whether this push goes to the backend now, and whether as the breaker's probe; or why
    /// not (it is spooled at once). Only with a spool: without one nothing can wait.
    fn admit(&self, record: &NewEntry) -> Result<bool, &'static str> {
        let svc = &self.svc;
        if self.shared.delivery.spool.is_none() {
            return Ok(false);
        }
        if svc.paused.load(std::sync::atomic::Ordering::Acquire) {
            return Err("the service is paused (wx-gateway spool pause): spooled");
        }
        if svc.lanes.busy(record.lane()) {
            return Err("earlier pushes of this sender wait in the spool: queued behind them");
        }
        if !svc.delivery.breaker {
            return Ok(false);
        }
        if svc.lanes.any() && !svc.breaker.is_closed() {
            // The probe is the oldest spooled push (the redelivery worker's).
            return Err("the backend's breaker is open: spooled");
        }
        match svc.breaker.admit(clock::unix_millis()) {
            super::breaker::Admit::Call => Ok(false),
            super::breaker::Admit::Probe => Ok(true),
            super::breaker::Admit::Skip => Err("the backend's breaker is open: spooled"),
        }
    }

    async fn run(self, record: Arc<NewEntry>) {
        let cfg = &self.svc.cfg;
        let started_ms = clock::unix_millis();
        let started = Instant::now();
        let work = async {
            let probe = match self.admit(&record) {
                Ok(probe) => probe,
                Err(why) => return Called::Skipped(why),
            };
            let permit = self.svc.limiter.acquire(self.try_deadline).await;
            let called = match permit {
                Err(NoSlot::Full | NoSlot::Deadline) => Called::Busy,
                Ok(_permit) => {
                    self.outcome.update(|p| {
                        p.calling = true;
                        if p.spooled != Spooled::No {
                            // Spooled while this call waited for its slot: the worker keeps off.
                            self.shared.delivery.start_call(&record.id);
                        }
                    });
                    let deadline = self.outcome.first_seen + cfg.late_reply_timeout;
                    let inflight = self.svc.metrics.call();
                    let (status, result) = self
                        .client
                        .forward(
                            cfg,
                            &self.shared.metrics,
                            &self.svc.metrics,
                            &record,
                            1,
                            Trigger::Live,
                            deadline,
                        )
                        .await;
                    drop(inflight);
                    Called::from_forward(status, result)
                }
            };
            let now = clock::unix_millis();
            if probe {
                match called.breaker_failure() {
                    Some(failed) => self.shared.breaker_probed(&self.svc, failed, now),
                    None => self.svc.breaker.unprobed(),
                }
            } else if let Some(failed) = called.breaker_failure() {
                self.shared.breaker_record(&self.svc, failed, now);
            }
            called
        };
        let called = match (&self.shared.cluster, self.claimed) {
            // The claim's lease is renewed while the call runs.
            (Some(cluster), true) => cluster.holding(&cfg.name, &record.id, work).await,
            _ => work.await,
        };
        let attempt = called.attempt(started_ms, Trigger::Live, started.elapsed());
        if called.delivered() {
            self.svc
                .last_success
                .store(clock::unix_millis(), std::sync::atomic::Ordering::Release);
            let lag = clock::unix_millis()
                .saturating_sub(record.first_seen)
                .max(0);
            self.shared
                .metrics
                .delivery_lag(&self.svc.metrics, Duration::from_millis(lag as u64));
        }
        let busy = matches!(called, Called::Busy);
        // Only with other instances to tell (the reply is copied for them).
        let published = self.shared.cluster.as_ref().and_then(|_| {
            super::cluster::Published::of(&called, self.shared.delivery.spool.is_some())
        });
        let late = self.settle(&record, called, attempt);
        if let (Some(cluster), Some(result)) = (&self.shared.cluster, published) {
            // For the tries of this push that reach other instances.
            cluster.publish(&cfg.name, &record.id, &result).await;
        }
        if let Some(first) = self.first {
            if busy && self.shared.delivery.spool.is_none() {
                // Answered 503: WeChat's retry must be tried afresh, not given this 503 again.
                drop(first);
            } else {
                first.finish();
            }
        }
        if let Some(reply) = late {
            late_reply(&self.shared, cfg, &record, &reply, Late::Live).await;
        }
        let delivery = &self.shared.delivery;
        if delivery
            .live
            .0
            .fetch_sub(1, std::sync::atomic::Ordering::AcqRel)
            == 1
        {
            delivery.idle.notify_waiters();
        }
    }

    /// Records the call's result; spools or settles the spool entry. Returns the reply when it
    /// came too late for a passive reply.
    fn settle(
        &self,
        record: &NewEntry,
        called: Called,
        attempt: Option<Attempt>,
    ) -> Option<Arc<Reply>> {
        // Borrowed, not cloned: the spool's reference count is shared by the serving threads.
        let spool = &self.shared.delivery.spool;

        let mut late = None;
        let outcome = Arc::clone(&self.outcome);
        self.outcome.update(|p| {
            let registered = p.calling && p.spooled != Spooled::No;
            p.calling = false;
            p.result = Some(called.clone());
            let spooled = p.spooled != Spooled::No;
            let spool_it = |p: &mut Progress, attempts, error: String, wait_ms, queued| {
                let new = Spooling {
                    attempts,
                    error: Some(error),
                    wait_ms,
                    attempt: attempt.clone(),
                    failed: attempts > 0,
                    queued,
                };
                spool_locked(&outcome, p, &self.shared, &self.svc, new);
            };
            match &called {
                Called::Replied(reply, _) => {
                    if p.gave_up && !p.reply_given {
                        late = Some(Arc::clone(reply));
                    }
                    if spooled && let Some(s) = spool {
                        settle_later(s, &record.id, Settle::Delivered);
                    }
                }
                Called::BadReply(_) => {
                    // Taken: nothing to redeliver.
                    if spooled && let Some(s) = spool {
                        settle_later(s, &record.id, Settle::Delivered);
                    }
                }
                Called::Refused(_) => {
                    // Refused on purpose: a dead letter at once (replayable after a fix).
                    if !spooled {
                        spool_it(p, 1, called.error(), 0, false);
                    }
                    if let Some(s) = spool {
                        let settle = Settle::Dead {
                            attempts: 1,
                            error: called.error(),
                            reason: DeadReason::Refused,
                            attempt: if spooled { attempt.clone() } else { None },
                        };
                        settle_later(s, &record.id, settle);
                    }
                }
                Called::Failed(failure) => {
                    let wait = retry_wait(
                        &self.svc.delivery,
                        0,
                        Some(failure),
                        self.shared.delivery.max_age,
                    );
                    if spooled {
                        if let Some(s) = spool {
                            let settle = Settle::Retry {
                                attempts: 1,
                                next_at: clock::unix_millis() + wait.as_millis() as i64,
                                error: failure.error.clone(),
                                attempt: attempt.clone(),
                            };
                            settle_later(s, &record.id, settle);
                        }
                    } else {
                        spool_it(p, 1, failure.error.clone(), wait.as_millis() as i64, true);
                    }
                }
                Called::Busy => {
                    let why = "no worker slot (workerNum calls in flight)".to_owned();
                    spool_it(p, 0, why, 0, true);
                }
                Called::Skipped(why) => spool_it(p, 0, (*why).to_owned(), 0, true),
                Called::Abandoned => {}
            }
            if registered {
                // After the settle above is queued: a redelivery that claims the row now finds
                // it delivered (or rescheduled).
                self.shared.delivery.end_call(&record.id);
            }
            p.record = None;
        });
        late
    }
}

/// A live backend call not finished yet. Dropped unfinished, it is handed to the runtime: a
/// call is never cancelled because WeChat stopped waiting.
pub struct Driven(Option<std::pin::Pin<Box<dyn std::future::Future<Output = ()> + Send>>>);

impl Driven {
    /// Runs `until` to its end, driving the call meanwhile.
    pub async fn drive_while<T>(&mut self, until: impl std::future::Future<Output = T>) -> T {
        tokio::pin!(until);
        loop {
            let Some(call) = self.0.as_mut() else {
                return until.await;
            };
            tokio::select! {
                biased;
                _ = call => self.0 = None,
                t = &mut until => return t,
            }
        }
    }
}

impl Drop for Driven {
    fn drop(&mut self) {
        if let Some(call) = self.0.take()
            && let Ok(runtime) = tokio::runtime::Handle::try_current()
        {
            runtime.spawn(call);
        }
    }
}

/// Sends a settle without waiting: its order after the insert is what matters.
fn settle_later(spool: &Arc<dyn Spool>, id: &str, settle: Settle) {
    let fut = spool.settle(id.to_owned(), settle);
    tokio::spawn(async move {
        if let Err(e) = fut.await {
            static THROTTLE: crate::logging::Throttle = crate::logging::Throttle::new();
            if let Some(skipped) = THROTTLE.ready() {
                tracing::error!(error = %e, skipped, "spool: could not record a delivery attempt (the push may be redelivered, with the same delivery id)");
            }
        }
    });
}

/// How a push goes into the spool.
struct Spooling {
    /// Attempts already made (the live one, or none).
    attempts: u32,
    error: Option<String>,
    /// Not due before this many ms from now.
    wait_ms: i64,
    /// The live attempt, for the history.
    attempt: Option<Attempt>,
    /// An attempt failed (the poison rule counts from now).
    failed: bool,
    /// It waits in the queue (its lane is busy); false for one buried at once.
    queued: bool,
}

/// Spools the push (once), under the progress lock so that its insert is ordered before any
/// settle of the same push.
fn spool_locked(
    outcome: &Arc<Outcome>,
    p: &mut Progress,
    shared: &Arc<Shared>,
    svc: &ServiceState,
    how: Spooling,
) {
    if p.spooled != Spooled::No {
        return;
    }
    let Some(spool) = shared.delivery.spool.as_ref() else {
        return;
    };
    let Some(record) = p.record.as_ref() else {
        return;
    };
    let now = clock::unix_millis();
    let mut entry = NewEntry::clone(record);
    entry.attempts = how.attempts;
    entry.next_at = now + how.wait_ms;
    entry.last_error = how.error;
    entry.failing_since = how.failed.then_some(now);
    entry.history = how.attempt.into_iter().collect();
    if how.queued {
        // Before the insert exists: a later push of the same sender queues behind it.
        svc.lanes.add(record.lane());
    }
    p.spooled = Spooled::Writing;
    if p.calling {
        // The redelivery worker leaves the row alone while this call runs (a replay from the
        // CLI may make it due at once). Registered before the insert exists.
        shared.delivery.start_call(&record.id);
    }
    let started = Instant::now();
    let fut = spool.insert(entry);
    let outcome = Arc::clone(outcome);
    let shared = Arc::clone(shared);
    let service = svc.cfg.name.clone();
    let id = record.id.clone();
    tokio::spawn(async move {
        let result = fut.await;
        shared.metrics.spool_write(
            started.elapsed(),
            result.as_ref().err().map(write_error_reason),
        );
        if let Err(e) = &result {
            shared.delivery.spool_failed(&service, &id, e);
        }
        outcome.update(|p| {
            p.spooled = match result {
                Ok(()) => Spooled::Durable,
                Err(e) => Spooled::Failed(e.to_string()),
            }
        });
    });
}

/// The `reason` of `wxgw_spool_write_errors_total` for a failed write.
pub fn write_error_reason(e: &crate::state::SpoolError) -> &'static str {
    use crate::state::SpoolError as E;
    match e {
        E::Db(_) | E::Open { .. } => "disk",
        E::Unavailable(m) if m.contains("already waiting") => "queue_full",
        E::Unavailable(m) if m.to_ascii_lowercase().contains("redis") => "redis",
        _ => "unavailable",
    }
}

/// Is this try WeChat's last? Without `hold-for-retries` every try is answered as if it were.
pub fn is_last_try(cfg: &Service, try_no: u32, since_first: Duration) -> bool {
    !cfg.hold_for_retries || try_no >= LAST_TRY || since_first >= LAST_TRY_AFTER
}

/// One try of a push: waits for the backend call's result within the try's budget (holding
/// the try when `hold-for-retries` says so), and spools the push before answering `success`
/// while the backend has not taken it.
pub async fn run_try(
    shared: &Arc<Shared>,
    svc: &ServiceState,
    outcome: &Arc<Outcome>,
    tracked: bool,
    arrival: Instant,
    deadline: Instant,
) -> TryEnd {
    let cfg = &svc.cfg;
    let (try_no, since_first) = outcome.update(|p| {
        p.tries += 1;
        (p.tries, outcome.first_seen.elapsed())
    });
    // An untracked push (the retry table is full) cannot count its tries: never held.
    let last = !tracked || is_last_try(cfg, try_no, since_first);
    let settled = outcome.wait(deadline, |p| p.result.clone()).await;
    let called = match settled {
        Some(c) => c,
        None if !last => {
            // Held: WeChat gives up on this try and retries; if the reply comes while it may
            // still be listening, it gets it.
            let until = arrival + WECHAT_WAIT;
            match outcome.wait(until, |p| p.result.clone()).await {
                Some(Called::Replied(reply, status)) => {
                    outcome.update(|p| p.reply_given = true);
                    return TryEnd::Reply(reply, status);
                }
                Some(c) => c,
                None => return TryEnd::Held,
            }
        }
        None => {
            // WeChat's last answer: `success` now, the push in the spool while the call runs.
            let spool_on = shared.delivery.spool.is_some();
            let now_result = outcome.update(|p| {
                if p.result.is_none() {
                    if !p.calling {
                        // Still waiting for a worker slot: the backend has not seen the push.
                        if !spool_on {
                            return Err(());
                        }
                        let why = "no worker slot within the budget (workerNum calls in flight)";
                        let how = Spooling {
                            attempts: 0,
                            error: Some(why.into()),
                            wait_ms: 0,
                            attempt: None,
                            failed: false,
                            queued: true,
                        };
                        spool_locked(outcome, p, shared, svc, how);
                        return Ok(None);
                    }
                    p.gave_up = true;
                    // The call may still succeed: the first redelivery waits for its end.
                    let wait = cfg.late_reply_timeout.as_millis() as i64;
                    let why = "no answer within the budget";
                    let how = Spooling {
                        attempts: 1,
                        error: Some(why.into()),
                        wait_ms: wait,
                        attempt: None,
                        failed: false,
                        queued: true,
                    };
                    spool_locked(outcome, p, shared, svc, how);
                }
                Ok(p.result.clone())
            });
            match now_result {
                Err(()) => return TryEnd::Busy,
                Ok(Some(Called::Replied(reply, status))) => {
                    outcome.update(|p| p.reply_given = true);
                    return TryEnd::Reply(reply, status);
                }
                Ok(other) => {
                    return TryEnd::Success {
                        called: other,
                        spooled: durable(shared, outcome, deadline).await,
                    };
                }
            }
        }
    };
    match called {
        Called::Replied(reply, status) => {
            outcome.update(|p| p.reply_given = true);
            TryEnd::Reply(reply, status)
        }
        Called::Busy | Called::Abandoned if shared.delivery.spool.is_none() => TryEnd::Busy,
        other => TryEnd::Success {
            called: Some(other),
            spooled: durable(shared, outcome, deadline).await,
        },
    }
}

/// Waits (a little past the budget at most) until the push's spool write is on disk.
async fn durable(shared: &Arc<Shared>, outcome: &Outcome, deadline: Instant) -> SpoolState {
    if shared.delivery.spool.is_none() {
        return SpoolState::None;
    }
    // A held try may get here past its budget: it still waits a moment for the write.
    let state = outcome
        .wait(deadline.max(Instant::now()) + DURABLE_GRACE, |p| {
            match &p.spooled {
                Spooled::No => Some(SpoolState::None),
                Spooled::Writing => None,
                Spooled::Durable => Some(SpoolState::Durable),
                Spooled::Failed(e) => Some(SpoolState::Failed(e.clone())),
            }
        })
        .await;
    state.unwrap_or_else(|| {
        SpoolState::Failed(format!(
            "not on disk {} ms past the budget",
            DURABLE_GRACE.as_millis()
        ))
    })
}

/// Whether a push lets the account send customer-service messages to its sender: a message,
/// a subscription, a QR scan, a click on a menu button of the click or scan-code kinds
/// (WeChat's list; other events answer 45015).
fn opens_window(route: &str) -> bool {
    route.starts_with("msg/")
        || matches!(
            route,
            "event/subscribe"
                | "event/SCAN"
                | "event/CLICK"
                | "event/scancode_push"
                | "event/scancode_waitmsg"
        )
}

/// Whether a reply to a redelivery of this push can still reach its user: `late-reply` is
/// `custom-message`, the push opens WeChat's customer-service window, and the window (48 h
/// from the push) is still open (`X-Wx-Reply-Path`).
pub fn late_reply_possible(cfg: &Service, record: &NewEntry) -> bool {
    let created = record.create_time.unwrap_or(record.first_seen / 1000);
    cfg.late_reply == Some(LateReply::CustomMessage)
        && opens_window(&record.route)
        && clock::unix_now().saturating_sub(created) <= INTERACTION_WINDOW_S
}

/// Where a late reply comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Late {
    /// The live call answered after WeChat's last answer (seconds after the push).
    Live,
    /// A redelivery from the spool answered (maybe hours later): only within WeChat's 48 h
    /// window, from the push's CreateTime.
    Redelivered,
}

/// Sends a reply that missed its passive answer as a customer-service message, when the
/// service says so (`late-reply`).
pub async fn late_reply(
    shared: &Shared,
    cfg: &Service,
    record: &NewEntry,
    reply: &Reply,
    from: Late,
) {
    let why = match from {
        Late::Live => "the reply came after WeChat's last answer",
        Late::Redelivered => "the push was redelivered from the spool",
    };
    if *reply == Reply::Success {
        return;
    }
    let log = |result: &str, error: Option<String>| {
        let counted = if result.starts_with("dropped") {
            "dropped"
        } else if result.starts_with("sent") {
            "sent"
        } else {
            "failed"
        };
        shared.metrics.late_reply(&cfg.name, counted);
        tracing::info!(
            service = %cfg.name,
            delivery_id = %record.id,
            request_id = %record.request_id,
            reply = reply.msg_type(),
            result,
            error,
            "late reply: {why}"
        );
    };
    if cfg.late_reply != Some(LateReply::CustomMessage) {
        log("dropped (late-reply is off)", None);
        return;
    }
    if !opens_window(&record.route) {
        log(
            "dropped (this push does not open WeChat's customer-service window)",
            None,
        );
        return;
    }
    let created = record.create_time.unwrap_or(record.first_seen / 1000);
    if from == Late::Redelivered && clock::unix_now().saturating_sub(created) > INTERACTION_WINDOW_S
    {
        log("dropped (older than WeChat's 48 h window)", None);
        return;
    }
    let Some(body) = crate::wxapi::custom_message(reply, &record.open_id) else {
        log(
            "dropped (this reply type has no customer-service message form)",
            None,
        );
        return;
    };
    // The config in use now (a reload since the push came may have changed the account).
    let Some(broker) = shared.snapshot().brokers.get(&cfg.name).cloned() else {
        log("dropped (no API access for this service)", None);
        return;
    };
    match broker
        .post("/cgi-bin/message/custom/send", &body)
        .await
        .map(|_: Value| ())
    {
        Ok(()) => log("sent as a customer-service message", None),
        Err(e) => log("customer-service message failed", Some(e.to_string())),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn delivery_ids_are_stable_and_distinct() {
        let a = delivery_id("main", "id:o1:1");
        assert_eq!(a, delivery_id("main", "id:o1:1"));
        assert_eq!(a.len(), 32);
        assert!(a.bytes().all(|b| b.is_ascii_hexdigit()));
        assert_ne!(a, delivery_id("other", "id:o1:1"));
        assert_ne!(a, delivery_id("main", "id:o1:2"));
    }

    #[test]
    fn the_last_try_is_the_third_or_one_8_s_after_the_first() {
        let cfg = |hold| {
            let mut s = crate::config::parse(crate::config::SAMPLE)
                .unwrap()
                .services[0]
                .as_ref()
                .clone();
            s.hold_for_retries = hold;
            s
        };
        let (hold, plain) = (cfg(true), cfg(false));
        let s = Duration::from_secs;
        assert!(
            is_last_try(&plain, 1, s(0)),
            "without hold every try is answered"
        );
        assert!(!is_last_try(&hold, 1, s(0)));
        assert!(!is_last_try(&hold, 2, s(5)));
        assert!(is_last_try(&hold, 3, s(10)));
        // Try 2 was lost: the try at 10 s is WeChat's last.
        assert!(is_last_try(&hold, 2, s(10)));
        assert!(is_last_try(&hold, 2, LAST_TRY_AFTER));
    }

    #[test]
    fn only_pushes_that_open_the_window_get_late_replies() {
        for yes in [
            "msg/text",
            "msg/image",
            "event/subscribe",
            "event/SCAN",
            "event/CLICK",
            "event/scancode_waitmsg",
        ] {
            assert!(opens_window(yes), "{yes}");
        }
        for no in [
            "event/VIEW",
            "event/unsubscribe",
            "event/LOCATION",
            "event/TEMPLATESENDJOBFINISH",
            "event/view_miniprogram",
        ] {
            assert!(!opens_window(no), "{no}");
        }
    }

    #[test]
    fn the_schedule_doubles_to_the_cap_with_jitter_and_hard_floors() {
        let cfg = DeliveryConfig::default();
        let day = Duration::from_secs(86_400);
        for (n, base) in [
            (0, 1.0),
            (1, 2.0),
            (2, 4.0),
            (8, 256.0),
            (9, 300.0),
            (60, 300.0),
        ] {
            for _ in 0..50 {
                let d = retry_wait(&cfg, n, None, day).as_secs_f64();
                assert!(
                    (base * 0.8 - 1e-9..=base * 1.2 + 1e-9).contains(&d),
                    "retry {n}: {d} s, expected about {base} s"
                );
            }
        }
        let failure = |class, retry_after| Failure {
            class,
            status: None,
            error: String::new(),
            retry_after,
            answer: None,
        };
        for _ in 0..50 {
            // A timeout or a 429: never below 10 s, jitter included.
            let t = retry_wait(&cfg, 0, Some(&failure(AttemptResult::Timeout, None)), day);
            assert!(t >= OVERLOAD_FLOOR, "{t:?}");
            let t = retry_wait(&cfg, 0, Some(&failure(AttemptResult::Http429, None)), day);
            assert!(t >= OVERLOAD_FLOOR, "{t:?}");
            // A 5xx: the plain schedule.
            let t = retry_wait(&cfg, 0, Some(&failure(AttemptResult::Http5xx, None)), day);
            assert!(t < OVERLOAD_FLOOR, "{t:?}");
            // Retry-After only lengthens, and is a hard minimum.
            let hint = Duration::from_secs(120);
            let t = retry_wait(
                &cfg,
                0,
                Some(&failure(AttemptResult::Http429, Some(hint))),
                day,
            );
            assert!(t >= hint && t < hint + Duration::from_secs(1), "{t:?}");
            let short = Some(Duration::from_millis(10));
            let t = retry_wait(&cfg, 3, Some(&failure(AttemptResult::Http5xx, short)), day);
            assert!(t >= Duration::from_millis(6_400), "{t:?}");
        }
        // Capped at max-age.
        let hint = Some(Duration::from_secs(10 * 86_400));
        let t = retry_wait(&cfg, 0, Some(&failure(AttemptResult::Http429, hint)), day);
        assert_eq!(t, day);
    }
}
