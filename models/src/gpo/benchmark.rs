//! The price benchmark: per model and per product code, members' prices net of discount
//! and trade-in, in the group's currency, brought to the as-of year; their spread
//! (median, quartiles, best, Tukey outliers, [`super::stats`]), the service contract per
//! unit and year, the medians by quantity band (so prices are compared at similar
//! quantities), and what each member would save at the median and at the best price.
//!
//! A member's saving on a quote is `max(0, its net unit price − target) × its quantity`:
//! a member already at or below the target saves nothing (and is not charged the
//! difference). Net unit prices are rounded to the cent once converted and indexed; the
//! statistics are computed on those cents.

use chrono::{Datelike, NaiveDate};
use rust_decimal::Decimal;
use serde::Serialize;
use ts_rs::TS;

use super::index::{Currencies, IndexUsed, PriceIndex, Rate};
use super::matching::{MatchStatus, Matching};
use super::stats::{spread, Spread};
use super::{cents, Member};
use crate::error::{Error, Result};
use crate::inventory::fda;
use crate::money::decimal_text;

/// Quantity bands prices are compared within: 1–4, 5–19, 20–99, 100 and more units.
pub const BANDS: [(u32, &str); 4] = [(1, "1-4"), (5, "5-19"), (20, "20-99"), (100, "100+")];

/// The band a quoted quantity falls in.
pub fn band(quantity: u32) -> &'static str {
    BANDS
        .iter()
        .rev()
        .find(|(from, _)| quantity >= *from)
        .map_or(BANDS[0].1, |(_, b)| b)
}

/// What the benchmark is computed against.
#[derive(Debug, Clone, PartialEq)]
pub struct GroupSettings {
    pub as_of: NaiveDate,
    pub index: PriceIndex,
    pub currencies: Currencies,
}

/// One member's quote as the benchmark compares it.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct PricePoint {
    pub member: String,
    pub request: String,
    pub fiscal_year: i32,
    pub quantity: u32,
    pub band: String,
    /// The quote's currency, and its unit price there before discount and trade-in.
    pub currency: String,
    #[serde(with = "decimal_text")]
    #[ts(type = "string")]
    pub quoted_unit_price: Decimal,
    /// The calendar year the price is of (the as-of year when the quote has no date).
    pub price_year: i32,
    pub undated: bool,
    /// The exchange rate and index factor applied.
    #[serde(with = "decimal_text")]
    #[ts(type = "string")]
    pub rate: Decimal,
    #[serde(with = "decimal_text")]
    #[ts(type = "string")]
    pub index_factor: Decimal,
    /// Net of discount and trade-in, converted and indexed, to the cent.
    #[serde(with = "decimal_text")]
    #[ts(type = "string")]
    pub net_unit_price: Decimal,
    /// Service contract per unit and year, converted and indexed, to the cent.
    #[serde(with = "decimal_text")]
    #[ts(type = "string")]
    pub service_per_unit: Decimal,
    /// Outside Tukey's fences of its model's prices.
    pub outlier: bool,
}

/// Every member quote priced: `points[member][quote]`.
#[derive(Debug, Clone, PartialEq)]
pub struct Priced {
    pub currency: String,
    pub rates: Vec<Rate>,
    pub index: IndexUsed,
    pub points: Vec<Vec<PricePoint>>,
}

