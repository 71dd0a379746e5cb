//! `wx-gateway simulate` as people and CI scripts use it (issue 9): the zero-flag start, flags
//! anywhere, the gateway's outcome headers, one failure report, closed pipes, colour, and the
//! JSON shapes documented in the README. Every test drives the real binary.

use std::io::Write;
use std::process::{Command, Stdio};

use serde_json::Value;

use crate::binary::{BIN, Running};
use crate::support::*;

/// What a run of the binary left behind.
struct Ran {
    code: i32,
    out: String,
    err: String,
}

/// Runs the binary with `envs` set (CONF_FILE and NO_COLOR removed first) and `stdin` fed.
fn wxg_with(args: &[&str], envs: &[(&str, &str)], stdin: Option<&str>) -> Ran {
    let mut cmd = Command::new(BIN);
    cmd.args(args)
        .env_remove("CONF_FILE")
        .env_remove("NO_COLOR")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    for (k, v) in envs {
        cmd.env(k, v);
    }
    let mut child = cmd.spawn().unwrap();
    {
        let mut input = child.stdin.take().unwrap();
        if let Some(s) = stdin {
            input.write_all(s.as_bytes()).unwrap();
        }
    }
    let out = child.wait_with_output().unwrap();
    Ran {
        code: out.status.code().unwrap_or(-1),
        out: String::from_utf8_lossy(&out.stdout).into_owned(),
        err: String::from_utf8_lossy(&out.stderr).into_owned(),
    }
}

/// Runs the binary from inside a multi-threaded tokio test (whose gateway keeps serving).
fn wxg(args: &[&str]) -> Ran {
    tokio::task::block_in_place(|| wxg_with(args, &[], None))
}

/// `simulate` with the test account's flags, after `rest` (flags go anywhere).
fn sim(url: &str, rest: &[&str]) -> Ran {
    let account = crate::tools::acct(url);
    let mut all = vec!["simulate"];
    all.extend_from_slice(rest);
    all.extend(account.iter().map(String::as_str));
    wxg(&all)
}

fn json_of(r: &Ran) -> Value {
    serde_json::from_str(r.out.trim())
        .unwrap_or_else(|e| panic!("stdout is not one JSON object ({e}): {}\n{}", r.out, r.err))
}

/// Issue 9: `wx-gateway serve` and `wx-gateway simulate text hi` pair up without a flag: both
/// fall back to the embedded sample, and simulate says so on stderr. menu-url too.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn zero_flag_simulate_plays_the_embedded_sample() {
    let gw = Running::spawn(
        Command::new(BIN)
            .args(["serve", "--port", "0"])
            .env_remove("CONF_FILE"),
    );
    let url = format!("{}/wx", gw.addr);
    let r = wxg(&["simulate", "text", "hi", "--url", &url]);
    assert_eq!(r.code, 0, "{}{}", r.out, r.err);
    assert!(r.out.contains("content    hi"), "{}", r.out);
    assert!(
        r.out.contains("safe"),
        "the sample has an aes-key: {}",
        r.out
    );
    let notes: Vec<_> = r.err.lines().collect();
    assert_eq!(notes.len(), 1, "{}", r.err);
    assert!(
        notes[0].starts_with("wx-gateway: note: ")
            && notes[0].contains("embedded sample.conf.json"),
        "{}",
        r.err
    );

    // menu-url takes the sample's AppID; the sample has no redirect-path, so the redirect is
    // still asked for.
    let r = wxg(&["menu-url", "--state", "s1"]);
    assert_eq!(r.code, 2, "{}", r.err);
    assert!(r.err.contains("--redirect"), "{}", r.err);
    let r = wxg(&[
        "menu-url",
        "--state",
        "s1",
        "--redirect",
        "https://gw.example.com/oauth",
    ]);
    assert_eq!(r.code, 0, "{}", r.err);
    assert!(r.out.contains("appid=wx1234567890abcdef&"), "{}", r.out);
    drop(gw);

    // The README, verbatim: `wx-gateway serve` on the sample's 127.0.0.1:7080, then
    // `wx-gateway simulate text hi`. Only when the port is free on this machine.
    if std::net::TcpListener::bind("127.0.0.1:7080").is_ok() {
        let gw = Running::spawn(Command::new(BIN).arg("serve").env_remove("CONF_FILE"));
        let r = wxg(&["simulate", "text", "hi"]);
        assert_eq!(r.code, 0, "{}{}", r.out, r.err);
        assert!(
            r.out
                .starts_with("→ POST http://127.0.0.1:7080/wx safe text"),
            "{}",
            r.out
        );
        drop(gw);
    } else {
        eprintln!("127.0.0.1:7080 is taken: the verbatim quick start is not run");
    }
}

