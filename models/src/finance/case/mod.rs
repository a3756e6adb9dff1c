//! The financial case of a candidate: its expected savings and revenue set against its
//! lifecycle costs, year by year on the lifecycle schedule, and what finance asks of them
//! (NPV of the net, payback, ROI, IRR and MIRR, cost per procedure), the depreciation of
//! its capital by fiscal year, and a lease offer against buying (docs/finance.md).
//!
//! Pure. The schedule, its fiscal years and the costs are the lifecycle engine's; every
//! figure is one of `crate::finance`'s functions over them, never a second discounting.

mod inputs;
mod request;
mod view;
mod words;

pub use inputs::{
    DepreciationAndLease, DepreciationChoice, FinancialInputs, LeaseOffer, Revenue, SavingKind,
    SavingLine, SavingsAndRevenue,
};
pub use request::{request_financial_case, CandidateFinancialCase, RequestFinancialCase};
pub use view::{
    case_view, key_figures, lease_figures, option_name, CandidateCaseView, CaseFigure,
    FinancialCaseView, PaybackMark,
};
pub use words::{irr_text, mirr_text, payback_text};

use rust_decimal::Decimal;
use serde::Serialize;
use ts_rs::TS;

use super::math::powi;
use super::{
    depreciation_schedule, discounted_payback, irr, lease_vs_buy, mirr, npv, payback, roi,
    DepreciationSchedule, DepreciationScheduleInput, FinanceError, FinanceResult, Irr,
    LeaseVsBuyInput, LeaseVsBuyResult, Payback, Purchase,
};
use crate::lifecycle::{Assumptions, CostModel, LifecycleCost};
use crate::money::decimal_text;

/// One year of the case: the lifecycle's costs, the savings and revenue, and the net.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct CaseYear {
    pub year: u32,
    pub fiscal_year: Option<i32>,
    #[serde(with = "decimal_text")]
    #[ts(type = "string")]
    pub costs: Decimal,
    #[serde(with = "decimal_text")]
    #[ts(type = "string")]
    pub savings: Decimal,
    #[serde(with = "decimal_text")]
    #[ts(type = "string")]
    pub revenue: Decimal,
    /// Savings + revenue - costs.
    #[serde(with = "decimal_text")]
    #[ts(type = "string")]
    pub net: Decimal,
    #[serde(with = "decimal_text")]
    #[ts(type = "string")]
    pub cumulative_net: Decimal,
}

/// One fiscal year on the budgets: capital, and what the operating budget bears.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct BudgetImpactYear {
    pub fiscal_year: i32,
    /// Year-0 costs (the capital budget).
    #[serde(with = "decimal_text")]
    #[ts(type = "string")]
    pub capital: Decimal,
    /// Year-0 savings (a trade-in), which offset the capital.
    #[serde(with = "decimal_text")]
    #[ts(type = "string")]
    pub capital_offsets: Decimal,
    /// Capital less its offsets: what the capital budget bears.
    #[serde(with = "decimal_text")]
    #[ts(type = "string")]
    pub net_capital: Decimal,
    /// Costs of years 1..N.
    #[serde(with = "decimal_text")]
    #[ts(type = "string")]
    pub operating_costs: Decimal,
    #[serde(with = "decimal_text")]
    #[ts(type = "string")]
    pub depreciation: Decimal,
    /// Savings and revenue of years 1..N.
    #[serde(with = "decimal_text")]
    #[ts(type = "string")]
    pub savings_and_revenue: Decimal,
    /// Operating costs + depreciation - savings and revenue: what the operating budget
    /// bears (negative: it gains).
    #[serde(with = "decimal_text")]
    #[ts(type = "string")]
    pub operating_impact: Decimal,
}

/// A candidate's financial case.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct FinancialCase {
    #[serde(with = "decimal_text")]
    pub discount_rate: Decimal,
    pub years: Vec<CaseYear>,
    #[serde(with = "decimal_text")]
    pub total_costs: Decimal,
    #[serde(with = "decimal_text")]
    pub total_savings: Decimal,
    #[serde(with = "decimal_text")]
    pub total_revenue: Decimal,
    #[serde(with = "decimal_text")]
    pub total_net: Decimal,
    /// NPV of the net flows, year 0 undiscounted.
    #[serde(with = "decimal_text")]
    pub npv: Decimal,
    pub payback: Payback,
    pub discounted_payback: Payback,
    /// (savings + revenue - costs) / costs, nominal; `None` when there are no costs.
    #[serde(with = "decimal_text::option")]
    pub roi: Option<Decimal>,
    pub irr: Irr,
    /// MIRR at the discount rate (finance and reinvestment); `None` with the reason when
    /// the flows do not have both signs.
    #[serde(with = "decimal_text::option")]
    pub mirr: Option<Decimal>,
    pub mirr_problem: Option<String>,
    /// Equivalent annual cost per procedure, where revenue is given.
    #[serde(with = "decimal_text::option")]
    pub cost_per_procedure: Option<Decimal>,
    pub depreciation: Option<DepreciationSchedule>,
    /// Why there is no depreciation schedule (no in-service or purchase date).
    pub depreciation_problem: Option<String>,
    pub budget_impact: Vec<BudgetImpactYear>,
    pub lease: Option<LeaseVsBuyResult>,
}

