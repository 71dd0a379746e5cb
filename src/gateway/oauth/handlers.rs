//! Handing the user on to the service's handler: the seed contract (`menu-handler`, answer
//! `{h, r, c}`) and the newest one (`redirect-url`, a reverse proxy whose answer is relayed as
//! it came).

use std::collections::HashSet;

use warp::http::{HeaderName, HeaderValue, StatusCode, header};
use warp::reply::Response;

use super::HANDLER_TIMEOUT;
use crate::backend::oauth::{self as contract, MenuAnswer};
use crate::config::Service;
use crate::gateway::error::with_type;
use crate::gateway::router::Request;
use crate::upstream::{self, MAX_HANDLER_ANSWER, MAX_PAGE_ANSWER};
use crate::wxapi::Identity;

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

/// Who is handed to which handler.
pub(super) struct Handoff<'a> {
    pub(super) client: &'a reqwest::Client,
    pub(super) url: &'a url::Url,
    pub(super) svc: &'a Service,
    pub(super) id: &'a Identity,
    pub(super) state: &'a str,
}

/// The seed contract: POST {appId, openId, state}; the answer {h, r, c} sets headers, then
/// redirects to `r` or shows `c`.
pub(super) async fn menu_handler(h: Handoff<'_>) -> Result<Response, String> {
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
            let mut res = Response::new(bytes::Bytes::new().into());
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
    // A header named in `h` replaces the gateway's own (one Content-Type, not two); a name
    // given a list of values gets them all (several Set-Cookie).
    let mut named = HashSet::new();
    for (k, v) in answer.headers() {
        let Ok(name) = HeaderName::from_bytes(k.to_ascii_lowercase().as_bytes()) else {
            continue;
        };
        if is_hop_by_hop(name.as_str()) {
            continue;
        }
        let Ok(hv) = HeaderValue::from_str(v) else {
            continue;
        };
        if named.insert(name.clone()) {
            out.headers_mut().insert(name, hv);
        } else {
            out.headers_mut().append(name, hv);
        }
    }
    Ok(out)
}

/// The newest contract: a reverse-proxy POST with the browser's headers; the backend's
/// status, headers (every `Set-Cookie`, its one `Content-Type`) and body go back to the
/// browser as they came, hop-by-hop headers excepted.
pub(super) async fn proxy(h: Handoff<'_>, req: &Request) -> Result<Response, String> {
    let path = req.path.as_str();
    let request_uri = if req.query.is_empty() {
        path.to_owned()
    } else {
        format!("{path}?{}", req.query)
    };
    let mut rb = h.client.post(h.url.clone()).timeout(HANDLER_TIMEOUT);
    // Headers the `Connection` header names are hop-by-hop too (RFC 9110 §7.6.1).
    let named: Vec<String> = req
        .headers
        .get_all(header::CONNECTION)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(','))
        .map(|n| n.trim().to_ascii_lowercase())
        .collect();
    for (name, value) in &req.headers {
        let n = name.as_str();
        // X-Forwarded-For is sent once, below; `x-wx-*` are the gateway's own headers (a
        // handler shared with a backend may trust them), never the browser's.
        if is_hop_by_hop(n)
            || name == header::CONTENT_TYPE
            || n == "x-forwarded-for"
            || n.starts_with("x-wx-")
            || named.iter().any(|c| c == n)
        {
            continue;
        }
        rb = rb.header(name, value);
    }
    // Every X-Forwarded-For line the browser sent, joined, then the peer: exactly one header.
    let mut xff = req
        .headers
        .get_all("x-forwarded-for")
        .iter()
        .filter_map(|v| v.to_str().ok())
        .collect::<Vec<_>>()
        .join(", ");
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
    // Built bare: a body type's reply (`Vec<u8>`) would bring a Content-Type of its own,
    // and the handler's would be a second one.
    let mut out = Response::new(bytes.into());
    *out.status_mut() = status;
    for (name, value) in &headers {
        if !is_hop_by_hop(name.as_str()) {
            out.headers_mut().append(name.clone(), value.clone());
        }
    }
    Ok(out)
}
