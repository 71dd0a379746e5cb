//! Issue 9, the command line's half beside simulate: `init`, decrypt's stdout, `menu` and
//! `menu-url` round trips and button types, the terminal QR code, WeChat API error hints, help
//! examples, man pages and shell completions. Every test drives the real binary.

use std::io::{Read, Write};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::sync::mpsc;
use std::time::Duration;

use serde_json::{Value, json};

use crate::fake_wechat::{SECRET, fake_wechat};

const BIN: &str = env!("CARGO_BIN_EXE_wx-gateway");
const ROOT: &str = env!("CARGO_MANIFEST_DIR");
const SAMPLE_KEY: &str = "abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG";
/// The starter's secrets, which the tests set or leave unset on each child.
const STARTER_VARS: [&str; 4] = [
    "WXG_TOKEN",
    "WXG_APP_SECRET",
    "WXG_AES_KEY",
    "WXG_ADMIN_TOKEN",
];

/// Runs the binary: (exit code, stdout, stderr). `env` is set on the child, `CONF_FILE`,
/// `NO_COLOR`, `COLORFGBG` and the starter's variables are not inherited.
fn run_env(args: &[&str], stdin: Option<&str>, env: &[(&str, &str)]) -> (i32, String, String) {
    let mut cmd = Command::new(BIN);
    cmd.args(args)
        .env_remove("CONF_FILE")
        .env_remove("COLORFGBG")
        .env("NO_COLOR", "1")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    for var in STARTER_VARS {
        cmd.env_remove(var);
    }
    for (k, v) in env {
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
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

fn run(args: &[&str]) -> (i32, String, String) {
    run_env(args, None, &[])
}

fn run_stdin(args: &[&str], stdin: &str) -> (i32, String, String) {
    run_env(args, Some(stdin), &[])
}

/// A fresh directory of this test process.
fn temp_dir(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("wxg-cmd-{}-{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

fn s(p: &Path) -> &str {
    p.to_str().unwrap()
}

// ---- 1. init ----------------------------------------------------------------------------

/// Issue 9: `init` writes a starter config that `serve --check` accepts once its `${…}`
/// variables are set, names the variable when one is not, and never overwrites a file.
#[test]
fn init_writes_a_starter_that_check_accepts_and_never_overwrites() {
    let dir = temp_dir("init");
    let conf = dir.join("conf.json");
    // The default FILE is conf.json in the working directory.
    let out = Command::new(BIN)
        .arg("init")
        .current_dir(&dir)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0), "{out:?}");
    let written = std::fs::read_to_string(&conf).unwrap();
    assert_eq!(written, std::fs::read_to_string(starter_path()).unwrap());
    let note = String::from_utf8_lossy(&out.stderr);
    assert!(
        note.contains("WXG_TOKEN") && note.contains("serve --check"),
        "{note}"
    );

    let vars = [
        ("WXG_TOKEN", "a-token"),
        ("WXG_APP_SECRET", "an-app-secret"),
        ("WXG_AES_KEY", SAMPLE_KEY),
        ("WXG_ADMIN_TOKEN", "an-admin-token"),
    ];
    let (code, out, err) = run_env(&["serve", "--check", "--config", s(&conf)], None, &vars);
    assert_eq!(code, 0, "{err}");
    assert!(out.contains("ok (1 service)"), "{out}");
    // A starter that warns at every start would teach users to ignore warnings.
    assert!(!err.contains("warning"), "{err}");
    // Each variable missing is named.
    for missing in STARTER_VARS {
        let some: Vec<(&str, &str)> = vars
            .iter()
            .copied()
            .filter(|(k, _)| *k != missing)
            .collect();
        let (code, _, err) = run_env(&["serve", "--check", "--config", s(&conf)], None, &some);
        assert_eq!(code, 2, "{missing}: {err}");
        assert!(
            err.contains(&format!("environment variable {missing} is not set")),
            "{missing}: {err}"
        );
    }

    // An existing file is refused, exit 2, and left as it was.
    std::fs::write(&conf, "mine").unwrap();
    let (code, out, err) = run(&["init", s(&conf)]);
    assert_eq!(code, 2, "{out}{err}");
    assert!(err.contains("exists; not overwriting it"), "{err}");
    assert_eq!(std::fs::read_to_string(&conf).unwrap(), "mine");
    // `-` prints it.
    let (code, out, _) = run(&["init", "-"]);
    assert_eq!(code, 0);
    assert_eq!(out, written);
}

fn starter_path() -> PathBuf {
    Path::new(ROOT).join("starter.conf.json")
}

/// Every key of the README's config tables, as JSON paths (`services[0].wx-params.token`).
fn readme_config_keys() -> Vec<String> {
    let readme = std::fs::read_to_string(Path::new(ROOT).join("README.md")).unwrap();
    let start = readme
        .find("\n## Config reference")
        .expect("Config reference");
    let section = &readme[start + 1..];
    let section = &section[..section[3..].find("\n## ").map_or(section.len(), |i| i + 3)];
    let mut keys = Vec::new();
    let mut prefix = "";
    for line in section.lines() {
        if line.starts_with("`services[]`") {
            prefix = "services[0].";
        }
        let Some(first_cell) = line.strip_prefix("| `").map(|rest| format!("`{rest}")) else {
            continue;
        };
        let first_cell = first_cell.split(" |").next().unwrap();
        // `common-endpoints.wx-qr`, `wx-user`, …: the later names share the first one's parent.
        let names: Vec<&str> = first_cell.split('`').skip(1).step_by(2).collect();
        let parent = names[0].rsplit_once('.').map(|(p, _)| p);
        for (i, name) in names.iter().enumerate() {
            let full = match parent {
                Some(p) if i > 0 => format!("{p}.{name}"),
                _ => (*name).to_owned(),
            };
            keys.push(format!("{prefix}{full}"));
        }
    }
    keys
}

/// The starter has every key the README documents: a new key added to the README's tables
/// without the starter fails here.
#[test]
fn starter_config_has_every_key_the_readme_documents() {
    let starter: Value =
        serde_json::from_str(&std::fs::read_to_string(starter_path()).unwrap()).unwrap();
    let keys = readme_config_keys();
    assert!(
        keys.len() > 40,
        "the README's tables were not found: {keys:?}"
    );
    let missing: Vec<&String> = keys
        .iter()
        .filter(|key| {
            let mut v = &starter;
            for part in key.split('.') {
                v = match part.strip_suffix("[0]") {
                    Some(array) => &v[array][0],
                    None => &v[part],
                };
            }
            v.is_null()
        })
        .collect();
    assert!(missing.is_empty(), "not in starter.conf.json: {missing:?}");
    // Secrets come from the environment.
    let wx = &starter["services"][0]["wx-params"];
    for (v, var) in [
        (&wx["token"], "WXG_TOKEN"),
        (&wx["app-secret"], "WXG_APP_SECRET"),
        (&wx["aes-key"], "WXG_AES_KEY"),
        (&starter["admin-token"], "WXG_ADMIN_TOKEN"),
    ] {
        assert_eq!(v, &json!(format!("${{{var}}}")));
    }
    assert_eq!(starter["listen-host"], "127.0.0.1");
    assert_eq!(starter["services"][0]["msg-proxy-pass"], "", "echo mode");
}

// ---- 2. decrypt -------------------------------------------------------------------------

const OFFICIAL_QUERY: &str = "timestamp=1409735669&nonce=1320562132&msg_signature=5d197aaffba7e9b25a30732f161a50dee96bd5fa&encrypt_type=aes";
const OFFICIAL_XML: &str = "<xml><ToUserName><![CDATA[gh_10f6c3c3ac5a]]></ToUserName>\n<FromUserName><![CDATA[oyORnuP8q7ou2gfYjqLzSIWZf0rs]]></FromUserName>\n<CreateTime>1409735668</CreateTime>\n<MsgType><![CDATA[text]]></MsgType>\n<Content><![CDATA[abcdteT]]></Content>\n<MsgId>6054768590064713728</MsgId>\n</xml>";

fn official_fixture() -> String {
    format!("{ROOT}/tests/fixtures/official-compat-push.xml")
}

/// Issue 9: `decrypt r.xml > plain.xml` is XML: the metadata goes to stderr.
#[test]
fn decrypt_writes_only_the_xml_on_stdout() {
    let fixture = official_fixture();
    let (code, out, err) = run(&[
        "decrypt",
        "--aes-key",
        SAMPLE_KEY,
        "--token",
        "spamtest",
        "--app-id",
        "wx2c2769f8efd9abc2",
        "--query",
        OFFICIAL_QUERY,
        &fixture,
    ]);
    assert_eq!(code, 0, "{err}");
    assert_eq!(out, format!("{OFFICIAL_XML}\n"));
    for (label, value) in [
        ("payload", "encrypted push"),
        ("appid", "wx2c2769f8efd9abc2"),
        ("signature", "ok"),
    ] {
        assert!(
            err.lines().any(|l| l.contains(label) && l.contains(value)),
            "{label}: {err}"
        );
    }
}

/// Issue 9: empty input is a usage error that says so, not WeChat's -40007.
#[test]
fn decrypt_of_empty_input_says_empty_input() {
    for input in ["", "\n  \n"] {
        let (code, out, err) = run_stdin(&["decrypt", "--aes-key", SAMPLE_KEY], input);
        assert_eq!(code, 2, "{input:?}: {out}{err}");
        assert!(err.contains("empty input"), "{err}");
        assert!(!err.contains("-400"), "{err}");
    }
}

/// Issue 9: with no FILE and a terminal on stdin, decrypt says it is reading stdin (under a
/// pty: util-linux `script` gives the child one; Ctrl-D then ends the input).
#[test]
fn decrypt_on_a_terminal_says_it_reads_stdin() {
    let mut child = Command::new("script")
        .args([
            "-qec",
            &format!("{BIN} decrypt --aes-key {SAMPLE_KEY}"),
            "/dev/null",
        ])
        .env_remove("CONF_FILE")
        .env("NO_COLOR", "1")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .expect("util-linux `script` (Debian's bsdutils)");
    let mut stdout = child.stdout.take().unwrap();
    let (tx, rx) = mpsc::channel();
    std::thread::spawn(move || {
        let mut buf = [0; 4096];
        while let Ok(n) = stdout.read(&mut buf) {
            if n == 0 || tx.send(buf[..n].to_vec()).is_err() {
                break;
            }
        }
    });
    let mut seen = String::new();
    let wait = |seen: &mut String, want: &str| {
        while !seen.contains(want) {
            match rx.recv_timeout(Duration::from_secs(20)) {
                Ok(chunk) => seen.push_str(&String::from_utf8_lossy(&chunk)),
                Err(_) => panic!("no {want:?} from decrypt on a terminal: {seen:?}"),
            }
        }
    };
    wait(&mut seen, "reading the payload from standard input");
    // Ctrl-D on an empty line: end of input.
    child.stdin.as_mut().unwrap().write_all(b"\x04").unwrap();
    wait(&mut seen, "empty input");
    assert_eq!(child.wait().unwrap().code(), Some(2), "{seen}");
}

// ---- 3. menu and menu-url ---------------------------------------------------------------

fn api_config(dir: &Path, api_base: &str, extra: &str) -> PathBuf {
    let path = dir.join("conf.json");
    std::fs::write(
        &path,
        format!(
            r#"{{"wechat-api-base":"{api_base}","services":[{{"name":"acct"{extra},"wx-params":{{"token":"t","app-id":"wxAPP","app-secret":"{SECRET}"}},"listen-endpoints":{{"service-path":"/wx"}}}}]}}"#
        ),
    )
    .unwrap();
    path
}

/// The bodies the fake WeChat got on menu/create.
fn created(wx: &crate::fake_wechat::FakeWeChat) -> Vec<Value> {
    wx.with(|s| {
        s.log
            .iter()
            .filter(|(l, _)| l.contains("menu/create"))
            .map(|(_, b)| serde_json::from_str(b).unwrap())
            .collect()
    })
}

/// Issue 9: `menu get > m.json && menu create m.json` round-trips, with and without --json;
/// `create` takes the wrapped form `get` prints and sends WeChat only `{"button": […]}`.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn menu_get_output_round_trips_through_create() {
    let wx = fake_wechat().await;
    let dir = temp_dir("menu");
    let conf = api_config(&dir, &wx.base(), "");
    let c = s(&conf).to_owned();
    let served = json!({"button": [{"type": "view", "name": "Shop", "url": "https://x"}]});
    for json_flag in [false, true] {
        let mut get = vec!["menu", "--config", &c];
        if json_flag {
            get.push("--json");
        }
        get.push("get");
        let (code, out, err) = tokio::task::block_in_place(|| run(&get));
        assert_eq!(code, 0, "{err}");
        let m = dir.join("m.json");
        std::fs::write(&m, &out).unwrap();
        let (code, _, err) =
            tokio::task::block_in_place(|| run(&["menu", "--config", &c, "create", s(&m)]));
        assert_eq!(code, 0, "--json {json_flag}: {err}");
        assert_eq!(created(&wx).last(), Some(&served), "--json {json_flag}");
    }
    // get's answer with WeChat's menuid and a conditional menu: only the default menu is sent,
    // and the conditional one is said to be left out.
    let m = dir.join("m2.json");
    std::fs::write(
        &m,
        json!({"menu": {"button": served["button"], "menuid": 208396938},
               "conditionalmenu": [{"button": [], "matchrule": {"tag_id": "2"}, "menuid": 1}]})
        .to_string(),
    )
    .unwrap();
    let (code, _, err) =
        tokio::task::block_in_place(|| run(&["menu", "--config", &c, "create", s(&m)]));
    assert_eq!(code, 0, "{err}");
    assert!(err.contains("conditionalmenu"), "{err}");
    assert_eq!(created(&wx).last(), Some(&served));
    // And from standard input.
    let (code, _, err) = tokio::task::block_in_place(|| {
        run_stdin(
            &["menu", "--config", &c, "create", "-"],
            &served.to_string(),
        )
    });
    assert_eq!(code, 0, "{err}");
    // The token in JSON: snake_case, with its expiry.
    let (code, out, err) =
        tokio::task::block_in_place(|| run(&["token", "--config", &c, "--json"]));
    assert_eq!(code, 0, "{err}");
    let v: Value = serde_json::from_str(&out).unwrap();
    assert_eq!(v["ok"], true);
    assert!(v["token"].as_str().unwrap().starts_with("TOKEN-"), "{v}");
    assert!(v["expires_at"].as_u64().unwrap() > 1_700_000_000, "{v}");
    assert!(
        (7000..=7200).contains(&v["expires_in"].as_u64().unwrap()),
        "{v}"
    );
}

const EVERY_WECHAT_BUTTON: &str = r#"[
  {"name": "Shop", "sub_button": [
    {"type": "click", "name": "Click", "key": "K1"},
    {"type": "view", "name": "View", "url": "https://example.com/v"},
    {"type": "miniprogram", "name": "Mini", "url": "https://example.com/m", "appid": "wxMINI", "pagepath": "pages/index"},
    {"type": "scancode_push", "name": "Scan", "key": "K2", "sub_button": []},
    {"type": "scancode_waitmsg", "name": "ScanWait", "key": "K3"}]},
  {"name": "Media", "sub_button": [
    {"type": "pic_sysphoto", "name": "Photo", "key": "K4"},
    {"type": "pic_photo_or_album", "name": "Album", "key": "K5"},
    {"type": "pic_weixin", "name": "WxPic", "key": "K6"},
    {"type": "location_select", "name": "Where", "key": "K7"},
    {"type": "media_id", "name": "Media", "media_id": "MEDIA1"}]},
  {"name": "More", "sub_button": [
    {"type": "article_id", "name": "Article", "article_id": "ART1"},
    {"type": "article_view_limited", "name": "Limited", "article_id": "ART2"},
    {"name": "Me", "state": "me", "scope": "userinfo"}]}
]"#;

