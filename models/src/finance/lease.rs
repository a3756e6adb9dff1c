//! Lease versus buy: the present value of each way to get the device, at the hospital's
//! cost of capital, over the lease term.
//!
//! Every option's cash flows are costs (positive = money paid) at years 0..=term:
//! - purchase: the price at 0; maintenance at the end of each year; at the end of the term
//!   the device's market value (`salvage`) comes back (a negative cost);
//! - operating lease (fair-market-value: the device goes back at the end): the payments,
//!   in advance (years 0..term-1) or in arrears (1..term), and the lessee's maintenance;
//! - capital lease with a bargain purchase option: the payments and maintenance, then the
//!   option price at the end of the term, after which the hospital owns a device worth
//!   `salvage`, as a buyer does.
//!
//! Tax: a non-profit hospital pays none, so nothing is shielded. A for-profit one deducts
//! maintenance and lease payments when paid (each costs `1 - tax_rate` of itself) and the
//! purchase's straight-line depreciation over `depreciation_years` (a shield of
//! `tax_rate · price / depreciation_years` at the end of each year); selling at the end
//! of the term is taxed on the gain over book value (`salvage - tax_rate · (salvage -
//! book)`), book value being the price less the depreciation taken, or the option price
//! for the capital lease.

use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::irr::npv_roots;
use super::tvm::npv;
use super::{check_rate, non_negative, FinanceError, FinanceResult};
use crate::money::decimal_text;

/// The longest lease term or device life accepted, in years.
const MAX_YEARS: u32 = 100;

/// Whether the hospital pays income tax.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum TaxStatus {
    #[default]
    NonProfit,
    ForProfit,
}

/// When lease payments fall in each year.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum PaymentTiming {
    /// At the start of each year (years 0 to term - 1), as most leases are written.
    #[default]
    Advance,
    /// At the end of each year (years 1 to term).
    Arrears,
}

/// Buying the device outright.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Purchase {
    #[serde(with = "decimal_text")]
    pub price: Decimal,
    #[serde(default, with = "decimal_text")]
    pub maintenance_per_year: Decimal,
    /// The device's market value at the end of the lease term.
    #[serde(default, with = "decimal_text")]
    pub salvage: Decimal,
}

/// An operating (fair-market-value) lease: the device goes back at the end of the term.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
pub struct OperatingLease {
    #[serde(with = "decimal_text")]
    #[ts(type = "string")]
    pub payment_per_year: Decimal,
    #[serde(default)]
    pub timing: PaymentTiming,
    /// Maintenance the hospital still pays (zero when the lessor maintains).
    #[serde(default, with = "decimal_text")]
    #[ts(type = "string")]
    pub maintenance_per_year: Decimal,
}

/// A capital lease with a bargain purchase option taken at the end of the term.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
pub struct CapitalLease {
    #[serde(with = "decimal_text")]
    #[ts(type = "string")]
    pub payment_per_year: Decimal,
    #[serde(default)]
    pub timing: PaymentTiming,
    #[serde(with = "decimal_text")]
    #[ts(type = "string")]
    pub purchase_option_price: Decimal,
    #[serde(default, with = "decimal_text")]
    #[ts(type = "string")]
    pub maintenance_per_year: Decimal,
}

/// The comparison's inputs: a purchase and at least one lease.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct LeaseVsBuyInput {
    /// The hospital's cost of capital (or after-tax cost of debt), per year.
    #[serde(with = "decimal_text")]
    pub discount_rate: Decimal,
    /// The lease term and the horizon of the comparison, in years.
    pub term_years: u32,
    /// The device's useful life, in years: no lease may run longer.
    pub life_years: u32,
    /// Tax depreciation period of the purchase (the life when absent).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub depreciation_years: Option<u32>,
    #[serde(default)]
    pub tax_status: TaxStatus,
    /// Income tax rate of a for-profit hospital (0.21 is 21 %); ignored for a non-profit.
    #[serde(default, with = "decimal_text")]
    pub tax_rate: Decimal,
    pub purchase: Purchase,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub operating_lease: Option<OperatingLease>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub capital_lease: Option<CapitalLease>,
}

/// One of the ways to get the device.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum LeaseOption {
    Purchase,
    OperatingLease,
    CapitalLease,
}

/// An option's after-tax cash flows (costs, years 0..=term) and their present value.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct LeaseVsBuyOption {
    pub option: LeaseOption,
    #[serde(with = "decimal_text::list")]
    pub cash_flows: Vec<Decimal>,
    #[serde(with = "decimal_text")]
    pub present_value: Decimal,
}

