//! What instances sharing a Redis agree on for each push (`"redis"` in the config): which
//! instance calls the backend, the reply the other instances' tries get, and which signed
//! queries were seen (the replay cache).
//!
//! Keys (all under `redis-prefix`, hash-tagged per service so that one service's keys live on
//! one Redis Cluster slot; every key has a TTL):
//! - `{svc:<service>}:try:<delivery id>` = the first try's arrival (unix ms): set with `NX` by
//!   the instance that calls the backend; 60 s.
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
use crate::wechat::reply::Reply;

/// How long the claim and the published result are kept: WeChat's three tries span ~15 s.
const KEEP: Duration = Duration::from_secs(60);
/// How often a try that joined another instance's call looks for its result.
const POLL: Duration = Duration::from_millis(50);

/// The cluster-wide side of the retry table and the replay cache.
pub struct Cluster {
    redis: Arc<Redis>,
    replay: redis::Script,
}

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
    /// push the backend took or refused without one; nothing while it may still be
    /// delivered (failed, busy: the tries go on waiting, then answer as pending).
    pub fn of(called: &super::delivery::Called) -> Option<Published> {
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
            Called::Refused(status) => Some(Published {
                reply: None,
                status: Some(*status),
            }),
            Called::Failed(_) | Called::Busy | Called::Abandoned => None,
        }
    }
}

/// Checks a (timestamp, nonce) pair and its message's digest: a new pair is remembered; the
/// same pair with another message is a forgery; with the same message within the retry period
/// a retry, later a replay.
const REPLAY_LUA: &str = r"
local v = redis.call('GET', KEYS[1])
if not v then
  redis.call('SET', KEYS[1], ARGV[1] .. ':' .. ARGV[2], 'PX', ARGV[3])
  return 'first'
end
local digest, seen = string.match(v, '^(%x+):(%d+)$')
if digest ~= ARGV[1] then return 'forgery' end
if tonumber(ARGV[2]) - tonumber(seen) <= tonumber(ARGV[4]) then return 'retry' end
return 'replay'
";

impl Cluster {
    pub fn new(redis: Arc<Redis>) -> Cluster {
        Cluster {
            redis,
            replay: redis::Script::new(REPLAY_LUA),
        }
    }

    /// The shared connection (its up/down state is a metric).
    pub fn redis(&self) -> &Arc<Redis> {
        &self.redis
    }

    fn key(&self, service: &str, what: &str, id: &str) -> String {
        self.redis.key(&format!("{{svc:{service}}}:{what}:{id}"))
    }

    /// Claims the push for this instance (`SET NX PX`).
    pub async fn claim(&self, service: &str, id: &str, first_seen: i64) -> Claimed {
        let key = self.key(service, "try", id);
        let mut set = redis::cmd("SET");
        set.arg(&key)
            .arg(first_seen)
            .arg("NX")
            .arg("PX")
            .arg(KEEP.as_millis() as u64)
            .arg("GET");
        // SET … NX GET: nil when this instance set it, else the value already there.
        match self.redis.query::<Option<String>>(&set, BUDGET).await {
            Ok(None) => Claimed::First,
            Ok(Some(v)) => Claimed::Elsewhere {
                first_seen: v.parse().unwrap_or(first_seen),
            },
            Err(_) => Claimed::Unknown,
        }
    }

    /// Publishes the result of this instance's call for the tries on other instances.
    pub async fn publish(&self, service: &str, id: &str, result: &Published) {
        let Ok(json) = serde_json::to_string(result) else {
            return;
        };
        let mut set = redis::cmd("SET");
        set.arg(self.key(service, "reply", id))
            .arg(json)
            .arg("PX")
            .arg(KEEP.as_millis() as u64);
        let _ = self.redis.query::<()>(&set, BUDGET).await;
    }

    /// Waits (until `deadline`) for the result another instance publishes.
    pub async fn wait(&self, service: &str, id: &str, deadline: Instant) -> Option<Published> {
        let key = self.key(service, "reply", id);
        loop {
            let left = deadline.saturating_duration_since(Instant::now());
            if left.is_zero() {
                return None;
            }
            let mut get = redis::cmd("GET");
            get.arg(&key);
            if let Ok(Some(json)) = self
                .redis
                .query::<Option<String>>(&get, BUDGET.min(left))
                .await
                && let Ok(p) = serde_json::from_str::<Published>(&json)
            {
                return Some(p);
            }
            tokio::time::sleep(POLL.min(deadline.saturating_duration_since(Instant::now()))).await;
        }
    }

    /// The cluster's replay verdict, or `None` when Redis did not answer.
    pub async fn replay(
        &self,
        service: &str,
        (ts, nonce): (i64, &str),
        message: &[u8],
        window: Duration,
        now: i64,
    ) -> Option<Seen> {
        use sha1::{Digest, Sha1};
        let pair = hex(&Sha1::new()
            .chain_update(ts.to_le_bytes())
            .chain_update(nonce)
            .finalize());
        let digest = hex(&Sha1::digest(message));
        let left = (ts + window.as_secs() as i64 - now).max(0) as u64;
        let keep_ms = (left + 5).max(crate::state::replay::RETRY_PERIOD.as_secs()) * 1000;
        let mut inv = self.replay.key(self.key(service, "replay", &pair));
        inv.arg(digest)
            .arg(now)
            .arg(keep_ms)
            .arg(crate::state::replay::RETRY_PERIOD.as_secs());
        match self
            .redis
            .script::<String>(inv, BUDGET)
            .await
            .ok()?
            .as_str()
        {
            "first" => Some(Seen::First),
            "retry" => Some(Seen::Retry),
            "replay" => Some(Seen::Replay),
            "forgery" => Some(Seen::Forgery),
            _ => None,
        }
    }
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}
