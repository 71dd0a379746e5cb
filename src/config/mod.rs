//! The config file: go-wx-gateway's JSON schema (every key of its README and its newest version)
//! plus wx-gateway's own keys. Read into its shape (`raw`), then validated into a [`Config`]
//! where bad states cannot exist (an AES key is a decoded 32-byte key or absent, a backend is a
//! parsed URL). Every error and warning names its JSON path.

mod endpoint;
mod leaf;
mod load;
mod raw;
mod routes;
mod service;
#[cfg(test)]
mod tests;

use std::path::PathBuf;
use std::sync::Arc;
use std::time::Duration;

use url::Url;

use crate::wechat::AesKey;
pub use endpoint::{ENDPOINTS, Endpoint, TOKEN_PATH};
use leaf::{Int, Text, given};
pub use load::{LoadError, Loaded, load};

/// The embedded default: one echo-mode account on 127.0.0.1:7080.
pub const SAMPLE: &str = include_str!("../../sample.conf.json");

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
    /// `metrics-listen`: the internal listener of `/metrics`, `/healthz` and `/readyz`.
    pub metrics_listen: Option<std::net::SocketAddr>,
    /// `common-endpoints.health-check`, when set (GET `/healthz` always works).
    pub health_check: Option<String>,
    pub services: Vec<Arc<Service>>,
    /// `dedupe-capacity`: most pushes the retry table remembers.
    pub dedupe_capacity: usize,
    /// `replay-cache-capacity`: most (timestamp, nonce) pairs the replay cache remembers.
    pub replay_capacity: usize,
    /// `trusted-proxies`: reverse proxies whose `X-Forwarded-For` names the client.
    pub trusted_proxies: Vec<ProxyNet>,
    /// `shutdown-delay-ms`: on SIGTERM, how long `/readyz` says 503 while the gateway still
    /// serves, before it stops accepting (the load balancer's health-check interval).
    pub shutdown_delay: Duration,
    /// `redis`: the Redis several instances share (retry table, replay cache, spool, tokens,
    /// OAuth caches); `None` keeps all of it in this process.
    pub redis: Option<RedisConfig>,
    /// The WeChat API client and the endpoints for backends.
    pub api: ApiConfig,
    /// `spool`: `None` (absent or null) keeps no push the backend did not take.
    pub spool: Option<SpoolConfig>,
    /// How spooled pushes are redelivered (the tuning keys of `spool`; the defaults when it is
    /// absent, as in Redis mode without a local spool). Applied by a reload.
    pub delivery: DeliveryConfig,
    /// The paths of the endpoints for backends that are served, in [`ENDPOINTS`]' order
    /// ([`TOKEN_PATH`] when `admin-token` is set).
    pub endpoints: Vec<(Endpoint, String)>,
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
    /// `wechat-api-base` (a trailing slash in the file is dropped before parsing).
    pub api_base: Url,
    /// `wechat-open-base` (a trailing slash in the file is dropped before parsing).
    pub open_base: Url,
    /// `token-cache-dir`: access_token and jsapi_ticket files, go-wx-gateway's format.
    pub token_cache_dir: Option<PathBuf>,
    /// `admin-token`: when set, the endpoints for backends need `Authorization: Bearer …`.
    pub admin_token: Option<Secret>,
    /// `api-proxy-path`: prefix of the WeChat API pass-through.
    pub api_proxy_path: Option<String>,
}

/// `redis` and `redis-prefix`.
#[derive(Clone, PartialEq, Eq)]
pub struct RedisConfig {
    /// `redis://[user:password@]host:port/db` (or `rediss://`). May hold a password: never
    /// shown.
    pub url: Secret,
    /// `redis-prefix`: every key starts with it (`wxgw:` by default).
    pub prefix: String,
    /// `redis-claim-timeout-ms`: how long a redelivery's claim of a spooled push holds before
    /// another instance may take the push over (longer than one attempt may take).
    pub claim_timeout: Duration,
}

/// `redis-claim-timeout-ms` when absent.
pub const DEFAULT_REDIS_CLAIM_TIMEOUT: Duration = Duration::from_secs(60);
/// A claim must outlast one redelivery attempt by this much.
pub const CLAIM_MARGIN: Duration = Duration::from_secs(5);

