//! The engines on anything their validators accept, at and inside the edges of every range:
//! each answers with a result or a validation error, never a panic, and no score is NaN or
//! infinite. Inputs just beyond the edges are mixed in to check that they are refused.
#![allow(clippy::unwrap_used)] // test code: a failed unwrap is a failed test

use std::collections::BTreeMap;
use std::sync::atomic::AtomicBool;

use caliper_models::criteria::Direction;
use caliper_models::lifecycle::{
    lifecycle_cost, Assumptions, CostModel, MAX_LIFE_YEARS, MIN_DISCOUNT_RATE,
};
use caliper_models::money::{Currency, MAX_AMOUNT};
use caliper_models::ranking::{
    rank, Alternative, DecisionProblem, Method, Normalization, ProblemCriterion, MAX_VALUE,
    MIN_VALUE,
};
use caliper_models::sensitivity::{sensitivity, SensitivityOptions};
use caliper_models::{ErrorKind, Result};
use proptest::prelude::*;
use rust_decimal::prelude::ToPrimitive;
use rust_decimal::Decimal;

/// Ok, or an error of kind validation: anything else (a panic included) fails the test.
fn answered<T>(result: &Result<T>) -> bool {
    match result {
        Ok(_) => true,
        Err(e) => e.kind() == ErrorKind::Validation,
    }
}

/// An amount: zero, the maximum, or anywhere between with up to 4 decimal places.
fn amount() -> impl Strategy<Value = Decimal> {
    prop_oneof![
        Just(Decimal::ZERO),
        Just(MAX_AMOUNT),
        (0i64..=10_000_000_000_000_000).prop_map(|units| Decimal::new(units, 4)),
        (0i64..=1_000_000).prop_map(Decimal::from),
    ]
}

/// A decimal in `low..=high` (fractions with 7 decimal places), edges included.
fn rate(low: Decimal, high: Decimal) -> impl Strategy<Value = Decimal> {
    let scale = Decimal::from(10_000_000);
    let (lo, hi) = (
        (low * scale).to_i64().unwrap(),
        (high * scale).to_i64().unwrap(),
    );
    prop_oneof![
        Just(low),
        Just(high),
        (lo..=hi).prop_map(|units| Decimal::new(units, 7)),
    ]
}

/// `low..=high` as a decimal with any scale up to 6, edges included.
fn bounded(high: u64) -> impl Strategy<Value = Decimal> {
    prop_oneof![
        Just(Decimal::ZERO),
        Just(Decimal::from(high)),
        Just(Decimal::new(1, 28)),
        (0..=high * 1_000_000).prop_map(|units| Decimal::new(units as i64, 6)),
    ]
}

prop_compose! {
    fn cost_model()(
        amounts in proptest::collection::vec(amount(), 12),
        quantity in prop_oneof![Just(1u32), Just(100_000u32), 1u32..=100_000],
        discount_pct in rate(Decimal::ZERO, Decimal::ONE_HUNDRED),
        life in prop_oneof![Just(1u32), Just(MAX_LIFE_YEARS), 1..=MAX_LIFE_YEARS],
        warranty_share in 0u32..=100,
        escalation in rate(Decimal::new(-4_999_999, 7), Decimal::new(5, 1)),
        annual_uses in bounded(1_000_000_000),
        power_watts in bounded(1_000_000),
        hours_per_year in bounded(8784),
    ) -> CostModel {
        CostModel {
            unit_price: amounts[0],
            quantity,
            discount_pct,
            // At most the purchase after discount, which the validator requires.
            trade_in_credit: amounts[1].min(amounts[0] * Decimal::from(quantity) * (Decimal::ONE - discount_pct / Decimal::ONE_HUNDRED)).trunc(),
            installation: amounts[2],
            it_integration: amounts[3],
            training: amounts[4],
            warranty_years: life * warranty_share / 100,
            service_annual: amounts[5],
            service_escalation: escalation,
            cost_per_use: amounts[6],
            annual_uses,
            power_watts,
            hours_per_year,
            tariff_per_kwh: amounts[7],
            software_annual: amounts[8],
            staffing_annual: amounts[9],
            expected_life_years: life,
            disposal: amounts[10],
            residual_value: amounts[11],
        }
    }
}