/// The discount rate at which a lease and the purchase cost the same.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "outcome", rename_all = "snake_case")]
pub enum BreakEven {
    /// The rate in [0, 100 %] nearest the discount rate, to 10 decimal places.
    Rate { rate: Decimal },
    /// The answer is the same at every rate from 0 to 100 %.
    NoneInRange,
}

/// A lease against the purchase.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct LeaseComparison {
    pub lease: LeaseOption,
    /// PV(purchase) - PV(lease): positive when the lease is cheaper.
    #[serde(with = "decimal_text")]
    pub net_advantage_to_leasing: Decimal,
    pub cheaper: LeaseOption,
    /// How much cheaper, in present value.
    #[serde(with = "decimal_text")]
    pub by: Decimal,
    pub break_even_rate: BreakEven,
}

/// Each option's present value, the cheapest, and each lease against the purchase.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct LeaseVsBuyResult {
    pub options: Vec<LeaseVsBuyOption>,
    pub cheapest: LeaseOption,
    pub comparisons: Vec<LeaseComparison>,
}

struct Flows {
    years: Vec<Decimal>,
    tax: Decimal,
}

impl Flows {
    fn new(term: u32, tax: Decimal) -> Self {
        Flows {
            years: vec![Decimal::ZERO; term as usize + 1],
            tax,
        }
    }

    fn term(&self) -> usize {
        self.years.len() - 1
    }

    /// A deductible cost at year `t`: `amount · (1 - tax)`.
    fn expense(&mut self, t: usize, amount: Decimal) -> FinanceResult<()> {
        let after_tax = amount
            .checked_mul(Decimal::ONE - self.tax)
            .ok_or_else(|| FinanceError::overflow("purchase"))?;
        self.add(t, after_tax)
    }

    fn add(&mut self, t: usize, amount: Decimal) -> FinanceResult<()> {
        self.years[t] = self.years[t]
            .checked_add(amount)
            .ok_or_else(|| FinanceError::overflow("purchase"))?;
        Ok(())
    }

    fn maintenance(&mut self, per_year: Decimal) -> FinanceResult<()> {
        for t in 1..=self.term() {
            self.expense(t, per_year)?;
        }
        Ok(())
    }

    fn payments(&mut self, per_year: Decimal, timing: PaymentTiming) -> FinanceResult<()> {
        let term = self.term();
        let years = match timing {
            PaymentTiming::Advance => 0..term,
            PaymentTiming::Arrears => 1..term + 1,
        };
        for t in years {
            self.expense(t, per_year)?;
        }
        Ok(())
    }

    /// The device sold (or kept) at its market value at the end of the term, taxed on
    /// the gain over `book`.
    fn residual(&mut self, value: Decimal, book: Decimal) -> FinanceResult<()> {
        let after_tax = value - self.tax * (value - book);
        let t = self.term();
        self.add(t, -after_tax)
    }
}

fn check(input: &LeaseVsBuyInput) -> FinanceResult<(Decimal, u32)> {
    check_rate("discount_rate", input.discount_rate)?;
    if input.life_years == 0 {
        return Err(FinanceError::ZeroLife {
            field: "life_years".into(),
        });
    }
    if input.term_years == 0 || input.term_years > MAX_YEARS || input.life_years > MAX_YEARS {
        let field = if input.term_years == 0 || input.term_years > MAX_YEARS {
            "term_years"
        } else {
            "life_years"
        };
        return Err(FinanceError::invalid(
            field,
            format!("give 1 to {MAX_YEARS} years"),
        ));
    }
    if input.term_years > input.life_years {
        return Err(FinanceError::LeaseLongerThanLife {
            field: "term_years".into(),
            term: input.term_years,
            life: input.life_years,
        });
    }
    let depreciation_years = input.depreciation_years.unwrap_or(input.life_years);
    if depreciation_years == 0 {
        return Err(FinanceError::ZeroLife {
            field: "depreciation_years".into(),
        });
    }
    let tax = match input.tax_status {
        TaxStatus::NonProfit => Decimal::ZERO,
        TaxStatus::ForProfit
            if input.tax_rate < Decimal::ZERO || input.tax_rate >= Decimal::ONE =>
        {
            return Err(FinanceError::invalid(
                "tax_rate",
                "give a rate from 0 to below 1 (0.21 is 21 %)",
            ))
        }
        TaxStatus::ForProfit => input.tax_rate,
    };
    let p = &input.purchase;
    for (field, v) in [
        ("price", p.price),
        ("maintenance_per_year", p.maintenance_per_year),
        ("salvage", p.salvage),
    ] {
        non_negative(field, v).map_err(|e| e.within("purchase"))?;
    }
    if let Some(l) = &input.operating_lease {
        for (field, v) in [
            ("payment_per_year", l.payment_per_year),
            ("maintenance_per_year", l.maintenance_per_year),
        ] {
            non_negative(field, v).map_err(|e| e.within("operating_lease"))?;
        }
    }
    if let Some(l) = &input.capital_lease {
        for (field, v) in [
            ("payment_per_year", l.payment_per_year),
            ("purchase_option_price", l.purchase_option_price),
            ("maintenance_per_year", l.maintenance_per_year),
        ] {
            non_negative(field, v).map_err(|e| e.within("capital_lease"))?;
        }
    }
    if input.operating_lease.is_none() && input.capital_lease.is_none() {
        return Err(FinanceError::invalid(
            "operating_lease",
            "give an operating_lease, a capital_lease or both",
        ));
    }
    Ok((tax, depreciation_years))
}

