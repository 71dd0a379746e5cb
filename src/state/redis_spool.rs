//! The spool on the shared Redis: any instance redelivers any push, and a push held (claimed)
//! by an instance that died comes due again for the others when its lease ends. It must not
//! hold anything without a TTL, nor change several keys of a push except in one Lua script.
//!
//! # Why a hash and sorted sets, not Streams
//!
//! The issue suggested a stream per service with a consumer group and `XAUTOCLAIM`. The
//! [`Spool`] interface wants more than a stream gives: each push has its own `next_at`
//! (backoff), `due` is "due now, oldest first", `pull_forward` makes the whole queue due,
//! `settle` reschedules or buries one push, a dead letter comes back with `replay`. A stream
//! keeps arrival order but not per-entry due times, and a pending entry list's idle time is
//! not a backoff. So a push is a hash, indexed by sorted sets; a claim is a compare-and-set
//! of the push's due time to its lease (`next_at <= now` → `next_at = lease_until`), so the
//! lease of an instance that died simply comes due and any other instance's `due` sees it.
//! Everything that changes several keys together is one Lua script (atomic).
//!
//! # Keys
//!
//! Under the prefix `P` (`redis-prefix`), with the hash tag `{svc:S}` per service `S`, so that
//! all of a service's keys are in one slot of a Redis Cluster (the scripts also name entry
//! keys they compute: they share the tag, hence the slot):
//!
//! | key                   | type   | holds                                              |
//! |-----------------------|--------|----------------------------------------------------|
//! | `P{svc:S}:e:<id>`     | hash   | one push (the fields of [`Entry`], `lease`)        |
//! | `P{svc:S}:due`        | zset   | queued ids by `next_at` (a claim sets the lease)   |
//! | `P{svc:S}:order`      | zset   | queued ids by `seq` (arrival order)                |
//! | `P{svc:S}:age`        | zset   | queued ids by `queued_at` (the `max-age` sweep)    |
//! | `P{svc:S}:seen`       | zset   | queued ids by `first_seen` (`stats`' oldest)       |
//! | `P{svc:S}:dead`       | zset   | dead letters by `seq`                              |
//! | `P{svc:S}:seq`        | string | the service's arrival counter                      |
//! | `P{svc:S}:l:<lane>`   | zset   | one lane's queued ids by `seq`                     |
//! | `P{svc:S}:heads`      | zset   | lanes with queued pushes, by their first's `seq`   |
//! | `P{svc:S}:replaying`  | set    | queued ids requeued by `spool replay`              |
//! | `P{svc:S}:epoch`      | string | random, set with the first push: shadow copies     |
//! | `Pspool:paused`       | hash   | paused services (`spool pause`) → since            |
//! | `Pepoch`              | string | set at start, no TTL: gone = Redis came back empty |
//! | `Pspool:services`     | set    | services that have spooled (for expire, stats)     |
//! | `Pspool:version`      | string | bumped by `spool replay`/`drop` and `pull_forward` |
//!
//! # TTLs
//!
//! Every write sets the TTL of the keys it touches to `max-age + DEAD_RETENTION` (30 days):
//! a queued push becomes a dead letter after `max-age` (the sweep, which refreshes its TTL),
//! and a dead letter is kept for at least [`DEAD_RETENTION`] unless replayed or dropped —
//! unlike the embedded spool, where dead letters are kept until dropped: nothing in Redis
//! grows without bound. If no gateway runs for longer than that, the pushes are gone. An
//! index member whose hash expired is removed when `due` meets it.
//!
//! Durability is Redis's: a push is "spooled" when Redis has it in memory; it survives a
//! Redis restart only with persistence. [`RedisSpool::insert_checked`] asks Redis to confirm
//! the fsync (`WAITAOF`); without it, the caller ([`super::tiered::Tiered`]) keeps a shadow
//! copy in the embedded spool, checked with [`RedisSpool::shadowed`].

use std::collections::HashMap;
use std::future::Future;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use redis::Script;
use tokio::sync::{oneshot, watch};

use super::redis::Redis;
use super::spool::{
    Entry, Filter, HISTORY, MIN_ID_PREFIX, NewEntry, ServiceStats, Settle, SpoolError,
};
use super::{BoxFut, Spool};
use crate::clock;

/// How long a dead letter is kept in Redis, at least (after `max-age` in the queue).
pub const DEAD_RETENTION: Duration = Duration::from_secs(30 * 86_400);
/// An insert is on WeChat's path: within this, or it fails (and the caller falls back).
pub const INSERT_BUDGET: Duration = Duration::from_millis(100);
/// Every other call (the redelivery workers, the sweep, the CLI).
pub const BUDGET: Duration = Duration::from_millis(500);
/// Dead letters moved by one `expire`, at most (as the embedded spool).
const EXPIRE_BATCH: usize = 500;
/// Ids whose service this instance remembers (a claim or settle names only the id).
const HOMES: usize = 65_536;

/// Sets the TTL of every key of the script (`ARGV[ttl]`).
const KEEP: &str =
    "local function keep(ttl) for i = 1, #KEYS do redis.call('PEXPIRE', KEYS[i], ttl) end end\n";

/// The lanes (KEYS[7] is the service's `heads`): a lane `L` is the zset `…l:L` of its queued
/// ids by seq, and `heads` holds every lane with queued pushes, scored by the seq of its
/// first. A dead letter is in no lane (it blocks nothing).
const LANES: &str = "
local function lane_of(ek, id)
  local l = redis.call('HGET', ek, 'lane')
  if l then return l end
  local o = redis.call('HGET', ek, 'open_id')
  if o and o ~= '' then return o end
  return id
end
local function fix(base, lane)
  local first = redis.call('ZRANGE', base .. 'l:' .. lane, 0, 0, 'WITHSCORES')
  if #first == 0 then redis.call('ZREM', KEYS[7], lane) else redis.call('ZADD', KEYS[7], first[2], lane) end
end
local function enqueue(base, ek, id, seq, ttl)
  local lane = lane_of(ek, id)
  local lk = base .. 'l:' .. lane
  redis.call('ZADD', lk, seq, id)
  redis.call('PEXPIRE', lk, ttl)
  fix(base, lane)
end
local function unqueue(base, ek, id)
  local lane = lane_of(ek, id)
  redis.call('ZREM', base .. 'l:' .. lane, id)
  fix(base, lane)
end
local function lane_head(base, lane)
  local lk = base .. 'l:' .. lane
  while true do
    local first = redis.call('ZRANGE', lk, 0, 0)
    if #first == 0 then redis.call('ZREM', KEYS[7], lane) return nil end
    if redis.call('EXISTS', base .. 'e:' .. first[1]) == 1 then return first[1] end
    redis.call('ZREM', lk, first[1])
    for i = 1, 4 do redis.call('ZREM', KEYS[i], first[1]) end
    fix(base, lane)
  end
end
";

