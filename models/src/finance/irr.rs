//! IRR and MIRR.
//!
//! IRR is the rate at which the NPV of the flows (the first at time 0) is zero. A list of
//! flows may have no such rate, or several: [`irr`] says which, and never returns one rate
//! when it found more than one.

use rust_decimal::{Decimal, RoundingStrategy};
use serde::{Deserialize, Serialize};

use super::math::{exp, ln, powi};
use super::tvm::npv;
use super::{check_rate, FinanceError, FinanceResult};

/// IRR is refined until a Newton step moves the rate less than 10^-18, then rounded to
/// this many decimal places.
pub const IRR_DECIMALS: u32 = 10;

/// Why the flows have no IRR.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum NoIrr {
    /// All flows have one sign (or are zero): no rate makes the NPV zero.
    NoSignChange,
    /// The flows change sign but the NPV crosses zero nowhere between -99 % and 1,000 %.
    NoRoot,
}

/// The outcome of [`irr`].
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "outcome", rename_all = "snake_case")]
pub enum Irr {
    /// One rate, rounded to [`IRR_DECIMALS`] places.
    Rate { rate: Decimal },
    /// No rate.
    None { reason: NoIrr },
    /// The flows change sign more than once and the NPV is zero at each of these rates
    /// (ascending): no single IRR describes them.
    Multiple { rates: Vec<Decimal> },
}

/// The rates scanned for a sign change of the NPV: -99 % to 100 % by 1 %, then to 1,000 %
/// by 10 %. Two roots closer than one step may be missed as a pair (the NPV does not
/// change sign between them).
fn scan_grid() -> Vec<Decimal> {
    let fine = (-99..=100).map(|p| Decimal::new(p, 2));
    let coarse = (11..=100).map(|p| Decimal::new(p, 1));
    fine.chain(coarse).collect()
}

/// d NPV / d r = Σ -t · c_t / (1 + r)^(t+1).
fn npv_slope(rate: Decimal, values: &[Decimal]) -> Option<Decimal> {
    let growth = Decimal::ONE.checked_add(rate)?;
    let mut factor = growth;
    let mut total = Decimal::ZERO;
    for (t, c) in values.iter().enumerate().skip(1) {
        factor = factor.checked_mul(growth)?;
        let term = c.checked_mul(Decimal::from(t))?.checked_div(factor)?;
        total = total.checked_sub(term)?;
    }
    Some(total)
}

/// The root of the NPV in `[lo, hi]` (opposite signs at the ends): Newton steps from the
/// middle, a bisection whenever a step would leave the bracket.
fn refine(
    values: &[Decimal],
    mut lo: Decimal,
    mut hi: Decimal,
    mut f_lo: Decimal,
) -> Option<Decimal> {
    let tolerance = Decimal::new(1, 18);
    let mut x = (lo + hi) / Decimal::TWO;
    for _ in 0..300 {
        let fx = npv(x, values)?;
        if fx.is_zero() {
            return Some(x);
        }
        if fx.is_sign_negative() == f_lo.is_sign_negative() {
            lo = x;
            f_lo = fx;
        } else {
            hi = x;
        }
        let newton = npv_slope(x, values)
            .filter(|d| !d.is_zero())
            .and_then(|d| fx.checked_div(d))
            .map(|step| x - step)
            .filter(|n| *n > lo && *n < hi);
        let next = newton.unwrap_or((lo + hi) / Decimal::TWO);
        if (next - x).abs() < tolerance || hi - lo < tolerance {
            return Some(next);
        }
        x = next;
    }
    Some(x)
}

/// Every rate in `grid`'s span where the NPV of `values` crosses zero, ascending and
/// rounded to [`IRR_DECIMALS`] places. Rates where the NPV leaves `Decimal`'s range are
/// skipped.
pub(crate) fn npv_roots(values: &[Decimal], grid: &[Decimal]) -> Vec<Decimal> {
    let mut roots: Vec<Decimal> = Vec::new();
    let mut previous: Option<(Decimal, Decimal)> = None;
    for &r in grid {
        let Some(f) = npv(r, values) else {
            previous = None;
            continue;
        };
        if f.is_zero() {
            roots.push(r);
        } else if let Some((pr, pf)) = previous {
            if !pf.is_zero() && pf.is_sign_negative() != f.is_sign_negative() {
                if let Some(root) = refine(values, pr, r, pf) {
                    roots.push(root);
                }
            }
        }
        previous = Some((r, f));
    }
    let mut rounded: Vec<Decimal> = roots
        .into_iter()
        .map(|r| {
            r.round_dp_with_strategy(IRR_DECIMALS, RoundingStrategy::MidpointAwayFromZero)
                .normalize()
        })
        .collect();
    rounded.sort();
    rounded.dedup();
    rounded
}

