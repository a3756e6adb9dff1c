//! The financial case in the words and figures the brief prints and the window shows: one
//! list of key figures per candidate (NPV, paybacks, ROI, IRR, MIRR, cost per procedure)
//! and of its lease comparison, so that the two never word a figure differently.

use rust_decimal::Decimal;
use serde::Serialize;
use ts_rs::TS;

use super::{
    irr_text, mirr_text, payback_text, BudgetImpactYear, CaseYear, FinancialCase,
    RequestFinancialCase,
};
use crate::finance::{
    BreakEven, DepreciationMethod, FirstYearConvention, LeaseOption, Payback, PaymentTiming,
    TaxStatus,
};
use crate::ids::CandidateId;
use crate::money::{decimal_text, money_cents, money_units, Currency};

/// One figure in words: "NPV of the net cash flow", "USD -1,045,035".
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct CaseFigure {
    pub label: String,
    pub value: String,
    /// The figure to read first (the NPV; the cheapest way to pay).
    pub strong: bool,
}

impl CaseFigure {
    fn new(label: impl Into<String>, value: String, strong: bool) -> Self {
        CaseFigure {
            label: label.into(),
            value,
            strong,
        }
    }
}

/// Where the cumulative net cash flow reaches zero: the payback marker of the window's
/// chart, in the words of the key figures.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct PaybackMark {
    /// Years from year 0 (the engine's interpolation within the year); `None` when the
    /// flows do not pay back within the horizon.
    #[serde(with = "decimal_text::option")]
    #[ts(type = "string | null")]
    pub years: Option<Decimal>,
    /// `Payback 3.4 years`, `Discounted payback not within the 10-year horizon`.
    pub label: String,
}

impl PaybackMark {
    fn new(name: &str, p: &Payback, horizon: u32) -> Self {
        PaybackMark {
            years: match p {
                Payback::Years { years } => Some(*years),
                Payback::Never => None,
            },
            label: format!("{name} {}", payback_text(p, horizon)),
        }
    }
}

/// What the window shows of one candidate's case.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct CandidateCaseView {
    pub candidate_id: CandidateId,
    pub label: String,
    /// True when savings, revenue or a lease are entered.
    pub entered: bool,
    /// Why there is no case (no lifecycle cost, or inputs the engine refuses).
    pub problem: Option<String>,
    pub figures: Vec<CaseFigure>,
    pub lease: Vec<CaseFigure>,
    /// Year 0..N, each with its cumulative net cash flow (the chart's bars).
    pub years: Vec<CaseYear>,
    /// The simple payback on the cumulative net cash flow; `None` without a case.
    pub payback: Option<PaybackMark>,
    /// The payback of the flows discounted at the request's rate; `None` without a case.
    pub discounted_payback: Option<PaybackMark>,
    pub budget: Vec<BudgetImpactYear>,
    /// Total depreciation over the schedule.
    #[serde(with = "decimal_text::option")]
    #[ts(type = "string | null")]
    pub depreciation_total: Option<Decimal>,
    /// Why there is no depreciation schedule (no in-service or purchase date).
    pub depreciation_problem: Option<String>,
}

/// The financial cases of a request's candidates, as the window shows them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct FinancialCaseView {
    pub currency: String,
    #[serde(with = "decimal_text")]
    #[ts(type = "string")]
    pub discount_rate: Decimal,
    pub candidates: Vec<CandidateCaseView>,
}

/// The years after year 0 the case runs over.
fn horizon(case: &FinancialCase) -> u32 {
    u32::try_from(case.years.len().saturating_sub(1)).unwrap_or(u32::MAX)
}

/// The case's key figures, the NPV first.
pub fn key_figures(case: &FinancialCase, currency: &Currency) -> Vec<CaseFigure> {
    let horizon = horizon(case);
    let mut figures = vec![
        CaseFigure::new(
            "NPV of the net cash flow",
            money_units(currency, case.npv),
            true,
        ),
        CaseFigure::new("Payback", payback_text(&case.payback, horizon), false),
        CaseFigure::new(
            "Discounted payback",
            payback_text(&case.discounted_payback, horizon),
            false,
        ),
        CaseFigure::new(
            "ROI",
            case.roi.map_or_else(
                || "-".into(),
                |r| format!("{} %", (r * Decimal::ONE_HUNDRED).round_dp(1)),
            ),
            false,
        ),
        CaseFigure::new("IRR", irr_text(&case.irr), false),
        CaseFigure::new(
            "MIRR",
            mirr_text(case.mirr, case.mirr_problem.as_deref()),
            false,
        ),
    ];
    if let Some(v) = case.cost_per_procedure {
        figures.push(CaseFigure::new(
            "Cost per procedure (EAC)",
            money_cents(currency, v),
            false,
        ));
    }
    figures
}

