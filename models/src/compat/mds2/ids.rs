//! Reading a question id from a cell: tolerant of case, punctuation, dashes and leading
//! zeros, and of a section misspelt by one edit.

use super::questions::{question, sections};

/// A question id as written: the section letters and the numbers.
pub(super) struct RawId {
    pub(super) section: String,
    numbers: Vec<u32>,
    /// Text after the id in the same cell (e.g. "Yes" in "SAHD-15: Yes").
    pub(super) rest: String,
}

/// Reads `AUTH-1.1`, `auth – 01.1.`, `SAHD 15`, `*CSUP-2.3:` at the start of a cell.
pub(super) fn raw_id(cell: &str) -> Option<RawId> {
    let s = cell.trim_start_matches(|c: char| {
        c.is_whitespace() || matches!(c, '*' | '•' | '"' | '\'' | '#' | '[' | '(')
    });
    let letters: String = s.chars().take_while(|c| c.is_ascii_alphabetic()).collect();
    if !(3..=5).contains(&letters.len()) {
        return None;
    }
    let mut rest = &s[letters.len()..];
    rest = rest.trim_start_matches([' ', '\u{a0}']);
    rest = rest
        .strip_prefix(['-', '\u{2013}', '\u{2014}', '_'])
        .unwrap_or(rest);
    rest = rest.trim_start_matches([' ', '\u{a0}']);
    let mut numbers = Vec::new();
    loop {
        let digits: String = rest.chars().take_while(|c| c.is_ascii_digit()).collect();
        if digits.is_empty() || digits.len() > 3 {
            break;
        }
        numbers.push(digits.parse().ok()?);
        rest = &rest[digits.len()..];
        match rest.strip_prefix('.') {
            Some(after) if after.starts_with(|c: char| c.is_ascii_digit()) => rest = after,
            _ => break,
        }
    }
    if numbers.is_empty() || numbers.len() > 3 {
        return None;
    }
    // The id ends the cell or is followed by a separator, not by more letters or digits.
    let tail = rest.trim_start_matches(['.', ')', ']', '*']);
    if tail.starts_with(|c: char| c.is_alphanumeric()) {
        return None;
    }
    let tail = tail.trim_start_matches(|c: char| {
        c.is_whitespace() || matches!(c, ':' | '-' | '\u{2013}' | '=')
    });
    Some(RawId {
        section: letters.to_ascii_uppercase(),
        numbers,
        rest: tail.trim().to_string(),
    })
}

/// Damerau distance 1: one letter substituted, inserted, deleted, or two adjacent swapped.
fn one_edit_apart(a: &str, b: &str) -> bool {
    let (a, b): (Vec<char>, Vec<char>) = (a.chars().collect(), b.chars().collect());
    if a == b {
        return false;
    }
    if a.len() == b.len() {
        let diffs: Vec<usize> = (0..a.len()).filter(|&i| a[i] != b[i]).collect();
        return diffs.len() == 1
            || (diffs.len() == 2
                && diffs[1] == diffs[0] + 1
                && a[diffs[0]] == b[diffs[1]]
                && a[diffs[1]] == b[diffs[0]]);
    }
    let (short, long) = if a.len() < b.len() {
        (&a, &b)
    } else {
        (&b, &a)
    };
    if long.len() - short.len() != 1 {
        return false;
    }
    (0..long.len()).any(|skip| {
        long.iter()
            .enumerate()
            .filter(|(i, _)| *i != skip)
            .map(|(_, c)| c)
            .eq(short.iter())
    })
}

pub(super) enum Resolved {
    Exact(String),
    Corrected(String),
    Unknown(String),
}

pub(super) fn resolve(raw: &RawId) -> Resolved {
    let numbers = raw
        .numbers
        .iter()
        .map(u32::to_string)
        .collect::<Vec<_>>()
        .join(".");
    let written = format!("{}-{numbers}", raw.section);
    if question(&written).is_some() {
        return Resolved::Exact(written);
    }
    let near: Vec<String> = sections()
        .iter()
        .filter(|s| one_edit_apart(s, &raw.section))
        .map(|s| format!("{s}-{numbers}"))
        .filter(|id| question(id).is_some())
        .collect();
    match near.as_slice() {
        [only] => Resolved::Corrected(only.clone()),
        _ => Resolved::Unknown(written),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::compat::mds2::answers::is_reference;

    #[test]
    fn ids_are_read_tolerantly() {
        let id = |s: &str| match resolve(&raw_id(s).unwrap()) {
            Resolved::Exact(id) => format!("={id}"),
            Resolved::Corrected(id) => format!("~{id}"),
            Resolved::Unknown(id) => format!("?{id}"),
        };
        assert_eq!(id("AUTH-1.1"), "=AUTH-1.1");
        assert_eq!(id(" auth \u{2013} 01.1. "), "=AUTH-1.1");
        assert_eq!(id("*CSUP-2.3:"), "=CSUP-2.3");
        assert_eq!(id("SAHD 15"), "=SAHD-15");
        assert_eq!(id("SHAD-15"), "~SAHD-15");
        assert_eq!(id("STFC-1"), "~STCF-1");
        assert_eq!(id("AUTH-99"), "?AUTH-99");
        assert!(raw_id("AC-12").is_none(), "NIST codes are not MDS2 ids");
        assert!(is_reference("AUTH") && is_reference("IA-2, AC-3(7)") && is_reference("A.9.2.1"));
        assert!(!is_reference("TBD") && !is_reference("Maybe"));
        assert!(raw_id("AUTHENTICATION").is_none());
        assert!(raw_id("Question ID").is_none());
        assert_eq!(raw_id("SAHD-15: Yes").unwrap().rest, "Yes");
    }

    #[test]
    fn one_edit() {
        assert!(one_edit_apart("SHAD", "SAHD"));
        assert!(one_edit_apart("AUT", "AUTH"));
        assert!(!one_edit_apart("AUTH", "AUTH"));
        assert!(!one_edit_apart("DOC", "SAHD"));
    }
}
