//! The config file: go-wx-gateway's JSON schema (every key of its README and its newest version)
//! plus wx-gateway's own keys. Read as raw JSON, walked key by key so that every error and
//! warning names its JSON path, then validated into a [`Config`] where bad states cannot exist
//! (an AES key is a decoded 32-byte key or absent).

use std::collections::HashSet;
use std::sync::Arc;
use std::time::Duration;

use serde_json::{Map, Value};

use crate::wechat::AesKey;

/// The embedded default: one echo-mode account on 127.0.0.1:7080.
pub const SAMPLE: &str = include_str!("../sample.conf.json");

/// A config error, always naming the JSON path it is about.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{path}: {message}")]
pub struct ConfigError {
    pub path: String,
    pub message: String,
}

fn err(path: &str, message: impl Into<String>) -> ConfigError {
    ConfigError {
        path: path.to_owned(),
        message: message.into(),
    }
}

/// A secret string (token, app-secret). `Debug` and `Display` never show it.
#[derive(Clone, PartialEq, Eq)]
pub struct Secret(String);

impl Secret {
    pub fn new(s: impl Into<String>) -> Self {
        Secret(s.into())
    }
    /// The secret itself, for signing. Never log the result.
    pub fn expose(&self) -> &str {
        &self.0
    }
}

impl std::fmt::Debug for Secret {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("<redacted>")
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LogFormat {
    Text,
    Json,
}

/// The validated config.
#[derive(Debug, Clone)]
pub struct Config {
    /// Host to bind; `""` in the file means all interfaces.
    pub listen_host: String,
    pub listen_port: u16,
    pub log_format: LogFormat,
    /// `common-endpoints.health-check`, when set (GET `/healthz` always works).
    pub health_check: Option<String>,
    pub services: Vec<Arc<Service>>,
    /// The WeChat API client and the endpoints for backends.
    pub api: ApiConfig,
    pub endpoints: Endpoints,
    /// JSON paths of keys nobody knows (warned at start, errors under `--check`).
    pub unknown_keys: Vec<String>,
    /// Keys that are accepted but do nothing yet, with what they would do.
    pub not_implemented: Vec<String>,
    /// Other things worth a warning at start.
    pub warnings: Vec<String>,
}

/// The WeChat API client's settings (top level).
#[derive(Debug, Clone)]
pub struct ApiConfig {
    /// `wechat-api-base`, without a trailing slash.
    pub api_base: String,
    /// `wechat-open-base`, without a trailing slash.
    pub open_base: String,
    /// `token-cache-dir`: access_token and jsapi_ticket files, go-wx-gateway's format.
    pub token_cache_dir: Option<std::path::PathBuf>,
    /// `admin-token`: when set, the endpoints for backends need `Authorization: Bearer …`.
    pub admin_token: Option<Secret>,
    /// `api-proxy-path`: prefix of the WeChat API pass-through.
    pub api_proxy_path: Option<String>,
}

/// `common-endpoints` paths (health-check is [`Config::health_check`]).
#[derive(Debug, Clone, Default)]
pub struct Endpoints {
    pub wx_qr: Option<String>,
    pub wx_user: Option<String>,
    pub sns_auth2: Option<String>,
    pub short_url: Option<String>,
    pub tmpl_msg: Option<String>,
    pub sign_jsapi: Option<String>,
}

/// How access tokens are fetched.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TokenApi {
    /// `cgi-bin/stable_token`: fetching does not invalidate tokens held elsewhere.
    Stable,
    /// `cgi-bin/token`: the classic API (each fetch invalidates the previous token).
    Classic,
}

