//! One account's broker (its access_token, jsapi_ticket, user-info cache and OAuth code
//! exchange) and the set of every account's broker with the background refresher.
//!
//! With a shared Redis, the token and ticket are fetched by one instance and read by the
//! others, one instance (the lease holder) refreshes each account in the background, and the
//! user-info cache is shared; Redis failing leaves each instance on its own state.

use std::collections::HashMap;
use std::sync::atomic::Ordering;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use serde_json::{Value, json};

use super::client::Relayed;
use super::shared::{Lease, SharedSlot, account_key};
use super::token::{Cached, Kind, Slot, parse_expiring};
use super::{Api, ApiError};
use crate::config::{ApiConfig, Secret, Service, TokenApi};
use crate::state::redis::{BUDGET, Redis};
use crate::wechat::oauth::{Scope, authorize_url, encode_component};
use crate::{clock, random};

/// Who clicked an OAuth link, as WeChat told us.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct Identity {
    pub open_id: String,
    /// sns/userinfo, when asked for and fetched.
    pub user_info: Option<Value>,
    /// Why sns/userinfo could not be fetched ("" when it was, or was not asked for).
    pub user_info_error: String,
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
    users: Mutex<HashMap<String, (Instant, Value)>>,
    /// The Redis the instances share, when configured (the user-info cache).
    redis: Option<Arc<Redis>>,
    /// With Redis: which instance refreshes this account in the background.
    lease: Option<Lease>,
    /// The background refresher's failures for this account.
    retry: Retry,
    /// `wechat-open-base`, where users are sent for an OAuth code.
    open_base: String,
    /// What this account's calls to WeChat came to (read by the gateway's metrics; carried
    /// over to the broker that replaces this one on a reload, so the counters never go back).
    pub stats: Arc<ApiStats>,
    /// What the broker was made of: an account whose settings a reload leaves alone keeps its
    /// broker (and its access token).
    made_of: Made,
}

/// An account's token fetches and WeChat errors since start: plain counters, so that the
/// broker (also used by the CLI) knows nothing of the metrics registry.
#[derive(Default)]
pub struct ApiStats {
    refresh_ok: std::sync::atomic::AtomicU64,
    refresh_failed: std::sync::atomic::AtomicU64,
    /// By errcode label (a fixed set: [`crate::metrics::errcode_label`]).
    errcodes: Mutex<std::collections::BTreeMap<String, u64>>,
}

impl ApiStats {
    fn fetched<T>(&self, r: &Result<T, ApiError>) {
        let counter = if r.is_ok() {
            &self.refresh_ok
        } else {
            &self.refresh_failed
        };
        counter.fetch_add(1, Ordering::Relaxed);
    }

    fn answered<T>(&self, r: &Result<T, ApiError>) {
        if let Err(ApiError::WeChat { code, .. }) = r
            && let Ok(mut map) = self.errcodes.lock()
        {
            *map.entry(crate::metrics::errcode_label(*code)).or_default() += 1;
        }
    }

    /// Token fetches ok, failed, and WeChat errors by errcode label.
    pub fn snapshot(&self) -> (u64, u64, Vec<(String, u64)>) {
        let errcodes = self
            .errcodes
            .lock()
            .map(|m| m.iter().map(|(k, v)| (k.clone(), *v)).collect())
            .unwrap_or_default();
        (
            self.refresh_ok.load(Ordering::Relaxed),
            self.refresh_failed.load(Ordering::Relaxed),
            errcodes,
        )
    }
}

/// How long a user's info is reused for pushes.
const USER_TTL: Duration = Duration::from_secs(300);
const USER_CAPACITY: usize = 10_000;
/// Longest openid shared through Redis (WeChat's are 28 characters): a key stays small.
const MAX_OPEN_ID: usize = 64;

