//! Bad input gets a clear status and the server keeps serving; bounded bodies, bounded
//! concurrency, timestamps, modes, timeouts and graceful shutdown.

use std::time::{Duration, Instant};

use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpStream;
use wx_gateway::wechat::{AesKey, signature};

use crate::support::*;

async fn healthy(gw: &Gateway) {
    let res = client().get(gw.url("/healthz")).send().await.unwrap();
    assert_eq!(res.status(), 200);
    assert_eq!(res.text().await.unwrap(), "OK\n");
}

/// Sends raw bytes and returns what the server answered before closing (or 5 s passed).
async fn raw(gw: &Gateway, request: &[u8]) -> String {
    let mut s = TcpStream::connect(gw.addr).await.unwrap();
    s.write_all(request).await.unwrap();
    let mut out = Vec::new();
    let _ = tokio::time::timeout(Duration::from_secs(5), s.read_to_end(&mut out)).await;
    String::from_utf8_lossy(&out).into_owned()
}

/// POSTs a signed encrypted push whose Encrypt is `encrypt` verbatim.
async fn post_encrypt(gw: &Gateway, encrypt: &str) -> u16 {
    let ts = now();
    let sig = signature::msg(TOKEN, &ts, "1", encrypt);
    client()
        .post(gw.url(&format!(
            "/wx?timestamp={ts}&nonce=1&encrypt_type=aes&msg_signature={sig}"
        )))
        .body(format!(
            "<xml><Encrypt><![CDATA[{encrypt}]]></Encrypt></xml>"
        ))
        .send()
        .await
        .unwrap()
        .status()
        .as_u16()
}

