//! The stored inventory through `caliper inventory import|list|show|recalls|request|lives|
//! settings` on real portfolio files: each export form imported and read back, previews
//! that write nothing, newer exports that add, change and retire, the mapping saved per
//! source, refusals that name their place and save nothing, work orders costed, recalls
//! matched, requests drafted from assets, expected lives and the list's order and pages.
//! Fixtures: tests/fixtures/inventory (make_fixtures.py) and tests/fixtures/fda.
//! Priorities are as of 2024-06-30.

use std::path::PathBuf;

use caliper_tests::{caliper_in, caliper_ok, repo_root};
use serde_json::{json, Value};

const AS_OF: &str = "2024-06-30";

fn fixture(dir: &str, name: &str) -> String {
    repo_root()
        .join("tests/fixtures")
        .join(dir)
        .join(name)
        .display()
        .to_string()
}

fn inventory(name: &str) -> String {
    fixture("inventory", name)
}

/// An empty portfolio made by `caliper new` in a directory of its own.
struct Store {
    dir: tempfile::TempDir,
    path: PathBuf,
}

impl Store {
    fn new() -> Store {
        let dir = tempfile::tempdir().unwrap();
        caliper_ok(dir.path(), &["new", "P.caliper"]);
        let path = dir.path().join("P.caliper");
        Store { dir, path }
    }

    fn p(&self) -> String {
        self.path.display().to_string()
    }

    /// Runs `caliper` with `--portfolio P` after the command words; it must succeed.
    fn run(&self, command: &[&str], rest: &[&str]) -> String {
        let p = self.p();
        let mut args: Vec<&str> = command.to_vec();
        args.extend(["--portfolio", p.as_str()]);
        args.extend_from_slice(rest);
        caliper_ok(self.dir.path(), &args)
    }

    fn json(&self, command: &[&str], rest: &[&str]) -> Value {
        let mut rest = rest.to_vec();
        rest.push("--json");
        let out = self.run(command, &rest);
        serde_json::from_str(&out).unwrap_or_else(|e| panic!("{e}: {out}"))
    }

    /// `inventory import` of `file` from `source` as of 2024-06-30, as JSON.
    fn import(&self, file: &str, source: &str, extra: &[&str]) -> Value {
        let mut rest = vec!["--file", file, "--source", source, "--as-of", AS_OF];
        rest.extend_from_slice(extra);
        self.json(&["inventory", "import"], &rest)
    }

    fn confirm(&self, file: &str, source: &str) -> Value {
        self.import(file, source, &["--confirm"])
    }

    fn show(&self, asset: &str) -> Value {
        self.json(
            &["inventory", "show"],
            &["--asset", asset, "--as-of", AS_OF],
        )
    }

    fn list(&self, extra: &[&str]) -> Value {
        self.json(&["inventory", "list"], extra)
    }

    /// The asset numbers `inventory list` shows, in its order.
    fn numbers(&self, extra: &[&str]) -> Vec<String> {
        let page = self.list(extra);
        page["rows"]
            .as_array()
            .unwrap()
            .iter()
            .map(|r| r["asset_number"].as_str().unwrap().to_string())
            .collect()
    }

    /// Runs `caliper` (with `--portfolio P` after the command words): it must exit with 1,
    /// leave the file byte for byte as it was and the inventory list as it was. Returns
    /// the message.
    fn refused(&self, command: &[&str], rest: &[&str]) -> String {
        let before = std::fs::read(&self.path).unwrap();
        let listed = self.list(&["--include-retired"]);
        let p = self.p();
        let mut args: Vec<&str> = command.to_vec();
        args.extend(["--portfolio", p.as_str()]);
        args.extend_from_slice(rest);
        let o = caliper_in(self.dir.path(), &args);
        assert_eq!(o.status.code(), Some(1), "{args:?} should be refused");
        assert_eq!(std::fs::read(&self.path).unwrap(), before, "{args:?}");
        assert_eq!(self.list(&["--include-retired"]), listed, "{args:?}");
        String::from_utf8_lossy(&o.stderr).into_owned()
    }
}

fn strings(v: &Value) -> Vec<String> {
    v.as_array()
        .unwrap_or_else(|| panic!("not a list: {v}"))
        .iter()
        .map(|s| s.as_str().unwrap().to_string())
        .collect()
}

