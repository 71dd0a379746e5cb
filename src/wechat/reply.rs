//! Passive replies: every reply type WeChat accepts, written as its XML. Every string goes
//! through [`xml::push_cdata`], so no backend text can break the document.

use super::xml::{push_cdata_element, push_number_element};

/// One article of a news reply.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Article {
    pub title: String,
    pub description: String,
    pub pic_url: String,
    pub url: String,
}

/// A passive reply to a push.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Reply {
    /// The literal `success`: WeChat shows nothing and does not retry.
    Success,
    Text(String),
    Image {
        media_id: String,
    },
    Voice {
        media_id: String,
    },
    Video {
        media_id: String,
        title: String,
        description: String,
    },
    Music {
        title: String,
        description: String,
        music_url: String,
        hq_music_url: String,
        thumb_media_id: String,
    },
    News(Vec<Article>),
    /// Hands the conversation to the customer-service system, optionally to one agent.
    TransferCustomerService {
        kf_account: Option<String>,
    },
}

impl Reply {
    /// The `MsgType` of the reply (`success` for [`Reply::Success`]).
    pub fn msg_type(&self) -> &'static str {
        match self {
            Reply::Success => "success",
            Reply::Text(_) => "text",
            Reply::Image { .. } => "image",
            Reply::Voice { .. } => "voice",
            Reply::Video { .. } => "video",
            Reply::Music { .. } => "music",
            Reply::News(_) => "news",
            Reply::TransferCustomerService { .. } => "transfer_customer_service",
        }
    }

    /// The reply XML, addressed back to the sender (`to` is the push's FromUserName, `from` its
    /// ToUserName). `None` for [`Reply::Success`], which is sent as the bare string `success`.
    pub fn to_xml(&self, to: &str, from: &str, create_time: i64) -> Option<String> {
        if *self == Reply::Success {
            return None;
        }
        let mut out = String::with_capacity(256);
        out.push_str("<xml>");
        push_cdata_element(&mut out, "ToUserName", to);
        push_cdata_element(&mut out, "FromUserName", from);
        push_number_element(&mut out, "CreateTime", create_time);
        push_cdata_element(&mut out, "MsgType", self.msg_type());
        match self {
            Reply::Success => {}
            Reply::Text(content) => push_cdata_element(&mut out, "Content", content),
            Reply::Image { media_id } => media(&mut out, "Image", media_id),
            Reply::Voice { media_id } => media(&mut out, "Voice", media_id),
            Reply::Video {
                media_id,
                title,
                description,
            } => {
                out.push_str("<Video>");
                push_cdata_element(&mut out, "MediaId", media_id);
                optional(&mut out, "Title", title);
                optional(&mut out, "Description", description);
                out.push_str("</Video>");
            }
            Reply::Music {
                title,
                description,
                music_url,
                hq_music_url,
                thumb_media_id,
            } => {
                out.push_str("<Music>");
                optional(&mut out, "Title", title);
                optional(&mut out, "Description", description);
                optional(&mut out, "MusicUrl", music_url);
                optional(&mut out, "HQMusicUrl", hq_music_url);
                push_cdata_element(&mut out, "ThumbMediaId", thumb_media_id);
                out.push_str("</Music>");
            }
            Reply::News(articles) => {
                push_number_element(&mut out, "ArticleCount", articles.len() as i64);
                out.push_str("<Articles>");
                for a in articles {
                    out.push_str("<item>");
                    push_cdata_element(&mut out, "Title", &a.title);
                    push_cdata_element(&mut out, "Description", &a.description);
                    push_cdata_element(&mut out, "PicUrl", &a.pic_url);
                    push_cdata_element(&mut out, "Url", &a.url);
                    out.push_str("</item>");
                }
                out.push_str("</Articles>");
            }
            Reply::TransferCustomerService { kf_account } => {
                if let Some(kf) = kf_account.as_deref().filter(|k| !k.is_empty()) {
                    out.push_str("<TransInfo>");
                    push_cdata_element(&mut out, "KfAccount", kf);
                    out.push_str("</TransInfo>");
                }
            }
        }
        out.push_str("</xml>");
        Some(out)
    }
}

fn media(out: &mut String, wrapper: &str, media_id: &str) {
    out.push('<');
    out.push_str(wrapper);
    out.push('>');
    push_cdata_element(out, "MediaId", media_id);
    out.push_str("</");
    out.push_str(wrapper);
    out.push('>');
}

fn optional(out: &mut String, name: &str, value: &str) {
    if !value.is_empty() {
        push_cdata_element(out, name, value);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::wechat::xml;

    #[test]
    fn text_reply_exact() {
        assert_eq!(
            Reply::Text("你好".into())
                .to_xml("oUser", "gh_1", 1700000000)
                .unwrap(),
            "<xml><ToUserName><![CDATA[oUser]]></ToUserName><FromUserName><![CDATA[gh_1]]></FromUserName><CreateTime>1700000000</CreateTime><MsgType><![CDATA[text]]></MsgType><Content><![CDATA[你好]]></Content></xml>"
        );
        assert_eq!(Reply::Success.to_xml("a", "b", 1), None);
    }

    #[test]
    fn every_type_is_well_formed_with_hostile_text() {
        let evil = "]]><MsgType>x</MsgType>\u{0}";
        let replies = [
            Reply::Text(evil.into()),
            Reply::Image {
                media_id: evil.into(),
            },
            Reply::Voice {
                media_id: evil.into(),
            },
            Reply::Video {
                media_id: evil.into(),
                title: evil.into(),
                description: String::new(),
            },
            Reply::Music {
                title: evil.into(),
                description: evil.into(),
                music_url: "http://m".into(),
                hq_music_url: String::new(),
                thumb_media_id: "T".into(),
            },
            Reply::News(vec![
                Article {
                    title: evil.into(),
                    ..Article::default()
                };
                2
            ]),
            Reply::TransferCustomerService {
                kf_account: Some("kf@x".into()),
            },
            Reply::TransferCustomerService { kf_account: None },
        ];
        for r in replies {
            let out = r.to_xml(evil, "gh", 1).unwrap();
            let root = xml::parse(&out).unwrap_or_else(|e| panic!("{out}: {e}"));
            assert_eq!(root.text_of("MsgType"), Some(r.msg_type()));
            assert_eq!(root.text_of("ToUserName"), Some("]]><MsgType>x</MsgType>"));
        }
    }

    #[test]
    fn news_and_music_shapes() {
        let news = Reply::News(vec![Article {
            title: "T".into(),
            description: "D".into(),
            pic_url: "P".into(),
            url: "U".into(),
        }]);
        let root = xml::parse(&news.to_xml("a", "b", 1).unwrap()).unwrap();
        assert_eq!(root.text_of("ArticleCount"), Some("1"));
        let item = &root.child("Articles").unwrap().children[0];
        assert_eq!(item.text_of("PicUrl"), Some("P"));
        let kf = Reply::TransferCustomerService {
            kf_account: Some("k".into()),
        };
        let root = xml::parse(&kf.to_xml("a", "b", 1).unwrap()).unwrap();
        assert_eq!(
            root.child("TransInfo").unwrap().text_of("KfAccount"),
            Some("k")
        );
    }
}
