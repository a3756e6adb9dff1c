#![allow(clippy::unwrap_used)]

use chrono::NaiveDate;
use rust_decimal::Decimal;
use rust_decimal_macros::dec;

use super::*;
use crate::finance::{LeaseOption, NoIrr, OperatingLease, PaymentTiming};
use crate::lifecycle::lifecycle_cost;
use crate::money::Currency;

/// One device at 100,000, nothing else to pay for five years (the warranty covers them).
fn model(life: u32) -> CostModel {
    CostModel {
        unit_price: dec!(100000),
        quantity: 1,
        discount_pct: dec!(0),
        trade_in_credit: dec!(0),
        installation: dec!(0),
        it_integration: dec!(0),
        training: dec!(0),
        warranty_years: life,
        service_annual: dec!(0),
        service_escalation: dec!(0),
        cost_per_use: dec!(0),
        annual_uses: dec!(0),
        power_watts: dec!(0),
        hours_per_year: dec!(0),
        tariff_per_kwh: dec!(0),
        software_annual: dec!(0),
        staffing_annual: dec!(0),
        expected_life_years: life,
        disposal: dec!(0),
        residual_value: dec!(0),
    }
}

/// 10 %, no inflation, fiscal years from July, bought on 1 July 2026 (FY2027).
fn assumptions() -> Assumptions {
    Assumptions {
        discount_rate: dec!(0.10),
        inflation: dec!(0),
        currency: Currency::usd(),
        fiscal_year_start_month: 7,
        purchase_date: NaiveDate::from_ymd_opt(2026, 7, 1),
    }
}

fn saving(amount: Decimal) -> SavingLine {
    SavingLine {
        kind: SavingKind::ServiceContracts,
        label: String::new(),
        amount,
        escalation: dec!(0),
        one_off_year: None,
    }
}

fn case_of(inputs: &FinancialInputs, m: &CostModel) -> FinanceResult<FinancialCase> {
    let a = assumptions();
    let lc = lifecycle_cost(m, &a).unwrap();
    financial_case(inputs, m, &lc, &a)
}

#[test]
fn a_saving_of_30000_a_year_against_100000() {
    let inputs = FinancialInputs {
        savings: vec![saving(dec!(30000))],
        ..FinancialInputs::default()
    };
    let c = case_of(&inputs, &model(5)).unwrap();
    let net: Vec<Decimal> = c.years.iter().map(|y| y.net).collect();
    assert_eq!(
        net,
        [
            dec!(-100000),
            dec!(30000),
            dec!(30000),
            dec!(30000),
            dec!(30000),
            dec!(30000)
        ]
    );
    // NPV = -100,000 + 30,000 x (1 - 1.1^-5) / 0.1 = -100,000 + 113,723.60 = 13,723.60.
    assert_eq!(c.npv.round_dp(2), dec!(13723.60));
    // Cumulative -100,000, -70,000, -40,000, -10,000, +20,000: 3 + 10,000 / 30,000.
    assert_eq!(
        c.payback,
        Payback::Years {
            years: dec!(3.333333)
        }
    );
    // Discounted: 27,272.73 + 24,793.39 + 22,539.44 + 20,490.40 = 95,095.96 after year 4;
    // 4,904.04 left of year 5's 18,627.64: 4 + 0.263267.
    assert_eq!(
        c.discounted_payback,
        Payback::Years {
            years: dec!(4.263267)
        }
    );
    // ROI = (150,000 - 100,000) / 100,000.
    assert_eq!(c.roi, Some(dec!(0.5)));
    // IRR of (-100, 30 x 5): the annuity factor 3.3333 is reached at 15.24 %.
    let Irr::Rate { rate } = c.irr else {
        panic!("{:?}", c.irr)
    };
    assert_eq!(rate.round_dp(4), dec!(0.1524));
    // MIRR at 10 %: FV of the savings 30,000 x 6.1051 = 183,153; (1.83153)^(1/5) - 1.
    assert_eq!(c.mirr.unwrap().round_dp(6), dec!(0.128659));
    assert_eq!(c.total_net, dec!(50000));
    assert_eq!(c.cost_per_procedure, None);
}

#[test]
fn depreciation_and_the_budgets_by_fiscal_year() {
    let inputs = FinancialInputs {
        savings: vec![saving(dec!(30000))],
        ..FinancialInputs::default()
    };
    let c = case_of(&inputs, &model(5)).unwrap();
    // Straight line: 100,000 over 5 years from July 2026, a full first fiscal year
    // (July start): 20,000 in each of FY2027 to FY2031.
    let d = c.depreciation.as_ref().unwrap();
    let by_year: Vec<(i32, Decimal)> = d
        .years
        .iter()
        .filter(|y| !y.expense.is_zero())
        .map(|y| (y.fiscal_year, y.expense))
        .collect();
    assert_eq!(
        by_year,
        (2027..=2031)
            .map(|fy| (fy, dec!(20000)))
            .collect::<Vec<_>>()
    );
    // FY2027: the purchase on the capital budget, a year of depreciation on the
    // operating one; FY2028: the first year's saving, 20,000 - 30,000 = -10,000.
    let fy = |y: i32| c.budget_impact.iter().find(|b| b.fiscal_year == y).unwrap();
    assert_eq!(fy(2027).capital, dec!(100000));
    assert_eq!(fy(2027).operating_impact, dec!(20000));
    assert_eq!(fy(2028).savings_and_revenue, dec!(30000));
    assert_eq!(fy(2028).operating_impact, dec!(-10000));
    // FY2032 holds year 5's saving and no depreciation.
    assert_eq!(fy(2032).operating_impact, dec!(-30000));
}

