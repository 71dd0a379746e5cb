//! The WeChat API client and the per-account access-token broker.
//!
//! One place holds each account's access_token (and jsapi_ticket): concurrent callers share one
//! in-flight fetch, tokens are refreshed ahead of expiry in the background, and an
//! invalid-token answer (40001/40014/42001) invalidates the token only if it is still the
//! current one, then the call is retried once. `token-cache-dir` keeps go-wx-gateway's file
//! format, written atomically, so both can share tokens during a migration. No error or log
//! line ever holds the app secret or a token: URLs are stripped from transport errors and
//! WeChat's messages are scrubbed.

use std::collections::HashMap;
use std::path::PathBuf;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use serde_json::{Value, json};

use crate::config::{ApiConfig, Secret, Service, TokenApi};

/// Every call to WeChat gives up after this.
const API_TIMEOUT: Duration = Duration::from_secs(5);
/// go-wx-gateway writes `expire` this many seconds before WeChat's expiry.
const FILE_MARGIN: u64 = 10;

fn unix_now() -> u64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map(|d| d.as_secs())
        .unwrap_or(0)
}

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

/// The HTTP client for `wechat-api-base` (TLS verified, timeouts on every call).
#[derive(Clone)]
pub struct Api {
    http: reqwest::Client,
    base: String,
}

impl Api {
    pub fn new(base: &str) -> Result<Api, reqwest::Error> {
        let http = reqwest::Client::builder()
            .timeout(API_TIMEOUT)
            .connect_timeout(Duration::from_secs(3))
            .user_agent(concat!("wx-gateway/", env!("CARGO_PKG_VERSION")))
            .build()?;
        Ok(Api {
            http,
            base: base.trim_end_matches('/').to_owned(),
        })
    }

    pub fn base(&self) -> &str {
        &self.base
    }

    pub fn http(&self) -> &reqwest::Client {
        &self.http
    }

    /// GET `<base><path_and_query>` and decode WeChat's JSON (non-zero errcode = error).
    pub async fn get(&self, path_and_query: &str, secrets: &[&str]) -> Result<Value, ApiError> {
        self.call(
            self.http.get(format!("{}{path_and_query}", self.base)),
            secrets,
        )
        .await
    }

    /// POST JSON to `<base><path_and_query>`.
    pub async fn post(
        &self,
        path_and_query: &str,
        body: &Value,
        secrets: &[&str],
    ) -> Result<Value, ApiError> {
        let req = self
            .http
            .post(format!("{}{path_and_query}", self.base))
            .header(reqwest::header::CONTENT_TYPE, "application/json")
            .body(body.to_string());
        self.call(req, secrets).await
    }

    async fn call(
        &self,
        req: reqwest::RequestBuilder,
        secrets: &[&str],
    ) -> Result<Value, ApiError> {
        let res = req.send().await.map_err(|e| transport(e, secrets))?;
        let status = res.status().as_u16();
        let bytes = res.bytes().await.map_err(|e| transport(e, secrets))?;
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

fn transport(e: reqwest::Error, secrets: &[&str]) -> ApiError {
    ApiError::Network(scrub(&super::forward::describe(&e), secrets))
}

/// A token or ticket with its expiry (unix seconds).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Cached {
    pub value: String,
    pub expires_at: u64,
    /// Seconds it was issued for.
    pub lifetime: u64,
}

impl Cached {
    /// Refreshed this long before expiry: a quarter of its life, at most 5 minutes.
    fn margin(&self) -> u64 {
        (self.lifetime / 4).min(300)
    }

    fn fresh(&self, now: u64) -> bool {
        now + self.margin() < self.expires_at
    }

    pub fn refresh_at(&self) -> u64 {
        self.expires_at.saturating_sub(self.margin())
    }
}

/// Which secret value a cache holds.
#[derive(Debug, Clone, Copy)]
enum Kind {
    AccessToken,
    JsapiTicket,
}

impl Kind {
    fn file_field(self) -> &'static str {
        match self {
            Kind::AccessToken => "token",
            Kind::JsapiTicket => "ticket",
        }
    }
}

