//! Depreciation: Excel's SLN, DB, DDB and SYD for one period, and a schedule by fiscal
//! year.
//!
//! The schedule depreciates by years of life (year 1 starts when the device enters
//! service) and gives each fiscal year its share: under the full-month convention the
//! first fiscal year holds the months from the in-service month (counted whole) to its
//! end; under the half-year convention it holds half a year whatever the month. Each year
//! of life is spread evenly over its twelve months, so a fiscal year takes the end of one
//! year of life and the start of the next. For a fixed-rate declining balance this is
//! exactly Excel's `DB` with its `month` argument. The last year of life takes whatever
//! remains down to salvage (the spreadsheet functions do not), so the schedule always
//! adds up to cost - salvage.

use chrono::NaiveDate;
use rust_decimal::{Decimal, RoundingStrategy};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::math::powd;
use super::{non_negative, FinanceError, FinanceResult};
use crate::lifecycle::fiscal_year_of;
use crate::money::{decimal_text, round_amounts_to};

/// The most periods DB and DDB step through (e.g. 100 years by month is 1,200).
pub const MAX_DEPRECIATION_PERIODS: u32 = 10_000;

/// The longest life a schedule accepts, in years.
const MAX_SCHEDULE_YEARS: u32 = 100;

fn check_cost_salvage(cost: Decimal, salvage: Decimal) -> FinanceResult<()> {
    non_negative("cost", cost)?;
    non_negative("salvage", salvage)?;
    if salvage > cost {
        return Err(FinanceError::SalvageAboveCost {
            field: "salvage".into(),
            salvage,
            cost,
        });
    }
    Ok(())
}

fn check_life(life: u32) -> FinanceResult<()> {
    if life == 0 {
        return Err(FinanceError::ZeroLife {
            field: "life".into(),
        });
    }
    if life > MAX_DEPRECIATION_PERIODS {
        return Err(FinanceError::invalid(
            "life",
            format!("at most {MAX_DEPRECIATION_PERIODS} periods"),
        ));
    }
    Ok(())
}

fn check_period(period: u32, last: u32) -> FinanceResult<()> {
    if period == 0 || period > last {
        return Err(FinanceError::invalid(
            "period",
            format!("{period} is not a period from 1 to {last}"),
        ));
    }
    Ok(())
}

/// Excel's `SLN(cost, salvage, life)`: `(cost - salvage) / life`, per period.
pub fn sln(cost: Decimal, salvage: Decimal, life: Decimal) -> FinanceResult<Decimal> {
    check_cost_salvage(cost, salvage)?;
    if life <= Decimal::ZERO {
        return Err(FinanceError::ZeroLife {
            field: "life".into(),
        });
    }
    Ok((cost - salvage) / life)
}

/// Excel's `SYD(cost, salvage, life, per)`: `(cost - salvage) · (life - per + 1) · 2 /
/// (life · (life + 1))`.
pub fn syd(cost: Decimal, salvage: Decimal, life: u32, per: u32) -> FinanceResult<Decimal> {
    check_cost_salvage(cost, salvage)?;
    check_life(life)?;
    check_period(per, life)?;
    let (l, p) = (Decimal::from(life), Decimal::from(per));
    Ok((cost - salvage) * (l - p + Decimal::ONE) * Decimal::TWO / (l * (l + Decimal::ONE)))
}

/// Excel's fixed rate of `DB`: `1 - (salvage / cost)^(1 / life)`, rounded to 3 decimals.
fn db_rate(cost: Decimal, salvage: Decimal, life: u32) -> FinanceResult<Decimal> {
    if cost.is_zero() {
        return Ok(Decimal::ZERO);
    }
    let kept = powd(salvage / cost, Decimal::ONE / Decimal::from(life))
        .ok_or_else(|| FinanceError::overflow("life"))?;
    Ok((Decimal::ONE - kept).round_dp_with_strategy(3, RoundingStrategy::MidpointAwayFromZero))
}

