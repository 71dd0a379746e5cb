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

    // The window and kind narrow the replay on Redis too (the dead letter: msg/text, first
    // received two days ago).
    for (args, matched) in [
        (&["--kind", "image"][..], 0),
        (&["--kind", "TEXT"], 1),
        (&["--since", "1d"], 0),
        (&["--until", "1d"], 1),
        (&["--service", "shop"], 0),
    ] {
        let mut all = vec!["replay", "--dead", "--dry-run", "--json"];
        all.extend_from_slice(args);
        let (code, out, err) = cli(&all);
        assert_eq!(code, 0, "{args:?}: {err}");
        assert_eq!(json(&out)["matched"], matched, "{args:?}: {out}");
    }
    let (code, out, _) = cli(&["replay", "--dead", "--since", "1d", "--json"]);
    assert_eq!(code, 0);
    assert_eq!(json(&out)["replayed"], 0, "nothing outside the window");
    // Pause on Redis: the Redis spool's `set_paused` is another part of issue 14; until it is
    // there the CLI reports its error (exit 1) and changes nothing.
    let (code, out, err) = cli(&["pause", "--service", "main", "--json"]);
    let v = json(&out);
    if code == 0 {
        assert_eq!(v["paused"], true, "{out}");
        let (_, out, _) = cli(&["stats", "--json"]);
        assert_eq!(json(&out)["services"][0]["paused"], true, "{out}");
        let (code, out, _) = cli(&["resume", "--service", "main", "--json"]);
        assert_eq!((code, &json(&out)["changed"]), (0, &Value::from(true)));
    } else {
        assert_eq!(code, 1, "{out}{err}");
        assert_eq!(v["error"]["kind"], "failed", "{out}");
    }
    let (code, _, err) = cli(&["pause", "--service", "nope"]);
    assert_eq!(code, 2, "not a service of the config: {err}");
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

// Issue 14: pause and resume, replay filters, attempts, stats, an old spool.

/// Two services, `main` and `shop`, on the spool in `t`.
fn two_service_config(t: &TempDir) -> String {
    let conf = t.0.join("conf.json");
    std::fs::write(
        &conf,
        format!(
            r#"{{"spool":{{"dir":{:?}}},"services":[
                {{"name":"main","wx-params":{{"token":"t"}},"listen-endpoints":{{"service-path":"/wx"}}}},
                {{"name":"shop","wx-params":{{"token":"t"}},"listen-endpoints":{{"service-path":"/shop"}}}}]}}"#,
            t.dir_arg()
        ),
    )
    .unwrap();
    conf.to_str().unwrap().to_owned()
}

/// `2024-05-01T12:00:03Z` of unix ms (whole seconds), for `--since`/`--until`.
fn rfc3339(ms: i64) -> String {
    let secs = ms.div_euclid(1000);
    let (days, rem) = (secs.div_euclid(86_400), secs.rem_euclid(86_400));
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = doy - (153 * mp + 2) / 5 + 1;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    let year = yoe + era * 400 + i64::from(month <= 2);
    format!(
        "{year:04}-{month:02}-{day:02}T{:02}:{:02}:{:02}Z",
        rem / 3600,
        rem / 60 % 60,
        rem % 60
    )
}

/// A refused dead letter: spooled, then refused by the backend.
fn bury(s: &mut Store, e: &NewEntry) {
    use wx_gateway::state::{DeadReason, Settle};
    s.insert(std::slice::from_ref(e), e.first_seen).unwrap();
    s.settle(
        &e.id,
        &Settle::Dead {
            attempts: e.attempts + 1,
            error: "HTTP 400".into(),
            reason: DeadReason::Refused,
            attempt: None,
        },
        unix_millis(),
    )
    .unwrap();
}

