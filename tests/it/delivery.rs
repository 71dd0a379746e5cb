//! Durable delivery against backends that go down, fail, hang and come back: the spool,
//! redelivery, dead letters, delivery ids; replies past the budget (`hold-for-retries`,
//! `late-reply`); and a gateway killed with `kill -9` in the middle.

use std::collections::{BTreeMap, BTreeSet};
use std::sync::Arc;
use std::sync::atomic::{AtomicU32, Ordering};
use std::time::{Duration, Instant};

use tokio::net::TcpListener;
use wx_gateway::config;
use wx_gateway::gateway;
use wx_gateway::state::spool::{Filter, Store};
use wx_gateway::state::{BoxFut, Entry, NewEntry, Settle, Spool, SpoolError};

use crate::fake_wechat::{SECRET, fake_wechat};
use crate::support::*;

/// A spool directory removed when dropped.
pub struct SpoolDir(pub std::path::PathBuf);

impl SpoolDir {
    pub fn new(name: &str) -> SpoolDir {
        let p = std::env::temp_dir().join(format!(
            "wxg-it-spool-{}-{name}-{}",
            std::process::id(),
            fresh_nonce()
        ));
        SpoolDir(p)
    }

    pub fn json(&self) -> String {
        self.0.display().to_string()
    }

    /// The spooled pushes (queued, or dead letters).
    pub fn list(&self, dead: bool) -> Vec<Entry> {
        let Some(store) = Store::open_existing(&self.0).unwrap() else {
            return Vec::new();
        };
        let filter = Filter {
            dead,
            ..Filter::default()
        };
        store.list(&filter, i64::MAX / 2, 10_000).unwrap()
    }
}

