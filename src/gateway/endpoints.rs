//! The endpoints for backends (go-wx-gateway's `common-endpoints`, bugs fixed), `/token` and
//! the WeChat API pass-through. Answers use go-wx-gateway's `{"code":…,"msg":…}` shape with the
//! same HTTP status.

use serde_json::{Value, json};
use warp::http::{HeaderValue, Method, StatusCode, header};
use warp::reply::{Reply as _, Response};

use super::oauth::{self, CodeCache};
use super::wxapi::{ApiError, Brokers, check_errcode};
use crate::wechat::oauth::encode_component;
use crate::wechat::signature;

/// Which endpoint a path is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Endpoint {
    WxQr,
    WxUser,
    SnsAuth2,
    ShortUrl,
    TmplMsg,
    SignJsapi,
    Token,
}

/// `{"code":status,"msg":…}` plus `extra`'s fields, with that status.
pub fn answer(status: StatusCode, msg: &str, extra: Value) -> Response {
    let mut body = json!({"code": status.as_u16(), "msg": msg});
    if let (Some(b), Value::Object(e)) = (body.as_object_mut(), extra) {
        b.extend(e);
    }
    let mut res = body.to_string().into_response();
    *res.status_mut() = status;
    res.headers_mut().insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("application/json"),
    );
    res
}

fn bad(msg: &str) -> Response {
    answer(StatusCode::BAD_REQUEST, msg, json!({}))
}

/// A WeChat failure as 502 (their side) — the message is already scrubbed of secrets.
fn upstream(e: &ApiError) -> Response {
    let status = match e {
        ApiError::NoSecret(_) => StatusCode::BAD_REQUEST,
        _ => StatusCode::BAD_GATEWAY,
    };
    let mut extra = json!({});
    if let ApiError::WeChat { code, .. } = e {
        extra = json!({"errcode": code});
    }
    answer(status, &e.to_string(), extra)
}

fn params(raw: &str) -> Vec<(String, String)> {
    form_urlencoded::parse(raw.as_bytes())
        .into_owned()
        .collect()
}

fn param<'a>(p: &'a [(String, String)], name: &str) -> Option<&'a str> {
    p.iter()
        .find(|(k, _)| k == name)
        .map(|(_, v)| v.as_str())
        .filter(|v| !v.is_empty())
}

