//! The keys for pushes the backend did not answer in time: `spool`, and each service's
//! `hold-for-retries`, `late-reply` and `late-reply-timeout-ms`.

use super::*;

const BACKEND: &str = r#","msg-proxy-pass":"http://127.0.0.1:9","require-encryption":true"#;

/// One service with a backend, app-id and app-secret, and `extra` keys.
fn with_secret(extra: &str) -> String {
    one(&svc(&format!("{BACKEND}{extra}"))).replace(r#""aes-key""#, r#""app-secret":"s","aes-key""#)
}

/// `top` (ending in a comma) at the top level of [`with_secret`]`("")`.
fn top(top: &str) -> String {
    with_secret("").replace("7080,", &format!("7080,{top}"))
}

fn error(text: &str) -> String {
    parse(text).unwrap_err().to_string()
}

#[test]
fn defaults_keep_nothing_and_add_no_warning() {
    let c = parse(&with_secret("")).unwrap();
    assert_eq!(c.spool, None);
    assert!(c.warnings.is_empty(), "{:?}", c.warnings);
    assert!(c.unknown_keys.is_empty(), "{:?}", c.unknown_keys);
    let s = &c.services[0];
    assert!(!s.hold_for_retries);
    assert_eq!(s.late_reply, None);
    assert_eq!(
        s.late_reply_timeout,
        Duration::from_millis(DEFAULT_LATE_REPLY_TIMEOUT_MS)
    );
    assert_eq!(s.late_reply_timeout, Duration::from_secs(60));
    assert_eq!(parse(&top(r#""spool":null,"#)).unwrap().spool, None);
}

#[test]
fn spool_is_read_with_its_default_age() {
    let c = parse(&top(r#""spool":{"dir":"spool/here","max-age":3600},"#)).unwrap();
    assert_eq!(
        c.spool,
        Some(SpoolConfig {
            dir: PathBuf::from("spool/here"),
            max_age: Duration::from_secs(3600),
        })
    );
    assert!(c.warnings.is_empty(), "{:?}", c.warnings);
    for age in ["", r#","max-age":0"#, r#","max-age":null"#] {
        let c = parse(&top(&format!(
            r#""spool":{{"dir":"/var/spool/wxg"{age}}},"#
        )))
        .unwrap();
        let spool = c.spool.unwrap();
        assert_eq!(spool.dir, Path::new("/var/spool/wxg"));
        assert_eq!(spool.max_age, DEFAULT_SPOOL_MAX_AGE);
        assert_eq!(spool.max_age, Duration::from_secs(86_400));
    }
    for age in [1, 31_536_000] {
        let c = parse(&top(&format!(r#""spool":{{"dir":"d","max-age":{age}}},"#))).unwrap();
        assert_eq!(c.spool.unwrap().max_age, Duration::from_secs(age));
    }
}

#[test]
fn spool_errors_name_their_path() {
    let range = "expected seconds from 1 to 31536000 (0: the default 86400)";
    for (spool, message) in [
        (r#"{}"#, "spool.dir: required".to_owned()),
        (r#"{"dir":null}"#, "spool.dir: required".to_owned()),
        (r#"{"dir":" "}"#, "spool.dir: required".to_owned()),
        (r#"{"max-age":60}"#, "spool.dir: required".to_owned()),
        (
            r#"{"dir":1}"#,
            "spool.dir: expected a string, got a number".to_owned(),
        ),
        (r#""/var/spool""#, "spool: expected an object".to_owned()),
        (r#"[]"#, "spool: expected an object".to_owned()),
        (
            r#"{"dir":"d","max-age":-1}"#,
            format!("spool.max-age: {range}, got -1"),
        ),
        (
            r#"{"dir":"d","max-age":31536001}"#,
            format!("spool.max-age: {range}, got 31536001"),
        ),
        (
            r#"{"dir":"d","max-age":"1d"}"#,
            "spool.max-age: expected an integer, got a string".to_owned(),
        ),
        (
            r#"{"dir":"d","max-age":1.5}"#,
            "spool.max-age: expected an integer, got 1.5".to_owned(),
        ),
    ] {
        assert_eq!(
            error(&top(&format!(r#""spool":{spool},"#))),
            message,
            "{spool}"
        );
    }
}

#[test]
fn unknown_keys_inside_spool_are_listed() {
    let c = parse(&top(r#""spool":{"dir":"d","foo":1,"max_age":5},"#)).unwrap();
    assert_eq!(c.unknown_keys, ["spool.foo", "spool.max_age"]);
    assert_eq!(c.spool.unwrap().max_age, DEFAULT_SPOOL_MAX_AGE);
}

#[test]
fn spool_dir_reads_the_environment() {
    // PATH is set wherever tests run; setting a variable would need `unsafe` (forbidden).
    let c = parse(&top(r#""spool":{"dir":"${PATH}"},"#)).unwrap();
    assert_eq!(
        c.spool.unwrap().dir,
        PathBuf::from(std::env::var("PATH").unwrap().trim())
    );
    assert_eq!(
        error(&top(r#""spool":{"dir":"${WXG_TEST_MISSING_7}"},"#)),
        "spool.dir: environment variable WXG_TEST_MISSING_7 is not set"
    );
    // An optional reference that is unset leaves the dir empty: required.
    assert_eq!(
        error(&top(r#""spool":{"dir":"${WXG_TEST_MISSING_7:-}"},"#)),
        "spool.dir: required"
    );
    let c = parse(&top(
        r#""spool":{"dir":"d","max-age":"${WXG_TEST_MISSING_7:-}"},"#,
    ));
    assert_eq!(
        c.unwrap_err().to_string(),
        "spool.max-age: expected an integer"
    );
}

#[test]
fn service_keys_are_read() {
    let c = parse(&with_secret(
        r#","hold-for-retries":true,"late-reply":"custom-message","late-reply-timeout-ms":4500"#,
    ))
    .unwrap();
    let s = &c.services[0];
    assert!(s.hold_for_retries);
    assert_eq!(s.late_reply, Some(LateReply::CustomMessage));
    assert_eq!(s.late_reply_timeout, Duration::from_millis(4500));
    assert!(c.warnings.is_empty(), "{:?}", c.warnings);
    for off in [r#""""#, r#""off""#, r#""none""#, "null", r#"" off ""#] {
        let c = parse(&with_secret(&format!(r#","late-reply":{off}"#))).unwrap();
        assert_eq!(c.services[0].late_reply, None, "{off}");
    }
    for bound in [4500, 600_000] {
        let c = parse(&with_secret(&format!(
            r#","late-reply-timeout-ms":{bound}"#
        )))
        .unwrap();
        assert_eq!(
            c.services[0].late_reply_timeout,
            Duration::from_millis(bound)
        );
    }
    // 1000 is accepted once the backend's own budget is below it.
    let c = parse(&with_secret(
        r#","backend-timeout-ms":800,"late-reply-timeout-ms":1000"#,
    ))
    .unwrap();
    assert_eq!(c.services[0].late_reply_timeout, Duration::from_secs(1));
}

#[test]
fn service_key_errors_name_their_path() {
    for (extra, message) in [
        (
            r#","late-reply":"custom""#,
            r#"services[0].late-reply: expected "custom-message" or "off", got "custom""#,
        ),
        (
            r#","late-reply":true"#,
            "services[0].late-reply: expected a string, got a boolean",
        ),
        (
            r#","hold-for-retries":"yes""#,
            "services[0].hold-for-retries: expected true or false, got a string",
        ),
        (
            r#","late-reply-timeout-ms":0"#,
            "services[0].late-reply-timeout-ms: expected 1000 to 600000, got 0",
        ),
        (
            r#","backend-timeout-ms":800,"late-reply-timeout-ms":999"#,
            "services[0].late-reply-timeout-ms: expected 1000 to 600000, got 999",
        ),
        (
            r#","late-reply-timeout-ms":600001"#,
            "services[0].late-reply-timeout-ms: expected 1000 to 600000, got 600001",
        ),
        (
            r#","late-reply-timeout-ms":"60s""#,
            "services[0].late-reply-timeout-ms: expected an integer, got a string",
        ),
    ] {
        assert_eq!(error(&with_secret(extra)), message, "{extra}");
    }
}

#[test]
fn late_reply_timeout_is_at_least_the_backend_timeout() {
    assert_eq!(
        error(&with_secret(r#","late-reply-timeout-ms":4499"#)),
        "services[0].late-reply-timeout-ms: must be at least backend-timeout-ms (4500)"
    );
    assert_eq!(
        error(&with_secret(
            r#","backend-timeout-ms":3000,"late-reply-timeout-ms":2000"#
        )),
        "services[0].late-reply-timeout-ms: must be at least backend-timeout-ms (3000)"
    );
    assert!(
        parse(&with_secret(
            r#","backend-timeout-ms":3000,"late-reply-timeout-ms":3000"#
        ))
        .is_ok()
    );
}

#[test]
fn late_reply_needs_app_id_and_app_secret() {
    let late = r#","late-reply":"custom-message""#;
    // svc has an app-id but no app-secret.
    assert_eq!(
        error(&one(&svc(&format!("{BACKEND}{late}")))),
        "services[0].wx-params.app-secret: app-id and app-secret are required with late-reply"
    );
    let no_app_id = one(&format!(
        r#"{{"name":"a","wx-params":{{"token":"t","app-secret":"s"}},"listen-endpoints":{{"service-path":"/wx"}},"msg-proxy-pass":"http://127.0.0.1:9"{late}}}"#
    ));
    assert!(parse(&no_app_id.replace(late, "")).is_ok());
    assert_eq!(
        error(&no_app_id),
        "services[0].wx-params.app-secret: app-id and app-secret are required with late-reply"
    );
    // "off" needs nothing.
    assert!(parse(&one(&svc(&format!(r#"{BACKEND},"late-reply":"off""#)))).is_ok());
}

#[test]
fn echo_mode_warns_that_the_keys_do_nothing() {
    let echo = |extra: &str| {
        parse(&with_secret(extra).replace(r#""msg-proxy-pass":"http://127.0.0.1:9","#, ""))
            .unwrap()
            .warnings
    };
    assert!(echo("").is_empty(), "{:?}", echo(""));
    assert!(echo(r#","hold-for-retries":false,"late-reply":"""#).is_empty());
    assert_eq!(
        echo(r#","hold-for-retries":true"#),
        ["services[0].hold-for-retries has no effect in echo mode (no msg-proxy-pass)"]
    );
    assert_eq!(
        echo(r#","hold-for-retries":true,"late-reply":"custom-message""#),
        [
            "services[0].hold-for-retries has no effect in echo mode (no msg-proxy-pass)",
            "services[0].late-reply has no effect in echo mode (no msg-proxy-pass)",
        ]
    );
}

/// `init` writes the starter and `serve --check` must take it without a warning: every key
/// it has is known here, and it sets the spool.
#[test]
fn starter_keys_are_all_known() {
    let text = crate::commands::init::STARTER
        .replace("${WXG_TOKEN}", "t")
        .replace("${WXG_APP_SECRET}", "s")
        .replace("${WXG_AES_KEY}", KEY)
        .replace("${WXG_ADMIN_TOKEN}", "a");
    let c = parse(&text).unwrap();
    assert!(c.unknown_keys.is_empty(), "{:?}", c.unknown_keys);
    assert!(c.warnings.is_empty(), "{:?}", c.warnings);
    assert!(c.not_implemented.is_empty(), "{:?}", c.not_implemented);
    assert_eq!(
        c.spool,
        Some(SpoolConfig {
            dir: PathBuf::from("/var/lib/wx-gateway/spool"),
            max_age: DEFAULT_SPOOL_MAX_AGE,
        })
    );
    let s = &c.services[0];
    assert_eq!(
        (s.hold_for_retries, s.late_reply, s.late_reply_timeout),
        (false, None, Duration::from_secs(60))
    );
    let sample = parse(SAMPLE).unwrap();
    assert!(sample.unknown_keys.is_empty(), "{:?}", sample.unknown_keys);
    assert_eq!(
        sample.spool.map(|s| (s.dir, s.max_age)),
        Some((PathBuf::from("wx-gateway-spool"), DEFAULT_SPOOL_MAX_AGE))
    );
}