/// Appends an attempt (JSON) to a push's history, keeping the last [`HISTORY`].
const HISTORY_FN: &str = "
local function add_history(ek, attempt)
  local list = {}
  local h = redis.call('HGET', ek, 'history')
  if h then
    local ok, v = pcall(cjson.decode, h)
    if ok and type(v) == 'table' then list = v end
  end
  table.insert(list, cjson.decode(attempt))
  while #list > HISTORY do table.remove(list, 1) end
  redis.call('HSET', ek, 'history', cjson.encode(list))
end
";

/// KEYS: due order age seen dead seq heads replaying epoch. ARGV: base id now ttl next_at
/// first_seen lane new_epoch field value… Returns {added, epoch}: the epoch of the service's
/// keys, read in the same step as the write (a shadow copy remembers it).
const INSERT: &str = "
local ek = ARGV[1] .. 'e:' .. ARGV[2]
local epoch = redis.call('GET', KEYS[9])
if not epoch then
  epoch = ARGV[8]
  redis.call('SET', KEYS[9], epoch)
end
if redis.call('EXISTS', ek) == 1 then return {0, epoch} end
local seq = redis.call('INCR', KEYS[6])
redis.call('HSET', ek, 'seq', seq, 'queued_at', ARGV[3], 'lane', ARGV[7], unpack(ARGV, 9))
redis.call('ZADD', KEYS[1], ARGV[5], ARGV[2])
redis.call('ZADD', KEYS[2], seq, ARGV[2])
redis.call('ZADD', KEYS[3], ARGV[3], ARGV[2])
redis.call('ZADD', KEYS[4], ARGV[6], ARGV[2])
redis.call('PEXPIRE', ek, ARGV[4])
enqueue(ARGV[1], ek, ARGV[2], seq, ARGV[4])
keep(ARGV[4])
return {1, epoch}
";

/// KEYS: due order age seen dead seq heads replaying. ARGV: base id kind now ttl attempts
/// next_at error reason attempt. `kind`: delivered, retry, dead, defer.
const SETTLE: &str = "
local ek = ARGV[1] .. 'e:' .. ARGV[2]
local id = ARGV[2]
if ARGV[3] == 'delivered' then
  if redis.call('EXISTS', ek) == 1 then
    if redis.call('HEXISTS', ek, 'dead_at') == 0 then unqueue(ARGV[1], ek, id) end
    redis.call('DEL', ek)
  end
  for i = 1, 5 do redis.call('ZREM', KEYS[i], id) end
  redis.call('SREM', KEYS[8], id)
  return 1
end
if redis.call('EXISTS', ek) == 0 then return 0 end
local queued = redis.call('HEXISTS', ek, 'dead_at') == 0
if ARGV[3] == 'defer' then
  if not queued then return 0 end
  redis.call('HSET', ek, 'next_at', ARGV[7])
  redis.call('HDEL', ek, 'lease')
  redis.call('ZADD', KEYS[1], ARGV[7], id)
  return 1
end
if ARGV[3] == 'retry' then
  if not queued then return 0 end
  redis.call('HSET', ek, 'attempts', ARGV[6], 'next_at', ARGV[7], 'last_error', ARGV[8])
  redis.call('HSETNX', ek, 'failing_since', ARGV[4])
  redis.call('HDEL', ek, 'lease')
  redis.call('ZADD', KEYS[1], ARGV[7], id)
else
  if queued then unqueue(ARGV[1], ek, id) end
  redis.call('HSET', ek, 'attempts', ARGV[6], 'last_error', ARGV[8], 'dead_at', ARGV[4],
    'dead_reason', ARGV[9])
  redis.call('HDEL', ek, 'lease', 'replayed')
  for i = 1, 4 do redis.call('ZREM', KEYS[i], id) end
  redis.call('SREM', KEYS[8], id)
  redis.call('ZADD', KEYS[5], redis.call('HGET', ek, 'seq'), id)
end
if ARGV[10] ~= '' then add_history(ek, ARGV[10]) end
redis.call('PEXPIRE', ek, ARGV[5])
keep(ARGV[5])
return 1
";

/// KEYS: due. ARGV: base id now lease_until. The compare-and-set of the due time.
const CLAIM: &str = "
local ek = ARGV[1] .. 'e:' .. ARGV[2]
if redis.call('EXISTS', ek) == 0 or redis.call('HEXISTS', ek, 'dead_at') == 1 then return 0 end
local s = redis.call('ZSCORE', KEYS[1], ARGV[2])
if not s or tonumber(s) > tonumber(ARGV[3]) then return 0 end
redis.call('ZADD', KEYS[1], ARGV[4], ARGV[2])
redis.call('HSET', ek, 'next_at', ARGV[4], 'lease', ARGV[4])
return 1
";

