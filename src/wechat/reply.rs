//! Passive replies: every reply type WeChat accepts, written as its XML. Every string goes
//! through [`xml::push_cdata`], so no backend text can break the document.

use super::xml::{push_cdata_element, push_number_element};

/// One article of a news reply.
#[derive(Debug, Clone, PartialEq, Eq, Default, serde::Serialize, serde::Deserialize)]
pub struct Article {
    pub title: String,
    pub description: String,
    pub pic_url: String,
    pub url: String,
}

/// A passive reply to a push (serialized when instances share it through Redis).
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
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

/// What a passive reply says, read back from its XML (the `simulate` side of the protocol).
#[derive(Debug, Clone, PartialEq, Eq, Default, serde::Serialize)]
pub struct ReplyView {
    /// `MsgType`, or `success` for the bare string (or empty body).
    #[serde(rename = "type")]
    pub msg_type: String,
    pub to: String,
    pub from: String,
    /// The text of a text reply.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub content: Option<String>,
    /// The media id of an image, voice or video reply (ThumbMediaId of music).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub media_id: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub title: Option<String>,
    /// Article titles of a news reply.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub articles: Vec<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub kf_account: Option<String>,
}

impl ReplyView {
    /// The reply's text for display and `--expect-text`: the content, else the media id or
    /// titles.
    pub fn text(&self) -> String {
        if let Some(c) = &self.content {
            return c.clone();
        }
        if !self.articles.is_empty() {
            return self.articles.join(" | ");
        }
        self.title
            .clone()
            .or_else(|| self.media_id.clone())
            .unwrap_or_default()
    }
}

