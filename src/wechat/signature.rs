//! WeChat's SHA-1 signatures: `signature` over token/timestamp/nonce and `msg_signature`, which
//! also covers the `Encrypt` text. Verification compares in constant time.

use sha1::{Digest, Sha1};
use subtle::ConstantTimeEq;

/// SHA-1 hex of the lexicographically sorted, concatenated parts (WeChat's signing rule).
pub fn sign(parts: &[&str]) -> String {
    let mut sorted: Vec<&str> = parts.to_vec();
    sorted.sort_unstable();
    let mut h = Sha1::new();
    for p in sorted {
        h.update(p.as_bytes());
    }
    hex(&h.finalize())
}

/// `signature` of a plaintext push or of the GET echostr handshake.
pub fn plain(token: &str, timestamp: &str, nonce: &str) -> String {
    sign(&[token, timestamp, nonce])
}

/// `msg_signature` of an encrypted push or reply.
pub fn msg(token: &str, timestamp: &str, nonce: &str, encrypt: &str) -> String {
    sign(&[token, timestamp, nonce, encrypt])
}

/// The JS-SDK signature: SHA-1 of `jsapi_ticket=…&noncestr=…&timestamp=…&url=…` (the URL
/// without its `#fragment`).
pub fn jsapi(ticket: &str, nonce: &str, timestamp: &str, url: &str) -> String {
    let url = url.split('#').next().unwrap_or(url);
    let text = format!("jsapi_ticket={ticket}&noncestr={nonce}&timestamp={timestamp}&url={url}");
    hex(&Sha1::digest(text.as_bytes()))
}

/// Constant-time comparison of a received hex signature with the expected one. Case-insensitive
/// on the received side, as WeChat always sends lower case but some tools send upper case.
pub fn matches(expected: &str, received: &str) -> bool {
    let received = received.to_ascii_lowercase();
    expected.len() == received.len() && bool::from(expected.as_bytes().ct_eq(received.as_bytes()))
}

pub(crate) fn hex(bytes: &[u8]) -> String {
    const DIGITS: &[u8; 16] = b"0123456789abcdef";
    let mut s = String::with_capacity(bytes.len() * 2);
    for b in bytes {
        s.push(DIGITS[(b >> 4) as usize] as char);
        s.push(DIGITS[(b & 15) as usize] as char);
    }
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    // WeChat's documented example for the server-config handshake, reproduced by every SDK:
    // token "pamtest", timestamp "1409304348", nonce "xxxxxx".
    #[test]
    fn plain_signature_matches_known_answer() {
        assert_eq!(
            plain("pamtest", "1409304348", "xxxxxx"),
            sha1_hex_of("1409304348pamtestxxxxxx")
        );
    }

    fn sha1_hex_of(s: &str) -> String {
        hex(&Sha1::digest(s.as_bytes()))
    }

    #[test]
    fn sha1_of_abc_is_the_published_vector() {
        assert_eq!(
            sha1_hex_of("abc"),
            "a9993e364706816aba3e25717850c26c9cd0d89d"
        );
    }

    // The example of WeChat's JS-SDK documentation (附录1).
    #[test]
    fn jsapi_signature_matches_the_documented_example() {
        let ticket = "sM4AOVdWfPE4DxkXGEs8VMCPGGVi4C3VM0P37wVUCFvkVAy_90u5h9nbSlYy3-Sl-HhTdfl2fzFy1AOcHKP7qg";
        let url = "http://mp.weixin.qq.com?params=value";
        assert_eq!(
            jsapi(ticket, "Wm3WZYTPz0wzccnW", "1414587457", url),
            "0f9de62fce790f9a083d5c99e95740ceb90c27ed"
        );
        assert_eq!(
            jsapi(
                ticket,
                "Wm3WZYTPz0wzccnW",
                "1414587457",
                &format!("{url}#frag")
            ),
            "0f9de62fce790f9a083d5c99e95740ceb90c27ed"
        );
    }

    #[test]
    fn order_of_parts_does_not_matter() {
        assert_eq!(sign(&["b", "a", "c"]), sign(&["c", "b", "a"]));
        assert_eq!(sign(&["b", "a", "c"]), sha1_hex_of("abc"));
    }

    #[test]
    fn matches_is_exact_but_case_insensitive() {
        let s = msg("t", "1", "n", "E");
        assert!(matches(&s, &s));
        assert!(matches(&s, &s.to_uppercase()));
        assert!(!matches(&s, &s[1..]));
        assert!(!matches(&s, ""));
        let mut wrong = s.clone().into_bytes();
        wrong[0] = if wrong[0] == b'0' { b'1' } else { b'0' };
        assert!(!matches(&s, std::str::from_utf8(&wrong).unwrap()));
    }
}
