//! The push path end to end: verification, the three modes, forwarding, reply types, backend
//! failures, echo mode and retry deduplication.

use std::time::{Duration, Instant};

use serde_json::json;
use wx_gateway::wechat::{self, signature};

use crate::support::*;

#[tokio::test]
async fn get_handshake_echoes_exactly_and_refuses_bad_signatures() {
    let gw = start(&one_service("")).await;
    let c = client();
    let ts = now();
    let sig = signature::plain(TOKEN, &ts, "n1");
    let echostr = "5837397520665550327";
    let res = c
        .get(gw.url(&format!(
            "/wx?signature={sig}&timestamp={ts}&nonce=n1&echostr={echostr}"
        )))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 200);
    assert_eq!(res.text().await.unwrap(), echostr);

    let bad = signature::plain("wrong", &ts, "n1");
    let res = c
        .get(gw.url(&format!(
            "/wx?signature={bad}&timestamp={ts}&nonce=n1&echostr=leak"
        )))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 403);
    assert!(!res.text().await.unwrap().contains("leak"));

    let res = c.get(gw.url("/wx?echostr=leak")).send().await.unwrap();
    assert_eq!(res.status(), 400);
    assert!(!res.text().await.unwrap().contains("leak"));
}

#[tokio::test]
async fn plain_push_is_forwarded_with_headers_and_answered() {
    let be = backend(|_| Answer::json(r#"{"type":"text","msg":"pong ]]> <b>"}"#)).await;
    let gw = start(&one_service(&be.proxy_pass())).await;
    let (status, body) = post_plain(&gw, &text_xml("ping", 18277834746191186123)).await;
    assert_eq!(status, 200);
    let root = wechat::xml::parse(&body).unwrap();
    assert_eq!(root.text_of("Content"), Some("pong ]]> <b>"));
    assert_eq!(root.text_of("ToUserName"), Some("oUSER"));
    assert_eq!(root.text_of("FromUserName"), Some("gh_test"));
    assert_eq!(root.text_of("MsgType"), Some("text"));

    let got = be.received();
    assert_eq!(got.len(), 1);
    let r = &got[0];
    assert_eq!(r.path, "/hook/msg/text");
    assert_eq!(r.headers["content-type"], "application/json");
    assert_eq!(r.headers["x-wx-service"], "acct");
    assert_eq!(r.headers["x-wx-app-id"], APP_ID);
    assert_eq!(r.headers["x-request-id"].len(), 16);
    assert_eq!(
        r.body,
        json!({"ToUserName":"gh_test","FromUserName":"oUSER","CreateTime":1700000000,"MsgType":"text","Content":"ping","MsgId":"18277834746191186123"})
    );
}

#[tokio::test]
async fn plain_push_with_bad_or_missing_signature_is_never_forwarded() {
    let be = backend(|_| Answer::json(r#"{"msg":"x"}"#)).await;
    let gw = start(&one_service(&be.proxy_pass())).await;
    let c = client();
    let ts = now();
    let bad = signature::plain("nottoken", &ts, "1");
    for q in [
        format!("signature={bad}&timestamp={ts}&nonce=1"),
        format!("timestamp={ts}&nonce=1"),
        String::new(),
    ] {
        let res = c
            .post(gw.url(&format!("/wx?{q}")))
            .body(text_xml("x", 1))
            .send()
            .await
            .unwrap();
        assert!(res.status().is_client_error(), "{q}: {}", res.status());
    }
    assert!(be.received().is_empty());
}

#[tokio::test]
async fn safe_mode_round_trip_is_encrypted_and_signed() {
    let be = backend(|_| Answer::json(r#"{"type":"image","msg":"MEDIA1"}"#)).await;
    let gw = start(&one_service(&be.proxy_pass())).await;
    let (status, body) = post_safe(&gw, &text_xml("秘密", 7)).await;
    assert_eq!(status, 200);
    let reply = open_reply(&body);
    let root = wechat::xml::parse(&reply).unwrap();
    assert_eq!(root.text_of("MsgType"), Some("image"));
    assert_eq!(
        root.child("Image").unwrap().text_of("MediaId"),
        Some("MEDIA1")
    );
    assert_eq!(be.received()[0].body["Content"], "秘密");
}

#[tokio::test]
async fn safe_mode_with_bad_msg_signature_or_wrong_appid_is_refused() {
    let be = backend(|_| Answer::json(r#"{"msg":"x"}"#)).await;
    let gw = start(&one_service(&be.proxy_pass())).await;
    let c = client();
    // Tampered ciphertext: msg_signature no longer matches.
    let (q, body) = safe_push(&text_xml("a", 1));
    let body = body.replacen("<![CDATA[", "<![CDATA[x", 2);
    let res = c
        .post(gw.url(&format!("/wx?{q}")))
        .body(body)
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 403);
    // `signature` alone (plaintext rule) where msg_signature belongs.
    let (q, body) = safe_push(&text_xml("a", 2));
    let q = q.split("&msg_signature").next().unwrap().to_owned();
    let res = c
        .post(gw.url(&format!("/wx?{q}")))
        .body(body)
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 400);
    // Correctly signed, but encrypted for another account.
    let key = wechat::AesKey::from_encoding_key(AES_KEY).unwrap();
    let encrypt = key.encrypt(text_xml("a", 3).as_bytes(), "wxANOTHERACCOUNT", &[9; 16]);
    let ts = now();
    let sig = signature::msg(TOKEN, &ts, "1", &encrypt);
    let res = c
        .post(gw.url(&format!(
            "/wx?timestamp={ts}&nonce=1&encrypt_type=aes&msg_signature={sig}"
        )))
        .body(format!(
            "<xml><Encrypt><![CDATA[{encrypt}]]></Encrypt></xml>"
        ))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 403);
    assert!(be.received().is_empty());
}

/// WeChat's own compatible-mode sample (Python WXBizMsgCrypt sample): plaintext fields and
/// Encrypt side by side, exact signature and timestamp from the sample (from 2014, so the
/// timestamp window is turned off with `timeout: -1`).
#[tokio::test]
async fn official_compat_mode_sample_is_accepted_and_answered_encrypted() {
    let be = backend(|_| Answer::json(r#"{"msg":"got it"}"#)).await;
    let cfg = format!(
        r#"{{"services":[{{"name":"sample","timeout":-1,"wx-params":{{"token":"spamtest","app-id":"wx2c2769f8efd9abc2","aes-key":"{AES_KEY}"}},"listen-endpoints":{{"service-path":"/wx"}},"msg-proxy-pass":"{}"}}]}}"#,
        be.base()
    );
    let gw = start(&cfg).await;
    let body = include_str!("../fixtures/official-compat-push.xml").trim_end();
    let res = client()
        .post(gw.url("/wx?timestamp=1409735669&nonce=1320562132&encrypt_type=aes&msg_signature=5d197aaffba7e9b25a30732f161a50dee96bd5fa"))
        .body(body.to_owned())
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 200);
    let envelope = res.text().await.unwrap();
    let root = wechat::xml::parse(&envelope).unwrap();
    let (ts, nonce, enc) = (
        root.text_of("TimeStamp").unwrap(),
        root.text_of("Nonce").unwrap(),
        root.text_of("Encrypt").unwrap(),
    );
    assert_eq!(
        signature::msg("spamtest", ts, nonce, enc),
        root.text_of("MsgSignature").unwrap()
    );
    let key = wechat::AesKey::from_encoding_key(AES_KEY).unwrap();
    let reply = String::from_utf8(key.decrypt_for(enc, "wx2c2769f8efd9abc2").unwrap()).unwrap();
    assert!(
        reply.contains("<Content><![CDATA[got it]]></Content>"),
        "{reply}"
    );
    let got = be.received();
    assert_eq!(got[0].body["Content"], "abcdteT");
    assert_eq!(got[0].body["MsgId"], "6054768590064713728");
    assert_eq!(got[0].body["CreateTime"], 1409735668);
}

#[tokio::test]
async fn events_route_by_event_name_and_all_types_are_forwarded() {
    let be = backend(|_| Answer::json("")).await;
    let gw = start(&one_service(&be.proxy_pass())).await;
    let cases = [
        (event_xml("CLICK", "<EventKey>K1</EventKey>"), "/hook/event/CLICK"),
        (event_xml("subscribe", ""), "/hook/event/subscribe"),
        (event_xml("SCAN", "<EventKey>123</EventKey><Ticket>T</Ticket>"), "/hook/event/SCAN"),
        (event_xml("location_select", "<EventKey>k</EventKey><SendLocationInfo><Location_X>23</Location_X><Location_Y>113</Location_Y><Scale>15</Scale><Label>L</Label><Poiname>P</Poiname></SendLocationInfo>"), "/hook/event/location_select"),
        (event_xml("view_miniprogram", "<EventKey>pages/index</EventKey><MenuId>1</MenuId>"), "/hook/event/view_miniprogram"),
        (event_xml("TEMPLATESENDJOBFINISH", "<MsgID>200163836</MsgID><Status>success</Status>"), "/hook/event/TEMPLATESENDJOBFINISH"),
        (event_xml("brand_new_event", "<Whatever>1</Whatever>"), "/hook/event/brand_new_event"),
        ("<xml><ToUserName>gh</ToUserName><FromUserName>u</FromUserName><CreateTime>1</CreateTime><MsgType>video</MsgType><MediaId>V</MediaId><ThumbMediaId>T</ThumbMediaId><MsgId>5</MsgId></xml>".to_owned(), "/hook/msg/video"),
        ("<xml><ToUserName>gh</ToUserName><FromUserName>u</FromUserName><CreateTime>1</CreateTime><MsgType>miniprogrampage</MsgType><MsgId>6</MsgId></xml>".to_owned(), "/hook/msg/miniprogrampage"),
    ];
    for (xml, _) in &cases {
        let (status, body) = post_safe(&gw, xml).await;
        assert_eq!((status, body.as_str()), (200, "success"));
    }
    let got = be.received();
    let paths: Vec<_> = got.iter().map(|r| r.path.as_str()).collect();
    let expected: Vec<_> = cases.iter().map(|c| c.1).collect();
    assert_eq!(paths, expected);
    assert_eq!(got[3].body["Poiname"], "P");
    assert_eq!(got[3].body["Scale"], 15);
    assert_eq!(got[5].body["MsgID"], "200163836");
    assert_eq!(got[6].body["Whatever"], "1");
}

#[tokio::test]
async fn every_reply_type_reaches_wechat_as_valid_xml() {
    let be = backend(|r| {
        let body = match r.body["Content"].as_str().unwrap_or("") {
            "news" => r#"{"type":"news","articles":[{"title":"T","description":"D","pic_url":"http://p","url":"http://u"}]}"#,
            "music" => r#"{"type":"music","title":"M","music_url":"http://m","thumb_media_id":"TH"}"#,
            "video" => r#"{"type":"video","msg":"V","title":"t","desc":"d"}"#,
            "voice" => r#"{"type":"voice","msg":"VO"}"#,
            "kf" => r#"{"type":"transfer_customer_service"}"#,
            "success" => r#"{"type":"success","msg":"x"}"#,
            _ => r#"{"msg":""}"#,
        };
        Answer::json(body)
    })
    .await;
    let gw = start(&one_service(&be.proxy_pass())).await;
    for (i, (content, msg_type)) in [
        ("news", "news"),
        ("music", "music"),
        ("video", "video"),
        ("voice", "voice"),
        ("kf", "transfer_customer_service"),
    ]
    .into_iter()
    .enumerate()
    {
        let (status, body) = post_safe(&gw, &text_xml(content, 100 + i as u64)).await;
        assert_eq!(status, 200);
        let root = wechat::xml::parse(&open_reply(&body)).unwrap();
        assert_eq!(root.text_of("MsgType"), Some(msg_type));
    }
    for (i, content) in ["success", "empty"].into_iter().enumerate() {
        assert_eq!(
            post_safe(&gw, &text_xml(content, 200 + i as u64)).await,
            (200, "success".to_owned())
        );
    }
}

#[tokio::test]
async fn backend_failures_answer_success_in_time() {
    let be = backend(|r| match r.body["Content"].as_str().unwrap_or("") {
        "500" => Answer {
            status: 500,
            body: r#"{"msg":"should not be shown"}"#.into(),
            delay: Duration::ZERO,
            location: None,
        },
        "html" => Answer::json("<html>oops</html>"),
        "unknown" => Answer::json(r#"{"type":"hologram","msg":"x"}"#),
        "slow" => Answer::slow(r#"{"msg":"late"}"#, 3000),
        _ => Answer::json(r#"{"msg":"ok"}"#),
    })
    .await;
    let gw = start(&one_service(&format!(
        r#","msg-proxy-pass":"{}","backend-timeout-ms":500"#,
        be.base()
    )))
    .await;
    for (i, case) in ["500", "html", "unknown", "slow"].into_iter().enumerate() {
        let t = Instant::now();
        let (status, body) = post_plain(&gw, &text_xml(case, 300 + i as u64)).await;
        assert_eq!((status, body.as_str()), (200, "success"), "{case}");
        assert!(
            t.elapsed() < Duration::from_millis(1500),
            "{case} took {:?}",
            t.elapsed()
        );
    }
    // The gateway is still fine afterwards.
    let (status, body) = post_plain(&gw, &text_xml("fine", 310)).await;
    assert_eq!(status, 200);
    assert!(body.contains("ok"));
}

#[tokio::test]
async fn refused_backend_connection_answers_success() {
    // Bind and drop: nothing listens on this port any more.
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    let gw = start(&one_service(&format!(
        r#","msg-proxy-pass":"http://127.0.0.1:{port}""#
    )))
    .await;
    assert_eq!(
        post_safe(&gw, &text_xml("x", 1)).await,
        (200, "success".to_owned())
    );
}

#[tokio::test]
async fn echo_mode_without_backend() {
    let gw = start(&one_service("")).await;
    let (status, body) = post_safe(&gw, &text_xml("hello echo", 1)).await;
    assert_eq!(status, 200);
    assert!(open_reply(&body).contains("<Content><![CDATA[hello echo]]></Content>"));
    let (_, body) = post_plain(&gw, "<xml><ToUserName>gh</ToUserName><FromUserName>u</FromUserName><CreateTime>1</CreateTime><MsgType>image</MsgType><MediaId>IMG</MediaId><MsgId>2</MsgId></xml>").await;
    assert!(
        body.contains("<MediaId><![CDATA[IMG]]></MediaId>"),
        "{body}"
    );
    let (_, body) = post_plain(&gw, &event_xml("CLICK", "<EventKey>K</EventKey>")).await;
    assert!(body.contains("event key K clicked"), "{body}");
}

#[tokio::test]
async fn wechat_retries_reach_the_backend_once() {
    let be = backend(|_| Answer::slow(r#"{"msg":"once"}"#, 300)).await;
    let gw = start(&one_service(&be.proxy_pass())).await;
    let xml = text_xml("dup", 424242);
    // A retry arriving while the first is in flight, and one after it finished.
    let (a, b) = tokio::join!(post_plain(&gw, &xml), async {
        tokio::time::sleep(Duration::from_millis(50)).await;
        post_plain(&gw, &xml).await
    });
    let c = post_plain(&gw, &xml).await;
    for (status, body) in [a, b, c] {
        assert_eq!(status, 200);
        assert!(body.contains("once"), "{body}");
    }
    assert_eq!(be.received().len(), 1);
    // Events dedupe by sender + CreateTime.
    let ev = event_xml("CLICK", "<EventKey>K</EventKey>");
    post_plain(&gw, &ev).await;
    post_plain(&gw, &ev).await;
    assert_eq!(be.received().len(), 2);
}

#[tokio::test]
async fn two_services_with_prefix_paths_both_work() {
    let cfg = r#"{"services":[
          {"name":"a","wx-params":{"token":"tokA"},"listen-endpoints":{"service-path":"/wx"}},
          {"name":"b","wx-params":{"token":"tokB"},"listen-endpoints":{"service-path":"/wxecho"}}]}"#;
    let gw = start(cfg).await;
    let c = client();
    for (path, token) in [("/wx", "tokA"), ("/wxecho", "tokB"), ("/wx/", "tokA")] {
        let res = c
            .post(gw.url(&format!("{path}?{}", plain_query(token))))
            .body(text_xml(path, 1))
            .send()
            .await
            .unwrap();
        assert_eq!(res.status(), 200, "{path}");
        assert!(res.text().await.unwrap().contains(path));
    }
    // Each path checks its own token only.
    let res = c
        .post(gw.url(&format!("/wxecho?{}", plain_query("tokA"))))
        .body(text_xml("x", 1))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 403);
}