/// The cells of the row of `number` in a UTF-8 comma-separated fixture, by header.
fn fixture_row(file: &str, number: &str) -> std::collections::HashMap<String, String> {
    let text = std::fs::read_to_string(file).unwrap();
    let mut lines = text.lines();
    let header: Vec<&str> = lines.next().unwrap().split(',').collect();
    let row = lines
        .find(|l| l.starts_with(&format!("{number},")))
        .unwrap_or_else(|| panic!("no {number} in {file}"));
    header
        .iter()
        .zip(row.split(','))
        .map(|(h, c)| (h.to_string(), c.to_string()))
        .collect()
}

#[test]
fn each_encoding_separator_and_date_style_is_stored_as_the_file_says() {
    // The UTF-8 file is the reference: its row of A-1001, cell by cell.
    let iso = inventory("utf8_comma_iso.csv");
    let row = fixture_row(&iso, "A-1001");
    assert_eq!(row["Purchase Cost"], "12500.50");
    for file in [
        "utf8_comma_iso.csv",
        "utf8bom_semicolon_dmy.csv",
        "utf16le_tab_mdy.txt",
    ] {
        let s = Store::new();
        let out = s.confirm(&inventory(file), "TMS");
        assert_eq!(
            strings(&out["import"]["assets"]["added"]),
            ["A-1001", "A-1002", "A-1003"],
            "{file}"
        );
        let a = &s.show("A-1001")["asset"];
        assert_eq!(a["acquisition_date"], row["Acq Date"], "{file}");
        // 12500.50 exactly (stored as a decimal, its trailing zero dropped).
        assert_eq!(a["acquisition_cost"], "12500.5", "{file}");
        assert_eq!(a["manufacturer"], row["Mfr"], "{file}");
        assert_eq!(a["manufacturer"], "Müller Medizintechnik", "{file}");
        assert_eq!(a["facility"], row["Site"], "{file}");
        assert_eq!(a["device_type"], row["Nomenclature"], "{file}");
        assert_eq!(a["department"], Value::Null, "the file has no department");
        assert_eq!(s.show("A-1003")["asset"]["acquisition_cost"], "15000");
        assert_eq!(s.show("A-1002")["asset"]["acquisition_date"], "2017-11-02");
    }
    // Windows-1252 with dates that leave the order open: 03/04/2018 read day first.
    let s = Store::new();
    let ambiguous = inventory("cp1252_comma_ambiguous.csv");
    s.import(&ambiguous, "TMS", &["--confirm", "--date-order", "dmy"]);
    let a = &s.show("A-2001")["asset"];
    assert_eq!(a["acquisition_date"], "2018-04-03");
    assert_eq!(a["acquisition_cost"], "30000");
    assert_eq!(a["manufacturer"], "Dräger");
    assert_eq!(a["facility"], "Müllerstraße clinic");
    // The department, from an export that has one.
    let s = Store::new();
    let v1 = inventory("store_v1.csv");
    s.confirm(&v1, "TMS");
    let row = fixture_row(&v1, "B-2");
    let a = &s.show("B-2")["asset"];
    assert_eq!(a["department"], row["Department"]);
    assert_eq!(a["department"], "Emergency");
    assert_eq!(a["product_code"], row["FDA Product Code"]);
    assert_eq!(a["acquisition_cost"], "3000");
}

#[test]
fn a_preview_writes_nothing() {
    let s = Store::new();
    let before = std::fs::read(&s.path).unwrap();
    let p = s.import(&inventory("store_v1.csv"), "TMS", &[]);
    assert_eq!(p["records"], 4);
    assert_eq!(
        strings(&p["changes"]["added"]),
        ["B-1", "B-2", "B-3", "B-4"]
    );
    s.run(
        &["inventory", "import"],
        &["--file", &inventory("store_v1.csv"), "--source", "TMS"],
    );
    assert_eq!(std::fs::read(&s.path).unwrap(), before);
    let page = s.list(&["--include-retired"]);
    assert_eq!(page["total"], 0);
    assert_eq!(page["rows"], json!([]));
}

