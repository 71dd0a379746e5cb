//! The OAuth menu flow's guards (issue 8, part 3): a reused code's identity only for the
//! browser it was exchanged for, the redirect path's rate limit per client address, the bound
//! on code exchanges in flight, refused codes remembered, and handler answers relayed as they
//! came. Against the fake WeChat API and real HTTP handlers on 127.0.0.1.

use std::net::IpAddr;
use std::time::{Duration, Instant};

use serde_json::Value;
use tokio::net::TcpListener;
use tokio::sync::oneshot;
use warp::Filter;

use crate::fake_wechat::{FakeWeChat, SECRET, fake_wechat};
use crate::support::*;

const ADMIN: &str = "admin-token-xyz";
/// `wechat-open-base`: where browsers are sent for a fresh code.
const OPEN: &str = "https://open.example.test";

fn config(wx: &FakeWeChat, service_extra: &str) -> String {
    format!(
        r#"{{"listen-port":0,"wechat-api-base":"{}","wechat-open-base":"{OPEN}","admin-token":"{ADMIN}",
            "common-endpoints":{{"sns-auth2":"/sns"}},
            "services":[{{"name":"acct","wx-params":{{"token":"{TOKEN}","app-id":"{APP_ID}","app-secret":"{SECRET}"}},
            "listen-endpoints":{{"service-path":"/wx","redirect-path":"/redirect"}}{service_extra}}}]}}"#,
        wx.base()
    )
}

