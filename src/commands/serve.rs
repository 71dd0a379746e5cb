//! `wx-gateway serve`: load and validate the config, set up logging, bind, serve until
//! SIGTERM or Ctrl-C, then drain.

use std::net::SocketAddr;

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
    for key in &cfg.unknown_keys {
        tracing::warn!(key = %key, "unknown config key ignored (wx-gateway serve --check treats it as an error)");
    }
    for key in &cfg.not_implemented {
        tracing::warn!(key = %key, "config key accepted but not implemented yet");
    }
    for warning in &cfg.warnings {
        tracing::warn!("{warning}");
    }
    serve(cfg)
}

fn serve(cfg: Config) -> Result<(), Failure> {
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
    tracing::info!(%addr, threads, "listening on http://{addr}");
    let draining = state.draining();
    let delay = cfg.shutdown_delay;
    let shutdown = move || async move {
        shutdown_signal().await;
        draining.store(true, std::sync::atomic::Ordering::Release);
        if !delay.is_zero() {
            tracing::info!(
                delay_ms = delay.as_millis() as u64,
                "shutting down: /readyz answers 503; still serving for shutdown-delay-ms"
            );
            tokio::time::sleep(delay).await;
        }
    };
    gateway::run_threads(listener, state, threads, shutdown)
        .context("running the gateway")
        .map_err(Failure::Failed)?;
    tracing::info!("stopped");
    crate::logging::drain(std::time::Duration::from_secs(2));
    Ok(())
}

async fn shutdown_signal() {
    let ctrl_c = tokio::signal::ctrl_c();
    #[cfg(unix)]
    {
        let mut term =
            match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
                Ok(s) => s,
                Err(_) => {
                    let _ = ctrl_c.await;
                    return;
                }
            };
        tokio::select! {
            _ = ctrl_c => {},
            _ = term.recv() => {},
        }
    }
    #[cfg(not(unix))]
    {
        let _ = ctrl_c.await;
    }
}