/// One official account.
#[derive(Debug, Clone)]
pub struct Service {
    pub name: String,
    pub token: Secret,
    pub app_id: String,
    pub app_secret: Option<Secret>,
    pub aes_key: Option<AesKey>,
    /// Exact path of the WeChat callback (GET handshake, POST pushes).
    pub service_path: String,
    /// Path of the OAuth redirect (menu links point here).
    pub redirect_path: Option<String>,
    /// Backend base URL without a trailing slash; `None` is echo mode.
    pub msg_proxy_pass: Option<String>,
    /// Most pushes of this service forwarded at once (`workerNum`).
    pub workers: usize,
    /// `timeout`: the oldest signature timestamp accepted; `None` = not checked.
    pub max_signature_age: Option<Duration>,
    pub backend_timeout: Duration,
    pub max_body_bytes: usize,
    pub require_encryption: bool,
    pub token_api: TokenApi,
    /// The seed contract: POST {appId, openId, state}, answer {h, r, c}.
    pub menu_handler: Option<String>,
    /// The newest contract: reverse proxy of the browser's request.
    pub redirect_url: Option<String>,
    /// Also fetch sns/userinfo when the state contains this (go-wx-gateway compatibility).
    pub redirect_userinfo_flag: Option<String>,
    /// Add `userInfo` (cgi-bin/user/info) to every push.
    pub append_userinfo: bool,
}

pub const DEFAULT_WORKERS: usize = 64;
pub const DEFAULT_API_BASE: &str = "https://api.weixin.qq.com";
pub const DEFAULT_OPEN_BASE: &str = "https://open.weixin.qq.com";
pub const DEFAULT_BACKEND_TIMEOUT_MS: u64 = 4500;
/// WeChat stops waiting at 5 s; a backend budget above this leaves no time to answer.
pub const MAX_BACKEND_TIMEOUT_MS: u64 = 4900;
pub const DEFAULT_MAX_BODY_BYTES: usize = 1 << 20;
const MAX_MAX_BODY_BYTES: u64 = 64 << 20;

/// A JSON object being read, with its path and the keys read so far.
struct Obj<'a> {
    path: String,
    map: &'a Map<String, Value>,
    read: HashSet<&'static str>,
}

impl<'a> Obj<'a> {
    fn new(path: String, value: &'a Value) -> Result<Self, ConfigError> {
        let map = value
            .as_object()
            .ok_or_else(|| err(&path, "expected an object"))?;
        Ok(Obj {
            path,
            map,
            read: HashSet::new(),
        })
    }

    fn key_path(&self, key: &str) -> String {
        if self.path.is_empty() {
            key.to_owned()
        } else {
            format!("{}.{key}", self.path)
        }
    }