prop_compose! {
    fn assumptions()(
        // Just above the bound, and the bound itself (refused).
        discount_rate in prop_oneof![
            Just(MIN_DISCOUNT_RATE),
            rate(MIN_DISCOUNT_RATE + Decimal::new(1, 7), Decimal::ONE),
        ],
        inflation in rate(Decimal::new(-4_999_999, 7), Decimal::new(5, 1)),
    ) -> Assumptions {
        Assumptions {
            discount_rate,
            inflation,
            currency: Currency::usd(),
            fiscal_year_start_month: 7,
            purchase_date: chrono::NaiveDate::from_ymd_opt(2026, 9, 15),
        }
    }
}

/// A criterion value: zero, the edges of the accepted magnitudes, anything between on a
/// logarithmic scale, either sign; now and then one just beyond the edges.
fn value() -> impl Strategy<Value = f64> {
    let magnitude = prop_oneof![
        4 => Just(0.0),
        4 => Just(MAX_VALUE),
        4 => Just(MIN_VALUE),
        20 => (-100.0f64..=100.0).prop_map(|e| 10f64.powf(e).clamp(MIN_VALUE, MAX_VALUE)),
        20 => 0.0f64..100.0,
        1 => Just(1e308),
        1 => Just(f64::MAX),
        1 => Just(5e-324),
    ];
    (magnitude, any::<bool>()).prop_map(|(m, negative)| if negative { -m } else { m })
}

fn normalization() -> impl Strategy<Value = Option<Normalization>> {
    prop_oneof![
        Just(None),
        Just(Some(Normalization::MinMax)),
        Just(Some(Normalization::LinearMax)),
        Just(Some(Normalization::Sum)),
        Just(Some(Normalization::Vector)),
        Just(Some(Normalization::None)),
    ]
}

fn weight() -> impl Strategy<Value = f64> {
    prop_oneof![
        5 => Just(0.0),
        5 => Just(1e6),
        30 => 0.0f64..=1e6,
        1 => Just(f64::NAN),
        1 => Just(f64::INFINITY),
    ]
}

prop_compose! {
    fn problem()(
        topsis in any::<bool>(),
        normalization in normalization(),
        criteria in proptest::collection::vec((weight(), any::<bool>()), 1..=4),
        rows in proptest::collection::vec(proptest::collection::vec(value(), 4), 2..5),
    ) -> DecisionProblem {
        // Shaped to pass the checks that do not concern magnitudes: vector normalisation
        // for TOPSIS only, `none` for benefit criteria only, positive values to divide by.
        let how = normalization.unwrap_or(Normalization::MinMax);
        let topsis = topsis || how == Normalization::Vector;
        let positive = matches!(how, Normalization::LinearMax | Normalization::Sum);
        let rows: Vec<Vec<f64>> = rows
            .iter()
            .map(|row| {
                row.iter()
                    .map(|v| if positive { v.abs().max(MIN_VALUE) } else { *v })
                    .collect()
            })
            .collect();
        let criteria: Vec<(f64, bool)> = criteria
            .iter()
            .map(|(w, benefit)| (*w, *benefit || how == Normalization::None))
            .collect();
        DecisionProblem {
            method: if topsis { Method::Topsis } else { Method::WeightedSum },
            normalization,
            criteria: criteria
                .iter()
                .enumerate()
                .map(|(j, (weight, benefit))| ProblemCriterion {
                    id: format!("c{j}"),
                    name: None,
                    weight: *weight,
                    direction: if *benefit { Direction::Benefit } else { Direction::Cost },
                    scale: None,
                    reference: None,
                })
                .collect(),
            alternatives: rows
                .iter()
                .enumerate()
                .map(|(i, row)| Alternative {
                    id: format!("a{i}"),
                    name: None,
                    values: (0..criteria.len())
                        .map(|j| (format!("c{j}"), Some(row[j])))
                        .collect(),
                    ranges: Default::default(),
                })
                .collect(),
        }
    }
}

