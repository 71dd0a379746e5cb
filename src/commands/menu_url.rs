//! `wx-gateway menu-url`: the OAuth link of a menu button, linted, optionally as a terminal QR
//! code; or a whole WeChat menu JSON from a short list of buttons.

use anyhow::anyhow;
use serde::Deserialize;
use serde_json::json;

use super::Failure;
use super::account::{self, Account};
use crate::cli::{MenuUrlArgs, Scope as CliScope};
use crate::ui::Ui;
use crate::wechat::oauth::{self, Scope};

/// One button of `--menu FILE`.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Button {
    name: String,
    #[serde(default)]
    state: Option<String>,
    #[serde(default)]
    scope: Option<String>,
    #[serde(default)]
    redirect: Option<String>,
    #[serde(default)]
    sub_button: Vec<Button>,
}

fn scope_of(s: CliScope) -> Scope {
    match s {
        CliScope::Base => Scope::Base,
        CliScope::Userinfo => Scope::UserInfo,
    }
}

/// The redirect URL: `--redirect`, else `--host` + the service's redirect-path.
fn redirect(args: &MenuUrlArgs, acct: &Account, own: Option<&str>) -> Result<String, Failure> {
    if let Some(r) = own.or(args.redirect.as_deref()) {
        return Ok(r.to_owned());
    }
    match (&args.host, &acct.redirect_path) {
        (Some(host), Some(path)) => Ok(format!("{}{path}", host.trim_end_matches('/'))),
        (Some(_), None) => Err(Failure::Usage(anyhow!(
            "--host needs a service with listen-endpoints.redirect-path in the config; or give --redirect URL"
        ))),
        (None, _) => Err(Failure::Usage(anyhow!(
            "give --redirect URL, or --host ORIGIN with a config that has a redirect-path"
        ))),
    }
}

/// Builds and lints one link; warnings are returned, errors fail.
fn link(
    args: &MenuUrlArgs,
    acct: &Account,
    app_id: &str,
    state: &str,
    scope: Scope,
    own_redirect: Option<&str>,
) -> Result<(String, Vec<String>), Failure> {
    oauth::check_state(state).map_err(|e| Failure::Usage(anyhow!(e)))?;
    let redirect = redirect(args, acct, own_redirect)?;
    let path = oauth::check_redirect(&redirect).map_err(|e| Failure::Usage(anyhow!(e)))?;
    let mut warnings = Vec::new();
    if !acct.redirect_paths.is_empty() && !acct.redirect_paths.contains(&path) {
        warnings.push(format!(
            "redirect path {path} is not a configured redirect-path ({}): the gateway will answer 404",
            acct.redirect_paths.join(", ")
        ));
    }
    Ok((
        oauth::authorize_url(&args.open_base, app_id, &redirect, scope, state),
        warnings,
    ))
}

pub fn run(args: MenuUrlArgs) -> Result<(), Failure> {
    let ui = Ui::new(args.output.color);
    let acct = account::resolve(&args.account)?;
    let app_id = acct
        .app_id
        .clone()
        .ok_or_else(|| Failure::Usage(anyhow!("no AppID: give --app-id or --config")))?;
    if let Some(file) = &args.menu {
        return menu(&args, &acct, &app_id, file);
    }
    let state = args.state.as_deref().unwrap_or_default();
    let (url, warnings) = link(&args, &acct, &app_id, state, scope_of(args.scope), None)?;
    if args.output.json {
        println!("{}", json!({"url": url, "warnings": warnings}));
        return Ok(());
    }
    for w in &warnings {
        eprintln!("wx-gateway: warning: {w}");
    }
    println!("{url}");
    if args.qr {
        let code = qrcode::QrCode::new(url.as_bytes())
            .map_err(|e| Failure::Failed(anyhow!("QR code: {e}")))?;
        let art = code
            .render::<qrcode::render::unicode::Dense1x2>()
            .dark_color(qrcode::render::unicode::Dense1x2::Light)
            .light_color(qrcode::render::unicode::Dense1x2::Dark)
            .quiet_zone(true)
            .build();
        println!("{art}");
        println!(
            "{}",
            ui.dim("scan with WeChat to open the link as a menu click would")
        );
    }
    Ok(())
}

