//! The WeChat callback: the GET echostr handshake and POST pushes in plaintext, compatible and
//! safe mode. Verifies, decrypts, forwards (or echoes), and answers within the deadline.

use std::sync::Arc;
use std::time::{Duration, Instant};

use bytes::Buf;
use futures_util::Stream;
use serde_json::{Map, Value};
use warp::http::HeaderValue;
use warp::reply::Response;

use super::body;
use super::cluster::{Claimed, Joined, Pair};
use super::delivery::{self, Call, Called, Outcome, SpoolState, TryEnd};
use super::error::{Error, with_type};
use super::state::{KeyMatch, ServiceState, State};
use crate::state::{Claim, NewEntry, Seen};
use crate::untrusted::{clean, excerpt};
use crate::wechat::envelope::{self, Envelope, Keys, Mode};
use crate::wechat::query::Query;
use crate::wechat::{Push, Reply, signature};
use crate::{backend, clock, echo, random};

fn required<'a>(v: &'a Option<String>, name: &'static str) -> Result<&'a str, Error> {
    v.as_deref()
        .filter(|s| !s.is_empty())
        .ok_or(Error::MissingParam(name))
}

/// The signature's timestamp, checked against `timeout`'s window either side of now
/// (go-wx-gateway accepted any future timestamp, and with `timeout` 0 any at all). Returns the
/// timestamp when the window applies.
fn check_fresh(svc: &ServiceState, timestamp: &str) -> Result<Option<i64>, Error> {
    let Some(window) = svc.cfg.max_signature_age else {
        return Ok(None);
    };
    let ts: i64 = timestamp
        .trim()
        .parse()
        .map_err(|_| Error::Expired { skew: None })?;
    let skew = clock::unix_now().saturating_sub(ts);
    if skew.unsigned_abs() > window.as_secs() {
        return Err(Error::Expired { skew: Some(skew) });
    }
    Ok(Some(ts))
}

/// The replay cache's verdict on the (timestamp, nonce) pair carrying `message`: a retry or
/// a first sight goes on; a replay or a forgery is refused. With `redis`, a pair this instance
/// has not refused is checked in the shared cache too: at once (`defer` false), or, for a push,
/// returned to be checked with the push's claim in one round trip ([`answer`]).
async fn check_replay(
    state: &State,
    svc: &ServiceState,
    ts: Option<i64>,
    nonce: &str,
    message: &[u8],
    defer: bool,
) -> Result<Option<Pair>, Error> {
    let (Some(ts), Some(window)) = (ts, svc.cfg.max_signature_age) else {
        return Ok(None);
    };
    let cache = &state.shared.replay;
    let digest = cache.digest(message);
    let now = clock::unix_now();
    let local = cache.check(&svc.cfg.name, (ts, nonce), digest, window, now);
    if local == Seen::Untracked
        && let Some(skipped) = state.shared.replay_full.ready()
    {
        tracing::warn!(
            capacity = state.shared.replay_capacity,
            untracked_total = cache.full_count(),
            skipped,
            "replay cache full: pushes are served without replay protection (raise replay-cache-capacity)"
        );
    }
    refuse_replay(Some(local))?;
    let Some(cluster) = &state.shared.cluster else {
        return Ok(None);
    };
    if local == Seen::Retry {
        // This instance saw the pair first: it is in the shared cache already.
        return Ok(None);
    }
    let pair = cluster.pair(&svc.cfg.name, (ts, nonce), message, window, now);
    if defer {
        return Ok(Some(pair));
    }
    // Redis down: this instance's word.
    refuse_replay(cluster.replay(&pair).await)?;
    Ok(None)
}

/// A replay or a forgery is refused; anything else (or no verdict) goes on.
fn refuse_replay(seen: Option<Seen>) -> Result<(), Error> {
    match seen {
        Some(Seen::Replay) => Err(Error::Replay),
        Some(Seen::Forgery) => Err(Error::Forgery),
        _ => Ok(()),
    }
}

/// The secrets that verified and opened a push: its reply is signed and sealed with the same
/// ones, so that a sender still on the old pair can read it.
#[derive(Debug, Clone, Copy)]
struct Matched {
    token: KeyMatch,
    aes_key: KeyMatch,
}