/// KEYS: due order age seen dead seq heads. ARGV: base now limit. The lane heads due now, in
/// arrival order: when few pushes are due, each is checked for heading its lane and the heads
/// sorted by seq; when many are, the lanes are walked in the order of their heads.
const DUE: &str = "
local base = ARGV[1]
local now = tonumber(ARGV[2])
local limit = tonumber(ARGV[3])
local n = redis.call('ZCOUNT', KEYS[1], '-inf', now)
if n == 0 then return {} end
local ids = {}
if n <= 1000 then
  local seqd = {}
  for _, id in ipairs(redis.call('ZRANGEBYSCORE', KEYS[1], '-inf', now)) do
    local ek = base .. 'e:' .. id
    local seq = redis.call('HGET', ek, 'seq')
    if not seq then
      for i = 1, 4 do redis.call('ZREM', KEYS[i], id) end
    else
      local lane = lane_of(ek, id)
      if redis.call('HEXISTS', ek, 'lane') == 0 then
        -- Written before lanes: put in its lane now.
        redis.call('HSET', ek, 'lane', lane)
        redis.call('ZADD', base .. 'l:' .. lane, seq, id)
        fix(base, lane)
      end
      if lane_head(base, lane) == id then table.insert(seqd, {tonumber(seq), id}) end
    end
  end
  table.sort(seqd, function(a, b) return a[1] < b[1] end)
  for i = 1, math.min(limit, #seqd) do ids[i] = seqd[i][2] end
else
  local start = 0
  while #ids < limit do
    local page = redis.call('ZRANGE', KEYS[7], start, start + 255)
    if #page == 0 then break end
    for _, lane in ipairs(page) do
      local id = lane_head(base, lane)
      if id and #ids < limit then
        local s = redis.call('ZSCORE', KEYS[1], id)
        if s and tonumber(s) <= now then table.insert(ids, id) end
      end
    end
    start = start + 256
  end
end
local out = {}
for _, id in ipairs(ids) do
  local h = redis.call('HGETALL', base .. 'e:' .. id)
  if #h > 0 then table.insert(out, h) end
end
return out
";

/// KEYS: order. ARGV: base. The oldest queued push.
const HEAD: &str = "
for _, id in ipairs(redis.call('ZRANGE', KEYS[1], 0, 15)) do
  local h = redis.call('HGETALL', ARGV[1] .. 'e:' .. id)
  if #h > 0 then return h end
end
return {}
";

/// KEYS: due. ARGV: base now. Every queued push due now, but those leased (in flight on some
/// instance): they are not to be sent twice at once.
const PULL_FORWARD: &str = "
local now = tonumber(ARGV[2])
local n = 0
for _, id in ipairs(redis.call('ZRANGEBYSCORE', KEYS[1], '(' .. ARGV[2], '+inf')) do
  local ek = ARGV[1] .. 'e:' .. id
  local lease = tonumber(redis.call('HGET', ek, 'lease') or '0')
  if lease <= now then
    redis.call('ZADD', KEYS[1], now, id)
    redis.call('HSET', ek, 'next_at', now)
    n = n + 1
  end
end
return n
";

/// KEYS: due order age seen dead seq heads replaying. ARGV: base cutoff now limit ttl.
const EXPIRE: &str = "
local out = {}
for _, id in ipairs(redis.call('ZRANGEBYSCORE', KEYS[3], '-inf', '(' .. ARGV[2], 'LIMIT', 0, ARGV[4])) do
  local ek = ARGV[1] .. 'e:' .. id
  for i = 1, 4 do redis.call('ZREM', KEYS[i], id) end
  redis.call('SREM', KEYS[8], id)
  local h = redis.call('HGETALL', ek)
  if #h > 0 then
    unqueue(ARGV[1], ek, id)
    redis.call('HSET', ek, 'dead_at', ARGV[3], 'dead_reason', 'max-age')
    redis.call('HDEL', ek, 'lease', 'replayed')
    redis.call('ZADD', KEYS[5], redis.call('HGET', ek, 'seq'), id)
    redis.call('PEXPIRE', ek, ARGV[5])
    table.insert(out, h)
  end
end
if #out > 0 then keep(ARGV[5]) end
return out
";

/// KEYS: due order age seen dead seq heads replaying. ARGV: base id now ttl. `spool replay`:
/// a dead letter requeued (its `max-age` starts again, back in its lane at its arrival
/// place), a queued push due now (unless leased: in flight somewhere); either is `replayed`.
const REQUEUE: &str = "
local ek = ARGV[1] .. 'e:' .. ARGV[2]
local id = ARGV[2]
local now = tonumber(ARGV[3])
if redis.call('EXISTS', ek) == 0 then return 0 end
if redis.call('HEXISTS', ek, 'dead_at') == 1 then
  redis.call('HDEL', ek, 'dead_at', 'lease', 'dead_reason')
  redis.call('HSET', ek, 'next_at', now, 'queued_at', now, 'replayed', 1)
  local seq = redis.call('HGET', ek, 'seq')
  redis.call('ZREM', KEYS[5], id)
  redis.call('ZADD', KEYS[1], now, id)
  redis.call('ZADD', KEYS[2], seq, id)
  redis.call('ZADD', KEYS[3], now, id)
  redis.call('ZADD', KEYS[4], redis.call('HGET', ek, 'first_seen'), id)
  enqueue(ARGV[1], ek, id, seq, ARGV[4])
else
  local at = math.max(now, tonumber(redis.call('HGET', ek, 'lease') or '0'))
  redis.call('HSET', ek, 'next_at', at, 'replayed', 1)
  redis.call('ZADD', KEYS[1], at, id)
end
redis.call('SADD', KEYS[8], id)
redis.call('PEXPIRE', ek, ARGV[4])
keep(ARGV[4])
return 1
";

/// KEYS: order seen dead replaying due. ARGV: overdue cutoff. Depth, oldest first_seen, dead
/// count, replaying, overdue (due before the cutoff: a leased push's due time is its lease's
/// end, in the future).
const STATS: &str = "
local oldest = redis.call('ZRANGE', KEYS[2], 0, 0, 'WITHSCORES')
return {redis.call('ZCARD', KEYS[1]), oldest[2] or '', redis.call('ZCARD', KEYS[3]),
  redis.call('SCARD', KEYS[4]), redis.call('ZCOUNT', KEYS[5], '-inf', '(' .. ARGV[1])}
";

/// ARGV: base id…: the pushes (hashes) that exist.
const FETCH: &str = "
local out = {}
for i = 2, #ARGV do
  local h = redis.call('HGETALL', ARGV[1] .. 'e:' .. ARGV[i])
  if #h > 0 then table.insert(out, h) end
end
return out
";

/// KEYS: the service's epoch. ARGV: base epoch id…: per id, 2 when the epoch is not the one
/// given (Redis lost the service's keys since), else 1 when the push is still there, 0 when
/// it is gone (delivered or dropped).
const SHADOWED: &str = "
local out = {}
local lost = redis.call('GET', KEYS[1]) ~= ARGV[2]
for i = 3, #ARGV do
  if lost then out[i - 2] = 2
  else out[i - 2] = redis.call('EXISTS', ARGV[1] .. 'e:' .. ARGV[i]) end
end
return out
";

/// How often an instance adds a service to `spool:services` again.
const REGISTER_EVERY: Duration = Duration::from_secs(3600);

/// KEYS: one key. ARGV: member ttl.
const REGISTER: &str =
    "redis.call('SADD', KEYS[1], ARGV[1]) redis.call('PEXPIRE', KEYS[1], ARGV[2]) return 1";

/// KEYS: paused. ARGV: ttl. The paused services (their TTL refreshed: a pause lasts until
/// resumed, as long as a gateway looks at it).
const PAUSED: &str = "
local s = redis.call('HKEYS', KEYS[1])
if #s > 0 then redis.call('PEXPIRE', KEYS[1], ARGV[1]) end
return s
";

struct Scripts {
    insert: Script,
    settle: Script,
    claim: Script,
    due: Script,
    head: Script,
    pull_forward: Script,
    expire: Script,
    requeue: Script,
    stats: Script,
    fetch: Script,
    shadowed: Script,
    register: Script,
    paused: Script,
}

impl Scripts {
    fn new() -> Scripts {
        let history = HISTORY_FN.replace("HISTORY", &HISTORY.to_string());
        let laned = |body: &str| Script::new(&format!("{KEEP}{LANES}{history}{body}"));
        Scripts {
            insert: laned(INSERT),
            settle: laned(SETTLE),
            claim: Script::new(CLAIM),
            due: laned(DUE),
            head: Script::new(HEAD),
            pull_forward: Script::new(PULL_FORWARD),
            expire: laned(EXPIRE),
            requeue: laned(REQUEUE),
            stats: Script::new(STATS),
            fetch: Script::new(FETCH),
            shadowed: Script::new(SHADOWED),
            register: Script::new(REGISTER),
            paused: Script::new(PAUSED),
        }
    }
}

/// Inserts still on their way, by id: a later call on the same push waits for its insert, so
/// calls take effect in the order they were made (the interface's promise) although each one
/// is its own round trip.
#[derive(Default)]
pub(crate) struct Pending {
    next: AtomicU64,
    by_id: Mutex<HashMap<String, (u64, watch::Receiver<bool>)>>,
}

impl Pending {
    /// Starts `fut` now (on the current runtime) and registers it under `id`.
    pub(crate) fn start<F>(self: &Arc<Self>, id: String, fut: F) -> BoxFut<Result<(), SpoolError>>
    where
        F: Future<Output = Result<(), SpoolError>> + Send + 'static,
    {
        let Ok(runtime) = tokio::runtime::Handle::try_current() else {
            return Box::pin(fut);
        };
        let (done, waiting) = watch::channel(false);
        let token = self.next.fetch_add(1, Ordering::Relaxed);
        self.lock().insert(id.clone(), (token, waiting));
        let (reply, answer) = oneshot::channel();
        let me = Arc::clone(self);
        runtime.spawn(async move {
            let result = fut.await;
            {
                let mut map = me.lock();
                if map.get(&id).is_some_and(|(t, _)| *t == token) {
                    map.remove(&id);
                }
            }
            let _ = done.send(true);
            let _ = reply.send(result);
        });
        Box::pin(async move {
            answer
                .await
                .unwrap_or_else(|_| Err(SpoolError::Unavailable("the spool insert was cut".into())))
        })
    }

    /// Resolves when the insert of `id` made before this call has taken effect.
    pub(crate) fn after(&self, id: &str) -> impl Future<Output = ()> + Send + 'static {
        let waiting = self.lock().get(id).map(|(_, w)| w.clone());
        async move {
            if let Some(mut w) = waiting {
                let _ = w.wait_for(|done| *done).await;
            }
        }
    }

    /// Resolves when every insert made before this call has taken effect.
    pub(crate) fn all(&self) -> impl Future<Output = ()> + Send + 'static {
        let waiting: Vec<_> = self.lock().values().map(|(_, w)| w.clone()).collect();
        async move {
            for mut w in waiting {
                let _ = w.wait_for(|done| *done).await;
            }
        }
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, HashMap<String, (u64, watch::Receiver<bool>)>> {
        self.by_id.lock().unwrap_or_else(|e| e.into_inner())
    }
}