/// The tuning keys of `spool`: the retry schedule, the breaker, the drain, the lanes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct DeliveryConfig {
    /// `retry-base-ms`: the first retry waits about this long …
    pub retry_base: Duration,
    /// `retry-cap-ms`: … doubling up to this.
    pub retry_cap: Duration,
    /// `redelivery-timeout-ms`: the time one redelivery attempt may take.
    pub redelivery_timeout: Duration,
    /// `breaker`: a breaker per service (on by default).
    pub breaker: bool,
    /// `probe-interval-ms`: while the breaker is open, one probe this often.
    pub probe_interval: Duration,
    /// `drain-rate`: redeliveries per second per service, at most.
    pub drain_rate: u32,
    /// `drain-concurrency`: redeliveries in flight per service, at most.
    pub drain_concurrency: u32,
    /// `poison-after`: a lane's head that failed this many attempts while other lanes got
    /// through moves to the dead letters.
    pub poison_after: u32,
}

impl Default for DeliveryConfig {
    fn default() -> Self {
        DeliveryConfig {
            retry_base: Duration::from_millis(1_000),
            retry_cap: Duration::from_millis(300_000),
            redelivery_timeout: Duration::from_millis(10_000),
            breaker: true,
            probe_interval: Duration::from_millis(2_000),
            drain_rate: 50,
            drain_concurrency: 4,
            poison_after: 10,
        }
    }
}

impl std::fmt::Debug for RedisConfig {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("RedisConfig")
            .field("url", &"<redacted>")
            .field("prefix", &self.prefix)
            .finish()
    }
}

/// `redis-prefix` when absent.
pub const DEFAULT_REDIS_PREFIX: &str = "wxgw:";

/// `spool`: where pushes the backend did not take wait for redelivery.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SpoolConfig {
    /// `spool.dir` (relative paths are relative to the working directory).
    pub dir: PathBuf,
    /// `spool.max-age`: after this long in the spool a push moves to the dead letters.
    pub max_age: Duration,
}

/// `services[i].late-reply`: what becomes of a backend reply that arrives after the passive
/// reply's time is up.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LateReply {
    /// `"custom-message"`: sent through `message/custom/send` (needs app-id and app-secret).
    CustomMessage,
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
#[derive(Debug, Clone, PartialEq)]
pub struct Service {
    pub name: String,
    pub token: Secret,
    pub app_id: String,
    pub app_secret: Option<Secret>,
    pub aes_key: Option<AesKey>,
    /// `wx-params.previous-token`: during a rotation, pushes and handshakes signed with the
    /// old token are still accepted (tried only after `token` failed).
    pub previous_token: Option<Secret>,
    /// `wx-params.previous-aes-key`: during a rotation, ciphertext under the old key is still
    /// decrypted (tried only after `aes-key` failed). Only with `aes_key`.
    pub previous_aes_key: Option<AesKey>,
    /// Exact path of the WeChat callback (GET handshake, POST pushes).
    pub service_path: String,
    /// Path of the OAuth redirect (menu links point here).
    pub redirect_path: Option<String>,
    /// Backend base URL (a trailing slash in the file is dropped before parsing); `None` is
    /// echo mode.
    pub msg_proxy_pass: Option<Url>,
    /// Most pushes of this service forwarded at once (`workerNum`).
    pub workers: usize,
    /// `timeout`: how far a signature's timestamp may be from now, either side; `None` (only
    /// with `timeout: -1`) = not checked.
    pub max_signature_age: Option<Duration>,
    pub backend_timeout: Duration,
    pub max_body_bytes: usize,
    pub require_encryption: bool,
    pub token_api: TokenApi,
    /// The seed contract: POST {appId, openId, state}, answer {h, r, c}.
    pub menu_handler: Option<Url>,
    /// The newest contract: reverse proxy of the browser's request.
    pub redirect_url: Option<Url>,
    /// Also fetch sns/userinfo when the state contains this (go-wx-gateway compatibility).
    pub redirect_userinfo_flag: Option<String>,
    /// Add `userInfo` (cgi-bin/user/info) to every push.
    pub append_userinfo: bool,
    /// `hold-for-retries`: keep waiting for the backend across WeChat's retries of a push.
    pub hold_for_retries: bool,
    /// `late-reply`: `None` drops a reply that comes too late for the passive reply.
    pub late_reply: Option<LateReply>,
    /// `late-reply-timeout-ms`: how long the backend may take in all when its reply can still
    /// go out late; at least `backend_timeout`.
    pub late_reply_timeout: Duration,
    /// `backend-signing-secret`: every forwarded request is signed with each of these
    /// (Standard Webhooks); empty: not signed.
    pub backend_signing: Vec<SigningKey>,
}

