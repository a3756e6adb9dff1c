//! FHIR XML read into the JSON form, so that one set of checks serves both: primitives
//! are `<name value="..."/>`, a resource is an element named by its type, narrative
//! (`text`'s XHTML `div`) is skipped, and the elements a Device check reads as lists are
//! made lists even when they occur once.

use quick_xml::events::{BytesStart, Event};
use serde_json::{Map, Value};

/// Elements that are lists in FHIR JSON.
const LISTS: &[&str] = &[
    "udiCarrier",
    "deviceName",
    "version",
    "coding",
    "entry",
    "identifier",
    "contact",
    "note",
    "safety",
    "property",
    "specialization",
    "extension",
];

const RESOURCE: &str = "\u{0}resource";

/// The resource in `text` as FHIR JSON, or why the XML does not read.
pub fn to_json(text: &str) -> Result<Value, String> {
    let mut reader = quick_xml::Reader::from_str(text);
    let mut stack: Vec<(String, Map<String, Value>)> = Vec::new();
    let mut skip = 0usize;
    loop {
        let event = reader
            .read_event()
            .map_err(|e| format!("XML that does not parse ({e})"))?;
        match event {
            Event::Start(e) if skip > 0 || local(&e) == "div" => skip += 1,
            Event::End(_) if skip > 0 => skip -= 1,
            Event::Start(e) => stack.push((local(&e), start_map(&e))),
            Event::Empty(e) if skip == 0 => {
                let (name, map) = (local(&e), start_map(&e));
                let value = finish(&name, map);
                if let Some(root) = insert(&mut stack, name, value) {
                    return Ok(root);
                }
            }
            Event::End(_) => {
                let (name, map) = stack.pop().ok_or("XML with an unbalanced end tag")?;
                let value = finish(&name, map);
                if let Some(root) = insert(&mut stack, name, value) {
                    return Ok(root);
                }
            }
            Event::Eof => return Err("XML that ends before its root element closes".into()),
            _ => {}
        }
    }
}

fn local(e: &BytesStart<'_>) -> String {
    String::from_utf8_lossy(e.local_name().as_ref()).into_owned()
}

fn start_map(e: &BytesStart<'_>) -> Map<String, Value> {
    let mut map = Map::new();
    for a in e.attributes().flatten() {
        if a.key.as_ref() == b"value" {
            let raw = String::from_utf8_lossy(&a.value);
            let v = quick_xml::escape::unescape(&raw)
                .map_or_else(|_| raw.to_string(), |c| c.into_owned());
            map.insert("value".into(), Value::String(v));
        }
    }
    map
}

/// A primitive becomes its value, a resource gets its `resourceType`, a `resource`
/// wrapper becomes the resource it holds.
fn finish(name: &str, mut map: Map<String, Value>) -> Value {
    if let Some(inner) = map.remove(RESOURCE) {
        return inner;
    }
    if map.len() == 1 {
        if let Some(Value::String(s)) = map.get("value") {
            return Value::String(s.clone());
        }
    }
    if name.starts_with(|c: char| c.is_ascii_uppercase()) {
        map.insert("resourceType".into(), Value::String(name.to_string()));
    }
    Value::Object(map)
}

/// Puts `value` into the element on top of the stack; returns it when it is the root.
fn insert(stack: &mut [(String, Map<String, Value>)], name: String, value: Value) -> Option<Value> {
    let Some((_, parent)) = stack.last_mut() else {
        return Some(value);
    };
    if name.starts_with(|c: char| c.is_ascii_uppercase()) {
        parent.insert(RESOURCE.into(), value);
    } else if LISTS.contains(&name.as_str()) {
        let list = parent
            .entry(name)
            .or_insert_with(|| Value::Array(Vec::new()));
        if let Value::Array(items) = list {
            items.push(value);
        }
    } else {
        parent.insert(name, value);
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn primitives_lists_narrative_and_resources() {
        let xml = r#"<Bundle xmlns="http://hl7.org/fhir"><entry><resource><Device>
            <text><status value="generated"/><div xmlns="http://www.w3.org/1999/xhtml"><p>x<b>y</b></p></div></text>
            <udiCarrier><deviceIdentifier value="00844588003288"/></udiCarrier>
            <manufacturer value="Acme &amp; Co"/>
            <type><coding><system value="http://snomed.info/sct"/><code value="1"/></coding></type>
            </Device></resource></entry></Bundle>"#;
        let v = to_json(xml).unwrap();
        assert_eq!(v["resourceType"], "Bundle");
        let d = &v["entry"][0]["resource"];
        assert_eq!(d["resourceType"], "Device");
        assert_eq!(d["udiCarrier"][0]["deviceIdentifier"], "00844588003288");
        assert_eq!(d["manufacturer"], "Acme & Co");
        assert_eq!(d["type"]["coding"][0]["code"], "1");
        assert!(d["text"].get("div").is_none());
        assert!(to_json("<Device>").is_err());
    }
}
