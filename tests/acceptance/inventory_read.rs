//! Reading a CMMS inventory export: `caliper inventory preview --json` on real files in
//! each encoding (UTF-8, UTF-8 with BOM, UTF-16LE, Windows-1252), separator (comma,
//! semicolon, tab), date style (ISO, day first, month first, undecided until given),
//! decimal mark, an XLSX workbook with date cells, and files that are not inventories
//! (tests/fixtures/inventory, written by make_fixtures.py).

use caliper_tests::{caliper, run_json};
use serde_json::Value;

fn fixture(name: &str) -> String {
    caliper_tests::repo_root()
        .join("tests/fixtures/inventory")
        .join(name)
        .display()
        .to_string()
}

/// The preview of `file` with the assets read, as of 2024-06-30, and `extra` flags.
fn preview(file: &str, extra: &[&str]) -> Value {
    let mut args = vec![
        "inventory",
        "preview",
        "--file",
        file,
        "--as-of",
        "2024-06-30",
        "--json",
        "--records",
    ];
    args.extend_from_slice(extra);
    run_json(&args)
}

fn fails(file: &str, extra: &[&str]) -> String {
    let mut args = vec!["inventory", "preview", "--file", file];
    args.extend_from_slice(extra);
    let o = caliper(&args);
    assert!(!o.status.success(), "{args:?} should fail");
    String::from_utf8_lossy(&o.stderr).into_owned()
}

fn asset<'a>(p: &'a Value, number: &str) -> &'a Value {
    p["assets"]
        .as_array()
        .unwrap()
        .iter()
        .find(|a| a["asset_number"] == number)
        .unwrap_or_else(|| panic!("no asset {number} in {p:#}"))
}

/// The three assets of the fixtures, read alike whatever the file's form.
fn check_the_three_assets(p: &Value) {
    assert_eq!(p["ready"], true, "{p:#}");
    assert_eq!(p["rejected"].as_array().unwrap().len(), 0, "{p:#}");
    assert_eq!(p["assets"].as_array().unwrap().len(), 3);
    let a = asset(p, "A-1001");
    assert_eq!(a["acquisition_cost"], "12500.5");
    assert_eq!(a["acquisition_date"], "2019-03-14");
    assert_eq!(a["manufacturer"], "Müller Medizintechnik");
    assert_eq!(a["facility"], "São Paulo");
    assert_eq!(a["device_type"], "Infusion pump");
    assert_eq!(a["status"], "active");
    assert_eq!(asset(p, "A-1002")["acquisition_date"], "2017-11-02");
    assert_eq!(asset(p, "A-1003")["acquisition_cost"], "15000");
}

#[test]
fn utf8_comma_iso_dates() {
    let p = preview(&fixture("utf8_comma_iso.csv"), &[]);
    assert_eq!(p["source"]["encoding"], "utf8");
    assert_eq!(p["source"]["separator"], ",");
    check_the_three_assets(&p);
    assert!(p.get("work_orders").is_none());
}

#[test]
fn utf8_bom_semicolons_day_first_and_decimal_commas() {
    let p = preview(&fixture("utf8bom_semicolon_dmy.csv"), &[]);
    assert_eq!(p["source"]["encoding"], "utf8_bom");
    assert_eq!(p["source"]["separator"], ";");
    let columns = p["columns"].as_array().unwrap();
    assert_eq!(columns[5]["detected"], "dates, day first");
    assert_eq!(columns[6]["detected"], "amounts, decimal comma");
    assert_eq!(columns[6]["examples"][0], "12.500,50");
    check_the_three_assets(&p);
}

#[test]
fn utf16_tabs_month_first() {
    let p = preview(&fixture("utf16le_tab_mdy.txt"), &[]);
    assert_eq!(p["source"]["encoding"], "utf16_le");
    assert_eq!(p["source"]["separator"], "\t");
    assert_eq!(p["columns"][5]["detected"], "dates, month first");
    check_the_three_assets(&p);
}

#[test]
fn windows_1252_with_undecided_dates_asks_then_reads_with_the_order_given() {
    let file = fixture("cp1252_comma_ambiguous.csv");
    let p = preview(&file, &[]);
    assert_eq!(p["source"]["encoding"], "windows1252");
    assert_eq!(p["header_row"], 2, "the title line is passed over");
    assert_eq!(p["ready"], false);
    assert_eq!(p["assets"].as_array().unwrap().len(), 0);
    let q = &p["questions"][0];
    assert_eq!(q["column"], 6);
    assert_eq!(q["header"], "Acq Date");
    assert_eq!(q["examples"][0], "03/04/2018");
    let p = preview(&file, &["--date-order", "dmy"]);
    assert_eq!(p["ready"], true);
    assert_eq!(asset(&p, "A-2001")["acquisition_date"], "2018-04-03");
    assert_eq!(asset(&p, "A-2001")["manufacturer"], "Dräger");
    assert_eq!(asset(&p, "A-2002")["facility"], "Müllerstraße clinic");
    let p = preview(&file, &["--date-order", "mdy"]);
    assert_eq!(asset(&p, "A-2001")["acquisition_date"], "2018-03-04");
    // The text form prints the question and reads nothing.
    let o = caliper(&["inventory", "preview", "--file", &file]);
    assert!(o.status.success());
    let text = String::from_utf8_lossy(&o.stdout);
    assert!(text.contains("question: Column 6 ('Acq Date')"), "{text}");
    assert!(text.contains("nothing read yet"), "{text}");
}

