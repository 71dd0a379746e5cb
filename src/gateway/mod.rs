//! The I/O shell: the only code that touches warp, hyper and reqwest. It owns the listener
//! (with header-read timeouts and graceful shutdown), routes requests to the callback of each
//! service, the health endpoints, and forwards pushes to backends.

pub mod dedupe;
pub mod endpoints;
pub mod error;
pub mod forward;
pub mod oauth;
pub mod push;
pub mod wxapi;

use std::collections::HashMap;
use std::convert::Infallible;
use std::future::Future;
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::Duration;

use bytes::Buf;
use futures_util::Stream;
use hyper_util::rt::{TokioIo, TokioTimer};
use tokio::net::TcpListener;
use tokio::sync::Semaphore;
use warp::Filter;
use warp::http::{HeaderMap, Method};
use warp::reply::{Reply as _, Response};

use crate::config::{Config, Service};
use error::Error;

/// A client must send its request headers within this (slowloris); it is also how long an
/// idle keep-alive connection may wait for its next request.
const HEADER_READ_TIMEOUT: Duration = Duration::from_secs(10);
/// Most connections served at once; more wait in the kernel's backlog.
const MAX_CONNECTIONS: usize = 10_000;
/// How long shutdown waits for in-flight requests.
const DRAIN_TIMEOUT: Duration = Duration::from_secs(10);
/// Pushes remembered for retry deduplication: 20 s of traffic at 800 pushes/s. Past that,
/// pushes go through undeduplicated rather than grow memory.
const DEDUPE_CAPACITY: usize = 16_384;

/// One service's run-time state.
pub struct ServiceState {
    pub cfg: Arc<Service>,
    /// `msg-proxy-pass`, parsed once; `None` is echo mode.
    backend: Option<reqwest::Url>,
    limiter: forward::Limiter,
}

/// What every thread shares: the services (with their concurrency limits), the retry table
/// and the request-id counter.
struct Shared {
    services: HashMap<String, ServiceState>,
    /// redirect-path → service name.
    redirects: HashMap<String, Arc<Service>>,
    endpoints: HashMap<String, endpoints::Endpoint>,
    api_proxy_path: Option<String>,
    admin_token: Option<crate::config::Secret>,
    brokers: Arc<wxapi::Brokers>,
    codes: oauth::CodeCache,
    health_paths: Vec<String>,
    dedupe: Arc<dedupe::Dedupe>,
    id_prefix: u32,
    id_counter: AtomicU64,
}

/// Everything a request handler needs: the shared part, and this thread's own backend client
/// (so a backend connection is driven by the thread that uses it).
pub struct State {
    shared: Arc<Shared>,
    client: forward::Client,
}

impl State {
    pub fn new(config: &Config) -> anyhow::Result<Self> {
        let mut services = HashMap::new();
        for s in &config.services {
            let backend = match &s.msg_proxy_pass {
                None => None,
                Some(u) => Some(
                    reqwest::Url::parse(u)
                        .map_err(|e| anyhow::anyhow!("{}: msg-proxy-pass: {e}", s.name))?,
                ),
            };
            let state = ServiceState {
                cfg: Arc::clone(s),
                backend,
                limiter: forward::Limiter::new(s.workers),
            };
            services.insert(s.service_path.clone(), state);
        }
        let mut health_paths = vec!["/healthz".to_owned()];
        health_paths.extend(config.health_check.iter().cloned());
        let mut prefix = [0u8; 4];
        getrandom::fill(&mut prefix)
            .map_err(|e| anyhow::anyhow!("random number generator: {e}"))?;
        let mut redirects = HashMap::new();
        for s in &config.services {
            if let Some(p) = &s.redirect_path {
                redirects.insert(p.clone(), Arc::clone(s));
            }
        }
        use endpoints::Endpoint as E;
        let ep = &config.endpoints;
        let mut endpoint_paths = HashMap::new();
        for (path, e) in [
            (&ep.wx_qr, E::WxQr),
            (&ep.wx_user, E::WxUser),
            (&ep.sns_auth2, E::SnsAuth2),
            (&ep.short_url, E::ShortUrl),
            (&ep.tmpl_msg, E::TmplMsg),
            (&ep.sign_jsapi, E::SignJsapi),
        ] {
            if let Some(p) = path {
                endpoint_paths.insert(p.clone(), e);
            }
        }
        if config.api.admin_token.is_some() {
            endpoint_paths.insert("/token".to_owned(), E::Token);
        }
        let shared = Shared {
            services,
            redirects,
            endpoints: endpoint_paths,
            api_proxy_path: config.api.api_proxy_path.clone(),
            admin_token: config.api.admin_token.clone(),
            brokers: Arc::new(wxapi::Brokers::new(&config.services, &config.api)?),
            codes: oauth::CodeCache::default(),
            health_paths,
            dedupe: dedupe::Dedupe::new(DEDUPE_CAPACITY),
            id_prefix: u32::from_le_bytes(prefix),
            id_counter: AtomicU64::new(0),
        };
        Ok(State {
            shared: Arc::new(shared),
            client: forward::Client::new()?,
        })
    }

