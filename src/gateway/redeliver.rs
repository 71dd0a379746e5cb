//! Redelivery from the spool: one worker per service with a backend.
//!
//! - **Lanes.** A service's spool is a set of lanes, one per sender (a push without one is a
//!   lane of its own). Only a lane's head (its oldest waiting push) is ever sent, so one user's
//!   pushes reach the backend in the order they came, and a head that keeps failing holds back
//!   its own lane only.
//! - **The schedule.** A failed attempt waits `min(retry-cap-ms, retry-base-ms·2ⁿ)` ±20% before
//!   the next (n = 0 for the first retry), at least 10 s after a timeout or a 429, at least the
//!   backend's `Retry-After` ([`delivery::retry_wait`]).
//! - **The breaker.** While it is open, only the probe goes: one push at a time (the oldest due
//!   lane head, else the oldest push), every `probe-interval-ms`. When the probe gets through,
//!   every waiting push is due at once and the drain starts.
//! - **The drain.** At most `drain-rate` pushes a second and `drain-concurrency` in flight,
//!   starting at one and doubling on each success, halving on a failure or a 429; a redelivery
//!   only takes a worker slot that live pushes leave free.
//! - **Poison.** A lane head that has failed `poison-after` attempts (the live one counts)
//!   while another push of the service was delivered since its first failure moves to the dead
//!   letters (reason `poison`), and its lane flows again.
//! - **Pause.** `wx-gateway spool pause` stops the worker (and spools live pushes) until
//!   `spool resume`; it is read from the spool every second and survives restarts.
//! - A push queued longer than `spool.max-age` moves to the dead letters (reason `max-age`).

use std::collections::HashSet;
use std::sync::atomic::Ordering;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use tokio::sync::OwnedSemaphorePermit;
use tokio::task::JoinSet;

use super::delivery::{self, Called, retry_wait};
use super::forward;
use super::state::{ServiceState, Shared, Snapshot};
use crate::clock;
use crate::metrics::{AttemptResult, Trigger};
use crate::state::{DeadReason, Entry, Settle, Spool};

/// The queue is looked at least this often (a replay from the CLI is seen within it).
const POLL: Duration = Duration::from_secs(1);
/// Spooled pushes fetched at once.
const BATCH: usize = 64;
/// No worker slot left by live pushes: look again after this.
const NO_SLOT_WAIT: Duration = Duration::from_millis(10);

/// Starts the redelivery workers, the dead-letter sweep and the monitor of pauses and lanes
/// (once per process, on the first serving thread).
pub fn start(shared: &Arc<Shared>, client: &forward::Client) {
    let Some(spool) = shared.delivery.spool.clone() else {
        return;
    };
    tokio::spawn(supervise(
        Arc::clone(shared),
        client.clone(),
        Arc::clone(&spool),
    ));
    tokio::spawn(monitor(Arc::clone(shared), Arc::clone(&spool)));
    tokio::spawn(sweep(Arc::clone(shared), spool));
}

/// The services that have a worker running.
type Running = Arc<Mutex<HashSet<String>>>;

/// Keeps one worker per service that has a backend in the config in use: a reload that adds
/// a service (or gives one a backend) starts its worker; one that removes it (or its backend)
/// lets the worker stop after its round, and the service's spooled pushes wait for it to come
/// back (`spool list` shows them). A service a reload changed is woken, so a fixed backend
/// address is tried at once.
async fn supervise(shared: Arc<Shared>, client: forward::Client, spool: Arc<dyn Spool>) {
    let running: Running = Arc::default();
    let mut generation = shared.generation.subscribe();
    let mut before: Option<Arc<Snapshot>> = None;
    loop {
        let snap = shared.snapshot();
        {
            let mut names = running.lock().unwrap_or_else(|e| e.into_inner());
            for svc in snap.by_name.values() {
                if svc.cfg.msg_proxy_pass.is_some() && names.insert(svc.cfg.name.clone()) {
                    tokio::spawn(worker(
                        Arc::clone(&shared),
                        client.clone(),
                        svc.cfg.name.clone(),
                        Arc::clone(&spool),
                        Arc::clone(&running),
                    ));
                }
            }
        }
        if let Some(old) = &before {
            for (name, svc) in &old.by_name {
                // Changed, removed, or removed and added back (a new wake-up to wait on).
                if snap
                    .by_name
                    .get(name)
                    .is_none_or(|now| now.cfg != svc.cfg || !Arc::ptr_eq(&now.wake, &svc.wake))
                {
                    svc.wake.notify_one();
                }
            }
        }
        before = Some(snap);
        if generation.changed().await.is_err() {
            return;
        }
    }
}

