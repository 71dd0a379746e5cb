//! The spool's storage: pushes the backend did not take, kept in SQLite until they are
//! delivered, and the dead letters (pushes older than `max-age`), kept until an operator
//! replays or drops them.
//!
//! One table, one row per push (its delivery id is unique, so a push is never spooled twice).
//! WAL mode with `synchronous=FULL`: a commit is on disk (fsync'd) when it returns, and
//! `wx-gateway spool …` can read and change the rows while `serve` runs. Every time is unix
//! milliseconds.

use std::path::{Path, PathBuf};
use std::time::Duration;

use rusqlite::{Connection, OptionalExtension, Row, params};

/// The database file inside `spool.dir`.
pub const DB_FILE: &str = "spool.db";
/// The lock file `serve` holds inside `spool.dir`: one gateway per spool.
pub const LOCK_FILE: &str = "serve.lock";
/// How long a call waits for a lock held by another connection (the CLI, `serve`).
const BUSY_TIMEOUT: Duration = Duration::from_secs(5);
/// The shortest id prefix `show`, `replay` and `drop` accept.
pub const MIN_ID_PREFIX: usize = 6;

/// A spool failure: opening, reading or writing the database.
#[derive(Debug, thiserror::Error)]
pub enum SpoolError {
    #[error("spool {dir}: {message}")]
    Open { dir: String, message: String },
    #[error("spool database: {0}")]
    Db(#[from] rusqlite::Error),
    #[error("no spooled push has the id {0:?}")]
    NotFound(String),
    #[error("the id prefix {prefix:?} matches {count} pushes; give more of the id")]
    Ambiguous { prefix: String, count: usize },
    #[error("an id (or prefix of at least {MIN_ID_PREFIX} characters) is expected, got {0:?}")]
    ShortId(String),
    #[error("the spool is not taking writes: {0}")]
    Unavailable(String),
}

/// A push to spool.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct NewEntry {
    /// The delivery id (`X-Wx-Delivery-Id`).
    pub id: String,
    pub service: String,
    /// `msg/text`, `event/subscribe`, …
    pub route: String,
    /// The JSON body as the backend gets it.
    pub body: String,
    /// The gateway's id for the push (`X-Request-Id`, the log line's).
    pub request_id: String,
    /// The sender (FromUserName): where a late reply goes.
    pub open_id: String,
    /// The push's CreateTime (unix seconds), when it had one.
    pub create_time: Option<i64>,
    /// When the gateway first saw the push.
    pub first_seen: i64,
    /// Attempts already made.
    pub attempts: u32,
    /// Not redelivered before this.
    pub next_at: i64,
    pub last_error: Option<String>,
    /// When an attempt of it first failed (the poison rule counts from here); `None` while
    /// no attempt has failed (spooled without one: breaker open, paused, no worker slot).
    pub failing_since: Option<i64>,
    /// The last [`HISTORY`] attempts, oldest first.
    pub history: Vec<Attempt>,
}

impl NewEntry {
    /// The push's lane: pushes of one lane are delivered in arrival order, never reordered.
    /// The sender's; a push without one (some events) is a lane of its own.
    pub fn lane(&self) -> &str {
        if self.open_id.is_empty() {
            &self.id
        } else {
            &self.open_id
        }
    }
}

/// Attempts kept per push (`spool show`).
pub const HISTORY: usize = 10;
/// The most of a backend's answer kept with an attempt.
pub const ANSWER_EXCERPT: usize = 4096;

/// One delivery attempt of a push, as `spool show` lists it.
#[derive(Debug, Clone, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Attempt {
    /// When it started (unix ms).
    pub at: i64,
    /// `live`, `retry` or `replay` (`X-Wx-Delivery-Trigger`).
    pub trigger: String,
    /// `ok`, `http_4xx`, `http_5xx`, `http_429`, `timeout`, `refused`, `redirect` (the
    /// `result` label of `wxgw_delivery_attempts_total`).
    pub result: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub status: Option<u16>,
    /// The first [`ANSWER_EXCERPT`] bytes of the backend's answer (a failed one).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub answer: Option<String>,
    pub duration_ms: u64,
    /// The gateway instance that made it (`host:pid`).
    pub instance: String,
}

/// Appends an attempt to a history, keeping the last [`HISTORY`].
pub fn push_history(history: &mut Vec<Attempt>, attempt: Attempt) {
    history.push(attempt);
    if history.len() > HISTORY {
        let extra = history.len() - HISTORY;
        history.drain(..extra);
    }
}

/// Why a push is a dead letter.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DeadReason {
    /// Queued longer than `spool.max-age`.
    MaxAge,
    /// The backend refused it (a 4xx other than 408, 425, 429).
    Refused,
    /// Its lane's head failed `poison-after` attempts while other users' pushes got through.
    Poison,
}

impl DeadReason {
    pub fn as_str(self) -> &'static str {
        match self {
            DeadReason::MaxAge => "max-age",
            DeadReason::Refused => "refused",
            DeadReason::Poison => "poison",
        }
    }
}

/// A spooled push.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Entry {
    /// Arrival order (increasing).
    pub seq: i64,
    pub new: NewEntry,
    /// When it was (re)queued: `max-age` counts from here (a replay of a dead letter restarts it).
    pub queued_at: i64,
    /// When it moved to the dead letters; `None` while queued.
    pub dead_at: Option<i64>,
    /// `max-age`, `refused` or `poison` for a dead letter.
    pub dead_reason: Option<String>,
    /// Requeued by `spool replay` (its attempts are `replay`s) and not delivered yet.
    pub replayed: bool,
}

/// What became of a redelivery attempt (or of the first call of a push already spooled).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Settle {
    /// The backend took it: the row goes.
    Delivered,
    /// Try again at `next_at`.
    Retry {
        attempts: u32,
        next_at: i64,
        error: String,
        /// The attempt made, for the history.
        attempt: Option<Attempt>,
    },
    /// To the dead letters: refused by the backend (a 4xx), or a poisoned lane's head.
    Dead {
        attempts: u32,
        error: String,
        reason: DeadReason,
        attempt: Option<Attempt>,
    },
    /// No attempt was made (claimed, then held back: the breaker, the drain's pace): due
    /// again at `next_at`, nothing else changes.
    Defer { next_at: i64 },
}

/// Which pushes a bulk command acts on.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Filter {
    pub service: Option<String>,
    /// Dead letters instead of the queue.
    pub dead: bool,
    /// Only pushes first seen more than this long ago.
    pub older_than: Option<Duration>,
    /// Only pushes first seen at or after this (unix ms).
    pub since: Option<i64>,
    /// Only pushes first seen before this (unix ms).
    pub until: Option<i64>,
    /// Only pushes of this kind: a MsgType (`text`, `image`, …) or an Event (`subscribe`,
    /// `CLICK`, …), compared without regard to case.
    pub kind: Option<String>,
}

