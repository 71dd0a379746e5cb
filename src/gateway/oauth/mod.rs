//! The OAuth menu flow at `redirect-path`: code → openId (+ userinfo) → the menu handler, in
//! both of go-wx-gateway's contracts (`menu-handler` and `redirect-url`).
//!
//! The path is open to anyone, and each code exchange carries the app secret to WeChat, so it
//! is guarded: a token bucket per client address, a bound on exchanges in flight per service,
//! and codes WeChat refused remembered for a minute. A code seen again within 5 minutes (page
//! refresh, back button) reuses its identity only in the browser it was first exchanged for
//! (a cookie); any other browser is sent back through WeChat's authorize page for a code of its
//! own. Differs from go-wx-gateway, which gave a reused code's identity to whoever presented it.
//! With a shared Redis, a code's identity (and the browser it is bound to) is shared by every
//! instance for the same 5 minutes, so a refresh that reaches another instance reuses it too;
//! Redis failing leaves each instance on its own memory.

mod handlers;
mod limit;

use std::collections::{HashMap, HashSet};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use tokio::sync::{OwnedSemaphorePermit, Semaphore};
use warp::http::{HeaderMap, HeaderValue, StatusCode, header};
use warp::reply::Response;

use super::error::{PageError, with_type};
use super::router::Request;
use crate::backend::oauth as contract;
use crate::config::{ProxyNet, Service};
use crate::random;
use crate::state::redis::{BUDGET, Redis};
use crate::wechat::oauth::Scope;
use crate::wxapi::{ApiError, Broker, Identity};
use handlers::{Handoff, menu_handler, proxy};
use limit::RateLimiter;

/// How long a code's identity is remembered (WeChat's codes live 5 minutes).
const CODE_TTL: Duration = Duration::from_secs(300);
const CODE_CAPACITY: usize = 10_000;
/// How long a code WeChat refused is answered without asking again.
const FAILED_TTL: Duration = Duration::from_secs(60);
/// Code exchanges in flight per service; one more gets the "try again" page at once.
const MAX_EXCHANGES: usize = 16;
/// Every call to a menu handler gives up after this.
pub const HANDLER_TIMEOUT: Duration = Duration::from_secs(10);
/// The cookie that ties a code's identity to the browser it was exchanged for.
pub const BROWSER_COOKIE: &str = "wxgw_oauth";
/// Longest code accepted. WeChat's are 32 characters; a longer one is not sent to WeChat nor
/// remembered (10 000 remembered codes of a client's choosing must stay small).
pub const MAX_CODE_LEN: usize = 128;
/// Length of the cookie's random value (`[A-Za-z0-9]`, about 190 bits).
const BROWSER_ID_LEN: usize = 32;

/// Who may reuse a code's identity.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "lowercase")]
enum Holder {
    /// The browser whose cookie holds this value.
    Browser(String),
    /// The `sns-auth2` endpoint: backends behind the admin token. Its entries are never given
    /// to a browser, nor a browser's to it.
    Backend,
}

/// Recent entries with a lifetime and a bound. At the bound, expired entries are dropped; if
/// none were, the new entry is not remembered (this is a cache: forgetting is safe).
struct Recent<V> {
    ttl: Duration,
    entries: Mutex<HashMap<String, (Instant, V)>>,
}

impl<V: Clone> Recent<V> {
    fn new(ttl: Duration) -> Self {
        Recent {
            ttl,
            entries: Mutex::new(HashMap::new()),
        }
    }

    fn get(&self, key: &str) -> Option<V> {
        let map = self.entries.lock().ok()?;
        map.get(key)
            .filter(|(at, _)| at.elapsed() < self.ttl)
            .map(|(_, v)| v.clone())
    }