/// A Standard Webhooks signing secret (`whsec_` + base64), decoded. `Debug` never shows it.
#[derive(Clone, PartialEq, Eq)]
pub struct SigningKey(pub Vec<u8>);

impl std::fmt::Debug for SigningKey {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("<redacted>")
    }
}

pub const DEFAULT_WORKERS: usize = 64;
pub const DEFAULT_API_BASE: &str = "https://api.weixin.qq.com";
pub const DEFAULT_OPEN_BASE: &str = "https://open.weixin.qq.com";
pub const DEFAULT_BACKEND_TIMEOUT_MS: u64 = 4500;
/// WeChat stops waiting at 5 s; a backend budget above this leaves no time to answer.
pub const MAX_BACKEND_TIMEOUT_MS: u64 = 4900;
/// WeChat's pushes are a few KiB; 64 KiB leaves room and bounds what an unsigned sender can
/// make the gateway read.
pub const DEFAULT_MAX_BODY_BYTES: usize = 64 << 10;
/// The signature timestamp window when `timeout` is absent or 0, either side of now.
pub const DEFAULT_SIGNATURE_WINDOW: Duration = Duration::from_secs(300);
/// Retry-table entries by default: 20 s (WeChat's retries) at 20,000 pushes/s.
pub const DEFAULT_DEDUPE_CAPACITY: usize = 400_000;
/// Replay-cache entries by default: a 300 s window at 2,000 pushes/s.
pub const DEFAULT_REPLAY_CAPACITY: usize = 600_000;
const MAX_MAX_BODY_BYTES: u64 = 64 << 20;
/// `spool.max-age` when absent or 0: a day.
pub const DEFAULT_SPOOL_MAX_AGE: Duration = Duration::from_secs(86_400);
/// A year: a push older than this is of no use to anyone.
const MAX_SPOOL_MAX_AGE_SECS: i64 = 31_536_000;
/// `late-reply-timeout-ms` when absent.
pub const DEFAULT_LATE_REPLY_TIMEOUT_MS: u64 = 60_000;
const MIN_LATE_REPLY_TIMEOUT_MS: u64 = 1_000;
const MAX_LATE_REPLY_TIMEOUT_MS: u64 = 600_000;

