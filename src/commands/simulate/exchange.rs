//! One exchange with the gateway: the request crafted and sent, the answer verified, decrypted
//! and held against the `--expect-*` checks, then shown as text or JSON. Every verdict is a
//! [`Problem`] with a kind and a hint; the command reports the first one, once.

use std::time::{Duration, Instant};

use serde_json::{Value, json};

use super::Session;
use super::account::Account;
use super::catalogue::Built;
use crate::cli::Mode;
use crate::commands::Problem;
use crate::outln;
use crate::ui::Ui;
use crate::wechat;
use crate::wechat::envelope::{self, Envelope, Keys};
use crate::wechat::reply::{ReplyView, inspect};
use crate::wechat::{signature, xml};
use crate::{clock, random, untrusted, upstream};

/// WeChat gives up on a push after this.
pub(super) const WECHAT_BUDGET: Duration = Duration::from_secs(5);

/// The gateway's headers on every push answer (src/gateway/push.rs).
const REQUEST_ID: &str = "x-request-id";
const OUTCOME: &str = "x-wx-gateway-outcome";

/// One signed request, ready to send, and what its answer must mirror.
pub(super) struct Crafted {
    pub method: &'static str,
    /// The full URL, signed query included.
    pub url: String,
    /// The body of a push; `None` for the GET handshake.
    pub body: Option<String>,
    /// The handshake's echostr, which must come back exactly.
    pub echostr: Option<String>,
    /// FromUserName and ToUserName of the push: the reply goes `to` → `from`.
    pub from: String,
    pub to: String,
}

impl Crafted {
    /// `{"method","url","headers","body"}`: the request of `--json` and `--json --dry-run`.
    pub fn json(&self) -> Value {
        let headers = if self.body.is_some() {
            json!({"Content-Type": "text/xml"})
        } else {
            json!({})
        };
        json!({"method": self.method, "url": self.url, "headers": headers, "body": self.body})
    }

    /// The request as a curl command line.
    pub fn curl(&self) -> String {
        match &self.body {
            Some(body) => format!(
                "curl -sS -X POST {} -H 'Content-Type: text/xml' --data-binary {}",
                shell_quote(&self.url),
                shell_quote(body)
            ),
            None => format!("curl -sS {}", shell_quote(&self.url)),
        }
    }
}

fn keys(acct: &Account) -> Keys<'_> {
    Keys {
        token: acct.token.as_deref().unwrap_or(""),
        aes_key: acct.aes_key.as_ref(),
        app_id: acct.app_id.as_deref().unwrap_or(""),
    }
}

fn wire_mode(mode: Mode) -> envelope::Mode {
    match mode {
        Mode::Plain => envelope::Mode::Plain,
        Mode::Compat => envelope::Mode::Compat,
        Mode::Safe => envelope::Mode::Safe,
    }
}

/// Signs (and encrypts) a push for the session's account, as WeChat would send it now.
pub(super) fn craft(s: &Session, push: &Built) -> Crafted {
    let stamp = random::stamp(clock::unix_now());
    let sealed = envelope::seal_push(
        keys(&s.acct),
        wire_mode(s.mode),
        &push.xml,
        &push.to,
        "oSIMULATED",
        &stamp,
    );
    Crafted {
        method: "POST",
        url: format!("{}?{}", s.url, sealed.query),
        body: Some(sealed.body),
        echostr: None,
        from: push.from.clone(),
        to: push.to.clone(),
    }
}

/// Signs the GET echostr handshake of the server configuration page.
pub(super) fn craft_verify(s: &Session) -> Crafted {
    let token = s.acct.token.as_deref().unwrap_or("");
    let ts = clock::unix_now().to_string();
    let nonce = random::digits();
    let echostr = random::digits();
    Crafted {
        method: "GET",
        url: format!(
            "{}?signature={}&timestamp={ts}&nonce={nonce}&echostr={echostr}",
            s.url,
            signature::plain(token, &ts, &nonce)
        ),
        body: None,
        echostr: Some(echostr),
        from: String::new(),
        to: String::new(),
    }
}

