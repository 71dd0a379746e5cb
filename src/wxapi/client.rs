//! The HTTP client of `wechat-api-base`: WeChat's JSON answers decoded, a non-zero `errcode`
//! turned into an error, secrets scrubbed from every message, every answer read bounded.

use serde_json::Value;

use super::ApiError;
use crate::upstream::{self, MAX_API_ANSWER, Peer, ReadError};

/// The HTTP client for `wechat-api-base` (TLS verified, timeouts on every call, redirects not
/// followed, answers bounded).
#[derive(Clone)]
pub struct Api {
    http: reqwest::Client,
    /// `wechat-api-base` without its trailing slash, for joining paths to.
    base: String,
    /// The same, parsed: every URL built must stay under it.
    base_url: url::Url,
}

/// A WeChat answer relayed as it came: status, content type and body.
pub struct Relayed {
    pub status: reqwest::StatusCode,
    pub content_type: Option<reqwest::header::HeaderValue>,
    pub body: bytes::Bytes,
}

impl Api {
    pub fn new(base: &url::Url) -> Result<Api, reqwest::Error> {
        Ok(Api {
            http: upstream::client(Peer::WeChat)?,
            base: base.as_str().trim_end_matches('/').to_owned(),
            base_url: base.clone(),
        })
    }

    /// `wechat-api-base`, without its trailing slash.
    pub fn base(&self) -> &str {
        &self.base
    }

    /// `<base><path_and_query>`, parsed as the HTTP client will send it, and refused when the
    /// parser's dot-segment removal (`..`, `%2e%2e`, `.%2E`, …) takes it out of the base's origin
    /// or path.
    fn url(&self, path_and_query: &str) -> Result<url::Url, ApiError> {
        let url = url::Url::parse(&format!("{}{path_and_query}", self.base))
            .map_err(|_| ApiError::OutsideBase)?;
        let base_path = self.base_url.path().trim_end_matches('/');
        let under = url.path() == base_path
            || url
                .path()
                .strip_prefix(base_path)
                .is_some_and(|rest| rest.starts_with('/'));
        if url.origin() != self.base_url.origin() || !under {
            return Err(ApiError::OutsideBase);
        }
        Ok(url)
    }

    /// GET `<base><path_and_query>` and decode WeChat's JSON (non-zero errcode = error).
    pub async fn get(&self, path_and_query: &str, secrets: &[&str]) -> Result<Value, ApiError> {
        let url = self.url(path_and_query)?;
        self.call(self.http.get(url.clone()), &url, secrets).await
    }

    /// POST JSON to `<base><path_and_query>`.
    pub async fn post(
        &self,
        path_and_query: &str,
        body: &Value,
        secrets: &[&str],
    ) -> Result<Value, ApiError> {
        let url = self.url(path_and_query)?;
        let req = self
            .http
            .post(url.clone())
            .header(reqwest::header::CONTENT_TYPE, "application/json")
            .body(body.to_string());
        self.call(req, &url, secrets).await
    }

    /// Any method to `<base><path_and_query>` with a JSON body; the answer comes back as it
    /// came (for the API pass-through), except that an invalid-token errcode is an error, so
    /// the broker can refetch the token and retry.
    pub async fn relay(
        &self,
        method: reqwest::Method,
        path_and_query: &str,
        body: Vec<u8>,
        secrets: &[&str],
    ) -> Result<Relayed, ApiError> {
        let url = self.url(path_and_query)?;
        let res = self
            .http
            .request(method, url.clone())
            .header(reqwest::header::CONTENT_TYPE, "application/json")
            .body(body)
            .send()
            .await
            .map_err(|e| transport(&e, &url, secrets))?;
        let status = res.status();
        let content_type = res.headers().get(reqwest::header::CONTENT_TYPE).cloned();
        let body = upstream::read_bounded(res, upstream::MAX_PASS_THROUGH_ANSWER)
            .await
            .map_err(|e| read_error(e, &url, secrets))?;
        if let Ok(v) = serde_json::from_slice::<Value>(&body)
            && let Err(e) = check_errcode(v, secrets)
            && e.is_invalid_token()
        {
            return Err(e);
        }
        Ok(Relayed {
            status,
            content_type,
            body,
        })
    }