/// Parses and validates config text.
pub fn parse(text: &str) -> Result<Config, ConfigError> {
    let (raw, unknown_keys) = raw::read(text)?;
    let mut not_implemented = Vec::new();
    let mut warnings = Vec::new();

    let listen_host = raw.listen_host.map(|Text(s)| s).unwrap_or_default();
    let listen_port = match raw.listen_port {
        None => 0,
        Some(Int(p)) => u16::try_from(p)
            .map_err(|_| err("listen-port", format!("expected 0 to 65535, got {p}")))?,
    };
    let log_format = match raw.log_format.as_ref().map(|Text(s)| s.as_str()) {
        None | Some("" | "text") => LogFormat::Text,
        Some("json") => LogFormat::Json,
        Some(other) => {
            return Err(err(
                "log-format",
                format!("expected \"text\" or \"json\", got {other:?}"),
            ));
        }
    };
    let metrics_listen = given(raw.metrics_listen)
        .map(|a| {
            a.parse::<std::net::SocketAddr>().map_err(|_| {
                err(
                    "metrics-listen",
                    format!("expected an address and port such as \"127.0.0.1:9464\", got {a:?}"),
                )
            })
        })
        .transpose()?;
    // The defaults go through the same check, so that a bad default cannot panic.
    let api_base = given(raw.wechat_api_base).unwrap_or_else(|| DEFAULT_API_BASE.to_owned());
    let api_base = routes::url("wechat-api-base", &api_base)?;
    let open_base = given(raw.wechat_open_base).unwrap_or_else(|| DEFAULT_OPEN_BASE.to_owned());
    let open_base = routes::url("wechat-open-base", &open_base)?;
    let token_cache_dir = given(raw.token_cache_dir).map(PathBuf::from);
    // Unlike other keys, an empty admin-token is not "absent": it would leave the endpoints
    // for backends open while the file looks as if it guarded them.
    if raw
        .admin_token
        .as_ref()
        .is_some_and(|Text(t)| t.trim().is_empty())
    {
        return Err(err(
            "admin-token",
            "is empty; set a token, or remove the key to serve the endpoints for backends without one",
        ));
    }
    let admin_token = given(raw.admin_token).map(Secret);
    let api_proxy_path = given(raw.api_proxy_path)
        .map(|p| routes::path("api-proxy-path", &p))
        .transpose()?;
    if api_proxy_path.is_some() && admin_token.is_none() {
        return Err(err(
            "api-proxy-path",
            "needs admin-token: the pass-through spends the account's access_token",
        ));
    }

    let mut common = raw.common_endpoints.unwrap_or_default();
    let health_check = given(common.health_check)
        .map(|p| routes::path("common-endpoints.health-check", &p))
        .transpose()?;
    let mut endpoints = Vec::new();
    for (endpoint, key) in ENDPOINTS {
        let path = match key {
            Some(key) => given(common.paths.remove(&endpoint))
                .map(|p| routes::path(&format!("common-endpoints.{key}"), &p))
                .transpose()?,
            // Only /token has no key: it is served when there is an admin-token to check.
            None => admin_token.as_ref().map(|_| TOKEN_PATH.to_owned()),
        };
        endpoints.extend(path.map(|p| (endpoint, p)));
    }
    if admin_token.is_none() {
        // short-url only ever answers 410, so it opens nothing.
        let open: Vec<String> = endpoints
            .iter()
            .filter(|(e, _)| *e != Endpoint::ShortUrl)
            .filter_map(|(e, _)| Some(format!("common-endpoints.{}", e.key()?)))
            .collect();
        if !open.is_empty() {
            warnings.push(format!(
                "{} served without admin-token: anyone who can reach the gateway can call them with the accounts' credentials; set admin-token",
                open.join(", ")
            ));
        }
    }
    for key in common.channels_ec {
        not_implemented.push(format!("common-endpoints.{key} (channels-ec)"));
    }

    let raw_services = raw.services.unwrap_or_default();
    if raw_services.is_empty() {
        return Err(err("services", "required: at least one service"));
    }
    let mut services = Vec::with_capacity(raw_services.len());
    for (i, s) in raw_services.into_iter().enumerate() {
        let s = service::validate(i, s, &mut not_implemented, &mut warnings)?;
        services.push(Arc::new(s));
    }
    let capacity = |key: &str, v: Option<Int>, default: usize| match v {
        None | Some(Int(0)) => Ok(default),
        Some(Int(n)) if (1_000..=10_000_000).contains(&n) => Ok(n as usize),
        Some(Int(n)) => Err(err(
            key,
            format!("expected 1000 to 10000000 (0: the default {default}), got {n}"),
        )),
    };
    let dedupe_capacity = capacity(
        "dedupe-capacity",
        raw.dedupe_capacity,
        DEFAULT_DEDUPE_CAPACITY,
    )?;
    let replay_capacity = capacity(
        "replay-cache-capacity",
        raw.replay_cache_capacity,
        DEFAULT_REPLAY_CAPACITY,
    )?;
    let trusted_proxies = proxy_nets(raw.trusted_proxies)?;
    let redis = match given(raw.redis) {
        None => None,
        Some(url) => {
            let parsed = url::Url::parse(&url)
                .ok()
                .filter(|u| matches!(u.scheme(), "redis" | "rediss") && u.host_str().is_some());
            if parsed.is_none() {
                return Err(err(
                    "redis",
                    "expected a URL such as \"redis://127.0.0.1:6379/0\" (redis:// or rediss://)",
                ));
            }
            let prefix = given(raw.redis_prefix).unwrap_or_else(|| DEFAULT_REDIS_PREFIX.to_owned());
            if prefix.len() > 64 || prefix.chars().any(|c| c.is_whitespace() || c.is_control()) {
                return Err(err(
                    "redis-prefix",
                    "expected at most 64 characters, no spaces or control characters",
                ));
            }
            let claim_timeout = match raw.redis_claim_timeout_ms {
                None | Some(Int(0)) => DEFAULT_REDIS_CLAIM_TIMEOUT,
                Some(Int(n)) if (1..=3_600_000).contains(&n) => Duration::from_millis(n as u64),
                Some(Int(n)) => {
                    return Err(err(
                        "redis-claim-timeout-ms",
                        format!("expected 1 to 3600000 (0: the default 60000), got {n}"),
                    ));
                }
            };
            Some(RedisConfig {
                url: Secret::new(url),
                prefix,
                claim_timeout,
            })
        }
    };
    let shutdown_delay = match raw.shutdown_delay_ms {
        None => Duration::ZERO,
        Some(Int(n)) if (0..=600_000).contains(&n) => Duration::from_millis(n as u64),
        Some(Int(n)) => {
            return Err(err(
                "shutdown-delay-ms",
                format!("expected 0 to 600000, got {n}"),
            ));
        }
    };
    let delivery = match &raw.spool {
        Some(s) => delivery(s)?,
        None => DeliveryConfig::default(),
    };
    if let Some(r) = &redis
        && r.claim_timeout <= delivery.redelivery_timeout + CLAIM_MARGIN
    {
        return Err(err(
            "redis-claim-timeout-ms",
            format!(
                "{} ms is too short: a claim must outlast one redelivery attempt (spool.redelivery-timeout-ms, {} ms) by {} s, or a push still being delivered is taken over and delivered twice",
                r.claim_timeout.as_millis(),
                delivery.redelivery_timeout.as_millis(),
                CLAIM_MARGIN.as_secs()
            ),
        ));
    }
    let spool = raw.spool.map(spool).transpose()?;
    routes::check_unique(
        health_check.as_deref(),
        &endpoints,
        api_proxy_path.as_deref(),
        &services,
    )?;

    Ok(Config {
        listen_host,
        listen_port,
        log_format,
        metrics_listen,
        health_check,
        services,
        dedupe_capacity,
        replay_capacity,
        trusted_proxies,
        shutdown_delay,
        redis,
        api: ApiConfig {
            api_base,
            open_base,
            token_cache_dir,
            admin_token,
            api_proxy_path,
        },
        spool,
        delivery,
        endpoints,
        unknown_keys,
        not_implemented,
        warnings,
    })
}

