//! The JSON body a push becomes for the backend: WeChat's element names kept exactly, numbers
//! where go-wx-gateway sent numbers, its three nested infos flattened as it flattened them, and
//! the keys it always sent present, so its backends keep working (reference §7.2).

use serde_json::{Map, Value};

use crate::wechat::Push;
use crate::wechat::xml::Element;

/// The backend's view of a push: a JSON object in document order.
pub fn push_json(push: &Push) -> Map<String, Value> {
    let mut pairs = Vec::with_capacity(push.root.children.len() + 4);
    for child in &push.root.children {
        flatten_into(&mut pairs, child);
    }
    let mut json = group(pairs);
    add_compat_fields(&mut json, &push.msg_type, push.event.as_deref());
    json
}

/// Adds `append-userinfo`'s fields: `userInfo` (cgi-bin/user/info, or null) and
/// `userInfoError` ("" when it was fetched).
pub fn add_user_info(json: &mut Map<String, Value>, info: Result<Value, String>) {
    let (info, error) = match info {
        Ok(v) => (v, String::new()),
        Err(e) => (Value::Null, e),
    };
    json.insert("userInfo".into(), info);
    json.insert("userInfoError".into(), Value::String(error));
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
    use serde_json::json;

    use super::*;

    fn push(xml: &str) -> Map<String, Value> {
        push_json(&Push::parse(xml).unwrap())
    }

    #[test]
    fn text_message_as_reference() {
        let p = push(
            "<xml><ToUserName><![CDATA[gh_123]]></ToUserName><FromUserName><![CDATA[oUSER1]]></FromUserName><CreateTime>1700000000</CreateTime><MsgType><![CDATA[text]]></MsgType><Content><![CDATA[hi]]></Content><MsgId>22277834746191186123</MsgId><MsgDataId>x</MsgDataId></xml>",
        );
        assert_eq!(
            Value::Object(p.clone()),
            json!({"ToUserName":"gh_123","FromUserName":"oUSER1","CreateTime":1700000000,"MsgType":"text","Content":"hi","MsgId":"22277834746191186123","MsgDataId":"x"})
        );
    }

    #[test]
    fn location_keeps_coordinates_as_strings_and_scale_as_number() {
        let p = push(
            "<xml><MsgType>location</MsgType><Location_X>23.134521</Location_X><Location_Y>113.358803</Location_Y><Scale>20</Scale><Label><![CDATA[here]]></Label><MsgId>1</MsgId></xml>",
        );
        assert_eq!(p["Location_X"], json!("23.134521"));
        assert_eq!(p["Scale"], json!(20));
    }

    #[test]
    fn scancode_and_location_select_are_flattened() {
        let p = push(
            "<xml><MsgType>event</MsgType><Event>scancode_waitmsg</Event><EventKey>6</EventKey><ScanCodeInfo><ScanType>qrcode</ScanType><ScanResult>1</ScanResult></ScanCodeInfo></xml>",
        );
        assert_eq!(p["ScanType"], json!("qrcode"));
        assert_eq!(p["ScanResult"], json!("1"));
        assert!(!p.contains_key("ScanCodeInfo"));
        let p = push(
            "<xml><MsgType>event</MsgType><Event>location_select</Event><EventKey>6</EventKey><SendLocationInfo><Location_X>23</Location_X><Location_Y>113</Location_Y><Scale>15</Scale><Label>L</Label><Poiname>P</Poiname></SendLocationInfo></xml>",
        );
        assert_eq!(p["Location_X"], json!("23"));
        assert_eq!(p["Scale"], json!(15));
        assert_eq!(p["Poiname"], json!("P"));
    }

    #[test]
    fn pics_are_flattened_to_count_and_md5_list() {
        let p = push(
            "<xml><MsgType>event</MsgType><Event>pic_sysphoto</Event><SendPicsInfo><Count>2</Count><PicList><item><PicMd5Sum>a</PicMd5Sum></item><item><PicMd5Sum>b</PicMd5Sum></item></PicList></SendPicsInfo></xml>",
        );
        assert_eq!(p["Count"], json!(2));
        assert_eq!(p["PicList"], json!(["a", "b"]));
        let p = push(
            "<xml><MsgType>event</MsgType><Event>pic_weixin</Event><SendPicsInfo><Count>0</Count><PicList></PicList></SendPicsInfo></xml>",
        );
        assert_eq!(p["PicList"], Value::Null);
    }

    #[test]
    fn mass_send_finish_keeps_msgid_capital_d_and_counts() {
        let p = push(
            "<xml><MsgType>event</MsgType><Event>MASSSENDJOBFINISH</Event><MsgID>1000001625</MsgID><Status>send success</Status><TotalCount>100</TotalCount><FilterCount>80</FilterCount><SentCount>75</SentCount><ErrorCount>5</ErrorCount><CopyrightCheckResult><Count>2</Count><ResultList><item><ArticleIdx>1</ArticleIdx></item><item><ArticleIdx>2</ArticleIdx></item><item><ArticleIdx>3</ArticleIdx></item></ResultList><CheckState>2</CheckState></CopyrightCheckResult><ArticleUrlResult><Count>1</Count><ResultList><item><ArticleIdx>1</ArticleIdx><ArticleUrl>u</ArticleUrl></item></ResultList></ArticleUrlResult></xml>",
        );
        assert_eq!(p["MsgID"], json!("1000001625"));
        assert!(!p.contains_key("MsgId"));
        assert_eq!(p["TotalCount"], json!(100));
        assert_eq!(p["ResultCount"], json!(2));
        // More items than Count: all kept (the reference crashed here).
        assert_eq!(p["ResultList"].as_array().unwrap().len(), 3);
        assert_eq!(p["CheckState"], json!("2"));
        assert_eq!(
            p["ArticleUrlResult"],
            json!({"Count":1,"ResultList":[{"ArticleIdx":"1","ArticleUrl":"u"}]})
        );
    }

    #[test]
    fn template_finish_has_both_msgid_spellings() {
        let p = push(
            "<xml><MsgType>event</MsgType><Event>TEMPLATESENDJOBFINISH</Event><MsgID>200163836</MsgID><Status>success</Status></xml>",
        );
        assert_eq!(p["MsgID"], json!("200163836"));
        assert_eq!(p["MsgId"], json!("200163836"));
    }

    #[test]
    fn subscribe_always_has_eventkey_and_ticket() {
        let p = push("<xml><MsgType>event</MsgType><Event>subscribe</Event></xml>");
        assert_eq!(p["EventKey"], json!(""));
        assert_eq!(p["Ticket"], json!(""));
    }

    #[test]
    fn unknown_types_and_elements_are_kept() {
        let p = push(
            "<xml><MsgType>hologram</MsgType><Depth>3</Depth><Nested><A>1</A><A>2</A><B>x</B></Nested></xml>",
        );
        assert_eq!(p["Depth"], json!("3"));
        assert_eq!(p["Nested"], json!({"A":["1","2"],"B":"x"}));
    }
}

