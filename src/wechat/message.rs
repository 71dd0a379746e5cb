//! A push (message or event) as WeChat sent it: its XML tree, its type, its route
//! (`msg/<MsgType>` or `event/<Event>`) and the key WeChat's retries share. What a backend sees
//! of it (the JSON body) is shaped in `backend::push`; unknown types and elements are kept.

use super::Error;
use super::xml::Element;

/// One decoded push.
#[derive(Debug, Clone, PartialEq)]
pub struct Push {
    /// The root `<xml>` element.
    pub root: Element,
    /// `text`, `image`, … or `event`.
    pub msg_type: String,
    /// The `Event` of an event push, case kept (`CLICK`, `subscribe`).
    pub event: Option<String>,
}

impl Push {
    /// Builds the push from the root `<xml>` element of a decrypted or plaintext body.
    pub fn from_xml(root: Element) -> Result<Push, Error> {
        let msg_type = root
            .text_of("MsgType")
            .map(str::trim)
            .filter(|s| !s.is_empty())
            .ok_or(Error::MissingField("MsgType"))?
            .to_owned();
        let event = if msg_type == "event" {
            Some(
                root.text_of("Event")
                    .map(str::trim)
                    .filter(|s| !s.is_empty())
                    .ok_or(Error::MissingField("Event"))?
                    .to_owned(),
            )
        } else {
            None
        };
        Ok(Push {
            root,
            msg_type,
            event,
        })
    }

    /// Parses XML text straight into a push.
    pub fn parse(xml: &str) -> Result<Push, Error> {
        Push::from_xml(super::xml::parse(xml)?)
    }

    /// `text` for a message, the event name (`CLICK`) for an event.
    pub fn kind(&self) -> &str {
        self.event.as_deref().unwrap_or(&self.msg_type)
    }

    /// `msg/text` or `event/CLICK`: the path below `msg-proxy-pass`. The name is percent-encoded
    /// so that no push can steer the request to another backend path.
    pub fn route(&self) -> String {
        let (group, name) = match &self.event {
            Some(ev) => ("event", ev.as_str()),
            None => ("msg", self.msg_type.as_str()),
        };
        let mut out = String::with_capacity(group.len() + 1 + name.len());
        out.push_str(group);
        out.push('/');
        for b in name.bytes() {
            if b.is_ascii_alphanumeric() || b == b'_' || b == b'-' {
                out.push(b as char);
            } else {
                out.push_str(&format!("%{b:02X}"));
            }
        }
        out
    }

    /// The text of a top-level element (`FromUserName`, `Content`, …).
    pub fn text(&self, name: &str) -> Option<&str> {
        self.root.text_of(name)
    }

    /// The text of the first element with this name at any depth (`Label` inside
    /// `SendLocationInfo`, `Count` inside `SendPicsInfo`).
    pub fn find(&self, name: &str) -> Option<&str> {
        fn walk<'a>(el: &'a Element, name: &str) -> Option<&'a str> {
            el.children.iter().find_map(|c| {
                if c.name == name {
                    Some(c.text.as_str())
                } else {
                    walk(c, name)
                }
            })
        }
        walk(&self.root, name)
    }

    pub fn to_user(&self) -> &str {
        self.text("ToUserName").unwrap_or("")
    }

    pub fn from_user(&self) -> &str {
        self.text("FromUserName").unwrap_or("")
    }

    /// The key WeChat's retries of this push share: the sender and MsgId when there is one,
    /// else FromUserName + CreateTime (+ the event), as WeChat's documentation recommends. The
    /// sender is part of it so that a reply cached for one user is never given to another who
    /// sends the same MsgId.
    pub fn retry_key(&self) -> String {
        if let Some(id) = self.text("MsgId").or_else(|| self.text("MsgID")) {
            return format!("id:{}:{}", self.from_user(), id.trim());
        }
        format!(
            "ev:{}:{}:{}:{}",
            self.from_user(),
            self.text("CreateTime").unwrap_or("").trim(),
            self.kind(),
            self.text("EventKey").unwrap_or("")
        )
    }
}

