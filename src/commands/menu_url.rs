//! `wx-gateway menu-url`: the OAuth link of a menu button, linted, optionally as a terminal QR
//! code; or a whole WeChat menu JSON from a menu file whose OAuth buttons name only a `state`.

use std::io::Read;

use anyhow::anyhow;
use serde_json::{Map, Value, json};

use super::Failure;
use super::account::{self, Account};
use crate::cli::{AccountArgs, MenuUrlArgs, Scope as CliScope};
use crate::ui::Ui;
use crate::wechat::oauth::{self, Scope};

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
    // menu-url signs and decrypts nothing: only the config, the service and the AppID matter,
    // so its --help offers only those.
    let acct = account::resolve(&AccountArgs {
        config: args.config.clone(),
        service: args.service.clone(),
        app_id: args.app_id.clone(),
        ..AccountArgs::default()
    })?;
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
        crate::outln!("{}", json!({"url": url, "warnings": warnings}));
        return Ok(());
    }
    for w in &warnings {
        eprintln!("wx-gateway: warning: {w}");
    }
    crate::outln!("{url}");
    if args.qr {
        let light_background = args.qr_invert != background_is_light();
        let (art, columns) = qr_art(&url, light_background)?;
        if columns > QR_FIT_COLUMNS {
            eprintln!(
                "wx-gateway: warning: the QR code is {columns} columns wide and breaks in a terminal narrower than that: widen it, or shorten the redirect URL"
            );
        }
        crate::out!("{art}");
        crate::outln!(
            "{}",
            ui.dim("scan with WeChat to open the link as a menu click would")
        );
    }
    Ok(())
}

/// The width a QR code must fit for a stock terminal.
const QR_FIT_COLUMNS: usize = 80;
/// ISO 18004's quiet zone, in modules: scanners find the code by this light margin.
const QUIET_ZONE: usize = 4;

/// `COLORFGBG` ("15;0": white on black) names the background's palette index; 7 and 15 are
/// the light greys and white. Without it the background is taken as dark, the common default.
fn background_is_light() -> bool {
    std::env::var("COLORFGBG")
        .ok()
        .and_then(|v| v.rsplit(';').next().and_then(|bg| bg.parse::<u8>().ok()))
        .is_some_and(|bg| bg == 7 || bg == 15)
}

/// The link as a QR code in half-block characters (two modules per character cell, one per
/// column), with its quiet zone, and its width in columns. A scanner needs dark modules on a
/// light ground: on a dark background the light modules and the quiet zone are drawn in the
/// (light) foreground; on a light one the dark modules are. The error-correction level drops
/// from M to L when that is what makes the code fit 80 columns.
fn qr_art(url: &str, light_background: bool) -> Result<(String, usize), Failure> {
    use qrcode::{Color, EcLevel, QrCode};
    let code = [EcLevel::M, EcLevel::L]
        .into_iter()
        .filter_map(|level| QrCode::with_error_correction_level(url.as_bytes(), level).ok())
        .reduce(|fits, smaller| {
            if fits.width() + 2 * QUIET_ZONE <= QR_FIT_COLUMNS {
                fits
            } else {
                smaller
            }
        })
        .ok_or_else(|| Failure::Failed(anyhow!("the link is too long for a QR code")))?;
    let width = code.width();
    let colors = code.to_colors();
    let size = width + 2 * QUIET_ZONE;
    // Whether module (x, y) of the code with its quiet zone is drawn in the foreground.
    let ink = |x: usize, y: usize| {
        let dark = x >= QUIET_ZONE
            && y >= QUIET_ZONE
            && x < QUIET_ZONE + width
            && y < QUIET_ZONE + width
            && colors[(y - QUIET_ZONE) * width + (x - QUIET_ZONE)] == Color::Dark;
        dark == light_background
    };
    let mut art = String::new();
    for y in (0..size).step_by(2) {
        for x in 0..size {
            // An odd size leaves the last row's lower half: more quiet zone.
            let lower = if y + 1 < size {
                ink(x, y + 1)
            } else {
                !light_background
            };
            art.push(match (ink(x, y), lower) {
                (false, false) => ' ',
                (true, false) => '▀',
                (false, true) => '▄',
                (true, true) => '█',
            });
        }
        art.push('\n');
    }
    Ok((art, size))
}

