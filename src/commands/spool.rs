//! `wx-gateway spool …`: the spool seen and changed from the command line (list, show, replay,
//! drop, stats). It only changes rows, never delivers: `serve` re-reads the queue every second.
//! It takes no lock (`serve.lock` is serve's): SQLite's WAL lets both work on the database at
//! once, and a write waits for the other's (the store's busy timeout). With `redis` in the
//! config (and no `--dir`) it works on the shared spool in Redis instead, as `serve` does.

use std::borrow::Cow;
use std::path::{Path, PathBuf};
use std::time::Duration;

use anyhow::anyhow;
use serde_json::{Value, json};

use super::{Failure, Problem};
use crate::cli::{SpoolAction, SpoolArgs};
use crate::state::redis::Redis;
use crate::state::redis_spool::RedisSpool;
use crate::state::spool::{Entry, Filter, SpoolError, Store};
use crate::ui::Ui;
use crate::{clock, config, outln, untrusted};

/// The longest `--older-than`: a hundred years (the spool's times are i64 milliseconds).
const MAX_AGE_SECS: u64 = 100 * 365 * 86_400;

pub fn run(args: SpoolArgs) -> Result<(), Failure> {
    // The command line first: a refused `drop` needs no config.
    let older_than = match &args.action {
        SpoolAction::Drop {
            id: None,
            dead: false,
            ..
        } => {
            return Err(Failure::Usage(anyhow!(
                "drop needs an ID, or --dead for the dead letters: the queue is never dropped in bulk (hint: a queued push is dropped by its id; `spool list` shows them)"
            )));
        }
        SpoolAction::Replay {
            id: None,
            all: false,
            ..
        } => {
            return Err(Failure::Usage(anyhow!(
                "replay needs an ID, or --all (with --dead for the dead letters)"
            )));
        }
        SpoolAction::Drop {
            older_than: Some(text),
            ..
        } => Some(
            parse_age(text).map_err(|e| Failure::Usage(anyhow!("--older-than {text:?}: {e}")))?,
        ),
        _ => None,
    };
    let (store, dir) = match open_redis(&args)? {
        Some(queue) => (Some(queue), PathBuf::from("redis")),
        None => {
            let dir = spool_dir(&args)?;
            let store = Store::open_existing(&dir).map_err(|e| failure(e, &dir))?;
            (store.map(Queue::Sqlite), dir)
        }
    };
    let spool = Spool {
        store,
        dir,
        json: args.output.json,
        ui: Ui::new(args.output.color),
        now: clock::unix_millis(),
    };
    match args.action {
        SpoolAction::List {
            service,
            dead,
            limit,
        } => spool.list(
            &Filter {
                service,
                dead,
                ..Filter::default()
            },
            limit as usize,
        ),
        SpoolAction::Show { id } => spool.show(&id),
        SpoolAction::Replay { id: Some(id), .. } => spool.replay_one(&id),
        SpoolAction::Replay { dead, service, .. } => spool.replay_all(Filter {
            service,
            dead,
            ..Filter::default()
        }),
        SpoolAction::Drop { id: Some(id), .. } => spool.drop_one(&id),
        SpoolAction::Drop { service, .. } => spool.drop_dead(Filter {
            service,
            dead: true,
            older_than,
            ..Filter::default()
        }),
        SpoolAction::Stats => spool.stats(),
    }
}

/// The spool on the config's `redis` (without `--dir`, which names an embedded spool).
fn open_redis(args: &SpoolArgs) -> Result<Option<Queue>, Failure> {
    let (None, Some(path)) = (&args.dir, &args.config) else {
        return Ok(None);
    };
    let loaded = config::load(Some(path)).map_err(|e| Failure::Usage(e.into()))?;
    let Some(redis) = &loaded.config.redis else {
        return Ok(None);
    };
    let max_age = loaded
        .config
        .spool
        .as_ref()
        .map_or(config::DEFAULT_SPOOL_MAX_AGE, |s| s.max_age);
    let failed = |e: anyhow::Error| Failure::Failed(Problem::new("failed", e.to_string()).into());
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .map_err(|e| failed(e.into()))?;
    let shared = Redis::start(redis.url.expose(), &redis.prefix).map_err(failed)?;
    Ok(Some(Queue::Redis(
        runtime,
        RedisSpool::new(shared, max_age),
    )))
}

