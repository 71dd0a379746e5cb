//! The one owner of WeChat's XML: reads pushes into a small element tree (no DOCTYPE, no entity
//! expansion, bounded depth and size) and writes passive replies and encrypted envelopes with
//! text that no input can break out of.

use std::borrow::Cow;

use quick_xml::escape::resolve_predefined_entity;
use quick_xml::events::Event;
use quick_xml::reader::Reader;

use super::Error;
use crate::untrusted::excerpt;

/// Deepest nesting accepted; real pushes nest four levels at most.
const MAX_DEPTH: usize = 16;
/// Most elements accepted in one document; real pushes have a few dozen.
const MAX_ELEMENTS: usize = 4096;

/// One XML element: its name, its text (text and CDATA joined), and its child elements.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Element {
    pub name: String,
    pub text: String,
    pub children: Vec<Element>,
}

impl Element {
    /// The first child with this name.
    pub fn child(&self, name: &str) -> Option<&Element> {
        self.children.iter().find(|c| c.name == name)
    }

    /// The text of the first child with this name.
    pub fn text_of(&self, name: &str) -> Option<&str> {
        self.child(name).map(|c| c.text.as_str())
    }

    /// An element with text only.
    pub fn leaf(name: &str, text: impl Into<String>) -> Element {
        Element {
            name: name.to_owned(),
            text: text.into(),
            children: Vec::new(),
        }
    }

    /// An element with children only.
    pub fn node(name: &str, children: Vec<Element>) -> Element {
        Element {
            name: name.to_owned(),
            text: String::new(),
            children,
        }
    }

    /// Writes the element as WeChat does: numbers bare, other text in CDATA.
    pub fn to_xml(&self) -> String {
        let mut out = String::with_capacity(512);
        self.write(&mut out);
        out
    }

    fn write(&self, out: &mut String) {
        out.push('<');
        out.push_str(&self.name);
        out.push('>');
        if self.children.is_empty() {
            let numeric = !self.text.is_empty()
                && self
                    .text
                    .bytes()
                    .all(|b| b.is_ascii_digit() || b == b'.' || b == b'-');
            if numeric {
                out.push_str(&self.text);
            } else {
                push_cdata(out, &self.text);
            }
        } else {
            for c in &self.children {
                c.write(out);
            }
        }
        out.push_str("</");
        out.push_str(&self.name);
        out.push('>');
    }
}

/// Parses one XML document into its root element. Refuses DOCTYPE (and so every entity
/// declaration), undefined entity references, unbalanced tags, trailing content and documents
/// past the depth or size bounds.
pub fn parse(input: &str) -> Result<Element, Error> {
    let mut reader = Reader::from_str(input);
    reader.config_mut().check_end_names = true;
    let mut stack: Vec<Element> = Vec::new();
    let mut root: Option<Element> = None;
    let mut count = 0usize;
    loop {
        let ev = reader
            .read_event()
            .map_err(|e| Error::Xml(excerpt(&e.to_string())))?;
        let opened = match &ev {
            Event::Start(start) | Event::Empty(start) => Some(start.name().as_ref().to_owned()),
            _ => None,
        };
        if let Some(name) = opened {
            if root.is_some() {
                return Err(Error::Xml("content after the root element".into()));
            }
            count += 1;
            if count > MAX_ELEMENTS || stack.len() >= MAX_DEPTH {
                return Err(Error::Xml("document too deep or too large".into()));
            }
            let el = Element {
                name,
                ..Element::default()
            };
            if matches!(ev, Event::Empty(_)) {
                close(&mut stack, &mut root, el);
            } else {
                stack.push(el);
            }
            continue;
        }
        match ev {
            Event::End(_) => {
                let el = stack
                    .pop()
                    .ok_or_else(|| Error::Xml("unexpected end tag".into()))?;
                close(&mut stack, &mut root, el);
            }
            Event::Text(t) => {
                let text = t.xml10_content();
                match stack.last_mut() {
                    Some(el) => el.text.push_str(&text),
                    None if text.trim().is_empty() => {}
                    None => return Err(Error::Xml("text outside the root element".into())),
                }
            }
            Event::CData(c) => {
                let el = stack
                    .last_mut()
                    .ok_or_else(|| Error::Xml("CDATA outside the root element".into()))?;
                let raw = c.into_inner();
                el.text.push_str(&raw);
            }
            Event::GeneralRef(r) => {
                let el = stack
                    .last_mut()
                    .ok_or_else(|| Error::Xml("reference outside the root element".into()))?;
                if let Some(ch) = r
                    .resolve_char_ref()
                    .map_err(|e| Error::Xml(excerpt(&e.to_string())))?
                {
                    el.text.push(ch);
                } else {
                    let name = r.xml10_content();
                    let value = resolve_predefined_entity(&name).ok_or_else(|| {
                        Error::Xml(excerpt(&format!("undefined entity &{name};")))
                    })?;
                    el.text.push_str(value);
                }
            }
            Event::DocType(_) => return Err(Error::XmlDoctype),
            Event::Eof => break,
            // Declarations, comments and processing instructions carry no data.
            _ => {}
        }
    }
    if !stack.is_empty() {
        return Err(Error::Xml("unclosed element".into()));
    }
    root.ok_or_else(|| Error::Xml("no root element".into()))
}

