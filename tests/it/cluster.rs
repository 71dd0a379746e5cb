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
    let path = std::env::temp_dir().join(format!("wxg-cluster-{}-{name}.json", std::process::id()));
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
    assert_eq!(
        (second.0, second.1.as_str()),
        (200, "retry-deduplicated"),
        "{}",
        b.log()
    );
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
    // The handshake too: its signature at one instance cannot echo another string at the
    // other, while the same handshake again (WeChat's retry) is answered.
    let handshake = |addr: &str, query: &str, echostr: &str| {
        let url = format!("http://{addr}/wx?{query}&echostr={echostr}");
        async move {
            let res = client().get(url).send().await.unwrap();
            res.status().as_u16()
        }
    };
    let query = plain_query(TOKEN);
    assert_eq!(handshake(&a.addr, &query, "e1").await, 200);
    assert_eq!(handshake(&b.addr, &query, "e1").await, 200);
    assert_eq!(handshake(&b.addr, &query, "e2").await, 403);
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
        // In time for WeChat (5 s), with room for a loaded test machine.
        assert!(
            started.elapsed() < Duration::from_secs(4),
            "{:?}",
            started.elapsed()
        );
    }
    let scrape = crate::metrics::scrape_at(metrics).await;
    assert_eq!(
        crate::metrics::value(&scrape, "wxgw_redis_up", &[]),
        Some(0.0)
    );
    assert_eq!(
        gw.count("redis unreachable"),
        1,
        "logged once: {}",
        gw.log()
    );
    let _ = std::fs::remove_file(&path);
}

