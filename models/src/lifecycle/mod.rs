//! Lifecycle cost (total cost of ownership): a year-by-year cost schedule per candidate,
//! its nominal total, net present value, equivalent annual cost, cost per use, the
//! capital/operating split and the schedule by fiscal year.
//!
//! All money is `Decimal`; nothing is rounded here (presentation rounds, see
//! [`crate::money::format_amount`]). Conventions (docs/lifecycle-cost.md):
//! - year 0 is the purchase and is not discounted; recurring costs fall at the end of
//!   each year 1..N; `NPV = Σ cost_t / (1 + r)^t`;
//! - recurring costs escalate yearly, compounding: consumables, energy, software and
//!   staffing are quoted in year-1 money and follow general inflation; the service
//!   contract starts after the warranty years, its quoted price is that of its first
//!   contract year, and its own escalation runs from there;
//! - disposal is a cost in year N; residual value is a negative cost in year N;
//! - `EAC = NPV x r / (1 - (1 + r)^-N)`, and `NPV / N` when `r = 0`. Candidates with
//!   different lives are compared on EAC, never on NPV over unequal horizons.

//!
//! `finance` holds discounting and the fiscal-year allocation, `validate` the checks of
//! the inputs, `compare` the comparison of several candidates (`caliper tco --input`).

mod compare;
mod finance;
mod validate;

pub use compare::{
    compare_costs, CostComparison, CostComparisonCandidate, CostComparisonInput,
    CostComparisonResult,
};
pub use finance::{equivalent_annual_cost, fiscal_year_of, npv, npv_excel};
pub use validate::MIN_DISCOUNT_RATE;

use chrono::NaiveDate;
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::error::{Error, Result};
use crate::money::{decimal_text, Currency};
use finance::by_fiscal_year;

/// The longest expected life accepted, in years.
pub const MAX_LIFE_YEARS: u32 = 40;

/// What a candidate costs over its life: the inputs of the lifecycle-cost engine. Amounts
/// are totals for the whole quantity unless the name says per unit or per use.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
pub struct CostModel {
    /// Quoted price of one device.
    #[serde(with = "decimal_text")]
    #[ts(type = "string")]
    pub unit_price: Decimal,
    pub quantity: u32,
    /// Discount off the quoted purchase, percent (0 to 100).
    #[serde(default, with = "decimal_text")]
    #[ts(type = "string")]
    pub discount_pct: Decimal,
    /// Credit for the devices traded in, total.
    #[serde(default, with = "decimal_text")]
    #[ts(type = "string")]
    pub trade_in_credit: Decimal,
    /// Installation and site preparation (power, medical gases, network drops), year 0.
    #[serde(default, with = "decimal_text")]
    #[ts(type = "string")]
    pub installation: Decimal,
    /// IT integration: interfaces, licences, middleware, year 0.
    #[serde(default, with = "decimal_text")]
    #[ts(type = "string")]
    pub it_integration: Decimal,
    /// Initial training, year 0.
    #[serde(default, with = "decimal_text")]
    #[ts(type = "string")]
    pub training: Decimal,
    /// Years covered by the warranty: no service contract is paid in them.
    #[serde(default)]
    pub warranty_years: u32,
    /// Service contract per year after the warranty: the quoted price of its first
    /// contract year (escalation runs from that year).
    #[serde(default, with = "decimal_text")]
    #[ts(type = "string")]
    pub service_annual: Decimal,
    /// Yearly escalation of the service contract from its first contract year, as a
    /// fraction (0.03 = 3 %).
    #[serde(default, with = "decimal_text")]
    #[ts(type = "string")]
    pub service_escalation: Decimal,
    /// Consumables and disposables: cost per use, in year-1 money.
    #[serde(default, with = "decimal_text")]
    #[ts(type = "string")]
    pub cost_per_use: Decimal,
    /// Uses per year across the whole quantity (procedures, patient days, sets).
    #[serde(default, with = "decimal_text")]
    #[ts(type = "string")]
    pub annual_uses: Decimal,
    /// Average power draw of one device, watts.
    #[serde(default, with = "decimal_text")]
    #[ts(type = "string")]
    pub power_watts: Decimal,
    /// Hours each device is powered per year.
    #[serde(default, with = "decimal_text")]
    #[ts(type = "string")]
    pub hours_per_year: Decimal,
    /// Electricity tariff per kWh, in year-1 money.
    #[serde(default, with = "decimal_text")]
    #[ts(type = "string")]
    pub tariff_per_kwh: Decimal,
    /// Software subscriptions per year, in year-1 money.
    #[serde(default, with = "decimal_text")]
    #[ts(type = "string")]
    pub software_annual: Decimal,
    /// Extra staffing per year attributable to the devices, in year-1 money.
    #[serde(default, with = "decimal_text")]
    #[ts(type = "string")]
    pub staffing_annual: Decimal,
    /// Expected life in years (1 to 40).
    pub expected_life_years: u32,
    /// Disposal and decommissioning at end of life, year N.
    #[serde(default, with = "decimal_text")]
    #[ts(type = "string")]
    pub disposal: Decimal,
    /// Resale or residual value at end of life, year N (reduces cost).
    #[serde(default, with = "decimal_text")]
    #[ts(type = "string")]
    pub residual_value: Decimal,
}

