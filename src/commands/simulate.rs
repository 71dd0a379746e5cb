//! `wx-gateway simulate`: play WeChat against a running gateway. Crafts a push, signs (and
//! encrypts) it exactly as WeChat does, sends it, then verifies, decrypts and checks the reply.

use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};

use anyhow::anyhow;
use serde_json::json;

use super::Failure;
use super::account::{self, Account};
use crate::cli::{Mode, PushKind, SimulateArgs};
use crate::ui::Ui;
use crate::wechat::message::{event, message};
use crate::wechat::reply::{ReplyView, inspect};
use crate::wechat::xml::{self, Element};
use crate::wechat::{AesKey, signature};

/// WeChat gives up on a push after this.
const WECHAT_BUDGET: Duration = Duration::from_secs(5);

fn now_secs() -> i64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map(|d| d.as_secs() as i64)
        .unwrap_or(0)
}

fn random_bytes<const N: usize>() -> [u8; N] {
    let mut b = [0u8; N];
    getrandom::fill(&mut b).expect("the operating system's random number generator failed");
    b
}

fn random_digits() -> String {
    (u64::from_le_bytes(random_bytes::<8>()) % 10_000_000_000).to_string()
}

/// The push XML of a kind, with defaults for every field.
fn build(kind: &PushKind, args: &SimulateArgs, msg_id: u64) -> Result<String, Failure> {
    let (from, to, now) = (args.from.as_str(), args.to.as_str(), now_secs());
    fn leaf(name: &str, text: impl Into<String>) -> Element {
        Element::leaf(name, text)
    }
    let msg = |t: &str, fields: Vec<Element>| message(from, to, now, t, fields, msg_id).to_xml();
    let ev = |e: &str, fields: Vec<Element>| event(from, to, now, e, fields).to_xml();
    let pics = |key: &str, n: u32| {
        let items = (0..n)
            .map(|i| {
                Element::node(
                    "item",
                    vec![leaf("PicMd5Sum", format!("{:032x}", i as u128 + 1))],
                )
            })
            .collect();
        vec![
            leaf("EventKey", key),
            Element::node(
                "SendPicsInfo",
                vec![
                    leaf("Count", n.to_string()),
                    Element::node("PicList", items),
                ],
            ),
        ]
    };
    let scan = |key: &str, result: &str| {
        vec![
            leaf("EventKey", key),
            Element::node(
                "ScanCodeInfo",
                vec![leaf("ScanType", "qrcode"), leaf("ScanResult", result)],
            ),
        ]
    };
    Ok(match kind {
        PushKind::Verify => String::new(),
        PushKind::Text { content } => msg("text", vec![leaf("Content", content.as_str())]),
        PushKind::Image { media_id, pic_url } => msg(
            "image",
            vec![
                leaf("PicUrl", pic_url.as_str()),
                leaf("MediaId", media_id.as_str()),
            ],
        ),
        PushKind::Voice {
            media_id,
            format,
            recognition,
        } => msg(
            "voice",
            vec![
                leaf("MediaId", media_id.as_str()),
                leaf("Format", format.as_str()),
                leaf("Recognition", recognition.as_str()),
            ],
        ),
        PushKind::Video {
            media_id,
            thumb_media_id,
        } => msg(
            "video",
            vec![
                leaf("MediaId", media_id.as_str()),
                leaf("ThumbMediaId", thumb_media_id.as_str()),
            ],
        ),
        PushKind::Shortvideo {
            media_id,
            thumb_media_id,
        } => msg(
            "shortvideo",
            vec![
                leaf("MediaId", media_id.as_str()),
                leaf("ThumbMediaId", thumb_media_id.as_str()),
            ],
        ),
        PushKind::Location {
            lat,
            lng,
            scale,
            label,
        } => msg(
            "location",
            vec![
                leaf("Location_X", lat.as_str()),
                leaf("Location_Y", lng.as_str()),
                leaf("Scale", scale.to_string()),
                leaf("Label", label.as_str()),
            ],
        ),
        PushKind::Link {
            title,
            description,
            url,
        } => msg(
            "link",
            vec![
                leaf("Title", title.as_str()),
                leaf("Description", description.as_str()),
                leaf("Url", url.as_str()),
            ],
        ),
        PushKind::Subscribe { scene: None } => ev("subscribe", vec![leaf("EventKey", "")]),
        PushKind::Subscribe { scene: Some(s) } => ev(
            "subscribe",
            vec![
                leaf("EventKey", format!("qrscene_{s}")),
                leaf("Ticket", "SIMULATED_TICKET"),
            ],
        ),
        PushKind::Unsubscribe => ev("unsubscribe", vec![leaf("EventKey", "")]),
        PushKind::Scan { scene } => ev(
            "SCAN",
            vec![
                leaf("EventKey", scene.as_str()),
                leaf("Ticket", "SIMULATED_TICKET"),
            ],
        ),
        PushKind::Click { key } => ev("CLICK", vec![leaf("EventKey", key.as_str())]),
        PushKind::View { url } => ev(
            "VIEW",
            vec![leaf("EventKey", url.as_str()), leaf("MenuId", "1")],
        ),
        PushKind::LocationReport {
            lat,
            lng,
            precision,
        } => ev(
            "LOCATION",
            vec![
                leaf("Latitude", lat.as_str()),
                leaf("Longitude", lng.as_str()),
                leaf("Precision", precision.as_str()),
            ],
        ),
        PushKind::ScancodePush { key, result } => ev("scancode_push", scan(key, result)),
        PushKind::ScancodeWaitmsg { key, result } => ev("scancode_waitmsg", scan(key, result)),
        PushKind::PicSysphoto { key, pics: n } => ev("pic_sysphoto", pics(key, *n)),
        PushKind::PicPhotoOrAlbum { key, pics: n } => ev("pic_photo_or_album", pics(key, *n)),
        PushKind::PicWeixin { key, pics: n } => ev("pic_weixin", pics(key, *n)),
        PushKind::LocationSelect { key, label } => ev(
            "location_select",
            vec![
                leaf("EventKey", key.as_str()),
                Element::node(
                    "SendLocationInfo",
                    vec![
                        leaf("Location_X", "23"),
                        leaf("Location_Y", "113"),
                        leaf("Scale", "15"),
                        leaf("Label", label.as_str()),
                        leaf("Poiname", ""),
                    ],
                ),
            ],
        ),
        PushKind::TemplateFinish { status } => ev(
            "TEMPLATESENDJOBFINISH",
            vec![
                leaf("MsgID", msg_id.to_string()),
                leaf("Status", status.as_str()),
            ],
        ),
        PushKind::MassFinish { status } => ev(
            "MASSSENDJOBFINISH",
            vec![
                leaf("MsgID", msg_id.to_string()),
                leaf("Status", status.as_str()),
                leaf("TotalCount", "100"),
                leaf("FilterCount", "80"),
                leaf("SentCount", "75"),
                leaf("ErrorCount", "5"),
            ],
        ),
        PushKind::Raw { file } => {
            let text = if file.as_os_str() == "-" {
                std::io::read_to_string(std::io::stdin())
            } else {
                std::fs::read_to_string(file)
            }
            .map_err(|e| Failure::Usage(anyhow!("reading {}: {e}", file.display())))?;
            xml::parse(&text).map_err(|e| Failure::Usage(anyhow!("{}: {e}", file.display())))?;
            text
        }
    })
}

