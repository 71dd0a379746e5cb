//! One cached access_token or jsapi_ticket: freshness and refresh margin, single-flight
//! fetching, compare-and-invalidate, and go-wx-gateway's cache-file format (`{"expire": …,
//! "token": …}` / `"ticket"`), written atomically and readable by this user only.

use std::path::{Path, PathBuf};
use std::sync::Mutex;

use serde_json::{Value, json};

use super::ApiError;
use super::shared::{Claim, SharedSlot};
use crate::{clock, random};

/// go-wx-gateway writes `expire` this many seconds before WeChat's expiry.
const FILE_MARGIN: u64 = 10;

fn unix_now() -> u64 {
    clock::unix_now().max(0) as u64
}

/// A token or ticket with its expiry (unix seconds).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Cached {
    pub value: String,
    pub expires_at: u64,
    /// Seconds it was issued for.
    pub lifetime: u64,
}

impl Cached {
    /// Refreshed this long before expiry: a quarter of its life, at most 5 minutes.
    fn margin(&self) -> u64 {
        (self.lifetime / 4).min(300)
    }

    pub(crate) fn fresh(&self, now: u64) -> bool {
        now + self.margin() < self.expires_at
    }

    pub fn refresh_at(&self) -> u64 {
        self.expires_at.saturating_sub(self.margin())
    }
}

/// Which secret value a cache holds.
#[derive(Debug, Clone, Copy)]
pub(super) enum Kind {
    AccessToken,
    JsapiTicket,
}

impl Kind {
    /// Its name in Redis keys.
    pub(super) fn key_name(self) -> &'static str {
        match self {
            Kind::AccessToken => "access_token",
            Kind::JsapiTicket => "jsapi_ticket",
        }
    }

    fn file_field(self) -> &'static str {
        match self {
            Kind::AccessToken => "token",
            Kind::JsapiTicket => "ticket",
        }
    }
}

/// One cached value with single-flight fetching and compare-and-invalidate.
pub(super) struct Slot {
    kind: Kind,
    current: Mutex<Option<Cached>>,
    /// The value last reported invalid: never taken from the file again.
    rejected: Mutex<Option<String>>,
    fetching: tokio::sync::Mutex<()>,
    file: Option<PathBuf>,
    /// The value shared with other instances through Redis, when configured.
    shared: Option<SharedSlot>,
}

impl Slot {
    pub(super) fn new(kind: Kind, file: Option<PathBuf>, shared: Option<SharedSlot>) -> Slot {
        Slot {
            kind,
            current: Mutex::new(None),
            rejected: Mutex::new(None),
            fetching: tokio::sync::Mutex::new(()),
            file,
            shared,
        }
    }

    fn rejected(&self) -> Option<String> {
        self.rejected.lock().ok()?.clone()
    }

    pub(super) fn fresh(&self) -> Option<Cached> {
        let now = unix_now();
        self.current.lock().ok()?.clone().filter(|c| c.fresh(now))
    }

    pub(super) fn peek(&self) -> Option<Cached> {
        self.current.lock().ok()?.clone()
    }

    pub(super) fn store(&self, c: Cached) {
        if let Ok(mut cur) = self.current.lock() {
            *cur = Some(c);
        }
    }

    /// The fresh value, else the cache file's, else the one another instance shared through
    /// Redis, else `fetch`'s: one fetch at a time in this instance, and with Redis one in the
    /// cluster (the others wait for it and take its result). Redis failing falls back to this
    /// instance's own fetch.
    pub(super) async fn get_or_fetch<F, Fut>(&self, fetch: F) -> Result<Cached, ApiError>
    where
        F: FnOnce() -> Fut,
        Fut: std::future::Future<Output = Result<Cached, ApiError>>,
    {
        if let Some(c) = self.fresh() {
            return Ok(c);
        }
        let _one = self.fetching.lock().await;
        if let Some(c) = self.fresh() {
            return Ok(c);
        }
        if let Some(c) = self.read_file() {
            self.store(c.clone());
            return Ok(c);
        }
        let Some(shared) = &self.shared else {
            return self.fetched(fetch().await);
        };
        let rejected = self.rejected();
        match shared.claim(rejected.as_deref(), unix_now).await {
            Ok(Claim::Value(c)) => {
                self.store(c.clone());
                self.write_file(&c);
                Ok(c)
            }
            Ok(Claim::Fetch) => {
                let got = fetch().await;
                let shared_too = match &got {
                    Ok(c) => shared.publish(c, unix_now()).await,
                    Err(_) => shared.release().await,
                };
                if let Err(e) = shared_too {
                    tracing::debug!(error = %e, "shared token: could not publish to redis");
                }
                self.fetched(got)
            }
            Err(e) => {
                tracing::debug!(error = %e, "shared token: redis gave nothing; fetching on this instance");
                self.fetched(fetch().await)
            }
        }
    }

    fn fetched(&self, got: Result<Cached, ApiError>) -> Result<Cached, ApiError> {
        let c = got?;
        self.store(c.clone());
        self.write_file(&c);
        Ok(c)
    }

    /// With Redis, takes a fresher shared value than the one held (an instance that does not
    /// refresh this account itself); true when the held value is fresh now.
    pub(super) async fn adopt_shared(&self) -> bool {
        let Some(shared) = &self.shared else {
            return false;
        };
        match shared.read(unix_now()).await {
            Ok(Some(c)) if self.rejected().as_deref() != Some(c.value.as_str()) => {
                self.store(c);
                true
            }
            _ => false,
        }
    }

