//! Echo mode: the built-in answer when a service has no `msg-proxy-pass`, the debugging aid
//! go-wx-gateway's README describes. Text, image and voice come back as sent; other pushes get
//! a short text naming what arrived; events that no user is looking at get `success`.

use crate::wechat::{Push, Reply};

/// The reply echo mode gives to a push.
pub fn reply(push: &Push) -> Reply {
    let field = |name: &str| push.find(name).unwrap_or("").trim().to_owned();
    match (push.msg_type.as_str(), push.event.as_deref()) {
        ("text", _) => Reply::Text(field("Content")),
        ("image", _) => Reply::Image {
            media_id: field("MediaId"),
        },
        ("voice", _) => Reply::Voice {
            media_id: field("MediaId"),
        },
        ("location", _) => Reply::Text(format!(
            "location received: {} ({}, {})",
            field("Label"),
            field("Location_X"),
            field("Location_Y")
        )),
        ("link", _) => Reply::Text(format!("your link {} received", field("Title"))),
        (_, Some("subscribe")) => Reply::Text("welcome".into()),
        (_, Some("CLICK")) => Reply::Text(format!("event key {} clicked", field("EventKey"))),
        (_, Some("scancode_waitmsg")) => Reply::Text(format!(
            "scan result: {}, {}",
            field("ScanType"),
            field("ScanResult")
        )),
        (_, Some("location_select")) => {
            Reply::Text(format!("location selected: {}", field("Label")))
        }
        (_, Some(ev)) if ev.starts_with("pic_") => Reply::Text(format!(
            "{ev}: {} pictures",
            push.find("Count").map(str::trim).unwrap_or("0")
        )),
        // Nobody is in the chat to read a reply to these.
        (_, Some(_)) => Reply::Success,
        (other, None) => Reply::Text(format!("{other} message received")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn echo(xml: &str) -> Reply {
        reply(&Push::parse(xml).unwrap())
    }

    #[test]
    fn echoes_text_image_voice() {
        assert_eq!(
            echo("<xml><MsgType>text</MsgType><Content>hi</Content></xml>"),
            Reply::Text("hi".into())
        );
        assert_eq!(
            echo("<xml><MsgType>image</MsgType><MediaId>M</MediaId></xml>"),
            Reply::Image {
                media_id: "M".into()
            }
        );
        assert_eq!(
            echo("<xml><MsgType>voice</MsgType><MediaId>V</MediaId></xml>"),
            Reply::Voice {
                media_id: "V".into()
            }
        );
    }

    #[test]
    fn short_replies_for_the_rest() {
        assert_eq!(
            echo("<xml><MsgType>video</MsgType></xml>"),
            Reply::Text("video message received".into())
        );
        assert_eq!(
            echo("<xml><MsgType>event</MsgType><Event>subscribe</Event></xml>"),
            Reply::Text("welcome".into())
        );
        assert_eq!(
            echo("<xml><MsgType>event</MsgType><Event>CLICK</Event><EventKey>K</EventKey></xml>"),
            Reply::Text("event key K clicked".into())
        );
        assert_eq!(
            echo("<xml><MsgType>event</MsgType><Event>unsubscribe</Event></xml>"),
            Reply::Success
        );
    }
}
