//! Customer-service messages (`message/custom/send`): a backend reply that came too late for the
//! passive reply, in the JSON WeChat wants for the same content. Pure: the call itself is the
//! client's job.

use serde_json::{Value, json};

use crate::wechat::Reply;

/// The body of `message/custom/send` carrying `reply` to `open_id`, or `None` for a reply with
/// no custom-message form (`success`, `transfer_customer_service`).
pub fn custom_message(reply: &Reply, open_id: &str) -> Option<Value> {
    let (msg_type, content) = match reply {
        Reply::Success | Reply::TransferCustomerService { .. } => return None,
        Reply::Text(content) => ("text", json!({ "content": content })),
        Reply::Image { media_id } => ("image", json!({ "media_id": media_id })),
        Reply::Voice { media_id } => ("voice", json!({ "media_id": media_id })),
        // WeChat's documentation lists thumb_media_id for a custom video, but a passive video
        // reply has none, and WeChat treats it as optional in practice: it is left out rather
        // than faked (an empty id, or the video's media_id, which is not an image).
        Reply::Video {
            media_id,
            title,
            description,
        } => (
            "video",
            json!({ "media_id": media_id, "title": title, "description": description }),
        ),
        Reply::Music {
            title,
            description,
            music_url,
            hq_music_url,
            thumb_media_id,
        } => (
            "music",
            json!({
                "title": title,
                "description": description,
                "musicurl": music_url,
                "hqmusicurl": hq_music_url,
                "thumb_media_id": thumb_media_id,
            }),
        ),
        // Since 2018 WeChat refuses a custom news message with more than one article (a passive
        // reply may carry up to eight): the first one goes, the rest would fail the whole call.
        Reply::News(articles) => {
            let a = articles.first()?;
            (
                "news",
                json!({ "articles": [{
                    "title": a.title,
                    "description": a.description,
                    "url": a.url,
                    "picurl": a.pic_url,
                }] }),
            )
        }
    };
    let mut body = json!({ "touser": open_id, "msgtype": msg_type });
    body[msg_type] = content;
    Some(body)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::wechat::reply::Article;

    const USER: &str = "oUSER_openid-1";

    fn send(reply: Reply) -> Option<Value> {
        custom_message(&reply, USER)
    }

    #[test]
    fn text() {
        assert_eq!(
            send(Reply::Text("hello".into())),
            Some(json!({"touser": USER, "msgtype": "text", "text": {"content": "hello"}}))
        );
    }

    #[test]
    fn text_is_carried_unchanged() {
        let content = "他说：\"你好\"\n第二行\t<b>]]></b> & \\ 🎉\r\n";
        let body = send(Reply::Text(content.into())).unwrap();
        assert_eq!(body["text"]["content"], content);
        let round: Value = serde_json::from_str(&body.to_string()).unwrap();
        assert_eq!(round["text"]["content"].as_str(), Some(content));
        assert_eq!(round, body);
    }

    #[test]
    fn image_and_voice() {
        assert_eq!(
            send(Reply::Image {
                media_id: "MEDIA_I".into()
            }),
            Some(json!({"touser": USER, "msgtype": "image", "image": {"media_id": "MEDIA_I"}}))
        );
        assert_eq!(
            send(Reply::Voice {
                media_id: "MEDIA_V".into()
            }),
            Some(json!({"touser": USER, "msgtype": "voice", "voice": {"media_id": "MEDIA_V"}}))
        );
    }

    #[test]
    fn video_has_no_thumb_media_id() {
        assert_eq!(
            send(Reply::Video {
                media_id: "MEDIA".into(),
                title: "标题".into(),
                description: "".into(),
            }),
            Some(json!({
                "touser": USER,
                "msgtype": "video",
                "video": {"media_id": "MEDIA", "title": "标题", "description": ""}
            }))
        );
    }

    #[test]
    fn music() {
        assert_eq!(
            send(Reply::Music {
                title: "T".into(),
                description: "D".into(),
                music_url: "http://m/1.mp3".into(),
                hq_music_url: "http://m/1-hq.mp3".into(),
                thumb_media_id: "THUMB".into(),
            }),
            Some(json!({
                "touser": USER,
                "msgtype": "music",
                "music": {
                    "title": "T",
                    "description": "D",
                    "musicurl": "http://m/1.mp3",
                    "hqmusicurl": "http://m/1-hq.mp3",
                    "thumb_media_id": "THUMB"
                }
            }))
        );
    }

    #[test]
    fn news_sends_the_first_article_only() {
        let article = |n: u8| Article {
            title: format!("title {n}"),
            description: format!("description {n}"),
            pic_url: format!("https://p/{n}.jpg"),
            url: format!("https://u/{n}"),
        };
        let expected = json!({
            "touser": USER,
            "msgtype": "news",
            "news": {"articles": [{
                "title": "title 1",
                "description": "description 1",
                "url": "https://u/1",
                "picurl": "https://p/1.jpg"
            }]}
        });
        assert_eq!(send(Reply::News(vec![article(1)])), Some(expected.clone()));
        assert_eq!(
            send(Reply::News(vec![article(1), article(2), article(3)])),
            Some(expected)
        );
        assert_eq!(send(Reply::News(Vec::new())), None);
    }

    #[test]
    fn success_and_transfer_have_no_custom_form() {
        assert_eq!(send(Reply::Success), None);
        assert_eq!(
            send(Reply::TransferCustomerService { kf_account: None }),
            None
        );
        assert_eq!(
            send(Reply::TransferCustomerService {
                kf_account: Some("kf2001@gh".into())
            }),
            None
        );
    }
}