impl Matched {
    /// `previous` when either old secret was needed: a rotation is over when no push needs one.
    fn key(self) -> KeyMatch {
        if self.token == KeyMatch::Previous || self.aes_key == KeyMatch::Previous {
            KeyMatch::Previous
        } else {
            KeyMatch::Current
        }
    }
}

/// The token `matched` names (`previous-token` is only ever matched when it is set).
fn token(svc: &ServiceState, matched: KeyMatch) -> &str {
    match (matched, &svc.cfg.previous_token) {
        (KeyMatch::Previous, Some(previous)) => previous.expose(),
        _ => svc.cfg.token.expose(),
    }
}

/// The tokens a signature may be made with: the current one, then (during a rotation) the
/// previous one. The previous one costs nothing until the current one failed.
fn tokens(svc: &ServiceState) -> impl Iterator<Item = (KeyMatch, &str)> {
    let current = std::iter::once((KeyMatch::Current, svc.cfg.token.expose()));
    let previous = svc
        .cfg
        .previous_token
        .as_ref()
        .map(|t| (KeyMatch::Previous, t.expose()));
    current.chain(previous)
}

/// `signature` (token, timestamp, nonce), in constant time; which token made it.
fn check_plain_signature(
    svc: &ServiceState,
    ts: &str,
    nonce: &str,
    sig: &str,
) -> Result<KeyMatch, Error> {
    tokens(svc)
        .find(|(_, token)| signature::matches(&signature::plain(token, ts, nonce), sig))
        .map(|(matched, _)| matched)
        .ok_or(Error::BadSignature)
}

/// `msg_signature`, with the token of `signature` when there was one (a push is verified with
/// one token throughout), else with whichever token made it.
fn check_msg_signature(
    svc: &ServiceState,
    envelope: &Envelope,
    by: Option<KeyMatch>,
    (ts, nonce, msg_sig): (&str, &str, &str),
) -> Result<KeyMatch, Error> {
    let verifies = |token: &str| envelope.verify(token, ts, nonce, msg_sig).is_ok();
    match by {
        Some(matched) if verifies(token(svc, matched)) => Ok(matched),
        Some(_) => Err(Error::BadSignature),
        None => tokens(svc)
            .find(|(_, token)| verifies(token))
            .map(|(matched, _)| matched)
            .ok_or(Error::BadSignature),
    }
}

/// Decrypts with `aes-key`, then (during a rotation, only when that failed) with
/// `previous-aes-key`; the frame's AppID is checked either way. A failure is the current key's.
fn decrypt(svc: &ServiceState, envelope: &Envelope) -> Result<(String, KeyMatch), Error> {
    let cfg = &svc.cfg;
    let key = cfg.aes_key.as_ref().ok_or(Error::NoAesKey)?;
    match envelope.decrypt(key, &cfg.app_id) {
        Ok(text) => Ok((text, KeyMatch::Current)),
        Err(e) => match &cfg.previous_aes_key {
            Some(previous) => envelope
                .decrypt(previous, &cfg.app_id)
                .map(|text| (text, KeyMatch::Previous))
                .map_err(|_| e.into()),
            None => Err(e.into()),
        },
    }
}

/// Says which secrets verified the request (`x-wx-gateway-key`), beside its outcome.
fn key_labelled(matched: KeyMatch, mut res: Response) -> Response {
    res.headers_mut().insert(
        "x-wx-gateway-key",
        HeaderValue::from_static(matched.as_str()),
    );
    res
}

/// GET {service-path}?signature=…&timestamp=…&nonce=…&echostr=…
pub async fn verify(state: &State, svc: &ServiceState, q: &Query) -> Result<Response, Error> {
    let sig = required(&q.signature, "signature")?;
    let ts = required(&q.timestamp, "timestamp")?;
    let nonce = required(&q.nonce, "nonce")?;
    let matched = check_plain_signature(svc, ts, nonce, sig)?;
    let checked_ts = check_fresh(svc, ts)?;
    let echostr = q.echostr.as_deref().ok_or(Error::MissingParam("echostr"))?;
    // The handshake's pair is recorded too: its signature cannot then sign a forged push.
    let mut message = b"GET\0".to_vec();
    message.extend_from_slice(echostr.as_bytes());
    check_replay(state, svc, checked_ts, nonce, &message, false).await?;
    let mut res = text_response(echostr.to_owned());
    // The handshake echoes a parameter: a browser must never take it for anything but text.
    res.headers_mut().insert(
        warp::http::header::X_CONTENT_TYPE_OPTIONS,
        warp::http::HeaderValue::from_static("nosniff"),
    );
    svc.count_key(matched);
    state
        .shared
        .metrics
        .key_matched(&svc.metrics, matched.as_str());
    Ok(key_labelled(matched, res))
}

