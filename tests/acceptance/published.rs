//! The ranking engine against published worked examples (tests/fixtures/published/, each
//! file citing its source).

use caliper_models::ranking::{rank, DecisionProblem, Normalization};
use caliper_tests::repo_root;
use serde_json::Value;

fn fixture(name: &str) -> Value {
    let path = repo_root().join("tests/fixtures/published").join(name);
    serde_json::from_str(&std::fs::read_to_string(&path).unwrap()).unwrap()
}

/// Builds a problem from a fixture's input, overriding the normalisation name.
fn problem(input: &Value, normalization: Normalization) -> DecisionProblem {
    let mut input = input.clone();
    let obj = input.as_object_mut().unwrap();
    obj.retain(|k, _| k == "criteria" || k == "alternatives");
    let mut p: DecisionProblem = serde_json::from_value(input).unwrap();
    p.normalization = normalization;
    p
}

/// Wikipedia, "Weighted sum model", example (3 alternatives x 4 criteria, raw values).
#[test]
fn wikipedia_weighted_sum_model_example() {
    let f = fixture("wsm_wikipedia_weighted_sum_model.json");
    let r = rank(&problem(&f["input"], Normalization::None)).unwrap();
    for alt in &r.alternatives {
        let published = f["expected"]["scores"][&alt.id].as_f64().unwrap();
        assert!(
            (alt.score.unwrap() - published).abs() < 0.005,
            "{}: {:?} vs {published}",
            alt.id,
            alt.score
        );
    }
    let tied: Vec<_> = r
        .alternatives
        .iter()
        .filter(|a| a.tied)
        .map(|a| a.id.as_str())
        .collect();
    assert_eq!(tied, vec!["A2", "A3"]);
    assert_eq!(r.alternatives[2].id, "A1");
    assert_eq!(r.alternatives[2].rank, Some(3));
}

/// pymcdm (Kizielewicz, Shekhovtsov and Salabun, SoftwareX 22, 2023), WSM docstring example
/// with sum normalisation. pymcdm uses the weights as given (they sum to 2); Caliper
/// normalises them to 1, so each published score is Caliper's score times the weight sum.
#[test]
fn pymcdm_wsm_docstring_example() {
    let f = fixture("wsm_pymcdm_wsm_docstring.json");
    let p = problem(&f["input"], Normalization::Sum);
    let weight_sum: f64 = p.criteria.iter().map(|c| c.weight).sum();
    let r = rank(&p).unwrap();
    for alt in &r.alternatives {
        let published = f["expected"]["scores"][&alt.id].as_f64().unwrap();
        let ours = alt.score.unwrap() * weight_sum;
        assert!(
            (ours - published).abs() <= 0.0005,
            "{}: {ours} vs {published}",
            alt.id
        );
    }
    let order: Vec<_> = r
        .alternatives
        .iter()
        .map(|a| Value::from(a.id.clone()))
        .collect();
    assert_eq!(Value::from(order), f["expected"]["ranking"]);
}