    fn get(&mut self, key: &'static str) -> Option<&'a Value> {
        self.read.insert(key);
        self.map.get(key).filter(|v| !v.is_null())
    }

    /// A string; `"${NAME}"` is read from the environment. Null and absent are `None`.
    fn string(&mut self, key: &'static str) -> Result<Option<String>, ConfigError> {
        let path = self.key_path(key);
        match self.get(key) {
            None => Ok(None),
            Some(Value::String(s)) => expand_env(&path, s).map(Some),
            Some(other) => Err(err(
                &path,
                format!("expected a string, got {}", kind(other)),
            )),
        }
    }

    /// A string where empty means absent.
    fn non_empty(&mut self, key: &'static str) -> Result<Option<String>, ConfigError> {
        Ok(self
            .string(key)?
            .map(|s| s.trim().to_owned())
            .filter(|s| !s.is_empty()))
    }

    fn int(&mut self, key: &'static str) -> Result<Option<i64>, ConfigError> {
        let path = self.key_path(key);
        match self.get(key) {
            None => Ok(None),
            Some(Value::Number(n)) => n
                .as_i64()
                .map(Some)
                .ok_or_else(|| err(&path, format!("expected an integer, got {n}"))),
            Some(Value::String(s)) if s.starts_with("${") => expand_env(&path, s)?
                .trim()
                .parse()
                .map(Some)
                .map_err(|_| err(&path, "expected an integer")),
            Some(other) => Err(err(
                &path,
                format!("expected an integer, got {}", kind(other)),
            )),
        }
    }

    fn bool(&mut self, key: &'static str) -> Result<Option<bool>, ConfigError> {
        let path = self.key_path(key);
        match self.get(key) {
            None => Ok(None),
            Some(Value::Bool(b)) => Ok(Some(*b)),
            Some(other) => Err(err(
                &path,
                format!("expected true or false, got {}", kind(other)),
            )),
        }
    }

    fn object(&mut self, key: &'static str) -> Result<Option<Obj<'a>>, ConfigError> {
        let path = self.key_path(key);
        self.get(key).map(|v| Obj::new(path, v)).transpose()
    }

    /// Records every key that was never read as unknown.
    fn finish(self, unknown: &mut Vec<String>) {
        for key in self.map.keys() {
            if !self.read.contains(key.as_str()) {
                unknown.push(if self.path.is_empty() {
                    key.clone()
                } else {
                    format!("{}.{key}", self.path)
                });
            }
        }
    }
}

fn kind(v: &Value) -> &'static str {
    match v {
        Value::Null => "null",
        Value::Bool(_) => "a boolean",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Array(_) => "an array",
        Value::Object(_) => "an object",
    }
}

/// `"${NAME}"` → the value of environment variable NAME; other strings unchanged.
fn expand_env(path: &str, s: &str) -> Result<String, ConfigError> {
    let Some(name) = s.strip_prefix("${").and_then(|r| r.strip_suffix('}')) else {
        return Ok(s.to_owned());
    };
    let valid = !name.is_empty()
        && name.chars().all(|c| c.is_ascii_alphanumeric() || c == '_')
        && !name.starts_with(|c: char| c.is_ascii_digit());
    if !valid {
        return Err(err(
            path,
            format!("{s:?} is not a valid ${{NAME}} reference"),
        ));
    }
    std::env::var(name).map_err(|_| err(path, format!("environment variable {name} is not set")))
}

/// Parses and validates config text. `origin` names the file in messages.
pub fn parse(text: &str) -> Result<Config, ConfigError> {
    let root: Value =
        serde_json::from_str(text).map_err(|e| err("(file)", format!("not valid JSON: {e}")))?;
    let mut unknown = Vec::new();
    let mut not_implemented = Vec::new();
    let mut warnings = Vec::new();
    let mut top = Obj::new(String::new(), &root)?;

    let listen_host = top.string("listen-host")?.unwrap_or_default();
    let listen_port = match top.int("listen-port")? {
        None => 0,
        Some(p) => u16::try_from(p)
            .map_err(|_| err("listen-port", format!("expected 0 to 65535, got {p}")))?,
    };
    let log_format = match top.string("log-format")?.as_deref() {
        None | Some("") | Some("text") => LogFormat::Text,
        Some("json") => LogFormat::Json,
        Some(other) => {
            return Err(err(
                "log-format",
                format!("expected \"text\" or \"json\", got {other:?}"),
            ));
        }
    };
    let api_base = match top.non_empty("wechat-api-base")? {
        Some(u) => validate_url("wechat-api-base", &u)?,
        None => DEFAULT_API_BASE.to_owned(),
    };
    let open_base = match top.non_empty("wechat-open-base")? {
        Some(u) => validate_url("wechat-open-base", &u)?,
        None => DEFAULT_OPEN_BASE.to_owned(),
    };
    let token_cache_dir = top
        .non_empty("token-cache-dir")?
        .map(std::path::PathBuf::from);
    let admin_token = top.non_empty("admin-token")?.map(Secret);
    let api_proxy_path = match top.non_empty("api-proxy-path")? {
        Some(p) => Some(validate_path("api-proxy-path", &p)?),
        None => None,
    };
    if api_proxy_path.is_some() && admin_token.is_none() {
        return Err(err(
            "api-proxy-path",
            "needs admin-token: the pass-through spends the account's access_token",
        ));
    }
    // Accepted for compatibility: wx-gateway never calls user/info per push by default.
    top.bool("dont-append-userinfo")?;

    let mut health_check = None;
    let mut endpoints = Endpoints::default();
    if let Some(mut ce) = top.object("common-endpoints")? {
        if let Some(p) = ce.non_empty("health-check")? {
            health_check = Some(validate_path("common-endpoints.health-check", &p)?);
        }
        let mut path_of = |key: &'static str| -> Result<Option<String>, ConfigError> {
            ce.non_empty(key)?
                .map(|p| validate_path(&format!("common-endpoints.{key}"), &p))
                .transpose()
        };
        endpoints = Endpoints {
            wx_qr: path_of("wx-qr")?,
            wx_user: path_of("wx-user")?,
            sns_auth2: path_of("sns-auth2")?,
            short_url: path_of("short-url")?,
            tmpl_msg: path_of("tmpl-msg")?,
            sign_jsapi: path_of("sign-jsapi")?,
        };
        for key in ["channels-ec-order-detail", "channels-ec-refund-detail"] {
            if ce.non_empty(key)?.is_some() {
                not_implemented.push(format!("common-endpoints.{key} (channels-ec)"));
            }
        }
        ce.finish(&mut unknown);
    }