pub(super) fn shell_quote(s: &str) -> String {
    format!("'{}'", s.replace('\'', "'\\''"))
}

/// The gateway's answer, as received.
pub(super) struct Answer {
    status: u16,
    body: String,
    latency: Duration,
    request_id: Option<String>,
    outcome: Option<String>,
}

/// What went wrong before an answer arrived.
pub(super) type Unanswered = (Problem, Duration);

/// Sends one request; `timeout` is the client's, named in the message when it runs out.
pub(super) async fn send(
    client: &reqwest::Client,
    c: &Crafted,
    timeout: u64,
) -> Result<Answer, Unanswered> {
    let started = Instant::now();
    let request = match &c.body {
        Some(body) => client
            .post(&c.url)
            .header("Content-Type", "text/xml")
            .body(body.clone()),
        None => client.get(&c.url),
    };
    let failed = |e: reqwest::Error| (unanswered(&e, c, timeout), started.elapsed());
    let res = request.send().await.map_err(failed)?;
    let header = |name: &str| {
        res.headers()
            .get(name)
            .and_then(|v| v.to_str().ok())
            .map(untrusted::excerpt)
    };
    let (request_id, outcome) = (header(REQUEST_ID), header(OUTCOME));
    let status = res.status().as_u16();
    let body = res.text().await.map_err(failed)?;
    Ok(Answer {
        status,
        body,
        latency: started.elapsed(),
        request_id,
        outcome,
    })
}

fn unanswered(e: &reqwest::Error, c: &Crafted, timeout: u64) -> Problem {
    let origin = c.url.split('?').next().unwrap_or_default();
    if e.is_timeout() {
        Problem::new(
            "timeout",
            format!("no answer within --timeout {timeout} s from {origin}"),
        )
        .hint("the gateway or its backend is stuck; a longer --timeout waits longer")
    } else if e.is_connect() {
        Problem::new(
            "unreachable",
            format!(
                "could not reach the gateway at {origin}: {}",
                upstream::describe(e)
            ),
        )
        .hint("is `wx-gateway serve` running there? --url sets the address")
    } else {
        Problem::new(
            "unreachable",
            format!("request to {origin} failed: {}", upstream::describe(e)),
        )
    }
}

/// The outcome of one exchange.
#[derive(Debug, Default)]
pub(super) struct Exchange {
    pub status: Option<u16>,
    pub latency: Duration,
    /// `X-Request-Id`: the id of the gateway's log line for this push.
    pub request_id: Option<String>,
    /// `X-Wx-Gateway-Outcome`: forwarded, echo, backend-error, retry-deduplicated, … or the
    /// name of a refusal.
    pub outcome: Option<String>,
    /// The gateway's reason for a refusal: its one-line text answer.
    pub reason: Option<String>,
    /// Problems found; empty = the exchange passed every check.
    pub problems: Vec<Problem>,
    pub notes: Vec<String>,
    pub reply: Option<ReplyView>,
    /// The reply's XML, decrypted.
    pub reply_xml: Option<String>,
}

/// Verifies, decrypts and inspects a reply body.
fn check_reply(s: &Session, c: &Crafted, body: &str, ex: &mut Exchange) {
    let (acct, mode) = (&s.acct, s.mode);
    let body = body.trim();
    let encrypted = mode != Mode::Plain && body.starts_with('<') && body.contains("<Encrypt>");
    let plain_text = if encrypted {
        match open_envelope(acct, body) {
            Ok(xml) => {
                ex.notes.push("MsgSignature ok, decrypted, appid ok".into());
                xml
            }
            Err(e) => {
                ex.problems.push(e);
                return;
            }
        }
    } else {
        if mode == Mode::Safe && body.starts_with('<') {
            ex.problems.push(Problem::new(
                "check-failed",
                "safe mode, but the reply is not encrypted",
            ));
        }
        body.to_owned()
    };
    match inspect(&plain_text) {
        Ok(view) => {
            if view.msg_type != "success" && (view.to != c.from || view.from != c.to) {
                ex.problems.push(Problem::new(
                    "check-failed",
                    format!(
                        "reply addressed {} → {}, expected {} → {}",
                        view.from, view.to, c.to, c.from
                    ),
                ));
            }
            ex.reply = Some(view);
        }
        Err(e) => ex.problems.push(Problem::new("check-failed", e)),
    }
    if !plain_text.is_empty() {
        ex.reply_xml = Some(plain_text);
    }
}

