//! A form as lines of text (a PDF's text layer, a copy of the form as text): one row per
//! question, made of the line that starts with its id and the lines that follow it
//! without an id (a wrapped question, an answer in its own column, a note over several
//! lines). Lines before the first question are the header block (`Manufacturer Name:
//! Acme`); page numbers, repeated titles, column headers and section headings are
//! skipped.

use super::answers::{is_reference, parse_answer, see_note, squash};
use super::ids::{raw_id, resolve, Resolved};
use super::questions::sections;
use super::reader::Row;

/// Whether a text file is written as lines (`DOC-9 Is the ...?: Yes`, or each cell of the
/// form on a line of its own) rather than as delimited records (`DOC-9,Is the ...?,Yes`):
/// most lines that start with a question id have more than the id before the first
/// `delimiter`, or no delimiter at all.
pub fn is_line_layout(text: &str, delimiter: u8) -> bool {
    let delimiter = char::from(delimiter);
    let (mut lines, mut records) = (0usize, 0usize);
    for line in text.lines().filter(|l| starts_with_id(l)) {
        if !line.contains(delimiter) {
            lines += 1;
            continue;
        }
        let first = line
            .split(delimiter)
            .next()
            .unwrap_or("")
            .trim_matches(|c: char| c.is_whitespace() || c == '"');
        if raw_id(first).is_some_and(|r| r.rest.is_empty()) {
            records += 1;
        } else {
            lines += 1;
        }
    }
    lines > records
}

/// The line starts with a question id of HN 1-2019 (or one of a known section, or one
/// letter away from it, which the reader then reports).
pub(super) fn starts_with_id(line: &str) -> bool {
    raw_id(line).is_some_and(|r| {
        sections().contains(&r.section.as_str()) || !matches!(resolve(&r), Resolved::Unknown(_))
    })
}

/// Rows from lines of text, each `(place, text)`: one cell per row, the question's line
/// with its continuation lines joined to it (by tabs, which notes read as spaces); header lines split at their first `:`, tab
/// or gap into label and value.
pub fn line_rows(lines: &[(String, String)]) -> Vec<Row> {
    let mut rows: Vec<Row> = Vec::new();
    let mut in_questions = false;
    // The column starts of the last question's line, when it is laid out as a table.
    let mut starts: Vec<usize> = Vec::new();
    for (place, text) in lines {
        let line = text.trim();
        if line.is_empty() || is_noise(line) {
            continue;
        }
        if starts_with_id(line) {
            in_questions = true;
            let columns = columns(text);
            starts = columns.iter().map(|(start, _)| *start).collect();
            rows.push(Row {
                cells: columns
                    .into_iter()
                    .map(|(_, cell)| (place.clone(), cell.to_string()))
                    .collect(),
            });
            if starts.len() < 2 {
                starts.clear();
            }
        } else if in_questions && !starts.is_empty() {
            if let Some(row) = rows.last_mut() {
                continue_columns(row, &mut starts, place, text);
            }
        } else if in_questions {
            // Joined by a tab, a column gap: an answer in a column of its own follows the
            // question as `...?<tab>Yes` would.
            if let Some((_, cell)) = rows.last_mut().and_then(|r| r.cells.last_mut()) {
                join_cell_line(cell, line);
            }
        } else {
            rows.push(header_row(place, line));
        }
    }
    rows
}

/// A form's cells one per line (as copied out of some PDF viewers): the "See note" column
/// (`_` empty; a number after the answer is the note's) and the standards' columns
/// (`AR-2`, `A.9.2.1`, `Section 5.1, AUTH`) stay out of the answer and its note.
fn join_cell_line(cell: &mut String, line: &str) {
    // A note's own text (`Note 3: ...`) is kept: it may be all the vendor says.
    if is_reference(line) && !line.to_lowercase().starts_with("note") {
        return;
    }
    let after_answer = cell
        .rsplit('\t')
        .next()
        .is_some_and(|last| parse_answer(last).is_some());
    cell.push('\t');
    match see_note(line) {
        Some(note) if after_answer => cell.push_str(&note),
        _ => cell.push_str(line),
    }
}

