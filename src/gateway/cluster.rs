//! What instances sharing a Redis agree on for each push (`"redis"` in the config): which
//! instance calls the backend, the reply the other instances' tries get, and which signed
//! queries were seen (the replay cache).
//!
//! Keys (all under `redis-prefix`, hash-tagged per service so that one service's keys live on
//! one Redis Cluster slot; every key has a TTL):
//! - `{svc:<service>}:try:<delivery id>` = the first try's arrival (unix ms): set with `NX` by
//!   the instance that calls the backend; a 3 s lease renewed while its call runs (a try at
//!   another instance takes a lapsed one over: its holder died), 60 s once the result is
//!   published.
//! - `{svc:<service>}:reply:<delivery id>` = the call's result as JSON (`{"reply":…,"status":…}`,
//!   `reply` null when there is no passive reply to give): 60 s.
//! - `{svc:<service>}:replay:<sha1(timestamp, nonce)>` = `<sha1 of the message>:<first seen,
//!   unix s>`: until the timestamp leaves the signature window (at least 30 s).
//!
//! Every call has the Redis budget; when Redis fails the caller goes on with its local state
//! (a retry arriving at another instance may then reach the backend twice).

use std::sync::Arc;
use std::time::{Duration, Instant};

use serde::{Deserialize, Serialize};

use crate::state::Seen;
use crate::state::redis::{BUDGET, Redis};
use crate::state::replay::RETRY_PERIOD;
use crate::wechat::reply::Reply;

/// How long the published result (and the claim with it) is kept: WeChat's three tries span
/// ~15 s.
const KEEP: Duration = Duration::from_secs(60);
/// A claim's lease while its backend call runs, renewed by the holder every third of it.
pub const CLAIM_LEASE: Duration = Duration::from_secs(3);
/// How often a try that joined another instance's call looks for its result.
const POLL: Duration = Duration::from_millis(50);

/// The cluster-wide side of the retry table and the replay cache.
pub struct Cluster {
    redis: Arc<Redis>,
    admit: redis::Script,
    publish: redis::Script,
    join: redis::Script,
}

/// What a try that found the push claimed elsewhere came to.
#[derive(Debug)]
pub enum Joined {
    /// The other instance's result.
    Published(Published),
    /// That instance's claim lapsed: this try calls the backend.
    TookOver,
    /// Nothing within the try's budget.
    TimedOut,
}

/// KEYS: reply, claim. ARGV: result JSON, TTL (ms).
const PUBLISH_LUA: &str = r"
redis.call('SET', KEYS[1], ARGV[1], 'PX', ARGV[2])
redis.call('PEXPIRE', KEYS[2], ARGV[2])
return 1
";

/// KEYS: reply, claim. ARGV: now (unix ms), lease (ms). The result when there is one; else the
/// claim when it lapsed; else wait.
const JOIN_LUA: &str = r"
local r = redis.call('GET', KEYS[1])
if r then return {'reply', r} end
if redis.call('SET', KEYS[2], ARGV[1], 'NX', 'PX', ARGV[2]) then return {'take', ''} end
return {'wait', ''}
";

/// What the claim said.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Claimed {
    /// This instance calls the backend.
    First,
    /// Another instance took the push first, at this arrival time (unix ms).
    Elsewhere { first_seen: i64 },
    /// Redis did not answer: go on alone.
    Unknown,
}

/// A backend call's result as the other instances see it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Published {
    /// The passive reply; `None` when the call gave none (the tries answer `success`).
    pub reply: Option<Reply>,
    pub status: Option<u16>,
}

impl Published {
    /// What a call's result tells the other instances' tries: its reply, or `success` for a
    /// push the backend took or refused without one, or that was spooled; nothing when the
    /// push is not kept anywhere (no spool).
    pub fn of(called: &super::delivery::Called, spool: bool) -> Option<Published> {
        use super::delivery::Called;
        match called {
            Called::Replied(reply, status) => Some(Published {
                reply: Some(Reply::clone(reply)),
                status: *status,
            }),
            Called::BadReply(_) => Some(Published {
                reply: None,
                status: None,
            }),
            Called::Refused(f) => Some(Published {
                reply: None,
                status: f.status,
            }),
            // Spooled: redelivered from there, the tries answer `success`.
            Called::Failed(_) | Called::Busy | Called::Skipped(_) if spool => Some(Published {
                reply: None,
                status: None,
            }),
            // Nothing kept: the claim lapses, and WeChat's next try calls the backend again.
            Called::Failed(_) | Called::Busy | Called::Skipped(_) | Called::Abandoned => None,
        }
    }
}