/// The name of a way to pay.
pub fn option_name(o: LeaseOption) -> &'static str {
    match o {
        LeaseOption::Purchase => "Purchase",
        LeaseOption::OperatingLease => "Operating lease",
        LeaseOption::CapitalLease => "Capital lease (bargain purchase)",
    }
}

/// The lease comparison in words: each way to pay with the present value of its costs (the
/// cheapest strong), then each lease against purchase with the rate where the answer
/// flips. Empty without a lease offer.
pub fn lease_figures(case: &FinancialCase, currency: &Currency) -> Vec<CaseFigure> {
    let Some(lease) = &case.lease else {
        return Vec::new();
    };
    let mut figures: Vec<CaseFigure> = lease
        .options
        .iter()
        .map(|o| {
            CaseFigure::new(
                option_name(o.option),
                format!(
                    "present value of its costs {}",
                    money_units(currency, o.present_value)
                ),
                o.option == lease.cheapest,
            )
        })
        .collect();
    for c in &lease.comparisons {
        let flip = match &c.break_even_rate {
            BreakEven::Rate { rate } => format!(
                "the answer flips at a discount rate of {} %",
                (rate.round_dp(4) * Decimal::ONE_HUNDRED).normalize()
            ),
            BreakEven::NoneInRange => "the same answer at every rate from 0 to 100 %".into(),
        };
        figures.push(CaseFigure::new(
            format!("{} against purchase", option_name(c.lease)),
            format!(
                "{} is cheaper by {}; {flip}",
                option_name(c.cheaper),
                money_units(currency, c.by)
            ),
            false,
        ));
    }
    figures
}

/// The request's cases as the window shows them.
pub fn case_view(r: &RequestFinancialCase) -> FinancialCaseView {
    let candidates = r
        .candidates
        .iter()
        .map(|c| {
            let case = c.case.as_ref();
            CandidateCaseView {
                candidate_id: c.candidate_id,
                label: c.label.clone(),
                entered: c.entered,
                problem: c.problem.clone(),
                figures: case
                    .map(|f| key_figures(f, &r.currency))
                    .unwrap_or_default(),
                lease: case
                    .map(|f| lease_figures(f, &r.currency))
                    .unwrap_or_default(),
                years: case.map(|f| f.years.clone()).unwrap_or_default(),
                payback: case.map(|f| PaybackMark::new("Payback", &f.payback, horizon(f))),
                discounted_payback: case.map(|f| {
                    PaybackMark::new("Discounted payback", &f.discounted_payback, horizon(f))
                }),
                budget: case.map(|f| f.budget_impact.clone()).unwrap_or_default(),
                depreciation_total: case
                    .map(|f| f.budget_impact.iter().map(|y| y.depreciation).sum()),
                depreciation_problem: case.and_then(|f| f.depreciation_problem.clone()),
            }
        })
        .collect();
    FinancialCaseView {
        currency: r.currency.to_string(),
        discount_rate: r.discount_rate,
        candidates,
    }
}

// The depreciation and lease choices as the window lists them in its selects.

crate::ipc::choice!(DepreciationMethod {
    StraightLine => "Straight line",
    DecliningBalance => "Declining balance (fixed rate)",
    DoubleDecliningBalance => "Double declining balance",
    SumOfYearsDigits => "Sum of the years' digits",
});

crate::ipc::choice!(FirstYearConvention {
    FullMonth => "Full month (from in service)",
    HalfYear => "Half year",
});

crate::ipc::choice!(TaxStatus {
    NonProfit => "Non-profit (no income tax)",
    ForProfit => "For-profit (pays income tax)",
});

crate::ipc::choice!(PaymentTiming {
    Advance => "In advance",
    Arrears => "In arrears",
});

#[cfg(test)]
mod tests {
    use rust_decimal_macros::dec;

    use super::*;

    #[test]
    fn a_payback_mark_is_the_engines_years_in_the_figures_words() {
        let years = Payback::Years {
            years: dec!(3.333333),
        };
        assert_eq!(
            PaybackMark::new("Payback", &years, 5),
            PaybackMark {
                years: Some(dec!(3.333333)),
                label: "Payback 3.3 years".into(),
            }
        );
        assert_eq!(
            PaybackMark::new("Discounted payback", &Payback::Never, 5),
            PaybackMark {
                years: None,
                label: "Discounted payback not within the 5-year horizon".into(),
            }
        );
    }
}