/// Excel's `DB(cost, salvage, life, period, [month])`: fixed-declining balance at the rate
/// `1 - (salvage/cost)^(1/life)` rounded to 3 decimals; the first period holds `month`
/// months of it, and when `month < 12` a period `life + 1` holds the rest of the last year.
pub fn db(
    cost: Decimal,
    salvage: Decimal,
    life: u32,
    period: u32,
    month: u32,
) -> FinanceResult<Decimal> {
    check_cost_salvage(cost, salvage)?;
    check_life(life)?;
    if !(1..=12).contains(&month) {
        return Err(FinanceError::invalid(
            "month",
            format!("{month} is not a month count from 1 to 12"),
        ));
    }
    check_period(period, if month < 12 { life + 1 } else { life })?;
    let rate = db_rate(cost, salvage, life)?;
    let months = Decimal::from(month);
    let twelve = Decimal::from(12);
    let mut total = cost * rate * months / twelve;
    let mut current = total;
    for _ in 2..=period.min(life) {
        current = (cost - total) * rate;
        total += current;
    }
    if period > life {
        current = (cost - total) * rate * (twelve - months) / twelve;
    }
    Ok(current)
}

/// Excel's `DDB(cost, salvage, life, period, [factor])`: declining balance at
/// `factor / life` of the book value, never below salvage:
/// `min(book · factor/life, book - salvage)`.
pub fn ddb(
    cost: Decimal,
    salvage: Decimal,
    life: u32,
    period: u32,
    factor: Decimal,
) -> FinanceResult<Decimal> {
    check_cost_salvage(cost, salvage)?;
    check_life(life)?;
    check_period(period, life)?;
    if factor <= Decimal::ZERO {
        return Err(FinanceError::invalid(
            "factor",
            format!("{factor} is not above zero"),
        ));
    }
    let rate = factor / Decimal::from(life);
    let mut book = cost;
    let mut current = Decimal::ZERO;
    for _ in 0..period {
        current = (book * rate).min(book - salvage).max(Decimal::ZERO);
        book -= current;
    }
    Ok(current)
}

/// How a schedule spreads cost - salvage over the years of life.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum DepreciationMethod {
    #[default]
    StraightLine,
    /// Excel's `DB`: a fixed rate `1 - (salvage/cost)^(1/life)` rounded to 3 decimals.
    DecliningBalance,
    /// Excel's `DDB` with `factor` (2 unless given), never below salvage.
    DoubleDecliningBalance,
    SumOfYearsDigits,
}

/// How much of a year the first fiscal year holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum FirstYearConvention {
    /// The in-service month counts whole, through the end of the fiscal year.
    #[default]
    FullMonth,
    /// Half a year, whatever the month.
    HalfYear,
}

/// A depreciation schedule's inputs.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DepreciationScheduleInput {
    #[serde(with = "decimal_text")]
    pub cost: Decimal,
    #[serde(default, with = "decimal_text")]
    pub salvage: Decimal,
    pub life_years: u32,
    #[serde(default)]
    pub method: DepreciationMethod,
    /// DDB's factor (2 when absent); other methods refuse it.
    #[serde(
        default,
        with = "decimal_text::option",
        skip_serializing_if = "Option::is_none"
    )]
    pub factor: Option<Decimal>,
    /// The date the device enters service.
    pub in_service: NaiveDate,
    #[serde(default)]
    pub convention: FirstYearConvention,
    /// The month the fiscal year starts in (1 = January); fiscal years are named by the
    /// calendar year they end in (`lifecycle::fiscal_year_of`).
    #[serde(default = "january")]
    pub fiscal_year_start_month: u32,
}

fn january() -> u32 {
    1
}

/// One fiscal year of a schedule, amounts rounded to the cent.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DepreciationYear {
    pub fiscal_year: i32,
    #[serde(with = "decimal_text")]
    pub expense: Decimal,
    #[serde(with = "decimal_text")]
    pub accumulated: Decimal,
    /// Book value at the end of the fiscal year.
    #[serde(with = "decimal_text")]
    pub book_value: Decimal,
}

/// The expense of each fiscal year; the expenses add up to `total` = cost - salvage.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DepreciationSchedule {
    pub years: Vec<DepreciationYear>,
    #[serde(with = "decimal_text")]
    pub total: Decimal,
}

