//! One entry of `services`, from its raw shape to a [`Service`]: defaults, ranges, and the
//! keys that only make sense together. Paths that clash across services are `routes`' job.

use std::time::Duration;

use super::leaf::{Flag, Int, given};
use super::raw::RawService;
use super::{
    ConfigError, DEFAULT_BACKEND_TIMEOUT_MS, DEFAULT_LATE_REPLY_TIMEOUT_MS, DEFAULT_MAX_BODY_BYTES,
    DEFAULT_SIGNATURE_WINDOW, DEFAULT_WORKERS, LateReply, MAX_BACKEND_TIMEOUT_MS,
    MAX_LATE_REPLY_TIMEOUT_MS, MAX_MAX_BODY_BYTES, MIN_LATE_REPLY_TIMEOUT_MS, Secret, Service,
    TokenApi, err, routes,
};
use crate::wechat::AesKey;

/// Validates `services[i]`; keys accepted but not implemented, and other warnings, are added
/// to the lists.
pub fn validate(
    i: usize,
    raw: RawService,
    not_implemented: &mut Vec<String>,
    warnings: &mut Vec<String>,
) -> Result<Service, ConfigError> {
    let base = format!("services[{i}]");
    let p = |k: &str| format!("{base}.{k}");

    let wx = raw
        .wx_params
        .ok_or_else(|| err(&p("wx-params"), "required"))?;
    let token = given(wx.token).ok_or_else(|| err(&p("wx-params.token"), "required"))?;
    let app_id = given(wx.app_id).unwrap_or_default();
    let app_secret = given(wx.app_secret).map(Secret);
    let aes_key = given(wx.aes_key)
        .map(|k| encoding_key(&p("wx-params.aes-key"), &k))
        .transpose()?;
    let previous_token = given(wx.previous_token);
    let previous_aes_key = match given(wx.previous_aes_key) {
        None => None,
        Some(k) => {
            let path = p("wx-params.previous-aes-key");
            let key = encoding_key(&path, &k)?;
            match &aes_key {
                None => return Err(err(&path, "needs wx-params.aes-key (the current key)")),
                Some(current) if *current == key => {
                    return Err(err(&path, "is the same as aes-key: remove it"));
                }
                Some(_) => Some(key),
            }
        }
    };
    if previous_token.as_deref() == Some(token.as_str()) {
        return Err(err(
            &p("wx-params.previous-token"),
            "is the same as token: remove it",
        ));
    }
    for (set, key, old) in [
        (
            previous_token.is_some(),
            "previous-token",
            "pushes signed with the old token",
        ),
        (
            previous_aes_key.is_some(),
            "previous-aes-key",
            "pushes encrypted with the old key",
        ),
    ] {
        if set {
            warnings.push(format!(
                "{base}.wx-params.{key} is set: {old} are still accepted; remove it once the log shows key=previous no more"
            ));
        }
    }
    if aes_key.is_some() && app_id.is_empty() {
        return Err(err(
            &p("wx-params.app-id"),
            "required when aes-key is set (it is checked in every encrypted push)",
        ));
    }

    let ep = raw
        .listen_endpoints
        .ok_or_else(|| err(&p("listen-endpoints"), "required"))?;
    let service_path = given(ep.service_path)
        .ok_or_else(|| err(&p("listen-endpoints.service-path"), "required"))?;
    let service_path = routes::path(&p("listen-endpoints.service-path"), &service_path)?;
    let redirect_path = given(ep.redirect_path)
        .map(|rp| routes::path(&p("listen-endpoints.redirect-path"), &rp))
        .transpose()?;

    let name = given(raw.name).unwrap_or_else(|| service_path.clone());
    let msg_proxy_pass = given(raw.msg_proxy_pass)
        .map(|u| routes::url(&p("msg-proxy-pass"), &u))
        .transpose()?;
    let workers = match raw.worker_num {
        None | Some(Int(0)) => DEFAULT_WORKERS,
        Some(Int(n)) if (1..=100_000).contains(&n) => n as usize,
        Some(Int(n)) => {
            return Err(err(
                &p("workerNum"),
                format!("expected 0 (default {DEFAULT_WORKERS}) to 100000, got {n}"),
            ));
        }
    };
    // go-wx-gateway checked no window when `timeout` was 0 or absent (its sample has 0): here
    // that is the default window, and only -1 turns the check off.
    let max_signature_age = match raw.timeout {
        None | Some(Int(0)) => Some(DEFAULT_SIGNATURE_WINDOW),
        Some(Int(-1)) => {
            warnings.push(format!(
                "{base}.timeout is -1: pushes are accepted whatever their timestamp, so a signed query string seen once (an access log, the handshake URL) can be replayed for ever"
            ));
            None
        }
        Some(Int(n)) if n > 0 => Some(Duration::from_secs(n as u64)),
        Some(Int(n)) => {
            return Err(err(
                &p("timeout"),
                format!(
                    "expected seconds > 0, 0 (the default {} s) or -1 (no check), got {n}",
                    DEFAULT_SIGNATURE_WINDOW.as_secs()
                ),
            ));
        }
    };
    let backend_timeout_ms = match raw.backend_timeout_ms {
        None => DEFAULT_BACKEND_TIMEOUT_MS,
        Some(Int(n)) if (1..=MAX_BACKEND_TIMEOUT_MS as i64).contains(&n) => n as u64,
        Some(Int(n)) => {
            return Err(err(
                &p("backend-timeout-ms"),
                format!(
                    "expected 1 to {MAX_BACKEND_TIMEOUT_MS} (WeChat gives up after 5000), got {n}"
                ),
            ));
        }
    };
    let hold_for_retries = raw.hold_for_retries.is_some_and(|Flag(b)| b);
    let late_reply = match given(raw.late_reply).as_deref() {
        None | Some("off" | "none") => None,
        Some("custom-message") => Some(LateReply::CustomMessage),
        Some(other) => {
            return Err(err(
                &p("late-reply"),
                format!("expected \"custom-message\" or \"off\", got {other:?}"),
            ));
        }
    };
    let late_reply_timeout_ms = match raw.late_reply_timeout_ms {
        None => DEFAULT_LATE_REPLY_TIMEOUT_MS,
        Some(Int(n))
            if (MIN_LATE_REPLY_TIMEOUT_MS as i64..=MAX_LATE_REPLY_TIMEOUT_MS as i64)
                .contains(&n) =>
        {
            n as u64
        }
        Some(Int(n)) => {
            return Err(err(
                &p("late-reply-timeout-ms"),
                format!(
                    "expected {MIN_LATE_REPLY_TIMEOUT_MS} to {MAX_LATE_REPLY_TIMEOUT_MS}, got {n}"
                ),
            ));
        }
    };
    let backend_signing = signing_keys(&p("backend-signing-secret"), raw.backend_signing_secret)?;
    if late_reply_timeout_ms < backend_timeout_ms {
        return Err(err(
            &p("late-reply-timeout-ms"),
            format!("must be at least backend-timeout-ms ({backend_timeout_ms})"),
        ));
    }
    if msg_proxy_pass.is_none() {
        for (set, key) in [
            (hold_for_retries, "hold-for-retries"),
            (late_reply.is_some(), "late-reply"),
        ] {
            if set {
                warnings.push(format!(
                    "{base}.{key} has no effect in echo mode (no msg-proxy-pass)"
                ));
            }
        }
    }
    let max_body_bytes = match raw.max_body_bytes {
        None => DEFAULT_MAX_BODY_BYTES,
        Some(Int(n)) if (1..=MAX_MAX_BODY_BYTES as i64).contains(&n) => n as usize,
        Some(Int(n)) => {
            return Err(err(
                &p("max-body-bytes"),
                format!("expected 1 to {MAX_MAX_BODY_BYTES}, got {n}"),
            ));
        }
    };
    let require_encryption = raw.require_encryption.is_some_and(|Flag(b)| b);
    if require_encryption && aes_key.is_none() {
        return Err(err(&p("require-encryption"), "needs wx-params.aes-key"));
    }
    if aes_key.is_some() && !require_encryption {
        warnings.push(format!(
            "{base}: plaintext pushes are accepted beside encrypted ones (require-encryption is false); WeChat's plaintext signature does not cover the body, so set require-encryption once the account is in safe mode"
        ));
    }
    let token_api = match given(raw.token_api).as_deref() {
        None | Some("stable") => TokenApi::Stable,
        Some("classic") => TokenApi::Classic,
        Some(other) => {
            return Err(err(
                &p("token-api"),
                format!("expected \"stable\" or \"classic\", got {other:?}"),
            ));
        }
    };
    let menu_handler = given(raw.menu_handler)
        .map(|u| routes::url(&p("menu-handler"), &u))
        .transpose()?;
    let redirect_url = given(raw.redirect_url)
        .map(|u| routes::url(&p("redirect-url"), &u))
        .transpose()?;
    let redirect_userinfo_flag = given(raw.redirect_userinfo_flag);
    let append_userinfo = raw.append_userinfo.is_some_and(|Flag(b)| b);
    if menu_handler.is_some() && redirect_url.is_some() {
        return Err(err(
            &p("menu-handler"),
            "set menu-handler or redirect-url, not both",
        ));
    }
    if (menu_handler.is_some() || redirect_url.is_some()) && redirect_path.is_none() {
        return Err(err(
            &p("listen-endpoints.redirect-path"),
            "required with menu-handler or redirect-url",
        ));
    }
    let has_secret = app_secret.is_some() && !app_id.is_empty();
    let mut redirect_path = redirect_path;
    if redirect_path.is_some() && !has_secret && menu_handler.is_none() && redirect_url.is_none() {
        // go-wx-gateway served no route here either; keep such configs starting.
        warnings.push(format!(
            "{base}.listen-endpoints.redirect-path is not served: the OAuth flow needs wx-params.app-id and app-secret"
        ));
        redirect_path = None;
    }
    let needs_secret = if redirect_path.is_some() {
        Some("listen-endpoints.redirect-path")
    } else if append_userinfo {
        Some("append-userinfo")
    } else if late_reply.is_some() {
        Some("late-reply")
    } else {
        None
    };
    if let Some(why) = needs_secret
        && !has_secret
    {
        return Err(err(
            &p("wx-params.app-secret"),
            format!("app-id and app-secret are required with {why}"),
        ));
    }
    if raw.is_channels_ec.is_some_and(|Flag(b)| b) {
        not_implemented.push(format!("{base}.is-channels-ec"));
    }

    Ok(Service {
        name,
        token: Secret(token),
        app_id,
        app_secret,
        aes_key,
        previous_token: previous_token.map(Secret),
        previous_aes_key,
        service_path,
        redirect_path,
        msg_proxy_pass,
        workers,
        max_signature_age,
        backend_timeout: Duration::from_millis(backend_timeout_ms),
        max_body_bytes,
        require_encryption,
        token_api,
        menu_handler,
        redirect_url,
        redirect_userinfo_flag,
        append_userinfo,
        hold_for_retries,
        late_reply,
        late_reply_timeout: Duration::from_millis(late_reply_timeout_ms),
        backend_signing,
    })
}