/// The columns of a line laid out as a table (as `pdftotext -layout` writes a form): split
/// at gaps of three spaces or more, each with the character offset it starts at. A line
/// with a tab, or without such a gap, is one column.
fn columns(text: &str) -> Vec<(usize, &str)> {
    let line = text.trim_end();
    if line.contains('\t') {
        return vec![(0, line.trim())];
    }
    let mut out = Vec::new();
    let mut offset = 0;
    for part in line.split("   ") {
        let cell = part.trim();
        if !cell.is_empty() {
            let lead = part.len() - part.trim_start().len();
            out.push((line[..offset + lead].chars().count(), cell));
        }
        offset += part.len() + 3;
    }
    if out.is_empty() {
        out.push((0, line.trim()));
    }
    out
}

/// A continuation line of a question laid out as a table: each of its columns joins the
/// cell of the question's line that starts at or before it (the question's text wrapped
/// in its column, a note wrapped in the answer's), or, left of every column, the first.
/// Two columns of one line are never one cell: a column right of the question's text on
/// a later line (an answer set in the middle of a wrapped question) is a cell of its own.
fn continue_columns(row: &mut Row, starts: &mut Vec<usize>, place: &str, text: &str) {
    let mut previous = None;
    for (start, cell) in columns(text) {
        let mut i = starts.iter().rposition(|s| *s <= start + 1).unwrap_or(0);
        if previous.is_some_and(|p| p >= i) {
            starts.push(start);
            row.cells.push((place.to_string(), String::new()));
            i = row.cells.len() - 1;
        }
        previous = Some(i);
        match row.cells.get_mut(i) {
            Some((_, joined)) if !joined.is_empty() => {
                joined.push(' ');
                joined.push_str(cell);
            }
            Some((_, joined)) => joined.push_str(cell),
            None => {}
        }
    }
}

/// `Manufacturer Name: Acme` -> label and value.
fn header_row(place: &str, line: &str) -> Row {
    let split = line
        .find([':', '\t'])
        .map(|i| (i, 1))
        .into_iter()
        .chain(line.find("  ").map(|i| (i, 2)))
        .min();
    let cells = match split {
        Some((i, len)) => vec![
            (place.to_string(), line[..i].trim().to_string()),
            (place.to_string(), line[i + len..].trim().to_string()),
        ],
        None => vec![(place.to_string(), line.to_string())],
    };
    Row { cells }
}

/// Page numbers, the form's title repeated on each page, column headers and section
/// headings (`AUTOMATIC LOGOFF (ALOF)`): not part of any answer.
fn is_noise(line: &str) -> bool {
    let lower = line.to_lowercase();
    let page = lower
        .strip_prefix("page ")
        .is_some_and(|r| r.starts_with(|c: char| c.is_ascii_digit()));
    let words = line.split_whitespace().count();
    let heading = !line.chars().any(char::is_lowercase)
        && parse_answer(line).is_none()
        && (sections().iter().any(|s| line.contains(&format!("({s})")))
            || (words >= 2 && line.chars().filter(|c| c.is_alphabetic()).count() >= 10));
    page || heading
        || lower.contains("hn 1-2019")
        || lower.contains("manufacturer disclosure statement")
        || squash(line).starts_with("questionid")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn layouts_are_told_apart() {
        assert!(is_line_layout(
            "DOC-9 Is it?: Yes, LDAP\nDOC-10 Is it?: No\n",
            b','
        ));
        assert!(is_line_layout("DOC-9:Is it:No\n", b','));
        assert!(!is_line_layout("DOC-9,Is it?,Yes\n\"DOC-10\",x,No\n", b','));
        assert!(!is_line_layout("DOC-9\tIs it?\tYes\n", b'\t'));
    }

    #[test]
    fn continuation_lines_join_the_question_and_noise_is_skipped() {
        let lines: Vec<(String, String)> = [
            "Manufacturer Disclosure Statement for Medical Device Security",
            "Manufacturer Name: Acme Medical, Inc.",
            "DOC-9 ISAO: Is the manufacturer part of an",
            "Information Sharing and Analysis Organization?: Yes, through",
            "H-ISAC",
            "AUTOMATIC LOGOFF (ALOF)",
            "Page 2 of 9",
            "Note 3: see above",
        ]
        .iter()
        .enumerate()
        .map(|(i, l)| (format!("line {}", i + 1), l.to_string()))
        .collect();
        let rows = line_rows(&lines);
        assert_eq!(rows.len(), 2);
        assert_eq!(rows[0].cells[1].1, "Acme Medical, Inc.");
        assert_eq!(rows[1].cells[0].0, "line 3");
        assert!(rows[1].cells[0]
            .1
            .ends_with("Organization?: Yes, through\tH-ISAC\tNote 3: see above"));
    }
}

