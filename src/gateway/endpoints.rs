//! The endpoints for backends (go-wx-gateway's `common-endpoints`, bugs fixed), `/token` and
//! the WeChat API pass-through. The bodies are the backend contract's (`backend::endpoints`);
//! the statuses are `error::EndpointError`'s.

use serde_json::Value;
use warp::http::{Method, StatusCode};
use warp::reply::Response;

use super::error::{EndpointError, json_answer, with_type};
use super::oauth::{CodeCache, MAX_CODE_LEN};
use super::router::Request;
use crate::backend::endpoints as contract;
use crate::config::Endpoint;
use crate::untrusted::excerpt;
use crate::wechat::oauth::encode_component;
use crate::wechat::signature;
use crate::wxapi::{Broker, Brokers};
use crate::{clock, random};

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

/// A 400 whose message may quote the request: cut and escaped, never echoed at length.
fn bad(msg: impl Into<String>) -> EndpointError {
    EndpointError::BadRequest(excerpt(&msg.into()))
}

fn ok(extra: Value) -> Result<Response, EndpointError> {
    Ok(json_answer(StatusCode::OK, "OK", extra))
}

/// The account named by `s`.
fn broker<'a>(brokers: &'a Brokers, s: Option<&str>) -> Result<&'a Broker, EndpointError> {
    let s = s.ok_or_else(|| bad("parameter s (service name) is required"))?;
    brokers
        .get(s)
        .map(AsRef::as_ref)
        .ok_or_else(|| bad(format!("no service {s:?}")))
}

/// Dispatches one endpoint call.
pub async fn handle(
    ep: Endpoint,
    brokers: &Brokers,
    codes: &CodeCache,
    req: &Request,
    body: &[u8],
) -> Result<Response, EndpointError> {
    if ep == Endpoint::ShortUrl {
        return Err(EndpointError::Gone(
            "WeChat has shut the short-url API down",
        ));
    }
    let post = matches!(ep, Endpoint::TmplMsg | Endpoint::SignJsapi);
    if req.method != if post { Method::POST } else { Method::GET } {
        return Err(EndpointError::MethodNotAllowed);
    }
    // POST endpoints take their parameters from the body (form or JSON), GET from the query.
    let p = match ep {
        Endpoint::SignJsapi => params(std::str::from_utf8(body).unwrap_or("")),
        _ => params(&req.query),
    };
    let json_body: Option<Value> = if ep == Endpoint::TmplMsg {
        Some(serde_json::from_slice(body).map_err(|e| bad(format!("body is not JSON: {e}")))?)
    } else {
        None
    };
    let s = json_body
        .as_ref()
        .and_then(|v| v.get("s"))
        .and_then(Value::as_str)
        .or_else(|| param(&p, "s"));
    let broker = broker(brokers, s)?;
    match ep {
        Endpoint::Token => {
            let t = broker.access_token().await?;
            ok(contract::token(&t, clock::unix_now().max(0) as u64))
        }
        Endpoint::WxUser => {
            let o = param(&p, "o").ok_or_else(|| bad("parameter o (openid) is required"))?;
            let q = format!("openid={}&lang=zh_CN", encode_component(o));
            ok(contract::user(broker.get("/cgi-bin/user/info", &q).await?))
        }
        Endpoint::WxQr => {
            let scene = param(&p, "sceneid").unwrap_or("0");
            let forever = match param(&p, "t").unwrap_or("temp") {
                "temp" => false,
                "forever" => true,
                other => return Err(bad(format!("t must be temp or forever, got {other:?}"))),
            };
            let expire: u64 = match param(&p, "e").map(str::parse).transpose() {
                Ok(e) => e.unwrap_or(30).clamp(1, 2_592_000),
                Err(_) => return Err(bad("e must be a number of seconds")),
            };
            let request = contract::qr_request(scene, forever, expire);
            let v = broker.post("/cgi-bin/qrcode/create", &request).await?;
            let ticket = v.get("ticket").and_then(Value::as_str).unwrap_or("");
            let show = format!(
                "https://mp.weixin.qq.com/cgi-bin/showqrcode?ticket={}",
                encode_component(ticket)
            );
            ok(contract::qr(&v, show))
        }
        Endpoint::SnsAuth2 => {
            let code = param(&p, "code").ok_or_else(|| bad("parameter code is required"))?;
            if code.len() > MAX_CODE_LEN {
                return Err(bad(format!(
                    "parameter code is longer than {MAX_CODE_LEN} bytes"
                )));
            }
            let want_userinfo = matches!(param(&p, "scope"), Some("userinfo" | "snsapi_userinfo"));
            let id = codes.exchange(broker, code, want_userinfo).await?;
            ok(contract::sns(&id))
        }
        Endpoint::TmplMsg => {
            let request =
                contract::template_request(&json_body.unwrap_or_default()).map_err(bad)?;
            let r = broker
                .post("/cgi-bin/message/template/send", &request)
                .await?;
            ok(contract::template_sent(&r))
        }
        Endpoint::SignJsapi => {
            let u = param(&p, "u").ok_or_else(|| bad("parameter u (the page URL) is required"))?;
            let url = u.split('#').next().unwrap_or(u);
            let ticket = broker.jsapi_ticket().await?;
            let nonce = random::alphanumeric(16);
            let ts = clock::unix_now();
            let sig = signature::jsapi(&ticket.value, &nonce, &ts.to_string(), url);
            ok(contract::jsapi(&broker.app_id, &nonce, ts, &sig, url))
        }
        Endpoint::ShortUrl => Err(EndpointError::Gone(
            "WeChat has shut the short-url API down",
        )),
    }
}

