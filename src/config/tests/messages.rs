//! Every config error users see, with its path, exactly as written. The table was first run
//! against the key-by-key walker that `raw` replaced, so it pins that wording.

use super::super::parse;
use super::{KEY, one, svc};

fn cases() -> Vec<(String, &'static str)> {
    let secret = r#""app-secret":"s","aes-key""#;
    vec![
        ("{".into(), "(file): not valid JSON: EOF while parsing an object at line 1 column 1"),
        ("[]".into(), ": expected an object"),
        ("null".into(), ": expected an object"),
        ("{}".into(), "services: required: at least one service"),
        (r#"{"services":null}"#.into(), "services: required: at least one service"),
        (r#"{"services":[]}"#.into(), "services: required: at least one service"),
        (r#"{"services":{}}"#.into(), "services: expected an array"),
        (r#"{"services":[1]}"#.into(), "services[0]: expected an object"),
        (r#"{"services":[null]}"#.into(), "services[0]: expected an object"),
        (r#"{"services":[{}]}"#.into(), "services[0].wx-params: required"),
        (r#"{"services":[{"wx-params":null}]}"#.into(), "services[0].wx-params: required"),
        (r#"{"services":[{"wx-params":[]}]}"#.into(), "services[0].wx-params: expected an object"),
        (r#"{"services":[{"wx-params":{"token":" "}}]}"#.into(), "services[0].wx-params.token: required"),
        (r#"{"services":[{"wx-params":{"token":"t"}}]}"#.into(), "services[0].listen-endpoints: required"),
        (r#"{"services":[{"wx-params":{"token":"t"},"listen-endpoints":{}}]}"#.into(), "services[0].listen-endpoints.service-path: required"),
        (r#"{"services":[{"wx-params":{"token":"t"},"listen-endpoints":{"service-path":"/a//b"}}]}"#.into(), r#"services[0].listen-endpoints.service-path: "/a//b" is not a plain URL path"#),
        (r#"{"services":[{"wx-params":{"token":"t"},"listen-endpoints":{"service-path":"/a?b"}}]}"#.into(), r#"services[0].listen-endpoints.service-path: "/a?b" is not a plain URL path"#),
        (r#"{"services":[{"wx-params":{"token":"t","aes-key":"x"}}]}"#.into(), "services[0].wx-params.aes-key: expected 43 characters, got 1"),
        (one(&svc("").replace(r#""app-id":"wx1","#, "")), "services[0].wx-params.app-id: required when aes-key is set (it is checked in every encrypted push)"),
        (one(&svc(r#","workerNum":"5""#)), "services[0].workerNum: expected an integer, got a string"),
        (one(&svc(r#","workerNum":1.5"#)), "services[0].workerNum: expected an integer, got 1.5"),
        (one(&svc(r#","workerNum":18446744073709551615"#)), "services[0].workerNum: expected an integer, got 18446744073709551615"),
        (one(&svc(r#","workerNum":true"#)), "services[0].workerNum: expected an integer, got a boolean"),
        (one(&svc(r#","workerNum":[]"#)), "services[0].workerNum: expected an integer, got an array"),
        (one(&svc(r#","workerNum":{}"#)), "services[0].workerNum: expected an integer, got an object"),
        (one(&svc(r#","workerNum":"${1X}""#)), r#"services[0].workerNum: "${1X}" is not a valid ${NAME} reference"#),
        (one(&svc(r#","workerNum":"${}""#)), r#"services[0].workerNum: "${}" is not a valid ${NAME} reference"#),
        (one(&svc(r#","workerNum":"${PATH}""#)), "services[0].workerNum: expected an integer"),
        (one(&svc(r#","workerNum":"${X""#)), "services[0].workerNum: expected an integer"),
        (one(&svc(r#","workerNum":"${WXG_TEST_MISSING_7}""#)), "services[0].workerNum: environment variable WXG_TEST_MISSING_7 is not set"),
        (one(&svc(r#","workerNum":-1"#)), "services[0].workerNum: expected 0 (default 64) to 100000, got -1"),
        (one(&svc(r#","timeout":-2"#)), "services[0].timeout: expected seconds > 0, 0 (the default 300 s) or -1 (no check), got -2"),
        (format!(r#"{{"dedupe-capacity":5,"services":[{}]}}"#, svc("")), "dedupe-capacity: expected 1000 to 10000000 (0: the default 400000), got 5"),
        (one(&svc(r#","backend-timeout-ms":5000"#)), "services[0].backend-timeout-ms: expected 1 to 4900 (WeChat gives up after 5000), got 5000"),
        (one(&svc(r#","max-body-bytes":0"#)), "services[0].max-body-bytes: expected 1 to 67108864, got 0"),
        (one(&svc(r#","require-encryption":"yes""#)), "services[0].require-encryption: expected true or false, got a string"),
        (one(&svc(r#","require-encryption":null,"append-userinfo":1"#)), "services[0].append-userinfo: expected true or false, got a number"),
        (one(&svc(r#","is-channels-ec":{}"#)), "services[0].is-channels-ec: expected true or false, got an object"),
        (one(&svc(r#","msg-proxy-pass":1"#)), "services[0].msg-proxy-pass: expected a string, got a number"),
        (one(&svc(r#","name":false"#)), "services[0].name: expected a string, got a boolean"),
        (one(&svc(r#","msg-proxy-pass":"ftp://x""#)), r#"services[0].msg-proxy-pass: "ftp://x" is not an http:// or https:// URL"#),
        (one(&svc(r#","msg-proxy-pass":"http:///x""#)), r#"services[0].msg-proxy-pass: "http:///x" is not a valid URL"#),
        (one(&svc(r#","msg-proxy-pass":"http://a b""#)), r#"services[0].msg-proxy-pass: "http://a b" is not a valid URL"#),
        (one(&svc(r#","msg-proxy-pass":"http://a/?q""#)), r#"services[0].msg-proxy-pass: "http://a/?q": a base URL cannot have a query or fragment"#),
        (one(&svc(r#","require-encryption":true"#).replace(&format!(r#","aes-key":"{KEY}""#), "")), "services[0].require-encryption: needs wx-params.aes-key"),
        (one(&svc(r#","token-api":"fast""#)), r#"services[0].token-api: expected "stable" or "classic", got "fast""#),
        (one(&svc(r#","menu-handler":"http://h/m","redirect-url":"http://h/r""#)), "services[0].menu-handler: set menu-handler or redirect-url, not both"),
        (one(&svc(r#","menu-handler":"http://h/m""#)), "services[0].listen-endpoints.redirect-path: required with menu-handler or redirect-url"),
        (one(&svc(r#","append-userinfo":true"#)), "services[0].wx-params.app-secret: app-id and app-secret are required with append-userinfo"),
        (one(&svc(r#","menu-handler":"http://h/m""#).replace(r#""/wx""#, r#""/wx","redirect-path":"/r""#)), "services[0].wx-params.app-secret: app-id and app-secret are required with listen-endpoints.redirect-path"),
        (one(&svc("").replace(r#""/wx""#, r#""/wx","redirect-path":"/wx/""#).replace(r#""aes-key""#, secret)), r#"services[0].listen-endpoints.redirect-path: "/wx" is already used by another service or endpoint"#),
        (one(&svc("").replace(r#""/wx""#, r#""/health""#)).replace("7080,", r#"7080,"common-endpoints":{"health-check":"/health"},"#), r#"services[0].listen-endpoints.service-path: "/health" is already used by another service or endpoint"#),
        (one(&svc("").replace(r#""/wx""#, r#""/token""#)).replace("7080,", r#"7080,"admin-token":"a","#), r#"services[0].listen-endpoints.service-path: "/token" is already used by another service or endpoint"#),
        (one(&svc("").replace(r#""/wx""#, r#""/token""#)), "ok"),
        (one(&svc("").replace(r#""/wx""#, r#""/qr""#)).replace("7080,", r#"7080,"common-endpoints":{"wx-qr":"/qr/"},"#), r#"services[0].listen-endpoints.service-path: "/qr" is already used by another service or endpoint"#),
        (one(&svc("")).replace("7080,", r#"7080,"common-endpoints":{"wx-qr":"/q","wx-user":"/q"},"#), r#"common-endpoints.wx-user: "/q" is already used by another endpoint"#),
        (one(&svc("")).replace("7080,", r#"7080,"common-endpoints":{"sign-jsapi":"/healthz"},"#), r#"common-endpoints.sign-jsapi: "/healthz" is already used by another endpoint"#),
        (one(&svc("")).replace("7080,", r#"7080,"admin-token":"a","common-endpoints":{"tmpl-msg":"/token"},"#), r#"common-endpoints.tmpl-msg: "/token" is already used by another endpoint"#),
        (one(&svc("")).replace("7080,", r#"7080,"common-endpoints":{"tmpl-msg":"/token","health-check":"/healthz"},"#), "ok"),
        (one(&svc("")).replace("7080,", r#"7080,"admin-token":"a","api-proxy-path":"/q","common-endpoints":{"wx-qr":"/q"},"#), r#"api-proxy-path: "/q" is already used by another endpoint"#),
        (one(&svc("")).replace("7080,", r#"7080,"admin-token":"a","api-proxy-path":"/","#), "ok"),
        (one(&svc("")).replace("7080,", r#"7080,"admin-token":"a","api-proxy-path":"/w/","#).replace(r#""/wx""#, r#""/w/x""#), r#"api-proxy-path: "/w" would hide "/w/x""#),
        (one(&svc("")).replace("7080,", r#"7080,"api-proxy-path":"/w","#), "api-proxy-path: needs admin-token: the pass-through spends the account's access_token"),
        (one(&svc("")).replace("7080,", r#"7080,"api-proxy-path":"w","#), r#"api-proxy-path: "w" must start with '/'"#),
        (one(&svc("")).replace("7080,", r#"7080,"common-endpoints":{"wx-qr":5},"#), "common-endpoints.wx-qr: expected a string, got a number"),
        (one(&svc("")).replace("7080,", r#"7080,"common-endpoints":{"health-check":"h"},"#), r#"common-endpoints.health-check: "h" must start with '/'"#),
        (one(&svc("")).replace("7080,", r#"7080,"common-endpoints":{"channels-ec-order-detail":1},"#), "common-endpoints.channels-ec-order-detail: expected a string, got a number"),
        (one(&svc("")).replace("7080,", r#"7080,"common-endpoints":[],"#), "common-endpoints: expected an object"),
        (one(&svc("")).replace("7080,", r#"7080,"common-endpoints":null,"#), "ok"),
        (one(&svc("")).replace("7080,", r#"7080,"dont-append-userinfo":"no","#), "dont-append-userinfo: expected true or false, got a string"),
        (one(&svc("")).replace("7080,", r#"7080,"listen-host":3,"#), "listen-host: expected a string, got a number"),
        (one(&svc("")).replace("7080,", r#"7080,"log-format":" json","#), r#"log-format: expected "text" or "json", got " json""#),
        (one(&svc("")).replace("7080,", r#"7080,"metrics-listen":"127.0.0.1:9464","#), "ok"),
        (one(&svc("")).replace("7080,", r#"7080,"metrics-listen":"","#), "ok"),
        (one(&svc("")).replace("7080,", r#"7080,"metrics-listen":"localhost","#), r#"metrics-listen: expected an address and port such as "127.0.0.1:9464", got "localhost""#),
        (one(&svc("")).replace("7080,", r#"7080,"metrics-listen":9464,"#), "metrics-listen: expected a string, got a number"),
        (one(&svc("")).replace("7080,", r#"7080,"wechat-api-base":"https://x/?a","#), r#"wechat-api-base: "https://x/?a": a base URL cannot have a query or fragment"#),
        (one(&svc("")).replace("7080,", r#"7080,"wechat-open-base":"x","#), r#"wechat-open-base: "x" is not an http:// or https:// URL"#),
        (one(&svc("")).replace("7080,", r#"7080,"typo":{"listen-port":"bad"},"#), "ok"),
        (one(&svc("")).replace("7080", "70000"), "listen-port: expected 0 to 65535, got 70000"),
        (one(&svc("")).replace("7080", "-1"), "listen-port: expected 0 to 65535, got -1"),
        (one(&svc("")).replace("7080", r#""${WXG_TEST_MISSING_7}""#), "listen-port: environment variable WXG_TEST_MISSING_7 is not set"),
        (one(&svc("")).replace("7080", r#""7080""#), "listen-port: expected an integer, got a string"),
        (format!(r#"{{"services":[{},{}]}}"#, svc(""), svc("").replace("/wx", "/wx2")), r#"services[1].name: "a" is used by another service"#),
        // An empty admin-token would open the endpoints for backends: an error, not "absent".
        (one(&svc("")).replace("7080,", r#"7080,"admin-token":"","#), "admin-token: is empty; set a token, or remove the key to serve the endpoints for backends without one"),
        (one(&svc("")).replace("7080,", r#"7080,"admin-token":" ","#), "admin-token: is empty; set a token, or remove the key to serve the endpoints for backends without one"),
        (one(&svc("")).replace("7080,", r#"7080,"admin-token":"${WXG_TEST_MISSING_7:-}","#), "admin-token: is empty; set a token, or remove the key to serve the endpoints for backends without one"),
        (one(&svc("")).replace("7080,", r#"7080,"admin-token":null,"#), "ok"),
        (one(&svc("")).replace("7080,", r#"7080,"admin-token":"${WXG_TEST_MISSING_7}","#), "admin-token: environment variable WXG_TEST_MISSING_7 is not set"),
        // `${NAME:-}` allows an unset or empty variable: "" then means absent where it may.
        (one(&svc("").replace(r#""app-id":"wx1","#, r#""app-id":"wx1","app-secret":"${WXG_TEST_MISSING_7:-}","#)), "ok"),
        (one(&svc("").replace(r#""token":"t""#, r#""token":"${WXG_TEST_MISSING_7:-}""#)), "services[0].wx-params.token: required"),
        (one(&svc(r#","workerNum":"${WXG_TEST_MISSING_7:-}""#)), "services[0].workerNum: expected an integer"),
        (one(&svc(r#","workerNum":"${X:-1}""#)), r#"services[0].workerNum: "${X:-1}" is not a valid ${NAME} reference"#),
        (one(&svc(r#","workerNum":"${:-}""#)), r#"services[0].workerNum: "${:-}" is not a valid ${NAME} reference"#),
    ]
}

#[test]
fn messages_and_paths_are_exact() {
    let mut wrong = Vec::new();
    for (text, want) in cases() {
        let got = match parse(&text) {
            Ok(_) => "ok".to_owned(),
            Err(e) => e.to_string(),
        };
        if got != want {
            wrong.push(format!("{text}\n  want {want}\n  got  {got}"));
        }
    }
    assert!(wrong.is_empty(), "\n{}", wrong.join("\n"));
}