struct Inner {
    redis: Arc<Redis>,
    scripts: Scripts,
    /// The TTL of every key (`max-age + DEAD_RETENTION`), in ms.
    ttl_ms: i64,
    /// `redis-claim-timeout-ms`: a claim holds at least this long (ms).
    claim_timeout_ms: i64,
    /// The service of ids this instance inserted or was given by `due` (bounded: when full it
    /// starts afresh; an id not found here is looked for in every service).
    homes: Mutex<HashMap<String, String>>,
    /// When each service was last added to `spool:services` (an insert then costs one round
    /// trip, not two).
    registered: Mutex<HashMap<String, std::time::Instant>>,
    /// The paused services last read: answered while Redis is down, written again when Redis
    /// comes back empty.
    paused: Mutex<Option<Vec<String>>>,
    /// The value of `Pepoch` last seen: when it goes missing, Redis lost its data.
    epoch: Mutex<Option<String>>,
    counters: super::spooler::Counters,
}

/// The spool on the shared Redis.
#[derive(Clone)]
pub struct RedisSpool {
    inner: Arc<Inner>,
    pending: Arc<Pending>,
}

/// An insert that Redis took.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Stored {
    /// New (false: a push of that id was already there).
    pub added: bool,
    /// Redis confirmed (`WAITAOF`) that the write is in its append-only file on disk.
    pub durable: bool,
    /// The epoch of the service's keys when the push was written (`P{svc:S}:epoch`).
    pub epoch: String,
}

/// What became of a shadow copy's push in Redis ([`RedisSpool::shadowed`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Shadowed {
    /// Delivered or dropped: the copy goes.
    Gone,
    /// Still there: the copy waits.
    Held,
    /// Redis lost the service's keys since (restart without persistence, FLUSHALL): the copy
    /// is the push now.
    Lost,
}

fn unavailable(e: impl std::fmt::Display) -> SpoolError {
    SpoolError::Unavailable(e.to_string())
}

impl RedisSpool {
    /// The spool on `redis`; `max_age` is `spool.max-age` (keys live `max-age` +
    /// [`DEAD_RETENTION`] after their last write).
    pub fn new(redis: Arc<Redis>, max_age: Duration) -> RedisSpool {
        RedisSpool::with_claim_timeout(redis, max_age, Duration::ZERO)
    }

    /// As [`Self::new`]; a claim holds at least `claim_timeout` (`redis-claim-timeout-ms`),
    /// whatever lease the caller asks for: a short claim is how a push is delivered twice.
    pub fn with_claim_timeout(
        redis: Arc<Redis>,
        max_age: Duration,
        claim_timeout: Duration,
    ) -> RedisSpool {
        RedisSpool {
            inner: Arc::new(Inner {
                redis,
                scripts: Scripts::new(),
                ttl_ms: (max_age + DEAD_RETENTION).as_millis() as i64,
                claim_timeout_ms: claim_timeout.as_millis() as i64,
                homes: Mutex::default(),
                registered: Mutex::default(),
                paused: Mutex::default(),
                epoch: Mutex::default(),
                counters: Default::default(),
            }),
            pending: Arc::default(),
        }
    }

    /// The shared connection.
    pub fn redis(&self) -> &Arc<Redis> {
        &self.inner.redis
    }

    /// Inserts a push and asks Redis to confirm it reached its disk (`WAITAOF`): what a
    /// caller with an embedded spool needs to decide on a shadow copy. Counted as an insert.
    pub async fn insert_checked(&self, entry: NewEntry) -> Result<Stored, SpoolError> {
        // The write within the insert's budget; the confirmation after it (a slow fsync must
        // not turn a stored push into a failed insert: it would then be spooled twice).
        let written = tokio::time::timeout(INSERT_BUDGET, self.inner.insert(entry))
            .await
            .unwrap_or_else(|_| {
                Err(unavailable(format!(
                    "redis did not take the push within {INSERT_BUDGET:?}"
                )))
            });
        self.inner.counters.record(&written);
        let (added, epoch, ticket) = written?;
        let durable = added && self.inner.redis.wait_fsync(ticket).await;
        Ok(Stored {
            added,
            durable,
            epoch,
        })
    }

    /// What became of pushes of `service` written at `epoch` (one answer per id, in order).
    pub async fn shadowed(
        &self,
        service: &str,
        epoch: &str,
        ids: &[String],
    ) -> Result<Vec<Shadowed>, SpoolError> {
        let keys = self.inner.keys(service);
        let mut inv = self.inner.scripts.shadowed.prepare_invoke();
        inv.key(&keys[8]).arg(self.inner.base(service)).arg(epoch);
        for id in ids {
            inv.arg(id);
        }
        let codes: Vec<i64> = self
            .inner
            .redis
            .script(inv, BUDGET)
            .await
            .map_err(unavailable)?;
        Ok(codes
            .into_iter()
            .map(|c| match c {
                0 => Shadowed::Gone,
                1 => Shadowed::Held,
                _ => Shadowed::Lost,
            })
            .collect())
    }