/// `--service NAME` names no service of the config.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("no service {name:?} in {origin} (services: {})", .known.join(", "))]
pub struct UnknownService {
    pub name: String,
    /// The file's display path ([`Loaded::service`]), or "the config".
    pub origin: String,
    /// The names of the services there are.
    pub known: Vec<String>,
}

impl Config {
    /// The service a command acts for: the one named, or the first.
    pub fn service(&self, name: Option<&str>) -> Result<&Arc<Service>, UnknownService> {
        let found = match name {
            None => self.services.first(),
            Some(name) => self.services.iter().find(|s| s.name == name),
        };
        found.ok_or_else(|| UnknownService {
            name: name.unwrap_or_default().to_owned(),
            origin: "the config".to_owned(),
            known: self.services.iter().map(|s| s.name.clone()).collect(),
        })
    }
}

/// An address or network of `trusted-proxies` (`10.0.0.1`, `10.0.0.0/8`, `::1`, `fd00::/8`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ProxyNet {
    addr: std::net::IpAddr,
    prefix: u8,
}

impl ProxyNet {
    pub fn parse(s: &str) -> Option<ProxyNet> {
        let (addr, prefix) = match s.trim().split_once('/') {
            Some((a, p)) => (a, Some(p)),
            None => (s.trim(), None),
        };
        let addr: std::net::IpAddr = addr.parse().ok()?;
        let max = if addr.is_ipv4() { 32 } else { 128 };
        let prefix = match prefix {
            Some(p) => p.parse::<u8>().ok().filter(|p| *p <= max)?,
            None => max,
        };
        Some(ProxyNet { addr, prefix })
    }

    pub fn contains(&self, ip: std::net::IpAddr) -> bool {
        let ip = match ip {
            std::net::IpAddr::V6(v6) => v6.to_ipv4_mapped().map_or(ip, std::net::IpAddr::V4),
            v4 => v4,
        };
        let bits = |a: std::net::IpAddr| -> u128 {
            match a {
                std::net::IpAddr::V4(v4) => u128::from(u32::from(v4)) << 96,
                std::net::IpAddr::V6(v6) => u128::from(v6),
            }
        };
        if ip.is_ipv4() != self.addr.is_ipv4() {
            return false;
        }
        // IPv4 bits sit at the top of the u128, so one prefix mask serves both families.
        let mask = if self.prefix == 0 {
            0
        } else {
            u128::MAX << (128 - u32::from(self.prefix))
        };
        bits(ip) & mask == bits(self.addr) & mask
    }
}

