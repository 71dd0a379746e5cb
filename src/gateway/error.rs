//! The one map from gateway errors to HTTP statuses. Every refusal the gateway makes is a
//! variant here, with a short plain-text body that never holds a secret or a stack trace.

use warp::http::{HeaderValue, StatusCode, header};
use warp::reply::{Reply, Response};

use crate::wechat;

/// Why a request was refused.
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
    #[error("timestamp outside the accepted window")]
    Expired,
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
            Error::BadSignature | Error::Expired | Error::EncryptionRequired => {
                StatusCode::FORBIDDEN
            }
            Error::TooLarge(_) => StatusCode::PAYLOAD_TOO_LARGE,
            Error::BodyTimeout => StatusCode::REQUEST_TIMEOUT,
            Error::Overloaded => StatusCode::SERVICE_UNAVAILABLE,
            Error::Wechat(e) => match e {
                wechat::Error::Signature => StatusCode::FORBIDDEN,
                wechat::Error::AppId => StatusCode::FORBIDDEN,
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
            Error::Expired => "expired",
            Error::TooLarge(_) => "too-large",
            Error::BodyTimeout => "body-timeout",
            Error::BodyRead | Error::EmptyBody | Error::NotUtf8 => "bad-body",
            Error::UnsupportedEncryptType(_) | Error::NoAesKey | Error::EncryptionRequired => {
                "bad-mode"
            }
            Error::Wechat(wechat::Error::AppId) => "wrong-appid",
            Error::Wechat(_) => "bad-payload",
            Error::Overloaded => "overloaded",
        }
    }

    pub fn into_response(self) -> Response {
        let mut res = format!("{self}\n").into_response();
        *res.status_mut() = self.status();
        res.headers_mut().insert(
            header::CONTENT_TYPE,
            HeaderValue::from_static("text/plain; charset=utf-8"),
        );
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
    }
}