/// Everything needed to send one push and check its reply.
struct Crafted {
    url: String,
    query: String,
    body: String,
    timestamp: String,
    nonce: String,
}

fn craft(acct: &Account, mode: Mode, url: &str, to_user: &str, push_xml: &str) -> Crafted {
    let token = acct.token.as_deref().unwrap_or("");
    let ts = now_secs().to_string();
    let nonce = random_digits();
    let sig = signature::plain(token, &ts, &nonce);
    let (query, body) = match (mode, acct.aes_key.as_ref()) {
        (Mode::Plain, _) | (_, None) => (
            format!("signature={sig}&timestamp={ts}&nonce={nonce}"),
            push_xml.to_owned(),
        ),
        (Mode::Safe | Mode::Compat, Some(key)) => {
            let app_id = acct.app_id.as_deref().unwrap_or("");
            let encrypt = key.encrypt(push_xml.as_bytes(), app_id, &random_bytes::<16>());
            let msg_sig = signature::msg(token, &ts, &nonce, &encrypt);
            let body = if mode == Mode::Safe {
                xml::push_envelope(to_user, &encrypt)
            } else {
                let mut el = String::new();
                xml::push_cdata_element(&mut el, "Encrypt", &encrypt);
                match push_xml.rfind("</xml>") {
                    Some(i) => format!("{}{el}{}", &push_xml[..i], &push_xml[i..]),
                    None => push_xml.to_owned(),
                }
            };
            (
                format!(
                    "signature={sig}&timestamp={ts}&nonce={nonce}&openid=oSIMULATED&encrypt_type=aes&msg_signature={msg_sig}"
                ),
                body,
            )
        }
    };
    Crafted {
        url: url.to_owned(),
        query,
        body,
        timestamp: ts,
        nonce,
    }
}