    /// The state for another serving thread: same services, limits and retry table, its own
    /// backend client.
    pub fn for_another_thread(&self) -> anyhow::Result<Self> {
        Ok(State {
            shared: Arc::clone(&self.shared),
            client: forward::Client::new()?,
        })
    }

    fn next_request_id(&self) -> String {
        let n = self.shared.id_counter.fetch_add(1, Ordering::Relaxed);
        format!("{:08x}{:08x}", self.shared.id_prefix, n)
    }

    fn service(&self, path: &str) -> Option<&ServiceState> {
        let services = &self.shared.services;
        services.get(path).or_else(|| {
            // `/wx/` reaches `/wx`, as with go-wx-gateway's router.
            path.strip_suffix('/').and_then(|p| services.get(p))
        })
    }
}

/// The client's address, put on each request by [`serve`] (for X-Forwarded-For).
#[derive(Debug, Clone, Copy)]
pub struct Peer(pub std::net::SocketAddr);

/// `Authorization: Bearer <admin-token>`, compared in constant time; always true without an
/// admin-token.
fn authorized(state: &State, headers: &HeaderMap) -> bool {
    let Some(want) = &state.shared.admin_token else {
        return true;
    };
    let got = headers
        .get(warp::http::header::AUTHORIZATION)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.strip_prefix("Bearer "))
        .unwrap_or("");
    use subtle::ConstantTimeEq;
    got.len() == want.expose().len() && bool::from(got.as_bytes().ct_eq(want.expose().as_bytes()))
}

/// Largest body an endpoint or the API pass-through reads.
const MAX_API_BODY: usize = 1 << 20;

/// Every request goes through here: exact-path dispatch, one error map.
#[allow(clippy::too_many_arguments)] // the request's parts, extracted by warp
async fn handle<S, B>(
    state: Arc<State>,
    method: Method,
    path: warp::path::FullPath,
    query: String,
    content_length: Option<u64>,
    headers: HeaderMap,
    peer: Option<Peer>,
    body: S,
) -> Response
where
    S: Stream<Item = Result<B, warp::Error>>,
    B: Buf,
{
    let path = path.as_str();
    if state.shared.health_paths.iter().any(|p| p == path) {
        return match method {
            Method::GET | Method::HEAD => "OK\n".into_response(),
            _ => Error::MethodNotAllowed("GET, HEAD").into_response(),
        };
    }
    let Some(svc) = state.service(path) else {
        return other_routes(
            &state,
            method,
            path,
            &query,
            content_length,
            &headers,
            peer,
            body,
        )
        .await;
    };
    let q = push::Query::parse(&query);
    match method {
        Method::GET => push::verify(svc, &q).unwrap_or_else(|e| {
            tracing::warn!(service = %svc.cfg.name, outcome = e.outcome(), status = e.status().as_u16(), "verification refused");
            e.into_response()
        }),
        Method::POST => push::push(&state, svc, q, content_length, body).await,
        _ => Error::MethodNotAllowed("GET, POST").into_response(),
    }
}

