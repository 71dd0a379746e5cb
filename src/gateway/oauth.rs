//! The OAuth menu flow at `redirect-path`: code → openId (+ userinfo) → the menu handler, in
//! both of go-wx-gateway's contracts (`menu-handler` and `redirect-url`).
//!
//! The path is open to anyone, and each code exchange carries the app secret to WeChat, so it
//! is guarded: a token bucket per client address, a bound on exchanges in flight per service,
//! and codes WeChat refused remembered for a minute. A code seen again within 5 minutes (page
//! refresh, back button) reuses its identity only in the browser it was first exchanged for
//! (a cookie); any other browser is sent back through WeChat's authorize page for a code of its
//! own. Differs from go-wx-gateway, which gave a reused code's identity to whoever presented it.

use std::collections::{HashMap, HashSet};
use std::net::IpAddr;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use tokio::sync::{OwnedSemaphorePermit, Semaphore};
use warp::http::{HeaderMap, HeaderName, HeaderValue, StatusCode, header};
use warp::reply::Response;

use super::error::{PageError, with_type};
use super::router::Request;
use crate::backend::oauth::{self as contract, MenuAnswer};
use crate::config::Service;
use crate::random;
use crate::upstream::{self, MAX_HANDLER_ANSWER, MAX_PAGE_ANSWER};
use crate::wechat::oauth::Scope;
use crate::wxapi::{ApiError, Broker, Identity};

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
#[derive(Debug, Clone, PartialEq, Eq)]
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
}

impl Default for CodeCache {
    fn default() -> Self {
        CodeCache {
            exchanged: Recent::new(CODE_TTL),
            failed: Recent::new(FAILED_TTL),
            in_flight: Mutex::new(HashMap::new()),
            clients: RateLimiter::default(),
            busy_warned: Mutex::new(None),
        }
    }
}