/// Depreciation of each year of life by `method`; the last year takes what remains.
fn life_years(input: &DepreciationScheduleInput, factor: Decimal) -> FinanceResult<Vec<Decimal>> {
    let (cost, salvage, life) = (input.cost, input.salvage, input.life_years);
    let base = cost - salvage;
    let mut amounts = Vec::with_capacity(life as usize);
    let mut taken = Decimal::ZERO;
    for year in 1..=life {
        let raw = match input.method {
            DepreciationMethod::StraightLine => base / Decimal::from(life),
            DepreciationMethod::DecliningBalance => db(cost, salvage, life, year, 12)?,
            DepreciationMethod::DoubleDecliningBalance => ddb(cost, salvage, life, year, factor)?,
            DepreciationMethod::SumOfYearsDigits => syd(cost, salvage, life, year)?,
        };
        let left = base - taken;
        let amount = if year == life {
            left
        } else {
            raw.min(left).max(Decimal::ZERO)
        };
        taken += amount;
        amounts.push(amount);
    }
    Ok(amounts)
}

/// The share of a year the first fiscal year holds.
fn first_share(input: &DepreciationScheduleInput) -> Decimal {
    match input.convention {
        FirstYearConvention::HalfYear => Decimal::new(5, 1),
        FirstYearConvention::FullMonth => {
            let month = chrono::Datelike::month(&input.in_service) as i64;
            let start = i64::from(input.fiscal_year_start_month);
            let before = (month - start).rem_euclid(12);
            Decimal::from(12 - before) / Decimal::from(12)
        }
    }
}

/// The depreciation expense of each fiscal year from the in-service date to the end of
/// the life (see the module documentation for the conventions).
pub fn depreciation_schedule(
    input: &DepreciationScheduleInput,
) -> FinanceResult<DepreciationSchedule> {
    check_cost_salvage(input.cost, input.salvage)?;
    if input.life_years == 0 {
        return Err(FinanceError::ZeroLife {
            field: "life_years".into(),
        });
    }
    if input.life_years > MAX_SCHEDULE_YEARS {
        return Err(FinanceError::invalid(
            "life_years",
            format!("at most {MAX_SCHEDULE_YEARS} years"),
        ));
    }
    if !(1..=12).contains(&input.fiscal_year_start_month) {
        return Err(FinanceError::invalid(
            "fiscal_year_start_month",
            "give a month from 1 to 12",
        ));
    }
    let factor = match (input.method, input.factor) {
        (DepreciationMethod::DoubleDecliningBalance, f) => f.unwrap_or(Decimal::TWO),
        (_, None) => Decimal::TWO,
        (_, Some(_)) => {
            return Err(FinanceError::invalid(
                "factor",
                "only double_declining_balance takes a factor",
            ))
        }
    };
    let by_life = life_years(input, factor).map_err(|e| match e.field() {
        "life" => FinanceError::invalid("life_years", e.to_string()),
        _ => e,
    })?;
    let share = first_share(input);
    let rest = Decimal::ONE - share;
    let mut exact = Vec::with_capacity(by_life.len() + 1);
    for (k, amount) in by_life.iter().enumerate() {
        let carried = if k == 0 {
            Decimal::ZERO
        } else {
            rest * by_life[k - 1]
        };
        exact.push(carried + share * amount);
    }
    if !rest.is_zero() {
        exact.push(rest * by_life.last().copied().unwrap_or_default());
    }
    let total = input.cost - input.salvage;
    let rounded = round_amounts_to(&exact, total, 2);
    let first = fiscal_year_of(input.in_service, input.fiscal_year_start_month);
    let mut accumulated = Decimal::ZERO;
    let years = rounded
        .into_iter()
        .zip(first..)
        .map(|(expense, fiscal_year)| {
            accumulated += expense;
            DepreciationYear {
                fiscal_year,
                expense,
                accumulated,
                book_value: input.cost - accumulated,
            }
        })
        .collect();
    Ok(DepreciationSchedule { years, total })
}

