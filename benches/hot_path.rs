//! The per-push hot path, without I/O: verify + decrypt + parse + JSON on the way in, and
//! reply XML + encrypt + sign on the way out. Run: `cargo bench --bench hot_path`.

use std::hint::black_box;

use criterion::{Criterion, criterion_group, criterion_main};
use wx_gateway::backend;
use wx_gateway::wechat::envelope::{self, Envelope, Keys, Mode, Stamp};
use wx_gateway::wechat::{AesKey, Push, Reply};

const TOKEN: &str = "benchtoken";
const APP_ID: &str = "wx0123456789abcdef";
const KEY: &str = "abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG";
const TEXT: &str = "<xml><ToUserName><![CDATA[gh_0123456789ab]]></ToUserName><FromUserName><![CDATA[oUSER0123456789abcdefghijkl]]></FromUserName><CreateTime>1700000000</CreateTime><MsgType><![CDATA[text]]></MsgType><Content><![CDATA[你好，这是一条测试消息 hello]]></Content><MsgId>24125730928374012345</MsgId></xml>";

fn keys(key: &AesKey) -> Keys<'_> {
    Keys {
        token: TOKEN,
        aes_key: Some(key),
        app_id: APP_ID,
    }
}

fn stamp(random: u8) -> Stamp {
    Stamp {
        timestamp: 1700000000,
        nonce: "1234567890".into(),
        random: [random; 16],
    }
}

fn inbound(c: &mut Criterion) {
    let key = AesKey::from_encoding_key(KEY).unwrap();
    let sealed = envelope::seal_push(
        keys(&key),
        Mode::Safe,
        TEXT,
        "gh_0123456789ab",
        "oUSER",
        &stamp(7),
    );
    let sig = sealed
        .query
        .split('&')
        .find_map(|kv| kv.strip_prefix("msg_signature="))
        .unwrap()
        .to_owned();

    c.bench_function("inbound safe: verify+decrypt+parse+json", |b| {
        b.iter(|| {
            let env = Envelope::parse(black_box(&sealed.body)).unwrap();
            env.verify(TOKEN, "1700000000", "1234567890", &sig).unwrap();
            let plain = env.decrypt(&key, APP_ID).unwrap();
            let push = Push::parse(&plain).unwrap();
            black_box(backend::request_body(&backend::push_json(&push)))
        })
    });
    c.bench_function("inbound plain: parse+json", |b| {
        b.iter(|| {
            black_box(backend::request_body(&backend::push_json(
                &Push::parse(black_box(TEXT)).unwrap(),
            )))
        })
    });
}

fn outbound(c: &mut Criterion) {
    let key = AesKey::from_encoding_key(KEY).unwrap();
    let answer = r#"{"type":"text","msg":"收到：你好，这是一条测试消息 hello"}"#.as_bytes();
    let stamp = stamp(9);
    c.bench_function("outbound safe: reply json+xml+encrypt+sign", |b| {
        b.iter(|| {
            let reply: Reply = backend::BackendReply::parse(black_box(answer))
                .unwrap()
                .into_reply()
                .unwrap();
            let xml_text = reply
                .to_xml("oUSER0123456789abcdefghijkl", "gh_0123456789ab", 1700000000)
                .unwrap();
            black_box(envelope::seal_reply(
                keys(&key),
                Mode::Safe,
                xml_text,
                &stamp,
            ))
        })
    });
}

criterion_group!(benches, inbound, outbound);
criterion_main!(benches);