#[cfg(test)]
mod reading {
    use super::*;
    use crate::compat::mds2::questions::{is_text_question, questions};
    use crate::compat::mds2::{parse_rows, Mds2Parse};
    use crate::ipc::Choice;

    fn read(text: &str) -> Mds2Parse {
        let lines: Vec<(String, String)> = text
            .lines()
            .enumerate()
            .map(|(i, l)| (format!("line {}", i + 1), l.to_string()))
            .collect();
        parse_rows("form.txt", "text", &line_rows(&lines)).unwrap()
    }

    fn answer(p: &Mds2Parse, id: &str) -> String {
        let a = p
            .form
            .entry(id)
            .unwrap_or_else(|| panic!("{id} unanswered"));
        format!("{}|{}", a.answer.map_or("-", |a| a.label()), a.note)
    }

    /// Every question line is answered or reported, in every layout vendors use.
    #[test]
    fn every_question_line_is_answered_or_reported_in_each_layout() {
        let layouts: [fn(&str, &str, &str) -> String; 5] = [
            |id, q, a| format!("{id} {q}: {a}"),
            |id, q, a| format!("{id}:{q}:{a}"),
            |id, q, a| format!("{id} {q}\": {a},optional"),
            |id, q, a| format!("{id}\t{q}\t{a}"),
            |id, q, a| format!("{id} {q}    {a}"),
        ];
        let words = [
            "Yes",
            "No",
            "N/A",
            "NA",
            "n/a",
            "Not applicable",
            "yes, LDAP",
        ];
        for (n, layout) in layouts.iter().enumerate() {
            let text: String = questions()
                .iter()
                .enumerate()
                .map(|(i, q)| {
                    let a = if is_text_question(&q.id) {
                        "Acme Medical"
                    } else {
                        words[i % words.len()]
                    };
                    layout(&q.id, &q.text, a) + "\n"
                })
                .collect();
            let p = read(&text);
            assert!(p.unreadable.is_empty(), "layout {n}: {:?}", p.unreadable);
            assert!(p.corrections.is_empty(), "layout {n}: {:?}", p.corrections);
            assert_eq!(p.form.answers.len(), questions().len(), "layout {n}");
            for (i, q) in questions().iter().enumerate() {
                let got = answer(&p, &q.id);
                let want = if is_text_question(&q.id) {
                    "-|Acme Medical"
                } else {
                    ["Yes|", "No|", "N/A|", "N/A|", "N/A|", "N/A|", "Yes|LDAP"][i % words.len()]
                };
                let want = match (n, want) {
                    (2, "Yes|LDAP") => "Yes|LDAP,optional".to_string(),
                    (2, w) => format!("{w}optional"),
                    (_, w) => w.to_string(),
                };
                let want = if n == 2 && is_text_question(&q.id) {
                    "-|Acme Medical,optional".to_string()
                } else {
                    want
                };
                assert_eq!(got, want, "layout {n}, {}", q.id);
            }
        }
    }

    #[test]
    fn a_vendor_text_form_reads_whole_and_reports_the_rest() {
        let text = "\
Manufacturer Disclosure Statement for Medical Device Security -- MDS2
Manufacturer Name: Acme Medical, Inc.
DOC-1 Manufacturer Name: Acme Medical, Inc.
DOC-3 Device Model: MVR435, MVR436
DOC-9 ISAO: Is the manufacturer part of an Information Sharing and Analysis
Organization?: Yes, through
H-ISAC since 2020
AUTOMATIC LOGOFF (ALOF)
Page 2 of 9
DOC-11 SaMD: Is the device Software as a Medical Device (i.e. software-only, no hardware)?
: Yes
AUTH-1 Does the device prevent access to unauthorized users through user login requirements or other mechanism? : Yes, LDAP
AUTH-99 Does the device do something else?: Yes
DOC-10 Diagram: Is a network ...?: No
MLDP-1 Is the device capable of hosting executable software?: Maybe
MLDP-2 Does the device support the use of anti-malware software (or other anti-malware mechanism)? Provide details or reference in notes.
";
        let p = read(text);
        assert_eq!(p.form.manufacturer, "Acme Medical, Inc.");
        assert_eq!(p.form.model, "MVR435, MVR436");
        assert_eq!(answer(&p, "DOC-9"), "Yes|through H-ISAC since 2020");
        assert_eq!(answer(&p, "DOC-11"), "Yes|");
        assert_eq!(answer(&p, "AUTH-1"), "Yes|LDAP");
        assert_eq!(answer(&p, "DOC-10"), "No|");
        let issues: Vec<String> = p
            .unreadable
            .iter()
            .chain(&p.corrections)
            .map(|i| format!("{}: {}", i.place, i.message))
            .collect();
        assert_eq!(
            issues,
            [
                "line 13: AUTH-99 is not a question of HN 1-2019",
                "line 15: the answer to MLDP-1 is not Yes, No or N/A; left unanswered",
                "line 16: MLDP-2 has no answer on the form; left unanswered",
            ]
        );
        let question_lines = text.lines().filter(|l| starts_with_id(l)).count();
        assert_eq!(p.form.answers.len() + issues.len(), question_lines);
    }