#[test]
fn a_newer_export_adds_changes_and_retires_and_partial_or_other_sources_retire_nothing() {
    let s = Store::new();
    s.confirm(&inventory("store_v1.csv"), "TMS");
    let v2 = inventory("store_v2.csv");
    let preview = s.import(&v2, "TMS", &[]);
    assert_eq!(s.show("B-3")["asset"]["status"], "active", "preview only");
    let out = s.confirm(&v2, "TMS");
    let a = &out["import"]["assets"];
    assert_eq!(*a, preview["changes"]);
    assert_eq!(strings(&a["added"]), ["B-5"]);
    assert_eq!(strings(&a["changed"]), ["B-2"]);
    assert_eq!(strings(&a["retired"]), ["B-3"]);
    assert_eq!(a["unchanged"], 2);
    assert_eq!(s.show("B-2")["asset"]["acquisition_cost"], "3100");
    assert_eq!(s.show("B-5")["asset"]["manufacturer"], "Dräger");
    let b3 = s.show("B-3");
    assert_eq!(b3["asset"]["status"], "retired");
    assert_eq!(b3["priority"], Value::Null, "a retired asset is not ranked");
    let mut listed = s.numbers(&["--sort", "asset_number", "--ascending"]);
    assert_eq!(listed, ["B-1", "B-2", "B-4", "B-5"]);
    let all = s.list(&["--sort", "asset_number", "--ascending", "--include-retired"]);
    assert_eq!(all["total"], 5);
    assert_eq!(all["rows"][2]["asset_number"], "B-3");
    assert_eq!(all["rows"][2]["retired"], true);
    // The older export lists B-3 again but not B-5: it would retire B-5; partial, it
    // retires nothing (and B-3 is active again).
    let v1 = inventory("store_v1.csv");
    let p = s.import(&v1, "TMS", &[]);
    assert_eq!(strings(&p["changes"]["retired"]), ["B-5"]);
    let out = s.import(&v1, "TMS", &["--confirm", "--partial"]);
    assert_eq!(
        strings(&out["import"]["assets"]["retired"]),
        Vec::<String>::new()
    );
    assert_eq!(strings(&out["import"]["assets"]["changed"]), ["B-2", "B-3"]);
    assert_eq!(s.show("B-5")["asset"]["status"], "active");
    assert_eq!(s.show("B-3")["asset"]["status"], "active");
    listed.push("B-3".into());
    listed.sort();
    assert_eq!(
        s.numbers(&["--sort", "asset_number", "--ascending"]),
        listed
    );
    // Another system's full export retires nothing of this one.
    let out = s.confirm(&inventory("utf8_comma_iso.csv"), "Nuvolo");
    assert_eq!(
        strings(&out["import"]["assets"]["retired"]),
        Vec::<String>::new()
    );
    assert_eq!(
        s.numbers(&["--sort", "asset_number", "--ascending"]),
        ["A-1001", "A-1002", "A-1003", "B-1", "B-2", "B-3", "B-4", "B-5"]
    );
}

const ODD_MAP: [&str; 12] = [
    "--map",
    "asset_number=Equip Ctrl",
    "--map",
    "device_type=Kind Of Thing",
    "--map",
    "manufacturer=Maker",
    "--map",
    "department=Ward",
    "--map",
    "acquisition_date=Bought On",
    "--map",
    "acquisition_cost=Price Paid",
];

