//! A push (message or event) as the backend sees it: WeChat's XML turned into flat JSON with
//! WeChat's exact element names, plus its route (`msg/<MsgType>` or `event/<Event>`) and the key
//! WeChat's retries share. Unknown types and elements are kept, never dropped.

use serde_json::{Map, Value};

use super::Error;
use super::xml::Element;

/// One decoded push.
#[derive(Debug, Clone, PartialEq)]
pub struct Push {
    /// The JSON object posted to the backend.
    pub json: Map<String, Value>,
    /// `text`, `image`, … or `event`.
    pub msg_type: String,
    /// The `Event` of an event push, case kept (`CLICK`, `subscribe`).
    pub event: Option<String>,
}

impl Push {
    /// Builds the push from the root `<xml>` element of a decrypted or plaintext body.
    pub fn from_xml(root: &Element) -> Result<Push, Error> {
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
        let mut pairs = Vec::with_capacity(root.children.len() + 4);
        for child in &root.children {
            flatten_into(&mut pairs, child);
        }
        let mut json = group(pairs);
        add_compat_fields(&mut json, &msg_type, event.as_deref());
        Ok(Push {
            json,
            msg_type,
            event,
        })
    }

    /// Parses XML text straight into a push.
    pub fn parse(xml: &str) -> Result<Push, Error> {
        Push::from_xml(&super::xml::parse(xml)?)
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

    /// A string field of the push (`FromUserName`, `Content`, …).
    pub fn text(&self, name: &str) -> Option<&str> {
        self.json.get(name).and_then(Value::as_str)
    }

    pub fn to_user(&self) -> &str {
        self.text("ToUserName").unwrap_or("")
    }

    pub fn from_user(&self) -> &str {
        self.text("FromUserName").unwrap_or("")
    }

    /// The key WeChat's retries of this push share: the MsgId when there is one, else
    /// FromUserName + CreateTime (+ the event), as WeChat's documentation recommends.
    pub fn retry_key(&self) -> String {
        if let Some(id) = self.text("MsgId").or_else(|| self.text("MsgID")) {
            return format!("id:{id}");
        }
        let created = self
            .json
            .get("CreateTime")
            .map(Value::to_string)
            .unwrap_or_default();
        format!(
            "ev:{}:{}:{}:{}",
            self.from_user(),
            created,
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

/// Elements whose values the reference sends as JSON numbers; every other leaf is a string
/// (MsgId exceeds 2^53, coordinates keep their exact digits).
fn is_number_field(name: &str) -> bool {
    name == "CreateTime" || name == "Scale" || name.ends_with("Count")
}

fn leaf_value(name: &str, text: &str) -> Value {
    if is_number_field(name)
        && let Ok(n) = text.trim().parse::<i64>()
    {
        return Value::from(n);
    }
    Value::String(text.to_owned())
}

/// Generic conversion: a leaf becomes a string (or number), an element whose children are all
/// `<item>` becomes an array, any other element an object (repeated names become arrays).
fn to_value(el: &Element) -> Value {
    if el.children.is_empty() {
        return leaf_value(&el.name, &el.text);
    }
    if el.children.iter().all(|c| c.name == "item") {
        return Value::Array(el.children.iter().map(to_value).collect());
    }
    Value::Object(group(
        el.children
            .iter()
            .map(|c| (c.name.clone(), to_value(c)))
            .collect(),
    ))
}

/// Builds an object from (name, value) pairs in document order; a name that occurs more than
/// once becomes an array of its values.
fn group(pairs: Vec<(String, Value)>) -> Map<String, Value> {
    let mut map = Map::new();
    let mut repeated: Vec<String> = Vec::new();
    for (name, value) in pairs {
        match map.get_mut(&name) {
            None => {
                map.insert(name, value);
            }
            Some(existing) if repeated.contains(&name) => {
                if let Value::Array(items) = existing {
                    items.push(value);
                }
            }
            Some(existing) => {
                let first = existing.take();
                *existing = Value::Array(vec![first, value]);
                repeated.push(name);
            }
        }
    }
    map
}

/// Top-level child → JSON, flattening the three nested infos exactly as go-wx-gateway does
/// (reference §7.2), so its backends keep working.
fn flatten_into(pairs: &mut Vec<(String, Value)>, el: &Element) {
    match el.name.as_str() {
        "ScanCodeInfo" | "SendLocationInfo" => {
            for c in &el.children {
                pairs.push((c.name.clone(), to_value(c)));
            }
        }
        "SendPicsInfo" => {
            if let Some(count) = el.child("Count") {
                pairs.push(("Count".into(), leaf_value("Count", &count.text)));
            }
            let pics: Vec<Value> = el
                .child("PicList")
                .map(|list| {
                    list.children
                        .iter()
                        .filter_map(|item| item.text_of("PicMd5Sum"))
                        .map(|s| Value::String(s.to_owned()))
                        .collect()
                })
                .unwrap_or_default();
            let pics = if pics.is_empty() {
                Value::Null
            } else {
                Value::Array(pics)
            };
            pairs.push(("PicList".into(), pics));
        }
        // MASSSENDJOBFINISH: the reference sends ResultCount / ResultList at top level.
        "CopyrightCheckResult" => {
            for c in &el.children {
                let name = if c.name == "Count" {
                    "ResultCount"
                } else {
                    c.name.as_str()
                };
                let value = if c.name == "Count" {
                    leaf_value("ResultCount", &c.text)
                } else if c.name == "ResultList" {
                    Value::Array(c.children.iter().map(to_value).collect())
                } else {
                    to_value(c)
                };
                pairs.push((name.to_owned(), value));
            }
        }
        _ => pairs.push((el.name.clone(), to_value(el))),
    }
}

/// Keys go-wx-gateway always sent (its structs had no omitempty) and that backends may read
/// without checking: present as `""` when WeChat left them out.
fn add_compat_fields(json: &mut Map<String, Value>, msg_type: &str, event: Option<&str>) {
    let defaults: &[&str] = match (msg_type, event) {
        (_, Some("subscribe" | "unsubscribe" | "SCAN")) => &["EventKey", "Ticket"],
        ("voice", None) => &["Format", "Recognition"],
        _ => &[],
    };
    for key in defaults {
        json.entry(*key)
            .or_insert_with(|| Value::String(String::new()));
    }
    // go-wx-gateway sent TEMPLATESENDJOBFINISH's <MsgID> as "MsgId"; keep both spellings.
    if event == Some("TEMPLATESENDJOBFINISH")
        && let Some(id) = json.get("MsgID").cloned()
    {
        json.entry("MsgId").or_insert(id);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn push(xml: &str) -> Push {
        Push::parse(xml).unwrap()
    }

    #[test]
    fn text_message_as_reference() {
        let p = push(
            "<xml><ToUserName><![CDATA[gh_123]]></ToUserName><FromUserName><![CDATA[oUSER1]]></FromUserName><CreateTime>1700000000</CreateTime><MsgType><![CDATA[text]]></MsgType><Content><![CDATA[hi]]></Content><MsgId>22277834746191186123</MsgId><MsgDataId>x</MsgDataId></xml>",
        );
        assert_eq!(
            Value::Object(p.json.clone()),
            json!({"ToUserName":"gh_123","FromUserName":"oUSER1","CreateTime":1700000000,"MsgType":"text","Content":"hi","MsgId":"22277834746191186123","MsgDataId":"x"})
        );
        assert_eq!(p.route(), "msg/text");
        assert_eq!(p.retry_key(), "id:22277834746191186123");
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
    fn location_keeps_coordinates_as_strings_and_scale_as_number() {
        let p = push(
            "<xml><MsgType>location</MsgType><Location_X>23.134521</Location_X><Location_Y>113.358803</Location_Y><Scale>20</Scale><Label><![CDATA[here]]></Label><MsgId>1</MsgId></xml>",
        );
        assert_eq!(p.json["Location_X"], json!("23.134521"));
        assert_eq!(p.json["Scale"], json!(20));
    }

    #[test]
    fn scancode_and_location_select_are_flattened() {
        let p = push(
            "<xml><MsgType>event</MsgType><Event>scancode_waitmsg</Event><EventKey>6</EventKey><ScanCodeInfo><ScanType>qrcode</ScanType><ScanResult>1</ScanResult></ScanCodeInfo></xml>",
        );
        assert_eq!(p.json["ScanType"], json!("qrcode"));
        assert_eq!(p.json["ScanResult"], json!("1"));
        assert!(!p.json.contains_key("ScanCodeInfo"));
        let p = push(
            "<xml><MsgType>event</MsgType><Event>location_select</Event><EventKey>6</EventKey><SendLocationInfo><Location_X>23</Location_X><Location_Y>113</Location_Y><Scale>15</Scale><Label>L</Label><Poiname>P</Poiname></SendLocationInfo></xml>",
        );
        assert_eq!(p.route(), "event/location_select");
        assert_eq!(p.json["Location_X"], json!("23"));
        assert_eq!(p.json["Scale"], json!(15));
        assert_eq!(p.json["Poiname"], json!("P"));
    }

    #[test]
    fn pics_are_flattened_to_count_and_md5_list() {
        let p = push(
            "<xml><MsgType>event</MsgType><Event>pic_sysphoto</Event><SendPicsInfo><Count>2</Count><PicList><item><PicMd5Sum>a</PicMd5Sum></item><item><PicMd5Sum>b</PicMd5Sum></item></PicList></SendPicsInfo></xml>",
        );
        assert_eq!(p.json["Count"], json!(2));
        assert_eq!(p.json["PicList"], json!(["a", "b"]));
        let p = push(
            "<xml><MsgType>event</MsgType><Event>pic_weixin</Event><SendPicsInfo><Count>0</Count><PicList></PicList></SendPicsInfo></xml>",
        );
        assert_eq!(p.json["PicList"], Value::Null);
    }

    #[test]
    fn mass_send_finish_keeps_msgid_capital_d_and_counts() {
        let p = push(
            "<xml><MsgType>event</MsgType><Event>MASSSENDJOBFINISH</Event><MsgID>1000001625</MsgID><Status>send success</Status><TotalCount>100</TotalCount><FilterCount>80</FilterCount><SentCount>75</SentCount><ErrorCount>5</ErrorCount><CopyrightCheckResult><Count>2</Count><ResultList><item><ArticleIdx>1</ArticleIdx></item><item><ArticleIdx>2</ArticleIdx></item><item><ArticleIdx>3</ArticleIdx></item></ResultList><CheckState>2</CheckState></CopyrightCheckResult><ArticleUrlResult><Count>1</Count><ResultList><item><ArticleIdx>1</ArticleIdx><ArticleUrl>u</ArticleUrl></item></ResultList></ArticleUrlResult></xml>",
        );
        assert_eq!(p.json["MsgID"], json!("1000001625"));
        assert!(!p.json.contains_key("MsgId"));
        assert_eq!(p.json["TotalCount"], json!(100));
        assert_eq!(p.json["ResultCount"], json!(2));
        // More items than Count: all kept (the reference crashed here).
        assert_eq!(p.json["ResultList"].as_array().unwrap().len(), 3);
        assert_eq!(p.json["CheckState"], json!("2"));
        assert_eq!(
            p.json["ArticleUrlResult"],
            json!({"Count":1,"ResultList":[{"ArticleIdx":"1","ArticleUrl":"u"}]})
        );
        assert_eq!(p.retry_key(), "id:1000001625");
    }

    #[test]
    fn template_finish_has_both_msgid_spellings() {
        let p = push(
            "<xml><MsgType>event</MsgType><Event>TEMPLATESENDJOBFINISH</Event><MsgID>200163836</MsgID><Status>success</Status></xml>",
        );
        assert_eq!(p.json["MsgID"], json!("200163836"));
        assert_eq!(p.json["MsgId"], json!("200163836"));
    }

    #[test]
    fn subscribe_always_has_eventkey_and_ticket() {
        let p = push("<xml><MsgType>event</MsgType><Event>subscribe</Event></xml>");
        assert_eq!(p.json["EventKey"], json!(""));
        assert_eq!(p.json["Ticket"], json!(""));
    }

    #[test]
    fn unknown_types_and_elements_are_kept() {
        let p = push(
            "<xml><MsgType>hologram</MsgType><Depth>3</Depth><Nested><A>1</A><A>2</A><B>x</B></Nested></xml>",
        );
        assert_eq!(p.route(), "msg/hologram");
        assert_eq!(p.json["Depth"], json!("3"));
        assert_eq!(p.json["Nested"], json!({"A":["1","2"],"B":"x"}));
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
