//! The push catalogue: the XML of every kind of push `simulate` can send, as WeChat writes it,
//! with a default for every field.

use anyhow::anyhow;

use crate::cli::{PushKind, SimulateArgs};
use crate::clock;
use crate::commands::Failure;
use crate::wechat::message::{event, message};
use crate::wechat::xml::{self, Element};

/// A push to send: its XML and who it is from and to, which the reply must mirror.
pub(super) struct Built {
    pub xml: String,
    /// FromUserName: the user the reply must be addressed to.
    pub from: String,
    /// ToUserName: the account the reply must come from.
    pub to: String,
}

/// The push of a kind, with defaults for every field. A raw file's own FromUserName and
/// ToUserName win over `--from`/`--to`: the reply is judged against what was actually sent.
pub(super) fn build(kind: &PushKind, args: &SimulateArgs, msg_id: u64) -> Result<Built, Failure> {
    let xml = build_xml(kind, args, msg_id)?;
    let (mut from, mut to) = (args.from.clone(), args.to.clone());
    if let PushKind::Raw { .. } = kind
        && let Ok(root) = xml::parse(&xml)
    {
        if let Some(f) = root.text_of("FromUserName") {
            from = f.to_owned();
        }
        if let Some(t) = root.text_of("ToUserName") {
            to = t.to_owned();
        }
    }
    Ok(Built { xml, from, to })
}

fn build_xml(kind: &PushKind, args: &SimulateArgs, msg_id: u64) -> Result<String, Failure> {
    let (from, to, now) = (args.from.as_str(), args.to.as_str(), clock::unix_now());
    fn leaf(name: &str, text: impl Into<String>) -> Element {
        Element::leaf(name, text)
    }
    let msg = |t: &str, fields: Vec<Element>| message(from, to, now, t, fields, msg_id).to_xml();
    let ev = |e: &str, fields: Vec<Element>| event(from, to, now, e, fields).to_xml();
    let pics = |key: &str, n: u32| {
        let items = (0..n)
            .map(|i| {
                Element::node(
                    "item",
                    vec![leaf("PicMd5Sum", format!("{:032x}", i as u128 + 1))],
                )
            })
            .collect();
        vec![
            leaf("EventKey", key),
            Element::node(
                "SendPicsInfo",
                vec![
                    leaf("Count", n.to_string()),
                    Element::node("PicList", items),
                ],
            ),
        ]
    };
    let scan = |key: &str, result: &str| {
        vec![
            leaf("EventKey", key),
            Element::node(
                "ScanCodeInfo",
                vec![leaf("ScanType", "qrcode"), leaf("ScanResult", result)],
            ),
        ]
    };
    Ok(match kind {
        PushKind::Verify => String::new(),
        PushKind::Text { content } => msg("text", vec![leaf("Content", content.as_str())]),
        PushKind::Image { media_id, pic_url } => msg(
            "image",
            vec![
                leaf("PicUrl", pic_url.as_str()),
                leaf("MediaId", media_id.as_str()),
            ],
        ),
        PushKind::Voice {
            media_id,
            format,
            recognition,
        } => msg(
            "voice",
            vec![
                leaf("MediaId", media_id.as_str()),
                leaf("Format", format.as_str()),
                leaf("Recognition", recognition.as_str()),
            ],
        ),
        PushKind::Video {
            media_id,
            thumb_media_id,
        } => msg(
            "video",
            vec![
                leaf("MediaId", media_id.as_str()),
                leaf("ThumbMediaId", thumb_media_id.as_str()),
            ],
        ),
        PushKind::Shortvideo {
            media_id,
            thumb_media_id,
        } => msg(
            "shortvideo",
            vec![
                leaf("MediaId", media_id.as_str()),
                leaf("ThumbMediaId", thumb_media_id.as_str()),
            ],
        ),
        PushKind::Location {
            lat,
            lng,
            scale,
            label,
        } => msg(
            "location",
            vec![
                leaf("Location_X", lat.as_str()),
                leaf("Location_Y", lng.as_str()),
                leaf("Scale", scale.to_string()),
                leaf("Label", label.as_str()),
            ],
        ),
        PushKind::Link {
            title,
            description,
            link_url,
        } => msg(
            "link",
            vec![
                leaf("Title", title.as_str()),
                leaf("Description", description.as_str()),
                leaf("Url", link_url.as_str()),
            ],
        ),
        PushKind::Subscribe { scene: None } => ev("subscribe", vec![leaf("EventKey", "")]),
        PushKind::Subscribe { scene: Some(s) } => ev(
            "subscribe",
            vec![
                leaf("EventKey", format!("qrscene_{s}")),
                leaf("Ticket", "SIMULATED_TICKET"),
            ],
        ),
        PushKind::Unsubscribe => ev("unsubscribe", vec![leaf("EventKey", "")]),
        PushKind::Scan { scene } => ev(
            "SCAN",
            vec![
                leaf("EventKey", scene.as_str()),
                leaf("Ticket", "SIMULATED_TICKET"),
            ],
        ),
        PushKind::Click { key } => ev("CLICK", vec![leaf("EventKey", key.as_str())]),
        PushKind::View { view_url } => ev(
            "VIEW",
            vec![leaf("EventKey", view_url.as_str()), leaf("MenuId", "1")],
        ),
        PushKind::LocationReport {
            lat,
            lng,
            precision,
        } => ev(
            "LOCATION",
            vec![
                leaf("Latitude", lat.as_str()),
                leaf("Longitude", lng.as_str()),
                leaf("Precision", precision.as_str()),
            ],
        ),
        PushKind::ScancodePush { key, result } => ev("scancode_push", scan(key, result)),
        PushKind::ScancodeWaitmsg { key, result } => ev("scancode_waitmsg", scan(key, result)),
        PushKind::PicSysphoto { key, pics: n } => ev("pic_sysphoto", pics(key, *n)),
        PushKind::PicPhotoOrAlbum { key, pics: n } => ev("pic_photo_or_album", pics(key, *n)),
        PushKind::PicWeixin { key, pics: n } => ev("pic_weixin", pics(key, *n)),
        PushKind::LocationSelect { key, label } => ev(
            "location_select",
            vec![
                leaf("EventKey", key.as_str()),
                Element::node(
                    "SendLocationInfo",
                    vec![
                        leaf("Location_X", "23"),
                        leaf("Location_Y", "113"),
                        leaf("Scale", "15"),
                        leaf("Label", label.as_str()),
                        leaf("Poiname", ""),
                    ],
                ),
            ],
        ),
        PushKind::TemplateFinish { status } => ev(
            "TEMPLATESENDJOBFINISH",
            vec![
                leaf("MsgID", msg_id.to_string()),
                leaf("Status", status.as_str()),
            ],
        ),
        PushKind::MassFinish { status } => ev(
            "MASSSENDJOBFINISH",
            vec![
                leaf("MsgID", msg_id.to_string()),
                leaf("Status", status.as_str()),
                leaf("TotalCount", "100"),
                leaf("FilterCount", "80"),
                leaf("SentCount", "75"),
                leaf("ErrorCount", "5"),
            ],
        ),
        PushKind::Raw { file } => {
            let text = if file.as_os_str() == "-" {
                std::io::read_to_string(std::io::stdin())
            } else {
                std::fs::read_to_string(file)
            }
            .map_err(|e| Failure::Usage(anyhow!("reading {}: {e}", file.display())))?;
            xml::parse(&text).map_err(|e| Failure::Usage(anyhow!("{}: {e}", file.display())))?;
            text
        }
    })
}