/// The fake WeChat, a redirect-url handler answering `{"ok":1}`, and a gateway using both.
async fn with_redirect_url_handler() -> (FakeWeChat, Backend, Gateway) {
    let wx = fake_wechat().await;
    let be = backend(|_| Answer::json(r#"{"ok":1}"#)).await;
    let gw = start(&config(
        &wx,
        &format!(r#","redirect-url":"{}/oauth""#, be.base()),
    ))
    .await;
    (wx, be, gw)
}

async fn json(res: reqwest::Response) -> Value {
    serde_json::from_str(&res.text().await.unwrap()).unwrap_or(Value::Null)
}

/// The gateway's browser cookie in `res`, whole (`wxgw_oauth=…; Path=…; …`).
fn browser_cookie(res: &reqwest::Response) -> Option<String> {
    res.headers()
        .get_all("set-cookie")
        .iter()
        .map(|v| v.to_str().unwrap().to_owned())
        .find(|c| c.starts_with("wxgw_oauth="))
}

/// WeChat's authorize link that sends the browser back to `redirect` with a fresh code.
fn authorize(redirect: &str, scope: &str, state: &str) -> String {
    format!(
        "{OPEN}/connect/oauth2/authorize?appid={APP_ID}&redirect_uri={}&response_type=code&scope={scope}&state={state}#wechat_redirect",
        wx_gateway::wechat::oauth::encode_component(redirect)
    )
}

/// A client that does not follow redirects, connecting from `from` (any 127.x.y.z address is
/// this machine: another client address for the gateway).
fn client_from(from: [u8; 4]) -> reqwest::Client {
    wx_gateway::upstream::builder()
        .no_proxy()
        .local_address(IpAddr::from(from))
        .timeout(Duration::from_secs(10))
        .build()
        .unwrap()
}

/// Issue 8, part 3, item 1: a code's identity was reused for 5 minutes for anyone presenting
/// the code. Now only the browser it was exchanged for (an HttpOnly cookie) reuses it; any
/// other browser is sent back through WeChat's authorize page for a code of its own, to the
/// same URL, with the same state and the scope the first exchange had.
#[tokio::test]
async fn a_reused_code_is_sent_back_to_wechat_unless_it_is_the_same_browser() {
    let (wx, be, gw) = with_redirect_url_handler().await;
    let c = client_no_redirect();
    let url = gw.url("/redirect?code=c-user&state=menu1&extra=1");
    let first = c.get(&url).send().await.unwrap();
    assert_eq!(first.status(), 200);
    let set = browser_cookie(&first).expect("the browser cookie");
    assert!(
        set.ends_with("; Path=/redirect; Max-Age=300; HttpOnly; SameSite=Lax"),
        "{set}"
    );
    let pair = set.split(';').next().unwrap().to_owned();

    // The same browser reloads: its identity again, WeChat not asked again.
    let again = c
        .get(&url)
        .header("Cookie", format!("session=1; {pair}"))
        .send()
        .await
        .unwrap();
    assert_eq!(again.status(), 200);
    assert!(browser_cookie(&again).is_none());
    assert_eq!(wx.with(|s| s.code_exchanges), 1);
    assert_eq!(be.received().len(), 2);
    assert_eq!(be.received()[1].body["openId"], "oOPEN");

    // Another browser, without the cookie or with another value: a fresh code, silently.
    let here = format!("http://{}/redirect?extra=1", gw.addr);
    for cookie in [None, Some("wxgw_oauth=0123456789abcdefghijABCDEFGHIJxy")] {
        let mut req = c.get(&url);
        if let Some(cookie) = cookie {
            req = req.header("Cookie", cookie);
        }
        let res = req.send().await.unwrap();
        assert_eq!(res.status(), 302, "{cookie:?}");
        assert_eq!(
            res.headers()["location"],
            authorize(&here, "snsapi_userinfo", "menu1").as_str()
        );
        assert!(browser_cookie(&res).is_none());
    }
    assert_eq!(be.received().len(), 2, "the handler saw another browser");
    assert_eq!(wx.with(|s| s.code_exchanges), 1);

    // Behind a TLS proxy: the cookie is Secure and the way back is the public URL.
    let behind_proxy = |req: reqwest::RequestBuilder| {
        req.header("X-Forwarded-Proto", "https")
            .header("X-Forwarded-Host", "wx.example.com, inner.local")
    };
    let url = gw.url("/redirect?state=s2&code=c-base");
    let res = behind_proxy(c.get(&url)).send().await.unwrap();
    assert_eq!(res.status(), 200);
    assert!(browser_cookie(&res).unwrap().ends_with("; Secure"));
    let res = behind_proxy(c.get(&url)).send().await.unwrap();
    assert_eq!(res.status(), 302);
    assert_eq!(
        res.headers()["location"],
        authorize("https://wx.example.com/redirect", "snsapi_base", "s2").as_str()
    );
}

/// Issue 8, part 3, item 1: the `sns-auth2` endpoint keeps reusing a code for backends, but
/// the endpoint and the browser flow never hand each other's identities out.
#[tokio::test]
async fn browsers_and_backends_never_share_a_codes_identity() {
    let wx = fake_wechat().await;
    let gw = start(&config(&wx, "")).await;
    let sns = |code: &str| {
        let req = client()
            .get(gw.url(&format!("/sns?s=acct&code={code}")))
            .header("Authorization", format!("Bearer {ADMIN}"));
        async move {
            let res = req.send().await.unwrap();
            let status = res.status().as_u16();
            (status, json(res).await)
        }
    };
    let c = client_no_redirect();

    // A code a backend exchanged: reused for backends, not given to a browser.
    for _ in 0..2 {
        let (status, v) = sns("c-backend").await;
        assert_eq!((status, v["openId"].as_str()), (200, Some("oOPEN")), "{v}");
    }
    assert_eq!(wx.with(|s| s.code_exchanges), 1);
    let res = c
        .get(gw.url("/redirect?code=c-backend&state=s"))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 302);
    assert!(
        res.headers()["location"]
            .to_str()
            .unwrap()
            .starts_with(OPEN)
    );

    // A code a browser holds: the endpoint asks WeChat, which says it was used.
    let res = c
        .get(gw.url("/redirect?code=c-browser&state=s"))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 200);
    assert_eq!(json(res).await["openId"], "oOPEN");
    let (status, v) = sns("c-browser").await;
    assert_eq!((status, v["errcode"].as_i64()), (502, Some(40163)), "{v}");
}

/// Issue 8, part 3, item 3: the redirect-url handler's answer reaches the browser as it came:
/// status, Location, every Set-Cookie (the gateway's own added), the body, and exactly one
/// Content-Type (a `Vec<u8>` reply used to add `application/octet-stream` before it). The
/// menu-handler's headers in `h` replace the gateway's defaults instead of doubling them.
#[tokio::test]
async fn handler_answers_are_relayed_with_their_cookies_and_one_content_type() {
    let route = warp::post().map(|| {
        warp::http::Response::builder()
            .status(302)
            .header("location", "https://app.example.com/home")
            .header("set-cookie", "sid=1; Path=/; HttpOnly")
            .header("set-cookie", "theme=dark; Path=/")
            .header("content-type", "text/html; charset=utf-8")
            .body("<a href=\"https://app.example.com/home\">home</a>")
            .unwrap()
    });
    let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
    let handler = listener.local_addr().unwrap();
    let (_stop, stopped) = oneshot::channel::<()>();
    tokio::spawn(
        warp::serve(route)
            .incoming(listener)
            .graceful(async {
                let _ = stopped.await;
            })
            .run(),
    );
    let wx = fake_wechat().await;
    let gw = start(&config(
        &wx,
        &format!(r#","redirect-url":"http://{handler}/oauth""#),
    ))
    .await;
    let res = client_no_redirect()
        .get(gw.url("/redirect?code=c-relay&state=s"))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 302);
    assert_eq!(res.headers()["location"], "https://app.example.com/home");
    let types: Vec<_> = res.headers().get_all("content-type").iter().collect();
    assert_eq!(types, ["text/html; charset=utf-8"]);
    let cookies: Vec<_> = res
        .headers()
        .get_all("set-cookie")
        .iter()
        .map(|v| v.to_str().unwrap().to_owned())
        .collect();
    assert_eq!(cookies.len(), 3, "{cookies:?}");
    assert_eq!(
        cookies[..2],
        ["sid=1; Path=/; HttpOnly", "theme=dark; Path=/"]
    );
    assert!(cookies[2].starts_with("wxgw_oauth="), "{cookies:?}");
    assert_eq!(
        res.text().await.unwrap(),
        "<a href=\"https://app.example.com/home\">home</a>"
    );

    let be = backend(|_| {
        Answer::json(
            r#"{"h":{"Content-Type":"text/plain; charset=utf-8","Set-Cookie":["a=1","b=2"]},"c":"plain"}"#,
        )
    })
    .await;
    let gw = start(&config(
        &wx,
        &format!(r#","menu-handler":"{}/menu""#, be.base()),
    ))
    .await;
    let res = client_no_redirect()
        .get(gw.url("/redirect?code=c-menu&state=s"))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 200);
    let types: Vec<_> = res.headers().get_all("content-type").iter().collect();
    assert_eq!(types, ["text/plain; charset=utf-8"]);
    let cookies: Vec<_> = res.headers().get_all("set-cookie").iter().collect();
    assert_eq!(cookies.len(), 3, "{cookies:?}");
    assert_eq!(cookies[..2], ["a=1", "b=2"]);
    assert_eq!(res.text().await.unwrap(), "plain");
}

/// Issue 8, part 3, item 2: the redirect path answers anyone and may cost a WeChat call with
/// the app secret, so each client address has a token bucket (10/s, burst 20): past it, a
/// 429 page with Retry-After. Another address is not affected.
#[tokio::test]
async fn the_redirect_path_is_rate_limited_per_client_address() {
    let wx = fake_wechat().await;
    let gw = start(&config(&wx, "")).await;
    let c = client_from([127, 0, 0, 1]);
    let mut statuses = Vec::new();
    let mut retry_after = None;
    for _ in 0..30 {
        let res = c.get(gw.url("/redirect?state=s")).send().await.unwrap();
        let status = res.status().as_u16();
        if status == 429 {
            retry_after = res
                .headers()
                .get("retry-after")
                .map(|v| v.to_str().unwrap().to_owned());
            assert!(res.text().await.unwrap().contains("Please try again"));
        }
        statuses.push(status);
    }
    assert!(statuses[..20].iter().all(|s| *s == 400), "{statuses:?}");
    assert!(
        statuses.iter().filter(|s| **s == 429).count() >= 5,
        "{statuses:?}"
    );
    assert_eq!(retry_after.as_deref(), Some("1"));
    let other = client_from([127, 0, 0, 2]);
    let res = other.get(gw.url("/redirect?state=s")).send().await.unwrap();
    assert_eq!(res.status(), 400);
    assert_eq!(wx.with(|s| s.code_exchanges), 0);
}

/// Issue 8, part 3, item 2: at most 16 code exchanges of a service are in flight; more get a
/// 503 page at once, with Retry-After, instead of queueing outbound calls without end.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn code_exchanges_in_flight_are_bounded_per_service() {
    let wx = fake_wechat().await;
    wx.with(|s| s.code_delay_ms = 1500);
    let gw = start(&config(&wx, "")).await;
    // From two addresses, so that the rate limit (burst 20 each) is not what refuses.
    let clients = [client_from([127, 0, 0, 1]), client_from([127, 0, 0, 2])];
    let started = Instant::now();
    let results = futures_util::future::join_all((0..24).map(|i| {
        let c = clients[i % 2].clone();
        let url = gw.url(&format!("/redirect?code=c-many-{i}&state=s"));
        async move {
            let res = c.get(url).send().await.unwrap();
            let status = res.status().as_u16();
            let retry = res.headers().get("retry-after").cloned();
            (status, retry, started.elapsed())
        }
    }))
    .await;
    let refused: Vec<_> = results.iter().filter(|(s, _, _)| *s == 503).collect();
    assert_eq!(refused.len(), 8, "{results:?}");
    assert!(
        refused
            .iter()
            .all(|(_, retry, at)| retry.as_ref().is_some_and(|r| r == "1")
                && *at < Duration::from_millis(1000)),
        "refused at once: {refused:?}"
    );
    assert_eq!(results.iter().filter(|(s, _, _)| *s == 200).count(), 16);
    assert_eq!(wx.with(|s| s.code_exchanges), 16);
}

