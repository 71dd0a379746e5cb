//! Issue 11: rotating the token and the EncodingAESKey. While `previous-token` and
//! `previous-aes-key` are set, WeChat's pushes and handshakes under the old pair are accepted,
//! answered under the same pair, and reported as `key=previous`.

use wx_gateway::config;
use wx_gateway::gateway::{self, State};
use wx_gateway::wechat::{self, AesKey, signature};

use crate::support::*;

const OLD_TOKEN: &str = "oldtoken";
const OLD_AES_KEY: &str = "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789abcdefg";
const OTHER_AES_KEY: &str = "0123456789abcdefghijklmnopqrstuvwxyzABCDEFG";

/// The test account in echo mode, with `wx` (e.g. `"previous-token":"…"`) added to its
/// wx-params.
fn rotating(wx: &str) -> String {
    one_service("").replace(r#""aes-key":"#, &format!(r#"{wx}"aes-key":"#))
}

fn both_previous() -> String {
    rotating(&format!(
        r#""previous-token":"{OLD_TOKEN}","previous-aes-key":"{OLD_AES_KEY}","#
    ))
}

/// The gateway, and a handle on the same state to read its counters.
async fn start_probed(config_json: &str) -> (Gateway, State) {
    let cfg = config::parse(config_json).expect("valid config");
    let state = State::with_timeouts(&cfg, gateway::Timeouts::default()).unwrap();
    let probe = state.for_another_thread().unwrap();
    (start_state(state).await, probe)
}

fn key_matched(probe: &State) -> (u64, u64) {
    probe.service_named("acct").expect("service").key_matched()
}

/// A safe-mode push of `inner` encrypted with `aes_key`, `signature` made with `plain_token`
/// and `msg_signature` with `msg_token`.
fn push_with(plain_token: &str, msg_token: &str, aes_key: &str, inner: &str) -> (String, String) {
    let key = AesKey::from_encoding_key(aes_key).unwrap();
    let encrypt = key.encrypt(inner.as_bytes(), APP_ID, b"0123456789abcdef");
    let ts = now();
    let nonce = fresh_nonce();
    let query = format!(
        "signature={}&timestamp={ts}&nonce={nonce}&openid=oUSER&encrypt_type=aes&msg_signature={}",
        signature::plain(plain_token, &ts, &nonce),
        signature::msg(msg_token, &ts, &nonce, &encrypt),
    );
    let body = format!(
        "<xml><ToUserName><![CDATA[gh_test]]></ToUserName><Encrypt><![CDATA[{encrypt}]]></Encrypt></xml>"
    );
    (query, body)
}

/// POSTs a push; returns (status, x-wx-gateway-key, body).
async fn post(gw: &Gateway, (query, body): (String, String)) -> (u16, Option<String>, String) {
    let res = client()
        .post(gw.url(&format!("/wx?{query}")))
        .body(body)
        .send()
        .await
        .unwrap();
    let key = res
        .headers()
        .get("x-wx-gateway-key")
        .map(|v| v.to_str().unwrap().to_owned());
    (res.status().as_u16(), key, res.text().await.unwrap())
}

fn content(reply_xml: &str) -> String {
    let root = wechat::xml::parse(reply_xml).unwrap();
    root.text_of("Content").unwrap_or_default().to_owned()
}

async fn handshake(gw: &Gateway, token: &str) -> (u16, Option<String>, String) {
    let ts = now();
    let nonce = fresh_nonce();
    let sig = signature::plain(token, &ts, &nonce);
    let res = client()
        .get(gw.url(&format!(
            "/wx?signature={sig}&timestamp={ts}&nonce={nonce}&echostr=e123"
        )))
        .send()
        .await
        .unwrap();
    let key = res
        .headers()
        .get("x-wx-gateway-key")
        .map(|v| v.to_str().unwrap().to_owned());
    (res.status().as_u16(), key, res.text().await.unwrap())
}

#[tokio::test]
async fn handshake_accepts_the_previous_token_and_refuses_an_unknown_one() {
    let (gw, probe) = start_probed(&both_previous()).await;
    assert_eq!(
        handshake(&gw, OLD_TOKEN).await,
        (200, Some("previous".into()), "e123".into())
    );
    assert_eq!(
        handshake(&gw, TOKEN).await,
        (200, Some("current".into()), "e123".into())
    );
    let (status, key, body) = handshake(&gw, "unknown").await;
    assert_eq!((status, key), (403, None));
    assert!(!body.contains("e123"));
    assert_eq!(key_matched(&probe), (1, 1));
}

#[tokio::test]
async fn a_push_under_the_previous_pair_is_answered_under_the_previous_pair() {
    let (gw, probe) = start_probed(&both_previous()).await;
    let (status, key, body) = post(
        &gw,
        push_with(OLD_TOKEN, OLD_TOKEN, OLD_AES_KEY, &text_xml("old", 1101)),
    )
    .await;
    assert_eq!((status, key.as_deref()), (200, Some("previous")), "{body}");
    assert_eq!(
        content(&open_reply_with(OLD_TOKEN, OLD_AES_KEY, &body)),
        "old"
    );
    assert_eq!(key_matched(&probe), (0, 1));

    // The same gateway answers a push under the current pair under the current pair.
    let (status, key, body) = post(
        &gw,
        push_with(TOKEN, TOKEN, AES_KEY, &text_xml("new", 1102)),
    )
    .await;
    assert_eq!((status, key.as_deref()), (200, Some("current")), "{body}");
    assert_eq!(content(&open_reply(&body)), "new");
    assert_eq!(key_matched(&probe), (1, 1));
    // The push path's own helper (current pair, no previous-*) still works too.
    let (status, body) = post_safe(&gw, &text_xml("again", 1103)).await;
    assert_eq!(status, 200);
    assert_eq!(content(&open_reply(&body)), "again");
    assert_eq!(key_matched(&probe), (2, 1));
}

#[tokio::test]
async fn token_and_key_are_matched_and_answered_each_on_its_own() {
    let (gw, probe) = start_probed(&both_previous()).await;
    // New key, old token: the reply is encrypted with the new key and signed with the old token.
    let (status, key, body) = post(
        &gw,
        push_with(OLD_TOKEN, OLD_TOKEN, AES_KEY, &text_xml("a", 1201)),
    )
    .await;
    assert_eq!((status, key.as_deref()), (200, Some("previous")), "{body}");
    assert_eq!(content(&open_reply_with(OLD_TOKEN, AES_KEY, &body)), "a");
    // Old key, new token.
    let (status, key, body) = post(
        &gw,
        push_with(TOKEN, TOKEN, OLD_AES_KEY, &text_xml("b", 1202)),
    )
    .await;
    assert_eq!((status, key.as_deref()), (200, Some("previous")), "{body}");
    assert_eq!(content(&open_reply_with(TOKEN, OLD_AES_KEY, &body)), "b");
    assert_eq!(key_matched(&probe), (0, 2));
}

#[tokio::test]
async fn a_push_is_verified_with_one_token_throughout() {
    let (gw, probe) = start_probed(&both_previous()).await;
    for (plain, msg) in [(TOKEN, OLD_TOKEN), (OLD_TOKEN, TOKEN)] {
        let (status, key, body) = post(
            &gw,
            push_with(plain, msg, AES_KEY, &text_xml("mixed", 1301)),
        )
        .await;
        assert_eq!((status, key), (403, None), "{plain}/{msg}: {body}");
    }
    // Without `signature`, msg_signature alone decides, with either token.
    let (query, body) = push_with(OLD_TOKEN, OLD_TOKEN, AES_KEY, &text_xml("no sig", 1302));
    let query = query.split_once('&').unwrap().1.to_owned();
    let (status, key, body) = post(&gw, (query, body)).await;
    assert_eq!((status, key.as_deref()), (200, Some("previous")), "{body}");
    assert_eq!(
        content(&open_reply_with(OLD_TOKEN, AES_KEY, &body)),
        "no sig"
    );
    assert_eq!(key_matched(&probe), (0, 1));
}

#[tokio::test]
async fn a_key_neither_current_nor_previous_is_refused() {
    let (gw, probe) = start_probed(&both_previous()).await;
    let (status, key, _) = post(
        &gw,
        push_with(TOKEN, TOKEN, OTHER_AES_KEY, &text_xml("x", 1401)),
    )
    .await;
    assert_eq!((status, key), (400, None));
    let (status, key, _) = post(
        &gw,
        push_with("unknown", "unknown", AES_KEY, &text_xml("x", 1402)),
    )
    .await;
    assert_eq!((status, key), (403, None));
    assert_eq!(key_matched(&probe), (0, 0));
    // Still serving.
    let (status, key, _) = post(&gw, push_with(TOKEN, TOKEN, AES_KEY, &text_xml("y", 1403))).await;
    assert_eq!((status, key.as_deref()), (200, Some("current")));
}

#[tokio::test]
async fn without_previous_secrets_the_old_pair_is_refused_as_before() {
    let (gw, probe) = start_probed(&one_service("")).await;
    let (status, key, _) = post(
        &gw,
        push_with(TOKEN, TOKEN, OLD_AES_KEY, &text_xml("x", 1501)),
    )
    .await;
    assert_eq!((status, key), (400, None));
    let (status, key, _) = post(
        &gw,
        push_with(OLD_TOKEN, OLD_TOKEN, AES_KEY, &text_xml("x", 1502)),
    )
    .await;
    assert_eq!((status, key), (403, None));
    assert_eq!(handshake(&gw, OLD_TOKEN).await.0, 403);
    assert_eq!(key_matched(&probe), (0, 0));
}

#[tokio::test]
async fn a_plaintext_push_signed_with_the_previous_token_is_accepted() {
    let (gw, probe) = start_probed(&rotating(&format!(r#""previous-token":"{OLD_TOKEN}","#))).await;
    let (status, key, body) = post(&gw, (plain_query(OLD_TOKEN), text_xml("plain", 1601))).await;
    assert_eq!((status, key.as_deref()), (200, Some("previous")), "{body}");
    assert_eq!(content(&body), "plain");
    assert_eq!(key_matched(&probe), (0, 1));
}
