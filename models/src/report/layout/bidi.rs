//! Right-to-left text. A PDF shows glyphs left to right in the order they are written,
//! so a Hebrew or Arabic name written in its logical (typed) order prints backwards.
//! Text is measured and wrapped in logical order; each line is then put in visual order
//! with the Unicode bidirectional algorithm (`unicode-bidi`) just before it is written.
//! Arabic letters are first given their joined forms (initial, medial, final, isolated
//! and the lam-alef ligatures, from DejaVu Sans' Arabic presentation forms) by
//! `ar-reshaper`; marks stay on their letter, and paired brackets inside right-to-left
//! runs are mirrored. A line reads left to right (the document's direction) unless it
//! holds right-to-left letters only. Not done: a right-to-left paragraph is still aligned
//! as its column says (left, for names), and a number or bracket next to a name is
//! ordered with it by the algorithm's rules unless the text isolates the name (U+2068
//! ... U+2069, which the reordering honours).

use std::borrow::Cow;
use std::sync::LazyLock;

use ar_reshaper::prelude::LigatureNames;
use ar_reshaper::{ArabicReshaper, ReshaperConfig};
use unicode_bidi::{bidi_class, BidiClass, BidiInfo, Level};

static RESHAPER: LazyLock<ArabicReshaper> = LazyLock::new(|| {
    let mut config = ReshaperConfig {
        // Vowel marks are the writer's text: kept.
        delete_harakat: false,
        ..ReshaperConfig::default()
    };
    // The word ligature of "Allah" has no glyph in DejaVu Sans; the lam-alef ones do.
    config.update_ligature(LigatureNames::ARABIC_LIGATURE_ALLAH, false);
    ArabicReshaper::new(config)
});

/// Arabic letters in their contextual (joined) forms, still in logical order.
pub(crate) fn shape(text: &str) -> Cow<'_, str> {
    if text.chars().any(|c| ('\u{0600}'..='\u{06FF}').contains(&c)) {
        Cow::Owned(RESHAPER.reshape(text))
    } else {
        Cow::Borrowed(text)
    }
}

/// The explicit direction marks and embeddings: they steer the algorithm and are not
/// printed.
pub(crate) fn is_direction_format(c: char) -> bool {
    matches!(
        c,
        '\u{061C}' | '\u{200E}' | '\u{200F}' | '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}'
    )
}

/// One line in visual (left-to-right drawing) order, without direction formats.
pub(crate) fn visual(line: &str) -> Cow<'_, str> {
    let rtl = line
        .chars()
        .any(|c| matches!(bidi_class(c), BidiClass::R | BidiClass::AL) || is_direction_format(c));
    if !rtl {
        return Cow::Borrowed(line);
    }
    // The document reads left to right: a line with any left-to-right letter keeps that
    // direction (a Hebrew name inside an English sentence); a line of right-to-left
    // letters alone reads right to left, so its punctuation ends it on the left.
    let has_ltr = line.chars().any(|c| bidi_class(c) == BidiClass::L);
    let base = if has_ltr { Some(Level::ltr()) } else { None };
    let info = BidiInfo::new(line, base);
    let mut out = String::with_capacity(line.len());
    for paragraph in &info.paragraphs {
        let (levels, runs) = info.visual_runs(paragraph, paragraph.range.clone());
        for run in runs {
            let text = &line[run.clone()];
            if levels[run.start].is_rtl() {
                push_reversed(text, &mut out);
            } else {
                out.extend(text.chars().filter(|&c| !is_direction_format(c)));
            }
        }
    }
    Cow::Owned(out)
}

/// A right-to-left run backwards, letter by letter with each letter's marks after it
/// (a mark is drawn over the glyph before it), brackets mirrored.
fn push_reversed(text: &str, out: &mut String) {
    let mut clusters: Vec<(usize, usize)> = Vec::new();
    for (i, c) in text.char_indices() {
        let end = i + c.len_utf8();
        let joins = matches!(bidi_class(c), BidiClass::NSM) || c == '\u{200D}';
        match clusters.last_mut() {
            Some(last) if joins => last.1 = end,
            _ => clusters.push((i, end)),
        }
    }
    for &(start, end) in clusters.iter().rev() {
        out.extend(
            text[start..end]
                .chars()
                .filter(|&c| !is_direction_format(c))
                .map(mirror),
        );
    }
}