#[test]
fn the_mapping_given_once_is_saved_for_the_sources_next_export() {
    let s = Store::new();
    let v1 = inventory("odd_headers_v1.csv");
    let e = s.refused(
        &["inventory", "import"],
        &["--file", &v1, "--source", "Maximo", "--confirm"],
    );
    assert!(e.contains("odd_headers_v1.csv: is not an inventory"), "{e}");
    let mut flags = vec!["--confirm"];
    flags.extend(ODD_MAP);
    let out = s.import(&v1, "Maximo", &flags);
    assert_eq!(strings(&out["import"]["assets"]["added"]), ["C-1", "C-2"]);
    let a = &s.show("C-1")["asset"];
    assert_eq!(a["department"], "Neonatal Unit");
    assert_eq!(a["manufacturer"], "B. Braun");
    assert_eq!(a["acquisition_date"], "2019-04-02");
    assert_eq!(a["acquisition_cost"], "1800");
    // The newer export of the same source reads with the saved mapping.
    let v2 = inventory("odd_headers_v2.csv");
    let p = s.import(&v2, "Maximo", &[]);
    assert_eq!(p["mapping_origin"], "saved");
    assert_eq!(p["assets"]["mapping"]["fields"]["department"], "Ward");
    assert_eq!(strings(&p["changes"]["added"]), ["C-3"]);
    let out = s.confirm(&v2, "Maximo");
    assert_eq!(out["import"]["assets"]["unchanged"], 2);
    let a = &s.show("C-3")["asset"];
    assert_eq!(a["device_type"], "Electrocardiograph");
    assert_eq!(a["department"], "Cardiology");
    assert_eq!(a["acquisition_cost"], "4200");
    // The day/month order given once is saved with the mapping too.
    let ambiguous = inventory("cp1252_comma_ambiguous.csv");
    s.import(&ambiguous, "Old", &["--confirm", "--date-order", "dmy"]);
    let p = s.import(&ambiguous, "Old", &[]);
    assert_eq!(
        (&p["mapping_origin"], &p["assets"]["ready"]),
        (&json!("saved"), &json!(true))
    );
    assert_eq!(p["changes"]["unchanged"], 2);
    // The mapping belongs to its source: another has none.
    let e = s.refused(
        &["inventory", "import"],
        &["--file", &v2, "--source", "Other", "--confirm"],
    );
    assert!(e.contains("odd_headers_v2.csv"), "{e}");
}

#[test]
fn bad_input_is_refused_naming_its_place_and_saves_nothing() {
    let s = Store::new();
    s.confirm(&inventory("store_v1.csv"), "TMS");
    // Each file, with --confirm, and the start of its message.
    for (file, says) in [
        (
            "decimal_comma_in_point_column.csv",
            ": 2 row(s) are rejected",
        ),
        (
            "cp1252_comma_ambiguous.csv",
            ": say whether its dates are day/month",
        ),
        ("budget.csv", ": is not an inventory"),
        ("inventory.pdf", ": is a PDF"),
        ("duplicate_asset_numbers.csv", ": 1 row(s) are rejected"),
        ("impossible_date.csv", ": 1 row(s) are rejected"),
        ("future_date.csv", ": 1 row(s) are rejected"),
        ("no_asset_number.csv", "no column is mapped to asset_number"),
    ] {
        let path = inventory(file);
        let args = [
            "--file",
            &path,
            "--source",
            "TMS",
            "--as-of",
            AS_OF,
            "--confirm",
        ];
        let e = s.refused(&["inventory", "import"], &args);
        let place = if says.starts_with(':') { file } else { "" };
        assert!(e.contains(&format!("{place}{says}")), "{file}: {e}");
    }
    // The preview names the row, column and reason of each rejected value.
    let rejected =
        |file: &str| s.import(&inventory(file), "TMS", &[])["assets"]["rejected"].clone();
    let r = &rejected("duplicate_asset_numbers.csv")[0];
    assert_eq!(
        (r["row"].clone(), r["field"].clone()),
        (json!(4), json!("asset_number"))
    );
    assert_eq!(r["reason"], "asset number B-2 is already on row 3");
    let r = &rejected("impossible_date.csv")[0];
    assert_eq!(
        (r["row"].clone(), r["column"].clone()),
        (json!(3), json!(8))
    );
    assert_eq!(r["reason"], "no such date: February 2019 has no day 31");
    let r = &rejected("future_date.csv")[0];
    assert_eq!(r["value"], "2031-01-15");
    assert_eq!(r["reason"], "a date in the future (after 2024-06-30)");
    let e = s.refused(
        &["inventory", "import"],
        &[
            "--file",
            &inventory("store_v1.csv"),
            "--source",
            " ",
            "--confirm",
        ],
    );
    assert!(
        e.contains("source: name the system the export comes from"),
        "{e}"
    );
}

