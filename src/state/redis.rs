//! The connection to the Redis that several instances share (`"redis"`, `"redis-prefix"`).
//!
//! Redis failing must never keep WeChat from its answer: every call has a small budget
//! ([`BUDGET`]), a failed or late call is an error the caller falls back from (to its local
//! state), and the connection reconnects by itself. The state (up or down) is logged once per
//! change and read by the metrics (`wxgw_redis_up`).
//!
//! The connection (the `redis` crate's connection manager) is driven by a thread of its own,
//! so that it does not depend on any one serving thread; every serving thread sends commands
//! through it.
//!
//! Spool inserts have a connection of their own ([`Redis::write_script`]): `WAITAOF` blocks
//! the connection it is sent on until the fsync, and confirms only the writes made on that
//! connection. One `WAITAOF` at a time confirms every insert answered before it was sent
//! (a group commit), so a slow fsync costs the inserts one wait, not one each.

use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::time::Duration;

use redis::aio::{ConnectionManager, ConnectionManagerConfig};

/// The most one Redis call may take on the push path before the gateway goes on without it.
pub const BUDGET: Duration = Duration::from_millis(80);
/// `WAITAOF`'s own timeout: an fsync not confirmed within it counts as not durable (the
/// caller then keeps an embedded copy). With `appendfsync always` the answer is immediate.
pub const WAITAOF_MS: u64 = 50;
/// After `WAITAOF` was refused (AOF off, a server before 7.2), it is tried again this often.
const WAITAOF_RETRY: Duration = Duration::from_secs(10);
/// A reconnect attempt may take this long.
const CONNECT_TIMEOUT: Duration = Duration::from_millis(500);

/// Why a Redis call gave nothing.
#[derive(Debug, thiserror::Error)]
pub enum RedisError {
    #[error("redis did not answer within {0:?}")]
    Timeout(Duration),
    #[error("redis: {0}")]
    Failed(String),
}

/// A shared Redis: its connection, its key prefix and whether it is up.
pub struct Redis {
    conn: ConnectionManager,
    /// The spool inserts' connection (and their `WAITAOF`).
    writes: ConnectionManager,
    /// Writes answered on `writes` (a write's ticket is this count after it).
    written: AtomicU64,
    /// One `WAITAOF` at a time: the writes it confirmed (up to which ticket) and its answer.
    fsynced: tokio::sync::Mutex<Fsynced>,
    /// The last `WAITAOF` confirmed a local fsync.
    durable: AtomicBool,
    prefix: String,
    up: AtomicBool,
    /// The last state logged, when, and the changes since.
    said: std::sync::Mutex<Said>,
    /// A change is waiting to be logged.
    unsaid: AtomicBool,
    /// What the URL names, without its password (for logs).
    shown: String,
}

/// What the last `WAITAOF` confirmed.
#[derive(Default)]
struct Fsynced {
    /// Every write with a ticket up to this was covered by it.
    upto: u64,
    durable: bool,
    /// When `WAITAOF` was last refused (not retried before [`WAITAOF_RETRY`]).
    refused_at: Option<std::time::Instant>,
}

/// What `INFO` says of the server's persistence.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Persistence {
    pub version: String,
    /// `appendonly yes`.
    pub aof: bool,
    pub maxmemory_policy: String,
}

impl Persistence {
    /// From `INFO persistence memory server`'s text.
    pub fn parse(info: &str) -> Persistence {
        let field = |name: &str| {
            info.lines()
                .find_map(|l| l.trim().strip_prefix(name)?.strip_prefix(':'))
                .unwrap_or_default()
                .to_owned()
        };
        Persistence {
            version: field("redis_version"),
            aof: field("aof_enabled") == "1",
            maxmemory_policy: field("maxmemory_policy"),
        }
    }

    /// The server has `WAITAOF` (7.2 and later).
    pub fn has_waitaof(&self) -> bool {
        let mut parts = self
            .version
            .split('.')
            .map(|p| p.parse::<u32>().unwrap_or(0));
        let (major, minor) = (parts.next().unwrap_or(0), parts.next().unwrap_or(0));
        (major, minor) >= (7, 2)
    }

    /// Can confirm a write is on its disk: AOF on and `WAITAOF` there.
    pub fn can_be_durable(&self) -> bool {
        self.aof && self.has_waitaof()
    }