/// The service `name` as the config in use has it, while it has a backend; else the worker
/// leaves `running` (under the same lock the supervisor starts workers with, so a service
/// that comes back is never left without one).
fn current(shared: &Shared, name: &str, running: &Running) -> Option<Arc<ServiceState>> {
    let mut names = running.lock().unwrap_or_else(|e| e.into_inner());
    let snap = shared.snapshot();
    match snap.by_name.get(name) {
        Some(svc) if svc.cfg.msg_proxy_pass.is_some() => Some(Arc::clone(svc)),
        _ => {
            names.remove(name);
            tracing::warn!(
                service = %name,
                "the service (or its msg-proxy-pass) is gone from the config: its redelivery stops; its spooled pushes wait until it is back (`wx-gateway spool list` shows them)"
            );
            None
        }
    }
}

/// Moves pushes older than `max-age` to the dead letters, and says so.
async fn sweep(shared: Arc<Shared>, spool: Arc<dyn Spool>) {
    let max_age = shared.delivery.max_age;
    let every = (max_age / 4).clamp(Duration::from_millis(250), Duration::from_secs(10));
    loop {
        match spool.expire(max_age).await {
            Ok(dead) => {
                let more = dead.len() >= 500;
                if dead.len() > 20 {
                    tracing::warn!(
                        count = dead.len(),
                        "spooled pushes moved to the dead letters (older than spool.max-age); `wx-gateway spool list --dead` shows them"
                    );
                }
                for e in dead.iter().take(20) {
                    tracing::warn!(
                        service = %e.new.service,
                        delivery_id = %e.new.id,
                        request_id = %e.new.request_id,
                        route = %e.new.route,
                        attempts = e.new.attempts,
                        last_error = e.new.last_error.as_deref(),
                        "spooled push moved to the dead letters (older than spool.max-age); `wx-gateway spool list --dead` shows it, `spool replay` requeues it"
                    );
                }
                if more {
                    // The rest of a large batch at once (after downtime longer than max-age).
                    continue;
                }
            }
            Err(e) => tracing::error!(error = %e, "spool: the dead-letter sweep failed"),
        }
        tokio::time::sleep(every).await;
    }
}

