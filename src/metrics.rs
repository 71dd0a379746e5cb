//! The gateway's Prometheus metrics: one registry, its families, and the OpenMetrics text of
//! a scrape. Label values come from the config (service names) or from fixed sets (outcomes,
//! WeChat's documented push kinds, HTTP status codes): never an openid, a message's content or
//! a secret, and never an unbounded value from the network.

use std::collections::HashMap;
use std::sync::atomic::{AtomicI64, AtomicU64, AtomicUsize, Ordering};
use std::sync::{Arc, OnceLock};
use std::time::Duration;

use prometheus_client::encoding::{
    EncodeLabelSet, EncodeLabelValue, EncodeMetric, LabelValueEncoder, MetricEncoder, NoLabelSet,
};
use prometheus_client::metrics::counter::Counter;
use prometheus_client::metrics::family::Family;
use prometheus_client::metrics::gauge::Gauge;
use prometheus_client::metrics::{MetricType, TypedMetric};
use prometheus_client::registry::Registry;

/// The content type of [`Metrics::render`]: the crate writes OpenMetrics text only (Prometheus
/// scrapes it as well as the 0.0.4 format).
pub const CONTENT_TYPE: &str = "application/openmetrics-text; version=1.0.0; charset=utf-8";

/// Push durations, in seconds: fine below WeChat's 5 s wait, where the budget (4.5 s) ends.
const PUSH_BUCKETS: [f64; 13] = [
    0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.0, 3.0, 4.0, 4.5, 5.0,
];
/// Backend calls may outlive the push's answer (up to `late-reply-timeout-ms`).
const BACKEND_BUCKETS: [f64; 16] = [
    0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.0, 3.0, 4.0, 4.5, 5.0, 10.0, 30.0, 60.0,
];

/// Delivery lag, receipt → delivered, in seconds: a live push takes milliseconds, a spooled
/// one minutes to hours (`spool.max-age` defaults to a day).
const LAG_BUCKETS: [f64; 21] = [
    0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0, 30.0, 60.0, 120.0, 300.0, 600.0,
    1800.0, 3600.0, 7200.0, 21600.0, 43200.0, 86400.0,
];
/// One spool write: a local SQLite commit takes about a millisecond, a Redis write a network
/// round trip (and `WAITAOF`); a write waits at most 5 s for the database's lock.
const SPOOL_WRITE_BUCKETS: [f64; 14] = [
    0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0,
];

/// The `reason` label of `wxgw_spool_write_errors_total`: a fixed set, so a caller cannot
/// make new series; any other reason counts as `unavailable`.
const SPOOL_WRITE_ERRORS: [&str; 4] = ["queue_full", "disk", "redis", "unavailable"];

/// The `result` label of `wxgw_spool_replays_total`.
const REPLAY_RESULTS: [&str; 3] = ["delivered", "failed", "dead"];

/// WeChat's documented message types and event names: a push's kind is one of these or
/// `other`, so a sender cannot make new series.
const KINDS: &[&str] = &[
    "text",
    "image",
    "voice",
    "video",
    "shortvideo",
    "location",
    "link",
    "file",
    "music",
    "news",
    "miniprogrampage",
    "subscribe",
    "unsubscribe",
    "SCAN",
    "LOCATION",
    "CLICK",
    "VIEW",
    "scancode_push",
    "scancode_waitmsg",
    "pic_sysphoto",
    "pic_photo_or_album",
    "pic_weixin",
    "location_select",
    "view_miniprogram",
    "TEMPLATESENDJOBFINISH",
    "MASSSENDJOBFINISH",
    "subscribe_msg_popup_event",
    "subscribe_msg_change_event",
    "subscribe_msg_sent_event",
    "kf_create_session",
    "kf_close_session",
    "kf_switch_session",
    "user_authorize_invoice",
    "card_pass_check",
    "card_not_pass_check",
    "user_get_card",
    "user_del_card",
    "user_consume_card",
    "user_view_card",
    "user_enter_session_from_card",
    "poi_check_notify",
    "qualification_verify_success",
    "qualification_verify_fail",
    "naming_verify_success",
    "naming_verify_fail",
    "annual_renew",
    "verify_expired",
    "PUBLISHJOBFINISH",
];

/// The `kind` label of a push: its MsgType or Event when WeChat documents it, else `other`.
pub fn kind_label(kind: &str) -> &'static str {
    KINDS
        .iter()
        .find(|k| **k == kind)
        .copied()
        .unwrap_or("other")
}

/// The refusal outcomes of the push log line, with `-` turned into `_` (the `reason` label).
pub fn reason_label(outcome: &str) -> &'static str {
    match outcome {
        "not-found" => "not_found",
        "method-not-allowed" => "method_not_allowed",
        "missing-param" => "missing_param",
        "bad-signature" => "bad_signature",
        "expired" => "expired",
        "replay" => "replay",
        "forgery" => "forgery",
        "too-large" => "too_large",
        "body-timeout" => "body_timeout",
        "bad-body" => "bad_body",
        "bad-mode" => "bad_mode",
        "wrong-appid" => "wrong_appid",
        "bad-payload" => "bad_payload",
        "overloaded" => "overloaded",
        "held" => "held",
        _ => "other",
    }
}

/// The outcomes of the push log line (answered and refused): each has its handles made once
/// per service (see [`Hot`]); any other goes through its family's lookup.
const OUTCOMES: &[&str] = &[
    "forwarded",
    "retry-deduplicated",
    "echo",
    "spooled",
    "spool-failed",
    "backend-error",
    "retry-while-pending",
    "not-found",
    "method-not-allowed",
    "missing-param",
    "bad-signature",
    "expired",
    "replay",
    "forgery",
    "too-large",
    "body-timeout",
    "bad-body",
    "bad-mode",
    "wrong-appid",
    "bad-payload",
    "overloaded",
    "held",
];

/// Backend statuses with handles of their own: every HTTP code, then timeout and connect.
const STATUS_SLOTS: usize = 600 + 2;

fn status_slot(status: Status) -> Option<usize> {
    match status {
        Status::Code(c) if c < 600 => Some(usize::from(c)),
        Status::Code(_) => None,
        Status::Timeout => Some(600),
        Status::Connect => Some(601),
    }
}