    /// Keys may be evicted when memory is full (anything but `noeviction`).
    pub fn may_evict(&self) -> bool {
        !self.maxmemory_policy.is_empty() && self.maxmemory_policy != "noeviction"
    }
}

/// What the log last said of the connection.
#[derive(Default)]
struct Said {
    up: Option<bool>,
    at: Option<std::time::Instant>,
    changes: u64,
}

/// A state change of the connection is logged at most this often.
const LOG_EVERY: Duration = Duration::from_secs(10);

impl Redis {
    /// Starts the connection's thread and a lazy connection (nothing is awaited: a Redis that
    /// is down at start is reconnected to later, and the gateway starts on its local state).
    pub fn start(url: &str, prefix: &str) -> anyhow::Result<Arc<Redis>> {
        let client = redis::Client::open(url)
            .map_err(|e| anyhow::anyhow!("redis: {}", redact(&e.to_string(), url)))?;
        let shown = shown(url);
        let config = ConnectionManagerConfig::new()
            .set_connection_timeout(Some(CONNECT_TIMEOUT))
            .set_response_timeout(Some(BUDGET * 4))
            .set_min_delay(Duration::from_millis(100))
            .set_max_delay(Duration::from_secs(2))
            .set_number_of_retries(2);
        let (tx, rx) = std::sync::mpsc::channel();
        std::thread::Builder::new()
            .name("wx-gateway-redis".into())
            .spawn(move || {
                let rt = match tokio::runtime::Builder::new_current_thread()
                    .enable_all()
                    .build()
                {
                    Ok(rt) => rt,
                    Err(e) => {
                        let _ = tx.send(Err(anyhow::anyhow!("redis thread: {e}")));
                        return;
                    }
                };
                rt.block_on(async move {
                    let made =
                        ConnectionManager::new_lazy_with_config(client.clone(), config.clone())
                            .and_then(|c| {
                                Ok((c, ConnectionManager::new_lazy_with_config(client, config)?))
                            })
                            .map_err(|e| anyhow::anyhow!("redis: {e}"));
                    let _ = tx.send(made);
                    // Drives the connection (and its reconnects) for the life of the process.
                    std::future::pending::<()>().await;
                });
            })?;
        let (conn, writes) = rx
            .recv()
            .map_err(|_| anyhow::anyhow!("redis thread ended"))??;
        Ok(Arc::new(Redis {
            conn,
            writes,
            written: AtomicU64::new(0),
            fsynced: tokio::sync::Mutex::default(),
            durable: AtomicBool::new(false),
            prefix: prefix.to_owned(),
            up: AtomicBool::new(true),
            said: std::sync::Mutex::new(Said {
                up: Some(true),
                ..Said::default()
            }),
            unsaid: AtomicBool::new(false),
            shown,
        }))
    }

    /// `<prefix><rest>`.
    pub fn key(&self, rest: &str) -> String {
        format!("{}{rest}", self.prefix)
    }

    /// The key prefix.
    pub fn prefix(&self) -> &str {
        &self.prefix
    }

    /// Whether the last call got an answer.
    pub fn is_up(&self) -> bool {
        self.up.load(Ordering::Relaxed)
    }

    /// Runs `cmd` within `budget`; records (and logs on a change) whether Redis answered.
    pub async fn query<T: redis::FromRedisValue>(
        &self,
        cmd: &redis::Cmd,
        budget: Duration,
    ) -> Result<T, RedisError> {
        let mut conn = self.conn.clone();
        let result = tokio::time::timeout(budget, cmd.query_async::<T>(&mut conn)).await;
        self.answered(result, budget)
    }

    /// Runs a Lua script within `budget`.
    pub async fn script<T: redis::FromRedisValue>(
        &self,
        invocation: redis::ScriptInvocation<'_>,
        budget: Duration,
    ) -> Result<T, RedisError> {
        let mut conn = self.conn.clone();
        let result = tokio::time::timeout(budget, invocation.invoke_async::<T>(&mut conn)).await;
        self.answered(result, budget)
    }

    /// Runs a Lua script that writes a spool insert, on the writes' connection; returns its
    /// answer and the write's ticket for [`Self::wait_fsync`].
    pub async fn write_script<T: redis::FromRedisValue>(
        &self,
        invocation: redis::ScriptInvocation<'_>,
        budget: Duration,
    ) -> Result<(T, u64), RedisError> {
        let mut conn = self.writes.clone();
        let result = tokio::time::timeout(budget, invocation.invoke_async::<T>(&mut conn)).await;
        let value = self.answered(result, budget)?;
        Ok((value, self.written.fetch_add(1, Ordering::AcqRel) + 1))
    }

