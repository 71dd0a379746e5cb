//! Redelivery from the spool: one worker per service with a backend, sending its spooled
//! pushes one at a time, oldest first. After a failure the worker backs off (1 s doubling to
//! 5 min, with jitter) and only probes the backend, one push per wait; when a push gets
//! through again (or a live push does) every waiting push of the service is due at once and
//! goes in arrival order. A push queued longer than `spool.max-age` moves to the dead letters.

use std::sync::Arc;
use std::sync::atomic::Ordering;
use std::time::{Duration, Instant};

use super::delivery::{self, Called, backoff};
use super::forward;
use super::state::{ServiceState, Shared};
use crate::clock;
use crate::state::{Entry, Settle, Spool};

/// The queue is looked at least this often (a replay from the CLI is seen within it).
const POLL: Duration = Duration::from_secs(1);
/// Spooled pushes fetched at once.
const BATCH: usize = 64;

/// Starts the redelivery workers and the dead-letter sweep, once per process.
pub fn start(shared: &Arc<Shared>, client: &forward::Client) {
    let Some(spool) = shared.delivery.spool.clone() else {
        return;
    };
    if shared.workers_started.swap(true, Ordering::AcqRel) {
        return;
    }
    for svc in shared.services.values() {
        if svc.cfg.msg_proxy_pass.is_some() {
            tokio::spawn(worker(
                Arc::clone(shared),
                client.clone(),
                Arc::clone(svc),
                Arc::clone(&spool),
            ));
        }
    }
    tokio::spawn(sweep(Arc::clone(shared), spool));
}

/// Moves pushes older than `max-age` to the dead letters, and says so.
async fn sweep(shared: Arc<Shared>, spool: Arc<dyn Spool>) {
    let max_age = shared.delivery.max_age;
    let every = (max_age / 4).clamp(Duration::from_millis(250), Duration::from_secs(10));
    loop {
        match spool.expire(max_age).await {
            Ok(dead) => {
                for e in dead {
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
            }
            Err(e) => tracing::error!(error = %e, "spool: the dead-letter sweep failed"),
        }
        tokio::time::sleep(every).await;
    }
}

async fn worker(
    shared: Arc<Shared>,
    client: forward::Client,
    svc: Arc<ServiceState>,
    spool: Arc<dyn Spool>,
) {
    let name = svc.cfg.name.clone();
    // Consecutive failed attempts: the worker's own backoff.
    let mut failures: u32 = 0;
    loop {
        let due = match spool.due(name.clone(), BATCH).await {
            Ok(d) => d,
            Err(e) => {
                tracing::error!(service = %name, error = %e, "spool: could not read the queue");
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
                _ = tokio::time::sleep(wait.min(POLL)) => {}
                _ = svc.wake.notified() => {}
            }
            continue;
        }
        let mut settles = Vec::new();
        let mut failed = false;
        for e in due {
            if !shared.delivery.start_call(&e.new.id) {
                // Its live call is still running.
                continue;
            }
            let attempt = e.new.attempts + 1;
            let deadline = Instant::now() + svc.cfg.late_reply_timeout;
            let (status, result) = client.forward(&svc.cfg, &e.new, attempt, deadline).await;
            shared.delivery.end_call(&e.new.id);
            let called = Called::from_forward(status, result);
            let settle = outcome(&e, attempt, &called);
            let retry = matches!(settle, Settle::Retry { .. });
            settles.push(spool.settle(e.new.id.clone(), settle));
            if retry {
                failed = true;
                break;
            }
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
                if let Err(e) = spool.pull_forward(name.clone()).await {
                    tracing::error!(service = %name, error = %e, "spool: could not requeue");
                }
                tracing::info!(service = %name, "backend reachable again: redelivering the spool");
            }
        }
        for s in settles {
            if let Err(e) = s.await {
                tracing::error!(service = %name, error = %e, "spool: could not record a redelivery");
            }
        }
        if failed {
            failures = failures.saturating_add(1);
            svc.backing_off.store(true, Ordering::Release);
            tokio::select! {
                _ = tokio::time::sleep(backoff(failures)) => {}
                // A live push got through: try again now.
                _ = svc.wake.notified() => {}
            }
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
            Settle::Refused {
                attempts: attempt,
                error,
            }
        }
        Called::Failed(err) => {
            log("failed", Some(err));
            Settle::Retry {
                attempts: attempt,
                next_at: clock::unix_millis() + backoff(attempt).as_millis() as i64,
                error: err.clone(),
            }
        }
        Called::Busy | Called::Abandoned => Settle::Retry {
            attempts: attempt,
            next_at: clock::unix_millis() + backoff(1).as_millis() as i64,
            error: "not attempted".into(),
        },
    }
}