    /// A form as `pdftotext -layout` writes it: the question wrapped in its column, the
    /// answer in a column of its own on the first line or beside a later one, the "See
    /// note" column (`_` or a note's number) and the standards' columns after it.
    #[test]
    fn a_form_laid_out_in_columns_reads_every_answer() {
        let words = ["Yes", "No", "N/A", "Yes"];
        let mut text = String::from(
            "Question ID   Question                                                        See note   IEC TR 80001-2-2   NIST SP 800-53\n",
        );
        for (i, q) in questions().iter().enumerate() {
            let value = if is_text_question(&q.id) {
                "Acme Medical"
            } else {
                words[i % words.len()]
            };
            let note = if i % 5 == 0 { "3" } else { "_" };
            // The question wrapped at 60 characters, in a column starting at 14.
            let mut wrapped: Vec<String> = vec![String::new()];
            for word in q.text.split_whitespace() {
                if wrapped.last().unwrap().len() + word.len() > 60 {
                    wrapped.push(String::new());
                }
                let line = wrapped.last_mut().unwrap();
                if !line.is_empty() {
                    line.push(' ');
                }
                line.push_str(word);
            }
            // Answers on the first line, or beside the second when the question wraps.
            let at = if i % 2 == 0 {
                0
            } else {
                (wrapped.len() - 1).min(1)
            };
            for (k, part) in wrapped.iter().enumerate() {
                let id = if k == 0 { q.id.as_str() } else { "" };
                let cells = if k == at {
                    format!("   {value:<16}{note:<8}   AC-2      A.9.2.1")
                } else {
                    String::new()
                };
                text.push_str(&format!("{id:<14}{part:<64}{cells}\n"));
            }
        }
        let p = read(&text);
        assert!(
            p.unreadable.is_empty(),
            "{:?}",
            &p.unreadable[..3.min(p.unreadable.len())]
        );
        assert!(
            p.corrections.is_empty(),
            "{:?}",
            &p.corrections[..3.min(p.corrections.len())]
        );
        for (i, q) in questions().iter().enumerate() {
            let note = if i % 5 == 0 { "see note 3" } else { "" };
            let want = if is_text_question(&q.id) {
                "-|Acme Medical".to_string()
            } else {
                format!("{}|{note}", ["Yes", "No", "N/A", "Yes"][i % 4])
            };
            assert_eq!(answer(&p, &q.id), want, "{}", q.id);
        }
    }

    /// A form copied out of a PDF viewer cell by cell: the id, the question, the answer,
    /// the "See note" cell and the standards' cells each on a line of its own.
    #[test]
    fn a_form_copied_cell_by_cell_reads_every_answer() {
        let words = ["Yes", "No", "N/A"];
        let mut text =
            String::from("Manufacturer Disclosure Statement for Medical Device Security\n");
        for (i, q) in questions().iter().enumerate() {
            let value = if is_text_question(&q.id) {
                "Acme Medical"
            } else {
                words[i % words.len()]
            };
            let note = if i % 4 == 0 { "2" } else { "_" };
            text.push_str(&format!(
                "{}\n{}\n{value}\n{note}\nSection 5.1, AUTH\nAC-2\nA.9.2.1\n",
                q.id, q.text
            ));
        }
        assert!(is_line_layout(&text, b','));
        let p = read(&text);
        assert!(p.unreadable.is_empty(), "{:?}", p.unreadable.first());
        assert!(p.corrections.is_empty(), "{:?}", p.corrections.first());
        for (i, q) in questions().iter().enumerate() {
            let want = if is_text_question(&q.id) {
                "-|Acme Medical".to_string()
            } else {
                let note = if i % 4 == 0 { "see note 2" } else { "" };
                format!("{}|{note}", ["Yes", "No", "N/A"][i % 3])
            };
            assert_eq!(answer(&p, &q.id), want, "{}", q.id);
        }
    }
}
