//! The query string WeChat signs a callback request with (`signature`, `timestamp`, `nonce`,
//! `echostr`, `encrypt_type`, `msg_signature`, `openid`): one parser for the gateway and the
//! tools. A parameter given twice counts once, the first time.

/// WeChat's query parameters; each absent when not sent.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct Query {
    pub signature: Option<String>,
    pub timestamp: Option<String>,
    pub nonce: Option<String>,
    pub echostr: Option<String>,
    pub encrypt_type: Option<String>,
    pub msg_signature: Option<String>,
    pub openid: Option<String>,
}

impl Query {
    /// Parses a raw query string (a leading `?` is ignored); unknown parameters are skipped.
    pub fn parse(raw: &str) -> Query {
        let mut q = Query::default();
        let raw = raw.strip_prefix('?').unwrap_or(raw);
        for (k, v) in form_urlencoded::parse(raw.as_bytes()) {
            let slot = match &*k {
                "signature" => &mut q.signature,
                "timestamp" => &mut q.timestamp,
                "nonce" => &mut q.nonce,
                "echostr" => &mut q.echostr,
                "encrypt_type" => &mut q.encrypt_type,
                "msg_signature" => &mut q.msg_signature,
                "openid" => &mut q.openid,
                _ => continue,
            };
            if slot.is_none() {
                *slot = Some(v.into_owned());
            }
        }
        q
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn first_occurrence_wins_and_encoding_is_decoded() {
        let q = Query::parse("?nonce=1&nonce=2&timestamp=3&echostr=a%2Bb+c&x=y");
        assert_eq!(q.nonce.as_deref(), Some("1"));
        assert_eq!(q.timestamp.as_deref(), Some("3"));
        assert_eq!(q.echostr.as_deref(), Some("a+b c"));
        assert_eq!(q.signature, None);
    }
}
