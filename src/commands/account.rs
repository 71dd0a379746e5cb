//! The account a tool acts for: a service of the config file, overridden by explicit flags;
//! with neither, the embedded sample that `serve` runs without a config. No network, no output
//! but the one note saying the sample is used.

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
    /// The callback URL derived from the config (`http://host:port/service-path`); `None` when
    /// there is no config or its listen-port is 0 (a port picked at start, unknown here).
    pub url: Option<String>,
    /// The config's listen-port, when a config was read.
    pub listen_port: Option<u16>,
    /// The service's callback path, when a config was read.
    pub service_path: Option<String>,
    /// Where the account came from, for messages: the config file, or the embedded sample.
    pub origin: Option<String>,
    /// The account is the embedded sample's: no --config, CONF_FILE or account flag was given.
    pub from_sample: bool,
    /// Every redirect-path of the config (for menu-url's lint) and this service's own.
    pub redirect_paths: Vec<String>,
    pub redirect_path: Option<String>,
}

/// Resolves the account from `--config`/`CONF_FILE` and `--service`, then the flags. With no
/// config and no account flag at all, the embedded sample.conf.json is the account (a note on
/// stderr says so), so that `wx-gateway serve` and `wx-gateway simulate text hi` pair up with
/// no flags, as the README's quick start does.
pub fn resolve(args: &AccountArgs) -> Result<Account, Failure> {
    let mut acct = Account::default();
    let no_flags = args.token.is_none() && args.aes_key.is_none() && args.app_id.is_none();
    if args.config.is_none() && args.service.is_some() {
        return Err(Failure::Usage(anyhow!(
            "--service needs --config (or CONF_FILE)"
        )));
    }
    if args.config.is_some() || no_flags {
        let loaded = config::load(args.config.as_deref()).map_err(|e| Failure::Usage(e.into()))?;
        let svc = loaded
            .service(args.service.as_deref())
            .map_err(|e| Failure::Usage(e.into()))?;
        if args.config.is_none() {
            acct.from_sample = true;
            eprintln!(
                "wx-gateway: note: no --config, CONF_FILE or --token: using the embedded sample.conf.json (the account `wx-gateway serve` runs without a config)"
            );
        }
        let cfg = &loaded.config;
        let host = match cfg.listen_host.as_str() {
            "" | "0.0.0.0" | "::" => "127.0.0.1".to_owned(),
            h if h.contains(':') => format!("[{h}]"),
            h => h.to_owned(),
        };
        acct.token = Some(svc.token.expose().to_owned());
        acct.aes_key = svc.aes_key.clone();
        acct.app_id = Some(svc.app_id.clone()).filter(|s| !s.is_empty());
        acct.listen_port = Some(cfg.listen_port);
        acct.service_path = Some(svc.service_path.clone());
        acct.url = (cfg.listen_port != 0)
            .then(|| format!("http://{host}:{}{}", cfg.listen_port, svc.service_path));
        acct.origin = Some(loaded.origin.clone());
        acct.redirect_path = svc.redirect_path.clone();
        acct.redirect_paths = cfg
            .services
            .iter()
            .filter_map(|s| s.redirect_path.clone())
            .collect();
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