impl Broker {
    pub fn new(
        svc: &Service,
        api: Api,
        open_base: &url::Url,
        cache_dir: Option<&std::path::Path>,
        redis: Option<&Arc<Redis>>,
    ) -> Broker {
        let file = |suffix: &str| cache_dir.map(|d| d.join(format!("{}{suffix}", svc.app_id)));
        let made_of = Made::of(svc, &api, open_base, cache_dir);
        // This broker's name as the holder of a lock or lease (unique per instance and broker).
        let owner = format!("{}-{}", std::process::id(), random::alphanumeric(16));
        // Without an app id there is nothing to share (and no token to fetch).
        let redis = redis.filter(|_| !svc.app_id.is_empty());
        let shared = |kind: Kind| {
            redis.map(|r| SharedSlot::new(Arc::clone(r), &svc.app_id, kind.key_name(), &owner))
        };
        Broker {
            name: svc.name.clone(),
            app_id: svc.app_id.clone(),
            secret: svc.app_secret.clone(),
            token_api: svc.token_api,
            api,
            access: Slot::new(Kind::AccessToken, file(""), shared(Kind::AccessToken)),
            ticket: Slot::new(
                Kind::JsapiTicket,
                file(".ticket"),
                shared(Kind::JsapiTicket),
            ),
            users: Mutex::new(HashMap::new()),
            lease: redis.map(|r| Lease::new(Arc::clone(r), &svc.app_id, &owner)),
            redis: redis.cloned(),
            retry: Retry::default(),
            open_base: open_base.as_str().to_owned(),
            stats: Arc::default(),
            made_of,
        }
    }

    /// Seconds until the access_token held expires (0 when none is held).
    pub fn token_expires_in(&self) -> u64 {
        self.access.peek().map_or(0, |c| {
            c.expires_at.saturating_sub(clock::unix_now().max(0) as u64)
        })
    }

    /// WeChat's authorize link of this account (`wechat-open-base`), which sends the user back
    /// to `redirect` with a fresh code.
    pub fn authorize_url(&self, redirect: &str, scope: Scope, state: &str) -> String {
        authorize_url(&self.open_base, &self.app_id, redirect, scope, state)
    }

    /// The app secret for the OAuth code exchange ("" when none: WeChat then refuses).
    fn secret_for_oauth(&self) -> &str {
        self.secret.as_ref().map(Secret::expose).unwrap_or("")
    }

    /// Exchanges an OAuth code for the user's openId (sns/oauth2/access_token); with
    /// `want_userinfo`, or when the code was granted the snsapi_userinfo scope, also fetches
    /// sns/userinfo, whose failure is reported in [`Identity::user_info_error`], not as an error.
    pub async fn exchange_code(
        &self,
        code: &str,
        want_userinfo: bool,
    ) -> Result<Identity, ApiError> {
        let secret = self.secret_for_oauth();
        let q = format!(
            "/sns/oauth2/access_token?appid={}&secret={}&code={}&grant_type=authorization_code",
            encode_component(&self.app_id),
            encode_component(secret),
            encode_component(code)
        );
        let v = self.api.get(&q, &[secret, code]).await?;
        let field = |k: &str| v.get(k).and_then(Value::as_str).unwrap_or("").to_owned();
        let open_id = field("openid");
        if open_id.is_empty() {
            return Err(ApiError::Decode("no openid in the answer".into()));
        }
        let (scope, sns_token) = (field("scope"), field("access_token"));
        let mut id = Identity {
            open_id,
            user_info: None,
            user_info_error: String::new(),
        };
        if want_userinfo || scope.split(',').any(|s| s.trim() == "snsapi_userinfo") {
            let q = format!(
                "/sns/userinfo?access_token={}&openid={}&lang=zh_CN",
                encode_component(&sns_token),
                encode_component(&id.open_id)
            );
            match self.api.get(&q, &[secret, &sns_token]).await {
                Ok(info) => id.user_info = Some(info),
                Err(e) => id.user_info_error = e.to_string(),
            }
        }
        Ok(id)
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
        let fetched = self.fetch_access_once(force).await;
        self.stats.fetched(&fetched);
        self.stats.answered(&fetched);
        fetched
    }