/// The spool the command works on: the embedded one (`spool.db`) or the shared one (Redis).
enum Queue {
    Sqlite(Store),
    Redis(tokio::runtime::Runtime, RedisSpool),
}

impl Queue {
    fn list(&self, filter: &Filter, now: i64, limit: usize) -> Result<Vec<Entry>, SpoolError> {
        match self {
            Queue::Sqlite(s) => s.list(filter, now, limit),
            Queue::Redis(rt, r) => rt.block_on(r.list(filter, now, limit)),
        }
    }
    fn count(&self, filter: &Filter, now: i64) -> Result<u64, SpoolError> {
        match self {
            Queue::Sqlite(s) => s.count(filter, now),
            Queue::Redis(rt, r) => rt.block_on(r.count(filter, now)),
        }
    }
    fn get(&self, id: &str) -> Result<Entry, SpoolError> {
        match self {
            Queue::Sqlite(s) => s.get(id),
            Queue::Redis(rt, r) => rt.block_on(r.get(id)),
        }
    }
    fn replay(&mut self, id: &str, now: i64) -> Result<Entry, SpoolError> {
        match self {
            Queue::Sqlite(s) => s.replay(id, now),
            Queue::Redis(rt, r) => rt.block_on(r.replay(id, now)),
        }
    }
    fn replay_all(&mut self, filter: &Filter, now: i64) -> Result<usize, SpoolError> {
        match self {
            Queue::Sqlite(s) => s.replay_all(filter, now),
            Queue::Redis(rt, r) => rt.block_on(r.replay_all(filter, now)),
        }
    }
    fn drop_one(&mut self, id: &str) -> Result<Entry, SpoolError> {
        match self {
            Queue::Sqlite(s) => s.drop_one(id),
            Queue::Redis(rt, r) => rt.block_on(r.drop_one(id)),
        }
    }
    fn drop_all(&mut self, filter: &Filter, now: i64) -> Result<usize, SpoolError> {
        match self {
            Queue::Sqlite(s) => s.drop_all(filter, now),
            Queue::Redis(rt, r) => rt.block_on(r.drop_all(filter, now)),
        }
    }
    fn stats(&self, now: i64) -> Result<Vec<crate::state::spool::ServiceStats>, SpoolError> {
        match self {
            Queue::Sqlite(s) => s.stats(now),
            Queue::Redis(rt, r) => rt.block_on(crate::state::Spool::stats(r)),
        }
    }
}

/// `--dir`, else the config's `spool.dir`.
fn spool_dir(args: &SpoolArgs) -> Result<PathBuf, Failure> {
    if let Some(dir) = &args.dir {
        return Ok(dir.clone());
    }
    let path = args.config.as_ref().ok_or_else(|| {
        Failure::Usage(anyhow!(
            "no spool: give --dir DIR, or --config FILE (or CONF_FILE) with a spool.dir"
        ))
    })?;
    let loaded = config::load(Some(path)).map_err(|e| Failure::Usage(e.into()))?;
    match loaded.config.spool {
        Some(s) => Ok(s.dir),
        None => Err(Failure::Usage(anyhow!(
            "config {} has no spool (its `spool` key, with spool.dir): serve keeps no pushes for redelivery (hint: give --dir DIR for a spool elsewhere)",
            loaded.origin
        ))),
    }
}