/// Prices every quote of `members`: refused for a quote of no units, a currency mix
/// without rates, or an index without a year's value.
pub fn price(members: &[Member], s: &GroupSettings) -> Result<Priced> {
    let used: Vec<(String, String)> = members
        .iter()
        .flat_map(|m| {
            m.quotes
                .iter()
                .map(|q| (q.currency.clone(), m.name.clone()))
        })
        .collect();
    let currency = s.currencies.resolve(&used)?;
    let to_year = s.as_of.year();
    let mut years = Vec::new();
    let mut points = Vec::new();
    for m in members {
        let mut mine = Vec::new();
        for q in &m.quotes {
            if q.quantity == 0 {
                return Err(Error::validation(
                    format!("{}: request '{}', {}", m.name, q.request, q.label()),
                    "the quote has no quantity: its unit price cannot be compared without the units it buys; enter the quoted quantity in the member's portfolio",
                ));
            }
            let price_year = q.quote_date.map_or(to_year, |d| d.year());
            years.push(price_year);
            let rate = s.currencies.rate(&q.currency, &currency);
            let index_factor = s.index.factor(price_year, to_year)?;
            mine.push(PricePoint {
                member: m.name.clone(),
                request: q.request.clone(),
                fiscal_year: q.fiscal_year,
                quantity: q.quantity,
                band: band(q.quantity).into(),
                currency: q.currency.to_ascii_uppercase(),
                quoted_unit_price: q.unit_price,
                price_year,
                undated: q.quote_date.is_none(),
                rate,
                index_factor,
                net_unit_price: cents(q.net_unit_price() * rate * index_factor),
                service_per_unit: cents(q.service_per_unit() * rate * index_factor),
                outlier: false,
            });
        }
        points.push(mine);
    }
    years.sort_unstable();
    years.dedup();
    let mut rates: Vec<Rate> = s
        .currencies
        .rates
        .iter()
        .filter(|r| {
            used.iter()
                .any(|(c, _)| c.eq_ignore_ascii_case(&r.currency))
        })
        .cloned()
        .collect();
    rates.sort_by(|a, b| a.currency.cmp(&b.currency));
    Ok(Priced {
        currency,
        rates,
        index: s.index.used(&years, to_year)?,
        points,
    })
}

/// A member's savings on one model.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct MemberSaving {
    pub member: String,
    pub quantity: u32,
    /// What its quotes come to at its net prices.
    #[serde(with = "decimal_text")]
    #[ts(type = "string")]
    pub paid: Decimal,
    #[serde(with = "decimal_text")]
    #[ts(type = "string")]
    pub at_median: Decimal,
    #[serde(with = "decimal_text")]
    #[ts(type = "string")]
    pub at_best: Decimal,
}

/// The median of one quantity band.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct BandMedian {
    pub band: String,
    pub n: usize,
    #[serde(with = "decimal_text")]
    #[ts(type = "string")]
    pub median: Decimal,
}

/// The benchmark of one model.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct ModelBenchmark {
    pub key: String,
    pub label: String,
    pub product_code: Option<String>,
    pub status: MatchStatus,
    pub members: Vec<String>,
    /// Units quoted over every member's quotes of the model.
    pub units: u32,
    /// Net unit prices.
    pub price: Spread,
    /// Service contract per unit and year, over the quotes that have one.
    pub service: Option<Spread>,
    pub bands: Vec<BandMedian>,
    /// Cheapest first.
    pub points: Vec<PricePoint>,
    pub savings: Vec<MemberSaving>,
}

/// The benchmark of one product code, over every model of it.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct CodeBenchmark {
    pub product_code: String,
    /// FDA's device name for the code, when the embedded classification knows it.
    pub device_name: Option<String>,
    pub models: Vec<String>,
    pub members: Vec<String>,
    pub price: Spread,
}

/// A member's savings over every model.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct MemberTotal {
    pub member: String,
    #[serde(with = "decimal_text")]
    #[ts(type = "string")]
    pub paid: Decimal,
    #[serde(with = "decimal_text")]
    #[ts(type = "string")]
    pub at_median: Decimal,
    #[serde(with = "decimal_text")]
    #[ts(type = "string")]
    pub at_best: Decimal,
}

/// The group's price benchmark.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct Benchmark {
    #[ts(type = "string")]
    pub as_of: NaiveDate,
    pub currency: String,
    /// The rates quotes in other currencies were converted at.
    pub rates: Vec<Rate>,
    pub index: IndexUsed,
    pub members: Vec<String>,
    pub models: Vec<ModelBenchmark>,
    pub product_codes: Vec<CodeBenchmark>,
    pub totals: Vec<MemberTotal>,
    /// Uncertain matches not yet confirmed or split.
    pub matches_to_review: usize,
    pub notes: Vec<String>,
}

