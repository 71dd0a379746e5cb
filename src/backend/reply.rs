//! The reply JSON a backend answers a push with, as go-wx-gateway defined it, and its
//! conversion into a passive reply.

use serde::Deserialize;
use serde_json::Value;

use crate::untrusted::excerpt;
use crate::wechat::reply::{Article, Reply};

/// The backend's answer, as go-wx-gateway defined it (`type`, `msg`, `title`, `desc`) plus
/// the fields of the reply types it lacked (music, news, transfer_customer_service).
#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct BackendReply {
    #[serde(rename = "type")]
    pub kind: Option<String>,
    pub msg: Option<Value>,
    pub title: Option<String>,
    #[serde(alias = "description")]
    pub desc: Option<String>,
    pub music_url: Option<String>,
    pub hq_music_url: Option<String>,
    pub thumb_media_id: Option<String>,
    pub articles: Option<Vec<BackendArticle>>,
    pub kf_account: Option<String>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct BackendArticle {
    pub title: String,
    #[serde(alias = "description")]
    pub desc: String,
    #[serde(alias = "picurl", alias = "picUrl")]
    pub pic_url: String,
    pub url: String,
}

/// Why a backend answer could not become a reply.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ReplyError {
    #[error("backend answer is not JSON: {0}")]
    NotJson(String),
    #[error("unknown reply type {0:?}")]
    UnknownType(String),
    #[error("news reply has {0} articles; WeChat accepts 1 to 8")]
    TooManyArticles(usize),
}

/// WeChat shows at most 8 articles in a news reply (1 since 2018 for most accounts).
const MAX_ARTICLES: usize = 8;

impl BackendReply {
    /// Parses a backend body. An empty body means "no reply".
    pub fn parse(body: &[u8]) -> Result<BackendReply, ReplyError> {
        if body.iter().all(u8::is_ascii_whitespace) {
            return Ok(BackendReply::default());
        }
        serde_json::from_slice(body).map_err(|e| ReplyError::NotJson(excerpt(&e.to_string())))
    }

    fn msg(&self) -> String {
        match &self.msg {
            Some(Value::String(s)) => s.clone(),
            Some(Value::Null) | None => String::new(),
            Some(other) => other.to_string(),
        }
    }