/// A spool error as the command's failure: not found and ambiguous are failures (1), an id too
/// short to look up is a usage error (2).
fn failure(e: SpoolError, dir: &Path) -> Failure {
    let message = e.to_string();
    match &e {
        SpoolError::NotFound(_) => Failure::Failed(
            Problem::new("not-found", message)
                .hint("`wx-gateway spool list` shows the queue's ids, `list --dead` the dead letters'")
                .into(),
        ),
        SpoolError::Ambiguous { .. } => Failure::Failed(Problem::new("ambiguous", message).into()),
        SpoolError::ShortId(_) => Failure::Usage(Problem::new("usage", message).into()),
        SpoolError::Db(rusqlite::Error::SqliteFailure(f, _))
            if f.code == rusqlite::ErrorCode::DatabaseBusy =>
        {
            Failure::Failed(
                Problem::new("busy", message)
                    .hint("another process (serve, another spool command) held a write lock for 5 s; try again")
                    .into(),
            )
        }
        SpoolError::Open { .. } if !owned_by_me(&crate::state::spool::db_path(dir)) => {
            Failure::Failed(
                Problem::new("failed", message)
                    .hint("spool.db is private to the user that serve runs as: run this as that user")
                    .into(),
            )
        }
        _ => Failure::Failed(Problem::new("failed", message).into()),
    }
}

/// Whether `path` is missing or belongs to this process's user.
fn owned_by_me(path: &Path) -> bool {
    use std::os::unix::fs::MetadataExt;
    std::fs::metadata(path)
        .map(|m| m.uid() == rustix::process::getuid().as_raw())
        .unwrap_or(true)
}

/// An open (or absent) spool and how to print.
struct Spool {
    /// `None`: no spool.db in `dir` yet.
    store: Option<Queue>,
    dir: PathBuf,
    json: bool,
    ui: Ui,
    now: i64,
}

impl Spool {
    /// The note for a spool directory without a database, on stderr (stdout stays the result).
    fn note_missing(&self) {
        eprintln!(
            "wx-gateway: note: no spool in {} yet (serve creates spool.db there when it starts with this spool configured{}): it is empty",
            self.dir.display(),
            if self.dir.is_relative() {
                "; a relative spool.dir is relative to the working directory"
            } else {
                ""
            }
        );
    }

    /// The store, for a command on one push: none is a push not found.
    fn store_for(&mut self, id: &str) -> Result<&mut Queue, Failure> {
        let dir = self.dir.display().to_string();
        self.store.as_mut().ok_or_else(|| {
            Failure::Failed(
                Problem::new(
                    "not-found",
                    SpoolError::NotFound(untrusted::excerpt(id)).to_string(),
                )
                .hint(format!("there is no spool in {dir} yet"))
                .into(),
            )
        })
    }

    fn list(self, filter: &Filter, limit: usize) -> Result<(), Failure> {
        let (entries, total) = match &self.store {
            Some(s) => (
                s.list(filter, self.now, limit)
                    .map_err(|e| failure(e, &self.dir))?,
                s.count(filter, self.now)
                    .map_err(|e| failure(e, &self.dir))?,
            ),
            None => {
                self.note_missing();
                (Vec::new(), 0)
            }
        };
        // Two reads: serve may have changed the spool in between.
        let total = total.max(entries.len() as u64);
        let truncated = total > entries.len() as u64;
        if self.json {
            let entries: Vec<Value> = entries.iter().map(|e| self.entry_json(e, false)).collect();
            outln!(
                "{}",
                json!({"ok": true, "dead": filter.dead, "service": filter.service, "total": total,
                       "limit": limit, "truncated": truncated, "entries": entries})
            );
            return Ok(());
        }
        let what = plural(
            total,
            if filter.dead {
                "dead letter"
            } else {
                "queued push"
            },
        );
        let of = match &filter.service {
            Some(s) => format!(" of service {}", untrusted::clean(s)),
            None => String::new(),
        };
        if !entries.is_empty() {
            self.table(&entries, filter.dead);
        }
        if truncated {
            eprintln!(
                "wx-gateway: note: the oldest {} of {what}{of} shown (--limit N for more)",
                entries.len()
            );
        } else if entries.is_empty() && self.store.is_some() {
            eprintln!("wx-gateway: note: no {}{of}", plural_word(filter.dead));
        }
        Ok(())
    }