impl Drop for SpoolDir {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

/// One service at `/wx` with a spool; `extra` is spliced into the service.
fn spooled_config(spool: &SpoolDir, max_age: u64, extra: &str) -> String {
    format!(
        r#"{{"listen-port":0,"spool":{{"dir":"{}","max-age":{max_age}}},"services":[{{"name":"acct","wx-params":{{"token":"{TOKEN}","app-id":"{APP_ID}","app-secret":"SECRET-APP","aes-key":"{AES_KEY}"}},"listen-endpoints":{{"service-path":"/wx"}}{extra}}}]}}"#,
        spool.json()
    )
}

/// Pushes of every kind, each with its own dedupe key.
fn every_kind(n: u64) -> Vec<(String, String)> {
    let t = 1_700_000_000 + n;
    let msg = |kind: &str, fields: &str, id: u64| {
        format!(
            "<xml><ToUserName><![CDATA[gh_test]]></ToUserName><FromUserName><![CDATA[oUSER]]></FromUserName><CreateTime>{t}</CreateTime><MsgType><![CDATA[{kind}]]></MsgType>{fields}<MsgId>{id}</MsgId></xml>"
        )
    };
    let event = |event: &str, fields: &str| {
        format!(
            "<xml><ToUserName><![CDATA[gh_test]]></ToUserName><FromUserName><![CDATA[oUSER]]></FromUserName><CreateTime>{t}</CreateTime><MsgType><![CDATA[event]]></MsgType><Event><![CDATA[{event}]]></Event>{fields}</xml>"
        )
    };
    let id = n * 100;
    vec![
        ("msg/text".into(), text_xml(&format!("hello {n}"), id + 1)),
        (
            "msg/image".into(),
            msg(
                "image",
                "<PicUrl><![CDATA[http://p]]></PicUrl><MediaId><![CDATA[m]]></MediaId>",
                id + 2,
            ),
        ),
        (
            "msg/voice".into(),
            msg(
                "voice",
                "<MediaId><![CDATA[m]]></MediaId><Format><![CDATA[amr]]></Format>",
                id + 3,
            ),
        ),
        (
            "msg/location".into(),
            msg(
                "location",
                "<Location_X>23.1</Location_X><Location_Y>113.3</Location_Y><Scale>20</Scale><Label><![CDATA[x]]></Label>",
                id + 4,
            ),
        ),
        ("event/subscribe".into(), event("subscribe", "")),
        (
            "event/CLICK".into(),
            event("CLICK", "<EventKey><![CDATA[menu-1]]></EventKey>"),
        ),
        (
            "event/VIEW".into(),
            event("VIEW", "<EventKey><![CDATA[http://x]]></EventKey>"),
        ),
        (
            "event/LOCATION".into(),
            event(
                "LOCATION",
                "<Latitude>23.1</Latitude><Longitude>113.3</Longitude><Precision>119</Precision>",
            ),
        ),
    ]
}

/// Posts a safe-mode push: (status, outcome header, body, time taken).
async fn post(gw_url: &str, inner: &str) -> (u16, String, String, Duration) {
    let (q, body) = safe_push(inner);
    let started = Instant::now();
    let res = client()
        .post(format!("{gw_url}/wx?{q}"))
        .body(body)
        .send()
        .await
        .unwrap();
    let outcome = res
        .headers()
        .get("x-wx-gateway-outcome")
        .map(|v| v.to_str().unwrap().to_owned())
        .unwrap_or_default();
    let status = res.status().as_u16();
    (
        status,
        outcome,
        res.text().await.unwrap(),
        started.elapsed(),
    )
}

/// Waits (polling, up to `limit`) until `done` holds.
fn header(r: &Received, name: &str) -> String {
    r.headers
        .get(name)
        .map(|v| v.to_str().unwrap().to_owned())
        .unwrap_or_default()
}

/// delivery id → (route, attempts seen).
fn by_id(received: &[Received]) -> BTreeMap<String, (String, Vec<u32>)> {
    let mut out: BTreeMap<String, (String, Vec<u32>)> = BTreeMap::new();
    for r in received {
        let id = header(r, "x-wx-delivery-id");
        let attempt: u32 = header(r, "x-wx-delivery-attempt").parse().unwrap();
        let e = out
            .entry(id)
            .or_insert_with(|| (r.path.clone(), Vec::new()));
        e.1.push(attempt);
    }
    out
}

#[tokio::test]
async fn every_forward_carries_a_stable_delivery_id_and_its_attempt() {
    let be = backend(|_| Answer::json(r#"{"msg":"hi"}"#)).await;
    let gw = start(&one_service(&be.proxy_pass())).await;
    let xml = text_xml("once", 4242);
    let (status, outcome, _, _) = post(&gw.url(""), &xml).await;
    assert_eq!((status, outcome.as_str()), (200, "forwarded"));
    let got = be.received();
    assert_eq!(got.len(), 1);
    let id = header(&got[0], "x-wx-delivery-id");
    assert_eq!(id.len(), 32, "{id}");
    assert!(id.bytes().all(|b| b.is_ascii_hexdigit()));
    assert_eq!(header(&got[0], "x-wx-delivery-attempt"), "1");
    // The same push's id is the same in another gateway (a hash of service and push).
    let gw2 = start(&one_service(&be.proxy_pass())).await;
    post(&gw2.url(""), &xml).await;
    assert_eq!(header(&be.received()[1], "x-wx-delivery-id"), id);
}

/// The backend is down while pushes of every kind arrive: each is answered in time, spooled,
/// and delivered exactly once when the backend comes back — also a WeChat retry of a spooled
/// push, which is answered and not spooled twice.
#[tokio::test]
async fn a_backend_that_is_down_gets_every_push_once_when_it_comes_back() {
    let spool = SpoolDir::new("down");
    let addr = free_addr();
    let cfg = spooled_config(
        &spool,
        3600,
        &format!(r#","msg-proxy-pass":"http://{addr}/hook","backend-timeout-ms":800"#),
    );
    let gw = start(&cfg).await;
    let pushes: Vec<(String, String)> = (0..3).flat_map(every_kind).collect();
    for (_, xml) in &pushes {
        let (status, outcome, body, took) = post(&gw.url(""), xml).await;
        assert_eq!(
            (status, outcome.as_str(), body.as_str()),
            (200, "spooled", "success")
        );
        assert!(took < Duration::from_millis(1500), "answered in {took:?}");
    }
    // WeChat's retry of a spooled push: answered, not spooled again.
    let (status, outcome, _, _) = post(&gw.url(""), &pushes[0].1).await;
    assert_eq!((status, outcome.as_str()), (200, "spooled"));
    assert_eq!(spool.list(false).len(), pushes.len());

    let be = backend_on(TcpListener::bind(addr).await.unwrap(), |_| {
        Answer::json(r#"{"msg":""}"#)
    });
    eventually(Duration::from_secs(20), "the spool drains", || {
        spool.list(false).is_empty()
    })
    .await;
    let got = by_id(&be.received());
    assert_eq!(got.len(), pushes.len(), "every push delivered");
    for (id, (path, attempts)) in &got {
        assert_eq!(attempts.len(), 1, "{id} ({path}) delivered {attempts:?}");
        // The first pushes failed live; the later ones were spooled without a call while the
        // breaker was open.
        assert!(attempts[0] >= 1, "{attempts:?}");
    }
    let routes: BTreeSet<String> = got.values().map(|(p, _)| p.clone()).collect();
    let wanted: BTreeSet<String> = pushes.iter().map(|(r, _)| format!("/hook/{r}")).collect();
    assert_eq!(routes, wanted);
    // Arrival order: the spooled pushes came in the order WeChat sent them.
    let key = |v: &serde_json::Value| match v.get("MsgId") {
        Some(id) => id.to_string(),
        None => format!("{}{}", v["Event"], v["CreateTime"]),
    };
    let sent: Vec<String> = pushes
        .iter()
        .map(|(_, xml)| {
            let push = wx_gateway::wechat::Push::parse(xml).unwrap();
            key(&serde_json::Value::Object(wx_gateway::backend::push_json(
                &push,
            )))
        })
        .collect();
    let delivered: Vec<String> = be.received().iter().map(|r| key(&r.body)).collect();
    assert_eq!(delivered, sent);
}

/// 500, then 200: the push is spooled, then delivered on attempt 2 under the same id. A 4xx
/// is the backend's deliberate refusal: not spooled.
#[tokio::test]
async fn a_500_is_redelivered_and_a_4xx_is_not() {
    let spool = SpoolDir::new("500");
    let calls = Arc::new(AtomicU32::new(0));
    let c = Arc::clone(&calls);
    let be = backend(move |r| {
        if r.path.ends_with("/msg/text") && r.body["Content"] == "refuse" {
            return Answer {
                status: 400,
                ..Answer::json("bad")
            };
        }
        if c.fetch_add(1, Ordering::SeqCst) == 0 {
            Answer {
                status: 500,
                ..Answer::json("oops")
            }
        } else {
            Answer::json(r#"{"msg":"ok"}"#)
        }
    })
    .await;
    let gw = start(&spooled_config(&spool, 3600, &be.proxy_pass())).await;
    let (status, outcome, body, _) = post(&gw.url(""), &text_xml("x", 500)).await;
    assert_eq!(
        (status, outcome.as_str(), body.as_str()),
        (200, "spooled", "success")
    );
    eventually(Duration::from_secs(10), "redelivered", || {
        be.received().len() == 2
    })
    .await;
    eventually(Duration::from_secs(5), "the spool drains", || {
        spool.list(false).is_empty()
    })
    .await;
    let got = be.received();
    assert_eq!(
        header(&got[0], "x-wx-delivery-id"),
        header(&got[1], "x-wx-delivery-id")
    );
    assert_eq!(header(&got[0], "x-wx-delivery-attempt"), "1");
    assert_eq!(header(&got[1], "x-wx-delivery-attempt"), "2");
    assert_eq!(header(&got[0], "x-wx-delivery-trigger"), "live");
    assert_eq!(header(&got[1], "x-wx-delivery-trigger"), "retry");
    assert_eq!(
        header(&got[0], "x-wx-received-at"),
        header(&got[1], "x-wx-received-at")
    );
    assert!(header(&got[0], "x-wx-received-at").ends_with('Z'));
    assert_eq!(header(&got[0], "x-wx-reply-path"), "passive");
    assert_eq!(header(&got[1], "x-wx-reply-path"), "none");

    // A deliberate 4xx: never retried, a dead letter at once with the answer.
    let (status, outcome, body, _) = post(&gw.url(""), &text_xml("refuse", 501)).await;
    assert_eq!(
        (status, outcome.as_str(), body.as_str()),
        (200, "spooled", "success")
    );
    eventually(Duration::from_secs(5), "a dead letter", || {
        spool.list(true).len() == 1
    })
    .await;
    let dead = spool.list(true).remove(0);
    assert_eq!(dead.dead_reason.as_deref(), Some("refused"));
    assert_eq!(dead.new.history.len(), 1);
    assert_eq!(dead.new.history[0].status, Some(400));
    assert_eq!(dead.new.history[0].result, "http_4xx");
    assert!(
        dead.new.history[0]
            .answer
            .as_deref()
            .unwrap_or("")
            .contains("bad")
    );
    assert!(spool.list(false).is_empty());
    tokio::time::sleep(Duration::from_millis(1500)).await;
    assert_eq!(be.received().len(), 3, "a refused push is not retried");
}

/// A backend that hangs: WeChat is answered within the budget, the push is spooled; the hung
/// call is bounded by late-reply-timeout-ms, then the push is redelivered under the same id.
#[tokio::test]
async fn a_hanging_backend_is_answered_in_time_and_redelivered() {
    let spool = SpoolDir::new("hang");
    let calls = Arc::new(AtomicU32::new(0));
    let c = Arc::clone(&calls);
    let be = backend(move |_| {
        if c.fetch_add(1, Ordering::SeqCst) == 0 {
            Answer::slow(r#"{"msg":"too late"}"#, 30_000)
        } else {
            Answer::json(r#"{"msg":""}"#)
        }
    })
    .await;
    let extra = format!(
        r#"{},"backend-timeout-ms":300,"late-reply-timeout-ms":1000"#,
        be.proxy_pass()
    );
    let gw = start(&spooled_config(&spool, 3600, &extra)).await;
    let (status, outcome, _, took) = post(&gw.url(""), &text_xml("hang", 600)).await;
    assert_eq!((status, outcome.as_str()), (200, "spooled"));
    assert!(took < Duration::from_millis(1000), "answered in {took:?}");
    // After a timeout a retry waits at least 10 s (an overloaded backend, issue 14 §1).
    eventually(Duration::from_secs(20), "redelivered", || {
        be.received().len() == 2 && spool.list(false).is_empty()
    })
    .await;
    let got = by_id(&be.received());
    assert_eq!(got.len(), 1);
    assert_eq!(got.values().next().unwrap().1, vec![1, 2]);
}

/// A push older than max-age moves to the dead letters and stays there.
#[tokio::test]
async fn pushes_past_max_age_become_dead_letters() {
    let spool = SpoolDir::new("dead");
    let addr = free_addr();
    let cfg = spooled_config(
        &spool,
        1,
        &format!(r#","msg-proxy-pass":"http://{addr}/hook""#),
    );
    let gw = start(&cfg).await;
    let (_, outcome, _, _) = post(&gw.url(""), &text_xml("old", 700)).await;
    assert_eq!(outcome, "spooled");
    eventually(Duration::from_secs(10), "a dead letter", || {
        spool.list(true).len() == 1
    })
    .await;
    assert!(spool.list(false).is_empty());
    let dead = &spool.list(true)[0];
    assert_eq!(dead.new.route, "msg/text");
    assert!(dead.new.last_error.is_some());
}

/// A spool that cannot write (a full disk): WeChat still gets its answer, the outcome says
/// so, and the failure is counted.
#[tokio::test]
async fn a_spool_that_cannot_write_never_stops_the_answers() {
    struct Full(AtomicU32);
    impl Spool for Full {
        fn insert(&self, _: NewEntry) -> BoxFut<Result<(), SpoolError>> {
            self.0.fetch_add(1, Ordering::SeqCst);
            Box::pin(async {
                Err(SpoolError::Unavailable(
                    "database or disk is full".to_owned(),
                ))
            })
        }
        fn settle(&self, _: String, _: Settle) -> BoxFut<Result<(), SpoolError>> {
            Box::pin(async { Ok(()) })
        }
        fn due(&self, _: String, _: usize) -> BoxFut<Result<Vec<Entry>, SpoolError>> {
            Box::pin(async { Ok(Vec::new()) })
        }
        fn next_due(&self, _: String) -> BoxFut<Result<Option<i64>, SpoolError>> {
            Box::pin(async { Ok(None) })
        }
        fn head(&self, _: String) -> BoxFut<Result<Option<Entry>, SpoolError>> {
            Box::pin(async { Ok(None) })
        }
        fn lanes(&self, _: String, _: usize) -> BoxFut<Result<Vec<String>, SpoolError>> {
            Box::pin(async { Ok(Vec::new()) })
        }
        fn paused(&self) -> BoxFut<Result<Vec<String>, SpoolError>> {
            Box::pin(async { Ok(Vec::new()) })
        }
        fn pull_forward(&self, _: String) -> BoxFut<Result<usize, SpoolError>> {
            Box::pin(async { Ok(0) })
        }
        fn expire(&self, _: Duration) -> BoxFut<Result<Vec<Entry>, SpoolError>> {
            Box::pin(async { Ok(Vec::new()) })
        }
        fn claim(&self, _: String, _: i64) -> BoxFut<Result<bool, SpoolError>> {
            Box::pin(async { Ok(false) })
        }
        fn flush(&self) -> BoxFut<Result<(), SpoolError>> {
            Box::pin(async { Ok(()) })
        }
        fn version(&self) -> BoxFut<Result<i64, SpoolError>> {
            Box::pin(async { Ok(0) })
        }
        fn healthy(&self) -> bool {
            self.0.load(Ordering::SeqCst) == 0
        }
        fn stats(&self) -> BoxFut<Result<Vec<wx_gateway::state::spool::ServiceStats>, SpoolError>> {
            Box::pin(async { Ok(Vec::new()) })
        }
        fn spooled(&self) -> u64 {
            0
        }
        fn write_failures(&self) -> u64 {
            u64::from(self.0.load(Ordering::SeqCst))
        }
    }
    let addr = free_addr();
    let cfg = config::parse(&one_service(&format!(
        r#","msg-proxy-pass":"http://{addr}/hook""#
    )))
    .unwrap();
    let full = Arc::new(Full(AtomicU32::new(0)));
    let state =
        gateway::State::with_spool(&cfg, gateway::Timeouts::default(), full.clone()).unwrap();
    let gw = start_state(state).await;
    for i in 0..3 {
        let (status, outcome, body, took) = post(&gw.url(""), &text_xml("x", 800 + i)).await;
        assert_eq!(
            (status, outcome.as_str(), body.as_str()),
            (200, "spool-failed", "success")
        );
        assert!(took < Duration::from_secs(2));
    }
    assert_eq!(full.write_failures(), 3);
    // Not ready: a load balancer sends its traffic elsewhere; still alive.
    let ready = client().get(gw.url("/readyz")).send().await.unwrap();
    assert_eq!(ready.status(), 503);
    assert!(ready.text().await.unwrap().contains("spool"));
    let live = client().get(gw.url("/healthz")).send().await.unwrap();
    assert_eq!(live.status(), 200);
}

/// hold-for-retries: the backend answers after the budget; the first try is not answered
/// (WeChat gives up on it and retries), the retry gets the passive reply, and the backend is
/// called once. (Budget 400 ms, backend 1.2 s: the 4.5 s / 7 s case, scaled down.)
#[tokio::test]
async fn hold_for_retries_gives_the_retry_the_late_reply() {
    let be = backend(|_| Answer::slow(r#"{"msg":"slow but sure"}"#, 1200)).await;
    let extra = format!(
        r#"{},"backend-timeout-ms":400,"hold-for-retries":true"#,
        be.proxy_pass()
    );
    let gw = start(&one_service(&extra)).await;
    let xml = text_xml("patience", 900);
    // WeChat's first try: it stops waiting (5 s in WeChat, 700 ms here).
    let (q, body) = safe_push(&xml);
    let first = client()
        .post(gw.url(&format!("/wx?{q}")))
        .body(body)
        .timeout(Duration::from_millis(700))
        .send()
        .await;
    assert!(first.is_err(), "the first try is held: {first:?}");
    let (status, outcome, body, _) = post(&gw.url(""), &xml).await;
    assert_eq!((status, outcome.as_str()), (200, "retry-deduplicated"));
    assert!(open_reply(&body).contains("slow but sure"), "{body}");
    assert_eq!(be.received().len(), 1, "the backend is called once");
}

/// hold-for-retries: WeChat's third try is answered within its budget whatever the backend
/// does.
#[tokio::test]
async fn hold_for_retries_answers_the_third_try_in_time() {
    let be = backend(|_| Answer::slow(r#"{"msg":"never in time"}"#, 5_000)).await;
    let extra = format!(
        r#"{},"backend-timeout-ms":300,"hold-for-retries":true"#,
        be.proxy_pass()
    );
    let gw = start(&one_service(&extra)).await;
    let xml = text_xml("three tries", 901);
    for _ in 0..2 {
        let (q, body) = safe_push(&xml);
        let held = client()
            .post(gw.url(&format!("/wx?{q}")))
            .body(body)
            .timeout(Duration::from_millis(500))
            .send()
            .await;
        assert!(held.is_err(), "tries 1 and 2 are held");
    }
    let (status, outcome, body, took) = post(&gw.url(""), &xml).await;
    assert_eq!(
        (status, outcome.as_str(), body.as_str()),
        (200, "retry-while-pending", "success")
    );
    assert!(took < Duration::from_millis(900), "answered in {took:?}");
    assert_eq!(be.received().len(), 1);
}

/// late-reply: the backend's reply comes after WeChat's answer; it reaches the user once, as a
/// customer-service message to the push's sender.
#[tokio::test]
async fn a_late_reply_is_sent_as_one_customer_service_message() {
    let wx = fake_wechat().await;
    let be = backend(|_| Answer::slow(r#"{"msg":"答复 came late"}"#, 1200)).await;
    let cfg = format!(
        r#"{{"listen-port":0,"wechat-api-base":"{}","services":[{{"name":"acct","wx-params":{{"token":"{TOKEN}","app-id":"{APP_ID}","app-secret":"{SECRET}","aes-key":"{AES_KEY}"}},"listen-endpoints":{{"service-path":"/wx"}},"msg-proxy-pass":"{}","backend-timeout-ms":300,"late-reply":"custom-message","late-reply-timeout-ms":5000}}]}}"#,
        wx.base(),
        be.base()
    );
    let gw = start(&cfg).await;
    let (status, outcome, body, _) = post(&gw.url(""), &text_xml("question", 902)).await;
    assert_eq!(
        (status, outcome.as_str(), body.as_str()),
        (200, "backend-error", "success")
    );
    let sent = || {
        wx.with(|f| {
            f.log
                .iter()
                .filter(|(line, _)| line.contains("/cgi-bin/message/custom/send"))
                .map(|(_, body)| body.clone())
                .collect::<Vec<_>>()
        })
    };
    let until = Instant::now() + Duration::from_secs(10);
    while sent().is_empty() {
        let log = wx.with(|f| f.log.clone());
        assert!(
            Instant::now() < until,
            "no customer-service message; WeChat saw {log:?}"
        );
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    // Nothing more comes (the call is done: the backend answered once).
    assert_eq!(be.received().len(), 1);
    let sent = sent();
    assert_eq!(sent.len(), 1, "{sent:?}");
    let v: serde_json::Value = serde_json::from_str(&sent[0]).unwrap();
    assert_eq!(
        v,
        serde_json::json!({"touser": "oUSER", "msgtype": "text", "text": {"content": "答复 came late"}})
    );
}

/// `kill -9` of the gateway with pushes in its spool, and again in the middle of redelivery:
/// after restarts every push is delivered at least once, and a push delivered twice carries
/// the same delivery id both times.
#[tokio::test]
async fn kill_9_loses_nothing_that_was_answered() {
    use crate::binary::{BIN, Running};
    let spool = SpoolDir::new("kill9");
    let addr = free_addr();
    let cfg = spooled_config(
        &spool,
        3600,
        &format!(r#","msg-proxy-pass":"http://{addr}/hook","backend-timeout-ms":800"#),
    )
    .replace(
        r#""listen-port":0"#,
        r#""listen-host":"127.0.0.1","listen-port":0"#,
    );
    let path = spool.0.with_extension("json");
    std::fs::write(&path, &cfg).unwrap();
    let run = || {
        Running::spawn(
            std::process::Command::new(BIN)
                .args(["serve", "--config"])
                .arg(&path),
        )
    };

    let gw = run();
    let url = format!("http://{}", gw.addr);
    let pushes: Vec<(String, String)> = (10..14).flat_map(every_kind).collect();
    for (_, xml) in &pushes {
        let (status, outcome, _, _) = post(&url, xml).await;
        assert_eq!((status, outcome.as_str()), (200, "spooled"));
    }
    gw.kill9();
    assert_eq!(spool.list(false).len(), pushes.len());

    // The backend comes back, slow; the gateway restarts and is killed mid-redelivery.
    let be = backend_on(TcpListener::bind(addr).await.unwrap(), |_| {
        Answer::slow(r#"{"msg":""}"#, 150)
    });
    let gw = run();
    eventually(Duration::from_secs(20), "some redeliveries", || {
        be.received().len() >= 3
    })
    .await;
    gw.kill9();
    assert!(!spool.list(false).is_empty(), "killed mid-redelivery");
    let gw = run();
    eventually(Duration::from_secs(30), "the spool drains", || {
        spool.list(false).is_empty()
    })
    .await;
    drop(gw);
    let got = by_id(&be.received());
    assert_eq!(
        got.len(),
        pushes.len(),
        "every push delivered at least once"
    );
    let _ = std::fs::remove_file(&path);
}

/// `wx-gateway spool` beside a running gateway: the gateway backs off from a backend that was
/// down; a replay from the CLI makes it deliver at once, once; `stats` sees the spool empty.
#[tokio::test]
async fn the_spool_cli_works_beside_a_running_gateway() {
    use crate::binary::run;
    let spool = SpoolDir::new("cli");
    let addr = free_addr();
    let cfg = spooled_config(
        &spool,
        3600,
        &format!(r#","msg-proxy-pass":"http://{addr}/hook""#),
    );
    let gw = start(&cfg).await;
    let (_, outcome, _, _) = post(&gw.url(""), &text_xml("replay me", 1000)).await;
    assert_eq!(outcome, "spooled");
    // Let the worker fail a few times: its backoff is then seconds long.
    eventually(Duration::from_secs(15), "attempts", || {
        spool
            .list(false)
            .first()
            .is_some_and(|e| e.new.attempts >= 3)
    })
    .await;
    let dir = spool.json();
    let (code, out, err) = run(&["spool", "--dir", &dir, "list", "--json"]);
    assert_eq!(code, 0, "{err}");
    let listed: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(listed["total"], 1);
    let id = listed["entries"][0]["id"].as_str().unwrap().to_owned();

    let be = backend_on(TcpListener::bind(addr).await.unwrap(), |_| {
        Answer::json(r#"{"msg":""}"#)
    });
    let replayed = Instant::now();
    let (code, out, err) = run(&["spool", "--dir", &dir, "replay", &id[..8]]);
    assert_eq!(code, 0, "{out}{err}");
    eventually(Duration::from_secs(10), "delivered", || {
        spool.list(false).is_empty()
    })
    .await;
    assert!(
        replayed.elapsed() < Duration::from_secs(3),
        "picked up {:?} after the replay",
        replayed.elapsed()
    );
    let got = be.received();
    assert_eq!(got.len(), 1, "delivered once");
    assert_eq!(header(&got[0], "x-wx-delivery-id"), id);
    let (code, out, _) = run(&["spool", "--dir", &dir, "stats", "--json"]);
    assert_eq!(code, 0);
    let stats: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(stats["total"]["depth"], 0);
    assert_eq!(stats["total"]["dead"], 0);
    drop(gw);
}

/// One gateway per spool: a second one on the same directory refuses to start, naming why;
/// a spool directory that cannot be created stops the start with the reason.
#[tokio::test]
async fn a_spool_is_one_gateways_and_a_bad_one_stops_the_start() {
    let spool = SpoolDir::new("lock");
    let addr = free_addr();
    let cfg = config::parse(&spooled_config(
        &spool,
        3600,
        &format!(r#","msg-proxy-pass":"http://{addr}/hook""#),
    ))
    .unwrap();
    let first = gateway::State::new(&cfg).unwrap();
    let second = gateway::State::new(&cfg).err().expect("refused");
    let msg = format!("{second:#}");
    assert!(msg.contains("in use by another wx-gateway serve"), "{msg}");
    assert!(
        msg.contains(&format!("pid {}", std::process::id())),
        "{msg}"
    );
    drop(first);
    // Released with its holder.
    drop(gateway::State::new(&cfg).unwrap());

    // A regular file where the directory should be.
    let file = spool.0.with_extension("file");
    std::fs::write(&file, "x").unwrap();
    let bad = SpoolDir(file.join("spool"));
    let cfg = config::parse(&spooled_config(
        &bad,
        3600,
        &format!(r#","msg-proxy-pass":"http://{addr}/hook""#),
    ))
    .unwrap();
    let err = format!("{:#}", gateway::State::new(&cfg).err().expect("refused"));
    assert!(err.contains("cannot create"), "{err}");
    let _ = std::fs::remove_file(&file);
}

/// Pushes spooled while their slow live calls still run, then made due by a replay: the worker
/// keeps off them while the calls run, and once the calls succeed nothing is sent again.
#[tokio::test]
async fn a_replay_never_races_a_live_call() {
    let spool = SpoolDir::new("race");
    let be = backend(|_| Answer::slow(r#"{"msg":""}"#, 1_500)).await;
    let extra = format!(
        r#"{},"backend-timeout-ms":300,"late-reply-timeout-ms":20000"#,
        be.proxy_pass()
    );
    let gw = start(&spooled_config(&spool, 3600, &extra)).await;
    for i in 0..6 {
        let (status, outcome, _, _) =
            post(&gw.url(""), &text_xml(&format!("slow {i}"), 7000 + i)).await;
        assert_eq!((status, outcome.as_str()), (200, "spooled"));
    }
    // `wx-gateway spool replay --all` while the calls run.
    let mut store = Store::open_existing(&spool.0).unwrap().unwrap();
    let now_ms = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap()
        .as_millis() as i64;
    // The first calls may have ended already (each post took the 300 ms budget).
    assert!(store.replay_all(&Filter::default(), now_ms).unwrap() >= 2);
    eventually(Duration::from_secs(10), "the live calls end", || {
        spool.list(false).is_empty()
    })
    .await;
    // A moment for a (wrong) redelivery to show.
    tokio::time::sleep(Duration::from_millis(1500)).await;
    let got = by_id(&be.received());
    assert_eq!(got.len(), 6);
    for (id, (_, attempts)) in got {
        assert_eq!(attempts, vec![1], "{id}: delivered once, by its live call");
    }
}

/// No worker slot within the budget: without a spool WeChat gets 503 (and retries, afresh);
/// with one the push is spooled untried and first delivered as attempt 1.
#[tokio::test]
async fn a_push_without_a_worker_slot_is_never_answered_and_lost() {
    let be = backend(|r| {
        if r.body["Content"] == "slow" {
            Answer::slow(r#"{"msg":""}"#, 1_200)
        } else {
            Answer::json(r#"{"msg":"ok"}"#)
        }
    })
    .await;
    let extra = format!(
        r#"{},"workerNum":1,"backend-timeout-ms":300"#,
        be.proxy_pass()
    );
    for spooled in [false, true] {
        let spool = SpoolDir::new("busy");
        let cfg = if spooled {
            spooled_config(&spool, 3600, &extra)
        } else {
            one_service(&extra)
        };
        let gw = start(&cfg).await;
        let base = if spooled { 9100 } else { 9000 };
        let g = gw.url("");
        let slow = tokio::spawn(async move { post(&g, &text_xml("slow", base + 1)).await });
        tokio::time::sleep(Duration::from_millis(100)).await;
        let victim = text_xml("victim", base + 2);
        let (status, outcome, _, _) = post(&gw.url(""), &victim).await;
        let _ = slow.await;
        let victim_id = (base + 2).to_string();
        let victims = || {
            be.received()
                .into_iter()
                .filter(|r| r.body["MsgId"].as_str() == Some(victim_id.as_str()))
                .collect::<Vec<_>>()
        };
        if spooled {
            assert_eq!((status, outcome.as_str()), (200, "spooled"));
            eventually(Duration::from_secs(10), "the victim delivered", || {
                victims().len() == 1
            })
            .await;
            assert_eq!(header(&victims()[0], "x-wx-delivery-attempt"), "1");
        } else {
            assert_eq!((status, outcome.as_str()), (503, "overloaded"));
            // The slow call is over: WeChat's retry is forwarded, not answered 503 again.
            eventually(Duration::from_secs(5), "the slot is free", || {
                be.received().len() == 1
            })
            .await;
            tokio::time::sleep(Duration::from_millis(1300)).await;
            let (status, outcome, _, _) = post(&gw.url(""), &victim).await;
            assert_eq!((status, outcome.as_str()), (200, "forwarded"));
            assert_eq!(victims().len(), 1);
        }
    }
}

/// A push the backend keeps failing with 5xx while it takes the others' (issue 14 §4): other
/// users' pushes flow meanwhile, and after `poison-after` attempts it is a dead letter with
/// reason `poison`; its own sender's later push then flows.
#[tokio::test]
async fn a_poison_push_holds_back_only_its_sender_and_is_buried() {
    let spool = SpoolDir::new("poison");
    let be = backend(|r| {
        if r.body["Content"] == "poison" {
            Answer {
                status: 500,
                ..Answer::json("x")
            }
        } else {
            Answer::json(r#"{"msg":""}"#)
        }
    })
    .await;
    let extra = format!("{},\"backend-timeout-ms\":800", be.proxy_pass());
    let cfg = spooled_config(&spool, 3600, &extra).replace(
        r#""max-age":3600}"#,
        r#""max-age":3600,"retry-base-ms":50,"retry-cap-ms":200,"poison-after":4}"#,
    );
    let gw = start(&cfg).await;
    post(&gw.url(""), &text_xml("poison", 9200)).await;
    // The same sender: queued behind the poison push.
    post(&gw.url(""), &text_xml("after", 9201)).await;
    for i in 0..10u64 {
        let other = text_xml(&format!("ok{i}"), 9300 + i).replace("oUSER", &format!("oOTHER{i}"));
        let (status, _, body, _) = post(&gw.url(""), &other).await;
        assert_eq!((status, body.as_str()), (200, "success"));
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    eventually(Duration::from_secs(15), "the poison push buried", || {
        spool.list(true).len() == 1 && spool.list(false).is_empty()
    })
    .await;
    let dead = spool.list(true).remove(0);
    assert_eq!(dead.dead_reason.as_deref(), Some("poison"));
    assert!(dead.new.attempts >= 4);
    let got = be.received();
    let contents: Vec<String> = got
        .iter()
        .map(|r| r.body["Content"].as_str().unwrap_or("").to_owned())
        .collect();
    for i in 0..10 {
        assert!(contents.contains(&format!("ok{i}")), "ok{i}: {contents:?}");
    }
    // Its sender's next push was delivered after it, never before.
    let after = contents.iter().position(|c| c == "after").expect("after");
    let last_poison = contents.iter().rposition(|c| c == "poison").unwrap();
    assert!(after > last_poison, "{contents:?}");
}

/// SIGTERM: `/readyz` turns 503 at once while the gateway keeps serving for
/// shutdown-delay-ms, then it drains and exits 0.
#[tokio::test]
async fn sigterm_turns_readyz_off_before_the_gateway_stops() {
    use crate::binary::{BIN, Running};
    let spool = SpoolDir::new("readyz");
    let be = backend(|_| Answer::json(r#"{"msg":"still here"}"#)).await;
    let cfg = spooled_config(&spool, 3600, &be.proxy_pass()).replace(
        r#""listen-port":0"#,
        r#""listen-host":"127.0.0.1","listen-port":0,"shutdown-delay-ms":1500"#,
    );
    let path = spool.0.with_extension("json");
    std::fs::write(&path, &cfg).unwrap();
    let gw = Running::spawn(
        std::process::Command::new(BIN)
            .args(["serve", "--config"])
            .arg(&path),
    );
    let url = format!("http://{}", gw.addr);
    let ready = client().get(format!("{url}/readyz")).send().await.unwrap();
    assert_eq!(ready.status(), 200);
    let pid = gw.pid().to_string();
    std::process::Command::new("kill")
        .args(["-TERM", &pid])
        .status()
        .unwrap();
    eventually(Duration::from_secs(1), "readyz 503", || {
        std::process::Command::new("curl")
            .args(["-s", "-o", "/dev/null", "-w", "%{http_code}"])
            .arg(format!("{url}/readyz"))
            .output()
            .map(|o| o.stdout == b"503")
            .unwrap_or(false)
    })
    .await;
    // Still serving during the delay.
    let (status, outcome, body, _) = post(&url, &text_xml("during the delay", 1200)).await;
    assert_eq!((status, outcome.as_str()), (200, "forwarded"));
    assert!(open_reply(&body).contains("still here"));
    let (code, _) = gw.terminate();
    assert_eq!(code, Some(0));
    let _ = std::fs::remove_file(&path);
}