/// One cached value with single-flight fetching and compare-and-invalidate.
struct Slot {
    kind: Kind,
    current: Mutex<Option<Cached>>,
    /// The value last reported invalid: never taken from the file again.
    rejected: Mutex<Option<String>>,
    fetching: tokio::sync::Mutex<()>,
    file: Option<PathBuf>,
}

impl Slot {
    fn new(kind: Kind, file: Option<PathBuf>) -> Slot {
        Slot {
            kind,
            current: Mutex::new(None),
            rejected: Mutex::new(None),
            fetching: tokio::sync::Mutex::new(()),
            file,
        }
    }

    fn fresh(&self) -> Option<Cached> {
        let now = unix_now();
        self.current.lock().ok()?.clone().filter(|c| c.fresh(now))
    }

    fn peek(&self) -> Option<Cached> {
        self.current.lock().ok()?.clone()
    }

    fn store(&self, c: Cached) {
        if let Ok(mut cur) = self.current.lock() {
            *cur = Some(c);
        }
    }

    /// The fresh value, else the cache file's, else `fetch`'s: one fetch at a time, and callers
    /// that waited for it take its result.
    async fn get_or_fetch<F, Fut>(&self, fetch: F) -> Result<Cached, ApiError>
    where
        F: FnOnce() -> Fut,
        Fut: std::future::Future<Output = Result<Cached, ApiError>>,
    {
        if let Some(c) = self.fresh() {
            return Ok(c);
        }
        let _one = self.fetching.lock().await;
        if let Some(c) = self.fresh() {
            return Ok(c);
        }
        if let Some(c) = self.read_file() {
            self.store(c.clone());
            return Ok(c);
        }
        let c = fetch().await?;
        self.store(c.clone());
        self.write_file(&c);
        Ok(c)
    }

    /// Forgets `failing` if it is still the current value; true when it was.
    fn invalidate(&self, failing: &str) -> bool {
        let Ok(mut cur) = self.current.lock() else {
            return false;
        };
        if cur.as_ref().is_some_and(|c| c.value == failing) {
            *cur = None;
            if let Ok(mut r) = self.rejected.lock() {
                *r = Some(failing.to_owned());
            }
            return true;
        }
        false
    }

    /// The file's value when it is fresh and not the one known to be invalid.
    fn read_file(&self) -> Option<Cached> {
        let text = std::fs::read_to_string(self.file.as_ref()?).ok()?;
        let v: Value = serde_json::from_str(&text).ok()?;
        let value = v.get(self.kind.file_field())?.as_str()?.to_owned();
        let expire = v.get("expire")?.as_u64()?;
        if self.rejected.lock().ok()?.as_deref() == Some(value.as_str()) {
            return None;
        }
        // go-wx-gateway's `expire` already has its 10 s margin; the lifetime is WeChat's usual.
        let c = Cached {
            value,
            expires_at: expire + FILE_MARGIN,
            lifetime: 7200,
        };
        c.fresh(unix_now()).then_some(c)
    }

    /// Writes the file atomically (temporary file, then rename).
    fn write_file(&self, c: &Cached) {
        let Some(path) = &self.file else { return };
        let body = json!({"expire": c.expires_at.saturating_sub(FILE_MARGIN), self.kind.file_field(): c.value});
        let tmp = path.with_extension(format!("tmp{}", std::process::id()));
        let result = path
            .parent()
            .map(std::fs::create_dir_all)
            .unwrap_or(Ok(()))
            .and_then(|_| std::fs::write(&tmp, body.to_string()))
            .and_then(|_| std::fs::rename(&tmp, path));
        if let Err(e) = result {
            tracing::warn!(error = %e, "token-cache-dir: could not write the cache file");
            let _ = std::fs::remove_file(&tmp);
        }
    }
}

/// One account's broker.
pub struct Broker {
    pub name: String,
    pub app_id: String,
    secret: Option<Secret>,
    token_api: TokenApi,
    api: Api,
    access: Slot,
    ticket: Slot,
    /// cgi-bin/user/info answers by openid, for `append-userinfo`.
    users: Mutex<HashMap<String, (std::time::Instant, Value)>>,
}

/// How long a user's info is reused for pushes.
const USER_TTL: Duration = Duration::from_secs(300);
const USER_CAPACITY: usize = 10_000;

