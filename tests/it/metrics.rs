//! GET /metrics (issue 11): behind the admin token on the main listener, or on its own
//! `metrics-listen` listener; the exposition parsed as Prometheus would parse it.

use prometheus_parse::{Scrape, Value};
use wx_gateway::wechat::signature;

use crate::support::*;

const ADMIN: &str = "metrics-admin-token";

fn with_top_level(config: &str, keys: &str) -> String {
    config.replacen(
        r#"{"listen-port":0,"#,
        &format!(r#"{{"listen-port":0,{keys}"#),
        1,
    )
}

/// GET /metrics of a `metrics-listen` address, parsed.
pub async fn scrape_at(addr: impl std::fmt::Display) -> Scrape {
    let text = client()
        .get(format!("http://{addr}/metrics"))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    parse(&text)
}

pub fn parse(text: &str) -> Scrape {
    Scrape::parse(text.lines().map(|l| Ok(l.to_owned()))).expect("a Prometheus exposition")
}

/// The value of the one sample named `name` whose labels include `labels`.
pub fn value(scrape: &Scrape, name: &str, labels: &[(&str, &str)]) -> Option<f64> {
    let found: Vec<f64> = scrape
        .samples
        .iter()
        .filter(|s| s.metric == name && labels.iter().all(|(k, v)| s.labels.get(k) == Some(*v)))
        .filter_map(|s| match s.value {
            Value::Counter(v) | Value::Gauge(v) | Value::Untyped(v) => Some(v),
            _ => None,
        })
        .collect();
    assert!(found.len() <= 1, "{name} {labels:?}: {found:?}");
    found.first().copied()
}

async fn scrape(url: &str, token: Option<&str>) -> (u16, String, String) {
    let mut req = client().get(url);
    if let Some(t) = token {
        req = req.bearer_auth(t);
    }
    let res = req.send().await.unwrap();
    let status = res.status().as_u16();
    let ctype = res
        .headers()
        .get("content-type")
        .map(|v| v.to_str().unwrap().to_owned())
        .unwrap_or_default();
    (status, ctype, res.text().await.unwrap())
}

#[tokio::test]
async fn metrics_count_pushes_refusals_and_backend_answers() {
    let be = backend(|r| {
        if r.body["Content"] == "fail" {
            Answer {
                status: 500,
                ..Answer::json("")
            }
        } else {
            Answer::json(r#"{"type":"text","msg":"pong"}"#)
        }
    })
    .await;
    let cfg = with_top_level(
        &one_service(&be.proxy_pass()),
        &format!(r#""admin-token":"{ADMIN}","#),
    );
    let gw = start(&cfg).await;

    let (status, _) = post_plain(&gw, &text_xml("ping", 1)).await;
    assert_eq!(status, 200);
    let (status, _) = post_plain(&gw, &text_xml("fail", 2)).await;
    assert_eq!(status, 200);
    // WeChat's retry of the first push: answered from the first try's reply.
    let (status, _) = post_plain(&gw, &text_xml("ping", 1)).await;
    assert_eq!(status, 200);
    let ts = now();
    let bad = signature::plain("nottoken", &ts, "1");
    let res = client()
        .post(gw.url(&format!("/wx?signature={bad}&timestamp={ts}&nonce=1")))
        .body(text_xml("x", 3))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 403);

    let (status, ctype, text) = scrape(&gw.url("/metrics"), Some(ADMIN)).await;
    assert_eq!(status, 200, "{text}");
    assert!(ctype.starts_with("application/openmetrics-text"), "{ctype}");
    let s = parse(&text);
    let acct = ("service", "acct");
    let pushes = |kind, outcome| {
        value(
            &s,
            "wxgw_pushes_total",
            &[acct, ("kind", kind), ("outcome", outcome)],
        )
    };
    assert_eq!(pushes("text", "forwarded"), Some(1.0), "{text}");
    assert_eq!(pushes("text", "backend-error"), Some(1.0), "{text}");
    assert_eq!(pushes("unknown", "bad-signature"), Some(1.0), "{text}");
    assert_eq!(pushes("text", "retry-deduplicated"), Some(1.0), "{text}");
    assert_eq!(
        value(&s, "wxgw_retries_total", &[acct, ("result", "cached")]),
        Some(1.0)
    );
    assert_eq!(
        value(
            &s,
            "wxgw_rejected_total",
            &[acct, ("reason", "bad_signature")]
        ),
        Some(1.0)
    );
    assert_eq!(
        value(
            &s,
            "wxgw_backend_responses_total",
            &[acct, ("status", "500")]
        ),
        Some(1.0)
    );
    assert_eq!(
        value(
            &s,
            "wxgw_backend_responses_total",
            &[acct, ("status", "200")]
        ),
        Some(1.0)
    );
    assert_eq!(
        value(
            &s,
            "wxgw_push_duration_seconds_count",
            &[acct, ("outcome", "forwarded")]
        ),
        Some(1.0)
    );
    assert_eq!(
        value(&s, "wxgw_backend_duration_seconds_count", &[acct]),
        Some(2.0)
    );
    assert_eq!(value(&s, "wxgw_inflight", &[acct]), Some(0.0));
    assert_eq!(
        value(
            &s,
            "wxgw_build_info",
            &[("version", env!("CARGO_PKG_VERSION"))]
        ),
        Some(1.0)
    );
    assert!(value(&s, "wxgw_connections_open", &[]).unwrap() >= 1.0);
    // Every verified push matched the current pair (no rotation configured).
    assert!(value(&s, "wxgw_key_matched_total", &[acct, ("key", "current")]).unwrap() >= 3.0);
    assert_eq!(
        value(&s, "wxgw_key_matched_total", &[acct, ("key", "previous")]).unwrap_or(0.0),
        0.0
    );
    assert!(
        !text.contains("oUSER"),
        "no openid in a label or anywhere: {text}"
    );

    let (status, _, _) = scrape(&gw.url("/metrics"), None).await;
    assert_eq!(status, 401);
    let (status, _, _) = scrape(&gw.url("/metrics"), Some("wrong")).await;
    assert_eq!(status, 401);
}

#[tokio::test]
async fn no_metrics_without_admin_token_or_metrics_listen() {
    let gw = start(&one_service("")).await;
    let (status, _, _) = scrape(&gw.url("/metrics"), None).await;
    assert_eq!(status, 404);
}

#[tokio::test]
async fn metrics_listen_serves_metrics_and_health_only() {
    let cfg = with_top_level(
        &one_service(""),
        &format!(r#""admin-token":"{ADMIN}","metrics-listen":"127.0.0.1:0","#),
    );
    let config = wx_gateway::config::parse(&cfg).unwrap();
    let state = wx_gateway::gateway::State::new(&config).unwrap();
    let internal = state.metrics_addr().expect("bound");
    let gw = start_state(state).await;
    let (status, _) = post_plain(&gw, &text_xml("ping", 1)).await;
    assert_eq!(status, 200);

    let at = |path: &str| format!("http://{internal}{path}");
    let (status, _, text) = scrape(&at("/metrics"), None).await;
    assert_eq!(status, 200);
    let s = parse(&text);
    assert_eq!(
        value(
            &s,
            "wxgw_pushes_total",
            &[("service", "acct"), ("kind", "text"), ("outcome", "echo")]
        ),
        Some(1.0),
        "{text}"
    );
    assert_eq!(scrape(&at("/healthz"), None).await.0, 200);
    let (status, _, body) = scrape(&at("/readyz"), None).await;
    assert_eq!((status, body.trim()), (200, "ready"));
    assert_eq!(scrape(&at("/wx"), None).await.0, 404);
    let res = client()
        .post(at(&format!("/wx?{}", plain_query(TOKEN))))
        .body(text_xml("x", 2))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 404);
    // The main listener leaves /metrics to the internal one, admin token or not.
    assert_eq!(scrape(&gw.url("/metrics"), Some(ADMIN)).await.0, 404);
}

#[tokio::test]
async fn spool_gauges_are_read_at_scrape() {
    let spool = crate::delivery::SpoolDir::new("metrics");
    let be = backend(|_| Answer {
        status: 500,
        ..Answer::json("")
    })
    .await;
    let cfg = with_top_level(
        &one_service(&be.proxy_pass()),
        &format!(
            r#""admin-token":"{ADMIN}","spool":{{"dir":"{}"}},"#,
            spool.json()
        ),
    );
    let gw = start(&cfg).await;
    let res = client()
        .post(gw.url(&format!("/wx?{}", plain_query(TOKEN))))
        .body(text_xml("down", 7))
        .send()
        .await
        .unwrap();
    assert_eq!(res.headers()["x-wx-gateway-outcome"], "spooled");
    let (status, _, text) = scrape(&gw.url("/metrics"), Some(ADMIN)).await;
    assert_eq!(status, 200);
    let s = parse(&text);
    let acct = ("service", "acct");
    assert_eq!(value(&s, "wxgw_spool_depth", &[acct]), Some(1.0), "{text}");
    assert_eq!(value(&s, "wxgw_spool_dead", &[acct]), Some(0.0));
    // Just spooled, due within seconds: not overdue.
    assert_eq!(value(&s, "wxgw_spool_overdue", &[acct]), Some(0.0));
    assert!(value(&s, "wxgw_spool_oldest_age_seconds", &[acct]).is_some());
    assert_eq!(
        value(
            &s,
            "wxgw_pushes_total",
            &[acct, ("kind", "text"), ("outcome", "spooled")]
        ),
        Some(1.0)
    );
}

/// Issue 14: every delivery series is exported from the start, at 0, for each configured
/// service (alerts on `increase(…)` or `== 0` need the series before the first event), and
/// the spool write errors for every reason.
#[tokio::test]
async fn delivery_series_are_exported_at_zero_before_any_push() {
    let spool = crate::delivery::SpoolDir::new("metrics-zero");
    let be = backend(|_| Answer::json("")).await;
    let cfg = format!(
        r#"{{"listen-port":0,"admin-token":"{ADMIN}","spool":{{"dir":"{dir}"}},"services":[
          {{"name":"a","wx-params":{{"token":"tokA"}},"listen-endpoints":{{"service-path":"/wx"}},"msg-proxy-pass":"{url}"}},
          {{"name":"b","wx-params":{{"token":"tokB"}},"listen-endpoints":{{"service-path":"/wxb"}},"msg-proxy-pass":"{url}"}}]}}"#,
        dir = spool.json(),
        url = be.base(),
    );
    let gw = start(&cfg).await;
    let (status, _, text) = scrape(&gw.url("/metrics"), Some(ADMIN)).await;
    assert_eq!(status, 200, "{text}");
    let s = parse(&text);
    let zero = |name: &str, labels: &[(&str, &str)]| {
        assert_eq!(
            value(&s, name, labels),
            Some(0.0),
            "{name} {labels:?} in\n{text}"
        );
    };
    for service in ["a", "b"] {
        let svc = ("service", service);
        for trigger in ["live", "retry", "replay"] {
            for result in [
                "ok", "http_4xx", "http_5xx", "http_429", "timeout", "refused", "redirect",
            ] {
                zero(
                    "wxgw_delivery_attempts_total",
                    &[svc, ("trigger", trigger), ("result", result)],
                );
            }
        }
        zero("wxgw_backend_breaker_state", &[svc]);
        zero("wxgw_spool_paused", &[svc]);
        zero("wxgw_spool_overdue", &[svc]);
        for result in ["delivered", "failed", "dead"] {
            zero("wxgw_spool_replays_total", &[svc, ("result", result)]);
        }
        let lag = s
            .samples
            .iter()
            .find(|x| {
                x.metric == "wxgw_delivery_lag_seconds" && x.labels.get("service") == Some(service)
            })
            .unwrap_or_else(|| panic!("wxgw_delivery_lag_seconds of {service} in\n{text}"));
        match &lag.value {
            Value::Histogram(buckets) => {
                assert!(buckets.iter().all(|b| b.count == 0.0), "{buckets:?}");
                // From ~10 ms to a day.
                assert!(buckets.iter().any(|b| b.less_than == 0.01), "{buckets:?}");
                assert!(
                    buckets.iter().any(|b| b.less_than == 86400.0),
                    "{buckets:?}"
                );
            }
            v => panic!("wxgw_delivery_lag_seconds is a {v:?}"),
        }
        // The spool's gauges (depth as before) are there too.
        zero("wxgw_spool_depth", &[svc]);
    }
    for reason in ["queue_full", "disk", "redis", "unavailable"] {
        zero("wxgw_spool_write_errors_total", &[("reason", reason)]);
    }
    assert!(
        s.samples
            .iter()
            .any(|x| x.metric == "wxgw_spool_write_seconds"),
        "{text}"
    );
    // No Redis configured: no Redis durability to report.
    assert_eq!(value(&s, "wxgw_redis_durable", &[]), None, "{text}");

    // A pause is read from the spool at scrape (`spool pause` may come from another process).
    let mut store = wx_gateway::state::spool::Store::open_existing(&spool.0)
        .unwrap()
        .expect("the gateway made its spool");
    assert!(store.set_paused("b", true, 0).unwrap());
    let (_, _, text) = scrape(&gw.url("/metrics"), Some(ADMIN)).await;
    let s = parse(&text);
    assert_eq!(
        value(&s, "wxgw_spool_paused", &[("service", "b")]),
        Some(1.0),
        "{text}"
    );
    assert_eq!(
        value(&s, "wxgw_spool_paused", &[("service", "a")]),
        Some(0.0),
        "{text}"
    );
    assert!(store.set_paused("b", false, 0).unwrap());
    let (_, _, text) = scrape(&gw.url("/metrics"), Some(ADMIN)).await;
    let s = parse(&text);
    assert_eq!(
        value(&s, "wxgw_spool_paused", &[("service", "b")]),
        Some(0.0),
        "{text}"
    );
}

/// The alert rules shipped in deploy/prometheus (issue 14) are valid for Prometheus and pass
/// their unit tests. .ci/run installs promtool (Debian's `prometheus` package) and sets
/// WXG_REQUIRE_PROMTOOL, so that there a missing promtool fails instead of skipping.
#[test]
fn alert_rules_pass_promtool() {
    use std::process::{Command, Stdio};
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("deploy/prometheus");
    let found = Command::new("promtool")
        .arg("--version")
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .status()
        .is_ok_and(|s| s.success());
    if !found {
        assert!(
            std::env::var_os("WXG_REQUIRE_PROMTOOL").is_none(),
            "promtool is not installed (.ci/run installs Debian's prometheus package)"
        );
        println!("note: promtool not installed here: the alert rules check is skipped");
        return;
    }
    for args in [
        ["check", "rules", "wx-gateway-alerts.yml"],
        ["test", "rules", "wx-gateway-alerts.test.yml"],
    ] {
        let out = Command::new("promtool")
            .args(args)
            .current_dir(&dir)
            .output()
            .unwrap();
        assert!(
            out.status.success(),
            "promtool {}:\n{}{}",
            args.join(" "),
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        );
    }
}
