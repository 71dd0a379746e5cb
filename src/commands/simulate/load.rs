//! `simulate --count N`: a small load run through the same crafting and checks as one push,
//! summarised (latency percentiles, statuses, the gateway's outcomes).

use std::collections::BTreeMap;
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Instant;

use anyhow::anyhow;
use serde_json::json;

use super::Session;
use super::catalogue::build;
use super::exchange::{craft, craft_verify, judge, ms, print_request, send};
use crate::cli::PushKind;
use crate::commands::{Failure, Problem};
use crate::outln;

/// `--count N`: N pushes, `--concurrency` at a time, each with its own MsgId; a latency summary.
pub(super) async fn load(s: Arc<Session>, first_id: u64, kind: String) -> Result<(), Failure> {
    let (ui, args) = (&s.ui, &s.args);
    let total = args.count as usize;
    let next = Arc::new(AtomicUsize::new(0));
    let bar = if ui.interactive() && !args.output.json {
        indicatif::ProgressBar::new(total as u64)
    } else {
        indicatif::ProgressBar::hidden()
    };
    bar.set_style(
        indicatif::ProgressStyle::with_template("{bar:40} {pos}/{len} pushes {per_sec} eta {eta}")
            .unwrap_or_else(|_| indicatif::ProgressStyle::default_bar()),
    );
    // Pushes are built up front so the workers share nothing but the counter.
    let mut pushes = Vec::with_capacity(total);
    for i in 0..total {
        pushes.push(if let PushKind::Verify = args.push {
            craft_verify(&s)
        } else {
            craft(&s, &build(&args.push, args, first_id + i as u64)?)
        });
    }
    let pushes = Arc::new(pushes);
    if !args.output.json {
        print_request(&s, &pushes[0], &format!("{kind} ×{total}"));
    }
    let started = Instant::now();
    let mut workers = Vec::new();
    for _ in 0..args.concurrency {
        let (client, pushes, next, bar, timeout) = (
            s.client.clone(),
            Arc::clone(&pushes),
            Arc::clone(&next),
            bar.clone(),
            args.timeout,
        );
        workers.push(tokio::spawn(async move {
            let mut out = Vec::new();
            loop {
                let i = next.fetch_add(1, Ordering::Relaxed);
                if i >= pushes.len() {
                    return out;
                }
                out.push((i, send(&client, &pushes[i], timeout).await));
                bar.inc(1);
            }
        }));
    }
    let mut exchanges = Vec::new();
    for w in workers {
        for (i, r) in w
            .await
            .map_err(|e| Failure::Failed(anyhow!("worker: {e}")))?
        {
            exchanges.push(judge(&s, &pushes[i], r));
        }
    }
    bar.finish_and_clear();
    let elapsed = started.elapsed();
    let mut lat: Vec<_> = exchanges
        .iter()
        .filter(|e| e.status.is_some())
        .map(|e| e.latency)
        .collect();
    lat.sort();
    let pct = |p: f64| -> f64 {
        if lat.is_empty() {
            0.0
        } else {
            ms(lat[((lat.len() - 1) as f64 * p).round() as usize])
        }
    };
    let mut statuses: BTreeMap<String, usize> = BTreeMap::new();
    let mut outcomes: BTreeMap<String, usize> = BTreeMap::new();
    for e in &exchanges {
        let status = e.status.map_or("none".to_owned(), |s| s.to_string());
        *statuses.entry(status).or_default() += 1;
        let outcome = e.outcome.clone().unwrap_or_else(|| "none".to_owned());
        *outcomes.entry(outcome).or_default() += 1;
    }
    let failed = exchanges.iter().filter(|e| !e.problems.is_empty()).count();
    let rate = exchanges.len() as f64 / elapsed.as_secs_f64().max(1e-9);
    let first = exchanges.iter().find_map(|e| e.problems.first());
    let failure = first.map(|p| Problem {
        message: format!(
            "{failed} of {total} pushes failed; the first: {}",
            p.message
        ),
        ..p.clone()
    });
    if args.output.json {
        let mut out = json!({"ok": failed == 0, "push": kind,
            "mode": s.mode_name(&pushes[0]), "url": s.url,
            "count": exchanges.len(), "concurrency": args.concurrency, "failed": failed,
            "elapsed_ms": ms(elapsed), "per_second": (rate * 100.0).round() / 100.0,
            "latency_ms": {"min": pct(0.0), "p50": pct(0.5), "p90": pct(0.9), "p99": pct(0.99), "max": pct(1.0)},
            "statuses": statuses, "outcomes": outcomes,
            "first_problem": first.map(Problem::line)});
        if let Some(p) = &failure {
            out["error"] = p.json();
        }
        outln!("{out}");
        return match failure {
            None => Ok(()),
            Some(p) => Err(Failure::Shown(p.into())),
        };
    }
    outln!(
        "{} pushes in {:.2} s ({rate:.0}/s), {} failed",
        exchanges.len(),
        elapsed.as_secs_f64(),
        if failed == 0 {
            ui.good("0")
        } else {
            ui.bad(&failed.to_string())
        }
    );
    outln!(
        "latency ms: min {:.1}  p50 {:.1}  p90 {:.1}  p99 {:.1}  max {:.1}",
        pct(0.0),
        pct(0.5),
        pct(0.9),
        pct(0.99),
        pct(1.0)
    );
    let list = |m: &BTreeMap<String, usize>| {
        m.iter()
            .map(|(k, n)| format!("{k} {n}"))
            .collect::<Vec<_>>()
            .join(", ")
    };
    outln!(
        "statuses: {}   outcomes: {}",
        list(&statuses),
        list(&outcomes)
    );
    match failure {
        None => {
            outln!("{}", ui.good("✓ ok"));
            Ok(())
        }
        Some(p) => Err(Failure::Failed(p.into())),
    }
}
