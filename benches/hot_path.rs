//! The per-push hot path, without I/O: verify + decrypt + parse + JSON on the way in, and
//! reply XML + encrypt + sign on the way out. Run: `cargo bench --bench hot_path`.

use std::hint::black_box;

use criterion::{Criterion, criterion_group, criterion_main};
use wx_gateway::backend;
use wx_gateway::wechat::{AesKey, Push, Reply, signature, xml};

const TOKEN: &str = "benchtoken";
const APP_ID: &str = "wx0123456789abcdef";
const KEY: &str = "abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG";
const TEXT: &str = "<xml><ToUserName><![CDATA[gh_0123456789ab]]></ToUserName><FromUserName><![CDATA[oUSER0123456789abcdefghijkl]]></FromUserName><CreateTime>1700000000</CreateTime><MsgType><![CDATA[text]]></MsgType><Content><![CDATA[你好，这是一条测试消息 hello]]></Content><MsgId>24125730928374012345</MsgId></xml>";

fn inbound(c: &mut Criterion) {
    let key = AesKey::from_encoding_key(KEY).unwrap();
    let encrypt = key.encrypt(TEXT.as_bytes(), APP_ID, &[7; 16]);
    let body = format!(
        "<xml><ToUserName><![CDATA[gh_0123456789ab]]></ToUserName><Encrypt><![CDATA[{encrypt}]]></Encrypt></xml>"
    );
    let sig = signature::msg(TOKEN, "1700000000", "123456789", &encrypt);

    c.bench_function("inbound safe: verify+decrypt+parse+json", |b| {
        b.iter(|| {
            let env = xml::parse(black_box(&body)).unwrap();
            let enc = env.text_of("Encrypt").unwrap();
            assert!(signature::matches(
                &signature::msg(TOKEN, "1700000000", "123456789", enc),
                &sig
            ));
            let plain = key.decrypt_for(enc, APP_ID).unwrap();
            let push = Push::parse(std::str::from_utf8(&plain).unwrap()).unwrap();
            black_box(backend::request_body(&push))
        })
    });
    c.bench_function("inbound plain: parse+json", |b| {
        b.iter(|| {
            black_box(backend::request_body(
                &Push::parse(black_box(TEXT)).unwrap(),
            ))
        })
    });
}

fn outbound(c: &mut Criterion) {
    let key = AesKey::from_encoding_key(KEY).unwrap();
    let answer = r#"{"type":"text","msg":"收到：你好，这是一条测试消息 hello"}"#.as_bytes();
    c.bench_function("outbound safe: reply json+xml+encrypt+sign", |b| {
        b.iter(|| {
            let reply: Reply = backend::BackendReply::parse(black_box(answer))
                .unwrap()
                .into_reply()
                .unwrap();
            let xml_text = reply
                .to_xml("oUSER0123456789abcdefghijkl", "gh_0123456789ab", 1700000000)
                .unwrap();
            let encrypt = key.encrypt(xml_text.as_bytes(), APP_ID, &[9; 16]);
            let sig = signature::msg(TOKEN, "1700000000", "1234567890", &encrypt);
            black_box(xml::encrypted_envelope(
                &encrypt,
                &sig,
                1700000000,
                "1234567890",
            ))
        })
    });
}

criterion_group!(benches, inbound, outbound);
criterion_main!(benches);
