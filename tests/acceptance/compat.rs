//! Compatibility: MDS2 forms read from realistic, messy files (tests/fixtures/mds2, written
//! by make_fixtures.py from the HN 1-2019 question list), imports that save nothing until
//! confirmed, gaps and scores against the site profile, and the ranking following a
//! change of the site profile. Through the CLI as a process, on real portfolio files.

use caliper_tests::{caliper, repo_root};
use serde_json::Value;

fn fixture(name: &str) -> String {
    repo_root()
        .join("tests/fixtures/mds2")
        .join(name)
        .display()
        .to_string()
}

fn ok_json(args: &[&str]) -> Value {
    let o = caliper(args);
    assert!(
        o.status.success(),
        "caliper {args:?}: {}",
        String::from_utf8_lossy(&o.stderr)
    );
    serde_json::from_slice(&o.stdout).unwrap()
}

fn fails(args: &[&str]) -> String {
    let o = caliper(args);
    assert!(!o.status.success(), "caliper {args:?} should fail");
    String::from_utf8_lossy(&o.stderr).into_owned()
}

/// `caliper COMMAND --portfolio P --set FILE` with `json` written to FILE; must succeed.
fn set_ok(command: &str, portfolio: &str, file: &std::path::Path, json: &str) -> Value {
    std::fs::write(file, json).unwrap();
    ok_json(&[
        command,
        "--portfolio",
        portfolio,
        "--set",
        file.to_str().unwrap(),
    ])
}

/// The same, refused: returns the error printed.
fn set_fails(command: &str, portfolio: &str, file: &std::path::Path, json: &str) -> String {
    std::fs::write(file, json).unwrap();
    fails(&[
        command,
        "--portfolio",
        portfolio,
        "--set",
        file.to_str().unwrap(),
    ])
}

fn answer<'a>(parse: &'a Value, id: &str) -> Option<&'a Value> {
    parse["form"]["answers"]
        .as_array()
        .unwrap()
        .iter()
        .find(|a| a["question_id"] == id)
}

fn demo(dir: &tempfile::TempDir) -> String {
    let path = dir.path().join("demo.caliper");
    let p = path.to_str().unwrap().to_string();
    assert!(caliper(&["demo", &p]).status.success());
    p
}

#[test]
fn the_official_workbook_is_read_with_its_typos_notes_and_gaps() {
    let parse = ok_json(&[
        "mds2",
        "parse",
        &fixture("kestrel-km9-hn1-2019.xlsx"),
        "--json",
    ]);
    assert_eq!(parse["format"], "xlsx");
    assert_eq!(parse["form"]["manufacturer"], "Kestrel Health Systems");
    assert_eq!(parse["form"]["model"], "KM-9 Patient Monitor");
    assert_eq!(parse["reference_questions"], 240);
    // 240 less the unanswered parent CSUP-2 and the unreadable MLDP-5.
    assert_eq!(parse["recognised"], 238);
    // SHAD-15 is read as SAHD-15, and the correction says where.
    let sahd = answer(&parse, "SAHD-15").expect("SAHD-15 read");
    assert_eq!(sahd["answer"], "yes");
    let corrections = parse["corrections"].as_array().unwrap();
    assert!(corrections.iter().any(|c| c["text"] == "SHAD-15"
        && c["place"] == "sheet 'MDS2', cell B236"
        && c["message"].as_str().unwrap().contains("SAHD-15")));
    // Notes after the answer, stray punctuation, a TRUE cell.
    let auth = answer(&parse, "AUTH-1.1").unwrap();
    assert_eq!(
        (auth["answer"].as_str(), auth["note"].as_str()),
        (Some("yes"), Some("LDAP"))
    );
    assert_eq!(answer(&parse, "STCF-1").unwrap()["answer"], "yes");
    assert_eq!(answer(&parse, "SBOM-1").unwrap()["answer"], "yes");
    assert_eq!(answer(&parse, "PAUT-8").unwrap()["answer"], "no");
    // The unanswered parent is simply unanswered; its children are read.
    assert!(answer(&parse, "CSUP-2").is_none());
    assert_eq!(answer(&parse, "CSUP-2.1").unwrap()["answer"], "yes");
    // 'TBD' is reported with its cell; the standards' columns (AUTH, IA-2, A.9.2.1) are not.
    let unreadable = parse["unreadable"].as_array().unwrap();
    assert_eq!(unreadable.len(), 1, "{unreadable:?}");
    assert_eq!(unreadable[0]["place"], "sheet 'MDS2', cell D151");
    assert_eq!(unreadable[0]["text"], "TBD");
    assert!(unreadable[0]["message"]
        .as_str()
        .unwrap()
        .contains("MLDP-5"));
    // Answers per section.
    let auth_section = parse["sections"]
        .as_array()
        .unwrap()
        .iter()
        .find(|s| s["section"] == "AUTH")
        .unwrap();
    assert_eq!(auth_section["questions"], 8);
    assert_eq!(auth_section["yes"], 7);
    assert_eq!(auth_section["no"], 1);
}