/// Issue 9: `--menu -` reads standard input; every WeChat button type is kept as written, and
/// only the buttons with a `state` get an OAuth link; `--menu --qr` is refused.
#[test]
fn menu_url_menu_keeps_every_button_type_and_reads_stdin() {
    let base = [
        "menu-url",
        "--app-id",
        "wx1234567890abcdef",
        "--redirect",
        "https://wx.example.com/redirect",
        "--json",
        "--menu",
        "-",
    ];
    let (code, out, err) = run_stdin(&base, EVERY_WECHAT_BUTTON);
    assert_eq!(code, 0, "{err}");
    let got: Value = serde_json::from_str(&out).unwrap();
    let mut want: Value = serde_json::from_str(EVERY_WECHAT_BUTTON).unwrap();
    // The empty sub_button `menu get` shows on leaves is dropped; the state button becomes a link.
    want[0]["sub_button"][3]
        .as_object_mut()
        .unwrap()
        .remove("sub_button");
    want[2]["sub_button"][2] = json!({"type": "view", "name": "Me", "url":
        "https://open.weixin.qq.com/connect/oauth2/authorize?appid=wx1234567890abcdef&redirect_uri=https%3A%2F%2Fwx.example.com%2Fredirect&response_type=code&scope=snsapi_userinfo&state=me#wechat_redirect"});
    assert_eq!(got, json!({ "button": want }));

    // A whole menu ({"button": […]}, as `menu get` has it) is taken too.
    let wrapped = json!({"menu": {"button": [{"type": "click", "name": "A", "key": "k"}]}});
    let (code, out, err) = run_stdin(&base, &wrapped.to_string());
    assert_eq!(code, 0, "{err}");
    assert_eq!(
        serde_json::from_str::<Value>(&out).unwrap(),
        json!({"button": [{"type": "click", "name": "A", "key": "k"}]})
    );

    // Missing fields, unknown types and a state on a WeChat button are usage errors.
    for (bad, says) in [
        (
            r#"[{"type":"click","name":"A"}]"#,
            "a click button needs key",
        ),
        (
            r#"[{"type":"miniprogram","name":"A","url":"https://x","appid":"wx"}]"#,
            "needs pagepath",
        ),
        (
            r#"[{"type":"hologram","name":"A"}]"#,
            "not a WeChat button type",
        ),
        (
            r#"[{"type":"click","name":"A","key":"k","state":"s"}]"#,
            "a button with a state is an OAuth link",
        ),
        (r#"[{"name":"A"}]"#, "needs a state"),
    ] {
        // With --json the error is the JSON error object on stdout.
        let (code, out, err) = run_stdin(&base, bad);
        assert_eq!(code, 2, "{bad}: {err}");
        assert!(
            out.contains(says) || err.contains(says),
            "{bad}: {out} {err}"
        );
    }

    // --menu with --qr would draw nothing for most buttons: refused, not ignored.
    let (code, _, err) = run_stdin(
        &[
            "menu-url",
            "--app-id",
            "wx1",
            "--redirect",
            "https://x.com/r",
            "--menu",
            "-",
            "--qr",
        ],
        r#"[{"name":"A","state":"a"}]"#,
    );
    assert_eq!(code, 2, "{err}");
    assert!(err.contains("--qr"), "{err}");
}

// ---- 4. the QR code ---------------------------------------------------------------------

/// The QR code of `menu-url --qr` as modules: `true` where the foreground is drawn. Returns
/// (rows, columns of the text).
fn qr_modules(stdout: &str) -> (Vec<Vec<bool>>, usize) {
    let art: Vec<&str> = stdout
        .lines()
        .skip(1)
        .take_while(|l| !l.contains("scan with WeChat"))
        .collect();
    assert!(!art.is_empty(), "{stdout}");
    let columns = art[0].chars().count();
    let mut rows = Vec::new();
    for line in &art {
        assert_eq!(line.chars().count(), columns, "ragged QR code:\n{stdout}");
        rows.push(line.chars().map(|c| matches!(c, '▀' | '█')).collect());
        rows.push(line.chars().map(|c| matches!(c, '▄' | '█')).collect());
    }
    // Two modules a line: an odd size leaves one padding row.
    rows.truncate(columns);
    assert_eq!(rows.len(), columns, "not square:\n{stdout}");
    (rows, columns)
}

/// Checks the 4-module quiet zone and the top-left finder pattern; `light_on_dark`: the
/// code's light modules are the drawn ones.
fn assert_scannable(rows: &[Vec<bool>], light_on_dark: bool, what: &str) {
    let n = rows.len();
    let light = |x: usize, y: usize| rows[y][x] == light_on_dark;
    for y in 0..n {
        for x in 0..n {
            let in_zone = x < 4 || y < 4 || x >= n - 4 || y >= n - 4;
            if in_zone {
                assert!(light(x, y), "{what}: quiet zone not light at ({x}, {y})");
            }
        }
    }
    // The finder pattern: a dark 7×7 ring, light ring, dark 3×3 core.
    for i in 0..7 {
        for (x, y) in [(4 + i, 4), (4, 4 + i), (10, 4 + i), (4 + i, 10)] {
            assert!(!light(x, y), "{what}: finder ring not dark at ({x}, {y})");
        }
    }
    assert!(light(5, 5) && !light(7, 7), "{what}: finder pattern");
}

/// Issue 9: the QR code has its 4-module quiet zone, is drawn for dark or light terminals
/// (`--qr-invert`, or COLORFGBG), fits 80 columns at the longest valid state, and says so
/// when a long redirect makes it wider.
#[test]
fn qr_code_has_a_quiet_zone_fits_80_columns_and_inverts() {
    let longest = "s".repeat(128);
    let base = [
        "menu-url",
        "--app-id",
        "wx1234567890abcdef",
        "--redirect",
        "https://wx.example.com/redirect",
        "--scope",
        "userinfo",
        "--qr",
        "--state",
        &longest,
    ];
    // (flags, environment, whether the light modules are the drawn ones)
    type Case<'a> = (&'a [&'a str], &'a [(&'a str, &'a str)], bool);
    let cases: [Case; 4] = [
        (&[], &[], true),
        (&["--qr-invert"], &[], false),
        (&[], &[("COLORFGBG", "0;15")], false),
        (&["--qr-invert"], &[("COLORFGBG", "0;15")], true),
    ];
    for (flags, env, light_on_dark) in cases {
        let args = [&base[..], flags].concat();
        let (code, out, err) = run_env(&args, None, env);
        assert_eq!(code, 0, "{err}");
        let (rows, columns) = qr_modules(&out);
        assert!(columns <= 80, "{columns} columns:\n{out}");
        assert!(!err.contains("columns wide"), "{err}");
        assert_scannable(&rows, light_on_dark, &format!("{flags:?} {env:?}"));
    }
    // A redirect long enough that no code fits 80 columns: drawn, with a warning.
    let long = format!("https://wx.example.com/{}", "r".repeat(600));
    let (code, out, err) = run(&[
        "menu-url",
        "--app-id",
        "wx1",
        "--redirect",
        &long,
        "--state",
        "s",
        "--qr",
    ]);
    assert_eq!(code, 0, "{err}");
    let (rows, columns) = qr_modules(&out);
    assert!(columns > 80);
    assert_scannable(&rows, true, "long");
    assert!(err.contains(&format!("{columns} columns wide")), "{err}");
    // --qr draws for a terminal: with --json there is none.
    let (code, _, _) = run(&[
        "menu-url",
        "--app-id",
        "wx1",
        "--redirect",
        "https://x.com/r",
        "--state",
        "s",
        "--qr",
        "--json",
    ]);
    assert_eq!(code, 2);
}

// ---- 5. WeChat API errors ---------------------------------------------------------------

/// Issue 9: 40164 gets a hint naming the address WeChat saw; an unreachable API is named by
/// its URL, without the query that carries the secret.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn api_errors_name_the_ip_to_whitelist_and_the_url() {
    let wx = fake_wechat().await;
    wx.with(|s| s.refuse_tokens = Some(40164));
    let dir = temp_dir("api-errors");
    let conf = api_config(&dir, &wx.base(), "");
    let (code, _, err) = tokio::task::block_in_place(|| run(&["token", "--config", s(&conf)]));
    assert_eq!(code, 1, "{err}");
    assert!(
        err.contains("(hint: add 203.0.113.7 to the account's IP whitelist"),
        "{err}"
    );

    // A port nobody listens on: bound, then released.
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    let conf = api_config(
        &dir,
        &format!("http://127.0.0.1:{port}"),
        r#","token-api":"classic""#,
    );
    let (code, _, err) = tokio::task::block_in_place(|| run(&["token", "--config", s(&conf)]));
    assert_eq!(code, 1, "{err}");
    assert!(
        err.contains(&format!(
            "WeChat API unreachable: http://127.0.0.1:{port}/cgi-bin/token ("
        )),
        "{err}"
    );
    assert!(!err.contains(SECRET) && !err.contains('?'), "{err}");
}