/// KEYS[1]: the replay key of a (timestamp, nonce) pair, or "" for none; KEYS[2]: the claim
/// key of a push, or "" for none. ARGV: digest, now (unix s), keep (ms), retry period (s),
/// first seen (unix ms), claim TTL (ms).
///
/// The replay check: a new pair is remembered; the same pair with another message is a
/// forgery; with the same message within the retry period a retry, later a replay. Then,
/// unless the push is refused, the claim (`SET NX`): "" when this instance took it, else the
/// first try's arrival. Returns {verdict ("" without a pair), claim ("-" without a claim)}.
const ADMIT_LUA: &str = r"
local seen = ''
if KEYS[1] ~= '' then
  local v = redis.call('GET', KEYS[1])
  if not v then
    redis.call('SET', KEYS[1], ARGV[1] .. ':' .. ARGV[2], 'PX', ARGV[3])
    seen = 'first'
  else
    local digest, first = string.match(v, '^(%x+):(%d+)$')
    if digest ~= ARGV[1] then
      seen = 'forgery'
    elseif tonumber(ARGV[2]) - tonumber(first) <= tonumber(ARGV[4]) then
      seen = 'retry'
    else
      seen = 'replay'
    end
  end
end
if KEYS[2] == '' or seen == 'forgery' or seen == 'replay' then
  return {seen, '-'}
end
local held = redis.call('SET', KEYS[2], ARGV[5], 'NX', 'PX', ARGV[6], 'GET')
if not held then return {seen, ''} end
return {seen, held}
";

impl Cluster {
    pub fn new(redis: Arc<Redis>) -> Cluster {
        Cluster {
            redis,
            admit: redis::Script::new(ADMIT_LUA),
            publish: redis::Script::new(PUBLISH_LUA),
            join: redis::Script::new(JOIN_LUA),
        }
    }

    /// The shared connection (its up/down state is a metric).
    pub fn redis(&self) -> &Arc<Redis> {
        &self.redis
    }

    fn key(&self, service: &str, what: &str, id: &str) -> String {
        self.redis.key(&format!("{{svc:{service}}}:{what}:{id}"))
    }

    /// Publishes the result of this instance's call for the tries on other instances, and
    /// keeps the claim as long as the result (no later try calls the backend again).
    pub async fn publish(&self, service: &str, id: &str, result: &Published) {
        let Ok(json) = serde_json::to_string(result) else {
            return;
        };
        let mut inv = self.publish.key(self.key(service, "reply", id));
        inv.key(self.key(service, "try", id))
            .arg(json)
            .arg(KEEP.as_millis() as u64);
        let _ = self.redis.script::<i64>(inv, BUDGET).await;
    }

    /// Runs `call` (this instance's backend call of a push it claimed) while renewing the
    /// claim's lease: a claim whose holder died lapses within [`CLAIM_LEASE`], and a try
    /// waiting at another instance takes the push over ([`Cluster::join`]).
    pub async fn holding<F: std::future::Future>(
        &self,
        service: &str,
        id: &str,
        call: F,
    ) -> F::Output {
        let key = self.key(service, "try", id);
        tokio::pin!(call);
        loop {
            tokio::select! {
                out = &mut call => return out,
                () = tokio::time::sleep(CLAIM_LEASE / 3) => {
                    let mut renew = redis::cmd("PEXPIRE");
                    renew.arg(&key).arg(CLAIM_LEASE.as_millis() as u64);
                    let _ = self.redis.query::<i64>(&renew, BUDGET).await;
                }
            }
        }
    }