/// One service's numbers (`spool stats`).
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct ServiceStats {
    pub service: String,
    /// Pushes waiting for redelivery.
    pub depth: u64,
    /// Age of the oldest waiting push, in seconds.
    pub oldest_age_s: Option<u64>,
    pub dead: u64,
    /// Requeued by `spool replay` and still waiting.
    pub replaying: u64,
    /// Waiting pushes whose next attempt is more than [`OVERDUE_AFTER_MS`] in the past: the
    /// redelivery of the service has stalled.
    pub overdue: u64,
}

/// A waiting push this far past its due time is overdue (`wxgw_spool_overdue`).
pub const OVERDUE_AFTER_MS: i64 = 60_000;

/// The spool database.
pub struct Store {
    conn: Connection,
    path: PathBuf,
    /// (device, inode) of the database file when it was opened.
    identity: Option<(u64, u64)>,
}

fn file_identity(path: &Path) -> Option<(u64, u64)> {
    use std::os::unix::fs::MetadataExt;
    std::fs::metadata(path).ok().map(|m| (m.dev(), m.ino()))
}

/// The spool directory must be the gateway user's alone: whoever can write it can make the
/// gateway post anything to the backend as a verified push.
fn check_owner(dir: &Path) -> Result<(), SpoolError> {
    use std::os::unix::fs::MetadataExt;
    let meta = std::fs::metadata(dir).map_err(|e| open_err(dir, e))?;
    if !meta.is_dir() {
        return Err(open_err(dir, "cannot create: not a directory"));
    }
    let me = rustix::process::geteuid().as_raw();
    if meta.uid() != me {
        return Err(open_err(
            dir,
            format!(
                "owned by uid {}, not by this user (uid {me}): the spool holds what the gateway posts to backends",
                meta.uid()
            ),
        ));
    }
    if meta.mode() & 0o022 != 0 {
        return Err(open_err(
            dir,
            format!(
                "writable by group or others (mode {:o}); chmod 700 it: whoever can write the spool can make the gateway post anything to the backend",
                meta.mode() & 0o777
            ),
        ));
    }
    Ok(())
}

const SCHEMA: &str = "
CREATE TABLE IF NOT EXISTS spool (
    seq         INTEGER PRIMARY KEY AUTOINCREMENT,
    id          TEXT    NOT NULL UNIQUE,
    service     TEXT    NOT NULL,
    route       TEXT    NOT NULL,
    body        TEXT    NOT NULL,
    request_id  TEXT    NOT NULL,
    open_id     TEXT    NOT NULL,
    create_time INTEGER,
    first_seen  INTEGER NOT NULL,
    queued_at   INTEGER NOT NULL,
    attempts    INTEGER NOT NULL,
    next_at     INTEGER NOT NULL,
    last_error  TEXT,
    dead_at     INTEGER
);
CREATE INDEX IF NOT EXISTS spool_queue ON spool (service, dead_at, seq);
CREATE INDEX IF NOT EXISTS spool_age ON spool (dead_at, queued_at);
CREATE TABLE IF NOT EXISTS paused (
    service     TEXT    PRIMARY KEY,
    since       INTEGER NOT NULL
);
CREATE TABLE IF NOT EXISTS shadow (
    id            TEXT    PRIMARY KEY,
    service       TEXT    NOT NULL,
    route         TEXT    NOT NULL,
    body          TEXT    NOT NULL,
    request_id    TEXT    NOT NULL,
    open_id       TEXT    NOT NULL,
    create_time   INTEGER,
    first_seen    INTEGER NOT NULL,
    attempts      INTEGER NOT NULL,
    next_at       INTEGER NOT NULL,
    last_error    TEXT,
    failing_since INTEGER,
    history       TEXT    NOT NULL,
    epoch         TEXT    NOT NULL,
    saved_at      INTEGER NOT NULL
);
";

/// Columns added since the first schema, with their definitions: a spool written by an older
/// version gains them when opened.
const ADDED: &[(&str, &str)] = &[
    ("lane", "TEXT NOT NULL DEFAULT ''"),
    ("failing_since", "INTEGER"),
    ("history", "TEXT NOT NULL DEFAULT '[]'"),
    ("dead_reason", "TEXT"),
    ("replayed", "INTEGER NOT NULL DEFAULT 0"),
];

/// After [`ADDED`]: lanes of rows an older version wrote, and the lane index.
const LANES: &str = "
UPDATE spool SET lane = CASE open_id WHEN '' THEN id ELSE open_id END WHERE lane = '';
CREATE INDEX IF NOT EXISTS spool_lane ON spool (service, lane, dead_at, seq);
";

const COLUMNS: &str = "seq, id, service, route, body, request_id, open_id, create_time, \
                       first_seen, queued_at, attempts, next_at, last_error, dead_at, \
                       failing_since, history, dead_reason, replayed";

fn entry(row: &Row<'_>) -> rusqlite::Result<Entry> {
    Ok(Entry {
        seq: row.get(0)?,
        new: NewEntry {
            id: row.get(1)?,
            service: row.get(2)?,
            route: row.get(3)?,
            body: row.get(4)?,
            request_id: row.get(5)?,
            open_id: row.get(6)?,
            create_time: row.get(7)?,
            first_seen: row.get(8)?,
            attempts: row.get(10)?,
            next_at: row.get(11)?,
            last_error: row.get(12)?,
            failing_since: row.get(14)?,
            // A history that does not parse (edited by hand) is shown empty, not an error.
            history: serde_json::from_str(&row.get::<_, String>(15)?).unwrap_or_default(),
        },
        queued_at: row.get(9)?,
        dead_at: row.get(13)?,
        dead_reason: row.get(16)?,
        replayed: row.get::<_, i64>(17)? != 0,
    })
}

/// Adds the columns of [`ADDED`] that a spool written by an older version lacks.
fn migrate(conn: &Connection) -> rusqlite::Result<()> {
    let mut have = std::collections::HashSet::new();
    {
        let mut stmt = conn.prepare("PRAGMA table_info(spool)")?;
        let names = stmt.query_map([], |r| r.get::<_, String>(1))?;
        for n in names {
            have.insert(n?);
        }
    }
    for (name, def) in ADDED {
        if !have.contains(*name) {
            conn.execute_batch(&format!("ALTER TABLE spool ADD COLUMN {name} {def}"))?;
        }
    }
    // Only when the lane column is new: an open that writes would wait for `serve`'s
    // transaction (the CLI opens beside a running gateway).
    if !have.contains("lane") {
        conn.execute_batch(LANES)?;
    }
    Ok(())
}

