//! What a config reload may change, and what it changed. A reload swaps services, tokens,
//! keys, backends, endpoints and limits; what is bound or opened at start (the listeners, the
//! spool, the log format, the size of the retry table and the replay cache) needs a restart,
//! and a config that changes any of it is refused whole: nothing is applied half-way.

use super::state::Snapshot;
use crate::config::Config;

/// Why a reload was refused; the config in use keeps serving.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Refused {
    /// The new config changes settings only a restart can change (named as in the file).
    Restart(Vec<&'static str>),
    /// The config could not be built into a running one.
    Invalid(String),
}

impl std::fmt::Display for Refused {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Refused::Restart(keys) => write!(
                f,
                "{} changed: that needs a restart (nothing of the new config was applied)",
                keys.join(", ")
            ),
            Refused::Invalid(why) => f.write_str(why),
        }
    }
}

/// Checks that `new` changes nothing only a restart can change. `spool_open`: the gateway
/// opened its spool at start (it does when a spool is configured and some service has a
/// backend).
pub fn check(old: &Config, new: &Config, spool_open: bool) -> Result<(), Refused> {
    let mut keys = Vec::new();
    if old.listen_host != new.listen_host || old.listen_port != new.listen_port {
        keys.push("listen address (host, port)");
    }
    if old.metrics_listen != new.metrics_listen {
        keys.push("metrics-listen");
    }
    if old.log_format != new.log_format {
        keys.push("log format");
    }
    if old.spool != new.spool {
        keys.push("spool");
    } else if !spool_open
        && (new.spool.is_some() || new.redis.is_some())
        && new.services.iter().any(|s| s.msg_proxy_pass.is_some())
    {
        // The spool is opened at start only when some service has a backend.
        keys.push("spool (opened at start only when a service has msg-proxy-pass)");
    }
    if old.redis != new.redis {
        keys.push("redis, redis-prefix");
    }
    if old.dedupe_capacity != new.dedupe_capacity {
        keys.push("dedupe-capacity");
    }
    if old.replay_capacity != new.replay_capacity {
        keys.push("replay-cache-capacity");
    }
    if keys.is_empty() {
        Ok(())
    } else {
        Err(Refused::Restart(keys))
    }
}

/// What a reload changed, by service name.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Applied {
    pub added: Vec<String>,
    pub removed: Vec<String>,
    pub changed: Vec<String>,
    /// Accounts whose token broker was replaced (their access token is fetched again).
    pub new_tokens: Vec<String>,
}

impl Applied {
    pub(super) fn between(old: &Snapshot, new: &Snapshot) -> Applied {
        let mut a = Applied::default();
        for (name, svc) in &new.by_name {
            match old.by_name.get(name) {
                None => a.added.push(name.clone()),
                Some(before) if *before.cfg != *svc.cfg => a.changed.push(name.clone()),
                Some(_) => {}
            }
            if let (Some(b_old), Some(b_new)) = (old.brokers.get(name), new.brokers.get(name))
                && !std::sync::Arc::ptr_eq(b_old, b_new)
            {
                a.new_tokens.push(name.clone());
            }
        }
        a.removed = old
            .by_name
            .keys()
            .filter(|n| !new.by_name.contains_key(*n))
            .cloned()
            .collect();
        a.added.sort();
        a.removed.sort();
        a.changed.sort();
        a.new_tokens.sort();
        a
    }
}

impl std::fmt::Display for Applied {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let list = |v: &[String]| {
            if v.is_empty() {
                "-".to_owned()
            } else {
                v.join(",")
            }
        };
        write!(
            f,
            "added {}, removed {}, changed {}, new tokens for {}",
            list(&self.added),
            list(&self.removed),
            list(&self.changed),
            list(&self.new_tokens)
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn config(text: &str) -> Config {
        crate::config::parse(text).expect("valid config")
    }

    const BASE: &str = r#"{"listen-port": 7070, "services": [{"name": "a", "wx-params": {"token": "t", "app-id": "wx0123456789abcdef"}, "listen-endpoints": {"service-path": "/wx/a"}}]}"#;

    #[test]
    fn service_changes_need_no_restart() {
        let old = config(BASE);
        let new = config(&BASE.replace(r#""token": "t""#, r#""token": "t2""#));
        assert_eq!(check(&old, &new, false), Ok(()));
    }

    #[test]
    fn bound_and_opened_things_need_a_restart_and_are_all_named() {
        let old = config(BASE);
        let new = config(
            &BASE
                .replace("7070", "7071")
                .replace(r#""services""#, r#""dedupe-capacity": 1000, "services""#),
        );
        let Err(Refused::Restart(keys)) = check(&old, &new, false) else {
            panic!("refused");
        };
        assert_eq!(keys, vec!["listen address (host, port)", "dedupe-capacity"]);
        assert!(
            Refused::Restart(keys)
                .to_string()
                .contains("needs a restart (nothing of the new config was applied)")
        );
    }

    #[test]
    fn a_spool_the_gateway_did_not_open_needs_a_restart() {
        let with_spool = |backend: &str| {
            config(&BASE.replace(
                r#""service-path": "/wx/a"}"#,
                &format!(r#""service-path": "/wx/a"}}{backend}"#),
            ))
        };
        let mut old = with_spool("");
        old.spool = Some(crate::config::SpoolConfig {
            dir: "/tmp/x".into(),
            max_age: std::time::Duration::from_secs(60),
        });
        let mut new = with_spool(r#", "msg-proxy-pass": "http://127.0.0.1:1""#);
        new.spool = old.spool.clone();
        assert!(matches!(check(&old, &new, false), Err(Refused::Restart(_))));
        assert_eq!(check(&old, &new, true), Ok(()));
    }
}