    /// Waits (until `deadline`) for the result another instance publishes; takes the push
    /// over when that instance's claim lapsed (it died before its call ended).
    pub async fn join(&self, service: &str, id: &str, deadline: Instant) -> Joined {
        loop {
            let left = deadline.saturating_duration_since(Instant::now());
            if left.is_zero() {
                return Joined::TimedOut;
            }
            let mut inv = self.join.key(self.key(service, "reply", id));
            inv.key(self.key(service, "try", id))
                .arg(crate::clock::unix_millis())
                .arg(CLAIM_LEASE.as_millis() as u64);
            if let Ok((what, json)) = self
                .redis
                .script::<(String, String)>(inv, BUDGET.min(left))
                .await
            {
                match what.as_str() {
                    "reply" => {
                        if let Ok(p) = serde_json::from_str::<Published>(&json) {
                            return Joined::Published(p);
                        }
                    }
                    "take" => return Joined::TookOver,
                    _ => {}
                }
            }
            tokio::time::sleep(POLL.min(deadline.saturating_duration_since(Instant::now()))).await;
        }
    }

    /// The replay cache's key and value for a (timestamp, nonce) pair and its message.
    pub fn pair(
        &self,
        service: &str,
        (ts, nonce): (i64, &str),
        message: &[u8],
        window: Duration,
        now: i64,
    ) -> Pair {
        use sha1::{Digest, Sha1};
        let pair = hex(&Sha1::new()
            .chain_update(ts.to_le_bytes())
            .chain_update(nonce)
            .finalize());
        let left = (ts + window.as_secs() as i64 - now).max(0) as u64;
        Pair {
            key: self.key(service, "replay", &pair),
            digest: hex(&Sha1::digest(message)),
            now,
            keep_ms: (left + 5).max(RETRY_PERIOD.as_secs()) * 1000,
        }
    }

    /// The cluster's replay verdict on `pair`, or `None` when Redis did not answer.
    pub async fn replay(&self, pair: &Pair) -> Option<Seen> {
        let mut inv = self.admit.key(&pair.key);
        inv.key("").arg(pair.args()).arg("").arg(0);
        let (seen, _): (String, String) = self.redis.script(inv, BUDGET).await.ok()?;
        verdict(&seen)
    }

    /// One round trip for a push's first try at this instance: the replay verdict on `pair`
    /// (when given) and, unless that refuses the push, the claim of its backend call.
    pub async fn admit(
        &self,
        service: &str,
        pair: Option<&Pair>,
        id: &str,
        first_seen: i64,
    ) -> (Option<Seen>, Claimed) {
        let mut inv = self.admit.key(pair.map_or("", |p| p.key.as_str()));
        inv.key(self.key(service, "try", id));
        match pair {
            Some(p) => inv.arg(p.args()),
            None => inv.arg(vec!["", "0", "0", "0"]),
        };
        inv.arg(first_seen).arg(CLAIM_LEASE.as_millis() as u64);
        match self.redis.script::<(String, String)>(inv, BUDGET).await {
            Ok((seen, claimed)) => {
                let claimed = match claimed.as_str() {
                    "" => Claimed::First,
                    "-" => Claimed::Unknown,
                    v => Claimed::Elsewhere {
                        first_seen: v.parse().unwrap_or(first_seen),
                    },
                };
                (verdict(&seen), claimed)
            }
            Err(_) => (None, Claimed::Unknown),
        }
    }
}

/// A (timestamp, nonce) pair as the shared replay cache keeps it.
pub struct Pair {
    key: String,
    digest: String,
    now: i64,
    keep_ms: u64,
}

impl Pair {
    fn args(&self) -> Vec<String> {
        vec![
            self.digest.clone(),
            self.now.to_string(),
            self.keep_ms.to_string(),
            RETRY_PERIOD.as_secs().to_string(),
        ]
    }
}

fn verdict(seen: &str) -> Option<Seen> {
    match seen {
        "first" => Some(Seen::First),
        "retry" => Some(Seen::Retry),
        "replay" => Some(Seen::Replay),
        "forgery" => Some(Seen::Forgery),
        _ => None,
    }
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}