/// `dir/spool.db`.
pub fn db_path(dir: &Path) -> PathBuf {
    dir.join(DB_FILE)
}

fn open_err(dir: &Path, message: impl std::fmt::Display) -> SpoolError {
    SpoolError::Open {
        dir: dir.display().to_string(),
        message: message.to_string(),
    }
}

impl Store {
    /// Opens the spool in `dir`, creating the directory (mode 0700: pushes hold users' messages)
    /// and the database when missing.
    pub fn open(dir: &Path) -> Result<Store, SpoolError> {
        if !dir.exists() {
            std::fs::create_dir_all(dir)
                .map_err(|e| open_err(dir, format!("cannot create: {e}")))?;
            set_private(dir);
        }
        check_owner(dir)?;
        let path = db_path(dir);
        if !path.exists() {
            // Created private, so no moment exists where another user could open it.
            use std::os::unix::fs::OpenOptionsExt;
            std::fs::OpenOptions::new()
                .write(true)
                .create_new(true)
                .mode(0o600)
                .open(&path)
                .map_err(|e| open_err(dir, format!("cannot create {DB_FILE}: {e}")))?;
        }
        Store::open_file(dir)
    }

    /// Opens an existing spool (the CLI): `None` when `dir` holds none yet.
    pub fn open_existing(dir: &Path) -> Result<Option<Store>, SpoolError> {
        if !db_path(dir).exists() {
            return Ok(None);
        }
        Store::open_file(dir).map(Some)
    }

    fn open_file(dir: &Path) -> Result<Store, SpoolError> {
        let path = db_path(dir);
        let conn = Connection::open(&path).map_err(|e| open_err(dir, e))?;
        set_private(&path);
        conn.busy_timeout(BUSY_TIMEOUT)?;
        // WAL: readers (the CLI) never block the writer; FULL: the WAL is fsync'd on commit.
        let mode: String = conn
            .query_row("PRAGMA journal_mode=WAL", [], |r| r.get(0))
            .map_err(|e| open_err(dir, e))?;
        if !mode.eq_ignore_ascii_case("wal") {
            return Err(open_err(dir, format!("journal mode {mode}, not wal")));
        }
        conn.execute_batch("PRAGMA synchronous=FULL;")?;
        conn.execute_batch(SCHEMA).map_err(|e| open_err(dir, e))?;
        migrate(&conn).map_err(|e| open_err(dir, e))?;
        let identity = file_identity(&path);
        Ok(Store {
            conn,
            path,
            identity,
        })
    }

    /// Whether the database file is still the one opened: a `spool.db` deleted or replaced
    /// under a running gateway would take writes that no restart finds.
    pub fn still_there(&self) -> bool {
        self.identity.is_some() && file_identity(&self.path) == self.identity
    }

    /// Takes a due push for one attempt: it is not due again before `lease_until` (when the
    /// attempt's result is recorded, or the process died). False when the push is gone (its
    /// live call delivered it meanwhile), dead, or not due.
    pub fn claim(&mut self, id: &str, now: i64, lease_until: i64) -> Result<bool, SpoolError> {
        Ok(self.conn.execute(
            "UPDATE spool SET next_at = ?3 WHERE id = ?1 AND dead_at IS NULL AND next_at <= ?2",
            params![id, now, lease_until],
        )? == 1)
    }

    /// The database file.
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// Spools pushes in one transaction (one fsync for all). A push whose id is already there
    /// is left as it is. Returns how many were new.
    pub fn insert(&mut self, entries: &[NewEntry], now: i64) -> Result<usize, SpoolError> {
        let tx = self.conn.transaction()?;
        let mut added = 0;
        for e in entries {
            added += insert_one(&tx, e, now)?;
        }
        tx.commit()?;
        Ok(added)
    }

    /// Applies inserts and settles in order, in one transaction (one fsync).
    pub fn write(&mut self, batch: &[Write], now: i64) -> Result<(), SpoolError> {
        let tx = self.conn.transaction()?;
        for w in batch {
            match w {
                Write::Insert(e) => {
                    insert_one(&tx, e, now)?;
                }
                Write::Settle(id, s) => settle_one(&tx, id, s, now)?,
            }
        }
        tx.commit()?;
        Ok(())
    }

    /// Records what became of an attempt. A row that is gone (dropped meanwhile) is no error.
    pub fn settle(&mut self, id: &str, settle: &Settle, now: i64) -> Result<(), SpoolError> {
        settle_one(&self.conn, id, settle, now)
    }