    /// One line per push, columns padded.
    fn table(&self, entries: &[Entry], dead: bool) {
        let header = [
            "ID",
            "SERVICE",
            "ROUTE",
            "ATTEMPTS",
            "AGE",
            if dead { "DEAD SINCE" } else { "NEXT" },
            "LAST ERROR",
        ];
        let rows: Vec<[String; 7]> = entries
            .iter()
            .map(|e| {
                [
                    untrusted::clean(&e.new.id).into_owned(),
                    untrusted::clean(&e.new.service).into_owned(),
                    untrusted::clean(&e.new.route).into_owned(),
                    e.new.attempts.to_string(),
                    span(self.now - e.new.first_seen),
                    match e.dead_at {
                        Some(t) => format!("{} ago", span(self.now - t)),
                        None => self.next(e.new.next_at),
                    },
                    e.new
                        .last_error
                        .as_deref()
                        .map_or("-".into(), |s| untrusted::clean(s).into_owned()),
                ]
            })
            .collect();
        let mut width = header.map(|h| h.chars().count());
        for row in &rows {
            for (w, cell) in width.iter_mut().zip(row) {
                *w = (*w).max(cell.chars().count());
            }
        }
        let line = |cells: [&str; 7]| {
            let mut out = String::new();
            for (i, (cell, w)) in cells.iter().zip(width).enumerate() {
                if i == cells.len() - 1 {
                    out.push_str(cell);
                } else {
                    let pad = w.saturating_sub(cell.chars().count());
                    // Numbers right-aligned, text left.
                    if i == 3 {
                        out.push_str(&" ".repeat(pad));
                        out.push_str(cell);
                    } else {
                        out.push_str(cell);
                        out.push_str(&" ".repeat(pad));
                    }
                    out.push_str("  ");
                }
            }
            out
        };
        outln!("{}", self.ui.dim(&line(header)));
        for row in &rows {
            outln!("{}", line(row.each_ref().map(String::as_str)));
        }
    }

    /// When a queued push is next tried.
    fn next(&self, next_at: i64) -> String {
        if next_at <= self.now {
            "due now".to_owned()
        } else {
            format!("in {}", span(next_at - self.now))
        }
    }

    fn show(mut self, id: &str) -> Result<(), Failure> {
        let dir = self.dir.clone();
        let e = self.store_for(id)?.get(id).map_err(|e| failure(e, &dir))?;
        if self.json {
            outln!(
                "{}",
                json!({"ok": true, "entry": self.entry_json(&e, true)})
            );
            return Ok(());
        }
        let ui = self.ui;
        let text = |s: &str| untrusted::clean(s).into_owned();
        let when = |t: i64| format!("{} ({} ago)", utc(t), span(self.now - t));
        outln!("{}", ui.field("id", &ui.bold(&text(&e.new.id))));
        outln!("{}", ui.field("service", &text(&e.new.service)));
        outln!("{}", ui.field("route", &text(&e.new.route)));
        let state = match e.dead_at {
            Some(t) => format!("{} since {}", ui.warn("dead letter"), when(t)),
            None => format!("queued, next attempt {}", self.next(e.new.next_at)),
        };
        outln!("{}", ui.field("state", &state));
        outln!("{}", ui.field("attempts", &e.new.attempts.to_string()));
        outln!("{}", ui.field("first seen", &when(e.new.first_seen)));
        outln!("{}", ui.field("queued", &when(e.queued_at)));
        if let Some(t) = e.new.create_time {
            outln!(
                "{}",
                ui.field(
                    "created",
                    &format!("{} (CreateTime {t})", utc(t.saturating_mul(1000)))
                )
            );
        }
        outln!("{}", ui.field("request id", &text(&e.new.request_id)));
        outln!("{}", ui.field("open id", &text(&e.new.open_id)));
        let error = e.new.last_error.as_deref().map_or("-".into(), text);
        outln!("{}", ui.field("last error", &error));
        outln!("{}", ui.field("body", "").trim_end());
        let body = match serde_json::from_str::<Value>(&e.new.body) {
            Ok(v) => serde_json::to_string_pretty(&v).unwrap_or_default(),
            Err(_) => e.new.body.clone(),
        };
        outln!("{}", printable(&body));
        Ok(())
    }