#[test]
fn an_unknown_assets_work_orders_are_refused_and_rejected_rows_can_be_left_out() {
    let s = Store::new();
    s.confirm(&inventory("store_v1.csv"), "TMS");
    // Work orders of an asset the inventory lacks: A-9999 (row 4), the others are A-1001's.
    s.confirm(&inventory("utf8_comma_iso.csv"), "Nuvolo");
    let orders = inventory("work_orders.csv");
    let p = s.import(&orders, "TMS", &["--kind", "work-orders"]);
    let r = &p["work_orders"]["rejected"];
    assert_eq!(r.as_array().unwrap().len(), 1, "{p:#}");
    assert_eq!(
        (r[0]["row"].clone(), r[0]["value"].clone()),
        (json!(4), json!("A-9999"))
    );
    assert_eq!(
        r[0]["reason"],
        "a work order for an asset that does not exist in the inventory"
    );
    let e = s.refused(
        &["inventory", "import"],
        &[
            "--file",
            &orders,
            "--source",
            "TMS",
            "--kind",
            "work-orders",
            "--confirm",
        ],
    );
    assert!(e.contains("work_orders.csv: 1 row(s) are rejected"), "{e}");
    assert_eq!(s.show("A-1001")["work_orders"], json!([]));
    // Leaving the rejected rows out imports the others (another source: nothing retired).
    let out = s.import(
        &inventory("decimal_comma_in_point_column.csv"),
        "Old CMMS",
        &["--confirm", "--skip-rejected"],
    );
    assert_eq!(out["import"]["skipped_rows"], 2);
    assert_eq!(
        strings(&out["import"]["assets"]["added"]),
        ["A-3001", "A-3003"]
    );
    assert_eq!(s.show("A-3001")["asset"]["acquisition_cost"], "1234.56");
    assert!(!s
        .numbers(&["--include-retired"])
        .contains(&"A-3002".to_string()));
}

/// An asset whose row is rejected is still listed by the export: leaving the row out
/// must not retire it as if the export no longer listed it.
#[test]
fn leaving_a_rejected_row_out_does_not_retire_its_asset() {
    let s = Store::new();
    s.confirm(&inventory("store_v1.csv"), "TMS");
    // impossible_date.csv lists B-1 and B-2 (B-2 with 31/02/2019, rejected).
    let out = s.import(
        &inventory("impossible_date.csv"),
        "TMS",
        &["--confirm", "--skip-rejected"],
    );
    assert_eq!(strings(&out["import"]["assets"]["retired"]), ["B-3", "B-4"]);
    assert_eq!(s.show("B-2")["asset"]["status"], "active");
}

/// B-1 (bought 2016-05-01 for 2,500.00) and its work orders, at 100 an hour:
/// W-11 2 h x 100 + parts 150 = 350; W-12 1 h x 100 = 100; W-13 3 h x 100 + parts 80 +
/// vendor 200 = 580. Maintenance cost 350 + 100 + 580 = 1,030; MEL 1,030 / 2,500 =
/// 41.2 %. Downtime 6 + 12 = 18 hours. Two corrective (CM, Repair) in 2,982 days
/// (8.164 years): 0.24 failures a year.
#[test]
fn work_orders_are_stored_and_costed_at_the_labour_rate() {
    let s = Store::new();
    s.confirm(&inventory("store_v1.csv"), "TMS");
    let settings = s.json(&["inventory", "settings"], &["--labour-rate", "100"]);
    assert_eq!(settings["labour_rate"], "100");
    let orders = inventory("work_orders_store.csv");
    let out = s.import(&orders, "TMS", &["--kind", "work-orders", "--confirm"]);
    assert_eq!(
        out["import"]["work_orders"],
        json!({"added": 3, "replaced": 0, "unchanged": 0})
    );
    let d = s.show("B-1");
    let numbers: Vec<&Value> = d["work_orders"]
        .as_array()
        .unwrap()
        .iter()
        .map(|w| &w["number"])
        .collect();
    assert_eq!(numbers, [&json!("W-11"), &json!("W-12"), &json!("W-13")]);
    assert_eq!(d["work_orders"][2]["vendor_cost"], "200");
    assert_eq!(d["work_orders"][2]["kind"], "corrective");
    let p = &d["priority"];
    assert_eq!(p["work_orders"], 3);
    assert_eq!(p["maintenance_cost"], "1030");
    assert_eq!(p["mel_percent"], "41.2");
    assert_eq!(p["downtime_hours"], "18");
    assert_eq!(p["failures_per_year"], "0.24");
    assert_eq!(s.show("B-2")["work_orders"], json!([]));
    // The same file again changes nothing.
    let out = s.import(&orders, "TMS", &["--kind", "work-orders", "--confirm"]);
    assert_eq!(
        out["import"]["work_orders"],
        json!({"added": 0, "replaced": 0, "unchanged": 3})
    );
    assert_eq!(s.show("B-1")["work_orders"].as_array().unwrap().len(), 3);
    // At 200 an hour: 6 h x 200 + 230 + 200 = 1,630, 65.2 % of 2,500, in the panel and
    // in the list's stored priorities.
    s.run(
        &["inventory", "settings"],
        &["--labour-rate", "200", "--as-of", AS_OF],
    );
    assert_eq!(s.show("B-1")["priority"]["maintenance_cost"], "1630");
    assert_eq!(s.list(&["--search", "B-1"])["rows"][0]["mel_percent"], 65.2);
}

