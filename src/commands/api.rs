//! `wx-gateway menu …` and `wx-gateway token`: WeChat API calls for an account of the config,
//! through the same client and token broker as the gateway (and its token-cache-dir).

use std::io::Read;
use std::sync::Arc;

use anyhow::anyhow;
use serde_json::{Value, json};

use super::Failure;
use crate::cli::{ApiAccountArgs, MenuAction, MenuArgs, TokenArgs};
use crate::config;
use crate::wxapi::{ApiError, Broker, Brokers};

fn broker(args: &ApiAccountArgs) -> Result<Arc<Broker>, Failure> {
    let path = args.config.as_ref().ok_or_else(|| {
        Failure::Usage(anyhow!(
            "give --config FILE (or CONF_FILE): the account's app-secret is there"
        ))
    })?;
    let loaded = config::load(Some(path)).map_err(|e| Failure::Usage(e.into()))?;
    let name = loaded
        .service(args.service.as_deref())
        .map_err(|e| Failure::Usage(e.into()))?
        .name
        .clone();
    let cfg = &loaded.config;
    let brokers = Brokers::new(&cfg.services, &cfg.api)
        .map_err(|e| Failure::Failed(anyhow!("HTTP client: {e}")))?;
    brokers
        .get(&name)
        .cloned()
        .ok_or_else(|| Failure::Usage(anyhow!("no service {name:?} in {}", loaded.origin)))
}

fn runtime() -> Result<tokio::runtime::Runtime, Failure> {
    tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .map_err(|e| Failure::Failed(anyhow!("starting the async runtime: {e}")))
}

fn failed(e: ApiError) -> Failure {
    let hint = e
        .hint()
        .map(|h| format!(" (hint: {h})"))
        .unwrap_or_default();
    match e {
        ApiError::NoSecret(_) => Failure::Usage(anyhow!("{e}{hint}")),
        other => Failure::Failed(anyhow!("{other}{hint}")),
    }
}

pub fn token(args: TokenArgs) -> Result<(), Failure> {
    let b = broker(&args.account)?;
    let t = runtime()?.block_on(b.access_token()).map_err(failed)?;
    if args.account.json {
        let now = u64::try_from(crate::clock::unix_now()).unwrap_or(0);
        let expires_in = t.expires_at.saturating_sub(now);
        crate::outln!(
            "{}",
            json!({"ok": true, "token": t.value, "expires_at": t.expires_at, "expires_in": expires_in})
        );
    } else {
        crate::outln!("{}", t.value);
    }
    Ok(())
}

pub fn menu(args: MenuArgs) -> Result<(), Failure> {
    let b = broker(&args.account)?;
    let rt = runtime()?;
    let result: Value = match &args.action {
        MenuAction::Create { file } => {
            let mut text = String::new();
            if file.as_os_str() == "-" {
                std::io::stdin().read_to_string(&mut text)
            } else {
                std::fs::File::open(file).and_then(|mut f| f.read_to_string(&mut text))
            }
            .map_err(|e| Failure::Usage(anyhow!("reading {}: {e}", file.display())))?;
            let doc: Value = serde_json::from_str(&text)
                .map_err(|e| Failure::Usage(anyhow!("{}: not JSON: {e}", file.display())))?;
            let menu = menu_to_create(&doc)
                .map_err(|e| Failure::Usage(anyhow!("{}: {e}", file.display())))?;
            if doc
                .get("conditionalmenu")
                .is_some_and(|c| c.as_array().is_none_or(|c| !c.is_empty()))
            {
                eprintln!(
                    "wx-gateway: warning: {}: conditionalmenu is not created by menu create (WeChat's menu/addconditional does that); only the default menu is",
                    file.display()
                );
            }
            rt.block_on(b.post("/cgi-bin/menu/create", &menu))
                .map_err(failed)?
        }
        MenuAction::Get => rt
            .block_on(b.get("/cgi-bin/menu/get", ""))
            .map_err(failed)?,
        MenuAction::Delete => rt
            .block_on(b.get("/cgi-bin/menu/delete", ""))
            .map_err(failed)?,
    };
    if args.account.json {
        let mut out = serde_json::Map::new();
        out.insert("ok".into(), Value::Bool(true));
        if let (MenuAction::Get, Value::Object(answer)) = (&args.action, result) {
            out.extend(answer);
        }
        crate::outln!("{}", Value::Object(out));
    } else {
        match &args.action {
            MenuAction::Get => crate::outln!(
                "{}",
                serde_json::to_string_pretty(&result).unwrap_or_default()
            ),
            MenuAction::Create { .. } => crate::outln!("menu created"),
            MenuAction::Delete => crate::outln!("menu deleted"),
        }
    }
    Ok(())
}

/// The body of menu/create from a menu file: WeChat's `{"button": […]}`, or what `menu get`
/// printed (`{"menu": {"button": […], "menuid": …}, …}`), so that `get > m.json` and
/// `create m.json` round-trip. `get` keeps printing WeChat's answer as it came (its
/// `conditionalmenu` and `menuid` are worth seeing), so `create` is the one that unwraps.
fn menu_to_create(doc: &Value) -> Result<Value, String> {
    let menu = doc.get("menu").filter(|m| m.is_object()).unwrap_or(doc);
    let buttons = menu
        .get("button")
        .and_then(Value::as_array)
        .filter(|b| !b.is_empty())
        .ok_or("a menu is {\"button\": [...]} (or what `menu get` prints)")?;
    Ok(json!({"button": buttons}))
}
