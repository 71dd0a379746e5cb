//! Hot reload (issue 11): SIGHUP and `wx-gateway reload --pid-file` swap the config under
//! load without failing a push; a bad config or one that needs a restart is refused whole and
//! counted; requests in flight finish with the config they started with; unchanged accounts
//! keep their access tokens; the redelivery workers follow the services.

use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::time::Duration;

use tokio::io::{AsyncReadExt, AsyncWriteExt};
use wx_gateway::config;
use wx_gateway::gateway::{self, Refused};

use crate::binary::{BIN, Running};
use crate::fake_wechat::{SECRET, fake_wechat};
use crate::support::*;

const OLD: &str = "rot-token-old";
const NEW: &str = "rot-token-new";

/// Two services: `stable` at /wx (never changes but for its worker count) and `rot` at /rot
/// (its token changes), and, with `extra`, a third at /extra.
struct Variant<'a> {
    workers: u32,
    rot_token: &'a str,
    rot_previous: Option<&'a str>,
    extra: bool,
    port: &'a str,
}

fn conf(v: &Variant, backend: &str, metrics: &str) -> String {
    let previous = v
        .rot_previous
        .map(|p| format!(r#","previous-token":"{p}""#))
        .unwrap_or_default();
    let extra = if v.extra {
        format!(
            r#",{{"name":"extra","wx-params":{{"token":"extra-token","app-id":"{APP_ID}"}},"listen-endpoints":{{"service-path":"/extra"}},"msg-proxy-pass":"{backend}"}}"#
        )
    } else {
        String::new()
    };
    format!(
        r#"{{"listen-host":"127.0.0.1","listen-port":{port},"metrics-listen":"{metrics}","services":[
        {{"name":"stable","wx-params":{{"token":"{TOKEN}","app-id":"{APP_ID}","aes-key":"{AES_KEY}"}},"listen-endpoints":{{"service-path":"/wx"}},"msg-proxy-pass":"{backend}","workerNum":{workers}}},
        {{"name":"rot","wx-params":{{"token":"{token}","app-id":"{APP_ID}"{previous}}},"listen-endpoints":{{"service-path":"/rot"}},"msg-proxy-pass":"{backend}"}}{extra}]}}"#,
        port = v.port,
        workers = v.workers,
        token = v.rot_token,
    )
}

/// A plaintext push to `path` signed with `token`: (status, body).
async fn push(url: &str, path: &str, token: &str, msg_id: u64) -> (u16, String) {
    let res = client()
        .post(format!("{url}{path}?{}", plain_query(token)))
        .body(text_xml("hello", msg_id))
        .send()
        .await;
    match res {
        Ok(r) => (r.status().as_u16(), r.text().await.unwrap_or_default()),
        Err(e) => (0, e.to_string()),
    }
}

/// The gateway's reload counters from its metrics listener: (ok, error).
async fn reloads(metrics: &str) -> (f64, f64) {
    let scrape = crate::metrics::scrape_at(metrics).await;
    let count = |result: &str| {
        crate::metrics::value(&scrape, "wxgw_config_reloads_total", &[("result", result)])
            .unwrap_or(0.0)
    };
    (count("ok"), count("error"))
}

