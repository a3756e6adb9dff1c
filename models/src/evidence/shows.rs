//! What a sample shows of the device's interface, value by value with the first place it
//! is seen: the HL7 v2 versions (MSH-12), character sets (MSH-18), segments and the PCD-01
//! profile (MSH-21) of a message file; the FHIR release and resource of a Device. These are
//! the facts held against the site profile (`site`) and against the candidate's claims in
//! the compatibility report.

use serde::Serialize;
use serde_json::Value;
use ts_rs::TS;

use super::hl7::{self, Message};
use super::pcd01::{PROFILE_NAME, PROFILE_OID};

/// One value a sample shows, and where it is first seen.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct Sighting {
    pub value: String,
    pub place: String,
}

/// The interface facts of one sample file; empty lists where the format says nothing.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, TS)]
pub struct Shown {
    /// MSH-12 of each message.
    pub hl7v2_versions: Vec<Sighting>,
    /// MSH-18 of each message; an empty MSH-18 is `ASCII`, the HL7 v2 default.
    pub character_sets: Vec<Sighting>,
    /// The segment ids of the messages (MSH, PID, OBR, ...).
    pub segments: Vec<Sighting>,
    /// `DEC` where an ORU^R01 declares the IHE PCD-01 profile in MSH-21.
    pub ihe_profiles: Vec<Sighting>,
    /// The FHIR release, told from the element names the resource uses.
    pub fhir_releases: Vec<Sighting>,
    /// `Device` for a FHIR Device resource (or a Bundle holding one).
    pub fhir_resources: Vec<Sighting>,
}

impl Shown {
    fn note(list: &mut Vec<Sighting>, value: impl Into<String>, place: impl FnOnce() -> String) {
        let value = value.into();
        if !list.iter().any(|s| s.value == value) {
            list.push(Sighting {
                value,
                place: place(),
            });
        }
    }
}

/// The messages of an HL7 v2 file, in the first-seen order of each value.
pub fn hl7v2(text: &str) -> Shown {
    let (messages, _) = hl7::read(text);
    let many = messages.len() > 1;
    let mut shown = Shown::default();
    for (i, m) in messages.iter().enumerate() {
        let msh = &m.segments[0];
        let at = |field: &str| {
            let msg = if many {
                format!(", message {}", i + 1)
            } else {
                String::new()
            };
            format!("line {}{msg}, {field}", msh.line)
        };
        let version = m.component(msh.field(12), 1);
        if !version.is_empty() {
            Shown::note(&mut shown.hl7v2_versions, version, || at("MSH-12"));
        }
        let charset = m.component(msh.field(18), 1);
        let charset = if charset.is_empty() {
            "ASCII".to_string()
        } else {
            charset
        };
        Shown::note(&mut shown.character_sets, charset, || at("MSH-18"));
        if declares_pcd01(m) {
            Shown::note(&mut shown.ihe_profiles, "DEC", || at("MSH-21"));
        }
        for s in &m.segments {
            Shown::note(&mut shown.segments, s.id.clone(), || {
                let msg = if many {
                    format!(", message {}", i + 1)
                } else {
                    String::new()
                };
                format!("line {}{msg}, {}", s.line, s.id)
            });
        }
    }
    shown
}

/// An ORU^R01 that declares the PCD-01 profile: the DEC profile's transaction.
fn declares_pcd01(m: &Message) -> bool {
    let msh = &m.segments[0];
    let oru = m.component(msh.field(9), 1) == "ORU" && m.component(msh.field(9), 2) == "R01";
    let (name, oid) = (m.component(msh.field(21), 1), m.component(msh.field(21), 3));
    oru && (name == PROFILE_NAME || oid == PROFILE_OID)
}

