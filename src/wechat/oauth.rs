//! OAuth2 web authorization links (网页授权), built exactly as WeChat documents them: the
//! parameter order is fixed (WeChat is order-sensitive in practice) and `redirect_uri` is
//! percent-encoded as a whole.

use percent_encoding::{AsciiSet, NON_ALPHANUMERIC, utf8_percent_encode};

/// Everything but RFC 3986's unreserved characters is encoded (as JavaScript's
/// `encodeURIComponent`, which WeChat's own examples use).
const COMPONENT: &AsciiSet = &NON_ALPHANUMERIC
    .remove(b'-')
    .remove(b'_')
    .remove(b'.')
    .remove(b'~');

/// The authorization scope.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Scope {
    /// `snsapi_base`: silent, gives the openid.
    Base,
    /// `snsapi_userinfo`: asks the user, gives nickname and avatar too.
    UserInfo,
}

impl Scope {
    pub fn as_str(self) -> &'static str {
        match self {
            Scope::Base => "snsapi_base",
            Scope::UserInfo => "snsapi_userinfo",
        }
    }
}

/// Percent-encodes a query component.
pub fn encode_component(s: &str) -> String {
    utf8_percent_encode(s, COMPONENT).to_string()
}

/// `<open_base>/connect/oauth2/authorize?appid=…&redirect_uri=…&response_type=code&scope=…&state=…#wechat_redirect`
pub fn authorize_url(
    open_base: &str,
    app_id: &str,
    redirect: &str,
    scope: Scope,
    state: &str,
) -> String {
    format!(
        "{}/connect/oauth2/authorize?appid={}&redirect_uri={}&response_type=code&scope={}&state={}#wechat_redirect",
        open_base.trim_end_matches('/'),
        encode_component(app_id),
        encode_component(redirect),
        scope.as_str(),
        encode_component(state)
    )
}

/// WeChat's rule for `state`: at most 128 bytes of `a-zA-Z0-9_-`.
pub fn check_state(state: &str) -> Result<(), String> {
    if state.len() > 128 {
        return Err(format!(
            "state is {} bytes; WeChat allows at most 128",
            state.len()
        ));
    }
    if let Some(c) = state
        .chars()
        .find(|c| !(c.is_ascii_alphanumeric() || *c == '_' || *c == '-'))
    {
        return Err(format!(
            "state contains {c:?}; WeChat allows only A-Z a-z 0-9 _ -"
        ));
    }
    Ok(())
}

/// An absolute http(s) redirect URL without a fragment; returns its path.
pub fn check_redirect(url: &str) -> Result<String, String> {
    let rest = url
        .strip_prefix("https://")
        .or_else(|| url.strip_prefix("http://"))
        .ok_or_else(|| format!("redirect {url:?} must be an absolute http:// or https:// URL"))?;
    if url.contains('#') {
        return Err(format!(
            "redirect {url:?} must not have a #fragment (WeChat appends its own)"
        ));
    }
    if url.chars().any(char::is_whitespace) {
        return Err(format!("redirect {url:?} contains whitespace"));
    }
    let (host, path) = match rest.find(['/', '?']) {
        Some(i) => (&rest[..i], &rest[i..]),
        None => (rest, "/"),
    };
    if host.is_empty() {
        return Err(format!("redirect {url:?} has no host"));
    }
    let path = path
        .split('?')
        .next()
        .filter(|p| !p.is_empty())
        .unwrap_or("/");
    Ok(path.to_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn url_exact() {
        assert_eq!(
            authorize_url(
                "https://open.weixin.qq.com",
                "wx123",
                "https://wx.example.com/redirect?a=1&b=中",
                Scope::Base,
                "menu_1"
            ),
            "https://open.weixin.qq.com/connect/oauth2/authorize?appid=wx123&redirect_uri=https%3A%2F%2Fwx.example.com%2Fredirect%3Fa%3D1%26b%3D%E4%B8%AD&response_type=code&scope=snsapi_base&state=menu_1#wechat_redirect"
        );
    }

    #[test]
    fn lints() {
        assert!(check_state("ok_state-1").is_ok());
        assert!(check_state(&"a".repeat(129)).is_err());
        assert!(check_state("a b").is_err());
        assert!(check_state("中").is_err());
        assert_eq!(
            check_redirect("https://x.com/redirect?x=1").unwrap(),
            "/redirect"
        );
        assert_eq!(check_redirect("http://x.com").unwrap(), "/");
        assert!(check_redirect("/redirect").is_err());
        assert!(check_redirect("https://x.com/r#frag").is_err());
        assert!(check_redirect("https:///r").is_err());
    }
}