fn text_response(body: String) -> Response {
    with_type(body, "text/plain; charset=utf-8")
}

/// Checks the signatures, the timestamp window and the replay cache, reads and decrypts the
/// body, and parses the push. Whatever can be checked before the body is read is.
async fn receive<S, B>(
    state: &State,
    svc: &ServiceState,
    q: &Query,
    content_length: Option<u64>,
    body: S,
) -> Result<(Push, Mode, Matched, Option<Pair>), Error>
where
    S: Stream<Item = Result<B, warp::Error>>,
    B: Buf,
{
    let cfg = &svc.cfg;
    let ts = required(&q.timestamp, "timestamp")?;
    let nonce = required(&q.nonce, "nonce")?;
    let encrypted = match q.encrypt_type.as_deref() {
        None | Some("") | Some("raw") => false,
        Some(t) if t.eq_ignore_ascii_case("aes") => true,
        Some(other) => return Err(Error::UnsupportedEncryptType(excerpt(other))),
    };
    if !encrypted {
        if cfg.require_encryption {
            return Err(Error::EncryptionRequired);
        }
        // The signature is checked before the body is read: unsigned traffic costs nothing.
        let token = check_plain_signature(svc, ts, nonce, required(&q.signature, "signature")?)?;
        let checked_ts = check_fresh(svc, ts)?;
        let body = read(state, svc, content_length, body).await?;
        let text = body_text(&body)?;
        let pair = check_replay(state, svc, checked_ts, nonce, text.as_bytes(), true).await?;
        let push = Push::parse(text)?;
        let matched = Matched {
            token,
            aes_key: KeyMatch::Current,
        };
        svc.count_key(matched.key());
        state
            .shared
            .metrics
            .key_matched(&svc.metrics, matched.key().as_str());
        return Ok((push, Mode::Plain, matched, pair));
    }

    if cfg.aes_key.is_none() {
        return Err(Error::NoAesKey);
    }
    // WeChat sends `signature` in safe and compatible mode too: checked before the body is
    // read, and a bad one refused even beside a good msg_signature (a broken or hostile sender).
    // The token it was made with must make msg_signature too: one push, one token.
    let by = match q.signature.as_deref() {
        Some(sig) => Some(check_plain_signature(svc, ts, nonce, sig)?),
        None => None,
    };
    let msg_sig = required(&q.msg_signature, "msg_signature")?;
    let body = read(state, svc, content_length, body).await?;
    let envelope = Envelope::parse(body_text(&body)?)?;
    let token = check_msg_signature(svc, &envelope, by, (ts, nonce, msg_sig))?;
    let checked_ts = check_fresh(svc, ts)?;
    // What was decrypted is compared, not the ciphertext: WeChat may re-encrypt a retry. In
    // compatible mode the plaintext copy beside `Encrypt` is ignored: only what was signed and
    // encrypted is forwarded.
    let (text, aes_key) = decrypt(svc, &envelope)?;
    let pair = check_replay(state, svc, checked_ts, nonce, text.as_bytes(), true).await?;
    let mode = if envelope.compat {
        Mode::Compat
    } else {
        Mode::Safe
    };
    let push = Push::parse(&text)?;
    let matched = Matched { token, aes_key };
    svc.count_key(matched.key());
    state
        .shared
        .metrics
        .key_matched(&svc.metrics, matched.key().as_str());
    Ok((push, mode, matched, pair))
}

/// The body of a push, bounded by the service's `max-body-bytes` and the body timeout.
async fn read<S, B>(
    state: &State,
    svc: &ServiceState,
    content_length: Option<u64>,
    body: S,
) -> Result<Vec<u8>, Error>
where
    S: Stream<Item = Result<B, warp::Error>>,
    B: Buf,
{
    let limit = svc.cfg.max_body_bytes;
    body::read(body, content_length, limit, state.shared.timeouts.body).await
}

fn body_text(body: &[u8]) -> Result<&str, Error> {
    if body.iter().all(u8::is_ascii_whitespace) {
        return Err(Error::EmptyBody);
    }
    std::str::from_utf8(body).map_err(|_| Error::NotUtf8)
}

