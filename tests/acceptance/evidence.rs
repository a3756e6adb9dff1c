//! Evidence of EHR compatibility through the CLI: published IHE PCD-01 example messages
//! (IHE PCD Technical Framework Vol 2, the blood pressure ORU^R01 examples) and FHIR
//! Device examples (hl7.org/fhir device-example.json, device-example-udi1.json), and bad
//! input: LF terminators, a mixed batch, a Bundle, another device's identifiers, a file
//! that is neither HL7 v2 nor FHIR. Sources in tests/fixtures/evidence/README.md.

use caliper_tests::caliper;
use serde_json::Value;

fn fixture(name: &str) -> String {
    format!("tests/fixtures/evidence/{name}")
}

/// `caliper evidence check FILE [extra] --json`: must exit 0 (findings are a report).
fn check(name: &str, extra: &[&str]) -> Value {
    let file = fixture(name);
    let mut args = vec!["evidence", "check", file.as_str()];
    args.extend_from_slice(extra);
    args.push("--json");
    let o = caliper(&args);
    assert!(
        o.status.success(),
        "{args:?}: {}",
        String::from_utf8_lossy(&o.stderr)
    );
    serde_json::from_slice(&o.stdout).unwrap()
}

fn findings<'a>(report: &'a Value, kind: &str) -> Vec<&'a Value> {
    report["findings"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|f| f["kind"] == kind)
        .collect()
}

/// The one finding of `kind` whose detail contains `text`; fails with the report.
fn one<'a>(report: &'a Value, kind: &str, text: &str) -> &'a Value {
    let hits: Vec<&Value> = findings(report, kind)
        .into_iter()
        .filter(|f| f["detail"].as_str().unwrap().contains(text))
        .collect();
    assert_eq!(hits.len(), 1, "{kind} {text:?} in {report:#}");
    hits[0]
}

#[test]
fn the_published_pcd01_examples_confirm_every_requirement() {
    for name in ["pcd01-bp-example.hl7", "pcd01-bp-time-sync.hl7"] {
        let r = check(name, &[]);
        assert_eq!(r["format"], "hl7v2");
        assert_eq!(r["items"], 1);
        assert_eq!(r["gaps"], 0, "{name}: {r:#}");
        for cap in [
            "PCD-01 message type",
            "HL7 version",
            "PCD-01 profile",
            "PCD-01 segment order",
            "patient identifier",
            "MDC observation codes",
            "UCUM units",
            "time zone",
            "equipment identifier",
        ] {
            assert!(
                findings(&r, "confirmed")
                    .iter()
                    .any(|f| f["capability"] == cap),
                "{name}: {cap} not confirmed"
            );
        }
    }
    let r = check("pcd01-bp-example.hl7", &[]);
    let eq = one(&r, "confirmed", "0123456789ABCDEF");
    assert_eq!(eq["place"], "line 4, OBX[1]-18");
    assert_eq!(
        one(&r, "confirmed", "4 of 4 OBX-3 codes are MDC")["capability"],
        "MDC observation codes"
    );
    let unit = &findings(&r, "confirmed")
        .into_iter()
        .find(|f| f["capability"] == "UCUM units")
        .unwrap()["detail"];
    assert_eq!(unit, "OBX-6 unit is UCUM mm[Hg]");
}

#[test]
fn crlf_is_read_and_lf_only_is_a_named_gap() {
    let crlf = check("pcd01-bp-time-sync.hl7", &[]);
    assert_eq!(
        one(&crlf, "confirmed", "OBX-14 20091028173702+0000")["place"],
        "line 10, OBX[7]-14"
    );
    let lf = check("pcd01-bp-lf-terminated.hl7", &[]);
    assert_eq!(lf["gaps"], 1);
    let gap = one(
        &lf,
        "gap",
        "segment terminator is LF, not CR (HL7 v2 requires CR)",
    );
    assert_eq!(gap["place"], "whole file");
    // The messages are still read.
    assert_eq!(lf["items"], 1);
}

#[test]
fn a_mixed_batch_names_the_other_message_and_its_gaps() {
    let r = check("pcd01-mixed-batch.hl7", &[]);
    assert_eq!(r["items"], 2);
    one(
        &r,
        "confirmed",
        "batch of 2 messages with wrappers FHS, BHS, BTS, FTS",
    );
    let mixed = one(&r, "gap", "mixed batch");
    assert_eq!(mixed["place"], "line 10, message 2, MSH-9");
    let local = one(&r, "gap", "\"HR^Heart rate^L\"");
    assert_eq!(local["place"], "line 13, message 2, OBX[1]-3");
    assert!(local["detail"]
        .as_str()
        .unwrap()
        .contains("the interface engine needs a mapping table"));
    assert_eq!(
        one(&r, "gap", "MSH-12 is \"2.3\"")["place"],
        "line 10, message 2, MSH-12"
    );
    one(&r, "gap", "MSH-7 20130122134100 has no time zone offset");
    one(&r, "gap", "\"bpm^^L\" is not UCUM");
    assert_eq!(
        one(&r, "gap", "no OBX-18 equipment instance identifier")["place"],
        "line 10, message 2, MSH"
    );
    // Message 1 stays confirmed.
    assert_eq!(
        one(&r, "confirmed", "PID-3 gives patient id \"789567\"")["place"],
        "line 4, message 1, PID-3"
    );
}

