//! Measures what the retry table and the replay cache cost when full: fills each to its default
//! capacity and prints the resident memory it added (Linux, from /proc/self/statm). Usage:
//! `cargo run --release --example table_memory`

use std::time::Duration;

use wx_gateway::config::{DEFAULT_DEDUPE_CAPACITY, DEFAULT_REPLAY_CAPACITY};
use wx_gateway::gateway::Outcome;
use wx_gateway::state::{Claim, Dedupe, ReplayCache};

fn rss_bytes() -> u64 {
    let statm = std::fs::read_to_string("/proc/self/statm").unwrap_or_default();
    let pages: u64 = statm
        .split_whitespace()
        .nth(1)
        .and_then(|p| p.parse().ok())
        .unwrap_or(0);
    pages * 4096
}

fn main() {
    let mib = |b: u64| b as f64 / (1 << 20) as f64;
    let before = rss_bytes();
    let replay = ReplayCache::new(DEFAULT_REPLAY_CAPACITY);
    let digest = replay.digest(b"<xml>message</xml>");
    for i in 0..DEFAULT_REPLAY_CAPACITY {
        replay.check(
            "service",
            (1_700_000_000, &i.to_string()),
            digest,
            Duration::from_secs(300),
            1_700_000_000,
        );
    }
    let after_replay = rss_bytes();
    println!(
        "replay cache: {} entries, {:.1} MiB, {:.0} bytes per entry",
        replay.entries(),
        mib(after_replay - before),
        (after_replay - before) as f64 / replay.entries() as f64
    );
    let dedupe = Dedupe::<Outcome>::new(DEFAULT_DEDUPE_CAPACITY);
    let with_handles = rss_bytes();
    for i in 0..DEFAULT_DEDUPE_CAPACITY {
        if let Claim::First(f) = dedupe.claim(&format!("service\0id:oUSER0123456789:{i}")) {
            // Answered, as nearly every entry of a full table is (its record dropped).
            f.finish();
        }
    }
    let after_dedupe = rss_bytes();
    println!(
        "retry table: {} entries, {:.1} MiB, {:.0} bytes per entry",
        dedupe.entries(),
        mib(after_dedupe - with_handles),
        (after_dedupe - with_handles) as f64 / dedupe.entries() as f64
    );
}
