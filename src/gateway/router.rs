//! Routing. The routes are the config's paths, known only at run time, so the router is an
//! exact-path map lookup over warp's request extraction (method, path, query, headers, peer,
//! body stream), not a tree of warp filters: callback paths first, then health checks, OAuth
//! redirect paths, endpoints for backends and the API pass-through.

use std::convert::Infallible;
use std::sync::Arc;

use bytes::Buf;
use futures_util::Stream;
use warp::Filter;
use warp::http::{HeaderMap, Method, header};
use warp::reply::{Reply as _, Response};

use super::error::{EndpointError, Error, PageError};
use super::state::{Shared, Snapshot, State};
use super::{body, endpoints, oauth, push};
use crate::config::Endpoint;
use crate::wechat::query::Query;

/// The client's address, put on each request by the server loop (for X-Forwarded-For).
#[derive(Debug, Clone, Copy)]
pub struct Peer(pub std::net::SocketAddr);

/// The parts of a request every handler may need; the body stream travels beside it.
pub struct Request {
    pub method: Method,
    pub path: warp::path::FullPath,
    pub query: String,
    pub content_length: Option<u64>,
    pub headers: HeaderMap,
    pub peer: Option<Peer>,
}

/// Largest body an endpoint or the API pass-through reads.
const MAX_API_BODY: usize = 1 << 20;

/// Every request goes through here.
async fn handle<S, B>(state: Arc<State>, req: Request, body: S) -> Response
where
    S: Stream<Item = Result<B, warp::Error>>,
    B: Buf,
{
    let path = req.path.as_str();
    let shared = &state.shared;
    if path == "/readyz" {
        return readyz(shared, &req.method);
    }
    // The config in use when the request came; a reload meanwhile does not change it.
    let snap = shared.snapshot();
    if snap.health_paths.iter().any(|p| p == path) {
        return match req.method {
            Method::GET | Method::HEAD => "OK\n".into_response(),
            _ => Error::MethodNotAllowed("GET, HEAD").into_response(),
        };
    }
    if let Some(svc) = snap.service(path) {
        let q = Query::parse(&req.query);
        return match req.method {
            Method::GET => push::verify(&state, svc, &q).await.unwrap_or_else(|e| {
                tracing::warn!(service = %svc.cfg.name, outcome = e.outcome(), status = e.status().as_u16(), skew_s = e.skew(), "verification refused");
                e.into_response()
            }),
            Method::POST => push::push(&state, svc, q, req.content_length, body).await,
            _ => Error::MethodNotAllowed("GET, POST").into_response(),
        };
    }
    // GET /metrics on the main listener: only without metrics-listen, and only behind the
    // admin token (the series name services and backend health).
    if path == METRICS_PATH && shared.metrics_addr.is_none() && snap.admin_token.is_some() {
        if !authorized(&snap, &req.headers) {
            return EndpointError::Unauthorized.into_response();
        }
        return metrics(&state.shared, &req.method).await;
    }
    if let Some(svc) = snap.redirects.get(path) {
        if req.method != Method::GET {
            return PageError::MethodNotAllowed.into_response();
        }
        let Some(broker) = snap.brokers.get(&svc.name) else {
            return Error::NotFound.into_response();
        };
        let clients = oauth::Clients {
            codes: &shared.codes,
            trusted_proxies: &snap.trusted_proxies,
        };
        return oauth::redirect(svc, broker, clients, state.client.http(), &req)
            .await
            .unwrap_or_else(PageError::into_response);
    }
    let target = match snap.endpoints.get(path) {
        Some(ep) => Target::Endpoint(*ep),
        None => match snap
            .api_proxy_path
            .as_deref()
            .and_then(|prefix| path.strip_prefix(prefix))
            .filter(|rest| rest.starts_with('/'))
        {
            Some(rest) => Target::PassThrough(rest),
            None => return Error::NotFound.into_response(),
        },
    };
    let answer = async {
        if !authorized(&snap, &req.headers) {
            return Err(EndpointError::Unauthorized);
        }
        let timeout = shared.timeouts.body;
        let body = body::read(body, req.content_length, MAX_API_BODY, timeout)
            .await
            .map_err(EndpointError::Body)?;
        match target {
            Target::Endpoint(ep) => {
                endpoints::handle(ep, &snap.brokers, &shared.codes, &req, &body).await
            }
            Target::PassThrough(rest) => {
                endpoints::api_proxy(&snap.brokers, &req, rest, &body).await
            }
        }
    };
    answer.await.unwrap_or_else(EndpointError::into_response)
}

