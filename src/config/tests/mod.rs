//! The config's unit tests: the sample, the rules between keys, unknown keys, and loading.
//! `messages` pins every message and path users see.

mod delivery;
mod messages;
mod rotation;

use std::path::Path;

use super::*;

pub const KEY: &str = "abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG";

pub fn one(service: &str) -> String {
    format!(r#"{{"listen-port":7080,"services":[{service}]}}"#)
}

pub fn svc(extra: &str) -> String {
    format!(
        r#"{{"name":"a","wx-params":{{"token":"t","app-id":"wx1","aes-key":"{KEY}"}},"listen-endpoints":{{"service-path":"/wx"}}{extra}}}"#
    )
}

#[test]
fn sample_parses_into_echo_mode() {
    let c = parse(SAMPLE).unwrap();
    assert_eq!(c.listen_port, 7080);
    assert_eq!(c.listen_host, "127.0.0.1");
    assert!(c.services[0].msg_proxy_pass.is_none());
    assert!(c.services[0].aes_key.is_some());
    assert!(c.unknown_keys.is_empty(), "{:?}", c.unknown_keys);
}

#[test]
fn errors_name_the_path() {
    let text = format!(
        r#"{{"services":[{},{{"name":"b","wx-params":{{"token":"t","app-id":"x","aes-key":"short-key12"}},"listen-endpoints":{{"service-path":"/b"}}}}]}}"#,
        svc("")
    );
    assert_eq!(
        parse(&text).unwrap_err().to_string(),
        "services[1].wx-params.aes-key: expected 43 characters, got 11"
    );
    assert_eq!(
        parse(&one(&svc(r#","workerNum":"5""#))).unwrap_err().path,
        "services[0].workerNum"
    );
    assert_eq!(
        parse(r#"{"listen-port":70000,"services":[]}"#)
            .unwrap_err()
            .path,
        "listen-port"
    );
    assert_eq!(parse("{").unwrap_err().path, "(file)");
    assert_eq!(parse(r#"{"listen-port":1}"#).unwrap_err().path, "services");
}

#[test]
fn paths_match_exactly_and_must_be_unique() {
    let two = |a: &str, b: &str| {
        format!(
            r#"{{"services":[{{"name":"a","wx-params":{{"token":"t"}},"listen-endpoints":{{"service-path":"{a}"}}}},{{"name":"b","wx-params":{{"token":"t"}},"listen-endpoints":{{"service-path":"{b}"}}}}]}}"#
        )
    };
    assert!(parse(&two("/wx", "/wxecho")).is_ok());
    let e = parse(&two("/wx", "/wx/")).unwrap_err();
    assert_eq!(e.path, "services[1].listen-endpoints.service-path");
    assert_eq!(
        parse(&two("/wx", "/healthz")).unwrap_err().path,
        "services[1].listen-endpoints.service-path"
    );
    assert_eq!(
        parse(&two("wx", "/b")).unwrap_err().path,
        "services[0].listen-endpoints.service-path"
    );
}

#[test]
fn names_must_be_unique() {
    let text = format!(
        r#"{{"services":[{},{}]}}"#,
        svc(""),
        svc("").replace("/wx", "/wx2")
    );
    assert_eq!(parse(&text).unwrap_err().path, "services[1].name");
}

#[test]
fn worker_num_zero_or_absent_is_a_default_not_a_hang() {
    let c = parse(&one(&svc(r#","workerNum":0"#))).unwrap();
    assert_eq!(c.services[0].workers, DEFAULT_WORKERS);
    let c = parse(&one(&svc(""))).unwrap();
    assert_eq!(c.services[0].workers, DEFAULT_WORKERS);
    let c = parse(&one(&svc(r#","workerNum":5"#))).unwrap();
    assert_eq!(c.services[0].workers, 5);
    assert!(parse(&one(&svc(r#","workerNum":-1"#))).is_err());
}

#[test]
fn unknown_keys_are_listed_with_their_path() {
    let c = parse(&format!(
        r#"{{"services":[{}],"typo-key":1,"common-endpoints":{{"healthcheck":"/h"}}}}"#,
        svc(r#","注意":"note","wx-params2":{}"#)
    ))
    .unwrap();
    let mut u = c.unknown_keys.clone();
    u.sort();
    assert_eq!(
        u,
        [
            "common-endpoints.healthcheck",
            "services[0].wx-params2",
            "services[0].注意",
            "typo-key"
        ]
    );
}

#[test]
fn accepted_but_unimplemented_keys_are_reported() {
    let c = parse(&format!(
        r#"{{"services":[{}],"token-cache-dir":"/tmp","dont-append-userinfo":true,"common-endpoints":{{"health-check":"/health","wx-qr":"/qr"}}}}"#,
        svc(r#","is-channels-ec":true"#)
    ))
    .unwrap();
    assert!(c.unknown_keys.is_empty());
    assert_eq!(c.health_check.as_deref(), Some("/health"));
    // wx-qr and token-cache-dir are implemented now; channels-ec is not.
    assert_eq!(c.not_implemented.len(), 1, "{:?}", c.not_implemented);
    assert_eq!(c.endpoints, [(Endpoint::WxQr, "/qr".to_owned())]);
}

#[test]
fn redirect_path_needs_a_secret_only_when_it_is_served() {
    let no_secret = |extra: &str| {
        one(&format!(
            r#"{{"name":"a","wx-params":{{"token":"t","app-id":"wx1"}},"listen-endpoints":{{"service-path":"/wx","redirect-path":"/r"}}{extra}}}"#
        ))
    };
    // As go-wx-gateway: a redirect-path without a handler or secret is simply not served.
    let c = parse(&no_secret("")).unwrap();
    assert!(c.services[0].redirect_path.is_none());
    assert_eq!(c.warnings.len(), 1, "{:?}", c.warnings);
    let e = parse(&no_secret(r#","redirect-url":"http://127.0.0.1:1/x""#)).unwrap_err();
    assert_eq!(e.path, "services[0].wx-params.app-secret");
    let e = parse(&one(&svc(r#","redirect-url":"http://127.0.0.1:1/x""#))).unwrap_err();
    assert_eq!(e.path, "services[0].listen-endpoints.redirect-path");
}

#[test]
fn env_references_are_expanded() {
    // PATH is set wherever tests run; setting a variable would need `unsafe` (forbidden).
    let c = parse(&one(
        &svc("").replace(r#""token":"t""#, r#""token":"${PATH}""#)
    ))
    .unwrap();
    assert_eq!(
        c.services[0].token.expose(),
        std::env::var("PATH").unwrap().trim()
    );
    let e = parse(&one(
        &svc("").replace(r#""token":"t""#, r#""token":"${WXG_TEST_MISSING_7}""#)
    ))
    .unwrap_err();
    assert_eq!(
        e.to_string(),
        "services[0].wx-params.token: environment variable WXG_TEST_MISSING_7 is not set"
    );
}

#[test]
fn an_optional_env_reference_reads_the_variable_when_it_is_set() {
    let c = parse(&one(
        &svc("").replace(r#""token":"t""#, r#""token":"${PATH:-}""#)
    ))
    .unwrap();
    assert_eq!(
        c.services[0].token.expose(),
        std::env::var("PATH").unwrap().trim()
    );
    let c = parse(&one(&svc("").replace(
        r#""app-id":"wx1","#,
        r#""app-id":"wx1","app-secret":"${WXG_TEST_MISSING_7:-}","#,
    )))
    .unwrap();
    assert!(c.services[0].app_secret.is_none());
}

/// Issue 8: endpoints for backends without an admin-token are open to anyone who can reach
/// the gateway; that is allowed (go-wx-gateway had no token) but never silent.
#[test]
fn endpoints_without_an_admin_token_are_warned_about() {
    let with = |top: &str| {
        parse(&one(&svc(r#","require-encryption":true"#)).replace("7080,", &format!("7080,{top}")))
            .unwrap()
    };
    let c = with(
        r#""common-endpoints":{"health-check":"/h","wx-qr":"/qr","short-url":"/s","sns-auth2":"/sns"},"#,
    );
    assert_eq!(
        c.warnings,
        [
            "common-endpoints.wx-qr, common-endpoints.sns-auth2 served without admin-token: anyone who can reach the gateway can call them with the accounts' credentials; set admin-token"
        ]
    );
    let c = with(r#""admin-token":"a","common-endpoints":{"wx-qr":"/qr"},"#);
    assert!(c.warnings.is_empty(), "{:?}", c.warnings);
    let c = with(r#""common-endpoints":{"health-check":"/h","short-url":"/s"},"#);
    assert!(c.warnings.is_empty(), "{:?}", c.warnings);
    // The sample serves no endpoint for backends (its one warning is about plaintext pushes).
    let sample = parse(SAMPLE).unwrap().warnings;
    assert!(
        !sample.iter().any(|w| w.contains("admin-token")),
        "{sample:?}"
    );
}

#[test]
fn budgets_are_bounded() {
    assert!(parse(&one(&svc(r#","backend-timeout-ms":5000"#))).is_err());
    assert!(parse(&one(&svc(r#","backend-timeout-ms":0"#))).is_err());
    let c = parse(&one(&svc(r#","backend-timeout-ms":800,"max-body-bytes":4096,"require-encryption":true,"timeout":300"#))).unwrap();
    let s = &c.services[0];
    assert_eq!(s.backend_timeout, Duration::from_millis(800));
    assert_eq!(s.max_body_bytes, 4096);
    assert!(s.require_encryption);
    assert_eq!(s.max_signature_age, Some(Duration::from_secs(300)));
}

/// Issue 8: the timestamp window is on unless `timeout` is -1; the tables have bounds.
#[test]
fn signature_window_defaults_on_and_tables_are_bounded() {
    for extra in ["", r#","timeout":0"#] {
        let c = parse(&one(&svc(extra))).unwrap();
        assert_eq!(
            c.services[0].max_signature_age,
            Some(DEFAULT_SIGNATURE_WINDOW)
        );
        assert_eq!(c.services[0].max_body_bytes, 64 * 1024);
    }
    let c = parse(&one(&svc(r#","timeout":-1"#))).unwrap();
    assert_eq!(c.services[0].max_signature_age, None);
    assert!(
        c.warnings.iter().any(|w| w.contains("timeout is -1")),
        "{:?}",
        c.warnings
    );
    assert!(
        c.warnings
            .iter()
            .any(|w| w.contains("require-encryption is false"))
    );
    let c = parse(&one(&svc(r#","require-encryption":true"#))).unwrap();
    assert!(c.warnings.is_empty(), "{:?}", c.warnings);
    assert_eq!(
        (c.dedupe_capacity, c.replay_capacity),
        (DEFAULT_DEDUPE_CAPACITY, DEFAULT_REPLAY_CAPACITY)
    );
    let c = parse(&format!(
        r#"{{"dedupe-capacity":5000,"replay-cache-capacity":7000,"services":[{}]}}"#,
        svc("")
    ))
    .unwrap();
    assert_eq!((c.dedupe_capacity, c.replay_capacity), (5000, 7000));
}

#[test]
fn urls_are_checked_and_stored_parsed() {
    assert_eq!(
        parse(&one(&svc(r#","msg-proxy-pass":"ftp://x""#)))
            .unwrap_err()
            .path,
        "services[0].msg-proxy-pass"
    );
    let c = parse(&one(&svc(
        r#","msg-proxy-pass":"http://127.0.0.1:9/base/","menu-handler":"https://h/m/","redirect-userinfo-flag":"ui""#,
    ).replace(r#""/wx""#, r#""/wx","redirect-path":"/r""#).replace(r#""aes-key""#, r#""app-secret":"s","aes-key""#)))
    .unwrap();
    let s = &c.services[0];
    assert_eq!(
        s.msg_proxy_pass.as_ref().map(Url::as_str),
        Some("http://127.0.0.1:9/base")
    );
    assert_eq!(
        s.menu_handler.as_ref().map(Url::as_str),
        Some("https://h/m")
    );
    assert!(s.redirect_url.is_none());
    // The defaults; a bare origin parses with the path "/" (the API client drops it).
    assert_eq!(c.api.api_base.as_str(), "https://api.weixin.qq.com/");
    assert_eq!(c.api.open_base.as_str(), "https://open.weixin.qq.com/");
    let c = parse(&one(&svc("")).replace(
        "7080,",
        r#"7080,"wechat-api-base":"http://127.0.0.1:9/api/","wechat-open-base":"http://127.0.0.1:9","#,
    ))
    .unwrap();
    assert_eq!(c.api.api_base.as_str(), "http://127.0.0.1:9/api");
    assert_eq!(c.api.open_base.as_str(), "http://127.0.0.1:9/");
    // Not a URL even though it looks like one: refused here rather than at the first push.
    assert_eq!(
        parse(&one(&svc(r#","redirect-url":"http://h:99999/r""#)))
            .unwrap_err()
            .to_string(),
        r#"services[0].redirect-url: "http://h:99999/r" is not a valid URL"#
    );
}

#[test]
fn endpoints_are_listed_in_table_order_with_token_when_admin_token_is_set() {
    let c = parse(&one(&svc("")).replace(
        "7080,",
        r#"7080,"admin-token":"a","common-endpoints":{"sign-jsapi":"/js/","wx-qr":"/qr","wx-user":"","short-url":null},"#,
    ))
    .unwrap();
    assert_eq!(
        c.endpoints,
        [
            (Endpoint::WxQr, "/qr".to_owned()),
            (Endpoint::SignJsapi, "/js".to_owned()),
            (Endpoint::Token, TOKEN_PATH.to_owned()),
        ]
    );
    assert!(c.unknown_keys.is_empty(), "{:?}", c.unknown_keys);
    assert!(parse(&one(&svc(""))).unwrap().endpoints.is_empty());
    for (e, key) in ENDPOINTS {
        assert_eq!(e.key(), key);
        assert_eq!(key.and_then(Endpoint::from_key), key.map(|_| e));
    }
}

#[test]
fn channels_ec_and_dont_append_userinfo_are_accepted() {
    let c = parse(&one(&svc(r#","is-channels-ec":false"#)).replace(
        "7080,",
        r#"7080,"dont-append-userinfo":false,"common-endpoints":{"channels-ec-refund-detail":"/r","channels-ec-order-detail":"/o"},"#,
    ))
    .unwrap();
    assert_eq!(
        c.not_implemented,
        [
            "common-endpoints.channels-ec-order-detail (channels-ec)",
            "common-endpoints.channels-ec-refund-detail (channels-ec)"
        ]
    );
    assert!(c.unknown_keys.is_empty(), "{:?}", c.unknown_keys);
}

#[test]
fn unknown_keys_nested_anywhere_are_listed_in_file_order() {
    let c = parse(
        r#"{"services":[
            {"wx-params":{"token":"t"},"listen-endpoints":{"service-path":"/a","extra":[1]}},
            {"wx-params":{"token":"t","tokn":{"x":1}},"listen-endpoints":{"service-path":"/b"}}],
          "x":{"y":1},"common-endpoints":null}"#,
    )
    .unwrap();
    assert_eq!(
        c.unknown_keys,
        [
            "services[0].listen-endpoints.extra",
            "services[1].wx-params.tokn",
            "x"
        ]
    );
}

#[test]
fn a_repeated_key_keeps_its_last_value() {
    let c = parse(r#"{"listen-port":1,"listen-port":2,"services":[{"wx-params":{"token":"t"},"listen-endpoints":{"service-path":"/a"}}]}"#).unwrap();
    assert_eq!(c.listen_port, 2);
}

#[test]
fn a_service_is_found_by_name_or_is_the_first() {
    let text = format!(
        r#"{{"services":[{},{}]}}"#,
        svc(""),
        svc("").replace("\"a\"", "\"b\"").replace("/wx", "/wx2")
    );
    let c = parse(&text).unwrap();
    assert_eq!(c.service(None).unwrap().name, "a");
    assert_eq!(c.service(Some("b")).unwrap().name, "b");
    assert_eq!(
        c.service(Some("x")).unwrap_err().to_string(),
        r#"no service "x" in the config (services: a, b)"#
    );
    let loaded = Loaded {
        origin: "conf.json".to_owned(),
        config: c,
    };
    assert_eq!(
        loaded.service(Some("x")).unwrap_err().to_string(),
        r#"no service "x" in conf.json (services: a, b)"#
    );
}

#[test]
fn load_names_its_origin() {
    let sample = load(None).unwrap();
    assert_eq!(sample.origin, "embedded sample.conf.json");
    assert_eq!(sample.config.services[0].name, "echo");

    let missing = Path::new("/nonexistent/wxg.json");
    let e = load(Some(missing)).unwrap_err().to_string();
    assert!(
        e.starts_with("reading config /nonexistent/wxg.json: "),
        "{e}"
    );

    let file = std::env::temp_dir().join(format!("wxg-config-test-{}.json", std::process::id()));
    std::fs::write(&file, r#"{"listen-port":70000}"#).unwrap();
    let e = load(Some(&file)).unwrap_err().to_string();
    std::fs::remove_file(&file).unwrap();
    assert_eq!(
        e,
        format!(
            "reading config {}: listen-port: expected 0 to 65535, got 70000",
            file.display()
        )
    );
}

#[test]
fn secrets_do_not_debug_print() {
    let c = parse(&one(&svc(r#","wx-params2":1"#).replace(
        r#""token":"t""#,
        r#""token":"TOPSECRET","app-secret":"APPSECRET""#,
    )))
    .unwrap();
    let dbg = format!("{c:?}");
    assert!(!dbg.contains("TOPSECRET") && !dbg.contains("APPSECRET") && !dbg.contains(KEY));
}

#[test]
fn trusted_proxies_are_addresses_or_networks() {
    use std::net::IpAddr;
    let ip = |s: &str| s.parse::<IpAddr>().unwrap();
    let n = ProxyNet::parse("10.0.0.0/8").unwrap();
    assert!(n.contains(ip("10.1.2.3")) && !n.contains(ip("11.0.0.1")));
    assert!(n.contains(ip("::ffff:10.9.9.9")));
    assert!(!n.contains(ip("fd00::1")));
    let one = ProxyNet::parse("127.0.0.1").unwrap();
    assert!(one.contains(ip("127.0.0.1")) && !one.contains(ip("127.0.0.2")));
    let v6 = ProxyNet::parse("fd00::/8").unwrap();
    assert!(v6.contains(ip("fd12::1")) && !v6.contains(ip("fe80::1")));
    assert!(
        ProxyNet::parse("0.0.0.0/0")
            .unwrap()
            .contains(ip("8.8.8.8"))
    );
    for bad in ["10.0.0.0/33", "x", "10.0.0.0/", "::/129"] {
        assert!(ProxyNet::parse(bad).is_none(), "{bad}");
    }
    let c = parse(&format!(
        r#"{{"trusted-proxies":["127.0.0.1","10.0.0.0/8"],"services":[{}]}}"#,
        svc("")
    ))
    .unwrap();
    assert_eq!(c.trusted_proxies.len(), 2);
    let e = parse(&format!(
        r#"{{"trusted-proxies":["127.0.0.1",5],"services":[{}]}}"#,
        svc("")
    ))
    .unwrap_err();
    assert_eq!(e.path, "trusted-proxies[1]");
}

#[test]
fn shutdown_delay_is_bounded_and_readyz_is_reserved() {
    let cfg = |extra: &str| parse(&format!(r#"{{"services":[{}]{extra}}}"#, svc("")));
    assert_eq!(cfg("").unwrap().shutdown_delay, std::time::Duration::ZERO);
    assert_eq!(
        cfg(r#","shutdown-delay-ms":5000"#).unwrap().shutdown_delay,
        std::time::Duration::from_secs(5)
    );
    let e = cfg(r#","shutdown-delay-ms":-1"#).unwrap_err();
    assert_eq!(e.path, "shutdown-delay-ms");
    let e = cfg(r#","common-endpoints":{"health-check":"/readyz"}"#).unwrap_err();
    assert_eq!(e.path, "common-endpoints.health-check");
    let readyz = svc("").replace("/wx", "/readyz");
    let e = parse(&format!(r#"{{"services":[{readyz}]}}"#)).unwrap_err();
    assert!(e.message.contains("already"), "{e}");
}