/// Issue 9: the gateway's flags go anywhere on the line; a push's own URL has its own flag; a
/// URL without a scheme is http://; a config on port 0 asks for --url.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn gateway_flags_go_anywhere_and_push_urls_have_their_own_names() {
    let be = backend(|_| Answer::json(r#"{"msg":"ok"}"#)).await;
    let gw = start(&one_service(&be.proxy_pass())).await;
    let bare = gw.url("/wx").trim_start_matches("http://").to_owned();

    let r = sim(&bare, &["text", "hi"]);
    assert_eq!(r.code, 0, "{}{}", r.out, r.err);
    assert_eq!(be.received().last().unwrap().body["Content"], "hi");

    // `--url` is the gateway's, even after `view`; the button's URL is --view-url.
    let r = sim(&gw.url("/wx"), &["view"]);
    assert_eq!(r.code, 0, "{}{}", r.out, r.err);
    let got = be.received().last().unwrap().clone();
    assert_eq!(got.path, "/hook/event/VIEW");
    assert_eq!(got.body["EventKey"], "https://example.com/");
    let r = sim(
        &gw.url("/wx"),
        &["view", "--view-url", "https://v.example.com/x"],
    );
    assert_eq!(r.code, 0, "{}", r.err);
    assert_eq!(
        be.received().last().unwrap().body["EventKey"],
        "https://v.example.com/x"
    );
    let r = sim(
        &gw.url("/wx"),
        &["link", "--link-url", "https://l.example.com/"],
    );
    assert_eq!(r.code, 0, "{}", r.err);
    assert_eq!(
        be.received().last().unwrap().body["Url"],
        "https://l.example.com/"
    );

    let dir = std::env::temp_dir().join(format!("wxg-sim-cli-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let cfg = dir.join("port0.json");
    std::fs::write(
        &cfg,
        r#"{"listen-port":0,"services":[{"wx-params":{"token":"t"},"listen-endpoints":{"service-path":"/cb"}}]}"#,
    )
    .unwrap();
    let r = wxg(&["simulate", "text", "hi", "--config", cfg.to_str().unwrap()]);
    assert_eq!(r.code, 2, "{}", r.err);
    assert!(
        r.err.contains("listen-port 0") && r.err.contains("--url 127.0.0.1:PORT/cb"),
        "{}",
        r.err
    );
    let r = wxg(&[
        "simulate",
        "text",
        "hi",
        "--token",
        "t",
        "--url",
        "ftp://x/wx",
    ]);
    assert_eq!(r.code, 2, "{}", r.err);
}

/// Issue 9: every push answer carries X-Request-Id and X-Wx-Gateway-Outcome; simulate shows
/// them, fails on a backend error unless allowed, and explains refusals with a hint.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_gateway_says_what_became_of_each_push_and_simulate_tells_the_truth() {
    let be = backend(|r| {
        if r.body["Content"] == "fail" {
            Answer {
                status: 500,
                ..Answer::json("oops")
            }
        } else {
            Answer::json(r#"{"msg":"ok"}"#)
        }
    })
    .await;
    let gw = start(&one_service(&be.proxy_pass())).await;
    let echo = start(&one_service("")).await;
    let headers = |res: &reqwest::Response| {
        let h = |n: &str| res.headers().get(n).map(|v| v.to_str().unwrap().to_owned());
        (h("x-wx-gateway-outcome"), h("x-request-id"))
    };
    let send = |gw: &Gateway, inner: String| {
        let (q, body) = safe_push(&inner);
        client().post(gw.url(&format!("/wx?{q}"))).body(body).send()
    };
    for (gw, content, msg_id, want) in [
        (&gw, "hi", 91, "forwarded"),
        (&gw, "hi", 91, "retry-deduplicated"),
        (&gw, "fail", 92, "backend-error"),
        (&echo, "hi", 93, "echo"),
    ] {
        let res = send(gw, text_xml(content, msg_id)).await.unwrap();
        let (outcome, id) = headers(&res);
        assert_eq!(outcome.as_deref(), Some(want));
        let id = id.expect("X-Request-Id");
        assert!(
            id.len() == 16 && id.bytes().all(|b| b.is_ascii_hexdigit()),
            "{id}"
        );
    }
    let res = client()
        .post(gw.url("/wx?signature=bad&timestamp=1&nonce=2"))
        .body(text_xml("x", 94))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 403);
    assert_eq!(headers(&res).0.as_deref(), Some("bad-signature"));
    assert!(headers(&res).1.is_some());

    // A backend failure is a failure, said once, with the request id to find the log line.
    let r = sim(&gw.url("/wx"), &["text", "fail"]);
    assert_eq!(r.code, 1, "{}{}", r.out, r.err);
    assert!(r.out.contains("backend-error"), "{}", r.out);
    assert_eq!(r.err.lines().count(), 1, "{}", r.err);
    assert!(
        r.err.starts_with(
            "wx-gateway: error: the gateway's backend did not take the push (request id "
        ),
        "{}",
        r.err
    );
    let r = sim(&gw.url("/wx"), &["text", "fail", "--allow-backend-error"]);
    assert_eq!(r.code, 0, "{}{}", r.out, r.err);
    let r = sim(&gw.url("/wx"), &["text", "hi"]);
    assert!(r.out.contains("forwarded"), "{}", r.out);

    // Refusals: the gateway's reason and a hint.
    let wrong = |flag: &str, value: &str| {
        let mut all = vec!["simulate", "text", "x", "--url"];
        let url = gw.url("/wx");
        let mut flags = vec![
            ("--token", TOKEN),
            ("--aes-key", AES_KEY),
            ("--app-id", APP_ID),
        ];
        for f in &mut flags {
            if f.0 == flag {
                f.1 = value;
            }
        }
        let mut owned: Vec<String> = vec![url];
        for (k, v) in flags {
            owned.push(k.into());
            owned.push(v.into());
        }
        all.extend(owned.iter().map(String::as_str));
        wxg(&all)
    };
    let r = wrong("--token", "wrongtoken");
    assert_eq!(r.code, 1);
    assert_eq!(
        r.err,
        "wx-gateway: error: 403 signature mismatch (hint: --token differs from the gateway's)\n"
    );
    let r = wrong("--aes-key", "ZYXWVUTSRQPONMLKJIHGFEDCBA9876543210zyxwvut");
    assert_eq!(r.code, 1);
    assert!(
        r.err.starts_with("wx-gateway: error: 400 ")
            && r.err
                .ends_with("(hint: --aes-key differs from the gateway's)\n"),
        "{}",
        r.err
    );
    let r = wrong("--app-id", "wxANOTHERACCOUNT");
    assert_eq!(r.code, 1);
    assert!(
        r.err.starts_with("wx-gateway: error: 403 appid mismatch")
            && r.err.contains("(hint: --app-id differs"),
        "{}",
        r.err
    );
}

/// Issue 9: --dry-run never sends (with --count too); raw FILE is judged against its own
/// addresses; failures print once; a timeout says so; bad flag values are usage errors.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn dry_runs_raw_files_timeouts_and_bad_values() {
    let be = backend(|r| {
        if r.body["Content"] == "slow" {
            Answer::slow(r#"{"msg":"late"}"#, 3000)
        } else {
            Answer::json(r#"{"msg":"ok"}"#)
        }
    })
    .await;
    let gw = start(&one_service(&be.proxy_pass())).await;
    let url = gw.url("/wx");

    let r = sim(&url, &["text", "hi", "--count", "5", "--dry-run"]);
    assert_eq!(r.code, 0, "{}", r.err);
    assert_eq!(r.out.lines().count(), 1, "{}", r.out);
    assert!(r.out.starts_with("curl -sS -X POST "), "{}", r.out);
    let r = sim(&url, &["text", "hi", "--count", "5", "--dry-run", "--json"]);
    assert_eq!(r.code, 0, "{}", r.err);
    let v = json_of(&r);
    assert_eq!(
        (v["dry_run"].as_bool(), v["count"].as_u64()),
        (Some(true), Some(5))
    );
    assert_eq!(v["request"]["method"], "POST");
    assert!(v["request"]["body"].as_str().unwrap().contains("<Encrypt>"));
    assert!(be.received().is_empty(), "a dry run sent something");

    // raw: the reply is judged against the file's own FromUserName and ToUserName.
    let raw = "<xml><ToUserName>gh_raw</ToUserName><FromUserName>oRAWUSER</FromUserName><CreateTime>1</CreateTime><MsgType>text</MsgType><Content>raw</Content><MsgId>5</MsgId></xml>";
    let echo = start(&one_service("")).await;
    let echo_url = echo.url("/wx");
    let r = tokio::task::block_in_place(|| {
        wxg_with(
            &[
                "simulate",
                "raw",
                "-",
                "--url",
                &echo_url,
                "--token",
                TOKEN,
                "--aes-key",
                AES_KEY,
                "--app-id",
                APP_ID,
            ],
            &[],
            Some(raw),
        )
    });
    assert_eq!(r.code, 0, "{}{}", r.out, r.err);
    assert!(r.out.contains("content    raw"), "{}", r.out);

    // A failure prints once: facts on stdout, the verdict on stderr.
    let r = sim(&url, &["text", "hi", "--expect-text", "^nope$"]);
    assert_eq!(r.code, 1);
    assert!(!r.out.contains('✗') && !r.out.contains("nope"), "{}", r.out);
    assert_eq!(r.err.lines().count(), 1, "{}", r.err);
    assert!(r.err.contains("does not match /^nope$/"), "{}", r.err);

    // No answer within --timeout: said as such.
    let r = sim(&url, &["text", "slow", "--timeout", "1"]);
    assert_eq!(r.code, 1, "{}", r.out);
    assert!(
        r.err.contains("no answer within --timeout 1 s") && !r.err.contains("could not reach"),
        "{}",
        r.err
    );

    for (bad, says) in [
        (&["--expect-type", "bogus"][..], "--expect-type"),
        (&["--count", "0"], "--count"),
        (&["--concurrency", "0"], "--concurrency"),
        (&["--timeout", "0"], "--timeout"),
        (&["--retries", "1", "--count", "2"], "cannot be used with"),
    ] {
        let mut all = vec!["text", "hi"];
        all.extend_from_slice(bad);
        let r = sim(&url, &all);
        assert_eq!(r.code, 2, "{bad:?}: {}", r.err);
        assert!(
            r.err.starts_with("wx-gateway: error: ") && r.err.contains(says),
            "{bad:?}: {}",
            r.err
        );
    }
}

/// Issue 9: a closed stdout (`| head -1`, `| grep -q`) never panics: output stops quietly and
/// the exit code is the command's own.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_closed_stdout_pipe_is_quiet() {
    let gw = start(&one_service("")).await;
    let url = gw.url("/wx");
    let closed = |extra: &[&str]| {
        let mut cmd = Command::new(BIN);
        cmd.args(["simulate", "--url", &url, "--token", TOKEN])
            .args(["--aes-key", AES_KEY, "--app-id", APP_ID])
            .args(extra)
            .env_remove("CONF_FILE")
            .stdout(Stdio::piped())
            .stderr(Stdio::piped());
        tokio::task::block_in_place(|| {
            let mut child = cmd.spawn().unwrap();
            // The reader goes away before the first line is written.
            drop(child.stdout.take());
            let out = child.wait_with_output().unwrap();
            (
                out.status.code(),
                String::from_utf8_lossy(&out.stderr).into_owned(),
            )
        })
    };
    for (extra, want) in [
        (&["-v", "text", "hi"][..], 0),
        (&["text", "hi", "--count", "20"], 0),
        (&["--json", "text", "hi"], 0),
        (&["text", "hi", "--expect-type", "image"], 1),
        (&["--json", "text", "hi", "--count", "0"], 2),
    ] {
        let (code, err) = closed(extra);
        assert_eq!(code, Some(want), "{extra:?}: {err}");
        assert!(!err.contains("panicked"), "{extra:?}: {err}");
    }
    // As a shell script runs it.
    let script = format!(
        "set -o pipefail; '{BIN}' simulate -v text hi --url '{url}' --token {TOKEN} --aes-key {AES_KEY} --app-id {APP_ID} | head -1"
    );
    let r = tokio::task::block_in_place(|| {
        Command::new("bash")
            .args(["-c", &script])
            .env_remove("CONF_FILE")
            .output()
            .unwrap()
    });
    assert_eq!(
        r.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&r.stderr)
    );
    assert!(String::from_utf8_lossy(&r.stdout).starts_with("→ POST"));
}

/// Issue 9: `--color always` colours a pipe and beats NO_COLOR; clap's errors and help follow
/// --color too, in the same `wx-gateway: error:` format as ours.
#[test]
fn color_always_beats_pipes_and_no_color_and_clap_follows_it() {
    let esc = |s: &str| s.contains("\u{1b}[");
    let unreachable = |color: &str, envs: &[(&str, &str)]| {
        wxg_with(
            &[
                "simulate",
                "--color",
                color,
                "--url",
                "127.0.0.1:9/wx",
                "--token",
                "t",
                "text",
                "hi",
            ],
            envs,
            None,
        )
    };
    let r = unreachable("always", &[("NO_COLOR", "1")]);
    assert_eq!(r.code, 1, "{}", r.err);
    assert!(esc(&r.out) && esc(&r.err), "{:?} {:?}", r.out, r.err);
    assert!(r.err.starts_with("wx-gateway: "), "{:?}", r.err);
    for r in [unreachable("never", &[]), unreachable("auto", &[])] {
        assert!(!esc(&r.out) && !esc(&r.err), "{:?} {:?}", r.out, r.err);
        assert!(
            r.err.starts_with(
                "wx-gateway: error: could not reach the gateway at http://127.0.0.1:9/wx"
            ),
            "{}",
            r.err
        );
    }

    // clap's own error, in our format, coloured only when asked.
    let r = wxg_with(
        &["simulate", "--color=always", "--count", "0", "text", "hi"],
        &[("NO_COLOR", "1")],
        None,
    );
    assert_eq!(r.code, 2);
    assert!(
        r.err.starts_with("wx-gateway: ") && esc(&r.err),
        "{:?}",
        r.err
    );
    let r = wxg_with(
        &["simulate", "--color", "never", "--count", "0", "text", "hi"],
        &[],
        None,
    );
    assert_eq!(r.code, 2);
    assert!(
        r.err
            .starts_with("wx-gateway: error: invalid value '0' for '--count <N>'")
            && !esc(&r.err),
        "{:?}",
        r.err
    );
    let r = wxg_with(&["simulate", "--color", "always", "--help"], &[], None);
    assert_eq!(r.code, 0);
    assert!(esc(&r.out), "{}", r.out);
    let r = wxg_with(&["simulate", "--help"], &[], None);
    assert!(!esc(&r.out), "{}", r.out);
}

/// Issue 9: -v prints the signed request and the reply's full decrypted XML.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn verbose_shows_the_signed_request_and_the_reply_xml() {
    let gw = start(&one_service("")).await;
    let r = sim(&gw.url("/wx"), &["-v", "text", "hi"]);
    assert_eq!(r.code, 0, "{}", r.err);
    assert!(r.out.contains("&msg_signature="), "{}", r.out);
    assert!(r.out.contains("Content-Type: text/xml"), "{}", r.out);
    assert!(r.out.contains("<Encrypt><![CDATA["), "{}", r.out);
    assert!(
        r.out.contains("<Content><![CDATA[hi]]></Content>"),
        "{}",
        r.out
    );
    let r = sim(&gw.url("/wx"), &["text", "hi"]);
    assert!(!r.out.contains("<Content>"), "{}", r.out);
}

