//! Discounting and fiscal years: net present value, equivalent annual cost, and the
//! allocation of a cost schedule to the fiscal years it falls in.

use chrono::{Datelike, NaiveDate};
use rust_decimal::Decimal;

use super::{FiscalYearCost, ScheduleYear};

/// Net present value with year 0 undiscounted: `Σ c_t / (1 + r)^t` for t = 0, 1, ...
pub fn npv(rate: Decimal, cashflows: &[Decimal]) -> Decimal {
    let growth = Decimal::ONE + rate;
    let mut factor = Decimal::ONE;
    let mut total = Decimal::ZERO;
    for (t, c) in cashflows.iter().enumerate() {
        if t > 0 {
            factor *= growth;
        }
        total += c / factor;
    }
    total
}

/// Excel's `NPV(rate, v1, v2, ...)`: discounts the first value one full period
/// (`Σ v_i / (1 + r)^i` for i = 1, 2, ...). Equal to `npv(rate, [0, v1, v2, ...])`.
pub fn npv_excel(rate: Decimal, values: &[Decimal]) -> Decimal {
    npv(rate, values) / (Decimal::ONE + rate)
}

/// Equivalent annual cost of `npv` over `years` at `rate`: `npv x r / (1 - (1 + r)^-N)`,
/// `npv / N` when `r = 0`.
pub fn equivalent_annual_cost(npv: Decimal, rate: Decimal, years: u32) -> Decimal {
    let n = Decimal::from(years.max(1));
    if rate.is_zero() {
        return npv / n;
    }
    let compounded = pow(Decimal::ONE + rate, years);
    npv * rate / (Decimal::ONE - Decimal::ONE / compounded)
}

fn pow(base: Decimal, exp: u32) -> Decimal {
    (0..exp).fold(Decimal::ONE, |acc, _| acc * base)
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
/// fiscal year (no purchase date) are left out.
pub(super) fn by_fiscal_year(schedule: &[ScheduleYear]) -> Vec<FiscalYearCost> {
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
                f.capital += cap;
                f.operating += op;
                f.total += y.total;
            }
            None => fiscal_years.push(FiscalYearCost {
                fiscal_year: fy,
                capital: cap,
                operating: op,
                total: y.total,
            }),
        }
    }
    fiscal_years
}