    /// The passive reply. Type absent means text; an empty `msg` means `success` for the types
    /// that carry it (as in go-wx-gateway).
    pub fn into_reply(self) -> Result<Reply, ReplyError> {
        let msg = self.msg();
        let kind = self.kind.as_deref().unwrap_or("").trim();
        let kind = if kind.is_empty() { "text" } else { kind };
        let text = |v: Option<String>| v.unwrap_or_default();
        Ok(match kind {
            "success" => Reply::Success,
            "text" | "image" | "voice" | "video" if msg.is_empty() => Reply::Success,
            "text" => Reply::Text(msg),
            "image" => Reply::Image { media_id: msg },
            "voice" => Reply::Voice { media_id: msg },
            "video" => Reply::Video {
                media_id: msg,
                title: text(self.title),
                description: text(self.desc),
            },
            "music" => {
                let thumb = self.thumb_media_id.filter(|s| !s.is_empty()).unwrap_or(msg);
                if thumb.is_empty() {
                    return Ok(Reply::Success);
                }
                Reply::Music {
                    title: text(self.title),
                    description: text(self.desc),
                    music_url: text(self.music_url),
                    hq_music_url: text(self.hq_music_url),
                    thumb_media_id: thumb,
                }
            }
            "news" => {
                let articles = self.articles.unwrap_or_default();
                if articles.is_empty() {
                    return Ok(Reply::Success);
                }
                if articles.len() > MAX_ARTICLES {
                    return Err(ReplyError::TooManyArticles(articles.len()));
                }
                Reply::News(
                    articles
                        .into_iter()
                        .map(|a| Article {
                            title: a.title,
                            description: a.desc,
                            pic_url: a.pic_url,
                            url: a.url,
                        })
                        .collect(),
                )
            }
            "transfer_customer_service" => Reply::TransferCustomerService {
                kf_account: self.kf_account.or(Some(msg)).filter(|s| !s.is_empty()),
            },
            other => return Err(ReplyError::UnknownType(excerpt(other))),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn reply(json: &str) -> Result<Reply, ReplyError> {
        BackendReply::parse(json.as_bytes()).and_then(BackendReply::into_reply)
    }

    #[test]
    fn reference_contract() {
        assert_eq!(reply(r#"{"msg":"hi"}"#).unwrap(), Reply::Text("hi".into()));
        assert_eq!(
            reply(r#"{"type":"text","msg":""}"#).unwrap(),
            Reply::Success
        );
        assert_eq!(
            reply(r#"{"type":"image","msg":"M"}"#).unwrap(),
            Reply::Image {
                media_id: "M".into()
            }
        );
        assert_eq!(
            reply(r#"{"type":"voice","msg":"V"}"#).unwrap(),
            Reply::Voice {
                media_id: "V".into()
            }
        );
        assert_eq!(
            reply(r#"{"type":"video","msg":"V","title":"t","desc":"d","extra":1}"#).unwrap(),
            Reply::Video {
                media_id: "V".into(),
                title: "t".into(),
                description: "d".into()
            }
        );
        assert_eq!(reply(r#"{"type":"success"}"#).unwrap(), Reply::Success);
        assert_eq!(reply("").unwrap(), Reply::Success);
        assert_eq!(reply(r#"{"msg":42}"#).unwrap(), Reply::Text("42".into()));
    }

    #[test]
    fn new_reply_types() {
        let news = reply(
            r#"{"type":"news","articles":[{"title":"T","description":"D","pic_url":"P","url":"U"}]}"#,
        );
        assert_eq!(
            news.unwrap(),
            Reply::News(vec![Article {
                title: "T".into(),
                description: "D".into(),
                pic_url: "P".into(),
                url: "U".into()
            }])
        );
        assert_eq!(
            reply(r#"{"type":"news","articles":[]}"#).unwrap(),
            Reply::Success
        );
        let nine = format!(r#"{{"type":"news","articles":[{}]}}"#, ["{}"; 9].join(","));
        assert_eq!(reply(&nine).unwrap_err(), ReplyError::TooManyArticles(9));
        assert_eq!(
            reply(r#"{"type":"music","title":"t","music_url":"http://m","thumb_media_id":"T"}"#)
                .unwrap(),
            Reply::Music {
                title: "t".into(),
                description: String::new(),
                music_url: "http://m".into(),
                hq_music_url: String::new(),
                thumb_media_id: "T".into()
            }
        );
        assert_eq!(
            reply(r#"{"type":"transfer_customer_service"}"#).unwrap(),
            Reply::TransferCustomerService { kf_account: None }
        );
        assert_eq!(
            reply(r#"{"type":"transfer_customer_service","kf_account":"a@b"}"#).unwrap(),
            Reply::TransferCustomerService {
                kf_account: Some("a@b".into())
            }
        );
    }

    // Issue 8: the backend_reply fuzz target's crash (fuzz/seeds/backend_reply/crash-0581…):
    // `]]`, an escaped NUL, then `>` closed the reply's CDATA early once the NUL was dropped.
    #[test]
    fn nul_between_cdata_brackets_keeps_the_reply_intact() {
        let answer = include_bytes!(
            "../../fuzz/seeds/backend_reply/crash-0581fbeb8ec138f3f971a51daa88373777e4c05e"
        );
        let Reply::Text(content) = BackendReply::parse(answer)
            .and_then(BackendReply::into_reply)
            .unwrap()
        else {
            panic!("a text reply");
        };
        let out = Reply::Text(content.clone()).to_xml("o", "gh", 1).unwrap();
        let view = crate::wechat::reply::inspect(&out).unwrap();
        assert_eq!(view.content, Some(content.replace('\0', "")), "{out}");
    }

    #[test]
    fn bad_answers_are_errors() {
        assert!(matches!(reply("<html>"), Err(ReplyError::NotJson(_))));
        assert!(matches!(reply("[1]"), Err(ReplyError::NotJson(_))));
        assert_eq!(
            reply(r#"{"type":"hologram","msg":"x"}"#).unwrap_err(),
            ReplyError::UnknownType("hologram".into())
        );
    }
}
