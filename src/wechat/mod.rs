//! The WeChat protocol core: signatures, AES framing, the encrypted envelope, push XML, passive
//! replies, OAuth URLs.
//! Pure functions only: no I/O, no clock, no RNG, no async. Time, nonces and random bytes are
//! parameters, so every rule is testable with known-answer vectors.

pub mod crypto;
pub mod envelope;
pub mod message;
pub mod oauth;
pub mod query;
pub mod reply;
pub mod signature;
pub mod xml;

pub use crypto::AesKey;
pub use message::Push;
pub use reply::Reply;

/// Everything that can go wrong while reading a push or building a reply. The numeric codes in
/// [`Error::wechat_code`] are WeChat's own (`WXBizMsgCrypt` error codes), so tools can quote them.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum Error {
    #[error("signature mismatch")]
    Signature,
    #[error("malformed XML: {0}")]
    Xml(String),
    #[error("XML with a DOCTYPE or entity declaration is refused")]
    XmlDoctype,
    #[error("the XML has no <{0}> element")]
    MissingField(&'static str),
    #[error("Encrypt is not valid base64")]
    Base64,
    #[error("ciphertext length {0} is not a positive multiple of 16")]
    CipherLength(usize),
    #[error("bad padding after decryption (wrong aes-key?)")]
    Padding,
    #[error("decrypted frame is inconsistent: {0}")]
    Frame(&'static str),
    #[error("the decrypted message is not UTF-8")]
    NotUtf8,
    #[error("appid mismatch: the message was encrypted for another account")]
    AppId,
    #[error("aes-key: {0}")]
    Key(String),
}

impl Error {
    /// WeChat's `WXBizMsgCrypt` error code for this failure.
    pub fn wechat_code(&self) -> i32 {
        match self {
            Error::Signature => -40001,
            Error::Xml(_) | Error::XmlDoctype | Error::MissingField(_) => -40002,
            Error::Key(_) => -40004,
            Error::AppId => -40005,
            Error::Padding | Error::CipherLength(_) | Error::Frame(_) | Error::NotUtf8 => -40007,
            Error::Base64 => -40010,
        }
    }
}
