//! MDS2 forms sent as PDF or as text copied out of one: PDFs written here from the HN 1-2019
//! question list in the layouts vendors use (one line per question, or a table whose
//! answer column is a text object of its own, notes wrapped over lines), read through
//! `caliper mds2 parse`; every answer and note checked, every line that could not be read
//! reported by page and line. Scanned and encrypted PDFs are refused by name.

use caliper_models::compat::mds2::{questions, Question};
use caliper_tests::caliper;
use serde_json::Value;

/// A PDF of `pages`, each a list of text objects `(x, text)`, one line of the page each
/// (Helvetica, WinAnsi), written by hand: header, objects, cross-reference table, trailer.
fn pdf(pages: &[Vec<(u32, String)>], trailer_extra: &str) -> Vec<u8> {
    let mut objects: Vec<String> = vec![
        "<< /Type /Catalog /Pages 2 0 R >>".into(),
        String::new(), // the page tree, once the pages are numbered
        "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>".into(),
    ];
    let mut kids = Vec::new();
    for page in pages {
        let mut content = String::new();
        for (i, (x, text)) in page.iter().enumerate() {
            let y = 800 - 12 * i as u32;
            content.push_str(&format!(
                "BT /F1 8 Tf {x} {y} Td <{}> Tj ET\n",
                win_ansi_hex(text)
            ));
        }
        objects.push(format!(
            "<< /Length {} >>\nstream\n{content}endstream",
            content.len()
        ));
        let content_id = objects.len();
        objects.push(format!(
            "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 3 0 R >> >> /Contents {content_id} 0 R >>"
        ));
        kids.push(format!("{} 0 R", objects.len()));
    }
    objects[1] = format!(
        "<< /Type /Pages /Kids [{}] /Count {} >>",
        kids.join(" "),
        kids.len()
    );
    let mut out = b"%PDF-1.4\n".to_vec();
    let mut offsets = Vec::new();
    for (i, object) in objects.iter().enumerate() {
        offsets.push(out.len());
        out.extend(format!("{} 0 obj\n{object}\nendobj\n", i + 1).bytes());
    }
    let xref = out.len();
    out.extend(format!("xref\n0 {}\n0000000000 65535 f \n", objects.len() + 1).bytes());
    for offset in offsets {
        out.extend(format!("{offset:010} 00000 n \n").bytes());
    }
    out.extend(
        format!(
            "trailer\n<< /Size {} /Root 1 0 R {trailer_extra}>>\nstartxref\n{xref}\n%%EOF\n",
            objects.len() + 1
        )
        .bytes(),
    );
    out
}

fn win_ansi_hex(text: &str) -> String {
    text.chars()
        .map(|c| match c {
            '\u{2018}' => 0x91,
            '\u{2019}' => 0x92,
            '\u{201C}' => 0x93,
            '\u{201D}' => 0x94,
            '\u{2013}' => 0x96,
            c if c.is_ascii() => c as u8,
            _ => b'?',
        })
        .map(|b| format!("{b:02X}"))
        .collect()
}

/// The answer written for the i-th question, and what it must be read as.
fn answer_for(i: usize, q: &Question) -> (&'static str, &'static str) {
    if q.section == "DOC" && !q.text.contains('?') {
        return ("Acme Medical", "-|Acme Medical");
    }
    [
        ("Yes", "yes|"),
        ("No", "no|"),
        ("N/A", "n/a|"),
        ("Yes, LDAP", "yes|LDAP"),
        ("Not applicable", "n/a|"),
        ("NA", "n/a|"),
    ][i % 6]
}

fn parse(dir: &tempfile::TempDir, name: &str, bytes: &[u8]) -> Value {
    let path = dir.path().join(name);
    std::fs::write(&path, bytes).unwrap();
    let o = caliper(&["mds2", "parse", path.to_str().unwrap(), "--json"]);
    assert!(
        o.status.success(),
        "{name}: {}",
        String::from_utf8_lossy(&o.stderr)
    );
    serde_json::from_slice(&o.stdout).unwrap()
}

