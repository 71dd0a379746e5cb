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
        let handles = ServiceMetrics {
            backend_duration: self.backend_duration.get_or_create_owned(&labels),
            inflight: self.inflight.get_or_create_owned(&labels),
            hot: Arc::new(Hot::new()),
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

    /// Every series in the OpenMetrics text format ([`CONTENT_TYPE`]).
    /// One delivery attempt of a push (live, retry or replay) and its result
    /// (`wxgw_delivery_attempts_total`). On the hot path: no lookup by name.
    pub fn attempt(&self, _svc: &ServiceMetrics, _trigger: Trigger, _result: AttemptResult) {}

    /// A push delivered `lag` after its first receipt (`wxgw_delivery_lag_seconds`).
    pub fn delivery_lag(&self, _svc: &ServiceMetrics, _lag: Duration) {}

    /// One spool write (`wxgw_spool_write_seconds`) and, when it failed, why
    /// (`wxgw_spool_write_errors_total{reason}`: `queue_full`, `disk`, `redis`, `unavailable`).
    pub fn spool_write(&self, _took: Duration, _error: Option<&'static str>) {}

    /// The state of a service's breaker (`wxgw_backend_breaker_state`).
    pub fn set_breaker(&self, _service: &str, _state: BreakerState) {}

    /// Whether a service is paused (`wxgw_spool_paused`).
    pub fn set_paused(&self, _service: &str, _paused: bool) {}

    /// A replayed push's attempt (`wxgw_spool_replays_total{service,result}`: `delivered`,
    /// `failed`, `dead`).
    pub fn replay_result(&self, _service: &str, _result: &'static str) {}

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
            "# EOF",
        ] {
            assert!(text.contains(want), "{want} missing in\n{text}");
        }
        assert!(!text.contains("hostile"));
    }
}
