//! Several instances, one gateway (issue 12): two real gateway processes sharing the machine's
//! Redis (127.0.0.1:6379; each test its own key prefix), and what happens when Redis is not
//! there.

use std::sync::Arc;
use std::sync::atomic::{AtomicU32, Ordering};
use std::time::Duration;

use crate::binary::{BIN, Running};
use crate::support::*;

pub const REDIS: &str = "redis://127.0.0.1:6379/0";

/// A key prefix no other run uses.
pub fn prefix(name: &str) -> String {
    format!("wxgw-it-{}-{name}-{}:", std::process::id(), fresh_nonce())
}

/// Deletes every key under `prefix` (best effort).
pub async fn clean(prefix: &str) {
    let Ok(client) = redis::Client::open(REDIS) else {
        return;
    };
    let Ok(mut conn) = client.get_multiplexed_async_connection().await else {
        return;
    };
    let keys: Vec<String> = redis::cmd("KEYS")
        .arg(format!("{prefix}*"))
        .query_async(&mut conn)
        .await
        .unwrap_or_default();
    if !keys.is_empty() {
        let _: Result<(), _> = redis::cmd("DEL").arg(keys).query_async(&mut conn).await;
    }
}

fn config(redis: &str, prefix: &str, backend: &str, extra: &str) -> String {
    format!(
        r#"{{"listen-host":"127.0.0.1","listen-port":0,"redis":"{redis}","redis-prefix":"{prefix}","services":[{{"name":"acct","wx-params":{{"token":"{TOKEN}","app-id":"{APP_ID}","aes-key":"{AES_KEY}"}},"listen-endpoints":{{"service-path":"/wx"}},"msg-proxy-pass":"{backend}"{extra}}}]}}"#
    )
}

/// Two instances of the same config.
fn two(name: &str, text: &str) -> (Running, Running, std::path::PathBuf) {
    let path =
        std::env::temp_dir().join(format!("wxg-cluster-{}-{name}.json", std::process::id()));
    std::fs::write(&path, text).unwrap();
    let spawn = || {
        Running::spawn(
            std::process::Command::new(BIN)
                .args(["serve", "--config"])
                .arg(&path),
        )
    };
    (spawn(), spawn(), path)
}

/// One try of a push: the same query and body each time (WeChat's retry), to `addr`.
async fn try_at(addr: &str, query: &str, body: &str) -> (u16, String, String) {
    let res = client()
        .post(format!("http://{addr}/wx?{query}"))
        .body(body.to_owned())
        .send()
        .await
        .unwrap();
    let outcome = res
        .headers()
        .get("x-wx-gateway-outcome")
        .map(|v| v.to_str().unwrap().to_owned())
        .unwrap_or_default();
    (
        res.status().as_u16(),
        outcome,
        res.text().await.unwrap_or_default(),
    )
}

