//! Any text as a callback's query string, and its fields through the signature comparison.
//! Nothing may panic; a signature matches only its own lower- or upper-case spelling.
#![no_main]

use libfuzzer_sys::fuzz_target;
use wx_gateway::wechat::query::Query;
use wx_gateway::wechat::signature;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let q = Query::parse(text);
    let field = |f: &Option<String>| f.clone().unwrap_or_default();
    let (ts, nonce) = (field(&q.timestamp), field(&q.nonce));
    let expected = signature::plain("wxgateway", &ts, &nonce);
    for received in [&q.signature, &q.msg_signature, &q.echostr, &q.openid] {
        let received = field(received);
        if signature::matches(&expected, &received) {
            assert_eq!(received.to_ascii_lowercase(), expected);
        }
        // Either side arbitrary: never a panic.
        let _ = signature::matches(&received, &expected);
        let _ = signature::matches(&received, &field(&q.encrypt_type));
    }
    assert!(signature::matches(
        &expected,
        &expected.to_ascii_uppercase()
    ));
    let msg = signature::msg("wxgateway", &ts, &nonce, &field(&q.encrypt_type));
    assert!(signature::matches(&msg, &msg));
});