#[test]
fn a_message_from_another_device_is_a_gap_with_its_place() {
    let r = check(
        "pcd01-other-device.hl7",
        &["--manufacturer", "Acme", "--model", "PM/Octane"],
    );
    let m = one(
        &r,
        "gap",
        "manufacturer \"Zeta Medical\", not the candidate's \"Acme\"",
    );
    assert_eq!(m["place"], "line 5, OBX[2]-5");
    let model = one(&r, "gap", "model \"ZM-200\"");
    assert_eq!(model["place"], "line 6, OBX[3]-5");
    // The published example's sender is Acme: the candidate is confirmed.
    let ok = check("pcd01-bp-example.hl7", &["--manufacturer", "Acme"]);
    assert_eq!(
        one(&ok, "confirmed", "manufacturer \"AcmeInc\"")["place"],
        "line 1, MSH-3"
    );
}

#[test]
fn the_fhir_device_examples_are_read_with_their_gaps() {
    let r = check(
        "device-example.json",
        &["--manufacturer", "Acme Devices", "--model", "AB 45-J"],
    );
    assert_eq!(r["format"], "fhir-json");
    assert_eq!(r["gaps"], 2, "{r:#}");
    assert_eq!(
        one(&r, "gap", "no udiCarrier.deviceIdentifier")["place"],
        "Device.udiCarrier"
    );
    one(&r, "gap", "no version");
    one(&r, "confirmed", "manufacturer \"Acme Devices, Inc\"");
    one(&r, "confirmed", "model number \"AB 45-J\"");
    one(
        &r,
        "confirmed",
        "type coded 86184003 in http://snomed.info/sct",
    );

    let udi = check("device-example-udi1.json", &[]);
    let di = one(
        &udi,
        "gap",
        "device identifier 00844588003288 is not in the GUDID extract",
    );
    assert_eq!(di["place"], "Device.udiCarrier[0].deviceIdentifier");

    let known = check("device-gudid-known.json", &[]);
    assert_eq!(known["gaps"], 0, "{known:#}");
    one(
        &known,
        "confirmed",
        "00844588018923 is known to GUDID: CONSENSUS ORTHOPEDICS, INC.",
    );
}

#[test]
fn a_device_of_another_maker_is_a_gap() {
    let r = check(
        "device-example-udi1.json",
        &["--manufacturer", "Zeta Medical", "--model", "ZM-200"],
    );
    assert_eq!(
        one(
            &r,
            "gap",
            "manufacturer \"Acme Devices, Inc\", not the candidate's"
        )["place"],
        "Device.manufacturer"
    );
    one(
        &r,
        "gap",
        "model \"FHIR® Hip System / PM/Octane 2014\", not the candidate's \"ZM-200\"",
    );
    let g = check("device-gudid-known.json", &["--manufacturer", "Acme"]);
    one(
        &g,
        "gap",
        "GUDID registers device identifier 00844588018923 to CONSENSUS ORTHOPEDICS, INC.",
    );
}

#[test]
fn a_bundle_is_read_for_its_device_entries_and_refused_without_one() {
    let r = check("bundle-with-device.json", &[]);
    assert_eq!(r["items"], 1);
    assert_eq!(
        one(
            &r,
            "confirmed",
            "a Bundle: its Device entry 1 (id \"example\") is read"
        )["place"],
        "Bundle.entry[1]"
    );
    assert_eq!(
        one(&r, "gap", "no version")["place"],
        "Bundle.entry[1].resource.version"
    );
    let file = fixture("bundle-without-device.json");
    let o = caliper(&["evidence", "check", &file]);
    assert_eq!(o.status.code(), Some(1));
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(err.contains("bundle-without-device.json: not a FHIR Device: a FHIR Bundle of 1 entries with no Device in it"), "{err}");
}

#[test]
fn a_file_that_is_neither_hl7_nor_fhir_is_refused_with_the_reason() {
    let file = fixture("not-hl7.txt");
    let o = caliper(&["evidence", "check", &file, "--json"]);
    assert_eq!(o.status.code(), Some(1));
    assert!(o.stdout.is_empty());
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(
        err.contains(
            "not-hl7.txt: neither HL7 v2 nor FHIR: it starts with \"asset_tag,descriptio\""
        ),
        "{err}"
    );
    // The text report of a good file names the format and counts.
    let good = fixture("pcd01-bp-example.hl7");
    let o = caliper(&["evidence", "check", &good]);
    assert!(o.status.success());
    let out = String::from_utf8_lossy(&o.stdout);
    assert!(
        out.contains("HL7 v2, 1 item(s), 12 confirmed, 0 gap(s)"),
        "{out}"
    );
}

#[test]
fn fhir_xml_is_read_like_json() {
    let xml = check("device-example-udi1.xml", &["--manufacturer", "Acme"]);
    assert_eq!(xml["format"], "fhir-xml");
    let json = check("device-example-udi1.json", &["--manufacturer", "Acme"]);
    let details = |r: &Value| -> Vec<String> {
        r["findings"]
            .as_array()
            .unwrap()
            .iter()
            .map(|f| format!("{} {} {}", f["kind"], f["detail"], f["place"]))
            .collect()
    };
    // The XML has one deviceName (the JSON two): the same findings otherwise.
    assert_eq!(details(&xml), details(&json));
    one(
        &xml,
        "gap",
        "device identifier 00844588003288 is not in the GUDID extract",
    );
}
