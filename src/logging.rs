//! Log output: tracing to stderr, text or JSON. Lines are gathered in a per-thread buffer and
//! handed over in batches, so a push costs a memcpy instead of a write syscall and a
//! cross-thread wake-up (measured: the two together were ~8% of the gateway's CPU under load).
//! Warnings and errors, and every line of a thread that does not flush periodically, are
//! handed over at once. One writer thread writes the batches to stderr: a serving thread never
//! blocks on a stderr nobody reads (a stalled log pipe); when the bounded queue is full, the
//! batch is dropped and counted, and the count is written once stderr moves again.

use std::cell::{Cell, RefCell};
use std::io::Write;
use std::sync::OnceLock;
use std::sync::atomic::{AtomicU64, AtomicUsize, Ordering};
use std::sync::mpsc::{SyncSender, TrySendError, sync_channel};

use tracing::{Level, Metadata};
use tracing_subscriber::fmt::MakeWriter;

use crate::config::LogFormat;

/// A buffer is written out when it grows past this.
const FLUSH_BYTES: usize = 32 * 1024;

thread_local! {
    static BUFFER: RefCell<Vec<u8>> = const { RefCell::new(Vec::new()) };
    /// Set on threads that call [`flush`] periodically; elsewhere every line goes out at once.
    static BATCHING: Cell<bool> = const { Cell::new(false) };
}

/// Marks this thread as one that calls [`flush`] at least every few hundred milliseconds.
pub fn batch_this_thread() {
    BATCHING.with(|b| b.set(true));
}

/// Batches waiting for the writer thread, at most.
const QUEUED_BATCHES: usize = 256;

/// Lines dropped because the queue was full.
static DROPPED: AtomicU64 = AtomicU64::new(0);
/// Batches handed over and not yet written.
static PENDING: AtomicUsize = AtomicUsize::new(0);

/// The writer thread's queue, started on first use.
fn writer() -> Option<&'static SyncSender<Vec<u8>>> {
    static SINK: OnceLock<Option<SyncSender<Vec<u8>>>> = OnceLock::new();
    SINK.get_or_init(|| {
        let (tx, rx) = sync_channel::<Vec<u8>>(QUEUED_BATCHES);
        let spawned = std::thread::Builder::new()
            .name("wx-gateway-log".into())
            .spawn(move || {
                for batch in rx {
                    let mut err = std::io::stderr().lock();
                    let _ = err.write_all(&batch);
                    let dropped = DROPPED.swap(0, Ordering::AcqRel);
                    if dropped > 0 {
                        let _ = writeln!(
                            err,
                            "wx-gateway: {dropped} log lines dropped: stderr was not being read"
                        );
                    }
                    PENDING.fetch_sub(1, Ordering::AcqRel);
                }
            });
        spawned.ok().map(|_| tx)
    })
    .as_ref()
}

/// Hands this thread's buffered lines to the writer thread; never blocks.
pub fn flush() {
    BUFFER.with(|b| {
        let mut b = b.borrow_mut();
        if b.is_empty() {
            return;
        }
        let batch = std::mem::take(&mut *b);
        let Some(tx) = writer() else {
            // No thread could be started: write here rather than lose the lines.
            let _ = std::io::stderr().lock().write_all(&batch);
            return;
        };
        PENDING.fetch_add(1, Ordering::AcqRel);
        if let Err(TrySendError::Full(batch) | TrySendError::Disconnected(batch)) =
            tx.try_send(batch)
        {
            PENDING.fetch_sub(1, Ordering::AcqRel);
            let lines = batch.iter().filter(|c| **c == b'\n').count();
            DROPPED.fetch_add(lines as u64, Ordering::AcqRel);
        }
    });
}

/// Flushes this thread, then waits (up to `limit`) until the writer thread has written every
/// batch handed to it: for the last lines before the process exits.
pub fn drain(limit: std::time::Duration) {
    flush();
    let started = std::time::Instant::now();
    while PENDING.load(Ordering::Acquire) > 0 && started.elapsed() < limit {
        std::thread::sleep(std::time::Duration::from_millis(1));
    }
}

/// The writer of one log line.
pub struct LineWriter {
    immediate: bool,
}

impl Write for LineWriter {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        BUFFER.with(|b| b.borrow_mut().extend_from_slice(buf));
        Ok(buf.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

impl Drop for LineWriter {
    fn drop(&mut self) {
        let full = BUFFER.with(|b| b.borrow().len() >= FLUSH_BYTES);
        if self.immediate || full || !BATCHING.with(Cell::get) {
            flush();
        }
    }
}

/// The tracing writer factory.
pub struct Stderr;

impl<'a> MakeWriter<'a> for Stderr {
    type Writer = LineWriter;

    fn make_writer(&'a self) -> LineWriter {
        LineWriter { immediate: true }
    }

    fn make_writer_for(&'a self, meta: &Metadata<'_>) -> LineWriter {
        LineWriter {
            immediate: *meta.level() <= Level::WARN,
        }
    }
}

/// Installs the global subscriber: `RUST_LOG` filter (default `info`), colour only on a
/// terminal without `NO_COLOR`.
pub fn init(format: LogFormat) {
    use std::io::IsTerminal;
    let filter = tracing_subscriber::EnvFilter::try_from_env("RUST_LOG")
        .unwrap_or_else(|_| tracing_subscriber::EnvFilter::new("info"));
    let ansi = std::io::stderr().is_terminal() && std::env::var_os("NO_COLOR").is_none();
    let builder = tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_ansi(ansi)
        .with_writer(Stderr);
    let _ = match format {
        LogFormat::Json => builder.json().flatten_event(true).try_init(),
        LogFormat::Text => builder.try_init(),
    };
}

/// At most one line a second from one place (accept errors, a full table): the lines skipped
/// meanwhile are counted and reported with the next one.
pub struct Throttle {
    last_second: std::sync::atomic::AtomicI64,
    skipped: std::sync::atomic::AtomicU64,
}

impl Throttle {
    pub const fn new() -> Throttle {
        Throttle {
            last_second: std::sync::atomic::AtomicI64::new(i64::MIN),
            skipped: std::sync::atomic::AtomicU64::new(0),
        }
    }

    /// `Some(lines skipped since the last one)` when a line may be written now.
    pub fn ready(&self) -> Option<u64> {
        use std::sync::atomic::Ordering;
        let now = crate::clock::unix_now();
        let last = self.last_second.load(Ordering::Relaxed);
        if now > last
            && self
                .last_second
                .compare_exchange(last, now, Ordering::AcqRel, Ordering::Relaxed)
                .is_ok()
        {
            return Some(self.skipped.swap(0, Ordering::AcqRel));
        }
        self.skipped.fetch_add(1, Ordering::Relaxed);
        None
    }
}

impl Default for Throttle {
    fn default() -> Self {
        Throttle::new()
    }
}