    /// The queued pushes of `service` due at `now` that head their lane (no older push of the
    /// same lane is waiting), oldest first: one per lane, so a lane is never reordered.
    pub fn due(&self, service: &str, now: i64, limit: usize) -> Result<Vec<Entry>, SpoolError> {
        let mut stmt = self.conn.prepare_cached(&format!(
            "SELECT {COLUMNS} FROM spool s WHERE service = ?1 AND dead_at IS NULL AND next_at <= ?2 \
             AND NOT EXISTS (SELECT 1 FROM spool p WHERE p.service = s.service AND p.lane = s.lane \
                             AND p.dead_at IS NULL AND p.seq < s.seq) \
             ORDER BY seq LIMIT ?3"
        ))?;
        let rows = stmt.query_map(params![service, now, limit as i64], entry)?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    /// The oldest waiting push of `service`, due or not (the breaker's probe).
    pub fn head(&self, service: &str) -> Result<Option<Entry>, SpoolError> {
        let mut stmt = self.conn.prepare_cached(&format!(
            "SELECT {COLUMNS} FROM spool WHERE service = ?1 AND dead_at IS NULL ORDER BY seq LIMIT 1"
        ))?;
        Ok(stmt.query_row(params![service], entry).optional()?)
    }

    /// The lanes of `service` with waiting pushes (a live push of such a lane waits behind
    /// them), at most `limit`.
    pub fn lanes(&self, service: &str, limit: usize) -> Result<Vec<String>, SpoolError> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT DISTINCT lane FROM spool WHERE service = ?1 AND dead_at IS NULL LIMIT ?2",
        )?;
        let rows = stmt.query_map(params![service, limit as i64], |r| r.get(0))?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    /// The paused services (`spool pause`).
    pub fn paused(&self) -> Result<Vec<String>, SpoolError> {
        let mut stmt = self
            .conn
            .prepare_cached("SELECT service FROM paused ORDER BY service")?;
        let rows = stmt.query_map([], |r| r.get(0))?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    /// Pauses (or resumes) the delivery of a service's pushes. Returns whether it changed.
    pub fn set_paused(
        &mut self,
        service: &str,
        paused: bool,
        now: i64,
    ) -> Result<bool, SpoolError> {
        let n = if paused {
            self.conn.execute(
                "INSERT OR IGNORE INTO paused (service, since) VALUES (?1, ?2)",
                params![service, now],
            )?
        } else {
            self.conn
                .execute("DELETE FROM paused WHERE service = ?1", params![service])?
        };
        Ok(n == 1)
    }

    /// A number that changes when another connection (the CLI) has changed the database.
    pub fn data_version(&self) -> Result<i64, SpoolError> {
        Ok(self
            .conn
            .query_row("PRAGMA data_version", [], |r| r.get(0))?)
    }

    /// When the next queued push of `service` is due, if any is queued.
    pub fn next_due(&self, service: &str) -> Result<Option<i64>, SpoolError> {
        Ok(self.conn.query_row(
            "SELECT MIN(next_at) FROM spool WHERE service = ?1 AND dead_at IS NULL",
            params![service],
            |r| r.get(0),
        )?)
    }

    /// Makes every queued push of `service` due now (the backend is back: what waited for it
    /// goes in arrival order, not in the order of each push's own backoff).
    pub fn pull_forward(&mut self, service: &str, now: i64) -> Result<usize, SpoolError> {
        Ok(self.conn.execute(
            "UPDATE spool SET next_at = ?2 WHERE service = ?1 AND dead_at IS NULL AND next_at > ?2",
            params![service, now],
        )?)
    }

    /// At start: nothing of a previous process is in flight any more, so every queued push is
    /// due now (leases of attempts cut by a crash included). Returns how many were waiting.
    pub fn release_all(&mut self, now: i64) -> Result<usize, SpoolError> {
        Ok(self.conn.execute(
            "UPDATE spool SET next_at = ?1 WHERE dead_at IS NULL AND next_at > ?1",
            params![now],
        )?)
    }

    /// Moves up to `limit` pushes queued more than `max_age` ago to the dead letters (oldest
    /// first), and returns them.
    pub fn expire(
        &mut self,
        now: i64,
        max_age: Duration,
        limit: usize,
    ) -> Result<Vec<Entry>, SpoolError> {
        let cutoff = now.saturating_sub(max_age.as_millis() as i64);
        let tx = self.conn.transaction()?;
        let expired = {
            let mut stmt = tx.prepare_cached(&format!(
                "SELECT {COLUMNS} FROM spool WHERE dead_at IS NULL AND queued_at < ?1 \
                 ORDER BY queued_at LIMIT ?2"
            ))?;
            let rows = stmt.query_map(params![cutoff, limit as i64], entry)?;
            rows.collect::<Result<Vec<_>, _>>()?
        };
        {
            let mut bury = tx.prepare_cached(
                "UPDATE spool SET dead_at = ?2, dead_reason = 'max-age', replayed = 0 WHERE id = ?1",
            )?;
            for e in &expired {
                bury.execute(params![e.new.id, now])?;
            }
        }
        tx.commit()?;
        Ok(expired)
    }

    /// The pushes `filter` selects, oldest first, at most `limit`.
    pub fn list(&self, filter: &Filter, now: i64, limit: usize) -> Result<Vec<Entry>, SpoolError> {
        let (clause, args) = where_clause(filter, now);
        let mut stmt = self.conn.prepare(&format!(
            "SELECT {COLUMNS} FROM spool WHERE {clause} ORDER BY seq LIMIT {limit}"
        ))?;
        let rows = stmt.query_map(rusqlite::params_from_iter(args), entry)?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    /// How many pushes `filter` selects (what `list` would show without a limit).
    pub fn count(&self, filter: &Filter, now: i64) -> Result<u64, SpoolError> {
        let (clause, args) = where_clause(filter, now);
        let n: i64 = self.conn.query_row(
            &format!("SELECT COUNT(*) FROM spool WHERE {clause}"),
            rusqlite::params_from_iter(args),
            |r| r.get(0),
        )?;
        Ok(n as u64)
    }

    /// The push whose id is `id`, or begins with it (at least [`MIN_ID_PREFIX`] characters).
    pub fn get(&self, id: &str) -> Result<Entry, SpoolError> {
        let id = id.trim();
        if let Some(e) = self
            .conn
            .query_row(
                &format!("SELECT {COLUMNS} FROM spool WHERE id = ?1"),
                params![id],
                entry,
            )
            .optional()?
        {
            return Ok(e);
        }
        if id.len() < MIN_ID_PREFIX || !id.bytes().all(|b| b.is_ascii_hexdigit()) {
            return Err(SpoolError::ShortId(id.chars().take(64).collect()));
        }
        let mut stmt = self.conn.prepare(&format!(
            "SELECT {COLUMNS} FROM spool WHERE substr(id, 1, ?2) = ?1 LIMIT 2"
        ))?;
        let found: Vec<Entry> = stmt
            .query_map(params![id, id.len() as i64], entry)?
            .collect::<Result<_, _>>()?;
        match found.len() {
            0 => Err(SpoolError::NotFound(id.to_owned())),
            1 => Ok(found.into_iter().next().expect("one")),
            n => Err(SpoolError::Ambiguous {
                prefix: id.to_owned(),
                count: n,
            }),
        }
    }

    /// Puts one push back in the queue, due now: a dead letter is requeued (its `max-age`
    /// starts again), a queued push skips its backoff. Returns the entry as it was.
    pub fn replay(&mut self, id: &str, now: i64) -> Result<Entry, SpoolError> {
        let e = self.get(id)?;
        self.conn.execute(
            "UPDATE spool SET dead_at = NULL, dead_reason = NULL, next_at = ?2, replayed = 1, \
             queued_at = CASE WHEN dead_at IS NULL THEN queued_at ELSE ?2 END WHERE id = ?1",
            params![e.new.id, now],
        )?;
        Ok(e)
    }

    /// Puts every push `filter` selects back in the queue, due now. Returns how many.
    pub fn replay_all(&mut self, filter: &Filter, now: i64) -> Result<usize, SpoolError> {
        let (clause, mut args) = where_clause(filter, now);
        let n = args.len();
        args.push(rusqlite::types::Value::Integer(now));
        Ok(self.conn.execute(
            &format!(
                "UPDATE spool SET dead_at = NULL, dead_reason = NULL, next_at = ?{p}, replayed = 1, \
                 queued_at = CASE WHEN dead_at IS NULL THEN queued_at ELSE ?{p} END WHERE {clause}",
                p = n + 1
            ),
            rusqlite::params_from_iter(args),
        )?)
    }

    /// Deletes one push. Returns it.
    pub fn drop_one(&mut self, id: &str) -> Result<Entry, SpoolError> {
        let e = self.get(id)?;
        self.conn
            .execute("DELETE FROM spool WHERE id = ?1", params![e.new.id])?;
        Ok(e)
    }

    /// Deletes every push `filter` selects. Returns how many.
    pub fn drop_all(&mut self, filter: &Filter, now: i64) -> Result<usize, SpoolError> {
        let (clause, args) = where_clause(filter, now);
        Ok(self.conn.execute(
            &format!("DELETE FROM spool WHERE {clause}"),
            rusqlite::params_from_iter(args),
        )?)
    }

    /// Depth, oldest age and dead count per service, by service name.
    pub fn stats(&self, now: i64) -> Result<Vec<ServiceStats>, SpoolError> {
        let mut stmt = self.conn.prepare(
            "SELECT service, \
                    SUM(CASE WHEN dead_at IS NULL THEN 1 ELSE 0 END), \
                    MIN(CASE WHEN dead_at IS NULL THEN first_seen END), \
                    SUM(CASE WHEN dead_at IS NULL THEN 0 ELSE 1 END), \
                    SUM(CASE WHEN dead_at IS NULL AND replayed != 0 THEN 1 ELSE 0 END), \
                    SUM(CASE WHEN dead_at IS NULL AND next_at < ?1 THEN 1 ELSE 0 END) \
             FROM spool GROUP BY service ORDER BY service",
        )?;
        let rows = stmt.query_map(params![now - OVERDUE_AFTER_MS], |r| {
            let oldest: Option<i64> = r.get(2)?;
            Ok(ServiceStats {
                service: r.get(0)?,
                depth: r.get::<_, i64>(1)? as u64,
                oldest_age_s: oldest.map(|t| (now.saturating_sub(t).max(0) / 1000) as u64),
                dead: r.get::<_, i64>(3)? as u64,
                replaying: r.get::<_, i64>(4)? as u64,
                overdue: r.get::<_, i64>(5)? as u64,
            })
        })?;
        Ok(rows.collect::<Result<_, _>>()?)
    }
}

/// A shadow copy: a push Redis took without confirming it on its disk (AOF off, a server
/// before 7.2), kept here apart from the queue (never due, never counted) until Redis is known
/// to have delivered or dropped it (then it goes) or to have lost it (then it joins the queue).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Shadow {
    pub new: NewEntry,
    /// The epoch of the service's keys in Redis when the push was written.
    pub epoch: String,
    pub saved_at: i64,
}

/// The shadow copies (Redis mode: see [`Shadow`]). A table of their own: the queue's queries
/// never see them.
impl Store {
    /// Keeps copies of pushes Redis holds (one transaction); an id already kept is left.
    pub fn save_shadows(
        &mut self,
        shadows: &[(NewEntry, String)],
        now: i64,
    ) -> Result<usize, SpoolError> {
        let tx = self.conn.transaction()?;
        let mut added = 0;
        {
            let mut stmt = tx.prepare_cached(
                "INSERT OR IGNORE INTO shadow (id, service, route, body, request_id, open_id, \
                 create_time, first_seen, attempts, next_at, last_error, failing_since, history, \
                 epoch, saved_at) \
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15)",
            )?;
            for (e, epoch) in shadows {
                added += stmt.execute(params![
                    e.id,
                    e.service,
                    e.route,
                    e.body,
                    e.request_id,
                    e.open_id,
                    e.create_time,
                    e.first_seen,
                    e.attempts,
                    e.next_at,
                    e.last_error,
                    e.failing_since,
                    history_json(&e.history),
                    epoch,
                    now,
                ])?;
            }
        }
        tx.commit()?;
        Ok(added)
    }