#[test]
fn a_decimal_comma_in_a_decimal_point_column_and_an_impossible_date_are_rejected() {
    let p = preview(&fixture("decimal_comma_in_point_column.csv"), &[]);
    let rejected = p["rejected"].as_array().unwrap();
    assert_eq!(rejected.len(), 2, "{p:#}");
    assert_eq!(rejected[0]["row"], 3);
    assert_eq!(rejected[0]["column"], 7);
    assert_eq!(rejected[0]["field"], "acquisition_cost");
    assert_eq!(rejected[0]["value"], "1.234,56 €");
    assert_eq!(
        rejected[0]["reason"],
        "'1.234,56 €' has a decimal comma, in a column otherwise using decimal points"
    );
    assert_eq!(rejected[1]["row"], 5);
    assert_eq!(rejected[1]["value"], "31/02/2019");
    assert_eq!(p["rejected_rows"], 2);
    assert_eq!(asset(&p, "A-3001")["acquisition_cost"], "1234.56");
    assert_eq!(p["assets"].as_array().unwrap().len(), 2);
}

#[test]
fn an_xlsx_with_date_cells_and_a_title_row() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("inventory.xlsx");
    let mut book = rust_xlsxwriter::Workbook::new();
    let notes = book.add_worksheet();
    notes.set_name("Notes").unwrap();
    notes.write(0, 0, "Exported from the CMMS").unwrap();
    let sheet = book.add_worksheet();
    sheet.set_name("Assets").unwrap();
    let date = rust_xlsxwriter::Format::new().set_num_format("dd/mm/yyyy");
    sheet.write(0, 0, "Biomed inventory").unwrap();
    for (c, h) in [
        "Control #",
        "Description",
        "Make",
        "Acceptance Date",
        "Acq Cost",
        "Networked",
    ]
    .iter()
    .enumerate()
    {
        sheet.write(1, c as u16, *h).unwrap();
    }
    let day = rust_xlsxwriter::ExcelDateTime::from_ymd(2019, 3, 14).unwrap();
    sheet.write(2, 0, "A-1001").unwrap();
    sheet.write(2, 1, "Infusion pump").unwrap();
    sheet.write(2, 2, "Müller").unwrap();
    sheet.write_datetime_with_format(2, 3, &day, &date).unwrap();
    sheet.write(2, 4, 12500.5).unwrap();
    sheet.write(2, 5, true).unwrap();
    sheet.write(3, 0, 1002).unwrap();
    sheet.write(3, 4, "n/a").unwrap();
    book.save(&path).unwrap();
    let p = preview(path.to_str().unwrap(), &[]);
    assert_eq!(p["source"]["format"], "xlsx");
    assert_eq!(p["source"]["sheet"], "Assets");
    assert_eq!(p["header_row"], 2);
    let a = asset(&p, "A-1001");
    assert_eq!(a["acquisition_date"], "2019-03-14");
    assert_eq!(a["acquisition_cost"], "12500.5");
    assert_eq!(a["network_connected"], true);
    assert_eq!(p["rejected"][0]["row"], 4);
    assert_eq!(p["rejected"][0]["reason"], "not an amount");
}

#[test]
fn files_that_are_not_inventories_are_refused() {
    let err = fails(&fixture("inventory.pdf"), &[]);
    assert!(
        err.contains("inventory.pdf: is a PDF, not an inventory export: export the inventory from the CMMS as CSV or XLSX"),
        "{err}"
    );
    let err = fails(&fixture("budget.csv"), &[]);
    assert!(err.contains("budget.csv: is not an inventory"), "{err}");
    let err = fails(&fixture("no_asset_number.csv"), &[]);
    assert!(err.contains("no column is mapped to asset_number"), "{err}");
}

#[test]
fn a_mapping_is_given_saved_and_applied() {
    let file = fixture("no_asset_number.csv");
    let p = preview(&file, &["--map", "asset_number=Serial Number"]);
    assert_eq!(p["assets"][0]["asset_number"], "SN-1");
    assert_eq!(p["mapping"]["fields"]["asset_number"], "Serial Number");
    let dir = tempfile::tempdir().unwrap();
    let saved = dir.path().join("mapping.json");
    std::fs::write(&saved, p["mapping"].to_string()).unwrap();
    let again = preview(&file, &["--mapping", saved.to_str().unwrap()]);
    assert_eq!(again["assets"], p["assets"]);
    let err = fails(&file, &["--map", "colour=Model"]);
    assert!(
        err.contains("'colour' is not a field of an inventory"),
        "{err}"
    );
}

#[test]
fn work_orders_are_checked_against_the_inventory() {
    let p = run_json(&[
        "inventory",
        "preview",
        "--kind",
        "work-orders",
        "--file",
        &fixture("work_orders.csv"),
        "--inventory",
        &fixture("utf8_comma_iso.csv"),
        "--as-of",
        "2024-06-30",
        "--json",
        "--records",
    ]);
    let orders = p["work_orders"].as_array().unwrap();
    assert_eq!(orders.len(), 2);
    assert_eq!(orders[0]["kind"], "corrective");
    assert_eq!(orders[0]["parts_cost"], "120");
    assert_eq!(orders[0]["downtime_hours"], "4");
    assert_eq!(orders[1]["kind"], "preventive");
    assert_eq!(p["rejected"][0]["row"], 4);
    assert_eq!(
        p["rejected"][0]["reason"],
        "a work order for an asset that does not exist in the inventory"
    );
}
