//! Aggregation of several evaluators' scores of one candidate on one criterion.

use serde::Serialize;
use ts_rs::TS;

/// Evaluators whose scores differ by this many scale points or more disagree.
pub const DISAGREEMENT_POINTS: u8 = 2;

/// Summary of the evaluators' scores of one candidate on one criterion.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct ScoreSummary {
    /// How many evaluators scored.
    pub n: u32,
    /// The value the ranking uses.
    pub mean: f64,
    pub median: f64,
    pub min: u8,
    pub max: u8,
    /// Sample standard deviation (n - 1); 0 for a single score.
    pub std_dev: f64,
    /// True when max - min is [`DISAGREEMENT_POINTS`] or more: the committee should discuss it.
    pub disagreement: bool,
}

/// Summarises scores; `None` when nobody scored.
pub fn summarize(scores: &[u8]) -> Option<ScoreSummary> {
    if scores.is_empty() {
        return None;
    }
    let mut sorted = scores.to_vec();
    sorted.sort_unstable();
    let n = sorted.len();
    let mean = sorted.iter().map(|s| f64::from(*s)).sum::<f64>() / n as f64;
    let median = if n % 2 == 1 {
        f64::from(sorted[n / 2])
    } else {
        (f64::from(sorted[n / 2 - 1]) + f64::from(sorted[n / 2])) / 2.0
    };
    let std_dev = if n > 1 {
        let var = sorted
            .iter()
            .map(|s| (f64::from(*s) - mean).powi(2))
            .sum::<f64>()
            / (n - 1) as f64;
        var.sqrt()
    } else {
        0.0
    };
    let (min, max) = (sorted[0], sorted[n - 1]);
    Some(ScoreSummary {
        n: n as u32,
        mean,
        median,
        min,
        max,
        std_dev,
        disagreement: max - min >= DISAGREEMENT_POINTS,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn summaries() {
        assert_eq!(summarize(&[]), None);
        let s = summarize(&[4]).unwrap();
        assert_eq!(
            (s.n, s.mean, s.median, s.std_dev, s.disagreement),
            (1, 4.0, 4.0, 0.0, false)
        );
        let s = summarize(&[2, 4, 5, 3]).unwrap();
        assert_eq!(
            (s.mean, s.median, s.min, s.max, s.disagreement),
            (3.5, 3.5, 2, 5, true)
        );
        // sample sd of 2,3,4,5 = sqrt(5/3)
        assert!((s.std_dev - (5.0f64 / 3.0).sqrt()).abs() < 1e-12);
        assert!(!summarize(&[3, 4, 4]).unwrap().disagreement);
    }
}
