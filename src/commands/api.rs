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
    match e {
        ApiError::NoSecret(_) => Failure::Usage(anyhow!("{e}")),
        other => Failure::Failed(anyhow!("{other}")),
    }
}

pub fn token(args: TokenArgs) -> Result<(), Failure> {
    let b = broker(&args.account)?;
    let t = runtime()?.block_on(b.access_token()).map_err(failed)?;
    if args.account.json {
        println!("{}", json!({"token": t.value, "expiresAt": t.expires_at}));
    } else {
        println!("{}", t.value);
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
            let menu: Value = serde_json::from_str(&text)
                .map_err(|e| Failure::Usage(anyhow!("{}: not JSON: {e}", file.display())))?;
            if menu.get("button").and_then(Value::as_array).is_none() {
                return Err(Failure::Usage(anyhow!(
                    "{}: a menu is {{\"button\": [...]}}",
                    file.display()
                )));
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
        println!("{result}");
    } else {
        match &args.action {
            MenuAction::Get => println!(
                "{}",
                serde_json::to_string_pretty(&result).unwrap_or_default()
            ),
            MenuAction::Create { .. } => println!("menu created"),
            MenuAction::Delete => println!("menu deleted"),
        }
    }
    Ok(())
}