    /// Checks `Pepoch`, written at start: missing means Redis came back empty (a restart
    /// without persistence, a FLUSHALL). Then the services are registered again and the
    /// pauses written again, and it is logged once. Returns whether data was lost.
    pub async fn check_epoch(&self) -> Result<bool, SpoolError> {
        let inner = &self.inner;
        let key = inner.redis.key("epoch");
        let fresh = crate::random::alphanumeric(16);
        // SET NX GET: the value there, or nil when ours was set.
        let mut set = redis::cmd("SET");
        set.arg(&key).arg(&fresh).arg("NX").arg("GET");
        let there: Option<String> = inner.redis.query(&set, BUDGET).await.map_err(unavailable)?;
        let now_epoch = there.unwrap_or(fresh);
        let before = inner
            .epoch
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .replace(now_epoch.clone());
        let lost = before.is_some_and(|b| b != now_epoch);
        if lost {
            tracing::error!(
                "REDIS CAME BACK EMPTY (restarted without persistence, or flushed): the spool's service registry and pauses are written again; pushes it held are delivered from this instance's shadow copies where it has them"
            );
            let services: Vec<String> = {
                let mut r = inner.registered.lock().unwrap_or_else(|e| e.into_inner());
                let s = r.keys().cloned().collect();
                r.clear();
                s
            };
            for s in services {
                inner.register(&s).await?;
            }
            let paused = inner
                .paused
                .lock()
                .unwrap_or_else(|e| e.into_inner())
                .clone();
            for s in paused.unwrap_or_default() {
                self.set_paused(&s, true, clock::unix_millis()).await?;
            }
        }
        Ok(lost)
    }
}

impl Inner {
    /// `P{svc:S}:`.
    fn base(&self, service: &str) -> String {
        self.redis.key(&format!("{{svc:{service}}}:"))
    }

    /// due order age seen dead seq heads replaying epoch.
    fn keys(&self, service: &str) -> [String; 9] {
        let b = self.base(service);
        [
            "due",
            "order",
            "age",
            "seen",
            "dead",
            "seq",
            "heads",
            "replaying",
            "epoch",
        ]
        .map(|k| format!("{b}{k}"))
    }

    fn remember(&self, id: &str, service: &str) {
        let mut homes = self.homes.lock().unwrap_or_else(|e| e.into_inner());
        if homes.len() >= HOMES {
            homes.clear();
        }
        homes.insert(id.to_owned(), service.to_owned());
    }

    fn forget(&self, id: &str) {
        self.homes
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .remove(id);
    }

    async fn services(&self) -> Result<Vec<String>, SpoolError> {
        let mut s: Vec<String> = self
            .redis
            .query(
                redis::cmd("SMEMBERS").arg(self.redis.key("spool:services")),
                BUDGET,
            )
            .await
            .map_err(unavailable)?;
        s.sort();
        Ok(s)
    }

    /// The service that holds `id`: remembered, else looked for.
    async fn home(&self, id: &str) -> Result<Option<String>, SpoolError> {
        if let Some(s) = self.homes.lock().unwrap_or_else(|e| e.into_inner()).get(id) {
            return Ok(Some(s.clone()));
        }
        for service in self.services().await? {
            let key = format!("{}e:{id}", self.base(&service));
            let n: i64 = self
                .redis
                .query(redis::cmd("EXISTS").arg(key), BUDGET)
                .await
                .map_err(unavailable)?;
            if n == 1 {
                self.remember(id, &service);
                return Ok(Some(service));
            }
        }
        Ok(None)
    }

    /// Adds a service to `spool:services` (refreshing its TTL).
    async fn register(&self, service: &str) -> Result<(), SpoolError> {
        let mut register = self.scripts.register.prepare_invoke();
        register
            .key(self.redis.key("spool:services"))
            .arg(service)
            .arg(self.ttl_ms);
        self.redis
            .script::<i64>(register, INSERT_BUDGET)
            .await
            .map_err(unavailable)?;
        self.registered
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .insert(service.to_owned(), std::time::Instant::now());
        Ok(())
    }

    /// Writes a push: (added, the service's epoch, the write's ticket for `wait_fsync`).
    async fn insert(&self, e: NewEntry) -> Result<(bool, String, u64), SpoolError> {
        let now = clock::unix_millis();
        // The services set lives in another hash slot than the push's keys: registered apart,
        // once an hour per service (its TTL is refreshed then), not on every insert.
        let due_again = {
            let registered = self.registered.lock().unwrap_or_else(|e| e.into_inner());
            registered
                .get(&e.service)
                .is_none_or(|at| at.elapsed() > REGISTER_EVERY)
        };
        if due_again {
            self.register(&e.service).await?;
        }
        let keys = self.keys(&e.service);
        let mut inv = self.scripts.insert.prepare_invoke();
        for k in &keys {
            inv.key(k);
        }
        inv.arg(self.base(&e.service))
            .arg(&e.id)
            .arg(now)
            .arg(self.ttl_ms)
            .arg(e.next_at)
            .arg(e.first_seen)
            .arg(e.lane())
            .arg(crate::random::alphanumeric(16));
        inv.arg("id")
            .arg(&e.id)
            .arg("service")
            .arg(&e.service)
            .arg("route")
            .arg(&e.route)
            .arg("body")
            .arg(&e.body)
            .arg("request_id")
            .arg(&e.request_id)
            .arg("open_id")
            .arg(&e.open_id)
            .arg("first_seen")
            .arg(e.first_seen)
            .arg("attempts")
            .arg(e.attempts)
            .arg("next_at")
            .arg(e.next_at);
        if let Some(t) = e.create_time {
            inv.arg("create_time").arg(t);
        }
        if let Some(err) = &e.last_error {
            inv.arg("last_error").arg(err);
        }
        if let Some(t) = e.failing_since {
            inv.arg("failing_since").arg(t);
        }
        if !e.history.is_empty() {
            inv.arg("history")
                .arg(serde_json::to_string(&e.history).unwrap_or_else(|_| "[]".into()));
        }
        let ((added, epoch), ticket): ((i64, String), u64) = self
            .redis
            .write_script(inv, INSERT_BUDGET)
            .await
            .map_err(unavailable)?;
        self.remember(&e.id, &e.service);
        Ok((added == 1, epoch, ticket))
    }