fn open_envelope(acct: &Account, body: &str) -> Result<String, Problem> {
    let failed = |m: String| Problem::new("check-failed", m);
    let envelope = Envelope::parse(body).map_err(|e| failed(format!("reply envelope: {e}")))?;
    if envelope.reply.is_none() {
        return Err(failed("reply envelope lacks <MsgSignature>".into()));
    }
    envelope.open_reply(keys(acct)).map_err(|e| match e {
        wechat::Error::Signature => failed("reply MsgSignature does not verify (-40001)".into())
            .hint("--token differs from the gateway's"),
        e => failed(format!("reply: {e} ({})", e.wechat_code()))
            .hint("--aes-key or --app-id differs from the gateway's"),
    })
}

/// The `--expect-*` checks, and whether a backend error is acceptable.
#[derive(Debug, Default)]
pub(super) struct Expect {
    pub status: Option<u16>,
    pub kind: Option<String>,
    pub text: Option<regex_lite::Regex>,
    pub allow_backend_error: bool,
}

/// What the gateway's refusal most likely means, from its outcome header (or, for answers
/// without one, its status and reason).
fn hint(status: u16, outcome: Option<&str>, reason: &str) -> Option<&'static str> {
    let outcome = outcome.unwrap_or(match reason {
        r if r.starts_with("signature mismatch") => "bad-signature",
        r if r.starts_with("timestamp outside") => "expired",
        _ => "",
    });
    Some(match outcome {
        "bad-signature" => "--token differs from the gateway's",
        "expired" => {
            "this machine's clock and the gateway's differ (or the service's timeout window is small)"
        }
        "wrong-appid" => "--app-id differs from the gateway's",
        "bad-payload" if reason.contains("decrypt") || reason.contains("ciphertext") => {
            "--aes-key differs from the gateway's"
        }
        "bad-payload" => "the push is not a valid WeChat push (raw file?)",
        "bad-mode" if reason.contains("requires encrypted") => {
            "the service has require-encryption: use --mode safe with its --aes-key"
        }
        "bad-mode" if reason.contains("no aes-key") => {
            "the gateway's service has no aes-key: use --mode plain"
        }
        "replay" | "forgery" => {
            "this timestamp and nonce were signed before: each run signs afresh, so another sender used them"
        }
        "too-large" => "the push is over the service's max-body-bytes",
        "overloaded" => {
            "the backend is slower than pushes arrive: lower --concurrency or raise workerNum"
        }
        _ if status == 404 => {
            "no service at this path: --url's path must be a service-path of the config"
        }
        _ => return None,
    })
}