fn purchase_flows(
    input: &LeaseVsBuyInput,
    tax: Decimal,
    depreciation_years: u32,
) -> FinanceResult<Vec<Decimal>> {
    let p = &input.purchase;
    let mut f = Flows::new(input.term_years, tax);
    f.add(0, p.price)?;
    f.maintenance(p.maintenance_per_year)?;
    let per_year = p.price / Decimal::from(depreciation_years);
    let taken_years = input.term_years.min(depreciation_years);
    for t in 1..=taken_years as usize {
        f.add(t, -(tax * per_year))?;
    }
    let book = p.price - per_year * Decimal::from(taken_years);
    f.residual(p.salvage, book)?;
    Ok(f.years)
}

fn operating_flows(
    input: &LeaseVsBuyInput,
    lease: &OperatingLease,
    tax: Decimal,
) -> FinanceResult<Vec<Decimal>> {
    let mut f = Flows::new(input.term_years, tax);
    f.payments(lease.payment_per_year, lease.timing)?;
    f.maintenance(lease.maintenance_per_year)?;
    Ok(f.years)
}

fn capital_flows(
    input: &LeaseVsBuyInput,
    lease: &CapitalLease,
    tax: Decimal,
) -> FinanceResult<Vec<Decimal>> {
    let mut f = Flows::new(input.term_years, tax);
    f.payments(lease.payment_per_year, lease.timing)?;
    f.maintenance(lease.maintenance_per_year)?;
    let end = f.term();
    f.add(end, lease.purchase_option_price)?;
    f.residual(input.purchase.salvage, lease.purchase_option_price)?;
    Ok(f.years)
}

/// The break-even discount rate of two options' flows: the root in [0, 100 %] of the NPV
/// of their difference nearest `rate`.
fn break_even(buy: &[Decimal], lease: &[Decimal], rate: Decimal) -> BreakEven {
    let difference: Vec<Decimal> = buy.iter().zip(lease).map(|(b, l)| b - l).collect();
    let grid: Vec<Decimal> = (0..=100).map(|p| Decimal::new(p, 2)).collect();
    npv_roots(&difference, &grid)
        .into_iter()
        .min_by_key(|r| (r - rate).abs())
        .map_or(BreakEven::NoneInRange, |rate| BreakEven::Rate { rate })
}

