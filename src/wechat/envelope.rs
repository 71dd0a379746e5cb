//! WeChat's encrypted envelope: the one place that seals (sign, encrypt, wrap) and opens
//! (unwrap, verify, decrypt) a push or a passive reply, in plaintext, compatible and safe mode.
//! Pure: the timestamp, nonce and 16 random bytes arrive in a [`Stamp`]; nothing here reads a
//! clock or an RNG.

use super::xml::{self, Element};
use super::{AesKey, Error, signature};

/// How a push travels; its reply goes back the same way.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mode {
    /// Plaintext XML, signed by `signature` (token, timestamp, nonce) only.
    Plain,
    /// Plaintext fields and `<Encrypt>` side by side (兼容模式).
    Compat,
    /// Only `<Encrypt>` (安全模式).
    Safe,
}

impl Mode {
    pub fn as_str(self) -> &'static str {
        match self {
            Mode::Plain => "plain",
            Mode::Compat => "compat",
            Mode::Safe => "safe",
        }
    }
}

/// One account's signing and encryption secrets, borrowed.
#[derive(Clone, Copy)]
pub struct Keys<'a> {
    pub token: &'a str,
    pub aes_key: Option<&'a AesKey>,
    pub app_id: &'a str,
}

/// The time and randomness of one sealing, supplied by the caller.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Stamp {
    /// Unix seconds.
    pub timestamp: i64,
    pub nonce: String,
    /// The random prefix of the AES frame.
    pub random: [u8; 16],
}

/// A push as WeChat sends it: the query string (without `?`) and the body.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SealedPush {
    pub query: String,
    pub body: String,
}

/// Signs (and in compat/safe mode encrypts) `push_xml` exactly as WeChat does. `open_id` goes
/// into the query as WeChat's `openid`; `to_user` is the safe-mode envelope's `ToUserName`.
/// Without an aes-key every mode falls back to plaintext.
pub fn seal_push(
    keys: Keys<'_>,
    mode: Mode,
    push_xml: &str,
    to_user: &str,
    open_id: &str,
    stamp: &Stamp,
) -> SealedPush {
    let ts = stamp.timestamp.to_string();
    let nonce = stamp.nonce.as_str();
    let sig = signature::plain(keys.token, &ts, nonce);
    let key = match (mode, keys.aes_key) {
        (Mode::Plain, _) | (_, None) => {
            return SealedPush {
                query: format!("signature={sig}&timestamp={ts}&nonce={nonce}"),
                body: push_xml.to_owned(),
            };
        }
        (_, Some(key)) => key,
    };
    let encrypt = key.encrypt(push_xml.as_bytes(), keys.app_id, &stamp.random);
    let msg_sig = signature::msg(keys.token, &ts, nonce, &encrypt);
    let body = if mode == Mode::Safe {
        xml::push_envelope(to_user, &encrypt)
    } else {
        let mut el = String::new();
        xml::push_cdata_element(&mut el, "Encrypt", &encrypt);
        match push_xml.rfind("</xml>") {
            Some(i) => format!("{}{el}{}", &push_xml[..i], &push_xml[i..]),
            None => push_xml.to_owned(),
        }
    };
    SealedPush {
        query: format!(
            "signature={sig}&timestamp={ts}&nonce={nonce}&openid={open_id}&encrypt_type=aes&msg_signature={msg_sig}"
        ),
        body,
    }
}

/// The passive reply body for `reply_xml` (already addressed): the XML itself in plain mode or
/// without an aes-key, else the signed, encrypted envelope.
pub fn seal_reply(keys: Keys<'_>, mode: Mode, reply_xml: String, stamp: &Stamp) -> String {
    let key = match (mode, keys.aes_key) {
        (Mode::Plain, _) | (_, None) => return reply_xml,
        (_, Some(key)) => key,
    };
    let encrypt = key.encrypt(reply_xml.as_bytes(), keys.app_id, &stamp.random);
    let ts = stamp.timestamp.to_string();
    let sig = signature::msg(keys.token, &ts, &stamp.nonce, &encrypt);
    xml::encrypted_envelope(&encrypt, &sig, stamp.timestamp, &stamp.nonce)
}

/// The signing inputs a reply envelope carries itself.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReplySigning {
    pub msg_signature: String,
    pub timestamp: String,
    pub nonce: String,
}

/// An envelope read from a body: a push (safe or compat) or a reply.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Envelope {
    /// The base64 `Encrypt` text, trimmed.
    pub encrypt: String,
    /// Plaintext fields beside `Encrypt` (a compatible-mode push).
    pub compat: bool,
    /// `MsgSignature`, `TimeStamp` and `Nonce` when this is a reply envelope.
    pub reply: Option<ReplySigning>,
}

