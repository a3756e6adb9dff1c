//! Reading an answer from a cell: Yes, No or N/A with the vendor's note, and telling
//! answers from repeated question texts and cross-reference columns.

use super::questions::{sections, Question};
use super::Answer;

/// `Yes`, `no.`, `N/A`, `Yes, LDAP`, `Yes (LDAP)`, `No - see note 3` -> answer and note.
pub fn parse_answer(cell: &str) -> Option<(Answer, String)> {
    let s = cell
        .trim()
        .trim_start_matches(['"', '\'', '*', '[', ':', ' ', '\t'])
        .trim_end_matches(['"', '\'', '*', ']']);
    let lower = s.to_lowercase();
    const FORMS: [(&str, Answer); 12] = [
        ("not applicable", Answer::NotApplicable),
        ("n / a", Answer::NotApplicable),
        ("n/a", Answer::NotApplicable),
        ("n\\a", Answer::NotApplicable),
        ("n.a.", Answer::NotApplicable),
        ("na", Answer::NotApplicable),
        ("yes", Answer::Yes),
        ("no", Answer::No),
        ("y", Answer::Yes),
        ("n", Answer::No),
        ("true", Answer::Yes),
        ("false", Answer::No),
    ];
    for (form, answer) in FORMS {
        let Some(rest) = lower.strip_prefix(form) else {
            continue;
        };
        // Single letters and true/false only as the whole cell.
        if matches!(form, "y" | "n" | "true" | "false")
            && !rest.trim().trim_end_matches('.').is_empty()
        {
            continue;
        }
        if !rest.is_empty()
            && !rest.starts_with(|c: char| {
                c.is_whitespace()
                    || matches!(c, ',' | ';' | ':' | '-' | '\u{2013}' | '(' | '.' | '/')
            })
        {
            continue;
        }
        let note = s[s.len() - rest.len()..]
            .trim()
            .trim_start_matches(|c: char| {
                c.is_whitespace() || matches!(c, ',' | ';' | ':' | '-' | '\u{2013}' | '.' | '/')
            })
            .trim();
        let note = note
            .strip_prefix('(')
            .and_then(|n| n.strip_suffix(')'))
            .unwrap_or(note)
            .trim();
        return Some((answer, note.to_string()));
    }
    None
}

/// The answer (or text value) written after the question's text in the same cell or
/// line: after `?`, `:`, a tab or a gap of spaces (`...?: Yes`, `...?": Yes,optional`,
/// `Manufacturer Name: Acme`). The split taken is the first whose text before it is the
/// whole question's; failing that, the first after most of it followed by an answer.
/// `None` when nothing follows the question.
pub(super) fn after_question(cell: &str, q: &Question, text_valued: bool) -> Option<String> {
    let mut splits: Vec<(usize, usize)> = cell
        .char_indices()
        .filter(|&(_, c)| matches!(c, '?' | ':' | '\t'))
        .map(|(i, c)| (i, c.len_utf8()))
        .collect();
    splits.extend(cell.match_indices("  ").map(|(i, _)| (i, 2)));
    splits.sort_unstable();
    let question = squash(&q.text);
    let tail = |(i, len): (usize, usize)| {
        cell[i + len..]
            .trim_start_matches(|c: char| c.is_whitespace() || matches!(c, '"' | '\'' | ':' | '?'))
            .trim()
            .to_string()
    };
    let head = |i: usize| squash(&cell[..i]);
    // After the whole question: whatever follows is the answer, read or reported.
    if let Some(t) = splits
        .iter()
        .filter(|&&(i, _)| head(i).starts_with(&question))
        .map(|&s| tail(s))
        .find(|t| !t.is_empty())
    {
        return Some(t);
    }
    // After most of it (a question shortened or reworded by the vendor).
    let most = |i: usize| {
        let h = head(i);
        !h.is_empty() && question.starts_with(&h) && h.len() * 4 >= question.len() * 3
    };
    let tails = splits.into_iter().filter(|&(i, _)| text_valued || most(i));
    if text_valued {
        return tails.map(tail).find(|t| !t.is_empty());
    }
    tails.map(tail).find(|t| parse_answer(t).is_some())
}

