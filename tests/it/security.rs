//! The callback URL as an attacker sees it (issue 8): replayed and forged pushes, clients that
//! hold connections and memory, oversized heads and bodies, attacker text echoed back.

use std::time::{Duration, Instant};

use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpStream;
use wx_gateway::gateway::Timeouts;
use wx_gateway::wechat::{AesKey, signature};

use crate::support::*;

fn unix_now() -> i64 {
    now().parse().unwrap()
}

/// POSTs `body` under an explicit (timestamp, nonce), plaintext.
async fn post_signed(gw: &Gateway, ts: i64, nonce: &str, body: &str) -> (u16, String) {
    let ts = ts.to_string();
    let sig = signature::plain(TOKEN, &ts, nonce);
    let res = client()
        .post(gw.url(&format!("/wx?signature={sig}&timestamp={ts}&nonce={nonce}")))
        .body(body.to_owned())
        .send()
        .await
        .unwrap();
    (res.status().as_u16(), res.text().await.unwrap())
}

/// A safe-mode push of `inner` under an explicit (timestamp, nonce), encrypted with `random`.
fn safe_signed(
    inner: &str,
    ts: i64,
    nonce: &str,
    random: u8,
    plain_sig: Option<&str>,
) -> (String, String) {
    let key = AesKey::from_encoding_key(AES_KEY).unwrap();
    let encrypt = key.encrypt(inner.as_bytes(), APP_ID, &[random; 16]);
    let ts = ts.to_string();
    let msg_sig = signature::msg(TOKEN, &ts, nonce, &encrypt);
    let sig = plain_sig
        .map(str::to_owned)
        .unwrap_or_else(|| signature::plain(TOKEN, &ts, nonce));
    (
        format!(
            "signature={sig}&timestamp={ts}&nonce={nonce}&encrypt_type=aes&msg_signature={msg_sig}"
        ),
        format!(
            "<xml><ToUserName><![CDATA[gh_test]]></ToUserName><Encrypt><![CDATA[{encrypt}]]></Encrypt></xml>"
        ),
    )
}

async fn post(gw: &Gateway, query: &str, body: String) -> (u16, String) {
    let res = client()
        .post(gw.url(&format!("/wx?{query}")))
        .body(body)
        .send()
        .await
        .unwrap();
    (res.status().as_u16(), res.text().await.unwrap())
}