    fn invoke_service<'a>(
        &self,
        script: &'a Script,
        service: &str,
        keys: usize,
    ) -> redis::ScriptInvocation<'a> {
        let mut inv = script.prepare_invoke();
        for k in self.keys(service).iter().take(keys) {
            inv.key(k);
        }
        inv.arg(self.base(service));
        inv
    }

    async fn settle(&self, id: &str, settle: &Settle) -> Result<(), SpoolError> {
        let Some(service) = self.home(id).await? else {
            return Ok(());
        };
        let now = clock::unix_millis();
        let mut inv = self.invoke_service(&self.scripts.settle, &service, 8);
        inv.arg(id);
        let json = |a: &Option<super::spool::Attempt>| {
            a.as_ref()
                .and_then(|a| serde_json::to_string(a).ok())
                .unwrap_or_default()
        };
        match settle {
            Settle::Delivered => inv.arg("delivered").arg(now).arg(self.ttl_ms),
            Settle::Retry {
                attempts,
                next_at,
                error,
                attempt,
            } => inv
                .arg("retry")
                .arg(now)
                .arg(self.ttl_ms)
                .arg(attempts)
                .arg(next_at)
                .arg(error)
                .arg("")
                .arg(json(attempt)),
            Settle::Defer { next_at } => inv
                .arg("defer")
                .arg(now)
                .arg(self.ttl_ms)
                .arg(0)
                .arg(next_at),
            Settle::Dead {
                attempts,
                error,
                reason,
                attempt,
            } => inv
                .arg("dead")
                .arg(now)
                .arg(self.ttl_ms)
                .arg(attempts)
                .arg(0)
                .arg(error)
                .arg(reason.as_str())
                .arg(json(attempt)),
        };
        self.redis
            .script::<i64>(inv, BUDGET)
            .await
            .map_err(unavailable)?;
        if !matches!(settle, Settle::Retry { .. } | Settle::Defer { .. }) {
            self.forget(id);
        }
        Ok(())
    }

    async fn claim(&self, id: &str, now: i64, lease_until: i64) -> Result<bool, SpoolError> {
        let Some(service) = self.home(id).await? else {
            return Ok(false);
        };
        // Never shorter than the claim timeout: a settle ends the claim anyway.
        let lease_until = lease_until.max(now.saturating_add(self.claim_timeout_ms));
        let mut inv = self.invoke_service(&self.scripts.claim, &service, 1);
        inv.arg(id).arg(now).arg(lease_until);
        let n: i64 = self.redis.script(inv, BUDGET).await.map_err(unavailable)?;
        Ok(n == 1)
    }

    async fn due(&self, service: &str, now: i64, limit: usize) -> Result<Vec<Entry>, SpoolError> {
        let mut inv = self.invoke_service(&self.scripts.due, service, 7);
        inv.arg(now).arg(limit);
        let rows: Vec<Vec<String>> = self.redis.script(inv, BUDGET).await.map_err(unavailable)?;
        let entries = rows
            .into_iter()
            .map(|r| parse(&r))
            .collect::<Result<Vec<_>, _>>()?;
        for e in &entries {
            self.remember(&e.new.id, service);
        }
        Ok(entries)
    }

    async fn head(&self, service: &str) -> Result<Option<Entry>, SpoolError> {
        let keys = self.keys(service);
        let mut inv = self.scripts.head.prepare_invoke();
        inv.key(&keys[1]).arg(self.base(service));
        let row: Vec<String> = self.redis.script(inv, BUDGET).await.map_err(unavailable)?;
        if row.is_empty() {
            return Ok(None);
        }
        let e = parse(&row)?;
        self.remember(&e.new.id, service);
        Ok(Some(e))
    }

    async fn lanes(&self, service: &str, limit: usize) -> Result<Vec<String>, SpoolError> {
        if limit == 0 {
            return Ok(Vec::new());
        }
        self.redis
            .query(
                redis::cmd("ZRANGE")
                    .arg(&self.keys(service)[6])
                    .arg(0)
                    .arg(limit as i64 - 1),
                BUDGET,
            )
            .await
            .map_err(unavailable)
    }

    async fn paused(&self) -> Result<Vec<String>, SpoolError> {
        let mut inv = self.scripts.paused.prepare_invoke();
        inv.key(self.redis.key("spool:paused")).arg(self.ttl_ms);
        match self.redis.script::<Vec<String>>(inv, BUDGET).await {
            Ok(mut s) => {
                s.sort();
                *self.paused.lock().unwrap_or_else(|e| e.into_inner()) = Some(s.clone());
                Ok(s)
            }
            // Redis down: the pauses last seen (a pause is not lifted by an outage).
            Err(e) => self
                .paused
                .lock()
                .unwrap_or_else(|e| e.into_inner())
                .clone()
                .ok_or_else(|| unavailable(e)),
        }
    }

    async fn next_due(&self, service: &str) -> Result<Option<i64>, SpoolError> {
        let first: Vec<String> = self
            .redis
            .query(
                redis::cmd("ZRANGE")
                    .arg(&self.keys(service)[0])
                    .arg(0)
                    .arg(0)
                    .arg("WITHSCORES"),
                BUDGET,
            )
            .await
            .map_err(unavailable)?;
        first.get(1).map(|s| score(s)).transpose()
    }

    async fn bump_version(&self) -> Result<(), SpoolError> {
        let key = self.redis.key("spool:version");
        let _: i64 = self
            .redis
            .query(redis::cmd("INCR").arg(&key), BUDGET)
            .await
            .map_err(unavailable)?;
        let _: i64 = self
            .redis
            .query(redis::cmd("PEXPIRE").arg(&key).arg(self.ttl_ms), BUDGET)
            .await
            .map_err(unavailable)?;
        Ok(())
    }

    async fn pull_forward(&self, service: &str, now: i64) -> Result<usize, SpoolError> {
        let mut inv = self.invoke_service(&self.scripts.pull_forward, service, 1);
        inv.arg(now);
        let n: i64 = self.redis.script(inv, BUDGET).await.map_err(unavailable)?;
        if n > 0 {
            // Other instances' workers backing off look again.
            self.bump_version().await?;
        }
        Ok(n as usize)
    }

    async fn expire(&self, now: i64, max_age: Duration) -> Result<Vec<Entry>, SpoolError> {
        let cutoff = now.saturating_sub(max_age.as_millis() as i64);
        let mut out = Vec::new();
        for service in self.services().await? {
            if out.len() >= EXPIRE_BATCH {
                break;
            }
            let mut inv = self.invoke_service(&self.scripts.expire, &service, 8);
            inv.arg(cutoff)
                .arg(now)
                .arg(EXPIRE_BATCH - out.len())
                .arg(self.ttl_ms);
            let rows: Vec<Vec<String>> =
                self.redis.script(inv, BUDGET).await.map_err(unavailable)?;
            for r in rows {
                out.push(parse(&r)?);
            }
        }
        out.sort_by_key(|e| e.queued_at);
        Ok(out)
    }

    async fn stats(&self, now: i64) -> Result<Vec<ServiceStats>, SpoolError> {
        let mut out = Vec::new();
        for service in self.services().await? {
            let keys = self.keys(&service);
            let mut inv = self.scripts.stats.prepare_invoke();
            inv.key(&keys[1])
                .key(&keys[3])
                .key(&keys[4])
                .key(&keys[7])
                .key(&keys[0])
                .arg(now - super::spool::OVERDUE_AFTER_MS);
            let (depth, oldest, dead, replaying, overdue): (u64, String, u64, u64, u64) =
                self.redis.script(inv, BUDGET).await.map_err(unavailable)?;
            if depth == 0 && dead == 0 {
                continue;
            }
            let oldest = if oldest.is_empty() {
                None
            } else {
                Some(score(&oldest)?)
            };
            out.push(ServiceStats {
                service,
                depth,
                oldest_age_s: oldest.map(|t| (now.saturating_sub(t).max(0) / 1000) as u64),
                dead,
                replaying,
                overdue,
            });
        }
        Ok(out)
    }

    /// The pushes of a service, queued or dead, in arrival order.
    async fn of_service(&self, service: &str, dead: bool) -> Result<Vec<Entry>, SpoolError> {
        let keys = self.keys(service);
        let ids: Vec<String> = self
            .redis
            .query(
                redis::cmd("ZRANGE")
                    .arg(&keys[if dead { 4 } else { 1 }])
                    .arg(0)
                    .arg(-1),
                BUDGET,
            )
            .await
            .map_err(unavailable)?;
        let mut out = Vec::with_capacity(ids.len());
        for chunk in ids.chunks(256) {
            let mut inv = self.scripts.fetch.prepare_invoke();
            inv.arg(self.base(service));
            for id in chunk {
                inv.arg(id);
            }
            let rows: Vec<Vec<String>> =
                self.redis.script(inv, BUDGET).await.map_err(unavailable)?;
            for r in rows {
                out.push(parse(&r)?);
            }
        }
        Ok(out)
    }
}

