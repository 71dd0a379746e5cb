//! The endpoints for backends and where the config puts them: the one table that both the
//! config reader and the gateway's router go by. A new endpoint is a variant and a row here,
//! plus its handler in the gateway.

/// Which endpoint for backends a path is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Endpoint {
    WxQr,
    WxUser,
    SnsAuth2,
    ShortUrl,
    TmplMsg,
    SignJsapi,
    /// `/token`, served when `admin-token` is set.
    Token,
}

/// Every endpoint with its key under `common-endpoints`; `None` is served at a fixed path.
/// The order is the order in which duplicate paths are reported.
pub const ENDPOINTS: [(Endpoint, Option<&str>); 7] = [
    (Endpoint::WxQr, Some("wx-qr")),
    (Endpoint::WxUser, Some("wx-user")),
    (Endpoint::SnsAuth2, Some("sns-auth2")),
    (Endpoint::ShortUrl, Some("short-url")),
    (Endpoint::TmplMsg, Some("tmpl-msg")),
    (Endpoint::SignJsapi, Some("sign-jsapi")),
    (Endpoint::Token, None),
];

/// Where [`Endpoint::Token`] is served.
pub const TOKEN_PATH: &str = "/token";

impl Endpoint {
    /// The endpoint configured by `common-endpoints.<key>`.
    pub fn from_key(key: &str) -> Option<Endpoint> {
        ENDPOINTS
            .iter()
            .find(|(_, k)| *k == Some(key))
            .map(|(e, _)| *e)
    }

    /// Its key under `common-endpoints`; `None` for an endpoint at a fixed path.
    pub fn key(self) -> Option<&'static str> {
        ENDPOINTS
            .iter()
            .find(|(e, _)| *e == self)
            .and_then(|(_, k)| *k)
    }
}