fn sign_changes(values: &[Decimal]) -> usize {
    let signs: Vec<bool> = values
        .iter()
        .filter(|v| !v.is_zero())
        .map(|v| v.is_sign_negative())
        .collect();
    signs.windows(2).filter(|w| w[0] != w[1]).count()
}

/// Excel's `IRR(values)` and numpy-financial's `irr(values)` (the first value at time 0):
/// the rate at which the NPV of `values` is zero, searched from -99 % to 1,000 %.
pub fn irr(values: &[Decimal]) -> FinanceResult<Irr> {
    if values.is_empty() {
        return Err(FinanceError::EmptyFlows {
            field: "values".into(),
        });
    }
    if sign_changes(values) == 0 {
        return Ok(Irr::None {
            reason: NoIrr::NoSignChange,
        });
    }
    let mut roots = npv_roots(values, &scan_grid());
    Ok(match roots.len() {
        0 => Irr::None {
            reason: NoIrr::NoRoot,
        },
        1 => Irr::Rate {
            rate: roots.remove(0),
        },
        _ => Irr::Multiple { rates: roots },
    })
}

/// Excel's `MIRR(values, finance_rate, reinvest_rate)`, numpy-financial's `mirr`: the
/// positive flows compounded to the last period at `reinvest_rate`, the negative ones
/// discounted to time 0 at `finance_rate`, and the rate that joins them over `n - 1`
/// periods: `(FV(positives) / -PV(negatives))^(1/(n-1)) - 1`.
pub fn mirr(
    values: &[Decimal],
    finance_rate: Decimal,
    reinvest_rate: Decimal,
) -> FinanceResult<Decimal> {
    check_rate("finance_rate", finance_rate)?;
    check_rate("reinvest_rate", reinvest_rate)?;
    if values.is_empty() {
        return Err(FinanceError::EmptyFlows {
            field: "values".into(),
        });
    }
    let has = |negative: bool| {
        values
            .iter()
            .any(|v| !v.is_zero() && v.is_sign_negative() == negative)
    };
    if values.len() < 2 || !has(true) || !has(false) {
        return Err(FinanceError::invalid(
            "values",
            "MIRR needs at least one positive and one negative value",
        ));
    }
    let overflow = || FinanceError::overflow("values");
    let last = values.len() - 1;
    let mut grown = Decimal::ZERO;
    let mut discounted = Decimal::ZERO;
    for (t, v) in values.iter().enumerate() {
        if *v > Decimal::ZERO {
            let factor =
                powi(Decimal::ONE + reinvest_rate, (last - t) as i64).ok_or_else(overflow)?;
            grown = v
                .checked_mul(factor)
                .and_then(|x| grown.checked_add(x))
                .ok_or_else(overflow)?;
        } else if *v < Decimal::ZERO {
            let factor = powi(Decimal::ONE + finance_rate, t as i64).ok_or_else(overflow)?;
            discounted = v
                .checked_div(factor)
                .and_then(|x| discounted.checked_add(x))
                .ok_or_else(overflow)?;
        }
    }
    let ratio = grown.checked_div(-discounted).ok_or_else(overflow)?;
    let root = ln(ratio)
        .and_then(|l| l.checked_div(Decimal::from(last)))
        .and_then(exp)
        .ok_or_else(overflow)?;
    Ok(root - Decimal::ONE)
}

#[cfg(test)]
mod tests {
    use super::*;
    use rust_decimal_macros::dec;

    fn rate_of(outcome: Irr) -> Decimal {
        match outcome {
            Irr::Rate { rate } => rate,
            other => panic!("expected one rate, got {other:?}"),
        }
    }

    fn round(d: Decimal, dp: u32) -> Decimal {
        d.round_dp_with_strategy(dp, RoundingStrategy::MidpointAwayFromZero)
    }

    /// Microsoft Support, "IRR function" (Excel): -70,000 then 12,000, 15,000, 18,000,
    /// 21,000, 26,000: =IRR(A2:A6) = -2.1 %, =IRR(A2:A7) = 8.7 %, =IRR(A2:A4, -10%) = -44.4 %.
    #[test]
    fn excel_irr_examples() {
        let flows = [
            dec!(-70000),
            dec!(12000),
            dec!(15000),
            dec!(18000),
            dec!(21000),
            dec!(26000),
        ];
        assert_eq!(round(rate_of(irr(&flows[..5]).unwrap()), 3), dec!(-0.021));
        assert_eq!(round(rate_of(irr(&flows).unwrap()), 3), dec!(0.087));
        assert_eq!(round(rate_of(irr(&flows[..3]).unwrap()), 3), dec!(-0.444));
    }