impl Broker {
    pub fn new(svc: &Service, api: Api, cache_dir: Option<&std::path::Path>) -> Broker {
        let file = |suffix: &str| cache_dir.map(|d| d.join(format!("{}{suffix}", svc.app_id)));
        Broker {
            name: svc.name.clone(),
            app_id: svc.app_id.clone(),
            secret: svc.app_secret.clone(),
            token_api: svc.token_api,
            api,
            access: Slot::new(Kind::AccessToken, file("")),
            ticket: Slot::new(Kind::JsapiTicket, file(".ticket")),
            users: Mutex::new(HashMap::new()),
        }
    }

    pub fn api(&self) -> &Api {
        &self.api
    }

    /// The app secret for the OAuth code exchange ("" when none: WeChat then refuses).
    pub fn secret_for_oauth(&self) -> &str {
        self.secret.as_ref().map(Secret::expose).unwrap_or("")
    }

    fn secret(&self) -> Result<&Secret, ApiError> {
        match &self.secret {
            Some(s) if !self.app_id.is_empty() => Ok(s),
            _ => Err(ApiError::NoSecret(self.name.clone())),
        }
    }

    /// The app secret and `extra` values, for scrubbing messages.
    fn secrets<'a>(&'a self, extra: &'a str) -> Vec<&'a str> {
        let mut v = vec![extra];
        if let Some(s) = &self.secret {
            v.push(s.expose());
        }
        v
    }

    /// A valid access_token: cached, from the cache file, or fetched (one fetch at a time).
    pub async fn access_token(&self) -> Result<Cached, ApiError> {
        self.access_token_inner(false).await
    }

    async fn access_token_inner(&self, force: bool) -> Result<Cached, ApiError> {
        self.access.get_or_fetch(|| self.fetch_access(force)).await
    }

    async fn fetch_access(&self, force: bool) -> Result<Cached, ApiError> {
        let secret = self.secret()?;
        let secrets = self.secrets("");
        let v = match self.token_api {
            TokenApi::Stable => {
                let body = json!({"grant_type": "client_credential", "appid": self.app_id,
                                  "secret": secret.expose(), "force_refresh": force});
                self.api
                    .post("/cgi-bin/stable_token", &body, &secrets)
                    .await?
            }
            TokenApi::Classic => {
                let q = format!(
                    "/cgi-bin/token?grant_type=client_credential&appid={}&secret={}",
                    crate::wechat::oauth::encode_component(&self.app_id),
                    crate::wechat::oauth::encode_component(secret.expose())
                );
                self.api.get(&q, &secrets).await?
            }
        };
        let cached = parse_expiring(&v, "access_token")?;
        tracing::info!(service = %self.name, expires_in = cached.lifetime, "access_token fetched");
        Ok(cached)
    }

    /// Runs `call` with the access token; on an invalid-token answer, invalidates that token
    /// (only if it is still current), fetches once more and retries once.
    pub async fn with_token<T, F, Fut>(&self, call: F) -> Result<T, ApiError>
    where
        F: Fn(String) -> Fut,
        Fut: std::future::Future<Output = Result<T, ApiError>>,
    {
        let token = self.access_token().await?;
        match call(token.value.clone()).await {
            Err(e) if e.is_invalid_token() => {
                tracing::warn!(service = %self.name, error = %e, "access_token rejected by WeChat; refetching once");
                let force = self.access.invalidate(&token.value);
                let token = self.access_token_inner(force).await?;
                call(token.value).await
            }
            other => other,
        }
    }

    /// GET an API path with `access_token` added, retrying once on an invalid token.
    pub async fn get(&self, path: &str, query: &str) -> Result<Value, ApiError> {
        self.with_token(|t| async move {
            let sep = if query.is_empty() { "" } else { "&" };
            let q = format!("{path}?access_token={t}{sep}{query}");
            self.api.get(&q, &self.secrets(&t)).await
        })
        .await
    }

    /// POST JSON to an API path with `access_token` added, retrying once on an invalid token.
    pub async fn post(&self, path: &str, body: &Value) -> Result<Value, ApiError> {
        self.with_token(|t| async move {
            self.api
                .post(&format!("{path}?access_token={t}"), body, &self.secrets(&t))
                .await
        })
        .await
    }

