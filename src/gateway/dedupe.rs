//! Collapses WeChat's retries of one push: when WeChat resends a push (same MsgId, or same
//! sender + CreateTime for events) the backend is not called again; the retry gets the first
//! attempt's reply, waiting for it if it is still in flight. Bounded in size and age.

use std::collections::HashMap;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use tokio::sync::watch;

use crate::wechat::Reply;

/// WeChat retries within 15 s; keep answers a little longer.
const TTL: Duration = Duration::from_secs(60);

type Slot = watch::Receiver<Option<Arc<Reply>>>;

pub struct Dedupe {
    entries: Mutex<HashMap<String, (Instant, Slot)>>,
    capacity: usize,
}

/// What a push must do.
pub enum Claim {
    /// First sight: produce the reply and hand it to [`First::finish`].
    First(First),
    /// A retry: wait on this for the first attempt's reply.
    Retry(Slot),
    /// The table is full of live entries: proceed without deduplication.
    Untracked,
}

/// The first attempt's handle. Dropping it unfinished forgets the key, so a later retry is
/// forwarded afresh instead of waiting for an answer that will never come.
pub struct First {
    owner: Arc<Dedupe>,
    key: String,
    tx: Option<watch::Sender<Option<Arc<Reply>>>>,
}

impl First {
    pub fn finish(mut self, reply: Arc<Reply>) {
        if let Some(tx) = self.tx.take() {
            tx.send_replace(Some(reply));
        }
    }
}

impl Drop for First {
    fn drop(&mut self) {
        if self.tx.is_some()
            && let Ok(mut map) = self.owner.entries.lock()
        {
            map.remove(&self.key);
        }
    }
}

impl Dedupe {
    pub fn new(capacity: usize) -> Arc<Self> {
        Arc::new(Dedupe {
            entries: Mutex::new(HashMap::new()),
            capacity,
        })
    }

    pub fn claim(self: &Arc<Self>, key: String) -> Claim {
        let now = Instant::now();
        let Ok(mut map) = self.entries.lock() else {
            return Claim::Untracked;
        };
        if let Some((at, slot)) = map.get(&key)
            && now.duration_since(*at) < TTL
        {
            return Claim::Retry(slot.clone());
        }
        if map.len() >= self.capacity {
            map.retain(|_, (at, _)| now.duration_since(*at) < TTL);
            if map.len() >= self.capacity {
                return Claim::Untracked;
            }
        }
        let (tx, rx) = watch::channel(None);
        map.insert(key.clone(), (now, rx));
        Claim::First(First {
            owner: Arc::clone(self),
            key,
            tx: Some(tx),
        })
    }

    /// Waits until the first attempt's reply is known, or `None` if it was abandoned.
    pub async fn wait(mut slot: Slot) -> Option<Arc<Reply>> {
        slot.wait_for(Option::is_some)
            .await
            .ok()
            .and_then(|v| v.clone())
    }

    pub fn len(&self) -> usize {
        self.entries.lock().map(|m| m.len()).unwrap_or(0)
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn retry_gets_the_first_reply() {
        let d = Dedupe::new(10);
        let Claim::First(first) = d.claim("k".into()) else {
            panic!("first")
        };
        let Claim::Retry(slot) = d.claim("k".into()) else {
            panic!("retry")
        };
        let waiter = tokio::spawn(Dedupe::wait(slot));
        first.finish(Arc::new(Reply::Text("r".into())));
        assert_eq!(*waiter.await.unwrap().unwrap(), Reply::Text("r".into()));
        // Later retries get it at once.
        let Claim::Retry(slot) = d.claim("k".into()) else {
            panic!("retry")
        };
        assert!(Dedupe::wait(slot).await.is_some());
    }

    #[tokio::test]
    async fn abandoned_first_is_forgotten() {
        let d = Dedupe::new(10);
        let Claim::First(first) = d.claim("k".into()) else {
            panic!()
        };
        let Claim::Retry(slot) = d.claim("k".into()) else {
            panic!()
        };
        drop(first);
        assert!(Dedupe::wait(slot).await.is_none());
        assert!(matches!(d.claim("k".into()), Claim::First(_)));
    }

    #[test]
    fn bounded() {
        let d = Dedupe::new(2);
        let _a = d.claim("a".into());
        let _b = d.claim("b".into());
        assert!(matches!(d.claim("c".into()), Claim::Untracked));
        assert_eq!(d.len(), 2);
    }
}
