//! `wx-gateway spool …`: spools written with the library's `Store` in a temporary directory,
//! then the real binary lists, shows, replays, drops and counts them; exit codes, the README's
//! JSON shapes, escaped untrusted text, and the CLI beside another open connection.

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::Duration;

use serde_json::Value;
use wx_gateway::clock::unix_millis;
use wx_gateway::state::spool::{Filter, NewEntry, Store};

use crate::binary::{BIN, run};

const HOUR: i64 = 3_600_000;
const DAY: i64 = 24 * HOUR;

/// A fresh directory of this test, removed when dropped.
struct TempDir(PathBuf);

impl TempDir {
    fn new(name: &str) -> TempDir {
        let dir = std::env::temp_dir().join(format!("wxg-spool-cli-{}-{name}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).unwrap();
        TempDir(dir)
    }

    fn spool(&self) -> PathBuf {
        self.0.join("spool")
    }

    fn dir_arg(&self) -> String {
        self.spool().to_str().unwrap().to_owned()
    }
}

impl Drop for TempDir {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

/// A 32-hex id: `prefix` then `n`.
fn id(prefix: &str, n: u32) -> String {
    format!("{prefix}{n:0width$x}", width = 32 - prefix.len())
}

fn push(id: &str, service: &str, first_seen: i64) -> NewEntry {
    NewEntry {
        id: id.to_owned(),
        service: service.to_owned(),
        route: "msg/text".to_owned(),
        body:
            r#"{"ToUserName":"gh_test","FromUserName":"oUSER","MsgType":"text","Content":"hello"}"#
                .to_owned(),
        request_id: "5f3a9c0100000007".to_owned(),
        open_id: "oUSER".to_owned(),
        create_time: Some(first_seen / 1000),
        first_seen,
        attempts: 3,
        // Ten days from now: shown as `in 9d23h`.
        next_at: unix_millis() + 10 * DAY,
        last_error: Some("HTTP 502 from the backend".to_owned()),
        ..NewEntry::default()
    }
}

/// Spools `queued` (queued now) and `dead` (queued long ago, then expired).
fn spool_with(dir: &Path, queued: &[NewEntry], dead: &[NewEntry]) -> Store {
    let mut s = Store::open(dir).unwrap();
    let now = unix_millis();
    s.insert(dead, now - 30 * DAY).unwrap();
    s.expire(now, Duration::from_secs(86_400), 10_000).unwrap();
    s.insert(queued, now).unwrap();
    s
}

/// Runs the binary with `--dir` first and `--color never`.
fn spool(dir: &str, args: &[&str]) -> (i32, String, String) {
    let mut all = vec!["spool", "--dir", dir, "--color", "never"];
    all.extend_from_slice(args);
    run(&all)
}

fn json(out: &str) -> Value {
    assert_eq!(
        out.lines().count(),
        1,
        "one JSON document on one line: {out}"
    );
    serde_json::from_str(out).unwrap_or_else(|e| panic!("{e}: {out}"))
}

/// The README's JSON examples of `### spool` in "Output for machines", in order: list, show,
/// replay, drop, stats, pause.
fn readme_shapes() -> Vec<Value> {
    let readme = include_str!("../../README.md");
    let out = readme
        .find("\n## Output for machines")
        .expect("README section");
    let start = out
        + readme[out..]
            .find("\n### spool")
            .expect("README spool shapes");
    let section = &readme[start + 1..];
    let section = &section[..section[3..].find("\n##").map_or(section.len(), |i| i + 3)];
    section
        .split("```json\n")
        .skip(1)
        .map(|block| serde_json::from_str(block.split("```").next().unwrap()).unwrap())
        .collect()
}

/// Same keys in the same order, recursively (the first element of arrays too), and the same
/// JSON types where neither is null.
fn assert_shape(documented: &Value, actual: &Value, at: &str) {
    match (documented, actual) {
        // A null on either side stands for "a value or null" (`service`, `last_error`, …).
        (Value::Null, _) | (_, Value::Null) => {}
        // A push's own fields: they differ from push to push.
        (Value::Object(_), Value::Object(_)) if at.ends_with(".body") => {}
        (Value::Object(d), Value::Object(a)) => {
            let dk: Vec<&String> = d.keys().collect();
            let ak: Vec<&String> = a.keys().collect();
            assert_eq!(dk, ak, "{at}: keys differ from the README's");
            for (k, v) in d {
                assert_shape(v, &a[k], &format!("{at}.{k}"));
            }
        }
        (Value::Array(d), Value::Array(a)) => {
            if let (Some(d), Some(a)) = (d.first(), a.first()) {
                assert_shape(d, a, &format!("{at}[0]"));
            }
        }
        (d, a) => assert_eq!(
            std::mem::discriminant(d),
            std::mem::discriminant(a),
            "{at}: README has {d}, the command printed {a}"
        ),
    }
}

#[test]
fn spool_list_show_and_stats_in_text_and_json() {
    let t = TempDir::new("list");
    let now = unix_millis();
    let (a, b, c, d) = (id("a1", 1), id("b2", 2), id("c3", 3), id("d4", 4));
    let _s = spool_with(
        &t.spool(),
        &[
            push(&a, "main", now - 2 * HOUR),
            push(&b, "shop", now - HOUR),
        ],
        &[
            push(&c, "main", now - 31 * DAY),
            push(&d, "shop", now - 31 * DAY),
        ],
    );
    let dir = t.dir_arg();

    let (code, out, err) = spool(&dir, &["list"]);
    assert_eq!(code, 0, "{err}");
    let lines: Vec<&str> = out.lines().collect();
    assert_eq!(lines.len(), 3, "{out}");
    for col in [
        "ID",
        "SERVICE",
        "ROUTE",
        "ATTEMPTS",
        "AGE",
        "NEXT",
        "LAST ERROR",
    ] {
        assert!(lines[0].contains(col), "{out}");
    }
    // Oldest first, full ids, and what the operator needs on one line.
    assert!(
        lines[1].starts_with(&a) && lines[2].starts_with(&b),
        "{out}"
    );
    for want in [
        "main",
        "msg/text",
        "2h",
        "in 9d23h",
        "HTTP 502 from the backend",
    ] {
        assert!(lines[1].contains(want), "{want}: {out}");
    }
    assert!(err.is_empty(), "{err}");

    let (code, out, _) = spool(&dir, &["list", "--service", "shop"]);
    assert_eq!(code, 0);
    assert_eq!(out.lines().count(), 2, "{out}");
    assert!(out.contains(&b) && !out.contains(&a), "{out}");

    let (code, out, _) = spool(&dir, &["list", "--dead"]);
    assert_eq!(code, 0);
    let header = out.lines().next().unwrap();
    assert!(
        header.contains("DEAD SINCE") && header.contains("REASON"),
        "{out}"
    );
    assert!(
        out.contains(&c) && out.contains(&d) && !out.contains(&a),
        "{out}"
    );
    assert!(out.contains("31d"), "{out}");
    // Why each is dead: these expired.
    assert!(
        out.lines().skip(1).all(|l| l.contains(" max-age ")),
        "{out}"
    );

    let shapes = readme_shapes();
    assert_eq!(shapes.len(), 6, "{shapes:?}");
    let (code, out, _) = spool(&dir, &["list", "--dead", "--service", "main", "--json"]);
    assert_eq!(code, 0);
    let v = json(&out);
    assert_shape(&shapes[0], &v, "list");
    assert_eq!(
        (v["total"].as_u64(), v["truncated"].as_bool()),
        (Some(1), Some(false))
    );
    assert_eq!(v["entries"][0]["id"], c.as_str());
    assert_eq!(v["entries"][0]["state"], "dead");
    assert!(v["entries"][0]["next_at_ms"].is_null());

    // A full id, or a unique prefix of 6 characters.
    for key in [a.as_str(), &a[..6]] {
        let (code, out, err) = spool(&dir, &["show", key]);
        assert_eq!(code, 0, "{err}");
        for want in [
            a.as_str(),
            "main",
            "queued, next attempt in 9d23h",
            "first seen",
            "5f3a9c0100000007",
            "oUSER",
            "HTTP 502 from the backend",
            "\"Content\": \"hello\"",
        ] {
            assert!(out.contains(want), "{want}: {out}");
        }
        assert!(out.contains(" UTC ("), "{out}");
    }
    let (code, out, _) = spool(&dir, &["show", &c[..8], "--json"]);
    assert_eq!(code, 0);
    let v = json(&out);
    assert_shape(&shapes[1], &v, "show");
    assert_eq!(v["entry"]["body"]["Content"], "hello");
    assert_eq!(v["entry"]["state"], "dead");
    assert!(v["entry"]["age_s"].as_u64().unwrap() >= 31 * 86_400);

    let (code, out, _) = spool(&dir, &["stats"]);
    assert_eq!(code, 0);
    let lines: Vec<&str> = out.lines().collect();
    assert_eq!(lines.len(), 4, "{out}");
    let cells = |l: &str| l.split_whitespace().map(str::to_owned).collect::<Vec<_>>();
    assert_eq!(
        cells(lines[0]),
        [
            "SERVICE",
            "QUEUED",
            "OLDEST",
            "DEAD",
            "REPLAYING",
            "OVERDUE",
            "DELIVERY"
        ]
    );
    assert_eq!(cells(lines[1]), ["main", "1", "2h", "1", "0", "0", "-"]);
    assert_eq!(cells(lines[2]), ["shop", "1", "1h", "1", "0", "0", "-"]);
    assert_eq!(cells(lines[3]), ["total", "2", "2h", "2", "0", "0", "-"]);
    let (code, out, _) = spool(&dir, &["stats", "--json"]);
    assert_eq!(code, 0);
    let v = json(&out);
    assert_shape(&shapes[4], &v, "stats");
    assert_eq!(v["total"]["depth"], 2);
    assert_eq!(v["total"]["dead"], 2);
    assert_eq!(v["services"][1]["service"], "shop");
}

#[test]
fn spool_list_says_when_it_was_cut_at_the_limit() {
    let t = TempDir::new("limit");
    let now = unix_millis();
    let queued: Vec<NewEntry> = (0..5)
        .map(|i| push(&id("e5", i), "main", now - i64::from(5 - i) * 1000))
        .collect();
    let _s = spool_with(&t.spool(), &queued, &[]);
    let dir = t.dir_arg();
    let (code, out, err) = spool(&dir, &["list", "--limit", "2"]);
    assert_eq!(code, 0);
    assert_eq!(out.lines().count(), 3, "{out}");
    assert!(
        out.contains(&id("e5", 0)) && !out.contains(&id("e5", 2)),
        "{out}"
    );
    assert!(err.contains("the oldest 2 of 5 queued pushes"), "{err}");
    let (code, out, _) = spool(&dir, &["list", "--limit", "2", "--json"]);
    assert_eq!(code, 0);
    let v = json(&out);
    assert_eq!(v["entries"].as_array().unwrap().len(), 2);
    assert_eq!(
        (v["total"].as_u64(), v["limit"].as_u64()),
        (Some(5), Some(2))
    );
    assert_eq!(v["truncated"], true);
    let (code, _, err) = spool(&dir, &["list", "--limit", "0"]);
    assert_eq!(code, 2, "{err}");
}

#[test]
fn spool_ids_short_ambiguous_or_unknown() {
    let t = TempDir::new("ids");
    let now = unix_millis();
    let _s = spool_with(
        &t.spool(),
        &[
            push(&id("abcdef", 1), "main", now),
            push(&id("abcdef", 2), "main", now),
        ],
        &[],
    );
    let dir = t.dir_arg();
    let (code, _, err) = spool(&dir, &["show", "abcdef"]);
    assert_eq!(code, 1);
    assert!(err.contains("matches 2 pushes"), "{err}");
    let (code, out, _) = spool(&dir, &["replay", "abcdef", "--json"]);
    assert_eq!(code, 1);
    assert_eq!(json(&out)["error"]["kind"], "ambiguous");
    let (code, _, err) = spool(&dir, &["show", "abc"]);
    assert_eq!(
        code, 2,
        "a prefix under 6 characters is a usage error: {err}"
    );
    for action in ["show", "replay", "drop"] {
        let (code, _, err) = spool(&dir, &[action, "ffffff"]);
        assert_eq!(code, 1, "{action}: {err}");
        assert!(
            err.contains("no spooled push has the id \"ffffff\""),
            "{err}"
        );
        let (code, out, err) = spool(&dir, &[action, "ffffff", "--json"]);
        assert_eq!(code, 1);
        assert!(err.is_empty(), "{err}");
        let v = json(&out);
        assert_eq!(v["ok"], false);
        assert_eq!(v["error"]["kind"], "not-found");
    }
}

/// The CLI only changes the queue, and a connection open in another process (here: this test's
/// `Store`, as `serve` would hold it) sees the change.
#[test]
fn spool_replay_requeues_and_another_connection_sees_it() {
    let t = TempDir::new("replay");
    let now = unix_millis();
    let dead: Vec<NewEntry> = [("main", 1), ("main", 2), ("shop", 3)]
        .iter()
        .map(|(s, n)| push(&id("d0", *n), s, now - 31 * DAY))
        .collect();
    let queued = push(&id("c0", 9), "main", now);
    let s = spool_with(&t.spool(), std::slice::from_ref(&queued), &dead);
    let dir = t.dir_arg();

    let (code, out, err) = spool(&dir, &["replay", "--all", "--dead", "--service", "main"]);
    assert_eq!(code, 0, "{err}");
    assert_eq!(
        out.lines().collect::<Vec<_>>(),
        [
            "2 dead letters of service main match",
            "requeued 2 dead letters of service main: due now, redelivered at spool.drain-rate"
        ]
    );
    let after = unix_millis();
    for n in [1, 2] {
        let e = s.get(&id("d0", n)).unwrap();
        assert_eq!(e.dead_at, None);
        // Due now; the max-age clock starts again.
        assert!((now..=after).contains(&e.new.next_at), "{e:?}");
        assert_eq!(e.queued_at, e.new.next_at);
    }
    assert!(s.get(&id("d0", 3)).unwrap().dead_at.is_some());

    // One push by id: a queued one skips its backoff.
    let (code, out, _) = spool(&dir, &["replay", &queued.id[..10]]);
    assert_eq!(code, 0);
    assert!(
        out.contains("is due now") && out.contains(&queued.id),
        "{out}"
    );
    assert!(s.get(&queued.id).unwrap().new.next_at <= unix_millis());

    let (code, out, _) = spool(&dir, &["replay", "--all", "--dead", "--json"]);
    assert_eq!(code, 0);
    let v = json(&out);
    assert_shape(&readme_shapes()[2], &v, "replay");
    assert_eq!(
        (v["replayed"].as_u64(), v["dead"].as_bool()),
        (Some(1), Some(true))
    );
    let dead_filter = Filter {
        dead: true,
        ..Filter::default()
    };
    assert_eq!(s.count(&dead_filter, unix_millis()).unwrap(), 0);

    let (code, out, _) = spool(&dir, &["replay", "--all", "--dead"]);
    assert_eq!(code, 0);
    assert_eq!(out.trim(), "no dead letters: nothing changed");
    for bad in [
        &["replay"][..],
        &["replay", "--service", "main"],
        &["replay", "--all", "abcdef"],
        &["replay", "--dead", "abcdef"],
        &["replay", "abcdef", "--since", "2h"],
        &["replay", "abcdef", "--dry-run"],
    ] {
        let (code, _, err) = spool(&dir, bad);
        assert_eq!(code, 2, "{bad:?}: {err}");
    }
}

#[test]
fn spool_drop_never_empties_the_queue_in_bulk() {
    let t = TempDir::new("drop");
    let now = unix_millis();
    let old = |n: u32, service: &str| push(&id("0d", n), service, now - 40 * DAY);
    let young = |n: u32, service: &str| push(&id("1d", n), service, now - 2 * DAY);
    let mut s = Store::open(&t.spool()).unwrap();
    // Dead letters first seen 40 and 2 days ago.
    s.insert(&[old(1, "main"), old(2, "shop")], now - 40 * DAY)
        .unwrap();
    s.insert(&[young(3, "main"), young(4, "main")], now - 2 * DAY)
        .unwrap();
    s.expire(now, Duration::from_secs(86_400), 10_000).unwrap();
    let queued = push(&id("9a", 5), "main", now);
    s.insert(std::slice::from_ref(&queued), now).unwrap();
    let dir = t.dir_arg();

    for bad in [
        &["drop"][..],
        &["drop", "--service", "main"],
        &["drop", "--older-than", "7d"],
        &["drop", "--dead", "--older-than", "7"],
        &["drop", "--dead", "--older-than", "soon"],
        &["drop", "--dead", &queued.id],
    ] {
        let (code, _, err) = spool(&dir, bad);
        assert_eq!(code, 2, "{bad:?}: {err}");
    }
    let (code, _, err) = spool(&dir, &["drop"]);
    assert_eq!(code, 2);
    assert!(err.contains("the queue is never dropped in bulk"), "{err}");
    let (code, out, _) = spool(&dir, &["drop", "--json"]);
    assert_eq!(code, 2);
    assert_eq!(json(&out)["error"]["kind"], "usage");
    assert_eq!(
        s.count(&Filter::default(), now).unwrap(),
        1,
        "the queue is intact"
    );

    let (code, out, err) = spool(
        &dir,
        &["drop", "--dead", "--older-than", "7d", "--service", "main"],
    );
    assert_eq!(code, 0, "{err}");
    assert_eq!(
        out.trim(),
        "dropped 1 dead letter of service main first seen more than 7d ago"
    );
    assert!(s.get(&id("0d", 1)).is_err());
    assert!(s.get(&id("0d", 2)).is_ok() && s.get(&id("1d", 3)).is_ok());

    let (code, out, _) = spool(&dir, &["drop", "--dead", "--older-than", "36h", "--json"]);
    assert_eq!(code, 0);
    let v = json(&out);
    assert_shape(&readme_shapes()[3], &v, "drop");
    assert_eq!(v["dropped"], 3);
    assert_eq!(v["older_than_s"], 36 * 3600);

    // One queued push, by id.
    let (code, out, _) = spool(&dir, &["drop", &queued.id]);
    assert_eq!(code, 0);
    assert!(out.starts_with("dropped queued push "), "{out}");
    assert_eq!(s.count(&Filter::default(), now).unwrap(), 0);
    let (code, out, _) = spool(&dir, &["drop", "--dead"]);
    assert_eq!(code, 0);
    assert_eq!(out.trim(), "no dead letters: nothing dropped");
}

/// Runs the binary with extra environment.
fn run_env(args: &[&str], env: &[(&str, &str)]) -> (i32, String, String) {
    let out = Command::new(BIN)
        .args(args)
        .env_remove("CONF_FILE")
        .envs(env.iter().copied())
        .output()
        .unwrap();
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

#[test]
fn spool_missing_empty_or_not_configured() {
    let t = TempDir::new("config");
    let dir = t.dir_arg();
    // A directory without spool.db: empty, with a note.
    for args in [&["list"][..], &["list", "--dead"], &["stats"]] {
        let (code, out, err) = spool(&dir, args);
        assert_eq!(code, 0, "{args:?}: {err}");
        assert!(err.contains("wx-gateway: note: no spool in"), "{err}");
        if args[0] == "list" {
            assert!(out.is_empty(), "{out}");
        } else {
            assert!(out.contains("total"), "{out}");
        }
    }
    let (code, out, err) = spool(&dir, &["list", "--json"]);
    assert_eq!(code, 0);
    assert!(err.contains("note"), "{err}");
    let v = json(&out);
    assert_eq!(
        (v["total"].as_u64(), v["entries"].as_array().map(Vec::len)),
        (Some(0), Some(0))
    );
    for args in [
        &["show", "abcdef"][..],
        &["replay", "abcdef"],
        &["drop", "abcdef"],
    ] {
        let (code, _, err) = spool(&dir, args);
        assert_eq!(code, 1, "{args:?}: {err}");
        assert!(err.contains("no spooled push"), "{err}");
    }
    assert!(
        !t.spool().join("spool.db").exists(),
        "the CLI creates no spool"
    );

    // No spool anywhere: a usage error.
    let (code, _, err) = run(&["spool", "list"]);
    assert_eq!(code, 2);
    assert!(
        err.contains("no spool: give --dir DIR, or --config FILE"),
        "{err}"
    );
    let (code, out, _) = run(&["spool", "stats", "--json"]);
    assert_eq!(code, 2);
    assert_eq!(json(&out)["error"]["kind"], "usage");
    let service =
        r#"{"name":"main","wx-params":{"token":"t"},"listen-endpoints":{"service-path":"/wx"}}"#;
    let bare = t.0.join("bare.json");
    std::fs::write(&bare, format!(r#"{{"services":[{service}]}}"#)).unwrap();
    let (code, _, err) = run(&["spool", "--config", bare.to_str().unwrap(), "list"]);
    assert_eq!(code, 2);
    assert!(err.contains("has no spool"), "{err}");
    let (code, _, err) = run(&["spool", "--config", "/nonexistent/wxg.json", "list"]);
    assert_eq!(code, 2, "{err}");

    // The config's spool.dir, from --config or CONF_FILE; --dir overrides it.
    let now = unix_millis();
    let _s = spool_with(&t.spool(), &[push(&id("f0", 1), "main", now)], &[]);
    let conf = t.0.join("conf.json");
    std::fs::write(
        &conf,
        format!(r#"{{"spool":{{"dir":{dir:?}}},"services":[{service}]}}"#),
    )
    .unwrap();
    let conf = conf.to_str().unwrap();
    let (code, out, err) = run(&["spool", "list", "--config", conf]);
    assert_eq!(code, 0, "{err}");
    assert!(out.contains(&id("f0", 1)), "{out}");
    let (code, out, err) = run_env(&["spool", "stats", "--json"], &[("CONF_FILE", conf)]);
    assert_eq!(code, 0, "{err}");
    assert_eq!(json(&out)["total"]["depth"], 1);
    let elsewhere = t.0.join("elsewhere");
    let (code, out, err) = run(&[
        "spool",
        "list",
        "--config",
        conf,
        "--dir",
        elsewhere.to_str().unwrap(),
    ]);
    assert_eq!(code, 0, "{err}");
    assert!(out.is_empty() && err.contains("no spool in"), "{out}{err}");
}

/// What came from the network (the body, the route) or a backend (the last error) is shown
/// with its control characters escaped: no ANSI escape reaches the terminal.
#[test]
fn spool_untrusted_text_is_not_printed_raw() {
    let t = TempDir::new("ansi");
    let now = unix_millis();
    let content = "\u{1b}[2J\u{1b}]0;pwned\u{7}\u{9b}31mred";
    let mut p = push(&id("ee", 1), "main", now);
    p.body = serde_json::json!({ "Content": content }).to_string();
    p.route = "event/\u{1b}[31mclick".to_owned();
    p.last_error = Some("HTTP 500: \u{1b}[1mboom\r\nforged line".to_owned());
    // A body that is not JSON (a row changed by hand) is shown as it is, escaped too.
    let mut q = push(&id("ef", 2), "main", now);
    q.body = "not JSON \u{1b}[31m".to_owned();
    let _s = spool_with(&t.spool(), &[p, q], &[]);
    let dir = t.dir_arg();
    let short = &id("ee", 1)[..8];
    for args in [&["list"][..], &["show", short][..]] {
        let (code, out, err) = spool(&dir, args);
        assert_eq!(code, 0, "{err}");
        let raw = out.chars().find(|c| c.is_control() && *c != '\n');
        assert_eq!(raw, None, "{args:?}: {out:?}");
        assert!(out.contains("\\u{1b}[31mclick"), "{out}");
        assert!(out.contains("boom\\r\\nforged line"), "{out}");
    }
    // JSON escapes C0 (`\u001b`), the terminal filter the rest (`\u{9b}`, C1's CSI).
    let (_, out, _) = spool(&dir, &["show", short]);
    assert!(
        out.contains("\\u001b[2J") && out.contains("\\u{9b}31mred"),
        "{out}"
    );
    let (code, out, _) = spool(&dir, &["show", &id("ef", 2)[..8]]);
    assert_eq!(code, 0);
    assert!(out.contains("not JSON \\u{1b}[31m"), "{out}");
    assert!(!out.contains('\u{1b}'), "{out:?}");
    // JSON keeps the text as it was (escaped by JSON itself).
    let (_, out, _) = spool(&dir, &["show", short, "--json"]);
    let v = json(&out);
    assert_eq!(v["entry"]["body"]["Content"], content);
}

/// The CLI works while another process has the database open with a write transaction pending:
/// reads go on (WAL), a write waits for the other's commit (the busy timeout), and nothing is
/// locked out.
#[test]
fn spool_cli_works_beside_a_pending_write() {
    let t = TempDir::new("busy");
    let now = unix_millis();
    let dead = push(&id("bb", 1), "main", now - 31 * DAY);
    let s = spool_with(
        &t.spool(),
        &[push(&id("aa", 2), "main", now)],
        std::slice::from_ref(&dead),
    );
    let dir = t.dir_arg();

    let writer = rusqlite::Connection::open(t.spool().join("spool.db")).unwrap();
    writer
        .execute_batch(
            "BEGIN IMMEDIATE; UPDATE spool SET attempts = attempts + 1 WHERE id LIKE 'aa%';",
        )
        .unwrap();
    // A read while the write is pending.
    let (code, out, err) = spool(&dir, &["list", "--dead"]);
    assert_eq!(code, 0, "{err}");
    assert!(out.contains(&dead.id), "{out}");
    // A write: it waits for the other's commit, then goes through.
    let child = Command::new(BIN)
        .args(["spool", "--dir", &dir, "replay", &dead.id])
        .env_remove("CONF_FILE")
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    std::thread::sleep(Duration::from_millis(500));
    writer.execute_batch("COMMIT;").unwrap();
    let done = child.wait_with_output().unwrap();
    assert_eq!(
        done.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&done.stderr)
    );
    assert!(String::from_utf8_lossy(&done.stdout).contains("requeued dead letter"));
    // This process's open Store sees both writes.
    assert_eq!(s.get(&dead.id).unwrap().dead_at, None);
    assert_eq!(s.get(&id("aa", 2)).unwrap().new.attempts, 4);
}

/// With `redis` in the config, the CLI works on the shared spool in Redis (issue 12): pushes
/// spooled there by any instance are listed, shown, replayed, dropped and counted, in the same
/// JSON shapes. Against the machine's Redis, under a key prefix of this test's own.
#[test]
fn spool_cli_works_on_the_redis_spool() {
    use wx_gateway::state::Spool;
    use wx_gateway::state::redis::Redis;
    use wx_gateway::state::redis_spool::RedisSpool;
    use wx_gateway::state::spool::Settle;

    let url = "redis://127.0.0.1:6379/0";
    let prefix = format!(
        "wxgw-test-{}-{}:",
        std::process::id(),
        wx_gateway::random::alphanumeric(8)
    );
    /// Deletes the test's keys, also after a failure.
    struct Cleanup(String);
    impl Drop for Cleanup {
        fn drop(&mut self) {
            let Ok(mut c) =
                redis::Client::open("redis://127.0.0.1:6379/0").and_then(|c| c.get_connection())
            else {
                return;
            };
            let keys: Vec<String> = redis::cmd("KEYS")
                .arg(format!("{}*", self.0))
                .query(&mut c)
                .unwrap_or_default();
            if !keys.is_empty() {
                let _: Result<i64, _> = redis::cmd("DEL").arg(keys).query(&mut c);
            }
        }
    }
    let _cleanup = Cleanup(prefix.clone());
    let rt = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .unwrap();
    let now = unix_millis();
    let (queued, dead) = (id("a1", 1), id("d1", 2));
    rt.block_on(async {
        let s = RedisSpool::new(
            Redis::start(url, &prefix).unwrap(),
            Duration::from_secs(86_400),
        );
        let mut up = false;
        for _ in 0..50 {
            if s.stats().await.is_ok() {
                up = true;
                break;
            }
            tokio::time::sleep(Duration::from_millis(20)).await;
        }
        assert!(up, "redis on 127.0.0.1:6379");
        s.insert(push(&queued, "main", now - HOUR)).await.unwrap();
        s.insert(push(&dead, "main", now - 2 * DAY)).await.unwrap();
        s.settle(
            dead.clone(),
            Settle::Dead {
                attempts: 4,
                error: "HTTP 400".into(),
                reason: wx_gateway::state::DeadReason::Refused,
                attempt: None,
            },
        )
        .await
        .unwrap();
    });
    let t = TempDir::new("redis");
    let service =
        r#"{"name":"main","wx-params":{"token":"t"},"listen-endpoints":{"service-path":"/wx"}}"#;
    let conf = t.0.join("conf.json");
    std::fs::write(
        &conf,
        format!(r#"{{"redis":{url:?},"redis-prefix":{prefix:?},"services":[{service}]}}"#),
    )
    .unwrap();
    let conf = conf.to_str().unwrap();
    let cli = |args: &[&str]| {
        let mut all = vec!["spool", "--config", conf, "--color", "never"];
        all.extend_from_slice(args);
        run(&all)
    };
    let shapes = readme_shapes();

    let (code, out, err) = cli(&["list", "--json"]);
    assert_eq!(code, 0, "{err}");
    let v = json(&out);
    assert_shape(&shapes[0], &v, "list");
    assert_eq!(v["entries"][0]["id"], queued.as_str());
    assert_eq!(v["total"], 1);
    let (code, out, _) = cli(&["list", "--dead"]);
    assert_eq!(code, 0);
    assert!(out.contains(&dead) && out.contains("HTTP 400"), "{out}");

    let (code, out, err) = cli(&["show", &dead[..8], "--json"]);
    assert_eq!(code, 0, "{err}");
    let v = json(&out);
    assert_shape(&shapes[1], &v, "show");
    assert_eq!(v["entry"]["state"], "dead");
    assert_eq!(v["entry"]["body"]["Content"], "hello");

    let (code, out, err) = cli(&["stats", "--json"]);
    assert_eq!(code, 0, "{err}");
    let v = json(&out);
    assert_shape(&shapes[4], &v, "stats");
    assert_eq!(
        (&v["total"]["depth"], &v["total"]["dead"]),
        (&Value::from(1), &Value::from(1))
    );

    let (code, out, err) = cli(&["replay", "--all", "--dead", "--json"]);
    assert_eq!(code, 0, "{err}");
    assert_shape(&shapes[2], &json(&out), "replay");
    assert_eq!(json(&out)["replayed"], 1);
    let (code, out, _) = cli(&["list", "--json"]);
    assert_eq!(code, 0);
    assert_eq!(json(&out)["total"], 2, "the dead letter is queued again");

    let (code, out, err) = cli(&["drop", &queued, "--json"]);
    assert_eq!(code, 0, "{err}");
    assert_shape(&shapes[3], &json(&out), "drop");
    let (code, _, err) = cli(&["show", &queued]);
    assert_eq!(code, 1);
    assert!(err.contains("no spooled push"), "{err}");
    let (code, out, _) = cli(&["stats", "--json"]);
    assert_eq!(code, 0);
    assert_eq!(json(&out)["total"]["depth"], 1);
}