/// Issue 8, part 3, item 2: a code WeChat refused is refused again for a minute without
/// asking WeChat (each exchange carries the app secret), by the browser flow and the
/// endpoint alike; an overlong code is refused before WeChat is asked.
#[tokio::test]
async fn a_refused_code_costs_no_second_wechat_call() {
    let wx = fake_wechat().await;
    let gw = start(&config(&wx, "")).await;
    let c = client();
    for _ in 0..3 {
        let res = c
            .get(gw.url("/redirect?code=bad-code&state=s"))
            .send()
            .await
            .unwrap();
        assert_eq!(res.status(), 502);
        assert!(res.text().await.unwrap().contains("40163"));
    }
    let res = c
        .get(gw.url("/sns?s=acct&code=bad-code"))
        .header("Authorization", format!("Bearer {ADMIN}"))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 502);
    assert_eq!(wx.with(|s| s.code_exchanges), 1);
    // A code far longer than WeChat's (32 characters) is neither sent nor remembered.
    let long = "x".repeat(129);
    let res = c
        .get(gw.url(&format!("/redirect?code={long}&state=s")))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 400);
    let res = c
        .get(gw.url(&format!("/sns?s=acct&code={long}")))
        .header("Authorization", format!("Bearer {ADMIN}"))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 400);
    assert_eq!(wx.with(|s| s.code_exchanges), 1);
}

