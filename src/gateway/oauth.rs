//! The OAuth menu flow at `redirect-path`: code → openId (+ userinfo) → the menu handler, in
//! both of go-wx-gateway's contracts (`menu-handler` and `redirect-url`). A code seen again
//! within 5 minutes (page refresh, back button) reuses its identity instead of failing with
//! WeChat's 40163.

use std::collections::HashMap;
use std::net::SocketAddr;
use std::sync::Mutex;
use std::time::{Duration, Instant};

use serde::Serialize;
use serde_json::{Value, json};
use warp::http::{HeaderMap, HeaderName, HeaderValue, StatusCode, header};
use warp::reply::{Reply as _, Response};

use super::wxapi::{ApiError, Broker};
use crate::config::Service;
use crate::wechat::oauth::encode_component;

/// How long a code's identity is remembered.
const CODE_TTL: Duration = Duration::from_secs(300);
const CODE_CAPACITY: usize = 10_000;
/// Every call to a menu handler gives up after this.
pub const HANDLER_TIMEOUT: Duration = Duration::from_secs(10);

/// Who clicked, as WeChat told us.
#[derive(Debug, Clone, Serialize)]
pub struct Identity {
    #[serde(rename = "openId")]
    pub open_id: String,
    #[serde(rename = "userInfo")]
    pub user_info: Option<Value>,
    #[serde(rename = "userInfoError")]
    pub user_info_error: String,
}

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
}

/// Exchanges a code for the user's openId; with `want_userinfo`, also fetches sns/userinfo
/// (its failure is reported in `user_info_error`, not as an error).
pub async fn exchange(
    broker: &Broker,
    secret: &str,
    code: &str,
    want_userinfo: bool,
) -> Result<(Identity, String), ApiError> {
    let api = broker.api();
    let q = format!(
        "/sns/oauth2/access_token?appid={}&secret={}&code={}&grant_type=authorization_code",
        encode_component(&broker.app_id),
        encode_component(secret),
        encode_component(code)
    );
    let v = api.get(&q, &[secret, code]).await?;
    let open_id = v
        .get("openid")
        .and_then(Value::as_str)
        .unwrap_or("")
        .to_owned();
    if open_id.is_empty() {
        return Err(ApiError::Decode("no openid in the answer".into()));
    }
    let scope = v
        .get("scope")
        .and_then(Value::as_str)
        .unwrap_or("")
        .to_owned();
    let sns_token = v
        .get("access_token")
        .and_then(Value::as_str)
        .unwrap_or("")
        .to_owned();
    let mut id = Identity {
        open_id,
        user_info: None,
        user_info_error: String::new(),
    };
    if want_userinfo || scope.split(',').any(|s| s.trim() == "snsapi_userinfo") {
        let q = format!(
            "/sns/userinfo?access_token={}&openid={}&lang=zh_CN",
            encode_component(&sns_token),
            encode_component(&id.open_id)
        );
        match api.get(&q, &[secret, &sns_token]).await {
            Ok(info) => id.user_info = Some(info),
            Err(e) => id.user_info_error = e.to_string(),
        }
    }
    Ok((id, scope))
}

/// [`exchange`] through the code cache: a code seen again within 5 minutes reuses its identity.
pub async fn exchange_cached(
    broker: &Broker,
    codes: &CodeCache,
    secret: &str,
    code: &str,
    want_userinfo: bool,
) -> Result<Identity, ApiError> {
    let key = format!("{}\u{0}{code}", broker.name);
    if let Some(id) = codes.get(&key) {
        return Ok(id);
    }
    let (id, _) = exchange(broker, secret, code, want_userinfo).await?;
    codes.put(key, id.clone());
    Ok(id)
}

/// A small HTML page for the user's browser: never a stack trace, never a secret.
pub fn page(status: StatusCode, title: &str, detail: &str) -> Response {
    let esc = |s: &str| {
        s.replace('&', "&amp;")
            .replace('<', "&lt;")
            .replace('>', "&gt;")
            .replace('"', "&quot;")
    };
    let body = format!(
        "<!DOCTYPE html><html><head><meta charset=\"utf-8\"><meta name=\"viewport\" content=\"width=device-width\"><title>{}</title></head><body><h3>{}</h3><p>{}</p></body></html>",
        esc(title),
        esc(title),
        esc(detail)
    );
    let mut res = body.into_response();
    *res.status_mut() = status;
    res.headers_mut().insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("text/html; charset=utf-8"),
    );
    res
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

/// The request as the handler needs it.
pub struct Request<'a> {
    pub query: &'a str,
    pub path: &'a str,
    pub headers: &'a HeaderMap,
    pub peer: Option<SocketAddr>,
}

