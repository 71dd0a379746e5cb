//! The account a tool acts for: a service of the config file, overridden by explicit flags.

use anyhow::anyhow;

use super::Failure;
use crate::cli::AccountArgs;
use crate::config;
use crate::wechat::AesKey;

/// One account's settings, as far as they are known. No `Debug`: it holds the token.
#[derive(Default)]
pub struct Account {
    pub token: Option<String>,
    pub aes_key: Option<AesKey>,
    pub app_id: Option<String>,
    /// The callback URL derived from the config (`http://host:port/service-path`).
    pub url: Option<String>,
    /// Every redirect-path of the config (for menu-url's lint) and this service's own.
    pub redirect_paths: Vec<String>,
    pub redirect_path: Option<String>,
}

/// Resolves the account from `--config`/`CONF_FILE` and `--service`, then the flags.
pub fn resolve(args: &AccountArgs) -> Result<Account, Failure> {
    let mut acct = Account::default();
    if let Some(path) = &args.config {
        let loaded = config::load(Some(path)).map_err(|e| Failure::Usage(e.into()))?;
        let svc = loaded
            .service(args.service.as_deref())
            .map_err(|e| Failure::Usage(e.into()))?;
        let cfg = &loaded.config;
        let host = match cfg.listen_host.as_str() {
            "" | "0.0.0.0" | "::" => "127.0.0.1",
            h => h,
        };
        acct.token = Some(svc.token.expose().to_owned());
        acct.aes_key = svc.aes_key.clone();
        acct.app_id = Some(svc.app_id.clone()).filter(|s| !s.is_empty());
        acct.url = Some(format!(
            "http://{host}:{}{}",
            cfg.listen_port, svc.service_path
        ));
        acct.redirect_path = svc.redirect_path.clone();
        acct.redirect_paths = cfg
            .services
            .iter()
            .filter_map(|s| s.redirect_path.clone())
            .collect();
    } else if args.service.is_some() {
        return Err(Failure::Usage(anyhow!(
            "--service needs --config (or CONF_FILE)"
        )));
    }
    if let Some(t) = &args.token {
        acct.token = Some(t.clone());
    }
    if let Some(k) = &args.aes_key {
        acct.aes_key = Some(
            AesKey::from_encoding_key(k).map_err(|e| Failure::Usage(anyhow!("--aes-key: {e}")))?,
        );
    }
    if let Some(a) = &args.app_id {
        acct.app_id = Some(a.clone());
    }
    Ok(acct)
}