fn read_as(parse: &Value, id: &str) -> String {
    let a = parse["form"]["answers"]
        .as_array()
        .unwrap()
        .iter()
        .find(|a| a["question_id"] == id)
        .unwrap_or_else(|| panic!("{id} unanswered"));
    format!(
        "{}|{}",
        a["answer"].as_str().unwrap_or("-"),
        a["note"].as_str().unwrap()
    )
}

fn issues(parse: &Value) -> Vec<String> {
    ["unreadable", "corrections"]
        .iter()
        .flat_map(|k| parse[k].as_array().unwrap())
        .map(|i| {
            format!(
                "{}: {}",
                i["place"].as_str().unwrap(),
                i["message"].as_str().unwrap()
            )
        })
        .collect()
}

/// The text objects `(x, text)` a layout writes for a question and its answer.
type Layout = fn(&Question, &str) -> Vec<(u32, String)>;

/// 40 text objects a page.
fn paged(lines: Vec<(u32, String)>) -> Vec<Vec<(u32, String)>> {
    lines.chunks(40).map(<[_]>::to_vec).collect()
}

#[test]
fn pdf_forms_in_each_layout_read_every_answer_and_note() {
    let dir = tempfile::tempdir().unwrap();
    let layouts: [(&str, Layout); 3] = [
        ("colon", |q, a| {
            vec![(40, format!("{} {}: {a}", q.id, q.text))]
        }),
        ("quoted", |q, a| {
            vec![(40, format!("{}:{}\": {a},optional", q.id, q.text))]
        }),
        // A table: the answer is a text object of its own, the note wraps to a second one.
        ("table", |q, a| {
            vec![
                (40, format!("{} {}", q.id, q.text)),
                (480, a.to_string()),
                (520, "see the vendor's".into()),
                (520, "security white paper".into()),
            ]
        }),
    ];
    for (name, layout) in layouts {
        let mut lines = vec![(
            40,
            "Manufacturer Disclosure Statement for Medical Device Security -- MDS2".to_string(),
        )];
        for (i, q) in questions().iter().enumerate() {
            lines.extend(layout(q, answer_for(i, q).0));
        }
        let p = parse(&dir, &format!("{name}.pdf"), &pdf(&paged(lines), ""));
        assert_eq!(p["format"], "pdf");
        assert_eq!(issues(&p), Vec::<String>::new(), "{name}");
        assert_eq!(p["recognised"], questions().len(), "{name}");
        for (i, q) in questions().iter().enumerate() {
            let want = answer_for(i, q).1;
            let want = match name {
                "quoted" if want.ends_with('|') => format!("{want}optional"),
                "quoted" => format!("{want},optional"),
                "table" if want.ends_with('|') => {
                    format!("{want}see the vendor's security white paper")
                }
                "table" => format!("{want} see the vendor's security white paper"),
                _ => want.to_string(),
            };
            assert_eq!(read_as(&p, &q.id), want, "{name}: {}", q.id);
        }
        let manufacturer = p["form"]["manufacturer"].as_str().unwrap();
        assert!(
            manufacturer.starts_with("Acme Medical"),
            "{name}: {manufacturer}"
        );
    }
}