/// A work order number names a work order of one CMMS: another system's work order of
/// the same number, for another asset, must not replace it.
#[test]
fn a_work_order_number_of_another_asset_replaces_nothing() {
    let s = Store::new();
    s.confirm(&inventory("store_v1.csv"), "TMS");
    s.confirm(&inventory("utf8_comma_iso.csv"), "Nuvolo");
    let orders = inventory("work_orders_store.csv");
    s.import(&orders, "TMS", &["--kind", "work-orders", "--confirm"]);
    let other = s.dir.path().join("nuvolo_orders.csv");
    std::fs::write(
        &other,
        "WO #,Asset #,Date Completed,WO Type,Labor Hours\r\nW-11,A-1001,2023-02-14,CM,1\r\n",
    )
    .unwrap();
    let other = other.display().to_string();
    let out = s.import(&other, "Nuvolo", &["--kind", "work-orders", "--confirm"]);
    assert_eq!(out["import"]["work_orders"]["added"], 1);
    assert_eq!(s.show("A-1001")["work_orders"][0]["number"], "W-11");
    let kept: Vec<Value> = s.show("B-1")["work_orders"]
        .as_array()
        .unwrap()
        .iter()
        .map(|w| w["number"].clone())
        .collect();
    assert_eq!(kept, [json!("W-11"), json!("W-12"), json!("W-13")]);
}