// ---- 6. help and man pages --------------------------------------------------------------

/// Issue 9: each of these commands' --help ends with examples; menu-url's offers only what it
/// uses and names --state in its usage line.
#[test]
fn help_ends_with_examples_and_menu_url_help_is_its_own() {
    for cmd in [
        "decrypt",
        "menu-url",
        "menu",
        "token",
        "completions",
        "init",
    ] {
        let (code, out, _) = run(&[cmd, "--help"]);
        assert_eq!(code, 0);
        let tail = &out[out
            .rfind("\nExamples:\n")
            .unwrap_or_else(|| panic!("{cmd}: {out}"))..];
        assert!(
            tail.lines().skip(2).all(|l| l.starts_with("  ")),
            "{cmd}: the help does not end with the examples:\n{tail}"
        );
        assert!(tail.contains(&format!("wx-gateway {cmd}")), "{cmd}: {tail}");
    }
    let (_, out, _) = run(&["menu-url", "--help"]);
    let usage = out.lines().find(|l| l.starts_with("Usage:")).unwrap();
    assert!(usage.contains("--state <STATE>"), "{usage}");
    for unused in ["--token", "--aes-key"] {
        assert!(!out.contains(unused), "menu-url --help offers {unused}");
    }
}

/// Issue 9: the man pages have a short NAME line, the command a user types in the synopsis,
/// EXAMPLES, EXIT STATUS and ENVIRONMENT, and name only pages that exist.
#[test]
fn man_pages_name_only_pages_that_exist() {
    let pages = crate::tools::man_pages();
    let names: Vec<String> = pages
        .iter()
        .map(|(f, _)| f.trim_end_matches(".1").to_owned())
        .collect();
    for sub in [
        "serve",
        "simulate",
        "decrypt",
        "menu-url",
        "menu",
        "token",
        "completions",
        "init",
    ] {
        assert!(names.contains(&format!("wx-gateway-{sub}")), "{names:?}");
    }
    let reference =
        regex_lite::Regex::new(r"\\fB([a-z\\-]+)\\fR\(1\)|([a-z][a-z\\-]+)\(1\)").unwrap();
    for (file, page) in &pages {
        let page = String::from_utf8(page.clone()).unwrap();
        let name = file.trim_end_matches(".1");
        for section in [
            ".SH NAME",
            ".SH SYNOPSIS",
            ".SH EXAMPLES",
            ".SH \"EXIT STATUS\"",
            ".SH ENVIRONMENT",
        ] {
            assert!(page.contains(section), "{file}: no {section}");
        }
        let name_line = page
            .lines()
            .skip_while(|l| *l != ".SH NAME")
            .nth(1)
            .unwrap();
        assert!(name_line.len() <= 80, "{file}: {name_line}");
        for var in ["CONF_FILE", "RUST_LOG", "NO_COLOR"] {
            assert!(page.contains(var), "{file}: {var}");
        }
        for cap in reference.captures_iter(&page) {
            let target = cap
                .get(1)
                .or(cap.get(2))
                .unwrap()
                .as_str()
                .replace("\\-", "-");
            assert!(
                names.contains(&target),
                "{file} names {target}(1), which does not exist"
            );
        }
        let synopsis = page
            .lines()
            .skip_while(|l| *l != ".SH SYNOPSIS")
            .nth(1)
            .unwrap();
        if name != "wx-gateway" {
            let typed = name
                .replacen("wx-gateway-", "wx-gateway ", 1)
                .replace('-', "\\-");
            assert!(
                synopsis.starts_with(&format!("\\fB{typed}\\fR")),
                "{file}: {synopsis}"
            );
        }
    }
    let simulate = &pages
        .iter()
        .find(|(f, _)| f == "wx-gateway-simulate.1")
        .unwrap()
        .1;
    let simulate = String::from_utf8_lossy(simulate);
    assert!(
        simulate.contains("wx\\-gateway\\-simulate \\- play WeChat against a running gateway\n"),
        "{simulate}"
    );
}