fn overflow(field: &str) -> FinanceError {
    FinanceError::overflow(field)
}

/// `amount · (1 + escalation)^(t - 1)`: year-1 money escalated to year `t`.
fn escalated(amount: Decimal, escalation: Decimal, t: u32, field: &str) -> FinanceResult<Decimal> {
    powi(Decimal::ONE + escalation, i64::from(t) - 1)
        .and_then(|f| amount.checked_mul(f))
        .ok_or_else(|| overflow(field))
}

/// The savings and revenue of year `t` of a life of `life` years.
fn inflows(inputs: &FinancialInputs, t: u32, life: u32) -> FinanceResult<(Decimal, Decimal)> {
    let mut savings = Decimal::ZERO;
    for (i, s) in inputs.savings.iter().enumerate() {
        let amount = match s.one_off_year {
            Some(year) if year == t => s.amount,
            Some(_) => Decimal::ZERO,
            None if t >= 1 && t <= life => {
                escalated(s.amount, s.escalation, t, &format!("savings[{i}].amount"))?
            }
            None => Decimal::ZERO,
        };
        savings = savings
            .checked_add(amount)
            .ok_or_else(|| overflow("savings"))?;
    }
    let revenue = match &inputs.revenue {
        Some(r) if t >= 1 => {
            let base = r
                .procedures_per_year
                .checked_mul(r.reimbursement)
                .ok_or_else(|| overflow("revenue.reimbursement"))?;
            escalated(base, r.escalation, t, "revenue.reimbursement")?
        }
        _ => Decimal::ZERO,
    };
    Ok((savings, revenue))
}

/// The case's years on the lifecycle schedule.
fn case_years(inputs: &FinancialInputs, lc: &LifecycleCost) -> FinanceResult<Vec<CaseYear>> {
    let life = lc.expected_life_years;
    let mut cumulative = Decimal::ZERO;
    let mut years = Vec::with_capacity(lc.schedule.len());
    for y in &lc.schedule {
        let (savings, revenue) = inflows(inputs, y.year, life)?;
        let net = savings
            .checked_add(revenue)
            .and_then(|s| s.checked_sub(y.total))
            .ok_or_else(|| overflow("savings"))?;
        cumulative = cumulative
            .checked_add(net)
            .ok_or_else(|| overflow("savings"))?;
        years.push(CaseYear {
            year: y.year,
            fiscal_year: y.fiscal_year,
            costs: y.total,
            savings,
            revenue,
            net,
            cumulative_net: cumulative,
        });
    }
    Ok(years)
}

fn sum(years: &[CaseYear], part: impl Fn(&CaseYear) -> Decimal) -> FinanceResult<Decimal> {
    years
        .iter()
        .try_fold(Decimal::ZERO, |acc, y| acc.checked_add(part(y)))
        .ok_or_else(|| overflow("savings"))
}

/// Computes a candidate's financial case from its inputs, its cost model and the
/// lifecycle cost the engine computed for it under the assumptions `a`.
pub fn financial_case(
    inputs: &FinancialInputs,
    model: &CostModel,
    lc: &LifecycleCost,
    a: &Assumptions,
) -> FinanceResult<FinancialCase> {
    inputs.validate(lc.expected_life_years)?;
    let rate = a.discount_rate;
    let years = case_years(inputs, lc)?;
    let net: Vec<Decimal> = years.iter().map(|y| y.net).collect();
    let total_costs = sum(&years, |y| y.costs)?;
    let total_savings = sum(&years, |y| y.savings)?;
    let total_revenue = sum(&years, |y| y.revenue)?;
    let gain = total_savings
        .checked_add(total_revenue)
        .ok_or_else(|| overflow("savings"))?;
    let (mirr, mirr_problem) = match mirr(&net, rate, rate) {
        Ok(m) => (Some(m), None),
        Err(FinanceError::Invalid { message, .. }) => (None, Some(message)),
        Err(e) => return Err(e),
    };
    let cost_per_procedure = match &inputs.revenue {
        Some(r) if !r.procedures_per_year.is_zero() => Some(
            lc.eac
                .checked_div(r.procedures_per_year)
                .ok_or_else(|| overflow("revenue.procedures_per_year"))?,
        ),
        _ => None,
    };
    let (depreciation, depreciation_problem) = depreciation_of(inputs, model, lc, a)?;
    let budget_impact = budget_impact(&years, depreciation.as_ref())?;
    Ok(FinancialCase {
        discount_rate: rate,
        npv: npv(rate, &net).ok_or_else(|| overflow("savings"))?,
        payback: payback(&net)?,
        discounted_payback: discounted_payback(rate, &net)?,
        roi: if total_costs > Decimal::ZERO {
            Some(roi(gain, total_costs)?)
        } else {
            None
        },
        irr: irr(&net)?,
        mirr,
        mirr_problem,
        cost_per_procedure,
        total_net: gain
            .checked_sub(total_costs)
            .ok_or_else(|| overflow("savings"))?,
        total_costs,
        total_savings,
        total_revenue,
        lease: lease_of(inputs, lc, a, depreciation_life(inputs, lc))?,
        depreciation,
        depreciation_problem,
        budget_impact,
        years,
    })
}