#[test]
fn spool_pause_and_resume_survive_reopening() {
    let t = TempDir::new("pause");
    let now = unix_millis();
    let s = spool_with(&t.spool(), &[push(&id("a0", 1), "main", now)], &[]);
    drop(s);
    let conf = two_service_config(&t);
    let cli = |args: &[&str]| {
        let mut all = vec!["spool", "--config", &conf, "--color", "never"];
        all.extend_from_slice(args);
        run(&all)
    };

    let (code, out, err) = cli(&["pause", "--service", "main"]);
    assert_eq!(code, 0, "{err}");
    assert!(
        out.starts_with("paused service main: the gateway spools its pushes and answers WeChat `success` without calling the backend")
            && out.contains("1 queued push now"),
        "{out}"
    );
    // Again: nothing changes, and it says so.
    let (code, out, err) = cli(&["pause", "--service", "main"]);
    assert_eq!(code, 0, "{err}");
    assert_eq!(
        out.trim(),
        "service main was already paused: nothing changed (1 queued push)"
    );
    let (code, out, _) = cli(&["pause", "-s", "main", "--json"]);
    assert_eq!(code, 0);
    let v = json(&out);
    assert_shape(&readme_shapes()[5], &v, "pause");
    assert_eq!(
        (&v["paused"], &v["changed"], &v["queued"]),
        (&Value::from(true), &Value::from(false), &Value::from(1))
    );

    // Kept in the spool: another connection (serve, after a restart) sees it.
    let reopened = Store::open(&t.spool()).unwrap();
    assert_eq!(reopened.paused().unwrap(), ["main"]);
    drop(reopened);

    // A paused service without pushes is in the stats too.
    let (code, _, err) = cli(&["pause", "--service", "shop"]);
    assert_eq!(code, 0, "{err}");
    let (code, out, _) = cli(&["stats"]);
    assert_eq!(code, 0);
    let cells = |l: &str| l.split_whitespace().map(str::to_owned).collect::<Vec<_>>();
    let lines: Vec<&str> = out.lines().collect();
    assert_eq!(
        cells(lines[1]),
        ["main", "1", "0s", "0", "0", "0", "paused"]
    );
    assert_eq!(cells(lines[2]), ["shop", "0", "-", "0", "0", "0", "paused"]);
    assert_eq!(
        cells(lines[3]),
        ["total", "1", "0s", "0", "0", "0", "2", "paused"]
    );
    let (code, out, _) = cli(&["stats", "--json"]);
    assert_eq!(code, 0);
    let v = json(&out);
    assert_shape(&readme_shapes()[4], &v, "stats");
    assert_eq!(v["services"][1]["paused"], true);
    assert_eq!(v["total"]["paused"], 2);

    // Not a service of the config: a usage error, and nothing is paused.
    let (code, _, err) = cli(&["pause", "--service", "mian"]);
    assert_eq!(code, 2, "{err}");
    assert!(
        err.contains("no service \"mian\"") && err.contains("main, shop"),
        "{err}"
    );
    let (code, out, _) = cli(&["resume", "--service", "mian", "--json"]);
    assert_eq!(code, 2);
    assert_eq!(json(&out)["error"]["kind"], "usage");
    let (code, _, err) = cli(&["pause"]);
    assert_eq!(code, 2, "--service is required: {err}");

    let (code, out, err) = cli(&["resume", "--service", "main"]);
    assert_eq!(code, 0, "{err}");
    assert_eq!(
        out.trim(),
        "resumed service main: live pushes go to the backend again; 1 queued push redelivered at up to 50/s (spool.drain-rate)"
    );
    let (code, out, _) = cli(&["resume", "--service", "main", "--json"]);
    assert_eq!(code, 0);
    let v = json(&out);
    assert_eq!(
        (&v["paused"], &v["changed"]),
        (&Value::from(false), &Value::from(false))
    );
    let (_, out, _) = cli(&["resume", "--service", "main"]);
    assert_eq!(
        out.trim(),
        "service main is not paused: nothing changed (1 queued push)"
    );

    // With --dir no config is read: any name; a paused service the config no longer has can
    // still be resumed through it.
    let dir = t.dir_arg();
    let (code, _, err) = spool(&dir, &["pause", "--service", "retired"]);
    assert_eq!(code, 0, "{err}");
    let (code, out, err) = cli(&["resume", "--service", "retired"]);
    assert_eq!(code, 0, "{err}");
    assert!(out.starts_with("resumed service retired"), "{out}");
    assert_eq!(Store::open(&t.spool()).unwrap().paused().unwrap(), ["shop"]);

    // No spool yet: nowhere to keep a pause.
    let empty = TempDir::new("pause-none");
    let (code, _, err) = spool(&empty.dir_arg(), &["pause", "--service", "main"]);
    assert_eq!(code, 1, "{err}");
    assert!(err.contains("no spool in"), "{err}");
    assert!(!empty.spool().join("spool.db").exists());
}

