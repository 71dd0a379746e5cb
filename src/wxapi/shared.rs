//! The Redis side of an account's token and ticket, when several instances share one Redis:
//! the shared value, the cluster-wide single fetcher, compare-and-invalidate and the
//! refresher's lease. Keys are hash-tagged per account (`{acct:<appid>}`, so they live on one
//! Redis Cluster slot and one script may touch them together), and each has a TTL.
//!
//! Nothing here may stop a token from being served: every call has [`BUDGET`], and any error
//! is `Err` for the caller to fall back on its local state (today's single-instance broker).

use std::sync::{Arc, LazyLock};
use std::time::Duration;

use redis::Script;

use super::token::Cached;
use crate::state::redis::{BUDGET, Redis, RedisError};

/// How long the fetch lock is held at most: a fetch's own timeout (5 s) and a margin. A holder
/// that dies leaves it to expire; waiters then take it.
const FETCH_LOCK: Duration = Duration::from_secs(6);
/// How long a waiter waits for the holder of the fetch lock before it fetches itself: a
/// holder that died must not stall every instance's token users for the lock's whole life
/// (WeChat answers a token fetch in well under this).
const HOLDER_WAIT: Duration = Duration::from_secs(2);
/// How often a waiter looks whether the holder of the fetch lock has published.
const POLL: Duration = Duration::from_millis(25);
/// How long the background refresher's lease lasts (renewed by its holder while it refreshes).
pub(super) const LEASE: Duration = Duration::from_secs(60);

/// Takes the value when it is fresh and not the one this instance saw rejected, else the fetch
/// lock if nobody holds it. KEYS: value, lock. ARGV: rejected value ("" for none), now (unix
/// s), owner, lock ms. Freshness is [`Cached::fresh`]'s: a quarter of the life, at most 300 s.
const CLAIM: &str = r"
local t = redis.call('HMGET', KEYS[1], 'v', 'exp', 'life')
if t[1] and t[1] ~= ARGV[1] then
  local exp, life = tonumber(t[2]), tonumber(t[3])
  if exp and life and tonumber(ARGV[2]) + math.min(math.floor(life / 4), 300) < exp then
    return {'value', t[1], t[2], t[3]}
  end
end
if redis.call('SET', KEYS[2], ARGV[3], 'NX', 'PX', ARGV[4]) then
  return {'fetch'}
end
return {'wait'}
";

/// Stores a fetched value with its remaining life as TTL and frees the lock if still ours.
/// KEYS: value, lock. ARGV: value, expires at (unix s), lifetime (s), ttl ms, owner.
const PUBLISH: &str = r"
redis.call('DEL', KEYS[1])
redis.call('HSET', KEYS[1], 'v', ARGV[1], 'exp', ARGV[2], 'life', ARGV[3])
redis.call('PEXPIRE', KEYS[1], ARGV[4])
if redis.call('GET', KEYS[2]) == ARGV[5] then redis.call('DEL', KEYS[2]) end
return 1
";

/// Deletes the value only if it is the one that failed: 1 when this call deleted it (so one bad
/// token causes one refetch, cluster-wide). KEYS: value. ARGV: the failing value.
const INVALIDATE: &str = r"
if redis.call('HGET', KEYS[1], 'v') == ARGV[1] then
  redis.call('DEL', KEYS[1])
  return 1
end
return 0
";

/// Deletes a lock or lease only if `owner` holds it. KEYS: lock. ARGV: owner.
const RELEASE: &str = r"
if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end
return 0
";

/// Takes the lease when free, renews it when ours: 1 when this owner holds it now.
/// KEYS: lease. ARGV: owner, ms.
const LEASE_SCRIPT: &str = r"
local cur = redis.call('GET', KEYS[1])
if not cur then
  redis.call('SET', KEYS[1], ARGV[1], 'PX', ARGV[2])
  return 1
end
if cur == ARGV[1] then
  redis.call('PEXPIRE', KEYS[1], ARGV[2])
  return 1
end
return 0
";

/// The scripts, hashed once (sent by SHA, and in full once per Redis that lacks them).
struct Scripts {
    claim: Script,
    publish: Script,
    invalidate: Script,
    release: Script,
    lease: Script,
}

static SCRIPTS: LazyLock<Scripts> = LazyLock::new(|| Scripts {
    claim: Script::new(CLAIM),
    publish: Script::new(PUBLISH),
    invalidate: Script::new(INVALIDATE),
    release: Script::new(RELEASE),
    lease: Script::new(LEASE_SCRIPT),
});

/// The hash tag of an account's keys: every key of one account is on one cluster slot.
pub(crate) fn account_key(redis: &Redis, app_id: &str, rest: &str) -> String {
    redis.key(&format!("{{acct:{app_id}}}:{rest}"))
}

/// One token's (or ticket's) keys in Redis and this instance's name as a lock owner.
pub(super) struct SharedSlot {
    redis: Arc<Redis>,
    /// `{acct:<appid>}:access_token` or `:jsapi_ticket`: a hash `v`, `exp`, `life`.
    value_key: String,
    /// `…:fetching`: the one instance fetching from WeChat now.
    lock_key: String,
    owner: String,
}

/// What [`SharedSlot::claim`] found.
pub(super) enum Claim {
    /// Another instance's fresh value.
    Value(Cached),
    /// This instance holds the fetch lock: fetch, then [`SharedSlot::publish`] (or
    /// [`SharedSlot::release`] on failure).
    Fetch,
}

