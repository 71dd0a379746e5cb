//! Any UTF-8 text as a push body: the XML reader, the push, and the backend JSON it becomes.
//! Nothing may panic; errors are fine.
#![no_main]

use libfuzzer_sys::fuzz_target;
use wx_gateway::backend;
use wx_gateway::wechat::{Push, xml};

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let Ok(root) = xml::parse(text) else {
        return;
    };
    let Ok(push) = Push::from_xml(root) else {
        return;
    };
    let _ = (push.route(), push.retry_key(), push.find("Count"));
    let json = backend::push_json(&push);
    let body = backend::request_body(&json);
    assert!(!body.is_empty());
});
