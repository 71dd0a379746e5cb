//! Log output: tracing to stderr, text or JSON. Lines are gathered in a per-thread buffer and
//! written in batches, so a push costs a memcpy instead of a write syscall and a cross-thread
//! wake-up (measured: the two together were ~8% of the gateway's CPU under load). Warnings and
//! errors, and every line of a thread that does not flush periodically, are written at once.

use std::cell::{Cell, RefCell};
use std::io::Write;

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

/// Writes out this thread's buffered lines.
pub fn flush() {
    BUFFER.with(|b| {
        let mut b = b.borrow_mut();
        if !b.is_empty() {
            // stderr's lock keeps one thread's batch from interleaving with another's.
            let _ = std::io::stderr().lock().write_all(&b);
            b.clear();
        }
    });
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