/// Portfolio-wide financial assumptions, overridable per request.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
pub struct Assumptions {
    /// Annual discount rate as a fraction (0.05 = 5 %); above -0.5, at most 1.
    #[serde(with = "decimal_text")]
    #[ts(type = "string")]
    pub discount_rate: Decimal,
    /// General inflation as a fraction, applied to recurring costs other than service.
    #[serde(default, with = "decimal_text")]
    #[ts(type = "string")]
    pub inflation: Decimal,
    pub currency: Currency,
    /// First month of the fiscal year (1 = January, 7 = July, 10 = October).
    #[serde(default = "default_fy_start")]
    pub fiscal_year_start_month: u32,
    /// When year 0 falls; the schedule is mapped to fiscal years from it.
    #[serde(default)]
    #[ts(optional, type = "string")]
    pub purchase_date: Option<NaiveDate>,
}

fn default_fy_start() -> u32 {
    1
}

/// A request's own assumptions; `None` keeps the portfolio's.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
pub struct AssumptionOverrides {
    #[serde(default)]
    #[ts(type = "string | null")]
    pub discount_rate: Option<Decimal>,
    #[serde(default)]
    #[ts(type = "string | null")]
    pub inflation: Option<Decimal>,
    #[serde(default)]
    pub fiscal_year_start_month: Option<u32>,
    #[serde(default)]
    #[ts(type = "string | null")]
    pub purchase_date: Option<NaiveDate>,
}

impl AssumptionOverrides {
    pub fn apply(&self, base: &Assumptions) -> Assumptions {
        Assumptions {
            discount_rate: self.discount_rate.unwrap_or(base.discount_rate),
            inflation: self.inflation.unwrap_or(base.inflation),
            currency: base.currency.clone(),
            fiscal_year_start_month: self
                .fiscal_year_start_month
                .unwrap_or(base.fiscal_year_start_month),
            purchase_date: self.purchase_date.or(base.purchase_date),
        }
    }
}

/// One year of the schedule, by cost element. Year 0 is the purchase.
#[derive(Debug, Clone, PartialEq, Default, Serialize, TS)]
pub struct ScheduleYear {
    pub year: u32,
    /// Fiscal year the costs fall in (named by the calendar year it ends in), when a purchase date is known.
    pub fiscal_year: Option<i32>,
    #[serde(with = "decimal_text")]
    #[ts(type = "string")]
    pub purchase: Decimal,
    #[serde(with = "decimal_text")]
    #[ts(type = "string")]
    pub installation: Decimal,
    #[serde(with = "decimal_text")]
    #[ts(type = "string")]
    pub it_integration: Decimal,
    #[serde(with = "decimal_text")]
    #[ts(type = "string")]
    pub training: Decimal,
    #[serde(with = "decimal_text")]
    #[ts(type = "string")]
    pub service: Decimal,
    #[serde(with = "decimal_text")]
    #[ts(type = "string")]
    pub consumables: Decimal,
    #[serde(with = "decimal_text")]
    #[ts(type = "string")]
    pub energy: Decimal,
    #[serde(with = "decimal_text")]
    #[ts(type = "string")]
    pub software: Decimal,
    #[serde(with = "decimal_text")]
    #[ts(type = "string")]
    pub staffing: Decimal,
    #[serde(with = "decimal_text")]
    #[ts(type = "string")]
    pub disposal: Decimal,
    /// Residual value as a negative cost.
    #[serde(with = "decimal_text")]
    #[ts(type = "string")]
    pub residual: Decimal,
    /// Sum of the elements above.
    #[serde(with = "decimal_text")]
    #[ts(type = "string")]
    pub total: Decimal,
    /// `total / (1 + r)^year`.
    #[serde(with = "decimal_text")]
    #[ts(type = "string")]
    pub present_value: Decimal,
    #[serde(with = "decimal_text")]
    #[ts(type = "string")]
    pub cumulative: Decimal,
    #[serde(with = "decimal_text")]
    #[ts(type = "string")]
    pub cumulative_present_value: Decimal,
}

