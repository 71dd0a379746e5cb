//! Backends can verify the gateway (issue 14, section 6): with `backend-signing-secret`, every
//! forwarded request — live or redelivered — carries Standard Webhooks headers that the
//! specification's reference library (`standardwebhooks` from PyPI, run here) accepts; a
//! tampered body does not verify.

use std::sync::Arc;
use std::sync::atomic::{AtomicU32, Ordering};
use std::time::Duration;

use crate::delivery::SpoolDir;
use crate::support::*;

const OLD: &str = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
const NEW: &str = "whsec_c2Vjb25kLXNlY3JldC0wMTIzNDU2Nzg5YWJjZGVm";

/// Asks the reference library whether each (secret, body, headers) verifies.
fn verify_with_reference_library(cases: &[(&str, &[u8], &warp::http::HeaderMap)]) -> Vec<bool> {
    let input: Vec<serde_json::Value> = cases
        .iter()
        .map(|(secret, body, headers)| {
            let h: serde_json::Map<String, serde_json::Value> = ["webhook-id", "webhook-timestamp", "webhook-signature"]
                .iter()
                .map(|name| {
                    let v = headers
                        .get(*name)
                        .map(|v| v.to_str().unwrap().to_owned())
                        .unwrap_or_default();
                    ((*name).to_owned(), serde_json::Value::String(v))
                })
                .collect();
            serde_json::json!({"secret": secret, "body": String::from_utf8_lossy(body), "headers": h})
        })
        .collect();
    let script = r#"
import json, sys
from standardwebhooks.webhooks import Webhook
out = []
for c in json.load(sys.stdin):
    try:
        Webhook(c["secret"]).verify(c["body"], c["headers"])
        out.append(True)
    except Exception:
        out.append(False)
print(json.dumps(out))
"#;
    let mut child = std::process::Command::new("python3")
        .args(["-c", script])
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .expect("python3");
    use std::io::Write as _;
    child
        .stdin
        .take()
        .unwrap()
        .write_all(serde_json::to_string(&input).unwrap().as_bytes())
        .unwrap();
    let out = child.wait_with_output().unwrap();
    assert!(
        out.status.success(),
        "the reference library (`python3 -m pip install standardwebhooks`; .ci/run installs it): {}",
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).unwrap()
}

/// A push whose first attempt fails is spooled and redelivered: both attempts are signed with
/// both secrets of a rotation, and the reference library accepts each with either secret; a
/// changed body is refused.
#[tokio::test]
async fn live_and_redelivered_pushes_verify_with_the_reference_library() {
    let calls = Arc::new(AtomicU32::new(0));
    let counted = Arc::clone(&calls);
    let be = backend(move |_| {
        if counted.fetch_add(1, Ordering::SeqCst) == 0 {
            Answer {
                status: 503,
                ..Answer::json("")
            }
        } else {
            Answer::json(r#"{"type":"text","msg":"ok"}"#)
        }
    })
    .await;
    let spool = SpoolDir::new("signing");
    let cfg = format!(
        r#"{{"listen-port":0,"spool":{{"dir":"{}"}},"services":[{{"name":"acct","wx-params":{{"token":"{TOKEN}","app-id":"{APP_ID}","aes-key":"{AES_KEY}"}},"listen-endpoints":{{"service-path":"/wx"}},"msg-proxy-pass":"{}","backend-signing-secret":["{NEW}","{OLD}"]}}]}}"#,
        spool.json(),
        be.base()
    );
    let gw = start(&cfg).await;
    let (status, _) = post_safe(&gw, &text_xml("signed", 1)).await;
    assert_eq!(status, 200);
    eventually(Duration::from_secs(10), "redelivered", || {
        be.received().len() >= 2
    })
    .await;
    let got = be.received();
    assert_eq!(
        got[0].headers["webhook-id"], got[1].headers["webhook-id"],
        "the delivery id on every attempt"
    );
    assert_eq!(
        got[0].headers["webhook-id"].to_str().unwrap(),
        got[0].headers["x-wx-delivery-id"].to_str().unwrap()
    );
    let mut cases = Vec::new();
    for r in &got[..2] {
        assert_eq!(
            r.headers["webhook-signature"]
                .to_str()
                .unwrap()
                .split(' ')
                .count(),
            2,
            "one signature per secret"
        );
        for secret in [NEW, OLD] {
            cases.push((secret, &r.raw[..], &r.headers));
        }
    }
    let tampered = String::from_utf8_lossy(&got[0].raw).replace("signed", "forged");
    cases.push((NEW, tampered.as_bytes(), &got[0].headers));
    let other = "whsec_b3RoZXItc2VjcmV0LTAxMjM0NTY3ODlhYmNkZWY=";
    cases.push((other, &got[0].raw[..], &got[0].headers));
    let verdicts = verify_with_reference_library(&cases);
    assert_eq!(verdicts, vec![true, true, true, true, false, false]);
}

/// Without the key nothing is signed; a secret that is not `whsec_` + base64 of 24–64 bytes is a
/// config error naming its path.
#[tokio::test]
async fn signing_is_off_by_default_and_bad_secrets_are_refused() {
    let be = backend(|_| Answer::json(r#"{"type":"text","msg":"ok"}"#)).await;
    let gw = start(&one_service(&be.proxy_pass())).await;
    let (status, _) = post_safe(&gw, &text_xml("plain", 2)).await;
    assert_eq!(status, 200);
    assert!(be.received()[0].headers.get("webhook-signature").is_none());
    for (bad, path) in [
        (
            r#""secret-without-prefix""#,
            "services[0].backend-signing-secret",
        ),
        (r#""whsec_c2hvcnQ=""#, "services[0].backend-signing-secret"),
        (
            r#"["whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw", "whsec_!!""#,
            "services[0].backend-signing-secret[1]",
        ),
        ("[]", "services[0].backend-signing-secret"),
    ] {
        let bad = if bad.starts_with('[') && !bad.ends_with(']') {
            format!("{bad}]")
        } else {
            bad.to_owned()
        };
        let cfg = one_service(&format!(r#","backend-signing-secret":{bad}"#));
        let e = wx_gateway::config::parse(&cfg).unwrap_err();
        assert_eq!(e.path, path, "{bad}: {e:?}");
    }
}