#[test]
fn a_csv_export_reports_conflicts_unknown_ids_and_repeats_by_line() {
    let parse = ok_json(&[
        "mds2",
        "parse",
        &fixture("aurelia-sx4-export.csv"),
        "--json",
    ]);
    assert_eq!(parse["format"], "csv");
    assert_eq!(parse["form"]["manufacturer"], "Aurelia Devices");
    // AUTH-1 answered Yes, then No: a conflict, left unanswered.
    let conflicts = parse["conflicts"].as_array().unwrap();
    assert_eq!(conflicts.len(), 1);
    assert_eq!(conflicts[0]["question_id"], "AUTH-1");
    assert_eq!(
        conflicts[0]["answers"],
        serde_json::json!(["Yes (line 70)", "No (line 242)"])
    );
    assert_eq!(answer(&parse, "AUTH-1").map(|a| a["answer"].clone()), None);
    // A question id that is not in HN 1-2019.
    let unreadable = parse["unreadable"].as_array().unwrap();
    assert_eq!(unreadable.len(), 1);
    assert_eq!(unreadable[0]["place"], "line 71");
    assert!(unreadable[0]["message"]
        .as_str()
        .unwrap()
        .contains("AUTH-99 is not a question"));
    // The same answer twice is a note, not a problem.
    assert!(parse["corrections"]
        .as_array()
        .unwrap()
        .iter()
        .any(|c| c["message"]
            .as_str()
            .unwrap()
            .contains("MPII-1 is repeated")));
    // Lowercase ids with punctuation, an en dash, notes in brackets or after a colon.
    assert_eq!(answer(&parse, "ALOF-1").unwrap()["answer"], "yes");
    assert_eq!(answer(&parse, "CONN-7").unwrap()["answer"], "yes");
    let paut = answer(&parse, "PAUT-2").unwrap();
    assert_eq!(paut["note"], "Active Directory");
    let sbom = answer(&parse, "SBOM-1").unwrap();
    assert_eq!(
        (sbom["answer"].as_str(), sbom["note"].as_str()),
        (Some("no"), Some("available on request"))
    );
    assert_eq!(answer(&parse, "TXCF-2").unwrap()["note"], "TLS 1.2");
}

#[test]
fn a_utf16_tab_separated_export_is_read() {
    let parse = ok_json(&[
        "mds2",
        "parse",
        &fixture("norvale-vv700-unicode.txt"),
        "--json",
    ]);
    assert_eq!(parse["form"]["model"], "VitaView 700");
    assert_eq!(parse["recognised"], 240);
    assert_eq!(answer(&parse, "DOC-11.1").unwrap()["answer"], "n/a");
    // Id and question in one cell, answer in the next.
    assert_eq!(answer(&parse, "RMOT-1.2").unwrap()["answer"], "yes");
    assert!(parse["unreadable"].as_array().unwrap().is_empty());
}