/// Capital and operating cost of one fiscal year.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct FiscalYearCost {
    pub fiscal_year: i32,
    #[serde(with = "decimal_text")]
    #[ts(type = "string")]
    pub capital: Decimal,
    #[serde(with = "decimal_text")]
    #[ts(type = "string")]
    pub operating: Decimal,
    #[serde(with = "decimal_text")]
    #[ts(type = "string")]
    pub total: Decimal,
}

/// Lifecycle cost of one candidate.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct LifecycleCost {
    pub currency: Currency,
    pub expected_life_years: u32,
    #[serde(with = "decimal_text")]
    #[ts(type = "string")]
    pub discount_rate: Decimal,
    pub schedule: Vec<ScheduleYear>,
    /// Sum of all years' costs, undiscounted.
    #[serde(with = "decimal_text")]
    #[ts(type = "string")]
    pub nominal_total: Decimal,
    /// Net present value of the costs.
    #[serde(with = "decimal_text")]
    #[ts(type = "string")]
    pub npv: Decimal,
    /// Equivalent annual cost: compare candidates with different lives on this.
    #[serde(with = "decimal_text")]
    #[ts(type = "string")]
    pub eac: Decimal,
    /// EAC divided by annual uses; `null` without uses.
    #[ts(type = "string | null")]
    pub cost_per_use: Option<Decimal>,
    /// Year-0 costs: purchase net of discount and trade-in, installation, integration, training.
    #[serde(with = "decimal_text")]
    #[ts(type = "string")]
    pub capital: Decimal,
    /// Costs of years 1..N, nominal (residual value included).
    #[serde(with = "decimal_text")]
    #[ts(type = "string")]
    pub operating: Decimal,
    /// Costs by fiscal year, when a purchase date is known.
    pub fiscal_years: Vec<FiscalYearCost>,
}

impl CostModel {
    fn net_purchase_before_trade_in(&self) -> Decimal {
        self.unit_price
            * Decimal::from(self.quantity)
            * (Decimal::ONE - self.discount_pct / Decimal::ONE_HUNDRED)
    }

    /// The model with the unit price and quantity of the candidate's quote: a cost model
    /// never keeps figures of its own for them.
    pub fn with_quote(&self, unit_price: Decimal, quantity: u32) -> CostModel {
        CostModel {
            unit_price,
            quantity,
            ..self.clone()
        }
    }
}

impl Assumptions {
    /// The portfolio's assumptions until it sets its own: 5 % discount rate, 3 %
    /// inflation, fiscal year starting in July, amounts in USD.
    pub fn portfolio_default() -> Assumptions {
        Assumptions {
            discount_rate: Decimal::new(5, 2),
            inflation: Decimal::new(3, 2),
            currency: Currency::usd(),
            fiscal_year_start_month: 7,
            purchase_date: None,
        }
    }
}