/// Whether `filter` selects `e` (beyond queued/dead and the service): as the embedded
/// spool's `WHERE` clause.
fn selects(filter: &Filter, e: &Entry, now: i64) -> bool {
    let first = e.new.first_seen;
    let older = filter
        .older_than
        .is_none_or(|age| first < now.saturating_sub(age.as_millis() as i64));
    let kind = filter.kind.as_ref().is_none_or(|k| {
        let route = e.new.route.to_ascii_lowercase();
        let k = k.to_ascii_lowercase();
        route == format!("msg/{k}") || route == format!("event/{k}")
    });
    older
        && filter.since.is_none_or(|t| first >= t)
        && filter.until.is_none_or(|t| first < t)
        && kind
}

/// A sorted set's score (an integer in ms, sent back as a double's text).
fn score(s: &str) -> Result<i64, SpoolError> {
    s.parse::<f64>()
        .map(|f| f as i64)
        .map_err(|_| unavailable(format!("spool: a score that is not a number: {s:?}")))
}

/// An entry from its hash (HGETALL's field, value pairs).
fn parse(pairs: &[String]) -> Result<Entry, SpoolError> {
    let map: HashMap<&str, &str> = pairs
        .chunks(2)
        .filter_map(|p| Some((p.first()?.as_str(), p.get(1)?.as_str())))
        .collect();
    let text = |k: &str| -> Result<String, SpoolError> {
        map.get(k)
            .map(|v| (*v).to_owned())
            .ok_or_else(|| unavailable(format!("spool entry without {k}")))
    };
    let int = |k: &str| -> Result<i64, SpoolError> {
        text(k)?
            .parse()
            .map_err(|_| unavailable(format!("spool entry: {k} is not a number")))
    };
    let opt = |k: &str| -> Result<Option<i64>, SpoolError> {
        match map.get(k) {
            Some(v) => v
                .parse()
                .map(Some)
                .map_err(|_| unavailable(format!("spool entry: {k} is not a number"))),
            None => Ok(None),
        }
    };
    Ok(Entry {
        seq: int("seq")?,
        new: NewEntry {
            id: text("id")?,
            service: text("service")?,
            route: text("route")?,
            body: text("body")?,
            request_id: text("request_id")?,
            open_id: text("open_id")?,
            create_time: opt("create_time")?,
            first_seen: int("first_seen")?,
            attempts: int("attempts")? as u32,
            next_at: int("next_at")?,
            last_error: map.get("last_error").map(|v| (*v).to_owned()),
            failing_since: opt("failing_since")?,
            history: map
                .get("history")
                .and_then(|h| serde_json::from_str(h).ok())
                .unwrap_or_default(),
        },
        queued_at: int("queued_at")?,
        dead_at: opt("dead_at")?,
        dead_reason: map.get("dead_reason").map(|v| (*v).to_owned()),
        replayed: map.get("replayed").is_some_and(|v| *v == "1"),
    })
}

impl Spool for RedisSpool {
    fn insert(&self, entry: NewEntry) -> BoxFut<Result<(), SpoolError>> {
        let me = self.clone();
        let id = entry.id.clone();
        self.pending.start(
            id,
            async move { me.insert_checked(entry).await.map(|_| ()) },
        )
    }
    fn settle(&self, id: String, settle: Settle) -> BoxFut<Result<(), SpoolError>> {
        let inner = Arc::clone(&self.inner);
        let after = self.pending.after(&id);
        Box::pin(async move {
            after.await;
            inner.settle(&id, &settle).await
        })
    }
    fn due(&self, service: String, limit: usize) -> BoxFut<Result<Vec<Entry>, SpoolError>> {
        let inner = Arc::clone(&self.inner);
        Box::pin(async move { inner.due(&service, clock::unix_millis(), limit).await })
    }
    fn next_due(&self, service: String) -> BoxFut<Result<Option<i64>, SpoolError>> {
        let inner = Arc::clone(&self.inner);
        Box::pin(async move { inner.next_due(&service).await })
    }
    fn head(&self, service: String) -> BoxFut<Result<Option<Entry>, SpoolError>> {
        let inner = Arc::clone(&self.inner);
        Box::pin(async move { inner.head(&service).await })
    }
    fn lanes(&self, service: String, limit: usize) -> BoxFut<Result<Vec<String>, SpoolError>> {
        let inner = Arc::clone(&self.inner);
        Box::pin(async move { inner.lanes(&service, limit).await })
    }
    fn paused(&self) -> BoxFut<Result<Vec<String>, SpoolError>> {
        let inner = Arc::clone(&self.inner);
        Box::pin(async move { inner.paused().await })
    }
    fn pull_forward(&self, service: String) -> BoxFut<Result<usize, SpoolError>> {
        let inner = Arc::clone(&self.inner);
        Box::pin(async move { inner.pull_forward(&service, clock::unix_millis()).await })
    }
    fn claim(&self, id: String, lease_until: i64) -> BoxFut<Result<bool, SpoolError>> {
        let inner = Arc::clone(&self.inner);
        let after = self.pending.after(&id);
        Box::pin(async move {
            after.await;
            inner.claim(&id, clock::unix_millis(), lease_until).await
        })
    }
    fn flush(&self) -> BoxFut<Result<(), SpoolError>> {
        let all = self.pending.all();
        Box::pin(async move {
            all.await;
            Ok(())
        })
    }
    fn expire(&self, max_age: Duration) -> BoxFut<Result<Vec<Entry>, SpoolError>> {
        let inner = Arc::clone(&self.inner);
        Box::pin(async move { inner.expire(clock::unix_millis(), max_age).await })
    }
    fn version(&self) -> BoxFut<Result<i64, SpoolError>> {
        let inner = Arc::clone(&self.inner);
        Box::pin(async move {
            let v: Option<i64> = inner
                .redis
                .query(
                    redis::cmd("GET").arg(inner.redis.key("spool:version")),
                    BUDGET,
                )
                .await
                .map_err(unavailable)?;
            Ok(v.unwrap_or(0))
        })
    }
    fn healthy(&self) -> bool {
        !self.inner.counters.failing.load(Ordering::Relaxed) && self.inner.redis.is_up()
    }
    fn stats(&self) -> BoxFut<Result<Vec<ServiceStats>, SpoolError>> {
        let inner = Arc::clone(&self.inner);
        Box::pin(async move { inner.stats(clock::unix_millis()).await })
    }
    fn spooled(&self) -> u64 {
        self.inner.counters.spooled.load(Ordering::Relaxed)
    }
    fn write_failures(&self) -> u64 {
        self.inner.counters.write_failures.load(Ordering::Relaxed)
    }
}

