//! Evidence kept on a candidate through the CLI on a real portfolio: the published IHE
//! PCD-01 blood pressure example (tests/fixtures/evidence/README.md) checked against a
//! site profile's interface requirements, the compatibility findings it bears out (with the
//! message and field), refusals that leave the file byte for byte as it was, the request
//! package carrying the file, and the brief naming it.

use std::path::Path;

use caliper_tests::{refused, run_json, run_ok};
use serde_json::Value;

const SAMPLE: &str = "tests/fixtures/evidence/pcd01-bp-example.hl7";

fn id(v: &Value) -> String {
    v["id"].as_u64().unwrap().to_string()
}

/// A portfolio with one request and one candidate (the example's sender, AcmeInc), and a
/// site that accepts HL7 v2.5.1 in UTF-8 only, requires PID and PV1 and the IHE DEC
/// profile. Returns (portfolio, request, candidate).
fn portfolio(dir: &Path) -> (String, String, String) {
    let p = dir.join("p.caliper").to_str().unwrap().to_string();
    run_ok(&["new", &p]);
    let facility = id(&run_json(&[
        "facility",
        "add",
        "--portfolio",
        &p,
        "--name",
        "Lakeside",
        "--json",
    ]));
    let department = id(&run_json(&[
        "department",
        "add",
        "--portfolio",
        &p,
        "--facility",
        &facility,
        "--name",
        "ICU",
        "--json",
    ]));
    let request = id(&run_json(&[
        "request",
        "add",
        "--portfolio",
        &p,
        "--department",
        &department,
        "--title",
        "Bedside monitors",
        "--quantity",
        "10",
        "--fiscal-year",
        "2027",
        "--json",
    ]));
    let candidate = id(&run_json(&[
        "candidate",
        "add",
        "--portfolio",
        &p,
        "--request",
        &request,
        "--manufacturer",
        "AcmeInc",
        "--model",
        "BP-1",
        "--unit-price",
        "9000",
        "--quantity",
        "10",
        "--json",
    ]));
    let site = dir.join("site.json");
    std::fs::write(
        &site,
        r#"{"interface_engine": "Rhapsody", "hl7v2_versions": ["2.5.1"],
            "hl7v2_character_sets": ["UNICODE UTF-8"], "hl7v2_required_segments": ["PID", "PV1"],
            "ihe_profiles": ["DEC"]}"#,
    )
    .unwrap();
    run_ok(&[
        "site-profile",
        "--portfolio",
        &p,
        "--set",
        site.to_str().unwrap(),
    ]);
    (p, request, candidate)
}

/// `caliper evidence import --portfolio P --candidate C FILE [extra]`.
fn import_args<'a>(
    p: &'a str,
    candidate: &'a str,
    file: &'a str,
    extra: &[&'a str],
) -> Vec<&'a str> {
    let mut args = vec![
        "evidence",
        "import",
        "--portfolio",
        p,
        "--candidate",
        candidate,
        file,
    ];
    args.extend_from_slice(extra);
    args
}

fn finding<'a>(report: &'a Value, capability: &str, detail: &str) -> &'a Value {
    report["findings"]
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["capability"] == capability && f["detail"].as_str().unwrap().contains(detail))
        .unwrap_or_else(|| panic!("{capability} {detail:?} in {report:#}"))
}

fn compat_finding(p: &str, request: &str, rule: &str) -> Value {
    let r = run_json(&["compat", "--portfolio", p, "--request", request, "--json"]);
    r["candidates"][0]["findings"]
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["rule"] == rule)
        .unwrap_or_else(|| panic!("{rule} in {r:#}"))
        .clone()
}

#[test]
fn a_kept_sample_is_checked_against_the_site_and_bears_out_the_profile() {
    let dir = tempfile::tempdir().unwrap();
    let (p, request, candidate) = portfolio(dir.path());

    // Before: no profile, no form, no sample: the IHE point is unconfirmed.
    assert_eq!(
        compat_finding(&p, &request, "ehr.ihe_profiles")["status"],
        "unconfirmed"
    );

    let kept = run_json(&import_args(&p, &candidate, SAMPLE, &["--json"]));
    assert_eq!(kept["file_name"], "pcd01-bp-example.hl7");
    let report = &kept["report"];
    // The example sends MSH-12 2.6, no MSH-18 (ASCII), PID but no PV1.
    let version = finding(report, "site: HL7 v2 version", "MSH-12 2.6");
    assert_eq!(version["kind"], "gap");
    assert_eq!(version["place"], "line 1, MSH-12");
    assert!(version["detail"]
        .as_str()
        .unwrap()
        .contains("Rhapsody accepts (2.5.1)"));
    assert_eq!(
        finding(report, "site: character set", "ASCII")["kind"],
        "gap"
    );
    assert_eq!(
        finding(report, "site: required segment", "PID")["kind"],
        "confirmed"
    );
    let pv1 = finding(report, "site: required segment", "no PV1");
    assert_eq!(pv1["kind"], "gap");

    // The message declares PCD-01: the DEC requirement passes on the sample's word.
    let ihe = compat_finding(&p, &request, "ehr.ihe_profiles");
    assert_eq!(ihe["status"], "pass", "{ihe:#}");
    assert_eq!(ihe["source"], "sample pcd01-bp-example.hl7");
    assert_eq!(ihe["evidence"][0]["place"], "line 1, MSH-21");
    assert_eq!(ihe["evidence"][0]["supports"], true);
    // It shows 2.6 where the site takes 2.5.1: noted against the point, which stays open.
    let hl7 = compat_finding(&p, &request, "ehr.hl7v2");
    assert_eq!(hl7["status"], "unconfirmed");
    assert_eq!(hl7["evidence"][0]["supports"], false);
    assert!(hl7["evidence"][0]["text"].as_str().unwrap().contains("2.6"));

    // The same name again is a replacement: refused without --confirm, file unchanged.
    let again = refused(Path::new(&p), &import_args(&p, &candidate, SAMPLE, &[]));
    assert!(
        again.contains("already keeps a file named pcd01-bp-example.hl7"),
        "{again}"
    );

    // Removed: the point goes back to unconfirmed.
    let listed = run_json(&[
        "evidence",
        "list",
        "--portfolio",
        &p,
        "--candidate",
        &candidate,
        "--json",
    ]);
    let evidence_id = id(&listed[0]);
    run_ok(&[
        "evidence",
        "remove",
        "--portfolio",
        &p,
        "--id",
        &evidence_id,
    ]);
    assert_eq!(
        compat_finding(&p, &request, "ehr.ihe_profiles")["status"],
        "unconfirmed"
    );
    let gone = refused(
        Path::new(&p),
        &[
            "evidence",
            "remove",
            "--portfolio",
            &p,
            "--id",
            &evidence_id,
        ],
    );
    assert!(gone.contains("evidence"), "{gone}");
}

