//! The WeChat callback: the GET echostr handshake and POST pushes in plaintext, compatible and
//! safe mode. Verifies, decrypts, forwards (or echoes), and answers within the deadline.

use std::sync::Arc;
use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};

use bytes::Buf;
use futures_util::{Stream, StreamExt};
use warp::http::{HeaderValue, header};
use warp::reply::{Reply as _, Response};

use super::dedupe::{Claim, Dedupe};
use super::error::Error;
use super::forward::NoSlot;
use super::{ServiceState, State};
use crate::echo;
use crate::wechat::{self, Push, Reply, signature, xml};

/// The whole body must arrive within this; slow senders are cut off (slowloris).
const BODY_TIMEOUT: Duration = Duration::from_secs(10);

/// The query parameters WeChat sends.
#[derive(Debug, Default)]
pub struct Query {
    pub signature: Option<String>,
    pub timestamp: Option<String>,
    pub nonce: Option<String>,
    pub echostr: Option<String>,
    pub encrypt_type: Option<String>,
    pub msg_signature: Option<String>,
}

impl Query {
    pub fn parse(raw: &str) -> Query {
        let mut q = Query::default();
        for (k, v) in form_urlencoded::parse(raw.as_bytes()) {
            let slot = match &*k {
                "signature" => &mut q.signature,
                "timestamp" => &mut q.timestamp,
                "nonce" => &mut q.nonce,
                "echostr" => &mut q.echostr,
                "encrypt_type" => &mut q.encrypt_type,
                "msg_signature" => &mut q.msg_signature,
                _ => continue,
            };
            if slot.is_none() {
                *slot = Some(v.into_owned());
            }
        }
        q
    }
}

fn required<'a>(v: &'a Option<String>, name: &'static str) -> Result<&'a str, Error> {
    v.as_deref()
        .filter(|s| !s.is_empty())
        .ok_or(Error::MissingParam(name))
}

fn unix_now() -> i64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map(|d| d.as_secs() as i64)
        .unwrap_or(0)
}

/// `timeout` in the config: the signature's timestamp must be within that many seconds of now
/// (either side: go-wx-gateway accepted any future timestamp).
fn check_fresh(svc: &ServiceState, timestamp: &str) -> Result<(), Error> {
    let Some(max) = svc.cfg.max_signature_age else {
        return Ok(());
    };
    let ts: i64 = timestamp.trim().parse().map_err(|_| Error::Expired)?;
    if (unix_now() - ts).unsigned_abs() > max.as_secs() {
        return Err(Error::Expired);
    }
    Ok(())
}

/// GET {service-path}?signature=…&timestamp=…&nonce=…&echostr=…
pub fn verify(svc: &ServiceState, q: &Query) -> Result<Response, Error> {
    let sig = required(&q.signature, "signature")?;
    let ts = required(&q.timestamp, "timestamp")?;
    let nonce = required(&q.nonce, "nonce")?;
    let expected = signature::plain(svc.cfg.token.expose(), ts, nonce);
    if !signature::matches(&expected, sig) {
        return Err(Error::BadSignature);
    }
    check_fresh(svc, ts)?;
    let echostr = q.echostr.as_deref().ok_or(Error::MissingParam("echostr"))?;
    Ok(text_response(echostr.to_owned()))
}

fn text_response(body: String) -> Response {
    let mut res = body.into_response();
    res.headers_mut().insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("text/plain; charset=utf-8"),
    );
    res
}

/// How the push arrived; the reply goes back the same way.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Mode {
    Plain,
    Compat,
    Safe,
}

impl Mode {
    fn as_str(self) -> &'static str {
        match self {
            Mode::Plain => "plain",
            Mode::Compat => "compat",
            Mode::Safe => "safe",
        }
    }
}

/// Reads the body, at most `limit` bytes and within [`BODY_TIMEOUT`].
pub(crate) async fn read_body<S, B>(
    body: S,
    declared: Option<u64>,
    limit: usize,
) -> Result<Vec<u8>, Error>
where
    S: Stream<Item = Result<B, warp::Error>>,
    B: Buf,
{
    if declared.is_some_and(|n| n > limit as u64) {
        return Err(Error::TooLarge(limit));
    }
    let collect = async {
        let mut body = std::pin::pin!(body);
        let mut out = Vec::with_capacity(declared.unwrap_or(0) as usize);
        while let Some(chunk) = body.next().await {
            let mut chunk = chunk.map_err(|_| Error::BodyRead)?;
            if out.len() + chunk.remaining() > limit {
                return Err(Error::TooLarge(limit));
            }
            while chunk.has_remaining() {
                let part = chunk.chunk();
                out.extend_from_slice(part);
                let n = part.len();
                chunk.advance(n);
            }
        }
        Ok(out)
    };
    tokio::time::timeout(BODY_TIMEOUT, collect)
        .await
        .map_err(|_| Error::BodyTimeout)?
}

