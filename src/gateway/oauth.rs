//! The OAuth menu flow at `redirect-path`: code → openId (+ userinfo) → the menu handler, in
//! both of go-wx-gateway's contracts (`menu-handler` and `redirect-url`). A code seen again
//! within 5 minutes (page refresh, back button) reuses its identity instead of failing with
//! WeChat's 40163.

use std::collections::HashMap;
use std::sync::Mutex;
use std::time::{Duration, Instant};

use warp::http::{HeaderName, HeaderValue, StatusCode, header};
use warp::reply::{Reply as _, Response};

use super::error::{PageError, with_type};
use super::router::Request;
use crate::backend::oauth::{self as contract, MenuAnswer};
use crate::config::Service;
use crate::upstream::{self, MAX_HANDLER_ANSWER, MAX_PAGE_ANSWER};
use crate::wxapi::{ApiError, Broker, Identity};

/// How long a code's identity is remembered.
const CODE_TTL: Duration = Duration::from_secs(300);
const CODE_CAPACITY: usize = 10_000;
/// Every call to a menu handler gives up after this.
pub const HANDLER_TIMEOUT: Duration = Duration::from_secs(10);

/// Recently exchanged codes.
#[derive(Default)]
pub struct CodeCache {
    entries: Mutex<HashMap<String, (Instant, Identity)>>,
}

impl CodeCache {
    fn get(&self, key: &str) -> Option<Identity> {
        let map = self.entries.lock().ok()?;
        map.get(key)
            .filter(|(at, _)| at.elapsed() < CODE_TTL)
            .map(|(_, id)| id.clone())
    }

    fn put(&self, key: String, id: Identity) {
        if let Ok(mut map) = self.entries.lock() {
            if map.len() >= CODE_CAPACITY {
                map.retain(|_, (at, _)| at.elapsed() < CODE_TTL);
                if map.len() >= CODE_CAPACITY {
                    return;
                }
            }
            map.insert(key, (Instant::now(), id));
        }
    }

    /// The code's identity: remembered, or exchanged with WeChat and remembered.
    pub async fn exchange(
        &self,
        broker: &Broker,
        code: &str,
        want_userinfo: bool,
    ) -> Result<Identity, ApiError> {
        let key = format!("{}\u{0}{code}", broker.name);
        if let Some(id) = self.get(&key) {
            return Ok(id);
        }
        let id = broker.exchange_code(code, want_userinfo).await?;
        self.put(key, id.clone());
        Ok(id)
    }
}

/// Hop-by-hop headers (RFC 9110 §7.6.1) and those the proxy sets itself.
fn is_hop_by_hop(name: &str) -> bool {
    matches!(
        name,
        "connection"
            | "keep-alive"
            | "proxy-connection"
            | "transfer-encoding"
            | "te"
            | "trailer"
            | "upgrade"
            | "proxy-authenticate"
            | "proxy-authorization"
            | "content-length"
            | "host"
    )
}

/// GET {redirect-path}?code=…&state=…
pub async fn redirect(
    svc: &Service,
    broker: &Broker,
    codes: &CodeCache,
    client: &reqwest::Client,
    req: &Request,
) -> Result<Response, PageError> {
    let mut code = String::new();
    let mut state = String::new();
    for (k, v) in form_urlencoded::parse(req.query.as_bytes()) {
        match &*k {
            "code" if code.is_empty() => code = v.into_owned(),
            "state" if state.is_empty() => state = v.into_owned(),
            _ => {}
        }
    }
    if code.is_empty() {
        return Err(PageError::NoCode);
    }
    // go-wx-gateway matched the flag anywhere in the request URI (a code could match); here it
    // is looked for in the state only.
    let want_userinfo = svc
        .redirect_userinfo_flag
        .as_deref()
        .is_some_and(|f| state.contains(f));
    let id = codes
        .exchange(broker, &code, want_userinfo)
        .await
        .map_err(|e| {
            tracing::warn!(service = %svc.name, error = %e, "OAuth code exchange failed");
            PageError::Exchange(e)
        })?;
    let handoff = |url| Handoff {
        client,
        url,
        svc,
        id: &id,
        state: &state,
    };
    let result = if let Some(url) = &svc.redirect_url {
        proxy(handoff(url), req).await
    } else if let Some(url) = &svc.menu_handler {
        menu_handler(handoff(url)).await
    } else {
        Ok(with_type(
            contract::identity_body(&svc.app_id, &id, &state),
            "application/json",
        ))
    };
    result.map_err(|e| {
        tracing::warn!(service = %svc.name, error = %e, "menu handler failed");
        PageError::Handler
    })
}