#[test]
fn files_that_are_not_forms_are_refused_naming_the_file() {
    for (file, message) in [
        ("empty.csv", "empty.csv: the file is empty"),
        ("scan.csv", "scan.csv: is a binary file"),
        (
            "truncated.xlsx",
            "truncated.xlsx: is not a readable spreadsheet",
        ),
        (
            "budget-not-mds2.xlsx",
            "budget-not-mds2.xlsx: no MDS2 question ids found",
        ),
    ] {
        let err = fails(&["mds2", "parse", &fixture(file), "--json"]);
        assert!(err.contains(message), "{file}: {err}");
    }
}

fn stored_answers(portfolio: &str, candidate: u32) -> Vec<(String, Option<String>, String)> {
    let conn = rusqlite::Connection::open(portfolio).unwrap();
    let mut stmt = conn
        .prepare("SELECT question_id, answer, note FROM mds2_answer WHERE candidate_id = ?1 ORDER BY question_id")
        .unwrap();
    stmt.query_map([candidate], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))
        .unwrap()
        .map(Result::unwrap)
        .collect()
}

#[test]
fn another_devices_form_or_a_conflicting_one_is_saved_only_when_confirmed() {
    let dir = tempfile::tempdir().unwrap();
    let p = demo(&dir);
    // Candidate 1 is the Norvale VitaView 700, with the demo's form.
    let before = stored_answers(&p, 1);
    assert!(!before.is_empty());
    let kestrel = fixture("kestrel-km9-hn1-2019.xlsx");
    let err = fails(&[
        "mds2",
        "import",
        "--portfolio",
        &p,
        "--candidate",
        "1",
        &kestrel,
    ]);
    assert!(err.contains("the form is from 'Kestrel Health Systems' but the candidate's manufacturer is 'Norvale Medical'"), "{err}");
    assert!(err.contains("Nothing was saved"), "{err}");
    assert_eq!(
        stored_answers(&p, 1),
        before,
        "nothing saved before confirming"
    );

    // Candidate 2 is the Kestrel KM-9: the right device, but one unreadable cell.
    let err = fails(&[
        "mds2",
        "import",
        "--portfolio",
        &p,
        "--candidate",
        "2",
        &kestrel,
    ]);
    assert!(
        err.contains("1 line(s) could not be read (first: sheet 'MDS2', cell D151"),
        "{err}"
    );
    let saved = ok_json(&[
        "mds2",
        "import",
        "--portfolio",
        &p,
        "--candidate",
        "2",
        &kestrel,
        "--confirm",
        "--json",
    ]);
    assert_eq!(saved["parse"]["recognised"], 238);
    let stored = stored_answers(&p, 2);
    assert_eq!(stored.len(), 238);
    assert!(stored.contains(&("AUTH-1.1".into(), Some("yes".into()), "LDAP".into())));
    assert!(stored.contains(&("SAHD-15".into(), Some("yes".into()), String::new())));

    // A conflicting form, confirmed: the conflicting question stays unanswered.
    let aurelia = fixture("aurelia-sx4-export.csv");
    assert!(fails(&[
        "mds2",
        "import",
        "--portfolio",
        &p,
        "--candidate",
        "3",
        &aurelia
    ])
    .contains("AUTH-1 is answered differently"));
    ok_json(&[
        "mds2",
        "import",
        "--portfolio",
        &p,
        "--candidate",
        "3",
        &aurelia,
        "--confirm",
        "--json",
    ]);
    assert!(!stored_answers(&p, 3).iter().any(|(q, _, _)| q == "AUTH-1"));

    // Side by side: the forms differ on MFA (PAUT-8).
    let cmp = ok_json(&[
        "mds2",
        "compare",
        "--portfolio",
        &p,
        "--request",
        "1",
        "--json",
    ]);
    assert_eq!(cmp["columns"].as_array().unwrap().len(), 4);
    let paut8 = cmp["rows"]
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["question_id"] == "PAUT-8")
        .unwrap();
    assert_eq!(paut8["differs"], true);
    assert_eq!(paut8["cells"][0]["answer"], "yes", "Norvale supports MFA");
    assert_eq!(paut8["cells"][1]["answer"], "no", "Kestrel does not");
}