/// Checks the signature, reads and decrypts the body, and parses the push.
async fn receive<S, B>(
    svc: &ServiceState,
    q: &Query,
    content_length: Option<u64>,
    body: S,
) -> Result<(Push, Mode), Error>
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
        Some(other) => {
            return Err(Error::UnsupportedEncryptType(
                other.chars().take(32).collect(),
            ));
        }
    };
    if !encrypted {
        if cfg.require_encryption {
            return Err(Error::EncryptionRequired);
        }
        // The signature is checked before the body is read: unsigned traffic costs nothing.
        let sig = required(&q.signature, "signature")?;
        if !signature::matches(&signature::plain(cfg.token.expose(), ts, nonce), sig) {
            return Err(Error::BadSignature);
        }
        check_fresh(svc, ts)?;
        let body = read_body(body, content_length, cfg.max_body_bytes).await?;
        let text = body_text(&body)?;
        return Ok((Push::parse(text)?, Mode::Plain));
    }

    let key = cfg.aes_key.as_ref().ok_or(Error::NoAesKey)?;
    let msg_sig = required(&q.msg_signature, "msg_signature")?;
    let body = read_body(body, content_length, cfg.max_body_bytes).await?;
    let envelope = xml::parse(body_text(&body)?)?;
    let encrypt = envelope
        .text_of("Encrypt")
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .ok_or(wechat::Error::MissingField("Encrypt"))?;
    let expected = signature::msg(cfg.token.expose(), ts, nonce, encrypt);
    if !signature::matches(&expected, msg_sig) {
        return Err(Error::BadSignature);
    }
    check_fresh(svc, ts)?;
    let plain = key.decrypt_for(encrypt, &cfg.app_id)?;
    let text = std::str::from_utf8(&plain).map_err(|_| Error::NotUtf8)?;
    let mode = if envelope.child("MsgType").is_some() {
        Mode::Compat
    } else {
        Mode::Safe
    };
    Ok((Push::parse(text)?, mode))
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
    svc: &ServiceState,
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
    let (mut push, mode) = match receive(svc, &q, content_length, body).await {
        Ok(ok) => ok,
        Err(e) => {
            tracing::warn!(
                service = %svc.cfg.name,
                outcome = e.outcome(),
                status = e.status().as_u16(),
                reason = %e,
                latency_ms = started.elapsed().as_millis() as u64,
                request_id = %request_id,
                "push refused"
            );
            return e.into_response();
        }
    };
    if svc.cfg.append_userinfo && svc.backend.is_some() {
        append_user_info(state, svc, &mut push, deadline).await;
    }
    let answer = match answer(state, svc, &push, &request_id, deadline).await {
        Ok(a) => a,
        Err(e) => {
            tracing::warn!(
                service = %svc.cfg.name,
                mode = mode.as_str(),
                kind = push.kind(),
                outcome = e.outcome(),
                status = e.status().as_u16(),
                latency_ms = started.elapsed().as_millis() as u64,
                request_id = %request_id,
                "push not forwarded"
            );
            return e.into_response();
        }
    };
    let res = render(svc, mode, &push, &answer.reply);
    tracing::info!(
        service = %svc.cfg.name,
        mode = mode.as_str(),
        kind = push.kind(),
        outcome = answer.outcome,
        reply = answer.reply.msg_type(),
        backend_status = answer.backend_status,
        error = answer.detail.as_deref(),
        latency_ms = started.elapsed().as_millis() as u64,
        request_id = %request_id,
        "push"
    );
    res
}

/// The longest a push waits for cgi-bin/user/info (`append-userinfo`).
const USER_INFO_BUDGET: Duration = Duration::from_millis(1500);