/// A FHIR Device (or the Devices of a Bundle): the resource, and the release its element
/// names belong to.
pub fn fhir(value: &Value) -> Shown {
    let mut shown = Shown::default();
    let mut devices: Vec<(String, &Value)> = Vec::new();
    match value.get("resourceType").and_then(Value::as_str) {
        Some("Device") => devices.push(("Device".into(), value)),
        Some("Bundle") => {
            let entries = value.get("entry").and_then(Value::as_array);
            for (i, e) in entries.into_iter().flatten().enumerate() {
                if let Some(r) = e.get("resource") {
                    if r.get("resourceType").and_then(Value::as_str) == Some("Device") {
                        devices.push((format!("Bundle.entry[{i}].resource"), r));
                    }
                }
            }
        }
        _ => {}
    }
    for (at, d) in devices {
        Shown::note(&mut shown.fhir_resources, "Device", || at.clone());
        if let Some((release, element)) = release(d) {
            Shown::note(&mut shown.fhir_releases, release, || {
                format!("{at}.{element}")
            });
        }
    }
    shown
}

/// The FHIR release a Device's element names belong to: STU3 has `udi` and `model`; R4
/// `deviceName` and one `type`; R5 `name` and a list of `type`s. `None` when the resource
/// uses none of the telling elements.
fn release(d: &Value) -> Option<(&'static str, &'static str)> {
    if d.get("udi").is_some_and(Value::is_object) {
        return Some(("STU3", "udi"));
    }
    if d.get("model").is_some_and(Value::is_string) {
        return Some(("STU3", "model"));
    }
    if d.get("name").is_some_and(Value::is_array) {
        return Some(("R5", "name"));
    }
    if d.get("type").is_some_and(Value::is_array) {
        return Some(("R5", "type"));
    }
    if d.get("deviceName").is_some() {
        return Some(("R4", "deviceName"));
    }
    if d.get("type").is_some_and(Value::is_object) {
        return Some(("R4", "type"));
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn versions_character_sets_segments_and_the_profile_are_noted_once_each() {
        let text = "MSH|^~\\&|A|B|C|D|20240101120000+0100||ORU^R01^ORU_R01|1|P|2.6|||AL|NE||UNICODE UTF-8|||IHE PCD ORU-R01 2006^HL7^1.3.6.1.4.1.19376.1.6.1.1.1^ISO\rPID|||1\rOBR|1\rOBX|1\r\
MSH|^~\\&|A|B|C|D|20240101120000+0100||ORU^R01^ORU_R01|2|P|2.5\rPID|||1\rOBR|1\r";
        let s = hl7v2(text);
        let values = |l: &[Sighting]| l.iter().map(|s| s.value.clone()).collect::<Vec<_>>();
        assert_eq!(values(&s.hl7v2_versions), ["2.6", "2.5"]);
        assert_eq!(s.hl7v2_versions[1].place, "line 5, message 2, MSH-12");
        assert_eq!(values(&s.character_sets), ["UNICODE UTF-8", "ASCII"]);
        assert_eq!(values(&s.segments), ["MSH", "PID", "OBR", "OBX"]);
        assert_eq!(values(&s.ihe_profiles), ["DEC"]);
        assert_eq!(s.ihe_profiles[0].place, "line 1, message 1, MSH-21");
    }

    #[test]
    fn the_fhir_release_is_told_from_element_names() {
        let r4 = json!({"resourceType": "Device", "deviceName": [{"name": "X"}]});
        let r5 = json!({"resourceType": "Device", "name": [{"value": "X"}]});
        let stu3 = json!({"resourceType": "Device", "model": "X"});
        let bare = json!({"resourceType": "Device", "id": "x"});
        assert_eq!(fhir(&r4).fhir_releases[0].value, "R4");
        assert_eq!(fhir(&r5).fhir_releases[0].place, "Device.name");
        assert_eq!(fhir(&stu3).fhir_releases[0].value, "STU3");
        assert!(fhir(&bare).fhir_releases.is_empty());
        assert_eq!(fhir(&bare).fhir_resources[0].value, "Device");
        let bundle = json!({"resourceType": "Bundle", "entry": [{"resource": {"resourceType": "Patient"}}, {"resource": r4}]});
        assert_eq!(
            fhir(&bundle).fhir_releases[0].place,
            "Bundle.entry[1].resource.deviceName"
        );
    }
}