    let services_val = top
        .get("services")
        .ok_or_else(|| err("services", "required: at least one service"))?;
    let list = services_val
        .as_array()
        .ok_or_else(|| err("services", "expected an array"))?;
    if list.is_empty() {
        return Err(err("services", "required: at least one service"));
    }
    let mut services = Vec::with_capacity(list.len());
    for (i, v) in list.iter().enumerate() {
        services.push(Arc::new(parse_service(
            i,
            v,
            &mut unknown,
            &mut not_implemented,
            &mut warnings,
        )?));
    }
    top.finish(&mut unknown);

    let mut names = HashSet::new();
    let mut paths = HashSet::new();
    let fixed = [
        Some("/healthz".to_owned()),
        health_check.clone(),
        admin_token.as_ref().map(|_| "/token".to_owned()),
    ];
    let listed = [
        ("common-endpoints.wx-qr", &endpoints.wx_qr),
        ("common-endpoints.wx-user", &endpoints.wx_user),
        ("common-endpoints.sns-auth2", &endpoints.sns_auth2),
        ("common-endpoints.short-url", &endpoints.short_url),
        ("common-endpoints.tmpl-msg", &endpoints.tmpl_msg),
        ("common-endpoints.sign-jsapi", &endpoints.sign_jsapi),
        ("api-proxy-path", &api_proxy_path),
    ];
    for p in fixed.into_iter().flatten() {
        paths.insert(p);
    }
    for (key, p) in listed {
        if let Some(p) = p
            && !paths.insert(p.clone())
        {
            return Err(err(
                key,
                format!("{p:?} is already used by another endpoint"),
            ));
        }
    }
    for (i, s) in services.iter().enumerate() {
        if !names.insert(s.name.clone()) {
            return Err(err(
                &format!("services[{i}].name"),
                format!("{:?} is used by another service", s.name),
            ));
        }
        for (key, p) in [
            ("service-path", Some(&s.service_path)),
            ("redirect-path", s.redirect_path.as_ref()),
        ] {
            if let Some(p) = p
                && !paths.insert(p.clone())
            {
                return Err(err(
                    &format!("services[{i}].listen-endpoints.{key}"),
                    format!("{p:?} is already used by another service or endpoint"),
                ));
            }
        }
    }
    if let Some(prefix) = &api_proxy_path
        && let Some(clash) = paths
            .iter()
            .find(|p| *p != prefix && p.starts_with(&format!("{prefix}/")))
    {
        return Err(err(
            "api-proxy-path",
            format!("{prefix:?} would hide {clash:?}"),
        ));
    }
    let api = ApiConfig {
        api_base,
        open_base,
        token_cache_dir,
        admin_token,
        api_proxy_path,
    };
    Ok(Config {
        listen_host,
        listen_port,
        log_format,
        health_check,
        services,
        api,
        endpoints,
        unknown_keys: unknown,
        not_implemented,
        warnings,
    })
}

