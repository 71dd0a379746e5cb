//! `wx-gateway simulate`: play WeChat against a running gateway. Crafts a push, signs (and
//! encrypts) it exactly as WeChat does, sends it, then verifies, decrypts and checks the reply.
//! The catalogue builds each kind of push, the exchange module sends and judges one, the load
//! module runs many; this module is the command's glue.

mod catalogue;
mod exchange;
mod load;

use std::sync::Arc;
use std::time::{Duration, Instant};

use anyhow::anyhow;
use serde_json::json;

use super::Failure;
use super::account::{self, Account};
use crate::cli::{Mode, PushKind, SimulateArgs};
use crate::ui::Ui;
use crate::wechat::signature;
use crate::wechat::xml;
use crate::{clock, random};
use catalogue::build;
use exchange::{
    Exchange, Expect, apply_expectations, craft, exchange_json, judge, print_exchange, send,
    shell_quote,
};
use load::load;

/// One run's settings: the account played, how and where pushes go, what the answers must be.
struct Session {
    acct: Account,
    mode: Mode,
    url: String,
    expect: Expect,
    client: reqwest::Client,
    ui: Ui,
    args: SimulateArgs,
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
            .map(regex_lite::Regex::new)
            .transpose()
            .map_err(|e| Failure::Usage(anyhow!("--expect-text: {e}")))?,
    };
    let client = crate::upstream::builder()
        .no_proxy()
        .timeout(Duration::from_secs(args.timeout))
        .build()
        .map_err(|e| Failure::Failed(anyhow!("HTTP client: {e}")))?;
    let session = Session {
        acct,
        mode,
        url,
        expect,
        client,
        ui,
        args,
    };
    let rt = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .map_err(|e| Failure::Failed(anyhow!("starting the async runtime: {e}")))?;
    if matches!(session.args.push, PushKind::Verify) {
        return rt.block_on(verify(&session));
    }
    let first_id = session
        .args
        .msg_id
        .unwrap_or_else(|| clock::unix_micros() * 10);
    if session.args.count > 1 {
        return rt.block_on(load(Arc::new(session), first_id));
    }
    let (s, args, ui, url) = (&session, &session.args, &session.ui, &session.url);
    let push_xml = build(&args.push, args, first_id)?;
    let crafted = craft(s, &push_xml);
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
        let ex = judge(s, rt.block_on(send(&s.client, &crafted)));
        if !args.output.json {
            let label = if args.retries == 0 {
                "← ".to_owned()
            } else {
                format!("← try {} ", attempt + 1)
            };
            print_exchange(ui, &ex, &label);
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

/// `simulate verify`: the GET echostr handshake of the server configuration page.
async fn verify(s: &Session) -> Result<(), Failure> {
    let (ui, client, acct, url, args) = (&s.ui, &s.client, &s.acct, s.url.as_str(), &s.args);
    // Only the status can be expected of a handshake: it has no reply message.
    let expect = Expect {
        status: s.expect.status,
        ..Expect::default()
    };
    let token = acct.token.as_deref().unwrap_or("");
    let ts = clock::unix_now().to_string();
    let nonce = random::digits();
    let echostr = random::digits();
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
        Err(e) => ex.problems.push(format!(
            "could not reach the gateway: {}",
            crate::upstream::describe(&e)
        )),
    }
    apply_expectations(&expect, &mut ex);
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