#[test]
fn another_devices_sample_or_a_file_of_another_kind_changes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let (p, request, candidate) = portfolio(dir.path());
    let other = "tests/fixtures/evidence/pcd01-other-device.hl7";
    let err = refused(Path::new(&p), &import_args(&p, &candidate, other, &[]));
    assert!(err.contains("pcd01-other-device.hl7, line"), "{err}");
    assert!(err.contains("Zeta Medical"), "{err}");
    assert!(err.contains("confirm"), "{err}");
    let err = refused(
        Path::new(&p),
        &import_args(&p, &candidate, "tests/fixtures/evidence/not-hl7.txt", &[]),
    );
    assert!(
        err.contains("not-hl7.txt: neither HL7 v2 nor FHIR"),
        "{err}"
    );
    // Kept when confirmed, but no evidence for this candidate: the DEC point stays open.
    run_ok(&import_args(&p, &candidate, other, &["--confirm"]));
    let ihe = compat_finding(&p, &request, "ehr.ihe_profiles");
    assert_eq!(ihe["status"], "unconfirmed", "{ihe:#}");
}

#[test]
fn the_request_package_carries_the_sample_and_the_brief_names_it() {
    let dir = tempfile::tempdir().unwrap();
    let (p, request, candidate) = portfolio(dir.path());
    run_ok(&import_args(&p, &candidate, SAMPLE, &[]));
    let package = dir.path().join("request.json");
    run_ok(&[
        "request",
        "export",
        "--portfolio",
        &p,
        "--request",
        &request,
        "--out",
        package.to_str().unwrap(),
    ]);
    let q = dir.path().join("q.caliper").to_str().unwrap().to_string();
    run_ok(&["new", &q]);
    let imported = run_json(&[
        "request",
        "import",
        "--portfolio",
        &q,
        "--input",
        package.to_str().unwrap(),
        "--json",
    ]);
    let candidates = run_json(&[
        "candidate",
        "list",
        "--portfolio",
        &q,
        "--request",
        &id(&imported),
        "--json",
    ]);
    let kept = run_json(&[
        "evidence",
        "list",
        "--portfolio",
        &q,
        "--candidate",
        &id(&candidates[0]),
        "--json",
    ]);
    assert_eq!(kept[0]["file_name"], "pcd01-bp-example.hl7");
    // The same text, checked the same way; against this portfolio's site profile, which
    // requires nothing, so without the site's findings.
    let format_findings = |v: &Value| -> Vec<Value> {
        v[0]["report"]["findings"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|f| !f["capability"].as_str().unwrap().starts_with("site:"))
            .cloned()
            .collect()
    };
    let original = run_json(&[
        "evidence",
        "list",
        "--portfolio",
        &p,
        "--candidate",
        &candidate,
        "--json",
    ]);
    assert_eq!(format_findings(&kept), format_findings(&original));
    assert_eq!(
        format_findings(&kept).len(),
        kept[0]["report"]["findings"].as_array().unwrap().len()
    );

    if !caliper_tests::have_tools(
        "the_request_package_carries_the_sample_and_the_brief_names_it",
        &["pdftotext"],
    ) {
        return;
    }
    let pdf = dir.path().join("brief.pdf");
    run_ok(&[
        "brief",
        "--portfolio",
        &p,
        "--request",
        &request,
        "--as-of",
        "2026-12-01",
        "--out",
        pdf.to_str().unwrap(),
    ]);
    let o = std::process::Command::new("pdftotext")
        .arg(&pdf)
        .arg("-")
        .output()
        .unwrap();
    let text = String::from_utf8_lossy(&o.stdout)
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ");
    for expected in [
        "AcmeInc BP-1: evidence",
        "pcd01-bp-example.hl7: shows IHE DEC",
        "line 1, MSH-21",
        "shows HL7 v2 2.6, which the site does not accept",
        "Sample pcd01-bp-example.hl7 (HL7 v2, 1 item(s))",
        "no PV1 segment, which the site requires",
    ] {
        assert!(text.contains(expected), "{expected:?} in the brief: {text}");
    }
}
