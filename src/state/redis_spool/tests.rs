//! Against the machine's Redis (127.0.0.1:6379; `.ci/run` starts one when none listens), each
//! test under its own key prefix, deleted at the end.

use super::*;

const URL: &str = "redis://127.0.0.1:6379/0";

/// A prefix of this test's own; its keys are deleted when dropped (also after a failure).
pub(crate) struct Keys(pub String);

impl Keys {
    pub(crate) fn new() -> Keys {
        Keys(format!(
            "wxgw-test-{}-{}:",
            std::process::id(),
            crate::random::alphanumeric(8)
        ))
    }
}

impl Drop for Keys {
    fn drop(&mut self) {
        let Ok(client) = redis::Client::open(URL) else {
            return;
        };
        let Ok(mut conn) = client.get_connection() else {
            return;
        };
        let keys: Vec<String> = redis::cmd("KEYS")
            .arg(format!("{}*", self.0))
            .query(&mut conn)
            .unwrap_or_default();
        if !keys.is_empty() {
            let _: Result<i64, _> = redis::cmd("DEL").arg(keys).query(&mut conn);
        }
    }
}

/// A spool on the live Redis, once it answers.
pub(crate) async fn spool(keys: &Keys, max_age: Duration) -> RedisSpool {
    let redis = Redis::start(URL, &keys.0).unwrap();
    for _ in 0..50 {
        let pong: Result<String, _> = redis.query(&redis::cmd("PING"), BUDGET).await;
        if pong.is_ok() {
            break;
        }
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
    RedisSpool::new(redis, max_age)
}

fn new(id: &str, service: &str, first_seen: i64, next_at: i64) -> NewEntry {
    NewEntry {
        id: id.to_owned(),
        service: service.to_owned(),
        route: "msg/text".to_owned(),
        body: r#"{"MsgType":"text"}"#.to_owned(),
        request_id: "r1".to_owned(),
        // A lane each (the lane tests name theirs).
        open_id: format!("o-{id}"),
        create_time: Some(first_seen / 1000),
        first_seen,
        attempts: 1,
        next_at,
        last_error: Some("HTTP 502".to_owned()),
        ..NewEntry::default()
    }
}

fn ids(entries: &[Entry]) -> Vec<&str> {
    entries.iter().map(|e| e.new.id.as_str()).collect()
}

const DAY: Duration = Duration::from_secs(86_400);

#[tokio::test]
async fn a_push_is_spooled_once_and_comes_due_in_arrival_order() {
    let keys = Keys::new();
    let s = spool(&keys, DAY).await;
    let now = clock::unix_millis();
    let b = new("bbbbbbbb02", "svc", now - 2_000, now - 10);
    let a = new("aaaaaaaa01", "svc", now - 3_000, now - 20);
    let later = new("cccccccc03", "svc", now, now + 60_000);
    s.insert(b.clone()).await.unwrap();
    s.insert(a.clone()).await.unwrap();
    s.insert(later).await.unwrap();
    // The same id again: left as it was.
    let mut again = a.clone();
    again.body = "changed".into();
    s.insert(again).await.unwrap();
    let due = s.due("svc".into(), 10).await.unwrap();
    assert_eq!(ids(&due), ["bbbbbbbb02", "aaaaaaaa01"], "arrival order");
    assert_eq!(due[1].new, a, "every field kept, the second insert ignored");
    assert!(due[0].seq < due[1].seq);
    assert_eq!(due[0].dead_at, None);
    assert!(s.due("other".into(), 10).await.unwrap().is_empty());
    assert_eq!(s.due("svc".into(), 1).await.unwrap().len(), 1, "limit");
    assert_eq!(s.next_due("svc".into()).await.unwrap(), Some(now - 20));
    assert_eq!(s.next_due("other".into()).await.unwrap(), None);
    assert_eq!(s.spooled(), 4);
    assert!(s.healthy());
}

#[tokio::test]
async fn settle_deletes_reschedules_or_buries() {
    let keys = Keys::new();
    let s = spool(&keys, DAY).await;
    let now = clock::unix_millis();
    s.insert(new("a1a1a1a1", "svc", now, now)).await.unwrap();
    s.insert(new("b2b2b2b2", "svc", now, now)).await.unwrap();
    s.settle("a1a1a1a1".into(), Settle::Delivered)
        .await
        .unwrap();
    s.settle(
        "b2b2b2b2".into(),
        Settle::Retry {
            attempts: 2,
            next_at: now + 9_000,
            error: "timeout".into(),
            attempt: None,
        },
    )
    .await
    .unwrap();
    let b = s.get("b2b2b2b2").await.unwrap();
    assert_eq!(
        (b.new.attempts, b.new.next_at, b.new.last_error.as_deref()),
        (2, now + 9_000, Some("timeout"))
    );
    assert!(s.due("svc".into(), 10).await.unwrap().is_empty());
    assert_eq!(s.next_due("svc".into()).await.unwrap(), Some(now + 9_000));
    assert!(matches!(
        s.get("a1a1a1a1").await,
        Err(SpoolError::NotFound(_))
    ));
    s.settle(
        "b2b2b2b2".into(),
        Settle::Dead {
            attempts: 3,
            error: "HTTP 400".into(),
            reason: crate::state::DeadReason::Refused,
            attempt: None,
        },
    )
    .await
    .unwrap();
    let b = s.get("b2b2b2b2").await.unwrap();
    assert!(b.dead_at.is_some());
    assert_eq!(b.new.attempts, 3);
    // A retry does not bring a dead letter back.
    s.settle(
        "b2b2b2b2".into(),
        Settle::Retry {
            attempts: 4,
            next_at: now,
            error: "x".into(),
            attempt: None,
        },
    )
    .await
    .unwrap();
    assert!(s.get("b2b2b2b2").await.unwrap().dead_at.is_some());
    assert_eq!(s.next_due("svc".into()).await.unwrap(), None);
    // Settling a push that is gone is no error.
    s.settle("a1a1a1a1".into(), Settle::Delivered)
        .await
        .unwrap();
    s.settle("ffffffff".into(), Settle::Delivered)
        .await
        .unwrap();
}

#[tokio::test]
async fn a_settle_made_right_after_the_insert_is_applied_after_it() {
    let keys = Keys::new();
    let s = spool(&keys, DAY).await;
    let now = clock::unix_millis();
    // Both made before either is awaited, awaited in the other order.
    let insert = s.insert(new("d1d1d1d1", "svc", now, now));
    let settle = s.settle("d1d1d1d1".into(), Settle::Delivered);
    settle.await.unwrap();
    insert.await.unwrap();
    s.flush().await.unwrap();
    assert!(s.due("svc".into(), 10).await.unwrap().is_empty());
    assert!(matches!(
        s.get("d1d1d1d1").await,
        Err(SpoolError::NotFound(_))
    ));
}

#[tokio::test]
async fn a_push_is_claimed_once_and_not_after_it_was_delivered() {
    let keys = Keys::new();
    let s = spool(&keys, DAY).await;
    let now = clock::unix_millis();
    s.insert(new("c1c1c1c1", "svc", now, now + 60_000))
        .await
        .unwrap();
    s.insert(new("c2c2c2c2", "svc", now, now)).await.unwrap();
    assert!(
        !s.claim("c1c1c1c1".into(), now + 120_000).await.unwrap(),
        "not due yet"
    );
    assert!(s.claim("c2c2c2c2".into(), now + 120_000).await.unwrap());
    assert!(
        !s.claim("c2c2c2c2".into(), now + 120_000).await.unwrap(),
        "leased"
    );
    assert!(
        s.due("svc".into(), 10).await.unwrap().is_empty(),
        "leased is not due"
    );
    s.settle("c2c2c2c2".into(), Settle::Delivered)
        .await
        .unwrap();
    assert!(
        !s.claim("c2c2c2c2".into(), now + 120_000).await.unwrap(),
        "gone"
    );
}

/// Instance A claims a push and dies; when the lease has passed, instance B (another
/// connection, which never saw the push) finds it due, claims and delivers it.
#[tokio::test]
async fn a_lease_of_an_instance_that_died_comes_due_for_another() {
    let keys = Keys::new();
    let a = spool(&keys, DAY).await;
    let b = spool(&keys, DAY).await;
    let now = clock::unix_millis();
    a.insert(new("e1e1e1e1", "svc", now, now)).await.unwrap();
    assert_eq!(ids(&b.due("svc".into(), 10).await.unwrap()), ["e1e1e1e1"]);
    let lease = clock::unix_millis() + 300;
    assert!(a.claim("e1e1e1e1".into(), lease).await.unwrap());
    drop(a);
    assert!(
        b.due("svc".into(), 10).await.unwrap().is_empty(),
        "held by A"
    );
    assert!(!b.claim("e1e1e1e1".into(), lease + 60_000).await.unwrap());
    // B's pull_forward leaves a push in flight elsewhere alone.
    assert_eq!(b.pull_forward("svc".into()).await.unwrap(), 0);
    tokio::time::sleep(Duration::from_millis(400)).await;
    assert_eq!(ids(&b.due("svc".into(), 10).await.unwrap()), ["e1e1e1e1"]);
    assert!(
        b.claim("e1e1e1e1".into(), clock::unix_millis() + 60_000)
            .await
            .unwrap()
    );
    b.settle("e1e1e1e1".into(), Settle::Delivered)
        .await
        .unwrap();
    assert_eq!(b.stats().await.unwrap(), []);
}

#[tokio::test]
async fn pull_forward_makes_the_queue_due_in_arrival_order() {
    let keys = Keys::new();
    let s = spool(&keys, DAY).await;
    let now = clock::unix_millis();
    s.insert(new("f1f1f1f1", "svc", now, now + 90_000))
        .await
        .unwrap();
    s.insert(new("f2f2f2f2", "svc", now, now + 30_000))
        .await
        .unwrap();
    s.insert(new("f3f3f3f3", "svc", now, now)).await.unwrap();
    let v = s.version().await.unwrap();
    assert_eq!(s.pull_forward("svc".into()).await.unwrap(), 2);
    assert_ne!(s.version().await.unwrap(), v, "others look again");
    assert_eq!(
        ids(&s.due("svc".into(), 10).await.unwrap()),
        ["f1f1f1f1", "f2f2f2f2", "f3f3f3f3"]
    );
    assert_eq!(s.pull_forward("svc".into()).await.unwrap(), 0);
}

#[tokio::test]
async fn many_due_pushes_still_come_oldest_first() {
    let keys = Keys::new();
    let s = spool(&keys, DAY).await;
    let now = clock::unix_millis();
    // More than the script sorts at once: it walks the queue in order instead.
    for i in 0..1_100 {
        // Later arrivals have earlier due times.
        s.insert(new(&format!("{i:08x}"), "svc", now, now - i))
            .await
            .unwrap();
    }
    let due = s.due("svc".into(), 64).await.unwrap();
    let want: Vec<String> = (0..64).map(|i| format!("{i:08x}")).collect();
    assert_eq!(ids(&due), want);
}

#[tokio::test]
async fn expiry_moves_to_dead_letters_and_replay_requeues_with_a_new_age() {
    let keys = Keys::new();
    let s = spool(&keys, DAY).await;
    let now = clock::unix_millis();
    s.insert(new("0c3c3c3c3", "svc", now, now)).await.unwrap();
    tokio::time::sleep(Duration::from_millis(300)).await;
    s.insert(new("0d4d4d4d4", "svc", now, now)).await.unwrap();
    let expired = s.expire(Duration::from_millis(200)).await.unwrap();
    assert_eq!(ids(&expired), ["0c3c3c3c3"]);
    let c = s.get("0c3c3c3c3").await.unwrap();
    assert!(c.dead_at.is_some());
    let dead = Filter {
        dead: true,
        ..Filter::default()
    };
    assert_eq!(ids(&s.list(&dead, now, 10).await.unwrap()), ["0c3c3c3c3"]);
    // Dead letters are not due, cannot be claimed, are counted.
    assert_eq!(ids(&s.due("svc".into(), 10).await.unwrap()), ["0d4d4d4d4"]);
    assert!(!s.claim("0c3c3c3c3".into(), now + 60_000).await.unwrap());
    let stats = s.stats().await.unwrap();
    assert_eq!((stats[0].depth, stats[0].dead), (1, 1));
    // The TTL of a dead letter: max-age + the retention.
    let ttl: i64 = s
        .redis()
        .query(
            redis::cmd("PTTL").arg(s.redis().key("{svc:svc}:e:0c3c3c3c3")),
            BUDGET,
        )
        .await
        .unwrap();
    assert!(
        ttl > (DEAD_RETENTION.as_millis() as i64)
            && ttl <= (DAY + DEAD_RETENTION).as_millis() as i64
    );
    let v = s.version().await.unwrap();
    let before = clock::unix_millis();
    s.replay("0c3c3c3c3", before).await.unwrap();
    assert_ne!(s.version().await.unwrap(), v, "serve looks again at once");
    let c = s.get("0c3c3c3c3").await.unwrap();
    assert_eq!(
        (c.dead_at, c.queued_at, c.new.next_at),
        (None, before, before)
    );
    assert_eq!(
        ids(&s.due("svc".into(), 10).await.unwrap()),
        ["0c3c3c3c3", "0d4d4d4d4"],
        "back in its arrival place"
    );
    // Not expired again at once.
    assert!(s.expire(Duration::from_secs(60)).await.unwrap().is_empty());
}

#[tokio::test]
async fn ids_are_found_by_a_unique_prefix_only() {
    let keys = Keys::new();
    let s = spool(&keys, DAY).await;
    let now = clock::unix_millis();
    s.insert(new("abcdef0001", "svc", now, now)).await.unwrap();
    s.insert(new("abcdef0002", "other", now, now))
        .await
        .unwrap();
    assert_eq!(s.get("abcdef0001").await.unwrap().new.id, "abcdef0001");
    assert_eq!(s.get("abcdef0002").await.unwrap().new.service, "other");
    assert!(matches!(
        s.get("abcdef").await,
        Err(SpoolError::Ambiguous { count: 2, .. })
    ));
    assert!(matches!(s.get("abc").await, Err(SpoolError::ShortId(_))));
    assert!(matches!(s.get("abcde*").await, Err(SpoolError::ShortId(_))));
    assert!(matches!(
        s.get("ffffff").await,
        Err(SpoolError::NotFound(_))
    ));
}

#[tokio::test]
async fn bulk_commands_follow_the_filter() {
    let keys = Keys::new();
    let s = spool(&keys, DAY).await;
    let now = clock::unix_millis();
    s.insert(new("e5e5e5e5", "a", now - 200_000, now))
        .await
        .unwrap();
    s.insert(new("f6f6f6f6", "b", now - 200_000, now))
        .await
        .unwrap();
    s.insert(new("a7a7a7a7", "b", now - 100_000, now))
        .await
        .unwrap();
    for id in ["e5e5e5e5", "f6f6f6f6", "a7a7a7a7"] {
        s.settle(
            id.into(),
            Settle::Dead {
                attempts: 2,
                error: "HTTP 400".into(),
                reason: crate::state::DeadReason::Refused,
                attempt: None,
            },
        )
        .await
        .unwrap();
    }
    let stats = s.stats().await.unwrap();
    assert_eq!(
        stats
            .iter()
            .map(|s| (s.service.as_str(), s.depth, s.dead))
            .collect::<Vec<_>>(),
        [("a", 0, 1), ("b", 0, 2)]
    );
    let old_dead_b = Filter {
        service: Some("b".into()),
        dead: true,
        older_than: Some(Duration::from_secs(150)),
        ..Filter::default()
    };
    assert_eq!(s.count(&old_dead_b, now).await.unwrap(), 1);
    assert_eq!(s.count(&Filter::default(), now).await.unwrap(), 0);
    assert_eq!(s.drop_all(&old_dead_b, now).await.unwrap(), 1);
    let dead = Filter {
        dead: true,
        ..Filter::default()
    };
    assert_eq!(s.count(&dead, now).await.unwrap(), 2);
    assert_eq!(s.replay_all(&dead, now).await.unwrap(), 2);
    let stats = s.stats().await.unwrap();
    assert_eq!(
        stats.iter().map(|s| (s.depth, s.dead)).collect::<Vec<_>>(),
        [(1, 0), (1, 0)]
    );
    assert!(stats[0].oldest_age_s.unwrap() >= 200);
    assert_eq!(s.drop_one("a7a7a7").await.unwrap().new.id, "a7a7a7a7");
    assert_eq!(s.count(&Filter::default(), now).await.unwrap(), 1);
}

#[tokio::test]
async fn expiry_goes_in_batches_over_services() {
    let keys = Keys::new();
    let s = spool(&keys, DAY).await;
    let now = clock::unix_millis();
    for i in 0..3 {
        s.insert(new(&format!("0a{i}"), "a", now, now))
            .await
            .unwrap();
        s.insert(new(&format!("0b{i}"), "b", now, now))
            .await
            .unwrap();
    }
    tokio::time::sleep(Duration::from_millis(50)).await;
    assert_eq!(s.expire(Duration::from_millis(1)).await.unwrap().len(), 6);
    assert!(s.expire(Duration::from_millis(1)).await.unwrap().is_empty());
    let stats = s.stats().await.unwrap();
    assert_eq!(stats.iter().map(|s| s.dead).sum::<u64>(), 6);
}

/// A Redis nobody listens on: an insert fails within its budget, the spool is unhealthy.
#[tokio::test]
async fn a_redis_that_is_not_there_fails_inserts_in_time() {
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    let redis = Redis::start(&format!("redis://127.0.0.1:{port}/0"), "t:").unwrap();
    let s = RedisSpool::new(redis, DAY);
    let started = std::time::Instant::now();
    let now = clock::unix_millis();
    assert!(matches!(
        s.insert(new("abababab", "svc", now, now)).await,
        Err(SpoolError::Unavailable(_))
    ));
    assert!(started.elapsed() < INSERT_BUDGET + Duration::from_millis(100));
    assert!(!s.healthy());
    assert_eq!(s.write_failures(), 1);
}

fn in_lane(id: &str, lane: &str, now: i64) -> NewEntry {
    NewEntry {
        open_id: lane.to_owned(),
        ..new(id, "svc", now, now)
    }
}

fn attempt(at: i64) -> crate::state::Attempt {
    crate::state::Attempt {
        at,
        trigger: "retry".into(),
        result: "http_5xx".into(),
        status: Some(502),
        answer: Some("bad \"gateway\" ]]> é".into()),
        duration_ms: 12,
        instance: "host:1".into(),
    }
}

#[tokio::test]
async fn a_lane_is_never_reordered_and_never_blocks_another() {
    let keys = Keys::new();
    let s = spool(&keys, DAY).await;
    let now = clock::unix_millis() - 1_000;
    let mut lone = in_lane("dddddddd04", "", now);
    lone.open_id = String::new();
    for e in [
        in_lane("aaaaaaaa01", "o1", now),
        in_lane("bbbbbbbb02", "o1", now),
        in_lane("cccccccc03", "o2", now),
        lone,
    ] {
        s.insert(e).await.unwrap();
    }
    let due = |s: &RedisSpool| {
        let s = s.clone();
        async move {
            s.due("svc".into(), 10)
                .await
                .unwrap()
                .into_iter()
                .map(|e| e.new.id)
                .collect::<Vec<_>>()
        }
    };
    assert_eq!(due(&s).await, ["aaaaaaaa01", "cccccccc03", "dddddddd04"]);
    let mut lanes = s.lanes("svc".into(), 10).await.unwrap();
    lanes.sort();
    assert_eq!(lanes, ["dddddddd04", "o1", "o2"]);
    assert_eq!(s.lanes("svc".into(), 2).await.unwrap().len(), 2, "limit");
    // The head of o1 backs off: the push behind it waits, other lanes flow.
    s.settle(
        "aaaaaaaa01".into(),
        Settle::Retry {
            attempts: 2,
            next_at: now + 60_000,
            error: "HTTP 502".into(),
            attempt: Some(attempt(now)),
        },
    )
    .await
    .unwrap();
    assert_eq!(due(&s).await, ["cccccccc03", "dddddddd04"]);
    assert_eq!(
        s.head("svc".into()).await.unwrap().unwrap().new.id,
        "aaaaaaaa01",
        "the oldest, due or not"
    );
    let a = s.get("aaaaaaaa01").await.unwrap();
    assert!(a.new.failing_since.is_some());
    assert_eq!(a.new.history, [attempt(now)], "every field kept");
    // Dead, the head no longer blocks its lane.
    s.settle(
        "aaaaaaaa01".into(),
        Settle::Dead {
            attempts: 10,
            error: "HTTP 500".into(),
            reason: crate::state::DeadReason::Poison,
            attempt: None,
        },
    )
    .await
    .unwrap();
    assert_eq!(due(&s).await, ["bbbbbbbb02", "cccccccc03", "dddddddd04"]);
    let a = s.get("aaaaaaaa01").await.unwrap();
    assert_eq!(a.dead_reason.as_deref(), Some("poison"));
    // Replayed, it heads its lane again (its arrival place), and is counted as replaying.
    s.replay("aaaaaaaa01", clock::unix_millis()).await.unwrap();
    assert_eq!(due(&s).await, ["aaaaaaaa01", "cccccccc03", "dddddddd04"]);
    let a = s.get("aaaaaaaa01").await.unwrap();
    assert!(a.replayed && a.dead_reason.is_none() && a.dead_at.is_none());
    assert_eq!(s.stats().await.unwrap()[0].replaying, 1);
    // Delivered: the next of the lane.
    for id in ["aaaaaaaa01", "cccccccc03"] {
        s.settle(id.into(), Settle::Delivered).await.unwrap();
    }
    assert_eq!(due(&s).await, ["bbbbbbbb02", "dddddddd04"]);
    assert_eq!(s.stats().await.unwrap()[0].replaying, 0);
    let mut lanes = s.lanes("svc".into(), 10).await.unwrap();
    lanes.sort();
    assert_eq!(lanes, ["dddddddd04", "o1"]);
}

/// More than 1000 due pushes: `due` walks the lanes in the order of their heads.
#[tokio::test]
async fn many_due_pushes_in_few_lanes_give_one_head_each() {
    let keys = Keys::new();
    let s = spool(&keys, DAY).await;
    let now = clock::unix_millis() - 1_000;
    for i in 0..1_100 {
        s.insert(in_lane(&format!("{i:08x}"), &format!("o{}", i % 3), now))
            .await
            .unwrap();
    }
    assert_eq!(
        ids(&s.due("svc".into(), 10).await.unwrap()),
        ["00000000", "00000001", "00000002"]
    );
}

#[tokio::test]
async fn histories_keep_the_last_ten_attempts_and_the_first_failure() {
    let keys = Keys::new();
    let s = spool(&keys, DAY).await;
    let now = clock::unix_millis();
    s.insert(new("abababab", "svc", now, now)).await.unwrap();
    for i in 0..15 {
        s.settle(
            "abababab".into(),
            Settle::Retry {
                attempts: i + 2,
                next_at: now,
                error: "timeout".into(),
                attempt: Some(attempt(now + i64::from(i))),
            },
        )
        .await
        .unwrap();
    }
    let e = s.get("abababab").await.unwrap();
    let h = e.new.history;
    assert_eq!(h.len(), crate::state::spool::HISTORY);
    assert_eq!((h[0].at, h[9].at), (now + 5, now + 14));
    assert_eq!(h[9], attempt(now + 14));
    let first = e.new.failing_since.unwrap();
    assert!(first >= now && first <= clock::unix_millis());
    // Dead with an attempt: it is kept too; the first failure stays.
    s.settle(
        "abababab".into(),
        Settle::Dead {
            attempts: 17,
            error: "HTTP 400".into(),
            reason: crate::state::DeadReason::Refused,
            attempt: Some(attempt(1)),
        },
    )
    .await
    .unwrap();
    let e = s.get("abababab").await.unwrap();
    assert_eq!(e.new.history.last().unwrap().at, 1);
    assert_eq!(e.new.failing_since, Some(first));
    assert_eq!(e.dead_reason.as_deref(), Some("refused"));
}

#[tokio::test]
async fn pauses_are_kept_until_resumed_and_running_gateways_notice() {
    let keys = Keys::new();
    let s = spool(&keys, DAY).await;
    let v = s.version().await.unwrap();
    assert!(s.set_paused("svc", true, 1).await.unwrap());
    assert!(
        !s.set_paused("svc", true, 2).await.unwrap(),
        "already paused"
    );
    assert_ne!(s.version().await.unwrap(), v, "serve looks again");
    // Another instance (or a restart) sees it.
    let other = spool(&keys, DAY).await;
    assert_eq!(other.paused().await.unwrap(), ["svc"]);
    let ttl: i64 = s
        .redis()
        .query(
            redis::cmd("PTTL").arg(s.redis().key("spool:paused")),
            BUDGET,
        )
        .await
        .unwrap();
    assert!(ttl > 0, "kept with a TTL");
    assert!(other.set_paused("svc", false, 3).await.unwrap());
    assert!(s.paused().await.unwrap().is_empty());
}

#[tokio::test]
async fn defer_moves_only_a_queued_push_and_expiry_says_why() {
    let keys = Keys::new();
    let s = spool(&keys, DAY).await;
    let now = clock::unix_millis();
    s.insert(new("defe0001", "svc", now, now)).await.unwrap();
    assert!(s.claim("defe0001".into(), now + 60_000).await.unwrap());
    s.settle(
        "defe0001".into(),
        Settle::Defer {
            next_at: now + 5_000,
        },
    )
    .await
    .unwrap();
    let e = s.get("defe0001").await.unwrap();
    assert_eq!((e.new.next_at, e.new.attempts), (now + 5_000, 1));
    assert_eq!(s.next_due("svc".into()).await.unwrap(), Some(now + 5_000));
    tokio::time::sleep(Duration::from_millis(30)).await;
    let dead = s.expire(Duration::from_millis(10)).await.unwrap();
    assert_eq!(ids(&dead), ["defe0001"]);
    let e = s.get("defe0001").await.unwrap();
    assert_eq!(e.dead_reason.as_deref(), Some("max-age"));
    // A dead letter is not moved by a defer.
    s.settle("defe0001".into(), Settle::Defer { next_at: now })
        .await
        .unwrap();
    assert!(s.get("defe0001").await.unwrap().dead_at.is_some());
    assert_eq!(s.next_due("svc".into()).await.unwrap(), None);
    assert!(s.lanes("svc".into(), 10).await.unwrap().is_empty());
}

#[tokio::test]
async fn stats_count_replaying_and_overdue_but_not_leased() {
    let keys = Keys::new();
    let s = spool(&keys, DAY).await;
    let now = clock::unix_millis();
    let late = now - crate::state::spool::OVERDUE_AFTER_MS - 5_000;
    s.insert(new("0ver0001", "svc", late, late)).await.unwrap();
    s.insert(new("0ver0002", "svc", late, late)).await.unwrap();
    s.insert(new("0ver0003", "svc", now, now)).await.unwrap();
    assert!(s.claim("0ver0002".into(), now + 60_000).await.unwrap());
    s.replay("0ver0003", now).await.unwrap();
    let st = &s.stats().await.unwrap()[0];
    assert_eq!((st.depth, st.overdue, st.replaying), (3, 1, 1));
}

/// A claim holds at least the claim timeout, whatever lease the caller asks for.
#[tokio::test]
async fn a_claim_holds_at_least_the_claim_timeout() {
    let keys = Keys::new();
    let redis = spool(&keys, DAY).await.redis().clone();
    let s = RedisSpool::with_claim_timeout(redis, DAY, Duration::from_secs(60));
    let now = clock::unix_millis();
    s.insert(new("c1a1m001", "svc", now, now)).await.unwrap();
    assert!(s.claim("c1a1m001".into(), now + 100).await.unwrap());
    let e = s.get("c1a1m001").await.unwrap();
    assert!(e.new.next_at >= now + 60_000, "{} vs {now}", e.new.next_at);
    tokio::time::sleep(Duration::from_millis(200)).await;
    assert!(
        s.due("svc".into(), 10).await.unwrap().is_empty(),
        "still claimed after the lease asked for"
    );
    // A settle ends it.
    s.settle(
        "c1a1m001".into(),
        Settle::Retry {
            attempts: 2,
            next_at: now,
            error: "x".into(),
            attempt: None,
        },
    )
    .await
    .unwrap();
    assert_eq!(ids(&s.due("svc".into(), 10).await.unwrap()), ["c1a1m001"]);
}

#[tokio::test]
async fn bulk_commands_honour_since_until_and_kind() {
    let keys = Keys::new();
    let s = spool(&keys, DAY).await;
    let now = clock::unix_millis();
    let mut ev = new("f1e1f1e1", "svc", now - 50_000, now);
    ev.route = "event/CLICK".into();
    s.insert(ev).await.unwrap();
    s.insert(new("f1e1f1e2", "svc", now - 40_000, now))
        .await
        .unwrap();
    s.insert(new("f1e1f1e3", "svc", now - 10_000, now))
        .await
        .unwrap();
    let f = |since: Option<i64>, until: Option<i64>, kind: Option<&str>| Filter {
        since,
        until,
        kind: kind.map(str::to_owned),
        ..Filter::default()
    };
    let n = |filter: Filter| {
        let s = s.clone();
        async move { s.count(&filter, now).await.unwrap() }
    };
    assert_eq!(n(f(Some(now - 45_000), None, None)).await, 2);
    assert_eq!(
        n(f(None, Some(now - 40_000), None)).await,
        1,
        "until: before"
    );
    assert_eq!(n(f(Some(now - 40_000), Some(now - 10_000), None)).await, 1);
    assert_eq!(n(f(None, None, Some("click"))).await, 1);
    assert_eq!(n(f(None, None, Some("TEXT"))).await, 2);
    assert_eq!(n(f(None, None, Some("image"))).await, 0);
    assert_eq!(
        s.replay_all(&f(None, None, Some("Click")), now)
            .await
            .unwrap(),
        1
    );
    assert!(s.get("f1e1f1e1").await.unwrap().replayed);
    assert_eq!(
        s.drop_all(&f(Some(now - 15_000), None, None), now)
            .await
            .unwrap(),
        1
    );
    assert_eq!(n(Filter::default()).await, 2);
}

/// Redis 7.0 (no `WAITAOF`) or AOF off: an insert is stored but not durable; the epoch of
/// the service's keys tells a shadow copy whether Redis still holds its push.
#[tokio::test]
async fn without_a_confirmed_fsync_the_insert_says_so_and_shadows_can_be_checked() {
    let keys = Keys::new();
    let s = spool(&keys, DAY).await;
    let now = clock::unix_millis();
    let persistence = s.redis().persistence().await.unwrap();
    let stored = s
        .insert_checked(new("5had0001", "svc", now, now))
        .await
        .unwrap();
    assert!(stored.added);
    assert_eq!(
        stored.durable,
        persistence.can_be_durable(),
        "{persistence:?}"
    );
    assert_eq!(s.redis().durable(), stored.durable);
    let again = s
        .insert_checked(new("5had0002", "svc", now, now))
        .await
        .unwrap();
    assert_eq!(again.epoch, stored.epoch, "one epoch while the keys live");
    let ids = ["5had0001".to_owned(), "5had0002".to_owned()];
    s.settle("5had0002".into(), Settle::Delivered)
        .await
        .unwrap();
    assert_eq!(
        s.shadowed("svc", &stored.epoch, &ids).await.unwrap(),
        [Shadowed::Held, Shadowed::Gone]
    );
    // The service's keys lost (as by a FLUSHALL): every shadow's push is lost.
    let _: i64 = s
        .redis()
        .query(
            redis::cmd("DEL").arg(s.redis().key("{svc:svc}:epoch")),
            BUDGET,
        )
        .await
        .unwrap();
    assert_eq!(
        s.shadowed("svc", &stored.epoch, &ids).await.unwrap(),
        [Shadowed::Lost, Shadowed::Lost]
    );
}

/// `Pepoch` gone (Redis came back empty): noticed once, the services and pauses written
/// again.
#[tokio::test]
async fn redis_coming_back_empty_is_noticed_and_the_registry_rebuilt() {
    let keys = Keys::new();
    let s = spool(&keys, DAY).await;
    let now = clock::unix_millis();
    assert!(!s.check_epoch().await.unwrap(), "first look");
    s.insert(new("e0e0e0e0", "svc", now, now)).await.unwrap();
    s.set_paused("svc", true, now).await.unwrap();
    assert!(!s.check_epoch().await.unwrap());
    // As a FLUSHALL would (of this test's keys only).
    drop(Keys(keys.0.clone()));
    assert!(s.check_epoch().await.unwrap(), "lost");
    assert!(!s.check_epoch().await.unwrap(), "once");
    assert_eq!(s.paused().await.unwrap(), ["svc"]);
    let services: Vec<String> = s
        .redis()
        .query(
            redis::cmd("SMEMBERS").arg(s.redis().key("spool:services")),
            BUDGET,
        )
        .await
        .unwrap();
    assert_eq!(services, ["svc"]);
}