// ---- 7. completions ---------------------------------------------------------------------

/// Whether `shell` runs here. .ci/run installs bash-completion, zsh and fish, and sets
/// WXG_REQUIRE_SHELLS, so that there a missing shell fails instead of skipping.
fn have(shell: &str) -> bool {
    let found = Command::new(shell)
        .arg("-c")
        .arg("true")
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .status()
        .is_ok_and(|s| s.success());
    if !found {
        assert!(
            std::env::var_os("WXG_REQUIRE_SHELLS").is_none(),
            "{shell} is not installed (.ci/run installs it)"
        );
        println!("note: {shell} not installed here: its completion check is skipped");
    }
    found
}

/// Completes `words` (the last one being completed) with the committed bash script, the way
/// bash calls a completion function: COMP_WORDS, COMP_CWORD and (command, word, previous word).
fn bash_complete(words: &[&str]) -> Vec<String> {
    let script = format!("{ROOT}/completions/wx-gateway.bash");
    let quoted: Vec<String> = words.iter().map(|w| format!("'{w}'")).collect();
    let program = format!(
        r#"source '{script}'
COMP_WORDS=({words}); COMP_CWORD=$(( ${{#COMP_WORDS[@]}} - 1 ))
fn=$(complete -p wx-gateway | sed -E 's/.*-F ([^ ]+).*/\1/')
"$fn" wx-gateway "${{COMP_WORDS[COMP_CWORD]}}" "${{COMP_WORDS[COMP_CWORD-1]}}"
printf '%s\n' "${{COMPREPLY[@]}}""#,
        words = quoted.join(" ")
    );
    let out = Command::new("bash")
        .arg("-c")
        .arg(program)
        .current_dir(std::env::temp_dir())
        .output()
        .unwrap();
    assert!(out.status.success(), "{out:?}");
    String::from_utf8_lossy(&out.stdout)
        .lines()
        .map(str::to_owned)
        .collect()
}

/// Issue 9: bash completes below the first word (clap_complete's mangling of `wx-gateway`
/// made every subcommand's completion dead).
#[test]
fn bash_completion_completes_subcommands_flags_and_push_kinds() {
    assert_eq!(
        bash_complete(&["wx-gateway", "simulate", "--mo"]),
        ["--mode"]
    );
    let kinds = bash_complete(&["wx-gateway", "simulate", ""]);
    for kind in ["text", "verify", "click", "pic-weixin", "raw"] {
        assert!(kinds.iter().any(|k| k == kind), "{kind}: {kinds:?}");
    }
    assert_eq!(
        bash_complete(&["wx-gateway", "simulate", "text", "--mo"]),
        ["--mode"]
    );
    assert_eq!(
        bash_complete(&["wx-gateway", "menu-url", "--qr-i"]),
        ["--qr-invert"]
    );
    assert_eq!(bash_complete(&["wx-gateway", "menu", "cr"]), ["create"]);
    assert!(bash_complete(&["wx-gateway", "in"]).contains(&"init".to_owned()));
}

/// The README's bash install (a file in ~/.local/share/bash-completion/completions) works
/// with the bash-completion package's on-demand loader.
#[test]
fn bash_completion_loads_from_the_readmes_place() {
    let loader = "/usr/share/bash-completion/bash_completion";
    if !Path::new(loader).exists() {
        assert!(
            std::env::var_os("WXG_REQUIRE_SHELLS").is_none(),
            "bash-completion is not installed (.ci/run installs it)"
        );
        println!("note: bash-completion not installed here: the loader check is skipped");
        return;
    }
    let data = temp_dir("xdg");
    let dir = data.join("bash-completion/completions");
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::copy(
        format!("{ROOT}/completions/wx-gateway.bash"),
        dir.join("wx-gateway"),
    )
    .unwrap();
    let out = Command::new("bash")
        .arg("-c")
        .arg(format!(
            "source {loader}; __load_completion wx-gateway || _completion_loader wx-gateway; complete -p wx-gateway"
        ))
        .env("XDG_DATA_HOME", &data)
        .env("BASH_COMPLETION_USER_DIR", data.join("bash-completion"))
        .output()
        .unwrap();
    let said = String::from_utf8_lossy(&out.stdout);
    assert!(said.contains("-F _wx__gateway"), "{out:?}");
}

/// zsh and fish: the committed scripts parse.
#[test]
fn zsh_and_fish_completions_parse() {
    for (shell, flag, file) in [
        ("zsh", "-n", "_wx-gateway"),
        ("fish", "--no-execute", "wx-gateway.fish"),
    ] {
        if !have(shell) {
            continue;
        }
        let out = Command::new(shell)
            .arg(flag)
            .arg(format!("{ROOT}/completions/{file}"))
            .output()
            .unwrap();
        assert!(out.status.success(), "{shell}: {out:?}");
    }
}

// ---- Output for machines ----------------------------------------------------------------

/// The JSON examples of the README's subsection "decrypt, token, menu" of "Output for
/// machines", in order.
fn readme_machine_shapes() -> Vec<Value> {
    let readme = std::fs::read_to_string(Path::new(ROOT).join("README.md")).unwrap();
    let start = readme
        .find("\n### decrypt, token, menu")
        .expect("the README's section");
    let section = &readme[start + 1..];
    let section = &section[..section[3..].find("\n## ").map_or(section.len(), |i| i + 3)];
    section
        .split("```json\n")
        .skip(1)
        .map(|block| serde_json::from_str(block.split("```").next().unwrap()).unwrap())
        .collect()
}

/// Same keys, recursively through objects, and the same JSON type for every value (arrays are
/// not looked into).
fn assert_same_shape(documented: &Value, actual: &Value, at: &str) {
    match (documented, actual) {
        (Value::Object(d), Value::Object(a)) => {
            let dk: Vec<&String> = d.keys().collect();
            let ak: Vec<&String> = a.keys().collect();
            assert_eq!(dk, ak, "{at}: keys differ from the README's");
            for (k, v) in d {
                assert_same_shape(v, &a[k], &format!("{at}.{k}"));
            }
        }
        (d, a) => assert_eq!(
            std::mem::discriminant(d),
            std::mem::discriminant(a),
            "{at}: README has {d}, the command printed {a}"
        ),
    }
}

/// Issue 9 (one documented schema): what decrypt, token and menu get print with --json has the
/// shape the README shows.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn json_output_has_the_readmes_shapes() {
    let shapes = readme_machine_shapes();
    assert_eq!(shapes.len(), 3, "{shapes:?}");
    let fixture = official_fixture();
    let (code, out, err) = run(&[
        "decrypt",
        "--aes-key",
        SAMPLE_KEY,
        "--token",
        "spamtest",
        "--query",
        OFFICIAL_QUERY,
        "--json",
        &fixture,
    ]);
    assert_eq!(code, 0, "{err}");
    assert_eq!(out.lines().count(), 1, "{out}");
    assert_same_shape(&shapes[0], &serde_json::from_str(&out).unwrap(), "decrypt");

    let wx = fake_wechat().await;
    let dir = temp_dir("shapes");
    let conf = api_config(&dir, &wx.base(), "");
    let c = s(&conf).to_owned();
    for (args, shape, what) in [
        (vec!["token", "--config", &c, "--json"], &shapes[1], "token"),
        (
            vec!["menu", "--config", &c, "--json", "get"],
            &shapes[2],
            "menu get",
        ),
    ] {
        let (code, out, err) = tokio::task::block_in_place(|| run(&args));
        assert_eq!(code, 0, "{err}");
        assert_eq!(out.lines().count(), 1, "{out}");
        assert_same_shape(shape, &serde_json::from_str(&out).unwrap(), what);
    }
}
