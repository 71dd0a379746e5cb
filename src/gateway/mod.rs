//! The I/O shell: the only code that touches warp, hyper and reqwest. It owns the listener
//! (with header-read timeouts and graceful shutdown), routes requests to the callback of each
//! service, the health endpoints, and forwards pushes to backends.

pub mod dedupe;
pub mod error;
pub mod forward;
pub mod push;

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
/// Retries remembered for deduplication.
const DEDUPE_CAPACITY: usize = 100_000;

/// One service's run-time state.
pub struct ServiceState {
    pub cfg: Arc<Service>,
    limiter: forward::Limiter,
}

/// Everything a request handler needs.
pub struct State {
    services: HashMap<String, ServiceState>,
    health_paths: Vec<String>,
    client: forward::Client,
    dedupe: Arc<dedupe::Dedupe>,
    id_prefix: u32,
    id_counter: AtomicU64,
}

impl State {
    pub fn new(config: &Config) -> anyhow::Result<Self> {
        let services = config
            .services
            .iter()
            .map(|s| {
                let state = ServiceState {
                    cfg: Arc::clone(s),
                    limiter: forward::Limiter::new(s.workers),
                };
                (s.service_path.clone(), state)
            })
            .collect();
        let mut health_paths = vec!["/healthz".to_owned()];
        health_paths.extend(config.health_check.iter().cloned());
        let mut prefix = [0u8; 4];
        getrandom::fill(&mut prefix)
            .map_err(|e| anyhow::anyhow!("random number generator: {e}"))?;
        Ok(State {
            services,
            health_paths,
            client: forward::Client::new()?,
            dedupe: dedupe::Dedupe::new(DEDUPE_CAPACITY),
            id_prefix: u32::from_le_bytes(prefix),
            id_counter: AtomicU64::new(0),
        })
    }

    fn next_request_id(&self) -> String {
        let n = self.id_counter.fetch_add(1, Ordering::Relaxed);
        format!("{:08x}{:08x}", self.id_prefix, n)
    }

    fn service(&self, path: &str) -> Option<&ServiceState> {
        self.services.get(path).or_else(|| {
            // `/wx/` reaches `/wx`, as with go-wx-gateway's router.
            path.strip_suffix('/').and_then(|p| self.services.get(p))
        })
    }
}

/// Every request goes through here: exact-path dispatch, one error map.
async fn handle<S, B>(
    state: Arc<State>,
    method: Method,
    path: warp::path::FullPath,
    query: String,
    headers: HeaderMap,
    body: S,
) -> Response
where
    S: Stream<Item = Result<B, warp::Error>>,
    B: Buf,
{
    let path = path.as_str();
    if state.health_paths.iter().any(|p| p == path) {
        return match method {
            Method::GET | Method::HEAD => "OK\n".into_response(),
            _ => Error::MethodNotAllowed("GET, HEAD").into_response(),
        };
    }
    let Some(svc) = state.service(path) else {
        return Error::NotFound.into_response();
    };
    let q = push::Query::parse(&query);
    match method {
        Method::GET => push::verify(svc, &q).unwrap_or_else(|e| {
            tracing::warn!(service = %svc.cfg.name, outcome = e.outcome(), status = e.status().as_u16(), "verification refused");
            e.into_response()
        }),
        Method::POST => push::push(&state, svc, q, &headers, body).await,
        _ => Error::MethodNotAllowed("GET, POST").into_response(),
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
        .and(warp::header::headers_cloned())
        .and(warp::body::stream())
        .then(handle)
        .recover(|_| async { Ok::<_, Infallible>(Error::NotFound.into_response()) })
        .unify()
}

/// Serves until `shutdown` resolves, then stops accepting, lets in-flight requests finish
/// (up to [`DRAIN_TIMEOUT`]) and returns.
pub async fn serve(
    listener: TcpListener,
    state: Arc<State>,
    shutdown: impl Future<Output = ()> + Send + 'static,
) {
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
        let stream = match accepted {
            Ok((stream, _peer)) => stream,
            Err(e) => {
                // Out of file descriptors and the like: back off instead of spinning.
                tracing::warn!(error = %e, "accept failed");
                tokio::time::sleep(Duration::from_millis(50)).await;
                continue;
            }
        };
        let _ = stream.set_nodelay(true);
        let svc = hyper_util::service::TowerToHyperService::new(service.clone());
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
