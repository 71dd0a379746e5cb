//! One exchange with the gateway: the push crafted and sent, the answer verified, decrypted and
//! held against the `--expect-*` checks, then printed as text or JSON.

use std::time::{Duration, Instant};

use serde_json::json;

use super::Session;
use super::account::Account;
use crate::cli::Mode;
use crate::ui::Ui;
use crate::wechat;
use crate::wechat::envelope::{self, Envelope, Keys};
use crate::wechat::reply::{ReplyView, inspect};
use crate::{clock, random, upstream};

/// WeChat gives up on a push after this.
pub(super) const WECHAT_BUDGET: Duration = Duration::from_secs(5);

/// Everything needed to send one push and check its reply.
pub(super) struct Crafted {
    pub url: String,
    pub query: String,
    pub body: String,
    pub timestamp: String,
    pub nonce: String,
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
pub(super) fn craft(s: &Session, push_xml: &str) -> Crafted {
    let stamp = random::stamp(clock::unix_now());
    let sealed = envelope::seal_push(
        keys(&s.acct),
        wire_mode(s.mode),
        push_xml,
        &s.args.to,
        "oSIMULATED",
        &stamp,
    );
    Crafted {
        url: s.url.clone(),
        query: sealed.query,
        body: sealed.body,
        timestamp: stamp.timestamp.to_string(),
        nonce: stamp.nonce,
    }
}

pub(super) fn shell_quote(s: &str) -> String {
    format!("'{}'", s.replace('\'', "'\\''"))
}

/// The outcome of one exchange.
#[derive(Debug, Default)]
pub(super) struct Exchange {
    pub status: Option<u16>,
    pub latency: Duration,
    /// Problems found; empty = the exchange passed every check.
    pub problems: Vec<String>,
    pub notes: Vec<String>,
    pub reply: Option<ReplyView>,
    pub raw: String,
}

pub(super) async fn send(
    client: &reqwest::Client,
    c: &Crafted,
) -> Result<(u16, String, Duration), String> {
    let started = Instant::now();
    let res = client
        .post(format!("{}?{}", c.url, c.query))
        .header("Content-Type", "text/xml")
        .body(c.body.clone())
        .send()
        .await
        .map_err(|e| format!("could not reach the gateway: {}", upstream::describe(&e)))?;
    let status = res.status().as_u16();
    let body = res
        .text()
        .await
        .map_err(|e| format!("reading the reply: {}", upstream::describe(&e)))?;
    Ok((status, body, started.elapsed()))
}

/// Verifies, decrypts and inspects a reply body.
fn check_reply(s: &Session, ex: &mut Exchange) {
    let (acct, mode, args) = (&s.acct, s.mode, &s.args);
    let body = ex.raw.trim();
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
            ex.problems
                .push("safe mode, but the reply is not encrypted".into());
        }
        body.to_owned()
    };
    match inspect(&plain_text) {
        Ok(view) => {
            if view.msg_type != "success" && (view.to != args.from || view.from != args.to) {
                ex.problems.push(format!(
                    "reply addressed {} → {}, expected {} → {}",
                    view.from, view.to, args.to, args.from
                ));
            }
            ex.reply = Some(view);
        }
        Err(e) => ex.problems.push(e),
    }
}

fn open_envelope(acct: &Account, body: &str) -> Result<String, String> {
    let envelope = Envelope::parse(body).map_err(|e| format!("reply envelope: {e}"))?;
    if envelope.reply.is_none() {
        return Err("reply envelope lacks <MsgSignature>".into());
    }
    envelope.open_reply(keys(acct)).map_err(|e| match e {
        wechat::Error::Signature => "reply MsgSignature does not verify (-40001)".to_owned(),
        e => format!("reply: {e} ({})", e.wechat_code()),
    })
}

/// The `--expect-*` checks.
#[derive(Debug, Default)]
pub(super) struct Expect {
    pub status: Option<u16>,
    pub kind: Option<String>,
    pub text: Option<regex_lite::Regex>,
}

pub(super) fn apply_expectations(expect: &Expect, ex: &mut Exchange) {
    match (expect.status, ex.status) {
        (Some(want), Some(got)) if want != got => {
            ex.problems.push(format!("status {got}, expected {want}"))
        }
        (None, Some(got)) if got != 200 => ex.problems.push(format!("gateway answered HTTP {got}")),
        _ => {}
    }
    if ex.latency >= WECHAT_BUDGET {
        ex.problems
            .push(format!("took {:?}: WeChat gives up after 5 s", ex.latency));
    }
    let reply_type = ex.reply.as_ref().map(|r| r.msg_type.as_str());
    if let Some(want) = &expect.kind
        && reply_type != Some(want.as_str())
    {
        ex.problems.push(format!(
            "reply type {}, expected {want}",
            reply_type.unwrap_or("(none)")
        ));
    }
    if let Some(re) = &expect.text {
        let text = ex.reply.as_ref().map(ReplyView::text).unwrap_or_default();
        if !re.is_match(&text) {
            ex.problems.push(format!(
                "reply text {text:?} does not match /{}/",
                re.as_str()
            ));
        }
    }
}

/// Turns what `send` returned into a checked exchange.
pub(super) fn judge(s: &Session, sent: Result<(u16, String, Duration), String>) -> Exchange {
    let mut ex = Exchange::default();
    match sent {
        Ok((status, body, latency)) => {
            ex.status = Some(status);
            ex.latency = latency;
            ex.raw = body;
            if status == 200 {
                check_reply(s, &mut ex);
            }
        }
        Err(e) => ex.problems.push(e),
    }
    apply_expectations(&s.expect, &mut ex);
    ex
}

pub(super) fn exchange_json(ex: &Exchange) -> serde_json::Value {
    json!({
        "status": ex.status,
        "latency_ms": (ex.latency.as_secs_f64() * 1000.0 * 100.0).round() / 100.0,
        "ok": ex.problems.is_empty(),
        "problems": ex.problems,
        "notes": ex.notes,
        "reply": ex.reply,
    })
}

pub(super) fn print_exchange(ui: &Ui, ex: &Exchange, label: &str) {
    let status = match ex.status {
        Some(s) if s == 200 => ui.good(&s.to_string()),
        Some(s) => ui.bad(&s.to_string()),
        None => ui.bad("no answer"),
    };
    let ms = ex.latency.as_secs_f64() * 1000.0;
    let budget = if ex.latency < WECHAT_BUDGET {
        ui.dim("within WeChat's 5 s")
    } else {
        ui.bad("over WeChat's 5 s")
    };
    println!("{label}{status} in {ms:.1} ms ({budget})");
    for n in &ex.notes {
        println!("{}", ui.field("checked", n));
    }
    if let Some(r) = &ex.reply {
        println!("{}", ui.field("reply", &ui.bold(&r.msg_type)));
        if let Some(c) = &r.content {
            println!("{}", ui.field("content", c));
        }
        if let Some(m) = &r.media_id {
            println!("{}", ui.field("media id", m));
        }
        if let Some(t) = &r.title {
            println!("{}", ui.field("title", t));
        }
        for a in &r.articles {
            println!("{}", ui.field("article", a));
        }
        if let Some(k) = &r.kf_account {
            println!("{}", ui.field("kf", k));
        }
    }
    for p in &ex.problems {
        println!("  {} {p}", ui.bad("✗"));
    }
}