/// Computes the lifecycle cost of one cost model under the assumptions.
///
/// Every amount is computed with checked arithmetic: inputs the validators accept can
/// still combine into a cost beyond what `Decimal` holds (about 7.9e28), e.g. every amount
/// at its maximum with high inflation over 40 years. That is a validation error naming the
/// input behind the largest cost, never a panic.
pub fn lifecycle_cost(model: &CostModel, a: &Assumptions) -> Result<LifecycleCost> {
    model.validate()?;
    a.validate()?;
    let n = model.expected_life_years;
    let qty = Decimal::from(model.quantity);
    let kwh_per_year = checked(
        model
            .power_watts
            .checked_mul(model.hours_per_year)
            .and_then(|wh| wh.checked_mul(qty))
            .map(|wh| wh / Decimal::ONE_THOUSAND),
        "power_watts",
        0,
    )?;

    let mut schedule = Vec::with_capacity(n as usize + 1);
    let growth = Decimal::ONE + a.discount_rate;
    // The factors stay well inside Decimal: validation bounds each rate and the life, so
    // 1.5^40 < 1e8, 2^40 < 2e12 and 0.5^40 > 9e-13.
    let (mut discount, mut inflation, mut escalation) = (Decimal::ONE, Decimal::ONE, Decimal::ONE);
    let (mut cumulative, mut cumulative_pv) = (Decimal::ZERO, Decimal::ZERO);
    // The input behind the largest cost so far: what an overflow of a total is blamed on.
    let mut largest = (Decimal::ZERO, "unit_price");
    for t in 0..=n {
        if t > 1 {
            inflation *= Decimal::ONE + a.inflation;
        }
        // The quote is the first contract year's price (the year after the warranty).
        if t > model.warranty_years + 1 {
            escalation *= Decimal::ONE + model.service_escalation;
        }
        if t > 0 {
            discount *= growth;
        }
        let mut y = year_costs(model, t, kwh_per_year, inflation, escalation)?;
        let parts = cost_parts(&y);
        for (amount, field) in parts {
            if amount.abs() > largest.0 {
                largest = (amount.abs(), field);
            }
        }
        let field = largest.1;
        y.total = checked(
            parts
                .iter()
                .try_fold(Decimal::ZERO, |sum, (amount, _)| sum.checked_add(*amount)),
            field,
            t,
        )?;
        y.present_value = checked(y.total.checked_div(discount), field, t)?;
        cumulative = checked(cumulative.checked_add(y.total), field, t)?;
        cumulative_pv = checked(cumulative_pv.checked_add(y.present_value), field, t)?;
        y.cumulative = cumulative;
        y.cumulative_present_value = cumulative_pv;
        y.fiscal_year = a.purchase_date.map(|d| {
            let date = d
                .checked_add_months(chrono::Months::new(12 * t))
                .unwrap_or(d);
            fiscal_year_of(date, a.fiscal_year_start_month)
        });
        schedule.push(y);
    }

    let field = largest.1;
    let npv = cumulative_pv;
    let eac = checked(equivalent_annual_cost(npv, a.discount_rate, n), field, n)?;
    let capital = schedule[0].total;
    let fiscal_years = checked(by_fiscal_year(&schedule), field, n)?;
    let cost_per_use = if model.annual_uses.is_zero() {
        None
    } else {
        Some(checked(
            eac.checked_div(model.annual_uses),
            "annual_uses",
            n,
        )?)
    };
    Ok(LifecycleCost {
        currency: a.currency.clone(),
        expected_life_years: n,
        discount_rate: a.discount_rate,
        nominal_total: cumulative,
        npv,
        eac,
        cost_per_use,
        capital,
        operating: checked(cumulative.checked_sub(capital), field, n)?,
        fiscal_years,
        schedule,
    })
}

/// The costs of year `t` (0 is the purchase year) with the inflation and service
/// escalation factors of that year; totals are added by the caller.
fn year_costs(
    model: &CostModel,
    t: u32,
    kwh_per_year: Decimal,
    inflation: Decimal,
    escalation: Decimal,
) -> Result<ScheduleYear> {
    let mut y = ScheduleYear {
        year: t,
        ..ScheduleYear::default()
    };
    if t == 0 {
        y.purchase = model.net_purchase_before_trade_in() - model.trade_in_credit;
        y.installation = model.installation;
        y.it_integration = model.it_integration;
        y.training = model.training;
        return Ok(y);
    }
    if t > model.warranty_years {
        y.service = checked(
            model.service_annual.checked_mul(escalation),
            "service_annual",
            t,
        )?;
    }
    y.consumables = checked(
        model
            .cost_per_use
            .checked_mul(model.annual_uses)
            .and_then(|c| c.checked_mul(inflation)),
        "cost_per_use",
        t,
    )?;
    y.energy = checked(
        kwh_per_year
            .checked_mul(model.tariff_per_kwh)
            .and_then(|e| e.checked_mul(inflation)),
        "tariff_per_kwh",
        t,
    )?;
    y.software = checked(
        model.software_annual.checked_mul(inflation),
        "software_annual",
        t,
    )?;
    y.staffing = checked(
        model.staffing_annual.checked_mul(inflation),
        "staffing_annual",
        t,
    )?;
    if t == model.expected_life_years {
        y.disposal = model.disposal;
        y.residual = -model.residual_value;
    }
    Ok(y)
}

