//! `wx-gateway serve`: load and validate the config, set up logging, bind, serve until
//! SIGTERM or Ctrl-C, then drain.

use std::net::SocketAddr;
use std::path::PathBuf;

use anyhow::{Context, anyhow};

use super::Failure;
use crate::cli::ServeArgs;
use crate::config::{self, Config};
use crate::gateway;

/// Reads the config named by `--config`/`CONF_FILE`, or the embedded sample.
pub fn load(args: &ServeArgs) -> Result<(String, Config), Failure> {
    let config::Loaded { origin, mut config } =
        config::load(args.config.as_deref()).map_err(|e| Failure::Usage(e.into()))?;
    if let Some(port) = args.port {
        config.listen_port = port;
    }
    Ok((origin, config))
}

pub fn run(args: ServeArgs) -> Result<(), Failure> {
    #[cfg(unix)]
    if !args.check {
        ignore_early_sighup();
    }
    let (origin, cfg) = load(&args)?;
    if args.check {
        if !cfg.unknown_keys.is_empty() {
            return Err(Failure::Usage(anyhow!(
                "reading config {origin}: unknown keys: {}",
                cfg.unknown_keys.join(", ")
            )));
        }
        for key in &cfg.not_implemented {
            eprintln!("wx-gateway: warning: {key} is accepted but not implemented yet");
        }
        for warning in &cfg.warnings {
            eprintln!("wx-gateway: warning: {warning}");
        }
        crate::outln!(
            "{origin}: ok ({} service{})",
            cfg.services.len(),
            if cfg.services.len() == 1 { "" } else { "s" }
        );
        return Ok(());
    }
    crate::logging::init(cfg.log_format);
    if args.config.is_none() {
        tracing::info!(
            "no --config or CONF_FILE given: running the embedded sample.conf.json (echo mode)"
        );
    }
    warn_about(&cfg.unknown_keys, &cfg.not_implemented, &cfg.warnings);
    serve(cfg, &args)
}

fn serve(cfg: Config, args: &ServeArgs) -> Result<(), Failure> {
    let host = if cfg.listen_host.is_empty() {
        "0.0.0.0"
    } else {
        cfg.listen_host.as_str()
    };
    let listener = std::net::TcpListener::bind((host, cfg.listen_port))
        .with_context(|| format!("listening on {host}:{}", cfg.listen_port))
        .map_err(Failure::Failed)?;
    let addr: SocketAddr = listener
        .local_addr()
        .context("reading the bound address")
        .map_err(Failure::Failed)?;
    let (soft, hard) = gateway::raise_fd_limit();
    let state = gateway::State::new(&cfg).map_err(Failure::Failed)?;
    tracing::info!(
        fd_limit = soft,
        fd_hard_limit = hard,
        max_connections = gateway::connection_cap(gateway::MAX_CONNECTIONS),
        "connection cap set below the file-descriptor limit"
    );
    for s in &cfg.services {
        tracing::info!(
            service = %s.name,
            path = %s.service_path,
            backend = s.msg_proxy_pass.as_ref().map_or("(echo mode)", |u| u.as_str()),
            encryption = if s.aes_key.is_some() { "available" } else { "plaintext only" },
            workers = s.workers,
            "service ready"
        );
    }
    let backends = cfg.services.iter().any(|s| s.msg_proxy_pass.is_some());
    match &cfg.spool {
        _ if backends && cfg.redis.is_some() => tracing::info!(
            local = cfg.spool.as_ref().map(|s| s.dir.display().to_string()),
            "spool on Redis, shared by the instances: pushes the backend does not take are kept and redelivered (by any instance); `local` takes them while Redis is unreachable"
        ),
        Some(spool) if backends => tracing::info!(
            dir = %spool.dir.display(),
            max_age_s = spool.max_age.as_secs(),
            "spool on: pushes the backend does not take are kept and redelivered"
        ),
        None if backends => tracing::warn!(
            "no spool configured: pushes the backend fails to accept (down, 5xx, too slow) are answered and lost; set \"spool\": {{\"dir\": …}} to keep and redeliver them"
        ),
        _ => {}
    }
    match state.metrics_addr() {
        Some(addr) => tracing::info!(%addr, "metrics, /healthz and /readyz on http://{addr}"),
        None if cfg.api.admin_token.is_some() => {
            tracing::info!("metrics on GET /metrics, behind admin-token")
        }
        None => {}
    }
    let threads = std::thread::available_parallelism()
        .map(|n| n.get())
        .unwrap_or(1);
    let handle = state.handle();
    let source = Source {
        path: args.config.clone(),
        port: args.port,
    };
    let pid_file = args.pid_file.clone();
    // Removed after the drain (the gateway serves until then).
    let written: std::sync::Arc<std::sync::Mutex<Option<PidFile>>> = Default::default();
    let keep = std::sync::Arc::clone(&written);
    // Called on the first serving thread's runtime before it serves: the signal handlers are
    // in place (SIGHUP would otherwise end the process) before the address is announced and
    // the pid file written.
    let shutdown = move || {
        let signals = Signals::register();
        if let Ok(mut slot) = keep.lock() {
            *slot = pid_file.map(PidFile::write);
        }
        tracing::info!(%addr, threads, "listening on http://{addr}");
        async move {
            signals.serve(&handle, &source).await;
            let delay = handle.config().shutdown_delay;
            if !delay.is_zero() {
                tracing::info!(
                    delay_ms = delay.as_millis() as u64,
                    "shutting down: /readyz answers 503; still serving for shutdown-delay-ms"
                );
                tokio::time::sleep(delay).await;
            }
        }
    };
    let ran = gateway::run_threads(listener, state, threads, shutdown)
        .context("running the gateway")
        .map_err(Failure::Failed);
    drop(written.lock().map(|mut p| p.take()));
    ran?;
    tracing::info!("stopped");
    crate::logging::drain(std::time::Duration::from_secs(2));
    Ok(())
}

