//! `wx-gateway simulate`: play WeChat against a running gateway. Crafts a push, signs (and
//! encrypts) it exactly as WeChat does, sends it, then verifies, decrypts and checks the reply.
//! The catalogue builds each kind of push, the exchange module sends and judges one, the load
//! module runs many; this module is the command's glue: the [`Session`], one exchange (with
//! its retries) and `--dry-run`.

mod catalogue;
mod exchange;
mod load;

use std::sync::Arc;
use std::time::Duration;

use anyhow::anyhow;
use serde_json::json;

use super::account::{self, Account};
use super::{Failure, Problem};
use crate::cli::{Mode, PushKind, SimulateArgs};
use crate::ui::Ui;
use crate::wechat::xml;
use crate::{clock, outln};
use catalogue::build;
use exchange::{
    Crafted, Exchange, Expect, craft, craft_verify, exchange_json, judge, print_exchange,
    print_request, send,
};
use load::load;

/// One run's settings: the account played, how and where pushes go, what the answers must be.
struct Session {
    acct: Account,
    mode: Mode,
    /// The gateway's callback URL, without the signed query.
    url: String,
    expect: Expect,
    client: reqwest::Client,
    ui: Ui,
    args: SimulateArgs,
}

impl Session {
    /// The mode's name in output; the handshake is always signed in plain.
    fn mode_name(&self, c: &Crafted) -> String {
        if c.body.is_none() {
            "plain".into()
        } else {
            format!("{:?}", self.mode).to_lowercase()
        }
    }
}

fn usage(message: impl Into<String>) -> Failure {
    Failure::Usage(Problem::new("usage", message).into())
}

/// `--url` (a missing scheme means http://), else the config's listen address and path.
fn gateway_url(args: &SimulateArgs, acct: &Account) -> Result<String, Failure> {
    if let Some(given) = &args.url {
        let full = if given.contains("://") {
            given.clone()
        } else {
            format!("http://{given}")
        };
        let parsed = url::Url::parse(&full).map_err(|e| usage(format!("--url {given}: {e}")))?;
        if !matches!(parsed.scheme(), "http" | "https") || parsed.query().is_some() {
            return Err(usage(format!(
                "--url {given}: expected http(s)://host:port/service-path, without a query"
            )));
        }
        return Ok(full);
    }
    if let Some(url) = &acct.url {
        return Ok(url.clone());
    }
    if acct.listen_port == Some(0) {
        let origin = acct.origin.as_deref().unwrap_or("the config");
        let path = acct.service_path.as_deref().unwrap_or("/wx");
        return Err(Failure::Usage(
            Problem::new(
                "usage",
                format!(
                    "{origin} has listen-port 0: `serve` picks a free port at start, unknown here"
                ),
            )
            .hint(format!(
                "give --url with the address `serve` logged, e.g. --url 127.0.0.1:PORT{path}"
            ))
            .into(),
        ));
    }
    Err(usage("no gateway URL: give --url or --config"))
}

pub fn run(args: SimulateArgs) -> Result<(), Failure> {
    let ui = Ui::new(args.output.color);
    let acct = account::resolve(&args.account)?;
    if acct.token.is_none() {
        return Err(usage(
            "no token: give --token, or --config FILE (or CONF_FILE)",
        ));
    }
    let url = gateway_url(&args, &acct)?;
    let mode = args.mode.unwrap_or(if acct.aes_key.is_some() {
        Mode::Safe
    } else {
        Mode::Plain
    });
    if mode != Mode::Plain && acct.aes_key.is_none() {
        return Err(usage(format!(
            "--mode {} needs an aes-key (--aes-key or the config)",
            format!("{mode:?}").to_lowercase()
        )));
    }
    if mode != Mode::Plain && acct.app_id.is_none() {
        return Err(usage(
            "encrypted modes need the AppID (--app-id or the config)",
        ));
    }
    let expect = Expect {
        status: args.expect_status,
        kind: args.expect_type.clone(),
        text: args
            .expect_text
            .as_deref()
            .map(regex_lite::Regex::new)
            .transpose()
            .map_err(|e| usage(format!("--expect-text: {e}")))?,
        allow_backend_error: args.allow_backend_error,
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
    let first_id = session
        .args
        .msg_id
        .unwrap_or_else(|| clock::unix_micros() * 10);
    let (first, kind) = if matches!(session.args.push, PushKind::Verify) {
        (craft_verify(&session), "verify".to_owned())
    } else {
        let built = build(&session.args.push, &session.args, first_id)?;
        let kind = push_kind_name(&built.xml);
        (craft(&session, &built), kind)
    };
    // Before --count: a dry run sends nothing, however many pushes were asked for.
    if session.args.dry_run {
        dry_run(&session, &first, &kind);
        return Ok(());
    }
    let rt = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .map_err(|e| Failure::Failed(anyhow!("starting the async runtime: {e}")))?;
    if session.args.count > 1 {
        return rt.block_on(load(Arc::new(session), first_id, kind));
    }
    rt.block_on(once(&session, &first, &kind))
}

/// `--dry-run`: the signed request, as curl or (`--json`) as JSON; nothing is sent.
fn dry_run(s: &Session, c: &Crafted, kind: &str) {
    let count = s.args.count;
    if s.args.output.json {
        outln!(
            "{}",
            json!({"ok": true, "dry_run": true, "push": kind, "mode": s.mode_name(c),
                   "url": s.url, "count": count, "request": c.json()})
        );
    } else {
        if count > 1 {
            eprintln!(
                "wx-gateway: note: --dry-run sends nothing: the first of {count} pushes (each has its own MsgId)"
            );
        }
        outln!("{}", c.curl());
    }
}

/// One push (or the handshake), sent 1 + `--retries` times.
async fn once(s: &Session, c: &Crafted, kind: &str) -> Result<(), Failure> {
    let (args, ui) = (&s.args, &s.ui);
    let json = args.output.json;
    if !json {
        print_request(s, c, kind);
    }
    let mut results: Vec<Exchange> = Vec::new();
    for attempt in 0..=args.retries {
        let ex = judge(s, c, send(&s.client, c, args.timeout).await);
        if !json {
            let label = if args.retries == 0 {
                "← ".to_owned()
            } else {
                format!("← try {} ", attempt + 1)
            };
            print_exchange(ui, &ex, &label, args.verbose);
        }
        results.push(ex);
    }
    let failure = results.iter().enumerate().find_map(|(i, ex)| {
        let p = ex.problems.first()?.clone();
        Some(if args.retries > 0 {
            Problem {
                message: format!("try {}: {}", i + 1, p.message),
                ..p
            }
        } else {
            p
        })
    });
    if json {
        let mut out = json!({"ok": failure.is_none(), "push": kind, "mode": s.mode_name(c),
                             "url": s.url, "request": c.json()});
        if args.retries == 0 {
            out["result"] = exchange_json(&results[0]);
        } else {
            out["tries"] = results.iter().map(exchange_json).collect();
        }
        if let Some(p) = &failure {
            out["error"] = p.json();
        }
        outln!("{out}");
        return match failure {
            None => Ok(()),
            Some(p) => Err(Failure::Shown(p.into())),
        };
    }
    match failure {
        None => {
            outln!("{}", ui.good("✓ ok"));
            Ok(())
        }
        Some(p) => Err(Failure::Failed(p.into())),
    }
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