#[test]
fn spool_replay_dead_narrowed_by_time_kind_and_service() {
    let t = TempDir::new("window");
    let now = unix_millis();
    let mut s = Store::open(&t.spool()).unwrap();
    let dead = |n: u32, service: &str, route: &str, ago: i64| {
        let mut e = push(&id("de", n), service, now - ago);
        e.route = route.to_owned();
        e
    };
    let (a, b, c, d, e) = (
        dead(1, "main", "msg/text", 5 * HOUR),
        dead(2, "main", "event/subscribe", 3 * HOUR),
        dead(3, "main", "msg/image", HOUR),
        dead(4, "shop", "event/CLICK", HOUR / 2),
        dead(5, "shop", "msg/text", 10 * DAY),
    );
    for x in [&a, &b, &c, &d, &e] {
        bury(&mut s, x);
    }
    // A queued push: `--dead` never touches it.
    let queued = push(&id("9e", 6), "main", now - 4 * HOUR);
    s.insert(std::slice::from_ref(&queued), now).unwrap();
    let dir = t.dir_arg();

    // (arguments, what matches: the counts tell these apart; the replays below check which)
    let four_h_ago = rfc3339(now - 4 * HOUR);
    let two_h_ago_cst = {
        // The same instant written at +08:00.
        let utc = rfc3339(now - 2 * HOUR + 8 * HOUR);
        format!("{}+08:00", &utc[..19])
    };
    let cases: Vec<(Vec<&str>, Vec<&NewEntry>)> = vec![
        (vec![], vec![&e, &a, &b, &c, &d]),
        (vec!["--since", "2h"], vec![&c, &d]),
        (vec!["--since", "90m"], vec![&c, &d]),
        (vec!["--since", "4h", "--until", "2h"], vec![&b]),
        (vec!["--until", "7d"], vec![&e]),
        (vec!["--since", &four_h_ago], vec![&b, &c, &d]),
        (
            vec!["--since", &four_h_ago, "--until", &two_h_ago_cst],
            vec![&b],
        ),
        (vec!["--kind", "TEXT"], vec![&e, &a]),
        (vec!["--kind", "subscribe"], vec![&b]),
        (vec!["--kind", "click"], vec![&d]),
        (vec!["--service", "shop"], vec![&e, &d]),
        (vec!["--service", "main", "--kind", "text"], vec![&a]),
        (
            vec!["--service", "main", "--since", "1d", "--kind", "voice"],
            vec![],
        ),
    ];
    for (args, want) in &cases {
        let mut all = vec!["replay", "--dead", "--dry-run", "--json"];
        all.extend(args.iter().copied());
        let (code, out, err) = spool(&dir, &all);
        assert_eq!(code, 0, "{args:?}: {err}");
        let v = json(&out);
        assert_eq!(v["matched"], want.len(), "{args:?}: {out}");
        assert_eq!(
            (&v["replayed"], &v["dry_run"]),
            (&Value::from(0), &Value::from(true))
        );
    }
    // --all --dead is --dead.
    let (_, out, _) = spool(
        &dir,
        &[
            "replay",
            "--all",
            "--dead",
            "--dry-run",
            "--kind",
            "text",
            "--json",
        ],
    );
    assert_eq!(json(&out)["matched"], 2);
    // --all alone: the queue.
    let (_, out, _) = spool(
        &dir,
        &["replay", "--all", "--dry-run", "--since", "5h", "--json"],
    );
    assert_eq!(json(&out)["matched"], 1);

    // Dry runs changed nothing.
    let dead_filter = Filter {
        dead: true,
        ..Filter::default()
    };
    assert_eq!(s.count(&dead_filter, unix_millis()).unwrap(), 5);
    assert!(s.get(&queued.id).unwrap().new.next_at > unix_millis());
    let (code, out, err) = spool(&dir, &["replay", "--dead", "--since", "2h", "--dry-run"]);
    assert_eq!(code, 0, "{err}");
    assert!(
        out.starts_with("2 dead letters first received since ")
            && out
                .trim_end()
                .ends_with("UTC match: dry run, nothing changed"),
        "{out}"
    );
    assert_eq!(out.lines().count(), 1, "{out}");
    assert_eq!(s.count(&dead_filter, unix_millis()).unwrap(), 5);

    // The count first, then the replay.
    let (code, out, err) = spool(
        &dir,
        &["replay", "--dead", "--service", "main", "--kind", "text"],
    );
    assert_eq!(code, 0, "{err}");
    assert_eq!(
        out.lines().collect::<Vec<_>>(),
        [
            "1 dead letter of service main of kind text match",
            "requeued 1 dead letter of service main: due now, redelivered at spool.drain-rate"
        ]
    );
    let replayed = s.get(&a.id).unwrap();
    assert!(
        replayed.dead_at.is_none() && replayed.replayed,
        "{replayed:?}"
    );
    assert!(
        s.get(&e.id).unwrap().dead_at.is_some(),
        "shop's text push stays dead"
    );

    let (code, out, err) = spool(
        &dir,
        &[
            "replay", "--dead", "--since", "4h", "--until", "45m", "--json",
        ],
    );
    assert_eq!(code, 0, "{err}");
    let v = json(&out);
    assert_shape(&readme_shapes()[2], &v, "replay");
    assert_eq!(
        (&v["matched"], &v["replayed"]),
        (&Value::from(2), &Value::from(2))
    );
    assert_eq!(v["dry_run"], false);
    assert!(v["since_ms"].as_i64().unwrap() <= now - 4 * HOUR + 60_000);
    assert!(v["kind"].is_null() && v["id"].is_null());
    assert!(s.get(&b.id).unwrap().replayed && s.get(&c.id).unwrap().replayed);
    assert!(s.get(&d.id).unwrap().dead_at.is_some());

    // Stats: three replayed pushes waiting (a, b, c).
    let (_, out, _) = spool(&dir, &["stats", "--json"]);
    let v = json(&out);
    assert_eq!(v["services"][0]["service"], "main");
    assert_eq!(v["services"][0]["replaying"], 3);
    assert_eq!(v["total"]["replaying"], 3);

    // Nothing left that matches.
    let (code, out, _) = spool(&dir, &["replay", "--dead", "--service", "main"]);
    assert_eq!(code, 0);
    assert_eq!(
        out.trim(),
        "no dead letters of service main: nothing changed"
    );

    // Bad times and kinds: usage errors, nothing changed.
    for (args, says) in [
        (
            &["--since", "yesterday"][..],
            "--since \"yesterday\": expected an RFC 3339 time",
        ),
        (&["--until", "2024-13-01"], "--until \"2024-13-01\""),
        (&["--since", "2024-05-01T12:00:00"], "RFC 3339"),
        (&["--since", "90"], "a time ago like 90m"),
        (&["--since", "1h", "--until", "2h"], "is not before --until"),
        (
            &["--since", "2024-05-01", "--until", "2024-05-01"],
            "is not before --until",
        ),
        (&["--kind", "msg/text"], "not the route"),
        (&["--kind", "te xt"], "expected a MsgType"),
        (&["--kind", ""], "expected a MsgType"),
    ] {
        let mut all = vec!["replay", "--dead"];
        all.extend_from_slice(args);
        let (code, out, err) = spool(&dir, &all);
        assert_eq!(code, 2, "{args:?}: {out}{err}");
        assert!(err.contains(says), "{args:?}: {err}");
        all.push("--json");
        let (code, out, _) = spool(&dir, &all);
        assert_eq!(code, 2);
        assert_eq!(json(&out)["error"]["kind"], "usage");
    }
    assert_eq!(s.count(&dead_filter, unix_millis()).unwrap(), 2);
}