/// Behind a reverse proxy listed in `trusted-proxies`, clients are counted by the address it
/// appends to `X-Forwarded-For`, not all as the proxy; what the client wrote before it is not
/// believed. Without the key, `X-Forwarded-For` changes nothing.
#[tokio::test]
async fn trusted_proxies_name_the_client_for_the_rate_limit() {
    let wx = fake_wechat().await;
    let cfg = config(&wx, "").replacen(
        r#"{"listen-port":0,"#,
        r#"{"listen-port":0,"trusted-proxies":["127.0.0.1","fd00::/8"],"#,
        1,
    );
    let gw = start(&cfg).await;
    let c = client_from([127, 0, 0, 1]);
    let get = |xff: &'static str| {
        let c = c.clone();
        let url = gw.url("/redirect?state=s");
        async move {
            let res = c
                .get(url)
                .header("x-forwarded-for", xff)
                .send()
                .await
                .unwrap();
            res.status().as_u16()
        }
    };
    // One client (forging a first hop each time) exhausts its own bucket only.
    let mut statuses = Vec::new();
    for _ in 0..30 {
        statuses.push(get("6.6.6.6, 10.0.0.1").await);
    }
    assert!(statuses.contains(&429), "{statuses:?}");
    assert_eq!(get("6.6.6.6, 10.0.0.2").await, 400);
    // Without trusted-proxies the header is ignored: all requests are the peer's.
    let gw = start(&config(&wx, "")).await;
    let c = client_from([127, 0, 0, 1]);
    let mut statuses = Vec::new();
    for i in 0..30 {
        let res = c
            .get(gw.url("/redirect?state=s"))
            .header("x-forwarded-for", format!("10.0.1.{i}"))
            .send()
            .await
            .unwrap();
        statuses.push(res.status().as_u16());
    }
    assert!(statuses.contains(&429), "{statuses:?}");
}

/// The redirect-url handler gets exactly one X-Forwarded-For (the browser's lines joined, then
/// the peer), never a browser's `X-Wx-*` (the gateway's own headers) nor a header the browser's
/// `Connection` names (hop-by-hop).
#[tokio::test]
async fn the_handler_sees_one_forwarded_for_and_no_forged_gateway_headers() {
    let (_wx, be, gw) = with_redirect_url_handler().await;
    let res = client_no_redirect()
        .get(gw.url("/redirect?code=c-xff&state=s"))
        .header("x-forwarded-for", "6.6.6.6")
        .header("x-wx-app-id", "wxEVIL")
        .header("x-wx-service", "evil")
        .header("x-real-ip", "7.7.7.7")
        .header("connection", "keep-alive, x-real-ip")
        .header("x-kept", "yes")
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 200);
    let got = &be.received()[0].headers;
    let xff: Vec<_> = got.get_all("x-forwarded-for").iter().collect();
    assert_eq!(xff.len(), 1, "{xff:?}");
    assert_eq!(xff[0], "6.6.6.6, 127.0.0.1");
    assert!(got.get("x-wx-app-id").is_none() && got.get("x-wx-service").is_none());
    assert!(got.get("x-real-ip").is_none());
    assert_eq!(got["x-kept"], "yes");
}