/// Twenty reloads through the real binary while pushes run continuously on four connections:
/// worker counts, a service added and removed, a token rotated (previous-token, then without),
/// a token changed outright, an invalid file and a restart-only change. No push fails; right
/// after each token swap the new token is accepted and the old one refused.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn twenty_reloads_under_load_fail_no_push() {
    let be = backend(|_| Answer::json(r#"{"type":"text","msg":"pong"}"#)).await;
    let metrics = free_addr().to_string();
    let dir = std::env::temp_dir().join(format!("wxg-reload-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let file = dir.join("conf.json");
    let pid_file = dir.join("gw.pid");
    let mut v = Variant {
        workers: 8,
        rot_token: OLD,
        rot_previous: None,
        extra: false,
        port: "0",
    };
    std::fs::write(&file, conf(&v, &be.base(), &metrics)).unwrap();
    let gw = Running::spawn(
        std::process::Command::new(BIN)
            .args(["serve", "--config"])
            .arg(&file)
            .arg("--pid-file")
            .arg(&pid_file),
    );
    let url = format!("http://{}", gw.addr);
    assert!(pid_file.exists(), "pid file written before serving");

    // The load: four loops on /wx, counting pushes and failures.
    let stop = Arc::new(AtomicBool::new(false));
    let sent = Arc::new(AtomicU64::new(0));
    let failed = Arc::new(std::sync::Mutex::new(Vec::new()));
    let mut loops = Vec::new();
    for l in 0..4u64 {
        let (stop, sent, failed, url) = (
            Arc::clone(&stop),
            Arc::clone(&sent),
            Arc::clone(&failed),
            url.clone(),
        );
        loops.push(tokio::spawn(async move {
            let mut n = 0;
            while !stop.load(Ordering::Relaxed) {
                n += 1;
                let (status, body) = push(&url, "/wx", TOKEN, l * 1_000_000 + n).await;
                sent.fetch_add(1, Ordering::Relaxed);
                if status != 200 || !body.contains("pong") {
                    failed.lock().unwrap().push((status, body));
                }
            }
        }));
    }

    let done = std::cell::Cell::new(0usize);
    let reload = |v: &Variant, how: &str| -> usize {
        std::fs::write(&file, conf(v, &be.base(), &metrics)).unwrap();
        let mut cmd = std::process::Command::new(BIN);
        cmd.arg("reload").arg("--pid-file").arg(&pid_file);
        if how == "checked" {
            cmd.arg("--config").arg(&file);
        }
        let out = cmd.output().unwrap();
        assert_eq!(
            out.status.code(),
            Some(0),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        done.set(done.get() + 1);
        done.get()
    };
    let outcomes = |gw: &Running| gw.count("config reloaded") + gw.count("config reload refused");
    async fn settled(gw: &Running, n: usize, outcomes: &impl Fn(&Running) -> usize) {
        eventually(Duration::from_secs(5), "the reload's log line", || {
            outcomes(gw) >= n
        })
        .await;
    }

    // 1–4: worker counts.
    for workers in [16, 4, 32, 8] {
        v.workers = workers;
        let n = reload(&v, "checked");
        settled(&gw, n, &outcomes).await;
    }
    // 5–6: a service added (served at once), then removed (404 at once).
    v.extra = true;
    let n = reload(&v, "checked");
    settled(&gw, n, &outcomes).await;
    assert_eq!(
        push(&url, "/extra", "extra-token", 1).await.0,
        200,
        "{}",
        gw.log()
    );
    v.extra = false;
    let n = reload(&v, "checked");
    settled(&gw, n, &outcomes).await;
    assert_eq!(push(&url, "/extra", "extra-token", 2).await.0, 404);
    // 7–8: rotation: the new token with the old as previous-token (both accepted), then
    // without (the old refused right after the swap).
    assert_eq!(push(&url, "/rot", OLD, 10).await.0, 200);
    assert_eq!(push(&url, "/rot", NEW, 11).await.0, 403);
    v.rot_token = NEW;
    v.rot_previous = Some(OLD);
    let n = reload(&v, "checked");
    settled(&gw, n, &outcomes).await;
    assert_eq!(push(&url, "/rot", OLD, 12).await.0, 200);
    assert_eq!(push(&url, "/rot", NEW, 13).await.0, 200);
    v.rot_previous = None;
    let n = reload(&v, "checked");
    settled(&gw, n, &outcomes).await;
    assert_eq!(push(&url, "/rot", NEW, 14).await.0, 200);
    assert_eq!(push(&url, "/rot", OLD, 15).await.0, 403);
    // 9: an invalid file: refused with serve --check's message, the old config serving on.
    std::fs::write(&file, r#"{"services": ["#).unwrap();
    let check = std::process::Command::new(BIN)
        .args(["serve", "--check", "--config"])
        .arg(&file)
        .output()
        .unwrap();
    let message = String::from_utf8_lossy(&check.stderr)
        .trim()
        .trim_start_matches("wx-gateway: error: ")
        .to_owned();
    assert!(message.contains("not valid JSON"), "{message}");
    let out = std::process::Command::new(BIN)
        .arg("reload")
        .arg("--pid-file")
        .arg(&pid_file)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0));
    done.set(done.get() + 1);
    settled(&gw, done.get(), &outcomes).await;
    assert_eq!(gw.count(&format!("config reload refused: {message}")), 1);
    assert_eq!(push(&url, "/rot", NEW, 16).await.0, 200);
    // 10: a restart-only change (the listen port): refused whole; the token change that
    // came with it is not applied either.
    let mut moved = Variant {
        port: "1",
        rot_token: OLD,
        ..v
    };
    let n = reload(&moved, "plain");
    settled(&gw, n, &outcomes).await;
    assert_eq!(
        gw.count("listen address (host, port) changed: that needs a restart"),
        1
    );
    assert_eq!(push(&url, "/rot", NEW, 17).await.0, 200);
    assert_eq!(push(&url, "/rot", OLD, 18).await.0, 403);
    moved.port = "0";
    // 11: the token changed outright: the new one works right after the swap, the old not.
    let n = reload(&moved, "checked");
    settled(&gw, n, &outcomes).await;
    assert_eq!(push(&url, "/rot", OLD, 19).await.0, 200);
    assert_eq!(push(&url, "/rot", NEW, 20).await.0, 403);
    v = moved;
    // 12–20: more worker counts.
    for workers in [1, 64, 2, 48, 3, 24, 5, 12, 8] {
        v.workers = workers;
        let n = reload(&v, "checked");
        settled(&gw, n, &outcomes).await;
    }
    assert_eq!(done.get(), 20);

    stop.store(true, Ordering::Relaxed);
    for l in loops {
        l.await.unwrap();
    }
    let failed = failed.lock().unwrap().clone();
    let sent = sent.load(Ordering::Relaxed);
    assert!(
        failed.is_empty(),
        "{} of {sent} pushes failed: {:?}",
        failed.len(),
        &failed[..failed.len().min(5)]
    );
    assert!(sent >= 100, "the load ran: {sent} pushes");
    assert_eq!(reloads(&metrics).await, (18.0, 2.0));
    assert_eq!(gw.count("config reloaded"), 18);
    let (code, log) = gw.terminate();
    assert_eq!(code, Some(0), "{log}");
    assert!(!pid_file.exists(), "the pid file is removed at exit");
    let _ = std::fs::remove_dir_all(&dir);
}

/// A request whose body is still arriving when the config changes finishes with the config it
/// started with: a push signed with the token of the time is accepted after the swap.
#[tokio::test]
async fn a_push_in_flight_finishes_with_the_config_it_started_with() {
    let cfg = one_service("");
    let state = gateway::State::new(&config::parse(&cfg).unwrap()).unwrap();
    let handle = state.handle();
    let gw = start_state(state).await;
    let body = text_xml("slow", 1);
    let mut conn = tokio::net::TcpStream::connect(gw.addr).await.unwrap();
    let head = format!(
        "POST /wx?{} HTTP/1.1\r\nHost: x\r\nContent-Length: {}\r\nConnection: close\r\n\r\n",
        plain_query(TOKEN),
        body.len()
    );
    conn.write_all(head.as_bytes()).await.unwrap();
    conn.write_all(&body.as_bytes()[..10]).await.unwrap();
    tokio::time::sleep(Duration::from_millis(100)).await;
    let changed = cfg.replace(TOKEN, "another-token");
    let applied = handle
        .reload(config::parse(&changed).unwrap())
        .await
        .unwrap();
    assert_eq!(applied.changed, vec!["acct".to_owned()]);
    conn.write_all(&body.as_bytes()[10..]).await.unwrap();
    let mut answer = String::new();
    conn.read_to_string(&mut answer).await.unwrap();
    assert!(answer.starts_with("HTTP/1.1 200"), "{answer}");
    // The next push is checked against the new token.
    assert_eq!(post_plain(&gw, &text_xml("after", 2)).await.0, 403);
}

/// An account whose settings a reload leaves alone keeps its access token; one whose secret
/// changed fetches a new one. Token refresh counters never go back.
#[tokio::test]
async fn unchanged_accounts_keep_their_access_token() {
    let wx = fake_wechat().await;
    let cfg = |secret: &str, timeout: u32| {
        format!(
            r#"{{"listen-port":0,"wechat-api-base":"{}","admin-token":"adm","services":[{{"name":"acct","wx-params":{{"token":"{TOKEN}","app-id":"{APP_ID}","app-secret":"{secret}"}},"listen-endpoints":{{"service-path":"/wx"}},"backend-timeout-ms":{timeout}}}]}}"#,
            wx.base()
        )
    };
    let state = gateway::State::new(&config::parse(&cfg(SECRET, 4000)).unwrap()).unwrap();
    let handle = state.handle();
    let gw = start_state(state).await;
    let token = || async {
        client()
            .get(gw.url("/token?s=acct"))
            .bearer_auth("adm")
            .send()
            .await
            .unwrap()
            .status()
            .as_u16()
    };
    let asked = || {
        wx.with(|s| {
            s.log
                .iter()
                .filter(|(call, _)| call.contains("token"))
                .count()
        })
    };
    assert_eq!(token().await, 200);
    assert_eq!(asked(), 1);
    let applied = handle
        .reload(config::parse(&cfg(SECRET, 3000)).unwrap())
        .await
        .unwrap();
    assert_eq!(applied.changed, vec!["acct".to_owned()]);
    assert!(applied.new_tokens.is_empty(), "{applied:?}");
    assert_eq!(token().await, 200);
    assert_eq!(asked(), 1, "no refetch for an unchanged account");
    let applied = handle
        .reload(config::parse(&cfg("ANOTHER-SECRET-0123", 3000)).unwrap())
        .await
        .unwrap();
    assert_eq!(applied.new_tokens, vec!["acct".to_owned()]);
    // The fake knows only the old secret: refused, but asked.
    let _ = token().await;
    assert_eq!(asked(), 2, "a changed account fetches anew");
}

/// A reload that changes what needs a restart is refused whole, counted, and the config in
/// use keeps serving, unchanged in every part.
#[tokio::test]
async fn a_restart_only_change_is_refused_whole() {
    let cfg = one_service("");
    let state = gateway::State::new(&config::parse(&cfg).unwrap()).unwrap();
    let handle = state.handle();
    let gw = start_state(state).await;
    let bad = cfg
        .replace(
            r#""listen-port":0"#,
            r#""listen-port":0,"dedupe-capacity":5000"#,
        )
        .replace(TOKEN, "another-token");
    let refused = handle
        .reload(config::parse(&bad).unwrap())
        .await
        .unwrap_err();
    assert_eq!(refused, Refused::Restart(vec!["dedupe-capacity"]));
    assert_eq!(
        post_plain(&gw, &text_xml("still the old token", 1)).await.0,
        200
    );
    assert_eq!(handle.config().services[0].token.expose(), TOKEN);
}

/// The redelivery worker follows its service: a spooled push waits while the backend is
/// down; a reload that points the service at a working backend delivers it at once; a
/// service a reload adds gets its worker.
#[tokio::test]
async fn redelivery_follows_the_reloaded_backend() {
    let spool = crate::delivery::SpoolDir::new("reload");
    let dead = free_addr();
    let be = backend(|_| Answer::json(r#"{"type":"text","msg":"ok"}"#)).await;
    let cfg = |target: &str| {
        format!(
            r#"{{"listen-port":0,"spool":{{"dir":"{}"}},"services":[{{"name":"acct","wx-params":{{"token":"{TOKEN}","app-id":"{APP_ID}","aes-key":"{AES_KEY}"}},"listen-endpoints":{{"service-path":"/wx"}},"msg-proxy-pass":"{target}","backend-timeout-ms":500}}]}}"#,
            spool.json()
        )
    };
    let state =
        gateway::State::new(&config::parse(&cfg(&format!("http://{dead}"))).unwrap()).unwrap();
    let handle = state.handle();
    let gw = start_state(state).await;
    for n in 1..=3 {
        let (status, _) = post_safe(&gw, &text_xml("wait for me", n)).await;
        assert_eq!(status, 200);
    }
    eventually(Duration::from_secs(5), "three pushes spooled", || {
        spool.list(false).len() == 3
    })
    .await;
    // Let the worker fail twice and back off (it would wait seconds).
    tokio::time::sleep(Duration::from_millis(300)).await;
    handle
        .reload(config::parse(&cfg(&be.base())).unwrap())
        .await
        .unwrap();
    eventually(
        Duration::from_secs(3),
        "the spool redelivered to the new backend",
        || be.received().len() == 3,
    )
    .await;
    eventually(Duration::from_secs(3), "the spool empty", || {
        spool.list(false).is_empty()
    })
    .await;
}

/// `wx-gateway reload`: a missing, empty or oversized pid file is a usage error (2); a pid
/// that is not a wx-gateway is not signalled (1); an invalid --config is refused before any
/// signal (2).
#[test]
fn reload_refuses_what_is_not_a_running_gateway() {
    let dir = std::env::temp_dir().join(format!("wxg-reload-cli-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let file = dir.join("pid");
    let run = |extra: &[&str]| {
        let mut args = vec!["reload", "--pid-file", file.to_str().unwrap()];
        args.extend_from_slice(extra);
        crate::binary::run(&args)
    };
    let (code, _, err) = run(&[]);
    assert_eq!(code, 2, "{err}");
    assert!(err.contains("serve --pid-file"), "{err}");
    std::fs::write(&file, "not a pid\n").unwrap();
    assert_eq!(run(&[]).0, 2);
    std::fs::write(&file, "1".repeat(200)).unwrap();
    let (code, _, err) = run(&[]);
    assert_eq!(code, 2);
    assert!(err.contains("not a pid file") && err.len() < 300, "{err}");
    // This test's own process is no wx-gateway: not signalled.
    std::fs::write(&file, format!("{}\n", std::process::id())).unwrap();
    let (code, _, err) = run(&[]);
    assert_eq!(code, 1, "{err}");
    assert!(err.contains("is not wx-gateway"), "{err}");
    // A process that is gone.
    let mut gone = std::process::Command::new("true").spawn().unwrap();
    let pid = gone.id();
    gone.wait().unwrap();
    std::fs::write(&file, format!("{pid}\n")).unwrap();
    let (code, _, err) = run(&[]);
    assert_eq!(code, 1, "{err}");
    assert!(err.contains("not running"), "{err}");
    // An invalid config is refused before the pid file is even read.
    let conf = dir.join("bad.json");
    std::fs::write(&conf, r#"{"listen-port": 70000}"#).unwrap();
    let (code, _, err) = run(&["--config", conf.to_str().unwrap()]);
    assert_eq!(code, 2);
    assert!(err.contains("listen-port: expected 0 to 65535"), "{err}");
    let _ = std::fs::remove_dir_all(&dir);
}

/// A SIGHUP while the gateway is still starting does not end it (the signal's default action):
/// the handler is the first thing `serve` installs.
#[tokio::test]
async fn a_sighup_during_start_does_not_end_the_gateway() {
    let port = free_addr().port();
    let mut child = std::process::Command::new(BIN)
        .args(["serve", "--port", &port.to_string()])
        .env_remove("CONF_FILE")
        .stderr(std::process::Stdio::null())
        .spawn()
        .unwrap();
    let pid = child.id().to_string();
    for _ in 0..5 {
        tokio::time::sleep(Duration::from_millis(15)).await;
        let _ = std::process::Command::new("kill")
            .args(["-HUP", &pid])
            .status();
    }
    let url = format!("http://127.0.0.1:{port}/healthz");
    let mut served = false;
    for _ in 0..100 {
        if let Ok(r) = client().get(&url).send().await {
            served = r.status() == 200;
            break;
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    assert!(child.try_wait().unwrap().is_none(), "the gateway ended");
    assert!(served);
    let _ = child.kill();
    let _ = child.wait();
}
