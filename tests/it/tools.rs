//! The debugging tools against the real gateway and WeChat's published vectors: simulate,
//! decrypt, menu-url, and the generated completions and man pages.

use std::process::{Command, Output, Stdio};

use wx_gateway::generate;

use crate::support::*;

const BIN: &str = env!("CARGO_BIN_EXE_wx-gateway");
const SAMPLE_KEY: &str = "abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG";

fn run(args: &[&str]) -> (i32, String, String) {
    run_stdin(args, None)
}

fn run_stdin(args: &[&str], stdin: Option<&str>) -> (i32, String, String) {
    let mut child = Command::new(BIN)
        .args(args)
        .env_remove("CONF_FILE")
        .env("NO_COLOR", "1")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    {
        use std::io::Write;
        let mut input = child.stdin.take().unwrap();
        if let Some(s) = stdin {
            input.write_all(s.as_bytes()).unwrap();
        }
    }
    let Output {
        status,
        stdout,
        stderr,
    } = child.wait_with_output().unwrap();
    (
        status.code().unwrap_or(-1),
        String::from_utf8_lossy(&stdout).into_owned(),
        String::from_utf8_lossy(&stderr).into_owned(),
    )
}

/// The account flags of the test gateway.
/// The test account's flags for a gateway at `url` (shared with `simulate_cli`).
pub(crate) fn acct(url: &str) -> Vec<String> {
    [
        "--url",
        url,
        "--token",
        TOKEN,
        "--aes-key",
        AES_KEY,
        "--app-id",
        APP_ID,
    ]
    .iter()
    .map(|s| s.to_string())
    .collect()
}