#[test]
fn recalls_match_by_product_code_manufacturer_and_model() {
    let s = Store::new();
    s.confirm(&inventory("store_v1.csv"), "TMS");
    let file = fixture("fda", "recalls_store.json");
    let r = s.json(&["inventory", "recalls"], &["--file", &file]);
    assert_eq!(r["recalls"], 3);
    // B-2 is an FRN pump of another model; B-4 an MKJ defibrillator of another firm.
    assert_eq!(
        r["matches"],
        json!([
            {"asset_number": "B-1", "recall_id": "Z-0101-2026", "basis": "product code FRN, manufacturer, model"},
            {"asset_number": "B-3", "recall_id": "Z-0103-2025", "basis": "product code MHX, manufacturer, model"}
        ])
    );
    let b1 = s.show("B-1");
    assert_eq!(b1["recalls"].as_array().unwrap().len(), 1);
    assert_eq!(b1["recalls"][0]["id"], "Z-0101-2026");
    assert_eq!(b1["recalls"][0]["open"], true);
    assert_eq!(b1["priority"]["recalls"], json!(["Z-0101-2026"]));
    assert_eq!(s.show("B-3")["recalls"][0]["open"], false, "terminated");
    assert_eq!(s.show("B-2")["recalls"], json!([]));
    assert_eq!(s.show("B-4")["recalls"], json!([]));
    // FDA's real single record has no product code: stored, matched to nothing.
    let one = fixture("fda", "res_one-recall.json");
    let r = s.json(&["inventory", "recalls"], &["--file", &one]);
    assert_eq!(r["recalls"], 4);
    assert_eq!(
        r["matches"].as_array().unwrap().len(),
        2,
        "only the earlier ones"
    );
    // Files that are not recall files.
    let e = s.refused(
        &["inventory", "recalls"],
        &["--file", &inventory("budget.csv")],
    );
    assert!(e.contains("budget.csv"), "{e}");
    let budget = s.dir.path().join("budget.json");
    std::fs::write(&budget, r#"{"results":[{"budget":1}]}"#).unwrap();
    let e = s.refused(
        &["inventory", "recalls"],
        &["--file", &budget.display().to_string()],
    );
    assert!(
        e.contains("budget.json: is not an openFDA device recall file"),
        "{e}"
    );
    assert_eq!(s.show("B-1")["recalls"].as_array().unwrap().len(), 1);
}

/// The manufacturer matches the recalling firm by a whole word: GE is not in "Draeger".
#[test]
fn a_manufacturer_inside_another_firms_name_is_no_match() {
    let s = Store::new();
    let export = s.dir.path().join("ge.csv");
    let assets =
        "Asset #,Nomenclature,Mfr,FDA Product Code\r\nG-1,Patient monitor,GE Healthcare,MHX\r\n";
    std::fs::write(&export, assets).unwrap();
    s.confirm(&export.display().to_string(), "TMS");
    let recalls = s.dir.path().join("draeger.json");
    let record = json!({"product_res_number": "Z-0200-2026", "product_code": "MHX",
        "recalling_firm": "Draeger Medical Systems, Inc.", "product_description": "Infinity Delta",
        "reason_for_recall": "Display freezes", "recall_status": "Open, Classified"});
    std::fs::write(
        &recalls,
        json!({"meta": {}, "results": [record]}).to_string(),
    )
    .unwrap();
    let r = s.json(
        &["inventory", "recalls"],
        &["--file", &recalls.display().to_string()],
    );
    assert_eq!(r["matches"], json!([]));
}

fn request_args<'a>(assets: &'a str, department: &'a str) -> [&'a str; 8] {
    let year = ["--fiscal-year", "2028", "--as-of", AS_OF];
    [
        "--asset",
        assets,
        "--department",
        department,
        year[0],
        year[1],
        year[2],
        year[3],
    ]
}

#[test]
fn a_request_drafted_from_assets_names_them_and_an_unknown_asset_creates_nothing() {
    let s = Store::new();
    s.confirm(&inventory("store_v1.csv"), "TMS");
    let f = s.json(&["facility", "add"], &["--name", "General"]);
    let facility = f["id"].to_string();
    let d = s.json(
        &["department", "add"],
        &["--facility", &facility, "--name", "Emergency"],
    );
    let department = d["id"].to_string();
    let args = |assets| request_args(assets, &department);
    let r = s.json(&["inventory", "request"], &args("B-2,B-4"));
    assert_eq!(r["title"], "Replace 2 assets");
    assert_eq!(r["fiscal_year"], 2028);
    let why = r["justification"].as_str().unwrap();
    assert!(
        why.starts_with("Replaces 2 assets of the installed base"),
        "{why}"
    );
    for line in [
        "B-2 (Infusion pump, Emergency): ",
        "B-4 (Defibrillator, Emergency): ",
    ] {
        assert!(why.contains(&format!("\n- {line}")), "{why}");
    }
    let requests = s.json(&["requests"], &[]);
    assert_eq!(requests.as_array().unwrap().len(), 1);
    assert_eq!(s.show("B-4")["requests"][0][0], r["id"]);
    let e = s.refused(&["inventory", "request"], &args("B-1,Z-9"));
    assert!(
        e.contains("there is no asset 'Z-9' in the inventory"),
        "{e}"
    );
    let e = s.refused(&["inventory", "request"], &args("B-1,B-1"));
    assert!(
        e.contains("asset number B-1 is in the inventory twice"),
        "{e}"
    );
    assert_eq!(s.json(&["requests"], &[]), requests);
    assert_eq!(s.show("B-1")["requests"], json!([]));
}