impl CodeCache {
    fn key(broker: &Broker, code: &str) -> String {
        format!("{}\u{0}{code}", broker.name)
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
        if let Some((Holder::Backend, id)) = self.exchanged.get(&key) {
            return Ok(id);
        }
        if let Some(e) = self.failed.get(&key) {
            return Err(e);
        }
        match broker.exchange_code(code, want_userinfo).await {
            Ok(id) => {
                self.exchanged.put(key, (Holder::Backend, id.clone()));
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

/// Requests per second a client address may make to the redirect paths, after its burst.
const RATE_PER_SEC: f64 = 10.0;
/// Requests a client address may make at once.
const BURST: f64 = 20.0;
/// Client addresses tracked. Past it, addresses idle long enough to have a full bucket are
/// dropped (at most once a second); if none are, every address not tracked shares one bucket.
const CLIENTS_CAPACITY: usize = 10_000;

/// A token bucket per client address: the connection's peer address (a proxy in front of the
/// gateway is one client to it). IPv6 addresses are counted per /64, which one client usually
/// holds whole.
#[derive(Default)]
struct RateLimiter {
    clients: Mutex<Clients>,
}

#[derive(Default)]
struct Clients {
    buckets: HashMap<IpAddr, Bucket>,
    /// Shared by every address the table has no room for.
    overflow: Option<Bucket>,
    last_sweep: Option<Instant>,
    last_warning: Option<Instant>,
}

#[derive(Debug, Clone, Copy)]
struct Bucket {
    tokens: f64,
    at: Instant,
}

impl Bucket {
    fn full(now: Instant) -> Bucket {
        Bucket {
            tokens: BURST,
            at: now,
        }
    }

    fn tokens_at(&self, now: Instant) -> f64 {
        let dt = now.saturating_duration_since(self.at).as_secs_f64();
        (self.tokens + dt * RATE_PER_SEC).min(BURST)
    }

    /// Takes a token, or says how long until there is one.
    fn take(&mut self, now: Instant) -> Result<(), Duration> {
        self.tokens = self.tokens_at(now);
        self.at = now;
        if self.tokens >= 1.0 {
            self.tokens -= 1.0;
            Ok(())
        } else {
            Err(Duration::from_secs_f64((1.0 - self.tokens) / RATE_PER_SEC))
        }
    }
}

impl RateLimiter {
    /// One request from `client` at `now`: allowed, or refused with the wait until the next.
    fn check(&self, client: Option<IpAddr>, now: Instant) -> Result<(), Duration> {
        let key = client.map_or(IpAddr::from([0u8; 4]), per_client);
        match self.clients.lock() {
            Ok(mut clients) => clients.take(key, now),
            Err(_) => Ok(()),
        }
    }
}

impl Clients {
    fn take(&mut self, key: IpAddr, now: Instant) -> Result<(), Duration> {
        if let Some(b) = self.buckets.get_mut(&key) {
            return b.take(now);
        }
        if self.buckets.len() >= CLIENTS_CAPACITY
            && self
                .last_sweep
                .is_none_or(|t| now.saturating_duration_since(t) >= Duration::from_secs(1))
        {
            self.last_sweep = Some(now);
            // A full bucket is what a new address gets: dropping it changes nothing.
            self.buckets.retain(|_, b| b.tokens_at(now) < BURST);
        }
        if self.buckets.len() < CLIENTS_CAPACITY {
            let mut b = Bucket::full(now);
            let taken = b.take(now);
            self.buckets.insert(key, b);
            return taken;
        }
        if self
            .last_warning
            .is_none_or(|t| now.saturating_duration_since(t) >= Duration::from_secs(60))
        {
            self.last_warning = Some(now);
            tracing::warn!(
                tracked = CLIENTS_CAPACITY,
                "OAuth redirect: more active client addresses than tracked; the others share one rate limit (logged once a minute)"
            );
        }
        self.overflow.get_or_insert(Bucket::full(now)).take(now)
    }
}

/// The address a client is counted by: IPv4 as it is, IPv6 by its /64.
fn per_client(ip: IpAddr) -> IpAddr {
    match ip.to_canonical() {
        IpAddr::V6(v6) => {
            let mut o = v6.octets();
            o[8..].fill(0);
            IpAddr::from(o)
        }
        v4 => v4,
    }
}

/// GET {redirect-path}?code=…&state=…
pub async fn redirect(
    svc: &Service,
    broker: &Broker,
    codes: &CodeCache,
    client: &reqwest::Client,
    req: &Request,
) -> Result<Response, PageError> {
    let now = Instant::now();
    if let Err(wait) = codes.clients.check(req.peer.map(|p| p.0.ip()), now) {
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
    let id = match codes.exchanged.get(&key) {
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
                        .exchanged
                        .put(key, (Holder::Browser(browser.clone()), id.clone()));
                    new_browser = Some(browser);
                    id
                }
                Err(e) => {
                    // A second request with the same code (a double tap) lost the race to the
                    // first: it gets a code of its own.
                    if let Some((_, id)) = codes.exchanged.get(&key) {
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

/// Hop-by-hop headers (RFC 9110 §7.6.1) and those the proxy sets itself.
fn is_hop_by_hop(name: &str) -> bool {
    matches!(
        name,
        "connection"
            | "keep-alive"
            | "proxy-connection"
            | "transfer-encoding"
            | "te"
            | "trailer"
            | "upgrade"
            | "proxy-authenticate"
            | "proxy-authorization"
            | "content-length"
            | "host"
    )
}

/// Who is handed to which handler.
struct Handoff<'a> {
    client: &'a reqwest::Client,
    url: &'a url::Url,
    svc: &'a Service,
    id: &'a Identity,
    state: &'a str,
}

/// The seed contract: POST {appId, openId, state}; the answer {h, r, c} sets headers, then
/// redirects to `r` or shows `c`.
async fn menu_handler(h: Handoff<'_>) -> Result<Response, String> {
    let (client, url) = (h.client, h.url);
    let res = client
        .post(url.clone())
        .header(header::CONTENT_TYPE, "application/json")
        .body(contract::menu_handler_body(&h.svc.app_id, h.id, h.state))
        .timeout(HANDLER_TIMEOUT)
        .send()
        .await
        .map_err(|e| upstream::describe(&e))?;
    if !res.status().is_success() {
        return Err(format!(
            "menu-handler answered HTTP {}",
            res.status().as_u16()
        ));
    }
    let body = upstream::read_bounded(res, MAX_HANDLER_ANSWER)
        .await
        .map_err(|e| e.to_string())?;
    let answer = MenuAnswer::parse(&body)?;
    let mut out = match &answer.r {
        Some(r) => {
            let mut res = Response::new(bytes::Bytes::new().into());
            *res.status_mut() = StatusCode::FOUND;
            let loc = HeaderValue::from_str(r)
                .map_err(|_| "menu-handler's r is not a valid URL".to_owned())?;
            res.headers_mut().insert(header::LOCATION, loc);
            res
        }
        None => with_type(
            answer.c.clone().unwrap_or_default(),
            "text/html; charset=utf-8",
        ),
    };
    // A header named in `h` replaces the gateway's own (one Content-Type, not two); a name
    // given a list of values gets them all (several Set-Cookie).
    let mut named = HashSet::new();
    for (k, v) in answer.headers() {
        let Ok(name) = HeaderName::from_bytes(k.to_ascii_lowercase().as_bytes()) else {
            continue;
        };
        if is_hop_by_hop(name.as_str()) {
            continue;
        }
        let Ok(hv) = HeaderValue::from_str(v) else {
            continue;
        };
        if named.insert(name.clone()) {
            out.headers_mut().insert(name, hv);
        } else {
            out.headers_mut().append(name, hv);
        }
    }
    Ok(out)
}

/// The newest contract: a reverse-proxy POST with the browser's headers; the backend's
/// status, headers (every `Set-Cookie`, its one `Content-Type`) and body go back to the
/// browser as they came, hop-by-hop headers excepted.
async fn proxy(h: Handoff<'_>, req: &Request) -> Result<Response, String> {
    let path = req.path.as_str();
    let request_uri = if req.query.is_empty() {
        path.to_owned()
    } else {
        format!("{path}?{}", req.query)
    };
    let mut rb = h.client.post(h.url.clone()).timeout(HANDLER_TIMEOUT);
    for (name, value) in &req.headers {
        if !is_hop_by_hop(name.as_str()) && name != header::CONTENT_TYPE {
            rb = rb.header(name, value);
        }
    }
    let mut xff = req
        .headers
        .get("x-forwarded-for")
        .and_then(|v| v.to_str().ok())
        .unwrap_or("")
        .to_owned();
    if let Some(peer) = req.peer {
        if !xff.is_empty() {
            xff.push_str(", ");
        }
        xff.push_str(&peer.0.ip().to_string());
    }
    if !xff.is_empty() {
        rb = rb.header("x-forwarded-for", xff);
    }
    let res = rb
        .header(header::CONTENT_TYPE, "application/json")
        .body(contract::redirect_body(
            &h.svc.app_id,
            h.id,
            h.state,
            &request_uri,
        ))
        .send()
        .await
        .map_err(|e| upstream::describe(&e))?;
    let status = res.status();
    let headers = res.headers().clone();
    let bytes = upstream::read_bounded(res, MAX_PAGE_ANSWER)
        .await
        .map_err(|e| e.to_string())?;
    // Built bare: a body type's reply (`Vec<u8>`) would bring a Content-Type of its own,
    // and the handler's would be a second one.
    let mut out = Response::new(bytes.into());
    *out.status_mut() = status;
    for (name, value) in &headers {
        if !is_hop_by_hop(name.as_str()) {
            out.headers_mut().append(name.clone(), value.clone());
        }
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_client_has_its_burst_then_its_rate() {
        let limiter = RateLimiter::default();
        let (a, b) = (
            Some(IpAddr::from([10, 0, 0, 1])),
            Some(IpAddr::from([10, 0, 0, 2])),
        );
        let t0 = Instant::now();
        for i in 0..20 {
            assert!(limiter.check(a, t0).is_ok(), "{i}");
        }
        let wait = limiter.check(a, t0).unwrap_err();
        assert_eq!(wait, Duration::from_millis(100));
        assert!(
            limiter.check(b, t0).is_ok(),
            "another address has its own bucket"
        );
        let t1 = t0 + Duration::from_millis(100);
        assert!(limiter.check(a, t1).is_ok());
        assert!(limiter.check(a, t1).is_err());
        // Idle for the burst's refill time: the whole burst again, no more.
        let t2 = t1 + Duration::from_secs(60);
        assert_eq!((0..25).filter(|_| limiter.check(a, t2).is_ok()).count(), 20);
    }

    #[test]
    fn ipv6_clients_are_counted_per_64_and_mapped_ipv4_as_ipv4() {
        let one: IpAddr = "2001:db8:1:2:aaaa::1".parse().unwrap();
        let same: IpAddr = "2001:db8:1:2:bbbb::9".parse().unwrap();
        let other: IpAddr = "2001:db8:1:3::1".parse().unwrap();
        assert_eq!(per_client(one), per_client(same));
        assert_ne!(per_client(one), per_client(other));
        let mapped: IpAddr = "::ffff:192.0.2.7".parse().unwrap();
        assert_eq!(per_client(mapped), IpAddr::from([192, 0, 2, 7]));
    }

    #[test]
    fn the_client_table_is_bounded_and_idle_clients_make_room() {
        let mut clients = Clients::default();
        let t0 = Instant::now();
        let addr = |i: usize| IpAddr::from(u32::try_from(i).unwrap().to_be_bytes());
        for i in 0..CLIENTS_CAPACITY {
            assert!(clients.take(addr(i), t0).is_ok());
        }
        // Full of active clients: new ones share one bucket, so they cannot flood either.
        let newcomers = (0..40).filter(|i| clients.take(addr(CLIENTS_CAPACITY + i), t0).is_ok());
        assert_eq!(newcomers.count(), 20);
        assert_eq!(clients.buckets.len(), CLIENTS_CAPACITY);
        // Once the others have been idle long enough to be full again, they are dropped.
        let later = t0 + Duration::from_secs(3);
        assert!(clients.take(addr(CLIENTS_CAPACITY + 100), later).is_ok());
        assert_eq!(clients.buckets.len(), 1);
    }

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
}