#[test]
fn spool_show_lists_attempts_and_escapes_answers() {
    use wx_gateway::state::{Attempt, DeadReason, Settle};
    let t = TempDir::new("attempts");
    let now = unix_millis();
    let answer = "\u{1b}[2J<h1>Bad</h1>\r\nforged: line\u{9b}31m";
    let mut p = push(&id("5a", 1), "main", now - HOUR);
    p.attempts = 2;
    p.failing_since = Some(now - HOUR);
    p.history = vec![
        Attempt {
            at: now - HOUR,
            trigger: "live".into(),
            result: "timeout".into(),
            status: None,
            answer: None,
            duration_ms: 4500,
            instance: "gw-1:4242".into(),
        },
        Attempt {
            at: now - HOUR + 2000,
            trigger: "retry".into(),
            result: "http_5xx".into(),
            status: Some(502),
            answer: Some(answer.into()),
            duration_ms: 37,
            instance: "gw-2:77".into(),
        },
    ];
    let mut s = Store::open(&t.spool()).unwrap();
    s.insert(std::slice::from_ref(&p), now - HOUR).unwrap();
    s.settle(
        &p.id,
        &Settle::Dead {
            attempts: 3,
            error: "HTTP 400".into(),
            reason: DeadReason::Refused,
            attempt: Some(Attempt {
                at: now - 60_000,
                trigger: "replay".into(),
                result: "http_4xx".into(),
                status: Some(400),
                answer: Some("{\"error\":\"unknown field\"}".into()),
                duration_ms: 12,
                instance: "gw-1:4242".into(),
            }),
        },
        now,
    )
    .unwrap();
    let dir = t.dir_arg();

    let (code, out, err) = spool(&dir, &["show", &p.id[..8]]);
    assert_eq!(code, 0, "{err}");
    let raw = out.chars().find(|c| c.is_control() && *c != '\n');
    assert_eq!(raw, None, "{out:?}");
    for want in [
        "reason     refused (the backend answered a 4xx: not retried)",
        "failing    since ",
        "history    3 attempts, oldest first",
        "answer: \\u{1b}[2J<h1>Bad</h1>\\r\\nforged: line\\u{9b}31m",
        "answer: {\"error\":\"unknown field\"}",
    ] {
        assert!(out.contains(want), "{want}: {out}");
    }
    let attempt_lines: Vec<&str> = out.lines().filter(|l| l.contains(" UTC  ")).collect();
    assert_eq!(attempt_lines.len(), 3, "{out}");
    let cells = |l: &str| {
        l.split_whitespace()
            .skip(3)
            .map(str::to_owned)
            .collect::<Vec<_>>()
    };
    assert_eq!(
        cells(attempt_lines[0]),
        ["live", "timeout", "-", "4500ms", "gw-1:4242"]
    );
    assert_eq!(
        cells(attempt_lines[1]),
        ["retry", "http_5xx", "502", "37ms", "gw-2:77"]
    );
    assert_eq!(
        cells(attempt_lines[2]),
        ["replay", "http_4xx", "400", "12ms", "gw-1:4242"]
    );
    // No forged line: the answer stays on its own line.
    assert!(!out.lines().any(|l| l.starts_with("forged")), "{out}");

    let (code, out, _) = spool(&dir, &["show", &p.id, "--json"]);
    assert_eq!(code, 0);
    let v = json(&out);
    assert_shape(&readme_shapes()[1], &v, "show");
    let e = &v["entry"];
    assert_eq!(e["dead_reason"], "refused");
    assert_eq!(e["failing_since_ms"], now - HOUR);
    assert_eq!(e["replayed"], false);
    let h = e["history"].as_array().unwrap();
    assert_eq!(h.len(), 3);
    assert_eq!(h[0]["status"], Value::Null);
    assert_eq!(h[0]["result"], "timeout");
    assert_eq!(h[1]["answer"], answer);
    assert_eq!(h[1]["at_ms"], now - HOUR + 2000);
    assert_eq!(h[2]["trigger"], "replay");

    // list --dead: the reason; list --json: no history, the new fields.
    let (_, out, _) = spool(&dir, &["list", "--dead"]);
    assert!(out.lines().nth(1).unwrap().contains(" refused "), "{out}");
    let (_, out, _) = spool(&dir, &["list", "--dead", "--json"]);
    let v = json(&out);
    assert_shape(&readme_shapes()[0], &v, "list");
    assert_eq!(v["entries"][0]["dead_reason"], "refused");
    assert!(v["entries"][0].get("history").is_none());

    // A push without attempts recorded.
    let q = push(&id("5b", 2), "main", now);
    s.insert(std::slice::from_ref(&q), now).unwrap();
    let (_, out, _) = spool(&dir, &["show", &q.id]);
    assert!(out.contains("history    - (no attempt recorded)"), "{out}");
    assert!(!out.contains("reason") && !out.contains("failing"), "{out}");
}

