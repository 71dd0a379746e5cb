//! `wx-gateway decrypt`: inspect a captured payload offline. Recognises an encrypted push body,
//! an encrypted reply body, a bare `Encrypt` string and a raw HTTP request; verifies
//! `msg_signature` when it can; explains failures with WeChat's error codes. Standard output
//! carries the decrypted XML alone (or one JSON object), so it can be redirected to a file.

use std::io::{IsTerminal, Read};

use anyhow::anyhow;
use serde_json::json;

use super::Failure;
use super::account::{self, Account};
use crate::backend;
use crate::cli::DecryptArgs;
use crate::ui::Ui;
use crate::wechat::envelope::Envelope;
use crate::wechat::query::Query;
use crate::wechat::{self, Push, signature};

/// What was captured.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    Push,
    Reply,
    Encrypt,
    HttpRequest,
}

impl Kind {
    fn as_str(self) -> &'static str {
        match self {
            Kind::Push => "encrypted push",
            Kind::Reply => "encrypted reply",
            Kind::Encrypt => "Encrypt string",
            Kind::HttpRequest => "HTTP request",
        }
    }
}

/// A failure in WeChat's terms: code, message, hint.
fn wechat_failure(code: i32, message: String, hint: &str) -> Failure {
    let hint = if hint.is_empty() {
        String::new()
    } else {
        format!(" (hint: {hint})")
    };
    Failure::Failed(anyhow!("{code} {message}{hint}"))
}

/// Splits a raw HTTP request into (query, body).
fn split_http(text: &str) -> Option<(String, String)> {
    let first = text.lines().next()?;
    let mut parts = first.split_whitespace();
    let method = parts.next()?;
    if !matches!(method, "POST" | "GET") {
        return None;
    }
    let target = parts.next()?;
    let query = target
        .split_once('?')
        .map(|(_, q)| q.to_owned())
        .unwrap_or_default();
    let body = text
        .split_once("\r\n\r\n")
        .or_else(|| text.split_once("\n\n"))
        .map(|(_, b)| b.to_owned())
        .unwrap_or_default();
    Some((query, body))
}