    /// The oldest shadow copies, at most `limit`.
    pub fn shadows(&self, limit: usize) -> Result<Vec<Shadow>, SpoolError> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT id, service, route, body, request_id, open_id, create_time, first_seen, \
             attempts, next_at, last_error, failing_since, history, epoch, saved_at \
             FROM shadow ORDER BY saved_at, id LIMIT ?1",
        )?;
        let rows = stmt.query_map(params![limit as i64], |r| {
            Ok(Shadow {
                new: NewEntry {
                    id: r.get(0)?,
                    service: r.get(1)?,
                    route: r.get(2)?,
                    body: r.get(3)?,
                    request_id: r.get(4)?,
                    open_id: r.get(5)?,
                    create_time: r.get(6)?,
                    first_seen: r.get(7)?,
                    attempts: r.get(8)?,
                    next_at: r.get(9)?,
                    last_error: r.get(10)?,
                    failing_since: r.get(11)?,
                    history: serde_json::from_str(&r.get::<_, String>(12)?).unwrap_or_default(),
                },
                epoch: r.get(13)?,
                saved_at: r.get(14)?,
            })
        })?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    /// Deletes shadow copies (Redis delivered or dropped their pushes). Returns how many.
    pub fn forget_shadows(&mut self, ids: &[String]) -> Result<usize, SpoolError> {
        let tx = self.conn.transaction()?;
        let mut n = 0;
        for id in ids {
            n += tx.execute("DELETE FROM shadow WHERE id = ?1", params![id])?;
        }
        tx.commit()?;
        Ok(n)
    }

    /// Moves shadow copies into the queue, due now (Redis lost their pushes): this spool
    /// delivers them. Returns how many joined the queue.
    pub fn promote_shadows(&mut self, ids: &[String], now: i64) -> Result<usize, SpoolError> {
        let found: Vec<Shadow> = self
            .shadows(usize::MAX >> 1)?
            .into_iter()
            .filter(|s| ids.contains(&s.new.id))
            .collect();
        let tx = self.conn.transaction()?;
        let mut n = 0;
        for s in found {
            let e = NewEntry {
                next_at: now,
                ..s.new
            };
            n += insert_one(&tx, &e, now)?;
            tx.execute("DELETE FROM shadow WHERE id = ?1", params![e.id])?;
        }
        tx.commit()?;
        Ok(n)
    }
}

/// One write of a batch ([`Store::write`]).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Write {
    Insert(NewEntry),
    Settle(String, Settle),
}

