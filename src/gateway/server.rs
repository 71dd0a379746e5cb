//! The server loop: accepting connections (one cap for the whole process, below its file
//! descriptor limit; accept errors backed off and logged at most once a second), each
//! connection bounded in time (header-read timeout, write-stall timeout, total lifetime) and
//! in header size, one single-threaded runtime per core, and graceful shutdown that lets
//! in-flight pushes finish.

use std::future::Future;
use std::io;
use std::pin::Pin;
use std::sync::Arc;
use std::sync::atomic::Ordering;
use std::task::{Context, Poll};
use std::time::Duration;

use hyper_util::rt::{TokioIo, TokioTimer};
use tokio::io::{AsyncRead, AsyncWrite, ReadBuf};
use tokio::net::TcpListener;
use tokio::task::JoinSet;
use tokio::time::Sleep;

use super::router::{Peer, internal_routes, routes};
use super::state::{Shared, State};

/// The request line and headers together may take this much; more is answered 431. WeChat's
/// requests carry a few hundred bytes of headers.
const MAX_HEAD_BYTES: usize = 16 * 1024;
/// How long a connection closed to make room at the cap may take to go.
const EVICTION_GRACE: Duration = Duration::from_millis(100);

/// Serves until `shutdown` resolves, then stops accepting, lets in-flight requests finish
/// (up to the drain timeout) and returns.
pub async fn serve(
    listener: TcpListener,
    state: Arc<State>,
    shutdown: impl Future<Output = ()> + Send + 'static,
) {
    if !state.shared.workers_started.swap(true, Ordering::AcqRel) {
        // Once per process, on the first serving thread.
        let shared = Arc::clone(&state.shared);
        crate::wxapi::Brokers::start_refresher(move || Arc::clone(&shared.snapshot().brokers));
        super::redeliver::start(&state.shared, &state.client);
    }
    let shared = Arc::clone(&state.shared);
    // The internal listener (`metrics-listen`) runs beside the first thread's main loop, with
    // the same bounds, and stops with it.
    let (internal_stop, internal_stopped) = tokio::sync::watch::channel(false);
    let internal = shared
        .metrics_listener
        .lock()
        .ok()
        .and_then(|mut l| l.take())
        .and_then(|l| TcpListener::from_std(l).ok())
        .map(|l| {
            let service = warp::service(internal_routes(Arc::clone(&shared)));
            let mut stopped = internal_stopped;
            tokio::spawn(accept_loop(l, Arc::clone(&shared), service, async move {
                let _ = stopped.wait_for(|stop| *stop).await;
            }))
        });
    let service = warp::service(routes(state));
    accept_loop(listener, Arc::clone(&shared), service, shutdown).await;
    let _ = internal_stop.send(true);
    if let Some(task) = internal {
        let _ = task.await;
    }
    // Backend calls that outlive their answer (and their spool writes) finish too, within
    // the same limit: a push whose delivery is cut here is redelivered at the next start.
    shared.delivery.drain(shared.timeouts.drain).await;
}