/// WeChat's three tries spread over two instances: one backend call, the same reply to every
/// try — when the second try arrives while the first instance's call is still running, and
/// when it arrives after the call ended.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn tries_spread_over_two_instances_reach_the_backend_once() {
    let calls = Arc::new(AtomicU32::new(0));
    let counted = Arc::clone(&calls);
    let be = backend(move |r| {
        counted.fetch_add(1, Ordering::SeqCst);
        let text = r.body["Content"].as_str().unwrap_or_default().to_owned();
        Answer::slow(&format!(r#"{{"type":"text","msg":"re: {text}"}}"#), 1200)
    })
    .await;
    let prefix = prefix("tries");
    let (a, b, path) = two("tries", &config(REDIS, &prefix, &be.base(), ""));

    // The second try comes to B while A's call runs; the third to A after it ended.
    let (query, body) = safe_push(&text_xml("one", 501));
    let first = {
        let (addr, q, body) = (a.addr.clone(), query.clone(), body.clone());
        tokio::spawn(async move { try_at(&addr, &q, &body).await })
    };
    tokio::time::sleep(Duration::from_millis(300)).await;
    let second = try_at(&b.addr, &query, &body).await;
    let first = first.await.unwrap();
    let third = try_at(&a.addr, &query, &body).await;
    assert_eq!((first.0, first.1.as_str()), (200, "forwarded"));
    assert_eq!((second.0, second.1.as_str()), (200, "retry-deduplicated"), "{}", b.log());
    assert_eq!((third.0, third.1.as_str()), (200, "retry-deduplicated"));
    for (_, _, envelope) in [&first, &second, &third] {
        assert!(open_reply(envelope).contains("re: one"));
    }
    // A push whose call ended before its retry reaches the other instance.
    let (query, body) = safe_push(&text_xml("two", 502));
    let first = try_at(&b.addr, &query, &body).await;
    let second = try_at(&a.addr, &query, &body).await;
    assert_eq!(first.1, "forwarded");
    assert_eq!(second.1, "retry-deduplicated");
    assert!(open_reply(&second.2).contains("re: two"));
    assert_eq!(calls.load(Ordering::SeqCst), 2, "one backend call per push");
    drop((a, b));
    let _ = std::fs::remove_file(&path);
    clean(&prefix).await;
}

/// A signed query seen by one instance cannot sign another body at the other (the replay
/// cache is shared).
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_signature_used_at_one_instance_cannot_sign_another_body_at_the_other() {
    let be = backend(|_| Answer::json(r#"{"type":"text","msg":"ok"}"#)).await;
    let prefix = prefix("replay");
    let (a, b, path) = two("replay", &config(REDIS, &prefix, &be.base(), ""));
    let query = plain_query(TOKEN);
    let (status, outcome, _) = try_at(&a.addr, &query, &text_xml("genuine", 601)).await;
    assert_eq!((status, outcome.as_str()), (200, "forwarded"));
    let (status, outcome, _) = try_at(&b.addr, &query, &text_xml("forged", 602)).await;
    assert_eq!((status, outcome.as_str()), (403, "forgery"), "{}", b.log());
    assert_eq!(be.received().len(), 1);
    drop((a, b));
    let _ = std::fs::remove_file(&path);
    clean(&prefix).await;
}

/// A Redis nobody listens on: every push is still answered in time, from local state, and the
/// metrics say Redis is down.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn without_redis_every_push_is_still_answered_in_time() {
    let be = backend(|_| Answer::json(r#"{"type":"text","msg":"alone"}"#)).await;
    let dead = format!("redis://{}/0", free_addr());
    let metrics = free_addr();
    let text = config(&dead, "wxgw-dead:", &be.base(), "").replacen(
        r#""listen-port":0,"#,
        &format!(r#""listen-port":0,"metrics-listen":"{metrics}","#),
        1,
    );
    let path = std::env::temp_dir().join(format!("wxg-cluster-{}-dead.json", std::process::id()));
    std::fs::write(&path, text).unwrap();
    let gw = Running::spawn(
        std::process::Command::new(BIN)
            .args(["serve", "--config"])
            .arg(&path),
    );
    for n in 0..5 {
        let started = std::time::Instant::now();
        let (query, body) = safe_push(&text_xml("hi", 700 + n));
        let (status, outcome, envelope) = try_at(&gw.addr, &query, &body).await;
        assert_eq!((status, outcome.as_str()), (200, "forwarded"));
        assert!(open_reply(&envelope).contains("alone"));
        assert!(started.elapsed() < Duration::from_secs(1), "{:?}", started.elapsed());
    }
    let scraped = client()
        .get(format!("http://{metrics}/metrics"))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    let scrape = crate::metrics::parse(&scraped);
    assert_eq!(crate::metrics::value(&scrape, "wxgw_redis_up", &[]), Some(0.0));
    assert_eq!(gw.count("redis unreachable"), 1, "logged once: {}", gw.log());
    let _ = std::fs::remove_file(&path);
}