pub fn run(args: DecryptArgs) -> Result<(), Failure> {
    // Only the metadata on stderr is coloured: the colour follows stderr, not stdout.
    let ui = Ui::stderr(args.output.color);
    let acct = account::resolve(&args.account).map_err(|f| match f {
        Failure::Usage(e) if e.to_string().contains("--aes-key") => Failure::Usage(anyhow!(
            "-40004 {e} (hint: the EncodingAESKey is the 43-character key of 开发/服务器配置)"
        )),
        other => other,
    })?;
    let mut input = String::new();
    match args.file.as_deref().filter(|p| p.as_os_str() != "-") {
        None => {
            let stdin = std::io::stdin();
            // A bare `wx-gateway decrypt` would otherwise wait silently for a paste.
            if stdin.is_terminal() {
                eprintln!(
                    "wx-gateway: reading the payload from standard input (end with Ctrl-D; or give FILE)"
                );
            }
            stdin.lock().read_to_string(&mut input)
        }
        Some(p) => std::fs::File::open(p).and_then(|mut f| f.read_to_string(&mut input)),
    }
    .map_err(|e| Failure::Usage(anyhow!("reading the payload: {e}")))?;
    if input.trim().is_empty() {
        return Err(Failure::Usage(anyhow!(
            "empty input: nothing to decrypt (give FILE, or pipe the payload in)"
        )));
    }

    let mut signing = args.query.as_deref().map(Query::parse).unwrap_or_default();
    let (kind, body) = match split_http(&input) {
        Some((query, body)) => {
            if args.query.is_none() {
                signing = Query::parse(&query);
            }
            (Kind::HttpRequest, body)
        }
        None => (Kind::Push, input.clone()),
    };
    let trimmed = body.trim();
    let (kind, encrypt) = if trimmed.starts_with('<') {
        let envelope = Envelope::parse(trimmed).map_err(|e| match e {
            wechat::Error::MissingField(_) => wechat_failure(
                -40002,
                "the XML has no <Encrypt> element".into(),
                "this payload is plaintext: nothing to decrypt",
            ),
            e => wechat_failure(
                e.wechat_code(),
                format!("the payload is not valid XML: {e}"),
                "",
            ),
        })?;
        match envelope.reply {
            // A reply envelope carries its own signing inputs.
            Some(r) => {
                signing.msg_signature = Some(r.msg_signature);
                signing.timestamp = Some(r.timestamp).filter(|s| !s.is_empty());
                signing.nonce = Some(r.nonce).filter(|s| !s.is_empty());
                (Kind::Reply, envelope.encrypt)
            }
            None => (kind, envelope.encrypt),
        }
    } else if kind == Kind::HttpRequest {
        return Err(wechat_failure(
            -40002,
            "the captured request has no XML body".into(),
            "",
        ));
    } else {
        (Kind::Encrypt, trimmed.to_owned())
    };

    let sig_status = verify_signature(&acct, &signing, &encrypt)?;
    let key = acct.aes_key.as_ref().ok_or_else(|| {
        Failure::Usage(anyhow!(
            "no aes-key: give --aes-key KEY or --config FILE [--service NAME]"
        ))
    })?;
    let (plain, found_app_id) = key.decrypt(&encrypt).map_err(|e| {
        let hint = match e {
            wechat::Error::Base64 => "the Encrypt value is not base64: was it copied whole?",
            wechat::Error::CipherLength(_) => "the ciphertext is cut short or not a WeChat payload",
            _ => "the aes-key is probably not this account's EncodingAESKey (or was changed)",
        };
        wechat_failure(e.wechat_code(), format!("decrypt failed: {e}"), hint)
    })?;
    let text = String::from_utf8(plain)
        .map_err(|_| wechat_failure(-40007, "the plaintext is not UTF-8".into(), ""))?;
    if let Some(expected) = acct.app_id.as_deref()
        && expected != found_app_id
    {
        return Err(wechat_failure(
            -40005,
            format!(
                "appid mismatch: the payload is for {found_app_id:?}, this account is {expected:?}"
            ),
            "the payload belongs to another account: pick it with --service or --app-id",
        ));
    }
    let backend_json = Push::parse(&text)
        .ok()
        .map(|p| serde_json::Value::Object(backend::push_json(&p)));
    if args.output.json {
        crate::outln!(
            "{}",
            json!({"ok": true, "kind": kind.as_str(), "app_id": found_app_id, "signature": sig_status,
                   "xml": text, "backend_json": backend_json})
        );
    } else {
        // Metadata on stderr, so that stdout is the XML alone (`decrypt r.xml > plain.xml`).
        eprintln!("{}", ui.field("payload", kind.as_str()));
        eprintln!("{}", ui.field("appid", &found_app_id));
        let sig = if sig_status == "ok" {
            ui.good("ok")
        } else {
            ui.warn(&sig_status)
        };
        eprintln!("{}", ui.field("signature", &sig));
        crate::outln!("{text}");
    }
    Ok(())
}

/// "ok", or why it was not checked; an error when it was checked and is wrong.
fn verify_signature(acct: &Account, s: &Query, encrypt: &str) -> Result<String, Failure> {
    let (Some(ts), Some(nonce)) = (&s.timestamp, &s.nonce) else {
        return Ok("not checked (no timestamp/nonce: give --query)".into());
    };
    let Some(token) = acct.token.as_deref() else {
        return Ok("not checked (no token: give --token or --config)".into());
    };
    let Some(msg_sig) = &s.msg_signature else {
        if s.signature.is_some() {
            return Err(wechat_failure(
                -40001,
                "no msg_signature to verify the Encrypt with".into(),
                "`signature` covers token/timestamp/nonce only; encrypted payloads are signed by `msg_signature`",
            ));
        }
        return Ok("not checked (no msg_signature)".into());
    };
    if signature::matches(&signature::msg(token, ts, nonce, encrypt), msg_sig) {
        return Ok("ok".into());
    }
    let hint = if s.signature.as_deref() == Some(msg_sig.as_str())
        || signature::matches(&signature::plain(token, ts, nonce), msg_sig)
    {
        "this is the plaintext `signature` (token/timestamp/nonce); msg_signature also covers Encrypt"
    } else {
        "wrong token, or the payload was changed after signing"
    };
    Err(wechat_failure(
        -40001,
        "msg_signature does not verify".into(),
        hint,
    ))
}
