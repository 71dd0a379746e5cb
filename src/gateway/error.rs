//! The one map from refusals to HTTP statuses, one error type per group of routes, each with
//! its body format: the WeChat callback and health checks answer plain text ([`Error`]), the
//! endpoints for backends JSON in go-wx-gateway's `{code,msg}` shape ([`EndpointError`]), the
//! OAuth redirect a small HTML page for the user's browser ([`PageError`]). No body ever holds a
//! secret or a stack trace.

use warp::http::{HeaderValue, StatusCode, header};
use warp::reply::{Reply, Response};

use crate::backend;
use crate::wechat;
use crate::wxapi::ApiError;

/// Why a request to the WeChat callback (or any unknown path) was refused: plain text.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    #[error("not found")]
    NotFound,
    #[error("method not allowed")]
    MethodNotAllowed(&'static str),
    #[error("missing query parameter {0}")]
    MissingParam(&'static str),
    #[error("signature mismatch")]
    BadSignature,
    #[error("timestamp outside the accepted window{}", skew_text(.skew))]
    Expired {
        /// Server time minus the signature's timestamp, in seconds, when it parsed.
        skew: Option<i64>,
    },
    #[error("this signed request was used before: replay refused")]
    Replay,
    #[error("this signature was used before with another message: forgery refused")]
    Forgery,
    #[error("request body exceeds {0} bytes")]
    TooLarge(usize),
    #[error("request body not received in time")]
    BodyTimeout,
    #[error("request body could not be read")]
    BodyRead,
    #[error("empty request body")]
    EmptyBody,
    #[error("body is not UTF-8")]
    NotUtf8,
    #[error("unsupported encrypt_type {0:?}")]
    UnsupportedEncryptType(String),
    #[error("encrypt_type=aes but this service has no aes-key configured")]
    NoAesKey,
    #[error("this service requires encrypted pushes (encrypt_type=aes)")]
    EncryptionRequired,
    #[error("{0}")]
    Wechat(#[from] wechat::Error),
    #[error("too many pushes waiting for a backend slot; retry later")]
    Overloaded,
    /// `hold-for-retries`: this try is left unanswered so that WeChat retries; by now WeChat
    /// has stopped listening, so nobody but a test or `simulate` sees this.
    #[error("the backend has not answered yet; WeChat's retry of this push will get the reply")]
    Held,
}

fn skew_text(skew: &Option<i64>) -> String {
    skew.map(|s| format!(" ({s} s from this server's clock)"))
        .unwrap_or_default()
}

impl Error {
    pub fn status(&self) -> StatusCode {
        match self {
            Error::NotFound => StatusCode::NOT_FOUND,
            Error::MethodNotAllowed(_) => StatusCode::METHOD_NOT_ALLOWED,
            Error::MissingParam(_)
            | Error::EmptyBody
            | Error::NotUtf8
            | Error::BodyRead
            | Error::UnsupportedEncryptType(_)
            | Error::NoAesKey => StatusCode::BAD_REQUEST,
            Error::BadSignature
            | Error::Expired { .. }
            | Error::Replay
            | Error::Forgery
            | Error::EncryptionRequired => StatusCode::FORBIDDEN,
            Error::TooLarge(_) => StatusCode::PAYLOAD_TOO_LARGE,
            Error::BodyTimeout => StatusCode::REQUEST_TIMEOUT,
            Error::Overloaded => StatusCode::SERVICE_UNAVAILABLE,
            Error::Held => StatusCode::GATEWAY_TIMEOUT,
            Error::Wechat(e) => match e {
                wechat::Error::Signature | wechat::Error::AppId => StatusCode::FORBIDDEN,
                _ => StatusCode::BAD_REQUEST,
            },
        }
    }

    /// A short name for the log line's `outcome`.
    pub fn outcome(&self) -> &'static str {
        match self {
            Error::NotFound => "not-found",
            Error::MethodNotAllowed(_) => "method-not-allowed",
            Error::MissingParam(_) => "missing-param",
            Error::BadSignature | Error::Wechat(wechat::Error::Signature) => "bad-signature",
            Error::Expired { .. } => "expired",
            Error::Replay => "replay",
            Error::Forgery => "forgery",
            Error::TooLarge(_) => "too-large",
            Error::BodyTimeout => "body-timeout",
            Error::BodyRead
            | Error::EmptyBody
            | Error::NotUtf8
            | Error::Wechat(wechat::Error::NotUtf8) => "bad-body",
            Error::UnsupportedEncryptType(_) | Error::NoAesKey | Error::EncryptionRequired => {
                "bad-mode"
            }
            Error::Wechat(wechat::Error::AppId) => "wrong-appid",
            Error::Wechat(_) => "bad-payload",
            Error::Overloaded => "overloaded",
            Error::Held => "held",
        }
    }

    /// For the log line of an expired signature: how far its clock is from ours.
    pub fn skew(&self) -> Option<i64> {
        match self {
            Error::Expired { skew } => *skew,
            _ => None,
        }
    }

    pub fn into_response(self) -> Response {
        let mut res = with_type(format!("{self}\n"), "text/plain; charset=utf-8");
        *res.status_mut() = self.status();
        if let Error::MethodNotAllowed(allow) = self {
            res.headers_mut()
                .insert(header::ALLOW, HeaderValue::from_static(allow));
        }
        if matches!(self, Error::Overloaded) {
            res.headers_mut()
                .insert(header::RETRY_AFTER, HeaderValue::from_static("1"));
        }
        res
    }
}

/// A body with its content type.
pub fn with_type(body: impl Reply, content_type: &'static str) -> Response {
    let mut res = body.into_response();
    res.headers_mut()
        .insert(header::CONTENT_TYPE, HeaderValue::from_static(content_type));
    res
}

/// Why a call to an endpoint for backends (or the API pass-through) failed: JSON.
#[derive(Debug, thiserror::Error)]
pub enum EndpointError {
    #[error("Authorization: Bearer <admin-token> required")]
    Unauthorized,
    #[error("method not allowed")]
    MethodNotAllowed,
    #[error("{0}")]
    Gone(&'static str),
    #[error("{0}")]
    BadRequest(String),
    /// The request body could not be read (too large, too slow, broken).
    #[error("{0}")]
    Body(Error),
    /// WeChat refused or failed; the message is already scrubbed of secrets.
    #[error("{0}")]
    Upstream(#[from] ApiError),
}

impl EndpointError {
    pub fn status(&self) -> StatusCode {
        match self {
            EndpointError::Unauthorized => StatusCode::UNAUTHORIZED,
            EndpointError::MethodNotAllowed => StatusCode::METHOD_NOT_ALLOWED,
            EndpointError::Gone(_) => StatusCode::GONE,
            EndpointError::BadRequest(_)
            | EndpointError::Upstream(ApiError::NoSecret(_) | ApiError::OutsideBase) => {
                StatusCode::BAD_REQUEST
            }
            EndpointError::Body(e) => e.status(),
            EndpointError::Upstream(_) => StatusCode::BAD_GATEWAY,
        }
    }

    pub fn into_response(self) -> Response {
        let extra = match &self {
            EndpointError::Upstream(ApiError::WeChat { code, .. }) => {
                serde_json::json!({ "errcode": code })
            }
            _ => serde_json::json!({}),
        };
        let status = self.status();
        json_answer(status, &self.to_string(), extra)
    }
}

/// An endpoint's answer: `{code, msg, …extra}` with that status.
pub fn json_answer(status: StatusCode, msg: &str, extra: serde_json::Value) -> Response {
    let mut res = with_type(
        backend::endpoints::answer(status.as_u16(), msg, extra),
        "application/json",
    );
    *res.status_mut() = status;
    res
}

/// Why the OAuth redirect could not take the user on: an HTML page for their browser.
#[derive(Debug, thiserror::Error)]
pub enum PageError {
    #[error("WeChat did not pass an authorization code")]
    NoCode,
    #[error("{0}")]
    Exchange(ApiError),
    #[error("the menu handler did not answer")]
    Handler,
    #[error("method not allowed")]
    MethodNotAllowed,
    /// This client address asked too often; retry after this many seconds.
    #[error("too many requests")]
    TooMany(u64),
    /// As many code exchanges as the service allows are under way.
    #[error("too many logins at once")]
    Busy,
    /// The code was exchanged for another browser, and no link back to WeChat could be built
    /// from the request (no Host).
    #[error("this link was opened in another browser")]
    CodeReused,
}

impl PageError {
    pub fn status(&self) -> StatusCode {
        match self {
            PageError::NoCode | PageError::CodeReused => StatusCode::BAD_REQUEST,
            PageError::Exchange(_) | PageError::Handler => StatusCode::BAD_GATEWAY,
            PageError::MethodNotAllowed => StatusCode::METHOD_NOT_ALLOWED,
            PageError::TooMany(_) => StatusCode::TOO_MANY_REQUESTS,
            PageError::Busy => StatusCode::SERVICE_UNAVAILABLE,
        }
    }

    pub fn into_response(self) -> Response {
        let (title, detail) = match &self {
            PageError::NoCode => (
                "未获得授权 / Authorization not granted",
                "WeChat did not pass an authorization code: the request was declined or did not come from a WeChat menu.".to_owned(),
            ),
            PageError::Exchange(e) => ("授权失败 / Authorization failed", e.to_string()),
            PageError::Handler => (
                "服务暂不可用 / Service unavailable",
                "The menu handler did not answer.".to_owned(),
            ),
            PageError::MethodNotAllowed => ("Method not allowed", "Use GET.".to_owned()),
            PageError::TooMany(_) | PageError::Busy => (
                "请稍后再试 / Please try again shortly",
                "Too many requests at once. Wait a moment, then reload the page.".to_owned(),
            ),
            PageError::CodeReused => (
                "链接已使用 / Link already used",
                "This link was opened in another browser. Open it again from the menu.".to_owned(),
            ),
        };
        let mut res = page(title, &detail);
        *res.status_mut() = self.status();
        let retry_after = match self {
            PageError::MethodNotAllowed => {
                res.headers_mut()
                    .insert(header::ALLOW, HeaderValue::from_static("GET"));
                None
            }
            PageError::TooMany(secs) => Some(secs.max(1)),
            PageError::Busy => Some(1),
            _ => None,
        };
        if let Some(secs) = retry_after {
            res.headers_mut()
                .insert(header::RETRY_AFTER, HeaderValue::from(secs));
        }
        res
    }
}

/// A small HTML page: title and one paragraph, both escaped.
fn page(title: &str, detail: &str) -> Response {
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
    with_type(body, "text/html; charset=utf-8")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn statuses() {
        assert_eq!(Error::TooLarge(1).status(), 413);
        assert_eq!(Error::Wechat(wechat::Error::Padding).status(), 400);
        assert_eq!(Error::Wechat(wechat::Error::AppId).status(), 403);
        assert_eq!(
            Error::MethodNotAllowed("GET").into_response().headers()["allow"],
            "GET"
        );
        assert_eq!(EndpointError::Unauthorized.status(), 401);
        assert_eq!(
            EndpointError::Upstream(ApiError::NoSecret("a".into())).status(),
            400
        );
        assert_eq!(EndpointError::Upstream(ApiError::Status(500)).status(), 502);
        assert_eq!(PageError::NoCode.status(), 400);
        assert_eq!(PageError::Handler.status(), 502);
        let res = PageError::TooMany(3).into_response();
        assert_eq!(res.status(), 429);
        assert_eq!(res.headers()["retry-after"], "3");
        let res = PageError::Busy.into_response();
        assert_eq!(res.status(), 503);
        assert_eq!(res.headers()["retry-after"], "1");
        assert_eq!(PageError::CodeReused.status(), 400);
    }

    #[test]
    fn page_escapes() {
        let res = PageError::Exchange(ApiError::Decode("<script>".into())).into_response();
        assert_eq!(res.headers()["content-type"], "text/html; charset=utf-8");
    }
}