#[cfg(test)]
mod tests {
    use super::*;
    use rust_decimal_macros::dec;

    fn cents(d: Decimal) -> Decimal {
        d.round_dp_with_strategy(2, RoundingStrategy::MidpointAwayFromZero)
    }

    /// Microsoft Support, "SLN function" (Excel): =SLN(30000, 7500, 10) = $2,250.
    #[test]
    fn sln_example() {
        assert_eq!(sln(dec!(30000), dec!(7500), dec!(10)), Ok(dec!(2250)));
        assert_eq!(
            sln(dec!(30000), dec!(7500), dec!(0)).unwrap_err().field(),
            "life"
        );
    }

    /// Microsoft Support, "SYD function" (Excel): =SYD(30000, 7500, 10, 1) = $4,090.91 and
    /// period 10 = $409.09.
    #[test]
    fn syd_example() {
        assert_eq!(
            cents(syd(dec!(30000), dec!(7500), 10, 1).unwrap()),
            dec!(4090.91)
        );
        assert_eq!(
            cents(syd(dec!(30000), dec!(7500), 10, 10).unwrap()),
            dec!(409.09)
        );
    }

    /// Microsoft Support, "DB function" (Excel), and ECMA-376 Part 1 §18.17.7.71 (DB): cost
    /// 1,000,000, salvage 100,000, life 6, month 7: 186,083.33; 259,639.42; 176,814.44;
    /// 120,410.64; 81,999.64; 55,841.76; 15,845.10.
    #[test]
    fn db_example() {
        let published = [
            dec!(186083.33),
            dec!(259639.42),
            dec!(176814.44),
            dec!(120410.64),
            dec!(81999.64),
            dec!(55841.76),
            dec!(15845.10),
        ];
        for (period, want) in (1..=7).zip(published) {
            let got = db(dec!(1000000), dec!(100000), 6, period, 7).unwrap();
            assert_eq!(cents(got), want, "period {period}");
        }
        assert_eq!(
            db(dec!(1000000), dec!(100000), 6, 7, 12)
                .unwrap_err()
                .field(),
            "period"
        );
        assert_eq!(
            db(dec!(1000000), dec!(100000), 6, 1, 13)
                .unwrap_err()
                .field(),
            "month"
        );
    }

    /// Microsoft Support, "DDB function" (Excel), and ECMA-376 Part 1 §18.17.7.77 (DDB): cost
    /// 2,400, salvage 300, life 10 years: first day 1.32, first month 40.00, first year
    /// 480.00, second year with factor 1.5 306.00, tenth year 22.12.
    #[test]
    fn ddb_example() {
        let (c, s) = (dec!(2400), dec!(300));
        assert_eq!(cents(ddb(c, s, 3650, 1, dec!(2)).unwrap()), dec!(1.32));
        assert_eq!(cents(ddb(c, s, 120, 1, dec!(2)).unwrap()), dec!(40.00));
        assert_eq!(cents(ddb(c, s, 10, 1, dec!(2)).unwrap()), dec!(480.00));
        assert_eq!(cents(ddb(c, s, 10, 2, dec!(1.5)).unwrap()), dec!(306.00));
        assert_eq!(cents(ddb(c, s, 10, 10, dec!(2)).unwrap()), dec!(22.12));
    }

    #[test]
    fn refusals_name_the_field() {
        assert_eq!(
            sln(dec!(100), dec!(200), dec!(5)),
            Err(FinanceError::SalvageAboveCost {
                field: "salvage".into(),
                salvage: dec!(200),
                cost: dec!(100)
            })
        );
        assert_eq!(
            syd(dec!(100), dec!(0), 0, 1),
            Err(FinanceError::ZeroLife {
                field: "life".into()
            })
        );
        assert_eq!(
            ddb(dec!(100), dec!(0), 5, 6, dec!(2)).unwrap_err().field(),
            "period"
        );
        assert_eq!(
            ddb(dec!(100), dec!(0), 5, 1, dec!(0)).unwrap_err().field(),
            "factor"
        );
        assert_eq!(sln(dec!(-1), dec!(0), dec!(5)).unwrap_err().field(), "cost");
    }