#[test]
fn pdf_lines_that_cannot_be_read_are_reported_by_page_and_line() {
    let dir = tempfile::tempdir().unwrap();
    let q = |id: &str| {
        questions()
            .iter()
            .find(|q| q.id == id)
            .map(|q| q.text.clone())
            .unwrap()
    };
    let page1 = vec![
        (40, "Manufacturer Name: Acme Medical, Inc.".to_string()),
        (
            40,
            "DOC-1 Manufacturer Name: Acme Medical, Inc.".to_string(),
        ),
        (40, "DOC-3 Device Model: MVR435, MVR436".to_string()),
        (40, format!("DOC-8 {}: Yes", q("DOC-8"))),
    ];
    let page2 = vec![
        (40, "Page 2 of 2".to_string()),
        (40, format!("AUTH-1 {}: No", q("AUTH-1"))),
        (
            40,
            "AUTH-99 Does the device do something else?: Yes".to_string(),
        ),
        (40, format!("MLDP-1 {}: Maybe", q("MLDP-1"))),
        (40, format!("MLDP-2 {}", q("MLDP-2"))),
    ];
    let p = parse(&dir, "vendor.pdf", &pdf(&[page1, page2], ""));
    assert_eq!(p["form"]["manufacturer"], "Acme Medical, Inc.");
    assert_eq!(p["form"]["model"], "MVR435, MVR436");
    assert_eq!(read_as(&p, "DOC-8"), "yes|");
    assert_eq!(read_as(&p, "AUTH-1"), "no|");
    assert_eq!(
        issues(&p),
        [
            "page 2, line 3: AUTH-99 is not a question of HN 1-2019",
            "page 2, line 4: the answer to MLDP-1 is not Yes, No or N/A; left unanswered",
            "page 2, line 5: MLDP-2 has no answer on the form; left unanswered",
        ]
    );
    // Every line with a question id: answered or reported.
    assert_eq!(p["form"]["answers"].as_array().unwrap().len() + 3, 7);
}

#[test]
fn scanned_and_encrypted_pdfs_are_refused_by_name() {
    let dir = tempfile::tempdir().unwrap();
    let refused = |name: &str, bytes: Vec<u8>| {
        let path = dir.path().join(name);
        std::fs::write(&path, bytes).unwrap();
        let o = caliper(&["mds2", "parse", path.to_str().unwrap()]);
        assert!(!o.status.success());
        String::from_utf8_lossy(&o.stderr).into_owned()
    };
    let err = refused("scan.pdf", pdf(&[vec![]], ""));
    assert!(
        err.contains("scan.pdf: has no text layer: it is a scanned form; ask the vendor for the Excel MDS2 or a text PDF"),
        "{err}"
    );
    let encrypt =
        "/Encrypt << /Filter /Standard /V 1 /R 2 /O <00> /U <00> /P -4 >> /ID [<00> <00>] ";
    let err = refused(
        "locked.pdf",
        pdf(&[vec![(40, "DOC-8 x: Yes".into())]], encrypt),
    );
    assert!(err.contains("locked.pdf: is an encrypted PDF"), "{err}");
}

#[test]
fn a_text_copy_of_the_form_is_read_as_lines() {
    let dir = tempfile::tempdir().unwrap();
    let text: String = questions()
        .iter()
        .enumerate()
        .map(|(i, q)| {
            format!(
                "{} {}?\": {}\n",
                q.id,
                q.text.trim_end_matches('?'),
                answer_for(i, q).0
            )
        })
        .collect();
    let p = parse(&dir, "copied.txt", text.as_bytes());
    assert_eq!(p["format"], "text");
    assert_eq!(issues(&p), Vec::<String>::new());
    for (i, q) in questions().iter().enumerate() {
        assert_eq!(read_as(&p, &q.id), answer_for(i, q).1, "{}", q.id);
    }
}

#[test]
fn the_compatibility_report_tags_every_unconfirmed_point_and_never_says_a_double_negative() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("demo.caliper");
    let p = path.to_str().unwrap();
    assert!(caliper(&["demo", p]).status.success());
    let mut text = String::new();
    for request in ["1", "2"] {
        let o = caliper(&["compat", "--portfolio", p, "--request", request]);
        assert!(o.status.success());
        text.push_str(&String::from_utf8_lossy(&o.stdout));
    }
    // A point without a severity (no MDS2 form at all) is tagged unconfirmed alone.
    assert!(
        text.contains("  [unconfirmed] MDS2 form: no MDS2 form: "),
        "{text}"
    );
    assert!(text.contains("[major (unconfirmed)] "), "{text}");
    assert!(text.contains("neither the device profile nor the MDS2 form says: confirm"));
    assert!(
        !text.contains("[ (unconfirmed)]") && !text.contains("[]"),
        "{text}"
    );
    assert!(!text.contains("nor the MDS2 form does not say"), "{text}");
}
