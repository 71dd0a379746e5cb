//! `simulate --count N`: a small load run through the same crafting and checks as one push.

use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::Instant;

use anyhow::anyhow;
use serde_json::json;

use super::Session;
use super::catalogue::build;
use super::exchange::{craft, judge, send};
use crate::commands::Failure;

/// `--count N`: N pushes, `--concurrency` at a time, each with its own MsgId; a latency summary.
pub(super) async fn load(s: Arc<Session>, first_id: u64) -> Result<(), Failure> {
    let (ui, args, url) = (&s.ui, &s.args, s.url.as_str());
    let total = args.count as u64;
    let next = Arc::new(AtomicU64::new(0));
    let bar = if ui.interactive() && !args.output.json {
        indicatif::ProgressBar::new(total)
    } else {
        indicatif::ProgressBar::hidden()
    };
    bar.set_style(
        indicatif::ProgressStyle::with_template("{bar:40} {pos}/{len} pushes {per_sec} eta {eta}")
            .unwrap_or_else(|_| indicatif::ProgressStyle::default_bar()),
    );
    // Pushes are built up front so the workers share nothing but the counter.
    let mut pushes = Vec::with_capacity(total as usize);
    for i in 0..total {
        let xml = build(&args.push, args, first_id + i)?;
        pushes.push(craft(&s, &xml));
    }
    let pushes = Arc::new(pushes);
    let started = Instant::now();
    let mut workers = Vec::new();
    for _ in 0..args.concurrency.clamp(1, 1024) {
        let (client, pushes, next, bar) = (
            s.client.clone(),
            Arc::clone(&pushes),
            Arc::clone(&next),
            bar.clone(),
        );
        workers.push(tokio::spawn(async move {
            let mut out = Vec::new();
            loop {
                let i = next.fetch_add(1, Ordering::Relaxed);
                if i >= pushes.len() as u64 {
                    return out;
                }
                out.push(send(&client, &pushes[i as usize]).await);
                bar.inc(1);
            }
        }));
    }
    let mut exchanges = Vec::new();
    for w in workers {
        for r in w
            .await
            .map_err(|e| Failure::Failed(anyhow!("worker: {e}")))?
        {
            exchanges.push(judge(&s, r));
        }
    }
    bar.finish_and_clear();
    let elapsed = started.elapsed();
    let mut lat: Vec<f64> = exchanges
        .iter()
        .filter(|e| e.status.is_some())
        .map(|e| e.latency.as_secs_f64() * 1000.0)
        .collect();
    lat.sort_by(f64::total_cmp);
    let pct = |p: f64| -> f64 {
        if lat.is_empty() {
            0.0
        } else {
            lat[((lat.len() - 1) as f64 * p).round() as usize]
        }
    };
    let failed = exchanges.iter().filter(|e| !e.problems.is_empty()).count();
    let rate = exchanges.len() as f64 / elapsed.as_secs_f64().max(1e-9);
    if args.output.json {
        println!(
            "{}",
            json!({"ok": failed == 0, "url": url, "count": exchanges.len(), "failed": failed,
                   "per_second": (rate * 10.0).round() / 10.0,
                   "latency_ms": {"min": pct(0.0), "p50": pct(0.5), "p90": pct(0.9), "p99": pct(0.99), "max": pct(1.0)},
                   "first_problem": exchanges.iter().flat_map(|e| e.problems.iter()).next()})
        );
    } else {
        println!(
            "{} pushes in {:.2} s ({rate:.0}/s), {} failed",
            exchanges.len(),
            elapsed.as_secs_f64(),
            if failed == 0 {
                ui.good("0")
            } else {
                ui.bad(&failed.to_string())
            }
        );
        println!(
            "latency ms: min {:.1}  p50 {:.1}  p90 {:.1}  p99 {:.1}  max {:.1}",
            pct(0.0),
            pct(0.5),
            pct(0.9),
            pct(0.99),
            pct(1.0)
        );
        if let Some(p) = exchanges.iter().flat_map(|e| e.problems.iter()).next() {
            println!("  {} first problem: {p}", ui.bad("✗"));
        }
    }
    if failed == 0 {
        Ok(())
    } else {
        Err(Failure::Failed(anyhow!(
            "{failed} of {} pushes failed",
            exchanges.len()
        )))
    }
}