/// Adds `userInfo` (or `userInfoError`) to the push, waiting at most a third of the remaining
/// budget: the backend call keeps the rest.
async fn append_user_info(state: &State, svc: &ServiceState, push: &mut Push, deadline: Instant) {
    let Some(broker) = state.shared.brokers.get(&svc.cfg.name) else {
        return;
    };
    let wait = (deadline.saturating_duration_since(Instant::now()) / 3).min(USER_INFO_BUDGET);
    let open_id = push.from_user().to_owned();
    let (info, error) = match tokio::time::timeout(wait, broker.user_info(&open_id)).await {
        Ok(Ok(v)) => (v, String::new()),
        Ok(Err(e)) => (serde_json::Value::Null, e.to_string()),
        Err(_) => (
            serde_json::Value::Null,
            format!("user/info did not answer within {} ms", wait.as_millis()),
        ),
    };
    push.json.insert("userInfo".into(), info);
    push.json
        .insert("userInfoError".into(), serde_json::Value::String(error));
}

async fn answer(
    state: &State,
    svc: &ServiceState,
    push: &Push,
    request_id: &str,
    deadline: Instant,
) -> Result<Answer, Error> {
    let Some(base) = svc.backend.as_ref() else {
        return Ok(Answer::new(echo::reply(push), "echo"));
    };
    let key = format!("{}\u{0}{}", svc.cfg.name, push.retry_key());
    match state.shared.dedupe.claim(&key) {
        Claim::Retry(slot) => {
            match tokio::time::timeout_at(deadline.into(), Dedupe::wait(slot)).await {
                Ok(Some(reply)) => Ok(Answer {
                    reply,
                    outcome: "retry-deduplicated",
                    backend_status: None,
                    detail: None,
                }),
                // The first attempt is still running or failed: WeChat will try again.
                _ => Ok(Answer::new(Reply::Success, "retry-while-pending")),
            }
        }
        Claim::First(first) => {
            let a = call(state, svc, base, push, request_id, deadline).await?;
            first.finish(Arc::clone(&a.reply));
            Ok(a)
        }
        Claim::Untracked => call(state, svc, base, push, request_id, deadline).await,
    }
}

async fn call(
    state: &State,
    svc: &ServiceState,
    base: &reqwest::Url,
    push: &Push,
    request_id: &str,
    deadline: Instant,
) -> Result<Answer, Error> {
    let _permit = svc.limiter.acquire(deadline).await.map_err(|e| match e {
        NoSlot::Full | NoSlot::Deadline => Error::Overloaded,
    })?;
    let (status, result) = state
        .client
        .forward(&svc.cfg, base, push, request_id, deadline)
        .await;
    Ok(match result {
        Ok(reply) => Answer {
            reply: Arc::new(reply),
            outcome: "forwarded",
            backend_status: status,
            detail: None,
        },
        Err(e) => Answer {
            reply: Arc::new(Reply::Success),
            outcome: "backend-error",
            backend_status: status,
            detail: Some(e.to_string()),
        },
    })
}

/// The HTTP answer to WeChat: `success`, the reply XML, or its encrypted envelope.
fn render(svc: &ServiceState, mode: Mode, push: &Push, reply: &Reply) -> Response {
    let now = unix_now();
    let Some(xml_text) = reply.to_xml(push.from_user(), push.to_user(), now) else {
        return text_response("success".to_owned());
    };
    let body = match (mode, svc.cfg.aes_key.as_ref()) {
        (Mode::Plain, _) | (_, None) => xml_text,
        (Mode::Compat | Mode::Safe, Some(key)) => {
            let (random, nonce) = random_and_nonce();
            let encrypt = key.encrypt(xml_text.as_bytes(), &svc.cfg.app_id, &random);
            let ts = now.to_string();
            let sig = signature::msg(svc.cfg.token.expose(), &ts, &nonce, &encrypt);
            xml::encrypted_envelope(&encrypt, &sig, now, &nonce)
        }
    };
    let mut res = body.into_response();
    res.headers_mut().insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("application/xml; charset=utf-8"),
    );
    res
}

/// 16 random bytes for the frame prefix and a 10-digit nonce, from the OS CSPRNG.
fn random_and_nonce() -> ([u8; 16], String) {
    let mut bytes = [0u8; 24];
    // The OS RNG does not fail on supported platforms; if it ever did, refuse to reply with
    // predictable bytes.
    getrandom::fill(&mut bytes).expect("the operating system's random number generator failed");
    let mut random = [0u8; 16];
    random.copy_from_slice(&bytes[..16]);
    let n = u64::from_le_bytes(bytes[16..24].try_into().unwrap_or([0; 8]));
    (random, format!("{:010}", n % 10_000_000_000))
}