/// Every second: which services are paused (from the spool: `spool pause` from the CLI, or
/// from another instance), and the lanes with waiting pushes of each service (a rebuild also
/// sees what `spool replay` or another instance queued). A rebuild runs at most once a second
/// and at most 5% of the time.
async fn monitor(shared: Arc<Shared>, spool: Arc<dyn Spool>) {
    let errors = crate::logging::Throttle::new();
    let shared_spool = shared.cluster.is_some();
    let mut last_version = None;
    let mut rebuild_after = Instant::now();
    loop {
        let snap = shared.snapshot();
        match spool.paused().await {
            Ok(paused) => {
                for svc in snap.by_name.values() {
                    let now = paused.iter().any(|p| *p == svc.cfg.name);
                    if svc.paused.swap(now, Ordering::AcqRel) != now {
                        shared.metrics.set_paused(&svc.cfg.name, now);
                        if now {
                            tracing::warn!(service = %svc.cfg.name, "service PAUSED (wx-gateway spool pause): its pushes are spooled and answered, none is delivered until `spool resume`");
                        } else {
                            tracing::info!(service = %svc.cfg.name, "service resumed: its spool drains at spool.drain-rate");
                            svc.wake.notify_one();
                        }
                    }
                }
            }
            Err(e) => {
                if let Some(skipped) = errors.ready() {
                    tracing::error!(error = %e, skipped, "spool: could not read the paused services");
                }
            }
        }
        let version = spool.version().await.ok();
        let changed = version != last_version;
        last_version = version;
        if Instant::now() >= rebuild_after {
            let started = Instant::now();
            for svc in snap.by_name.values() {
                if svc.cfg.msg_proxy_pass.is_none() || !(svc.lanes.any() || changed || shared_spool)
                {
                    continue;
                }
                svc.lanes.rebuilding();
                let limit = super::lanes::MAX_LANES;
                match spool.lanes(svc.cfg.name.clone(), limit + 1).await {
                    Ok(lanes) => {
                        let complete = lanes.len() <= limit;
                        svc.lanes.rebuilt(&lanes, complete);
                    }
                    Err(e) => {
                        svc.lanes.rebuild_failed();
                        if let Some(skipped) = errors.ready() {
                            tracing::error!(service = %svc.cfg.name, error = %e, skipped, "spool: could not read the lanes");
                        }
                    }
                }
            }
            rebuild_after = Instant::now() + started.elapsed() * 20;
        }
        tokio::time::sleep(POLL).await;
    }
}

/// The drain's pace: a rate (a token bucket of one) and a window of attempts in flight that
/// starts at one, doubles on success and halves on a failure or a 429.
struct Pace {
    window: u32,
    next_token: Instant,
}

impl Pace {
    fn new() -> Pace {
        Pace {
            window: 1,
            next_token: Instant::now(),
        }
    }

    fn window(&self, cap: u32) -> usize {
        self.window.min(cap).max(1) as usize
    }

    fn ended(&mut self, done: &Done, cap: u32) {
        if done.failed || done.overloaded {
            self.window = (self.window / 2).max(1);
        } else if done.delivered {
            self.window = self.window.saturating_mul(2).min(cap.max(1));
        }
    }

    /// Waits for the next send the rate allows.
    async fn token(&mut self, rate: u32) {
        let now = Instant::now();
        if self.next_token > now {
            tokio::time::sleep_until(self.next_token.into()).await;
        }
        let gap = Duration::from_secs(1) / rate.max(1);
        self.next_token = self.next_token.max(now) + gap;
    }
}

/// What an attempt's end tells the worker.
#[derive(Debug, Default)]
struct Done {
    delivered: bool,
    /// A retried class (the breaker's failure).
    failed: bool,
    /// A 429.
    overloaded: bool,
}

