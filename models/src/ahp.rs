//! Analytic hierarchy process: weights from pairwise comparisons on Saaty's 1-9 scale.
//!
//! Pure and deterministic. Weights come from the principal eigenvector (power iteration)
//! or the row geometric mean; consistency is `CI = (lambda_max - n) / (n - 1)` and
//! `CR = CI / RI(n)` with a named random-index table, since the published tables differ.
//! Several evaluators' judgements combine by the element-wise geometric mean, which keeps
//! the combined matrix reciprocal (Aczél and Saaty, 1983).

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::error::{Error, Result};

/// A consistency ratio above this is a warning (Saaty's 10 % rule).
pub const CR_THRESHOLD: f64 = 0.10;

/// Which published random-index table the consistency ratio uses.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum RandomIndex {
    /// Saaty, T.L. (1980), The Analytic Hierarchy Process, McGraw-Hill: 0, 0, 0.58, 0.90,
    /// 1.12, 1.24, 1.32, 1.41, 1.45, 1.49 for n = 1..10 (1.51 to 1.59 for 11..15).
    #[default]
    Saaty1980,
    /// Saaty, T.L. (2005), Theory and Applications of the Analytic Network Process, p. 31.
    Saaty2005,
    /// Alonso, J.A. and Lamata, M.T. (2006), Int. J. Uncertainty, Fuzziness and
    /// Knowledge-Based Systems 14(4), from 100,000 random matrices.
    AlonsoLamata2006,
}

impl RandomIndex {
    pub fn name(self) -> &'static str {
        match self {
            RandomIndex::Saaty1980 => "Saaty (1980)",
            RandomIndex::Saaty2005 => "Saaty (2005)",
            RandomIndex::AlonsoLamata2006 => "Alonso and Lamata (2006)",
        }
    }

    /// The table for n = 1..15.
    pub fn table(self) -> [f64; 15] {
        match self {
            RandomIndex::Saaty1980 => [
                0.0, 0.0, 0.58, 0.90, 1.12, 1.24, 1.32, 1.41, 1.45, 1.49, 1.51, 1.54, 1.56, 1.57,
                1.59,
            ],
            RandomIndex::Saaty2005 => [
                0.0, 0.0, 0.52, 0.89, 1.11, 1.25, 1.35, 1.40, 1.45, 1.49, 1.52, 1.54, 1.56, 1.58,
                1.59,
            ],
            RandomIndex::AlonsoLamata2006 => [
                0.0, 0.0, 0.5245, 0.8815, 1.1086, 1.2479, 1.3417, 1.4056, 1.4499, 1.4854, 1.5141,
                1.5365, 1.5551, 1.5713, 1.5838,
            ],
        }
    }

    pub fn value(self, n: usize) -> Option<f64> {
        self.table().get(n.checked_sub(1)?).copied()
    }
}

/// How weights are derived from the matrix.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum AhpWeighting {
    #[default]
    Eigenvector,
    GeometricMean,
}

/// One judgement: a number or a fraction such as `"1/3"`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(untagged)]
pub enum Judgement {
    Number(f64),
    Text(String),
}

impl Judgement {
    fn value(&self, field: &str) -> Result<f64> {
        let v = match self {
            Judgement::Number(v) => *v,
            Judgement::Text(t) => parse_fraction(t).ok_or_else(|| {
                Error::validation(
                    field,
                    format!("'{t}' is not a number or a fraction like 1/3"),
                )
            })?,
        };
        if !v.is_finite() || v <= 0.0 {
            return Err(Error::validation(
                field,
                format!("{v} is not a positive judgement"),
            ));
        }
        if !(1.0 / 9.0 - 1e-9..=9.0 + 1e-9).contains(&v) {
            return Err(Error::validation(
                field,
                format!("{v} is outside Saaty's scale (1/9 to 9)"),
            ));
        }
        Ok(v)
    }
}

fn parse_fraction(text: &str) -> Option<f64> {
    let t = text.trim();
    match t.split_once('/') {
        Some((a, b)) => {
            let (a, b): (f64, f64) = (a.trim().parse().ok()?, b.trim().parse().ok()?);
            (b != 0.0).then_some(a / b)
        }
        None => t.parse().ok(),
    }
}

