//! What must outlive one request: the retry table that collapses WeChat's retries of a push
//! ([`dedupe`]) and the replay cache that refuses a signed query string used again
//! ([`replay`]). Both are bounded; at their bound they say so (a throttled warning and a
//! counter) instead of growing.

pub mod dedupe;
pub mod replay;

pub use dedupe::{Claim, Dedupe};
pub use replay::{ReplayCache, Seen};