/// Who is handed to which handler.
struct Handoff<'a> {
    client: &'a reqwest::Client,
    url: &'a url::Url,
    svc: &'a Service,
    id: &'a Identity,
    state: &'a str,
}

/// The seed contract: POST {appId, openId, state}; the answer {h, r, c} sets headers, then
/// redirects to `r` or shows `c`.
async fn menu_handler(h: Handoff<'_>) -> Result<Response, String> {
    let (client, url) = (h.client, h.url);
    let res = client
        .post(url.clone())
        .header(header::CONTENT_TYPE, "application/json")
        .body(contract::menu_handler_body(&h.svc.app_id, h.id, h.state))
        .timeout(HANDLER_TIMEOUT)
        .send()
        .await
        .map_err(|e| upstream::describe(&e))?;
    if !res.status().is_success() {
        return Err(format!(
            "menu-handler answered HTTP {}",
            res.status().as_u16()
        ));
    }
    let body = upstream::read_bounded(res, MAX_HANDLER_ANSWER)
        .await
        .map_err(|e| e.to_string())?;
    let answer = MenuAnswer::parse(&body)?;
    let mut out = match &answer.r {
        Some(r) => {
            let mut res = String::new().into_response();
            *res.status_mut() = StatusCode::FOUND;
            let loc = HeaderValue::from_str(r)
                .map_err(|_| "menu-handler's r is not a valid URL".to_owned())?;
            res.headers_mut().insert(header::LOCATION, loc);
            res
        }
        None => with_type(
            answer.c.clone().unwrap_or_default(),
            "text/html; charset=utf-8",
        ),
    };
    for (k, v) in answer.headers() {
        let Ok(name) = HeaderName::from_bytes(k.to_ascii_lowercase().as_bytes()) else {
            continue;
        };
        if is_hop_by_hop(name.as_str()) {
            continue;
        }
        if let Ok(hv) = HeaderValue::from_str(v) {
            out.headers_mut().append(name, hv);
        }
    }
    Ok(out)
}

/// The newest contract: a reverse-proxy POST with the browser's headers; the backend's
/// status, headers and body go back to the browser.
async fn proxy(h: Handoff<'_>, req: &Request) -> Result<Response, String> {
    let path = req.path.as_str();
    let request_uri = if req.query.is_empty() {
        path.to_owned()
    } else {
        format!("{path}?{}", req.query)
    };
    let mut rb = h.client.post(h.url.clone()).timeout(HANDLER_TIMEOUT);
    for (name, value) in &req.headers {
        if !is_hop_by_hop(name.as_str()) && name != header::CONTENT_TYPE {
            rb = rb.header(name, value);
        }
    }
    let mut xff = req
        .headers
        .get("x-forwarded-for")
        .and_then(|v| v.to_str().ok())
        .unwrap_or("")
        .to_owned();
    if let Some(peer) = req.peer {
        if !xff.is_empty() {
            xff.push_str(", ");
        }
        xff.push_str(&peer.0.ip().to_string());
    }
    if !xff.is_empty() {
        rb = rb.header("x-forwarded-for", xff);
    }
    let res = rb
        .header(header::CONTENT_TYPE, "application/json")
        .body(contract::redirect_body(
            &h.svc.app_id,
            h.id,
            h.state,
            &request_uri,
        ))
        .send()
        .await
        .map_err(|e| upstream::describe(&e))?;
    let status = res.status();
    let headers = res.headers().clone();
    let bytes = upstream::read_bounded(res, MAX_PAGE_ANSWER)
        .await
        .map_err(|e| e.to_string())?;
    let mut out = bytes.to_vec().into_response();
    *out.status_mut() = status;
    for (name, value) in &headers {
        if !is_hop_by_hop(name.as_str()) {
            out.headers_mut().append(name.clone(), value.clone());
        }
    }
    Ok(out)
}