    /// A valid jsapi_ticket, brokered like the access token.
    pub async fn jsapi_ticket(&self) -> Result<Cached, ApiError> {
        self.ticket
            .get_or_fetch(|| async {
                let v = self.get("/cgi-bin/ticket/getticket", "type=jsapi").await?;
                parse_expiring(&v, "ticket")
            })
            .await
    }

    /// cgi-bin/user/info of `open_id`, reused for a few minutes.
    pub async fn user_info(&self, open_id: &str) -> Result<Value, ApiError> {
        if let Ok(map) = self.users.lock()
            && let Some((at, v)) = map.get(open_id)
            && at.elapsed() < USER_TTL
        {
            return Ok(v.clone());
        }
        let q = format!(
            "openid={}&lang=zh_CN",
            crate::wechat::oauth::encode_component(open_id)
        );
        let v = self.get("/cgi-bin/user/info", &q).await?;
        if let Ok(mut map) = self.users.lock() {
            if map.len() >= USER_CAPACITY {
                map.retain(|_, (at, _)| at.elapsed() < USER_TTL);
            }
            if map.len() < USER_CAPACITY {
                map.insert(open_id.to_owned(), (std::time::Instant::now(), v.clone()));
            }
        }
        Ok(v)
    }

    /// When the background refresher should next look at this broker.
    fn next_refresh(&self) -> Option<u64> {
        self.access.peek().map(|c| c.refresh_at())
    }
}

fn parse_expiring(v: &Value, field: &str) -> Result<Cached, ApiError> {
    let value = v
        .get(field)
        .and_then(Value::as_str)
        .filter(|s| !s.is_empty())
        .ok_or_else(|| ApiError::Decode(format!("no {field} in the answer")))?;
    let lifetime = v.get("expires_in").and_then(Value::as_u64).unwrap_or(7200);
    Ok(Cached {
        value: value.to_owned(),
        expires_at: unix_now() + lifetime,
        lifetime,
    })
}

/// Every account's broker, by service name.
pub struct Brokers {
    by_name: HashMap<String, Arc<Broker>>,
    refreshing: AtomicBool,
}

impl Brokers {
    pub fn new(services: &[Arc<Service>], api_cfg: &ApiConfig) -> Result<Brokers, reqwest::Error> {
        let api = Api::new(&api_cfg.api_base)?;
        let by_name = services
            .iter()
            .map(|s| {
                (
                    s.name.clone(),
                    Arc::new(Broker::new(
                        s,
                        api.clone(),
                        api_cfg.token_cache_dir.as_deref(),
                    )),
                )
            })
            .collect();
        Ok(Brokers {
            by_name,
            refreshing: AtomicBool::new(false),
        })
    }

    pub fn get(&self, name: &str) -> Option<&Arc<Broker>> {
        self.by_name.get(name)
    }

    /// Starts the background refresher once (on the calling runtime): every access token that
    /// has been fetched is fetched again shortly before it expires, so callers never wait.
    pub fn start_refresher(self: &Arc<Self>) {
        if self.refreshing.swap(true, Ordering::AcqRel) {
            return;
        }
        let brokers = Arc::clone(self);
        tokio::spawn(async move {
            loop {
                let now = unix_now();
                for b in brokers.by_name.values() {
                    if b.next_refresh().is_some_and(|at| at <= now)
                        && let Err(e) = b.access_token().await
                    {
                        tracing::warn!(service = %b.name, error = %e, "background access_token refresh failed");
                    }
                }
                tokio::time::sleep(Duration::from_millis(500)).await;
            }
        });
    }
}

#[cfg(test)]
mod tests {
    use super::*;

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

    #[test]
    fn freshness_and_margin() {
        let c = Cached {
            value: "t".into(),
            expires_at: 10_000,
            lifetime: 7200,
        };
        assert_eq!(c.refresh_at(), 9_700);
        assert!(c.fresh(9_699));
        assert!(!c.fresh(9_700));
        let short = Cached {
            value: "t".into(),
            expires_at: 100,
            lifetime: 4,
        };
        assert_eq!(short.refresh_at(), 99);
    }
}