#[tokio::test]
async fn oversized_bodies_get_413_with_or_without_content_length() {
    let gw = start(&one_service(r#","max-body-bytes":1024"#)).await;
    let big = format!(
        "<xml><MsgType>text</MsgType><Content>{}</Content></xml>",
        "a".repeat(5000)
    );
    assert_eq!(post_plain(&gw, &big).await.0, 413);
    assert_eq!(post_safe(&gw, &big).await.0, 413);
    let q = plain_query(TOKEN);
    let chunk = "a".repeat(2000);
    let req = format!(
        "POST /wx?{q} HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\nConnection: close\r\n\r\n{:x}\r\n{chunk}\r\n0\r\n\r\n",
        chunk.len()
    );
    let out = raw(&gw, req.as_bytes()).await;
    assert!(out.starts_with("HTTP/1.1 413"), "{out}");
    healthy(&gw).await;
}

#[tokio::test]
async fn malformed_bodies_get_400_and_nothing_is_expanded() {
    let be = backend(|_| Answer::json(r#"{"msg":"x"}"#)).await;
    let gw = start(&one_service(&be.proxy_pass())).await;
    let xxe = r#"<?xml version="1.0"?><!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]><xml><MsgType>text</MsgType><Content>&e;</Content></xml>"#;
    let bomb = r#"<!DOCTYPE x [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">]><xml><MsgType>text</MsgType><Content>&b;</Content></xml>"#;
    for body in [
        "",
        "   ",
        "garbage",
        "<xml>",
        "<xml><MsgType>text</MsgType>",
        xxe,
        bomb,
        "<xml><Content>no type</Content></xml>",
        "\u{feff}\u{0}",
    ] {
        assert_eq!(post_plain(&gw, body).await.0, 400, "plain {body:?}");
        assert_eq!(post_safe(&gw, body).await.0, 400, "safe inner {body:?}");
    }
    let res = client()
        .post(gw.url(&format!("/wx?{}", plain_query(TOKEN))))
        .body(vec![0xffu8, 0xfe, 0x00])
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 400);
    // An envelope without Encrypt, and a DOCTYPE envelope.
    let (q, _) = safe_push(&text_xml("x", 1));
    for body in ["<xml><ToUserName>gh</ToUserName></xml>", xxe] {
        let res = client()
            .post(gw.url(&format!("/wx?{q}")))
            .body(body)
            .send()
            .await
            .unwrap();
        assert_eq!(res.status(), 400, "{body}");
    }
    assert!(be.received().is_empty());
    healthy(&gw).await;
}

#[tokio::test]
async fn broken_ciphertexts_get_400() {
    let gw = start(&one_service("")).await;
    let key = AesKey::from_encoding_key(AES_KEY).unwrap();
    // Valid frame, then cut to a non-block length / a single block.
    let good = key.encrypt(text_xml("x", 1).as_bytes(), APP_ID, &[3; 16]);
    for encrypt in [
        "!!!not base64!!!".to_owned(),
        "YWJj".to_owned(),     // 3 bytes: not a block multiple
        "YWJjZA=".to_owned(),  // bad padding
        good[..24].to_owned(), // short ciphertext (one block, inconsistent frame)
        "AAAAAAAAAAAAAAAAAAAAAA==".to_owned(),
        // Encrypted with another key: padding check fails.
        AesKey::from_encoding_key(&"B".repeat(43))
            .unwrap()
            .encrypt(b"<xml/>", APP_ID, &[1; 16]),
    ] {
        assert_eq!(post_encrypt(&gw, &encrypt).await, 400, "{encrypt}");
    }
    healthy(&gw).await;
}

#[tokio::test]
async fn wrong_method_is_405_and_unknown_path_is_404() {
    let gw = start(&one_service("")).await;
    let c = client();
    let res = c.put(gw.url("/wx")).body("x").send().await.unwrap();
    assert_eq!(res.status(), 405);
    assert_eq!(res.headers()["allow"], "GET, POST");
    assert_eq!(
        c.delete(gw.url("/healthz")).send().await.unwrap().status(),
        405
    );
    assert_eq!(c.get(gw.url("/nope")).send().await.unwrap().status(), 404);
    assert_eq!(c.post(gw.url("/wxx")).send().await.unwrap().status(), 404);
    assert_eq!(
        c.head(gw.url("/healthz")).send().await.unwrap().status(),
        200
    );
    healthy(&gw).await;
}

#[tokio::test]
async fn modes_and_timestamps_are_enforced() {
    // require-encryption: plaintext is refused.
    let gw = start(&one_service(r#","require-encryption":true"#)).await;
    assert_eq!(post_plain(&gw, &text_xml("x", 1)).await.0, 403);
    assert_eq!(post_safe(&gw, &text_xml("x", 2)).await.0, 200);
    let (q, body) = safe_push(&text_xml("x", 3));
    let res = client()
        .post(gw.url(&format!(
            "/wx?{}",
            q.replace("encrypt_type=aes", "encrypt_type=des")
        )))
        .body(body)
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 400);

    // encrypt_type=aes on a plaintext-only service is a clear 400, not a crash.
    let cfg = r#"{"services":[{"name":"p","wx-params":{"token":"testtoken"},"listen-endpoints":{"service-path":"/wx"}}]}"#;
    let gw = start(cfg).await;
    let (status, _) = post_safe(&gw, &text_xml("x", 4)).await;
    assert_eq!(status, 400);
    healthy(&gw).await;

    // timeout: a signature older than the window is refused, a fresh one accepted.
    let gw = start(&one_service(r#","timeout":60"#)).await;
    let old = (now().parse::<i64>().unwrap() - 3600).to_string();
    let sig = signature::plain(TOKEN, &old, "1");
    let res = client()
        .post(gw.url(&format!("/wx?signature={sig}&timestamp={old}&nonce=1")))
        .body(text_xml("x", 5))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 403);
    assert_eq!(post_plain(&gw, &text_xml("x", 6)).await.0, 200);
}

#[tokio::test]
async fn worker_num_bounds_concurrent_backend_calls() {
    let be = backend(|_| Answer::slow(r#"{"msg":"ok"}"#, 300)).await;
    let gw = start(&one_service(&format!(
        r#","msg-proxy-pass":"{}","workerNum":1"#,
        be.base()
    )))
    .await;
    let started = Instant::now();
    let results = futures_util::future::join_all((0..3).map(|i| {
        let gw = &gw;
        async move { post_plain(gw, &text_xml("c", 900 + i)).await }
    }))
    .await;
    for (status, body) in results {
        assert_eq!(status, 200);
        assert!(body.contains("ok"));
    }
    // One at a time: three 300 ms calls take at least 900 ms.
    assert!(
        started.elapsed() >= Duration::from_millis(880),
        "{:?}",
        started.elapsed()
    );
    assert_eq!(be.received().len(), 3);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn full_wait_list_answers_503_and_recovers() {
    let be = backend(|_| Answer::slow(r#"{"msg":"ok"}"#, 1500)).await;
    let gw = start(&one_service(&format!(
        r#","msg-proxy-pass":"{}","workerNum":1,"backend-timeout-ms":2500"#,
        be.base()
    )))
    .await;
    // 1 running + 256 waiting fill the service; the rest must be told to come back at once.
    let c = client();
    let results = futures_util::future::join_all((0..300).map(|i| {
        let (c, url) = (c.clone(), gw.url(&format!("/wx?{}", plain_query(TOKEN))));
        async move {
            let t = Instant::now();
            let res = c
                .post(url)
                .body(text_xml("q", 10_000 + i))
                .send()
                .await
                .unwrap();
            (res.status().as_u16(), t.elapsed())
        }
    }))
    .await;
    let unavailable: Vec<_> = results.iter().filter(|(s, _)| *s == 503).collect();
    assert!(
        unavailable.len() >= 43,
        "{} of 300 got 503",
        unavailable.len()
    );
    assert!(results.iter().all(|(s, _)| *s == 200 || *s == 503));
    // Nobody waits past the budget: WeChat always has its answer before 5 s.
    assert!(
        results
            .iter()
            .all(|(_, t)| *t < Duration::from_millis(4500)),
        "{results:?}"
    );
    healthy(&gw).await;
}

#[tokio::test]
async fn graceful_shutdown_finishes_in_flight_pushes() {
    let be = backend(|_| Answer::slow(r#"{"msg":"finished"}"#, 600)).await;
    let gw = start(&one_service(&be.proxy_pass())).await;
    let addr = gw.addr;
    let in_flight = tokio::spawn({
        let url = gw.url(&format!("/wx?{}", plain_query(TOKEN)));
        async move {
            client()
                .post(url)
                .body(text_xml("slow", 77))
                .send()
                .await
                .unwrap()
                .text()
                .await
                .unwrap()
        }
    });
    tokio::time::sleep(Duration::from_millis(150)).await;
    let done = gw.shutdown();
    assert!(in_flight.await.unwrap().contains("finished"));
    tokio::time::timeout(Duration::from_secs(5), done)
        .await
        .expect("server stopped")
        .unwrap();
    assert!(TcpStream::connect(addr).await.is_err(), "listener closed");
}

/// A header-read timeout of 1 s instead of the default 10 s: the same code path, a tenth of
/// the wait.
fn short_header_timeout() -> wx_gateway::gateway::Timeouts {
    wx_gateway::gateway::Timeouts {
        header_read: Duration::from_secs(1),
        ..Default::default()
    }
}

#[tokio::test]
async fn slow_header_senders_are_cut_off() {
    let gw = start_with(&one_service(""), short_header_timeout()).await;
    let out = raw(&gw, b"POST /wx HTTP/1.1\r\nHost: x\r\n").await;
    // The server must not have answered a half-sent request.
    assert!(!out.contains("200 OK"));
    let started = Instant::now();
    let mut s = TcpStream::connect(gw.addr).await.unwrap();
    s.write_all(b"GET /healthz HTTP/1.1\r\nHost: x\r\n")
        .await
        .unwrap();
    let mut buf = Vec::new();
    let closed = tokio::time::timeout(Duration::from_secs(15), s.read_to_end(&mut buf)).await;
    assert!(
        closed.is_ok(),
        "connection with unfinished headers still open after 15 s"
    );
    assert!(started.elapsed() >= Duration::from_millis(900));
    healthy(&gw).await;
}

#[tokio::test]
async fn idle_keep_alive_connections_are_closed() {
    let gw = start_with(&one_service(""), short_header_timeout()).await;
    let mut s = TcpStream::connect(gw.addr).await.unwrap();
    s.write_all(b"GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n")
        .await
        .unwrap();
    let mut buf = [0u8; 256];
    let n = s.read(&mut buf).await.unwrap();
    assert!(buf[..n].starts_with(b"HTTP/1.1 200"));
    let started = Instant::now();
    let rest = tokio::time::timeout(Duration::from_secs(15), s.read(&mut buf)).await;
    assert!(
        matches!(rest, Ok(Ok(0))),
        "idle connection not closed: {rest:?}"
    );
    assert!(started.elapsed() >= Duration::from_millis(900));
}