/// WeChat's limits on menus.
const MAX_TOP: usize = 3;
const MAX_SUB: usize = 5;
const MAX_TOP_NAME: usize = 16;
const MAX_SUB_NAME: usize = 60;

/// Every button type of WeChat's menu/create with the fields it requires (besides `name`).
const BUTTON_TYPES: &[(&str, &[&str])] = &[
    ("click", &["key"]),
    ("view", &["url"]),
    ("miniprogram", &["url", "appid", "pagepath"]),
    ("scancode_push", &["key"]),
    ("scancode_waitmsg", &["key"]),
    ("pic_sysphoto", &["key"]),
    ("pic_photo_or_album", &["key"]),
    ("pic_weixin", &["key"]),
    ("location_select", &["key"]),
    ("media_id", &["media_id"]),
    ("view_limited", &["media_id"]),
    ("article_id", &["article_id"]),
    ("article_view_limited", &["article_id"]),
];

/// The keys of an OAuth button: the one kind of button this command rewrites.
const OAUTH_KEYS: &[&str] = &["name", "state", "scope", "redirect"];

fn menu(
    args: &MenuUrlArgs,
    acct: &Account,
    app_id: &str,
    file: &std::path::Path,
) -> Result<(), Failure> {
    let mut text = String::new();
    if file.as_os_str() == "-" {
        std::io::stdin().read_to_string(&mut text)
    } else {
        std::fs::File::open(file).and_then(|mut f| f.read_to_string(&mut text))
    }
    .map_err(|e| Failure::Usage(anyhow!("reading {}: {e}", file.display())))?;
    let doc: Value = serde_json::from_str(&text)
        .map_err(|e| Failure::Usage(anyhow!("{}: {e}", file.display())))?;
    // A list of buttons, or a whole menu ({"button": […]}, also as `menu get` prints it).
    let buttons = match &doc {
        Value::Array(list) => Some(list),
        Value::Object(o) => o
            .get("menu")
            .unwrap_or(&doc)
            .get("button")
            .and_then(Value::as_array),
        _ => None,
    }
    .ok_or_else(|| {
        Failure::Usage(anyhow!(
            "{}: expected a list of buttons or {{\"button\": [...]}}",
            file.display()
        ))
    })?;
    if buttons.is_empty() || buttons.len() > MAX_TOP {
        return Err(Failure::Usage(anyhow!(
            "a menu has 1 to {MAX_TOP} top-level buttons, got {}",
            buttons.len()
        )));
    }
    let mut warnings = Vec::new();
    let mut out = Vec::new();
    for (i, b) in buttons.iter().enumerate() {
        let at = format!("[{i}]");
        out.push(button_json(
            args,
            acct,
            app_id,
            b,
            &at,
            MAX_TOP_NAME,
            true,
            &mut warnings,
        )?);
    }
    for w in &warnings {
        eprintln!("wx-gateway: warning: {w}");
    }
    let menu = json!({"button": out});
    crate::outln!(
        "{}",
        if args.output.json {
            menu.to_string()
        } else {
            serde_json::to_string_pretty(&menu).unwrap_or_default()
        }
    );
    Ok(())
}