    /// Remembers `value` unless a live entry is there already (a code is exchanged once: the
    /// first holder keeps it).
    fn put(&self, key: String, value: V) {
        let Ok(mut map) = self.entries.lock() else {
            return;
        };
        if map.get(&key).is_some_and(|(at, _)| at.elapsed() < self.ttl) {
            return;
        }
        if map.len() >= CODE_CAPACITY {
            map.retain(|_, (at, _)| at.elapsed() < self.ttl);
            if map.len() >= CODE_CAPACITY {
                return;
            }
        }
        map.insert(key, (Instant::now(), value));
    }
}

/// The OAuth flow's memory, shared by every serving thread: which codes were exchanged and for
/// whom, which ones WeChat refused, the exchanges in flight per service, and the request rate
/// of each client address.
pub struct CodeCache {
    exchanged: Recent<(Holder, Identity)>,
    failed: Recent<ApiError>,
    in_flight: Mutex<HashMap<String, Arc<Semaphore>>>,
    clients: RateLimiter,
    /// When the last "too many exchanges" warning was logged (at most one per 10 s).
    busy_warned: Mutex<Option<Instant>>,
    /// The Redis the instances share: exchanged codes are remembered there too.
    redis: Option<Arc<Redis>>,
}

impl Default for CodeCache {
    fn default() -> Self {
        CodeCache::with_redis(None)
    }
}

/// A code's entry in Redis (`{acct:<appid>}:oauth:code:<sha1 of the code>`, 5 minutes).
#[derive(serde::Serialize, serde::Deserialize)]
struct SharedCode {
    holder: Holder,
    identity: Identity,
}

/// The OAuth redirect's view of its clients: the code cache (which outlives reloads) and
/// `trusted-proxies` (from the config in use).
#[derive(Clone, Copy)]
pub struct Clients<'a> {
    pub codes: &'a CodeCache,
    /// `trusted-proxies`: requests from those addresses are counted by the client their
    /// `X-Forwarded-For` names.
    pub trusted_proxies: &'a [ProxyNet],
}

impl Clients<'_> {
    /// The address a request is counted by: the connection's peer, or, when the peer is a
    /// trusted proxy, the last address of `X-Forwarded-For` that is not one (proxies append
    /// the address they got the request from, so the ones before a trusted hop are the
    /// client's word and never believed).
    fn client_address(&self, req: &Request) -> Option<std::net::IpAddr> {
        let peer = req.peer.map(|p| p.0.ip())?;
        let trusted = |ip: std::net::IpAddr| self.trusted_proxies.iter().any(|n| n.contains(ip));
        if !trusted(peer) {
            return Some(peer);
        }
        let hops = req
            .headers
            .get_all("x-forwarded-for")
            .iter()
            .filter_map(|v| v.to_str().ok())
            .flat_map(|v| v.split(','))
            .collect::<Vec<_>>();
        for hop in hops.into_iter().rev() {
            match hop.trim().parse() {
                Ok(ip) if trusted(ip) => continue,
                Ok(ip) => return Some(ip),
                // Garbage from before the trusted hops: nothing further left is believable.
                Err(_) => break,
            }
        }
        Some(peer)
    }
}

impl CodeCache {
    /// The cache of one instance; with `redis`, exchanged codes are shared with the others.
    pub fn with_redis(redis: Option<Arc<Redis>>) -> CodeCache {
        CodeCache {
            exchanged: Recent::new(CODE_TTL),
            failed: Recent::new(FAILED_TTL),
            in_flight: Mutex::new(HashMap::new()),
            clients: RateLimiter::default(),
            busy_warned: Mutex::new(None),
            redis,
        }
    }

    fn key(broker: &Broker, code: &str) -> String {
        format!("{}\u{0}{code}", broker.name)
    }

    /// The code's key in Redis: by account, the code hashed (the key names no live code).
    fn shared_key(redis: &Redis, broker: &Broker, code: &str) -> String {
        use sha1::Digest as _;
        let digest = sha1::Sha1::digest(code.as_bytes());
        let hex: String = digest.iter().map(|b| format!("{b:02x}")).collect();
        crate::wxapi::account_key(redis, &broker.app_id, &format!("oauth:code:{hex}"))
    }