/// A backend answering `{"msg":"ok"}` and a gateway forwarding to it.
async fn with_ok_backend() -> (Backend, Gateway) {
    let be = backend(|_| Answer::json(r#"{"msg":"ok"}"#)).await;
    let gw = start(&one_service(&be.proxy_pass())).await;
    (be, gw)
}

/// Without `timeout` (or with the seed sample's 0), a signature from 2014 or from 10 minutes
/// ahead is refused with 403; `timeout: -1` turns the window off.
#[tokio::test]
async fn default_timestamp_window_refuses_old_and_future_signatures() {
    let be = backend(|_| Answer::json(r#"{"msg":"x"}"#)).await;
    for extra in ["", r#","timeout":0"#] {
        let gw = start(&one_service(&format!("{}{extra}", be.proxy_pass()))).await;
        let (status, body) =
            post_signed(&gw, 1409735669, &fresh_nonce(), &text_xml("old", 1)).await;
        assert_eq!(status, 403, "{extra}");
        assert!(body.contains("outside the accepted window"), "{body}");
        let future = unix_now() + 600;
        assert_eq!(
            post_signed(&gw, future, &fresh_nonce(), &text_xml("f", 2))
                .await
                .0,
            403
        );
        let near = unix_now() + 60;
        assert_eq!(
            post_signed(&gw, near, &fresh_nonce(), &text_xml("n", 3))
                .await
                .0,
            200
        );
    }
    assert_eq!(be.received().len(), 2);
    let gw = start(&one_service(&format!(
        r#"{},"timeout":-1"#,
        be.proxy_pass()
    )))
    .await;
    assert_eq!(
        post_signed(&gw, 1409735669, &fresh_nonce(), &text_xml("old", 4))
            .await
            .0,
        200
    );
}

/// A signed query string seen once cannot sign another body; the same push again within
/// WeChat's retry period is a retry (one backend call, the same reply).
#[tokio::test]
async fn a_signature_cannot_carry_another_body() {
    let be = backend(|r| {
        Answer::json(&format!(
            r#"{{"msg":"re: {}"}}"#,
            r.body["Content"].as_str().unwrap_or("")
        ))
    })
    .await;
    let gw = start(&one_service(&be.proxy_pass())).await;
    let (ts, nonce) = (unix_now(), fresh_nonce());
    let (status, first) = post_signed(&gw, ts, &nonce, &text_xml("hello", 11)).await;
    assert_eq!(status, 200);
    let (status, again) = post_signed(&gw, ts, &nonce, &text_xml("hello", 11)).await;
    assert_eq!((status, &again), (200, &first));
    let (status, body) = post_signed(&gw, ts, &nonce, &text_xml("give me admin", 12)).await;
    assert_eq!(status, 403);
    assert!(body.contains("forgery"), "{body}");
    assert_eq!(be.received().len(), 1);
}

/// The handshake URL's signature (it appears in access logs) cannot sign a push.
#[tokio::test]
async fn the_handshake_signature_cannot_sign_a_push() {
    let be = backend(|_| Answer::json(r#"{"msg":"x"}"#)).await;
    let gw = start(&one_service(&be.proxy_pass())).await;
    let (ts, nonce) = (unix_now().to_string(), fresh_nonce());
    let sig = signature::plain(TOKEN, &ts, &nonce);
    let q = format!("signature={sig}&timestamp={ts}&nonce={nonce}");
    let res = client()
        .get(gw.url(&format!("/wx?{q}&echostr=abc")))
        .send()
        .await
        .unwrap();
    assert_eq!(res.text().await.unwrap(), "abc");
    let (status, _) = post(&gw, &q, text_xml("forged", 21)).await;
    assert_eq!(status, 403);
    assert!(be.received().is_empty());
}

/// Encrypted: WeChat may re-encrypt a retry (other random bytes): what was decrypted is
/// compared, so that is a retry; another message under the same pair is a forgery.
#[tokio::test]
async fn encrypted_retries_compare_the_decrypted_message() {
    let (be, gw) = with_ok_backend().await;
    let (ts, nonce) = (unix_now(), fresh_nonce());
    let (q, b) = safe_signed(&text_xml("m", 31), ts, &nonce, 1, None);
    assert_eq!(post(&gw, &q, b).await.0, 200);
    let (q, b) = safe_signed(&text_xml("m", 31), ts, &nonce, 2, None);
    assert_eq!(post(&gw, &q, b).await.0, 200);
    let (q, b) = safe_signed(&text_xml("other", 32), ts, &nonce, 3, None);
    assert_eq!(post(&gw, &q, b).await.0, 403);
    assert_eq!(be.received().len(), 1);
}

/// In safe mode a bad `signature` is refused even beside a good `msg_signature`.
#[tokio::test]
async fn a_bad_plain_signature_is_refused_in_safe_mode() {
    let (be, gw) = with_ok_backend().await;
    let bad = "0".repeat(40);
    let (q, b) = safe_signed(
        &text_xml("m", 41),
        unix_now(),
        &fresh_nonce(),
        1,
        Some(&bad),
    );
    assert_eq!(post(&gw, &q, b).await.0, 403);
    assert!(be.received().is_empty());
}

/// Compatible mode forwards what was encrypted, never the plaintext copy beside it.
#[tokio::test]
async fn compat_mode_forwards_the_decrypted_content() {
    let (be, gw) = with_ok_backend().await;
    let (ts, nonce) = (unix_now(), fresh_nonce());
    let key = AesKey::from_encoding_key(AES_KEY).unwrap();
    let encrypt = key.encrypt(text_xml("signed", 51).as_bytes(), APP_ID, &[5; 16]);
    let msg_sig = signature::msg(TOKEN, &ts.to_string(), &nonce, &encrypt);
    let forged = text_xml("forged", 51).replace(
        "</xml>",
        &format!("<Encrypt><![CDATA[{encrypt}]]></Encrypt></xml>"),
    );
    let q = format!("timestamp={ts}&nonce={nonce}&encrypt_type=aes&msg_signature={msg_sig}");
    assert_eq!(post(&gw, &q, forged).await.0, 200);
    assert_eq!(be.received()[0].body["Content"], "signed");
}

/// The retry table is keyed by sender too: another user's push with the same MsgId is
/// forwarded and gets its own reply.
#[tokio::test]
async fn retries_are_matched_per_sender() {
    let be = backend(|r| {
        Answer::json(&format!(
            r#"{{"msg":"for {}"}}"#,
            r.body["FromUserName"].as_str().unwrap_or("")
        ))
    })
    .await;
    let gw = start(&one_service(&be.proxy_pass())).await;
    let (_, a) = post_plain(&gw, &text_xml("x", 61)).await;
    let other = text_xml("x", 61).replace("oUSER", "oOTHER");
    let (_, b) = post_plain(&gw, &other).await;
    assert!(
        a.contains("for oUSER") && b.contains("for oOTHER"),
        "{a} / {b}"
    );
    assert_eq!(be.received().len(), 2);
}

/// Request heads are capped at 16 KiB (431); bodies at 64 KiB by default (413).
#[tokio::test]
async fn heads_and_bodies_are_bounded_by_default() {
    let gw = start(&one_service("")).await;
    let res = client()
        .get(gw.url("/healthz"))
        .header("x-padding", "a".repeat(20 * 1024))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 431);
    let big = text_xml(&"a".repeat(70 * 1024), 71);
    assert_eq!(post_plain(&gw, &big).await.0, 413);
    assert_eq!(
        post_plain(&gw, &text_xml(&"a".repeat(50 * 1024), 72))
            .await
            .0,
        200
    );
}

/// An unsigned request's bytes are never echoed at length, nor with control characters.
#[tokio::test]
async fn attacker_bytes_are_not_echoed() {
    let gw = start(&one_service("")).await;
    let name = format!("a{}\u{1b}[2J", "b".repeat(50_000));
    let body = format!("<xml><{name}></x></xml>");
    let q = format!(
        "timestamp={}&nonce={}&encrypt_type=aes&msg_signature=00",
        unix_now(),
        fresh_nonce()
    );
    let (status, text) = post(&gw, &q, body).await;
    assert_eq!(status, 400);
    assert!(text.len() < 1024, "{} bytes echoed", text.len());
    assert!(!text.contains('\u{1b}'));
    let q = format!("timestamp=1&nonce=1&encrypt_type={}", "z".repeat(10_000));
    let (status, text) = post(&gw, &q, String::new()).await;
    assert_eq!(status, 400);
    assert!(text.len() < 1024);
    // The endpoints for backends quote what they refuse, cut and escaped too.
    let cfg = one_service("").replacen(
        r#"{"listen-port":0,"#,
        r#"{"listen-port":0,"common-endpoints":{"wx-qr":"/qr"},"#,
        1,
    );
    let gw = start(&cfg).await;
    let long = format!("{}%1B%5B2J", "s".repeat(10_000));
    let res = client()
        .get(gw.url(&format!("/qr?s={long}")))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 400);
    let text = res.text().await.unwrap();
    assert!(
        text.len() < 1024 && !text.contains('\u{1b}'),
        "{}",
        text.len()
    );
}

fn short(write_stall_ms: u64) -> Timeouts {
    Timeouts {
        write_stall: Duration::from_millis(write_stall_ms),
        ..Default::default()
    }
}

/// A client that sends requests but never reads the answers loses its connection once the
/// gateway's writes stall, instead of holding it (and its buffers) for ever.
#[tokio::test]
async fn clients_that_never_read_are_cut_off() {
    let gw = start_with(&one_service(""), short(500)).await;
    let (ts, nonce) = (unix_now().to_string(), fresh_nonce());
    let sig = signature::plain(TOKEN, &ts, &nonce);
    let echostr = "e".repeat(12 * 1024);
    let req = format!(
        "GET /wx?signature={sig}&timestamp={ts}&nonce={nonce}&echostr={echostr} HTTP/1.1\r\nHost: x\r\n\r\n"
    );
    let mut s = TcpStream::connect(gw.addr).await.unwrap();
    let started = Instant::now();
    // Pipelined requests, answers never read: once the buffers both ways are full our writes
    // block; the gateway must then give up on its stalled writes and reset the connection,
    // which fails our blocked write. Without the stall limit it stays blocked for ever.
    let mut cut = false;
    while started.elapsed() < Duration::from_secs(20) {
        match tokio::time::timeout(Duration::from_secs(5), s.write_all(req.as_bytes())).await {
            Ok(Ok(())) => {}
            Ok(Err(_)) => {
                cut = true;
                break;
            }
            Err(_) => break,
        }
    }
    assert!(cut, "connection still open after {:?}", started.elapsed());
    let res = client().get(gw.url("/healthz")).send().await.unwrap();
    assert_eq!(res.status(), 200);
}

/// A gateway that serves at most `cap` connections at once.
async fn start_capped(cap: usize) -> Gateway {
    let cfg = wx_gateway::config::parse(&one_service("")).unwrap();
    let state = wx_gateway::gateway::State::with_limits(&cfg, Timeouts::default(), cap).unwrap();
    start_state(state).await
}

/// One connection cap for the process: at the cap the oldest idle connection is closed so a
/// new one (a health check) is served at once, not after the idle timeout.
#[tokio::test]
async fn at_the_cap_idle_connections_make_room() {
    let gw = start_capped(4).await;
    let mut idle = Vec::new();
    for _ in 0..4 {
        let mut s = TcpStream::connect(gw.addr).await.unwrap();
        s.write_all(b"GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n")
            .await
            .unwrap();
        let mut buf = [0u8; 256];
        let n = s.read(&mut buf).await.unwrap();
        assert!(buf[..n].starts_with(b"HTTP/1.1 200"));
        idle.push(s);
    }
    let started = Instant::now();
    let res = client().get(gw.url("/healthz")).send().await.unwrap();
    assert_eq!(res.status(), 200);
    assert!(
        started.elapsed() < Duration::from_secs(3),
        "{:?}",
        started.elapsed()
    );
    // The oldest idle connection was the one closed.
    let mut buf = [0u8; 16];
    let first = tokio::time::timeout(Duration::from_secs(2), idle[0].read(&mut buf)).await;
    assert!(matches!(first, Ok(Ok(0)) | Ok(Err(_))), "{first:?}");
}

/// At the cap, connections still sending their head (slowloris) make room too, at once rather
/// than after their 10 s header timeout.
#[tokio::test]
async fn at_the_cap_slow_senders_make_room() {
    let gw = start_capped(4).await;
    let mut slow = Vec::new();
    for _ in 0..4 {
        let mut s = TcpStream::connect(gw.addr).await.unwrap();
        s.write_all(b"GET /healthz HTTP/1.1\r\nHost: x\r\n")
            .await
            .unwrap();
        slow.push(s);
    }
    let started = Instant::now();
    let res = client().get(gw.url("/healthz")).send().await.unwrap();
    assert_eq!(res.status(), 200);
    assert!(
        started.elapsed() < Duration::from_secs(3),
        "{:?}",
        started.elapsed()
    );
}

/// The soft file-descriptor limit is raised to the hard one, and the connection cap stays
/// below it.
#[test]
fn fd_limit_is_raised_and_the_cap_fits_under_it() {
    let (soft, hard) = wx_gateway::gateway::raise_fd_limit();
    assert_eq!(soft, hard);
    let cap = wx_gateway::gateway::connection_cap(usize::MAX);
    if let Some(soft) = soft {
        assert!((cap as u64) < soft.max(17));
    }
}

/// A stderr nobody reads (a stalled log pipe) never stops the gateway: log lines are handed to
/// a writer thread through a bounded queue, dropped and counted when it is full.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_stalled_log_pipe_does_not_stop_the_gateway() {
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    /// Killed when the test ends, also when it fails.
    struct Child(std::process::Child);
    impl Drop for Child {
        fn drop(&mut self) {
            let _ = self.0.kill();
            let _ = self.0.wait();
        }
    }
    let mut child = Child(
        std::process::Command::new(env!("CARGO_BIN_EXE_wx-gateway"))
            .args(["serve", "--port", &port.to_string()])
            .env_remove("CONF_FILE")
            .stdout(std::process::Stdio::null())
            .stderr(std::process::Stdio::piped())
            .spawn()
            .unwrap(),
    );
    // The pipe is held open and never read: 64 KiB of log lines fill it.
    let _stalled = child.0.stderr.take();
    let base = format!("http://127.0.0.1:{port}");
    let c = client();
    let started = Instant::now();
    while c.get(format!("{base}/healthz")).send().await.is_err() {
        assert!(
            started.elapsed() < Duration::from_secs(10),
            "gateway did not start"
        );
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
    // Each refused push writes a warning line (~200 bytes): 2,000 of them fill the pipe many
    // times over.
    let junk = "x".repeat(180);
    for i in 0..2000 {
        let res = c
            .post(format!("{base}/wx?signature={junk}&timestamp=1&nonce={i}"))
            .body("<xml/>")
            .send()
            .await
            .unwrap();
        assert_eq!(res.status(), 403);
    }
    let t = Instant::now();
    let res = tokio::time::timeout(
        Duration::from_secs(3),
        c.get(format!("{base}/healthz")).send(),
    )
    .await
    .expect("the gateway answers with its log pipe stalled")
    .unwrap();
    assert_eq!(res.status(), 200);
    assert!(t.elapsed() < Duration::from_secs(1));
}
