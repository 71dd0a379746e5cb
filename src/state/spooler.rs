//! The embedded spool as the gateway uses it: one thread owns the SQLite connection and takes
//! commands from a bounded queue, in the order they were made; runs of inserts share one
//! transaction (one fsync for all the pushes spooled meanwhile). The spool directory is locked
//! while `serve` runs, so two gateways never redeliver the same pushes.

use std::fs::File;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, mpsc};
use std::time::Duration;

use tokio::sync::oneshot;

use super::spool::{Entry, LOCK_FILE, NewEntry, ServiceStats, Settle, SpoolError, Store, Write};
use super::{BoxFut, Spool};
use crate::clock;

/// Commands waiting for the spool thread, at most.
const QUEUE: usize = 8192;
/// Inserts committed in one transaction, at most.
const BATCH: usize = 512;

type Reply<T> = oneshot::Sender<Result<T, SpoolError>>;

enum Cmd {
    Insert(NewEntry, Reply<()>),
    Settle(String, Settle, Reply<()>),
    Due(String, usize, Reply<Vec<Entry>>),
    NextDue(String, Reply<Option<i64>>),
    Head(String, Reply<Option<Entry>>),
    Lanes(String, usize, Reply<Vec<String>>),
    Paused(Reply<Vec<String>>),
    PullForward(String, Reply<usize>),
    Expire(Duration, Reply<Vec<Entry>>),
    Version(Reply<i64>),
    Claim(String, i64, Reply<bool>),
    Flush(Reply<()>),
    Stats(Reply<Vec<ServiceStats>>),
}

/// Dead letters moved in one transaction, at most.
const EXPIRE_BATCH: usize = 500;

/// What the spool has done since start (for the operator: logs now, metrics later).
#[derive(Default, Debug)]
pub struct Counters {
    /// Pushes written to the spool.
    pub spooled: AtomicU64,
    /// Writes that failed (full disk, unwritable directory, full queue): those pushes were
    /// answered but are not durable.
    pub write_failures: AtomicU64,
    /// The last write failed (cleared by the next one that succeeds).
    pub failing: std::sync::atomic::AtomicBool,
}

impl Counters {
    /// Counts one insert's result.
    pub fn record<T, E>(&self, result: &Result<T, E>) {
        self.failing.store(result.is_err(), Ordering::Relaxed);
        let counter = match result {
            Ok(_) => &self.spooled,
            Err(_) => &self.write_failures,
        };
        counter.fetch_add(1, Ordering::Relaxed);
    }
}

/// The embedded spool.
pub struct Embedded {
    tx: mpsc::SyncSender<Cmd>,
    dir: PathBuf,
    pub counters: Arc<Counters>,
    /// Held while the gateway runs: the advisory lock on `serve.lock`.
    _lock: File,
}

impl Embedded {
    /// Opens (creating) the spool in `dir` and starts its thread. Fails when another gateway
    /// holds the directory.
    pub fn start(dir: &Path) -> Result<Embedded, SpoolError> {
        let mut store = Store::open(dir)?;
        let lock = lock(dir)?;
        // Only after the lock: this is now the one gateway of this spool.
        store.release_all(clock::unix_millis())?;
        let (tx, rx) = mpsc::sync_channel(QUEUE);
        let owned = dir.to_owned();
        std::thread::Builder::new()
            .name("wxg-spool".into())
            .spawn(move || run(&mut store, &owned, rx))
            .map_err(|e| SpoolError::Unavailable(format!("cannot start the spool thread: {e}")))?;
        Ok(Embedded {
            tx,
            dir: dir.to_owned(),
            counters: Arc::default(),
            _lock: lock,
        })
    }

    pub fn dir(&self) -> &Path {
        &self.dir
    }

    /// Queues a command now (so calls are ordered as they are made) and returns its answer.
    fn send<T: Send + 'static>(
        &self,
        make: impl FnOnce(Reply<T>) -> Cmd,
    ) -> BoxFut<Result<T, SpoolError>> {
        self.queue(make, false)
    }

    /// As [`Self::send`]; with `never_drop`, a full queue is waited for off the runtime
    /// instead of failing the command.
    fn queue<T: Send + 'static>(
        &self,
        make: impl FnOnce(Reply<T>) -> Cmd,
        never_drop: bool,
    ) -> BoxFut<Result<T, SpoolError>> {
        let (reply, answer) = oneshot::channel();
        let stopped = || SpoolError::Unavailable("the spool thread has stopped".into());
        let queued = match self.tx.try_send(make(reply)) {
            Ok(()) => Ok(()),
            Err(mpsc::TrySendError::Full(cmd)) if never_drop => {
                let tx = self.tx.clone();
                tokio::task::spawn_blocking(move || {
                    let _ = tx.send(cmd);
                });
                Ok(())
            }
            Err(mpsc::TrySendError::Full(_)) => Err(SpoolError::Unavailable(format!(
                "{QUEUE} spool writes are already waiting (the disk is too slow)"
            ))),
            Err(mpsc::TrySendError::Disconnected(_)) => Err(stopped()),
        };
        Box::pin(async move {
            queued?;
            answer.await.map_err(|_| stopped())?
        })
    }
}