#[test]
fn spool_stats_count_overdue_and_replaying() {
    let t = TempDir::new("overdue");
    let now = unix_millis();
    let mut late = push(&id("0e", 1), "main", now - HOUR);
    // Due two minutes ago and not tried: redelivery has stalled.
    late.next_at = now - 120_000;
    let mut due = push(&id("0e", 2), "main", now - HOUR);
    due.next_at = now - 1000;
    let s = spool_with(
        &t.spool(),
        &[late, due, push(&id("0e", 3), "main", now)],
        &[push(&id("0e", 4), "main", now - 31 * DAY)],
    );
    let dir = t.dir_arg();
    let (code, _, err) = spool(&dir, &["replay", &id("0e", 4)]);
    assert_eq!(code, 0, "{err}");
    assert!(s.get(&id("0e", 4)).unwrap().replayed);
    let (code, out, err) = spool(&dir, &["stats"]);
    assert_eq!(code, 0, "{err}");
    let cells = |l: &str| l.split_whitespace().map(str::to_owned).collect::<Vec<_>>();
    let lines: Vec<&str> = out.lines().collect();
    // The replayed dead letter's own next attempt is now: due, not overdue.
    assert_eq!(cells(lines[1]), ["main", "4", "31d", "0", "1", "1", "-"]);
    let (_, out, _) = spool(&dir, &["stats", "--json"]);
    let v = json(&out);
    assert_eq!(
        (
            &v["services"][0]["overdue"],
            &v["services"][0]["replaying"],
            &v["services"][0]["paused"]
        ),
        (&Value::from(1), &Value::from(1), &Value::from(false))
    );
    assert_eq!(
        (&v["total"]["overdue"], &v["total"]["paused"]),
        (&Value::from(1), &Value::from(0))
    );
}