    /// Who the code was exchanged for and its identity: remembered here, else by another
    /// instance (through Redis, within its budget).
    async fn recall(&self, broker: &Broker, code: &str) -> Option<(Holder, Identity)> {
        if let Some(entry) = self.exchanged.get(&CodeCache::key(broker, code)) {
            return Some(entry);
        }
        let redis = self.redis.as_ref()?;
        let get = redis::cmd("GET")
            .arg(CodeCache::shared_key(redis, broker, code))
            .to_owned();
        let text: Option<String> = redis.query(&get, BUDGET).await.ok()?;
        let shared: SharedCode = serde_json::from_str(&text?).ok()?;
        Some((shared.holder, shared.identity))
    }

    /// Remembers who the code was exchanged for, here and (the first holder keeps it) in Redis.
    async fn remember(&self, broker: &Broker, code: &str, holder: Holder, id: &Identity) {
        let key = CodeCache::key(broker, code);
        self.exchanged.put(key, (holder.clone(), id.clone()));
        let Some(redis) = &self.redis else { return };
        let Ok(text) = serde_json::to_string(&SharedCode {
            holder,
            identity: id.clone(),
        }) else {
            return;
        };
        let set = redis::cmd("SET")
            .arg(CodeCache::shared_key(redis, broker, code))
            .arg(text)
            .arg("NX")
            .arg("PX")
            .arg(CODE_TTL.as_millis() as u64)
            .to_owned();
        if let Err(e) = redis.query::<Option<String>>(&set, BUDGET).await {
            tracing::debug!(error = %e, "OAuth code: could not share it through redis");
        }
    }

    /// The code's identity for the `sns-auth2` endpoint: remembered from an earlier call of
    /// the endpoint, or exchanged with WeChat and remembered. A code a browser holds is not
    /// reused here (WeChat then says it was used).
    pub async fn exchange(
        &self,
        broker: &Broker,
        code: &str,
        want_userinfo: bool,
    ) -> Result<Identity, ApiError> {
        let key = CodeCache::key(broker, code);
        if let Some((Holder::Backend, id)) = self.recall(broker, code).await {
            return Ok(id);
        }
        if let Some(e) = self.failed.get(&key) {
            return Err(e);
        }
        match broker.exchange_code(code, want_userinfo).await {
            Ok(id) => {
                self.remember(broker, code, Holder::Backend, &id).await;
                Ok(id)
            }
            Err(e) => {
                self.remember_failure(key, &e);
                Err(e)
            }
        }
    }

    fn remember_failure(&self, key: String, e: &ApiError) {
        if condemns_the_code(e) {
            self.failed.put(key, e.clone());
        }
    }

    /// A slot for one more code exchange of `service`, if fewer than [`MAX_EXCHANGES`] are
    /// under way.
    fn exchange_slot(&self, service: &str) -> Option<OwnedSemaphorePermit> {
        let slots = {
            let mut map = self.in_flight.lock().ok()?;
            // One entry per service with a redirect-path: bounded by the config.
            Arc::clone(
                map.entry(service.to_owned())
                    .or_insert_with(|| Arc::new(Semaphore::new(MAX_EXCHANGES))),
            )
        };
        slots.try_acquire_owned().ok()
    }

    /// True at most once every 10 s: for warnings that a flood would repeat.
    fn warn_busy_now(&self, now: Instant) -> bool {
        let Ok(mut last) = self.busy_warned.lock() else {
            return false;
        };
        if last.is_some_and(|t| now.saturating_duration_since(t) < Duration::from_secs(10)) {
            return false;
        }
        *last = Some(now);
        true
    }
}

/// Whether WeChat's refusal is about the code itself (used, expired, invalid), so that the
/// same code can be refused again without asking. Transport failures, WeChat being busy (-1)
/// and its rate limits (45009, 45011) say nothing about the code.
fn condemns_the_code(e: &ApiError) -> bool {
    matches!(e, ApiError::WeChat { code, .. } if !matches!(code, -1 | 45009 | 45011))
}