/// A year's cost elements, each with the input it comes from (what an overflow names).
fn cost_parts(y: &ScheduleYear) -> [(Decimal, &'static str); 11] {
    [
        (y.purchase, "unit_price"),
        (y.installation, "installation"),
        (y.it_integration, "it_integration"),
        (y.training, "training"),
        (y.service, "service_annual"),
        (y.consumables, "cost_per_use"),
        (y.energy, "tariff_per_kwh"),
        (y.software, "software_annual"),
        (y.staffing, "staffing_annual"),
        (y.disposal, "disposal"),
        (y.residual, "residual_value"),
    ]
}

/// The result of a checked operation, or a validation error naming the input whose cost
/// overflowed in year `year`.
fn checked<T>(value: Option<T>, field: &str, year: u32) -> Result<T> {
    value.ok_or_else(|| {
        Error::validation(
            field,
            format!(
                "the lifecycle cost overflows the largest amount Caliper can compute \
                 (about 7.9e28) in year {year}; lower this amount, the quantity or the rates"
            ),
        )
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use rust_decimal_macros::dec;

    pub(crate) fn monitors() -> CostModel {
        CostModel {
            unit_price: dec!(18500),
            quantity: 40,
            discount_pct: dec!(5),
            trade_in_credit: dec!(16000),
            installation: dec!(42000),
            it_integration: dec!(35000),
            training: dec!(12000),
            warranty_years: 2,
            service_annual: dec!(55500),
            service_escalation: dec!(0.03),
            cost_per_use: dec!(4.20),
            annual_uses: dec!(11000),
            power_watts: dec!(65),
            hours_per_year: dec!(8760),
            tariff_per_kwh: dec!(0.14),
            software_annual: dec!(9000),
            staffing_annual: dec!(0),
            expected_life_years: 8,
            disposal: dec!(4000),
            residual_value: dec!(20000),
        }
    }

    fn assumptions() -> Assumptions {
        Assumptions {
            discount_rate: dec!(0.05),
            inflation: dec!(0.025),
            currency: Currency::usd(),
            fiscal_year_start_month: 7,
            purchase_date: NaiveDate::from_ymd_opt(2026, 9, 15),
        }
    }

    #[test]
    fn schedule_conventions() {
        let lc = lifecycle_cost(&monitors(), &assumptions()).unwrap();
        assert_eq!(lc.schedule.len(), 9);
        let y0 = &lc.schedule[0];
        // 18,500 x 40 x 0.95 - 16,000 = 687,000
        assert_eq!(y0.purchase, dec!(687000));
        assert_eq!(
            y0.total,
            dec!(687000) + dec!(42000) + dec!(35000) + dec!(12000)
        );
        assert_eq!(y0.present_value, y0.total, "year 0 is not discounted");
        // Warranty covers years 1-2; service starts in year 3 at the quoted price and
        // escalates from there.
        assert_eq!(lc.schedule[2].service, dec!(0));
        assert_eq!(lc.schedule[3].service, dec!(55500));
        assert_eq!(lc.schedule[4].service, dec!(55500) * dec!(1.03));
        // Consumables inflate from year 1 money.
        assert_eq!(lc.schedule[1].consumables, dec!(46200));
        assert_eq!(lc.schedule[2].consumables, dec!(46200) * dec!(1.025));
        // Residual value is a negative cost in the last year, with disposal.
        assert_eq!(lc.schedule[8].residual, dec!(-20000));
        assert_eq!(lc.schedule[8].disposal, dec!(4000));
        assert_eq!(lc.schedule[7].residual, dec!(0));
        // Energy: 65 W x 8,760 h x 40 / 1000 = 22,776 kWh x 0.14.
        assert_eq!(lc.schedule[1].energy, dec!(3188.64));
    }

    #[test]
    fn totals_agree() {
        let lc = lifecycle_cost(&monitors(), &assumptions()).unwrap();
        let nominal: Decimal = lc.schedule.iter().map(|y| y.total).sum();
        assert_eq!(lc.nominal_total, nominal);
        let pv: Decimal = lc.schedule.iter().map(|y| y.present_value).sum();
        assert_eq!(lc.npv, pv);
        assert_eq!(lc.capital + lc.operating, lc.nominal_total);
        let by_fy: Decimal = lc.fiscal_years.iter().map(|f| f.total).sum();
        assert_eq!(by_fy, lc.nominal_total);
        // Purchase 2026-09-15 with a July fiscal year: FY2027, then FY2028...FY2035.
        let fys: Vec<i32> = lc.fiscal_years.iter().map(|f| f.fiscal_year).collect();
        assert_eq!(fys, (2027..=2035).collect::<Vec<_>>());
        assert_eq!(lc.fiscal_years[0].capital, lc.capital);
    }

    #[test]
    fn fiscal_years() {
        let d = |y, m, day| NaiveDate::from_ymd_opt(y, m, day).unwrap();
        assert_eq!(fiscal_year_of(d(2026, 9, 30), 10), 2026);
        assert_eq!(fiscal_year_of(d(2026, 10, 1), 10), 2027);
        assert_eq!(fiscal_year_of(d(2026, 10, 1), 1), 2026);
        assert_eq!(fiscal_year_of(d(2027, 6, 30), 7), 2027);
        assert_eq!(fiscal_year_of(d(2027, 7, 1), 7), 2028);
    }

    #[test]
    fn eac_with_zero_rate_is_npv_over_n() {
        assert_eq!(
            equivalent_annual_cost(dec!(1000), dec!(0), 4),
            Some(dec!(250))
        );
    }

    #[test]
    fn bad_input_names_the_field() {
        fn check(edit: impl FnOnce(&mut CostModel, &mut Assumptions), field: &str) {
            let (mut m, mut a) = (monitors(), assumptions());
            edit(&mut m, &mut a);
            let err = lifecycle_cost(&m, &a).unwrap_err();
            assert_eq!(err.field(), Some(field), "{err}");
        }
        check(|m, _| m.expected_life_years = 0, "expected_life_years");
        check(|m, _| m.expected_life_years = 80, "expected_life_years");
        check(|m, _| m.warranty_years = 9, "warranty_years");
        check(|m, _| m.unit_price = dec!(-1), "unit_price");
        check(|m, _| m.service_annual = dec!(1.000001), "service_annual");
        check(|m, _| m.trade_in_credit = dec!(900000), "trade_in_credit");
        check(|m, _| m.annual_uses = dec!(-3), "annual_uses");
        check(|_, a| a.discount_rate = dec!(-1), "discount_rate");
        check(|_, a| a.discount_rate = dec!(-0.9999999), "discount_rate");
        check(|_, a| a.discount_rate = dec!(-0.5), "discount_rate");
        check(|_, a| a.discount_rate = dec!(1.5), "discount_rate");
        check(
            |_, a| a.fiscal_year_start_month = 13,
            "fiscal_year_start_month",
        );
    }

    proptest::proptest! {
        #[test]
        fn npv_falls_as_the_rate_rises_for_positive_costs(
            costs in proptest::collection::vec(1u32..1_000_000, 2..15),
            r1 in 0u32..300, dr in 1u32..300,
        ) {
            let flows: Vec<Decimal> = costs.iter().map(|c| Decimal::from(*c)).collect();
            let low = Decimal::new(i64::from(r1), 3);
            let high = Decimal::new(i64::from(r1 + dr), 3);
            proptest::prop_assert!(npv(high, &flows).unwrap() < npv(low, &flows).unwrap());
        }

        #[test]
        fn nominal_total_is_the_schedule_sum(life in 1u32..=40, warranty in 0u32..5, rate in 0u32..200, price in 1u32..100_000) {
            let mut m = monitors();
            m.expected_life_years = life;
            m.warranty_years = warranty.min(life);
            m.unit_price = Decimal::from(price);
            m.trade_in_credit = Decimal::ZERO;
            let mut a = assumptions();
            a.discount_rate = Decimal::new(i64::from(rate), 3);
            let lc = lifecycle_cost(&m, &a).unwrap();
            let sum: Decimal = lc.schedule.iter().map(|y| y.total).sum();
            proptest::prop_assert_eq!(lc.nominal_total, sum);
            proptest::prop_assert!(lc.npv <= lc.nominal_total + Decimal::new(1, 6));
        }
    }
}