    async fn call(
        &self,
        req: reqwest::RequestBuilder,
        url: &url::Url,
        secrets: &[&str],
    ) -> Result<Value, ApiError> {
        let res = req.send().await.map_err(|e| transport(&e, url, secrets))?;
        let status = res.status().as_u16();
        let bytes = upstream::read_bounded(res, MAX_API_ANSWER)
            .await
            .map_err(|e| read_error(e, url, secrets))?;
        if !(200..300).contains(&status) {
            return Err(ApiError::Status(status));
        }
        let v: Value =
            serde_json::from_slice(&bytes).map_err(|e| ApiError::Decode(e.to_string()))?;
        check_errcode(v, secrets)
    }
}

/// A non-zero `errcode` becomes [`ApiError::WeChat`], its message scrubbed of `secrets`.
pub fn check_errcode(v: Value, secrets: &[&str]) -> Result<Value, ApiError> {
    match v.get("errcode").and_then(Value::as_i64) {
        Some(code) if code != 0 => {
            let msg = v.get("errmsg").and_then(Value::as_str).unwrap_or("");
            Err(ApiError::WeChat {
                code,
                message: scrub(msg, secrets),
            })
        }
        _ => Ok(v),
    }
}

/// Replaces every secret in `s` with `***`.
pub fn scrub(s: &str, secrets: &[&str]) -> String {
    let mut out = s.to_owned();
    for secret in secrets.iter().filter(|x| x.len() >= 4) {
        out = out.replace(secret, "***");
    }
    out
}

/// Where a call went, fit for an error message: scheme, host, port and path. The query is left
/// out because it carries the access_token (or, for cgi-bin/token, the app secret).
pub fn shown(url: &url::Url) -> String {
    format!("{}{}", url.origin().ascii_serialization(), url.path())
}

fn transport(e: &reqwest::Error, url: &url::Url, secrets: &[&str]) -> ApiError {
    let cause = upstream::describe(e);
    ApiError::Network(scrub(&format!("{} ({cause})", shown(url)), secrets))
}

fn read_error(e: ReadError, url: &url::Url, secrets: &[&str]) -> ApiError {
    match e {
        ReadError::TooLarge(n) => ApiError::Decode(format!("answer larger than {n} bytes")),
        ReadError::Transport(t) => {
            ApiError::Network(scrub(&format!("{} ({t})", shown(url)), secrets))
        }
    }
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;

    #[test]
    fn urls_stay_under_the_base() {
        let api = |base: &str| Api::new(&url::Url::parse(base).unwrap()).unwrap();
        let under = api("http://127.0.0.1:1/wechat");
        assert_eq!(
            under.url("/cgi-bin/user/get?x=1").unwrap().as_str(),
            "http://127.0.0.1:1/wechat/cgi-bin/user/get?x=1"
        );
        for escape in [
            "/cgi-bin/../../x",
            "/cgi-bin/%2e%2e/%2e%2e/x",
            "/cgi-bin/.%2E/%2E./x",
            "/..",
            "/../wechat2/x",
        ] {
            assert!(
                matches!(under.url(escape), Err(ApiError::OutsideBase)),
                "{escape}"
            );
        }
        assert!(under.url("/cgi-bin/../sns/x").is_ok());
        assert!(api("https://api.weixin.qq.com").url("/sns/x").is_ok());
    }

    #[test]
    fn shown_urls_keep_no_query_or_credentials() {
        let u = url::Url::parse(
            "https://user:pw@api.weixin.qq.com:8443/cgi-bin/token?grant_type=client_credential&secret=S",
        )
        .unwrap();
        assert_eq!(shown(&u), "https://api.weixin.qq.com:8443/cgi-bin/token");
    }

    #[test]
    fn errcodes_and_scrubbing() {
        let e = check_errcode(
            json!({"errcode":40001,"errmsg":"invalid credential SECRET123 rid: x"}),
            &["SECRET123"],
        )
        .unwrap_err();
        assert!(e.is_invalid_token());
        assert_eq!(
            e.to_string(),
            "WeChat error 40001: invalid credential *** rid: x"
        );
        assert!(check_errcode(json!({"errcode":0,"x":1}), &[]).is_ok());
        assert!(check_errcode(json!({"access_token":"t"}), &[]).is_ok());
        assert!(
            !ApiError::WeChat {
                code: 45009,
                message: String::new()
            }
            .is_invalid_token()
        );
    }
}