async fn worker(
    shared: Arc<Shared>,
    client: forward::Client,
    name: String,
    spool: Arc<dyn Spool>,
    running: Running,
) {
    let errors = crate::logging::Throttle::new();
    let log_error = |what: &str, e: &dyn std::fmt::Display| {
        if let Some(skipped) = errors.ready() {
            tracing::error!(service = %name, error = %e, skipped, "spool: {what}");
        }
    };
    let mut pace = Pace::new();
    let mut inflight: JoinSet<Done> = JoinSet::new();
    let mut was_open = false;
    // Looked up each round: a reload may have changed the service (its backend, timeouts).
    while let Some(svc) = current(&shared, &name, &running) {
        let cap = svc.delivery.drain_concurrency;
        while let Some(done) = inflight.try_join_next() {
            pace.ended(&done.unwrap_or_default(), cap);
        }
        if svc.paused.load(Ordering::Acquire) {
            idle(&svc, &mut inflight, &mut pace, POLL).await;
            continue;
        }
        if !svc.delivery.breaker && !svc.breaker.is_closed() {
            // The config no longer wants a breaker.
            svc.breaker.reset();
            shared.metrics.set_breaker(&name, svc.breaker.state());
        }
        if !svc.breaker.is_closed() {
            was_open = true;
            if !inflight.is_empty() {
                // Calls made before it opened end within their own timeout first.
                idle(&svc, &mut inflight, &mut pace, POLL).await;
                continue;
            }
            probe(&shared, &client, &svc, spool.as_ref(), &log_error).await;
            continue;
        }
        if was_open {
            // The backend is back: what waited for it is due now, in arrival order, at the
            // drain's pace from one in flight.
            was_open = false;
            pace = Pace::new();
            if let Err(e) = spool.pull_forward(name.clone()).await {
                log_error("could not make the waiting pushes due", &e);
            }
        }
        if inflight.len() >= pace.window(cap) {
            idle(&svc, &mut inflight, &mut pace, POLL).await;
            continue;
        }
        let due = match spool.due(name.clone(), BATCH).await {
            Ok(d) => d,
            Err(e) => {
                log_error("could not read the queue", &e);
                idle(&svc, &mut inflight, &mut pace, POLL).await;
                continue;
            }
        };
        if due.is_empty() {
            let wait = match spool.next_due(name.clone()).await {
                Ok(Some(at)) => {
                    Duration::from_millis(at.saturating_sub(clock::unix_millis()).max(0) as u64)
                }
                _ => POLL,
            };
            idle(
                &svc,
                &mut inflight,
                &mut pace,
                wait.clamp(Duration::from_millis(20), POLL),
            )
            .await;
            continue;
        }
        let mut sent = 0usize;
        for e in due {
            if !svc.breaker.is_closed() || svc.paused.load(Ordering::Acquire) {
                break;
            }
            while inflight.len() >= pace.window(cap) {
                match inflight.join_next().await {
                    Some(done) => pace.ended(&done.unwrap_or_default(), cap),
                    None => break,
                }
            }
            if !svc.breaker.is_closed() {
                break;
            }
            pace.token(svc.delivery.drain_rate).await;
            let Some(permit) = svc.limiter.spare() else {
                // Live pushes take every slot: they go first.
                tokio::time::sleep(NO_SLOT_WAIT).await;
                break;
            };
            if !shared.delivery.start_call(&e.new.id) {
                // Its live call is still running.
                continue;
            }
            let lease =
                clock::unix_millis() + svc.delivery.redelivery_timeout.as_millis() as i64 + 1000;
            match spool.claim(e.new.id.clone(), lease).await {
                Ok(true) => {}
                Ok(false) => {
                    shared.delivery.end_call(&e.new.id);
                    continue;
                }
                Err(err) => {
                    shared.delivery.end_call(&e.new.id);
                    log_error("could not claim a push", &err);
                    break;
                }
            }
            sent += 1;
            inflight.spawn(attempt(
                Arc::clone(&shared),
                client.clone(),
                Arc::clone(&svc),
                Arc::clone(&spool),
                e,
                Some(permit),
                false,
            ));
        }
        if sent == 0 {
            // Everything due is with its live call, or was taken meanwhile: look again later.
            idle(&svc, &mut inflight, &mut pace, POLL).await;
        }
    }
    // The service is gone: the attempts in flight settle on their own.
    while inflight.join_next().await.is_some() {}
}

/// Waits up to `wait` for a wake-up or for an attempt in flight to end.
async fn idle(svc: &ServiceState, inflight: &mut JoinSet<Done>, pace: &mut Pace, wait: Duration) {
    let cap = svc.delivery.drain_concurrency;
    tokio::select! {
        _ = tokio::time::sleep(wait) => {}
        _ = svc.wake.notified() => {}
        Some(done) = inflight.join_next(), if !inflight.is_empty() => {
            pace.ended(&done.unwrap_or_default(), cap);
        }
    }
}