/// Where Prometheus scrapes.
const METRICS_PATH: &str = "/metrics";

/// GET /metrics: every series, the gauges read from elsewhere refreshed first.
async fn metrics(shared: &Shared, method: &Method) -> Response {
    match *method {
        Method::GET | Method::HEAD => {
            let body = shared.scrape().await;
            super::error::with_type(body, crate::metrics::CONTENT_TYPE)
        }
        _ => Error::MethodNotAllowed("GET, HEAD").into_response(),
    }
}

/// The `metrics-listen` listener's routes: `/metrics`, `/healthz` and `/readyz`, no auth
/// (it is meant for an internal address), nothing else.
pub(super) fn internal_routes(
    shared: Arc<Shared>,
) -> impl Filter<Extract = (Response,), Error = Infallible> + Clone + Send + Sync + 'static {
    let shared = warp::any().map(move || Arc::clone(&shared));
    shared.and(warp::method()).and(warp::path::full()).then(
        |shared: Arc<Shared>, method: Method, path: warp::path::FullPath| async move {
            let reply = match path.as_str() {
                METRICS_PATH => return metrics(&shared, &method).await,
                "/healthz" => "OK\n",
                "/readyz" => return readyz(&shared, &method),
                _ => return Error::NotFound.into_response(),
            };
            match method {
                Method::GET | Method::HEAD => reply.into_response(),
                _ => Error::MethodNotAllowed("GET, HEAD").into_response(),
            }
        },
    )
}

/// `GET /readyz`: 200 `ready`, or 503 `not ready: <why>` (draining, a failing spool).
fn readyz(shared: &Shared, method: &Method) -> Response {
    match *method {
        Method::GET | Method::HEAD => match shared.readiness() {
            Ok(()) => "ready\n".into_response(),
            Err(why) => warp::reply::with_status(
                format!("not ready: {why}\n"),
                warp::http::StatusCode::SERVICE_UNAVAILABLE,
            )
            .into_response(),
        },
        _ => Error::MethodNotAllowed("GET, HEAD").into_response(),
    }
}

/// Where a request for a backend goes.
enum Target<'a> {
    Endpoint(Endpoint),
    /// The WeChat API path below `api-proxy-path`.
    PassThrough(&'a str),
}

/// `Authorization: Bearer <admin-token>`, the token compared in constant time; always true
/// without an admin-token. The scheme is matched in any case and may be followed by more than
/// one space (RFC 9110 §11.1, §11.4): `bearer`, `BEARER` and `Bearer` are the same.
fn authorized(snap: &Snapshot, headers: &HeaderMap) -> bool {
    let Some(want) = &snap.admin_token else {
        return true;
    };
    let got = headers
        .get(header::AUTHORIZATION)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.trim().split_once(' '))
        .filter(|(scheme, _)| scheme.eq_ignore_ascii_case("bearer"))
        .map_or("", |(_, token)| token.trim_start_matches(' '));
    use subtle::ConstantTimeEq;
    got.len() == want.expose().len() && bool::from(got.as_bytes().ct_eq(want.expose().as_bytes()))
}

/// The warp filter of the whole gateway.
pub fn routes(
    state: Arc<State>,
) -> impl Filter<Extract = (Response,), Error = Infallible> + Clone + Send + Sync + 'static {
    let state = warp::any().map(move || Arc::clone(&state));
    let query = warp::query::raw().or(warp::any().map(String::new)).unify();
    let request = warp::method()
        .and(warp::path::full())
        .and(query)
        .and(warp::header::optional::<u64>("content-length"))
        .and(warp::header::headers_cloned())
        .and(warp::ext::optional::<Peer>())
        .map(
            |method, path, query, content_length, headers, peer| Request {
                method,
                path,
                query,
                content_length,
                headers,
                peer,
            },
        );
    state
        .and(request)
        .and(warp::body::stream())
        .then(handle)
        // Only a malformed Content-Length gets here (hyper refuses most before warp sees them).
        .recover(|_| async { Ok::<_, Infallible>(Error::BodyRead.into_response()) })
        .unify()
}