pub(super) fn apply_expectations(expect: &Expect, ex: &mut Exchange) {
    let reason = ex.reason.as_deref().unwrap_or("");
    let with_reason = |got: u16| {
        if reason.is_empty() {
            got.to_string()
        } else {
            format!("{got} {reason}")
        }
    };
    match (expect.status, ex.status) {
        (Some(want), Some(got)) if want != got => ex.problems.push(Problem::new(
            "check-failed",
            format!("status {}, expected {want}", with_reason(got)),
        )),
        (None, Some(got)) if got != 200 => {
            let mut p = Problem::new("refused", with_reason(got));
            if let Some(h) = hint(got, ex.outcome.as_deref(), reason) {
                p = p.hint(h);
            }
            ex.problems.push(p);
        }
        _ => {}
    }
    let backend_failed = match ex.outcome.as_deref() {
        Some("backend-error") => Some((
            "WeChat was answered `success`",
            "the gateway's log line of this request id says why",
        )),
        Some("spooled") => Some((
            "the push waits in the spool for redelivery",
            "`wx-gateway spool list` shows it",
        )),
        Some("spool-failed") => Some((
            "the push could not be spooled either",
            "the gateway's log says why (spool.dir: disk full, permissions?)",
        )),
        _ => None,
    };
    if let Some((what, why)) = backend_failed
        && !expect.allow_backend_error
    {
        let id = ex
            .request_id
            .as_deref()
            .map(|id| format!(" (request id {id})"))
            .unwrap_or_default();
        ex.problems.push(
            Problem::new(
                "backend-error",
                format!("the gateway's backend did not take the push{id}; {what}"),
            )
            .hint(format!("{why}; --allow-backend-error accepts it")),
        );
    }
    if ex.status.is_some() && ex.latency >= WECHAT_BUDGET {
        ex.problems.push(Problem::new(
            "check-failed",
            format!("took {:?}: WeChat gives up after 5 s", ex.latency),
        ));
    }
    let reply_type = ex.reply.as_ref().map(|r| r.msg_type.as_str());
    if let Some(want) = &expect.kind
        && reply_type != Some(want.as_str())
    {
        ex.problems.push(Problem::new(
            "check-failed",
            format!(
                "reply type {}, expected {want}",
                reply_type.unwrap_or("(none)")
            ),
        ));
    }
    if let Some(re) = &expect.text {
        let text = ex.reply.as_ref().map(ReplyView::text).unwrap_or_default();
        if !re.is_match(&text) {
            ex.problems.push(Problem::new(
                "check-failed",
                format!("reply text {text:?} does not match /{}/", re.as_str()),
            ));
        }
    }
}

/// Turns what `send` returned into a checked exchange.
pub(super) fn judge(s: &Session, c: &Crafted, sent: Result<Answer, Unanswered>) -> Exchange {
    let mut ex = Exchange::default();
    match sent {
        Ok(a) => {
            ex.status = Some(a.status);
            ex.latency = a.latency;
            ex.request_id = a.request_id;
            ex.outcome = a.outcome;
            if a.status != 200 {
                let line = a.body.lines().next().unwrap_or("").trim();
                ex.reason = Some(untrusted::excerpt(line)).filter(|r| !r.is_empty());
            } else if let Some(echostr) = &c.echostr {
                if a.body == *echostr {
                    ex.notes.push("echostr returned exactly".into());
                } else {
                    ex.problems.push(Problem::new(
                        "check-failed",
                        format!(
                            "answered {:?}, expected the echostr {echostr:?}",
                            untrusted::excerpt(&a.body)
                        ),
                    ));
                }
            } else {
                check_reply(s, c, &a.body, &mut ex);
            }
        }
        Err((problem, latency)) => {
            ex.latency = latency;
            ex.problems.push(problem);
        }
    }
    let expect = if c.echostr.is_some() {
        // Only the status can be expected of a handshake: it has no reply message.
        &Expect {
            status: s.expect.status,
            ..Expect::default()
        }
    } else {
        &s.expect
    };
    apply_expectations(expect, &mut ex);
    ex
}

/// Milliseconds with two decimals: every latency of every `--json` shape.
pub(super) fn ms(d: Duration) -> f64 {
    (d.as_secs_f64() * 1000.0 * 100.0).round() / 100.0
}

/// The reply as `--json` shows it: every key always present, news articles whole.
fn reply_json(view: &ReplyView, xml_text: Option<&str>) -> Value {
    let articles: Vec<Value> = xml_text
        .filter(|_| view.msg_type == "news")
        .and_then(|t| xml::parse(t).ok())
        .and_then(|root| {
            let items = root.child("Articles")?;
            Some(
                items
                    .children
                    .iter()
                    .map(|i| {
                        json!({
                            "title": i.text_of("Title").unwrap_or(""),
                            "description": i.text_of("Description").unwrap_or(""),
                            "pic_url": i.text_of("PicUrl").unwrap_or(""),
                            "url": i.text_of("Url").unwrap_or(""),
                        })
                    })
                    .collect(),
            )
        })
        .unwrap_or_default();
    json!({
        "type": view.msg_type,
        "to": view.to,
        "from": view.from,
        "content": view.content,
        "media_id": view.media_id,
        "title": view.title,
        "articles": articles,
        "kf_account": view.kf_account,
    })
}