impl Spool for Embedded {
    fn insert(&self, entry: NewEntry) -> BoxFut<Result<(), SpoolError>> {
        let fut = self.send(|r| Cmd::Insert(entry, r));
        let counters = Arc::clone(&self.counters);
        Box::pin(async move {
            let result = fut.await;
            counters.record(&result);
            result
        })
    }
    fn settle(&self, id: String, settle: Settle) -> BoxFut<Result<(), SpoolError>> {
        // Never dropped for a full queue: a lost "delivered" would redeliver the push. The
        // queue is full only when the disk is slow.
        self.queue(|r| Cmd::Settle(id, settle, r), true)
    }
    fn claim(&self, id: String, lease_until: i64) -> BoxFut<Result<bool, SpoolError>> {
        self.send(|r| Cmd::Claim(id, lease_until, r))
    }
    fn flush(&self) -> BoxFut<Result<(), SpoolError>> {
        self.send(Cmd::Flush)
    }
    fn due(&self, service: String, limit: usize) -> BoxFut<Result<Vec<Entry>, SpoolError>> {
        self.send(|r| Cmd::Due(service, limit, r))
    }
    fn next_due(&self, service: String) -> BoxFut<Result<Option<i64>, SpoolError>> {
        self.send(|r| Cmd::NextDue(service, r))
    }
    fn head(&self, service: String) -> BoxFut<Result<Option<Entry>, SpoolError>> {
        self.send(|r| Cmd::Head(service, r))
    }
    fn lanes(&self, service: String, limit: usize) -> BoxFut<Result<Vec<String>, SpoolError>> {
        self.send(|r| Cmd::Lanes(service, limit, r))
    }
    fn paused(&self) -> BoxFut<Result<Vec<String>, SpoolError>> {
        self.send(Cmd::Paused)
    }
    fn pull_forward(&self, service: String) -> BoxFut<Result<usize, SpoolError>> {
        self.send(|r| Cmd::PullForward(service, r))
    }
    fn expire(&self, max_age: Duration) -> BoxFut<Result<Vec<Entry>, SpoolError>> {
        self.send(|r| Cmd::Expire(max_age, r))
    }
    fn version(&self) -> BoxFut<Result<i64, SpoolError>> {
        self.send(Cmd::Version)
    }
    fn healthy(&self) -> bool {
        !self.counters.failing.load(Ordering::Relaxed)
    }
    fn stats(&self) -> BoxFut<Result<Vec<ServiceStats>, SpoolError>> {
        self.send(Cmd::Stats)
    }
    fn write_failures(&self) -> u64 {
        self.counters.write_failures.load(Ordering::Relaxed)
    }
    fn spooled(&self) -> u64 {
        self.counters.spooled.load(Ordering::Relaxed)
    }
}

/// Takes the advisory lock on `dir/serve.lock` (released by the kernel when the process dies,
/// `kill -9` included).
fn lock(dir: &Path) -> Result<File, SpoolError> {
    use std::io::Write;
    let path = dir.join(LOCK_FILE);
    use std::os::unix::fs::OpenOptionsExt;
    // Not through a symlink planted in the directory (it would be truncated below).
    let mut file = std::fs::OpenOptions::new()
        .create(true)
        .truncate(false)
        .read(true)
        .write(true)
        .mode(0o600)
        .custom_flags(rustix::fs::OFlags::NOFOLLOW.bits() as i32)
        .open(&path)
        .map_err(|e| SpoolError::Open {
            dir: dir.display().to_string(),
            message: format!("cannot open {LOCK_FILE}: {e}"),
        })?;
    if rustix::fs::flock(&file, rustix::fs::FlockOperation::NonBlockingLockExclusive).is_err() {
        let holder = std::fs::read_to_string(&path).unwrap_or_default();
        return Err(SpoolError::Open {
            dir: dir.display().to_string(),
            message: format!(
                "in use by another wx-gateway serve{}; give each gateway its own spool.dir",
                match holder.trim() {
                    "" => String::new(),
                    pid => format!(" (pid {})", crate::untrusted::excerpt(pid)),
                }
            ),
        });
    }
    let _ = file.set_len(0);
    let _ = write!(file, "{}", std::process::id());
    Ok(file)
}