/// The benchmark of every model of `matching` and every product code.
pub fn benchmark(members: &[Member], matching: &Matching, s: &GroupSettings) -> Result<Benchmark> {
    let priced = price(members, s)?;
    let models: Vec<ModelBenchmark> = matching
        .models
        .iter()
        .filter_map(|m| model_benchmark(m, &priced))
        .collect();
    let totals = members
        .iter()
        .map(|m| {
            let mine = models
                .iter()
                .flat_map(|b| b.savings.iter())
                .filter(|s| s.member == m.name);
            let mut t = MemberTotal {
                member: m.name.clone(),
                paid: Decimal::ZERO,
                at_median: Decimal::ZERO,
                at_best: Decimal::ZERO,
            };
            for s in mine {
                t.paid += s.paid;
                t.at_median += s.at_median;
                t.at_best += s.at_best;
            }
            t
        })
        .collect();
    let mut notes = Vec::new();
    let undated = priced.points.iter().flatten().filter(|p| p.undated).count();
    if undated > 0 {
        notes.push(format!(
            "{undated} quote(s) have no date: taken as of {} and not indexed",
            s.as_of
        ));
    }
    if matching.to_review > 0 {
        notes.push(format!(
            "{} uncertain match(es) to review: they are benchmarked as one model until confirmed or split",
            matching.to_review
        ));
    }
    Ok(Benchmark {
        as_of: s.as_of,
        currency: priced.currency.clone(),
        rates: priced.rates.clone(),
        index: priced.index.clone(),
        members: members.iter().map(|m| m.name.clone()).collect(),
        product_codes: code_benchmarks(&models),
        models,
        totals,
        matches_to_review: matching.to_review,
        notes,
    })
}

fn model_benchmark(m: &super::matching::MatchedModel, priced: &Priced) -> Option<ModelBenchmark> {
    let mut points: Vec<PricePoint> = m
        .quotes
        .iter()
        .map(|&(mi, qi)| priced.points[mi][qi].clone())
        .collect();
    let prices: Vec<Decimal> = points.iter().map(|p| p.net_unit_price).collect();
    let price = spread(&prices)?;
    for p in &mut points {
        p.outlier = price.is_outlier(p.net_unit_price);
    }
    points.sort_by(|a, b| {
        (a.net_unit_price, &a.member, &a.request).cmp(&(b.net_unit_price, &b.member, &b.request))
    });
    let services: Vec<Decimal> = points
        .iter()
        .map(|p| p.service_per_unit)
        .filter(|s| !s.is_zero())
        .collect();
    let bands = super::benchmark::BANDS
        .iter()
        .filter_map(|(_, b)| {
            let v: Vec<Decimal> = points
                .iter()
                .filter(|p| p.band == *b)
                .map(|p| p.net_unit_price)
                .collect();
            spread(&v).map(|s| BandMedian {
                band: (*b).into(),
                n: s.n,
                median: s.median,
            })
        })
        .collect();
    let savings = m
        .members
        .iter()
        .map(|member| {
            let mut s = MemberSaving {
                member: member.clone(),
                quantity: 0,
                paid: Decimal::ZERO,
                at_median: Decimal::ZERO,
                at_best: Decimal::ZERO,
            };
            for p in points.iter().filter(|p| &p.member == member) {
                let q = Decimal::from(p.quantity);
                s.quantity += p.quantity;
                s.paid += p.net_unit_price * q;
                s.at_median += (p.net_unit_price - price.median).max(Decimal::ZERO) * q;
                s.at_best += (p.net_unit_price - price.best).max(Decimal::ZERO) * q;
            }
            s.at_median = cents(s.at_median);
            s.at_best = cents(s.at_best);
            s
        })
        .collect();
    Some(ModelBenchmark {
        key: m.key.clone(),
        label: m.label.clone(),
        product_code: m.product_code.clone(),
        status: m.status,
        members: m.members.clone(),
        units: points.iter().map(|p| p.quantity).sum(),
        price,
        service: spread(&services),
        bands,
        points,
        savings,
    })
}

fn code_benchmarks(models: &[ModelBenchmark]) -> Vec<CodeBenchmark> {
    let mut codes: Vec<&str> = models
        .iter()
        .filter_map(|m| m.product_code.as_deref())
        .collect();
    codes.sort_unstable();
    codes.dedup();
    codes
        .into_iter()
        .filter_map(|code| {
            let of: Vec<&ModelBenchmark> = models
                .iter()
                .filter(|m| m.product_code.as_deref() == Some(code))
                .collect();
            let prices: Vec<Decimal> = of
                .iter()
                .flat_map(|m| m.points.iter().map(|p| p.net_unit_price))
                .collect();
            let mut members: Vec<String> = of.iter().flat_map(|m| m.members.clone()).collect();
            members.sort();
            members.dedup();
            Some(CodeBenchmark {
                product_code: code.into(),
                device_name: fda::product_code(code).map(|p| p.device_name.clone()),
                models: of.iter().map(|m| m.label.clone()).collect(),
                members,
                price: spread(&prices)?,
            })
        })
        .collect()
}
