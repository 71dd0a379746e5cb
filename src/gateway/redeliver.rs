//! Redelivery from the spool: one worker per service with a backend, sending its spooled
//! pushes one at a time, oldest first. When two pushes in a row fail the backend is taken to
//! be down: the worker backs off (1 s doubling to 5 min, with jitter) and then probes again
//! with the oldest; when a push gets through again (or a live push does) every waiting push of
//! the service is due at once and goes in arrival order. A push that fails while younger
//! ones get through waits on its own backoff instead of holding them back. A push queued
//! longer than `spool.max-age` moves to the dead letters.

use std::collections::HashSet;
use std::sync::atomic::Ordering;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use super::delivery::{self, Called, backoff};
use super::forward;
use super::state::{ServiceState, Shared, Snapshot};
use crate::clock;
use crate::state::{Entry, Settle, Spool};

/// The queue is looked at least this often (a replay from the CLI is seen within it).
const POLL: Duration = Duration::from_secs(1);
/// Spooled pushes fetched at once.
const BATCH: usize = 64;

/// Starts the redelivery workers and the dead-letter sweep (once per process, on the first
/// serving thread).
pub fn start(shared: &Arc<Shared>, client: &forward::Client) {
    let Some(spool) = shared.delivery.spool.clone() else {
        return;
    };
    tokio::spawn(supervise(
        Arc::clone(shared),
        client.clone(),
        Arc::clone(&spool),
    ));
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
    // Consecutive rounds that found the backend down: the worker's own backoff.
    let mut failures: u32 = 0;
    // Looked up each round: a reload may have changed the service (its backend, timeouts).
    while let Some(svc) = current(&shared, &name, &running) {
        let due = match spool.due(name.clone(), BATCH).await {
            Ok(d) => d,
            Err(e) => {
                log_error("could not read the queue", &e);
                tokio::time::sleep(POLL).await;
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
            tokio::select! {
                _ = tokio::time::sleep(wait.clamp(Duration::from_millis(20), POLL)) => {}
                _ = svc.wake.notified() => {}
            }
            continue;
        }
        let mut settles = Vec::new();
        // This round: pushes that got through, pushes that failed (settled at the end: a push
        // that fails while others get through waits on its own backoff).
        let mut delivered = 0usize;
        let mut failed: Vec<(String, u32, String)> = Vec::new();
        let mut attempted = 0usize;
        for e in due {
            if !shared.delivery.start_call(&e.new.id) {
                // Its live call is still running.
                continue;
            }
            let attempt = e.new.attempts + 1;
            let timeout = svc.cfg.late_reply_timeout;
            // Claimed through the spool, after every earlier settle: a push its live call
            // delivered meanwhile is gone, and a crash during the attempt leaves it leased
            // until the attempt's timeout has passed.
            let lease = clock::unix_millis() + timeout.as_millis() as i64 + 1000;
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
            attempted += 1;
            let deadline = Instant::now() + timeout;
            let (status, result) = client
                .forward(
                    &svc.cfg,
                    &shared.metrics,
                    &svc.metrics,
                    &e.new,
                    attempt,
                    deadline,
                )
                .await;
            let called = Called::from_forward(status, result);
            let settle = outcome(&e, attempt, &called);
            if let Settle::Retry { error, .. } = settle {
                // Settled (and the row released) at the end of the round.
                failed.push((e.new.id.clone(), attempt, error));
                shared.delivery.end_call(&e.new.id);
                if delivered == 0 && failed.len() >= 2 {
                    // Two in a row and nothing through: the backend is down.
                    break;
                }
                continue;
            }
            settles.push(spool.settle(e.new.id.clone(), settle));
            shared.delivery.end_call(&e.new.id);
            delivered += 1;
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
            if failures > 0 {
                // The backend is back: what waited for it goes now, in arrival order.
                failures = 0;
                svc.backing_off.store(false, Ordering::Release);
                tracing::info!(service = %name, "backend reachable again: redelivering the spool");
                settles.push(spool.pull_forward(name.clone()).map_ok_unit());
                // The batch is stale now.
                break;
            }
        }
        let down = delivered == 0 && !failed.is_empty();
        let retry_in = backoff(failures.saturating_add(1));
        for (id, attempt, error) in failed {
            let wait = if down {
                // Due when the worker looks again, so the oldest is still first.
                retry_in
            } else {
                backoff(attempt)
            };
            let settle = Settle::Retry {
                attempts: attempt,
                next_at: clock::unix_millis() + wait.as_millis() as i64,
                error,
                attempt: None,
            };
            settles.push(spool.settle(id, settle));
        }
        for s in settles {
            if let Err(e) = s.await {
                log_error("could not record a redelivery", &e);
            }
        }
        if down {
            failures = failures.saturating_add(1);
            svc.backing_off.store(true, Ordering::Release);
            back_off(&svc, spool.as_ref(), retry_in).await;
        } else if attempted == 0 {
            // Everything due is with its live call, or was taken meanwhile: look again later.
            tokio::select! {
                _ = tokio::time::sleep(POLL) => {}
                _ = svc.wake.notified() => {}
            }
        }
    }
}

/// `pull_forward`'s count dropped, to wait on it beside the settles.
trait UnitResult {
    fn map_ok_unit(self) -> crate::state::BoxFut<Result<(), crate::state::SpoolError>>;
}

impl UnitResult for crate::state::BoxFut<Result<usize, crate::state::SpoolError>> {
    fn map_ok_unit(self) -> crate::state::BoxFut<Result<(), crate::state::SpoolError>> {
        Box::pin(async move { self.await.map(|_| ()) })
    }
}

/// Waits out a backoff; cut short when a live push of the service got through (the backend is
/// back) or the spool was changed from elsewhere (`wx-gateway spool replay`).
async fn back_off(svc: &ServiceState, spool: &dyn Spool, wait: Duration) {
    let until = Instant::now() + wait;
    let version = spool.version().await.ok();
    loop {
        let left = until.saturating_duration_since(Instant::now());
        if left.is_zero() {
            return;
        }
        tokio::select! {
            _ = tokio::time::sleep(left.min(POLL)) => {}
            _ = svc.wake.notified() => return,
        }
        if version.is_some() && spool.version().await.ok() != version {
            return;
        }
    }
}

/// What an attempt means for the spooled push, logged.
fn outcome(e: &Entry, attempt: u32, called: &Called) -> Settle {
    let p = &e.new;
    let log = |result: &str, error: Option<&str>| {
        tracing::info!(
            service = %p.service,
            delivery_id = %p.id,
            request_id = %p.request_id,
            route = %p.route,
            attempt,
            result,
            error,
            "redelivery"
        );
    };
    match called {
        Called::Replied(..) => {
            log("delivered", None);
            Settle::Delivered
        }
        Called::BadReply(err) => {
            log("delivered (its reply is unusable)", Some(err));
            Settle::Delivered
        }
        Called::Refused(status) => {
            let error = format!("backend refused the push: HTTP {status}");
            tracing::warn!(
                service = %p.service,
                delivery_id = %p.id,
                request_id = %p.request_id,
                attempt,
                error = %error,
                "redelivery refused (4xx): the push moved to the dead letters"
            );
            Settle::Dead {
                attempts: attempt,
                error,
                reason: crate::state::DeadReason::Refused,
                attempt: None,
            }
        }
        // `next_at` is the worker's to set.
        Called::Failed(err) => {
            log("failed", Some(err));
            Settle::Retry {
                attempts: attempt,
                next_at: 0,
                error: err.clone(),
                attempt: None,
            }
        }
        Called::Busy | Called::Abandoned => Settle::Retry {
            attempts: attempt,
            next_at: 0,
            error: "not attempted".into(),
            attempt: None,
        },
    }
}
