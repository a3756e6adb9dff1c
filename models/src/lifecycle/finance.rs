//! Discounting and fiscal years: equivalent annual cost and the allocation of a cost
//! schedule to the fiscal years it falls in. Net present value (both conventions) is
//! `crate::finance`'s, re-exported here, so the lifecycle engine and the calculator share it.

use chrono::{Datelike, NaiveDate};
use rust_decimal::Decimal;

use super::{FiscalYearCost, ScheduleYear};

pub use crate::finance::{npv, npv_excel};

/// Equivalent annual cost of `npv` over `years` at `rate`: `npv x r / (1 - (1 + r)^-N)`,
/// `npv / N` when `r = 0`. `None` when a step overflows `Decimal` or divides by zero.
pub fn equivalent_annual_cost(npv: Decimal, rate: Decimal, years: u32) -> Option<Decimal> {
    let n = Decimal::from(years.max(1));
    if rate.is_zero() {
        return npv.checked_div(n);
    }
    let compounded = pow(Decimal::ONE.checked_add(rate)?, years)?;
    let annuity = Decimal::ONE.checked_sub(Decimal::ONE.checked_div(compounded)?)?;
    npv.checked_mul(rate)?.checked_div(annuity)
}

fn pow(base: Decimal, exp: u32) -> Option<Decimal> {
    (0..exp).try_fold(Decimal::ONE, |acc, _| acc.checked_mul(base))
}

/// The fiscal year a date falls in, named by the calendar year the fiscal year ends in
/// (FY2027 starting 1 October 2026 when `start_month` is 10).
pub fn fiscal_year_of(date: NaiveDate, start_month: u32) -> i32 {
    if start_month > 1 && date.month() >= start_month {
        date.year() + 1
    } else {
        date.year()
    }
}

/// The schedule by fiscal year: year 0 is capital, later years operating; years without a
/// fiscal year (no purchase date) are left out. `None` when a fiscal year's sum overflows.
pub(super) fn by_fiscal_year(schedule: &[ScheduleYear]) -> Option<Vec<FiscalYearCost>> {
    let mut fiscal_years: Vec<FiscalYearCost> = Vec::new();
    for y in schedule {
        let Some(fy) = y.fiscal_year else { continue };
        let (cap, op) = if y.year == 0 {
            (y.total, Decimal::ZERO)
        } else {
            (Decimal::ZERO, y.total)
        };
        match fiscal_years.iter_mut().find(|f| f.fiscal_year == fy) {
            Some(f) => {
                f.capital = f.capital.checked_add(cap)?;
                f.operating = f.operating.checked_add(op)?;
                f.total = f.total.checked_add(y.total)?;
            }
            None => fiscal_years.push(FiscalYearCost {
                fiscal_year: fy,
                capital: cap,
                operating: op,
                total: y.total,
            }),
        }
    }
    Some(fiscal_years)
}