/// The README's JSON examples of section "Output for machines (--json)", by shape.
fn documented_shapes() -> std::collections::HashMap<&'static str, Value> {
    let readme = include_str!("../../README.md");
    let start = readme
        .find("## Output for machines (--json)")
        .expect("README section");
    let section = &readme[start..];
    let section = &section[..section[3..].find("\n## ").map_or(section.len(), |i| i + 3)];
    let mut shapes = std::collections::HashMap::new();
    for block in section.split("```json\n").skip(1) {
        let text = &block[..block.find("```").expect("closed block")];
        let v: Value = serde_json::from_str(text)
            .unwrap_or_else(|e| panic!("README example is not JSON ({e}):\n{text}"));
        let has = |k: &str| v.get(k).is_some();
        let shape = if has("matched") {
            continue; // `spool replay`'s shape
        } else if has("dry_run") {
            "dry-run"
        } else if has("tries") {
            "retries"
        } else if has("count") && has("latency_ms") {
            "count"
        } else if has("result") {
            "exchange"
        } else if v.as_object().is_some_and(|o| o.len() == 2) && has("error") {
            "error"
        } else {
            continue; // another command's shape
        };
        assert!(shapes.insert(shape, v).is_none(), "two {shape} examples");
    }
    shapes
}

/// Keys whose value may be null although the README's example shows a value.
const NULLABLE: &[&str] = &[
    "status",
    "request_id",
    "outcome",
    "reason",
    "reply",
    "reply_xml",
    "body",
    "hint",
    "content",
    "media_id",
    "title",
    "kf_account",
    "first_problem",
];
/// Objects keyed by data (a status, an outcome, a header name), not by schema.
const MAPS: &[&str] = &["statuses", "outcomes", "headers"];

