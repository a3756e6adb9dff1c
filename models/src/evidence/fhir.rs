//! FHIR Device resources (R4 and R5 element names): UDI carrier (checked against the
//! GUDID extract), manufacturer, name and model, version, type coding, and whether they
//! name the candidate's device. A Bundle is read for its Device entries, each named.

use serde_json::Value;

use super::gudid;
use super::{same_name, Candidate, Finding, OTHER_DEVICE};

/// Checks a JSON resource: (Devices read, findings), or why it is no FHIR Device.
pub fn check_json(value: &Value, candidate: &Candidate) -> Result<(usize, Vec<Finding>), String> {
    let kind = value
        .get("resourceType")
        .and_then(Value::as_str)
        .ok_or("JSON without a resourceType, so not a FHIR resource")?;
    match kind {
        "Device" => Ok((1, device(value, "Device", candidate))),
        "Bundle" => bundle(value, candidate),
        other => Err(format!("a FHIR {other} resource, not a Device")),
    }
}

fn bundle(value: &Value, candidate: &Candidate) -> Result<(usize, Vec<Finding>), String> {
    let entries = value
        .get("entry")
        .and_then(Value::as_array)
        .map(Vec::as_slice)
        .unwrap_or_default();
    let mut out = Vec::new();
    let mut devices = 0;
    for (i, e) in entries.iter().enumerate() {
        let Some(r) = e.get("resource") else { continue };
        if r.get("resourceType").and_then(Value::as_str) == Some("Device") {
            devices += 1;
            let id = r.get("id").and_then(Value::as_str).unwrap_or("");
            out.push(Finding::confirmed(
                "FHIR Device",
                format!("a Bundle: its Device entry {i} (id {id:?}) is read"),
                format!("Bundle.entry[{i}]"),
            ));
            out.extend(device(r, &format!("Bundle.entry[{i}].resource"), candidate));
        }
    }
    if devices == 0 {
        return Err(format!(
            "a FHIR Bundle of {} entries with no Device in it",
            entries.len()
        ));
    }
    Ok((devices, out))
}

fn text<'a>(v: &'a Value, key: &str) -> Option<&'a str> {
    v.get(key)
        .and_then(Value::as_str)
        .filter(|s| !s.trim().is_empty())
}

fn device(d: &Value, at: &str, candidate: &Candidate) -> Vec<Finding> {
    let mut out = Vec::new();
    udi(d, at, candidate, &mut out);
    let manufacturer = text(d, "manufacturer");
    match manufacturer {
        Some(m) => out.push(Finding::confirmed(
            "manufacturer",
            format!("manufacturer {m:?}"),
            format!("{at}.manufacturer"),
        )),
        None => out.push(Finding::gap(
            "manufacturer",
            "no manufacturer: the Device does not say who made it",
            format!("{at}.manufacturer"),
        )),
    }
    let names: Vec<&str> = d
        .get("deviceName")
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
        .filter_map(|n| text(n, "name"))
        .collect();
    let model = text(d, "modelNumber");
    match (names.first(), model) {
        (_, Some(m)) => out.push(Finding::confirmed(
            "name and model",
            format!("model number {m:?}"),
            format!("{at}.modelNumber"),
        )),
        (Some(n), None) => out.push(Finding::confirmed(
            "name and model",
            format!("device name {n:?} (no model number)"),
            format!("{at}.deviceName"),
        )),
        (None, None) => out.push(Finding::gap(
            "name and model",
            "neither deviceName nor modelNumber",
            at.to_string(),
        )),
    }
    let versions: Vec<&str> = d
        .get("version")
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
        .filter_map(|v| text(v, "value"))
        .collect();
    if versions.is_empty() {
        out.push(Finding::gap(
            "software version",
            "no version: the software or firmware release is not stated",
            format!("{at}.version"),
        ));
    } else {
        out.push(Finding::confirmed(
            "software version",
            format!("version {}", versions.join(", ")),
            format!("{at}.version"),
        ));
    }
    device_type(d, at, &mut out);
    identity(at, manufacturer, model, &names, candidate, &mut out);
    out
}

