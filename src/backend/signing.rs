//! Backends can verify the gateway: every forwarded request is signed as the Standard
//! Webhooks specification says (`webhook-id`, `webhook-timestamp`, `webhook-signature`), so
//! that a backend checks it with that specification's libraries instead of code of its own.

use base64::Engine as _;
use hmac::{Hmac, Mac};
use sha2::Sha256;

use crate::config::SigningKey;

/// `webhook-id`: the delivery id (the same on every attempt of a push).
pub const HEADER_WEBHOOK_ID: &str = "webhook-id";
/// `webhook-timestamp`: unix seconds of this attempt.
pub const HEADER_WEBHOOK_TIMESTAMP: &str = "webhook-timestamp";
/// `webhook-signature`: `v1,<base64>` per secret, space-separated.
pub const HEADER_WEBHOOK_SIGNATURE: &str = "webhook-signature";

/// `v1,<base64 of HMAC-SHA256(secret, "<id>.<timestamp>.<body>")>` for each secret, separated
/// by spaces (a backend accepts a request that any of them signed: rotation).
pub fn sign(keys: &[SigningKey], id: &str, timestamp: i64, body: &[u8]) -> String {
    let timestamp = timestamp.to_string();
    keys.iter()
        .map(|key| {
            // HMAC takes a key of any length.
            let mut mac = Hmac::<Sha256>::new_from_slice(&key.0).expect("any key length");
            mac.update(id.as_bytes());
            mac.update(b".");
            mac.update(timestamp.as_bytes());
            mac.update(b".");
            mac.update(body);
            let tag = mac.finalize().into_bytes();
            format!(
                "v1,{}",
                base64::engine::general_purpose::STANDARD.encode(tag)
            )
        })
        .collect::<Vec<_>>()
        .join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The example of the Standard Webhooks specification's reference libraries.
    #[test]
    fn the_specification_example_signs_alike() {
        let secret = base64::engine::general_purpose::STANDARD
            .decode("MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw")
            .unwrap();
        let sig = sign(
            &[SigningKey(secret)],
            "msg_p5jXN8AQM9LWM0D4loKWxJek",
            1614265330,
            br#"{"test": 2432232314}"#,
        );
        assert_eq!(sig, "v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=");
    }

    #[test]
    fn one_signature_per_secret() {
        let sig = sign(
            &[SigningKey(vec![1; 32]), SigningKey(vec![2; 32])],
            "id",
            1,
            b"{}",
        );
        let parts: Vec<&str> = sig.split(' ').collect();
        assert_eq!(parts.len(), 2);
        assert!(parts.iter().all(|p| p.starts_with("v1,")));
        assert_ne!(parts[0], parts[1]);
    }
}