    fn replay_one(mut self, id: &str) -> Result<(), Failure> {
        let (dir, now) = (self.dir.clone(), self.now);
        let e = self
            .store_for(id)?
            .replay(id, now)
            .map_err(|e| failure(e, &dir))?;
        let dead = e.dead_at.is_some();
        if self.json {
            outln!(
                "{}",
                json!({"ok": true, "replayed": 1, "id": e.new.id, "service": e.new.service, "dead": dead})
            );
        } else if dead {
            outln!(
                "requeued dead letter {} of service {} ({}): due now",
                untrusted::clean(&e.new.id),
                untrusted::clean(&e.new.service),
                untrusted::clean(&e.new.route)
            );
        } else {
            outln!(
                "queued push {} of service {} ({}) is due now",
                untrusted::clean(&e.new.id),
                untrusted::clean(&e.new.service),
                untrusted::clean(&e.new.route)
            );
        }
        Ok(())
    }

    fn replay_all(mut self, filter: Filter) -> Result<(), Failure> {
        let n = match self.store.as_mut() {
            Some(s) => s
                .replay_all(&filter, self.now)
                .map_err(|e| failure(e, &self.dir))?,
            None => {
                self.note_missing();
                0
            }
        } as u64;
        if self.json {
            outln!(
                "{}",
                json!({"ok": true, "replayed": n, "id": null, "service": filter.service, "dead": filter.dead})
            );
            return Ok(());
        }
        let of = of_service(filter.service.as_deref());
        match (n, filter.dead) {
            (0, _) => outln!("no {}{of}: nothing changed", plural_word(filter.dead)),
            (n, true) => outln!("requeued {}{of}: due now", plural(n, "dead letter")),
            (n, false) => outln!("{}{of} due now", plural(n, "queued push")),
        }
        Ok(())
    }

    fn drop_one(mut self, id: &str) -> Result<(), Failure> {
        let dir = self.dir.clone();
        let e = self
            .store_for(id)?
            .drop_one(id)
            .map_err(|e| failure(e, &dir))?;
        let dead = e.dead_at.is_some();
        if self.json {
            outln!(
                "{}",
                json!({"ok": true, "dropped": 1, "id": e.new.id, "service": e.new.service,
                       "dead": dead, "older_than_s": null})
            );
        } else {
            outln!(
                "dropped {} {} of service {} ({})",
                if dead { "dead letter" } else { "queued push" },
                untrusted::clean(&e.new.id),
                untrusted::clean(&e.new.service),
                untrusted::clean(&e.new.route)
            );
        }
        Ok(())
    }

    fn drop_dead(mut self, filter: Filter) -> Result<(), Failure> {
        let n = match self.store.as_mut() {
            Some(s) => s
                .drop_all(&filter, self.now)
                .map_err(|e| failure(e, &self.dir))?,
            None => {
                self.note_missing();
                0
            }
        } as u64;
        let older = filter.older_than.map(|d| d.as_secs());
        if self.json {
            outln!(
                "{}",
                json!({"ok": true, "dropped": n, "id": null, "service": filter.service,
                       "dead": true, "older_than_s": older})
            );
            return Ok(());
        }
        let of = of_service(filter.service.as_deref());
        let older = older.map_or(String::new(), |s| {
            format!(" first seen more than {} ago", span(s as i64 * 1000))
        });
        if n == 0 {
            outln!("no dead letters{of}{older}: nothing dropped");
        } else {
            outln!("dropped {}{of}{older}", plural(n, "dead letter"));
        }
        Ok(())
    }