/// `caliper ahp --input`: one pairwise matrix, or several evaluators' matrices to combine.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
pub struct AhpInput {
    /// Names of the compared elements, in matrix order (default: `c1`, `c2`, ...).
    #[serde(default)]
    pub labels: Vec<String>,
    /// `matrix[i][j]`: how much more important element i is than j (1 to 9 or 1/9 to 1).
    #[serde(default)]
    #[ts(optional)]
    pub matrix: Option<Vec<Vec<Judgement>>>,
    /// Several evaluators' matrices, combined by element-wise geometric mean.
    #[serde(default)]
    #[ts(optional)]
    pub matrices: Option<Vec<Vec<Vec<Judgement>>>>,
    #[serde(default)]
    pub weighting: AhpWeighting,
    #[serde(default)]
    pub random_index: RandomIndex,
}

/// A judgement that departs most from what the weights imply.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct Inconsistency {
    pub row: usize,
    pub column: usize,
    pub row_label: String,
    pub column_label: String,
    /// The judgement given.
    pub given: f64,
    /// The ratio the derived weights imply, `w_row / w_column`.
    pub implied: f64,
    /// `|ln(given / implied)|`: 0 for a perfectly consistent judgement.
    pub deviation: f64,
}

/// AHP result: weights, consistency and the worst judgements.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct AhpResult {
    pub labels: Vec<String>,
    pub weighting: AhpWeighting,
    /// Sum to 1, in label order.
    pub weights: Vec<f64>,
    pub lambda_max: f64,
    pub ci: f64,
    /// `null` for n <= 2 (always consistent) or beyond the table.
    pub cr: Option<f64>,
    pub random_index: RandomIndex,
    pub random_index_name: String,
    /// RI(n) used.
    pub ri: Option<f64>,
    /// The table used, n = 1..15.
    pub ri_table: Vec<f64>,
    /// True when CR > 0.10.
    pub inconsistent: bool,
    /// The combined matrix (several evaluators) or the input matrix, reciprocal.
    pub matrix: Vec<Vec<f64>>,
    /// The three judgements with the largest deviation, worst first.
    pub worst_judgements: Vec<Inconsistency>,
}

// The checks pair entry (i, j) with (j, i): index loops say that most plainly.
#[allow(clippy::needless_range_loop)]
fn square(labels: usize, m: &[Vec<Judgement>], at: &str) -> Result<Vec<Vec<f64>>> {
    let n = m.len();
    if n != labels {
        return Err(Error::validation(
            at,
            format!("has {n} rows for {labels} labels"),
        ));
    }
    let mut out = vec![vec![0.0; n]; n];
    for (i, row) in m.iter().enumerate() {
        if row.len() != n {
            return Err(Error::validation(
                format!("{at}[{i}]"),
                format!(
                    "has {} entries; the matrix must be square ({n} x {n})",
                    row.len()
                ),
            ));
        }
        for (j, v) in row.iter().enumerate() {
            out[i][j] = v.value(&format!("{at}[{i}][{j}]"))?;
        }
    }
    for i in 0..n {
        if (out[i][i] - 1.0).abs() > 1e-9 {
            return Err(Error::validation(
                format!("{at}[{i}][{i}]"),
                format!(
                    "{} on the diagonal; an element compared with itself is 1",
                    out[i][i]
                ),
            ));
        }
        for j in (i + 1)..n {
            // Reciprocals typed as decimals (0.33 for 1/3) are accepted within 2 %.
            if (out[i][j] * out[j][i] - 1.0).abs() > 0.02 {
                return Err(Error::validation(
                    format!("{at}[{j}][{i}]"),
                    format!(
                        "{} is not the reciprocal of {at}[{i}][{j}] = {} (expected {:.4})",
                        out[j][i],
                        out[i][j],
                        1.0 / out[i][j]
                    ),
                ));
            }
            out[j][i] = 1.0 / out[i][j];
        }
    }
    Ok(out)
}