#[test]
fn an_expected_life_set_changes_the_age_factor() {
    let s = Store::new();
    s.confirm(&inventory("store_v1.csv"), "TMS");
    // The shipped table leaves infusion pumps blank: age is not known.
    let p = &s.show("B-1")["priority"];
    assert!(strings(&p["missing"]).contains(&"age".to_string()), "{p:#}");
    let lives = s.json(
        &["inventory", "lives"],
        &[
            "--set",
            "Infusion pump=10",
            "--source",
            "Hospital policy",
            "--as-of",
            AS_OF,
        ],
    );
    let pump = lives
        .as_array()
        .unwrap()
        .iter()
        .find(|l| l["device_type"] == "Infusion pump")
        .unwrap();
    assert_eq!(pump["years"], "10");
    assert_eq!(pump["source"], "Hospital policy");
    // 2016-05-01 to 2024-06-30: 2,982 days, 8.2 years of 10.
    let p = &s.show("B-1")["priority"];
    assert!(
        !strings(&p["missing"]).contains(&"age".to_string()),
        "{p:#}"
    );
    assert_eq!(p["expected_life_years"], "10");
    let age = p["factors"]
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["factor"] == "age")
        .unwrap();
    assert_eq!(age["value"], "8.2 of 10 years");
    let explanation = p["explanation"].as_str().unwrap();
    assert!(explanation.contains("(8.2 of 10 years)"), "{explanation}");
    let e = s.refused(&["inventory", "lives"], &["--set", "Infusion pump=0"]);
    assert!(e.contains("expected_lives"), "{e}");
    // The list's stored priorities are computed again.
    let row = &s.list(&["--search", "B-1"])["rows"][0];
    assert_eq!(row["explanation"], explanation);
    assert_eq!(row["age_years"], 8.2);
}

#[test]
fn the_list_sorts_by_priority_searches_and_pages() {
    let s = Store::new();
    s.confirm(&inventory("store_v1.csv"), "TMS");
    s.run(&["inventory", "settings"], &["--labour-rate", "100"]);
    s.import(
        &inventory("work_orders_store.csv"),
        "TMS",
        &["--kind", "work-orders", "--confirm"],
    );
    let page = s.list(&["--sort", "priority"]);
    let rows = page["rows"].as_array().unwrap();
    assert_eq!(rows.len(), 4);
    let scores: Vec<f64> = rows.iter().map(|r| r["score"].as_f64().unwrap()).collect();
    assert!(scores.windows(2).all(|w| w[0] >= w[1]), "{scores:?}");
    assert!(scores[0] > scores[3], "{scores:?}");
    // Each row's score is the one its asset's panel shows.
    for r in rows {
        let shown = s.show(r["asset_number"].as_str().unwrap());
        let score: f64 = shown["priority"]["score"]
            .as_str()
            .unwrap()
            .parse()
            .unwrap();
        assert_eq!(r["score"].as_f64().unwrap(), score, "{r}");
    }
    let order: Vec<String> = rows
        .iter()
        .map(|r| r["asset_number"].as_str().unwrap().to_string())
        .collect();
    let ascending = s.list(&["--sort", "priority", "--ascending"]);
    let low: Vec<f64> = ascending["rows"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["score"].as_f64().unwrap())
        .collect();
    assert!(low.windows(2).all(|w| w[0] <= w[1]), "{low:?}");
    assert_eq!(ascending["rows"][3]["asset_number"], order[0].as_str());
    // A text sort is A to Z, with or without --ascending.
    assert_eq!(
        s.numbers(&["--sort", "asset_number"]),
        ["B-1", "B-2", "B-3", "B-4"]
    );
    assert_eq!(
        s.numbers(&["--sort", "asset_number", "--ascending"]),
        ["B-1", "B-2", "B-3", "B-4"]
    );
    // --search in number, type, manufacturer, model, serial, department; any case.
    for (text, found) in [
        ("baxter", &["B-1", "B-2"][..]),
        ("Emergency", &["B-2", "B-4"]),
        ("zzz", &[]),
    ] {
        assert_eq!(
            s.numbers(&["--sort", "asset_number", "--search", text]),
            found,
            "{text}"
        );
    }
    let icu = s.numbers(&["--sort", "asset_number", "--department", "Intensive Care"]);
    assert_eq!(icu, ["B-1", "B-3"]);
    let paged = s.list(&["--sort", "priority", "--limit", "1", "--offset", "1"]);
    assert_eq!(paged["total"], 4);
    assert_eq!(paged["offset"], 1);
    assert_eq!(paged["rows"], json!([rows[1]]));
}
