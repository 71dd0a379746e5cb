//! `wx-gateway spool …`: the spool seen and changed from the command line (list, show, replay,
//! drop, stats, pause, resume). It only changes rows, never delivers: `serve` re-reads the
//! queue and the paused services every second.
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
use crate::state::spool::{Entry, Filter, ServiceStats, SpoolError, Store};
use crate::ui::Ui;
use crate::{clock, config, outln, untrusted};

/// The longest `--older-than`: a hundred years (the spool's times are i64 milliseconds).
const MAX_AGE_SECS: u64 = 100 * 365 * 86_400;

pub fn run(args: SpoolArgs) -> Result<(), Failure> {
    let now = clock::unix_millis();
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
            dead: false,
            ..
        } => {
            return Err(Failure::Usage(anyhow!(
                "replay needs an ID, --dead for the dead letters, or --all for the queue"
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
    let window = match &args.action {
        SpoolAction::Replay {
            since, until, kind, ..
        } => Window::parse(since.as_deref(), until.as_deref(), kind.as_deref(), now)?,
        _ => Window::default(),
    };
    // The config, when it names the spool (`--dir` names one without it).
    let loaded = match (&args.dir, &args.config) {
        (None, Some(path)) => Some(config::load(Some(path)).map_err(|e| Failure::Usage(e.into()))?),
        _ => None,
    };
    let (store, dir) = match open_redis(loaded.as_ref())? {
        Some(queue) => (Some(queue), PathBuf::from("redis")),
        None => {
            let dir = spool_dir(&args, loaded.as_ref())?;
            let store = Store::open_existing(&dir).map_err(|e| failure(e, &dir))?;
            (store.map(Queue::Sqlite), dir)
        }
    };
    let spool = Spool {
        store,
        dir,
        json: args.output.json,
        ui: Ui::new(args.output.color),
        now,
        loaded,
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
        SpoolAction::Replay {
            dead,
            service,
            dry_run,
            ..
        } => spool.replay_all(
            Filter {
                service,
                dead,
                since: window.since,
                until: window.until,
                kind: window.kind,
                ..Filter::default()
            },
            dry_run,
        ),
        SpoolAction::Drop { id: Some(id), .. } => spool.drop_one(&id),
        SpoolAction::Drop { service, .. } => spool.drop_dead(Filter {
            service,
            dead: true,
            older_than,
            ..Filter::default()
        }),
        SpoolAction::Stats => spool.stats(),
        SpoolAction::Pause { service } => spool.set_paused(&service, true),
        SpoolAction::Resume { service } => spool.set_paused(&service, false),
    }
}

/// `--since`, `--until` and `--kind` of `replay`, checked.
#[derive(Debug, Default, PartialEq, Eq)]
struct Window {
    since: Option<i64>,
    until: Option<i64>,
    kind: Option<String>,
}

impl Window {
    fn parse(
        since: Option<&str>,
        until: Option<&str>,
        kind: Option<&str>,
        now: i64,
    ) -> Result<Window, Failure> {
        let time = |flag: &str, text: Option<&str>| {
            text.map(|t| {
                parse_time(t, now)
                    .map_err(|e| Failure::Usage(anyhow!("{flag} {:?}: {e}", untrusted::excerpt(t))))
            })
            .transpose()
        };
        let (since, until) = (time("--since", since)?, time("--until", until)?);
        if let (Some(s), Some(u)) = (since, until)
            && s >= u
        {
            return Err(Failure::Usage(anyhow!(
                "--since ({}) is not before --until ({}): no push can match",
                utc(s),
                utc(u)
            )));
        }
        let kind = kind
            .map(|k| {
                check_kind(k)
                    .map_err(|e| Failure::Usage(anyhow!("--kind {:?}: {e}", untrusted::excerpt(k))))
            })
            .transpose()?;
        Ok(Window { since, until, kind })
    }
}

/// The spool on the config's `redis` (without `--dir`, which names an embedded spool).
fn open_redis(loaded: Option<&config::Loaded>) -> Result<Option<Queue>, Failure> {
    let Some(loaded) = loaded else {
        return Ok(None);
    };
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
            Queue::Redis(rt, r) if windowed(filter) => Ok(rt
                .block_on(r.list(filter, now, usize::MAX))?
                .iter()
                .filter(|e| in_window(filter, e))
                .count() as u64),
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
            // One by one, checked here: a Redis spool that does not narrow by these itself
            // must not replay more than was asked for.
            Queue::Redis(rt, r) if windowed(filter) => rt.block_on(async {
                let mut n = 0;
                for e in r.list(filter, now, usize::MAX).await? {
                    if in_window(filter, &e) {
                        r.replay(&e.new.id, now).await?;
                        n += 1;
                    }
                }
                Ok(n)
            }),
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
    /// The paused services, by name.
    fn paused(&self) -> Result<Vec<String>, SpoolError> {
        match self {
            Queue::Sqlite(s) => s.paused(),
            Queue::Redis(rt, r) => rt.block_on(crate::state::Spool::paused(r)),
        }
    }
    /// Pauses or resumes a service; true when that changed something.
    fn set_paused(&mut self, service: &str, paused: bool, now: i64) -> Result<bool, SpoolError> {
        match self {
            Queue::Sqlite(s) => s.set_paused(service, paused, now),
            Queue::Redis(rt, r) => rt.block_on(r.set_paused(service, paused, now)),
        }
    }
}

/// Whether a filter narrows by `--since`, `--until` or `--kind`.
fn windowed(filter: &Filter) -> bool {
    filter.since.is_some() || filter.until.is_some() || filter.kind.is_some()
}

/// `--since`, `--until` and `--kind` of a filter applied to one push, as the embedded spool's
/// query does: first received in `[since, until)`, route `msg/K` or `event/K` in any case.
fn in_window(filter: &Filter, e: &Entry) -> bool {
    let t = e.new.first_seen;
    filter.since.is_none_or(|s| t >= s)
        && filter.until.is_none_or(|u| t < u)
        && filter.kind.as_deref().is_none_or(|k| {
            let route = e.new.route.to_ascii_lowercase();
            let k = k.to_ascii_lowercase();
            route.strip_prefix("msg/") == Some(k.as_str())
                || route.strip_prefix("event/") == Some(k.as_str())
        })
}

/// `--dir`, else the config's `spool.dir`.
fn spool_dir(args: &SpoolArgs, loaded: Option<&config::Loaded>) -> Result<PathBuf, Failure> {
    if let Some(dir) = &args.dir {
        return Ok(dir.clone());
    }
    let loaded = loaded.ok_or_else(|| {
        Failure::Usage(anyhow!(
            "no spool: give --dir DIR, or --config FILE (or CONF_FILE) with a spool.dir"
        ))
    })?;
    match &loaded.config.spool {
        Some(s) => Ok(s.dir.clone()),
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
    /// The config, when it named the spool (not with `--dir`).
    loaded: Option<config::Loaded>,
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

    /// One line per push, columns padded; the dead letters with their reason.
    fn table(&self, entries: &[Entry], dead: bool) {
        let mut header = vec!["ID", "SERVICE", "ROUTE", "ATTEMPTS", "AGE"];
        if dead {
            header.extend(["DEAD SINCE", "REASON"]);
        } else {
            header.push("NEXT");
        }
        header.push("LAST ERROR");
        let rows: Vec<Vec<String>> = entries
            .iter()
            .map(|e| {
                let mut row = vec![
                    untrusted::clean(&e.new.id).into_owned(),
                    untrusted::clean(&e.new.service).into_owned(),
                    untrusted::clean(&e.new.route).into_owned(),
                    e.new.attempts.to_string(),
                    span(self.now - e.new.first_seen),
                ];
                match e.dead_at {
                    Some(t) => {
                        row.push(format!("{} ago", span(self.now - t)));
                        row.push(
                            e.dead_reason
                                .as_deref()
                                .map_or("-".into(), |r| untrusted::clean(r).into_owned()),
                        );
                    }
                    None if dead => row.extend(["-".into(), "-".into()]),
                    None => row.push(self.next(e.new.next_at)),
                }
                row.push(
                    e.new
                        .last_error
                        .as_deref()
                        .map_or("-".into(), |s| untrusted::clean(s).into_owned()),
                );
                row
            })
            .collect();
        let mut width: Vec<usize> = header.iter().map(|h| h.chars().count()).collect();
        for row in &rows {
            for (w, cell) in width.iter_mut().zip(row) {
                *w = (*w).max(cell.chars().count());
            }
        }
        let line = |cells: &[&str]| {
            let mut out = String::new();
            for (i, (cell, w)) in cells.iter().zip(&width).enumerate() {
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
        outln!("{}", self.ui.dim(&line(&header)));
        for row in &rows {
            let cells: Vec<&str> = row.iter().map(String::as_str).collect();
            outln!("{}", line(&cells));
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
            None if e.replayed => format!(
                "queued (replayed), next attempt {}",
                self.next(e.new.next_at)
            ),
            None => format!("queued, next attempt {}", self.next(e.new.next_at)),
        };
        outln!("{}", ui.field("state", &state));
        if e.dead_at.is_some() {
            let reason = e.dead_reason.as_deref().map_or("-".into(), |r| {
                format!("{} ({})", text(r), dead_reason_meaning(r))
            });
            outln!("{}", ui.field("reason", &reason));
        }
        outln!("{}", ui.field("attempts", &e.new.attempts.to_string()));
        if let Some(t) = e.new.failing_since {
            outln!("{}", ui.field("failing", &format!("since {}", when(t))));
        }
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
        self.history(&e);
        outln!("{}", ui.field("body", "").trim_end());
        let body = match serde_json::from_str::<Value>(&e.new.body) {
            Ok(v) => serde_json::to_string_pretty(&v).unwrap_or_default(),
            Err(_) => e.new.body.clone(),
        };
        outln!("{}", printable(&body));
        Ok(())
    }

    /// The attempts of a push, oldest first: one line each, then the backend's answer (all of
    /// it that was kept, control characters and line breaks escaped: it stays one line).
    fn history(&self, e: &Entry) {
        let ui = self.ui;
        let h = &e.new.history;
        if h.is_empty() {
            outln!("{}", ui.field("history", "- (no attempt recorded)"));
            return;
        }
        let older = u64::from(e.new.attempts).saturating_sub(h.len() as u64);
        let title = if older > 0 {
            format!(
                "the last {} attempts, oldest first ({older} before them not kept)",
                h.len()
            )
        } else {
            format!("{}, oldest first", plural(h.len() as u64, "attempt"))
        };
        outln!("{}", ui.field("history", &title));
        let rows: Vec<[String; 6]> = h
            .iter()
            .map(|a| {
                [
                    utc(a.at),
                    untrusted::clean(&a.trigger).into_owned(),
                    untrusted::clean(&a.result).into_owned(),
                    a.status.map_or("-".into(), |s| s.to_string()),
                    format!("{}ms", a.duration_ms),
                    untrusted::clean(&a.instance).into_owned(),
                ]
            })
            .collect();
        let mut width = [0usize; 6];
        for row in &rows {
            for (w, cell) in width.iter_mut().zip(row) {
                *w = (*w).max(cell.chars().count());
            }
        }
        for (a, row) in h.iter().zip(&rows) {
            let mut line = String::from("    ");
            for (i, (cell, w)) in row.iter().zip(width).enumerate() {
                let pad = " ".repeat(w.saturating_sub(cell.chars().count()));
                match i {
                    // Status and duration right-aligned.
                    3 | 4 => line.push_str(&format!("{pad}{cell}")),
                    5 => line.push_str(cell),
                    _ => line.push_str(&format!("{cell}{pad}")),
                }
                if i < 5 {
                    line.push_str("  ");
                }
            }
            outln!("{}", line.trim_end());
            if let Some(answer) = a.answer.as_deref().filter(|s| !s.is_empty()) {
                outln!("      {} {}", ui.dim("answer:"), one_line(answer));
            }
        }
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
                json!({"ok": true, "matched": 1, "replayed": 1, "dry_run": false, "id": e.new.id,
                       "service": e.new.service, "dead": dead, "since_ms": null,
                       "until_ms": null, "kind": null})
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

    /// Replays what `filter` selects: the count first (on stdout before anything changes),
    /// then the replay, unless `dry_run`.
    fn replay_all(mut self, filter: Filter, dry_run: bool) -> Result<(), Failure> {
        let matched = match &self.store {
            Some(s) => s
                .count(&filter, self.now)
                .map_err(|e| failure(e, &self.dir))?,
            None => {
                self.note_missing();
                0
            }
        };
        let of = format!(
            "{}{}",
            of_service(filter.service.as_deref()),
            describe_window(&filter)
        );
        let what = |n: u64| {
            plural(
                n,
                if filter.dead {
                    "dead letter"
                } else {
                    "queued push"
                },
            )
        };
        let result = |matched: u64, replayed: u64| {
            json!({"ok": true, "matched": matched, "replayed": replayed, "dry_run": dry_run,
                   "id": null, "service": filter.service, "dead": filter.dead,
                   "since_ms": filter.since, "until_ms": filter.until, "kind": filter.kind})
        };
        if matched == 0 || dry_run {
            if self.json {
                outln!("{}", result(matched, 0));
            } else if matched == 0 {
                outln!("no {}{of}: nothing changed", plural_word(filter.dead));
            } else {
                outln!("{}{of} match: dry run, nothing changed", what(matched));
            }
            return Ok(());
        }
        if !self.json {
            // Before acting: a replay of many pushes shows first what it is about to do.
            outln!("{}{of} match", what(matched));
        }
        let replayed = self
            .store
            .as_mut()
            .map_or(Ok(0), |s| s.replay_all(&filter, self.now))
            .map_err(|e| {
                let f = failure(e, &self.dir);
                if !self.json {
                    return f;
                }
                // The count was taken: say it with the error, in one object.
                let mut v = f.json();
                if let Value::Object(m) = &mut v {
                    m.insert("matched".into(), matched.into());
                }
                outln!("{v}");
                Failure::Shown(f.problem().into())
            })? as u64;
        if self.json {
            outln!("{}", result(matched, replayed));
        } else if filter.dead {
            outln!(
                "requeued {}{}: due now, redelivered at spool.drain-rate",
                what(replayed),
                of_service(filter.service.as_deref())
            );
        } else {
            outln!(
                "{}{} due now, redelivered at spool.drain-rate",
                what(replayed),
                of_service(filter.service.as_deref())
            );
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
        let (mut stats, paused) = match &self.store {
            Some(s) => (
                s.stats(self.now).map_err(|e| failure(e, &self.dir))?,
                s.paused().map_err(|e| failure(e, &self.dir))?,
            ),
            None => {
                self.note_missing();
                (Vec::new(), Vec::new())
            }
        };
        // A paused service is shown also while nothing of it is spooled.
        for p in &paused {
            if !stats.iter().any(|s| &s.service == p) {
                stats.push(ServiceStats {
                    service: p.clone(),
                    depth: 0,
                    oldest_age_s: None,
                    dead: 0,
                    replaying: 0,
                    overdue: 0,
                });
            }
        }
        stats.sort_by(|a, b| a.service.cmp(&b.service));
        let is_paused = |s: &ServiceStats| paused.contains(&s.service);
        let depth: u64 = stats.iter().map(|s| s.depth).sum();
        let dead: u64 = stats.iter().map(|s| s.dead).sum();
        let replaying: u64 = stats.iter().map(|s| s.replaying).sum();
        let overdue: u64 = stats.iter().map(|s| s.overdue).sum();
        let oldest = stats.iter().filter_map(|s| s.oldest_age_s).max();
        if self.json {
            let services: Vec<Value> = stats
                .iter()
                .map(|s| {
                    json!({"service": s.service, "depth": s.depth, "oldest_age_s": s.oldest_age_s,
                           "dead": s.dead, "replaying": s.replaying, "overdue": s.overdue,
                           "paused": is_paused(s)})
                })
                .collect();
            outln!(
                "{}",
                json!({"ok": true, "services": services,
                       "total": {"depth": depth, "oldest_age_s": oldest, "dead": dead,
                                 "replaying": replaying, "overdue": overdue,
                                 "paused": paused.len()}})
            );
            return Ok(());
        }
        let age = |a: Option<u64>| a.map_or("-".to_owned(), |s| span(s as i64 * 1000));
        let mut rows: Vec<[String; 7]> = stats
            .iter()
            .map(|s| {
                [
                    untrusted::clean(&s.service).into_owned(),
                    s.depth.to_string(),
                    age(s.oldest_age_s),
                    s.dead.to_string(),
                    s.replaying.to_string(),
                    s.overdue.to_string(),
                    if is_paused(s) { "paused" } else { "-" }.into(),
                ]
            })
            .collect();
        rows.push([
            "total".into(),
            depth.to_string(),
            age(oldest),
            dead.to_string(),
            replaying.to_string(),
            overdue.to_string(),
            if paused.is_empty() {
                "-".into()
            } else {
                format!("{} paused", paused.len())
            },
        ]);
        let header = [
            "SERVICE",
            "QUEUED",
            "OLDEST",
            "DEAD",
            "REPLAYING",
            "OVERDUE",
            "DELIVERY",
        ];
        let first = rows
            .iter()
            .map(|r| r[0].chars().count())
            .chain([header[0].len()])
            .max()
            .unwrap_or(0);
        let line = |c: [&str; 7]| {
            let pad = first.saturating_sub(c[0].chars().count());
            format!(
                "{}{}  {:>6}  {:>8}  {:>6}  {:>9}  {:>7}  {}",
                c[0],
                " ".repeat(pad),
                c[1],
                c[2],
                c[3],
                c[4],
                c[5],
                c[6]
            )
        };
        outln!("{}", self.ui.dim(&line(header)));
        let last = rows.len() - 1;
        for (i, row) in rows.iter().enumerate() {
            let text = line(row.each_ref().map(String::as_str));
            if i == last {
                outln!("{}", self.ui.bold(&text));
            } else if row[6] == "paused" {
                outln!("{}", self.ui.warn(&text));
            } else {
                outln!("{text}");
            }
        }
        Ok(())
    }

    /// `pause` and `resume`: the service must be one of the config's when the config named
    /// the spool (a typo would pause nothing that exists); resuming a paused service the
    /// config no longer has is allowed (else nothing could clear it).
    fn set_paused(mut self, service: &str, pause: bool) -> Result<(), Failure> {
        let (dir, now) = (self.dir.clone(), self.now);
        let verb = if pause { "pause" } else { "resume" };
        let paused_now = match &self.store {
            Some(s) => s.paused().map_err(|e| failure(e, &dir))?,
            None => Vec::new(),
        };
        let was_paused = paused_now.iter().any(|p| p == service);
        if let Some(loaded) = &self.loaded
            && let Err(e) = loaded.service(Some(service))
            && (pause || !was_paused)
        {
            return Err(Failure::Usage(
                Problem::new("usage", e.to_string())
                    .hint(format!(
                        "`spool {verb}` takes the name of a service of the config"
                    ))
                    .into(),
            ));
        }
        let drain_rate = self.loaded.as_ref().map(|l| l.config.delivery.drain_rate);
        let Some(store) = self.store.as_mut() else {
            if pause {
                return Err(Failure::Failed(
                    Problem::new(
                        "failed",
                        format!("no spool in {} yet: nothing to keep the pause in", dir.display()),
                    )
                    .hint("serve creates spool.db when it starts with this spool configured; pause once it runs")
                    .into(),
                ));
            }
            self.note_missing();
            return self.paused_result(service, false, false, 0, drain_rate);
        };
        let changed = store
            .set_paused(service, pause, now)
            .map_err(|e| failure(e, &dir))?;
        let queued = store
            .count(
                &Filter {
                    service: Some(service.to_owned()),
                    ..Filter::default()
                },
                now,
            )
            .map_err(|e| failure(e, &dir))?;
        self.paused_result(service, pause, changed, queued, drain_rate)
    }

    fn paused_result(
        &self,
        service: &str,
        paused: bool,
        changed: bool,
        queued: u64,
        drain_rate: Option<u32>,
    ) -> Result<(), Failure> {
        if self.json {
            outln!(
                "{}",
                json!({"ok": true, "service": service, "paused": paused, "changed": changed,
                       "queued": queued})
            );
            return Ok(());
        }
        let name = untrusted::clean(service);
        let waiting = plural(queued, "queued push");
        let rate = drain_rate.map_or("spool.drain-rate".to_owned(), |r| {
            format!("up to {r}/s (spool.drain-rate)")
        });
        match (paused, changed) {
            (true, true) => outln!(
                "paused service {name}: the gateway spools its pushes and answers WeChat `success` without calling the backend, until `spool resume --service {name}` ({waiting} now)"
            ),
            (true, false) => {
                outln!("service {name} was already paused: nothing changed ({waiting})")
            }
            (false, true) => outln!(
                "resumed service {name}: live pushes go to the backend again; {waiting} redelivered at {rate}"
            ),
            (false, false) => outln!("service {name} is not paused: nothing changed ({waiting})"),
        }
        Ok(())
    }

    /// A push as JSON: times in unix milliseconds, `null` where they do not apply; with its
    /// body and history for `show`.
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
            "dead_reason": e.dead_reason,
            "failing_since_ms": e.new.failing_since,
            "replayed": e.replayed,
        });
        if with_body {
            v["history"] = e
                .new
                .history
                .iter()
                .map(|a| {
                    json!({"at_ms": a.at, "trigger": a.trigger, "result": a.result,
                           "status": a.status, "duration_ms": a.duration_ms,
                           "instance": a.instance, "answer": a.answer})
                })
                .collect();
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

/// What a dead reason means, for `show`.
fn dead_reason_meaning(reason: &str) -> &'static str {
    match reason {
        "max-age" => "undelivered for spool.max-age",
        "refused" => "the backend answered a 4xx: not retried",
        "poison" => "its user's lane was blocked by it while other users' pushes got through",
        _ => "unknown reason",
    }
}

/// Untrusted text on one line, whole: [`printable`], line breaks escaped too.
fn one_line(s: &str) -> String {
    printable(s).replace('\n', "\\n")
}

/// ` first received since …, before …, of kind K` for the text output.
fn describe_window(filter: &Filter) -> String {
    let mut out = String::new();
    match (filter.since, filter.until) {
        (Some(s), Some(u)) => {
            out.push_str(&format!(" first received from {} until {}", utc(s), utc(u)));
        }
        (Some(s), None) => out.push_str(&format!(" first received since {}", utc(s))),
        (None, Some(u)) => out.push_str(&format!(" first received before {}", utc(u))),
        (None, None) => {}
    }
    if let Some(k) = &filter.kind {
        out.push_str(&format!(" of kind {k}"));
    }
    out
}

/// `--since`/`--until`: RFC 3339, or a time ago in the units of [`parse_age`]. Unix ms.
fn parse_time(text: &str, now: i64) -> Result<i64, String> {
    if let Some(t) = parse_rfc3339(text.trim()) {
        return Ok(t);
    }
    if let Ok(age) = parse_age(text) {
        return Ok(now.saturating_sub(age.as_millis() as i64));
    }
    Err(
        "expected an RFC 3339 time (2024-05-01T12:00:00Z, 2024-05-01T20:00:00+08:00, 2024-05-01) or a time ago like 90m, 2h, 7d"
            .into(),
    )
}

/// `2024-05-01T12:00:00Z`, `…T12:00:00.5+08:00`, `2024-05-01 12:00:00z` (RFC 3339's
/// date-time, `T` or a space), or a date alone (`2024-05-01`: its midnight, UTC). Unix ms.
fn parse_rfc3339(s: &str) -> Option<i64> {
    fn num(s: &str) -> Option<i64> {
        (!s.is_empty() && s.bytes().all(|b| b.is_ascii_digit()))
            .then(|| s.parse().ok())
            .flatten()
    }
    let b = s.as_bytes();
    if b.len() < 10 || b[4] != b'-' || b[7] != b'-' {
        return None;
    }
    let (year, month, day) = (num(&s[..4])?, num(&s[5..7])?, num(&s[8..10])?);
    let leap = year % 4 == 0 && (year % 100 != 0 || year % 400 == 0);
    let days_in = [
        31,
        if leap { 29 } else { 28 },
        31,
        30,
        31,
        30,
        31,
        31,
        30,
        31,
        30,
        31,
    ];
    if !(1..=12).contains(&month) || day < 1 || day > days_in[month as usize - 1] {
        return None;
    }
    let mut ms = days_from_civil(year, month, day) * 86_400_000;
    if b.len() == 10 {
        return Some(ms);
    }
    // The time: `T`, `hh:mm:ss`, an optional fraction, then `Z` or `±hh:mm`.
    if !matches!(b[10], b'T' | b't' | b' ') || b.len() < 20 || b[13] != b':' || b[16] != b':' {
        return None;
    }
    let (h, m, sec) = (num(&s[11..13])?, num(&s[14..16])?, num(&s[17..19])?);
    // 60: a leap second, counted as the next second's start.
    if h > 23 || m > 59 || sec > 60 {
        return None;
    }
    ms += (h * 3600 + m * 60 + sec) * 1000;
    let mut rest = &s[19..];
    if let Some(frac) = rest.strip_prefix('.') {
        let digits = frac.bytes().take_while(u8::is_ascii_digit).count();
        if digits == 0 {
            return None;
        }
        let mut millis = 0;
        for (i, d) in frac[..digits].bytes().take(3).enumerate() {
            millis += i64::from(d - b'0') * [100, 10, 1][i];
        }
        ms += millis;
        rest = &frac[digits..];
    }
    let offset = match rest {
        "Z" | "z" => 0,
        _ => {
            let r = rest.as_bytes();
            if r.len() != 6 || r[3] != b':' {
                return None;
            }
            let sign = match r[0] {
                b'+' => 1,
                b'-' => -1,
                _ => return None,
            };
            let (oh, om) = (num(&rest[1..3])?, num(&rest[4..6])?);
            if oh > 23 || om > 59 {
                return None;
            }
            sign * (oh * 3600 + om * 60) * 1000
        }
    };
    Some(ms - offset)
}

/// Days since 1970-01-01 of a proleptic Gregorian date (Howard Hinnant's days-from-civil,
/// the inverse of [`utc`]'s).
fn days_from_civil(year: i64, month: i64, day: i64) -> i64 {
    let y = if month <= 2 { year - 1 } else { year };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let mp = (month + 9) % 12;
    let doy = (153 * mp + 2) / 5 + day - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

/// `--kind`: a MsgType or an Event as it appears in a route (`msg/text`, `event/CLICK`):
/// letters, digits, `_` and `-`. One WeChat does not document is taken, with a note (new
/// events appear), since it can only match pushes of exactly that kind.
fn check_kind(kind: &str) -> Result<String, String> {
    if kind.contains('/') {
        return Err(
            "give the MsgType or Event alone (text, subscribe, CLICK), not the route".into(),
        );
    }
    if kind.is_empty()
        || kind.len() > 64
        || !kind
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'_' || b == b'-')
    {
        return Err(
            "expected a MsgType (text, image, voice, …) or an Event (subscribe, CLICK, …): letters, digits, _ and -".into(),
        );
    }
    let documented = [kind.to_ascii_lowercase(), kind.to_ascii_uppercase()]
        .iter()
        .any(|k| crate::metrics::kind_label(k) != "other");
    if !documented {
        eprintln!(
            "wx-gateway: note: --kind {kind}: not a MsgType or Event WeChat documents; only pushes of exactly that kind match"
        );
    }
    Ok(kind.to_owned())
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
    fn times_are_rfc3339_or_a_time_ago() {
        let now = 1_714_564_803_000; // 2024-05-01 12:00:03 UTC
        assert_eq!(parse_time("2024-05-01T12:00:03Z", now), Ok(now));
        assert_eq!(parse_time("2024-05-01t12:00:03z", now), Ok(now));
        assert_eq!(parse_time("2024-05-01 12:00:03Z", now), Ok(now));
        assert_eq!(parse_time("2024-05-01T20:00:03+08:00", now), Ok(now));
        assert_eq!(parse_time("2024-05-01T07:30:03-04:30", now), Ok(now));
        assert_eq!(parse_time("2024-05-01T12:00:03.25Z", now), Ok(now + 250));
        assert_eq!(
            parse_time("2024-05-01T12:00:03.123456789Z", now),
            Ok(now + 123)
        );
        assert_eq!(parse_time("2024-05-01", now), Ok(now - 43_203_000));
        assert_eq!(parse_time("2000-02-29T00:00:00Z", now), Ok(951_782_400_000));
        assert_eq!(parse_time("1970-01-01T00:00:00Z", now), Ok(0));
        assert_eq!(parse_time("90m", now), Ok(now - 5_400_000));
        assert_eq!(parse_time("2h", now), Ok(now - 7_200_000));
        assert_eq!(parse_time("7d", now), Ok(now - 604_800_000));
        for bad in [
            "",
            "yesterday",
            "90",
            "2024-13-01",
            "2023-02-29",
            "2024-05-01T12:00Z",
            "2024-05-01T12:00:03",
            "2024-05-01T24:00:00Z",
            "2024-05-01T12:00:03+0800",
            "2024-05-01T12:00:03.Z",
            "2024-05-01T12:00:03+24:00",
            "２０２４-05-01",
        ] {
            assert!(parse_time(bad, now).is_err(), "{bad}");
        }
        // `utc` and `days_from_civil` are each other's inverse.
        for day in [-1, 0, 59, 11_016, 19_844, 2_932_896] {
            let ms = day * 86_400_000;
            let text = utc(ms);
            assert_eq!(parse_rfc3339(&text[..10]), Some(ms), "{text}");
        }
    }

    #[test]
    fn kinds_are_a_msgtype_or_an_event() {
        assert_eq!(check_kind("text"), Ok("text".into()));
        assert_eq!(check_kind("CLICK"), Ok("CLICK".into()));
        assert_eq!(check_kind("scancode_push"), Ok("scancode_push".into()));
        // Undocumented (a note), but a kind WeChat may add.
        assert_eq!(check_kind("new_event"), Ok("new_event".into()));
        for bad in [
            "",
            "msg/text",
            "text image",
            "a;b",
            "\u{1b}[31m",
            &"x".repeat(65),
        ] {
            assert!(check_kind(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn windows_select_by_first_receipt_and_kind() {
        let entry = |route: &str, first_seen: i64| Entry {
            seq: 1,
            new: crate::state::NewEntry {
                route: route.into(),
                first_seen,
                ..Default::default()
            },
            queued_at: 0,
            dead_at: None,
            dead_reason: None,
            replayed: false,
        };
        let f = Filter {
            since: Some(100),
            until: Some(200),
            kind: Some("Click".into()),
            ..Filter::default()
        };
        assert!(in_window(&f, &entry("event/CLICK", 100)));
        assert!(!in_window(&f, &entry("event/CLICK", 200)));
        assert!(!in_window(&f, &entry("event/CLICK", 99)));
        assert!(!in_window(&f, &entry("msg/text", 150)));
        assert!(!in_window(&f, &entry("event/CLICKED", 150)));
        assert!(in_window(&Filter::default(), &entry("msg/text", 0)));
        assert!(!windowed(&Filter::default()));
    }

    #[test]
    fn printable_keeps_lines_and_escapes_the_rest() {
        assert_eq!(printable("a\nb"), "a\nb");
        assert_eq!(printable("\u{1b}[31mred\u{9b}"), "\\u{1b}[31mred\\u{9b}");
        assert_eq!(plural(1, "queued push"), "1 queued push");
        assert_eq!(plural(2, "queued push"), "2 queued pushes");
        assert_eq!(plural(0, "dead letter"), "0 dead letters");
        assert_eq!(one_line("a\nb\u{1b}[0m\r"), "a\\nb\\u{1b}[0m\\r");
    }
}
