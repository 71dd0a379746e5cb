//! Forwarding a push to its backend: one pooled keep-alive client, a deadline on every call,
//! a bounded answer size, and a per-service bound on concurrent calls with a bounded wait list.

use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Instant;

use std::sync::Arc;

use tokio::sync::{OwnedSemaphorePermit, Semaphore, SemaphorePermit};

use crate::backend::{self, BackendReply, ReplyError};
use crate::config::Service;
use crate::metrics::{AttemptResult, Metrics, ServiceMetrics, Status, Trigger};
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
    #[error("backend answered HTTP {code}")]
    Status {
        code: u16,
        /// `Retry-After`, as a wait from now.
        retry_after: Option<std::time::Duration>,
        /// The first bytes of the answer (`spool show`).
        answer: Option<String>,
    },
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

    /// POSTs a push to `<msg-proxy-pass>/<route>` (attempt `attempt` of its delivery, made by
    /// `trigger`) and turns the answer into a reply. Returns the backend's HTTP status when
    /// one was received. Counted in `wxgw_backend_*` and `wxgw_delivery_attempts_total`.
    #[allow(clippy::too_many_arguments)]
    pub async fn forward(
        &self,
        service: &Service,
        metrics: &Metrics,
        handles: &ServiceMetrics,
        push: &NewEntry,
        attempt: u32,
        trigger: Trigger,
        deadline: Instant,
    ) -> (Option<u16>, Result<Reply, ForwardError>) {
        let started = Instant::now();
        let (status, result) = self.call(service, push, attempt, trigger, deadline).await;
        let label = match (status, &result) {
            (Some(code), _) => Status::Code(code),
            (None, Err(ForwardError::Timeout)) => Status::Timeout,
            (None, _) => Status::Connect,
        };
        metrics.backend(handles, label, started.elapsed());
        metrics.attempt(handles, trigger, classify(status, &result));
        (status, result)
    }

    async fn call(
        &self,
        service: &Service,
        push: &NewEntry,
        attempt: u32,
        trigger: Trigger,
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
                .header(backend::HEADER_DELIVERY_ATTEMPT, attempt)
                .header(backend::HEADER_DELIVERY_TRIGGER, trigger.as_str())
                .header(
                    backend::HEADER_RECEIVED_AT,
                    crate::clock::rfc3339_millis(push.first_seen),
                )
                .header(
                    backend::HEADER_REPLY_PATH,
                    reply_path(service, push, trigger),
                );
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
            let retry_after = res
                .headers()
                .get(reqwest::header::RETRY_AFTER)
                .and_then(|v| v.to_str().ok())
                .and_then(|v| retry_after(v, std::time::SystemTime::now()));
            let body = upstream::read_bounded(res, MAX_BACKEND_ANSWER)
                .await
                .map_err(|e| match e {
                    ReadError::TooLarge(_) => ForwardError::TooLarge,
                    ReadError::Transport(t) => ForwardError::Connect(t),
                });
            Ok::<_, ForwardError>((status, retry_after, body))
        };
        match tokio::time::timeout(remaining, call).await {
            Err(_) => (None, Err(ForwardError::Timeout)),
            Ok(Err(e)) => (None, Err(e)),
            Ok(Ok((status, retry_after, body))) => {
                let result = if !(200..300).contains(&status) {
                    // What the answer said, whatever its size (an oversized one is cut).
                    let answer = body.ok().map(|b| excerpt(&b));
                    Err(ForwardError::Status {
                        code: status,
                        retry_after,
                        answer,
                    })
                } else {
                    body.and_then(|b| Ok(BackendReply::parse(&b)?.into_reply()?))
                };
                (Some(status), result)
            }
        }
    }
}

/// The result class of an attempt (`wxgw_delivery_attempts_total{result}`).
pub fn classify(status: Option<u16>, result: &Result<Reply, ForwardError>) -> AttemptResult {
    match (status, result) {
        (Some(s), _) if (200..300).contains(&s) => AttemptResult::Ok,
        (Some(429), _) => AttemptResult::Http429,
        (Some(s), _) if (300..400).contains(&s) => AttemptResult::Redirect,
        (Some(s), _) if (400..500).contains(&s) => AttemptResult::Http4xx,
        (Some(_), _) => AttemptResult::Http5xx,
        (None, Err(ForwardError::Timeout)) => AttemptResult::Timeout,
        (None, Ok(_)) => AttemptResult::Ok,
        (None, Err(_)) => AttemptResult::Refused,
    }
}

/// The first [`ANSWER_EXCERPT`](crate::state::spool::ANSWER_EXCERPT) bytes of an answer, as
/// text (cut at a character boundary; invalid UTF-8 replaced).
pub fn excerpt(body: &[u8]) -> String {
    let cut = &body[..body.len().min(crate::state::spool::ANSWER_EXCERPT)];
    let mut text = String::from_utf8_lossy(cut).into_owned();
    if body.len() > cut.len() {
        // The last character may be a cut one, shown as U+FFFD: fine for an excerpt.
        text.push('…');
    }
    text
}

/// `Retry-After` (RFC 9110 §10.2.3): delay-seconds or an HTTP date, as a wait from `now`. A
/// date in the past is no wait; anything else that does not parse is ignored.
pub fn retry_after(value: &str, now: std::time::SystemTime) -> Option<std::time::Duration> {
    let value = value.trim();
    if !value.is_empty() && value.bytes().all(|b| b.is_ascii_digit()) {
        // Absurdly long values saturate (the schedule caps the wait at spool.max-age).
        return Some(std::time::Duration::from_secs(
            value.parse::<u64>().unwrap_or(u64::MAX / 2),
        ));
    }
    let at = httpdate::parse_http_date(value).ok()?;
    Some(at.duration_since(now).unwrap_or_default())
}

/// `X-Wx-Reply-Path`: whether a reply to this attempt can still reach the user.
fn reply_path(service: &Service, push: &NewEntry, trigger: Trigger) -> &'static str {
    if trigger == Trigger::Live {
        return "passive";
    }
    if super::delivery::late_reply_possible(service, push) {
        "custom-message"
    } else {
        "none"
    }
}

/// At most `workerNum` backend calls per service at once, and a bounded list of pushes
/// waiting for a slot; past that the gateway answers 503 so WeChat retries later.
pub struct Limiter {
    slots: Arc<Semaphore>,
    workers: usize,
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
            slots: Arc::new(Semaphore::new(workers)),
            workers,
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

    /// A slot for a redelivery, only when live pushes leave one: none waits for a slot, and
    /// a quarter of the slots stay free for them.
    pub fn spare(&self) -> Option<OwnedSemaphorePermit> {
        let reserve = self.workers / 4;
        if self.waiting.load(Ordering::Acquire) > 0 || self.slots.available_permits() <= reserve {
            return None;
        }
        Arc::clone(&self.slots).try_acquire_owned().ok()
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