/// `trusted-proxies`: a list of addresses or networks.
fn proxy_nets(v: Option<serde_json::Value>) -> Result<Vec<ProxyNet>, ConfigError> {
    let Some(v) = v.filter(|v| !v.is_null()) else {
        return Ok(Vec::new());
    };
    let list = v.as_array().ok_or_else(|| {
        err(
            "trusted-proxies",
            "expected an array of addresses or networks",
        )
    })?;
    list.iter()
        .enumerate()
        .map(|(i, item)| {
            item.as_str().and_then(ProxyNet::parse).ok_or_else(|| {
                err(
                    &format!("trusted-proxies[{i}]"),
                    format!("expected an address or network like \"10.0.0.0/8\", got {item}"),
                )
            })
        })
        .collect()
}

/// The tuning keys of `spool`.
fn delivery(raw: &raw::RawSpool) -> Result<DeliveryConfig, ConfigError> {
    let d = DeliveryConfig::default();
    let ms = |key: &str, v: &Option<Int>, default: Duration, lo: i64, hi: i64| match v {
        None => Ok(default),
        Some(Int(n)) if (lo..=hi).contains(n) => Ok(Duration::from_millis(*n as u64)),
        Some(Int(n)) => Err(err(
            &format!("spool.{key}"),
            format!(
                "expected {lo} to {hi} milliseconds (default {}), got {n}",
                default.as_millis()
            ),
        )),
    };
    let count = |key: &str, v: &Option<Int>, default: u32, lo: i64, hi: i64| match v {
        None => Ok(default),
        Some(Int(n)) if (lo..=hi).contains(n) => Ok(*n as u32),
        Some(Int(n)) => Err(err(
            &format!("spool.{key}"),
            format!("expected {lo} to {hi} (default {default}), got {n}"),
        )),
    };
    let retry_base = ms(
        "retry-base-ms",
        &raw.retry_base_ms,
        d.retry_base,
        1,
        3_600_000,
    )?;
    let retry_cap = ms(
        "retry-cap-ms",
        &raw.retry_cap_ms,
        d.retry_cap,
        1,
        86_400_000,
    )?;
    if retry_cap < retry_base {
        return Err(err(
            "spool.retry-cap-ms",
            format!(
                "{} ms is below spool.retry-base-ms ({} ms)",
                retry_cap.as_millis(),
                retry_base.as_millis()
            ),
        ));
    }
    Ok(DeliveryConfig {
        retry_base,
        retry_cap,
        redelivery_timeout: ms(
            "redelivery-timeout-ms",
            &raw.redelivery_timeout_ms,
            d.redelivery_timeout,
            100,
            600_000,
        )?,
        breaker: raw.breaker.as_ref().map_or(d.breaker, |f| f.0),
        probe_interval: ms(
            "probe-interval-ms",
            &raw.probe_interval_ms,
            d.probe_interval,
            10,
            3_600_000,
        )?,
        drain_rate: count("drain-rate", &raw.drain_rate, d.drain_rate, 1, 100_000)?,
        drain_concurrency: count(
            "drain-concurrency",
            &raw.drain_concurrency,
            d.drain_concurrency,
            1,
            1_024,
        )?,
        poison_after: count(
            "poison-after",
            &raw.poison_after,
            d.poison_after,
            1,
            1_000_000,
        )?,
    })
}

/// `spool`, when the object is given.
fn spool(raw: raw::RawSpool) -> Result<SpoolConfig, ConfigError> {
    let dir = given(raw.dir).ok_or_else(|| err("spool.dir", "required"))?;
    let max_age = match raw.max_age {
        None | Some(Int(0)) => DEFAULT_SPOOL_MAX_AGE,
        Some(Int(n)) if (1..=MAX_SPOOL_MAX_AGE_SECS).contains(&n) => Duration::from_secs(n as u64),
        Some(Int(n)) => {
            return Err(err(
                "spool.max-age",
                format!(
                    "expected seconds from 1 to {MAX_SPOOL_MAX_AGE_SECS} (0: the default {}), got {n}",
                    DEFAULT_SPOOL_MAX_AGE.as_secs()
                ),
            ));
        }
    };
    Ok(SpoolConfig {
        dir: PathBuf::from(dir),
        max_age,
    })
}
