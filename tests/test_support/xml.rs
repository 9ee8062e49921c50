//! A small element tree read with quick-xml, strictly: end tags must match,
//! entities and character references are resolved the way XML 1.0 says,
//! attribute values are normalised, and anything after the root element
//! other than whitespace, comments or processing instructions is an error.

use quick_xml::events::Event;
use quick_xml::Reader;
use quick_xml::XmlVersion;

#[derive(Clone, Debug, PartialEq)]
pub struct Element {
    pub name: String,
    pub attributes: Vec<(String, String)>,
    pub children: Vec<Element>,
    /// The character data directly inside the element, concatenated.
    pub text: String,
}

impl Element {
    pub fn attribute(&self, name: &str) -> Option<&str> {
        self.attributes
            .iter()
            .find(|(key, _)| key == name)
            .map(|(_, value)| value.as_str())
    }

    pub fn children_named<'a>(&'a self, name: &'a str) -> impl Iterator<Item = &'a Element> {
        self.children.iter().filter(move |c| c.name == name)
    }

    /// Every element below this one (itself included), depth first.
    pub fn descendants(&self) -> Vec<&Element> {
        let mut out = vec![self];
        for child in &self.children {
            out.extend(child.descendants());
        }
        out
    }
}

fn start(event: &quick_xml::events::BytesStart<'_>) -> Result<Element, String> {
    let name = String::from_utf8_lossy(event.name().as_ref()).into_owned();
    let mut attributes = Vec::new();
    for attribute in event.attributes() {
        let attribute = attribute.map_err(|e| format!("bad attribute in <{name}>: {e}"))?;
        let key = String::from_utf8_lossy(attribute.key.as_ref()).into_owned();
        let value = attribute
            .normalized_value(XmlVersion::Explicit1_0)
            .map_err(|e| format!("bad value of `{key}` in <{name}>: {e}"))?
            .into_owned();
        legal_characters(&value)?;
        if attributes.iter().any(|(k, _)| *k == key) {
            return Err(format!("attribute `{key}` twice in <{name}>"));
        }
        attributes.push((key, value));
    }
    Ok(Element {
        name,
        attributes,
        children: Vec::new(),
        text: String::new(),
    })
}

/// XML 1.0 `Char`: no control characters but tab, line feed and carriage
/// return, and no U+FFFE or U+FFFF, whether written or referenced.
fn legal_characters(text: &str) -> Result<(), String> {
    match text.chars().find(|&c| {
        (c < ' ' && !matches!(c, '\t' | '\n' | '\r')) || c == '\u{FFFE}' || c == '\u{FFFF}'
    }) {
        Some(c) => Err(format!(
            "character U+{:04X} is not allowed in XML 1.0",
            c as u32
        )),
        None => Ok(()),
    }
}

/// Parses a whole document into its root element.
pub fn parse(text: &str) -> Result<Element, String> {
    let mut reader = Reader::from_str(text);
    reader.config_mut().check_end_names = true;
    let mut stack: Vec<Element> = Vec::new();
    let mut root: Option<Element> = None;
    loop {
        let event = reader
            .read_event()
            .map_err(|e| format!("not well-formed at byte {}: {e}", reader.buffer_position()))?;
        match event {
            Event::Start(e) => {
                if root.is_some() {
                    return Err("a second root element".into());
                }
                stack.push(start(&e)?);
            }
            Event::Empty(e) => {
                let element = start(&e)?;
                match stack.last_mut() {
                    Some(parent) => parent.children.push(element),
                    None if root.is_none() => root = Some(element),
                    None => return Err("a second root element".into()),
                }
            }
            Event::End(_) => {
                let element = stack.pop().ok_or("an end tag without a start")?;
                match stack.last_mut() {
                    Some(parent) => parent.children.push(element),
                    None => root = Some(element),
                }
            }
            Event::Text(t) => {
                let content = t.xml10_content().map_err(|e| e.to_string())?;
                legal_characters(&content)?;
                match stack.last_mut() {
                    Some(parent) => parent.text.push_str(&content),
                    None if content.trim().is_empty() => {}
                    None => return Err(format!("text outside the root element: {content:?}")),
                }
            }
            Event::GeneralRef(r) => {
                let resolved = match r.resolve_char_ref().map_err(|e| e.to_string())? {
                    Some(c) if legal_characters(&c.to_string()).is_err() => {
                        return Err(format!("character reference to U+{:04X}", c as u32))
                    }
                    Some(c) => c.to_string(),
                    None => match r.decode().map_err(|e| e.to_string())?.as_ref() {
                        "amp" => "&".into(),
                        "lt" => "<".into(),
                        "gt" => ">".into(),
                        "quot" => "\"".into(),
                        "apos" => "'".into(),
                        other => return Err(format!("undeclared entity `&{other};`")),
                    },
                };
                match stack.last_mut() {
                    Some(parent) => parent.text.push_str(&resolved),
                    None => return Err("a reference outside the root element".into()),
                }
            }
            Event::CData(c) => match stack.last_mut() {
                Some(parent) => parent
                    .text
                    .push_str(&c.xml10_content().map_err(|e| e.to_string())?),
                None => return Err("CDATA outside the root element".into()),
            },
            Event::Decl(_) | Event::Comment(_) | Event::PI(_) => {}
            Event::DocType(_) => return Err("unexpected DOCTYPE".into()),
            Event::Eof => break,
        }
    }
    if !stack.is_empty() {
        return Err(format!("unclosed <{}>", stack[stack.len() - 1].name));
    }
    root.ok_or_else(|| "no root element".into())
}