/// Redirect paths, endpoints for backends and the API pass-through.
#[allow(clippy::too_many_arguments)] // the request's parts
async fn other_routes<S, B>(
    state: &State,
    method: Method,
    path: &str,
    query: &str,
    content_length: Option<u64>,
    headers: &HeaderMap,
    peer: Option<Peer>,
    body: S,
) -> Response
where
    S: Stream<Item = Result<B, warp::Error>>,
    B: Buf,
{
    let shared = &state.shared;
    if let Some(svc) = shared.redirects.get(path) {
        if method != Method::GET {
            return Error::MethodNotAllowed("GET").into_response();
        }
        let Some(broker) = shared.brokers.get(&svc.name) else {
            return Error::NotFound.into_response();
        };
        let req = oauth::Request {
            query,
            path,
            headers,
            peer: peer.map(|p| p.0),
        };
        return oauth::redirect(svc, broker, &shared.codes, state.client.http(), req).await;
    }
    let endpoint = shared.endpoints.get(path).copied();
    let proxied = shared
        .api_proxy_path
        .as_deref()
        .and_then(|prefix| path.strip_prefix(prefix))
        .filter(|rest| rest.starts_with('/'));
    if endpoint.is_none() && proxied.is_none() {
        return Error::NotFound.into_response();
    }
    if !authorized(state, headers) {
        return endpoints::answer(
            warp::http::StatusCode::UNAUTHORIZED,
            "Authorization: Bearer <admin-token> required",
            serde_json::json!({}),
        );
    }
    let body = match push::read_body(body, content_length, MAX_API_BODY).await {
        Ok(b) => b,
        Err(e) => return e.into_response(),
    };
    match (endpoint, proxied) {
        (Some(ep), _) => {
            endpoints::handle(ep, &shared.brokers, &shared.codes, &method, query, &body).await
        }
        (None, Some(rest)) => {
            endpoints::api_proxy(&shared.brokers, &method, rest, query, &body).await
        }
        (None, None) => Error::NotFound.into_response(),
    }
}

/// The warp filter of the whole gateway.
pub fn routes(
    state: Arc<State>,
) -> impl Filter<Extract = (Response,), Error = Infallible> + Clone + Send + Sync + 'static {
    let state = warp::any().map(move || Arc::clone(&state));
    let query = warp::query::raw().or(warp::any().map(String::new)).unify();
    state
        .and(warp::method())
        .and(warp::path::full())
        .and(query)
        .and(warp::header::optional::<u64>("content-length"))
        .and(warp::header::headers_cloned())
        .and(warp::ext::optional::<Peer>())
        .and(warp::body::stream())
        .then(handle)
        // Only a malformed Content-Length gets here (hyper refuses most before warp sees them).
        .recover(|_| async { Ok::<_, Infallible>(Error::BodyRead.into_response()) })
        .unify()
}