fn udi(d: &Value, at: &str, candidate: &Candidate, out: &mut Vec<Finding>) {
    let carriers = d
        .get("udiCarrier")
        .and_then(Value::as_array)
        .map(Vec::as_slice)
        .unwrap_or_default();
    let dis: Vec<(usize, &str)> = carriers
        .iter()
        .enumerate()
        .filter_map(|(i, c)| text(c, "deviceIdentifier").map(|di| (i, di)))
        .collect();
    if dis.is_empty() {
        out.push(Finding::gap(
            "UDI",
            "no udiCarrier.deviceIdentifier: the device cannot be looked up in GUDID",
            format!("{at}.udiCarrier"),
        ));
    }
    for (i, di) in dis {
        let place = format!("{at}.udiCarrier[{i}].deviceIdentifier");
        match gudid::lookup(di) {
            Some(r) => {
                if let Some(expected) = candidate.manufacturer.as_deref().filter(|m| !same_name(&r.company, m)) {
                    out.push(Finding::gap("device identity", format!("GUDID registers device identifier {di} to {}, not the candidate's {expected:?}: {OTHER_DEVICE}", r.company), place.clone()));
                }
                out.push(Finding::confirmed("UDI", format!("device identifier {di} is known to GUDID: {}, {} model {}", r.company, r.brand, r.model), place));
            }
            None => out.push(Finding::gap("UDI", format!("device identifier {di} is not in the GUDID extract shipped with Caliper: unconfirmed, look it up at accessgudid.nlm.nih.gov"), place)),
        }
    }
}

fn device_type(d: &Value, at: &str, out: &mut Vec<Finding>) {
    // R4: type is one CodeableConcept; R5: a list of them.
    let types: Vec<&Value> = match d.get("type") {
        Some(Value::Array(a)) => a.iter().collect(),
        Some(t) => vec![t],
        None => Vec::new(),
    };
    let codings: Vec<(&str, &str)> = types
        .iter()
        .flat_map(|t| {
            t.get("coding")
                .and_then(Value::as_array)
                .into_iter()
                .flatten()
        })
        .filter_map(|c| Some((text(c, "system")?, text(c, "code")?)))
        .collect();
    match codings.first() {
        Some((system, code)) => out.push(Finding::confirmed(
            "device type",
            format!("type coded {code} in {system}"),
            format!("{at}.type"),
        )),
        None => out.push(Finding::gap(
            "device type",
            "no type coding with a system and a code: the device kind is free text or absent",
            format!("{at}.type"),
        )),
    }
}

fn identity(
    at: &str,
    manufacturer: Option<&str>,
    model: Option<&str>,
    names: &[&str],
    candidate: &Candidate,
    out: &mut Vec<Finding>,
) {
    if let (Some(expected), Some(seen)) = (candidate.manufacturer.as_deref(), manufacturer) {
        if !same_name(seen, expected) {
            out.push(Finding::gap("device identity", format!("the Device names manufacturer {seen:?}, not the candidate's {expected:?}: {OTHER_DEVICE}"), format!("{at}.manufacturer")));
        }
    }
    if let Some(expected) = candidate.model.as_deref() {
        let mut seen: Vec<&str> = model.into_iter().chain(names.iter().copied()).collect();
        seen.dedup();
        seen.sort_unstable();
        seen.dedup();
        if !seen.is_empty() && !seen.iter().any(|s| same_name(s, expected)) {
            out.push(Finding::gap(
                "device identity",
                format!(
                    "the Device names model {:?}, not the candidate's {expected:?}: {OTHER_DEVICE}",
                    seen.join(" / ")
                ),
                format!("{at}.modelNumber"),
            ));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::evidence::FindingKind;
    use serde_json::json;

    #[test]
    fn r5_type_lists_and_missing_elements_are_read() {
        let d = json!({"resourceType": "Device", "type": [{"coding": [{"system": "urn:iso:std:iso:11073:10101", "code": "69965"}]}]});
        let (n, f) = check_json(&d, &Candidate::default()).unwrap();
        assert_eq!(n, 1);
        let gaps: Vec<&str> = f
            .iter()
            .filter(|f| f.kind == FindingKind::Gap)
            .map(|f| f.capability.as_str())
            .collect();
        assert_eq!(
            gaps,
            ["UDI", "manufacturer", "name and model", "software version"]
        );
    }

    #[test]
    fn other_resources_are_refused_by_name() {
        let e = check_json(&json!({"resourceType": "Patient"}), &Candidate::default()).unwrap_err();
        assert_eq!(e, "a FHIR Patient resource, not a Device");
        assert!(check_json(&json!({"a": 1}), &Candidate::default()).is_err());
    }
}