/// A message push as WeChat writes it: the common header, then `fields`.
pub fn message(
    from: &str,
    to: &str,
    create_time: i64,
    msg_type: &str,
    fields: Vec<Element>,
    msg_id: u64,
) -> Element {
    let mut children = header(from, to, create_time, msg_type);
    children.extend(fields);
    children.push(Element::leaf("MsgId", msg_id.to_string()));
    Element::node("xml", children)
}

/// An event push as WeChat writes it: the common header, `Event`, then `fields`.
pub fn event(from: &str, to: &str, create_time: i64, event: &str, fields: Vec<Element>) -> Element {
    let mut children = header(from, to, create_time, "event");
    children.push(Element::leaf("Event", event));
    children.extend(fields);
    Element::node("xml", children)
}

fn header(from: &str, to: &str, create_time: i64, msg_type: &str) -> Vec<Element> {
    vec![
        Element::leaf("ToUserName", to),
        Element::leaf("FromUserName", from),
        Element::leaf("CreateTime", create_time.to_string()),
        Element::leaf("MsgType", msg_type),
    ]
}

#[cfg(test)]
mod tests {
    use super::*;

    fn push(xml: &str) -> Push {
        Push::parse(xml).unwrap()
    }

    #[test]
    fn text_message_routes_and_dedupes_by_msgid() {
        let p = push(
            "<xml><ToUserName><![CDATA[gh_123]]></ToUserName><FromUserName><![CDATA[oUSER1]]></FromUserName><CreateTime>1700000000</CreateTime><MsgType><![CDATA[text]]></MsgType><Content><![CDATA[hi]]></Content><MsgId>22277834746191186123</MsgId><MsgDataId>x</MsgDataId></xml>",
        );
        assert_eq!(p.route(), "msg/text");
        assert_eq!(p.retry_key(), "id:oUSER1:22277834746191186123");
        assert_eq!((p.from_user(), p.to_user()), ("oUSER1", "gh_123"));
    }

    #[test]
    fn click_routes_by_event_name_with_case_kept() {
        let p = push(
            "<xml><MsgType>event</MsgType><Event>CLICK</Event><EventKey>K1</EventKey><FromUserName>u</FromUserName><CreateTime>5</CreateTime></xml>",
        );
        assert_eq!(p.route(), "event/CLICK");
        assert_eq!(p.kind(), "CLICK");
        assert_eq!(p.retry_key(), "ev:u:5:CLICK:K1");
    }

    #[test]
    fn hostile_type_names_cannot_escape_the_route() {
        let p = push("<xml><MsgType>../../admin?x=1</MsgType></xml>");
        assert_eq!(p.route(), "msg/%2E%2E%2F%2E%2E%2Fadmin%3Fx%3D1");
    }

    #[test]
    fn mass_send_finish_dedupes_by_msgid_capital_d() {
        let p = push(
            "<xml><MsgType>event</MsgType><Event>MASSSENDJOBFINISH</Event><MsgID>1000001625</MsgID></xml>",
        );
        assert_eq!(p.retry_key(), "id::1000001625");
    }

    #[test]
    fn find_looks_inside_nested_infos() {
        let p = push(
            "<xml><MsgType>event</MsgType><Event>location_select</Event><SendLocationInfo><Label>L</Label></SendLocationInfo></xml>",
        );
        assert_eq!(p.text("Label"), None);
        assert_eq!(p.find("Label"), Some("L"));
    }

    #[test]
    fn missing_type_is_an_error() {
        assert_eq!(
            Push::parse("<xml><A>1</A></xml>").unwrap_err(),
            Error::MissingField("MsgType")
        );
        assert_eq!(
            Push::parse("<xml><MsgType>event</MsgType></xml>").unwrap_err(),
            Error::MissingField("Event")
        );
    }
}