impl Envelope {
    /// Reads the `<Encrypt>` of an XML body; [`Error::MissingField`] when there is none.
    pub fn parse(body: &str) -> Result<Envelope, Error> {
        Envelope::from_root(&xml::parse(body)?)
    }

    fn from_root(root: &Element) -> Result<Envelope, Error> {
        let encrypt = root
            .text_of("Encrypt")
            .map(str::trim)
            .filter(|s| !s.is_empty())
            .ok_or(Error::MissingField("Encrypt"))?
            .to_owned();
        let field = |n: &str| root.text_of(n).map(|s| s.trim().to_owned());
        let reply = field("MsgSignature").map(|msg_signature| ReplySigning {
            msg_signature,
            timestamp: field("TimeStamp").unwrap_or_default(),
            nonce: field("Nonce").unwrap_or_default(),
        });
        Ok(Envelope {
            encrypt,
            compat: root.child("MsgType").is_some(),
            reply,
        })
    }

    /// Checks `msg_signature` over token, timestamp, nonce and `Encrypt`, in constant time.
    pub fn verify(
        &self,
        token: &str,
        timestamp: &str,
        nonce: &str,
        msg_signature: &str,
    ) -> Result<(), Error> {
        let expected = signature::msg(token, timestamp, nonce, &self.encrypt);
        if signature::matches(&expected, msg_signature) {
            Ok(())
        } else {
            Err(Error::Signature)
        }
    }

    /// Decrypts `Encrypt` and checks the appid of the frame against `app_id`.
    pub fn decrypt(&self, key: &AesKey, app_id: &str) -> Result<String, Error> {
        let plain = key.decrypt_for(&self.encrypt, app_id)?;
        String::from_utf8(plain).map_err(|_| Error::NotUtf8)
    }

    /// A reply envelope's message: its own `MsgSignature` verified, then decrypted. Errors
    /// carry WeChat's meaning ([`Error::wechat_code`]).
    pub fn open_reply(&self, keys: Keys<'_>) -> Result<String, Error> {
        let signing = self
            .reply
            .as_ref()
            .ok_or(Error::MissingField("MsgSignature"))?;
        self.verify(
            keys.token,
            &signing.timestamp,
            &signing.nonce,
            &signing.msg_signature,
        )?;
        let key = keys
            .aes_key
            .ok_or_else(|| Error::Key("no aes-key to decrypt with".into()))?;
        self.decrypt(key, keys.app_id)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const KEY: &str = "abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG";
    const APP_ID: &str = "wxb11529c136998cb6";
    const PUSH: &str = "<xml><ToUserName><![CDATA[gh_1]]></ToUserName><FromUserName><![CDATA[o1]]></FromUserName><CreateTime>1</CreateTime><MsgType><![CDATA[text]]></MsgType><Content><![CDATA[hi]]></Content><MsgId>5</MsgId></xml>";

    fn stamp() -> Stamp {
        Stamp {
            timestamp: 1409735669,
            nonce: "1320562132".into(),
            random: *b"aaaabbbbccccdddd",
        }
    }

    fn keys(key: &AesKey) -> Keys<'_> {
        Keys {
            token: "spamtest",
            aes_key: Some(key),
            app_id: APP_ID,
        }
    }

    fn query_param<'a>(q: &'a str, name: &str) -> &'a str {
        q.split('&')
            .find_map(|kv| kv.strip_prefix(name)?.strip_prefix('='))
            .unwrap()
    }

    #[test]
    fn plain_push_is_signed_not_wrapped() {
        let k = AesKey::from_encoding_key(KEY).unwrap();
        let s = seal_push(keys(&k), Mode::Plain, PUSH, "gh_1", "o1", &stamp());
        assert_eq!(s.body, PUSH);
        assert_eq!(
            s.query,
            format!(
                "signature={}&timestamp=1409735669&nonce=1320562132",
                signature::plain("spamtest", "1409735669", "1320562132")
            )
        );
    }

    #[test]
    fn safe_and_compat_pushes_open_again() {
        let k = AesKey::from_encoding_key(KEY).unwrap();
        for mode in [Mode::Safe, Mode::Compat] {
            let s = seal_push(keys(&k), mode, PUSH, "gh_1", "o1", &stamp());
            let env = Envelope::parse(&s.body).unwrap();
            assert_eq!(env.compat, mode == Mode::Compat);
            assert_eq!(env.reply, None);
            let sig = query_param(&s.query, "msg_signature");
            env.verify("spamtest", "1409735669", "1320562132", sig)
                .unwrap();
            assert_eq!(
                env.verify("other", "1409735669", "1320562132", sig),
                Err(Error::Signature)
            );
            assert_eq!(env.decrypt(&k, APP_ID).unwrap(), PUSH);
            assert_eq!(env.decrypt(&k, "wxother"), Err(Error::AppId));
            assert_eq!(query_param(&s.query, "encrypt_type"), "aes");
        }
    }

    #[test]
    fn reply_round_trip_and_tamper() {
        let k = AesKey::from_encoding_key(KEY).unwrap();
        let body = seal_reply(keys(&k), Mode::Safe, "<xml>r</xml>".into(), &stamp());
        let env = Envelope::parse(&body).unwrap();
        assert_eq!(env.reply.as_ref().unwrap().timestamp, "1409735669");
        assert_eq!(env.open_reply(keys(&k)).unwrap(), "<xml>r</xml>");
        let wrong = Keys {
            token: "other",
            ..keys(&k)
        };
        assert_eq!(env.open_reply(wrong), Err(Error::Signature));
        assert_eq!(
            seal_reply(keys(&k), Mode::Plain, "<xml>r</xml>".into(), &stamp()),
            "<xml>r</xml>"
        );
    }

    #[test]
    fn no_encrypt_is_a_missing_field() {
        assert_eq!(
            Envelope::parse("<xml><MsgType>text</MsgType></xml>"),
            Err(Error::MissingField("Encrypt"))
        );
        assert_eq!(
            Envelope::parse("<xml><Encrypt> </Encrypt></xml>"),
            Err(Error::MissingField("Encrypt"))
        );
    }
}

