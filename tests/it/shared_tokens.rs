//! Issue 12 (several instances, one gateway): two "instances" — two sets of brokers, each on a
//! connection of its own — sharing the machine's Redis and one fake WeChat. Each test has its
//! own key prefix and deletes its keys.

use std::sync::Arc;
use std::time::{Duration, Instant};

use wx_gateway::config;
use wx_gateway::state::redis::{BUDGET, Redis};
use wx_gateway::wxapi::Brokers;

use crate::fake_wechat::{FakeWeChat, SECRET, fake_wechat};
use crate::support::*;

const REDIS: &str = "redis://127.0.0.1:6379/0";

fn config_json(wx: &FakeWeChat, service_extra: &str) -> String {
    format!(
        r#"{{"listen-port":0,"wechat-api-base":"{}",
            "services":[{{"name":"acct","wx-params":{{"token":"{TOKEN}","app-id":"{APP_ID}","app-secret":"{SECRET}","aes-key":"{AES_KEY}"}},
            "listen-endpoints":{{"service-path":"/wx"}}{service_extra}}}]}}"#,
        wx.base()
    )
}

/// One test's key prefix on the shared Redis; its keys are deleted when it ends.
pub struct Prefix(pub String);

impl Prefix {
    pub fn new() -> Prefix {
        Prefix(format!(
            "wxgw-test-{}-{}:",
            std::process::id(),
            wx_gateway::random::alphanumeric(10)
        ))
    }

