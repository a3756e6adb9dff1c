//! Group purchasing: many hospitals' portfolios side by side, for an analyst who advises
//! them on which products to standardise on and what they should cost.
//!
//! Pure: the members arrive read (`crate::workspace` opens their files read-only) as
//! [`Member`]s, their quotes as [`MemberQuote`]s. Here: the same device matched across
//! members ([`matching`], on names brought to one form by [`names`]), the price
//! benchmark per model and per product code with each member's savings ([`benchmark`],
//! on [`stats`] and prices brought to one currency and date by [`index`]), the
//! standardisation of each device type ([`standardise`]) and the aggregate demand with
//! the members' rankings ([`demand`]). docs/group-purchasing.md states every rule.

pub mod benchmark;
pub mod demand;
pub mod index;
pub mod matching;
pub mod names;
pub mod standardise;
pub mod stats;
#[cfg(test)]
mod tests;

use chrono::NaiveDate;
use rust_decimal::Decimal;
use serde::Serialize;
use ts_rs::TS;

pub use benchmark::{benchmark, Benchmark, GroupSettings};
pub use demand::{demand, Demand};
pub use index::{Currencies, PriceIndex, Rate};
pub use matching::{match_models, Decision, MatchDecision, Matching};
pub use standardise::{standardise, Standardisation};

use crate::money::decimal_text;

/// One quote of one member: a candidate of one of its capital requests, with its cost
/// model's terms where it has one, and the member committee's ranking of it.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct MemberQuote {
    /// The request's title.
    pub request: String,
    pub fiscal_year: i32,
    /// Units the request asks for.
    pub requested_quantity: u32,
    pub manufacturer: String,
    pub model: String,
    pub product_code: Option<String>,
    pub currency: String,
    /// The quoted price of one unit, before discount and trade-in.
    #[serde(with = "decimal_text")]
    #[ts(type = "string")]
    pub unit_price: Decimal,
    /// The quoted quantity; a quote of no units is refused by the benchmark.
    pub quantity: u32,
    /// Discount off the purchase, percent.
    #[serde(with = "decimal_text")]
    #[ts(type = "string")]
    pub discount_pct: Decimal,
    /// Trade-in credit for the whole quote.
    #[serde(with = "decimal_text")]
    #[ts(type = "string")]
    pub trade_in_credit: Decimal,
    /// The service contract per year for the whole quantity.
    #[serde(with = "decimal_text")]
    #[ts(type = "string")]
    pub service_annual: Decimal,
    pub warranty_years: u32,
    /// Initial training and IT integration (interfaces, licences), for the whole quote.
    #[serde(with = "decimal_text")]
    #[ts(type = "string")]
    pub training: Decimal,
    #[serde(with = "decimal_text")]
    #[ts(type = "string")]
    pub interfaces: Decimal,
    /// From the cost model; `None` when the quote has none.
    pub expected_life_years: Option<u32>,
    #[ts(type = "string | null")]
    pub quote_date: Option<NaiveDate>,
    /// The member committee's rank of this candidate in its request (1 is preferred);
    /// `None` while unranked.
    pub rank: Option<u32>,
    /// Its weighted score, points of 100 as the member's ranking shows it.
    #[serde(with = "decimal_text::option")]
    #[ts(type = "string | null")]
    pub score: Option<Decimal>,
    /// For the first ranked: points ahead of the second; `None` otherwise.
    #[serde(with = "decimal_text::option")]
    #[ts(type = "string | null")]
    pub lead: Option<Decimal>,
}

/// A model in a member's installed base (inventory), counted.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct InstalledModel {
    pub manufacturer: String,
    pub model: String,
    pub product_code: Option<String>,
    pub units: u32,
}

/// A member hospital: its name, where it was read from, its quotes and installed base.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct Member {
    pub name: String,
    /// The file it was read from, as given.
    pub source: String,
    pub quotes: Vec<MemberQuote>,
    pub installed: Vec<InstalledModel>,
}

impl MemberQuote {
    /// The price of one unit net of discount and trade-in: `unit price × (1 − discount
    /// / 100) − trade-in / quantity`, in the quote's currency (not rounded).
    pub fn net_unit_price(&self) -> Decimal {
        let q = Decimal::from(self.quantity.max(1));
        self.unit_price * (Decimal::ONE - self.discount_pct / Decimal::ONE_HUNDRED)
            - self.trade_in_credit / q
    }

    /// The service contract per unit and year.
    pub fn service_per_unit(&self) -> Decimal {
        self.service_annual / Decimal::from(self.quantity.max(1))
    }

    /// Manufacturer and model as the member typed them.
    pub fn label(&self) -> String {
        format!("{} {}", self.manufacturer.trim(), self.model.trim())
    }
}

/// An amount rounded to the cent, half away from zero.
pub(crate) fn cents(d: Decimal) -> Decimal {
    d.round_dp_with_strategy(2, rust_decimal::RoundingStrategy::MidpointAwayFromZero)
        .normalize()
}
