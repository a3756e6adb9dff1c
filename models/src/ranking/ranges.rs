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
    use crate::ranking::rank;

    /// Two candidates on a fixed 0-100 scale: b's value is unconfirmed, 0 to 100, and ranks
    /// at 50; confirmed it would lead, failed it would stay second.
    #[test]
    fn a_ranged_value_ranks_at_its_point_and_reports_both_ends() {
        let p = DecisionProblem::from_json(
            "t.json",
            r#"{"criteria":[{"id":"fit","weight":1,"direction":"benefit","scale":{"min":0,"max":100}},
                            {"id":"q","weight":1,"direction":"benefit","scale":{"min":1,"max":5}}],
                "alternatives":[{"id":"a","values":{"fit":80,"q":3}},
                                {"id":"b","values":{"fit":50,"q":4},"ranges":{"fit":{"low":0,"high":100}}}]}"#,
        )
        .unwrap();
        let r = rank(&p).unwrap();
        let (a, b) = (&r.alternatives[0], &r.alternatives[1]);
        assert_eq!((a.id.as_str(), a.rank), ("a", Some(1)));
        // a: (0.8 + 0.5) / 2 = 0.65; b: (0.5 + 0.75) / 2 = 0.625, 0.375 to 0.875.
        assert!((b.score.unwrap() - 0.625).abs() < 1e-12);
        assert!((b.score_low.unwrap() - 0.375).abs() < 1e-12);
        assert!((b.score_high.unwrap() - 0.875).abs() < 1e-12);
        assert_eq!((b.rank_low, b.rank_high), (Some(2), Some(1)));
        assert_eq!(b.unconfirmed, vec!["fit".to_string()]);
        assert_eq!((a.score_low, a.score_high), (a.score, a.score));
        assert!(a.unconfirmed.is_empty());
    }

    #[test]
    fn ranges_must_hold_their_value_and_keep_to_the_scale() {
        fn check(ranges: &str, expected: &str) {
            let json = format!(
                r#"{{"criteria":[{{"id":"fit","weight":1,"direction":"benefit","scale":{{"min":0,"max":100}}}}],
                    "alternatives":[{{"id":"a","values":{{"fit":50}},"ranges":{ranges}}}]}}"#
            );
            let err = DecisionProblem::from_json("t.json", &json).unwrap_err();
            assert!(err.to_string().contains(expected), "{err}");
            assert_eq!(err.field(), Some("alternatives[0].ranges.fit"));
        }
        check(
            r#"{"fit":{"low":60,"high":80}}"#,
            "does not hold the value 50",
        );
        check(
            r#"{"fit":{"low":0,"high":120}}"#,
            "outside the scale 0..100",
        );
    }

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