    /// A connection of its own (an instance), connected before it is returned.
    pub async fn connect(&self) -> Arc<Redis> {
        let r = Redis::start(REDIS, &self.0).unwrap();
        for _ in 0..40 {
            let pong: Result<String, _> =
                r.query(&redis::cmd("PING"), Duration::from_secs(1)).await;
            if pong.is_ok() {
                return r;
            }
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
        panic!("no redis on {REDIS} (.ci/run starts one)");
    }

    /// Every key of this test.
    pub async fn keys(&self, r: &Redis) -> Vec<String> {
        let cmd = redis::cmd("KEYS").arg(format!("{}*", self.0)).to_owned();
        r.query(&cmd, Duration::from_secs(1)).await.unwrap()
    }

    pub async fn clean(&self, r: &Redis) {
        for k in self.keys(r).await {
            let _: Result<i64, _> = r
                .query(
                    &redis::cmd("DEL").arg(&k).to_owned(),
                    Duration::from_secs(1),
                )
                .await;
        }
    }
}

/// Two instances' brokers of the one account, sharing `redis` (each its own connection).
async fn two_instances(wx: &FakeWeChat, prefix: &Prefix, service_extra: &str) -> [Arc<Brokers>; 2] {
    let cfg = config::parse(&config_json(wx, service_extra)).unwrap();
    let mut out = Vec::new();
    for _ in 0..2 {
        let r = prefix.connect().await;
        out.push(Arc::new(
            Brokers::next_with(&cfg.services, &cfg.api, None, Some(r)).unwrap(),
        ));
    }
    [Arc::clone(&out[0]), Arc::clone(&out[1])]
}

fn fetches(wx: &FakeWeChat) -> u32 {
    wx.with(|s| s.token_fetches)
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn hundred_token_users_on_two_instances_cause_one_fetch() {
    let wx = fake_wechat().await;
    wx.with(|s| s.fetch_delay_ms = 300);
    let prefix = Prefix::new();
    let [a, b] = two_instances(&wx, &prefix, "").await;
    let all = futures_util::future::join_all((0..100).map(|i| {
        let broker = Arc::clone(if i % 2 == 0 { &a } else { &b }.get("acct").unwrap());
        async move { broker.access_token().await.map(|c| c.value) }
    }))
    .await;
    assert!(
        all.iter().all(|t| t.as_ref().is_ok_and(|v| v == "TOKEN-1")),
        "{:?}",
        &all[..2]
    );
    assert_eq!(fetches(&wx), 1);
    // The shared token's key: hash-tagged by account, with a TTL of the token's life.
    let r = prefix.connect().await;
    let key = format!("{}{{acct:{APP_ID}}}:access_token", prefix.0);
    let ttl: i64 = r
        .query(
            &redis::cmd("PTTL").arg(&key).to_owned(),
            Duration::from_secs(1),
        )
        .await
        .unwrap();
    assert!((7_000_000..=7_200_000).contains(&ttl), "{ttl}");
    // Every key has a TTL (the fetch lock is gone once the token is published).
    for k in prefix.keys(&r).await {
        let ttl: i64 = r
            .query(
                &redis::cmd("PTTL").arg(&k).to_owned(),
                Duration::from_secs(1),
            )
            .await
            .unwrap();
        assert!(ttl > 0, "{k} has no TTL");
        assert!(!k.ends_with(":fetching"), "{k} left behind");
    }
    prefix.clean(&r).await;
}

/// One bad token, seen by callers on both instances at once: compared and deleted in Redis
/// by one script, so one refetch cluster-wide (and one `force_refresh`).
async fn forced_invalid_token_on_both_causes_one_refetch(service_extra: &str) {
    let wx = fake_wechat().await;
    let prefix = Prefix::new();
    let [a, b] = two_instances(&wx, &prefix, service_extra).await;
    let (a, b) = (a.get("acct").unwrap(), b.get("acct").unwrap());
    assert_eq!(a.access_token().await.unwrap().value, "TOKEN-1");
    assert_eq!(b.access_token().await.unwrap().value, "TOKEN-1");
    assert_eq!(fetches(&wx), 1);
    wx.with(|s| {
        s.invalid.push("TOKEN-1".into());
        s.fetch_delay_ms = 200;
    });
    let all = futures_util::future::join_all((0..20).map(|i| {
        let broker = Arc::clone(if i % 2 == 0 { a } else { b });
        async move { broker.get("/cgi-bin/echo", "").await }
    }))
    .await;
    assert!(all.iter().all(Result::is_ok), "{:?}", &all[..2]);
    assert_eq!(fetches(&wx), 2);
    assert_eq!(a.access_token().await.unwrap().value, "TOKEN-2");
    assert_eq!(b.access_token().await.unwrap().value, "TOKEN-2");
    assert!(wx.with(|s| s.force_refreshes) <= 1);
    prefix.clean(&*prefix.connect().await).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn forced_invalid_stable_token_on_both_instances_causes_one_refetch() {
    forced_invalid_token_on_both_causes_one_refetch("").await;
}

/// The classic `cgi-bin/token` invalidates the token before it: the one that most needs one
/// fetcher.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn forced_invalid_classic_token_on_both_instances_causes_one_refetch() {
    forced_invalid_token_on_both_causes_one_refetch(r#","token-api":"classic""#).await;
}

/// Both instances run the background refresher; the lease lets one of them refresh, and the
/// other takes its token from Redis.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn one_instance_holds_the_refresher_lease() {
    let wx = fake_wechat().await;
    // A 4 s token is refreshed 1 s before it expires: every 3 s.
    wx.with(|s| s.expires_in = 4);
    let prefix = Prefix::new();
    let [a, b] = two_instances(&wx, &prefix, "").await;
    a.get("acct").unwrap().access_token().await.unwrap();
    b.get("acct").unwrap().access_token().await.unwrap();
    assert_eq!(fetches(&wx), 1);
    let ok = |bs: &Brokers| bs.get("acct").unwrap().stats.snapshot().0;
    let before = (ok(&a), ok(&b));
    for bs in [&a, &b] {
        let bs = Arc::clone(bs);
        Brokers::start_refresher(move || Arc::clone(&bs));
    }
    tokio::time::sleep(Duration::from_millis(6800)).await;
    let grew = (ok(&a) - before.0, ok(&b) - before.1);
    let refreshed = fetches(&wx) - 1;
    assert!(refreshed >= 2, "{refreshed} refreshes");
    assert_eq!(u64::from(refreshed), grew.0 + grew.1);
    assert!(grew.0 == 0 || grew.1 == 0, "both refreshed: {grew:?}");
    // The other instance took the refreshed token: it is as fresh there.
    for bs in [&a, &b] {
        let t = bs.get("acct").unwrap().token_expires_in();
        assert!(t >= 1, "{t}");
    }
    let r = prefix.connect().await;
    let lease: Option<String> = r
        .query(
            &redis::cmd("GET")
                .arg(format!("{}{{acct:{APP_ID}}}:refresher", prefix.0))
                .to_owned(),
            Duration::from_secs(1),
        )
        .await
        .unwrap();
    assert!(lease.is_some());
    prefix.clean(&r).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn jsapi_ticket_and_user_info_are_shared() {
    let wx = fake_wechat().await;
    let prefix = Prefix::new();
    let [a, b] = two_instances(&wx, &prefix, "").await;
    let (a, b) = (a.get("acct").unwrap(), b.get("acct").unwrap());
    assert_eq!(a.jsapi_ticket().await.unwrap().value, "JSAPI-TICKET");
    assert_eq!(b.jsapi_ticket().await.unwrap().value, "JSAPI-TICKET");
    let info_a = a.user_info("oUSER").await.unwrap();
    let info_b = b.user_info("oUSER").await.unwrap();
    assert_eq!(info_a, info_b);
    let calls = |path: &str| wx.with(|s| s.log.iter().filter(|(l, _)| l.contains(path)).count());
    assert_eq!(calls("/cgi-bin/ticket/getticket"), 1);
    assert_eq!(calls("/cgi-bin/user/info"), 1);
    assert_eq!(fetches(&wx), 1);
    prefix.clean(&*prefix.connect().await).await;
}

/// A Redis nobody listens on: tokens are brokered on each instance's own state, and no call
/// waits much longer than the Redis budget.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn unreachable_redis_leaves_tokens_working_locally() {
    let wx = fake_wechat().await;
    let port = free_addr().port();
    let dead = Redis::start(&format!("redis://127.0.0.1:{port}/0"), "wxgw-test-dead:").unwrap();
    let cfg = config::parse(&config_json(&wx, "")).unwrap();
    let brokers = Brokers::next_with(&cfg.services, &cfg.api, None, Some(dead.clone())).unwrap();
    let broker = brokers.get("acct").unwrap();
    let started = Instant::now();
    let all = futures_util::future::join_all((0..100).map(|_| broker.access_token())).await;
    assert!(
        all.iter()
            .all(|t| t.as_ref().is_ok_and(|c| c.value == "TOKEN-1"))
    );
    assert_eq!(fetches(&wx), 1);
    // A claim and a publish, each within its budget, and the fetch.
    assert!(
        started.elapsed() < BUDGET * 2 + Duration::from_millis(500),
        "{:?}",
        started.elapsed()
    );
    assert!(!dead.is_up());
    wx.with(|s| s.invalid.push("TOKEN-1".into()));
    let started = Instant::now();
    let v = broker.get("/cgi-bin/echo", "").await.unwrap();
    assert_eq!(v["errcode"], 0);
    assert_eq!(fetches(&wx), 2);
    assert!(
        started.elapsed() < BUDGET * 3 + Duration::from_millis(500),
        "{:?}",
        started.elapsed()
    );
}
