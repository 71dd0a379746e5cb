//! Writes signed WeChat pushes for the load benchmark (benches/load/load.sh), one per line as
//! `<path-and-query>\t<body>`, signed at TIMESTAMP (now, so the gateway's timestamp window
//! accepts them), each with its own nonce and MsgId from FIRST on, so that neither the replay
//! cache nor the retry deduplication short-cuts or refuses a request (give each file its own
//! FIRST range). Usage:
//! `cargo run --release --example bench_requests -- plain|safe COUNT TOKEN APPID AESKEY TIMESTAMP FIRST > file`

use std::io::{BufWriter, Write};

use wx_gateway::wechat::AesKey;
use wx_gateway::wechat::envelope::{self, Keys, Mode, Stamp};

fn main() {
    let args: Vec<String> = std::env::args().collect();
    if args.len() != 8 {
        eprintln!("usage: bench_requests plain|safe COUNT TOKEN APPID AESKEY TIMESTAMP FIRST");
        std::process::exit(2);
    }
    let timestamp: i64 = args[6].parse().expect("TIMESTAMP");
    let first: u64 = args[7].parse().expect("FIRST");
    let (mode, count, token, app_id) = (
        &args[1],
        args[2].parse::<u64>().expect("COUNT"),
        &args[3],
        &args[4],
    );
    let key = AesKey::from_encoding_key(&args[5]).expect("AESKEY");
    let keys = Keys {
        token,
        aes_key: Some(&key),
        app_id,
    };
    let mode = if mode == "safe" {
        Mode::Safe
    } else {
        Mode::Plain
    };
    let mut out = BufWriter::new(std::io::stdout().lock());
    for i in first..first + count {
        let xml = format!(
            "<xml><ToUserName><![CDATA[gh_0123456789ab]]></ToUserName><FromUserName><![CDATA[oUSER{i:020}]]></FromUserName><CreateTime>1700000000</CreateTime><MsgType><![CDATA[text]]></MsgType><Content><![CDATA[load test message {i}]]></Content><MsgId>{}</MsgId></xml>",
            24_000_000_000_000_000_000u128 + i as u128
        );
        let mut random = [0u8; 16];
        random[..8].copy_from_slice(&i.to_le_bytes());
        let stamp = Stamp {
            timestamp,
            nonce: i.to_string(),
            random,
        };
        let sealed = envelope::seal_push(keys, mode, &xml, "gh_0123456789ab", "oUSER", &stamp);
        writeln!(out, "/wx?{}\t{}", sealed.query, sealed.body).expect("write");
    }
}