/// Issue 8: no well-formed push, however odd its shape, makes the JSON conversion panic.
#[cfg(test)]
mod properties {
    use proptest::prelude::*;

    use super::*;
    use crate::wechat::xml::{self, strategies};

    /// Names the conversion treats specially, plus a few it does not.
    const NAMES: &[&str] = &[
        "MsgType",
        "Event",
        "item",
        "SendPicsInfo",
        "ScanCodeInfo",
        "SendLocationInfo",
        "CopyrightCheckResult",
        "ResultList",
        "Count",
        "PicList",
        "PicMd5Sum",
        "MsgId",
        "MsgID",
        "CreateTime",
        "Scale",
        "EventKey",
        "Content",
        "x",
    ];

    fn leaf_text() -> impl Strategy<Value = String> {
        prop_oneof![
            prop::sample::select(vec![
                "text",
                "event",
                "voice",
                "subscribe",
                "SCAN",
                "TEMPLATESENDJOBFINISH",
                "MASSSENDJOBFINISH",
                "",
                " ",
                "-",
                ".",
                "0",
                "-1",
            ])
            .prop_map(str::to_owned),
            any::<i64>().prop_map(|n| n.to_string()),
            "[0-9.-]{1,24}",
            strategies::text(),
        ]
    }

    fn element() -> impl Strategy<Value = Element> {
        let name = prop::sample::select(NAMES);
        let leaf = (name.clone(), leaf_text()).prop_map(|(n, t)| Element::leaf(n, t));
        leaf.prop_recursive(4, 64, 6, move |inner| {
            (name.clone(), prop::collection::vec(inner, 1..6))
                .prop_map(|(n, children)| Element::node(n, children))
        })
    }

    /// `text` as the writer leaves it and the reader gives it back.
    fn as_read(el: &Element) -> Element {
        Element {
            name: el.name.clone(),
            text: strategies::xml_chars(&el.text),
            children: el.children.iter().map(as_read).collect(),
        }
    }

    proptest! {
        #[test]
        fn push_json_never_panics_on_well_formed_xml(
            children in prop::collection::vec(element(), 0..12),
        ) {
            let tree = Element::node("xml", children);
            let text = tree.to_xml();
            let root = xml::parse(&text).map_err(|e| TestCaseError::fail(format!("{e}: {text}")))?;
            prop_assert_eq!(&root, &as_read(&tree));
            if let Ok(push) = Push::from_xml(root) {
                let json = push_json(&push);
                let body = crate::backend::request_body(&json);
                prop_assert!(serde_json::from_str::<Value>(&body).is_ok());
                let _ = (push.route(), push.retry_key());
            }
        }
    }
}