/// WeChat errcodes worth a series of their own; any other is `other`.
const ERRCODES: &[i64] = &[
    -1, 40001, 40002, 40003, 40013, 40014, 40029, 40125, 40164, 40243, 41001, 42001, 43004, 45009,
    45011, 45015, 45047, 48001, 50001, 50002, 61024, 89503,
];

/// The `errcode` label of a WeChat API error.
pub fn errcode_label(code: i64) -> String {
    if ERRCODES.contains(&code) {
        code.to_string()
    } else {
        "other".to_owned()
    }
}

#[derive(Clone, Debug, Hash, PartialEq, Eq, EncodeLabelSet)]
struct PushLabels {
    service: Arc<str>,
    kind: &'static str,
    outcome: &'static str,
}

#[derive(Clone, Debug, Hash, PartialEq, Eq, EncodeLabelSet)]
struct OutcomeLabels {
    service: Arc<str>,
    outcome: &'static str,
}

#[derive(Clone, Debug, Hash, PartialEq, Eq, EncodeLabelSet)]
struct ServiceLabels {
    service: Arc<str>,
}

/// A backend answer's status: the HTTP code, or why there was none.
#[derive(Clone, Copy, Debug, Hash, PartialEq, Eq)]
pub enum Status {
    Code(u16),
    Timeout,
    Connect,
}

impl EncodeLabelValue for Status {
    fn encode(&self, encoder: &mut LabelValueEncoder) -> Result<(), std::fmt::Error> {
        use std::fmt::Write;
        match self {
            Status::Code(c) => write!(encoder, "{c}"),
            Status::Timeout => encoder.write_str("timeout"),
            Status::Connect => encoder.write_str("connect"),
        }
    }
}

#[derive(Clone, Debug, Hash, PartialEq, Eq, EncodeLabelSet)]
struct StatusLabels {
    service: Arc<str>,
    status: Status,
}

#[derive(Clone, Debug, Hash, PartialEq, Eq, EncodeLabelSet)]
struct ReasonLabels {
    service: Arc<str>,
    reason: &'static str,
}

#[derive(Clone, Debug, Hash, PartialEq, Eq, EncodeLabelSet)]
struct ResultLabels {
    service: Arc<str>,
    result: &'static str,
}

#[derive(Clone, Debug, Hash, PartialEq, Eq, EncodeLabelSet)]
struct AttemptLabels {
    service: Arc<str>,
    trigger: &'static str,
    result: &'static str,
}

#[derive(Clone, Debug, Hash, PartialEq, Eq, EncodeLabelSet)]
struct WriteErrorLabels {
    reason: &'static str,
}

/// The label set of a series without labels that appears only once it is set (a plain
/// metric is always written, at 0 before its first value).
type NoLabels = [(&'static str, &'static str); 0];

#[derive(Clone, Debug, Hash, PartialEq, Eq, EncodeLabelSet)]
struct AccountResult {
    account: String,
    result: &'static str,
}

#[derive(Clone, Debug, Hash, PartialEq, Eq, EncodeLabelSet)]
struct AccountLabels {
    account: String,
}

#[derive(Clone, Debug, Hash, PartialEq, Eq, EncodeLabelSet)]
struct ErrcodeLabels {
    account: String,
    errcode: String,
}

#[derive(Clone, Debug, Hash, PartialEq, Eq, EncodeLabelSet)]
struct ReloadLabels {
    result: &'static str,
}

#[derive(Clone, Debug, Hash, PartialEq, Eq, EncodeLabelSet)]
struct KeyLabels {
    service: Arc<str>,
    key: &'static str,
}

#[derive(Clone, Debug, Hash, PartialEq, Eq, EncodeLabelSet)]
struct VersionLabels {
    version: &'static str,
}

/// Per-thread shards of the metrics every push touches. The serving threads (one runtime per
/// core) would otherwise write the same cache lines on every push (a counter, a histogram's
/// mutex): each thread writes its own line, and a scrape adds the shards up.
const SHARDS: usize = 4;

/// This thread's shard: the threads take them in turn.
fn shard() -> usize {
    static NEXT: AtomicUsize = AtomicUsize::new(0);
    thread_local! {
        static SHARD: usize = NEXT.fetch_add(1, Ordering::Relaxed) % SHARDS;
    }
    SHARD.with(|s| *s)
}

/// One cache line (two on CPUs that fetch lines in pairs) of its own.
#[derive(Debug, Default)]
#[repr(align(128))]
struct Line<T>(T);

/// A counter with a shard per thread ([`SHARDS`]).
#[derive(Clone, Debug, Default)]
pub struct ShardedCounter(Arc<[Line<AtomicU64>; SHARDS]>);

impl ShardedCounter {
    pub fn inc(&self) {
        self.0[shard()].0.fetch_add(1, Ordering::Relaxed);
    }

    pub fn get(&self) -> u64 {
        self.0.iter().map(|l| l.0.load(Ordering::Relaxed)).sum()
    }
}

impl TypedMetric for ShardedCounter {
    const TYPE: MetricType = MetricType::Counter;
}

impl EncodeMetric for ShardedCounter {
    fn encode(&self, mut encoder: MetricEncoder) -> Result<(), std::fmt::Error> {
        encoder.encode_counter::<NoLabelSet, _, u64>(&self.get(), None)
    }

    fn metric_type(&self) -> MetricType {
        Self::TYPE
    }
}

/// A gauge with a shard per thread: a thread's shard may go below zero (a call counted up on
/// one thread and down on another); the sum is the gauge.
#[derive(Clone, Debug, Default)]
pub struct ShardedGauge(Arc<[Line<AtomicI64>; SHARDS]>);

impl ShardedGauge {
    pub fn inc(&self) {
        self.0[shard()].0.fetch_add(1, Ordering::Relaxed);
    }

    pub fn dec(&self) {
        self.0[shard()].0.fetch_sub(1, Ordering::Relaxed);
    }

    pub fn get(&self) -> i64 {
        self.0.iter().map(|l| l.0.load(Ordering::Relaxed)).sum()
    }
}