fn args<'a>(base: &'a [String], rest: &[&'a str]) -> Vec<&'a str> {
    base.iter()
        .map(String::as_str)
        .chain(rest.iter().copied())
        .collect()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn simulate_every_push_type_against_the_gateway() {
    let gw = start(&one_service("")).await;
    let a = acct(&gw.url("/wx"));
    let cases: &[(&[&str], &str)] = &[
        (&["verify"], ""),
        (
            &[
                "text",
                "hello gateway",
                "--expect-text",
                "^hello gateway$",
                "--expect-type",
                "text",
            ],
            "hello gateway",
        ),
        (
            &["image", "--media-id", "IMG1", "--expect-type", "image"],
            "IMG1",
        ),
        (
            &["voice", "--expect-type", "voice"],
            "SIMULATED_VOICE_MEDIA_ID",
        ),
        (
            &["video", "--expect-type", "text"],
            "video message received",
        ),
        (&["shortvideo"], "shortvideo message received"),
        (&["location"], "location received"),
        (&["link", "--title", "T1"], "your link T1 received"),
        (&["subscribe", "--scene", "42"], "welcome"),
        (&["unsubscribe", "--expect-type", "success"], ""),
        (&["scan"], ""),
        (&["click", "--key", "K9"], "event key K9 clicked"),
        (&["view", "--view-url", "https://example.com/v"], ""),
        (&["location-report"], ""),
        (&["scancode-push"], ""),
        (
            &["scancode-waitmsg", "--result", "R1"],
            "scan result: qrcode, R1",
        ),
        (&["pic-sysphoto", "--pics", "2"], "pic_sysphoto: 2 pictures"),
        (&["pic-photo-or-album"], "pictures"),
        (&["pic-weixin"], "pictures"),
        (
            &["location-select", "--label", "L1"],
            "location selected: L1",
        ),
        (&["template-finish"], ""),
        (&["mass-finish"], ""),
    ];
    for (rest, want) in cases {
        for mode in ["safe", "compat", "plain"] {
            let mut all = vec!["simulate"];
            all.extend(args(&a, &["--mode", mode]));
            all.extend(rest.iter().copied());
            let (code, out, err) = tokio::task::block_in_place(|| run(&all));
            assert_eq!(code, 0, "{all:?}\n{out}\n{err}");
            assert!(out.contains(want), "{all:?}: {out}");
        }
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn simulate_json_exit_codes_retries_load_and_raw() {
    let be = backend(|_| Answer::json(r#"{"msg":"from backend"}"#)).await;
    let gw = start(&one_service(&be.proxy_pass())).await;
    let a = acct(&gw.url("/wx"));
    let call = |rest: &[&str]| {
        let mut all = vec!["simulate"];
        all.extend(args(&a, rest));
        tokio::task::block_in_place(|| run(&all))
    };
    let (code, out, _) = call(&["--json", "text", "hi"]);
    assert_eq!(code, 0);
    let v: serde_json::Value = serde_json::from_str(out.trim()).unwrap();
    assert_eq!(v["ok"], true);
    assert_eq!(v["result"]["status"], 200);
    assert_eq!(v["result"]["reply"]["content"], "from backend");

    // An unmet expectation is exit 1 with one line on stderr.
    let (code, _, err) = call(&["text", "hi", "--expect-text", "^nope$"]);
    assert_eq!(code, 1);
    assert_eq!(err.trim().lines().count(), 1, "{err}");
    let (code, _, _) = call(&["--json", "text", "hi", "--expect-status", "403"]);
    assert_eq!(code, 1);

    // Retries of one push reach the backend once; every try gets the reply.
    let before = be.received().len();
    let (code, out, _) = call(&[
        "--json",
        "--retries",
        "2",
        "--msg-id",
        "777",
        "text",
        "again",
    ]);
    assert_eq!(code, 0, "{out}");
    let v: serde_json::Value = serde_json::from_str(out.trim()).unwrap();
    assert_eq!(v["tries"].as_array().unwrap().len(), 3);
    assert_eq!(be.received().len(), before + 1);

    // A quick load run: every push distinct, all answered.
    let before = be.received().len();
    let (code, out, _) = call(&[
        "--json",
        "--count",
        "40",
        "--concurrency",
        "4",
        "text",
        "load",
    ]);
    assert_eq!(code, 0, "{out}");
    let v: serde_json::Value = serde_json::from_str(out.trim()).unwrap();
    assert_eq!(
        (v["count"].as_u64(), v["failed"].as_u64()),
        (Some(40), Some(0))
    );
    assert!(v["latency_ms"]["p99"].as_f64().unwrap() > 0.0);
    assert_eq!(be.received().len(), before + 40);

    // raw XML from standard input.
    let xml = "<xml><ToUserName>gh_simulated000</ToUserName><FromUserName>oSIMULATEDUSER0000000000000</FromUserName><CreateTime>1</CreateTime><MsgType>hologram</MsgType><MsgId>9</MsgId></xml>";
    let mut all = vec!["simulate"];
    all.extend(args(&a, &["raw", "-"]));
    let (code, out, err) = tokio::task::block_in_place(|| run_stdin(&all, Some(xml)));
    assert_eq!(code, 0, "{out}{err}");
    assert_eq!(be.received().last().unwrap().path, "/hook/msg/hologram");

    // A wrong token: the gateway says 403, simulate says so and exits 1.
    let mut bad = a.clone();
    bad[3] = "wrongtoken".into();
    let mut all = vec!["simulate"];
    all.extend(args(&bad, &["text", "x"]));
    let (code, out, _) = tokio::task::block_in_place(|| run(&all));
    assert_eq!(code, 1);
    assert!(out.contains("403"), "{out}");

    // Usage errors are exit 2 (without any account flag the embedded sample is the account).
    assert_eq!(run(&["simulate", "--app-id", "wx1", "text", "x"]).0, 2);
    assert_eq!(
        run(&["simulate", "--config", "/nonexistent/wxg.json", "text", "x"]).0,
        2
    );
    let mut all = vec!["simulate"];
    all.extend(args(&a, &["text", "x", "--expect-text", "("]));
    assert_eq!(run(&all).0, 2);
    // Nothing listening: exit 1.
    let (code, _, err) = run(&[
        "simulate",
        "--url",
        "http://127.0.0.1:9/wx",
        "--token",
        "t",
        "text",
        "x",
    ]);
    assert_eq!(code, 1, "{err}");
}

#[test]
fn simulate_dry_run_prints_a_curl_command_that_signs_correctly() {
    let (code, out, _) = run(&[
        "simulate",
        "--url",
        "http://127.0.0.1:1/wx",
        "--token",
        "tok",
        "--mode",
        "plain",
        "text",
        "hi",
        "--dry-run",
    ]);
    assert_eq!(code, 0);
    assert!(
        out.starts_with("curl -sS -X POST 'http://127.0.0.1:1/wx?signature="),
        "{out}"
    );
    let q: std::collections::HashMap<String, String> = form_urlencoded::parse(
        out.split('?')
            .nth(1)
            .unwrap()
            .split('\'')
            .next()
            .unwrap()
            .as_bytes(),
    )
    .into_owned()
    .collect();
    assert_eq!(
        q["signature"],
        wx_gateway::wechat::signature::plain("tok", &q["timestamp"], &q["nonce"])
    );
    assert!(out.contains("<Content><![CDATA[hi]]></Content>"));
}

#[test]
fn decrypt_reproduces_wechat_samples() {
    // The Python sample's compatible-mode push, with its query.
    let query = "timestamp=1409735669&nonce=1320562132&msg_signature=5d197aaffba7e9b25a30732f161a50dee96bd5fa&encrypt_type=aes";
    let fixture = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/fixtures/official-compat-push.xml"
    );
    let (code, out, err) = run(&[
        "decrypt",
        "--aes-key",
        SAMPLE_KEY,
        "--token",
        "spamtest",
        "--app-id",
        "wx2c2769f8efd9abc2",
        "--query",
        query,
        "--json",
        fixture,
    ]);
    assert_eq!(code, 0, "{err}");
    let v: serde_json::Value = serde_json::from_str(out.trim()).unwrap();
    assert_eq!(v["signature"], "ok");
    assert_eq!(v["app_id"], "wx2c2769f8efd9abc2");
    assert_eq!(
        v["xml"],
        "<xml><ToUserName><![CDATA[gh_10f6c3c3ac5a]]></ToUserName>\n<FromUserName><![CDATA[oyORnuP8q7ou2gfYjqLzSIWZf0rs]]></FromUserName>\n<CreateTime>1409735668</CreateTime>\n<MsgType><![CDATA[text]]></MsgType>\n<Content><![CDATA[abcdteT]]></Content>\n<MsgId>6054768590064713728</MsgId>\n</xml>"
    );
    assert_eq!(v["backend_json"]["Content"], "abcdteT");

    // The same as a raw HTTP capture (query from the request line), from standard input.
    let capture = format!(
        "POST /wx?{query} HTTP/1.1\r\nHost: example.com\r\nContent-Type: text/xml\r\n\r\n{}",
        std::fs::read_to_string(fixture).unwrap()
    );
    let (code, out, err) = run_stdin(
        &[
            "decrypt",
            "--aes-key",
            SAMPLE_KEY,
            "--token",
            "spamtest",
            "--json",
        ],
        Some(&capture),
    );
    assert_eq!(code, 0, "{err}");
    assert!(
        out.contains(r#""kind":"HTTP request""#) && out.contains(r#""signature":"ok""#),
        "{out}"
    );

    // The Java sample's fixed-random encryption: a bare Encrypt string.
    let (code, out, _) = run_stdin(
        &["decrypt", "--aes-key", SAMPLE_KEY, "--json", "-"],
        Some(
            "jn1L23DB+6ELqJ+6bruv21Y6MD7KeIfP82D6gU39rmkgczbWwt5+3bnyg5K55bgVtVzd832WzZGMhkP72vVOfg==\n",
        ),
    );
    assert_eq!(code, 0);
    let v: serde_json::Value = serde_json::from_str(out.trim()).unwrap();
    assert_eq!(
        (v["xml"].as_str(), v["app_id"].as_str()),
        (Some("我是中文abcd123"), Some("wxb11529c136998cb6"))
    );

    // WeChat's third-party-platform sample reply (key of 43 'A'), with its own signature.
    let reply = "<xml><Encrypt><![CDATA[hE8R6mGXHkJJjU72KxzKUd1GEkKJaEZq7vRL8XgK3o+00k8JGq6+pZJUIlTSyhsX+bxIBQ72g3GyvDdIZcr6+3HAZbSvPT9t/o11MI7d6WELwqrGd7jMnV0zv3Zc9Nq7]]></Encrypt><MsgSignature><![CDATA[03e0812039325c2712ef5f0f980fd14c70d6e307]]></MsgSignature><TimeStamp>1713424427</TimeStamp><Nonce><![CDATA[415670741]]></Nonce></xml>";
    let (code, out, err) = run_stdin(
        &[
            "decrypt",
            "--aes-key",
            &"A".repeat(43),
            "--token",
            "AAAAA",
            "--app-id",
            "wx134c8103faa5a59e",
            "--json",
        ],
        Some(reply),
    );
    assert_eq!(code, 0, "{err}");
    let v: serde_json::Value = serde_json::from_str(out.trim()).unwrap();
    assert_eq!(v["kind"], "encrypted reply");
    assert_eq!(v["signature"], "ok");
    assert_eq!(
        v["xml"],
        "<xml><demo_resp>[CDATA[good luck]]</demo_resp></xml>"
    );
}

#[test]
fn decrypt_failures_carry_wechat_codes_and_hints() {
    let fixture = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/fixtures/official-compat-push.xml"
    );
    let q = "timestamp=1409735669&nonce=1320562132";
    let cases: &[(&[&str], i32, &str)] = &[
        (
            &[
                "--aes-key",
                SAMPLE_KEY,
                "--token",
                "spamtest",
                "--query",
                &format!("{q}&msg_signature=0000000000000000000000000000000000000000"),
            ],
            1,
            "-40001",
        ),
        (
            &[
                "--aes-key",
                SAMPLE_KEY,
                "--token",
                "spamtest",
                "--query",
                &format!("{q}&signature=5d197aaffba7e9b25a30732f161a50dee96bd5fa"),
            ],
            1,
            "`signature`",
        ),
        (&["--aes-key", "tooshort"], 2, "-40004"),
        (
            &["--aes-key", SAMPLE_KEY, "--app-id", "wxANOTHER"],
            1,
            "-40005",
        ),
        (&["--aes-key", &"B".repeat(43)], 1, "-40007"),
    ];
    for (flags, want_code, want) in cases {
        let mut all = vec!["decrypt"];
        all.extend_from_slice(flags);
        all.push(fixture);
        let (code, _, err) = run(&all);
        assert_eq!(code, *want_code, "{all:?}: {err}");
        assert!(err.contains(want), "{all:?}: {err}");
        assert_eq!(err.trim().lines().count(), 1, "{err}");
    }
    let (code, _, err) = run_stdin(
        &["decrypt", "--aes-key", SAMPLE_KEY],
        Some("<xml><ToUserName>x</ToUserName></xml>"),
    );
    assert_eq!(code, 1);
    assert!(err.contains("-40002"), "{err}");
    let (code, _, err) = run_stdin(&["decrypt", "--aes-key", SAMPLE_KEY], Some("***"));
    assert_eq!(code, 1);
    assert!(err.contains("-40010") || err.contains("-40007"), "{err}");
}

#[test]
fn menu_url_is_exact_and_linted() {
    let base = [
        "menu-url",
        "--app-id",
        "wx1234567890abcdef",
        "--redirect",
        "https://wx.example.com/redirect",
    ];
    let (code, out, _) = run(&[&base[..], &["--state", "menu_1"]].concat());
    assert_eq!(code, 0);
    assert_eq!(
        out,
        "https://open.weixin.qq.com/connect/oauth2/authorize?appid=wx1234567890abcdef&redirect_uri=https%3A%2F%2Fwx.example.com%2Fredirect&response_type=code&scope=snsapi_base&state=menu_1#wechat_redirect\n"
    );
    let (_, out, _) = run(&[&base[..], &["--state", "u-2", "--scope", "userinfo"]].concat());
    assert_eq!(
        out,
        "https://open.weixin.qq.com/connect/oauth2/authorize?appid=wx1234567890abcdef&redirect_uri=https%3A%2F%2Fwx.example.com%2Fredirect&response_type=code&scope=snsapi_userinfo&state=u-2#wechat_redirect\n"
    );
    // Lints.
    let long = "a".repeat(129);
    for bad in [
        &["--state", "has space"][..],
        &["--state", &long],
        &["--state", "中文"],
    ] {
        assert_eq!(run(&[&base[..], bad].concat()).0, 2, "{bad:?}");
    }
    for redirect in ["/relative", "https://x.com/r#frag", "ftp://x.com/r"] {
        let (code, _, err) = run(&[
            "menu-url",
            "--app-id",
            "wx1",
            "--state",
            "s",
            "--redirect",
            redirect,
        ]);
        assert_eq!(code, 2, "{redirect}: {err}");
    }
    // Redirect from the config's redirect-path and --host; warning for an unconfigured path.
    let cfg = std::env::temp_dir().join(format!("wxg-menu-{}.json", std::process::id()));
    std::fs::write(&cfg, r#"{"services":[{"name":"a","wx-params":{"token":"t","app-id":"wxCONF","app-secret":"s"},"listen-endpoints":{"service-path":"/wx","redirect-path":"/oauth"}}]}"#).unwrap();
    let c = cfg.to_str().unwrap();
    let (code, out, _) = run(&[
        "menu-url",
        "--config",
        c,
        "--host",
        "https://gw.example.com/",
        "--state",
        "s1",
    ]);
    assert_eq!(code, 0);
    assert_eq!(
        out,
        "https://open.weixin.qq.com/connect/oauth2/authorize?appid=wxCONF&redirect_uri=https%3A%2F%2Fgw.example.com%2Foauth&response_type=code&scope=snsapi_base&state=s1#wechat_redirect\n"
    );
    let (code, _, err) = run(&[
        "menu-url",
        "--config",
        c,
        "--redirect",
        "https://gw.example.com/other",
        "--state",
        "s1",
    ]);
    assert_eq!(code, 0);
    assert!(err.contains("warning") && err.contains("/other"), "{err}");
    // --qr draws a code; --menu builds the whole menu.
    let (code, out, _) = run(&[&base[..], &["--state", "q", "--qr"]].concat());
    assert_eq!(code, 0);
    assert!(out.lines().count() > 20 && out.contains('█'), "{out}");
    let menu = std::env::temp_dir().join(format!("wxg-menu-buttons-{}.json", std::process::id()));
    std::fs::write(&menu, r#"[{"name":"Shop","state":"shop"},{"name":"More","sub_button":[{"name":"Me","state":"me","scope":"userinfo"}]}]"#).unwrap();
    let (code, out, err) = run(&[
        "menu-url",
        "--config",
        c,
        "--host",
        "https://gw.example.com",
        "--menu",
        menu.to_str().unwrap(),
        "--json",
    ]);
    assert_eq!(code, 0, "{err}");
    let v: serde_json::Value = serde_json::from_str(out.trim()).unwrap();
    assert_eq!(v["button"][0]["type"], "view");
    assert_eq!(v["button"][0]["name"], "Shop");
    assert!(
        v["button"][0]["url"]
            .as_str()
            .unwrap()
            .ends_with("&scope=snsapi_base&state=shop#wechat_redirect")
    );
    assert!(
        v["button"][1]["sub_button"][0]["url"]
            .as_str()
            .unwrap()
            .contains("scope=snsapi_userinfo&state=me")
    );
    std::fs::write(&menu, r#"[{"name":"a","state":"1"},{"name":"b","state":"2"},{"name":"c","state":"3"},{"name":"d","state":"4"}]"#).unwrap();
    assert_eq!(
        run(&[
            "menu-url",
            "--config",
            c,
            "--host",
            "https://gw.example.com",
            "--menu",
            menu.to_str().unwrap()
        ])
        .0,
        2
    );
}

/// `(file name, contents)` of `wx-gateway.1` and one page per subcommand (clap's `help`
/// aside). The sections are rendered one by one rather than by `Man::render`, which names a
/// page per subcommand in its SUBCOMMANDS list (`wx-gateway-help(1)`,
/// `wx-gateway-simulate-text(1)`) that does not exist, and has no EXAMPLES, EXIT STATUS or
/// ENVIRONMENT.
pub fn man_pages() -> Vec<(String, Vec<u8>)> {
    use clap::CommandFactory;
    let mut top = wx_gateway::cli::Cli::command();
    // Building gives each subcommand its page name (display name `wx-gateway-simulate`) and
    // the command a user types (bin name `wx-gateway simulate`, for the synopsis).
    top.build();
    let pages: Vec<clap::Command> = std::iter::once(top.clone())
        .chain(
            top.get_subcommands()
                .filter(|s| s.get_name() != "help")
                .cloned(),
        )
        .collect();
    let names: Vec<String> = pages.iter().map(page_name).collect();
    pages
        .iter()
        .map(|page| {
            let name = page_name(page);
            let see_also: Vec<&String> = if name == names[0] {
                names[1..].iter().collect()
            } else {
                vec![&names[0]]
            };
            (format!("{name}.1"), man_page(page, &see_also))
        })
        .collect()
}

fn page_name(cmd: &clap::Command) -> String {
    cmd.get_display_name().unwrap_or(cmd.get_name()).to_owned()
}

/// Text for roff: backslashes and hyphens escaped, no line taken for a request.
fn roff_text(s: &str) -> String {
    let s = s.replace('\\', "\\e").replace('-', "\\-");
    if s.starts_with('.') || s.starts_with('\'') {
        format!("\\&{s}")
    } else {
        s
    }
}

/// The page's NAME line: the first clause of the command's about, in lower case as man pages
/// have it ("wx-gateway-simulate - play WeChat against a running gateway").
fn short_about(cmd: &clap::Command) -> String {
    let about = cmd.get_about().map(|a| a.to_string()).unwrap_or_default();
    let first = about
        .split([':', '.'])
        .next()
        .unwrap_or_default()
        .trim()
        .to_owned();
    // "Play" and "A" lose their capital; "WeChat" and "HTTP" keep theirs.
    let word = first.split(' ').next().unwrap_or_default();
    let mut chars = word.chars();
    match chars.next() {
        Some(a) if chars.all(char::is_lowercase) => a
            .to_lowercase()
            .chain(first[a.len_utf8()..].chars())
            .collect(),
        _ => first,
    }
}

/// The examples of a page: the command's `after_help` (its --help ends with them), else the
/// README's for the commands whose help has none.
fn examples(cmd: &clap::Command) -> String {
    if let Some(after) = cmd.get_after_long_help().or(cmd.get_after_help()) {
        let text = after.to_string();
        return text.strip_prefix("Examples:\n").unwrap_or(&text).to_owned();
    }
    match cmd.get_name() {
        "wx-gateway" => "  wx-gateway serve                  # the embedded sample: echo mode on 127.0.0.1:7080\n  wx-gateway init && wx-gateway serve --check --config conf.json\n  CONF_FILE=conf.json wx-gateway    # as go-wx-gateway was started",
        "serve" => "  wx-gateway serve --config conf.json\n  wx-gateway serve --check --config conf.json\n  CONF_FILE=conf.json wx-gateway serve --port 0",
        "simulate" => "  wx-gateway simulate --config conf.json verify\n  wx-gateway simulate --config conf.json text \"hi\" --expect-text '^hi$'\n  wx-gateway simulate --config conf.json click --key MENU_1 --json\n  wx-gateway simulate --config conf.json text \"hi\" --count 1000 --concurrency 32",
        _ => "",
    }
    .to_owned()
}

fn man_page(cmd: &clap::Command, see_also: &[&String]) -> Vec<u8> {
    use std::fmt::Write as _;
    let man = clap_mangen::Man::new(cmd.clone())
        .source(concat!("wx-gateway ", env!("CARGO_PKG_VERSION")));
    let mut out = Vec::new();
    man.render_title(&mut out).unwrap();
    let mut roff = String::new();
    let _ = writeln!(
        roff,
        ".SH NAME\n{} \\- {}",
        roff_text(&page_name(cmd)),
        roff_text(&short_about(cmd))
    );
    out.extend(roff.bytes());
    man.render_synopsis_section(&mut out).unwrap();
    man.render_description_section(&mut out).unwrap();
    if cmd.get_arguments().any(|a| !a.is_hide_set()) {
        man.render_options_section(&mut out).unwrap();
    }
    let mut roff = String::new();
    let subs: Vec<&clap::Command> = cmd
        .get_subcommands()
        .filter(|s| s.get_name() != "help" && !s.is_hide_set())
        .collect();
    if !subs.is_empty() {
        roff.push_str(".SH SUBCOMMANDS\n");
        for sub in subs {
            let about = sub.get_about().map(|a| a.to_string()).unwrap_or_default();
            let _ = writeln!(
                roff,
                ".TP\n\\fB{}\\fR\n{}",
                roff_text(sub.get_name()),
                roff_text(&about)
            );
        }
    }
    let examples = examples(cmd);
    if !examples.is_empty() {
        roff.push_str(".SH EXAMPLES\n.nf\n");
        for line in examples.lines() {
            let _ = writeln!(roff, "{}", roff_text(line));
        }
        roff.push_str(".fi\n");
    }
    roff.push_str(concat!(
        ".SH \"EXIT STATUS\"\n",
        ".TP\n0\nok (for serve: a clean shutdown)\n",
        ".TP\n1\nthe operation failed (a bad signature, a gateway or WeChat error, an unmet expectation; the port is taken)\n",
        ".TP\n2\nusage or config error\n",
        ".SH ENVIRONMENT\n",
        ".TP\nCONF_FILE\nthe config file, when \\fB\\-\\-config\\fR is not given\n",
        ".TP\nRUST_LOG\nlog level of the gateway (\\fBinfo\\fR by default; \\fBwx_gateway=debug\\fR)\n",
        ".TP\nNO_COLOR\nno colour in the tools' output (\\fB\\-\\-color\\fR overrides it)\n",
    ));
    let refs: Vec<String> = see_also
        .iter()
        .map(|n| format!("\\fB{}\\fR(1)", roff_text(n)))
        .collect();
    let _ = writeln!(roff, ".SH \"SEE ALSO\"\n{}", refs.join(", "));
    out.extend(roff.bytes());
    man.render_version_section(&mut out).unwrap();
    out
}

/// The clap definitions are consistent (clap's own checks, which otherwise run only when a
/// command is parsed in a debug build).
#[test]
fn cli_definitions_are_consistent() {
    use clap::CommandFactory;
    wx_gateway::cli::Cli::command().debug_assert();
}

/// Completions and man pages are generated from the clap definitions and committed; this fails
/// when they are stale. Regenerate with `WXG_UPDATE_DOCS=1 cargo test --test it generated`.
#[test]
fn generated_completions_and_man_pages_are_current() {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut files: Vec<(std::path::PathBuf, Vec<u8>)> = generate::completion_files()
        .into_iter()
        .map(|(n, b)| (root.join("completions").join(n), b))
        .collect();
    files.extend(
        man_pages()
            .into_iter()
            .map(|(n, b)| (root.join("man").join(n), b)),
    );
    let update = std::env::var_os("WXG_UPDATE_DOCS").is_some();
    let mut stale = Vec::new();
    for (path, want) in &files {
        if update {
            std::fs::create_dir_all(path.parent().unwrap()).unwrap();
            std::fs::write(path, want).unwrap();
        } else if std::fs::read(path).ok().as_ref() != Some(want) {
            stale.push(path.display().to_string());
        }
    }
    assert!(
        stale.is_empty(),
        "stale generated files (run WXG_UPDATE_DOCS=1 cargo test --test it generated): {stale:?}"
    );
    // `wx-gateway completions SHELL` prints the same script.
    let (code, out, _) = run(&["completions", "bash"]);
    assert_eq!(code, 0);
    assert_eq!(
        out.as_bytes(),
        &generate::completion(clap_complete::Shell::Bash)[..]
    );
}