/// Element-wise geometric mean of several reciprocal matrices (stays reciprocal).
pub fn combine(matrices: &[Vec<Vec<f64>>]) -> Vec<Vec<f64>> {
    let n = matrices.first().map_or(0, Vec::len);
    let k = matrices.len() as f64;
    (0..n)
        .map(|i| {
            (0..n)
                .map(|j| (matrices.iter().map(|m| m[i][j].ln()).sum::<f64>() / k).exp())
                .collect()
        })
        .collect()
}

fn eigenvector(m: &[Vec<f64>]) -> Vec<f64> {
    let n = m.len();
    let mut w = vec![1.0 / n as f64; n];
    for _ in 0..10_000 {
        let mut next: Vec<f64> = (0..n)
            .map(|i| (0..n).map(|j| m[i][j] * w[j]).sum())
            .collect();
        let sum: f64 = next.iter().sum();
        next.iter_mut().for_each(|x| *x /= sum);
        let change = next
            .iter()
            .zip(&w)
            .map(|(a, b)| (a - b).abs())
            .fold(0.0, f64::max);
        w = next;
        if change < 1e-15 {
            break;
        }
    }
    w
}

fn geometric_mean(m: &[Vec<f64>]) -> Vec<f64> {
    let n = m.len() as f64;
    let g: Vec<f64> = m
        .iter()
        .map(|row| (row.iter().map(|v| v.ln()).sum::<f64>() / n).exp())
        .collect();
    let sum: f64 = g.iter().sum();
    g.into_iter().map(|x| x / sum).collect()
}

/// Derives weights and consistency from a validated reciprocal matrix.
pub fn analyse(
    labels: &[String],
    m: Vec<Vec<f64>>,
    weighting: AhpWeighting,
    ri: RandomIndex,
) -> AhpResult {
    let n = m.len();
    let weights = match weighting {
        AhpWeighting::Eigenvector => eigenvector(&m),
        AhpWeighting::GeometricMean => geometric_mean(&m),
    };
    let lambda_max = (0..n)
        .map(|i| (0..n).map(|j| m[i][j] * weights[j]).sum::<f64>() / weights[i])
        .sum::<f64>()
        / n as f64;
    let ci = if n > 1 {
        ((lambda_max - n as f64) / (n as f64 - 1.0)).max(0.0)
    } else {
        0.0
    };
    let ri_n = ri.value(n);
    let cr = ri_n.filter(|r| *r > 0.0).map(|r| ci / r);
    let mut worst: Vec<Inconsistency> = (0..n)
        .flat_map(|i| ((i + 1)..n).map(move |j| (i, j)))
        .map(|(i, j)| {
            let implied = weights[i] / weights[j];
            Inconsistency {
                row: i,
                column: j,
                row_label: labels[i].clone(),
                column_label: labels[j].clone(),
                given: m[i][j],
                implied,
                deviation: (m[i][j] / implied).ln().abs(),
            }
        })
        .collect();
    worst.sort_by(|a, b| b.deviation.total_cmp(&a.deviation));
    worst.truncate(3);
    AhpResult {
        labels: labels.to_vec(),
        weighting,
        weights,
        lambda_max,
        ci,
        cr,
        random_index: ri,
        random_index_name: ri.name().to_string(),
        ri: ri_n,
        ri_table: ri.table().to_vec(),
        inconsistent: cr.is_some_and(|c| c > CR_THRESHOLD),
        matrix: m,
        worst_judgements: worst,
    }
}