impl TypedMetric for ShardedGauge {
    const TYPE: MetricType = MetricType::Gauge;
}

impl EncodeMetric for ShardedGauge {
    fn encode(&self, mut encoder: MetricEncoder) -> Result<(), std::fmt::Error> {
        encoder.encode_gauge(&self.get())
    }

    fn metric_type(&self) -> MetricType {
        Self::TYPE
    }
}

/// One thread's part of a histogram: its count, its sum (f64 bits) and its buckets.
#[derive(Debug)]
struct HistogramShard {
    count: AtomicU64,
    sum: AtomicU64,
    buckets: Box<[AtomicU64]>,
}

/// A classic histogram (fixed buckets, as prometheus-client's) with a shard per thread: an
/// observation is three uncontended atomic adds instead of a shared mutex.
#[derive(Clone, Debug)]
pub struct ShardedHistogram {
    bounds: &'static [f64],
    shards: Arc<[Line<HistogramShard>; SHARDS]>,
}

impl ShardedHistogram {
    fn new(bounds: &'static [f64]) -> Self {
        let shard = || {
            Line(HistogramShard {
                count: AtomicU64::new(0),
                sum: AtomicU64::new(0f64.to_bits()),
                // The last one is +Inf.
                buckets: (0..=bounds.len()).map(|_| AtomicU64::new(0)).collect(),
            })
        };
        ShardedHistogram {
            bounds,
            shards: Arc::new(std::array::from_fn(|_| shard())),
        }
    }

    pub fn observe(&self, v: f64) {
        let s = &self.shards[shard()].0;
        let bucket = self
            .bounds
            .iter()
            .position(|upper| v <= *upper)
            .unwrap_or(self.bounds.len());
        s.buckets[bucket].fetch_add(1, Ordering::Relaxed);
        // Only this thread writes this shard's sum (or one more now and then): uncontended.
        let _ = s
            .sum
            .fetch_update(Ordering::Relaxed, Ordering::Relaxed, |bits| {
                Some((f64::from_bits(bits) + v).to_bits())
            });
        s.count.fetch_add(1, Ordering::Relaxed);
    }
}

impl TypedMetric for ShardedHistogram {
    const TYPE: MetricType = MetricType::Histogram;
}

impl EncodeMetric for ShardedHistogram {
    fn encode(&self, mut encoder: MetricEncoder) -> Result<(), std::fmt::Error> {
        let mut sum = 0.0;
        let mut count = 0;
        let mut buckets: Vec<(f64, u64)> = self
            .bounds
            .iter()
            .copied()
            .chain(std::iter::once(f64::MAX))
            .map(|b| (b, 0))
            .collect();
        for line in self.shards.iter() {
            let s = &line.0;
            sum += f64::from_bits(s.sum.load(Ordering::Relaxed));
            count += s.count.load(Ordering::Relaxed);
            for (b, n) in buckets.iter_mut().zip(s.buckets.iter()) {
                b.1 += n.load(Ordering::Relaxed);
            }
        }
        encoder.encode_histogram::<NoLabelSet>(sum, count, &buckets, None)
    }

    fn metric_type(&self) -> MetricType {
        Self::TYPE
    }
}

type Histograms<S> = Family<S, ShardedHistogram, fn() -> ShardedHistogram>;
type FloatGauge = Gauge<f64, AtomicU64>;

/// A service's handles of the series a push touches, each made on first use (a series appears
/// once it is counted, as with a family's lookup) and then found without a lookup: no lock,
/// no hashing, no reference count shared by the serving threads.
struct Hot {
    /// `wxgw_pushes_total` by kind (`KINDS`, then `other`) and outcome (`OUTCOMES`).
    pushes: Box<[OnceLock<ShardedCounter>]>,
    /// `wxgw_push_duration_seconds` by outcome.
    push_duration: Box<[OnceLock<ShardedHistogram>]>,
    /// `wxgw_backend_responses_total` by status ([`status_slot`]).
    backend_responses: Box<[OnceLock<ShardedCounter>]>,
    /// `wxgw_key_matched_total`: current, previous.
    key_matched: [OnceLock<ShardedCounter>; 2],
}

impl Hot {
    fn new() -> Hot {
        fn slots<T>(n: usize) -> Box<[OnceLock<T>]> {
            (0..n).map(|_| OnceLock::new()).collect()
        }
        Hot {
            pushes: slots((KINDS.len() + 1) * OUTCOMES.len()),
            push_duration: slots(OUTCOMES.len()),
            backend_responses: slots(STATUS_SLOTS),
            key_matched: [OnceLock::new(), OnceLock::new()],
        }
    }
}

/// One service's handles, made at start: the hot path finds them without a lookup by name.
#[derive(Clone)]
pub struct ServiceMetrics {
    pub name: Arc<str>,
    backend_duration: ShardedHistogram,
    inflight: ShardedGauge,
    hot: Arc<Hot>,
    delivery: Arc<DeliveryHandles>,
}

/// A service's delivery series, all made with the service's handles (each exported at 0 from
/// the start): the attempts by (trigger, result), the lag.
struct DeliveryHandles {
    /// `wxgw_delivery_attempts_total`, at [`attempt_slot`].
    attempts: [ShardedCounter; Trigger::ALL.len() * AttemptResult::ALL.len()],
    /// `wxgw_delivery_lag_seconds`.
    lag: ShardedHistogram,
}

fn attempt_slot(trigger: Trigger, result: AttemptResult) -> usize {
    trigger as usize * AttemptResult::ALL.len() + result as usize
}

impl ServiceMetrics {
    /// A live backend call of this service begins; it ends when the guard is dropped.
    pub fn call(&self) -> InFlight<'_> {
        self.inflight.inc();
        InFlight(&self.inflight)
    }
}

/// A live backend call counted in `wxgw_inflight`.
pub struct InFlight<'a>(&'a ShardedGauge);

impl Drop for InFlight<'_> {
    fn drop(&mut self) {
        self.0.dec();
    }
}