    /// Whether the write of `ticket` is confirmed on Redis's disk (`WAITAOF 1 0`): false when
    /// the server does not say so within [`WAITAOF_MS`], has AOF off, has no `WAITAOF`
    /// (before 7.2), or is down. One `WAITAOF` confirms every write answered before it.
    pub async fn wait_fsync(&self, ticket: u64) -> bool {
        let mut state = self.fsynced.lock().await;
        if state.upto >= ticket {
            return state.durable;
        }
        if state
            .refused_at
            .is_some_and(|at| at.elapsed() < WAITAOF_RETRY)
        {
            return false;
        }
        let upto = self.written.load(Ordering::Acquire);
        let mut conn = self.writes.clone();
        let mut cmd = redis::cmd("WAITAOF");
        cmd.arg(1).arg(0).arg(WAITAOF_MS);
        let budget = Duration::from_millis(WAITAOF_MS) + BUDGET;
        let answer = tokio::time::timeout(budget, cmd.query_async::<(i64, i64)>(&mut conn)).await;
        // Refused (AOF off, unknown command: an error reply): asked again only after a while.
        let refused = matches!(&answer, Ok(Err(e)) if e.code().is_some());
        state.refused_at = refused.then(std::time::Instant::now);
        let durable = matches!(answer, Ok(Ok((local, _))) if local >= 1);
        state.upto = upto;
        state.durable = durable;
        self.durable.store(durable, Ordering::Relaxed);
        durable
    }

    /// Whether the last `WAITAOF` confirmed a local fsync (`wxgw_redis_durable`): pushes are
    /// then safe in Redis alone.
    pub fn durable(&self) -> bool {
        self.durable.load(Ordering::Relaxed)
    }

    /// What the server says of its persistence (`INFO`: `CONFIG GET` may be disabled).
    pub async fn persistence(&self) -> Result<Persistence, RedisError> {
        let info: String = self
            .query(
                redis::cmd("INFO")
                    .arg("persistence")
                    .arg("memory")
                    .arg("server"),
                Duration::from_secs(1),
            )
            .await?;
        Ok(Persistence::parse(&info))
    }

    fn answered<T>(
        &self,
        result: Result<redis::RedisResult<T>, tokio::time::error::Elapsed>,
        budget: Duration,
    ) -> Result<T, RedisError> {
        let result = match result {
            Ok(Ok(v)) => Ok(v),
            // An answer that is an error (a wrong type, a script error) still means Redis is up.
            Ok(Err(e))
                if e.is_io_error()
                    || e.is_connection_dropped()
                    || e.is_timeout()
                    || unavailable(e.code()) =>
            {
                Err(RedisError::Failed(e.to_string()))
            }
            Ok(Err(e)) => {
                self.mark(true, None);
                return Err(RedisError::Failed(e.to_string()));
            }
            Err(_) => Err(RedisError::Timeout(budget)),
        };
        match &result {
            Ok(_) => self.mark(true, None),
            Err(e) => self.mark(false, Some(e)),
        }
        result
    }

    fn mark(&self, up: bool, error: Option<&RedisError>) {
        let changed = self.up.swap(up, Ordering::AcqRel) != up;
        if !changed && !self.unsaid.load(Ordering::Relaxed) {
            return;
        }
        // A flapping Redis must not flood the log: one line per change at most every
        // LOG_EVERY; the changes in between are counted on the next line, and a state left
        // unsaid is said as soon as the wait is over.
        let mut said = self.said.lock().unwrap_or_else(|e| e.into_inner());
        let now = std::time::Instant::now();
        if changed {
            said.changes += 1;
        }
        if said.at.is_some_and(|at| now.duration_since(at) < LOG_EVERY) {
            self.unsaid.store(true, Ordering::Relaxed);
            return;
        }
        let flaps = said.changes.saturating_sub(1);
        said.at = Some(now);
        said.changes = 0;
        self.unsaid.store(false, Ordering::Relaxed);
        if said.up == Some(up) {
            // Back where the last line left it.
            return;
        }
        said.up = Some(up);
        drop(said);
        if up {
            tracing::info!(redis = %self.shown, flaps, "redis reachable again: shared state resumes");
        } else {
            tracing::error!(
                redis = %self.shown,
                error = error.map(|e| e.to_string()),
                flaps,
                "redis unreachable: this instance falls back to its local state (retries on another instance may reach the backend twice) until it is back"
            );
        }
    }
}

