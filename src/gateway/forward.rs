//! Forwarding a push to its backend: one pooled keep-alive client, a deadline on every call,
//! a bounded answer size, and a per-service bound on concurrent calls with a bounded wait list.

use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Instant;

use tokio::sync::{Semaphore, SemaphorePermit};

use crate::backend::{self, BackendReply, ReplyError};
use crate::config::Service;
use crate::metrics::{Metrics, ServiceMetrics, Status};
use crate::state::NewEntry;
use crate::upstream::{self, MAX_BACKEND_ANSWER, Peer, ReadError};
use crate::wechat::Reply;

/// Why a backend call produced no reply. The gateway answers WeChat `success` for all of them.
#[derive(Debug, thiserror::Error)]
pub enum ForwardError {
    #[error("no answer within the deadline")]
    Timeout,
    #[error("could not reach the backend: {0}")]
    Connect(String),
    #[error("backend answered HTTP {0}")]
    Status(u16),
    #[error("backend answer larger than {MAX_BACKEND_ANSWER} bytes")]
    TooLarge,
    #[error(transparent)]
    Reply(#[from] ReplyError),
}

/// The HTTP client shared by every service.
#[derive(Clone)]
pub struct Client {
    http: reqwest::Client,
}

impl Client {
    pub fn new() -> Result<Self, reqwest::Error> {
        Ok(Client {
            http: upstream::client(Peer::Internal)?,
        })
    }

    /// The underlying HTTP client (also used for menu handlers).
    pub fn http(&self) -> &reqwest::Client {
        &self.http
    }

    /// POSTs a push to `<msg-proxy-pass>/<route>` (attempt `attempt` of its delivery) and
    /// turns the answer into a reply. Returns the backend's HTTP status when one was received.
    /// Counted in `wxgw_backend_*`.
    pub async fn forward(
        &self,
        service: &Service,
        metrics: &Metrics,
        handles: &ServiceMetrics,
        push: &NewEntry,
        attempt: u32,
        deadline: Instant,
    ) -> (Option<u16>, Result<Reply, ForwardError>) {
        let started = Instant::now();
        let (status, result) = self.call(service, push, attempt, deadline).await;
        let label = match (status, &result) {
            (Some(code), _) => Status::Code(code),
            (None, Err(ForwardError::Timeout)) => Status::Timeout,
            (None, _) => Status::Connect,
        };
        metrics.backend(handles, label, started.elapsed());
        (status, result)
    }

    async fn call(
        &self,
        service: &Service,
        push: &NewEntry,
        attempt: u32,
        deadline: Instant,
    ) -> (Option<u16>, Result<Reply, ForwardError>) {
        let Some(base) = service.msg_proxy_pass.as_ref() else {
            return (None, Err(ForwardError::Connect("no msg-proxy-pass".into())));
        };
        // Only the path changes per push: no re-parse of scheme and host for every call.
        let mut url = base.clone();
        url.set_path(&format!(
            "{}/{}",
            base.path().trim_end_matches('/'),
            push.route
        ));
        let remaining = deadline.saturating_duration_since(Instant::now());
        if remaining.is_zero() {
            return (None, Err(ForwardError::Timeout));
        }
        let call = async {
            let mut req = self
                .http
                .post(url)
                .header(reqwest::header::CONTENT_TYPE, "application/json")
                .header(backend::HEADER_SERVICE, &service.name)
                .header(backend::HEADER_APP_ID, &service.app_id)
                .header(backend::HEADER_REQUEST_ID, &push.request_id)
                .header(backend::HEADER_DELIVERY_ID, &push.id)
                .header(backend::HEADER_DELIVERY_ATTEMPT, attempt);
            if !service.backend_signing.is_empty() {
                let timestamp = crate::clock::unix_now();
                let signature = backend::sign(
                    &service.backend_signing,
                    &push.id,
                    timestamp,
                    push.body.as_bytes(),
                );
                req = req
                    .header(backend::HEADER_WEBHOOK_ID, &push.id)
                    .header(backend::HEADER_WEBHOOK_TIMESTAMP, timestamp)
                    .header(backend::HEADER_WEBHOOK_SIGNATURE, signature);
            }
            let res = req
                .body(push.body.clone())
                .send()
                .await
                .map_err(|e| ForwardError::Connect(upstream::describe(&e)))?;
            let status = res.status().as_u16();
            let body = upstream::read_bounded(res, MAX_BACKEND_ANSWER)
                .await
                .map_err(|e| match e {
                    ReadError::TooLarge(_) => ForwardError::TooLarge,
                    ReadError::Transport(t) => ForwardError::Connect(t),
                });
            Ok::<_, ForwardError>((status, body))
        };
        match tokio::time::timeout(remaining, call).await {
            Err(_) => (None, Err(ForwardError::Timeout)),
            Ok(Err(e)) => (None, Err(e)),
            Ok(Ok((status, body))) => {
                let result = if !(200..300).contains(&status) {
                    Err(ForwardError::Status(status))
                } else {
                    body.and_then(|b| Ok(BackendReply::parse(&b)?.into_reply()?))
                };
                (Some(status), result)
            }
        }
    }
}

/// At most `workerNum` backend calls per service at once, and a bounded list of pushes
/// waiting for a slot; past that the gateway answers 503 so WeChat retries later.
pub struct Limiter {
    slots: Semaphore,
    waiting: AtomicUsize,
    max_waiting: usize,
}

/// One place on the wait list, given back when dropped.
struct Waiting<'a>(&'a AtomicUsize);

impl Drop for Waiting<'_> {
    fn drop(&mut self) {
        self.0.fetch_sub(1, Ordering::AcqRel);
    }
}

/// Why no slot was had.
pub enum NoSlot {
    /// The wait list is full.
    Full,
    /// The push's deadline passed while waiting.
    Deadline,
}

impl Limiter {
    pub fn new(workers: usize) -> Self {
        Limiter {
            slots: Semaphore::new(workers),
            waiting: AtomicUsize::new(0),
            max_waiting: (workers * 16).max(256),
        }
    }

    pub async fn acquire(&self, deadline: Instant) -> Result<SemaphorePermit<'_>, NoSlot> {
        if let Ok(p) = self.slots.try_acquire() {
            return Ok(p);
        }
        if self.waiting.fetch_add(1, Ordering::AcqRel) >= self.max_waiting {
            self.waiting.fetch_sub(1, Ordering::AcqRel);
            return Err(NoSlot::Full);
        }
        // Left by a drop guard, not after the await: a push whose client went away is dropped
        // mid-wait, and a counter that only went up would end in 503s for ever.
        let _waiting = Waiting(&self.waiting);
        let got = tokio::time::timeout_at(deadline.into(), self.slots.acquire()).await;
        match got {
            Ok(Ok(p)) => Ok(p),
            _ => Err(NoSlot::Deadline),
        }
    }
}

#[cfg(test)]
mod tests {
    use std::time::Duration;

    use super::*;

    /// Waiters that are cancelled (the client went away) leave the wait list.
    #[tokio::test]
    async fn cancelled_waiters_leave_the_wait_list() {
        let l = Limiter::new(1);
        let _held = l.acquire(Instant::now()).await.ok().unwrap();
        for _ in 0..(l.max_waiting * 2) {
            let wait = l.acquire(Instant::now() + Duration::from_secs(60));
            // Polled once (it joins the wait list), then dropped.
            let _ = tokio::time::timeout(Duration::from_millis(1), wait).await;
        }
        assert_eq!(l.waiting.load(Ordering::Acquire), 0);
    }
}
