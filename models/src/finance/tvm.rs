//! Time value of money: NPV (both conventions), PV, FV, PMT, NPER.
//!
//! Sign convention of the spreadsheets: money paid out is negative, money received is
//! positive, so `PMT` of a loan received (`pv > 0`) is negative. All five solve
//! `fv + pv·(1+r)^n + pmt·(1 + r·when)·((1+r)^n - 1)/r = 0` (or `fv + pv + pmt·n = 0`
//! when `r = 0`) for one unknown, as Excel and numpy-financial do.

use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use super::math::{ln, powd};
use super::{check_rate, FinanceError, FinanceResult, When};

/// Which cash flow NPV leaves undiscounted.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum NpvConvention {
    /// Excel's `NPV(rate, value1, ...)`: the first value falls at the end of period 1.
    Excel,
    /// numpy-financial's `npv(rate, values)`: the first value falls at time 0.
    Numpy,
}

/// Net present value with the first flow at time 0 (undiscounted):
/// `Σ c_t / (1 + r)^t` for t = 0, 1, ... `None` when a term overflows `Decimal` or the
/// discount factor underflows to zero (a rate near -100 % over many periods).
pub fn npv(rate: Decimal, cashflows: &[Decimal]) -> Option<Decimal> {
    let growth = Decimal::ONE.checked_add(rate)?;
    let mut factor = Decimal::ONE;
    let mut total = Decimal::ZERO;
    for (t, c) in cashflows.iter().enumerate() {
        if t > 0 {
            factor = factor.checked_mul(growth)?;
        }
        total = total.checked_add(c.checked_div(factor)?)?;
    }
    Some(total)
}

/// Excel's `NPV(rate, v1, v2, ...)`: discounts the first value one full period
/// (`Σ v_i / (1 + r)^i` for i = 1, 2, ...). Equal to `npv(rate, [0, v1, v2, ...])`.
pub fn npv_excel(rate: Decimal, values: &[Decimal]) -> Option<Decimal> {
    npv(rate, values)?.checked_div(Decimal::ONE.checked_add(rate)?)
}

/// NPV in the `convention` named, with its arguments checked: a rate above -100 % and at
/// least one value.
pub fn net_present_value(
    rate: Decimal,
    values: &[Decimal],
    convention: NpvConvention,
) -> FinanceResult<Decimal> {
    check_rate("rate", rate)?;
    if values.is_empty() {
        return Err(FinanceError::EmptyFlows {
            field: "values".into(),
        });
    }
    match convention {
        NpvConvention::Excel => npv_excel(rate, values),
        NpvConvention::Numpy => npv(rate, values),
    }
    .ok_or_else(|| FinanceError::overflow("values"))
}

/// `(1 + rate)^nper` and `(1 + rate·when)`, the two factors of every annuity formula.
fn factors(rate: Decimal, nper: Decimal, when: When) -> FinanceResult<(Decimal, Decimal)> {
    check_rate("rate", rate)?;
    let growth = powd(Decimal::ONE + rate, nper).ok_or_else(|| FinanceError::overflow("nper"))?;
    let timing = Decimal::ONE + rate * when.factor();
    Ok((growth, timing))
}

fn ovf(field: &'static str) -> impl FnOnce() -> FinanceError {
    move || FinanceError::overflow(field)
}

/// Excel's `PV(rate, nper, pmt, [fv], [type])`, numpy's `pv`: the present value of `nper`
/// payments of `pmt` and a final `fv`.
pub fn pv(
    rate: Decimal,
    nper: Decimal,
    pmt: Decimal,
    fv: Decimal,
    when: When,
) -> FinanceResult<Decimal> {
    let (growth, timing) = factors(rate, nper, when)?;
    if rate.is_zero() {
        let paid = pmt.checked_mul(nper).ok_or_else(ovf("pmt"))?;
        return Ok(-(fv.checked_add(paid).ok_or_else(ovf("fv"))?));
    }
    let annuity = (|| {
        let a = pmt
            .checked_mul(timing)?
            .checked_mul(growth - Decimal::ONE)?
            .checked_div(rate)?;
        fv.checked_add(a)?.checked_div(growth)
    })();
    annuity.map(|v| -v).ok_or_else(ovf("pv"))
}

/// Excel's `FV(rate, nper, pmt, [pv], [type])`, numpy's `fv`: the value after `nper`
/// periods of `pv` and the payments.
pub fn fv(
    rate: Decimal,
    nper: Decimal,
    pmt: Decimal,
    pv: Decimal,
    when: When,
) -> FinanceResult<Decimal> {
    let (growth, timing) = factors(rate, nper, when)?;
    if rate.is_zero() {
        let paid = pmt.checked_mul(nper).ok_or_else(ovf("pmt"))?;
        return Ok(-(pv.checked_add(paid).ok_or_else(ovf("pv"))?));
    }
    let value = (|| {
        let grown = pv.checked_mul(growth)?;
        let a = pmt
            .checked_mul(timing)?
            .checked_mul(growth - Decimal::ONE)?
            .checked_div(rate)?;
        grown.checked_add(a)
    })();
    value.map(|v| -v).ok_or_else(ovf("fv"))
}