fn insert_one(conn: &Connection, e: &NewEntry, now: i64) -> Result<usize, SpoolError> {
    let mut stmt = conn.prepare_cached(
        "INSERT OR IGNORE INTO spool (id, service, route, body, request_id, open_id, \
         create_time, first_seen, queued_at, attempts, next_at, last_error, lane, \
         failing_since, history) \
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15)",
    )?;
    Ok(stmt.execute(params![
        e.id,
        e.service,
        e.route,
        e.body,
        e.request_id,
        e.open_id,
        e.create_time,
        e.first_seen,
        now,
        e.attempts,
        e.next_at,
        e.last_error,
        e.lane(),
        e.failing_since,
        history_json(&e.history),
    ])?)
}

fn history_json(history: &[Attempt]) -> String {
    serde_json::to_string(history).unwrap_or_else(|_| "[]".into())
}

/// Appends an attempt to a row's history (keeping the last [`HISTORY`]).
fn append_history(conn: &Connection, id: &str, attempt: &Attempt) -> Result<(), SpoolError> {
    let current: Option<String> = conn
        .query_row(
            "SELECT history FROM spool WHERE id = ?1",
            params![id],
            |r| r.get(0),
        )
        .optional()?;
    let Some(current) = current else {
        return Ok(());
    };
    let mut history: Vec<Attempt> = serde_json::from_str(&current).unwrap_or_default();
    push_history(&mut history, attempt.clone());
    conn.execute(
        "UPDATE spool SET history = ?2 WHERE id = ?1",
        params![id, history_json(&history)],
    )?;
    Ok(())
}

fn settle_one(conn: &Connection, id: &str, settle: &Settle, now: i64) -> Result<(), SpoolError> {
    match settle {
        Settle::Delivered => {
            conn.execute("DELETE FROM spool WHERE id = ?1", params![id])?;
        }
        Settle::Retry {
            attempts,
            next_at,
            error,
            attempt,
        } => {
            conn.execute(
                "UPDATE spool SET attempts = ?2, next_at = ?3, last_error = ?4, \
                 failing_since = COALESCE(failing_since, ?5) WHERE id = ?1 AND dead_at IS NULL",
                params![id, attempts, next_at, error, now],
            )?;
            if let Some(a) = attempt {
                append_history(conn, id, a)?;
            }
        }
        Settle::Dead {
            attempts,
            error,
            reason,
            attempt,
        } => {
            conn.execute(
                "UPDATE spool SET attempts = ?2, last_error = ?3, dead_at = ?4, dead_reason = ?5, \
                 replayed = 0 WHERE id = ?1",
                params![id, attempts, error, now, reason.as_str()],
            )?;
            if let Some(a) = attempt {
                append_history(conn, id, a)?;
            }
        }
        Settle::Defer { next_at } => {
            conn.execute(
                "UPDATE spool SET next_at = ?2 WHERE id = ?1 AND dead_at IS NULL",
                params![id, next_at],
            )?;
        }
    }
    Ok(())
}

/// The SQL condition and its arguments for a filter.
fn where_clause(filter: &Filter, now: i64) -> (String, Vec<rusqlite::types::Value>) {
    use rusqlite::types::Value as V;
    let mut clause = if filter.dead {
        "dead_at IS NOT NULL".to_owned()
    } else {
        "dead_at IS NULL".to_owned()
    };
    let mut args = Vec::new();
    if let Some(s) = &filter.service {
        args.push(V::Text(s.clone()));
        clause.push_str(&format!(" AND service = ?{}", args.len()));
    }
    if let Some(age) = filter.older_than {
        args.push(V::Integer(now.saturating_sub(age.as_millis() as i64)));
        clause.push_str(&format!(" AND first_seen < ?{}", args.len()));
    }
    if let Some(t) = filter.since {
        args.push(V::Integer(t));
        clause.push_str(&format!(" AND first_seen >= ?{}", args.len()));
    }
    if let Some(t) = filter.until {
        args.push(V::Integer(t));
        clause.push_str(&format!(" AND first_seen < ?{}", args.len()));
    }
    if let Some(k) = &filter.kind {
        args.push(V::Text(k.to_ascii_lowercase()));
        let n = args.len();
        clause.push_str(&format!(
            " AND (lower(route) = 'msg/' || ?{n} OR lower(route) = 'event/' || ?{n})"
        ));
    }
    (clause, args)
}

/// Owner-only permissions on the spool: it holds users' messages.
fn set_private(path: &Path) {
    use std::os::unix::fs::PermissionsExt;
    let mode = if path.is_dir() { 0o700 } else { 0o600 };
    let _ = std::fs::set_permissions(path, std::fs::Permissions::from_mode(mode));
}

#[cfg(test)]
mod tests {
    use super::*;

    fn new(id: &str, service: &str, first_seen: i64) -> NewEntry {
        NewEntry {
            id: id.to_owned(),
            service: service.to_owned(),
            route: "msg/text".to_owned(),
            body: r#"{"MsgType":"text"}"#.to_owned(),
            request_id: "r1".to_owned(),
            open_id: "o1".to_owned(),
            create_time: Some(first_seen / 1000),
            first_seen,
            attempts: 1,
            next_at: first_seen + 1000,
            last_error: Some("HTTP 502".to_owned()),
            ..NewEntry::default()
        }
    }

    fn store() -> (tempdir::Dir, Store) {
        let dir = tempdir::Dir::new();
        let s = Store::open(&dir.0.join("spool")).unwrap();
        (dir, s)
    }

    /// A directory removed when dropped (no tempfile dependency for one test module).
    mod tempdir {
        pub struct Dir(pub std::path::PathBuf);
        impl Dir {
            pub fn new() -> Dir {
                let p = std::env::temp_dir().join(format!(
                    "wxg-spool-{}-{}",
                    std::process::id(),
                    crate::random::alphanumeric(8)
                ));
                std::fs::create_dir_all(&p).unwrap();
                Dir(p)
            }
        }
        impl Drop for Dir {
            fn drop(&mut self) {
                let _ = std::fs::remove_dir_all(&self.0);
            }
        }
    }

    #[test]
    fn a_push_is_spooled_once_and_comes_due_in_arrival_order() {
        let (_d, mut s) = store();
        let a = new("aaaaaaaa01", "svc", 1_000);
        let mut b = new("bbbbbbbb02", "svc", 2_000);
        b.open_id = "o2".into();
        assert_eq!(s.insert(&[b.clone(), a.clone()], 5_000).unwrap(), 2);
        // The same id again: ignored.
        assert_eq!(s.insert(std::slice::from_ref(&a), 6_000).unwrap(), 0);
        assert!(s.due("svc", 1_500, 10).unwrap().is_empty());
        let due = s.due("svc", 10_000, 10).unwrap();
        let ids: Vec<_> = due.iter().map(|e| e.new.id.as_str()).collect();
        assert_eq!(ids, ["bbbbbbbb02", "aaaaaaaa01"], "arrival (insert) order");
        assert!(s.due("other", 10_000, 10).unwrap().is_empty());
        assert_eq!(s.next_due("svc").unwrap(), Some(2_000));
    }

