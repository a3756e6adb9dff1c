//! Hostile input through every importer and every JSON document the CLI reads, by the
//! functions the CLI calls: spreadsheet bombs (sparse sheets, repeat counts, declared
//! ranges) are refused with a message naming the file and the place, in bounded memory;
//! and a bounded fuzz run (arbitrary bytes, byte mutations of valid workbooks, mutated
//! records and XML parts, mutated JSON values) checks that each answer is a result or an
//! error naming the file or field, never a panic.
//!
//! The case counts keep the whole file under a minute in a debug build on two cores.
#![allow(clippy::unwrap_used)] // test code: a failed unwrap is a failed test

mod fuzzing;
mod workbooks;

use std::sync::atomic::AtomicBool;

use caliper_models::ahp::{ahp, combine_direct_weights, AhpInput, DirectWeightsInput};
use caliper_models::compat::rules::validate_rules;
use caliper_models::compat::{default_rules, CompatRule, DeviceProfile, SiteProfile};
use caliper_models::error::{from_json, from_value};
use caliper_models::import::mds2::{parse_bytes, MAX_CELLS};
use caliper_models::lifecycle::{compare_costs, CostComparisonInput, CostModel};
use caliper_models::ranking::{rank, DecisionProblem};
use caliper_models::sensitivity::{sensitivity, SensitivityOptions};
use caliper_models::{Error, Result};
use fuzzing::{config, mutate};
use proptest::prelude::*;
use workbooks::*;

/// Peak memory allowed for the whole test binary: far below what any bomb would take.
const MEMORY_CEILING_MIB: u64 = 600;

fn refused(file: &str, bytes: &[u8]) -> String {
    let err = parse_bytes(file, bytes).expect_err("refused");
    let message = err.to_string();
    assert!(message.starts_with(&format!("{file}: ")), "{message}");
    if let Some(peak) = peak_memory_mib() {
        assert!(peak < MEMORY_CEILING_MIB, "{file}: peak memory {peak} MiB");
    }
    message
}

fn assert_contains(message: &str, parts: &[&str]) {
    for part in parts {
        assert!(message.contains(part), "'{part}' not in: {message}");
    }
}

// ---- spreadsheet bombs -----------------------------------------------------------------

#[test]
fn valid_forms_read_alike_in_every_format() {
    let answers = |file: &str, bytes: &[u8]| {
        let parse = parse_bytes(file, bytes).unwrap_or_else(|e| panic!("{e}"));
        ["DOC-1", "DOC-3", "PAUT-2", "PAUT-9"]
            .map(|id| parse.form.entry(id).map(|e| format!("{:?}", e.answer)))
    };
    let csv = answers("form.csv", &form_csv());
    assert!(csv.iter().all(Option::is_some), "{csv:?}");
    assert_eq!(answers("form.xlsx", &form_xlsx()), csv);
    assert_eq!(answers("form.xls", &form_xls()), csv);
    assert_eq!(answers("form.ods", &form_ods()), csv);
}

#[test]
fn the_test_xls_is_one_calamine_reads_too() {
    use calamine::Reader;
    let bytes = form_xls();
    let mut book: calamine::Xls<_> =
        calamine::open_workbook_from_rs(std::io::Cursor::new(bytes)).unwrap();
    let range = book.worksheet_range("Form").unwrap();
    assert_eq!(range.used_cells().count(), FORM.len() * 3 + 1);
    assert_eq!(
        range.get_value((3, 0)),
        Some(&calamine::Data::String("PAUT-2".into()))
    );
}

#[test]
fn xls_cells_at_the_far_corner_are_refused() {
    let sparse = compound_file(&workbook_stream(
        &[],
        &[("Form", vec![label(0, 0, "DOC-1"), number(65_535, 255, 1.0)])],
    ));
    let m = refused("sparse.xls", &sparse);
    assert_contains(&m, &["sheet 'Form', cell IV65536", "outside the 2000 rows"]);

    let declared = compound_file(&workbook_stream(
        &[],
        &[(
            "Form",
            vec![dimensions(0, 65_536, 0, 256), label(0, 0, "DOC-1")],
        )],
    ));
    let m = refused("declared.xls", &declared);
    assert_contains(&m, &["sheet 'Form' declares its used range as A1:IV65536"]);

    // A 32-bit row count far past any sheet.
    let huge = compound_file(&workbook_stream(
        &[],
        &[("Form", vec![dimensions(0, u32::MAX, 0, 16_384)])],
    ));
    let m = refused("huge.xls", &huge);
    assert_contains(&m, &["sheet 'Form' declares its used range"]);
}