/// Error replies of a Redis that answers but cannot serve (loading its data, a replica after a
/// failover, no auth, a cluster without quorum): down, as much as a closed socket.
fn unavailable(code: Option<&str>) -> bool {
    matches!(
        code,
        Some(
            "LOADING"
                | "READONLY"
                | "NOAUTH"
                | "WRONGPASS"
                | "MASTERDOWN"
                | "CLUSTERDOWN"
                | "TRYAGAIN"
                | "BUSY"
                | "NOREPLICAS"
                | "OOM"
        )
    )
}

/// `redis://host:port/db` without user and password.
fn shown(url: &str) -> String {
    match url::Url::parse(url) {
        Ok(mut u) => {
            let _ = u.set_password(None);
            let _ = u.set_username("");
            u.to_string()
        }
        Err(_) => "(unparsable url)".to_owned(),
    }
}

/// `text` with the URL's password replaced.
fn redact(text: &str, url: &str) -> String {
    match url::Url::parse(url)
        .ok()
        .and_then(|u| u.password().map(str::to_owned))
    {
        Some(p) if !p.is_empty() => text.replace(&p, "<redacted>"),
        _ => text.to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn urls_are_shown_without_their_secrets() {
        assert_eq!(
            shown("redis://user:hunter2@127.0.0.1:6379/3"),
            "redis://127.0.0.1:6379/3"
        );
        assert_eq!(
            redact("bad hunter2 url", "redis://:hunter2@h/0"),
            "bad <redacted> url"
        );
    }

    /// A Redis nobody listens on: every call fails within its budget, the state turns down.
    #[tokio::test]
    async fn a_redis_that_is_not_there_fails_within_the_budget() {
        let port = std::net::TcpListener::bind("127.0.0.1:0")
            .unwrap()
            .local_addr()
            .unwrap()
            .port();
        let r = Redis::start(&format!("redis://127.0.0.1:{port}/0"), "t:").unwrap();
        let started = std::time::Instant::now();
        let got: Result<String, _> = r.query(&redis::cmd("PING"), BUDGET).await;
        assert!(got.is_err());
        assert!(started.elapsed() < BUDGET + Duration::from_millis(200));
        assert!(!r.is_up());
    }

    /// A Redis that answers but refuses to serve (here: NOAUTH) is down, not up.
    #[tokio::test]
    async fn a_redis_that_refuses_to_serve_is_down() {
        let port = std::net::TcpListener::bind("127.0.0.1:0")
            .unwrap()
            .local_addr()
            .unwrap()
            .port();
        let mut server = std::process::Command::new("redis-server")
            .args(["--bind", "127.0.0.1", "--port", &port.to_string()])
            .args([
                "--save",
                "",
                "--appendonly",
                "no",
                "--requirepass",
                "s3cret",
            ])
            .stdout(std::process::Stdio::null())
            .spawn()
            .expect("redis-server (`.ci/run` installs it)");
        for _ in 0..100 {
            if std::net::TcpStream::connect(("127.0.0.1", port)).is_ok() {
                break;
            }
            std::thread::sleep(Duration::from_millis(20));
        }
        let r = Redis::start(&format!("redis://127.0.0.1:{port}/0"), "t:").unwrap();
        let mut set = redis::cmd("SET");
        set.arg("t:k").arg("v");
        let got: Result<(), _> = r.query(&set, Duration::from_secs(1)).await;
        let _ = server.kill();
        let _ = server.wait();
        let err = got.unwrap_err().to_string();
        assert!(
            err.contains("NOAUTH") || err.contains("uthentication"),
            "{err}"
        );
        assert!(!r.is_up());
    }

    /// The machine's Redis (started by `.ci/run` when missing).
    #[tokio::test]
    async fn a_live_redis_answers() {
        let r = Redis::start("redis://127.0.0.1:6379/0", "wxgw-unit:").unwrap();
        // The first call connects.
        let mut pong: Result<String, _> = Err(RedisError::Timeout(BUDGET));
        for _ in 0..20 {
            pong = r.query(&redis::cmd("PING"), Duration::from_secs(1)).await;
            if pong.is_ok() {
                break;
            }
        }
        assert_eq!(pong.unwrap(), "PONG");
        assert!(r.is_up());
        assert_eq!(r.key("x"), "wxgw-unit:x");
    }
}