/// Issue 8: whatever the body, key and app id, a sealed push or reply opens to the same body.
#[cfg(test)]
mod properties {
    use base64::Engine;
    use proptest::prelude::*;

    use super::*;
    use crate::wechat::message;
    use crate::wechat::query::Query;
    use crate::wechat::xml::strategies::text;

    /// A console-style EncodingAESKey for any 32 bytes: their base64 without the final `=`.
    fn encoding_key(bytes: &[u8; 32]) -> AesKey {
        let b64 = base64::engine::general_purpose::STANDARD.encode(bytes);
        AesKey::from_encoding_key(b64.trim_end_matches('=')).unwrap()
    }

    fn stamp() -> impl Strategy<Value = Stamp> {
        (any::<i64>(), "[0-9A-Za-z]{1,16}", any::<[u8; 16]>()).prop_map(
            |(timestamp, nonce, random)| Stamp {
                timestamp,
                nonce,
                random,
            },
        )
    }

    /// Opens a sealed push as the gateway does: the query's `msg_signature`, then decrypt.
    fn open_push(sealed: &SealedPush, keys: Keys<'_>) -> Result<(Envelope, String), Error> {
        let q = Query::parse(&sealed.query);
        let env = Envelope::parse(&sealed.body)?;
        env.verify(
            keys.token,
            q.timestamp.as_deref().unwrap_or(""),
            q.nonce.as_deref().unwrap_or(""),
            q.msg_signature.as_deref().unwrap_or(""),
        )?;
        let body = env.decrypt(keys.aes_key.unwrap(), keys.app_id)?;
        Ok((env, body))
    }

    proptest! {
        #[test]
        fn sealed_push_opens_to_the_same_body(
            body in text(),
            key in any::<[u8; 32]>(),
            app_id in text(),
            token in text(),
            to_user in text(),
            stamp in stamp(),
        ) {
            let key = encoding_key(&key);
            let keys = Keys { token: &token, aes_key: Some(&key), app_id: &app_id };

            // Safe mode: only the ciphertext travels, so the body may be any text at all.
            let sealed = seal_push(keys, Mode::Safe, &body, &to_user, "oUSER", &stamp);
            let (env, opened) = open_push(&sealed, keys).map_err(|e| TestCaseError::fail(format!("{e}: {sealed:?}")))?;
            prop_assert!(!env.compat);
            prop_assert_eq!(opened, body.clone());

            // Compatible mode: the plaintext travels beside `Encrypt`, so it is a push.
            let push = message::message("oUSER", &to_user, stamp.timestamp, "text",
                vec![Element::leaf("Content", body.as_str())], 1).to_xml();
            let sealed = seal_push(keys, Mode::Compat, &push, &to_user, "oUSER", &stamp);
            let (env, opened) = open_push(&sealed, keys).map_err(|e| TestCaseError::fail(format!("{e}: {sealed:?}")))?;
            prop_assert!(env.compat);
            prop_assert_eq!(opened, push);
        }

        #[test]
        fn sealed_reply_opens_to_the_same_body(
            body in text(),
            key in any::<[u8; 32]>(),
            app_id in text(),
            token in text(),
            stamp in stamp(),
        ) {
            let key = encoding_key(&key);
            let keys = Keys { token: &token, aes_key: Some(&key), app_id: &app_id };
            for mode in [Mode::Safe, Mode::Compat] {
                let sealed = seal_reply(keys, mode, body.clone(), &stamp);
                let env = Envelope::parse(&sealed).map_err(|e| TestCaseError::fail(format!("{e}: {sealed}")))?;
                prop_assert_eq!(env.open_reply(keys), Ok(body.clone()));
            }
        }
    }
}