    /// Forgets `failing` if it is still the current value, and with Redis deletes the shared
    /// value if it is `failing` (atomically: one bad token, one refetch cluster-wide). True when
    /// this call is the one that invalidated it (the refetch then forces a new token).
    pub(super) async fn invalidate(&self, failing: &str) -> bool {
        let local = self.invalidate_local(failing);
        let Some(shared) = &self.shared else {
            return local;
        };
        match shared.invalidate(failing).await {
            Ok(deleted) => deleted,
            Err(e) => {
                tracing::debug!(error = %e, "shared token: could not invalidate in redis");
                local
            }
        }
    }

    fn invalidate_local(&self, failing: &str) -> bool {
        if let Ok(mut r) = self.rejected.lock() {
            *r = Some(failing.to_owned());
        }
        let Ok(mut cur) = self.current.lock() else {
            return false;
        };
        if cur.as_ref().is_some_and(|c| c.value == failing) {
            *cur = None;
            return true;
        }
        false
    }

    /// The file's value when it is fresh and not the one known to be invalid.
    fn read_file(&self) -> Option<Cached> {
        let text = std::fs::read_to_string(self.file.as_ref()?).ok()?;
        let v: Value = serde_json::from_str(&text).ok()?;
        let value = v.get(self.kind.file_field())?.as_str()?.to_owned();
        let expire = v.get("expire")?.as_u64()?;
        if self.rejected().as_deref() == Some(value.as_str()) {
            return None;
        }
        // go-wx-gateway's `expire` already has its 10 s margin; the lifetime is WeChat's usual.
        let c = Cached {
            value,
            expires_at: expire + FILE_MARGIN,
            lifetime: 7200,
        };
        c.fresh(unix_now()).then_some(c)
    }

    /// Writes the file atomically: a temporary file of its own, then rename. See [`write_private`].
    fn write_file(&self, c: &Cached) {
        let Some(path) = &self.file else { return };
        let body = json!({"expire": c.expires_at.saturating_sub(FILE_MARGIN), self.kind.file_field(): c.value});
        if let Err(e) = write_private(path, body.to_string().as_bytes()) {
            tracing::warn!(error = %e, "token-cache-dir: could not write the cache file");
        }
    }
}

/// Replaces `path` with `contents`, readable by this user only (the file holds a live token).
/// The temporary name is unique to this write (the token and the ticket once shared one, so
/// two writes could cross) and unpredictable, and it is created with O_EXCL, so a file or
/// symlink planted in a shared directory is never written through. The data is synced
/// before the rename and the directory after it, so a crash leaves the old file or the new
/// one, never an empty one.
fn write_private(path: &Path, contents: &[u8]) -> std::io::Result<()> {
    use std::io::Write as _;
    let dir = path.parent().filter(|d| !d.as_os_str().is_empty());
    if let Some(dir) = dir {
        create_private_dir(dir)?;
    }
    let name = path.file_name().unwrap_or_default().to_string_lossy();
    let tmp = path.with_file_name(format!(
        ".{name}.{}.{}.tmp",
        std::process::id(),
        random::alphanumeric(12)
    ));
    let mut options = std::fs::OpenOptions::new();
    options.write(true).create_new(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt as _;
        options.mode(0o600);
    }
    let written = options.open(&tmp).and_then(|mut f| {
        f.write_all(contents)?;
        f.sync_all()
    });
    if let Err(e) = written.and_then(|()| std::fs::rename(&tmp, path)) {
        let _ = std::fs::remove_file(&tmp);
        return Err(e);
    }
    // The rename is durable once the directory is synced. Some file systems refuse to sync a
    // directory; the file is in place all the same, so that is no failure.
    #[cfg(unix)]
    if let Some(dir) = dir {
        let _ = std::fs::File::open(dir).and_then(|d| d.sync_all());
    }
    Ok(())
}

/// The cache directory, created readable by this user only when it does not exist yet (an
/// existing directory keeps its mode: it may be shared with go-wx-gateway on purpose).
fn create_private_dir(dir: &Path) -> std::io::Result<()> {
    let mut builder = std::fs::DirBuilder::new();
    builder.recursive(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::DirBuilderExt as _;
        builder.mode(0o700);
    }
    builder.create(dir)
}

pub(super) fn parse_expiring(v: &Value, field: &str) -> Result<Cached, ApiError> {
    let value = v
        .get(field)
        .and_then(Value::as_str)
        .filter(|s| !s.is_empty())
        .ok_or_else(|| ApiError::Decode(format!("no {field} in the answer")))?;
    let lifetime = v.get("expires_in").and_then(Value::as_u64).unwrap_or(7200);
    Ok(Cached {
        value: value.to_owned(),
        expires_at: unix_now() + lifetime,
        lifetime,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn freshness_and_margin() {
        let c = Cached {
            value: "t".into(),
            expires_at: 10_000,
            lifetime: 7200,
        };
        assert_eq!(c.refresh_at(), 9_700);
        assert!(c.fresh(9_699));
        assert!(!c.fresh(9_700));
        let short = Cached {
            value: "t".into(),
            expires_at: 100,
            lifetime: 4,
        };
        assert_eq!(short.refresh_at(), 99);
    }
}