/// Validates the input, combines evaluators' matrices if several, and analyses.
pub fn ahp(input: &AhpInput) -> Result<AhpResult> {
    let given = input
        .matrix
        .as_ref()
        .map(Vec::len)
        .or_else(|| {
            input
                .matrices
                .as_ref()
                .and_then(|m| m.first())
                .map(Vec::len)
        })
        .unwrap_or(0);
    let labels: Vec<String> = if input.labels.is_empty() {
        (1..=given).map(|i| format!("c{i}")).collect()
    } else {
        input.labels.clone()
    };
    let n = labels.len();
    if n < 2 {
        return Err(Error::validation(
            "labels",
            "at least two elements are needed to compare",
        ));
    }
    if n > 15 {
        return Err(Error::validation(
            "labels",
            format!(
                "{n} elements; pairwise comparison supports up to 15 (group them into categories)"
            ),
        ));
    }
    let matrix = match (&input.matrix, &input.matrices) {
        (Some(m), None) => square(n, m, "matrix")?,
        (None, Some(ms)) if !ms.is_empty() => {
            let parsed = ms
                .iter()
                .enumerate()
                .map(|(k, m)| square(n, m, &format!("matrices[{k}]")))
                .collect::<Result<Vec<_>>>()?;
            combine(&parsed)
        }
        (None, Some(_)) => return Err(Error::validation("matrices", "is empty")),
        (Some(_), Some(_)) => {
            return Err(Error::validation(
                "matrix",
                "give either matrix or matrices, not both",
            ))
        }
        (None, None) => {
            return Err(Error::validation(
                "matrix",
                "a pairwise comparison matrix is required",
            ))
        }
    };
    Ok(analyse(
        &labels,
        matrix,
        input.weighting,
        input.random_index,
    ))
}

/// Several evaluators' direct weights for the same criteria.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
pub struct DirectWeightsInput {
    pub labels: Vec<String>,
    pub evaluators: Vec<EvaluatorWeights>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
pub struct EvaluatorWeights {
    pub name: String,
    /// Raw weights in label order (percentages or any positive scale; each set is normalised).
    pub weights: Vec<f64>,
}

/// The committee's weights from its members' direct weights, with their spread.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct CombinedWeights {
    pub labels: Vec<String>,
    /// Mean of the evaluators' normalised weights (sums to 1).
    pub weights: Vec<f64>,
    pub min: Vec<f64>,
    pub max: Vec<f64>,
    /// Sample standard deviation across evaluators (0 for one evaluator).
    pub std_dev: Vec<f64>,
    /// Each evaluator's normalised weights, in input order.
    pub normalized: Vec<Vec<f64>>,
}