/// A spool.db written before issue 14 (no lane, history, dead reason, replayed, no `paused`
/// table) is migrated when the CLI opens it; its pushes list, show, replay and count.
#[test]
fn spool_old_schema_is_migrated_when_opened() {
    use std::os::unix::fs::PermissionsExt;
    let t = TempDir::new("old-schema");
    let dir = t.spool();
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::set_permissions(&dir, std::fs::Permissions::from_mode(0o700)).unwrap();
    let now = unix_millis();
    {
        let c = rusqlite::Connection::open(dir.join("spool.db")).unwrap();
        c.execute_batch(
            "PRAGMA journal_mode=WAL;
             CREATE TABLE spool (
                 seq         INTEGER PRIMARY KEY AUTOINCREMENT,
                 id          TEXT    NOT NULL UNIQUE,
                 service     TEXT    NOT NULL,
                 route       TEXT    NOT NULL,
                 body        TEXT    NOT NULL,
                 request_id  TEXT    NOT NULL,
                 open_id     TEXT    NOT NULL,
                 create_time INTEGER,
                 first_seen  INTEGER NOT NULL,
                 queued_at   INTEGER NOT NULL,
                 attempts    INTEGER NOT NULL,
                 next_at     INTEGER NOT NULL,
                 last_error  TEXT,
                 dead_at     INTEGER
             );
             CREATE INDEX spool_queue ON spool (service, dead_at, seq);
             CREATE INDEX spool_age ON spool (dead_at, queued_at);",
        )
        .unwrap();
        let mut insert = c
            .prepare(
                "INSERT INTO spool (id, service, route, body, request_id, open_id, create_time, \
                 first_seen, queued_at, attempts, next_at, last_error, dead_at) \
                 VALUES (?1, 'main', ?2, '{\"MsgType\":\"text\"}', 'r1', 'oOLD', NULL, ?3, ?3, 4, ?4, 'HTTP 502', ?5)",
            )
            .unwrap();
        insert
            .execute(rusqlite::params![
                id("01", 1),
                "msg/text",
                now - 2 * HOUR,
                now + DAY,
                None::<i64>
            ])
            .unwrap();
        insert
            .execute(rusqlite::params![
                id("01", 2),
                "msg/text",
                now - 3 * DAY,
                now,
                Some(now - DAY)
            ])
            .unwrap();
        insert
            .execute(rusqlite::params![
                id("01", 3),
                "event/CLICK",
                now - 3 * DAY,
                now,
                Some(now - DAY)
            ])
            .unwrap();
    }
    let d = t.dir_arg();
    let (code, out, err) = spool(&d, &["list"]);
    assert_eq!(code, 0, "{err}");
    assert!(
        out.contains(&id("01", 1)) && out.contains("HTTP 502"),
        "{out}"
    );
    let (code, out, err) = spool(&d, &["list", "--dead"]);
    assert_eq!(code, 0, "{err}");
    assert_eq!(out.lines().count(), 3, "{out}");
    let (code, out, err) = spool(&d, &["show", &id("01", 2), "--json"]);
    assert_eq!(code, 0, "{err}");
    let v = json(&out);
    assert_eq!(v["entry"]["history"], serde_json::json!([]));
    assert!(v["entry"]["dead_reason"].is_null() && v["entry"]["failing_since_ms"].is_null());
    let (code, out, err) = spool(&d, &["replay", "--dead", "--kind", "text", "--json"]);
    assert_eq!(code, 0, "{err}");
    let v = json(&out);
    assert_eq!(
        (&v["matched"], &v["replayed"]),
        (&Value::from(1), &Value::from(1))
    );
    let (code, out, err) = spool(&d, &["stats", "--json"]);
    assert_eq!(code, 0, "{err}");
    let v = json(&out);
    assert_eq!(
        (
            &v["total"]["depth"],
            &v["total"]["dead"],
            &v["total"]["replaying"]
        ),
        (&Value::from(2), &Value::from(1), &Value::from(1))
    );
    let (code, _, err) = spool(&d, &["pause", "--service", "main"]);
    assert_eq!(code, 0, "{err}");

    // The columns and the table are there now, and the library reads the rows.
    let c = rusqlite::Connection::open(dir.join("spool.db")).unwrap();
    let columns: Vec<String> = c
        .prepare("SELECT name FROM pragma_table_info('spool')")
        .unwrap()
        .query_map([], |r| r.get(0))
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap();
    for col in [
        "lane",
        "failing_since",
        "history",
        "dead_reason",
        "replayed",
    ] {
        assert!(columns.iter().any(|c| c == col), "{col}: {columns:?}");
    }
    let s = Store::open(&dir).unwrap();
    assert_eq!(s.paused().unwrap(), ["main"]);
    let e = s.get(&id("01", 2)).unwrap();
    assert!(
        e.dead_at.is_none() && e.replayed && e.new.open_id == "oOLD",
        "{e:?}"
    );
    // The old rows got their sender's lane: the replayed push waits behind the older one.
    assert_eq!(s.lanes("main", 10).unwrap(), ["oOLD"]);
    assert_eq!(s.head("main").unwrap().unwrap().new.id, id("01", 1));
    assert!(s.due("main", unix_millis(), 10).unwrap().is_empty());
}