/// What became of a push: the reply, and what to log about how it was obtained.
struct Answer {
    reply: Arc<Reply>,
    outcome: &'static str,
    backend_status: Option<u16>,
    detail: Option<String>,
}

impl Answer {
    fn new(reply: Reply, outcome: &'static str) -> Self {
        Answer {
            reply: Arc::new(reply),
            outcome,
            backend_status: None,
            detail: None,
        }
    }
}

/// POST {service-path}?signature=…&timestamp=…&nonce=…[&encrypt_type=aes&msg_signature=…]
pub async fn push<S, B>(
    state: &State,
    svc: &Arc<ServiceState>,
    q: Query,
    content_length: Option<u64>,
    body: S,
) -> Response
where
    S: Stream<Item = Result<B, warp::Error>>,
    B: Buf,
{
    let started = Instant::now();
    let deadline = started + svc.cfg.backend_timeout;
    let request_id = state.next_request_id();
    let (push, mode, matched, pair) = match receive(state, svc, &q, content_length, body).await {
        Ok(ok) => ok,
        Err(e) => {
            tracing::warn!(
                service = %svc.cfg.name,
                outcome = e.outcome(),
                status = e.status().as_u16(),
                reason = %e,
                skew_s = e.skew(),
                latency_ms = started.elapsed().as_millis() as u64,
                request_id = %request_id,
                "push refused"
            );
            let m = &state.shared.metrics;
            m.push(&svc.metrics, "unknown", e.outcome(), started.elapsed());
            m.rejected(&svc.metrics, e.outcome());
            return labelled(e.outcome(), &request_id, e.into_response());
        }
    };
    // Boxed: the delivery state machine is large, and the handler future is moved by warp.
    let answer = Box::pin(answer(
        state,
        svc,
        &push,
        pair,
        &request_id,
        started,
        deadline,
    ));
    let answer = match answer.await {
        Ok(a) => a,
        Err(e) => {
            tracing::warn!(
                service = %svc.cfg.name,
                mode = mode.as_str(),
                key = matched.key().as_str(),
                kind = %clean(push.kind()),
                outcome = e.outcome(),
                status = e.status().as_u16(),
                latency_ms = started.elapsed().as_millis() as u64,
                request_id = %request_id,
                "push not forwarded"
            );
            let kind = crate::metrics::kind_label(push.kind());
            let took = started.elapsed();
            let m = &state.shared.metrics;
            m.push(&svc.metrics, kind, e.outcome(), took);
            if matches!(e, Error::Replay | Error::Forgery) {
                // Refused by the replay cache the instances share.
                m.rejected(&svc.metrics, e.outcome());
            }
            let res = labelled(e.outcome(), &request_id, e.into_response());
            return key_labelled(matched.key(), res);
        }
    };
    let res = render(svc, mode, matched, &push, &answer.reply);
    tracing::info!(
        service = %svc.cfg.name,
        mode = mode.as_str(),
        key = matched.key().as_str(),
        kind = %clean(push.kind()),
        outcome = answer.outcome,
        reply = answer.reply.msg_type(),
        backend_status = answer.backend_status,
        error = answer.detail.as_deref(),
        latency_ms = started.elapsed().as_millis() as u64,
        request_id = %request_id,
        "push"
    );
    let kind = crate::metrics::kind_label(push.kind());
    let took = started.elapsed();
    state
        .shared
        .metrics
        .push(&svc.metrics, kind, answer.outcome, took);
    key_labelled(matched.key(), labelled(answer.outcome, &request_id, res))
}

/// Says on the answer what became of the push, for `simulate` and anyone debugging: WeChat
/// ignores extra headers, and a backend failure answered `success` would otherwise look like
/// a success. The outcome is the log line's; the id finds that line.
fn labelled(outcome: &'static str, request_id: &str, mut res: Response) -> Response {
    let headers = res.headers_mut();
    headers.insert("x-wx-gateway-outcome", HeaderValue::from_static(outcome));
    if let Ok(id) = HeaderValue::from_str(request_id) {
        headers.insert("x-request-id", id);
    }
    res
}

/// The longest a push waits for cgi-bin/user/info (`append-userinfo`).
const USER_INFO_BUDGET: Duration = Duration::from_millis(1500);