/// The spool thread: commands in order; consecutive writes in one transaction.
fn run(store: &mut Store, dir: &Path, rx: mpsc::Receiver<Cmd>) {
    let mut pending: Vec<Cmd> = Vec::new();
    let mut checked = std::time::Instant::now();
    while let Ok(first) = rx.recv() {
        if checked.elapsed() >= Duration::from_secs(1) {
            checked = std::time::Instant::now();
            reopen_if_replaced(store, dir);
        }
        pending.push(first);
        while pending.len() < BATCH {
            match rx.try_recv() {
                Ok(c) => pending.push(c),
                Err(_) => break,
            }
        }
        let mut writes: Vec<(Write, Reply<()>)> = Vec::new();
        for cmd in pending.drain(..) {
            match cmd {
                Cmd::Insert(e, r) => writes.push((Write::Insert(e), r)),
                Cmd::Settle(id, s, r) => writes.push((Write::Settle(id, s), r)),
                other => {
                    commit(store, &mut writes);
                    execute(store, other);
                }
            }
        }
        commit(store, &mut writes);
    }
}

/// A `spool.db` deleted or replaced under the gateway takes writes no restart would find: it
/// is said loudly and the spool opened afresh at its path.
fn reopen_if_replaced(store: &mut Store, dir: &Path) {
    if store.still_there() {
        return;
    }
    tracing::error!(
        dir = %dir.display(),
        "SPOOL FILE DELETED OR REPLACED under the running gateway: pushes spooled since are in the old file, which is gone; opening a new spool"
    );
    match Store::open(dir) {
        Ok(fresh) => *store = fresh,
        Err(e) => tracing::error!(error = %e, "spool: could not open a new spool file"),
    }
}

/// Consecutive inserts and settles go to disk in one transaction (one fsync). When the
/// transaction fails, each write is tried on its own, so one bad write fails alone.
fn commit(store: &mut Store, writes: &mut Vec<(Write, Reply<()>)>) {
    if writes.is_empty() {
        return;
    }
    let (batch, replies): (Vec<Write>, Vec<Reply<()>>) = writes.drain(..).unzip();
    let now = clock::unix_millis();
    if batch.len() > 1 && store.write(&batch, now).is_ok() {
        for r in replies {
            let _ = r.send(Ok(()));
        }
        return;
    }
    for (w, r) in batch.into_iter().zip(replies) {
        let result = store.write(std::slice::from_ref(&w), now);
        let _ = r.send(result.map_err(|e| SpoolError::Unavailable(e.to_string())));
    }
}

fn execute(store: &mut Store, cmd: Cmd) {
    let now = clock::unix_millis();
    match cmd {
        Cmd::Insert(e, r) => commit(store, &mut vec![(Write::Insert(e), r)]),
        Cmd::Settle(id, s, r) => commit(store, &mut vec![(Write::Settle(id, s), r)]),
        Cmd::Due(service, limit, r) => {
            let _ = r.send(store.due(&service, now, limit));
        }
        Cmd::NextDue(service, r) => {
            let _ = r.send(store.next_due(&service));
        }
        Cmd::Head(service, r) => {
            let _ = r.send(store.head(&service));
        }
        Cmd::Lanes(service, limit, r) => {
            let _ = r.send(store.lanes(&service, limit));
        }
        Cmd::Paused(r) => {
            let _ = r.send(store.paused());
        }
        Cmd::PullForward(service, r) => {
            let _ = r.send(store.pull_forward(&service, now));
        }
        Cmd::Expire(max_age, r) => {
            let _ = r.send(store.expire(now, max_age, EXPIRE_BATCH));
        }
        Cmd::Version(r) => {
            let _ = r.send(store.data_version());
        }
        Cmd::Claim(id, lease_until, r) => {
            let _ = r.send(store.claim(&id, now, lease_until));
        }
        Cmd::Flush(r) => {
            let _ = r.send(Ok(()));
        }
        Cmd::Stats(r) => {
            let _ = r.send(store.stats(now));
        }
    }
}