/// GET {redirect-path}?code=…&state=…
pub async fn redirect(
    svc: &Service,
    broker: &Broker,
    clients: Clients<'_>,
    client: &reqwest::Client,
    req: &Request,
) -> Result<Response, PageError> {
    let now = Instant::now();
    let codes = clients.codes;
    if let Err(wait) = codes.clients.check(clients.client_address(req), now) {
        tracing::debug!(service = %svc.name, "OAuth redirect: client over its rate limit");
        return Err(PageError::TooMany(wait.as_secs_f64().ceil() as u64));
    }
    let mut code = String::new();
    let mut state = String::new();
    for (k, v) in form_urlencoded::parse(req.query.as_bytes()) {
        match &*k {
            "code" if code.is_empty() => code = v.into_owned(),
            "state" if state.is_empty() => state = v.into_owned(),
            _ => {}
        }
    }
    if code.is_empty() || code.len() > MAX_CODE_LEN {
        return Err(PageError::NoCode);
    }
    // go-wx-gateway matched the flag anywhere in the request URI (a code could match); here it
    // is looked for in the state only.
    let want_userinfo = svc
        .redirect_userinfo_flag
        .as_deref()
        .is_some_and(|f| state.contains(f));
    let key = CodeCache::key(broker, &code);
    let mut new_browser = None;
    let id = match codes.recall(broker, &code).await {
        Some((Holder::Browser(b), id)) if browser_ids(&req.headers).contains(b.as_str()) => id,
        // Exchanged for another browser (or for a backend): that identity is not this one's.
        Some((_, id)) => {
            return reauthorize(broker, req, &state, want_userinfo || id.user_info.is_some());
        }
        None => {
            if let Some(e) = codes.failed.get(&key) {
                return Err(PageError::Exchange(e));
            }
            let Some(_slot) = codes.exchange_slot(&svc.name) else {
                if codes.warn_busy_now(now) {
                    tracing::warn!(service = %svc.name, in_flight = MAX_EXCHANGES, "OAuth redirect: too many code exchanges at once; refusing more (logged at most every 10 s)");
                }
                return Err(PageError::Busy);
            };
            match broker.exchange_code(&code, want_userinfo).await {
                Ok(id) => {
                    // Always a new value, never the one the browser brought: a value planted
                    // in the browser beforehand must not learn whose code this was.
                    let browser = random::alphanumeric(BROWSER_ID_LEN);
                    codes
                        .remember(broker, &code, Holder::Browser(browser.clone()), &id)
                        .await;
                    new_browser = Some(browser);
                    id
                }
                Err(e) => {
                    // A second request with the same code (a double tap) lost the race to the
                    // first: it gets a code of its own.
                    if let Some((_, id)) = codes.recall(broker, &code).await {
                        return reauthorize(
                            broker,
                            req,
                            &state,
                            want_userinfo || id.user_info.is_some(),
                        );
                    }
                    tracing::warn!(service = %svc.name, error = %e, "OAuth code exchange failed");
                    codes.remember_failure(key, &e);
                    return Err(PageError::Exchange(e));
                }
            }
        }
    };
    let handoff = |url| Handoff {
        client,
        url,
        svc,
        id: &id,
        state: &state,
    };
    let result = if let Some(url) = &svc.redirect_url {
        proxy(handoff(url), req).await
    } else if let Some(url) = &svc.menu_handler {
        menu_handler(handoff(url)).await
    } else {
        Ok(with_type(
            contract::identity_body(&svc.app_id, &id, &state),
            "application/json",
        ))
    };
    let mut res = result.unwrap_or_else(|e| {
        tracing::warn!(service = %svc.name, error = %e, "menu handler failed");
        PageError::Handler.into_response()
    });
    // Also on the error page: a reload then retries the handler with the same identity.
    if let Some(browser) = new_browser {
        let path = req.path.as_str();
        res.headers_mut().append(
            header::SET_COOKIE,
            browser_cookie(&browser, path, is_https(&req.headers)),
        );
    }
    Ok(res)
}