impl SharedSlot {
    pub(super) fn new(redis: Arc<Redis>, app_id: &str, name: &str, owner: &str) -> SharedSlot {
        SharedSlot {
            value_key: account_key(&redis, app_id, name),
            lock_key: account_key(&redis, app_id, &format!("{name}:fetching")),
            redis,
            owner: owner.to_owned(),
        }
    }

    /// The shared fresh value, or the fetch lock: waits (polling) while another instance
    /// fetches. `Err` when Redis fails or the holder neither publishes nor lets go in time:
    /// the caller then fetches on its own.
    pub(super) async fn claim(
        &self,
        rejected: Option<&str>,
        now: impl Fn() -> u64,
    ) -> Result<Claim, RedisError> {
        let deadline = tokio::time::Instant::now() + HOLDER_WAIT;
        loop {
            let mut inv = SCRIPTS.claim.prepare_invoke();
            inv.key(&self.value_key)
                .key(&self.lock_key)
                .arg(rejected.unwrap_or(""))
                .arg(now())
                .arg(&self.owner)
                .arg(FETCH_LOCK.as_millis() as u64);
            let got: Vec<String> = self.redis.script(inv, BUDGET).await?;
            match got.first().map(String::as_str) {
                Some("value") if got.len() == 4 => {
                    let (Ok(expires_at), Ok(lifetime)) = (got[2].parse(), got[3].parse()) else {
                        return Err(RedisError::Failed("malformed shared token".into()));
                    };
                    return Ok(Claim::Value(Cached {
                        value: got[1].clone(),
                        expires_at,
                        lifetime,
                    }));
                }
                Some("fetch") => return Ok(Claim::Fetch),
                Some("wait") if tokio::time::Instant::now() < deadline => {
                    tokio::time::sleep(POLL).await;
                }
                Some("wait") => {
                    return Err(RedisError::Failed(
                        "the instance fetching the shared token did not finish in time".into(),
                    ));
                }
                _ => {
                    return Err(RedisError::Failed(
                        "unexpected answer of the claim script".into(),
                    ));
                }
            }
        }
    }

    /// The shared value when it is fresh (for an instance that does not refresh itself).
    pub(super) async fn read(&self, now: u64) -> Result<Option<Cached>, RedisError> {
        let cmd = redis::cmd("HMGET")
            .arg(&self.value_key)
            .arg("v")
            .arg("exp")
            .arg("life")
            .to_owned();
        let got: Vec<Option<String>> = self.redis.query(&cmd, BUDGET).await?;
        let [Some(value), Some(exp), Some(life)] = got.as_slice() else {
            return Ok(None);
        };
        let (Ok(expires_at), Ok(lifetime)) = (exp.parse(), life.parse()) else {
            return Ok(None);
        };
        let c = Cached {
            value: value.clone(),
            expires_at,
            lifetime,
        };
        Ok(c.fresh(now).then_some(c))
    }

    /// Stores a value this instance fetched (its TTL is its remaining life) and frees the lock.
    pub(super) async fn publish(&self, c: &Cached, now: u64) -> Result<(), RedisError> {
        let ttl_ms = c.expires_at.saturating_sub(now).max(1) * 1000;
        let mut inv = SCRIPTS.publish.prepare_invoke();
        inv.key(&self.value_key)
            .key(&self.lock_key)
            .arg(&c.value)
            .arg(c.expires_at)
            .arg(c.lifetime)
            .arg(ttl_ms)
            .arg(&self.owner);
        self.redis.script::<i64>(inv, BUDGET).await.map(drop)
    }

    /// Frees the fetch lock after a failed fetch, so that another instance may try.
    pub(super) async fn release(&self) -> Result<(), RedisError> {
        release(&self.redis, &self.lock_key, &self.owner).await
    }

    /// Deletes the shared value if it is `failing`: true when this call deleted it.
    pub(super) async fn invalidate(&self, failing: &str) -> Result<bool, RedisError> {
        let mut inv = SCRIPTS.invalidate.prepare_invoke();
        inv.key(&self.value_key).arg(failing);
        self.redis.script::<i64>(inv, BUDGET).await.map(|n| n == 1)
    }
}

async fn release(redis: &Redis, key: &str, owner: &str) -> Result<(), RedisError> {
    let mut inv = SCRIPTS.release.prepare_invoke();
    inv.key(key).arg(owner);
    redis.script::<i64>(inv, BUDGET).await.map(drop)
}

/// The background refresher's lease of one account: the one instance that refreshes it.
pub(super) struct Lease {
    redis: Arc<Redis>,
    /// `{acct:<appid>}:refresher`: the holder's owner name.
    key: String,
    owner: String,
}

impl Lease {
    pub(super) fn new(redis: Arc<Redis>, app_id: &str, owner: &str) -> Lease {
        Lease {
            key: account_key(&redis, app_id, "refresher"),
            redis,
            owner: owner.to_owned(),
        }
    }

    /// Takes or renews the lease: true when this instance refreshes the account.
    pub(super) async fn hold(&self) -> Result<bool, RedisError> {
        let mut inv = SCRIPTS.lease.prepare_invoke();
        inv.key(&self.key)
            .arg(&self.owner)
            .arg(LEASE.as_millis() as u64);
        self.redis.script::<i64>(inv, BUDGET).await.map(|n| n == 1)
    }
}
