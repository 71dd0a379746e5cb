//! The WeChat API client and the per-account access-token broker, used by the gateway and the
//! command line alike.
//!
//! One place holds each account's access_token (and jsapi_ticket): concurrent callers share one
//! in-flight fetch, tokens are refreshed ahead of expiry in the background, and an
//! invalid-token answer (40001/40014/42001) invalidates the token only if it is still the
//! current one, then the call is retried once. `token-cache-dir` keeps go-wx-gateway's file
//! format, written atomically, so both can share tokens during a migration. No error or log
//! line ever holds the app secret or a token: URLs are stripped from transport errors and
//! WeChat's messages are scrubbed.

mod broker;
mod client;
mod token;

pub use broker::{Broker, Brokers, Identity};
pub use client::{Api, Relayed, check_errcode, scrub};
pub use token::Cached;

/// A failed WeChat API call, without secrets.
#[derive(Debug, Clone, thiserror::Error)]
pub enum ApiError {
    #[error("WeChat error {code}: {message}")]
    WeChat { code: i64, message: String },
    #[error("WeChat API answered HTTP {0}")]
    Status(u16),
    #[error("WeChat API unreachable: {0}")]
    Network(String),
    #[error("WeChat API answer is not valid: {0}")]
    Decode(String),
    #[error("account {0:?} has no app-id/app-secret configured")]
    NoSecret(String),
    /// A path that would leave `wechat-api-base` once the URL is parsed (`..` segments).
    #[error("not a WeChat API path: it leaves wechat-api-base")]
    OutsideBase,
}

impl ApiError {
    /// 40001 invalid credential, 40014 invalid access_token, 42001 access_token expired.
    pub fn is_invalid_token(&self) -> bool {
        matches!(
            self,
            ApiError::WeChat {
                code: 40001 | 40014 | 42001,
                ..
            }
        )
    }
}
