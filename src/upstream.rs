//! Every HTTP call wx-gateway makes — to backends, menu handlers and the WeChat API — goes
//! through here: how a client is built (timeouts, redirects never followed, TLS verified), the
//! one bounded reader of response bodies, and the one describer of transport errors (which
//! never shows the URL: it may carry a secret or a token).

use std::time::Duration;

use reqwest::redirect::Policy;

/// Largest backend answer to a push: a passive reply is a few KiB at most.
pub const MAX_BACKEND_ANSWER: usize = 256 * 1024;
/// Largest `menu-handler` answer (`{h, r, c}`, `c` being a small HTML page).
pub const MAX_HANDLER_ANSWER: usize = 1 << 20;
/// Largest `redirect-url` answer relayed to the user's browser.
pub const MAX_PAGE_ANSWER: usize = 4 << 20;
/// Largest WeChat API JSON answer (a menu or a user list is well below).
pub const MAX_API_ANSWER: usize = 4 << 20;
/// Largest answer relayed by the WeChat API pass-through (media downloads included).
pub const MAX_PASS_THROUGH_ANSWER: usize = 16 << 20;

const USER_AGENT: &str = concat!("wx-gateway/", env!("CARGO_PKG_VERSION"));

/// Whom a client talks to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Peer {
    /// Backends and handlers inside the operator's network: never through an HTTP(S)_PROXY
    /// meant for the outside world, pooled keep-alive connections; each call sets its deadline.
    Internal,
    /// WeChat's API: every call ends within [`WECHAT_TIMEOUT`].
    WeChat,
}

/// Every call to WeChat gives up after this.
pub const WECHAT_TIMEOUT: Duration = Duration::from_secs(5);

/// The start of every HTTP client of the program (the tools' too): rustls' ring provider
/// installed as the process default first (reqwest is built without a provider of its own),
/// certificates verified against the platform's roots, redirects never followed.
pub fn builder() -> reqwest::ClientBuilder {
    static PROVIDER: std::sync::Once = std::sync::Once::new();
    PROVIDER.call_once(|| {
        // An error means a provider is installed already, which serves as well.
        let _ = rustls::crypto::ring::default_provider().install_default();
    });
    reqwest::Client::builder().redirect(Policy::none())
}

/// A client for `peer`. Redirects are never followed: a 3xx is an answer like any other.
pub fn client(peer: Peer) -> Result<reqwest::Client, reqwest::Error> {
    let builder = builder().user_agent(USER_AGENT).tcp_nodelay(true);
    match peer {
        Peer::Internal => builder
            .no_proxy()
            .connect_timeout(Duration::from_secs(2))
            .pool_idle_timeout(Duration::from_secs(60))
            .pool_max_idle_per_host(256),
        Peer::WeChat => builder
            .timeout(WECHAT_TIMEOUT)
            .connect_timeout(Duration::from_secs(3)),
    }
    .build()
}

/// Why a response body could not be read.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ReadError {
    #[error("answer larger than {0} bytes")]
    TooLarge(usize),
    #[error("{0}")]
    Transport(String),
}

/// Reads a response body, refusing it as soon as it is known to exceed `limit` bytes (from
/// Content-Length, or while streaming).
pub async fn read_bounded(
    mut res: reqwest::Response,
    limit: usize,
) -> Result<bytes::Bytes, ReadError> {
    if res.content_length().is_some_and(|n| n > limit as u64) {
        return Err(ReadError::TooLarge(limit));
    }
    let mut body = bytes::BytesMut::new();
    while let Some(chunk) = res
        .chunk()
        .await
        .map_err(|e| ReadError::Transport(describe(&e)))?
    {
        if body.len() + chunk.len() > limit {
            return Err(ReadError::TooLarge(limit));
        }
        body.extend_from_slice(&chunk);
    }
    Ok(body.freeze())
}

/// A reqwest error without its URL and with its root cause: "connection failed: Connection
/// refused (os error 111)".
pub fn describe(e: &reqwest::Error) -> String {
    let kind = if e.is_connect() {
        "connection failed"
    } else if e.is_timeout() {
        "timed out"
    } else {
        "request failed"
    };
    let mut cause = String::new();
    let mut src = std::error::Error::source(e);
    while let Some(s) = src {
        cause = s.to_string();
        src = s.source();
    }
    if cause.is_empty() {
        kind.to_owned()
    } else {
        format!("{kind}: {cause}")
    }
}