#[test]
fn revenue_escalates_and_gives_a_cost_per_procedure() {
    let inputs = FinancialInputs {
        revenue: Some(Revenue {
            procedures_per_year: dec!(1000),
            reimbursement: dec!(50),
            escalation: dec!(0.10),
        }),
        savings: vec![SavingLine {
            kind: SavingKind::TradeIn,
            one_off_year: Some(0),
            ..saving(dec!(4000))
        }],
        ..FinancialInputs::default()
    };
    let c = case_of(&inputs, &model(2)).unwrap();
    // 1,000 x 50 = 50,000 in year 1, 55,000 in year 2; the trade-in in year 0 only.
    let revenue: Vec<Decimal> = c.years.iter().map(|y| y.revenue).collect();
    assert_eq!(revenue, [dec!(0), dec!(50000), dec!(55000)]);
    assert_eq!(c.years[0].savings, dec!(4000));
    assert_eq!(c.years[1].savings, dec!(0));
    // EAC of 100,000 over 2 years at 10 %: 100,000 x 0.1 / (1 - 1.1^-2) = 57,619.05;
    // per procedure 57.62.
    assert_eq!(c.cost_per_procedure.unwrap().round_dp(2), dec!(57.62));
    // The trade-in offsets the capital of FY2027, not the operating budget.
    assert_eq!(c.budget_impact[0].capital_offsets, dec!(4000));
}

#[test]
fn an_irr_that_is_not_one_number_is_said_so() {
    // -100,000 in year 0, +230,000 in year 1, -132,000 in year 2 (disposal): the NPV is
    // zero at 10 % (-100 + 209.09 - 109.09) and at 20 % (-100 + 191.67 - 91.67).
    let mut m = model(2);
    m.disposal = dec!(132000);
    let inputs = FinancialInputs {
        savings: vec![SavingLine {
            one_off_year: Some(1),
            ..saving(dec!(230000))
        }],
        ..FinancialInputs::default()
    };
    let c = case_of(&inputs, &m).unwrap();
    assert_eq!(
        c.irr,
        Irr::Multiple {
            rates: vec![dec!(0.1), dec!(0.2)]
        }
    );
    assert_eq!(
        irr_text(&c.irr),
        "not one rate: the NPV is zero at 10.0 %, 20.0 % (use the NPV and MIRR)"
    );
    // No savings at all: every net flow is a cost.
    let c = case_of(&FinancialInputs::default(), &model(5)).unwrap();
    assert_eq!(
        c.irr,
        Irr::None {
            reason: NoIrr::NoSignChange
        }
    );
    assert_eq!(irr_text(&c.irr), "none: the net flows never change sign");
    assert!(c.mirr.is_none() && c.mirr_problem.is_some());
    assert_eq!(payback_text(&c.payback, 5), "not within the 5-year horizon");
}

#[test]
fn a_lease_against_buying_at_the_capital() {
    let inputs = FinancialInputs {
        lease: Some(LeaseOffer {
            term_years: 5,
            tax_status: Default::default(),
            tax_rate: dec!(0),
            purchase_maintenance_per_year: dec!(0),
            purchase_salvage: dec!(0),
            operating_lease: Some(OperatingLease {
                payment_per_year: dec!(25000),
                timing: PaymentTiming::Advance,
                maintenance_per_year: dec!(0),
            }),
            capital_lease: None,
        }),
        ..FinancialInputs::default()
    };
    let c = case_of(&inputs, &model(5)).unwrap();
    let lease = c.lease.unwrap();
    // Five payments of 25,000 in advance at 10 %: 25,000 x (1 + 3.169865) = 104,246.64,
    // against 100,000 paid at once: buying is cheaper by 4,246.64.
    assert_eq!(lease.cheapest, LeaseOption::Purchase);
    assert_eq!(lease.comparisons[0].by.round_dp(2), dec!(4246.64));
}

#[test]
fn bad_input_names_the_field() {
    fn check(edit: impl FnOnce(&mut FinancialInputs), field: &str) {
        let mut inputs = FinancialInputs {
            savings: vec![saving(dec!(1000))],
            ..FinancialInputs::default()
        };
        edit(&mut inputs);
        let err = case_of(&inputs, &model(5)).unwrap_err();
        assert_eq!(err.field(), field, "{err}");
    }
    check(|i| i.savings[0].amount = dec!(-1), "savings[0].amount");
    check(
        |i| i.savings[0].escalation = dec!(-1),
        "savings[0].escalation",
    );
    check(
        |i| i.savings[0].one_off_year = Some(6),
        "savings[0].one_off_year",
    );
    check(
        |i| {
            i.revenue = Some(Revenue {
                procedures_per_year: dec!(-5),
                reimbursement: dec!(1),
                escalation: dec!(0),
            })
        },
        "revenue.procedures_per_year",
    );
    check(
        |i| i.depreciation.life_years = Some(0),
        "depreciation.life_years",
    );
    check(
        |i| i.depreciation.salvage = Some(dec!(100001)),
        "depreciation.salvage",
    );
    check(
        |i| {
            i.lease = Some(LeaseOffer {
                term_years: 6,
                tax_status: Default::default(),
                tax_rate: dec!(0),
                purchase_maintenance_per_year: dec!(0),
                purchase_salvage: dec!(0),
                operating_lease: None,
                capital_lease: None,
            })
        },
        "lease.term_years",
    );
}