/// GET {redirect-path}?code=…&state=…
pub async fn redirect(
    svc: &Service,
    broker: &Broker,
    codes: &CodeCache,
    client: &reqwest::Client,
    req: Request<'_>,
) -> Response {
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
        return page(
            StatusCode::BAD_REQUEST,
            "未获得授权 / Authorization not granted",
            "WeChat did not pass an authorization code: the request was declined or did not come from a WeChat menu.",
        );
    }
    let secret = broker.secret_for_oauth();
    // go-wx-gateway matched the flag anywhere in the request URI (a code could match); here it
    // is looked for in the state only.
    let want_userinfo = svc
        .redirect_userinfo_flag
        .as_deref()
        .is_some_and(|f| state.contains(f));
    let id = match exchange_cached(broker, codes, secret, &code, want_userinfo).await {
        Ok(id) => id,
        Err(e) => {
            tracing::warn!(service = %svc.name, error = %e, "OAuth code exchange failed");
            return page(
                StatusCode::BAD_GATEWAY,
                "授权失败 / Authorization failed",
                &e.to_string(),
            );
        }
    };
    let request_uri = if req.query.is_empty() {
        req.path.to_owned()
    } else {
        format!("{}?{}", req.path, req.query)
    };
    let result = if let Some(url) = &svc.redirect_url {
        proxy(client, url, svc, &id, &state, &request_uri, &req).await
    } else if let Some(url) = &svc.menu_handler {
        menu_handler(client, url, svc, &id, &state).await
    } else {
        let body = json!({"appId": svc.app_id, "openId": id.open_id, "state": state, "userInfo": id.user_info});
        let mut res = body.to_string().into_response();
        res.headers_mut().insert(
            header::CONTENT_TYPE,
            HeaderValue::from_static("application/json"),
        );
        Ok(res)
    };
    result.unwrap_or_else(|e| {
        tracing::warn!(service = %svc.name, error = %e, "menu handler failed");
        page(
            StatusCode::BAD_GATEWAY,
            "服务暂不可用 / Service unavailable",
            "The menu handler did not answer.",
        )
    })
}

/// The seed contract: POST {appId, openId, state}; the answer {h, r, c} sets headers, then
/// redirects to `r` or shows `c`.
async fn menu_handler(
    client: &reqwest::Client,
    url: &str,
    svc: &Service,
    id: &Identity,
    state: &str,
) -> Result<Response, String> {
    let body = json!({"appId": svc.app_id, "openId": id.open_id, "state": state});
    let res = client
        .post(url)
        .header(header::CONTENT_TYPE, "application/json")
        .body(body.to_string())
        .timeout(HANDLER_TIMEOUT)
        .send()
        .await
        .map_err(|e| e.without_url().to_string())?;
    if !res.status().is_success() {
        return Err(format!(
            "menu-handler answered HTTP {}",
            res.status().as_u16()
        ));
    }
    let v: Value = res.json_value().await?;
    let mut out = match v.get("r").and_then(Value::as_str).filter(|r| !r.is_empty()) {
        Some(r) => {
            let mut res = String::new().into_response();
            *res.status_mut() = StatusCode::FOUND;
            let loc = HeaderValue::from_str(r)
                .map_err(|_| "menu-handler's r is not a valid URL".to_owned())?;
            res.headers_mut().insert(header::LOCATION, loc);
            res
        }
        None => {
            let c = v.get("c").and_then(Value::as_str).unwrap_or("").to_owned();
            let mut res = c.into_response();
            res.headers_mut().insert(
                header::CONTENT_TYPE,
                HeaderValue::from_static("text/html; charset=utf-8"),
            );
            res
        }
    };
    if let Some(h) = v.get("h").and_then(Value::as_object) {
        for (k, val) in h {
            let Ok(name) = HeaderName::from_bytes(k.to_ascii_lowercase().as_bytes()) else {
                continue;
            };
            if is_hop_by_hop(name.as_str()) {
                continue;
            }
            let values: Vec<&str> = match val {
                Value::String(s) => vec![s.as_str()],
                Value::Array(a) => a.iter().filter_map(Value::as_str).collect(),
                _ => continue,
            };
            for v in values {
                if let Ok(hv) = HeaderValue::from_str(v) {
                    out.headers_mut().append(name.clone(), hv);
                }
            }
        }
    }
    Ok(out)
}

/// The newest contract: a reverse-proxy POST with the browser's headers; the backend's
/// status, headers and body go back to the browser.
async fn proxy(
    client: &reqwest::Client,
    url: &str,
    svc: &Service,
    id: &Identity,
    state: &str,
    request_uri: &str,
    req: &Request<'_>,
) -> Result<Response, String> {
    let body = json!({"appId": svc.app_id, "openId": id.open_id, "requestURI": request_uri, "state": state,
                      "userInfo": id.user_info, "userInfoError": id.user_info_error});
    let mut rb = client.post(url).timeout(HANDLER_TIMEOUT);
    for (name, value) in req.headers {
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
        xff.push_str(&peer.ip().to_string());
    }
    if !xff.is_empty() {
        rb = rb.header("x-forwarded-for", xff);
    }
    let res = rb
        .header(header::CONTENT_TYPE, "application/json")
        .body(body.to_string())
        .send()
        .await
        .map_err(|e| e.without_url().to_string())?;
    let status = res.status();
    let headers = res.headers().clone();
    let bytes = res.bytes().await.map_err(|e| e.without_url().to_string())?;
    let mut out = bytes.to_vec().into_response();
    *out.status_mut() = status;
    for (name, value) in &headers {
        if !is_hop_by_hop(name.as_str()) {
            out.headers_mut().append(name.clone(), value.clone());
        }
    }
    Ok(out)
}

/// Reads a JSON answer, bounded.
trait JsonValue {
    async fn json_value(self) -> Result<Value, String>;
}

impl JsonValue for reqwest::Response {
    async fn json_value(self) -> Result<Value, String> {
        let bytes = self
            .bytes()
            .await
            .map_err(|e| e.without_url().to_string())?;
        serde_json::from_slice(&bytes).map_err(|e| format!("answer is not JSON: {e}"))
    }
}