    #[test]
    fn a_lane_is_never_reordered_and_never_blocks_another() {
        let (_d, mut s) = store();
        let mut other = new("cccccccc03", "svc", 0);
        other.open_id = "o2".into();
        let mut lone = new("dddddddd04", "svc", 0);
        lone.open_id = String::new();
        s.insert(
            &[
                new("aaaaaaaa01", "svc", 0),
                new("bbbbbbbb02", "svc", 0),
                other,
                lone,
            ],
            0,
        )
        .unwrap();
        let ids = |s: &Store, now| -> Vec<String> {
            s.due("svc", now, 10)
                .unwrap()
                .into_iter()
                .map(|e| e.new.id)
                .collect()
        };
        assert_eq!(ids(&s, 5_000), ["aaaaaaaa01", "cccccccc03", "dddddddd04"]);
        // The head of o1 backs off: the push behind it waits, other lanes flow.
        s.settle(
            "aaaaaaaa01",
            &Settle::Retry {
                attempts: 2,
                next_at: 60_000,
                error: "HTTP 502".into(),
                attempt: Some(Attempt {
                    at: 5_000,
                    trigger: "retry".into(),
                    result: "http_5xx".into(),
                    status: Some(502),
                    ..Attempt::default()
                }),
            },
            5_000,
        )
        .unwrap();
        assert_eq!(ids(&s, 6_000), ["cccccccc03", "dddddddd04"]);
        assert_eq!(s.head("svc").unwrap().unwrap().new.id, "aaaaaaaa01");
        let a = s.get("aaaaaaaa01").unwrap();
        assert_eq!(a.new.failing_since, Some(5_000));
        assert_eq!(a.new.history.len(), 1);
        assert_eq!(s.lanes("svc", 10).unwrap().len(), 3);
        // Dead, the head no longer blocks its lane.
        s.settle(
            "aaaaaaaa01",
            &Settle::Dead {
                attempts: 10,
                error: "HTTP 500".into(),
                reason: DeadReason::Poison,
                attempt: None,
            },
            7_000,
        )
        .unwrap();
        assert_eq!(ids(&s, 8_000), ["bbbbbbbb02", "cccccccc03", "dddddddd04"]);
        assert_eq!(
            s.get("aaaaaaaa01").unwrap().dead_reason.as_deref(),
            Some("poison")
        );
    }

    #[test]
    fn histories_keep_the_last_ten_attempts() {
        let (_d, mut s) = store();
        s.insert(&[new("abababab", "svc", 0)], 0).unwrap();
        for i in 0..15 {
            s.settle(
                "abababab",
                &Settle::Retry {
                    attempts: i + 2,
                    next_at: 0,
                    error: "timeout".into(),
                    attempt: Some(Attempt {
                        at: i64::from(i),
                        ..Attempt::default()
                    }),
                },
                0,
            )
            .unwrap();
        }
        let h = s.get("abababab").unwrap().new.history;
        assert_eq!(h.len(), HISTORY);
        assert_eq!((h[0].at, h[9].at), (5, 14));
    }

    #[test]
    fn pauses_are_kept_until_resumed() {
        let (d, mut s) = store();
        assert!(s.set_paused("svc", true, 1).unwrap());
        assert!(!s.set_paused("svc", true, 2).unwrap(), "already paused");
        drop(s);
        let mut s = Store::open(&d.0.join("spool")).unwrap();
        assert_eq!(s.paused().unwrap(), ["svc"]);
        assert!(s.set_paused("svc", false, 3).unwrap());
        assert!(s.paused().unwrap().is_empty());
    }

    #[test]
    fn settle_deletes_reschedules_or_buries() {
        let (_d, mut s) = store();
        s.insert(&[new("a1a1a1a1", "svc", 0), new("b2b2b2b2", "svc", 0)], 0)
            .unwrap();
        s.settle("a1a1a1a1", &Settle::Delivered, 10).unwrap();
        s.settle(
            "b2b2b2b2",
            &Settle::Retry {
                attempts: 2,
                next_at: 9_000,
                error: "timeout".into(),
                attempt: None,
            },
            10,
        )
        .unwrap();
        let b = s.get("b2b2b2b2").unwrap();
        assert_eq!((b.new.attempts, b.new.next_at), (2, 9_000));
        assert!(matches!(s.get("a1a1a1a1"), Err(SpoolError::NotFound(_))));
        s.settle(
            "b2b2b2b2",
            &Settle::Dead {
                attempts: 3,
                error: "HTTP 400".into(),
                reason: DeadReason::Refused,
                attempt: None,
            },
            20,
        )
        .unwrap();
        assert_eq!(s.get("b2b2b2b2").unwrap().dead_at, Some(20));
        // Settling a row that is gone is no error.
        s.settle("a1a1a1a1", &Settle::Delivered, 30).unwrap();
    }

    #[test]
    fn expiry_moves_to_dead_letters_and_replay_requeues_with_a_new_age() {
        let (_d, mut s) = store();
        s.insert(&[new("c3c3c3c3", "svc", 0)], 0).unwrap();
        s.insert(&[new("d4d4d4d4", "svc", 0)], 50_000).unwrap();
        let expired = s.expire(61_000, Duration::from_secs(60), 100).unwrap();
        assert_eq!(expired.len(), 1);
        assert_eq!(expired[0].new.id, "c3c3c3c3");
        assert!(s.get("c3c3c3c3").unwrap().dead_at.is_some());
        let dead = Filter {
            dead: true,
            ..Filter::default()
        };
        assert_eq!(s.list(&dead, 61_000, 10).unwrap().len(), 1);
        // Dead letters are not due.
        assert_eq!(s.due("svc", 100_000, 10).unwrap().len(), 1);
        s.replay("c3c3c3c3", 70_000).unwrap();
        let c = s.get("c3c3c3c3").unwrap();
        assert_eq!(
            (c.dead_at, c.queued_at, c.new.next_at),
            (None, 70_000, 70_000)
        );
        // Not expired again at once.
        assert!(
            s.expire(71_000, Duration::from_secs(60), 100)
                .unwrap()
                .iter()
                .all(|e| e.new.id != "c3c3c3c3")
        );
    }