/// A backend that answers 503 while the flag is set (it starts set), then a text reply.
async fn down_backend() -> (Backend, Arc<std::sync::atomic::AtomicBool>) {
    let down = Arc::new(std::sync::atomic::AtomicBool::new(true));
    let flag = Arc::clone(&down);
    let be = backend(move |_| {
        if flag.load(Ordering::SeqCst) {
            Answer {
                status: 503,
                ..Answer::json("")
            }
        } else {
            Answer::json(r#"{"type":"text","msg":"ok"}"#)
        }
    })
    .await;
    (be, down)
}

/// A `redis-server` of the test's own, on a free port, that the test can stop and start.
struct OwnRedis {
    port: u16,
    child: Option<std::process::Child>,
}

impl OwnRedis {
    fn start(port: u16) -> OwnRedis {
        let child = std::process::Command::new("redis-server")
            .args(["--bind", "127.0.0.1", "--port", &port.to_string()])
            .args(["--save", "", "--appendonly", "no"])
            .stdout(std::process::Stdio::null())
            .spawn()
            .expect("redis-server (`.ci/run` installs it)");
        let up = (0..100).any(|_| {
            std::thread::sleep(Duration::from_millis(20));
            std::net::TcpStream::connect(("127.0.0.1", port)).is_ok()
        });
        assert!(up, "redis-server did not start");
        OwnRedis {
            port,
            child: Some(child),
        }
    }

    fn stop(&mut self) {
        if let Some(mut c) = self.child.take() {
            let _ = c.kill();
            let _ = c.wait();
        }
    }
}

impl Drop for OwnRedis {
    fn drop(&mut self) {
        self.stop();
    }
}

/// Redis stopped mid-run: every push is still answered in time (from local state) and
/// `wxgw_redis_up` says 0; Redis back: the gateway reconnects by itself and the shared state
/// resumes (a forgery across instances is refused again).
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn redis_stopped_and_back_mid_run() {
    let be = backend(|_| Answer::json(r#"{"type":"text","msg":"ok"}"#)).await;
    let port = free_addr().port();
    let mut own = OwnRedis::start(port);
    let url = format!("redis://127.0.0.1:{}/0", own.port);
    let metrics_a = free_addr();
    let text = config(&url, "flap:", &be.base(), "");
    let with_metrics = text.replacen(
        r#""listen-port":0,"#,
        &format!(r#""listen-port":0,"metrics-listen":"{metrics_a}","#),
        1,
    );
    let path = std::env::temp_dir().join(format!("wxg-cluster-{}-flap.json", std::process::id()));
    std::fs::write(&path, &with_metrics).unwrap();
    let a = Running::spawn(
        std::process::Command::new(BIN)
            .args(["serve", "--config"])
            .arg(&path),
    );
    let path_b = path.with_extension("b.json");
    std::fs::write(&path_b, &text).unwrap();
    let b = Running::spawn(
        std::process::Command::new(BIN)
            .args(["serve", "--config"])
            .arg(&path_b),
    );
    let redis_up = || async {
        crate::metrics::value(
            &crate::metrics::scrape_at(metrics_a).await,
            "wxgw_redis_up",
            &[],
        )
    };
    let mut n = 800;
    let mut push_at = |addr: String| {
        n += 1;
        let (query, body) = safe_push(&text_xml("flap", n));
        async move {
            let started = std::time::Instant::now();
            let (status, outcome, _) = try_at(&addr, &query, &body).await;
            assert_eq!((status, outcome.as_str()), (200, "forwarded"));
            // In time for WeChat (5 s), with room for a loaded test machine.
            assert!(
                started.elapsed() < Duration::from_secs(4),
                "{:?}",
                started.elapsed()
            );
        }
    };
    push_at(a.addr.clone()).await;
    assert_eq!(redis_up().await, Some(1.0));

    own.stop();
    for _ in 0..5 {
        push_at(a.addr.clone()).await;
        push_at(b.addr.clone()).await;
    }
    assert_eq!(redis_up().await, Some(0.0));
    assert_eq!(a.count("redis unreachable"), 1, "{}", a.log());

    let _own = OwnRedis::start(port);
    let query = plain_query(TOKEN);
    // Each push tries Redis again: the gateway reconnects by itself.
    let until = std::time::Instant::now() + Duration::from_secs(15);
    while redis_up().await != Some(1.0) {
        assert!(std::time::Instant::now() < until, "redis back: {}", a.log());
        let _ = try_at(&a.addr, &plain_query(TOKEN), &event_xml("VIEW", "")).await;
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    let (status, _, _) = try_at(&a.addr, &query, &text_xml("genuine", 901)).await;
    assert_eq!(status, 200);
    let (status, outcome, _) = try_at(&b.addr, &query, &text_xml("forged", 902)).await;
    assert_eq!((status, outcome.as_str()), (403, "forgery"), "{}", b.log());
    assert_eq!(redis_up().await, Some(1.0));
    let _ = std::fs::remove_file(&path);
    let _ = std::fs::remove_file(&path_b);
}

/// `kill -9` of an instance whose pushes wait in the shared spool: the other instance
/// delivers them once the backend is back, each once.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_other_instance_delivers_what_a_killed_one_spooled() {
    let (be, down) = down_backend().await;
    let prefix = prefix("kill9");
    let extra = r#","backend-timeout-ms":500,"late-reply-timeout-ms":1000"#;
    let (a, b, path) = two("kill9", &config(REDIS, &prefix, &be.base(), extra));
    for n in 0..6 {
        let (query, body) = safe_push(&text_xml(&format!("spooled {n}"), 1000 + n));
        let (status, outcome, _) = try_at(&a.addr, &query, &body).await;
        assert_eq!((status, outcome.as_str()), (200, "spooled"), "{}", a.log());
    }
    a.kill9();
    let before = be.received().len();
    down.store(false, Ordering::SeqCst);
    let wanted: std::collections::BTreeSet<String> =
        (0..6).map(|n| format!("spooled {n}")).collect();
    let delivered = || {
        be.received()
            .iter()
            .skip(before)
            .filter_map(|r| r.body["Content"].as_str().map(str::to_owned))
            .collect::<Vec<_>>()
    };
    eventually(Duration::from_secs(20), "B delivers A's spool", || {
        delivered()
            .iter()
            .cloned()
            .collect::<std::collections::BTreeSet<_>>()
            == wanted
    })
    .await;
    let got = delivered();
    assert_eq!(got.len(), 6, "each once: {got:?}");
    drop(b);
    let _ = std::fs::remove_file(&path);
    clean(&prefix).await;
}

/// A push spooled while Redis was down (into `spool.dir`) is still delivered, by this
/// instance, once the backend is back.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_push_spooled_while_redis_was_down_is_delivered() {
    let (be, down) = down_backend().await;
    let port = free_addr().port();
    let mut own = OwnRedis::start(port);
    let spool = crate::delivery::SpoolDir::new("redis-down");
    let text = config(
        &format!("redis://127.0.0.1:{port}/0"),
        "down:",
        &be.base(),
        r#","backend-timeout-ms":500,"late-reply-timeout-ms":1000"#,
    )
    .replacen(
        r#""listen-port":0,"#,
        &format!(r#""listen-port":0,"spool":{{"dir":"{}"}},"#, spool.json()),
        1,
    );
    let path = spool.0.with_extension("json");
    std::fs::write(&path, text).unwrap();
    let gw = Running::spawn(
        std::process::Command::new(BIN)
            .args(["serve", "--config"])
            .arg(&path),
    );
    own.stop();
    let (query, body) = safe_push(&text_xml("kept locally", 1100));
    let (status, outcome, _) = try_at(&gw.addr, &query, &body).await;
    assert_eq!((status, outcome.as_str()), (200, "spooled"), "{}", gw.log());
    assert_eq!(spool.list(false).len(), 1, "in the local spool");
    down.store(false, Ordering::SeqCst);
    eventually(
        Duration::from_secs(15),
        "delivered from the local spool",
        || {
            be.received()
                .iter()
                .any(|r| r.body["Content"] == "kept locally")
                && spool.list(false).is_empty()
        },
    )
    .await;
    let _ = std::fs::remove_file(&path);
}

/// Tokens across two gateway processes: 100 concurrent users spread over both cause one fetch
/// from WeChat; a token WeChat stops accepting, seen by both, causes one refetch.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn two_processes_share_one_access_token() {
    let wx = crate::fake_wechat::fake_wechat().await;
    wx.with(|s| s.fetch_delay_ms = 300);
    let prefix = prefix("tokens");
    let text = format!(
        r#"{{"listen-host":"127.0.0.1","listen-port":0,"redis":"{REDIS}","redis-prefix":"{prefix}","wechat-api-base":"{}","admin-token":"adm","common-endpoints":{{"wx-user":"/user"}},"services":[{{"name":"acct","wx-params":{{"token":"{TOKEN}","app-id":"{APP_ID}","app-secret":"{}"}},"listen-endpoints":{{"service-path":"/wx"}}}}]}}"#,
        wx.base(),
        crate::fake_wechat::SECRET
    );
    let (a, b, path) = two("tokens", &text);
    let get = |addr: String, path: String| async move {
        let res = client()
            .get(format!("http://{addr}{path}"))
            .bearer_auth("adm")
            .send()
            .await
            .unwrap();
        let status = res.status().as_u16();
        let v: serde_json::Value = serde_json::from_str(&res.text().await.unwrap()).unwrap();
        (status, v)
    };
    let all = futures_util::future::join_all((0..100).map(|i| {
        let addr = if i % 2 == 0 {
            a.addr.clone()
        } else {
            b.addr.clone()
        };
        get(addr, "/token?s=acct".into())
    }))
    .await;
    assert!(
        all.iter()
            .all(|(s, v)| *s == 200 && v["token"] == "TOKEN-1"),
        "{:?}",
        &all[..2]
    );
    assert_eq!(
        wx.with(|s| s.token_fetches),
        1,
        "one fetch for both instances"
    );
    // WeChat stops accepting TOKEN-1: calls on both instances, one refetch in all.
    wx.with(|s| s.invalid.push("TOKEN-1".into()));
    let results = futures_util::future::join_all((0..10).map(|i| {
        let addr = if i % 2 == 0 {
            a.addr.clone()
        } else {
            b.addr.clone()
        };
        get(addr, format!("/user?s=acct&o=o{i}"))
    }))
    .await;
    assert!(results.iter().all(|(s, _)| *s == 200), "{results:?}");
    assert_eq!(
        wx.with(|s| s.token_fetches),
        2,
        "one refetch for both instances"
    );
    drop((a, b));
    let _ = std::fs::remove_file(&path);
    clean(&prefix).await;
}

/// The instance that took a push dies while its backend call runs: WeChat's next try, at the
/// other instance, waits for the dead one's claim to lapse and calls the backend itself (the
/// push is not lost; the backend sees the same delivery id twice).
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_try_takes_over_the_push_of_an_instance_that_died() {
    let calls = Arc::new(AtomicU32::new(0));
    let counted = Arc::clone(&calls);
    let be = backend(move |r| {
        let n = counted.fetch_add(1, Ordering::SeqCst);
        let text = r.body["Content"].as_str().unwrap_or_default().to_owned();
        // The first call (the instance that dies) hangs; later ones answer at once.
        let ms = if n == 0 { 8000 } else { 0 };
        Answer::slow(&format!(r#"{{"type":"text","msg":"re: {text}"}}"#), ms)
    })
    .await;
    let prefix = prefix("takeover");
    let (a, b, path) = two("takeover", &config(REDIS, &prefix, &be.base(), ""));
    let (query, body) = safe_push(&text_xml("orphan", 1201));
    let first = {
        let (addr, q, body) = (a.addr.clone(), query.clone(), body.clone());
        tokio::spawn(async move {
            let _ = client()
                .post(format!("http://{addr}/wx?{q}"))
                .body(body)
                .send()
                .await;
        })
    };
    eventually(Duration::from_secs(5), "A called the backend", || {
        calls.load(Ordering::SeqCst) == 1
    })
    .await;
    a.kill9();
    let _ = first.await;
    let (status, outcome, envelope) = try_at(&b.addr, &query, &body).await;
    assert_eq!(
        (status, outcome.as_str()),
        (200, "forwarded"),
        "{}",
        b.log()
    );
    assert!(open_reply(&envelope).contains("re: orphan"));
    let ids: Vec<String> = be
        .received()
        .iter()
        .map(|r| {
            r.headers
                .get("x-wx-delivery-id")
                .map(|v| v.to_str().unwrap().to_owned())
                .unwrap_or_default()
        })
        .collect();
    assert_eq!(ids.len(), 2);
    assert_eq!(ids[0], ids[1], "the same delivery id");
    drop(b);
    let _ = std::fs::remove_file(&path);
    clean(&prefix).await;
}

/// Issue 14 §7: a Redis without persistence (AOF off; this machine's 7.0 has no `WAITAOF`
/// either). A push spooled while Redis holds it is delivered once, from Redis, and its shadow
/// copy in spool.dir is forgotten (0 duplicates); a push spooled (WeChat answered) before a
/// FLUSHALL is still delivered, once, from its shadow copy.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_push_answered_before_redis_lost_everything_is_delivered_once() {
    let (be, down) = down_backend().await;
    let port = free_addr().port();
    let _own = OwnRedis::start(port);
    let url = format!("redis://127.0.0.1:{port}/0");
    let spool = crate::delivery::SpoolDir::new("shadow");
    let text = config(
        &url,
        "shadow:",
        &be.base(),
        r#","backend-timeout-ms":500,"late-reply-timeout-ms":1000"#,
    )
    .replacen(
        r#""listen-port":0,"#,
        &format!(r#""listen-port":0,"spool":{{"dir":"{}"}},"#, spool.json()),
        1,
    );
    let path = spool.0.with_extension("json");
    std::fs::write(&path, text).unwrap();
    let gw = Running::spawn(
        std::process::Command::new(BIN)
            .args(["serve", "--config"])
            .arg(&path),
    );
    // Taken by the backend: its calls since it came back up (not the tries it answered 503).
    let up_at = std::sync::Mutex::new(0usize);
    let delivered = |text: &str| {
        be.received()
            .iter()
            .skip(*up_at.lock().unwrap())
            .filter(|r| r.body["Content"] == text)
            .count()
    };
    let shadows = || {
        let conn = rusqlite::Connection::open(spool.0.join("spool.db")).unwrap();
        conn.query_row("SELECT COUNT(*) FROM shadow", [], |r| r.get::<_, i64>(0))
            .unwrap()
    };
    // Redis intact: delivered from Redis once, the copy forgotten, never delivered again.
    let (query, body) = safe_push(&text_xml("kept by redis", 1301));
    let (status, outcome, _) = try_at(&gw.addr, &query, &body).await;
    assert_eq!((status, outcome.as_str()), (200, "spooled"), "{}", gw.log());
    assert_eq!(
        shadows(),
        1,
        "a shadow copy: redis did not confirm its fsync"
    );
    assert!(
        spool.list(false).is_empty(),
        "the copy is not queued locally"
    );
    *up_at.lock().unwrap() = be.received().len();
    down.store(false, Ordering::SeqCst);
    let until = std::time::Instant::now() + Duration::from_secs(15);
    while !(delivered("kept by redis") == 1 && shadows() == 0) {
        assert!(
            std::time::Instant::now() < until,
            "delivered {} shadows {}: {}",
            delivered("kept by redis"),
            shadows(),
            gw.log()
        );
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    // Redis loses everything after WeChat was answered.
    down.store(true, Ordering::SeqCst);
    let (query, body) = safe_push(&text_xml("lost by redis", 1302));
    let (status, outcome, _) = try_at(&gw.addr, &query, &body).await;
    assert_eq!((status, outcome.as_str()), (200, "spooled"), "{}", gw.log());
    assert_eq!(shadows(), 1);
    let client = redis::Client::open(url.as_str()).unwrap();
    let mut conn = client.get_multiplexed_async_connection().await.unwrap();
    let _: () = redis::cmd("FLUSHALL").query_async(&mut conn).await.unwrap();
    *up_at.lock().unwrap() = be.received().len();
    down.store(false, Ordering::SeqCst);
    eventually(Duration::from_secs(20), "delivered from the copy", || {
        delivered("lost by redis") == 1
    })
    .await;
    // Nothing more comes: each push once.
    tokio::time::sleep(Duration::from_secs(3)).await;
    assert_eq!(delivered("kept by redis"), 0, "not again from its copy");
    assert_eq!(delivered("lost by redis"), 1);
    assert_eq!(shadows(), 0);
    assert!(spool.list(false).is_empty());
    assert_eq!(gw.count("REDIS LOST PUSHES"), 1, "{}", gw.log());
    assert_eq!(gw.count("REDIS CAME BACK EMPTY"), 1, "{}", gw.log());
    assert_eq!(gw.count("appendonly off"), 1, "said at start: {}", gw.log());
    let _ = std::fs::remove_file(&path);
}