fn mirror(c: char) -> char {
    match c {
        '(' => ')',
        ')' => '(',
        '[' => ']',
        ']' => '[',
        '{' => '}',
        '}' => '{',
        '<' => '>',
        '>' => '<',
        '«' => '»',
        '»' => '«',
        '‹' => '›',
        '›' => '‹',
        '≤' => '≥',
        '≥' => '≤',
        other => other,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::report::layout::{
        finish_document, Align, Cell, Column, Document, Layout, Paper, Row, BODY, INK,
    };
    use printpdf::{Op, TextItem};

    /// The text a layout writes, one string per text operation.
    fn shown(l: &Layout) -> Vec<String> {
        l.pages
            .iter()
            .flatten()
            .chain(&l.ops)
            .filter_map(|op| match op {
                Op::ShowText { items } => Some(
                    items
                        .iter()
                        .filter_map(|i| match i {
                            TextItem::Text(t) => Some(t.clone()),
                            _ => None,
                        })
                        .collect(),
                ),
                _ => None,
            })
            .collect()
    }

    fn hebrew_layout() -> Layout {
        let mut l = Layout::new(Paper::A4).unwrap();
        l.paragraph("Monitor מוניטור 12", BODY, false, INK, 0.0);
        l.table(
            &[
                Column::new("Candidate", 60.0, Align::Left),
                Column::new("Facility", 60.0, Align::Right),
            ],
            &[Row::new(vec![
                Cell::new("מוניטור"),
                Cell::new("מרכז רפואי (צפון)"),
            ])],
            BODY,
        );
        // A justification long enough to wrap: the first words are on the first line.
        let words: Vec<String> = (1..=40).map(|i| format!("מילה{i}")).collect();
        l.paragraph(&words.join(" "), BODY, false, INK, 0.0);
        l.paragraph("مستشفى النور", BODY, false, INK, 0.0);
        l.paragraph(
            "bell\u{7}escape\u{1b}[31m nul\u{0} del\u{7f}",
            BODY,
            false,
            INK,
            0.0,
        );
        l
    }

    #[test]
    fn a_layout_writes_right_to_left_text_in_visual_order() {
        let text = shown(&hebrew_layout());
        for expected in ["Monitor 12 רוטינומ", "רוטינומ", "(ןופצ) יאופר זכרמ"]
        {
            assert!(
                text.iter().any(|t| t == expected),
                "{expected} not in {text:?}"
            );
        }
        // Wrapped after measuring the logical text: the first line holds the first
        // words, the first of them rightmost.
        let first = text.iter().find(|t| t.contains("הלימ")).unwrap();
        assert!(first.ends_with("1הלימ"), "{first}");
        assert!(!first.contains("40הלימ"), "{first}");
        // No control character reaches the PDF.
        assert!(
            text.iter().flat_map(|t| t.chars()).all(|c| !c.is_control()),
            "{text:?}"
        );
        assert!(
            text.iter().any(|t| t == "bell escape [31m nul del"),
            "{text:?}"
        );
    }

    /// The finished PDF read back with poppler's pdftotext, when it is installed.
    #[test]
    fn the_pdf_reads_back_in_visual_order() {
        let bytes = finish_document(
            hebrew_layout(),
            Paper::A4,
            &Document {
                title: "RTL \u{1b}[2J test".into(),
                subject: "subject\u{0}".into(),
                keywords: vec!["מוניטור".into()],
                footer_left: "מרכז רפואי".into(),
                content_hash: "0".into(),
                as_of: chrono::NaiveDate::from_ymd_opt(2026, 1, 1).unwrap(),
                id_prefix: "test",
            },
        )
        .unwrap();
        let dir = tempfile::tempdir().unwrap();
        let pdf = dir.path().join("rtl.pdf");
        std::fs::write(&pdf, &bytes).unwrap();
        if std::env::var_os("CALIPER_KEEP_RTL_PDF").is_some() {
            std::fs::write("/tmp/caliper-rtl.pdf", &bytes).unwrap();
        }
        let Ok(out) = std::process::Command::new("pdftotext")
            .args(["-layout", "-enc", "UTF-8"])
            .arg(&pdf)
            .arg("-")
            .output()
        else {
            eprintln!("pdftotext is not installed: the PDF was not read back");
            return;
        };
        // Poppler reads right-to-left words drawn in visual order back in logical order
        // (it marks them with embeddings): backwards words would come out backwards.
        let text: String = String::from_utf8_lossy(&out.stdout)
            .chars()
            .filter(|c| !is_direction_format(*c))
            .collect();
        assert!(
            text.contains("מוניטור") && text.contains("Monitor 12"),
            "{text}"
        );
        assert!(text.contains("מרכז רפואי"), "{text}");
        let at = |word: &str| text.find(word).unwrap_or(usize::MAX);
        assert!(
            at("מילה 2") < at("מילה 3") && at("מילה 3") < usize::MAX,
            "{text}"
        );
        assert!(!text.contains("רוטינומ"), "{text}");
        assert!(!text.contains('\u{1b}'), "{text}");
    }

    #[test]
    fn lines_print_in_visual_order() {
        let check = |logical: &str, expected: &str| {
            assert_eq!(visual(logical), expected, "{logical}");
        };
        check("Monitor 12", "Monitor 12");
        check("מוניטור", "רוטינומ");
        // A number after a right-to-left word belongs to it (rule W7): it prints to
        // that word's left, as a browser shows it.
        check("Monitor מוניטור 12", "Monitor 12 רוטינומ");
        check("מוניטור Monitor 12", "רוטינומ Monitor 12");
        // A Hebrew sentence ends on the left; a Hebrew name in English text stays put.
        check("מוניטור חדש.", ".שדח רוטינומ");
        check("Name: מוניטור.", "Name: רוטינומ.");
        // An isolated name keeps the number that follows it outside.
        check("\u{2068}מוניטור\u{2069} (2 gaps)", "רוטינומ (2 gaps)");
        // A Hebrew line keeps its numbers left to right, and its words right to left.
        check("מוניטור 12 חדש", "שדח 12 רוטינומ");
        check("מרכז רפואי (צפון)", "(ןופצ) יאופר זכרמ");
        // Marks stay after their letter; direction marks are not printed.
        check(
            "\u{200F}\u{05E9}\u{05C1}\u{05B8}\u{05DC}\u{05D5}\u{05B9}\u{05DD}",
            "\u{05DD}\u{05D5}\u{05B9}\u{05DC}\u{05E9}\u{05C1}\u{05B8}",
        );
    }

    #[test]
    fn arabic_letters_join() {
        // "مستشفى" (hospital): initial, medial forms and a final alef maksura.
        let shaped = shape("مستشفى");
        assert!(
            shaped
                .chars()
                .all(|c| ('\u{FE70}'..='\u{FEFF}').contains(&c)),
            "{shaped}"
        );
        assert_eq!(shaped.chars().count(), 6);
        assert_eq!(shape("Caliper"), "Caliper");
    }
}