/// Installs the process's SIGHUP handler before anything else (tokio's handler, installed once
/// and never removed): a SIGHUP while the gateway starts (loading the config, opening the
/// spool) must not end it, as the signal's default action would. Until the serving thread
/// listens for it (`Signals::register`), a SIGHUP is dropped.
#[cfg(unix)]
fn ignore_early_sighup() {
    if let Ok(rt) = tokio::runtime::Builder::new_current_thread()
        .enable_io()
        .build()
    {
        let _in = rt.enter();
        let _ = tokio::signal::unix::signal(tokio::signal::unix::SignalKind::hangup());
    }
}

/// Where a reload reads the config from: the file `serve` started with (or the embedded
/// sample), with `--port` applied again.
struct Source {
    path: Option<PathBuf>,
    port: Option<u16>,
}

impl Source {
    fn load(&self) -> Result<Config, String> {
        let config::Loaded { mut config, .. } =
            config::load(self.path.as_deref()).map_err(|e| e.to_string())?;
        if let Some(port) = self.port {
            config.listen_port = port;
        }
        Ok(config)
    }

    fn origin(&self) -> String {
        self.path.as_ref().map_or_else(
            || "embedded sample.conf.json".to_owned(),
            |p| p.display().to_string(),
        )
    }
}

/// The signals `serve` acts on: SIGTERM and Ctrl-C stop it, SIGHUP reloads the config.
struct Signals {
    #[cfg(unix)]
    term: Option<tokio::signal::unix::Signal>,
    #[cfg(unix)]
    hup: Option<tokio::signal::unix::Signal>,
}

impl Signals {
    /// Registers the handlers (on the current runtime).
    fn register() -> Signals {
        #[cfg(unix)]
        {
            use tokio::signal::unix::{SignalKind, signal};
            let register = |kind: SignalKind, name: &str| match signal(kind) {
                Ok(s) => Some(s),
                Err(e) => {
                    tracing::error!(error = %e, "cannot handle {name}");
                    None
                }
            };
            Signals {
                term: register(SignalKind::terminate(), "SIGTERM"),
                hup: register(SignalKind::hangup(), "SIGHUP (config reload)"),
            }
        }
        #[cfg(not(unix))]
        Signals {}
    }

    /// Reloads the config on each SIGHUP; returns on SIGTERM or Ctrl-C (after `/readyz` has
    /// turned 503).
    async fn serve(mut self, handle: &gateway::Handle, source: &Source) {
        let ctrl_c = tokio::signal::ctrl_c();
        tokio::pin!(ctrl_c);
        loop {
            #[cfg(unix)]
            {
                let term = async {
                    match &mut self.term {
                        Some(t) => t.recv().await,
                        None => std::future::pending().await,
                    }
                };
                let hup = async {
                    match &mut self.hup {
                        Some(h) => h.recv().await,
                        None => std::future::pending().await,
                    }
                };
                let hangup = tokio::select! {
                    _ = &mut ctrl_c => false,
                    _ = term => false,
                    _ = hup => true,
                };
                if !hangup {
                    break;
                }
                // A reload that hangs (a config on a stuck mount, a FIFO) never holds up
                // shutdown: SIGTERM and Ctrl-C are watched meanwhile.
                let term = async {
                    match &mut self.term {
                        Some(t) => t.recv().await,
                        None => std::future::pending().await,
                    }
                };
                tokio::select! {
                    () = reload(handle, source) => {}
                    _ = &mut ctrl_c => break,
                    _ = term => {
                        tracing::warn!("SIGTERM during a config reload: the reload is abandoned");
                        break;
                    }
                }
            }
            #[cfg(not(unix))]
            {
                let _ = (&mut ctrl_c).await;
                break;
            }
        }
        handle.set_draining();
    }
}

