//! A stand-in for WeChat's API on 127.0.0.1 (the gateway reaches it through
//! `wechat-api-base`): access and jsapi tokens with knobs for expiry, delay and revocation, the
//! OAuth code exchange, user info, QR codes, template messages and menus. One named handler per
//! WeChat path.

use std::collections::HashMap;
use std::net::SocketAddr;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use serde_json::{Value, json};
use tokio::net::TcpListener;
use warp::Filter;

/// The test account's app secret, known to the fake.
pub const SECRET: &str = "APPSECRET-0123456789";

/// The fake WeChat API's state and knobs.
#[derive(Default)]
pub struct Fake {
    pub token_fetches: u32,
    pub force_refreshes: u32,
    pub expires_in: u64,
    pub fetch_delay_ms: u64,
    /// Tokens WeChat no longer accepts.
    pub invalid: Vec<String>,
    pub code_exchanges: u32,
    /// Codes exchanged already: WeChat exchanges a code once.
    pub used_codes: Vec<String>,
    /// Delay of every code exchange (sns/oauth2/access_token).
    pub code_delay_ms: u64,
    pub user_info_fails: bool,
    /// Refuse every token fetch with this errcode (40164: the caller's IP is not whitelisted),
    /// as WeChat does, with a request id that changes each time.
    pub refuse_tokens: Option<i64>,
    /// Token fetches refused by `refuse_tokens`.
    pub token_refusals: u32,
    /// Every request: "METHOD path?query" and body.
    pub log: Vec<(String, String)>,
}

pub struct FakeWeChat {
    pub addr: SocketAddr,
    pub state: Arc<Mutex<Fake>>,
    _stop: tokio::sync::oneshot::Sender<()>,
}

impl FakeWeChat {
    pub fn base(&self) -> String {
        format!("http://{}", self.addr)
    }
    pub fn with<T>(&self, f: impl FnOnce(&mut Fake) -> T) -> T {
        f(&mut self.state.lock().unwrap())
    }
}

/// One request to the fake.
struct Call {
    path: String,
    query: String,
    params: HashMap<String, String>,
    body: String,
}

impl Call {
    fn param(&self, name: &str) -> Option<&str> {
        self.params.get(name).map(String::as_str)
    }
}

type Shared = Arc<Mutex<Fake>>;

fn invalid_token() -> Value {
    json!({"errcode": 40001, "errmsg": "invalid credential, access_token is invalid or not latest rid: 1"})
}

/// `access_token` present and not revoked.
fn token_ok(st: &Shared, call: &Call) -> bool {
    let t = call.param("access_token").unwrap_or("");
    !t.is_empty() && !st.lock().unwrap().invalid.iter().any(|i| i == t)
}

/// `answer` when the call's access_token is valid, WeChat's 40001 otherwise.
fn with_token(st: &Shared, call: &Call, answer: impl FnOnce() -> Value) -> Value {
    if token_ok(st, call) {
        answer()
    } else {
        invalid_token()
    }
}

/// cgi-bin/token (secret in the query) and cgi-bin/stable_token (secret in the JSON body).
async fn access_token(st: &Shared, call: &Call) -> Value {
    let (delay, expires) = {
        let s = st.lock().unwrap();
        (s.fetch_delay_ms, s.expires_in)
    };
    tokio::time::sleep(Duration::from_millis(delay)).await;
    let mut s = st.lock().unwrap();
    let secret_ok = if call.path == "/cgi-bin/token" {
        call.param("secret") == Some(SECRET)
    } else {
        let b: Value = serde_json::from_str(&call.body).unwrap_or_default();
        if b["force_refresh"] == true {
            s.force_refreshes += 1;
        }
        b["secret"] == SECRET
    };
    if !secret_ok {
        return json!({"errcode": 40125, "errmsg": "invalid appsecret"});
    }
    if let Some(code) = s.refuse_tokens {
        s.token_refusals += 1;
        let rid = s.token_refusals;
        return json!({"errcode": code, "errmsg": format!("invalid ip 203.0.113.7, not in whitelist rid: {rid:x}")});
    }
    s.token_fetches += 1;
    json!({"access_token": format!("TOKEN-{}", s.token_fetches), "expires_in": expires})
}

fn user_info(st: &Shared, call: &Call) -> Value {
    if !token_ok(st, call) {
        return invalid_token();
    }
    if st.lock().unwrap().user_info_fails {
        return json!({"errcode": 40003, "errmsg": "invalid openid"});
    }
    json!({"subscribe": 1, "openid": call.param("openid"), "language": "zh_CN",
           "subscribe_time": 1700000000, "unionid": "uUNION"})
}

fn qrcode_create(st: &Shared, call: &Call) -> Value {
    with_token(st, call, || {
        json!({"ticket": "gQH47joAAAAA+/==", "expire_seconds": 60,
               "url": "http://weixin.qq.com/q/kZgfwMTm72WWPkovabbI"})
    })
}

