//! Randomness, from the operating system's CSPRNG and nowhere else: nonces, AES frame prefixes,
//! request-id prefixes. The protocol core receives random bytes as arguments.

use crate::wechat::envelope::Stamp;

/// `N` random bytes. The OS RNG does not fail on supported platforms; if it ever did, nothing
/// may be signed or encrypted with predictable bytes, so this panics rather than degrade.
pub fn bytes<const N: usize>() -> [u8; N] {
    let mut b = [0u8; N];
    getrandom::fill(&mut b).expect("the operating system's random number generator failed");
    b
}

/// A 10-digit decimal nonce, as WeChat sends.
pub fn digits() -> String {
    ten_digits(bytes::<8>())
}

fn ten_digits(b: [u8; 8]) -> String {
    format!("{:010}", u64::from_le_bytes(b) % 10_000_000_000)
}

/// `n` random characters from `[A-Za-z0-9]` (the JS-SDK's nonceStr).
pub fn alphanumeric(n: usize) -> String {
    const CHARS: &[u8] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
    let mut out = String::with_capacity(n);
    while out.len() < n {
        // 248 = 4 × 62: bytes above it are dropped so every character is equally likely.
        for b in bytes::<32>() {
            if b < 248 && out.len() < n {
                out.push(CHARS[b as usize % CHARS.len()] as char);
            }
        }
    }
    out
}

/// The time, nonce and frame prefix of one sealing of WeChat's envelope.
pub fn stamp(timestamp: i64) -> Stamp {
    // One getrandom call for both (a syscall per encrypted reply, not two).
    let b = bytes::<24>();
    let mut random = [0u8; 16];
    random.copy_from_slice(&b[..16]);
    let mut n = [0u8; 8];
    n.copy_from_slice(&b[16..]);
    Stamp {
        timestamp,
        nonce: ten_digits(n),
        random,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shapes() {
        let d = digits();
        assert_eq!(d.len(), 10);
        assert!(d.bytes().all(|b| b.is_ascii_digit()));
        let a = alphanumeric(16);
        assert_eq!(a.len(), 16);
        assert!(a.bytes().all(|b| b.is_ascii_alphanumeric()));
        assert_ne!(bytes::<16>(), bytes::<16>());
        let s = stamp(7);
        assert_eq!((s.timestamp, s.nonce.len()), (7, 10));
        assert_ne!(s.random, stamp(7).random);
    }
}