fn shell_quote(s: &str) -> String {
    format!("'{}'", s.replace('\'', "'\\''"))
}

/// The outcome of one exchange.
#[derive(Debug, Default)]
struct Exchange {
    status: Option<u16>,
    latency: Duration,
    /// Problems found; empty = the exchange passed every check.
    problems: Vec<String>,
    notes: Vec<String>,
    reply: Option<ReplyView>,
    raw: String,
}

async fn send(client: &reqwest::Client, c: &Crafted) -> Result<(u16, String, Duration), String> {
    let started = Instant::now();
    let res = client
        .post(format!("{}?{}", c.url, c.query))
        .header("Content-Type", "text/xml")
        .body(c.body.clone())
        .send()
        .await
        .map_err(|e| format!("could not reach the gateway: {}", root_cause(&e)))?;
    let status = res.status().as_u16();
    let body = res
        .text()
        .await
        .map_err(|e| format!("reading the reply: {}", root_cause(&e)))?;
    Ok((status, body, started.elapsed()))
}

fn root_cause(e: &(dyn std::error::Error + 'static)) -> String {
    let mut cur = e;
    while let Some(next) = cur.source() {
        cur = next;
    }
    cur.to_string()
}

/// Verifies, decrypts and inspects a reply body.
fn check_reply(acct: &Account, mode: Mode, args: &SimulateArgs, ex: &mut Exchange) {
    let body = ex.raw.trim();
    let encrypted = mode != Mode::Plain && body.starts_with('<') && body.contains("<Encrypt>");
    let plain_text = if encrypted {
        match open_envelope(acct, body) {
            Ok(xml) => {
                ex.notes.push("MsgSignature ok, decrypted, appid ok".into());
                xml
            }
            Err(e) => {
                ex.problems.push(e);
                return;
            }
        }
    } else {
        if mode == Mode::Safe && body.starts_with('<') {
            ex.problems
                .push("safe mode, but the reply is not encrypted".into());
        }
        body.to_owned()
    };
    match inspect(&plain_text) {
        Ok(view) => {
            if view.msg_type != "success" && (view.to != args.from || view.from != args.to) {
                ex.problems.push(format!(
                    "reply addressed {} → {}, expected {} → {}",
                    view.from, view.to, args.to, args.from
                ));
            }
            ex.reply = Some(view);
        }
        Err(e) => ex.problems.push(e),
    }
}

fn open_envelope(acct: &Account, body: &str) -> Result<String, String> {
    let root = xml::parse(body).map_err(|e| format!("reply envelope: {e}"))?;
    let field = |n: &str| {
        root.text_of(n)
            .map(str::trim)
            .ok_or_else(|| format!("reply envelope lacks <{n}>"))
    };
    let (enc, sig, ts, nonce) = (
        field("Encrypt")?,
        field("MsgSignature")?,
        field("TimeStamp")?,
        field("Nonce")?,
    );
    let token = acct.token.as_deref().unwrap_or("");
    if !signature::matches(&signature::msg(token, ts, nonce, enc), sig) {
        return Err("reply MsgSignature does not verify (-40001)".into());
    }
    let key: &AesKey = acct
        .aes_key
        .as_ref()
        .ok_or("no aes-key to decrypt the reply")?;
    let app_id = acct.app_id.as_deref().unwrap_or("");
    let plain = key
        .decrypt_for(enc, app_id)
        .map_err(|e| format!("reply: {e} ({})", e.wechat_code()))?;
    String::from_utf8(plain).map_err(|_| "decrypted reply is not UTF-8".to_owned())
}

/// The `--expect-*` checks.
#[derive(Debug, Default)]
struct Expect {
    status: Option<u16>,
    kind: Option<String>,
    text: Option<regex::Regex>,
}

fn apply_expectations(expect: &Expect, ex: &mut Exchange) {
    match (expect.status, ex.status) {
        (Some(want), Some(got)) if want != got => {
            ex.problems.push(format!("status {got}, expected {want}"))
        }
        (None, Some(got)) if got != 200 => ex.problems.push(format!("gateway answered HTTP {got}")),
        _ => {}
    }
    if ex.latency >= WECHAT_BUDGET {
        ex.problems
            .push(format!("took {:?}: WeChat gives up after 5 s", ex.latency));
    }
    let reply_type = ex.reply.as_ref().map(|r| r.msg_type.as_str());
    if let Some(want) = &expect.kind
        && reply_type != Some(want.as_str())
    {
        ex.problems.push(format!(
            "reply type {}, expected {want}",
            reply_type.unwrap_or("(none)")
        ));
    }
    if let Some(re) = &expect.text {
        let text = ex.reply.as_ref().map(ReplyView::text).unwrap_or_default();
        if !re.is_match(&text) {
            ex.problems.push(format!(
                "reply text {text:?} does not match /{}/",
                re.as_str()
            ));
        }
    }
}

/// Turns what `send` returned into a checked exchange.
fn judge(
    acct: &Account,
    mode: Mode,
    args: &SimulateArgs,
    expect: &Expect,
    sent: Result<(u16, String, Duration), String>,
) -> Exchange {
    let mut ex = Exchange::default();
    match sent {
        Ok((status, body, latency)) => {
            ex.status = Some(status);
            ex.latency = latency;
            ex.raw = body;
            if status == 200 {
                check_reply(acct, mode, args, &mut ex);
            }
        }
        Err(e) => ex.problems.push(e),
    }
    apply_expectations(expect, &mut ex);
    ex
}

fn exchange_json(ex: &Exchange) -> serde_json::Value {
    json!({
        "status": ex.status,
        "latency_ms": (ex.latency.as_secs_f64() * 1000.0 * 100.0).round() / 100.0,
        "ok": ex.problems.is_empty(),
        "problems": ex.problems,
        "notes": ex.notes,
        "reply": ex.reply,
    })
}

fn print_exchange(ui: &Ui, ex: &Exchange, label: &str) {
    let status = match ex.status {
        Some(s) if s == 200 => ui.good(&s.to_string()),
        Some(s) => ui.bad(&s.to_string()),
        None => ui.bad("no answer"),
    };
    let ms = ex.latency.as_secs_f64() * 1000.0;
    let budget = if ex.latency < WECHAT_BUDGET {
        ui.dim("within WeChat's 5 s")
    } else {
        ui.bad("over WeChat's 5 s")
    };
    println!("{label}{status} in {ms:.1} ms ({budget})");
    for n in &ex.notes {
        println!("{}", ui.field("checked", n));
    }
    if let Some(r) = &ex.reply {
        println!("{}", ui.field("reply", &ui.bold(&r.msg_type)));
        if let Some(c) = &r.content {
            println!("{}", ui.field("content", c));
        }
        if let Some(m) = &r.media_id {
            println!("{}", ui.field("media id", m));
        }
        if let Some(t) = &r.title {
            println!("{}", ui.field("title", t));
        }
        for a in &r.articles {
            println!("{}", ui.field("article", a));
        }
        if let Some(k) = &r.kf_account {
            println!("{}", ui.field("kf", k));
        }
    }
    for p in &ex.problems {
        println!("  {} {p}", ui.bad("✗"));
    }
}

pub fn run(args: SimulateArgs) -> Result<(), Failure> {
    let ui = Ui::new(args.output.color);
    let acct = account::resolve(&args.account)?;
    if acct.token.is_none() {
        return Err(Failure::Usage(anyhow!(
            "no account: give --config FILE (or CONF_FILE) or --token"
        )));
    }
    let url = args
        .url
        .clone()
        .or_else(|| acct.url.clone())
        .ok_or_else(|| Failure::Usage(anyhow!("no gateway URL: give --url or --config")))?;
    let mode = args.mode.unwrap_or(if acct.aes_key.is_some() {
        Mode::Safe
    } else {
        Mode::Plain
    });
    if mode != Mode::Plain && acct.aes_key.is_none() {
        return Err(Failure::Usage(
            anyhow!("--mode {mode:?} needs an aes-key (--aes-key or the config)")
                .context("simulate"),
        ));
    }
    if mode != Mode::Plain && acct.app_id.is_none() {
        return Err(Failure::Usage(anyhow!(
            "encrypted modes need the AppID (--app-id or the config)"
        )));
    }
    let expect = Expect {
        status: args.expect_status,
        kind: args.expect_type.clone(),
        text: args
            .expect_text
            .as_deref()
            .map(regex::Regex::new)
            .transpose()
            .map_err(|e| Failure::Usage(anyhow!("--expect-text: {e}")))?,
    };
    let rt = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .map_err(|e| Failure::Failed(anyhow!("starting the async runtime: {e}")))?;
    let client = reqwest::Client::builder()
        .no_proxy()
        .timeout(Duration::from_secs(args.timeout))
        .build()
        .map_err(|e| Failure::Failed(anyhow!("HTTP client: {e}")))?;
    if matches!(args.push, PushKind::Verify) {
        let expect = Expect {
            status: expect.status,
            ..Expect::default()
        };
        return rt.block_on(verify(&ui, &client, &acct, &url, &args, &expect));
    }
    let first_id = args.msg_id.unwrap_or_else(|| {
        let t = SystemTime::now()
            .duration_since(UNIX_EPOCH)
            .map(|d| d.as_micros() as u64)
            .unwrap_or(0);
        t * 10
    });
    if args.count > 1 {
        return rt.block_on(load(
            &ui,
            client,
            Arc::new(acct),
            &url,
            mode,
            &args,
            first_id,
            &expect,
        ));
    }
    let push_xml = build(&args.push, &args, first_id)?;
    let crafted = craft(&acct, mode, &url, &args.to, &push_xml);
    if args.dry_run {
        println!(
            "curl -sS -X POST {} -H 'Content-Type: text/xml' --data-binary {}",
            shell_quote(&format!("{}?{}", crafted.url, crafted.query)),
            shell_quote(&crafted.body)
        );
        return Ok(());
    }
    let kind_name = push_kind_name(&push_xml);
    if !args.output.json {
        println!(
            "{} {} {} {}",
            ui.bold("→ POST"),
            url,
            ui.dim(&format!("{mode:?}").to_lowercase()),
            ui.bold(&kind_name)
        );
    }
    let mut results = Vec::new();
    for attempt in 0..=args.retries {
        let ex = judge(
            &acct,
            mode,
            &args,
            &expect,
            rt.block_on(send(&client, &crafted)),
        );
        if !args.output.json {
            let label = if args.retries == 0 {
                "← ".to_owned()
            } else {
                format!("← try {} ", attempt + 1)
            };
            print_exchange(&ui, &ex, &label);
        }
        results.push(ex);
    }
    let ok = results.iter().all(|e| e.problems.is_empty());
    if args.output.json {
        let tries: Vec<_> = results.iter().map(exchange_json).collect();
        let mut out = json!({"ok": ok, "url": url, "mode": format!("{mode:?}").to_lowercase(), "push": kind_name,
            "timestamp": crafted.timestamp, "nonce": crafted.nonce});
        if tries.len() == 1 {
            out["result"] = tries[0].clone();
        } else {
            out["tries"] = json!(tries);
        }
        println!("{out}");
    } else if ok {
        println!("{}", ui.good("✓ ok"));
    }
    if ok {
        Ok(())
    } else {
        Err(Failure::Failed(anyhow!("{}", first_problem(&results))))
    }
}

fn first_problem(results: &[Exchange]) -> String {
    results
        .iter()
        .flat_map(|e| e.problems.iter())
        .next()
        .cloned()
        .unwrap_or_default()
}

fn push_kind_name(push_xml: &str) -> String {
    xml::parse(push_xml)
        .ok()
        .and_then(|r| {
            let t = r.text_of("MsgType")?.to_owned();
            if t == "event" {
                r.text_of("Event").map(str::to_owned)
            } else {
                Some(t)
            }
        })
        .unwrap_or_else(|| "push".into())
}

async fn verify(
    ui: &Ui,
    client: &reqwest::Client,
    acct: &Account,
    url: &str,
    args: &SimulateArgs,
    expect: &Expect,
) -> Result<(), Failure> {
    let token = acct.token.as_deref().unwrap_or("");
    let ts = now_secs().to_string();
    let nonce = random_digits();
    let echostr = random_digits();
    let full = format!(
        "{url}?signature={}&timestamp={ts}&nonce={nonce}&echostr={echostr}",
        signature::plain(token, &ts, &nonce)
    );
    if args.dry_run {
        println!("curl -sS {}", shell_quote(&full));
        return Ok(());
    }
    let started = Instant::now();
    let mut ex = Exchange::default();
    match client.get(&full).send().await {
        Ok(res) => {
            ex.status = Some(res.status().as_u16());
            let body = res.text().await.unwrap_or_default();
            ex.latency = started.elapsed();
            if ex.status == Some(200) && body != echostr {
                ex.problems.push(format!(
                    "answered {body:?}, expected the echostr {echostr:?}"
                ));
            } else if ex.status == Some(200) {
                ex.notes.push("echostr returned exactly".into());
            }
        }
        Err(e) => ex
            .problems
            .push(format!("could not reach the gateway: {}", root_cause(&e))),
    }
    apply_expectations(expect, &mut ex);
    if args.output.json {
        println!(
            "{}",
            json!({"ok": ex.problems.is_empty(), "url": url, "push": "verify", "result": exchange_json(&ex)})
        );
    } else {
        println!("{} {url}", ui.bold("→ GET"));
        print_exchange(ui, &ex, "← ");
        if ex.problems.is_empty() {
            println!("{}", ui.good("✓ ok"));
        }
    }
    if ex.problems.is_empty() {
        Ok(())
    } else {
        Err(Failure::Failed(anyhow!("{}", ex.problems[0])))
    }
}

#[allow(clippy::too_many_arguments)] // one call site; the arguments are the run's settings
async fn load(
    ui: &Ui,
    client: reqwest::Client,
    acct: Arc<Account>,
    url: &str,
    mode: Mode,
    args: &SimulateArgs,
    first_id: u64,
    expect: &Expect,
) -> Result<(), Failure> {
    let total = args.count as u64;
    let next = Arc::new(AtomicU64::new(0));
    let bar = if ui.interactive() && !args.output.json {
        indicatif::ProgressBar::new(total)
    } else {
        indicatif::ProgressBar::hidden()
    };
    bar.set_style(
        indicatif::ProgressStyle::with_template("{bar:40} {pos}/{len} pushes {per_sec} eta {eta}")
            .unwrap_or_else(|_| indicatif::ProgressStyle::default_bar()),
    );
    // Pushes are built up front so the workers share nothing but the counter.
    let mut pushes = Vec::with_capacity(total as usize);
    for i in 0..total {
        let xml = build(&args.push, args, first_id + i)?;
        pushes.push(craft(&acct, mode, url, &args.to, &xml));
    }
    let pushes = Arc::new(pushes);
    let started = Instant::now();
    let mut workers = Vec::new();
    for _ in 0..args.concurrency.clamp(1, 1024) {
        let (client, pushes, next, bar) = (
            client.clone(),
            Arc::clone(&pushes),
            Arc::clone(&next),
            bar.clone(),
        );
        workers.push(tokio::spawn(async move {
            let mut out = Vec::new();
            loop {
                let i = next.fetch_add(1, Ordering::Relaxed);
                if i >= pushes.len() as u64 {
                    return out;
                }
                out.push(send(&client, &pushes[i as usize]).await);
                bar.inc(1);
            }
        }));
    }
    let mut exchanges = Vec::new();
    for w in workers {
        for r in w
            .await
            .map_err(|e| Failure::Failed(anyhow!("worker: {e}")))?
        {
            exchanges.push(judge(&acct, mode, args, expect, r));
        }
    }
    bar.finish_and_clear();
    let elapsed = started.elapsed();
    let mut lat: Vec<f64> = exchanges
        .iter()
        .filter(|e| e.status.is_some())
        .map(|e| e.latency.as_secs_f64() * 1000.0)
        .collect();
    lat.sort_by(f64::total_cmp);
    let pct = |p: f64| -> f64 {
        if lat.is_empty() {
            0.0
        } else {
            lat[((lat.len() - 1) as f64 * p).round() as usize]
        }
    };
    let failed = exchanges.iter().filter(|e| !e.problems.is_empty()).count();
    let rate = exchanges.len() as f64 / elapsed.as_secs_f64().max(1e-9);
    if args.output.json {
        println!(
            "{}",
            json!({"ok": failed == 0, "url": url, "count": exchanges.len(), "failed": failed,
                   "per_second": (rate * 10.0).round() / 10.0,
                   "latency_ms": {"min": pct(0.0), "p50": pct(0.5), "p90": pct(0.9), "p99": pct(0.99), "max": pct(1.0)},
                   "first_problem": exchanges.iter().flat_map(|e| e.problems.iter()).next()})
        );
    } else {
        println!(
            "{} pushes in {:.2} s ({rate:.0}/s), {} failed",
            exchanges.len(),
            elapsed.as_secs_f64(),
            if failed == 0 {
                ui.good("0")
            } else {
                ui.bad(&failed.to_string())
            }
        );
        println!(
            "latency ms: min {:.1}  p50 {:.1}  p90 {:.1}  p99 {:.1}  max {:.1}",
            pct(0.0),
            pct(0.5),
            pct(0.9),
            pct(0.99),
            pct(1.0)
        );
        if let Some(p) = exchanges.iter().flat_map(|e| e.problems.iter()).next() {
            println!("  {} first problem: {p}", ui.bad("✗"));
        }
    }
    if failed == 0 {
        Ok(())
    } else {
        Err(Failure::Failed(anyhow!(
            "{failed} of {} pushes failed",
            exchanges.len()
        )))
    }
}