    /// numpy-financial `irr` docstring: round(irr([-100, 39, 59, 55, 20]), 5) = 0.28095,
    /// [-100, 0, 0, 74] -> -0.0955, [-100, 100, 0, 7] -> 0.06206, and [-100, 100, 0, -7]
    /// -> -0.0833, a flow with two sign changes whose NPV is also zero near -68 %: Caliper
    /// reports both rates instead of choosing one.
    #[test]
    fn numpy_irr_examples() {
        let d = |v: &[i64]| v.iter().map(|x| Decimal::from(*x)).collect::<Vec<_>>();
        assert_eq!(
            round(rate_of(irr(&d(&[-100, 39, 59, 55, 20])).unwrap()), 5),
            dec!(0.28095)
        );
        assert_eq!(
            round(rate_of(irr(&d(&[-100, 0, 0, 74])).unwrap()), 4),
            dec!(-0.0955)
        );
        assert_eq!(
            round(rate_of(irr(&d(&[-100, 100, 0, 7])).unwrap()), 5),
            dec!(0.06206)
        );
        match irr(&d(&[-100, 100, 0, -7])).unwrap() {
            Irr::Multiple { rates } => {
                assert_eq!(rates.len(), 2, "{rates:?}");
                assert_eq!(round(rates[1], 4), dec!(-0.0833));
                assert!(rates[0] < dec!(-0.6) && rates[0] > dec!(-0.7), "{rates:?}");
                for r in rates {
                    assert!(npv(r, &d(&[-100, 100, 0, -7])).unwrap().abs() < dec!(1e-6));
                }
            }
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn no_irr_is_said() {
        let d = |v: &[i64]| v.iter().map(|x| Decimal::from(*x)).collect::<Vec<_>>();
        assert_eq!(
            irr(&d(&[100, 50, 0])).unwrap(),
            Irr::None {
                reason: NoIrr::NoSignChange
            }
        );
        // NPV = -100 + 10/(1+r) - ...: two sign changes, but the NPV stays negative.
        assert_eq!(
            irr(&d(&[-100, 60, -100])).unwrap(),
            Irr::None {
                reason: NoIrr::NoRoot
            }
        );
        assert!(matches!(irr(&[]), Err(FinanceError::EmptyFlows { .. })));
        // The rate found makes the NPV zero.
        let flows = d(&[-1000, 300, 400, 500]);
        let r = rate_of(irr(&flows).unwrap());
        assert!(npv(r, &flows).unwrap().abs() < dec!(0.000001));
    }

    /// Microsoft Support, "MIRR function" (Excel): -120,000 then 39,000, 30,000, 21,000,
    /// 37,000, 46,000 at 10 % finance and 12 % reinvest: 13 % (five years), -5 % (three
    /// years), 13 % at 14 % reinvest (the page shows whole percents; 12.61 %, -4.80 %,
    /// 13.48 %). numpy-financial `mirr` docstring: mirr([-100, 50, -60, 70], 0.10, 0.12)
    /// = -0.03909366594356467, and all-negative flows have none.
    #[test]
    fn mirr_published_examples() {
        let flows = [
            dec!(-120000),
            dec!(39000),
            dec!(30000),
            dec!(21000),
            dec!(37000),
            dec!(46000),
        ];
        let five = mirr(&flows, dec!(0.1), dec!(0.12)).unwrap();
        assert_eq!(round(five, 2), dec!(0.13));
        assert_eq!(round(five, 4), dec!(0.1261));
        let three = mirr(&flows[..4], dec!(0.1), dec!(0.12)).unwrap();
        assert_eq!(round(three, 2), dec!(-0.05));
        assert_eq!(round(three, 4), dec!(-0.0480));
        let fourteen = mirr(&flows, dec!(0.1), dec!(0.14)).unwrap();
        assert_eq!(round(fourteen, 2), dec!(0.13));
        assert_eq!(round(fourteen, 4), dec!(0.1348));
        let numpy = mirr(
            &[dec!(-100), dec!(50), dec!(-60), dec!(70)],
            dec!(0.10),
            dec!(0.12),
        )
        .unwrap();
        assert_eq!(round(numpy, 15), dec!(-0.039093665943565));
        let err = mirr(&[dec!(-100), dec!(-50)], dec!(0.1), dec!(0.12)).unwrap_err();
        assert_eq!(err.field(), "values");
        assert_eq!(
            mirr(&flows, dec!(-1), dec!(0.1)).unwrap_err().field(),
            "finance_rate"
        );
    }
}
