//! Payback (simple and discounted) and return on investment.

use rust_decimal::{Decimal, RoundingStrategy};
use serde::{Deserialize, Serialize};

use super::math::powi;
use super::{check_rate, FinanceError, FinanceResult};

/// How long the flows take to repay the outlay.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "outcome", rename_all = "snake_case")]
pub enum Payback {
    /// Years from time 0, to 6 decimal places, interpolated linearly within the year the
    /// cumulative flow turns non-negative.
    Years { years: Decimal },
    /// The cumulative flow is still negative at the end of the horizon.
    Never,
}

fn payback_of(flows: &[Decimal]) -> Payback {
    let mut cumulative = Decimal::ZERO;
    for (t, flow) in flows.iter().enumerate() {
        let before = cumulative;
        cumulative += flow;
        if cumulative >= Decimal::ZERO {
            let years = if t == 0 || before >= Decimal::ZERO {
                Decimal::from(t)
            } else {
                Decimal::from(t - 1) + (-before) / flow
            };
            return Payback::Years {
                years: years.round_dp_with_strategy(6, RoundingStrategy::MidpointAwayFromZero),
            };
        }
    }
    Payback::Never
}

fn check_flows(values: &[Decimal]) -> FinanceResult<()> {
    if values.is_empty() {
        return Err(FinanceError::EmptyFlows {
            field: "values".into(),
        });
    }
    values
        .iter()
        .try_fold(Decimal::ZERO, |acc, v| acc.checked_add(*v))
        .ok_or_else(|| FinanceError::overflow("values"))?;
    Ok(())
}

/// Simple payback: the first value at time 0 (the outlay, negative), then one value per
/// year; the time at which the cumulative flow first reaches zero.
pub fn payback(values: &[Decimal]) -> FinanceResult<Payback> {
    check_flows(values)?;
    Ok(payback_of(values))
}

/// Discounted payback: as [`payback`], each value discounted to time 0 at `rate` first.
pub fn discounted_payback(rate: Decimal, values: &[Decimal]) -> FinanceResult<Payback> {
    check_rate("rate", rate)?;
    check_flows(values)?;
    let discounted = values
        .iter()
        .enumerate()
        .map(|(t, v)| powi(Decimal::ONE + rate, t as i64).and_then(|f| v.checked_div(f)))
        .collect::<Option<Vec<Decimal>>>()
        .ok_or_else(|| FinanceError::overflow("values"))?;
    Ok(payback_of(&discounted))
}

/// Return on investment: `(gain - cost) / cost`, a ratio (0.25 is 25 %).
pub fn roi(gain: Decimal, cost: Decimal) -> FinanceResult<Decimal> {
    if cost <= Decimal::ZERO {
        return Err(FinanceError::invalid(
            "cost",
            format!("{cost} is not above zero"),
        ));
    }
    gain.checked_sub(cost)
        .and_then(|g| g.checked_div(cost))
        .ok_or_else(|| FinanceError::overflow("gain"))
}

#[cfg(test)]
mod tests {
    use super::*;
    use rust_decimal_macros::dec;

    #[test]
    fn payback_interpolates_within_the_year() {
        let flows = [dec!(-1000), dec!(400), dec!(400), dec!(400)];
        assert_eq!(payback(&flows), Ok(Payback::Years { years: dec!(2.5) }));
        assert_eq!(payback(&[dec!(-1000), dec!(100)]), Ok(Payback::Never));
        assert_eq!(
            payback(&[dec!(0), dec!(100)]),
            Ok(Payback::Years { years: dec!(0) })
        );
        assert!(matches!(payback(&[]), Err(FinanceError::EmptyFlows { .. })));
    }

    #[test]
    fn discounted_payback_is_later() {
        // At 10 %: -1000, 363.64, 330.58, 300.53, 273.21 -> cumulative -5.25 after year 3,
        // so 3 + 5.25 / 273.21 years.
        let flows = [dec!(-1000), dec!(400), dec!(400), dec!(400), dec!(400)];
        let Payback::Years { years } = discounted_payback(dec!(0.1), &flows).unwrap() else {
            panic!("never")
        };
        assert!(years > dec!(3.019) && years < dec!(3.020), "{years}");
        assert_eq!(discounted_payback(dec!(0.5), &flows), Ok(Payback::Never));
        assert_eq!(
            discounted_payback(dec!(-1), &flows).unwrap_err().field(),
            "rate"
        );
    }

    #[test]
    fn roi_is_a_ratio() {
        assert_eq!(roi(dec!(125000), dec!(100000)), Ok(dec!(0.25)));
        assert_eq!(roi(dec!(1), dec!(0)).unwrap_err().field(), "cost");
    }
}
