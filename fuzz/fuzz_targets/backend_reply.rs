//! Any bytes as a backend's answer: the reply it becomes must render as XML that parses again
//! and reads back as the same reply type, with text content kept (minus the characters XML 1.0
//! cannot carry).
#![no_main]

use libfuzzer_sys::fuzz_target;
use wx_gateway::backend::BackendReply;
use wx_gateway::wechat::reply::{self, Reply};
use wx_gateway::wechat::xml;

fn xml_chars(s: &str) -> String {
    s.chars()
        .filter(|c| {
            matches!(c, '\t' | '\n' | '\r' | '\u{20}'..='\u{D7FF}' | '\u{E000}'..='\u{FFFD}' | '\u{10000}'..)
        })
        .collect()
}

fuzz_target!(|data: &[u8]| {
    let Ok(reply) = BackendReply::parse(data).and_then(BackendReply::into_reply) else {
        return;
    };
    let Some(out) = reply.to_xml("oUSER", "gh_1", 1_700_000_000) else {
        assert_eq!(reply, Reply::Success);
        return;
    };
    if let Err(e) = xml::parse(&out) {
        panic!("reply XML does not parse ({e}): {out}");
    }
    let view = reply::inspect(&out).unwrap_or_else(|e| panic!("inspect: {e}: {out}"));
    assert_eq!(view.msg_type, reply.msg_type(), "{out}");
    assert_eq!((view.to.as_str(), view.from.as_str()), ("oUSER", "gh_1"));
    if let Reply::Text(content) = &reply {
        assert_eq!(
            view.content.as_deref(),
            Some(xml_chars(content).as_str()),
            "{out}"
        );
    }
});