/// Lowercase letters and digits only, for comparing question texts.
pub(super) fn squash(s: &str) -> String {
    s.chars()
        .filter(|c| c.is_alphanumeric())
        .flat_map(char::to_lowercase)
        .collect()
}

/// The cell repeats the question's text (the form's second column).
pub(super) fn is_question_text(cell: &str, q: &Question) -> bool {
    let (c, t) = (squash(cell), squash(&q.text));
    if c.len() < 8 {
        return !c.is_empty() && c == t;
    }
    let head = |s: &str| s.chars().take(30).collect::<String>();
    t.starts_with(&head(&c)) || c.starts_with(&head(&t))
}

/// A cross-reference column of the official form (IEC TR 80001-2-2, NIST SP 800-53,
/// ISO 27002 codes, `Note 3`): not an answer, not unreadable.
/// A bare number in the form's "See note" column, as the note it points to (`see note 3`).
pub(super) fn see_note(cell: &str) -> Option<String> {
    cell.trim()
        .parse::<u16>()
        .ok()
        .map(|n| format!("see note {n}"))
}

pub(super) fn is_reference(cell: &str) -> bool {
    let s = cell.trim();
    let lower = s.to_lowercase();
    if lower.starts_with("note") || lower.starts_with("section") {
        return true;
    }
    // An empty "See note" cell as a form prints it: `_`, `-`, `—`.
    if !s.is_empty()
        && s.chars()
            .all(|c| matches!(c, '_' | '-' | '\u{2013}' | '\u{2014}'))
    {
        return true;
    }
    // IEC TR 80001-2-2 capabilities (the MDS2 sections and CNFS), NIST SP 800-53 controls
    // (`AC-12`, `IA-2(1)`), ISO 27002 clauses (`A.9.2.1`).
    let token = |t: &str| {
        let t = t.trim_matches(|c: char| "()[];".contains(c));
        if t.is_empty() || t == "CNFS" || sections().contains(&t) {
            return true;
        }
        let nist = t.len() >= 4
            && t.is_char_boundary(2)
            && t[..2].chars().all(|c| c.is_ascii_uppercase())
            && t[2..].starts_with('-')
            && t[3..]
                .chars()
                .all(|c| c.is_ascii_digit() || "()".contains(c));
        let iso = t.starts_with("A.") && t[2..].chars().all(|c| c.is_ascii_digit() || c == '.');
        nist || iso
    };
    s.split([' ', ',', '/']).all(token)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ipc::Choice;

    #[test]
    fn answers_and_notes() {
        let a = |s: &str| parse_answer(s).map(|(a, n)| format!("{}|{n}", a.label()));
        assert_eq!(a("Yes").as_deref(), Some("Yes|"));
        assert_eq!(a("Yes, LDAP").as_deref(), Some("Yes|LDAP"));
        assert_eq!(
            a("YES (Active Directory)").as_deref(),
            Some("Yes|Active Directory")
        );
        assert_eq!(a("no.").as_deref(), Some("No|"));
        assert_eq!(a("No - see note 3").as_deref(), Some("No|see note 3"));
        assert_eq!(a("N/A").as_deref(), Some("N/A|"));
        assert_eq!(a("n/a: no OS").as_deref(), Some("N/A|no OS"));
        assert_eq!(a("Not applicable").as_deref(), Some("N/A|"));
        assert_eq!(a("Y").as_deref(), Some("Yes|"));
        assert_eq!(a("None"), None);
        assert_eq!(a("Nothing"), None);
        assert_eq!(a("Yesterday"), None);
        assert_eq!(a("Maybe"), None);
        assert_eq!(a("Y es"), None);
        assert_eq!(a(": Yes").as_deref(), Some("Yes|"));
        assert_eq!(a("Yes,optional").as_deref(), Some("Yes|optional"));
        assert_eq!(a("NA").as_deref(), Some("N/A|"));
        assert_eq!(a("n/a").as_deref(), Some("N/A|"));
    }
}