/// Excel's `PMT(rate, nper, pv, [fv], [type])`, numpy's `pmt`: the level payment that takes
/// `pv` to `fv` in `nper` periods.
pub fn pmt(
    rate: Decimal,
    nper: Decimal,
    pv: Decimal,
    fv: Decimal,
    when: When,
) -> FinanceResult<Decimal> {
    if nper.is_zero() {
        return Err(FinanceError::invalid(
            "nper",
            "no payment spreads over zero periods",
        ));
    }
    let (growth, timing) = factors(rate, nper, when)?;
    if rate.is_zero() {
        let total = pv.checked_add(fv).ok_or_else(ovf("pv"))?;
        return total.checked_div(nper).map(|v| -v).ok_or_else(ovf("pmt"));
    }
    let value = (|| {
        let owed = fv.checked_add(pv.checked_mul(growth)?)?;
        let per = timing
            .checked_mul(growth - Decimal::ONE)?
            .checked_div(rate)?;
        owed.checked_div(per)
    })();
    value.map(|v| -v).ok_or_else(ovf("pmt"))
}

/// Excel's `NPER(rate, pmt, pv, [fv], [type])`, numpy's `nper`: how many periods of `pmt`
/// take `pv` to `fv` (a fraction when the last period is partial; negative when the
/// arithmetic says so, as Excel's third example). Refused when no count does.
pub fn nper(
    rate: Decimal,
    pmt: Decimal,
    pv: Decimal,
    fv: Decimal,
    when: When,
) -> FinanceResult<Decimal> {
    check_rate("rate", rate)?;
    let no_count = || {
        FinanceError::invalid(
            "pmt",
            "no number of periods of this payment takes pv to fv at this rate",
        )
    };
    if rate.is_zero() {
        if pmt.is_zero() {
            return Err(no_count());
        }
        let total = pv.checked_add(fv).ok_or_else(ovf("pv"))?;
        return total.checked_div(pmt).map(|v| -v).ok_or_else(ovf("nper"));
    }
    let z = pmt
        .checked_mul(Decimal::ONE + rate * when.factor())
        .and_then(|v| v.checked_div(rate))
        .ok_or_else(ovf("pmt"))?;
    let denominator = pv.checked_add(z).ok_or_else(ovf("pv"))?;
    if denominator.is_zero() {
        return Err(no_count());
    }
    let ratio = z
        .checked_sub(fv)
        .and_then(|n| n.checked_div(denominator))
        .ok_or_else(ovf("nper"))?;
    if ratio <= Decimal::ZERO {
        return Err(no_count());
    }
    let growth = ln(Decimal::ONE + rate).ok_or_else(ovf("rate"))?;
    if growth.is_zero() {
        return Err(no_count());
    }
    ln(ratio)
        .and_then(|l| l.checked_div(growth))
        .ok_or_else(ovf("nper"))
}

#[cfg(test)]
mod tests {
    use super::*;
    use rust_decimal::RoundingStrategy;
    use rust_decimal_macros::dec;

    fn round(d: Decimal, dp: u32) -> Decimal {
        d.round_dp_with_strategy(dp, RoundingStrategy::MidpointAwayFromZero)
    }

    /// Microsoft Support, "NPV function" (Excel), example 1: =NPV(10%, -10000, 3000, 4200,
    /// 6800) = $1,188.44; numpy-financial `npv` docstring: npv(0.08, [-40000, 5000, 8000,
    /// 12000, 30000]) = 3065.22267 (rounded to 5 decimals).
    #[test]
    fn npv_in_both_conventions() {
        let flows = [dec!(-10000), dec!(3000), dec!(4200), dec!(6800)];
        let excel = net_present_value(dec!(0.1), &flows, NpvConvention::Excel).unwrap();
        assert_eq!(round(excel, 2), dec!(1188.44));
        let numpy_flows = [
            dec!(-40000),
            dec!(5000),
            dec!(8000),
            dec!(12000),
            dec!(30000),
        ];
        let numpy = net_present_value(dec!(0.08), &numpy_flows, NpvConvention::Numpy).unwrap();
        assert_eq!(round(numpy, 5), dec!(3065.22267));
        assert_eq!(
            net_present_value(dec!(-1), &flows, NpvConvention::Excel)
                .unwrap_err()
                .field(),
            "rate"
        );
        assert_eq!(
            net_present_value(dec!(0.1), &[], NpvConvention::Numpy),
            Err(FinanceError::EmptyFlows {
                field: "values".into()
            })
        );
    }