    #[test]
    fn ids_are_found_by_a_unique_prefix_only() {
        let (_d, mut s) = store();
        s.insert(
            &[new("abcdef0001", "svc", 0), new("abcdef0002", "svc", 0)],
            0,
        )
        .unwrap();
        assert_eq!(s.get("abcdef0001").unwrap().new.id, "abcdef0001");
        assert!(matches!(
            s.get("abcdef"),
            Err(SpoolError::Ambiguous { count: 2, .. })
        ));
        assert!(matches!(s.get("abc"), Err(SpoolError::ShortId(_))));
        // LIKE-style wildcards are not patterns here.
        assert!(matches!(s.get("abcde%"), Err(SpoolError::ShortId(_))));
        assert!(matches!(s.get("ffffff"), Err(SpoolError::NotFound(_))));
    }

    #[test]
    fn bulk_commands_follow_the_filter() {
        let (_d, mut s) = store();
        s.insert(
            &[
                new("e5e5e5e5", "a", 0),
                new("f6f6f6f6", "b", 0),
                new("a7a7a7a7", "b", 90_000),
            ],
            0,
        )
        .unwrap();
        s.expire(200_000, Duration::from_secs(60), 100).unwrap();
        let stats = s.stats(200_000).unwrap();
        assert_eq!(stats.len(), 2);
        assert_eq!((stats[1].depth, stats[1].dead), (0, 2));
        let old_dead_b = Filter {
            service: Some("b".into()),
            dead: true,
            older_than: Some(Duration::from_secs(150)),
            ..Filter::default()
        };
        assert_eq!(s.count(&old_dead_b, 200_000).unwrap(), 1);
        assert_eq!(s.count(&Filter::default(), 200_000).unwrap(), 0);
        assert_eq!(s.drop_all(&old_dead_b, 200_000).unwrap(), 1);
        let dead = Filter {
            dead: true,
            ..Filter::default()
        };
        assert_eq!(s.count(&dead, 200_000).unwrap(), 2);
        assert_eq!(s.replay_all(&dead, 300_000).unwrap(), 2);
        let stats = s.stats(300_000).unwrap();
        assert_eq!(
            stats.iter().map(|s| (s.depth, s.dead)).collect::<Vec<_>>(),
            [(1, 0), (1, 0)]
        );
        assert_eq!(stats[0].oldest_age_s, Some(300));
        assert_eq!(s.pull_forward("a", 300_000).unwrap(), 0);
    }

    #[test]
    fn a_push_is_claimed_once_and_not_after_it_was_delivered() {
        let (_d, mut s) = store();
        s.insert(&[new("c1c1c1c1", "svc", 0)], 0).unwrap();
        assert!(!s.claim("c1c1c1c1", 500, 60_000).unwrap(), "not due yet");
        assert!(s.claim("c1c1c1c1", 2_000, 60_000).unwrap());
        assert!(!s.claim("c1c1c1c1", 2_000, 60_000).unwrap(), "leased");
        s.settle("c1c1c1c1", &Settle::Delivered, 3_000).unwrap();
        assert!(!s.claim("c1c1c1c1", 90_000, 120_000).unwrap(), "gone");
    }

    #[test]
    fn expiry_goes_in_batches() {
        let (_d, mut s) = store();
        let many: Vec<NewEntry> = (0..5)
            .map(|i| new(&format!("e{i}e{i}e{i}e{i}"), "svc", 0))
            .collect();
        s.insert(&many, 0).unwrap();
        assert_eq!(
            s.expire(100_000, Duration::from_secs(1), 2).unwrap().len(),
            2
        );
        assert_eq!(
            s.expire(100_000, Duration::from_secs(1), 2).unwrap().len(),
            2
        );
        assert_eq!(
            s.expire(100_000, Duration::from_secs(1), 2).unwrap().len(),
            1
        );
        assert_eq!(
            s.list(
                &Filter {
                    dead: true,
                    ..Filter::default()
                },
                0,
                10
            )
            .unwrap()
            .len(),
            5
        );
    }

    #[test]
    fn a_spool_others_can_write_is_refused_and_a_replaced_file_is_noticed() {
        use std::os::unix::fs::PermissionsExt;
        let d = tempdir::Dir::new();
        let dir = d.0.join("open");
        std::fs::create_dir_all(&dir).unwrap();
        std::fs::set_permissions(&dir, std::fs::Permissions::from_mode(0o777)).unwrap();
        let err = Store::open(&dir).err().expect("refused").to_string();
        assert!(err.contains("writable by group or others"), "{err}");
        std::fs::set_permissions(&dir, std::fs::Permissions::from_mode(0o700)).unwrap();
        let s = Store::open(&dir).unwrap();
        assert!(s.still_there());
        std::fs::remove_file(s.path()).unwrap();
        assert!(!s.still_there());
    }

    #[test]
    fn shadow_copies_are_not_queued_until_promoted() {
        let (_d, mut s) = store();
        let mut a = new("5a5a5a5a", "svc", 0);
        a.history = vec![Attempt {
            at: 7,
            ..Attempt::default()
        }];
        let b = new("5b5b5b5b", "svc", 0);
        let saved = [(a.clone(), "ep1".to_owned()), (b.clone(), "ep1".to_owned())];
        assert_eq!(s.save_shadows(&saved, 100).unwrap(), 2);
        assert_eq!(s.save_shadows(&saved[..1], 200).unwrap(), 0, "kept once");
        // Not queued: not due, not counted, not listed.
        assert!(s.due("svc", 1_000_000, 10).unwrap().is_empty());
        assert!(s.stats(1_000_000).unwrap().is_empty());
        assert_eq!(s.count(&Filter::default(), 0).unwrap(), 0);
        let kept = s.shadows(10).unwrap();
        assert_eq!(kept.len(), 2);
        assert_eq!(
            (&kept[0].new, kept[0].epoch.as_str(), kept[0].saved_at),
            (&a, "ep1", 100)
        );
        // Delivered elsewhere: forgotten; lost in Redis: queued here, due now.
        assert_eq!(s.forget_shadows(&["5b5b5b5b".into()]).unwrap(), 1);
        assert_eq!(s.promote_shadows(&["5a5a5a5a".into()], 500).unwrap(), 1);
        assert!(s.shadows(10).unwrap().is_empty());
        let due = s.due("svc", 500, 10).unwrap();
        assert_eq!(due.len(), 1);
        assert_eq!(due[0].new.history, a.history);
        assert_eq!(due[0].queued_at, 500);
    }

    #[test]
    fn the_database_is_private_to_its_owner() {
        use std::os::unix::fs::PermissionsExt;
        let (d, s) = store();
        let mode = |p: &Path| std::fs::metadata(p).unwrap().permissions().mode() & 0o777;
        assert_eq!(mode(&d.0.join("spool")), 0o700);
        assert_eq!(mode(s.path()), 0o600);
    }
}