/// What `wx-gateway spool` does on the Redis spool (the calls of the SQLite [`super::spool::Store`]
/// of the same names and meaning). Each changing call bumps the version: `serve`'s workers
/// look again at once.
impl RedisSpool {
    /// The pushes `filter` selects, oldest first (by first seen, then arrival), all of them.
    async fn select(&self, filter: &Filter, now: i64) -> Result<Vec<Entry>, SpoolError> {
        let services = match &filter.service {
            Some(s) => vec![s.clone()],
            None => self.inner.services().await?,
        };
        let mut out = Vec::new();
        for s in services {
            out.extend(
                self.inner
                    .of_service(&s, filter.dead)
                    .await?
                    .into_iter()
                    .filter(|e| selects(filter, e, now)),
            );
        }
        out.sort_by(|a, b| {
            (a.new.first_seen, a.seq, &a.new.service).cmp(&(
                b.new.first_seen,
                b.seq,
                &b.new.service,
            ))
        });
        Ok(out)
    }

    /// The pushes `filter` selects, oldest first, at most `limit`.
    pub async fn list(
        &self,
        filter: &Filter,
        now: i64,
        limit: usize,
    ) -> Result<Vec<Entry>, SpoolError> {
        let mut all = self.select(filter, now).await?;
        all.truncate(limit);
        Ok(all)
    }

    /// How many pushes `filter` selects.
    pub async fn count(&self, filter: &Filter, now: i64) -> Result<u64, SpoolError> {
        Ok(self.select(filter, now).await?.len() as u64)
    }

    /// The push whose id is `id`, or begins with it (at least [`MIN_ID_PREFIX`] hex digits).
    pub async fn get(&self, id: &str) -> Result<Entry, SpoolError> {
        let id = id.trim();
        let services = self.inner.services().await?;
        for s in &services {
            let mut inv = self.inner.scripts.fetch.prepare_invoke();
            inv.arg(self.inner.base(s)).arg(id);
            let rows: Vec<Vec<String>> = self
                .inner
                .redis
                .script(inv, BUDGET)
                .await
                .map_err(unavailable)?;
            if let Some(r) = rows.first() {
                return parse(r);
            }
        }
        if id.len() < MIN_ID_PREFIX || !id.bytes().all(|b| b.is_ascii_hexdigit()) {
            return Err(SpoolError::ShortId(id.chars().take(64).collect()));
        }
        let mut found = Vec::new();
        for dead in [false, true] {
            let filter = Filter {
                dead,
                ..Filter::default()
            };
            found.extend(
                self.select(&filter, 0)
                    .await?
                    .into_iter()
                    .filter(|e| e.new.id.starts_with(id)),
            );
        }
        match found.len() {
            0 => Err(SpoolError::NotFound(id.to_owned())),
            1 => Ok(found.remove(0)),
            n => Err(SpoolError::Ambiguous {
                prefix: id.to_owned(),
                count: n,
            }),
        }
    }

    async fn requeue(&self, e: &Entry, now: i64) -> Result<bool, SpoolError> {
        let mut inv = self
            .inner
            .invoke_service(&self.inner.scripts.requeue, &e.new.service, 8);
        inv.arg(&e.new.id).arg(now).arg(self.inner.ttl_ms);
        let n: i64 = self
            .inner
            .redis
            .script(inv, BUDGET)
            .await
            .map_err(unavailable)?;
        Ok(n == 1)
    }

    async fn remove(&self, e: &Entry) -> Result<(), SpoolError> {
        let mut inv = self
            .inner
            .invoke_service(&self.inner.scripts.settle, &e.new.service, 8);
        inv.arg(&e.new.id).arg("delivered");
        self.inner
            .redis
            .script::<i64>(inv, BUDGET)
            .await
            .map_err(unavailable)?;
        Ok(())
    }

    /// Puts one push back in the queue, due now. Returns the entry as it was.
    pub async fn replay(&self, id: &str, now: i64) -> Result<Entry, SpoolError> {
        let e = self.get(id).await?;
        self.requeue(&e, now).await?;
        self.inner.bump_version().await?;
        Ok(e)
    }

    /// Puts every push `filter` selects back in the queue, due now. Returns how many.
    pub async fn replay_all(&self, filter: &Filter, now: i64) -> Result<usize, SpoolError> {
        let mut n = 0;
        for e in self.select(filter, now).await? {
            n += usize::from(self.requeue(&e, now).await?);
        }
        if n > 0 {
            self.inner.bump_version().await?;
        }
        Ok(n)
    }

    /// Deletes one push. Returns it.
    pub async fn drop_one(&self, id: &str) -> Result<Entry, SpoolError> {
        let e = self.get(id).await?;
        self.remove(&e).await?;
        self.inner.bump_version().await?;
        Ok(e)
    }

    /// Pauses (or resumes) a service (`spool pause`); true when it changed. Kept in Redis
    /// until resumed; the version is bumped, so running gateways notice at once.
    pub async fn set_paused(
        &self,
        service: &str,
        paused: bool,
        now: i64,
    ) -> Result<bool, SpoolError> {
        let key = self.inner.redis.key("spool:paused");
        let mut cmd = if paused {
            redis::cmd("HSETNX")
        } else {
            redis::cmd("HDEL")
        };
        cmd.arg(&key).arg(service);
        if paused {
            cmd.arg(now);
        }
        let n: i64 = self
            .inner
            .redis
            .query(&cmd, BUDGET)
            .await
            .map_err(unavailable)?;
        let _: i64 = self
            .inner
            .redis
            .query(
                redis::cmd("PEXPIRE").arg(&key).arg(self.inner.ttl_ms),
                BUDGET,
            )
            .await
            .map_err(unavailable)?;
        {
            let mut known = self.inner.paused.lock().unwrap_or_else(|e| e.into_inner());
            let list = known.get_or_insert_with(Vec::new);
            list.retain(|s| s != service);
            if paused {
                list.push(service.to_owned());
                list.sort();
            }
        }
        if n == 1 {
            self.inner.bump_version().await?;
        }
        Ok(n == 1)
    }

    /// Deletes every push `filter` selects. Returns how many.
    pub async fn drop_all(&self, filter: &Filter, now: i64) -> Result<usize, SpoolError> {
        let all = self.select(filter, now).await?;
        for e in &all {
            self.remove(e).await?;
        }
        if !all.is_empty() {
            self.inner.bump_version().await?;
        }
        Ok(all.len())
    }
}

#[cfg(test)]
pub(crate) mod tests;