/// The `userInfo` (or `userInfoError`) of `append-userinfo`, waiting at most a third of the
/// remaining budget: the backend call keeps the rest.
async fn user_info(
    state: &State,
    svc: &ServiceState,
    push: &Push,
    deadline: Instant,
) -> Result<Value, String> {
    let Some(broker) = state.shared.snapshot().brokers.get(&svc.cfg.name).cloned() else {
        return Err("no broker for this service".into());
    };
    let wait = (deadline.saturating_duration_since(Instant::now()) / 3).min(USER_INFO_BUDGET);
    match tokio::time::timeout(wait, broker.user_info(push.from_user())).await {
        Ok(Ok(v)) => Ok(v),
        Ok(Err(e)) => Err(e.to_string()),
        Err(_) => Err(format!(
            "user/info did not answer within {} ms",
            wait.as_millis()
        )),
    }
}

async fn answer(
    state: &State,
    svc: &Arc<ServiceState>,
    push: &Push,
    pair: Option<Pair>,
    request_id: &str,
    arrival: Instant,
    deadline: Instant,
) -> Result<Answer, Error> {
    let cluster = state.shared.cluster.as_ref();
    if svc.cfg.msg_proxy_pass.is_none() {
        if let (Some(cluster), Some(pair)) = (cluster, &pair) {
            refuse_replay(cluster.replay(pair).await)?;
        }
        return Ok(Answer::new(echo::reply(push), "echo"));
    }
    let retry_key = push.retry_key();
    let key = format!("{}\u{0}{}", svc.cfg.name, retry_key);
    // A retry: whether the first try's call had already ended (for wxgw_retries_total).
    let mut settled_before = false;
    let (outcome, first, is_first, tracked) = match state.shared.dedupe.claim(&key) {
        Claim::Retry(slot) => {
            settled_before = slot.has_result();
            (slot, None, false, true)
        }
        Claim::First(first) => (Arc::clone(first.slot()), Some(first), true, true),
        Claim::Untracked => {
            let dedupe = &state.shared.dedupe;
            if let Some(skipped) = state.shared.dedupe_full.ready() {
                tracing::warn!(
                    capacity = state.shared.dedupe_capacity,
                    untracked_total = dedupe.full_count(),
                    skipped,
                    "retry table full: WeChat's retries of these pushes may reach the backend again (raise dedupe-capacity)"
                );
            }
            (Arc::new(Outcome::default()), None, true, false)
        }
    };
    let id = delivery::delivery_id(&svc.cfg.name, &retry_key);
    // This instance holds the cluster's claim of the push's backend call.
    let mut claimed = false;
    if let Some(cluster) = cluster {
        if first.is_some() {
            // The shared replay check and the claim of the backend call, in one round trip.
            // (Refused or taken elsewhere: dropping the local claim forgets the key here.)
            let now = clock::unix_millis();
            let (seen, claim) = cluster.admit(&svc.cfg.name, pair.as_ref(), &id, now).await;
            refuse_replay(seen)?;
            claimed = match claim {
                Claimed::First => true,
                Claimed::Unknown => false,
                Claimed::Elsewhere { first_seen } => {
                    // Another instance calls the backend: this try waits for its result, or
                    // takes the push over if that instance's claim lapses (it died).
                    match cluster.join(&svc.cfg.name, &id, deadline).await {
                        Joined::TookOver => true,
                        joined => {
                            drop(first);
                            return joined_elsewhere(state, svc, joined, first_seen);
                        }
                    }
                }
            };
        } else if let Some(pair) = &pair {
            refuse_replay(cluster.replay(pair).await)?;
        }
    }
    let mut call = if is_first {
        let mut json: Map<String, Value> = backend::push_json(push);
        if svc.cfg.append_userinfo {
            backend::add_user_info(&mut json, user_info(state, svc, push, deadline).await);
        }
        let record = NewEntry {
            id,
            service: svc.cfg.name.clone(),
            route: push.route(),
            body: backend::request_body(&json),
            request_id: request_id.to_owned(),
            open_id: push.from_user().to_owned(),
            create_time: push.text("CreateTime").and_then(|t| t.trim().parse().ok()),
            first_seen: clock::unix_millis(),
            attempts: 0,
            next_at: 0,
            last_error: None,
            failing_since: None,
            history: Vec::new(),
        };
        let call = Call {
            shared: Arc::clone(&state.shared),
            client: state.client.clone(),
            svc: Arc::clone(svc),
            outcome: Arc::clone(&outcome),
            first,
            try_deadline: deadline,
            claimed,
        };
        Some(call.start(record))
    } else {
        None
    };
    let waiting = delivery::run_try(&state.shared, svc, &outcome, tracked, arrival, deadline);
    let end = match call.as_mut() {
        Some(call) => call.drive_while(waiting).await,
        None => waiting.await,
    };
    // A call still running goes on in a task of its own.
    drop(call);
    if !is_first {
        let result = match &end {
            TryEnd::Reply(..) if settled_before => "cached",
            TryEnd::Reply(..) => "joined",
            _ => "pending",
        };
        state.shared.metrics.retry(&svc.metrics, result);
    }
    let (called, spooled) = match end {
        TryEnd::Reply(reply, backend_status) => {
            let outcome = if is_first {
                "forwarded"
            } else {
                "retry-deduplicated"
            };
            return Ok(Answer {
                reply,
                outcome,
                backend_status,
                detail: None,
            });
        }
        TryEnd::Held => return Err(Error::Held),
        TryEnd::Busy => return Err(Error::Overloaded),
        TryEnd::Success { called, spooled } => (called, spooled),
    };
    let mut answer = Answer::new(Reply::Success, "backend-error");
    answer.detail = Some(match &called {
        None => "no answer within the budget".to_owned(),
        Some(Called::Refused(f)) => {
            answer.backend_status = f.status;
            format!("{}; moved to the dead letters", called_error(&called))
        }
        Some(c) => c.error(),
    });
    answer.outcome = match spooled {
        SpoolState::Durable => "spooled",
        SpoolState::Failed(e) => {
            answer.detail = Some(format!(
                "{}; spool write failed: {e}",
                answer.detail.unwrap_or_default()
            ));
            "spool-failed"
        }
        SpoolState::None if !is_first && called.is_none() => "retry-while-pending",
        SpoolState::None => "backend-error",
    };
    Ok(answer)
}