fn parse_service(
    i: usize,
    v: &Value,
    unknown: &mut Vec<String>,
    not_implemented: &mut Vec<String>,
    warnings: &mut Vec<String>,
) -> Result<Service, ConfigError> {
    let base = format!("services[{i}]");
    let mut o = Obj::new(base.clone(), v)?;
    let p = |k: &str| format!("{base}.{k}");

    let mut wx = o
        .object("wx-params")?
        .ok_or_else(|| err(&p("wx-params"), "required"))?;
    let token = wx
        .non_empty("token")?
        .ok_or_else(|| err(&p("wx-params.token"), "required"))?;
    let app_id = wx.non_empty("app-id")?.unwrap_or_default();
    let app_secret = wx.non_empty("app-secret")?.map(Secret);
    let aes_key = match wx.non_empty("aes-key")? {
        None => None,
        Some(k) => Some(AesKey::from_encoding_key(&k).map_err(|e| match e {
            crate::wechat::Error::Key(m) => err(&p("wx-params.aes-key"), m),
            other => err(&p("wx-params.aes-key"), other.to_string()),
        })?),
    };
    if aes_key.is_some() && app_id.is_empty() {
        return Err(err(
            &p("wx-params.app-id"),
            "required when aes-key is set (it is checked in every encrypted push)",
        ));
    }
    wx.finish(unknown);

    let mut ep = o
        .object("listen-endpoints")?
        .ok_or_else(|| err(&p("listen-endpoints"), "required"))?;
    let service_path = ep
        .non_empty("service-path")?
        .ok_or_else(|| err(&p("listen-endpoints.service-path"), "required"))?;
    let service_path = validate_path(&p("listen-endpoints.service-path"), &service_path)?;
    let redirect_path = match ep.non_empty("redirect-path")? {
        Some(rp) => Some(validate_path(&p("listen-endpoints.redirect-path"), &rp)?),
        None => None,
    };
    ep.finish(unknown);

    let name = o.non_empty("name")?.unwrap_or_else(|| service_path.clone());
    let msg_proxy_pass = match o.non_empty("msg-proxy-pass")? {
        None => None,
        Some(u) => Some(validate_url(&p("msg-proxy-pass"), &u)?),
    };
    let workers = match o.int("workerNum")? {
        None | Some(0) => DEFAULT_WORKERS,
        Some(n) if (1..=100_000).contains(&n) => n as usize,
        Some(n) => {
            return Err(err(
                &p("workerNum"),
                format!("expected 0 (default {DEFAULT_WORKERS}) to 100000, got {n}"),
            ));
        }
    };
    let max_signature_age = match o.int("timeout")? {
        None | Some(0) => None,
        Some(n) if n > 0 => Some(Duration::from_secs(n as u64)),
        Some(n) => {
            return Err(err(
                &p("timeout"),
                format!("expected seconds >= 0, got {n}"),
            ));
        }
    };
    let backend_timeout_ms = match o.int("backend-timeout-ms")? {
        None => DEFAULT_BACKEND_TIMEOUT_MS,
        Some(n) if (1..=MAX_BACKEND_TIMEOUT_MS as i64).contains(&n) => n as u64,
        Some(n) => {
            return Err(err(
                &p("backend-timeout-ms"),
                format!(
                    "expected 1 to {MAX_BACKEND_TIMEOUT_MS} (WeChat gives up after 5000), got {n}"
                ),
            ));
        }
    };
    let max_body_bytes = match o.int("max-body-bytes")? {
        None => DEFAULT_MAX_BODY_BYTES,
        Some(n) if (1..=MAX_MAX_BODY_BYTES as i64).contains(&n) => n as usize,
        Some(n) => {
            return Err(err(
                &p("max-body-bytes"),
                format!("expected 1 to {MAX_MAX_BODY_BYTES}, got {n}"),
            ));
        }
    };
    let require_encryption = o.bool("require-encryption")?.unwrap_or(false);
    if require_encryption && aes_key.is_none() {
        return Err(err(&p("require-encryption"), "needs wx-params.aes-key"));
    }
    let token_api = match o.non_empty("token-api")?.as_deref() {
        None | Some("stable") => TokenApi::Stable,
        Some("classic") => TokenApi::Classic,
        Some(other) => {
            return Err(err(
                &p("token-api"),
                format!("expected \"stable\" or \"classic\", got {other:?}"),
            ));
        }
    };
    let menu_handler = o
        .non_empty("menu-handler")?
        .map(|u| validate_url(&p("menu-handler"), &u))
        .transpose()?;
    let redirect_url = o
        .non_empty("redirect-url")?
        .map(|u| validate_url(&p("redirect-url"), &u))
        .transpose()?;
    let redirect_userinfo_flag = o.non_empty("redirect-userinfo-flag")?;
    let append_userinfo = o.bool("append-userinfo")?.unwrap_or(false);
    if menu_handler.is_some() && redirect_url.is_some() {
        return Err(err(
            &p("menu-handler"),
            "set menu-handler or redirect-url, not both",
        ));
    }
    if (menu_handler.is_some() || redirect_url.is_some()) && redirect_path.is_none() {
        return Err(err(
            &p("listen-endpoints.redirect-path"),
            "required with menu-handler or redirect-url",
        ));
    }
    let has_secret = app_secret.is_some() && !app_id.is_empty();
    let mut redirect_path = redirect_path;
    if redirect_path.is_some() && !has_secret && menu_handler.is_none() && redirect_url.is_none() {
        // go-wx-gateway served no route here either; keep such configs starting.
        warnings.push(format!(
            "{base}.listen-endpoints.redirect-path is not served: the OAuth flow needs wx-params.app-id and app-secret"
        ));
        redirect_path = None;
    }
    let needs_secret = if redirect_path.is_some() {
        Some("listen-endpoints.redirect-path")
    } else if append_userinfo {
        Some("append-userinfo")
    } else {
        None
    };
    if let Some(why) = needs_secret
        && (app_secret.is_none() || app_id.is_empty())
    {
        return Err(err(
            &p("wx-params.app-secret"),
            format!("app-id and app-secret are required with {why}"),
        ));
    }
    if o.bool("is-channels-ec")? == Some(true) {
        not_implemented.push(format!("{base}.is-channels-ec"));
    }
    o.finish(unknown);

    Ok(Service {
        name,
        token: Secret(token),
        app_id,
        app_secret,
        aes_key,
        service_path,
        redirect_path,
        msg_proxy_pass,
        workers,
        max_signature_age,
        backend_timeout: Duration::from_millis(backend_timeout_ms),
        max_body_bytes,
        require_encryption,
        token_api,
        menu_handler,
        redirect_url,
        redirect_userinfo_flag,
        append_userinfo,
    })
}