#[test]
fn xls_with_more_cells_than_a_form_is_refused() {
    // The same cell written again and again: few positions, many cells.
    let cells = vec![number(0, 0, 1.0); MAX_CELLS + 1];
    let m = refused(
        "many.xls",
        &compound_file(&workbook_stream(&[], &[("Form", cells)])),
    );
    assert_contains(
        &m,
        &["sheet 'Form', cell A1", "more than 100000 non-empty cells"],
    );
}

#[test]
fn damaged_xls_files_are_refused_with_the_reason() {
    // A shared string that is not there.
    let stream = workbook_stream(&[], &[("Form", vec![label_sst(0, 0, 7)])]);
    let m = refused("sst.xls", &compound_file(&stream));
    assert_contains(&m, &["sheet 'Form'", "cell A1 refers to shared string 7"]);
    // Sheets said to start past the end of the stream.
    let mut stream = workbook_stream(&[], &[("A", vec![]), ("B", vec![])]);
    stream[37..41].copy_from_slice(&u32::MAX.to_le_bytes());
    let m = refused("far.xls", &compound_file(&stream));
    assert_contains(&m, &["sheet 'B' could not be read"]);
    stream[24..28].copy_from_slice(&(u32::MAX - 1).to_le_bytes());
    let m = refused("far.xls", &compound_file(&stream));
    assert_contains(&m, &["sheet 'A' could not be read"]);
    // Encrypted.
    let stream = workbook_stream(&[record(0x002F, &[1, 0, 0, 0])], &[]);
    let m = refused("secret.xls", &compound_file(&stream));
    assert_contains(&m, &["password-protected"]);
    // A cut record.
    let mut stream = workbook_stream(&[], &[("Form", vec![label(0, 0, "DOC-1")])]);
    stream.truncate(stream.len() - 10);
    let m = refused("cut.xls", &compound_file(&stream));
    assert_contains(&m, &["cut short"]);
    // Not a compound file at all, behind the magic number.
    let mut junk = vec![0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];
    junk.extend([0xFF; 600]);
    let m = refused("junk.xls", &junk);
    assert_contains(&m, &["not a readable Excel 97-2003 workbook"]);
}

#[test]
fn ods_repeats_past_the_form_are_refused() {
    let wide = ods(
        "Form",
        r#"<table:table-row><table:table-cell table:number-columns-repeated="16384" office:value-type="string"><text:p>x</text:p></table:table-cell></table:table-row>"#,
    );
    let m = refused("wide.ods", &wide);
    assert_contains(&m, &["sheet 'Form', row 1: content reaches column XFD"]);

    let tall = ods(
        "Form",
        &format!(
            "{}<table:table-row table:number-rows-repeated=\"1048575\"><table:table-cell office:value-type=\"float\" office:value=\"1\"/></table:table-row>",
            ods_row(&["DOC-1", "Manufacturer Name", "Aurelia"])
        ),
    );
    let m = refused("tall.ods", &tall);
    assert_contains(
        &m,
        &["sheet 'Form', row 2: content repeated", "to row 1048576"],
    );

    // Repeat counts past any spreadsheet (calamine would try to fill them).
    let endless = ods(
        "Form",
        r#"<table:table-row><table:table-cell table:number-columns-repeated="1000000000000"/><table:table-cell office:value-type="string"><text:p>x</text:p></table:table-cell></table:table-row>"#,
    );
    let m = refused("endless.ods", &endless);
    assert_contains(&m, &["content reaches column number 1000000000001"]);

    // Empty rows between two rows with content count too.
    let gap = ods(
        "Form",
        &format!(
            "{}<table:table-row table:number-rows-repeated=\"100000000\"><table:table-cell/></table:table-row>{}",
            ods_row(&["DOC-1"]),
            ods_row(&["DOC-3"])
        ),
    );
    let m = refused("gap.ods", &gap);
    assert_contains(&m, &["row 100000002"]);
}

#[test]
fn xlsx_cells_at_the_far_corner_are_refused() {
    let mut book = rust_xlsxwriter::Workbook::new();
    let sheet = book.add_worksheet();
    sheet.write_string(0, 0, "DOC-1").unwrap();
    sheet.write_number(1_048_575, 16_383, 1.0).unwrap();
    let m = refused("sparse.xlsx", &book.save_to_buffer().unwrap());
    assert_contains(&m, &["cell XFD1048576 is outside"]);
}