/// Sends the browser back through WeChat's authorize page for a code of its own, to the URL
/// it asked for without `code` and `state` (WeChat adds fresh ones). The user sees no error.
fn reauthorize(
    broker: &Broker,
    req: &Request,
    state: &str,
    userinfo: bool,
) -> Result<Response, PageError> {
    let here = own_url(req).ok_or(PageError::CodeReused)?;
    let scope = if userinfo {
        Scope::UserInfo
    } else {
        Scope::Base
    };
    let to = HeaderValue::from_str(&broker.authorize_url(&here, scope, state))
        .map_err(|_| PageError::CodeReused)?;
    tracing::debug!(service = %broker.name, "OAuth code already exchanged for another browser: sent back to WeChat for a code of its own");
    let mut res = Response::new(bytes::Bytes::new().into());
    *res.status_mut() = StatusCode::FOUND;
    res.headers_mut().insert(header::LOCATION, to);
    res.headers_mut()
        .insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    Ok(res)
}

/// The URL the browser asked for, as the browser sees it (behind a proxy: the scheme from
/// `X-Forwarded-Proto`, the host from `X-Forwarded-Host`), without `code` and `state`. `None`
/// when the request names no plausible host.
fn own_url(req: &Request) -> Option<String> {
    let scheme = if is_https(&req.headers) {
        "https"
    } else {
        "http"
    };
    let host = first_value(&req.headers, "x-forwarded-host")
        .or_else(|| first_value(&req.headers, "host"))?;
    let plausible = !host.is_empty()
        && host.len() <= 255
        && host
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b"-.:[]_".contains(&b));
    if !plausible {
        return None;
    }
    let query: Vec<&str> = req
        .query
        .split('&')
        .filter(|kv| {
            let name = form_urlencoded::parse(kv.as_bytes()).next().map(|(k, _)| k);
            !kv.is_empty() && !matches!(name.as_deref(), Some("code" | "state"))
        })
        .collect();
    let path = req.path.as_str();
    Some(if query.is_empty() {
        format!("{scheme}://{host}{path}")
    } else {
        format!("{scheme}://{host}{path}?{}", query.join("&"))
    })
}

/// The first of a header's comma-separated values, trimmed (proxies append theirs).
fn first_value<'a>(headers: &'a HeaderMap, name: &str) -> Option<&'a str> {
    let v = headers.get(name)?.to_str().ok()?;
    Some(v.split(',').next().unwrap_or("").trim())
}

/// Whether the browser reached the gateway over https (a TLS-terminating proxy says so).
fn is_https(headers: &HeaderMap) -> bool {
    first_value(headers, "x-forwarded-proto").is_some_and(|p| p.eq_ignore_ascii_case("https"))
}

/// Every well-formed [`BROWSER_COOKIE`] value the browser sent.
fn browser_ids(headers: &HeaderMap) -> HashSet<&str> {
    headers
        .get_all(header::COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(';'))
        .filter_map(|c| c.trim().strip_prefix(BROWSER_COOKIE)?.strip_prefix('='))
        .filter(|v| v.len() == BROWSER_ID_LEN && v.bytes().all(|b| b.is_ascii_alphanumeric()))
        .collect()
}