fn template_send(st: &Shared, call: &Call) -> Value {
    with_token(
        st,
        call,
        || json!({"errcode": 0, "errmsg": "ok", "msgid": 200228332}),
    )
}

fn jsapi_ticket(st: &Shared, call: &Call) -> Value {
    with_token(
        st,
        call,
        || json!({"errcode": 0, "errmsg": "ok", "ticket": "JSAPI-TICKET", "expires_in": 7200}),
    )
}

/// sns/oauth2/access_token: codes `c-user` (userinfo scope) and `c-*` (base scope) are good
/// once each, as with WeChat; anything else, or a code seen before, was "used already".
async fn code_exchange(st: &Shared, call: &Call) -> Value {
    let delay = {
        let mut s = st.lock().unwrap();
        s.code_exchanges += 1;
        s.code_delay_ms
    };
    tokio::time::sleep(Duration::from_millis(delay)).await;
    if call.param("secret") != Some(SECRET) {
        return json!({"errcode": 40125, "errmsg": "invalid appsecret"});
    }
    let code = call.param("code").unwrap_or("").to_owned();
    let used = {
        let mut s = st.lock().unwrap();
        let used = s.used_codes.contains(&code);
        s.used_codes.push(code.clone());
        used
    };
    let scope = match code.as_str() {
        _ if used => return json!({"errcode": 40163, "errmsg": "code been used, rid: 65f1"}),
        "c-user" => "snsapi_userinfo",
        c if c.starts_with("c-") => "snsapi_base",
        _ => return json!({"errcode": 40163, "errmsg": "code been used, rid: 65f1"}),
    };
    json!({"access_token": "SNS-TOKEN", "expires_in": 7200, "openid": "oOPEN", "scope": scope})
}

/// Any other cgi-bin path: echoes what it got (for the API pass-through).
fn echo(st: &Shared, call: &Call) -> Value {
    with_token(
        st,
        call,
        || json!({"errcode": 0, "path": call.path, "query": call.query, "body": call.body}),
    )
}

async fn answer(st: &Shared, call: &Call) -> Value {
    match call.path.as_str() {
        "/cgi-bin/stable_token" | "/cgi-bin/token" => access_token(st, call).await,
        "/cgi-bin/user/info" => user_info(st, call),
        "/cgi-bin/qrcode/create" => qrcode_create(st, call),
        "/cgi-bin/message/template/send" => template_send(st, call),
        "/cgi-bin/ticket/getticket" => jsapi_ticket(st, call),
        "/cgi-bin/menu/create" | "/cgi-bin/menu/delete" => json!({"errcode": 0, "errmsg": "ok"}),
        "/cgi-bin/menu/get" => {
            json!({"menu": {"button": [{"type": "view", "name": "Shop", "url": "https://x"}]}})
        }
        "/sns/oauth2/access_token" => code_exchange(st, call).await,
        "/sns/userinfo" => {
            json!({"openid": "oOPEN", "nickname": "Nick", "headimgurl": "http://img"})
        }
        p if p.starts_with("/cgi-bin/") => echo(st, call),
        _ => json!({"errcode": 404, "errmsg": "not found"}),
    }
}

pub async fn fake_wechat() -> FakeWeChat {
    let state = Arc::new(Mutex::new(Fake {
        expires_in: 7200,
        ..Fake::default()
    }));
    let st = Arc::clone(&state);
    let route = warp::method()
        .and(warp::path::full())
        .and(warp::query::raw().or(warp::any().map(String::new)).unify())
        .and(warp::body::bytes())
        .then(
            move |method: warp::http::Method,
                  path: warp::path::FullPath,
                  query: String,
                  body: bytes::Bytes| {
                let st = Arc::clone(&st);
                async move {
                    // Also served below /wechat, for a wechat-api-base with a path.
                    let p = path.as_str();
                    let call = Call {
                        path: p.strip_prefix("/wechat").unwrap_or(p).to_owned(),
                        params: form_urlencoded::parse(query.as_bytes())
                            .into_owned()
                            .collect(),
                        body: String::from_utf8_lossy(&body).into_owned(),
                        query,
                    };
                    st.lock()
                        .unwrap()
                        .log
                        .push((format!("{method} {p}?{}", call.query), call.body.clone()));
                    let v = answer(&st, &call).await;
                    warp::http::Response::builder()
                        .header("content-type", "application/json")
                        .body(v.to_string())
                        .unwrap()
                }
            },
        );
    let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    let (tx, rx) = tokio::sync::oneshot::channel::<()>();
    tokio::spawn(
        warp::serve(route)
            .incoming(listener)
            .graceful(async {
                let _ = rx.await;
            })
            .run(),
    );
    FakeWeChat {
        addr,
        state,
        _stop: tx,
    }
}
