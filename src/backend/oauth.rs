//! The OAuth menu flow's bodies: what `menu-handler` (the seed contract) and `redirect-url`
//! (the newest contract) receive, and the `{h, r, c}` answer of a menu handler.

use serde::Deserialize;
use serde_json::{Map, Value, json};

use crate::wxapi::Identity;

/// POSTed to `menu-handler`: `{appId, openId, state}`.
pub fn menu_handler_body(app_id: &str, id: &Identity, state: &str) -> String {
    json!({"appId": app_id, "openId": id.open_id, "state": state}).to_string()
}

/// POSTed to `redirect-url` (with the browser's headers): `{appId, openId, requestURI, state,
/// userInfo, userInfoError}`.
pub fn redirect_body(app_id: &str, id: &Identity, state: &str, request_uri: &str) -> String {
    json!({"appId": app_id, "openId": id.open_id, "requestURI": request_uri, "state": state,
           "userInfo": id.user_info, "userInfoError": id.user_info_error})
    .to_string()
}

/// Shown to the browser when a service has a redirect-path but no handler:
/// `{appId, openId, state, userInfo}`.
pub fn identity_body(app_id: &str, id: &Identity, state: &str) -> String {
    json!({"appId": app_id, "openId": id.open_id, "state": state, "userInfo": id.user_info})
        .to_string()
}

/// A menu handler's answer: headers to set (`h`), then a redirect to `r` or the HTML `c`.
#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct MenuAnswer {
    pub h: Map<String, Value>,
    pub r: Option<String>,
    pub c: Option<String>,
}

impl MenuAnswer {
    pub fn parse(body: &[u8]) -> Result<MenuAnswer, String> {
        let v: Value =
            serde_json::from_slice(body).map_err(|e| format!("answer is not JSON: {e}"))?;
        // Fields of another type are ignored, as go-wx-gateway's decoder ignored them.
        let text = |k: &str| v.get(k).and_then(Value::as_str).map(str::to_owned);
        Ok(MenuAnswer {
            h: v.get("h")
                .and_then(Value::as_object)
                .cloned()
                .unwrap_or_default(),
            r: text("r").filter(|r| !r.is_empty()),
            c: text("c"),
        })
    }

    /// `(name, value)` of every header in `h`; a name may map to one string or a list.
    pub fn headers(&self) -> impl Iterator<Item = (&str, &str)> {
        self.h.iter().flat_map(|(k, v)| {
            let values: Vec<&str> = match v {
                Value::String(s) => vec![s.as_str()],
                Value::Array(a) => a.iter().filter_map(Value::as_str).collect(),
                _ => Vec::new(),
            };
            values.into_iter().map(move |v| (k.as_str(), v))
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn id() -> Identity {
        Identity {
            open_id: "o1".into(),
            user_info: Some(json!({"nickname": "n"})),
            user_info_error: String::new(),
        }
    }

    #[test]
    fn bodies() {
        let v: Value = serde_json::from_str(&menu_handler_body("wx1", &id(), "s")).unwrap();
        assert_eq!(v, json!({"appId": "wx1", "openId": "o1", "state": "s"}));
        let v: Value = serde_json::from_str(&redirect_body("wx1", &id(), "s", "/r?x")).unwrap();
        assert_eq!(v["requestURI"], "/r?x");
        assert_eq!(v["userInfo"]["nickname"], "n");
        assert_eq!(v["userInfoError"], "");
    }

    #[test]
    fn menu_answer_shapes() {
        let a = MenuAnswer::parse(
            br#"{"h":{"Set-Cookie":["a=1","b=2"],"X":"y","N":1},"r":"","c":"<p>"}"#,
        )
        .unwrap();
        assert_eq!(a.r, None);
        assert_eq!(a.c.as_deref(), Some("<p>"));
        let mut h: Vec<_> = a.headers().collect();
        h.sort();
        assert_eq!(
            h,
            [("Set-Cookie", "a=1"), ("Set-Cookie", "b=2"), ("X", "y")]
        );
        assert!(MenuAnswer::parse(b"<html>").is_err());
    }
}
