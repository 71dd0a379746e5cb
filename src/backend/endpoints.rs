//! The endpoints for backends (go-wx-gateway's `common-endpoints`, `/token`): the
//! `{"code":…,"msg":…}` answer every one of them gives, the fields each adds, and the
//! template-message body a backend posts.

use serde_json::{Map, Value, json};

use crate::wxapi::{Cached, Identity};

/// `{"code":<status>,"msg":…}` plus `extra`'s fields: go-wx-gateway's answer shape, with the
/// HTTP status repeated in `code`.
pub fn answer(status: u16, msg: &str, extra: Value) -> String {
    let mut body = json!({"code": status, "msg": msg});
    if let (Some(b), Value::Object(e)) = (body.as_object_mut(), extra) {
        b.extend(e);
    }
    body.to_string()
}

/// `/token`: `{token, expiresAt, expiresIn}`.
pub fn token(t: &Cached, now: u64) -> Value {
    json!({"token": t.value, "expiresAt": t.expires_at, "expiresIn": t.expires_at.saturating_sub(now)})
}

/// `wx-user`: `{userInfo}`.
pub fn user(info: Value) -> Value {
    json!({ "userInfo": info })
}

/// `wx-qr`: WeChat's qrcode/create request for a scene.
pub fn qr_request(scene: &str, forever: bool, expire_seconds: u64) -> Value {
    if forever {
        json!({"action_name": "QR_LIMIT_STR_SCENE", "action_info": {"scene": {"scene_str": scene}}})
    } else {
        json!({"expire_seconds": expire_seconds, "action_name": "QR_STR_SCENE", "action_info": {"scene": {"scene_str": scene}}})
    }
}

/// `wx-qr`: `{result: {ticketURL2ShowQrCode, urlIncluedInQrcode, expireSeconds}}` (the
/// misspelling is go-wx-gateway's, kept for its backends).
pub fn qr(wechat: &Value, show_url: String) -> Value {
    json!({"result": {
        "ticketURL2ShowQrCode": show_url,
        "urlIncluedInQrcode": wechat.get("url").cloned().unwrap_or(Value::Null),
        "expireSeconds": wechat.get("expire_seconds").cloned().unwrap_or(Value::Null),
    }})
}

/// `sns-auth2`: `{openId, userInfo, error}`.
pub fn sns(id: &Identity) -> Value {
    json!({"openId": id.open_id, "userInfo": id.user_info, "error": id.user_info_error})
}

/// `tmpl-msg`: `{msgid}`.
pub fn template_sent(wechat: &Value) -> Value {
    json!({"msgid": wechat.get("msgid").cloned().unwrap_or(Value::Null)})
}

/// `sign-jsapi`: `{params: {appId, nonce, nonceStr, timestamp, signature, url}}`.
pub fn jsapi(app_id: &str, nonce: &str, timestamp: i64, signature: &str, url: &str) -> Value {
    json!({"params": {"appId": app_id, "nonce": nonce, "nonceStr": nonce, "timestamp": timestamp, "signature": signature, "url": url}})
}

/// `tmpl-msg`'s body, `{s, to, tid, data, url?, mp?}`, turned into WeChat's
/// message/template/send request. `data` values may be plain strings (wrapped as `{value}`).
pub fn template_request(body: &Value) -> Result<Value, &'static str> {
    let field = |k: &str| {
        body.get(k)
            .and_then(Value::as_str)
            .filter(|s| !s.is_empty())
    };
    let (Some(to), Some(tid)) = (field("to"), field("tid")) else {
        return Err("to and tid are required");
    };
    let Some(data) = body
        .get("data")
        .and_then(Value::as_object)
        .filter(|d| !d.is_empty())
    else {
        return Err("data (a non-empty object) is required");
    };
    let data: Map<String, Value> = data
        .iter()
        .map(|(k, val)| {
            let item = match val {
                Value::Object(_) => val.clone(),
                Value::String(s) => json!({ "value": s }),
                other => json!({"value": other.to_string()}),
            };
            (k.clone(), item)
        })
        .collect();
    let mut req = json!({"touser": to, "template_id": tid, "data": data});
    if let Some(url) = field("url") {
        req["url"] = json!(url);
    }
    if let Some(mp) = body.get("mp").and_then(Value::as_object) {
        req["miniprogram"] = json!({"appid": mp.get("appid"), "pagepath": mp.get("pagepath")});
    }
    Ok(req)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn answer_shape() {
        let v: Value = serde_json::from_str(&answer(400, "bad", json!({"x": 1}))).unwrap();
        assert_eq!(v, json!({"code": 400, "msg": "bad", "x": 1}));
    }

    #[test]
    fn template_request_wraps_values() {
        let r = template_request(&json!({"to": "o", "tid": "T", "data": {"a": "x", "b": 2, "c": {"value": "v", "color": "#f00"}}, "mp": {"appid": "wxa"}}))
            .unwrap();
        assert_eq!(r["data"]["a"], json!({"value": "x"}));
        assert_eq!(r["data"]["b"], json!({"value": "2"}));
        assert_eq!(r["data"]["c"]["color"], "#f00");
        assert_eq!(r["miniprogram"]["appid"], "wxa");
        assert!(template_request(&json!({"to": "o"})).is_err());
        assert!(template_request(&json!({"to": "o", "tid": "T", "data": {}})).is_err());
    }
}
