//! WeChat's message encryption (`WXBizMsgCrypt`): AES-256-CBC, IV = key[..16], PKCS#7 padding to
//! a 32-byte block, frame = 16 random bytes | u32 BE length | message | appid. Padding is done by
//! hand around a no-padding CBC because WeChat's block size (32) is not AES's (16).

use aes::Aes256;
use base64::Engine;
use base64::engine::{DecodePaddingMode, GeneralPurpose, GeneralPurposeConfig};
use cbc::cipher::{Block, BlockModeDecrypt, BlockModeEncrypt, KeyIvInit, array::Array};

use super::Error;

const WECHAT_BLOCK: usize = 32;
const AES_BLOCK: usize = 16;

/// Standard alphabet, padding required on output, lenient about non-zero trailing bits and
/// padding on input: some real EncodingAESKeys have trailing bits set, and strict decoders
/// reject them.
const LENIENT: GeneralPurpose = GeneralPurpose::new(
    &base64::alphabet::STANDARD,
    GeneralPurposeConfig::new()
        .with_decode_allow_trailing_bits(true)
        .with_decode_padding_mode(DecodePaddingMode::Indifferent),
);

/// A decoded 32-byte EncodingAESKey. `Debug` never shows the bytes.
#[derive(Clone, PartialEq, Eq)]
pub struct AesKey([u8; 32]);

impl std::fmt::Debug for AesKey {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("AesKey(<redacted>)")
    }
}

impl AesKey {
    /// Decodes the 43-character EncodingAESKey from the WeChat admin console.
    pub fn from_encoding_key(key: &str) -> Result<Self, Error> {
        let n = key.chars().count();
        if n != 43 {
            return Err(Error::Key(format!("expected 43 characters, got {n}")));
        }
        let mut padded = String::with_capacity(44);
        padded.push_str(key);
        padded.push('=');
        let bytes = LENIENT
            .decode(padded.as_bytes())
            .map_err(|_| Error::Key("not valid base64 (A-Z, a-z, 0-9, + and / only)".into()))?;
        let arr: [u8; 32] = bytes
            .try_into()
            .map_err(|_| Error::Key("does not decode to 32 bytes".into()))?;
        Ok(AesKey(arr))
    }

    fn iv(&self) -> [u8; 16] {
        let mut iv = [0u8; 16];
        iv.copy_from_slice(&self.0[..16]);
        iv
    }

    /// Encrypts `msg` for `app_id` with the given 16 random bytes; returns the base64 `Encrypt`.
    pub fn encrypt(&self, msg: &[u8], app_id: &str, random: &[u8; 16]) -> String {
        let body_len = 16 + 4 + msg.len() + app_id.len();
        let pad = WECHAT_BLOCK - body_len % WECHAT_BLOCK;
        let mut buf = Vec::with_capacity(body_len + pad);
        buf.extend_from_slice(random);
        buf.extend_from_slice(&(msg.len() as u32).to_be_bytes());
        buf.extend_from_slice(msg);
        buf.extend_from_slice(app_id.as_bytes());
        buf.resize(body_len + pad, pad as u8);

        let mut enc = cbc::Encryptor::<Aes256>::new(&Array(self.0), &Array(self.iv()));
        let (blocks, rest) = Block::<Aes256>::slice_as_chunks_mut(&mut buf);
        debug_assert!(rest.is_empty());
        enc.encrypt_blocks(blocks);
        base64::engine::general_purpose::STANDARD.encode(&buf)
    }

    /// Decrypts a base64 `Encrypt` value; returns the message bytes and the appid found in the
    /// frame. Every length is checked: bad input is an error, never a panic.
    pub fn decrypt(&self, encrypt: &str) -> Result<(Vec<u8>, String), Error> {
        let mut buf = LENIENT
            .decode(encrypt.trim().as_bytes())
            .map_err(|_| Error::Base64)?;
        if buf.is_empty() || buf.len() % AES_BLOCK != 0 {
            return Err(Error::CipherLength(buf.len()));
        }
        let mut dec = cbc::Decryptor::<Aes256>::new(&Array(self.0), &Array(self.iv()));
        let (blocks, _) = Block::<Aes256>::slice_as_chunks_mut(&mut buf);
        dec.decrypt_blocks(blocks);

        let pad = *buf.last().ok_or(Error::Padding)? as usize;
        if pad == 0 || pad > WECHAT_BLOCK || pad > buf.len() {
            return Err(Error::Padding);
        }
        let body = &buf[..buf.len() - pad];
        if body.len() < 20 {
            return Err(Error::Frame("shorter than the 20-byte header"));
        }
        let len = u32::from_be_bytes([body[16], body[17], body[18], body[19]]) as usize;
        let rest = &body[20..];
        if len > rest.len() {
            return Err(Error::Frame("length field exceeds the frame"));
        }
        let (msg, app_id) = rest.split_at(len);
        let app_id = std::str::from_utf8(app_id)
            .map_err(|_| Error::Frame("appid is not UTF-8"))?
            .to_owned();
        Ok((msg.to_vec(), app_id))
    }