/// What made a delivery attempt (`X-Wx-Delivery-Trigger`, the `trigger` label).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Trigger {
    /// The push as it arrived from WeChat.
    Live,
    /// A redelivery from the spool.
    Retry,
    /// A redelivery of a push requeued by `spool replay`.
    Replay,
}

impl Trigger {
    pub const ALL: [Trigger; 3] = [Trigger::Live, Trigger::Retry, Trigger::Replay];
    pub fn as_str(self) -> &'static str {
        match self {
            Trigger::Live => "live",
            Trigger::Retry => "retry",
            Trigger::Replay => "replay",
        }
    }
}

/// What became of a delivery attempt (the `result` label of `wxgw_delivery_attempts_total`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum AttemptResult {
    /// 2xx.
    Ok,
    /// A 4xx other than 429 (408 and 425 included).
    Http4xx,
    Http5xx,
    Http429,
    /// No answer within the attempt's time.
    Timeout,
    /// The connection was refused or reset (or never made).
    Refused,
    /// A 3xx (never followed).
    Redirect,
}

impl AttemptResult {
    pub const ALL: [AttemptResult; 7] = [
        AttemptResult::Ok,
        AttemptResult::Http4xx,
        AttemptResult::Http5xx,
        AttemptResult::Http429,
        AttemptResult::Timeout,
        AttemptResult::Refused,
        AttemptResult::Redirect,
    ];
    pub fn as_str(self) -> &'static str {
        match self {
            AttemptResult::Ok => "ok",
            AttemptResult::Http4xx => "http_4xx",
            AttemptResult::Http5xx => "http_5xx",
            AttemptResult::Http429 => "http_429",
            AttemptResult::Timeout => "timeout",
            AttemptResult::Refused => "refused",
            AttemptResult::Redirect => "redirect",
        }
    }
}

/// A service's backend breaker (`wxgw_backend_breaker_state`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BreakerState {
    Closed = 0,
    Open = 1,
    HalfOpen = 2,
}

/// The gateway's metrics.
pub struct Metrics {
    registry: Registry,
    backend_duration: Histograms<ServiceLabels>,
    inflight: Family<ServiceLabels, ShardedGauge>,
    /// Each service's handles, made on first use and kept (their per-thread caches too).
    services: std::sync::Mutex<HashMap<String, ServiceMetrics>>,
    pushes: Family<PushLabels, ShardedCounter>,
    push_duration: Histograms<OutcomeLabels>,
    backend_responses: Family<StatusLabels, ShardedCounter>,
    rejected: Family<ReasonLabels, Counter>,
    retries: Family<ResultLabels, Counter>,
    spool_depth: Family<ServiceLabels, Gauge>,
    spool_oldest_age: Family<ServiceLabels, Gauge>,
    spool_dead: Family<ServiceLabels, Gauge>,
    late_replies: Family<ResultLabels, Counter>,
    token_refreshes: Family<AccountResult, Counter>,
    token_expires_in: Family<AccountLabels, Gauge>,
    api_errors: Family<ErrcodeLabels, Counter>,
    connections_open: Gauge,
    redis_up: Gauge,
    config_reloads: Family<ReloadLabels, Counter>,
    last_reload: FloatGauge,
    key_matched: Family<KeyLabels, ShardedCounter>,
    attempts: Family<AttemptLabels, ShardedCounter>,
    delivery_lag: Histograms<ServiceLabels>,
    spool_write: ShardedHistogram,
    /// `wxgw_spool_write_errors_total` by reason, in the order of [`SPOOL_WRITE_ERRORS`].
    spool_write_errors: [ShardedCounter; SPOOL_WRITE_ERRORS.len()],
    breaker_state: Family<ServiceLabels, Gauge>,
    spool_paused: Family<ServiceLabels, Gauge>,
    spool_replays: Family<ResultLabels, Counter>,
    spool_overdue: Family<ServiceLabels, Gauge>,
    redis_durable: Family<NoLabels, Gauge>,
}