/// Checks a decrypted (or plaintext) reply body the way WeChat does and says what it holds.
/// `success` and the empty string are valid "no reply" answers; anything else must be a
/// passive reply XML with the fields its type requires, or WeChat shows the user an error.
pub fn inspect(body: &str) -> Result<ReplyView, String> {
    let trimmed = body.trim();
    if trimmed.is_empty() || trimmed == "success" {
        return Ok(ReplyView {
            msg_type: "success".into(),
            ..ReplyView::default()
        });
    }
    let root = super::xml::parse(trimmed).map_err(|e| format!("not a valid reply: {e}"))?;
    let need = |el: &super::xml::Element, name: &str| -> Result<String, String> {
        el.text_of(name)
            .map(str::to_owned)
            .ok_or_else(|| format!("reply lacks <{name}>"))
    };
    let mut v = ReplyView {
        msg_type: need(&root, "MsgType")?,
        to: need(&root, "ToUserName")?,
        from: need(&root, "FromUserName")?,
        ..ReplyView::default()
    };
    need(&root, "CreateTime")?
        .trim()
        .parse::<i64>()
        .map_err(|_| "reply CreateTime is not a number".to_owned())?;
    let wrapped = |wrapper: &str| {
        root.child(wrapper)
            .ok_or_else(|| format!("reply lacks <{wrapper}>"))
    };
    match v.msg_type.as_str() {
        "text" => v.content = Some(need(&root, "Content")?),
        "image" => v.media_id = Some(need(wrapped("Image")?, "MediaId")?),
        "voice" => v.media_id = Some(need(wrapped("Voice")?, "MediaId")?),
        "video" => {
            let video = wrapped("Video")?;
            v.media_id = Some(need(video, "MediaId")?);
            v.title = video.text_of("Title").map(str::to_owned);
        }
        "music" => {
            let music = wrapped("Music")?;
            v.media_id = Some(need(music, "ThumbMediaId")?);
            v.title = music.text_of("Title").map(str::to_owned);
        }
        "news" => {
            let count: usize = need(&root, "ArticleCount")?
                .trim()
                .parse()
                .map_err(|_| "ArticleCount is not a number".to_owned())?;
            let items = &wrapped("Articles")?.children;
            if count != items.len() || !(1..=8).contains(&count) {
                return Err(format!(
                    "ArticleCount {count} but {} articles (1 to 8 allowed)",
                    items.len()
                ));
            }
            v.articles = items
                .iter()
                .map(|i| i.text_of("Title").unwrap_or("").to_owned())
                .collect();
        }
        "transfer_customer_service" => {
            v.kf_account = root
                .child("TransInfo")
                .and_then(|t| t.text_of("KfAccount"))
                .map(str::to_owned);
        }
        other => return Err(format!("reply MsgType {other:?} is not one WeChat accepts")),
    }
    Ok(v)
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
    fn inspect_reads_back_every_type() {
        for r in [
            Reply::Text("hi".into()),
            Reply::Image {
                media_id: "M".into(),
            },
            Reply::Video {
                media_id: "V".into(),
                title: "t".into(),
                description: String::new(),
            },
            Reply::News(vec![Article {
                title: "A".into(),
                ..Article::default()
            }]),
            Reply::TransferCustomerService {
                kf_account: Some("kf".into()),
            },
        ] {
            let v = inspect(&r.to_xml("u", "gh", 1).unwrap()).unwrap();
            assert_eq!(v.msg_type, r.msg_type());
            assert_eq!((v.to.as_str(), v.from.as_str()), ("u", "gh"));
        }
        assert_eq!(inspect("success").unwrap().msg_type, "success");
        assert_eq!(inspect("").unwrap().msg_type, "success");
        assert!(inspect("ok").is_err());
        assert!(inspect("<xml><MsgType>text</MsgType></xml>").is_err());
        assert!(inspect("<xml><ToUserName>a</ToUserName><FromUserName>b</FromUserName><CreateTime>1</CreateTime><MsgType>hologram</MsgType></xml>").is_err());
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

/// Issue 8: no reply text can make the reply XML unreadable or change what it says.
#[cfg(test)]
mod properties {
    use proptest::prelude::*;

    use super::*;
    use crate::wechat::xml::strategies::{text, xml_chars};
    use crate::wechat::xml::{self, Element};

    fn article() -> impl Strategy<Value = Article> {
        (text(), text(), text(), text()).prop_map(|(title, description, pic_url, url)| Article {
            title,
            description,
            pic_url,
            url,
        })
    }

    fn reply() -> impl Strategy<Value = Reply> {
        prop_oneof![
            text().prop_map(Reply::Text),
            text().prop_map(|media_id| Reply::Image { media_id }),
            text().prop_map(|media_id| Reply::Voice { media_id }),
            (text(), text(), text()).prop_map(|(media_id, title, description)| Reply::Video {
                media_id,
                title,
                description
            }),
            (text(), text(), text(), text(), text()).prop_map(|(t, d, m, hq, thumb)| {
                Reply::Music {
                    title: t,
                    description: d,
                    music_url: m,
                    hq_music_url: hq,
                    thumb_media_id: thumb,
                }
            }),
            prop::collection::vec(article(), 1..=8).prop_map(Reply::News),
            proptest::option::of(text())
                .prop_map(|kf_account| Reply::TransferCustomerService { kf_account }),
        ]
    }

    /// What an optional element reads back as: absent when it was empty, else its XML text.
    fn optional(value: &str) -> Option<String> {
        (!value.is_empty()).then(|| xml_chars(value))
    }

    /// Every field of `reply`, as the elements under `root` must carry it.
    fn check_fields(reply: &Reply, root: &Element) -> Result<(), TestCaseError> {
        let text_in = |el: &Element, name: &str| el.text_of(name).map(str::to_owned);
        match reply {
            Reply::Video { description, .. } => {
                let video = root.child("Video").unwrap();
                prop_assert_eq!(text_in(video, "Description"), optional(description));
            }
            Reply::Music {
                description,
                music_url,
                hq_music_url,
                ..
            } => {
                let music = root.child("Music").unwrap();
                prop_assert_eq!(text_in(music, "Description"), optional(description));
                prop_assert_eq!(text_in(music, "MusicUrl"), optional(music_url));
                prop_assert_eq!(text_in(music, "HQMusicUrl"), optional(hq_music_url));
            }
            Reply::News(articles) => {
                let items = &root.child("Articles").unwrap().children;
                prop_assert_eq!(items.len(), articles.len());
                for (item, a) in items.iter().zip(articles) {
                    prop_assert_eq!(
                        text_in(item, "Description"),
                        Some(xml_chars(&a.description))
                    );
                    prop_assert_eq!(text_in(item, "PicUrl"), Some(xml_chars(&a.pic_url)));
                    prop_assert_eq!(text_in(item, "Url"), Some(xml_chars(&a.url)));
                }
            }
            _ => {}
        }
        Ok(())
    }

    proptest! {
        #[test]
        fn any_reply_renders_xml_that_reads_back(
            reply in reply(),
            to in text(),
            from in text(),
            create_time in any::<i64>(),
        ) {
            let out = reply.to_xml(&to, &from, create_time).unwrap();
            let root = xml::parse(&out).map_err(|e| TestCaseError::fail(format!("{e}: {out}")))?;
            let view = inspect(&out).map_err(|e| TestCaseError::fail(format!("{e}: {out}")))?;
            prop_assert_eq!(view.msg_type.as_str(), reply.msg_type());
            prop_assert_eq!(&view.to, &xml_chars(&to));
            prop_assert_eq!(&view.from, &xml_chars(&from));
            let mut want = ReplyView {
                msg_type: view.msg_type.clone(),
                to: view.to.clone(),
                from: view.from.clone(),
                ..ReplyView::default()
            };
            match &reply {
                Reply::Success => unreachable!("Success renders no XML"),
                Reply::Text(content) => want.content = Some(xml_chars(content)),
                Reply::Image { media_id } | Reply::Voice { media_id } => {
                    want.media_id = Some(xml_chars(media_id));
                }
                Reply::Video { media_id, title, .. } => {
                    want.media_id = Some(xml_chars(media_id));
                    want.title = optional(title);
                }
                Reply::Music { title, thumb_media_id, .. } => {
                    want.media_id = Some(xml_chars(thumb_media_id));
                    want.title = optional(title);
                }
                Reply::News(articles) => {
                    want.articles = articles.iter().map(|a| xml_chars(&a.title)).collect();
                }
                Reply::TransferCustomerService { kf_account } => {
                    want.kf_account = kf_account.as_deref().and_then(optional);
                }
            }
            prop_assert_eq!(view, want);
            check_fields(&reply, &root)?;
        }
    }
}