/// An absolute URL path; one trailing slash is dropped (`/wx/` and `/wx` are the same route).
fn validate_path(path: &str, value: &str) -> Result<String, ConfigError> {
    if !value.starts_with('/') {
        return Err(err(path, format!("{value:?} must start with '/'")));
    }
    if value.contains(['?', '#', ' ']) || value.contains("//") {
        return Err(err(path, format!("{value:?} is not a plain URL path")));
    }
    let trimmed = value
        .strip_suffix('/')
        .filter(|s| !s.is_empty())
        .unwrap_or(value);
    Ok(trimmed.to_owned())
}

/// An absolute http(s) URL with a host; returned without a trailing slash.
fn validate_url(path: &str, value: &str) -> Result<String, ConfigError> {
    let rest = value
        .strip_prefix("http://")
        .or_else(|| value.strip_prefix("https://"))
        .ok_or_else(|| err(path, format!("{value:?} is not an http:// or https:// URL")))?;
    let host = rest.split(['/', '?', '#']).next().unwrap_or("");
    if host.is_empty() || value.contains(char::is_whitespace) {
        return Err(err(path, format!("{value:?} is not a valid URL")));
    }
    if value.contains(['?', '#']) {
        return Err(err(
            path,
            format!("{value:?}: a base URL cannot have a query or fragment"),
        ));
    }
    Ok(value.trim_end_matches('/').to_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    const KEY: &str = "abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG";

    fn one(service: &str) -> String {
        format!(r#"{{"listen-port":7080,"services":[{service}]}}"#)
    }

    fn svc(extra: &str) -> String {
        format!(
            r#"{{"name":"a","wx-params":{{"token":"t","app-id":"wx1","aes-key":"{KEY}"}},"listen-endpoints":{{"service-path":"/wx"}}{extra}}}"#
        )
    }

    #[test]
    fn sample_parses_into_echo_mode() {
        let c = parse(SAMPLE).unwrap();
        assert_eq!(c.listen_port, 7080);
        assert_eq!(c.listen_host, "127.0.0.1");
        assert!(c.services[0].msg_proxy_pass.is_none());
        assert!(c.services[0].aes_key.is_some());
        assert!(c.unknown_keys.is_empty(), "{:?}", c.unknown_keys);
    }

    #[test]
    fn errors_name_the_path() {
        let text = format!(
            r#"{{"services":[{},{{"name":"b","wx-params":{{"token":"t","app-id":"x","aes-key":"short-key12"}},"listen-endpoints":{{"service-path":"/b"}}}}]}}"#,
            svc("")
        );
        assert_eq!(
            parse(&text).unwrap_err().to_string(),
            "services[1].wx-params.aes-key: expected 43 characters, got 11"
        );
        assert_eq!(
            parse(&one(&svc(r#","workerNum":"5""#))).unwrap_err().path,
            "services[0].workerNum"
        );
        assert_eq!(
            parse(r#"{"listen-port":70000,"services":[]}"#)
                .unwrap_err()
                .path,
            "listen-port"
        );
        assert_eq!(parse("{").unwrap_err().path, "(file)");
        assert_eq!(parse(r#"{"listen-port":1}"#).unwrap_err().path, "services");
    }

    #[test]
    fn paths_match_exactly_and_must_be_unique() {
        let two = |a: &str, b: &str| {
            format!(
                r#"{{"services":[{{"name":"a","wx-params":{{"token":"t"}},"listen-endpoints":{{"service-path":"{a}"}}}},{{"name":"b","wx-params":{{"token":"t"}},"listen-endpoints":{{"service-path":"{b}"}}}}]}}"#
            )
        };
        assert!(parse(&two("/wx", "/wxecho")).is_ok());
        let e = parse(&two("/wx", "/wx/")).unwrap_err();
        assert_eq!(e.path, "services[1].listen-endpoints.service-path");
        assert_eq!(
            parse(&two("/wx", "/healthz")).unwrap_err().path,
            "services[1].listen-endpoints.service-path"
        );
        assert_eq!(
            parse(&two("wx", "/b")).unwrap_err().path,
            "services[0].listen-endpoints.service-path"
        );
    }

    #[test]
    fn names_must_be_unique() {
        let text = format!(
            r#"{{"services":[{},{}]}}"#,
            svc(""),
            svc("").replace("/wx", "/wx2")
        );
        assert_eq!(parse(&text).unwrap_err().path, "services[1].name");
    }

    #[test]
    fn worker_num_zero_or_absent_is_a_default_not_a_hang() {
        let c = parse(&one(&svc(r#","workerNum":0"#))).unwrap();
        assert_eq!(c.services[0].workers, DEFAULT_WORKERS);
        let c = parse(&one(&svc(""))).unwrap();
        assert_eq!(c.services[0].workers, DEFAULT_WORKERS);
        let c = parse(&one(&svc(r#","workerNum":5"#))).unwrap();
        assert_eq!(c.services[0].workers, 5);
        assert!(parse(&one(&svc(r#","workerNum":-1"#))).is_err());
    }

    #[test]
    fn unknown_keys_are_listed_with_their_path() {
        let c = parse(&format!(
            r#"{{"services":[{}],"typo-key":1,"common-endpoints":{{"healthcheck":"/h"}}}}"#,
            svc(r#","注意":"note","wx-params2":{}"#)
        ))
        .unwrap();
        let mut u = c.unknown_keys.clone();
        u.sort();
        assert_eq!(
            u,
            [
                "common-endpoints.healthcheck",
                "services[0].wx-params2",
                "services[0].注意",
                "typo-key"
            ]
        );
    }

    #[test]
    fn accepted_but_unimplemented_keys_are_reported() {
        let c = parse(&format!(
            r#"{{"services":[{}],"token-cache-dir":"/tmp","dont-append-userinfo":true,"common-endpoints":{{"health-check":"/health","wx-qr":"/qr"}}}}"#,
            svc(r#","is-channels-ec":true"#)
        ))
        .unwrap();
        assert!(c.unknown_keys.is_empty());
        assert_eq!(c.health_check.as_deref(), Some("/health"));
        // wx-qr and token-cache-dir are implemented now; channels-ec is not.
        assert_eq!(c.not_implemented.len(), 1, "{:?}", c.not_implemented);
        assert_eq!(c.endpoints.wx_qr.as_deref(), Some("/qr"));
    }

    #[test]
    fn redirect_path_needs_a_secret_only_when_it_is_served() {
        let no_secret = |extra: &str| {
            one(&format!(
                r#"{{"name":"a","wx-params":{{"token":"t","app-id":"wx1"}},"listen-endpoints":{{"service-path":"/wx","redirect-path":"/r"}}{extra}}}"#
            ))
        };
        // As go-wx-gateway: a redirect-path without a handler or secret is simply not served.
        let c = parse(&no_secret("")).unwrap();
        assert!(c.services[0].redirect_path.is_none());
        assert_eq!(c.warnings.len(), 1, "{:?}", c.warnings);
        let e = parse(&no_secret(r#","redirect-url":"http://127.0.0.1:1/x""#)).unwrap_err();
        assert_eq!(e.path, "services[0].wx-params.app-secret");
        let e = parse(&one(&svc(r#","redirect-url":"http://127.0.0.1:1/x""#))).unwrap_err();
        assert_eq!(e.path, "services[0].listen-endpoints.redirect-path");
    }

    #[test]
    fn env_references_are_expanded() {
        // PATH is set wherever tests run; setting a variable would need `unsafe` (forbidden).
        let c = parse(&one(
            &svc("").replace(r#""token":"t""#, r#""token":"${PATH}""#)
        ))
        .unwrap();
        assert_eq!(
            c.services[0].token.expose(),
            std::env::var("PATH").unwrap().trim()
        );
        let e = parse(&one(
            &svc("").replace(r#""token":"t""#, r#""token":"${WXG_TEST_MISSING_7}""#)
        ))
        .unwrap_err();
        assert_eq!(
            e.to_string(),
            "services[0].wx-params.token: environment variable WXG_TEST_MISSING_7 is not set"
        );
    }

    #[test]
    fn budgets_are_bounded() {
        assert!(parse(&one(&svc(r#","backend-timeout-ms":5000"#))).is_err());
        assert!(parse(&one(&svc(r#","backend-timeout-ms":0"#))).is_err());
        let c = parse(&one(&svc(r#","backend-timeout-ms":800,"max-body-bytes":4096,"require-encryption":true,"timeout":300"#))).unwrap();
        let s = &c.services[0];
        assert_eq!(s.backend_timeout, Duration::from_millis(800));
        assert_eq!(s.max_body_bytes, 4096);
        assert!(s.require_encryption);
        assert_eq!(s.max_signature_age, Some(Duration::from_secs(300)));
    }

    #[test]
    fn urls_are_checked() {
        assert_eq!(
            parse(&one(&svc(r#","msg-proxy-pass":"ftp://x""#)))
                .unwrap_err()
                .path,
            "services[0].msg-proxy-pass"
        );
        let c = parse(&one(&svc(
            r#","msg-proxy-pass":"http://127.0.0.1:9/base/""#,
        )))
        .unwrap();
        assert_eq!(
            c.services[0].msg_proxy_pass.as_deref(),
            Some("http://127.0.0.1:9/base")
        );
    }

    #[test]
    fn secrets_do_not_debug_print() {
        let c = parse(&one(&svc(r#","wx-params2":1"#).replace(
            r#""token":"t""#,
            r#""token":"TOPSECRET","app-secret":"APPSECRET""#,
        )))
        .unwrap();
        let dbg = format!("{c:?}");
        assert!(!dbg.contains("TOPSECRET") && !dbg.contains("APPSECRET") && !dbg.contains(KEY));
    }
}