fn close(stack: &mut [Element], root: &mut Option<Element>, mut el: Element) {
    if !el.children.is_empty() && el.text.trim().is_empty() {
        // Indentation between child elements is not data.
        el.text.clear();
    }
    match stack.last_mut() {
        Some(parent) => parent.children.push(el),
        None => *root = Some(el),
    }
}

/// Appends `s` as CDATA. Characters XML 1.0 forbids (control characters other than tab, CR,
/// LF) are dropped, then a `]]>` inside is split across two sections, so the result is always
/// well-formed whatever the backend sent. In that order: dropping after the split could join
/// `]]` and `>` into a terminator (issue 8, found by the `backend_reply` fuzz target).
pub fn push_cdata(out: &mut String, s: &str) {
    out.push_str("<![CDATA[");
    let s = xml_chars(s);
    let mut rest = &*s;
    while let Some(i) = rest.find("]]>") {
        out.push_str(&rest[..i]);
        out.push_str("]]]]><![CDATA[>");
        rest = &rest[i + 3..];
    }
    out.push_str(rest);
    out.push_str("]]>");
}

/// `s` without the characters XML 1.0 cannot carry.
fn xml_chars(s: &str) -> Cow<'_, str> {
    // Fast path for the common case (base64, ids, plain text): printable ASCII plus tab, CR
    // and LF are all XML characters, and `is_ascii` is vectorised.
    let plain_ascii = s.is_ascii()
        && s.bytes()
            .all(|b| b >= 0x20 || matches!(b, b'\t' | b'\n' | b'\r'));
    if plain_ascii || s.chars().all(is_xml_char) {
        Cow::Borrowed(s)
    } else {
        Cow::Owned(s.chars().filter(|c| is_xml_char(*c)).collect())
    }
}

fn is_xml_char(c: char) -> bool {
    matches!(c, '\t' | '\n' | '\r' | '\u{20}'..='\u{D7FF}' | '\u{E000}'..='\u{FFFD}' | '\u{10000}'..)
}

/// `<Name><![CDATA[value]]></Name>`
pub fn push_cdata_element(out: &mut String, name: &str, value: &str) {
    out.push('<');
    out.push_str(name);
    out.push('>');
    push_cdata(out, value);
    out.push_str("</");
    out.push_str(name);
    out.push('>');
}

/// `<Name>value</Name>` for numbers.
pub fn push_number_element(out: &mut String, name: &str, value: i64) {
    use std::fmt::Write;
    let _ = write!(out, "<{name}>{value}</{name}>");
}

/// The envelope of a safe-mode push, as WeChat sends it.
pub fn push_envelope(to_user: &str, encrypt: &str) -> String {
    let mut out = String::with_capacity(encrypt.len() + 100);
    out.push_str("<xml>");
    push_cdata_element(&mut out, "ToUserName", to_user);
    push_cdata_element(&mut out, "Encrypt", encrypt);
    out.push_str("</xml>");
    out
}

/// The encrypted reply envelope WeChat expects in safe and compatible mode.
pub fn encrypted_envelope(
    encrypt: &str,
    msg_signature: &str,
    timestamp: i64,
    nonce: &str,
) -> String {
    let mut out = String::with_capacity(encrypt.len() + 200);
    out.push_str("<xml>");
    push_cdata_element(&mut out, "Encrypt", encrypt);
    push_cdata_element(&mut out, "MsgSignature", msg_signature);
    push_number_element(&mut out, "TimeStamp", timestamp);
    push_cdata_element(&mut out, "Nonce", nonce);
    out.push_str("</xml>");
    out
}

/// proptest strategies shared by the property tests of the core and of `backend`.
#[cfg(test)]
pub(crate) mod strategies {
    use proptest::prelude::*;