/// Dispatches one endpoint call.
pub async fn handle(
    ep: Endpoint,
    brokers: &Brokers,
    codes: &CodeCache,
    method: &Method,
    query: &str,
    body: &[u8],
) -> Response {
    let allowed = match ep {
        Endpoint::TmplMsg | Endpoint::SignJsapi | Endpoint::ShortUrl => *method == Method::POST,
        _ => *method == Method::GET,
    };
    if !allowed && ep != Endpoint::ShortUrl {
        return answer(
            StatusCode::METHOD_NOT_ALLOWED,
            "method not allowed",
            json!({}),
        );
    }
    if ep == Endpoint::ShortUrl {
        return answer(
            StatusCode::GONE,
            "WeChat has shut the short-url API down",
            json!({}),
        );
    }
    // POST endpoints take their parameters from the body (form or JSON), GET from the query.
    let p = match ep {
        Endpoint::SignJsapi => params(std::str::from_utf8(body).unwrap_or("")),
        _ => params(query),
    };
    let json_body: Option<Value> = if ep == Endpoint::TmplMsg {
        match serde_json::from_slice(body) {
            Ok(v) => Some(v),
            Err(e) => return bad(&format!("body is not JSON: {e}")),
        }
    } else {
        None
    };
    let s = json_body
        .as_ref()
        .and_then(|v| v.get("s"))
        .and_then(Value::as_str)
        .or_else(|| param(&p, "s"));
    let Some(s) = s else {
        return bad("parameter s (service name) is required");
    };
    let Some(broker) = brokers.get(s) else {
        return bad(&format!("no service {s:?}"));
    };
    match ep {
        Endpoint::Token => match broker.access_token().await {
            Ok(t) => {
                let now = std::time::SystemTime::now()
                    .duration_since(std::time::UNIX_EPOCH)
                    .map(|d| d.as_secs())
                    .unwrap_or(0);
                answer(
                    StatusCode::OK,
                    "OK",
                    json!({"token": t.value, "expiresAt": t.expires_at, "expiresIn": t.expires_at.saturating_sub(now)}),
                )
            }
            Err(e) => upstream(&e),
        },
        Endpoint::WxUser => {
            let Some(o) = param(&p, "o") else {
                return bad("parameter o (openid) is required");
            };
            match broker
                .get(
                    "/cgi-bin/user/info",
                    &format!("openid={}&lang=zh_CN", encode_component(o)),
                )
                .await
            {
                Ok(info) => answer(StatusCode::OK, "OK", json!({"userInfo": info})),
                Err(e) => upstream(&e),
            }
        }
        Endpoint::WxQr => {
            let scene = param(&p, "sceneid").unwrap_or("0");
            let forever = match param(&p, "t").unwrap_or("temp") {
                "temp" => false,
                "forever" => true,
                other => return bad(&format!("t must be temp or forever, got {other:?}")),
            };
            let expire: u64 = match param(&p, "e").map(str::parse).transpose() {
                Ok(e) => e.unwrap_or(30).clamp(1, 2_592_000),
                Err(_) => return bad("e must be a number of seconds"),
            };
            let req = if forever {
                json!({"action_name": "QR_LIMIT_STR_SCENE", "action_info": {"scene": {"scene_str": scene}}})
            } else {
                json!({"expire_seconds": expire, "action_name": "QR_STR_SCENE", "action_info": {"scene": {"scene_str": scene}}})
            };
            match broker.post("/cgi-bin/qrcode/create", &req).await {
                Ok(v) => {
                    let ticket = v.get("ticket").and_then(Value::as_str).unwrap_or("");
                    answer(
                        StatusCode::OK,
                        "OK",
                        json!({"result": {
                            "ticketURL2ShowQrCode": format!("https://mp.weixin.qq.com/cgi-bin/showqrcode?ticket={}", encode_component(ticket)),
                            "urlIncluedInQrcode": v.get("url").cloned().unwrap_or(Value::Null),
                            "expireSeconds": v.get("expire_seconds").cloned().unwrap_or(Value::Null),
                        }}),
                    )
                }
                Err(e) => upstream(&e),
            }
        }
        Endpoint::SnsAuth2 => {
            let Some(code) = param(&p, "code") else {
                return bad("parameter code is required");
            };
            let want_userinfo = matches!(param(&p, "scope"), Some("userinfo" | "snsapi_userinfo"));
            let secret = broker.secret_for_oauth();
            match oauth::exchange_cached(broker, codes, secret, code, want_userinfo).await {
                Ok(id) => answer(
                    StatusCode::OK,
                    "OK",
                    json!({"openId": id.open_id, "userInfo": id.user_info, "error": id.user_info_error}),
                ),
                Err(e) => upstream(&e),
            }
        }
        Endpoint::TmplMsg => {
            let v = json_body.unwrap_or_default();
            let field = |k: &str| v.get(k).and_then(Value::as_str).filter(|s| !s.is_empty());
            let (Some(to), Some(tid)) = (field("to"), field("tid")) else {
                return bad("to and tid are required");
            };
            let Some(data) = v
                .get("data")
                .and_then(Value::as_object)
                .filter(|d| !d.is_empty())
            else {
                return bad("data (a non-empty object) is required");
            };
            let data: serde_json::Map<String, Value> = data
                .iter()
                .map(|(k, val)| {
                    let item = match val {
                        Value::Object(_) => val.clone(),
                        Value::String(s) => json!({"value": s}),
                        other => json!({"value": other.to_string()}),
                    };
                    (k.clone(), item)
                })
                .collect();
            let mut req = json!({"touser": to, "template_id": tid, "data": data});
            if let Some(url) = field("url") {
                req["url"] = json!(url);
            }
            if let Some(mp) = v.get("mp").and_then(Value::as_object) {
                req["miniprogram"] =
                    json!({"appid": mp.get("appid"), "pagepath": mp.get("pagepath")});
            }
            match broker.post("/cgi-bin/message/template/send", &req).await {
                Ok(r) => answer(
                    StatusCode::OK,
                    "OK",
                    json!({"msgid": r.get("msgid").cloned().unwrap_or(Value::Null)}),
                ),
                Err(e) => upstream(&e),
            }
        }
        Endpoint::SignJsapi => {
            let Some(u) = param(&p, "u") else {
                return bad("parameter u (the page URL) is required");
            };
            let url = u.split('#').next().unwrap_or(u);
            match broker.jsapi_ticket().await {
                Ok(t) => {
                    let nonce = nonce_str();
                    let ts = std::time::SystemTime::now()
                        .duration_since(std::time::UNIX_EPOCH)
                        .map(|d| d.as_secs())
                        .unwrap_or(0);
                    let sig = signature::jsapi(&t.value, &nonce, &ts.to_string(), url);
                    answer(
                        StatusCode::OK,
                        "OK",
                        json!({"params": {"appId": broker.app_id, "nonce": nonce, "nonceStr": nonce, "timestamp": ts, "signature": sig, "url": url}}),
                    )
                }
                Err(e) => upstream(&e),
            }
        }
        Endpoint::ShortUrl => answer(StatusCode::GONE, "gone", json!({})),
    }
}