    fn stats(self) -> Result<(), Failure> {
        let stats = match &self.store {
            Some(s) => s.stats(self.now).map_err(|e| failure(e, &self.dir))?,
            None => {
                self.note_missing();
                Vec::new()
            }
        };
        let depth: u64 = stats.iter().map(|s| s.depth).sum();
        let dead: u64 = stats.iter().map(|s| s.dead).sum();
        let oldest = stats.iter().filter_map(|s| s.oldest_age_s).max();
        if self.json {
            outln!(
                "{}",
                json!({"ok": true, "services": stats,
                       "total": {"depth": depth, "oldest_age_s": oldest, "dead": dead}})
            );
            return Ok(());
        }
        let age = |a: Option<u64>| a.map_or("-".to_owned(), |s| span(s as i64 * 1000));
        let mut rows: Vec<[String; 4]> = stats
            .iter()
            .map(|s| {
                [
                    untrusted::clean(&s.service).into_owned(),
                    s.depth.to_string(),
                    age(s.oldest_age_s),
                    s.dead.to_string(),
                ]
            })
            .collect();
        rows.push([
            "total".into(),
            depth.to_string(),
            age(oldest),
            dead.to_string(),
        ]);
        let header = ["SERVICE", "QUEUED", "OLDEST", "DEAD"];
        let first = rows
            .iter()
            .map(|r| r[0].chars().count())
            .chain([header[0].len()])
            .max()
            .unwrap_or(0);
        let line = |c: [&str; 4]| {
            let pad = first.saturating_sub(c[0].chars().count());
            format!(
                "{}{}  {:>6}  {:>8}  {:>6}",
                c[0],
                " ".repeat(pad),
                c[1],
                c[2],
                c[3]
            )
        };
        outln!("{}", self.ui.dim(&line(header)));
        let last = rows.len() - 1;
        for (i, row) in rows.iter().enumerate() {
            let text = line(row.each_ref().map(String::as_str));
            if i == last {
                outln!("{}", self.ui.bold(&text));
            } else {
                outln!("{text}");
            }
        }
        Ok(())
    }

    /// A push as JSON: times in unix milliseconds, `null` where they do not apply.
    fn entry_json(&self, e: &Entry, with_body: bool) -> Value {
        let mut v = json!({
            "id": e.new.id,
            "service": e.new.service,
            "route": e.new.route,
            "state": if e.dead_at.is_some() { "dead" } else { "queued" },
            "attempts": e.new.attempts,
            "age_s": (self.now - e.new.first_seen).max(0) / 1000,
            "first_seen_ms": e.new.first_seen,
            "queued_at_ms": e.queued_at,
            "next_at_ms": if e.dead_at.is_some() { None } else { Some(e.new.next_at) },
            "dead_at_ms": e.dead_at,
            "last_error": e.new.last_error,
            "request_id": e.new.request_id,
            "open_id": e.new.open_id,
            "create_time": e.new.create_time,
        });
        if with_body {
            // The gateway wrote it as JSON; a row changed by hand may hold anything.
            v["body"] = serde_json::from_str(&e.new.body)
                .unwrap_or_else(|_| Value::String(e.new.body.clone()));
        }
        v
    }
}

/// `3 dead letters`, `1 queued push`.
fn plural(n: u64, what: &str) -> String {
    match (n, what.ends_with('h')) {
        (1, _) => format!("1 {what}"),
        (_, true) => format!("{n} {what}es"),
        (_, false) => format!("{n} {what}s"),
    }
}

fn plural_word(dead: bool) -> &'static str {
    if dead {
        "dead letters"
    } else {
        "queued pushes"
    }
}

fn of_service(service: Option<&str>) -> String {
    service.map_or(String::new(), |s| {
        format!(" of service {}", untrusted::clean(s))
    })
}

/// A duration for people: the two largest units (`45s`, `12m3s`, `2h13m`, `3d4h`).
fn span(ms: i64) -> String {
    let s = ms.max(0) / 1000;
    let (d, h, m, s) = (s / 86_400, s / 3600 % 24, s / 60 % 60, s % 60);
    match (d, h, m) {
        (0, 0, 0) => format!("{s}s"),
        (0, 0, _) if s == 0 => format!("{m}m"),
        (0, 0, _) => format!("{m}m{s}s"),
        (0, _, 0) => format!("{h}h"),
        (0, _, _) => format!("{h}h{m}m"),
        (_, 0, _) => format!("{d}d"),
        _ => format!("{d}d{h}h"),
    }
}