fn candidate<'a>(report: &'a Value, label_start: &str) -> &'a Value {
    report["candidates"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["label"].as_str().unwrap().starts_with(label_start))
        .unwrap()
}

fn cell(ranking: &Value, label_start: &str, criterion: &str) -> Option<f64> {
    let i = ranking["criteria"]
        .as_array()
        .unwrap()
        .iter()
        .position(|c| c["name"] == criterion)
        .unwrap();
    candidate(ranking, label_start)["cells"][i]["value"].as_f64()
}

#[test]
fn gaps_and_scores_of_the_demo_are_explained() {
    let dir = tempfile::tempdir().unwrap();
    let p = demo(&dir);
    let report = ok_json(&["compat", "--portfolio", &p, "--request", "1", "--json"]);
    assert_eq!(report["site_scope"], "portfolio");
    let brightwater = candidate(&report, "Brightwater");
    assert_eq!(brightwater["blocking"], 2);
    let eap = brightwater["findings"]
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["rule"] == "network.eap_method")
        .unwrap();
    assert_eq!(eap["status"], "gap");
    assert_eq!(eap["severity"], "blocking");
    assert_eq!(
        eap["message"],
        "the site requires 802.1X EAP-TLS or PEAP-MSCHAPv2; the device supports WPA2-PSK only"
    );
    assert_eq!(eap["source"], "device profile: wifi_security");
    // A blocking gap scores its area 0; the remediation of the Wi-Fi band gap is priced.
    let network = brightwater["scores"]
        .as_array()
        .unwrap()
        .iter()
        .find(|s| s["area"] == "network")
        .unwrap();
    assert_eq!(network["score"], 0.0);
    assert_eq!(brightwater["remediation_total"], "30000");
    // Aurelia's MDS2 and profile say no encryption at rest: blocking.
    let aurelia = candidate(&report, "Aurelia");
    assert!(aurelia["findings"]
        .as_array()
        .unwrap()
        .iter()
        .any(|f| f["rule"] == "security.encryption_at_rest" && f["severity"] == "blocking"));
    // Scores are 0..100, from the documented points: Kestrel passes every network rule.
    let kestrel = candidate(&report, "Kestrel");
    let scores: Vec<f64> = kestrel["scores"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["score"].as_f64().unwrap())
        .collect();
    assert_eq!(scores[1], 100.0);
    // The same inputs give the same findings, byte for byte.
    let again = ok_json(&["compat", "--portfolio", &p, "--request", "1", "--json"]);
    assert_eq!(report, again);
    // The remediation is in the lifecycle cost.
    let tco = ok_json(&["tco", "--portfolio", &p, "--request", "1", "--json"]);
    let bw = tco["candidates"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["label"].as_str().unwrap().starts_with("Brightwater"))
        .unwrap();
    assert_eq!(bw["remediation"], "30000");
}

