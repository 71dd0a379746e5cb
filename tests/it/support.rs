//! Test harness: the real gateway on 127.0.0.1:0, real HTTP backends (small warp servers), and
//! a WeChat stand-in that signs and encrypts pushes.

use std::net::SocketAddr;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use tokio::net::TcpListener;
use tokio::sync::oneshot;
use warp::Filter;
use warp::http::HeaderMap;
use wx_gateway::config;
use wx_gateway::gateway;
use wx_gateway::wechat::{AesKey, signature, xml};

pub const TOKEN: &str = "testtoken";
pub const APP_ID: &str = "wx0123456789abcdef";
pub const AES_KEY: &str = "abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG";

/// A running gateway; dropping it shuts it down.
pub struct Gateway {
    pub addr: SocketAddr,
    stop: Option<oneshot::Sender<()>>,
    pub done: Option<tokio::task::JoinHandle<()>>,
}

impl Gateway {
    pub fn url(&self, path: &str) -> String {
        format!("http://{}{}", self.addr, path)
    }

    /// Begins graceful shutdown and returns the serving task.
    pub fn shutdown(mut self) -> tokio::task::JoinHandle<()> {
        if let Some(s) = self.stop.take() {
            let _ = s.send(());
        }
        self.done.take().expect("running")
    }
}

impl Drop for Gateway {
    fn drop(&mut self) {
        if let Some(s) = self.stop.take() {
            let _ = s.send(());
        }
    }
}

/// Starts the gateway from config JSON text.
pub async fn start(config_json: &str) -> Gateway {
    start_with(config_json, gateway::Timeouts::default()).await
}

/// Starts the gateway with its own timeouts (so a test of a 10 s timeout need not take 10 s).
pub async fn start_with(config_json: &str, timeouts: gateway::Timeouts) -> Gateway {
    let cfg = config::parse(config_json).expect("valid config");
    start_state(gateway::State::with_timeouts(&cfg, timeouts).unwrap()).await
}

/// Starts the gateway on a state built by the test.
pub async fn start_state(state: gateway::State) -> Gateway {
    let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    let state = Arc::new(state);
    let (tx, rx) = oneshot::channel::<()>();
    let done = tokio::spawn(gateway::serve(listener, state, async {
        let _ = rx.await;
    }));
    Gateway {
        addr,
        stop: Some(tx),
        done: Some(done),
    }
}

/// Config JSON for one service at `/wx` with the test credentials; `extra` is spliced into the
/// service object (e.g. `,"msg-proxy-pass":"http://…"`).
pub fn one_service(extra: &str) -> String {
    format!(
        r#"{{"listen-port":0,"services":[{{"name":"acct","wx-params":{{"token":"{TOKEN}","app-id":"{APP_ID}","app-secret":"SECRET-APP","aes-key":"{AES_KEY}"}},"listen-endpoints":{{"service-path":"/wx"}}{extra}}}]}}"#
    )
}

/// One request a backend received.
#[derive(Debug, Clone)]
pub struct Received {
    pub path: String,
    pub headers: HeaderMap,
    pub body: serde_json::Value,
    /// The body as it came (what a signature covers).
    pub raw: bytes::Bytes,
}

/// What a fake backend answers.
#[derive(Clone)]
pub struct Answer {
    pub status: u16,
    pub body: String,
    pub delay: Duration,
    /// A `Location` header (for redirects).
    pub location: Option<String>,
}

impl Answer {
    pub fn json(body: &str) -> Self {
        Answer {
            status: 200,
            body: body.to_owned(),
            delay: Duration::ZERO,
            location: None,
        }
    }

    /// A 302 to `to`.
    pub fn redirect(to: &str) -> Self {
        Answer {
            status: 302,
            location: Some(to.to_owned()),
            ..Answer::json("")
        }
    }

    /// A 200 JSON answer after `ms` milliseconds.
    pub fn slow(body: &str, ms: u64) -> Self {
        Answer {
            status: 200,
            body: body.to_owned(),
            delay: Duration::from_millis(ms),
            location: None,
        }
    }
}