    /// [`AesKey::decrypt`] and check the appid against the account's own.
    pub fn decrypt_for(&self, encrypt: &str, app_id: &str) -> Result<Vec<u8>, Error> {
        let (msg, found) = self.decrypt(encrypt)?;
        if found != app_id {
            return Err(Error::AppId);
        }
        Ok(msg)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::wechat::signature;

    // Known-answer vectors from WeChat's official WXBizMsgCrypt samples (Java test, Python and
    // C++ samples). See tests/fixtures/README.md for where each comes from.
    const KEY_A: &str = "abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG";
    const APPID_A: &str = "wxb11529c136998cb6";
    const RANDOM_A: &[u8; 16] = b"aaaabbbbccccdddd";
    const CIPHER_A: &str =
        "jn1L23DB+6ELqJ+6bruv21Y6MD7KeIfP82D6gU39rmkgczbWwt5+3bnyg5K55bgVtVzd832WzZGMhkP72vVOfg==";

    const APPID_C: &str = "wx2c2769f8efd9abc2";
    const CIPHER_C: &str = "hyzAe4OzmOMbd6TvGdIOO6uBmdJoD0Fk53REIHvxYtJlE2B655HuD0m8KUePWB3+LrPXo87wzQ1QLvbeUgmBM4x6F8PGHQHFVAFmOD2LdJF9FrXpbUAh0B5GIItb52sn896wVsMSHGuPE328HnRGBcrS7C41IzDWyWNlZkyyXwon8T332jisa+h6tEDYsVticbSnyU8dKOIbgU6ux5VTjg3yt+WGzjlpKn6NPhRjpA912xMezR4kw6KWwMrCVKSVCZciVGCgavjIQ6X8tCOp3yZbGpy0VxpAe+77TszTfRd5RJSVO/HTnifJpXgCSUdUue1v6h0EIBYYI1BD1DlD+C0CR8e6OewpusjZ4uBl9FyJvnhvQl+q5rv1ixrcpCumEPo5MJSgM9ehVsNPfUM669WuMyVWQLCzpu9GhglF2PE=";

    fn key_a() -> AesKey {
        AesKey::from_encoding_key(KEY_A).unwrap()
    }

    #[test]
    fn encrypt_matches_official_vector() {
        let got = key_a().encrypt("我是中文abcd123".as_bytes(), APPID_A, RANDOM_A);
        assert_eq!(got, CIPHER_A);
    }

    #[test]
    fn decrypt_official_vector_byte_for_byte() {
        let msg = key_a().decrypt_for(CIPHER_C, APPID_C).unwrap();
        let expected = "<xml><ToUserName><![CDATA[gh_10f6c3c3ac5a]]></ToUserName>\n<FromUserName><![CDATA[oyORnuP8q7ou2gfYjqLzSIWZf0rs]]></FromUserName>\n<CreateTime>1409735668</CreateTime>\n<MsgType><![CDATA[text]]></MsgType>\n<Content><![CDATA[abcdteT]]></Content>\n<MsgId>6054768590064713728</MsgId>\n</xml>";
        assert_eq!(String::from_utf8(msg).unwrap(), expected);
        assert_eq!(
            signature::msg("spamtest", "1409735669", "1320562132", CIPHER_C),
            "5d197aaffba7e9b25a30732f161a50dee96bd5fa"
        );
    }

    #[test]
    fn wrong_appid_is_rejected() {
        assert_eq!(
            key_a().decrypt_for(CIPHER_C, "wxother").unwrap_err(),
            Error::AppId
        );
    }

    #[test]
    fn round_trip_every_padding_length() {
        let k = key_a();
        // Message lengths covering all 32 pad values, including a full block of padding.
        for n in 0..64 {
            let msg = vec![b'x'; n];
            let enc = k.encrypt(&msg, APPID_A, &[7; 16]);
            let (back, app) = k.decrypt(&enc).unwrap();
            assert_eq!(back, msg);
            assert_eq!(app, APPID_A);
        }
    }

    #[test]
    fn key_with_nonzero_trailing_bits_decodes() {
        // Last char 'H' leaves trailing bits set: a strict decoder would refuse it.
        let k = "abcdefghijklmnopqrstuvwxyz0123456789ABCDEFH";
        assert!(AesKey::from_encoding_key(k).is_ok());
        // 43 'A' decodes to 32 zero bytes (WeChat's third-party platform example key).
        assert_eq!(
            AesKey::from_encoding_key(&"A".repeat(43)).unwrap().0,
            [0u8; 32]
        );
    }

    #[test]
    fn bad_keys_say_why() {
        assert_eq!(
            AesKey::from_encoding_key("abc").unwrap_err().to_string(),
            "aes-key: expected 43 characters, got 3"
        );
        let bad = format!("{}!", &KEY_A[..42]);
        assert!(AesKey::from_encoding_key(&bad).is_err());
    }

    #[test]
    fn garbage_is_an_error_never_a_panic() {
        let k = key_a();
        assert_eq!(k.decrypt("!!!not-base64!!!").unwrap_err(), Error::Base64);
        assert_eq!(k.decrypt("YWJj").unwrap_err(), Error::CipherLength(3));
        assert_eq!(k.decrypt("").unwrap_err(), Error::CipherLength(0));
        assert!(k.decrypt("AAAAAAAAAAAAAAAAAAAAAA==").is_err());
        // Every prefix length of a valid ciphertext, and bit flips in the last block.
        let good = k.encrypt(b"<xml/>", APPID_A, &[1; 16]);
        let raw = base64::engine::general_purpose::STANDARD
            .decode(&good)
            .unwrap();
        for cut in 0..raw.len() {
            let s = base64::engine::general_purpose::STANDARD.encode(&raw[..cut]);
            let _ = k.decrypt(&s);
        }
        for i in 0..raw.len() {
            let mut r = raw.clone();
            r[i] ^= 0x80;
            let _ = k.decrypt(&base64::engine::general_purpose::STANDARD.encode(&r));
        }
    }

    #[test]
    fn debug_is_redacted() {
        assert_eq!(format!("{:?}", key_a()), "AesKey(<redacted>)");
    }
}