#[expect(
    clippy::too_many_arguments,
    reason = "one recursive walk over the menu; the arguments are its context"
)]
fn button_json(
    args: &MenuUrlArgs,
    acct: &Account,
    app_id: &str,
    b: &Value,
    at: &str,
    max_name: usize,
    top: bool,
    warnings: &mut Vec<String>,
) -> Result<Value, Failure> {
    let fail = |m: String| Failure::Usage(anyhow!("menu{at}: {m}"));
    let b = b
        .as_object()
        .ok_or_else(|| fail("a button is a JSON object".into()))?;
    let text = |key: &str| -> Result<Option<&str>, Failure> {
        match b.get(key) {
            None => Ok(None),
            Some(Value::String(s)) => Ok(Some(s)),
            Some(other) => Err(fail(format!("{key} must be a string, got {other}"))),
        }
    };
    let name = text("name")?.unwrap_or_default();
    if name.is_empty() || name.len() > max_name {
        return Err(fail(format!(
            "name {name:?} is {} bytes; WeChat allows 1 to {max_name}",
            name.len()
        )));
    }
    let subs = b.get("sub_button").and_then(Value::as_array);
    if let Some(subs) = subs.filter(|s| !s.is_empty()) {
        if !top {
            return Err(fail("sub-buttons cannot nest".into()));
        }
        if subs.len() > MAX_SUB {
            return Err(fail(format!(
                "{} sub-buttons; WeChat allows at most {MAX_SUB}",
                subs.len()
            )));
        }
        if let Some(k) = ["state", "type"].into_iter().find(|k| b.contains_key(*k)) {
            return Err(fail(format!("a button with sub_button cannot have a {k}")));
        }
        let subs = subs
            .iter()
            .enumerate()
            .map(|(j, s)| {
                let at = format!("{at}.sub_button[{j}]");
                button_json(args, acct, app_id, s, &at, MAX_SUB_NAME, false, warnings)
            })
            .collect::<Result<Vec<_>, _>>()?;
        return Ok(json!({"name": name, "sub_button": subs}));
    }
    if let Some(state) = text("state")? {
        // An OAuth button: the only kind whose link is built here.
        if let Some(k) = b.keys().find(|k| !OAUTH_KEYS.contains(&k.as_str())) {
            return Err(fail(format!(
                "{k:?}: a button with a state is an OAuth link ({}); give a WeChat button its type and fields instead",
                OAUTH_KEYS.join(", ")
            )));
        }
        let scope = match text("scope")? {
            None | Some("base") | Some("snsapi_base") => Scope::Base,
            Some("userinfo") | Some("snsapi_userinfo") => Scope::UserInfo,
            Some(other) => return Err(fail(format!("scope {other:?}: use base or userinfo"))),
        };
        let (url, w) = link(args, acct, app_id, state, scope, text("redirect")?)
            .map_err(|f| fail(f.error().to_string()))?;
        if url.len() > 1024 {
            return Err(fail(format!(
                "the link is {} bytes; WeChat allows 1024",
                url.len()
            )));
        }
        warnings.extend(w.into_iter().map(|w| format!("menu{at}: {w}")));
        return Ok(json!({"type": "view", "name": name, "url": url}));
    }
    let kind = text("type")?.ok_or_else(|| {
        fail("needs a state (an OAuth link), a type (a WeChat button) or sub_button".into())
    })?;
    let (_, required) = BUTTON_TYPES
        .iter()
        .find(|(t, _)| *t == kind)
        .ok_or_else(|| {
            let known: Vec<&str> = BUTTON_TYPES.iter().map(|(t, _)| *t).collect();
            fail(format!(
                "type {kind:?} is not a WeChat button type ({})",
                known.join(", ")
            ))
        })?;
    for key in *required {
        if text(key)?.is_none_or(str::is_empty) {
            return Err(fail(format!("a {kind} button needs {key}")));
        }
    }
    // Kept as written (WeChat may know fields this list does not), but without the empty
    // sub_button that `menu get` shows on every leaf.
    let kept: Map<String, Value> = b
        .iter()
        .filter(|(k, _)| k.as_str() != "sub_button")
        .map(|(k, v)| (k.clone(), v.clone()))
        .collect();
    Ok(Value::Object(kept))
}
