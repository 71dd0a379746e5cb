//! Measures durable delivery through a backend outage: the real gateway (in this process, on
//! 127.0.0.1) with a spool, pushes signed and encrypted as WeChat sends them at a steady rate
//! while the backend is down, then the backend comes back. Prints how many pushes were answered
//! and how fast, how many reached the backend, the duplicates, and how long the spool took to
//! drain. Usage:
//! `cargo run --release --example outage -- [SECONDS (60)] [PUSHES PER SECOND (200)]`

use std::collections::HashMap;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use warp::Filter;
use wx_gateway::config;
use wx_gateway::gateway;
use wx_gateway::state::spool::{Filter as SpoolFilter, Store};
use wx_gateway::wechat::{AesKey, signature};

const TOKEN: &str = "outagetoken";
const APP_ID: &str = "wx0123456789abcdef";
const AES_KEY: &str = "abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG";

fn percentile(sorted: &[Duration], p: f64) -> Duration {
    if sorted.is_empty() {
        return Duration::ZERO;
    }
    sorted[((sorted.len() - 1) as f64 * p).round() as usize]
}

fn queued(dir: &std::path::Path) -> u64 {
    match Store::open_existing(dir) {
        Ok(Some(s)) => s.count(&SpoolFilter::default(), 0).unwrap_or(u64::MAX),
        _ => 0,
    }
}

#[tokio::main]
async fn main() {
    let args: Vec<String> = std::env::args().collect();
    let seconds: u64 = args.get(1).and_then(|s| s.parse().ok()).unwrap_or(60);
    let rate: u64 = args.get(2).and_then(|s| s.parse().ok()).unwrap_or(200);
    let spool_dir = std::env::temp_dir().join(format!("wxg-outage-{}", std::process::id()));
    let backend_addr = std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap();
    let cfg = format!(
        r#"{{"listen-host":"127.0.0.1","spool":{{"dir":"{}","max-age":86400}},"services":[{{"name":"outage","wx-params":{{"token":"{TOKEN}","app-id":"{APP_ID}","aes-key":"{AES_KEY}"}},"listen-endpoints":{{"service-path":"/wx"}},"msg-proxy-pass":"http://{backend_addr}/hook"}}]}}"#,
        spool_dir.display()
    );
    let cfg = config::parse(&cfg).expect("config");
    let state = gateway::State::new(&cfg).expect("state");
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let gw = listener.local_addr().unwrap();
    let (stop, stopped) = tokio::sync::oneshot::channel::<()>();
    let server = tokio::spawn(gateway::serve(listener, Arc::new(state), async {
        let _ = stopped.await;
    }));

    println!("backend down; sending {rate} pushes/s for {seconds} s to http://{gw}/wx (safe mode)");
    let client = reqwest::Client::builder().no_proxy().build().unwrap();
    let key = AesKey::from_encoding_key(AES_KEY).unwrap();
    let answers: Arc<Mutex<Vec<(u16, String, Duration)>>> = Arc::default();
    let total = seconds * rate;
    let mut tick = tokio::time::interval(Duration::from_micros(1_000_000 / rate));
    let mut tasks = Vec::with_capacity(total as usize);
    let ts = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap()
        .as_secs();
    for i in 0..total {
        tick.tick().await;
        let inner = format!(
            "<xml><ToUserName><![CDATA[gh_test]]></ToUserName><FromUserName><![CDATA[oUSER{}]]></FromUserName><CreateTime>{ts}</CreateTime><MsgType><![CDATA[text]]></MsgType><Content><![CDATA[push {i}]]></Content><MsgId>{}</MsgId></xml>",
            i % 97,
            10_000_000 + i
        );
        let encrypt = key.encrypt(inner.as_bytes(), APP_ID, b"0123456789abcdef");
        let now = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .unwrap()
            .as_secs()
            .to_string();
        let nonce = format!("n{i}");
        let url = format!(
            "http://{gw}/wx?signature={}&timestamp={now}&nonce={nonce}&encrypt_type=aes&msg_signature={}",
            signature::plain(TOKEN, &now, &nonce),
            signature::msg(TOKEN, &now, &nonce, &encrypt)
        );
        let body = format!(
            "<xml><ToUserName><![CDATA[gh_test]]></ToUserName><Encrypt><![CDATA[{encrypt}]]></Encrypt></xml>"
        );
        let client = client.clone();
        let answers = Arc::clone(&answers);
        tasks.push(tokio::spawn(async move {
            let started = Instant::now();
            let res = client
                .post(url)
                .body(body)
                .timeout(Duration::from_secs(5))
                .send()
                .await;
            let took = started.elapsed();
            let (status, outcome) = match res {
                Ok(r) => (
                    r.status().as_u16(),
                    r.headers()
                        .get("x-wx-gateway-outcome")
                        .and_then(|v| v.to_str().ok())
                        .unwrap_or("")
                        .to_owned(),
                ),
                Err(_) => (0, "no answer within 5 s".to_owned()),
            };
            answers.lock().unwrap().push((status, outcome, took));
        }));
    }
    for t in tasks {
        let _ = t.await;
    }
    let answers = answers.lock().unwrap().clone();
    let mut outcomes: HashMap<String, u64> = HashMap::new();
    for (status, outcome, _) in &answers {
        *outcomes.entry(format!("{status} {outcome}")).or_default() += 1;
    }
    let mut lat: Vec<Duration> = answers.iter().map(|a| a.2).collect();
    lat.sort();
    println!(
        "answered: {outcomes:?}; latency p50 {:.1} ms, p99 {:.1} ms, max {:.1} ms",
        percentile(&lat, 0.5).as_secs_f64() * 1e3,
        percentile(&lat, 0.99).as_secs_f64() * 1e3,
        lat.last().copied().unwrap_or_default().as_secs_f64() * 1e3
    );
    println!("in the spool: {}", queued(&spool_dir));

    // The backend comes back.
    let received: Arc<Mutex<HashMap<String, u32>>> = Arc::default();
    let rec = Arc::clone(&received);
    let route = warp::post()
        .and(warp::header::optional::<String>("x-wx-delivery-id"))
        .map(move |id: Option<String>| {
            *rec.lock()
                .unwrap()
                .entry(id.unwrap_or_default())
                .or_default() += 1;
            warp::reply::with_header(r#"{"msg":""}"#, "content-type", "application/json")
        });
    let backend = tokio::net::TcpListener::bind(backend_addr).await.unwrap();
    tokio::spawn(warp::serve(route).incoming(backend).run());
    let back = Instant::now();
    println!("backend up");
    let limit = Duration::from_secs(600);
    loop {
        tokio::time::sleep(Duration::from_millis(100)).await;
        let delivered = received.lock().unwrap().len() as u64;
        if delivered >= total && queued(&spool_dir) == 0 {
            break;
        }
        if back.elapsed() > limit {
            println!("gave up after {limit:?}");
            break;
        }
    }
    let drained = back.elapsed();
    let received = received.lock().unwrap().clone();
    let duplicates: u32 = received.values().map(|n| n - 1).sum();
    println!(
        "delivered {} of {total} pushes ({} distinct delivery ids), duplicates {duplicates}, spool drained {:.1} s after the backend came back",
        received.values().sum::<u32>(),
        received.len(),
        drained.as_secs_f64()
    );
    let _ = stop.send(());
    let _ = server.await;
    let _ = std::fs::remove_dir_all(&spool_dir);
}