/// Accepts and serves connections with `service` until `shutdown` resolves, then stops
/// accepting and lets in-flight requests finish (up to the drain timeout).
async fn accept_loop<S>(
    listener: TcpListener,
    shared: Arc<Shared>,
    service: S,
    shutdown: impl Future<Output = ()> + Send + 'static,
) where
    S: tower_service::Service<
            hyper::Request<hyper::body::Incoming>,
            Response = warp::reply::Response,
            Error = std::convert::Infallible,
        > + Clone
        + Send
        + 'static,
    S::Future: Send + 'static,
{
    let timeouts = shared.timeouts;
    let (stop_tx, stop_rx) = tokio::sync::watch::channel(false);
    let mut connections = JoinSet::new();
    let mut shutdown = std::pin::pin!(shutdown);
    let mut backoff = Duration::ZERO;
    loop {
        // At the cap, the oldest idle connection is asked to close (as nginx reuses idle
        // keep-alive connections), and new connections wait in the kernel's backlog meanwhile.
        let permit = match Arc::clone(&shared.connections).try_acquire_owned() {
            Ok(p) => p,
            Err(_) => {
                shared.open.evict_idle();
                tokio::select! {
                    p = Arc::clone(&shared.connections).acquire_owned() => match p {
                        Ok(p) => p,
                        Err(_) => break,
                    },
                    _ = &mut shutdown => break,
                }
            }
        };
        let accepted = tokio::select! {
            a = listener.accept() => a,
            _ = &mut shutdown => break,
        };
        let (stream, peer) = match accepted {
            Ok(pair) => {
                backoff = Duration::ZERO;
                pair
            }
            Err(e) => {
                // Out of file descriptors and the like: back off (10 ms doubling to 1 s)
                // instead of spinning, and say so at most once a second.
                backoff = (backoff * 2).clamp(Duration::from_millis(10), Duration::from_secs(1));
                if let Some(skipped) = shared.accept_errors.ready() {
                    tracing::warn!(error = %e, skipped, backoff_ms = backoff.as_millis() as u64, open = shared.max_connections - shared.connections.available_permits(), "accept failed; backing off");
                }
                drop(permit);
                tokio::select! {
                    _ = tokio::time::sleep(backoff) => continue,
                    _ = &mut shutdown => break,
                }
            }
        };
        let _ = stream.set_nodelay(true);
        let track = shared.open.register();
        let inner = hyper_util::service::TowerToHyperService::new(service.clone());
        let busy = Arc::clone(&track);
        let svc =
            hyper::service::service_fn(move |mut req: hyper::Request<hyper::body::Incoming>| {
                req.extensions_mut().insert(Peer(peer));
                let guard = busy.start();
                let answer = hyper::service::Service::call(&inner, req);
                async move {
                    let res = answer.await;
                    drop(guard);
                    res
                }
            });
        let mut builder = hyper::server::conn::http1::Builder::new();
        builder
            .timer(TokioTimer::new())
            .header_read_timeout(timeouts.header_read)
            .max_buf_size(MAX_HEAD_BYTES)
            .keep_alive(true);
        let io = TokioIo::new(WriteStall::new(stream, timeouts.write_stall));
        let mut stop = stop_rx.clone();
        connections.spawn(async move {
            let mut conn = std::pin::pin!(builder.serve_connection(io, svc));
            let closing = tokio::select! {
                _ = conn.as_mut() => None,
                _ = tokio::time::sleep(timeouts.connection) => Some(timeouts.write_stall),
                // No request in flight (idle, or still sending its head): a moment to finish
                // writing an answer already produced, then gone — a slow sender at the cap is
                // not kept for its header timeout.
                _ = track.evicted() => Some(EVICTION_GRACE),
                _ = stop.wait_for(|stop| *stop) => Some(timeouts.drain),
            };
            if let Some(grace) = closing {
                // Idle: closed at once; busy: once its response is written.
                conn.as_mut().graceful_shutdown();
                let _ = tokio::time::timeout(grace, conn).await;
            }
            drop(permit);
        });
        // Finished connections are reaped as we go, so the set holds only open ones.
        while connections.try_join_next().is_some() {}
    }
    drop(listener);
    tracing::info!("shutting down: finishing in-flight requests");
    let _ = stop_tx.send(true);
    let drained = tokio::time::timeout(timeouts.drain, async {
        while connections.join_next().await.is_some() {}
    });
    if drained.await.is_err() {
        tracing::warn!(
            "shutdown: in-flight requests still running after {:?}; closing",
            timeouts.drain
        );
        connections.abort_all();
    }
}

/// A connection whose writes must make progress: a write (or flush) that stays blocked for
/// `limit` — a client that sends requests but never reads the answers — fails with
/// `TimedOut`, which closes the connection and frees its buffers.
struct WriteStall<S> {
    inner: S,
    limit: Duration,
    stalled: Option<Pin<Box<Sleep>>>,
}

impl<S> WriteStall<S> {
    fn new(inner: S, limit: Duration) -> Self {
        WriteStall {
            inner,
            limit,
            stalled: None,
        }
    }

    /// After the inner write returned `Pending`: has it been blocked too long?
    fn check(&mut self, cx: &mut Context<'_>) -> Poll<io::Error> {
        let limit = self.limit;
        let timer = self
            .stalled
            .get_or_insert_with(|| Box::pin(tokio::time::sleep(limit)));
        match timer.as_mut().poll(cx) {
            Poll::Ready(()) => Poll::Ready(io::Error::new(
                io::ErrorKind::TimedOut,
                "the client did not read its response",
            )),
            Poll::Pending => Poll::Pending,
        }
    }

    fn progress<T>(&mut self, cx: &mut Context<'_>, r: Poll<io::Result<T>>) -> Poll<io::Result<T>> {
        match r {
            Poll::Ready(r) => {
                self.stalled = None;
                Poll::Ready(r)
            }
            Poll::Pending => self.check(cx).map(Err),
        }
    }
}

impl<S: AsyncRead + Unpin> AsyncRead for WriteStall<S> {
    fn poll_read(
        mut self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        buf: &mut ReadBuf<'_>,
    ) -> Poll<io::Result<()>> {
        Pin::new(&mut self.inner).poll_read(cx, buf)
    }
}

impl<S: AsyncWrite + Unpin> AsyncWrite for WriteStall<S> {
    fn poll_write(
        mut self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        buf: &[u8],
    ) -> Poll<io::Result<usize>> {
        let r = Pin::new(&mut self.inner).poll_write(cx, buf);
        self.progress(cx, r)
    }

    fn poll_write_vectored(
        mut self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        bufs: &[io::IoSlice<'_>],
    ) -> Poll<io::Result<usize>> {
        let r = Pin::new(&mut self.inner).poll_write_vectored(cx, bufs);
        self.progress(cx, r)
    }

    fn is_write_vectored(&self) -> bool {
        self.inner.is_write_vectored()
    }

    fn poll_flush(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<io::Result<()>> {
        let r = Pin::new(&mut self.inner).poll_flush(cx);
        self.progress(cx, r)
    }

    fn poll_shutdown(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<io::Result<()>> {
        let r = Pin::new(&mut self.inner).poll_shutdown(cx);
        self.progress(cx, r)
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
    // In the runtime's context, so that `shutdown` can register its signal handlers before
    // anything is served.
    let signal = {
        let _in = rt.enter();
        shutdown()
    };
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