fn depreciation_life(inputs: &FinancialInputs, lc: &LifecycleCost) -> u32 {
    inputs
        .depreciation
        .life_years
        .unwrap_or(lc.expected_life_years)
}

/// The depreciation of the capital (year-0 costs) by fiscal year, or why there is none.
fn depreciation_of(
    inputs: &FinancialInputs,
    model: &CostModel,
    lc: &LifecycleCost,
    a: &Assumptions,
) -> FinanceResult<(Option<DepreciationSchedule>, Option<String>)> {
    let d = &inputs.depreciation;
    let Some(in_service) = d.in_service.or(a.purchase_date) else {
        return Ok((
            None,
            Some("no in-service date and no purchase date in the request's assumptions".into()),
        ));
    };
    let input = DepreciationScheduleInput {
        cost: lc.capital,
        salvage: d.salvage.unwrap_or(model.residual_value),
        life_years: depreciation_life(inputs, lc),
        method: d.method,
        factor: d.factor,
        in_service,
        convention: d.convention,
        fiscal_year_start_month: a.fiscal_year_start_month,
    };
    let schedule = depreciation_schedule(&input).map_err(|e| e.within("depreciation"))?;
    Ok((Some(schedule), None))
}

/// The entry of fiscal year `fy`, added when missing.
fn slot(out: &mut Vec<BudgetImpactYear>, fy: i32) -> &mut BudgetImpactYear {
    let i = match out.iter().position(|b| b.fiscal_year == fy) {
        Some(i) => i,
        None => {
            out.push(BudgetImpactYear {
                fiscal_year: fy,
                capital: Decimal::ZERO,
                capital_offsets: Decimal::ZERO,
                net_capital: Decimal::ZERO,
                operating_costs: Decimal::ZERO,
                depreciation: Decimal::ZERO,
                savings_and_revenue: Decimal::ZERO,
                operating_impact: Decimal::ZERO,
            });
            out.len() - 1
        }
    };
    &mut out[i]
}

fn add(a: Decimal, b: Decimal) -> FinanceResult<Decimal> {
    a.checked_add(b).ok_or_else(|| overflow("savings"))
}

/// Capital, operating costs, depreciation, savings and revenue by fiscal year: year 0 on
/// the capital budget (its savings offset it), years 1..N and the depreciation on the
/// operating budget.
fn budget_impact(
    years: &[CaseYear],
    depreciation: Option<&DepreciationSchedule>,
) -> FinanceResult<Vec<BudgetImpactYear>> {
    let mut out: Vec<BudgetImpactYear> = Vec::new();
    for y in years {
        let Some(fy) = y.fiscal_year else { continue };
        let inflow = add(y.savings, y.revenue)?;
        let b = slot(&mut out, fy);
        if y.year == 0 {
            b.capital = add(b.capital, y.costs)?;
            b.capital_offsets = add(b.capital_offsets, inflow)?;
        } else {
            b.operating_costs = add(b.operating_costs, y.costs)?;
            b.savings_and_revenue = add(b.savings_and_revenue, inflow)?;
        }
    }
    for d in depreciation.map(|d| d.years.as_slice()).unwrap_or_default() {
        let b = slot(&mut out, d.fiscal_year);
        b.depreciation = add(b.depreciation, d.expense)?;
    }
    for b in &mut out {
        b.net_capital = b
            .capital
            .checked_sub(b.capital_offsets)
            .ok_or_else(|| overflow("savings"))?;
        b.operating_impact = add(b.operating_costs, b.depreciation)?
            .checked_sub(b.savings_and_revenue)
            .ok_or_else(|| overflow("savings"))?;
    }
    out.sort_by_key(|b| b.fiscal_year);
    Ok(out)
}

/// The lease offer against buying at the year-0 capital, when a lease is entered.
fn lease_of(
    inputs: &FinancialInputs,
    lc: &LifecycleCost,
    a: &Assumptions,
    depreciation_years: u32,
) -> FinanceResult<Option<LeaseVsBuyResult>> {
    let Some(offer) = &inputs.lease else {
        return Ok(None);
    };
    let input = LeaseVsBuyInput {
        discount_rate: a.discount_rate,
        term_years: offer.term_years,
        life_years: lc.expected_life_years,
        depreciation_years: Some(depreciation_years),
        tax_status: offer.tax_status,
        tax_rate: offer.tax_rate,
        purchase: Purchase {
            price: lc.capital,
            maintenance_per_year: offer.purchase_maintenance_per_year,
            salvage: offer.purchase_salvage,
        },
        operating_lease: offer.operating_lease.clone(),
        capital_lease: offer.capital_lease.clone(),
    };
    lease_vs_buy(&input)
        .map(Some)
        .map_err(|e| e.within("lease"))
}

#[cfg(test)]
mod tests;
