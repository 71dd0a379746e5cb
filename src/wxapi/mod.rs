//! The WeChat API client and the per-account access-token broker, used by the gateway and the
//! command line alike.
//!
//! One place holds each account's access_token (and jsapi_ticket): concurrent callers share one
//! in-flight fetch, tokens are refreshed ahead of expiry in the background, and an
//! invalid-token answer (40001/40014/42001) invalidates the token only if it is still the
//! current one, then the call is retried once. `token-cache-dir` keeps go-wx-gateway's file
//! format, written atomically, so both can share tokens during a migration. No error or log
//! line ever holds the app secret or a token: transport errors name the URL without its query
//! (where the token and the secret travel) and WeChat's messages are scrubbed.

mod broker;
mod client;
mod custom;
mod shared;
mod token;

pub use broker::{ApiStats, Broker, Brokers, Identity};
pub use client::{Api, Relayed, check_errcode, scrub};
pub use custom::custom_message;
pub(crate) use shared::account_key;
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

/// The caller's address in WeChat's 40164 message: the word after "invalid ip".
fn whitelisted_ip(message: &str) -> Option<&str> {
    let rest = &message[message.find("invalid ip ")? + "invalid ip ".len()..];
    let ip = rest.split([' ', ',']).next()?;
    ip.parse::<std::net::IpAddr>().is_ok().then_some(ip)
}

impl ApiError {
    /// What to do about it, when WeChat's answer says: the address to whitelist for 40164
    /// (WeChat names it: "invalid ip 1.2.3.4 ipv6 ::ffff:1.2.3.4, not in whitelist rid: …").
    pub fn hint(&self) -> Option<String> {
        let ApiError::WeChat { code, message } = self else {
            return None;
        };
        match code {
            40164 => Some(match whitelisted_ip(message) {
                Some(ip) => format!(
                    "add {ip} to the account's IP whitelist (IP白名单, 设置与开发 › 基本配置 on mp.weixin.qq.com)"
                ),
                None => "add this server's public IP address to the account's IP whitelist (IP白名单, 设置与开发 › 基本配置 on mp.weixin.qq.com)".to_owned(),
            }),
            40125 => Some(
                "check wx-params.app-secret: it must be the account's current AppSecret (it changes when reset)".to_owned(),
            ),
            40013 => Some("check wx-params.app-id: WeChat does not know this AppID".to_owned()),
            _ => None,
        }
    }

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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ip_whitelist_hint_names_the_address() {
        let e = |message: &str| ApiError::WeChat {
            code: 40164,
            message: message.into(),
        };
        let hint = e("invalid ip 1.2.3.4 ipv6 ::ffff:1.2.3.4, not in whitelist rid: 6a1b")
            .hint()
            .unwrap();
        assert!(hint.starts_with("add 1.2.3.4 to "), "{hint}");
        let hint = e("invalid ip 203.0.113.7, not in whitelist")
            .hint()
            .unwrap();
        assert!(hint.starts_with("add 203.0.113.7 to "), "{hint}");
        let hint = e("not in whitelist").hint().unwrap();
        assert!(hint.contains("this server's public IP"), "{hint}");
        assert_eq!(ApiError::Status(500).hint(), None);
    }
}