/// `2024-05-01 12:00:03 UTC` of unix milliseconds.
fn utc(ms: i64) -> String {
    let secs = ms.div_euclid(1000);
    let (days, rem) = (secs.div_euclid(86_400), secs.rem_euclid(86_400));
    // Howard Hinnant's days-to-civil: the proleptic Gregorian date of a day count.
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = doy - (153 * mp + 2) / 5 + 1;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    let year = yoe + era * 400 + i64::from(month <= 2);
    format!(
        "{year:04}-{month:02}-{day:02} {:02}:{:02}:{:02} UTC",
        rem / 3600,
        rem / 60 % 60,
        rem % 60
    )
}

/// Text for the terminal whole, lines kept: every other control character escaped (an ANSI
/// escape in a user's message must not reach the terminal; JSON escapes only C0's).
fn printable(s: &str) -> Cow<'_, str> {
    if !s.chars().any(|c| c.is_control() && c != '\n') {
        return Cow::Borrowed(s);
    }
    Cow::Owned(
        s.chars()
            .map(|c| {
                if c.is_control() && c != '\n' {
                    c.escape_debug().collect()
                } else {
                    c.to_string()
                }
            })
            .collect(),
    )
}

/// `7d`, `12h`, `30m`, `45s`, or several (`1d12h`); `w` is a week.
fn parse_age(text: &str) -> Result<Duration, String> {
    let expected = "expected an age like 7d, 12h, 30m or 45s";
    let mut total: u64 = 0;
    let mut number = String::new();
    let mut parts = 0;
    for c in text.trim().chars() {
        if c.is_ascii_digit() {
            number.push(c);
            continue;
        }
        let unit = match c {
            's' => 1,
            'm' => 60,
            'h' => 3600,
            'd' => 86_400,
            'w' => 604_800,
            ' ' if number.is_empty() => continue,
            _ => return Err(expected.into()),
        };
        let n: u64 = number.parse().map_err(|_| expected.to_owned())?;
        total = n
            .checked_mul(unit)
            .and_then(|s| total.checked_add(s))
            .filter(|&s| s <= MAX_AGE_SECS)
            .ok_or("more than a hundred years")?;
        number.clear();
        parts += 1;
    }
    if parts == 0 || !number.is_empty() {
        return Err(format!("{expected} (a number needs its unit)"));
    }
    Ok(Duration::from_secs(total))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ages_parse_in_the_documented_units() {
        assert_eq!(parse_age("7d"), Ok(Duration::from_secs(7 * 86_400)));
        assert_eq!(parse_age("12h"), Ok(Duration::from_secs(12 * 3600)));
        assert_eq!(parse_age("30m"), Ok(Duration::from_secs(1800)));
        assert_eq!(parse_age("45s"), Ok(Duration::from_secs(45)));
        assert_eq!(parse_age("1d 12h"), Ok(Duration::from_secs(129_600)));
        assert_eq!(parse_age("2w"), Ok(Duration::from_secs(1_209_600)));
        for bad in [
            "",
            "7",
            "d",
            "7x",
            "1d2",
            "-1d",
            "99999999999999999999d",
            "1000000w",
        ] {
            assert!(parse_age(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn spans_and_dates_for_people() {
        assert_eq!(span(45_000), "45s");
        assert_eq!(span(723_000), "12m3s");
        assert_eq!(span(720_000), "12m");
        assert_eq!(span(7_980_000), "2h13m");
        assert_eq!(span(3_600_000), "1h");
        assert_eq!(span(273_600_000), "3d4h");
        assert_eq!(span(-5), "0s");
        assert_eq!(utc(0), "1970-01-01 00:00:00 UTC");
        assert_eq!(utc(1_714_564_803_000), "2024-05-01 12:00:03 UTC");
        assert_eq!(utc(951_782_400_000), "2000-02-29 00:00:00 UTC");
    }

    #[test]
    fn printable_keeps_lines_and_escapes_the_rest() {
        assert_eq!(printable("a\nb"), "a\nb");
        assert_eq!(printable("\u{1b}[31mred\u{9b}"), "\\u{1b}[31mred\\u{9b}");
        assert_eq!(plural(1, "queued push"), "1 queued push");
        assert_eq!(plural(2, "queued push"), "2 queued pushes");
        assert_eq!(plural(0, "dead letter"), "0 dead letters");
    }
}