    async fn fetch_access_once(&self, force: bool) -> Result<Cached, ApiError> {
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
                    encode_component(&self.app_id),
                    encode_component(secret.expose())
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
        let first = call(token.value.clone()).await;
        self.stats.answered(&first);
        match first {
            Err(e) if e.is_invalid_token() => {
                tracing::warn!(service = %self.name, error = %e, "access_token rejected by WeChat; refetching once");
                let force = self.access.invalidate(&token.value).await;
                let token = self.access_token_inner(force).await?;
                let again = call(token.value).await;
                self.stats.answered(&again);
                again
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

    /// `method <path>?access_token=…&<query>` relayed as it came (the API pass-through),
    /// retrying once on an invalid token.
    pub async fn relay(
        &self,
        method: &reqwest::Method,
        path: &str,
        query: &str,
        body: &[u8],
    ) -> Result<Relayed, ApiError> {
        self.with_token(|t| async move {
            let sep = if query.is_empty() { "" } else { "&" };
            let q = format!("{path}?access_token={t}{sep}{query}");
            self.api
                .relay(method.clone(), &q, body.to_vec(), &self.secrets(&t))
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

    /// cgi-bin/user/info of `open_id`, reused for a few minutes (with Redis, by every
    /// instance).
    pub async fn user_info(&self, open_id: &str) -> Result<Value, ApiError> {
        if let Ok(map) = self.users.lock()
            && let Some((at, v)) = map.get(open_id)
            && at.elapsed() < USER_TTL
        {
            return Ok(v.clone());
        }
        let shared_key = self
            .redis
            .as_ref()
            .filter(|_| open_id.len() <= MAX_OPEN_ID)
            .map(|r| (r, account_key(r, &self.app_id, &format!("user:{open_id}"))));
        if let Some((r, key)) = &shared_key
            && let Ok(Some(text)) = r
                .query::<Option<String>>(&redis::cmd("GET").arg(key).to_owned(), BUDGET)
                .await
            && let Ok(v) = serde_json::from_str::<Value>(&text)
        {
            self.remember_user(open_id, &v);
            return Ok(v);
        }
        let q = format!("openid={}&lang=zh_CN", encode_component(open_id));
        let v = self.get("/cgi-bin/user/info", &q).await?;
        self.remember_user(open_id, &v);
        if let Some((r, key)) = &shared_key {
            let set = redis::cmd("SET")
                .arg(key)
                .arg(v.to_string())
                .arg("PX")
                .arg(USER_TTL.as_millis() as u64)
                .to_owned();
            if let Err(e) = r.query::<()>(&set, BUDGET).await {
                tracing::debug!(error = %e, "user info: could not share it through redis");
            }
        }
        Ok(v)
    }

    fn remember_user(&self, open_id: &str, v: &Value) {
        if let Ok(mut map) = self.users.lock() {
            if map.len() >= USER_CAPACITY {
                map.retain(|_, (at, _)| at.elapsed() < USER_TTL);
            }
            if map.len() < USER_CAPACITY {
                map.insert(open_id.to_owned(), (Instant::now(), v.clone()));
            }
        }
    }

    /// Whether this instance refreshes the account in the background: without Redis always;
    /// with it, when it holds (or takes) the account's lease — or Redis does not answer.
    async fn refreshes_here(&self) -> bool {
        match &self.lease {
            None => true,
            Some(lease) => lease.hold().await.unwrap_or(true),
        }
    }

    /// One round of the background refresher for this account, when it is due.
    async fn refresh(&self) {
        if !self.refreshes_here().await {
            // Another instance refreshes: take its token once it is in Redis.
            self.access.adopt_shared().await;
            return;
        }
        match self.access_token().await {
            Ok(_) => self.retry.succeeded(&self.name),
            Err(e) => self.retry.failed(&self.name, &e, Instant::now()),
        }
    }

    /// When the background refresher should next look at this broker.
    fn next_refresh(&self) -> Option<u64> {
        self.access.peek().map(|c| c.refresh_at())
    }
}

/// Every account's broker, by service name.
pub struct Brokers {
    by_name: HashMap<String, Arc<Broker>>,
    /// The stats of accounts a reload removed: they read on (the token as expired) and
    /// count on if the account comes back, so no counter goes back.
    retired: HashMap<String, Arc<ApiStats>>,
    /// The Redis the instances share, kept for the brokers of the next reload.
    redis: Option<Arc<Redis>>,
}

impl Brokers {
    /// Brokers of this instance alone (the command line, or no `"redis"`).
    pub fn new(services: &[Arc<Service>], api_cfg: &ApiConfig) -> Result<Brokers, reqwest::Error> {
        Brokers::next_with(services, api_cfg, None, None)
    }

    /// [`Brokers::next_with`] on the Redis of `old` (none when there is no `old`).
    pub fn next(
        services: &[Arc<Service>],
        api_cfg: &ApiConfig,
        old: Option<&Brokers>,
    ) -> Result<Brokers, reqwest::Error> {
        let redis = old.and_then(|o| o.redis.clone());
        Brokers::next_with(services, api_cfg, old, redis)
    }

    /// The brokers of `services` after a reload: an account whose app id, secret, token API,
    /// WeChat bases and token cache are unchanged keeps its broker from `old` (its tokens are
    /// not fetched again); a changed one gets a new broker that keeps counting in the old
    /// one's stats. With `redis`, tokens, tickets and user info are shared with the other
    /// instances on it.
    pub fn next_with(
        services: &[Arc<Service>],
        api_cfg: &ApiConfig,
        old: Option<&Brokers>,
        redis: Option<Arc<Redis>>,
    ) -> Result<Brokers, reqwest::Error> {
        let api = Api::new(&api_cfg.api_base)?;
        let mut retired: HashMap<String, Arc<ApiStats>> = old
            .map(|o| {
                o.retired
                    .iter()
                    .chain(o.by_name.iter().map(|(n, b)| (n, &b.stats)))
                    .map(|(n, s)| (n.clone(), Arc::clone(s)))
                    .collect()
            })
            .unwrap_or_default();
        let by_name: HashMap<String, Arc<Broker>> = services
            .iter()
            .map(|s| {
                let fresh = Broker::new(
                    s,
                    api.clone(),
                    &api_cfg.open_base,
                    api_cfg.token_cache_dir.as_deref(),
                    redis.as_ref(),
                );
                let broker = match old.and_then(|o| o.by_name.get(&s.name)) {
                    Some(before) if before.made_of == fresh.made_of => Arc::clone(before),
                    Some(before) => Arc::new(Broker {
                        stats: Arc::clone(&before.stats),
                        ..fresh
                    }),
                    None => match retired.get(&s.name) {
                        // Back after a reload removed it: counting on.
                        Some(stats) => Arc::new(Broker {
                            stats: Arc::clone(stats),
                            ..fresh
                        }),
                        None => Arc::new(fresh),
                    },
                };
                (s.name.clone(), broker)
            })
            .collect();
        retired.retain(|name, _| !by_name.contains_key(name));
        Ok(Brokers {
            by_name,
            retired,
            redis,
        })
    }

    pub fn get(&self, name: &str) -> Option<&Arc<Broker>> {
        self.by_name.get(name)
    }

    /// Every account's broker.
    pub fn all(&self) -> impl Iterator<Item = &Arc<Broker>> {
        self.by_name.values()
    }

    /// The stats of accounts a reload removed.
    pub fn retired(&self) -> impl Iterator<Item = (&String, &Arc<ApiStats>)> {
        self.retired.iter()
    }

    /// Starts the background refresher (on the calling runtime) over the brokers `current`
    /// returns each round (a reload replaces them): every access token that has been fetched
    /// is fetched again shortly before it expires, so callers never wait. An account WeChat
    /// refuses (40164: IP not whitelisted, 40125: wrong secret, …) is retried with exponential
    /// backoff, and its error logged once, not every round.
    pub fn start_refresher(current: impl Fn() -> Arc<Brokers> + Send + 'static) {
        tokio::spawn(async move {
            loop {
                let now = clock::unix_now().max(0) as u64;
                let brokers = current();
                for b in brokers.by_name.values() {
                    if b.next_refresh().is_some_and(|at| at <= now) && b.retry.due(Instant::now()) {
                        b.refresh().await;
                    }
                }
                tokio::time::sleep(REFRESH_TICK).await;
            }
        });
    }
}

/// The settings a broker is made of, compared on a reload.
#[derive(PartialEq)]
struct Made {
    app_id: String,
    secret: Option<Secret>,
    token_api: TokenApi,
    api_base: String,
    open_base: String,
    cache_dir: Option<std::path::PathBuf>,
}

impl Made {
    fn of(
        svc: &Service,
        api: &Api,
        open_base: &url::Url,
        cache_dir: Option<&std::path::Path>,
    ) -> Made {
        Made {
            app_id: svc.app_id.clone(),
            secret: svc.app_secret.clone(),
            token_api: svc.token_api,
            api_base: api.base().to_owned(),
            open_base: open_base.as_str().to_owned(),
            cache_dir: cache_dir.map(ToOwned::to_owned),
        }
    }
}

/// How often the refresher looks at every account.
const REFRESH_TICK: Duration = Duration::from_millis(500);

/// The refresher's retry schedule for one account: the first retry after [`Backoff::base`],
/// doubling up to [`Backoff::cap`], each delay jittered by ±25% so that gateways refused
/// together do not retry together.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Backoff {
    base: Duration,
    cap: Duration,
}

impl Default for Backoff {
    fn default() -> Self {
        Backoff {
            base: Duration::from_secs(1),
            cap: Duration::from_secs(300),
        }
    }
}

impl Backoff {
    /// The wait after the `failures`-th failure in a row (1 = the first); `jitter` in 0..=1
    /// picks a point in the ±25% band.
    fn delay(&self, failures: u32, jitter: f64) -> Duration {
        let doubled = self
            .base
            .saturating_mul(2u32.saturating_pow(failures.saturating_sub(1).min(31)));
        let d = doubled.min(self.cap);
        d.mul_f64(0.75 + 0.5 * jitter.clamp(0.0, 1.0)).min(self.cap)
    }
}

/// One account's refresh failures: when to try next, and the last error logged.
#[derive(Default)]
struct Retry {
    backoff: Backoff,
    state: Mutex<RetryState>,
}

#[derive(Default)]
struct RetryState {
    failures: u32,
    not_before: Option<Instant>,
    /// What the last failure was ([`failure_kind`]), so that a repeat is not logged again.
    last: Option<String>,
}

impl Retry {
    fn due(&self, now: Instant) -> bool {
        self.state
            .lock()
            .map(|s| s.not_before.is_none_or(|t| t <= now))
            .unwrap_or(true)
    }

    fn succeeded(&self, service: &str) {
        let Ok(mut s) = self.state.lock() else { return };
        if s.last.is_some() {
            tracing::info!(service = %service, after_failures = s.failures, "background access_token refresh recovered");
        }
        *s = RetryState::default();
    }

    fn failed(&self, service: &str, e: &ApiError, now: Instant) {
        let Ok(mut s) = self.state.lock() else { return };
        s.failures = s.failures.saturating_add(1);
        let jitter = f64::from(u16::from_le_bytes(random::bytes::<2>())) / f64::from(u16::MAX);
        let wait = self.backoff.delay(s.failures, jitter);
        s.not_before = Some(now + wait);
        let kind = failure_kind(e);
        if s.last.as_deref() == Some(kind.as_str()) {
            tracing::debug!(service = %service, error = %e, failures = s.failures, retry_in_ms = wait.as_millis() as u64, "background access_token refresh failed again");
        } else {
            tracing::warn!(service = %service, error = %e, retry_in_ms = wait.as_millis() as u64, "background access_token refresh failed; retrying with backoff (logged again only when the error changes)");
            s.last = Some(kind);
        }
    }
}

/// What makes two failures the same for the log: WeChat's errcode (its message carries a
/// request id that changes every time), else the whole message.
fn failure_kind(e: &ApiError) -> String {
    match e {
        ApiError::WeChat { code, .. } => format!("errcode {code}"),
        other => other.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn backoff_doubles_from_the_base_up_to_the_cap_with_jitter() {
        let b = Backoff::default();
        assert_eq!(b.delay(1, 0.5), Duration::from_secs(1));
        assert_eq!(b.delay(2, 0.5), Duration::from_secs(2));
        assert_eq!(b.delay(5, 0.5), Duration::from_secs(16));
        assert_eq!(b.delay(1, 0.0), Duration::from_millis(750));
        assert_eq!(b.delay(1, 1.0), Duration::from_millis(1250));
        assert_eq!(b.delay(9, 0.0), Duration::from_secs(192));
        for n in [10, 31, 32, 1000, u32::MAX] {
            assert_eq!(b.delay(n, 1.0), b.cap, "{n}");
            assert!(b.delay(n, 0.0) >= Duration::from_secs(225), "{n}");
        }
    }

    #[test]
    fn a_repeated_wechat_error_is_the_same_failure_whatever_its_request_id() {
        let e = |m: &str| ApiError::WeChat {
            code: 40164,
            message: m.into(),
        };
        assert_eq!(
            failure_kind(&e("invalid ip 1.2.3.4 rid: 1")),
            failure_kind(&e("invalid ip 1.2.3.4 rid: 2"))
        );
        assert_ne!(
            failure_kind(&e("x")),
            failure_kind(&ApiError::Network("timed out".into()))
        );
    }

    #[test]
    fn retry_waits_after_a_failure_and_resets_on_success() {
        let r = Retry::default();
        let t0 = Instant::now();
        assert!(r.due(t0));
        r.failed("s", &ApiError::Status(500), t0);
        assert!(!r.due(t0));
        assert!(!r.due(t0 + Duration::from_millis(700)));
        assert!(r.due(t0 + Duration::from_millis(1300)));
        r.failed("s", &ApiError::Status(500), t0);
        assert!(!r.due(t0 + Duration::from_millis(1400)));
        r.succeeded("s");
        assert!(r.due(t0));
        assert_eq!(r.state.lock().unwrap().failures, 0);
    }
}
