//! `wx-gateway init [FILE]`: write the starter config (`starter.conf.json`, embedded), for
//! users who installed the binary without the repository. Never overwrites a file.

use std::io::Write;
use std::path::Path;

use anyhow::anyhow;

use super::Failure;

/// The starter config: every key of the README's config reference, secrets as `${NAME}`. A test
/// keeps it in step with the README's key tables and checks that `serve --check` accepts it.
pub const STARTER: &str = include_str!("../../starter.conf.json");

/// The environment variables the starter reads its secrets from.
const SECRETS: &str = "WXG_TOKEN, WXG_APP_SECRET, WXG_AES_KEY (43 characters), WXG_ADMIN_TOKEN";

pub fn run(file: &Path) -> Result<(), Failure> {
    if file.as_os_str() == "-" {
        // Through the closed-pipe-safe writer: `init - | head` is not an error.
        crate::out!("{STARTER}");
        return Ok(());
    }
    // create_new: an existing file (or one created meanwhile) is refused, never truncated.
    let mut out = std::fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(file)
        .map_err(|e| match e.kind() {
            std::io::ErrorKind::AlreadyExists => Failure::Usage(anyhow!(
                "{} exists; not overwriting it (remove it, give another FILE, or - for standard output)",
                file.display()
            )),
            _ => Failure::Usage(anyhow!("creating {}: {e}", file.display())),
        })?;
    out.write_all(STARTER.as_bytes())
        .map_err(|e| Failure::Failed(anyhow!("writing {}: {e}", file.display())))?;
    eprintln!(
        "wrote {f}: one echo-mode account on http://127.0.0.1:7080/wx. Next: put your AppID in \
         wx-params.app-id, export {SECRETS}, then run `wx-gateway serve --check --config {f}`.",
        f = file.display()
    );
    Ok(())
}
