//! An encrypted push or reply envelope as the gateway opens it, with the keys of WeChat's
//! official sample (tests/fixtures/README.md). The input is text: the body, then four lines
//! `timestamp`, `nonce`, `msg_signature` and a bare `Encrypt` value for `AesKey::decrypt`, so
//! real envelopes seed the corpus. Nothing may panic; errors are fine.
#![no_main]

use base64::Engine;
use libfuzzer_sys::fuzz_target;
use wx_gateway::wechat::AesKey;
use wx_gateway::wechat::envelope::{Envelope, Keys};

const TOKEN: &str = "spamtest";
const ENCODING_KEY: &str = "abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG";
const APP_ID: &str = "wx2c2769f8efd9abc2";

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let key = AesKey::from_encoding_key(ENCODING_KEY).expect("the sample key decodes");
    let mut fields = text.rsplitn(5, '\n');
    let encrypt = fields.next().unwrap_or("");
    let msg_signature = fields.next().unwrap_or("");
    let nonce = fields.next().unwrap_or("");
    let timestamp = fields.next().unwrap_or("");
    let body = fields.next().unwrap_or(text);

    if let Ok(env) = Envelope::parse(body) {
        let verified = env.verify(TOKEN, timestamp, nonce, msg_signature);
        // Decrypt whatever the signature said: the frame checks must hold on their own.
        let _ = (verified, env.decrypt(&key, APP_ID));
        let keys = Keys {
            token: TOKEN,
            aes_key: Some(&key),
            app_id: APP_ID,
        };
        let _ = env.open_reply(keys);
    }

    // The bare value, and the same bytes as valid base64 so the frame checks are reached.
    let _ = key.decrypt(encrypt);
    let _ = key.decrypt_for(encrypt, APP_ID);
    let b64 = base64::engine::general_purpose::STANDARD.encode(encrypt.as_bytes());
    let _ = key.decrypt(&b64);
    let _ = AesKey::from_encoding_key(encrypt);
});