/// WeChat's limits on menus.
const MAX_TOP: usize = 3;
const MAX_SUB: usize = 5;
const MAX_TOP_NAME: usize = 16;
const MAX_SUB_NAME: usize = 60;

fn menu(
    args: &MenuUrlArgs,
    acct: &Account,
    app_id: &str,
    file: &std::path::Path,
) -> Result<(), Failure> {
    let text = std::fs::read_to_string(file)
        .map_err(|e| Failure::Usage(anyhow!("reading {}: {e}", file.display())))?;
    let buttons: Vec<Button> = serde_json::from_str(&text)
        .map_err(|e| Failure::Usage(anyhow!("{}: {e}", file.display())))?;
    if buttons.is_empty() || buttons.len() > MAX_TOP {
        return Err(Failure::Usage(anyhow!(
            "a menu has 1 to {MAX_TOP} top-level buttons, got {}",
            buttons.len()
        )));
    }
    let mut warnings = Vec::new();
    let mut out = Vec::new();
    for (i, b) in buttons.iter().enumerate() {
        out.push(button_json(
            args,
            acct,
            app_id,
            b,
            &format!("[{i}]"),
            MAX_TOP_NAME,
            &mut warnings,
        )?);
    }
    for w in &warnings {
        eprintln!("wx-gateway: warning: {w}");
    }
    let menu = json!({"button": out});
    println!(
        "{}",
        if args.output.json {
            menu.to_string()
        } else {
            serde_json::to_string_pretty(&menu).unwrap_or_default()
        }
    );
    Ok(())
}

fn button_json(
    args: &MenuUrlArgs,
    acct: &Account,
    app_id: &str,
    b: &Button,
    at: &str,
    max_name: usize,
    warnings: &mut Vec<String>,
) -> Result<serde_json::Value, Failure> {
    let fail = |m: String| Failure::Usage(anyhow!("menu{at}: {m}"));
    if b.name.is_empty() || b.name.len() > max_name {
        return Err(fail(format!(
            "name {:?} is {} bytes; WeChat allows 1 to {max_name}",
            b.name,
            b.name.len()
        )));
    }
    if !b.sub_button.is_empty() {
        if b.sub_button.len() > MAX_SUB {
            return Err(fail(format!(
                "{} sub-buttons; WeChat allows at most {MAX_SUB}",
                b.sub_button.len()
            )));
        }
        if b.state.is_some() {
            return Err(fail("a button with sub_button cannot have a state".into()));
        }
        let subs = b
            .sub_button
            .iter()
            .enumerate()
            .map(|(j, s)| {
                if !s.sub_button.is_empty() {
                    return Err(fail("sub-buttons cannot nest".into()));
                }
                button_json(
                    args,
                    acct,
                    app_id,
                    s,
                    &format!("{at}.sub_button[{j}]"),
                    MAX_SUB_NAME,
                    warnings,
                )
            })
            .collect::<Result<Vec<_>, _>>()?;
        return Ok(json!({"name": b.name, "sub_button": subs}));
    }
    let state = b
        .state
        .as_deref()
        .ok_or_else(|| fail("needs a state (or sub_button)".into()))?;
    let scope = match b.scope.as_deref() {
        None | Some("base") | Some("snsapi_base") => Scope::Base,
        Some("userinfo") | Some("snsapi_userinfo") => Scope::UserInfo,
        Some(other) => return Err(fail(format!("scope {other:?}: use base or userinfo"))),
    };
    let (url, w) = link(args, acct, app_id, state, scope, b.redirect.as_deref())
        .map_err(|f| fail(f.error().to_string()))?;
    if url.len() > 1024 {
        return Err(fail(format!(
            "the link is {} bytes; WeChat allows 1024",
            url.len()
        )));
    }
    warnings.extend(w.into_iter().map(|w| format!("menu{at}: {w}")));
    Ok(json!({"type": "view", "name": b.name, "url": url}))
}