/// No number in a result's debug form is NaN or infinite.
fn all_finite(debug: &str) -> bool {
    debug
        .split(|c: char| !c.is_ascii_alphanumeric())
        .all(|token| token != "NaN" && token != "inf")
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(200))]

    #[test]
    fn lifecycle_cost_answers_anything_in_range(model in cost_model(), a in assumptions()) {
        let result = lifecycle_cost(&model, &a);
        prop_assert!(answered(&result), "{result:?}");
        if a.discount_rate <= MIN_DISCOUNT_RATE {
            let err = result.unwrap_err();
            prop_assert_eq!(err.field(), Some("discount_rate"));
        } else if let Ok(lc) = result {
            prop_assert_eq!(lc.schedule.len() as u32, model.expected_life_years + 1);
            let sum = lc.schedule.iter().try_fold(Decimal::ZERO, |s, y| s.checked_add(y.total));
            prop_assert_eq!(Some(lc.nominal_total), sum);
        }
    }

    #[test]
    fn rankings_answer_anything_and_score_finitely(problem in problem()) {
        let result = rank(&problem);
        prop_assert!(answered(&result), "{result:?}");
        if let Ok(ranking) = result {
            for a in &ranking.alternatives {
                let score = a.score.unwrap();
                prop_assert!(score.is_finite(), "{a:?}");
                prop_assert!(a.normalized.values().chain(a.contributions.values()).all(|v| v.is_finite()), "{a:?}");
            }
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(40))]

    #[test]
    fn sensitivity_answers_anything_and_stays_finite(
        problem in problem(),
        sd in prop_oneof![Just(0.0), Just(MAX_VALUE), 0.0f64..10.0],
    ) {
        let mut value_sd = BTreeMap::new();
        if problem.method == Method::WeightedSum {
            value_sd.insert("a0".to_string(), [("c0".to_string(), sd)].into_iter().collect());
        }
        let options = SensitivityOptions {
            samples: 300,
            sweep_steps: 10,
            value_sd,
            ..SensitivityOptions::default()
        };
        let result = sensitivity(&problem, &options, &|_, _| {}, &AtomicBool::new(false));
        prop_assert!(answered(&result), "{result:?}");
        if let Ok(r) = result {
            let debug = format!("{r:?}");
            prop_assert!(all_finite(&debug), "{debug}");
        }
    }
}

/// A lifecycle cost as a criterion value: every EAC the engine computes ranks finitely.
#[test]
fn the_largest_costs_rank_finitely() {
    let eacs = [
        Decimal::MAX,
        Decimal::MIN,
        Decimal::new(1, 28),
        Decimal::ZERO,
    ];
    let values: Vec<f64> = eacs.iter().map(|d| d.to_f64().unwrap()).collect();
    let problem = DecisionProblem {
        method: Method::WeightedSum,
        normalization: None,
        criteria: vec![ProblemCriterion {
            id: "cost".into(),
            name: None,
            weight: 1.0,
            direction: Direction::Cost,
            scale: None,
            reference: None,
        }],
        alternatives: values
            .iter()
            .enumerate()
            .map(|(i, v)| Alternative {
                id: format!("a{i}"),
                name: None,
                values: [("cost".to_string(), Some(*v))].into_iter().collect(),
                ranges: Default::default(),
            })
            .collect(),
    };
    let ranking = rank(&problem).unwrap();
    assert!(ranking
        .alternatives
        .iter()
        .all(|a| a.score.unwrap().is_finite()));
}
