//! `wx-gateway reload --pid-file F`: SIGHUP to the gateway named by `serve --pid-file F`,
//! after checking that the pid file names a live wx-gateway (a stale file's pid may belong to
//! another process by now) and, with `--config`, that the config is valid.

use anyhow::anyhow;

use super::{Failure, Problem};
use crate::cli::ReloadArgs;
use crate::config;

/// A pid file holds a few digits and a newline; anything longer is not one.
const MAX_PID_FILE: u64 = 64;

pub fn run(args: &ReloadArgs) -> Result<(), Failure> {
    if let Some(path) = &args.config {
        let loaded = config::load(Some(path)).map_err(|e| Failure::Usage(e.into()))?;
        for key in &loaded.config.unknown_keys {
            eprintln!(
                "wx-gateway: warning: {}: unknown key {key} (ignored)",
                loaded.origin
            );
        }
    }
    let pid = read_pid(&args.pid_file)?;
    check_is_gateway(pid)?;
    signal(pid)?;
    crate::outln!(
        "sent SIGHUP to wx-gateway (pid {pid}): it reloads its config; its log says \"config reloaded\" or why it refused"
    );
    Ok(())
}

fn read_pid(path: &std::path::Path) -> Result<i32, Failure> {
    let shown = path.display();
    let usage = |message: String| {
        Failure::Usage(
            Problem::new("usage", message)
                .hint("start the gateway with `wx-gateway serve --pid-file FILE`")
                .into(),
        )
    };
    let meta = std::fs::metadata(path).map_err(|e| usage(format!("reading {shown}: {e}")))?;
    if !meta.is_file() || meta.len() > MAX_PID_FILE {
        return Err(usage(format!("{shown} is not a pid file")));
    }
    let text = std::fs::read_to_string(path).map_err(|e| usage(format!("reading {shown}: {e}")))?;
    match text.trim().parse::<i32>() {
        Ok(pid) if pid > 1 => Ok(pid),
        _ => Err(usage(format!(
            "{shown} does not hold a process id (it holds {} bytes)",
            text.len()
        ))),
    }
}

/// The process is there and runs wx-gateway (Linux: its `/proc/<pid>/exe` or `comm`).
fn check_is_gateway(pid: i32) -> Result<(), Failure> {
    let gone = || {
        Failure::Failed(
            Problem::new(
                "not-found",
                format!("no process {pid}: the gateway is not running (stale pid file?)"),
            )
            .into(),
        )
    };
    let proc_dir = std::path::PathBuf::from(format!("/proc/{pid}"));
    if !std::path::Path::new("/proc/self").exists() {
        // No procfs to ask: the signal itself says whether the process is there.
        return Ok(());
    }
    if !proc_dir.exists() {
        return Err(gone());
    }
    let exe = std::fs::read_link(proc_dir.join("exe")).ok();
    let comm = std::fs::read_to_string(proc_dir.join("comm")).unwrap_or_default();
    let named = |name: &str| name.starts_with("wx-gateway");
    let is_gateway = exe
        .as_ref()
        .and_then(|p| p.file_name())
        .and_then(|n| n.to_str())
        .is_some_and(named)
        || named(comm.trim());
    if is_gateway && catches_sighup(pid) == Some(false) {
        return Err(Failure::Failed(
            Problem::new(
                "refused",
                format!(
                    "process {pid} is wx-gateway but does not handle SIGHUP (not a serving gateway, or still starting): not signalled"
                ),
            )
            .into(),
        ));
    }
    if is_gateway {
        Ok(())
    } else {
        Err(Failure::Failed(
            Problem::new(
                "refused",
                format!(
                    "process {pid} is not wx-gateway (it is {:?}): not signalled (stale pid file?)",
                    comm.trim()
                ),
            )
            .into(),
        ))
    }
}

/// Whether the process catches SIGHUP (`SigCgt` of `/proc/<pid>/status`): a serving gateway
/// does; another wx-gateway command, or a process that only took the name, would die of it.
fn catches_sighup(pid: i32) -> Option<bool> {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).ok()?;
    let mask = status.lines().find_map(|l| l.strip_prefix("SigCgt:"))?;
    // SIGHUP is signal 1: the lowest bit.
    Some(u64::from_str_radix(mask.trim(), 16).ok()? & 1 != 0)
}

#[cfg(unix)]
fn signal(pid: i32) -> Result<(), Failure> {
    let Some(pid) = rustix::process::Pid::from_raw(pid) else {
        return Err(Failure::Usage(anyhow!("{pid} is not a process id")));
    };
    rustix::process::kill_process(pid, rustix::process::Signal::HUP).map_err(|e| {
        Failure::Failed(anyhow!(
            "sending SIGHUP to process {}: {e}",
            pid.as_raw_nonzero()
        ))
    })
}

#[cfg(not(unix))]
fn signal(_pid: i32) -> Result<(), Failure> {
    Err(Failure::Failed(anyhow!(
        "reload needs a Unix system (SIGHUP)"
    )))
}