    /// Text a user or a backend might send, biased toward what breaks XML: `]]>` and its
    /// pieces, markup, references, control characters, CR/LF, CJK and astral characters.
    pub fn text() -> impl Strategy<Value = String> {
        let piece = prop_oneof![
            3 => any::<String>(),
            2 => any::<char>().prop_map(String::from),
            2 => prop::sample::select(vec![
                "]]>", "]]", "]", ">", "<", "&", "&amp;", "&#1;", "<![CDATA[", "</xml>", "<xml>",
                "\0", "\u{1}", "\u{1f}", "\u{7f}", "\r\n", "\r", "\t", " ", "中文", "🀄",
                "\u{fffe}", "\u{feff}", "]]\u{0}>",
            ])
            .prop_map(str::to_owned),
        ];
        prop::collection::vec(piece, 0..8).prop_map(|v| v.concat())
    }

    /// What XML 1.0 can carry of `s`: the text a writer here emits for it, read back.
    pub fn xml_chars(s: &str) -> String {
        super::xml_chars(s).into_owned()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_cdata_text_and_children() {
        let x = "<xml>\n <ToUserName><![CDATA[gh_1]]></ToUserName>\n <CreateTime>12</CreateTime>\n <ScanCodeInfo><ScanType><![CDATA[qrcode]]></ScanType></ScanCodeInfo>\n</xml>";
        let root = parse(x).unwrap();
        assert_eq!(root.name, "xml");
        assert_eq!(root.text, "");
        assert_eq!(root.text_of("ToUserName"), Some("gh_1"));
        assert_eq!(root.text_of("CreateTime"), Some("12"));
        assert_eq!(
            root.child("ScanCodeInfo").unwrap().text_of("ScanType"),
            Some("qrcode")
        );
    }

    #[test]
    fn predefined_and_char_references_resolve() {
        let root = parse("<xml><C>a &amp; b &lt; &#x4e2d;&#25991;</C></xml>").unwrap();
        assert_eq!(root.text_of("C"), Some("a & b < 中文"));
    }

    #[test]
    fn doctype_and_entities_are_refused_never_expanded() {
        let xxe = r#"<?xml version="1.0"?><!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]><xml><C>&e;</C></xml>"#;
        assert_eq!(parse(xxe).unwrap_err(), Error::XmlDoctype);
        let bomb = r#"<!DOCTYPE x [<!ENTITY a "aaaa"><!ENTITY b "&a;&a;&a;">]><xml>&b;</xml>"#;
        assert_eq!(parse(bomb).unwrap_err(), Error::XmlDoctype);
        assert!(matches!(
            parse("<xml><C>&e;</C></xml>").unwrap_err(),
            Error::Xml(_)
        ));
    }

    #[test]
    fn malformed_documents_are_errors() {
        for bad in [
            "",
            "garbage",
            "<xml>",
            "<xml></yml>",
            "<xml></xml><xml></xml>",
            "<xml></xml>trailing",
            "</xml>",
            "<xml><a></xml>",
        ] {
            assert!(parse(bad).is_err(), "{bad:?} should fail");
        }
        let deep = format!("{}{}", "<a>".repeat(100), "</a>".repeat(100));
        assert!(parse(&deep).is_err());
    }

    #[test]
    fn cdata_cannot_be_broken_out_of() {
        let mut out = String::new();
        push_cdata_element(&mut out, "Content", "a]]><x>inj</x>\u{1}b");
        let root = parse(&format!("<xml>{out}</xml>")).unwrap();
        assert_eq!(root.children.len(), 1);
        assert_eq!(root.text_of("Content"), Some("a]]><x>inj</x>b"));
    }

    // Issue 8 (the backend_reply fuzz target): dropping a control character must not join
    // `]]` and `>` into the section's terminator.
    #[test]
    fn dropped_characters_cannot_form_a_terminator() {
        for (text, read) in [
            ("]]\u{0}>", "]]>"),
            ("a]]\u{1}><x>inj</x>", "a]]><x>inj</x>"),
            ("]\u{1f}]\u{0}>]]>", "]]>]]>"),
        ] {
            let mut out = String::new();
            push_cdata_element(&mut out, "Content", text);
            let root = parse(&format!("<xml>{out}</xml>")).unwrap_or_else(|e| panic!("{out}: {e}"));
            assert_eq!(root.children.len(), 1, "{out}");
            assert_eq!(root.text_of("Content"), Some(read), "{out}");
        }
    }

    #[test]
    fn envelope_shape() {
        assert_eq!(
            encrypted_envelope("E", "S", 7, "N"),
            "<xml><Encrypt><![CDATA[E]]></Encrypt><MsgSignature><![CDATA[S]]></MsgSignature><TimeStamp>7</TimeStamp><Nonce><![CDATA[N]]></Nonce></xml>"
        );
    }
}