/// Serves until `shutdown` resolves, then stops accepting, lets in-flight requests finish
/// (up to [`DRAIN_TIMEOUT`]) and returns.
pub async fn serve(
    listener: TcpListener,
    state: Arc<State>,
    shutdown: impl Future<Output = ()> + Send + 'static,
) {
    state.shared.brokers.start_refresher();
    let service = warp::service(routes(state));
    let graceful = hyper_util::server::graceful::GracefulShutdown::new();
    let connections = Arc::new(Semaphore::new(MAX_CONNECTIONS));
    let mut shutdown = std::pin::pin!(shutdown);
    loop {
        let permit = tokio::select! {
            p = Arc::clone(&connections).acquire_owned() => match p {
                Ok(p) => p,
                Err(_) => break,
            },
            _ = &mut shutdown => break,
        };
        let accepted = tokio::select! {
            a = listener.accept() => a,
            _ = &mut shutdown => break,
        };
        let (stream, peer) = match accepted {
            Ok(pair) => pair,
            Err(e) => {
                // Out of file descriptors and the like: back off instead of spinning.
                tracing::warn!(error = %e, "accept failed");
                tokio::time::sleep(Duration::from_millis(50)).await;
                continue;
            }
        };
        let _ = stream.set_nodelay(true);
        let inner = hyper_util::service::TowerToHyperService::new(service.clone());
        let svc =
            hyper::service::service_fn(move |mut req: hyper::Request<hyper::body::Incoming>| {
                req.extensions_mut().insert(Peer(peer));
                hyper::service::Service::call(&inner, req)
            });
        let mut builder = hyper::server::conn::http1::Builder::new();
        builder
            .timer(TokioTimer::new())
            .header_read_timeout(HEADER_READ_TIMEOUT)
            .keep_alive(true);
        let conn = graceful.watch(builder.serve_connection(TokioIo::new(stream), svc));
        tokio::spawn(async move {
            let _ = conn.await;
            drop(permit);
        });
    }
    drop(listener);
    tracing::info!("shutting down: finishing in-flight requests");
    if tokio::time::timeout(DRAIN_TIMEOUT, graceful.shutdown())
        .await
        .is_err()
    {
        tracing::warn!(
            "shutdown: in-flight requests still running after {DRAIN_TIMEOUT:?}; closing"
        );
    }
}

/// Serves on `threads` single-threaded runtimes sharing one listener (thread per core: no
/// cross-thread wake-ups on the push path; measured ~25% less CPU per push than one
/// work-stealing runtime). Returns when `shutdown` (run on the first thread) resolves and every
/// thread has drained.
pub fn run_threads<F, Fut>(
    listener: std::net::TcpListener,
    state: State,
    threads: usize,
    shutdown: F,
) -> anyhow::Result<()>
where
    F: FnOnce() -> Fut,
    Fut: Future<Output = ()>,
{
    listener.set_nonblocking(true)?;
    let (stop_tx, stop_rx) = tokio::sync::watch::channel(false);
    let stopped = move |mut rx: tokio::sync::watch::Receiver<bool>| async move {
        let _ = rx.wait_for(|stop| *stop).await;
    };
    let mut handles = Vec::new();
    for i in 1..threads.max(1) {
        let listener = listener.try_clone()?;
        let state = state.for_another_thread()?;
        let rx = stop_rx.clone();
        let handle = std::thread::Builder::new()
            .name(format!("wx-gateway-{i}"))
            .spawn(move || {
                let rt = tokio::runtime::Builder::new_current_thread()
                    .enable_all()
                    .build()?;
                rt.block_on(serve_batched(listener, state, stopped(rx)))
            })?;
        handles.push(handle);
    }
    let rt = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()?;
    let signal = shutdown();
    let result = rt.block_on(async {
        let serving = serve_batched(listener, state, stopped(stop_rx));
        tokio::pin!(serving);
        tokio::select! {
            r = &mut serving => return r,
            _ = signal => {}
        }
        let _ = stop_tx.send(true);
        serving.await
    });
    // Also when this thread's server ended on its own: the others must not run on unseen.
    let _ = stop_tx.send(true);
    for h in handles {
        match h.join() {
            Ok(r) => r?,
            Err(_) => anyhow::bail!("a serving thread panicked"),
        }
    }
    result
}

/// [`serve`] on this thread's runtime, with its log lines batched and flushed every 200 ms.
async fn serve_batched(
    listener: std::net::TcpListener,
    state: State,
    shutdown: impl Future<Output = ()> + Send + 'static,
) -> anyhow::Result<()> {
    crate::logging::batch_this_thread();
    let flusher = tokio::spawn(async {
        loop {
            tokio::time::sleep(Duration::from_millis(200)).await;
            crate::logging::flush();
        }
    });
    serve(TcpListener::from_std(listener)?, Arc::new(state), shutdown).await;
    flusher.abort();
    crate::logging::flush();
    Ok(())
}