    /// Microsoft Support, "PMT function" (Excel): =PMT(8%/12, 10, 10000) = ($1,037.03) and
    /// with type 1 ($1,030.16); numpy-financial `pmt` docstring: pmt(0.075/12, 12*15, 200000)
    /// = -1854.0247200054619.
    #[test]
    fn pmt_published_examples() {
        let r = dec!(0.08) / dec!(12);
        assert_eq!(
            round(
                pmt(r, dec!(10), dec!(10000), dec!(0), When::End).unwrap(),
                2
            ),
            dec!(-1037.03)
        );
        assert_eq!(
            round(
                pmt(r, dec!(10), dec!(10000), dec!(0), When::Begin).unwrap(),
                2
            ),
            dec!(-1030.16)
        );
        let got = pmt(
            dec!(0.075) / dec!(12),
            dec!(180),
            dec!(200000),
            dec!(0),
            When::End,
        )
        .unwrap();
        assert_eq!(round(got, 10), dec!(-1854.0247200055));
        assert_eq!(
            pmt(dec!(0), dec!(4), dec!(1000), dec!(0), When::End),
            Ok(dec!(-250))
        );
        assert_eq!(
            pmt(r, dec!(0), dec!(1), dec!(0), When::End)
                .unwrap_err()
                .field(),
            "nper"
        );
    }

    /// Microsoft Support, "PV function" (Excel): =PV(0.08/12, 12*20, 500, , 0) = ($59,777.15);
    /// numpy-financial `pv` docstring: pv(0.05/12, 10*12, -100, 15692.93) = -100.00067131625819.
    #[test]
    fn pv_published_examples() {
        let got = pv(
            dec!(0.08) / dec!(12),
            dec!(240),
            dec!(500),
            dec!(0),
            When::End,
        )
        .unwrap();
        assert_eq!(round(got, 2), dec!(-59777.15));
        let got = pv(
            dec!(0.05) / dec!(12),
            dec!(120),
            dec!(-100),
            dec!(15692.93),
            When::End,
        )
        .unwrap();
        // To 8 decimals: the published figure is a double, good to about 1e-11 here.
        assert_eq!(round(got, 8), dec!(-100.00067132));
    }

    /// numpy-financial `fv` docstring: fv(0.05/12, 10*12, -100, -100) = 15692.92889433575;
    /// Microsoft's FV example: =FV(6%/12, 10, -200, -500, 1) = $2,581.40.
    #[test]
    fn fv_published_examples() {
        let got = fv(
            dec!(0.05) / dec!(12),
            dec!(120),
            dec!(-100),
            dec!(-100),
            When::End,
        )
        .unwrap();
        assert_eq!(round(got, 8), dec!(15692.92889434));
        let got = fv(
            dec!(0.06) / dec!(12),
            dec!(10),
            dec!(-200),
            dec!(-500),
            When::Begin,
        )
        .unwrap();
        assert_eq!(round(got, 2), dec!(2581.40));
        assert_eq!(
            fv(dec!(0), dec!(3), dec!(-10), dec!(-5), When::End),
            Ok(dec!(35))
        );
    }

    /// Microsoft Support, "NPER function" (Excel): 59.6738657, 60.0821229, -9.57859404;
    /// numpy-financial `nper` docstring: round(nper(0.07/12, -150, 8000), 5) = 64.07335.
    #[test]
    fn nper_published_examples() {
        let r = dec!(0.12) / dec!(12);
        let begin = nper(r, dec!(-100), dec!(-1000), dec!(10000), When::Begin).unwrap();
        assert_eq!(round(begin, 7), dec!(59.6738657));
        let end = nper(r, dec!(-100), dec!(-1000), dec!(10000), When::End).unwrap();
        assert_eq!(round(end, 7), dec!(60.0821229));
        let no_fv = nper(r, dec!(-100), dec!(-1000), dec!(0), When::End).unwrap();
        assert_eq!(round(no_fv, 8), dec!(-9.57859404));
        let loan = nper(
            dec!(0.07) / dec!(12),
            dec!(-150),
            dec!(8000),
            dec!(0),
            When::End,
        )
        .unwrap();
        assert_eq!(round(loan, 5), dec!(64.07335));
        // Paying less than the interest never pays the loan off.
        assert_eq!(
            nper(dec!(0.1), dec!(-50), dec!(1000), dec!(0), When::End)
                .unwrap_err()
                .field(),
            "pmt"
        );
    }

    #[test]
    fn fractional_periods_and_overflow() {
        // Half a period at 21 %: (1.21)^0.5 = 1.1.
        let got = fv(dec!(0.21), dec!(0.5), dec!(0), dec!(-100), When::End).unwrap();
        assert_eq!(round(got, 20), dec!(110));
        let err = fv(dec!(9), dec!(1000), dec!(-1), dec!(-1), When::End).unwrap_err();
        assert!(matches!(err, FinanceError::Overflow { .. }), "{err}");
        assert!(pv(dec!(-1.5), dec!(3), dec!(1), dec!(0), When::End).is_err());
    }
}