/// An EncodingAESKey of the file, its errors under `path`.
fn encoding_key(path: &str, key: &str) -> Result<AesKey, ConfigError> {
    AesKey::from_encoding_key(key).map_err(|e| match e {
        crate::wechat::Error::Key(m) => err(path, m),
        other => err(path, other.to_string()),
    })
}

/// `backend-signing-secret`: one `whsec_…` secret or a list of them (a rotation), each the
/// base64 of 24 to 64 bytes, as the Standard Webhooks specification has them.
fn signing_keys(
    path: &str,
    raw: Option<super::raw::OneOrMany>,
) -> Result<Vec<super::SigningKey>, ConfigError> {
    use super::raw::OneOrMany;
    use base64::Engine as _;
    let (texts, listed) = match raw {
        None => return Ok(Vec::new()),
        // `""` (or `${NAME:-}` unset) is absent, as for every key that may be.
        Some(OneOrMany::One(t)) if t.0.trim().is_empty() => return Ok(Vec::new()),
        Some(OneOrMany::One(t)) => (vec![t], false),
        Some(OneOrMany::Many(v)) => (v, true),
    };
    if listed && texts.is_empty() {
        return Err(err(
            path,
            "expected at least one secret (or remove the key)",
        ));
    }
    texts
        .into_iter()
        .enumerate()
        .map(|(i, super::leaf::Text(t))| {
            let at = if listed { format!("{path}[{i}]") } else { path.to_owned() };
            let key = t
                .trim()
                .strip_prefix("whsec_")
                .and_then(|b| base64::engine::general_purpose::STANDARD.decode(b).ok())
                .filter(|k| (24..=64).contains(&k.len()));
            key.map(super::SigningKey).ok_or_else(|| {
                err(
                    &at,
                    "expected \"whsec_\" and the base64 of 24 to 64 random bytes (e.g. whsec_$(head -c 32 /dev/urandom | base64))",
                )
            })
        })
        .collect()
}
