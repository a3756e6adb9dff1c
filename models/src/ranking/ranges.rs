//! Values known only as a range (unconfirmed compatibility points): what each alternative
//! would score, and where it would rank, with its ranged values all at their low ends and
//! all at their high ends, the other alternatives as they are; and how to say so.

use super::{normalized_matrix, DecisionProblem, Scorer, TIE_EPSILON};

/// An alternative's score and rank at both ends of its ranged values.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(super) struct Ends {
    pub score_low: f64,
    pub score_high: f64,
    pub rank_low: u32,
    pub rank_high: u32,
}

/// Criteria (ids) on which alternative `i` has a range wider than a point.
pub(super) fn ranged_criteria(problem: &DecisionProblem, i: usize) -> Vec<String> {
    let a = &problem.alternatives[i];
    problem
        .criteria
        .iter()
        .filter(|c| a.ranges.get(&c.id).is_some_and(|r| r.high > r.low))
        .map(|c| c.id.clone())
        .collect()
}

/// Alternative `i`'s score and rank with its ranged values at their low, then high, ends
/// (`None` when it has no range or a value is missing).
pub(super) fn ends(problem: &DecisionProblem, weights: &[f64], i: usize) -> Option<Ends> {
    if ranged_criteria(problem, i).is_empty() {
        return None;
    }
    let at = |high: bool| -> Option<(f64, u32)> {
        let mut p = problem.clone();
        let a = &mut p.alternatives[i];
        for (key, r) in &a.ranges {
            a.values
                .insert(key.clone(), Some(if high { r.high } else { r.low }));
        }
        let matrix = normalized_matrix(&p);
        let scorer = Scorer::new(&p, &matrix);
        let k = scorer.complete.iter().position(|&c| c == i)?;
        let mut scores = vec![0.0; scorer.complete.len()];
        scorer.scores(weights, &mut scores);
        let own = scores[k];
        let better = scores
            .iter()
            .enumerate()
            .filter(|(j, s)| *j != k && **s > own + TIE_EPSILON)
            .count();
        Some((own, better as u32 + 1))
    };
    let (score_low, rank_low) = at(false)?;
    let (score_high, rank_high) = at(true)?;
    Some(Ends {
        score_low,
        score_high,
        rank_low,
        rank_high,
    })
}

/// "first", "second", ... as a rank is said in a sentence.
pub fn ordinal(rank: u32) -> String {
    const WORDS: [&str; 10] = [
        "first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth",
        "tenth",
    ];
    match WORDS.get(rank.saturating_sub(1) as usize) {
        Some(w) if rank > 0 => (*w).to_string(),
        _ => format!("{rank}th"),
    }
}

/// A criterion's name inside a sentence: lower case unless it starts with an acronym
/// ("Network compatibility" becomes "network compatibility", "EHR integration" stays).
fn in_sentence(name: &str) -> String {
    let mut chars = name.chars();
    match (chars.next(), chars.next()) {
        (Some(first), Some(second)) if first.is_uppercase() && !second.is_uppercase() => {
            first.to_lowercase().chain(name.chars().skip(1)).collect()
        }
        _ => name.to_string(),
    }
}

/// "a", "a and b", "a, b and c".
pub fn joined(items: &[String]) -> String {
    match items {
        [] => String::new(),
        [one] => one.clone(),
        [init @ .., last] => format!("{} and {last}", init.join(", ")),
    }
}

/// What confirming an alternative's unconfirmed values could do to its rank, in words;
/// `None` when its rank would stay the same either way. `criteria` are the names of the
/// criteria it has a range on.
pub fn unconfirmed_sentence(
    name: &str,
    criteria: &[String],
    rank: u32,
    rank_low: u32,
    rank_high: u32,
) -> Option<String> {
    if rank_low == rank && rank_high == rank {
        return None;
    }
    let names: Vec<String> = criteria.iter().map(|c| in_sentence(c)).collect();
    let verb = if names.len() == 1 { "is" } else { "are" };
    let mut s = format!("{name}'s {} {verb} unconfirmed", joined(&names));
    if rank_high < rank {
        s.push_str(&format!(
            "; confirmed, it would rank {}",
            ordinal(rank_high)
        ));
    }
    if rank_low > rank {
        s.push_str(&format!(
            "; if {} {}, it would rank {}",
            if names.len() == 1 { "it" } else { "they" },
            if names.len() == 1 { "fails" } else { "fail" },
            ordinal(rank_low)
        ));
    }
    s.push('.');
    Some(s)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sentences_name_what_confirming_would_change() {
        let crit = vec![
            "EHR integration".to_string(),
            "Network compatibility".to_string(),
        ];
        assert_eq!(
            unconfirmed_sentence("Oakhurst Infinia Duo", &crit, 2, 3, 1).as_deref(),
            Some("Oakhurst Infinia Duo's EHR integration and network compatibility are unconfirmed; confirmed, it would rank first; if they fail, it would rank third.")
        );
        assert_eq!(unconfirmed_sentence("A", &crit, 2, 2, 2), None);
        assert_eq!(
            unconfirmed_sentence("A", &crit[1..], 1, 2, 1).as_deref(),
            Some("A's network compatibility is unconfirmed; if it fails, it would rank second.")
        );
        assert_eq!(ordinal(12), "12th");
    }
}
