//! Issue 11: `previous-token` and `previous-aes-key`, the old secrets kept during a rotation.

use super::*;

const OLD_KEY: &str = "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789abcdefg";

fn with_wx(wx: &str) -> String {
    one(&svc("").replace(r#""aes-key":"#, &format!(r#"{wx},"aes-key":"#)))
}

#[test]
fn previous_secrets_are_read_and_warned_about() {
    let c = parse(&with_wx(&format!(
        r#""previous-token":"old","previous-aes-key":"{OLD_KEY}""#
    )))
    .unwrap();
    let s = &c.services[0];
    assert_eq!(s.previous_token.as_ref().map(Secret::expose), Some("old"));
    assert_eq!(
        s.previous_aes_key,
        Some(crate::wechat::AesKey::from_encoding_key(OLD_KEY).unwrap())
    );
    let rotation: Vec<&String> = c
        .warnings
        .iter()
        .filter(|w| w.contains("previous"))
        .collect();
    assert_eq!(
        rotation,
        [
            "services[0].wx-params.previous-token is set: pushes signed with the old token are still accepted; remove it once the log shows key=previous no more",
            "services[0].wx-params.previous-aes-key is set: pushes encrypted with the old key are still accepted; remove it once the log shows key=previous no more",
        ]
    );
}

#[test]
fn empty_or_null_previous_secrets_are_absent() {
    for wx in [
        r#""previous-token":"","previous-aes-key":"""#,
        r#""previous-token":null,"previous-aes-key":null"#,
        r#""previous-token":"${WXG_TEST_MISSING_11:-}","previous-aes-key":"  ""#,
    ] {
        let c = parse(&with_wx(wx)).unwrap();
        assert!(c.services[0].previous_token.is_none(), "{wx}");
        assert!(c.services[0].previous_aes_key.is_none(), "{wx}");
        assert!(
            c.warnings.iter().all(|w| !w.contains("previous")),
            "{:?}",
            c.warnings
        );
    }
}

#[test]
fn previous_token_from_the_environment() {
    let c = parse(&with_wx(r#""previous-token":"${PATH}""#)).unwrap();
    assert_eq!(
        c.services[0].previous_token.as_ref().map(Secret::expose),
        Some(std::env::var("PATH").unwrap().trim())
    );
}

#[test]
fn previous_secret_errors_name_their_path() {
    let e = |wx: &str| parse(&with_wx(wx)).unwrap_err().to_string();
    assert_eq!(
        e(r#""previous-aes-key":"short""#),
        "services[0].wx-params.previous-aes-key: expected 43 characters, got 5"
    );
    assert_eq!(
        e(&format!(r#""previous-aes-key":"{KEY}""#)),
        "services[0].wx-params.previous-aes-key: is the same as aes-key: remove it"
    );
    assert_eq!(
        e(r#""previous-token":"t""#),
        "services[0].wx-params.previous-token: is the same as token: remove it"
    );
    assert_eq!(
        e(r#""previous-token":5"#),
        "services[0].wx-params.previous-token: expected a string, got a number"
    );
    let no_key = one(&format!(
        r#"{{"name":"a","wx-params":{{"token":"t","app-id":"wx1","previous-aes-key":"{OLD_KEY}"}},"listen-endpoints":{{"service-path":"/wx"}}}}"#
    ));
    assert_eq!(
        parse(&no_key).unwrap_err().to_string(),
        "services[0].wx-params.previous-aes-key: needs wx-params.aes-key (the current key)"
    );
}

#[test]
fn a_previous_token_alone_works_without_an_aes_key() {
    let c = parse(&one(
        r#"{"name":"a","wx-params":{"token":"new","previous-token":"old"},"listen-endpoints":{"service-path":"/wx"}}"#,
    ))
    .unwrap();
    assert!(c.services[0].previous_token.is_some());
    assert!(c.services[0].previous_aes_key.is_none());
}

#[test]
fn previous_secrets_do_not_debug_print() {
    let c = parse(&with_wx(&format!(
        r#""previous-token":"old-secret-token","previous-aes-key":"{OLD_KEY}""#
    )))
    .unwrap();
    let debug = format!("{:?}", c.services[0]);
    assert!(!debug.contains("old-secret-token"), "{debug}");
    assert!(!debug.contains(OLD_KEY), "{debug}");
}