#[test]
fn requiring_eap_tls_changes_the_compatibility_criteria_and_the_ranking() {
    if !caliper_tests::have_tools(
        "requiring_eap_tls_changes_the_compatibility_criteria_and_the_ranking",
        &["pdftotext"],
    ) {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let p = demo(&dir);
    let before = ok_json(&["rank", "--portfolio", &p, "--request", "1", "--json"]);
    assert!(candidate(&before, "Kestrel")["rank"] == 1);
    assert_eq!(
        cell(&before, "Kestrel", "Network compatibility"),
        Some(100.0)
    );

    // The site makes 802.1X EAP-TLS mandatory.
    let mut site = ok_json(&["site-profile", "--portfolio", &p]);
    site["eap_methods"] = serde_json::json!(["EAP-TLS"]);
    let file = dir.path().join("site.json");
    set_ok("site-profile", &p, &file, &site.to_string());

    let report = ok_json(&["compat", "--portfolio", &p, "--request", "1", "--json"]);
    let kestrel = candidate(&report, "Kestrel");
    assert_eq!(kestrel["blocking"], 1);
    assert!(kestrel["findings"]
        .as_array()
        .unwrap()
        .iter()
        .any(|f| f["message"]
            == "the site requires 802.1X EAP-TLS; the device supports PEAP-MSCHAPv2 only"));

    let after = ok_json(&["rank", "--portfolio", &p, "--request", "1", "--json"]);
    assert_eq!(cell(&after, "Kestrel", "Network compatibility"), Some(0.0));
    assert_eq!(
        cell(&after, "Norvale", "Network compatibility"),
        Some(100.0)
    );
    assert_eq!(candidate(&after, "Norvale")["rank"], 1);
    assert_eq!(candidate(&after, "Kestrel")["blocking_gaps"], 1);

    // And when blocking gaps disqualify, Kestrel leaves the ranking.
    ok_json(&[
        "compat",
        "--portfolio",
        &p,
        "--request",
        "1",
        "--disqualify-blocking",
        "on",
        "--json",
    ]);
    let strict = ok_json(&["rank", "--portfolio", &p, "--request", "1", "--json"]);
    let k = candidate(&strict, "Kestrel");
    assert_eq!(k["disqualified"], true);
    assert_eq!(k["rank"], Value::Null);
    let ranked: Vec<_> = strict["candidates"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|c| c["rank"].as_u64())
        .collect();
    // Aurelia and Brightwater have blocking gaps too: Norvale alone remains ranked.
    assert_eq!(ranked, vec![1]);
    assert_eq!(candidate(&strict, "Norvale")["rank"], 1);
    let disqualified = strict["candidates"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|c| c["disqualified"] == true)
        .count();
    assert_eq!(disqualified, 3);

    // The brief says so, and recommends among the eligible only.
    let pdf = dir.path().join("brief.pdf");
    let o = caliper(&[
        "brief",
        "--portfolio",
        &p,
        "--request",
        "1",
        "--out",
        pdf.to_str().unwrap(),
        "--as-of",
        "2026-11-25",
    ]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let text = std::process::Command::new("pdftotext")
        .args([pdf.to_str().unwrap(), "-"])
        .output()
        .unwrap();
    let text = String::from_utf8_lossy(&text.stdout)
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ");
    assert!(
        text.contains("Recommendation Norvale Medical VitaView 700"),
        "{text}"
    );
    assert!(
        text.contains("ranked first of 1; 3 disqualified for blocking compatibility gaps"),
        "{text}"
    );
    assert!(
        text.contains("the site requires 802.1X EAP-TLS; the device supports PEAP-MSCHAPv2 only")
    );
}

#[test]
fn bad_profiles_and_rules_are_refused_naming_the_field_and_nothing_changes() {
    let dir = tempfile::tempdir().unwrap();
    let p = demo(&dir);
    let site_before = ok_json(&["site-profile", "--portfolio", &p]);
    let file = dir.path().join("bad.json");
    let mut bad = site_before.clone();
    bad["hl7v2_versions"] = serde_json::json!(["2.5.1", "3.0"]);
    let err = set_fails("site-profile", &p, &file, &bad.to_string());
    assert!(
        err.contains("hl7v2_versions[1]: '3.0' is not an HL7 v2 version"),
        "{err}"
    );
    let err = set_fails("site-profile", &p, &file, r#"{"eap_methods": ["EAP-MD5"]}"#);
    assert!(err.contains("eap_methods[0]"), "{err}");
    assert_eq!(ok_json(&["site-profile", "--portfolio", &p]), site_before);

    let rules = ok_json(&["compat-rules", "--portfolio", &p]);
    let mut bad = rules.clone();
    bad[3]["remediation_cost"] = serde_json::json!("-500");
    let err = set_fails("compat-rules", &p, &file, &bad.to_string());
    assert!(
        err.contains("rules[3]") && err.contains("negative"),
        "{err}"
    );
    let mut bad = rules.clone();
    bad[20]["question"] = serde_json::json!("SHAD-15");
    let err = set_fails("compat-rules", &p, &file, &bad.to_string());
    assert!(err.contains("SHAD-15 is not a question"), "{err}");
    assert_eq!(ok_json(&["compat-rules", "--portfolio", &p]), rules);

    // An edited rule table is data: disabling the EAP rule removes Brightwater's gap.
    let mut edited = rules.clone();
    let i = edited
        .as_array()
        .unwrap()
        .iter()
        .position(|r| r["key"] == "network.eap_method")
        .unwrap();
    edited[i]["enabled"] = Value::Bool(false);
    set_ok("compat-rules", &p, &file, &edited.to_string());
    let report = ok_json(&["compat", "--portfolio", &p, "--request", "1", "--json"]);
    assert_eq!(candidate(&report, "Brightwater")["blocking"], 1);
    assert_eq!(report["rules"], rules.as_array().unwrap().len() - 1);
}

/// A gap's remediation cost is a year-0 cost: raising it by X raises the candidate's
/// equivalent annual cost by X times the capital recovery factor r / (1 - (1 + r)^-n).
#[test]
fn a_remediation_cost_flows_into_the_equivalent_annual_cost() {
    let dir = tempfile::tempdir().unwrap();
    let p = demo(&dir);
    let eac = |p: &str| -> (f64, Value) {
        let tco = ok_json(&["tco", "--portfolio", p, "--request", "1", "--json"]);
        let bw = tco["candidates"]
            .as_array()
            .unwrap()
            .iter()
            .find(|c| c["label"].as_str().unwrap().starts_with("Brightwater"))
            .unwrap()
            .clone();
        let value: f64 = bw["lifecycle"]["eac"].as_str().unwrap().parse().unwrap();
        (value, bw)
    };
    let (before, bw) = eac(&p);
    assert_eq!(bw["remediation"], "30000");
    let life = bw["lifecycle"]["expected_life_years"].as_f64().unwrap();

    // The Wi-Fi band remediation goes from 30,000 to 90,000.
    let mut rules = ok_json(&["compat-rules", "--portfolio", &p]);
    let i = rules
        .as_array()
        .unwrap()
        .iter()
        .position(|r| r["key"] == "network.wifi_band")
        .unwrap();
    rules[i]["remediation_cost"] = serde_json::json!("90000");
    let file = dir.path().join("rules.json");
    set_ok("compat-rules", &p, &file, &rules.to_string());
    let (after, bw) = eac(&p);
    assert_eq!(bw["remediation"], "90000");
    let r: f64 = 0.05; // the demo's discount rate
    let crf = r / (1.0 - (1.0 + r).powf(-life));
    assert!(
        ((after - before) - 60_000.0 * crf).abs() < 0.01,
        "EAC rose by {}, expected {}",
        after - before,
        60_000.0 * crf
    );
    // Back to the default table.
    let reset = ok_json(&["compat-rules", "--portfolio", &p, "--reset"]);
    assert_eq!(reset[i]["remediation_cost"], "30000");
}

/// The cost-model editor's live figures include the candidate's remediation, so they
/// match the lifecycle table for the saved model.
#[test]
fn the_live_preview_of_a_cost_model_includes_the_remediation() {
    use caliper_models::assessment::{preview_candidate_lifecycle, request_lifecycle};
    let dir = tempfile::tempdir().unwrap();
    let path = demo(&dir);
    let p = caliper_models::store::Portfolio::open(&path).unwrap();
    let inputs = p
        .assessment_inputs(caliper_models::ids::RequestId(1))
        .unwrap();
    let table = request_lifecycle(&inputs);
    let bw = table
        .candidates
        .iter()
        .find(|c| c.label.starts_with("Brightwater"))
        .unwrap();
    assert_eq!(bw.remediation, rust_decimal::Decimal::from(30_000));
    let model = p.cost_model(bw.candidate_id).unwrap().unwrap();
    let preview = preview_candidate_lifecycle(&inputs, bw.candidate_id, &model).unwrap();
    assert_eq!(Some(&preview), bw.lifecycle.as_ref());
    // An invalid typed model is the engine's error, naming the field.
    let mut bad = model.clone();
    bad.expected_life_years = 0;
    let err = preview_candidate_lifecycle(&inputs, bw.candidate_id, &bad).unwrap_err();
    assert!(err.to_string().contains("expected_life_years"), "{err}");
}