/// Whether `actual` has the example's shape: the same keys, the same types.
fn conforms(actual: &Value, example: &Value, key: &str, path: &str) -> Result<(), String> {
    let fail = |why: &str| Err(format!("{path}: {why}: {actual} vs the README's {example}"));
    match (example, actual) {
        (_, Value::Null) if example.is_null() || NULLABLE.contains(&key) => Ok(()),
        (Value::Null, Value::String(_)) => Ok(()),
        (Value::Object(e), Value::Object(a)) if MAPS.contains(&key) => {
            let Some(first) = e.values().next() else {
                return Ok(());
            };
            a.iter()
                .try_for_each(|(k, v)| conforms(v, first, "", &format!("{path}.{k}")))
        }
        (Value::Object(e), Value::Object(a)) => {
            let (ek, ak): (Vec<_>, Vec<_>) = (e.keys().collect(), a.keys().collect());
            if ek != ak {
                return fail(&format!("keys {ak:?}, documented {ek:?}"));
            }
            e.iter()
                .try_for_each(|(k, ev)| conforms(&a[k], ev, k, &format!("{path}.{k}")))
        }
        (Value::Array(e), Value::Array(a)) => match e.first() {
            Some(first) => a
                .iter()
                .enumerate()
                .try_for_each(|(i, v)| conforms(v, first, key, &format!("{path}[{i}]"))),
            None => Ok(()),
        },
        (Value::Number(_), Value::Number(_))
        | (Value::String(_), Value::String(_))
        | (Value::Bool(_), Value::Bool(_)) => Ok(()),
        _ => fail("another type"),
    }
}