/// Compares buying the device with leasing it on the present value of each option's
/// after-tax costs at `discount_rate` over the lease term (see the module documentation).
pub fn lease_vs_buy(input: &LeaseVsBuyInput) -> FinanceResult<LeaseVsBuyResult> {
    let (tax, depreciation_years) = check(input)?;
    let mut flows = vec![(
        LeaseOption::Purchase,
        purchase_flows(input, tax, depreciation_years)?,
    )];
    if let Some(l) = &input.operating_lease {
        flows.push((LeaseOption::OperatingLease, operating_flows(input, l, tax)?));
    }
    if let Some(l) = &input.capital_lease {
        flows.push((LeaseOption::CapitalLease, capital_flows(input, l, tax)?));
    }
    let options = flows
        .into_iter()
        .map(|(option, cash_flows)| {
            let present_value = npv(input.discount_rate, &cash_flows)
                .ok_or_else(|| FinanceError::overflow("discount_rate"))?;
            Ok(LeaseVsBuyOption {
                option,
                cash_flows,
                present_value,
            })
        })
        .collect::<FinanceResult<Vec<_>>>()?;
    let buy = &options[0];
    let comparisons = options[1..]
        .iter()
        .map(|lease| {
            let advantage = buy.present_value - lease.present_value;
            LeaseComparison {
                lease: lease.option,
                net_advantage_to_leasing: advantage,
                cheaper: if advantage > Decimal::ZERO {
                    lease.option
                } else {
                    LeaseOption::Purchase
                },
                by: advantage.abs(),
                break_even_rate: break_even(
                    &buy.cash_flows,
                    &lease.cash_flows,
                    input.discount_rate,
                ),
            }
        })
        .collect();
    let cheapest = options
        .iter()
        .min_by_key(|o| o.present_value)
        .map_or(LeaseOption::Purchase, |o| o.option);
    Ok(LeaseVsBuyResult {
        options,
        cheapest,
        comparisons,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use rust_decimal_macros::dec;

    fn base() -> LeaseVsBuyInput {
        LeaseVsBuyInput {
            discount_rate: dec!(0.075),
            term_years: 6,
            life_years: 6,
            depreciation_years: Some(3),
            tax_status: TaxStatus::ForProfit,
            tax_rate: dec!(0.30),
            purchase: Purchase {
                price: dec!(300000),
                maintenance_per_year: dec!(0),
                salvage: dec!(10000),
            },
            operating_lease: Some(OperatingLease {
                payment_per_year: dec!(65000),
                timing: PaymentTiming::Advance,
                maintenance_per_year: dec!(0),
            }),
            capital_lease: None,
        }
    }

    /// "Lecture 5: Leasing vs Buying" (PowerShow, powershow.com/view1/1d8259-ZDc1Z): a
    /// computer costs 300,000; six rentals of 65,000 annually in advance; straight-line
    /// depreciation over 3 years; disposal value 10,000 at the end of the lease (t = 6);
    /// tax 30 %; after-tax discount rate 7.5 %. Published: PV of the depreciation tax
    /// benefit 78,016, of the after-tax salvage 4,536, cost of buying 300,000 - 78,016 -
    /// 4,536 = 217,448; "the PV of the total cost of buying is lower, you should buy".
    #[test]
    fn lecture_example_buy_is_cheaper() {
        let r = lease_vs_buy(&base()).unwrap();
        let buy = &r.options[0];
        assert_eq!(buy.present_value.round(), dec!(217448));
        assert_eq!(r.cheapest, LeaseOption::Purchase);
        let c = &r.comparisons[0];
        assert_eq!(c.cheaper, LeaseOption::Purchase);
        // Lease: 45,500 after tax in years 0-5.
        let lease = &r.options[1];
        assert_eq!(lease.cash_flows[0], dec!(45500));
        assert_eq!(lease.cash_flows[6], dec!(0));
        assert_eq!(c.by, lease.present_value - buy.present_value);
        match &c.break_even_rate {
            BreakEven::Rate { rate } => {
                let diff: Vec<Decimal> = buy
                    .cash_flows
                    .iter()
                    .zip(&lease.cash_flows)
                    .map(|(b, l)| b - l)
                    .collect();
                assert!(npv(*rate, &diff).unwrap().abs() < dec!(0.001), "{rate}");
                assert!(*rate > dec!(0.075));
            }
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn non_profit_pays_no_tax_and_the_capital_lease_owns_the_device() {
        let mut i = base();
        i.tax_status = TaxStatus::NonProfit;
        i.capital_lease = Some(CapitalLease {
            payment_per_year: dec!(55000),
            timing: PaymentTiming::Arrears,
            purchase_option_price: dec!(1),
            maintenance_per_year: dec!(0),
        });
        let r = lease_vs_buy(&i).unwrap();
        assert_eq!(
            r.options[0].cash_flows,
            [
                dec!(300000),
                dec!(0),
                dec!(0),
                dec!(0),
                dec!(0),
                dec!(0),
                dec!(-10000)
            ]
        );
        let capital = &r.options[2];
        assert_eq!(capital.cash_flows[0], dec!(0));
        assert_eq!(capital.cash_flows[6], dec!(55000) + dec!(1) - dec!(10000));
        assert_eq!(r.comparisons.len(), 2);
        let pv = |flows: &[Decimal]| npv(dec!(0.075), flows).unwrap();
        assert_eq!(capital.present_value, pv(&capital.cash_flows));
        assert_eq!(
            r.options
                .iter()
                .min_by_key(|o| o.present_value)
                .unwrap()
                .option,
            r.cheapest
        );
    }

    #[test]
    fn refusals_name_the_field() {
        let mut i = base();
        i.term_years = 7;
        assert_eq!(
            lease_vs_buy(&i).unwrap_err(),
            FinanceError::LeaseLongerThanLife {
                field: "term_years".into(),
                term: 7,
                life: 6
            }
        );
        let mut i = base();
        i.discount_rate = dec!(-1);
        assert_eq!(lease_vs_buy(&i).unwrap_err().field(), "discount_rate");
        let mut i = base();
        i.purchase.salvage = dec!(-5);
        assert_eq!(lease_vs_buy(&i).unwrap_err().field(), "purchase.salvage");
        let mut i = base();
        i.operating_lease = None;
        assert_eq!(lease_vs_buy(&i).unwrap_err().field(), "operating_lease");
        let mut i = base();
        i.life_years = 0;
        assert_eq!(lease_vs_buy(&i).unwrap_err().field(), "life_years");
    }
}
