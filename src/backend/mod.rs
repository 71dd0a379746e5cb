//! The one owner of the backend contract: every body wx-gateway sends to a backend or handler
//! and every body it reads back. One module to read to know what a backend sees (README
//! "Backend contract"):
//! - [`push`]: the JSON a push becomes, posted to `<msg-proxy-pass>/<route>` with the headers
//!   below, and the `userInfo` fields of `append-userinfo`;
//! - [`reply`]: the JSON a backend answers a push with;
//! - [`oauth`]: the bodies of `menu-handler` and `redirect-url` and the `{h, r, c}` answer;
//! - [`endpoints`]: the `{"code":…,"msg":…}` answers of the endpoints for backends.

pub mod endpoints;
pub mod oauth;
pub mod push;
pub mod reply;
pub mod signing;

use serde_json::{Map, Value};

pub use push::{add_user_info, push_json};
pub use reply::{BackendArticle, BackendReply, ReplyError};
pub use signing::{HEADER_WEBHOOK_ID, HEADER_WEBHOOK_SIGNATURE, HEADER_WEBHOOK_TIMESTAMP, sign};

/// Header naming the service (account) a push came through.
pub const HEADER_SERVICE: &str = "x-wx-service";
/// Header carrying the account's AppID.
pub const HEADER_APP_ID: &str = "x-wx-app-id";
/// Header carrying the gateway's id for this push (also in the gateway's log line).
pub const HEADER_REQUEST_ID: &str = "x-request-id";
/// Header carrying the push's delivery id: the same on every attempt to deliver it (a
/// retried, spooled or replayed push), so a backend can make its handling idempotent.
pub const HEADER_DELIVERY_ID: &str = "x-wx-delivery-id";
/// Header carrying the attempt number of this delivery: 1, 2, …
pub const HEADER_DELIVERY_ATTEMPT: &str = "x-wx-delivery-attempt";

/// Header saying what made this attempt: `live` (the push as WeChat sent it), `retry` (a
/// redelivery from the spool) or `replay` (a redelivery requeued by `spool replay`).
pub const HEADER_DELIVERY_TRIGGER: &str = "x-wx-delivery-trigger";
/// Header carrying when the gateway first received the push (RFC 3339, UTC).
pub const HEADER_RECEIVED_AT: &str = "x-wx-received-at";
/// Header saying whether the backend's reply can still reach the user: `passive` (the reply
/// goes back to WeChat), `custom-message` (too late for that: sent as a customer-service
/// message, `late-reply`), `none` (it is dropped).
pub const HEADER_REPLY_PATH: &str = "x-wx-reply-path";

/// The body posted to `<msg-proxy-pass>/<route>`.
pub fn request_body(json: &Map<String, Value>) -> String {
    serde_json::to_string(json).unwrap_or_else(|_| "{}".to_owned())
}