impl Metrics {
    /// The registry with every family, and the handles of each service in `services`.
    pub fn new<'a>(services: impl IntoIterator<Item = &'a str>) -> Metrics {
        let mut r = Registry::default();
        let pushes = Family::<PushLabels, ShardedCounter>::default();
        r.register(
            "wxgw_pushes",
            "Pushes answered, by service, kind and outcome (as in the push log line)",
            pushes.clone(),
        );
        let push_duration: Histograms<OutcomeLabels> =
            Family::new_with_constructor(|| ShardedHistogram::new(&PUSH_BUCKETS));
        r.register(
            "wxgw_push_duration_seconds",
            "Time from a push's arrival to its answer",
            push_duration.clone(),
        );
        let backend_duration: Histograms<ServiceLabels> =
            Family::new_with_constructor(|| ShardedHistogram::new(&BACKEND_BUCKETS));
        r.register(
            "wxgw_backend_duration_seconds",
            "Backend call durations (live calls and redeliveries)",
            backend_duration.clone(),
        );
        let backend_responses = Family::<StatusLabels, ShardedCounter>::default();
        r.register(
            "wxgw_backend_responses",
            "Backend answers by HTTP status (timeout or connect when there was none)",
            backend_responses.clone(),
        );
        let rejected = Family::<ReasonLabels, Counter>::default();
        r.register(
            "wxgw_rejected",
            "Pushes refused before they were parsed or forwarded, by reason",
            rejected.clone(),
        );
        let retries = Family::<ResultLabels, Counter>::default();
        r.register(
            "wxgw_retries",
            "WeChat retries recognised: joined (waited for the running call), cached (the reply was there), pending (answered without it)",
            retries.clone(),
        );
        let spool_depth = Family::<ServiceLabels, Gauge>::default();
        r.register(
            "wxgw_spool_depth",
            "Pushes waiting in the spool for redelivery",
            spool_depth.clone(),
        );
        let spool_oldest_age = Family::<ServiceLabels, Gauge>::default();
        r.register(
            "wxgw_spool_oldest_age_seconds",
            "Age of the oldest push waiting in the spool (0 when none)",
            spool_oldest_age.clone(),
        );
        let spool_dead = Family::<ServiceLabels, Gauge>::default();
        r.register(
            "wxgw_spool_dead",
            "Dead letters kept in the spool",
            spool_dead.clone(),
        );
        let late_replies = Family::<ResultLabels, Counter>::default();
        r.register(
            "wxgw_late_replies",
            "Backend replies that came after WeChat's last answer: sent, failed, dropped",
            late_replies.clone(),
        );
        let token_refreshes = Family::<AccountResult, Counter>::default();
        r.register(
            "wxgw_token_refreshes",
            "access_token fetches from WeChat, ok or error",
            token_refreshes.clone(),
        );
        let token_expires_in = Family::<AccountLabels, Gauge>::default();
        r.register(
            "wxgw_token_expires_in_seconds",
            "Seconds until the account's access_token expires (0 when none is held)",
            token_expires_in.clone(),
        );
        let api_errors = Family::<ErrcodeLabels, Counter>::default();
        r.register(
            "wxgw_wechat_api_errors",
            "WeChat API calls answered with a non-zero errcode",
            api_errors.clone(),
        );
        let connections_open = Gauge::default();
        r.register(
            "wxgw_connections_open",
            "Client connections open",
            connections_open.clone(),
        );
        let redis_up = Gauge::default();
        r.register(
            "wxgw_redis_up",
            "1 while the shared Redis answers, 0 while this instance runs on its local state (only with redis configured)",
            redis_up.clone(),
        );
        let inflight = Family::<ServiceLabels, ShardedGauge>::default();
        r.register(
            "wxgw_inflight",
            "Live backend calls running",
            inflight.clone(),
        );
        let config_reloads = Family::<ReloadLabels, Counter>::default();
        r.register(
            "wxgw_config_reloads",
            "Config reloads, ok or error",
            config_reloads.clone(),
        );
        let last_reload = FloatGauge::default();
        r.register(
            "wxgw_config_last_reload_success_timestamp_seconds",
            "When the config in use was loaded (unix seconds)",
            last_reload.clone(),
        );
        let key_matched = Family::<KeyLabels, ShardedCounter>::default();
        r.register(
            "wxgw_key_matched",
            "Pushes verified with the service's current or previous key",
            key_matched.clone(),
        );
        let attempts = Family::<AttemptLabels, ShardedCounter>::default();
        r.register(
            "wxgw_delivery_attempts",
            "Delivery attempts to a backend by trigger (live, retry, replay) and result (ok, http_4xx, http_5xx, http_429, timeout, refused, redirect)",
            attempts.clone(),
        );
        let delivery_lag: Histograms<ServiceLabels> =
            Family::new_with_constructor(|| ShardedHistogram::new(&LAG_BUCKETS));
        r.register(
            "wxgw_delivery_lag_seconds",
            "Time from a push's first receipt to its delivery to the backend",
            delivery_lag.clone(),
        );
        let spool_write = ShardedHistogram::new(&SPOOL_WRITE_BUCKETS);
        r.register(
            "wxgw_spool_write_seconds",
            "Spool writes (a push put in the spool), failed ones included",
            spool_write.clone(),
        );
        let write_errors = Family::<WriteErrorLabels, ShardedCounter>::default();
        r.register(
            "wxgw_spool_write_errors",
            "Spool writes that failed: queue_full, disk, redis, unavailable",
            write_errors.clone(),
        );
        let spool_write_errors = SPOOL_WRITE_ERRORS
            .map(|reason| write_errors.get_or_create_owned(&WriteErrorLabels { reason }));
        let breaker_state = Family::<ServiceLabels, Gauge>::default();
        r.register(
            "wxgw_backend_breaker_state",
            "The service's backend breaker: 0 closed, 1 open, 2 half-open",
            breaker_state.clone(),
        );
        let spool_paused = Family::<ServiceLabels, Gauge>::default();
        r.register(
            "wxgw_spool_paused",
            "1 while the service is paused (spool pause): its pushes are spooled, not delivered",
            spool_paused.clone(),
        );
        let spool_replays = Family::<ResultLabels, Counter>::default();
        r.register(
            "wxgw_spool_replays",
            "Attempts of replayed pushes: delivered, failed (back in the queue), dead",
            spool_replays.clone(),
        );
        let spool_overdue = Family::<ServiceLabels, Gauge>::default();
        r.register(
            "wxgw_spool_overdue",
            "Waiting pushes whose next attempt is more than a minute in the past (redelivery stalled)",
            spool_overdue.clone(),
        );
        let redis_durable = Family::<NoLabels, Gauge>::default();
        r.register(
            "wxgw_redis_durable",
            "1 while a spool write to Redis is on disk there before WeChat is answered (WAITAOF), 0 while pushes are also written to the embedded spool (only with redis configured)",
            redis_durable.clone(),
        );
        let build_info = Family::<VersionLabels, Gauge>::default();
        build_info
            .get_or_create(&VersionLabels {
                version: env!("CARGO_PKG_VERSION"),
            })
            .set(1);
        r.register("wxgw_build_info", "The gateway's version", build_info);
        last_reload.set(crate::clock::unix_millis() as f64 / 1000.0);

        let metrics = Metrics {
            registry: r,
            backend_duration,
            inflight,
            services: Default::default(),
            pushes,
            push_duration,
            backend_responses,
            rejected,
            retries,
            spool_depth,
            spool_oldest_age,
            spool_dead,
            late_replies,
            token_refreshes,
            token_expires_in,
            api_errors,
            connections_open,
            redis_up,
            config_reloads,
            last_reload,
            key_matched,
            attempts,
            delivery_lag,
            spool_write,
            spool_write_errors,
            breaker_state,
            spool_paused,
            spool_replays,
            spool_overdue,
            redis_durable,
        };
        for name in services {
            // Each configured service's series exist from the start (at 0).
            metrics.service(name);
        }
        metrics
    }

    /// The handles of service `name` (made on first use, the same ones after: a service a
    /// reload adds gets its series then, one kept across a reload keeps counting on).
    pub fn service(&self, name: &str) -> ServiceMetrics {
        let mut services = self.services.lock().unwrap_or_else(|e| e.into_inner());
        if let Some(handles) = services.get(name) {
            return handles.clone();
        }
        let labels = ServiceLabels {
            service: Arc::from(name),
        };
        let service = &labels.service;
        let attempts = std::array::from_fn(|i| {
            let trigger = Trigger::ALL[i / AttemptResult::ALL.len()];
            let result = AttemptResult::ALL[i % AttemptResult::ALL.len()];
            debug_assert_eq!(attempt_slot(trigger, result), i);
            self.attempts.get_or_create_owned(&AttemptLabels {
                service: Arc::clone(service),
                trigger: trigger.as_str(),
                result: result.as_str(),
            })
        });
        let delivery = DeliveryHandles {
            attempts,
            lag: self.delivery_lag.get_or_create_owned(&labels),
        };
        // The gauges and counters set by name (not on the hot path) exist from now on, at 0;
        // a gauge already set (a service a reload removed and added again) keeps its value.
        self.breaker_state.get_or_create_owned(&labels);
        self.spool_paused.get_or_create_owned(&labels);
        self.spool_overdue.get_or_create_owned(&labels);
        for result in REPLAY_RESULTS {
            self.spool_replays.get_or_create_owned(&ResultLabels {
                service: Arc::clone(service),
                result,
            });
        }
        let handles = ServiceMetrics {
            backend_duration: self.backend_duration.get_or_create_owned(&labels),
            inflight: self.inflight.get_or_create_owned(&labels),
            hot: Arc::new(Hot::new()),
            delivery: Arc::new(delivery),
            name: labels.service,
        };
        services.insert(name.to_owned(), handles.clone());
        handles
    }

    /// A push answered (or refused): its final log line's outcome, and how long it took.
    pub fn push(
        &self,
        svc: &ServiceMetrics,
        kind: &'static str,
        outcome: &'static str,
        took: Duration,
    ) {
        let Some(o) = OUTCOMES.iter().position(|x| *x == outcome) else {
            return self.push_looked_up(svc, kind, outcome, took);
        };
        let k = KINDS.iter().position(|x| *x == kind).unwrap_or(KINDS.len());
        svc.hot.push_duration[o]
            .get_or_init(|| {
                self.push_duration.get_or_create_owned(&OutcomeLabels {
                    service: Arc::clone(&svc.name),
                    outcome,
                })
            })
            .observe(took.as_secs_f64());
        svc.hot.pushes[k * OUTCOMES.len() + o]
            .get_or_init(|| {
                self.pushes.get_or_create_owned(&PushLabels {
                    service: Arc::clone(&svc.name),
                    kind,
                    outcome,
                })
            })
            .inc();
    }

    /// [`Metrics::push`] of an outcome without handles of its own.
    fn push_looked_up(
        &self,
        svc: &ServiceMetrics,
        kind: &'static str,
        outcome: &'static str,
        took: Duration,
    ) {
        let service = Arc::clone(&svc.name);
        self.push_duration
            .get_or_create(&OutcomeLabels {
                service: Arc::clone(&service),
                outcome,
            })
            .observe(took.as_secs_f64());
        self.pushes
            .get_or_create(&PushLabels {
                service,
                kind,
                outcome,
            })
            .inc();
    }

    /// A push refused; `outcome` is the refusal's outcome name.
    pub fn rejected(&self, svc: &ServiceMetrics, outcome: &str) {
        self.rejected
            .get_or_create(&ReasonLabels {
                service: Arc::clone(&svc.name),
                reason: reason_label(outcome),
            })
            .inc();
    }

    /// One backend call's answer and duration.
    pub fn backend(&self, svc: &ServiceMetrics, status: Status, took: Duration) {
        svc.backend_duration.observe(took.as_secs_f64());
        let labels = || StatusLabels {
            service: Arc::clone(&svc.name),
            status,
        };
        match status_slot(status) {
            Some(i) => svc.hot.backend_responses[i]
                .get_or_init(|| self.backend_responses.get_or_create_owned(&labels()))
                .inc(),
            None => self.backend_responses.get_or_create(&labels()).inc(),
        }
    }

    /// A WeChat retry answered: `joined`, `cached` or `pending`.
    pub fn retry(&self, svc: &ServiceMetrics, result: &'static str) {
        self.retries
            .get_or_create(&ResultLabels {
                service: Arc::clone(&svc.name),
                result,
            })
            .inc();
    }

    /// A late reply: `sent`, `failed` or `dropped`.
    pub fn late_reply(&self, service: &str, result: &'static str) {
        self.late_replies
            .get_or_create(&ResultLabels {
                service: Arc::from(service),
                result,
            })
            .inc();
    }

    /// A push verified with the service's `current` or `previous` key.
    pub fn key_matched(&self, svc: &ServiceMetrics, key: &str) {
        let (key, i) = match key {
            "current" => ("current", 0),
            "previous" => ("previous", 1),
            _ => return,
        };
        svc.hot.key_matched[i]
            .get_or_init(|| {
                self.key_matched.get_or_create_owned(&KeyLabels {
                    service: Arc::clone(&svc.name),
                    key,
                })
            })
            .inc();
    }

    pub fn reload_ok(&self) {
        self.config_reloads
            .get_or_create(&ReloadLabels { result: "ok" })
            .inc();
        self.last_reload
            .set(crate::clock::unix_millis() as f64 / 1000.0);
    }

    pub fn reload_failed(&self) {
        self.config_reloads
            .get_or_create(&ReloadLabels { result: "error" })
            .inc();
    }

    /// The spool's state of a service (refreshed at scrape; also of a service a reload
    /// removed while pushes of it wait).
    pub fn set_spool(&self, service: &str, depth: u64, oldest_age_s: u64, dead: u64) {
        let labels = ServiceLabels {
            service: Arc::from(service),
        };
        let g = |v: u64| i64::try_from(v).unwrap_or(i64::MAX);
        self.spool_depth.get_or_create(&labels).set(g(depth));
        self.spool_oldest_age
            .get_or_create(&labels)
            .set(g(oldest_age_s));
        self.spool_dead.get_or_create(&labels).set(g(dead));
    }

    pub fn set_redis_up(&self, up: bool) {
        self.redis_up.set(i64::from(up));
    }

    pub fn set_connections_open(&self, open: usize) {
        self.connections_open
            .set(i64::try_from(open).unwrap_or(i64::MAX));
    }

    /// What an account's token broker counted (refreshed at scrape): fetches ok and failed,
    /// WeChat errcodes, the token's remaining life.
    pub fn set_account(&self, account: &str, stats: &crate::wxapi::ApiStats, expires_in: u64) {
        let result = |result| AccountResult {
            account: account.to_owned(),
            result,
        };
        let set = |c: &Counter, to: u64| {
            let now = c.get();
            if to > now {
                c.inc_by(to - now);
            }
        };
        let (ok, failed, errcodes) = stats.snapshot();
        set(&self.token_refreshes.get_or_create(&result("ok")), ok);
        set(
            &self.token_refreshes.get_or_create(&result("error")),
            failed,
        );
        for (code, n) in errcodes {
            let labels = ErrcodeLabels {
                account: account.to_owned(),
                errcode: code,
            };
            set(&self.api_errors.get_or_create(&labels), n);
        }
        self.token_expires_in
            .get_or_create(&AccountLabels {
                account: account.to_owned(),
            })
            .set(i64::try_from(expires_in).unwrap_or(i64::MAX));
    }

    /// One delivery attempt of a push (live, retry or replay) and its result
    /// (`wxgw_delivery_attempts_total`). On the hot path: no lookup by name.
    pub fn attempt(&self, svc: &ServiceMetrics, trigger: Trigger, result: AttemptResult) {
        svc.delivery.attempts[attempt_slot(trigger, result)].inc();
    }

    /// A push delivered `lag` after its first receipt (`wxgw_delivery_lag_seconds`).
    pub fn delivery_lag(&self, svc: &ServiceMetrics, lag: Duration) {
        svc.delivery.lag.observe(lag.as_secs_f64());
    }

    /// One spool write (`wxgw_spool_write_seconds`) and, when it failed, why
    /// (`wxgw_spool_write_errors_total{reason}`: `queue_full`, `disk`, `redis`, `unavailable`).
    /// Any other reason counts as `unavailable`.
    pub fn spool_write(&self, took: Duration, error: Option<&'static str>) {
        self.spool_write.observe(took.as_secs_f64());
        if let Some(reason) = error {
            let i = SPOOL_WRITE_ERRORS
                .iter()
                .position(|r| *r == reason)
                .unwrap_or(SPOOL_WRITE_ERRORS.len() - 1);
            self.spool_write_errors[i].inc();
        }
    }

    /// The state of a service's breaker (`wxgw_backend_breaker_state`).
    pub fn set_breaker(&self, service: &str, state: BreakerState) {
        self.breaker_state
            .get_or_create(&ServiceLabels {
                service: Arc::from(service),
            })
            .set(state as i64);
    }

    /// Whether a service is paused (`wxgw_spool_paused`).
    pub fn set_paused(&self, service: &str, paused: bool) {
        self.spool_paused
            .get_or_create(&ServiceLabels {
                service: Arc::from(service),
            })
            .set(i64::from(paused));
    }

    /// A replayed push's attempt (`wxgw_spool_replays_total{service,result}`: `delivered`,
    /// `failed`, `dead`). Any other result is not counted (the label set stays fixed).
    pub fn replay_result(&self, service: &str, result: &'static str) {
        let Some(result) = REPLAY_RESULTS.iter().find(|r| **r == result) else {
            return;
        };
        self.spool_replays
            .get_or_create(&ResultLabels {
                service: Arc::from(service),
                result,
            })
            .inc();
    }

    /// Waiting pushes of a service that are overdue (`wxgw_spool_overdue`; refreshed at
    /// scrape, with [`Metrics::set_spool`]).
    pub fn set_overdue(&self, service: &str, overdue: u64) {
        self.spool_overdue
            .get_or_create(&ServiceLabels {
                service: Arc::from(service),
            })
            .set(i64::try_from(overdue).unwrap_or(i64::MAX));
    }

    /// Whether the shared Redis keeps a spool write on its disk before WeChat is answered
    /// (`wxgw_redis_durable`). The series exists once this is called: only with `redis`.
    pub fn set_redis_durable(&self, durable: bool) {
        self.redis_durable
            .get_or_create(&[])
            .set(i64::from(durable));
    }

    /// Every series in the OpenMetrics text format ([`CONTENT_TYPE`]).
    pub fn render(&self) -> String {
        let mut out = String::with_capacity(16 * 1024);
        // Writing to a String cannot fail.
        let _ = prometheus_client::encoding::text::encode(&mut out, &self.registry);
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn kinds_are_bounded() {
        assert_eq!(kind_label("text"), "text");
        assert_eq!(kind_label("CLICK"), "CLICK");
        assert_eq!(kind_label("click"), "other");
        assert_eq!(kind_label("o-AbCdEf-openid"), "other");
    }

    #[test]
    fn render_has_the_contract_names() {
        let m = Metrics::new(["main"]);
        let svc = m.service("main");
        m.push(&svc, "text", "forwarded", Duration::from_millis(3));
        m.rejected(&svc, "bad-signature");
        m.backend(&svc, Status::Code(500), Duration::from_millis(3));
        m.backend(&svc, Status::Timeout, Duration::from_millis(3));
        m.key_matched(&svc, "previous");
        m.key_matched(&svc, "hostile");
        m.set_redis_durable(true);
        let text = m.render();
        for want in [
            r#"wxgw_pushes_total{service="main",kind="text",outcome="forwarded"} 1"#,
            r#"wxgw_rejected_total{service="main",reason="bad_signature"} 1"#,
            r#"wxgw_backend_responses_total{service="main",status="500"} 1"#,
            r#"wxgw_backend_responses_total{service="main",status="timeout"} 1"#,
            r#"wxgw_push_duration_seconds_count{service="main",outcome="forwarded"} 1"#,
            r#"wxgw_key_matched_total{service="main",key="previous"} 1"#,
            r#"wxgw_inflight{service="main"} 0"#,
            "wxgw_build_info{version=",
            "wxgw_config_last_reload_success_timestamp_seconds ",
            // Issue 14's delivery series.
            r#"wxgw_delivery_attempts_total{service="main",trigger="live",result="ok"} 0"#,
            r#"wxgw_delivery_lag_seconds_count{service="main"} 0"#,
            "wxgw_spool_write_seconds_count 0",
            r#"wxgw_spool_write_errors_total{reason="queue_full"} 0"#,
            r#"wxgw_backend_breaker_state{service="main"} 0"#,
            r#"wxgw_spool_paused{service="main"} 0"#,
            r#"wxgw_spool_replays_total{service="main",result="delivered"} 0"#,
            r#"wxgw_spool_overdue{service="main"} 0"#,
            "wxgw_redis_durable 1",
            "# EOF",
        ] {
            assert!(text.contains(want), "{want} missing in\n{text}");
        }
        assert!(!text.contains("hostile"));
    }

    /// Issue 14: every delivery series of a configured service is there before its first
    /// event, at 0; the spool write errors by reason too; `wxgw_redis_durable` only once set.
    #[test]
    fn delivery_series_exist_at_zero_from_the_start() {
        let m = Metrics::new(["main", "other"]);
        let text = m.render();
        for service in ["main", "other"] {
            for trigger in Trigger::ALL {
                for result in AttemptResult::ALL {
                    let want = format!(
                        r#"wxgw_delivery_attempts_total{{service="{service}",trigger="{}",result="{}"}} 0"#,
                        trigger.as_str(),
                        result.as_str()
                    );
                    assert!(text.contains(&want), "{want} missing in\n{text}");
                }
            }
            for want in [
                format!(r#"wxgw_delivery_lag_seconds_count{{service="{service}"}} 0"#),
                format!(
                    r#"wxgw_delivery_lag_seconds_bucket{{le="86400.0",service="{service}"}} 0"#
                ),
                format!(r#"wxgw_backend_breaker_state{{service="{service}"}} 0"#),
                format!(r#"wxgw_spool_paused{{service="{service}"}} 0"#),
                format!(r#"wxgw_spool_overdue{{service="{service}"}} 0"#),
                format!(r#"wxgw_spool_replays_total{{service="{service}",result="delivered"}} 0"#),
                format!(r#"wxgw_spool_replays_total{{service="{service}",result="failed"}} 0"#),
                format!(r#"wxgw_spool_replays_total{{service="{service}",result="dead"}} 0"#),
            ] {
                assert!(text.contains(&want), "{want} missing in\n{text}");
            }
        }
        for reason in SPOOL_WRITE_ERRORS {
            let want = format!(r#"wxgw_spool_write_errors_total{{reason="{reason}"}} 0"#);
            assert!(text.contains(&want), "{want} missing in\n{text}");
        }
        assert!(text.contains("wxgw_spool_write_seconds_count 0"), "{text}");
        assert!(!text.contains("wxgw_redis_durable 0"), "{text}");
        // A service a reload adds gets its series when its handles are made.
        m.service("added");
        let text = m.render();
        assert!(
            text.contains(r#"wxgw_delivery_attempts_total{service="added",trigger="replay",result="redirect"} 0"#),
            "{text}"
        );
        assert!(text.contains(r#"wxgw_spool_paused{service="added"} 0"#));
    }

    #[test]
    fn delivery_recording_calls_count() {
        let m = Metrics::new(["main"]);
        let svc = m.service("main");
        m.attempt(&svc, Trigger::Live, AttemptResult::Ok);
        m.attempt(&svc, Trigger::Retry, AttemptResult::Http429);
        m.attempt(&svc, Trigger::Retry, AttemptResult::Http429);
        m.attempt(&svc, Trigger::Replay, AttemptResult::Redirect);
        m.delivery_lag(&svc, Duration::from_millis(20));
        m.delivery_lag(&svc, Duration::from_secs(7200));
        m.spool_write(Duration::from_millis(2), None);
        m.spool_write(Duration::from_millis(2), Some("disk"));
        m.spool_write(Duration::from_millis(2), Some("something-else"));
        m.set_breaker("main", BreakerState::HalfOpen);
        m.set_paused("main", true);
        m.replay_result("main", "dead");
        m.replay_result("main", "hostile");
        m.set_overdue("main", 4);
        m.set_redis_durable(false);
        let text = m.render();
        for want in [
            r#"wxgw_delivery_attempts_total{service="main",trigger="live",result="ok"} 1"#,
            r#"wxgw_delivery_attempts_total{service="main",trigger="retry",result="http_429"} 2"#,
            r#"wxgw_delivery_attempts_total{service="main",trigger="replay",result="redirect"} 1"#,
            r#"wxgw_delivery_attempts_total{service="main",trigger="live",result="http_5xx"} 0"#,
            r#"wxgw_delivery_lag_seconds_count{service="main"} 2"#,
            r#"wxgw_delivery_lag_seconds_bucket{le="0.025",service="main"} 1"#,
            r#"wxgw_delivery_lag_seconds_bucket{le="3600.0",service="main"} 1"#,
            r#"wxgw_delivery_lag_seconds_bucket{le="7200.0",service="main"} 2"#,
            "wxgw_spool_write_seconds_count 3",
            r#"wxgw_spool_write_errors_total{reason="disk"} 1"#,
            r#"wxgw_spool_write_errors_total{reason="unavailable"} 1"#,
            r#"wxgw_spool_write_errors_total{reason="queue_full"} 0"#,
            r#"wxgw_backend_breaker_state{service="main"} 2"#,
            r#"wxgw_spool_paused{service="main"} 1"#,
            r#"wxgw_spool_replays_total{service="main",result="dead"} 1"#,
            r#"wxgw_spool_overdue{service="main"} 4"#,
            "wxgw_redis_durable 0",
        ] {
            assert!(text.contains(want), "{want} missing in\n{text}");
        }
        assert!(!text.contains("hostile"), "{text}");
        assert!(!text.contains("something-else"), "{text}");
        m.set_breaker("main", BreakerState::Closed);
        m.set_redis_durable(true);
        let text = m.render();
        assert!(text.contains(r#"wxgw_backend_breaker_state{service="main"} 0"#));
        assert!(text.contains("wxgw_redis_durable 1"), "{text}");
    }
}
