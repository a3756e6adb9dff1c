//! Hostile CMMS exports and recall files, through the functions `caliper inventory` and the
//! app call: arbitrary bytes, byte mutations of a valid export (text and XLSX) and mutated
//! recall JSON each get a table and a preview, or an error naming the file, never a panic.
//! Bounded: a few hundred cases each (`CALIPER_FUZZ_CASES` for a longer hunt).
#![allow(clippy::unwrap_used)] // test code: a failed unwrap is a failed test

use caliper_models::import::inventory::read_table_bytes;
use caliper_models::inventory::read::{
    preview_assets, preview_work_orders, suggest_mapping, AssetField, Mapping, WorkOrderField,
};
use caliper_models::inventory::recall::parse_recalls;
use caliper_models::Error;
use chrono::NaiveDate;
use proptest::prelude::*;

mod fuzzing;
use fuzzing::{config, mutate};

const EXPORT: &str = "\
Asset #;Nomenclature;Mfr;Model;Dept;Acq Date;Purchase Cost;Networked;Risk;Status
A-1;Infusion pump;Müller;V3;ICU;14/03/2019;\"1.234,50 €\";Yes;High;Active
A-2;Monitor;Philips;MX450;ICU;02/11/2017;8.200,00;No;3;Retired
A-3;Defibrillator;Zoll;R;ED;31/01/2015;15.000;Y;;In service
";

const WORK_ORDERS: &str = "\
WO #,Asset #,Date Completed,WO Type,Labor Hours,Parts Cost,Downtime
W1,A-1,2023-02-01,CM,4,1200,48
W2,A-3,2024-03-01,PM,1,0,0
";

const RECALL: &str = r#"{"meta": {}, "results": [{"product_res_number": "Z-0001-2026",
 "product_code": "FRN", "recalling_firm": "Baxter Healthcare Corporation",
 "product_description": "Infusion System, model 35700", "reason_for_recall": "Free flow",
 "recall_status": "Open, Classified", "event_date_initiated": "2026-03-02"}]}"#;

fn as_of() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 12, 1).unwrap()
}

fn xlsx() -> Vec<u8> {
    let mut book = rust_xlsxwriter::Workbook::new();
    let sheet = book.add_worksheet();
    for (r, line) in EXPORT.lines().enumerate() {
        for (c, cell) in line.split(';').enumerate() {
            sheet.write_string(r as u32, c as u16, cell).unwrap();
        }
    }
    book.save_to_buffer().unwrap()
}

/// An error names the file (or the mapping's field); anything else is a failure.
fn named(file: &str, e: &Error) -> std::result::Result<(), TestCaseError> {
    let message = e.to_string();
    prop_assert!(
        message.starts_with(file) || message.starts_with("mapping"),
        "{message}"
    );
    Ok(())
}

/// Reads `bytes` as an export and previews it as an inventory and as work orders.
fn answered(file: &str, bytes: &[u8]) -> std::result::Result<(), TestCaseError> {
    let table = match read_table_bytes(file, bytes, None) {
        Ok(t) => t,
        Err(e) => return named(file, &e),
    };
    let assets: Mapping<AssetField> = suggest_mapping(&table.header);
    if assets.check(&table).is_ok() {
        let p = preview_assets(&table, &assets, as_of());
        if let Err(e) = &p {
            named(file, e)?;
        }
    }
    let orders: Mapping<WorkOrderField> = suggest_mapping(&table.header);
    if orders.check(&table).is_ok() {
        if let Err(e) = preview_work_orders(&table, &orders, as_of(), None) {
            named(file, &e)?;
        }
    }
    Ok(())
}

#[test]
fn the_seeds_read_whole() {
    let table = read_table_bytes("e.csv", EXPORT.as_bytes(), None).unwrap();
    let p = preview_assets(&table, &suggest_mapping(&table.header), as_of()).unwrap();
    assert_eq!(p.rows, 3);
    let table = read_table_bytes("e.xlsx", &xlsx(), None).unwrap();
    assert_eq!(table.rows().len(), 3);
    assert_eq!(parse_recalls("r.json", RECALL).unwrap().len(), 1);
}

proptest! {
    #![proptest_config(config(300))]

    #[test]
    fn arbitrary_bytes_are_answered(
        prefix in prop::sample::select(vec![
            &b""[..], b"PK\x03\x04", b"\xEF\xBB\xBF", b"\xFF\xFE", b"\xFE\xFF", b"%PDF",
            b"Asset #,", b"Asset #;Acq Date\n",
        ]),
        body in prop::collection::vec(any::<u8>(), 0..1024),
    ) {
        let mut bytes = prefix.to_vec();
        bytes.extend(body);
        answered("any.csv", &bytes)?;
    }

    #[test]
    fn mutated_exports_are_answered(
        seed in 0..3usize,
        edits in prop::collection::vec((any::<prop::sample::Index>(), any::<u8>()), 1..12),
        cut in prop::option::weighted(0.2, any::<prop::sample::Index>()),
    ) {
        let (file, bytes) = match seed {
            0 => ("m.csv", EXPORT.as_bytes().to_vec()),
            1 => ("w.csv", WORK_ORDERS.as_bytes().to_vec()),
            _ => ("m.xlsx", xlsx()),
        };
        answered(file, &mutate(bytes, &edits, cut))?;
    }

    #[test]
    fn mutated_recall_files_are_answered(
        edits in prop::collection::vec((any::<prop::sample::Index>(), any::<u8>()), 1..8),
        cut in prop::option::weighted(0.2, any::<prop::sample::Index>()),
    ) {
        let bytes = mutate(RECALL.as_bytes().to_vec(), &edits, cut);
        let text = String::from_utf8_lossy(&bytes);
        if let Err(e) = parse_recalls("r.json", &text) {
            let message = e.to_string();
            prop_assert!(message.starts_with("r.json"), "{message}");
        }
    }
}