pub(super) fn exchange_json(ex: &Exchange) -> Value {
    json!({
        "ok": ex.problems.is_empty(),
        "status": ex.status,
        "latency_ms": ms(ex.latency),
        "request_id": ex.request_id,
        "outcome": ex.outcome,
        "reason": ex.reason,
        "problems": ex.problems.iter().map(Problem::line).collect::<Vec<_>>(),
        "notes": ex.notes,
        "reply": ex.reply.as_ref().map(|r| reply_json(r, ex.reply_xml.as_deref())),
        "reply_xml": ex.reply_xml,
    })
}

/// The request line, and with `--verbose` the signed URL and body.
pub(super) fn print_request(s: &Session, c: &Crafted, kind: &str) {
    let ui = &s.ui;
    let mode = if c.body.is_some() {
        format!("{:?}", s.mode).to_lowercase()
    } else {
        "handshake".to_owned()
    };
    outln!(
        "{} {} {} {}",
        ui.bold(&format!("→ {}", c.method)),
        s.url,
        ui.dim(&mode),
        ui.bold(kind)
    );
    if s.args.verbose {
        outln!("{}", ui.field("url", &c.url));
        if let Some(body) = &c.body {
            outln!("{}", ui.field("header", "Content-Type: text/xml"));
            outln!("{}", ui.field("body", ""));
            for line in body.lines() {
                outln!("    {line}");
            }
        }
    }
}

/// What came back. Problems are not printed here: the command reports them once.
pub(super) fn print_exchange(ui: &Ui, ex: &Exchange, label: &str, verbose: bool) {
    let ms = ex.latency.as_secs_f64() * 1000.0;
    let budget = if ex.latency < WECHAT_BUDGET {
        ui.dim("within WeChat's 5 s")
    } else {
        ui.bad("over WeChat's 5 s")
    };
    match ex.status {
        Some(s) => {
            let status = if s == 200 {
                ui.good("200")
            } else {
                ui.bad(&s.to_string())
            };
            outln!("{label}{status} in {ms:.1} ms ({budget})");
        }
        None => outln!("{label}{} after {ms:.1} ms", ui.bad("no answer")),
    }
    if ex.outcome.is_some() || ex.request_id.is_some() {
        let outcome = match ex.outcome.as_deref() {
            Some(o @ ("forwarded" | "echo" | "retry-deduplicated")) => ui.good(o),
            Some(o) => ui.bad(o),
            None => ui.dim("(no outcome header)"),
        };
        let id = ex.request_id.as_deref().unwrap_or("?");
        outln!(
            "{}",
            ui.field(
                "gateway",
                &format!("{outcome} {}", ui.dim(&format!("request {id}")))
            )
        );
    }
    if let Some(r) = &ex.reason {
        outln!("{}", ui.field("reason", r));
    }
    for n in &ex.notes {
        outln!("{}", ui.field("checked", n));
    }
    if let Some(r) = &ex.reply {
        outln!("{}", ui.field("reply", &ui.bold(&r.msg_type)));
        if let Some(c) = &r.content {
            outln!("{}", ui.field("content", c));
        }
        if let Some(m) = &r.media_id {
            outln!("{}", ui.field("media id", m));
        }
        if let Some(t) = &r.title {
            outln!("{}", ui.field("title", t));
        }
        let urls = ex
            .reply_xml
            .as_deref()
            .and_then(|t| xml::parse(t).ok())
            .and_then(|root| {
                Some(
                    root.child("Articles")?
                        .children
                        .iter()
                        .map(|i| i.text_of("Url").unwrap_or("").to_owned())
                        .collect::<Vec<_>>(),
                )
            })
            .unwrap_or_default();
        for (i, a) in r.articles.iter().enumerate() {
            let url = urls.get(i).map(String::as_str).unwrap_or("");
            outln!("{}", ui.field("article", &format!("{a} {}", ui.dim(url))));
        }
        if let Some(k) = &r.kf_account {
            outln!("{}", ui.field("kf", k));
        }
    }
    if verbose && let Some(x) = &ex.reply_xml {
        outln!("{}", ui.field("reply xml", ""));
        for line in x.lines() {
            outln!("    {line}");
        }
    }
}