/// 16 random characters from `[A-Za-z0-9]` (OS CSPRNG).
fn nonce_str() -> String {
    const CHARS: &[u8] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
    let mut b = [0u8; 16];
    getrandom::fill(&mut b).expect("the operating system's random number generator failed");
    b.iter()
        .map(|x| CHARS[*x as usize % CHARS.len()] as char)
        .collect()
}

/// `{api-proxy-path}/<wechat path>?s=NAME&…`: forwards to `wechat-api-base` with the
/// account's access_token added, retrying once when WeChat says the token is invalid.
pub async fn api_proxy(
    brokers: &Brokers,
    method: &Method,
    rest: &str,
    query: &str,
    body: &[u8],
) -> Response {
    let p = params(query);
    let Some(s) = param(&p, "s") else {
        return bad("parameter s (service name) is required");
    };
    let Some(broker) = brokers.get(s) else {
        return bad(&format!("no service {s:?}"));
    };
    if !rest.starts_with('/') || rest.contains("..") {
        return bad("not a WeChat API path");
    }
    let forwarded: String = form_urlencoded::Serializer::new(String::new())
        .extend_pairs(p.iter().filter(|(k, _)| k != "s" && k != "access_token"))
        .finish();
    let method = method.clone();
    let result = broker
        .with_token(|token| {
            let (method, forwarded, body) = (method.clone(), forwarded.clone(), body.to_vec());
            async move {
                let sep = if forwarded.is_empty() { "" } else { "&" };
                let url = format!(
                    "{}{rest}?access_token={token}{sep}{forwarded}",
                    broker.api().base()
                );
                let res = broker
                    .api()
                    .http()
                    .request(method, url)
                    .header(header::CONTENT_TYPE, "application/json")
                    .body(body)
                    .send()
                    .await
                    .map_err(|e| ApiError::Network(e.without_url().to_string()))?;
                let status = res.status();
                let ctype = res.headers().get(header::CONTENT_TYPE).cloned();
                let bytes = res
                    .bytes()
                    .await
                    .map_err(|e| ApiError::Network(e.without_url().to_string()))?;
                // An invalid-token answer becomes an error so that with_token retries once.
                if let Ok(v) = serde_json::from_slice::<Value>(&bytes)
                    && let Err(e) = check_errcode(v, &[&token])
                    && e.is_invalid_token()
                {
                    return Err(e);
                }
                Ok((status, ctype, bytes))
            }
        })
        .await;
    match result {
        Ok((status, ctype, bytes)) => {
            let mut res = bytes.to_vec().into_response();
            *res.status_mut() = status;
            if let Some(c) = ctype {
                res.headers_mut().insert(header::CONTENT_TYPE, c);
            }
            res
        }
        Err(e) => upstream(&e),
    }
}