/// Combines direct weights by the mean of each evaluator's normalised set.
pub fn combine_direct_weights(input: &DirectWeightsInput) -> Result<CombinedWeights> {
    let n = input.labels.len();
    if n == 0 {
        return Err(Error::validation(
            "labels",
            "at least one criterion is needed",
        ));
    }
    if input.evaluators.is_empty() {
        return Err(Error::validation(
            "evaluators",
            "at least one evaluator's weights are needed",
        ));
    }
    let mut normalized = Vec::with_capacity(input.evaluators.len());
    for (k, e) in input.evaluators.iter().enumerate() {
        let at = format!("evaluators[{k}].weights");
        if e.weights.len() != n {
            return Err(Error::validation(
                &at,
                format!("has {} weights for {n} criteria", e.weights.len()),
            ));
        }
        for (j, w) in e.weights.iter().enumerate() {
            crate::criteria::check_weight(&format!("{at}[{j}]"), *w)?;
        }
        let sum: f64 = e.weights.iter().sum();
        if sum <= 0.0 {
            return Err(Error::validation(&at, "all weights are zero"));
        }
        normalized.push(e.weights.iter().map(|w| w / sum).collect::<Vec<f64>>());
    }
    let k = normalized.len() as f64;
    let column = |j: usize| normalized.iter().map(move |w| w[j]);
    let weights: Vec<f64> = (0..n).map(|j| column(j).sum::<f64>() / k).collect();
    let std_dev = (0..n)
        .map(|j| {
            if normalized.len() < 2 {
                return 0.0;
            }
            (column(j).map(|x| (x - weights[j]).powi(2)).sum::<f64>() / (k - 1.0)).sqrt()
        })
        .collect();
    Ok(CombinedWeights {
        labels: input.labels.clone(),
        min: (0..n)
            .map(|j| column(j).fold(f64::INFINITY, f64::min))
            .collect(),
        max: (0..n)
            .map(|j| column(j).fold(f64::NEG_INFINITY, f64::max))
            .collect(),
        weights,
        std_dev,
        normalized,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn input(m: &str) -> AhpInput {
        let matrix: Vec<Vec<Judgement>> = serde_json::from_str(m).unwrap();
        AhpInput {
            labels: (0..matrix.len()).map(|i| format!("c{i}")).collect(),
            matrix: Some(matrix),
            matrices: None,
            weighting: AhpWeighting::Eigenvector,
            random_index: RandomIndex::Saaty1980,
        }
    }

    #[test]
    fn a_consistent_matrix_has_cr_zero_and_exact_weights() {
        // w = (4, 2, 1) / 7 exactly: every judgement is w_i / w_j.
        let r = ahp(&input(r#"[[1, 2, 4], ["1/2", 1, 2], ["1/4", "1/2", 1]]"#)).unwrap();
        for (w, e) in r.weights.iter().zip([4.0 / 7.0, 2.0 / 7.0, 1.0 / 7.0]) {
            assert!((w - e).abs() < 1e-12);
        }
        assert!((r.lambda_max - 3.0).abs() < 1e-12);
        assert!(r.cr.unwrap() < 1e-12);
        assert!(!r.inconsistent);
    }

    #[test]
    fn combining_evaluators_keeps_reciprocity() {
        let a = vec![vec![1.0, 3.0], vec![1.0 / 3.0, 1.0]];
        let b = vec![vec![1.0, 1.0 / 3.0], vec![3.0, 1.0]];
        let c = combine(&[a, b]);
        assert!((c[0][1] - 1.0).abs() < 1e-12 && (c[0][1] * c[1][0] - 1.0).abs() < 1e-12);
    }

    #[test]
    fn bad_matrices_name_the_entry() {
        fn check(m: &str, field: &str) {
            let err = ahp(&input(m)).unwrap_err();
            assert_eq!(err.field(), Some(field), "{err}");
        }
        check(r#"[[1, 2], [0.5, 1, 3]]"#, "matrix[1]");
        check(r#"[[1, 2], [3, 1]]"#, "matrix[1][0]");
        check(r#"[[1, -2], [-0.5, 1]]"#, "matrix[0][1]");
        check(r#"[[1, 12], [0.0833, 1]]"#, "matrix[0][1]");
        check(r#"[[2, 1], [1, 1]]"#, "matrix[0][0]");
        check(r#"[[1, "x/3"], [3, 1]]"#, "matrix[0][1]");
        let mut single = input(r#"[[1]]"#);
        single.labels = vec!["only".into()];
        assert_eq!(ahp(&single).unwrap_err().field(), Some("labels"));
    }

    #[test]
    fn labels_default_to_c1_c2() {
        let mut i = input(r#"[[1, 3], ["1/3", 1]]"#);
        i.labels.clear();
        let r = ahp(&i).unwrap();
        assert_eq!(r.labels, vec!["c1", "c2"]);
        assert!((r.weights[0] - 0.75).abs() < 1e-12);
        assert_eq!(r.cr, None, "two elements are always consistent");
    }

    #[test]
    fn direct_weights_combine_by_the_mean_of_normalised_sets() {
        let input = DirectWeightsInput {
            labels: vec!["clinical".into(), "cost".into()],
            evaluators: vec![
                EvaluatorWeights {
                    name: "nurse".into(),
                    weights: vec![70.0, 30.0],
                },
                EvaluatorWeights {
                    name: "finance".into(),
                    weights: vec![1.0, 3.0],
                },
            ],
        };
        let c = combine_direct_weights(&input).unwrap();
        assert!((c.weights[0] - (0.7 + 0.25) / 2.0).abs() < 1e-12);
        assert!((c.weights.iter().sum::<f64>() - 1.0).abs() < 1e-12);
        assert_eq!((c.min[0], c.max[0]), (0.25, 0.7));
        let mut bad = input.clone();
        bad.evaluators[1].weights = vec![1.0, f64::NAN];
        assert_eq!(
            combine_direct_weights(&bad).unwrap_err().field(),
            Some("evaluators[1].weights[1]")
        );
        bad.evaluators[1].weights = vec![1.0];
        assert_eq!(
            combine_direct_weights(&bad).unwrap_err().field(),
            Some("evaluators[1].weights")
        );
    }

    #[test]
    fn fractions() {
        assert_eq!(parse_fraction("1/3"), Some(1.0 / 3.0));
        assert_eq!(parse_fraction(" 5 "), Some(5.0));
        assert_eq!(parse_fraction("1/0"), None);
    }
}