/// A backend on 127.0.0.1 that records requests and answers with `answer`.
pub struct Backend {
    pub addr: SocketAddr,
    pub received: Arc<Mutex<Vec<Received>>>,
    _stop: oneshot::Sender<()>,
}

impl Backend {
    pub fn base(&self) -> String {
        format!("http://{}/hook", self.addr)
    }

    /// `,"msg-proxy-pass":"<base>"`, to splice into a service with [`one_service`].
    pub fn proxy_pass(&self) -> String {
        format!(r#","msg-proxy-pass":"{}""#, self.base())
    }

    pub fn received(&self) -> Vec<Received> {
        self.received.lock().unwrap().clone()
    }
}

pub async fn backend(answer: impl Fn(&Received) -> Answer + Send + Sync + 'static) -> Backend {
    let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
    backend_on(listener, answer)
}

/// An address on 127.0.0.1 where nothing listens (yet): a backend that is down until a
/// [`backend_on`] binds it.
pub fn free_addr() -> SocketAddr {
    let l = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    l.local_addr().unwrap()
}

/// A backend on a listener the test bound (the address of a backend that comes back).
pub fn backend_on(
    listener: TcpListener,
    answer: impl Fn(&Received) -> Answer + Send + Sync + 'static,
) -> Backend {
    let received = Arc::new(Mutex::new(Vec::new()));
    let rec = Arc::clone(&received);
    let answer = Arc::new(answer);
    let route = warp::post()
        .and(warp::path::full())
        .and(warp::header::headers_cloned())
        .and(warp::body::bytes())
        .then(
            move |path: warp::path::FullPath, headers: HeaderMap, body: bytes::Bytes| {
                let rec = Arc::clone(&rec);
                let answer = Arc::clone(&answer);
                async move {
                    let r = Received {
                        path: path.as_str().to_owned(),
                        headers,
                        body: serde_json::from_slice(&body).unwrap_or(serde_json::Value::Null),
                        raw: body,
                    };
                    let a = answer(&r);
                    rec.lock().unwrap().push(r);
                    tokio::time::sleep(a.delay).await;
                    let mut res = warp::http::Response::builder().status(a.status);
                    if let Some(to) = &a.location {
                        res = res.header("location", to);
                    }
                    res.body(a.body).unwrap()
                }
            },
        );
    let addr = listener.local_addr().unwrap();
    let (tx, rx) = oneshot::channel::<()>();
    tokio::spawn(
        warp::serve(route)
            .incoming(listener)
            .graceful(async {
                let _ = rx.await;
            })
            .run(),
    );
    Backend {
        addr,
        received,
        _stop: tx,
    }
}

/// A client that shows redirects instead of following them (the OAuth flow's 302s).
pub fn client_no_redirect() -> reqwest::Client {
    wx_gateway::upstream::builder()
        .no_proxy()
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .unwrap()
}

/// The HTTP client tests use to play WeChat.
pub fn client() -> reqwest::Client {
    wx_gateway::upstream::builder()
        .no_proxy()
        .redirect(reqwest::redirect::Policy::default())
        .timeout(Duration::from_secs(10))
        .build()
        .unwrap()
}

pub fn now() -> String {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap()
        .as_secs()
        .to_string()
}

/// A nonce never used before in this test run: WeChat signs every request with a fresh
/// (timestamp, nonce) pair, and the gateway refuses a pair reused with another message.
pub fn fresh_nonce() -> String {
    use std::sync::atomic::{AtomicU64, Ordering};
    static NEXT: AtomicU64 = AtomicU64::new(1_000_000_000);
    NEXT.fetch_add(1, Ordering::Relaxed).to_string()
}

/// `?signature=…&timestamp=…&nonce=…` for a plaintext push.
pub fn plain_query(token: &str) -> String {
    let ts = now();
    let nonce = fresh_nonce();
    format!(
        "signature={}&timestamp={ts}&nonce={nonce}",
        signature::plain(token, &ts, &nonce)
    )
}

/// Body and query of a safe-mode push of `inner` XML.
pub fn safe_push(inner: &str) -> (String, String) {
    let key = AesKey::from_encoding_key(AES_KEY).unwrap();
    let encrypt = key.encrypt(inner.as_bytes(), APP_ID, b"0123456789abcdef");
    let ts = now();
    let nonce = fresh_nonce();
    let msg_sig = signature::msg(TOKEN, &ts, &nonce, &encrypt);
    let query = format!(
        "signature={}&timestamp={ts}&nonce={nonce}&openid=oUSER&encrypt_type=aes&msg_signature={msg_sig}",
        signature::plain(TOKEN, &ts, &nonce)
    );
    let body = format!(
        "<xml><ToUserName><![CDATA[gh_test]]></ToUserName><Encrypt><![CDATA[{encrypt}]]></Encrypt></xml>"
    );
    (query, body)
}

/// Verifies and decrypts an encrypted reply envelope, as WeChat does; returns the reply XML.
pub fn open_reply(envelope: &str) -> String {
    open_reply_with(TOKEN, AES_KEY, envelope)
}

/// Verifies a reply envelope with `token` and decrypts it with `aes_key` (a rotation's
/// previous pair, say), as WeChat does; panics when either does not fit.
pub fn open_reply_with(token: &str, aes_key: &str, envelope: &str) -> String {
    let root =
        xml::parse(envelope).unwrap_or_else(|e| panic!("reply is not XML ({e}): {envelope}"));
    let encrypt = root.text_of("Encrypt").expect("Encrypt");
    let ts = root.text_of("TimeStamp").expect("TimeStamp");
    let nonce = root.text_of("Nonce").expect("Nonce");
    let sig = root.text_of("MsgSignature").expect("MsgSignature");
    assert_eq!(
        signature::msg(token, ts, nonce, encrypt),
        sig,
        "reply MsgSignature"
    );
    let key = AesKey::from_encoding_key(aes_key).unwrap();
    String::from_utf8(
        key.decrypt_for(encrypt, APP_ID)
            .expect("reply decrypts for our appid"),
    )
    .unwrap()
}

/// A text push from user `oUSER` to `gh_test`.
pub fn text_xml(content: &str, msg_id: u64) -> String {
    format!(
        "<xml><ToUserName><![CDATA[gh_test]]></ToUserName><FromUserName><![CDATA[oUSER]]></FromUserName><CreateTime>1700000000</CreateTime><MsgType><![CDATA[text]]></MsgType><Content><![CDATA[{content}]]></Content><MsgId>{msg_id}</MsgId></xml>"
    )
}

/// An event push.
pub fn event_xml(event: &str, extra: &str) -> String {
    format!(
        "<xml><ToUserName><![CDATA[gh_test]]></ToUserName><FromUserName><![CDATA[oUSER]]></FromUserName><CreateTime>1700000001</CreateTime><MsgType><![CDATA[event]]></MsgType><Event><![CDATA[{event}]]></Event>{extra}</xml>"
    )
}

/// POSTs a plaintext push and returns (status, body).
pub async fn post_plain(gw: &Gateway, xml: &str) -> (u16, String) {
    let res = client()
        .post(gw.url(&format!("/wx?{}", plain_query(TOKEN))))
        .body(xml.to_owned())
        .send()
        .await
        .unwrap();
    (res.status().as_u16(), res.text().await.unwrap())
}

/// POSTs a safe-mode push and returns (status, body).
pub async fn post_safe(gw: &Gateway, inner: &str) -> (u16, String) {
    let (q, body) = safe_push(inner);
    let res = client()
        .post(gw.url(&format!("/wx?{q}")))
        .body(body)
        .send()
        .await
        .unwrap();
    (res.status().as_u16(), res.text().await.unwrap())
}

/// Waits (polling every 50 ms) until `done`, failing the test after `limit`.
pub async fn eventually(limit: Duration, what: &str, mut done: impl FnMut() -> bool) {
    let until = std::time::Instant::now() + limit;
    while !done() {
        assert!(
            std::time::Instant::now() < until,
            "timed out waiting for: {what}"
        );
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
}