/// A try of a push another instance is calling the backend for: answered with the result that
/// instance published, if it came within this try's budget; else as a try whose call is still
/// running (held for WeChat's next try with `hold-for-retries`, unless this is the last).
fn joined_elsewhere(
    state: &State,
    svc: &ServiceState,
    joined: Joined,
    first_seen: i64,
) -> Result<Answer, Error> {
    let m = &state.shared.metrics;
    if let Joined::Published(p) = joined {
        m.retry(&svc.metrics, "joined");
        return Ok(Answer {
            reply: Arc::new(p.reply.unwrap_or(Reply::Success)),
            outcome: "retry-deduplicated",
            backend_status: p.status,
            detail: None,
        });
    }
    m.retry(&svc.metrics, "pending");
    let since_first =
        Duration::from_millis(clock::unix_millis().saturating_sub(first_seen).max(0) as u64);
    if !delivery::is_last_try(&svc.cfg, 1, since_first) {
        return Err(Error::Held);
    }
    let mut answer = Answer::new(Reply::Success, "retry-while-pending");
    answer.detail = Some("another instance is calling the backend".to_owned());
    Ok(answer)
}

/// The HTTP answer to WeChat: `success`, the reply XML, or its encrypted envelope, signed and
/// sealed with the token and key that verified and opened the push.
fn called_error(called: &Option<Called>) -> String {
    called.as_ref().map(Called::error).unwrap_or_default()
}

fn render(
    svc: &ServiceState,
    mode: Mode,
    matched: Matched,
    push: &Push,
    reply: &Reply,
) -> Response {
    let now = clock::unix_now();
    let Some(xml_text) = reply.to_xml(push.from_user(), push.to_user(), now) else {
        return text_response("success".to_owned());
    };
    let aes_key = match matched.aes_key {
        KeyMatch::Current => svc.cfg.aes_key.as_ref(),
        KeyMatch::Previous => svc.cfg.previous_aes_key.as_ref(),
    };
    let keys = Keys {
        token: token(svc, matched.token),
        aes_key,
        app_id: &svc.cfg.app_id,
    };
    let body = envelope::seal_reply(keys, mode, xml_text, &random::stamp(now));
    with_type(body, "application/xml; charset=utf-8")
}