/// While the breaker is open: one probe when it is due (the oldest due lane head, else the
/// oldest push), and nothing else.
async fn probe(
    shared: &Arc<Shared>,
    client: &forward::Client,
    svc: &Arc<ServiceState>,
    spool: &dyn Spool,
    log_error: &(dyn Fn(&str, &dyn std::fmt::Display) + Sync),
) {
    let name = &svc.cfg.name;
    let wait = svc.breaker.next_probe() - clock::unix_millis();
    if wait > 0 {
        tokio::select! {
            _ = tokio::time::sleep(Duration::from_millis(wait as u64).min(POLL)) => {}
            _ = svc.wake.notified() => {}
        }
        return;
    }
    if svc.breaker.admit(clock::unix_millis()) != super::breaker::Admit::Probe {
        // A live push took the probe (the spool was empty), or it is closed already.
        tokio::time::sleep(Duration::from_millis(20)).await;
        return;
    }
    let candidate = match spool.due(name.clone(), 1).await {
        Ok(mut due) if !due.is_empty() => Ok(due.pop()),
        Ok(_) => spool.head(name.clone()).await,
        Err(e) => Err(e),
    };
    let entry = match candidate {
        Ok(Some(e)) => e,
        Ok(None) => {
            // Nothing spooled: the next live push is the probe.
            svc.breaker.unprobed();
            tokio::select! {
                _ = tokio::time::sleep(POLL) => {}
                _ = svc.wake.notified() => {}
            }
            return;
        }
        Err(e) => {
            svc.breaker.unprobed();
            log_error("could not read the queue", &e);
            tokio::time::sleep(POLL).await;
            return;
        }
    };
    let lease = clock::unix_millis() + svc.delivery.redelivery_timeout.as_millis() as i64 + 1000;
    // The oldest push may be waiting out its own backoff: the probe makes it due first.
    if entry.new.next_at > clock::unix_millis() {
        let now = Settle::Defer {
            next_at: clock::unix_millis(),
        };
        if let Err(e) = spool.settle(entry.new.id.clone(), now).await {
            log_error("could not make the probe due", &e);
        }
    }
    let claimed = shared.delivery.start_call(&entry.new.id)
        && match spool.claim(entry.new.id.clone(), lease).await {
            Ok(true) => true,
            other => {
                shared.delivery.end_call(&entry.new.id);
                if let Err(e) = other {
                    log_error("could not claim a push", &e);
                }
                false
            }
        };
    if !claimed {
        svc.breaker.unprobed();
        tokio::time::sleep(Duration::from_millis(20)).await;
        return;
    }
    attempt(
        Arc::clone(shared),
        client.clone(),
        Arc::clone(svc),
        spool_arc(shared),
        entry,
        None,
        true,
    )
    .await;
}

fn spool_arc(shared: &Shared) -> Arc<dyn Spool> {
    Arc::clone(
        shared
            .delivery
            .spool
            .as_ref()
            .expect("redelivery runs only with a spool"),
    )
}

/// One redelivery attempt of a claimed push: the call, the breaker, the settle, the late reply.
async fn attempt(
    shared: Arc<Shared>,
    client: forward::Client,
    svc: Arc<ServiceState>,
    spool: Arc<dyn Spool>,
    e: Entry,
    permit: Option<OwnedSemaphorePermit>,
    probe: bool,
) -> Done {
    let number = e.new.attempts + 1;
    let trigger = if e.replayed {
        Trigger::Replay
    } else {
        Trigger::Retry
    };
    let started_ms = clock::unix_millis();
    let started = Instant::now();
    let deadline = started + svc.delivery.redelivery_timeout;
    let (status, result) = client
        .forward(
            &svc.cfg,
            &shared.metrics,
            &svc.metrics,
            &e.new,
            number,
            trigger,
            deadline,
        )
        .await;
    drop(permit);
    let called = Called::from_forward(status, result);
    let now = clock::unix_millis();
    match (probe, called.breaker_failure()) {
        (true, Some(failed)) => shared.breaker_probed(&svc, failed, now),
        (true, None) => svc.breaker.unprobed(),
        (false, Some(failed)) => shared.breaker_record(&svc, failed, now),
        (false, None) => {}
    }
    let record = called.attempt(started_ms, trigger, started.elapsed());
    let done = Done {
        delivered: called.delivered(),
        failed: called.breaker_failure() == Some(true),
        overloaded: matches!(&called, Called::Failed(f) if f.class == AttemptResult::Http429),
    };
    let settle = settlement(&shared, &svc, &e, number, &called, record, now);
    if trigger == Trigger::Replay {
        let result = match &settle {
            Settle::Delivered => Some("delivered"),
            Settle::Dead { .. } => Some("dead"),
            Settle::Retry { .. } => Some("failed"),
            Settle::Defer { .. } => None,
        };
        if let Some(r) = result {
            shared.metrics.replay_result(&svc.cfg.name, r);
        }
    }
    if let Err(err) = spool.settle(e.new.id.clone(), settle).await {
        static THROTTLE: crate::logging::Throttle = crate::logging::Throttle::new();
        if let Some(skipped) = THROTTLE.ready() {
            tracing::error!(service = %svc.cfg.name, error = %err, skipped, "spool: could not record a redelivery (the push may be redelivered, with the same delivery id)");
        }
    }
    shared.delivery.end_call(&e.new.id);
    if let Called::Replied(reply, _) = &called {
        delivery::late_reply(
            &shared,
            &svc.cfg,
            &e.new,
            reply,
            delivery::Late::Redelivered,
        )
        .await;
    }
    done
}