/// `Set-Cookie` for the browser a code was exchanged for: sent back to the redirect path
/// only, for as long as the code's identity is remembered, never to scripts, not on
/// cross-site sub-requests (WeChat's redirect is a top-level navigation, which Lax allows).
fn browser_cookie(id: &str, path: &str, secure: bool) -> HeaderValue {
    // A `;` would end the attribute: such a path (possible in the config) scopes to "/".
    let path = if path.contains(';') { "/" } else { path };
    let cookie = format!(
        "{BROWSER_COOKIE}={id}; Path={path}; Max-Age={}; HttpOnly; SameSite=Lax{}",
        CODE_TTL.as_secs(),
        if secure { "; Secure" } else { "" }
    );
    HeaderValue::from_str(&cookie)
        .unwrap_or_else(|_| HeaderValue::from_static("wxgw_oauth=; Max-Age=0"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn browser_ids_are_read_from_every_cookie_header_and_checked() {
        let id = "A".repeat(BROWSER_ID_LEN);
        let other = "b".repeat(BROWSER_ID_LEN);
        let mut h = HeaderMap::new();
        h.append(
            header::COOKIE,
            HeaderValue::from_str(&format!("x=1; {BROWSER_COOKIE}={id}")).unwrap(),
        );
        h.append(
            header::COOKIE,
            HeaderValue::from_str(&format!("{BROWSER_COOKIE}={other};y=2")).unwrap(),
        );
        h.append(header::COOKIE, HeaderValue::from_static("wxgw_oauth=short"));
        h.append(header::COOKIE, HeaderValue::from_static("wxgw_oauthx=1"));
        assert_eq!(
            browser_ids(&h),
            HashSet::from([id.as_str(), other.as_str()])
        );
    }

    #[test]
    fn the_browser_cookie_is_http_only_lax_and_secure_over_https() {
        assert_eq!(
            browser_cookie("ID", "/r", false),
            "wxgw_oauth=ID; Path=/r; Max-Age=300; HttpOnly; SameSite=Lax"
        );
        assert_eq!(
            browser_cookie("ID", "/r", true),
            "wxgw_oauth=ID; Path=/r; Max-Age=300; HttpOnly; SameSite=Lax; Secure"
        );
        assert!(
            browser_cookie("ID", "/a;Domain=x", false)
                .to_str()
                .unwrap()
                .contains("Path=/;")
        );
    }

    #[test]
    fn only_refusals_about_the_code_are_remembered() {
        let wechat = |code| ApiError::WeChat {
            code,
            message: String::new(),
        };
        assert!(condemns_the_code(&wechat(40163)));
        assert!(condemns_the_code(&wechat(40029)));
        assert!(!condemns_the_code(&wechat(-1)));
        assert!(!condemns_the_code(&wechat(45011)));
        assert!(!condemns_the_code(&ApiError::Network("timed out".into())));
        assert!(!condemns_the_code(&ApiError::Status(500)));
    }

    #[test]
    fn the_first_holder_of_a_code_keeps_it() {
        let recent = Recent::new(CODE_TTL);
        recent.put("k".into(), 1);
        recent.put("k".into(), 2);
        assert_eq!(recent.get("k"), Some(1));
        assert_eq!(recent.get("other"), None);
    }

    /// Issue 12: a code exchanged on one instance is reused by the same browser on another
    /// without a second exchange, and another browser is sent back through WeChat for a code
    /// of its own. Two caches on connections of their own to the machine's Redis.
    #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
    async fn a_code_is_shared_between_instances_for_its_browser_only() {
        use std::sync::atomic::{AtomicU32, Ordering};
        use warp::Filter as _;

        let exchanges = Arc::new(AtomicU32::new(0));
        let count = Arc::clone(&exchanges);
        let sns = warp::path!("sns" / "oauth2" / "access_token").map(move || {
            count.fetch_add(1, Ordering::SeqCst);
            warp::reply::json(
                &serde_json::json!({"access_token": "SNS", "expires_in": 7200,
                                                  "openid": "oOPEN", "scope": "snsapi_base"}),
            )
        });
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
        let wechat = listener.local_addr().unwrap();
        tokio::spawn(warp::serve(sns).incoming(listener).run());
        let cfg = crate::config::parse(&format!(
            r#"{{"listen-port":0,"wechat-api-base":"http://{wechat}","services":[{{"name":"acct",
                "wx-params":{{"token":"testtoken","app-id":"wx0123456789abcdef","app-secret":"S"}},
                "listen-endpoints":{{"service-path":"/wx","redirect-path":"/redirect"}}}}]}}"#
        ))
        .unwrap();
        let brokers = crate::wxapi::Brokers::new(&cfg.services, &cfg.api).unwrap();
        let (svc, broker) = (&cfg.services[0], brokers.get("acct").unwrap());
        let prefix = format!(
            "wxgw-test-{}-{}:",
            std::process::id(),
            random::alphanumeric(10)
        );
        let mut instances = Vec::new();
        for _ in 0..2 {
            let r = Redis::start("redis://127.0.0.1:6379/0", &prefix).unwrap();
            for _ in 0..40 {
                let pong: Result<String, _> =
                    r.query(&redis::cmd("PING"), Duration::from_secs(1)).await;
                if pong.is_ok() {
                    break;
                }
                tokio::time::sleep(Duration::from_millis(50)).await;
            }
            instances.push(CodeCache::with_redis(Some(r)));
        }
        let client = crate::upstream::builder().build().unwrap();
        let ask = async |codes: &CodeCache, cookie: Option<&str>| {
            let query = "code=c-1&state=s";
            let path = warp::test::request()
                .path(&format!("/redirect?{query}"))
                .filter(&warp::path::full())
                .await
                .unwrap();
            let mut headers = HeaderMap::new();
            headers.insert(header::HOST, HeaderValue::from_static("gw.example"));
            if let Some(c) = cookie {
                headers.insert(header::COOKIE, HeaderValue::from_str(c).unwrap());
            }
            let req = Request {
                method: warp::http::Method::GET,
                path,
                query: query.to_owned(),
                content_length: None,
                headers,
                peer: Some(super::super::router::Peer(([127, 0, 0, 1], 4000).into())),
            };
            let clients = Clients {
                codes,
                trusted_proxies: &[],
            };
            redirect(svc, broker, clients, &client, &req).await.unwrap()
        };
        // Instance A exchanges the code and binds it to this browser.
        let first = ask(&instances[0], None).await;
        assert_eq!(first.status(), StatusCode::OK);
        let cookie = first.headers()[header::SET_COOKIE].to_str().unwrap();
        let cookie = cookie.split(';').next().unwrap().to_owned();
        assert_eq!(exchanges.load(Ordering::SeqCst), 1);
        // The same browser on instance B: the same identity, WeChat not asked again.
        let again = ask(&instances[1], Some(&cookie)).await;
        assert_eq!(again.status(), StatusCode::OK);
        assert!(again.headers().get(header::SET_COOKIE).is_none());
        assert_eq!(exchanges.load(Ordering::SeqCst), 1);
        // Another browser on B (another cookie, or none): back through WeChat for its own code.
        let other = format!("{BROWSER_COOKIE}={}", "x".repeat(BROWSER_ID_LEN));
        for cookie in [Some(other.as_str()), None] {
            let res = ask(&instances[1], cookie).await;
            assert_eq!(res.status(), StatusCode::FOUND);
            let to = res.headers()[header::LOCATION].to_str().unwrap();
            assert!(to.contains("appid=wx0123456789abcdef"), "{to}");
        }
        assert_eq!(exchanges.load(Ordering::SeqCst), 1);
        // One key, by account, with the code's lifetime as TTL.
        let r = Redis::start("redis://127.0.0.1:6379/0", &prefix).unwrap();
        let keys: Vec<String> = r
            .query(
                &redis::cmd("KEYS").arg(format!("{prefix}*")).to_owned(),
                Duration::from_secs(1),
            )
            .await
            .unwrap();
        assert_eq!(keys.len(), 1, "{keys:?}");
        assert!(keys[0].starts_with(&format!("{prefix}{{acct:wx0123456789abcdef}}:oauth:code:")));
        let ttl: i64 = r
            .query(
                &redis::cmd("PTTL").arg(&keys[0]).to_owned(),
                Duration::from_secs(1),
            )
            .await
            .unwrap();
        assert!((1..=300_000).contains(&ttl), "{ttl}");
        let _: i64 = r
            .query(
                &redis::cmd("DEL").arg(&keys[0]).to_owned(),
                Duration::from_secs(1),
            )
            .await
            .unwrap();
    }
}