    fn input(
        method: DepreciationMethod,
        convention: FirstYearConvention,
        month: u32,
    ) -> DepreciationScheduleInput {
        DepreciationScheduleInput {
            cost: dec!(120000),
            salvage: dec!(12000),
            life_years: 5,
            method,
            factor: None,
            in_service: NaiveDate::from_ymd_opt(2026, month, 15).unwrap(),
            convention,
            fiscal_year_start_month: 7,
        }
    }

    #[test]
    fn straight_line_by_fiscal_year() {
        // In service in October with a July fiscal year: 9 of FY2027's 12 months.
        let s = depreciation_schedule(&input(
            DepreciationMethod::StraightLine,
            FirstYearConvention::FullMonth,
            10,
        ))
        .unwrap();
        let expenses: Vec<Decimal> = s.years.iter().map(|y| y.expense).collect();
        assert_eq!(
            expenses,
            [
                dec!(16200),
                dec!(21600),
                dec!(21600),
                dec!(21600),
                dec!(21600),
                dec!(5400)
            ]
        );
        assert_eq!(s.years[0].fiscal_year, 2027);
        assert_eq!(s.years.last().unwrap().fiscal_year, 2032);
        assert_eq!(s.years.last().unwrap().book_value, dec!(12000));
        // In service in the fiscal year's first month: exactly the life in fiscal years.
        let s = depreciation_schedule(&input(
            DepreciationMethod::StraightLine,
            FirstYearConvention::FullMonth,
            7,
        ))
        .unwrap();
        assert_eq!(s.years.len(), 5);
        // Half-year: half a year first and last.
        let s = depreciation_schedule(&input(
            DepreciationMethod::StraightLine,
            FirstYearConvention::HalfYear,
            10,
        ))
        .unwrap();
        assert_eq!(s.years[0].expense, dec!(10800));
        assert_eq!(s.years[5].expense, dec!(10800));
    }

    #[test]
    fn accelerated_schedules_add_up_to_cost_less_salvage() {
        for method in [
            DepreciationMethod::DecliningBalance,
            DepreciationMethod::DoubleDecliningBalance,
            DepreciationMethod::SumOfYearsDigits,
        ] {
            for month in 1..=12 {
                let s =
                    depreciation_schedule(&input(method, FirstYearConvention::FullMonth, month))
                        .unwrap();
                let sum: Decimal = s.years.iter().map(|y| y.expense).sum();
                assert_eq!(sum, dec!(108000), "{method:?} {month}");
                assert!(s
                    .years
                    .iter()
                    .all(|y| y.expense >= Decimal::ZERO && y.book_value >= dec!(12000)));
            }
        }
        // A fixed-rate declining balance from October (9 months) matches Excel's DB with
        // month = 9 in the years before the last.
        let s = depreciation_schedule(&input(
            DepreciationMethod::DecliningBalance,
            FirstYearConvention::FullMonth,
            10,
        ))
        .unwrap();
        for (period, year) in (1..=4).zip(&s.years) {
            assert_eq!(
                year.expense,
                cents(db(dec!(120000), dec!(12000), 5, period, 9).unwrap()),
                "{period}"
            );
        }
    }

    #[test]
    fn schedule_refusals() {
        let mut i = input(
            DepreciationMethod::StraightLine,
            FirstYearConvention::FullMonth,
            1,
        );
        i.life_years = 0;
        assert_eq!(depreciation_schedule(&i).unwrap_err().field(), "life_years");
        let mut i = input(
            DepreciationMethod::StraightLine,
            FirstYearConvention::FullMonth,
            1,
        );
        i.salvage = dec!(200000);
        assert_eq!(depreciation_schedule(&i).unwrap_err().field(), "salvage");
        let mut i = input(
            DepreciationMethod::StraightLine,
            FirstYearConvention::FullMonth,
            1,
        );
        i.factor = Some(dec!(1.5));
        assert_eq!(depreciation_schedule(&i).unwrap_err().field(), "factor");
    }
}