/// Checks one output against its documented shape; a failure adds `error`, which must have the
/// documented error's shape.
fn check(shapes: &std::collections::HashMap<&str, Value>, shape: &str, r: &Ran) -> Value {
    let mut v = json_of(r);
    let ok = v["ok"].as_bool().expect("ok is a bool");
    let error = v.as_object_mut().unwrap().remove("error");
    assert_eq!(error.is_some(), !ok, "error iff not ok: {}", r.out);
    let result = match (shape, &error) {
        ("error", Some(e)) => conforms(e, &shapes["error"]["error"], "error", "error"),
        (_, e) => {
            let mut r = conforms(&v, &shapes[shape], "", shape);
            if let (Ok(()), Some(e)) = (&r, e) {
                r = conforms(e, &shapes["error"]["error"], "error", "error");
            }
            r
        }
    };
    result.unwrap_or_else(|e| panic!("{e}\nthe output: {}", r.out));
    if let Some(e) = error {
        v["error"] = e;
    }
    v
}

/// Issue 9: every JSON shape of simulate follows the README's examples; latencies in ms with
/// two decimals; errors as JSON on stdout with the exit code unchanged; news keeps its URLs.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn json_output_follows_the_documented_shapes() {
    let shapes = documented_shapes();
    for s in ["exchange", "retries", "count", "dry-run", "error"] {
        assert!(shapes.contains_key(s), "no README example of {s}");
    }
    let be = backend(|r| match r.body["Content"].as_str() {
        Some("news") => Answer::json(
            r#"{"type":"news","articles":[{"title":"T","description":"D","pic_url":"https://example.com/p.jpg","url":"https://example.com/a"}]}"#,
        ),
        Some("fail") => Answer {
            status: 500,
            ..Answer::json("")
        },
        _ => Answer::json(r#"{"msg":"hi"}"#),
    })
    .await;
    let gw = start(&one_service(&be.proxy_pass())).await;
    let url = gw.url("/wx");
    let two_decimals = |x: &Value| {
        let f = x.as_f64().unwrap();
        assert!(((f * 100.0).round() - f * 100.0).abs() < 1e-6, "{f}");
    };

    let r = sim(&url, &["--json", "text", "news"]);
    assert_eq!(r.code, 0, "{}", r.err);
    let v = check(&shapes, "exchange", &r);
    assert_eq!(v["result"]["outcome"], "forwarded");
    assert_eq!(
        v["result"]["reply"]["articles"][0]["url"],
        "https://example.com/a"
    );
    two_decimals(&v["result"]["latency_ms"]);

    let r = sim(&url, &["verify", "--json"]);
    assert_eq!(r.code, 0, "{}", r.err);
    let v = check(&shapes, "exchange", &r);
    assert_eq!(
        (v["push"].as_str(), v["request"]["method"].as_str()),
        (Some("verify"), Some("GET"))
    );

    let r = sim(
        &url,
        &[
            "text",
            "again",
            "--json",
            "--retries",
            "1",
            "--msg-id",
            "4242",
        ],
    );
    assert_eq!(r.code, 0, "{}", r.err);
    let v = check(&shapes, "retries", &r);
    assert_eq!(v["tries"][1]["outcome"], "retry-deduplicated");

    let r = sim(
        &url,
        &[
            "text",
            "load",
            "--json",
            "--count",
            "5",
            "--concurrency",
            "2",
        ],
    );
    assert_eq!(r.code, 0, "{}", r.err);
    let v = check(&shapes, "count", &r);
    assert_eq!(v["outcomes"]["forwarded"], 5);
    for p in ["min", "p50", "p90", "p99", "max"] {
        two_decimals(&v["latency_ms"][p]);
    }

    let r = sim(&url, &["text", "hi", "--json", "--dry-run"]);
    assert_eq!(r.code, 0, "{}", r.err);
    check(&shapes, "dry-run", &r);

    // Failures: the same shapes with `error`, printed once (nothing on stderr), exit unchanged.
    let r = sim(&url, &["text", "fail", "--json"]);
    assert_eq!((r.code, r.err.as_str()), (1, ""));
    let v = check(&shapes, "exchange", &r);
    assert_eq!(v["error"]["kind"], "backend-error");
    let r = sim(&url, &["text", "fail", "--json", "--count", "3"]);
    assert_eq!((r.code, r.err.as_str()), (1, ""));
    let v = check(&shapes, "count", &r);
    assert_eq!(
        (v["failed"].as_u64(), v["error"]["kind"].as_str()),
        (Some(3), Some("backend-error"))
    );
    let r = wxg(&[
        "simulate", "text", "x", "--json", "--url", &url, "--token", "wrong",
    ]);
    assert_eq!(r.code, 1);
    let v = check(&shapes, "exchange", &r);
    assert_eq!(v["error"]["hint"], "--token differs from the gateway's");
    let r = sim(&url, &["text", "x", "--json", "--count", "0"]);
    assert_eq!((r.code, r.err.as_str()), (2, ""));
    let v = check(&shapes, "error", &r);
    assert_eq!(v["error"]["kind"], "usage");
    let r = wxg(&[
        "simulate",
        "--json",
        "--config",
        "/nonexistent/wxg.json",
        "text",
        "x",
    ]);
    assert_eq!((r.code, r.err.as_str()), (2, ""));
    check(&shapes, "error", &r);
    let r = wxg(&[
        "simulate",
        "--json",
        "--url",
        "127.0.0.1:9/wx",
        "--token",
        "t",
        "text",
        "x",
    ]);
    assert_eq!(r.code, 1);
    let v = check(&shapes, "exchange", &r);
    assert_eq!(v["error"]["kind"], "unreachable");
}