/// One reload: read and validate the whole config, then swap it in, or refuse it with one
/// log line (the message `serve --check` prints) and keep serving the one in use.
async fn reload(handle: &gateway::Handle, source: &Source) {
    let origin = source.origin();
    tracing::info!(config = %origin, "SIGHUP: reloading the config");
    let loaded = {
        let path = source.path.clone();
        let port = source.port;
        // A thread of its own, not the blocking pool: the runtime's shutdown would wait for a
        // read that never ends.
        let (tx, rx) = tokio::sync::oneshot::channel();
        let spawned = std::thread::Builder::new()
            .name("wx-gateway-reload".into())
            .spawn(move || {
                let _ = tx.send(Source { path, port }.load());
            });
        match spawned {
            Ok(_) => rx.await.map_err(|e| e.to_string()),
            Err(e) => Err(e.to_string()),
        }
    };
    let config = match loaded {
        Ok(Ok(config)) => config,
        Ok(Err(message)) => {
            handle.reload_unreadable();
            tracing::error!(
                config = %origin,
                "config reload refused: {message}; still serving the config in use"
            );
            return;
        }
        Err(e) => {
            handle.reload_unreadable();
            tracing::error!(error = %e, "config reload failed; still serving the config in use");
            return;
        }
    };
    let warnings = (
        config.unknown_keys.clone(),
        config.not_implemented.clone(),
        config.warnings.clone(),
    );
    match handle.reload(config).await {
        Ok(applied) => {
            warn_about(&warnings.0, &warnings.1, &warnings.2);
            tracing::info!(
                config = %origin,
                added = ?applied.added,
                removed = ?applied.removed,
                changed = ?applied.changed,
                new_tokens = ?applied.new_tokens,
                "config reloaded"
            );
        }
        Err(refused) => tracing::error!(
            config = %origin,
            "config reload refused: {refused}; still serving the config in use"
        ),
    }
}

/// The warnings of a config `serve` starts with or reloads.
fn warn_about(unknown_keys: &[String], not_implemented: &[String], warnings: &[String]) {
    for key in unknown_keys {
        tracing::warn!(key = %key, "unknown config key ignored (wx-gateway serve --check treats it as an error)");
    }
    for key in not_implemented {
        tracing::warn!(key = %key, "config key accepted but not implemented yet");
    }
    for warning in warnings {
        tracing::warn!("{warning}");
    }
}

/// `--pid-file`: written once serving (atomically: a temporary file renamed), removed when
/// `serve` ends, if it still names this process.
struct PidFile(PathBuf);

impl PidFile {
    /// Written through a temporary file of an unpredictable name, created new (never through
    /// a link someone planted), then renamed over `path`.
    fn write(path: PathBuf) -> PidFile {
        use std::io::Write as _;
        let pid = std::process::id();
        let name = path.file_name().unwrap_or_default().to_string_lossy();
        let tmp = path.with_file_name(format!(".{name}.{}.tmp", crate::random::alphanumeric(12)));
        let mut options = std::fs::OpenOptions::new();
        options.write(true).create_new(true);
        #[cfg(unix)]
        std::os::unix::fs::OpenOptionsExt::mode(&mut options, 0o644);
        let written = options
            .open(&tmp)
            .and_then(|mut f| f.write_all(format!("{pid}\n").as_bytes()))
            .and_then(|()| std::fs::rename(&tmp, &path));
        match written {
            Ok(()) => tracing::info!(pid_file = %path.display(), pid, "pid file written"),
            Err(e) => {
                let _ = std::fs::remove_file(&tmp);
                tracing::error!(pid_file = %path.display(), error = %e, "cannot write the pid file (`wx-gateway reload` will not find this process; SIGHUP still reloads)");
            }
        }
        PidFile(path)
    }

    /// Whether `path` is still a regular file naming this process. Read without following a
    /// link, without blocking (a FIFO put there) and at most 64 bytes.
    fn still_ours(&self) -> bool {
        use std::io::Read as _;
        let mut options = std::fs::OpenOptions::new();
        options.read(true);
        #[cfg(unix)]
        std::os::unix::fs::OpenOptionsExt::custom_flags(
            &mut options,
            (rustix::fs::OFlags::NOFOLLOW | rustix::fs::OFlags::NONBLOCK).bits() as i32,
        );
        let mut text = String::new();
        options.open(&self.0).is_ok_and(|f| {
            f.metadata().is_ok_and(|m| m.is_file())
                && f.take(64).read_to_string(&mut text).is_ok()
                && text.trim() == std::process::id().to_string()
        })
    }
}

impl Drop for PidFile {
    fn drop(&mut self) {
        if self.still_ours() {
            let _ = std::fs::remove_file(&self.0);
        }
    }
}