#[test]
fn workbooks_of_many_sheets_are_refused() {
    let names: Vec<String> = (1..=33).map(|i| format!("S{i}")).collect();
    let sheets: Vec<(&str, Vec<Vec<u8>>)> = names.iter().map(|n| (n.as_str(), vec![])).collect();
    let m = refused("sheets.xls", &compound_file(&workbook_stream(&[], &sheets)));
    assert_contains(&m, &["has 33 sheets, more than the 32"]);

    let tables: String = (0..33)
        .map(|i| format!(r#"</table:table><table:table table:name="S{i}">"#))
        .collect();
    let m = refused("sheets.ods", &ods("Form", &tables));
    assert_contains(&m, &["has more than 32 sheets"]);

    let mut book = rust_xlsxwriter::Workbook::new();
    for _ in 0..33 {
        book.add_worksheet();
    }
    let m = refused("sheets.xlsx", &book.save_to_buffer().unwrap());
    assert_contains(&m, &["has 33 sheets, more than the 32"]);

    // Sheets that share their records would be read again and again.
    let mut stream = workbook_stream(&[], &[("A", vec![]), ("B", vec![])]);
    let first: [u8; 4] = stream[24..28].try_into().unwrap();
    stream[37..41].copy_from_slice(&first);
    let m = refused("shared.xls", &compound_file(&stream));
    assert_contains(&m, &["sheet 'B' starts where another sheet does"]);
}

#[test]
fn xlsx_references_past_any_sheet_are_answered() {
    let parts = unzip(&form_xlsx());
    for reference in [
        r#"<row r="4294967295">"#,
        r#"<row r="99999999999999999999">"#,
        r#"<c r="ZZZZZZZZ1"><v>1</v></c>"#,
        r#"<c r="A4294967296"><v>1</v></c>"#,
    ] {
        let mut parts = parts.clone();
        let sheet = parts
            .iter_mut()
            .find(|(n, _)| n == "xl/worksheets/sheet1.xml")
            .unwrap();
        let text = String::from_utf8(sheet.1.clone()).unwrap();
        let row = if reference.starts_with("<row") {
            text.replacen("<row r=\"2\"", &reference[..reference.len() - 1], 1)
        } else {
            text.replacen("</row>", &format!("{reference}</row>"), 1)
        };
        sheet.1 = row.into_bytes();
        let named: Vec<(&str, &[u8])> = parts
            .iter()
            .map(|(n, c)| (n.as_str(), c.as_slice()))
            .collect();
        answered("refs.xlsx", &zip(&named)).unwrap();
    }
}

#[test]
fn xlsb_workbooks_are_refused() {
    let xlsb = zip(&[
        ("[Content_Types].xml", b"<Types/>"),
        ("xl/workbook.bin", &[0x83, 0x01, 0x00]),
    ]);
    let m = refused("form.xlsb", &xlsb);
    assert_contains(&m, &["Excel binary workbook (.xlsb)", "save it as .xlsx"]);
}

#[test]
fn text_files_beyond_a_form_are_refused() {
    let long_line = vec![b'a'; 5 * 1024 * 1024];
    let m = refused("line.csv", &long_line);
    assert_contains(&m, &["line 1: a field of", "bytes"]);
    let wide = format!("DOC-1{}\n", ",x".repeat(5_000));
    let m = refused("wide.csv", wide.as_bytes());
    assert_contains(&m, &["line 1: 5001 fields"]);
    let tall = "DOC-1,Manufacturer,x\n".repeat(20_000);
    let m = refused("tall.csv", tall.as_bytes());
    assert_contains(&m, &["lines, more than the 10000"]);
}

// ---- the MDS2 importer on arbitrary and mutated bytes ---------------------------------

/// A result, or a parse error that starts with the file's name.
fn answered(file: &str, bytes: &[u8]) -> std::result::Result<(), TestCaseError> {
    if let Err(e) = parse_bytes(file, bytes) {
        let message = e.to_string();
        prop_assert!(
            matches!(e, Error::Parse { .. }) && message.starts_with(&format!("{file}: ")),
            "{message}"
        );
    }
    Ok(())
}

/// The parts of a zip archive, unpacked.
fn unzip(bytes: &[u8]) -> Vec<(String, Vec<u8>)> {
    use std::io::Read;
    let mut archive = zip::ZipArchive::new(std::io::Cursor::new(bytes)).unwrap();
    (0..archive.len())
        .map(|i| {
            let mut part = archive.by_index(i).unwrap();
            let mut content = Vec::new();
            part.read_to_end(&mut content).unwrap();
            (part.name().to_string(), content)
        })
        .collect()
}

/// Text spliced into XML parts: markup, repeats and values a hostile file would hold.
const XML_SPLICES: &[&str] = &[
    "<",
    ">",
    "\"",
    "&amp;",
    "&#0;",
    "&bogus;",
    "</table:table-row>",
    "<table:table-row>",
    "<table:table-cell office:value-type=\"string\">",
    " table:number-columns-repeated=\"4294967296\"",
    " table:number-rows-repeated=\"99999999999\"",
    " table:number-columns-repeated=\"-1\"",
    " office:value=\"1e999\"",
    " office:value-type=\"float\"",
    "<c r=\"XFD1048576\"><v>1</v></c>",
    "<c r=\"A0\"><v>1</v></c>",
    "<c r=\"ZZZZZZ1\" t=\"s\"><v>99999</v></c>",
    "<c t=\"s\"><v>-1</v></c>",
    "<row r=\"4294967295\">",
    "<dimension ref=\"A1:XFD1048576\"/>",
    "<si><t>x</t></si>",
    "\u{0}",
    "\u{202E}",
];

fn splice(text: &[u8], at: prop::sample::Index, piece: &str) -> Vec<u8> {
    let i = at.index(text.len() + 1);
    let mut out = text[..i].to_vec();
    out.extend(piece.as_bytes());
    out.extend(&text[i..]);
    out
}

/// Interesting BIFF8 record types, cells and structure alike.
const XLS_RECORDS: &[u16] = &[
    0x0809, 0x000A, 0x003C, 0x002F, 0x0085, 0x00FC, 0x0200, 0x0203, 0x027E, 0x00BD, 0x00FD, 0x0204,
    0x0205, 0x0006, 0x0207, 0x0018, 0x0017, 0x00E5, 0x0201, 0x00BE,
];

proptest! {
    #![proptest_config(config(1000))]

    #[test]
    fn arbitrary_bytes_are_answered(
        prefix in prop::sample::select(vec![
            &b""[..], b"PK\x03\x04", b"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1", b"\xEF\xBB\xBF",
            b"\xFF\xFE", b"\xFE\xFF", b"%PDF", b"DOC-1,",
        ]),
        body in prop::collection::vec(any::<u8>(), 0..1024),
    ) {
        let mut bytes = prefix.to_vec();
        bytes.extend(body);
        answered("any.bin", &bytes)?;
    }

    #[test]
    fn mutated_workbooks_are_answered(
        seed in 0..4usize,
        edits in prop::collection::vec((any::<prop::sample::Index>(), any::<u8>()), 1..12),
        cut in prop::option::weighted(0.2, any::<prop::sample::Index>()),
    ) {
        let (file, bytes) = match seed {
            0 => ("m.xlsx", form_xlsx()),
            1 => ("m.xls", form_xls()),
            2 => ("m.ods", form_ods()),
            _ => ("m.csv", form_csv()),
        };
        answered(file, &mutate(bytes, &edits, cut))?;
    }

    #[test]
    fn mutated_xml_parts_are_answered(
        ods_seed in any::<bool>(),
        part in any::<prop::sample::Index>(),
        splices in prop::collection::vec(
            (any::<prop::sample::Index>(), prop::sample::select(XML_SPLICES)), 1..4),
    ) {
        let (file, seed) = if ods_seed { ("x.ods", form_ods()) } else { ("x.xlsx", form_xlsx()) };
        let mut parts = unzip(&seed);
        let i = part.index(parts.len());
        for (at, piece) in &splices {
            parts[i].1 = splice(&parts[i].1, *at, piece);
        }
        let named: Vec<(&str, &[u8])> =
            parts.iter().map(|(n, c)| (n.as_str(), c.as_slice())).collect();
        answered(file, &zip(&named))?;
    }

    #[test]
    fn random_xls_records_are_answered(
        records in prop::collection::vec(
            (prop::sample::select(XLS_RECORDS), prop::collection::vec(any::<u8>(), 0..40)),
            0..24),
        in_globals in any::<bool>(),
        sheets in prop::collection::vec(
            (prop_oneof![Just(0u32), Just(u32::MAX), 0..4096u32], 0..3u8), 0..3),
    ) {
        let mut records: Vec<Vec<u8>> = records.iter().map(|(t, d)| record(*t, d)).collect();
        // Sheets declared anywhere in the stream, or past it.
        for (offset, kind) in sheets {
            let mut data = offset.to_le_bytes().to_vec();
            data.extend([0, kind, 1, 0, b'X']);
            records.insert(0, record(0x0085, &data));
        }
        let stream = if in_globals {
            workbook_stream(&records, &[("Form", vec![label(0, 0, "DOC-1")])])
        } else {
            workbook_stream(&[sst(&["DOC-1", "Yes"])], &[("Form", records)])
        };
        answered("r.xls", &compound_file(&stream))?;
    }
}

// ---- every JSON document the CLI reads ------------------------------------------------

/// A JSON document the CLI reads and what it does with it (the same functions, sampling
/// kept small).
struct Document {
    file: &'static str,
    seed: String,
    run: fn(&str, &str) -> Result<()>,
}

fn documents() -> Vec<Document> {
    let doc = |file: &'static str, seed: &str, run: fn(&str, &str) -> Result<()>| Document {
        file,
        seed: seed.to_string(),
        run,
    };
    vec![
        doc(
            "problem.json",
            include_str!("../../docs/examples/problem-weighted-sum.json"),
            |f, t| rank(&DecisionProblem::from_json(f, t)?).map(drop),
        ),
        doc(
            "topsis.json",
            include_str!("../../docs/examples/problem-topsis.json"),
            |f, t| rank(&DecisionProblem::from_json(f, t)?).map(drop),
        ),
        doc(
            "sensitivity.json",
            include_str!("../../docs/examples/sensitivity.json"),
            run_sensitivity,
        ),
        doc(
            "costs.json",
            include_str!("../../docs/examples/costs.json"),
            |f, t| compare_costs(&from_json::<CostComparisonInput>(f, t)?).map(drop),
        ),
        doc("cost-model.json", &cost_model_seed(), |f, t| {
            from_json::<CostModel>(f, t)?.validate()
        }),
        doc(
            "ahp.json",
            include_str!("../../docs/examples/ahp-categories.json"),
            |f, t| ahp(&from_json::<AhpInput>(f, t)?).map(drop),
        ),
        doc(
            "weights.json",
            include_str!("../../docs/examples/weights-evaluators.json"),
            |f, t| combine_direct_weights(&from_json::<DirectWeightsInput>(f, t)?).map(drop),
        ),
        doc(
            "site.json",
            include_str!("../../docs/examples/site-profile.json"),
            |f, t| from_json::<SiteProfile>(f, t)?.validate(),
        ),
        doc(
            "device.json",
            include_str!("../../docs/examples/device-profile.json"),
            |f, t| from_json::<DeviceProfile>(f, t)?.validate(),
        ),
        doc(
            "rules.json",
            &serde_json::to_string(&default_rules()).unwrap(),
            |f, t| validate_rules(&from_json::<Vec<CompatRule>>(f, t)?),
        ),
    ]
}

fn cost_model_seed() -> String {
    let costs: serde_json::Value =
        serde_json::from_str(include_str!("../../docs/examples/costs.json")).unwrap();
    costs["candidates"][0]["cost_model"].to_string()
}

/// `caliper sensitivity --input`: the problem with its optional `sensitivity` settings.
fn run_sensitivity(file: &str, text: &str) -> Result<()> {
    let mut value: serde_json::Value = from_json(file, text)?;
    let mut options: SensitivityOptions =
        match value.as_object_mut().and_then(|o| o.remove("sensitivity")) {
            Some(v) => from_value("sensitivity", v)?,
            None => SensitivityOptions::default(),
        };
    let problem: DecisionProblem = from_value(file, value)?;
    problem.validate()?;
    // A small run: the fuzz looks for panics, not for the statistics.
    options.samples = options.samples.min(64);
    options.sweep_steps = options.sweep_steps.min(20);
    sensitivity(&problem, &options, &|_, _| {}, &AtomicBool::new(false)).map(drop)
}

/// A result, or an error naming the file (a parse error) or the field (a validation).
fn named(document: &Document, text: &str) -> std::result::Result<(), TestCaseError> {
    match (document.run)(document.file, text) {
        Ok(()) => {}
        Err(Error::Parse { location, message }) => {
            prop_assert!(location.starts_with(document.file), "{location}: {message}");
        }
        Err(Error::Validation { field, message } | Error::Conflict { field, message }) => {
            prop_assert!(!field.trim().is_empty(), "no field: {message}");
        }
        Err(other) => prop_assert!(false, "{}: unexpected error {other}", document.file),
    }
    Ok(())
}

/// Values a hostile document would put anywhere.
fn hostile_value() -> impl Strategy<Value = serde_json::Value> {
    use serde_json::json;
    prop_oneof![
        Just(json!(null)),
        Just(json!(true)),
        Just(json!(0)),
        Just(json!(-1)),
        Just(json!(1e308)),
        Just(json!(-1e308)),
        Just(json!(5e-324)),
        Just(json!(u64::MAX)),
        Just(json!(i64::MIN)),
        Just(json!("")),
        Just(json!("1/0")),
        Just(json!("0/0")),
        Just(json!("-0.0000000000000000000000000001")),
        Just(json!("79228162514264337593543950335")),
        Just(json!("NaN")),
        Just(json!("\u{202E}\u{0}x")),
        Just(json!("x".repeat(5000))),
        Just(json!([])),
        Just(json!({})),
        Just((0..40).fold(json!(1), |v, _| json!([v]))),
        Just(json!(vec![1; 300])),
        (-1e6f64..1e6).prop_map(|v| json!(v)),
        (-100i64..100).prop_map(|v| json!(v)),
        "[a-z_]{1,8}".prop_map(|v| json!(v)),
    ]
}

/// Replaces, removes or multiplies the node that `at` picks.
fn mutate_value(
    value: &mut serde_json::Value,
    at: prop::sample::Index,
    how: u8,
    new: serde_json::Value,
) {
    fn count(v: &serde_json::Value) -> usize {
        1 + match v {
            serde_json::Value::Array(a) => a.iter().map(count).sum(),
            serde_json::Value::Object(o) => o.values().map(count).sum(),
            _ => 0,
        }
    }
    fn visit(
        v: &mut serde_json::Value,
        target: &mut usize,
        how: u8,
        new: &serde_json::Value,
    ) -> bool {
        if *target == 0 {
            match (how % 3, &mut *v) {
                (1, serde_json::Value::Object(o)) if !o.is_empty() => {
                    let key = o.keys().next().cloned().unwrap();
                    o.remove(&key);
                }
                (2, serde_json::Value::Array(a)) if !a.is_empty() => {
                    let first = a[0].clone();
                    a.extend(std::iter::repeat_n(first, 40));
                }
                _ => *v = new.clone(),
            }
            return true;
        }
        *target -= 1;
        match v {
            serde_json::Value::Array(a) => a.iter_mut().any(|c| visit(c, target, how, new)),
            serde_json::Value::Object(o) => o.values_mut().any(|c| visit(c, target, how, new)),
            _ => false,
        }
    }
    let mut target = at.index(count(value));
    visit(value, &mut target, how, &new);
}

#[test]
fn the_seed_documents_are_accepted() {
    for d in documents() {
        (d.run)(d.file, &d.seed).unwrap_or_else(|e| panic!("{}: {e}", d.file));
    }
}

proptest! {
    #![proptest_config(config(600))]

    #[test]
    fn mutated_json_values_are_answered(
        which in any::<prop::sample::Index>(),
        edits in prop::collection::vec(
            (any::<prop::sample::Index>(), any::<u8>(), hostile_value()), 1..4),
    ) {
        let docs = documents();
        let d = &docs[which.index(docs.len())];
        let mut value: serde_json::Value = serde_json::from_str(&d.seed).unwrap();
        for (at, how, new) in edits {
            mutate_value(&mut value, at, how, new);
        }
        named(d, &value.to_string())?;
    }

    #[test]
    fn mutated_json_text_is_answered(
        which in any::<prop::sample::Index>(),
        edits in prop::collection::vec((any::<prop::sample::Index>(), any::<u8>()), 1..6),
        cut in prop::option::weighted(0.3, any::<prop::sample::Index>()),
    ) {
        let docs = documents();
        let d = &docs[which.index(docs.len())];
        let bytes = mutate(d.seed.clone().into_bytes(), &edits, cut);
        named(d, &String::from_utf8_lossy(&bytes))?;
    }
}