/// A WeChat API path for the pass-through: `/a/b…` where no segment, once percent-decoded, is
/// `.` or `..` or holds a `/` or `\`. The URL parser that builds the outbound request takes
/// `%2e%2e` and `.%2E` for `..` and a `\` for a `/`, so checking the raw text is not enough.
/// (The joined URL is checked again against `wechat-api-base`: `wxapi::Api`.)
fn check_api_path(rest: &str) -> Result<(), EndpointError> {
    let refuse = |why: &str| bad(format!("not a WeChat API path: {why}"));
    let segments = rest
        .strip_prefix('/')
        .ok_or_else(|| refuse("it must start with /"))?;
    for segment in segments.split('/') {
        let decoded: Vec<u8> = percent_encoding::percent_decode_str(segment).collect();
        if matches!(decoded.as_slice(), b"." | b"..") {
            return Err(refuse("no . or .. segments"));
        }
        if decoded.iter().any(|b| matches!(b, b'/' | b'\\')) {
            return Err(refuse("no encoded / or \\ in a segment"));
        }
    }
    Ok(())
}

/// `{api-proxy-path}/<wechat path>?s=NAME&…`: forwards to `wechat-api-base` with the
/// account's access_token added, retrying once when WeChat says the token is invalid.
pub async fn api_proxy(
    brokers: &Brokers,
    req: &Request,
    rest: &str,
    body: &[u8],
) -> Result<Response, EndpointError> {
    let p = params(&req.query);
    let broker = broker(brokers, param(&p, "s"))?;
    check_api_path(rest)?;
    let forwarded: String = form_urlencoded::Serializer::new(String::new())
        .extend_pairs(p.iter().filter(|(k, _)| k != "s" && k != "access_token"))
        .finish();
    let relayed = broker.relay(&req.method, rest, &forwarded, body).await?;
    let mut res = with_type(relayed.body.to_vec(), "application/json");
    *res.status_mut() = relayed.status;
    match relayed.content_type {
        Some(c) => {
            res.headers_mut()
                .insert(warp::http::header::CONTENT_TYPE, c);
        }
        None => {
            res.headers_mut().remove(warp::http::header::CONTENT_TYPE);
        }
    }
    Ok(res)
}