/// The other commands on a closed pipe: output stops quietly, no panic, their own exit code.
#[test]
fn other_commands_are_quiet_on_a_closed_pipe() {
    let closed = |args: &[&str], stdin: &str| {
        let mut child = Command::new(BIN)
            .args(args)
            .env_remove("CONF_FILE")
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        drop(child.stdout.take());
        let mut input = child.stdin.take().unwrap();
        let _ = input.write_all(stdin.as_bytes());
        drop(input);
        let out = child.wait_with_output().unwrap();
        (
            out.status.code(),
            String::from_utf8_lossy(&out.stderr).into_owned(),
        )
    };
    let menu = r#"[{"name":"Shop","state":"shop"}]"#;
    for (args, stdin) in [
        (
            &[
                "menu-url",
                "--state",
                "s",
                "--redirect",
                "https://wx.example.com/r",
                "--app-id",
                "wx1",
            ][..],
            "",
        ),
        (
            &[
                "menu-url",
                "--menu",
                "-",
                "--redirect",
                "https://wx.example.com/r",
                "--app-id",
                "wx1",
            ],
            menu,
        ),
        (&["serve", "--check"], ""),
        (&["completions", "bash"], ""),
        (&["init", "-"], ""),
    ] {
        let (code, err) = closed(args, stdin);
        assert_eq!(code, Some(0), "{args:?}: {err}");
        assert!(!err.contains("panicked"), "{args:?}: {err}");
    }
}