/// What an attempt means for the spooled push, logged.
fn settlement(
    shared: &Shared,
    svc: &ServiceState,
    e: &Entry,
    number: u32,
    called: &Called,
    attempt: Option<crate::state::Attempt>,
    now: i64,
) -> Settle {
    let p = &e.new;
    let log = |result: &str, error: Option<&str>| {
        tracing::info!(
            service = %p.service,
            delivery_id = %p.id,
            request_id = %p.request_id,
            route = %p.route,
            attempt = number,
            result,
            error,
            "redelivery"
        );
    };
    match called {
        Called::Replied(..) | Called::BadReply(_) => {
            svc.last_success.store(now, Ordering::Release);
            let lag = now.saturating_sub(p.first_seen).max(0);
            shared
                .metrics
                .delivery_lag(&svc.metrics, Duration::from_millis(lag as u64));
            match called {
                Called::BadReply(err) => log("delivered (its reply is unusable)", Some(err)),
                _ => log("delivered", None),
            }
            Settle::Delivered
        }
        Called::Refused(_) => {
            let error = called.error();
            tracing::warn!(
                service = %p.service,
                delivery_id = %p.id,
                request_id = %p.request_id,
                attempt = number,
                error = %error,
                "redelivery refused (4xx): the push moved to the dead letters (`wx-gateway spool replay` requeues it after a fix)"
            );
            Settle::Dead {
                attempts: number,
                error,
                reason: DeadReason::Refused,
                attempt,
            }
        }
        Called::Failed(f) => {
            // Since its first failure (this one, when it had none).
            let failing_since = p.failing_since.unwrap_or(now);
            if number >= svc.delivery.poison_after
                && svc.last_success.load(Ordering::Acquire) > failing_since
            {
                tracing::warn!(
                    service = %p.service,
                    delivery_id = %p.id,
                    request_id = %p.request_id,
                    attempts = number,
                    error = %f.error,
                    "POISON: this push failed {number} attempts while other pushes of the service were delivered; moved to the dead letters so its sender's later pushes flow (`wx-gateway spool show` has its attempts)"
                );
                return Settle::Dead {
                    attempts: number,
                    error: f.error.clone(),
                    reason: DeadReason::Poison,
                    attempt,
                };
            }
            log("failed", Some(&f.error));
            let wait = retry_wait(
                &svc.delivery,
                number.saturating_sub(1),
                Some(f),
                shared.delivery.max_age,
            );
            Settle::Retry {
                attempts: number,
                next_at: now + wait.as_millis() as i64,
                error: f.error.clone(),
                attempt,
            }
        }
        Called::Busy | Called::Abandoned | Called::Skipped(_) => Settle::Defer { next_at: now },
    }
}
